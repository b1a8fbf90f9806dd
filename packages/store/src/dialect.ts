import type { Book } from './book.js';

/**
 * What the two engines write differently, in one place, for statements that take a list as one
 * JSON parameter: SQLite reads it with `json_each`, PostgreSQL with `json_array_elements_text`,
 * both as rows with a `value` column.
 */

/** A JSON array (a parameter, `?`, unless told) as a table of its elements, column `value`. */
export function jsonElements(book: Pick<Book, 'driver'>, array = '?'): string {
  return book.driver.engine === 'postgres' ? `json_array_elements_text((${array})::json)` : `json_each(${array})`;
}

/**
 * A subquery of a JSON array's elements, for `column in (…)`: of the column's type on PostgreSQL,
 * which compares a bigint with a bigint only (SQLite takes the JSON's own numbers and strings).
 *
 * @example
 * `select name from products where id in (${jsonValues(book, 'bigint')})`
 */
export function jsonValues(book: Pick<Book, 'driver'>, type: 'text' | 'bigint' = 'text', array = '?'): string {
  return book.driver.engine === 'postgres'
    ? `select value::${type} as value from ${jsonElements(book, array)} as value`
    : `select value from ${jsonElements(book, array)}`;
}

/** The larger of values in one row: SQLite's scalar `max`, PostgreSQL's `greatest`. */
export const greatest = (book: Pick<Book, 'driver'>): 'max' | 'greatest' =>
  book.driver.engine === 'postgres' ? 'greatest' : 'max';
