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

/**
 * After rows were written with ids of their own (a bulk import, a moved book): PostgreSQL's
 * identity column goes on from the largest (SQLite's rowid does by itself). `column` is `id`, or
 * `rowid` for a table without one.
 */
export function identityAfter(book: Pick<Book, 'driver'>, table: string, column: 'id' | 'rowid' = 'id'): void {
  if (book.driver.engine !== 'postgres') return;
  book.driver.run(
    `select setval(pg_get_serial_sequence('"${table}"', '${column}'), coalesce((select max(${column}) from "${table}"), 0) + 1, false)`,
    [],
  );
}

/**
 * The columns of other tables that refer to a table's rows and keep them from being deleted (not
 * `on delete cascade` or `set null`), from the schema's foreign keys: SQLite's pragma, PostgreSQL's catalog.
 */
export function foreignKeysTo(book: Pick<Book, 'driver'>, table: string): { name: string; from: string }[] {
  return book.driver.engine === 'postgres'
    ? book.driver.all(
        `select c.conrelid::regclass::text as name, a.attname as "from" from pg_constraint c
           join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
           where c.contype = 'f' and c.confrelid = to_regclass(?) and c.confdeltype not in ('c', 'n') order by 1, 2`,
        [table],
      )
    : book.driver.all(
        `select m.name, f."from" from sqlite_master m join pragma_foreign_key_list(m.name) f
           where m.type = 'table' and f."table" = ? and f.on_delete not in ('CASCADE', 'SET NULL') order by m.name`,
        [table],
      );
}

/** LIKE blind to the case of ASCII letters, as SQLite's is: PostgreSQL's `ilike`. */
export const likeCaseBlind = (book: Pick<Book, 'driver'>): 'like' | 'ilike' =>
  book.driver.engine === 'postgres' ? 'ilike' : 'like';

/** A table's columns in their order: SQLite's pragma, PostgreSQL's information schema. */
export function columnsOf(book: Pick<Book, 'driver'>, table: string): string[] {
  return book.driver
    .all<{ name: string }>(
      book.driver.engine === 'postgres'
        ? 'select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ? order by ordinal_position'
        : 'select name from pragma_table_info(?)',
      [table],
    )
    .map((c) => c.name);
}

/**
 * After many rows were written at once (a moved book, a sales history, a demo company): PostgreSQL
 * plans from statistics it gathers only now and then, and a plan made on an empty table's guess
 * can cost a report seconds (a sum per purchase line over a scan of receipts: 880 ms on the demo
 * book, 21 ms once analysed). `analyze` as a bulk load's last step, as pg_restore's own advice has it.
 * SQLite plans without statistics here, as the book's query plans are tested.
 */
export function refreshStatistics(book: Pick<Book, 'driver'>): void {
  if (book.driver.engine === 'postgres' && !book.driver.inTransaction) book.driver.run('analyze', []);
}
