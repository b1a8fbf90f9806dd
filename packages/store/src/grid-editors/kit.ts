import {
  type ColumnClass,
  type ColumnSpec,
  formatMoney,
  formatPercent,
  formatQuantity,
  type GridCellKind,
  type Issue,
  type MoneyOptions,
  ok,
  type Result,
  validated,
} from '@tradeloop/core';
import type { Book } from '../book.js';
import { foreignKeysTo } from '../dialect.js';

/** What the grid says of one column: how its data reads and whether a person may type into it. */
export interface GridColumn {
  name: string;
  label: { en: string; zh: string };
  kind: GridCellKind;
  /** A person may change the cell of a row that exists. */
  editable: boolean;
  /** A new row takes this cell (the key's columns included). */
  insertable: boolean;
  /** The column (one of the columns) naming the row: typed on insert, never changed after. */
  key?: true;
  required: boolean;
  /** The class of figures the column holds, when some roles never see it. */
  class?: ColumnClass;
  /** The values a choice column takes. */
  choices?: readonly string[];
  /**
   * Where a cell's value leads, `{value}` standing for the value (URL-encoded): a document's
   * number opens the document (`/orders/{value}`).
   */
  href?: string;
}

export type Column = GridColumn & {
  /** The field of the record the kind's editor reads the cell into. */
  field?: string;
};

export const col = (
  name: string,
  en: string,
  zh: string,
  kind: GridCellKind,
  more: Partial<Omit<Column, 'name' | 'label' | 'kind'>> = {},
): Column => ({ name, label: { en, zh }, kind, editable: false, insertable: false, required: false, ...more });
/** A cell a person may change, and type on a new row. */
export const edit = (field: string, required = false) => ({ editable: true, insertable: true, required, field });
/** A key column: typed on a new row, read-only after. */
export const key = (field: string) => ({ key: true as const, insertable: true, required: true, field });
/** A cell typed on a new row only (part of what names it, or fixed once written). */
export const onInsert = (field: string, required = false) => ({ insertable: true, required, field });

/** Who a row belongs to, for actors who see only their own customers. */
export interface RowOwner {
  salesperson: string | null;
  customer: string;
}

export interface Loaded<R> {
  record: R;
  version: number;
  owner?: RowOwner;
}

/**
 * One kind's editor: reads a row into a record, reads typed cells into its fields by the same
 * column rules an import uses, checks the whole record, and writes, adds or removes rows. The
 * engine (`grid.ts`) runs them inside one command: a refusal anywhere rolls everything back.
 */
export interface Editor<R> {
  load(book: Book, key: string): Loaded<R> | undefined;
  /** One cell's value, from the text a person typed (a blank cell: the field's fallback, or required). */
  parse(field: string, text: string): Result<unknown>;
  /** The whole record once its cells are in; issues name fields. `shown` holds the typed texts. */
  validate(record: R, shown: Record<string, string>): Result<R>;
  /** The book's rules on the record (references); issues name fields. `key` is undefined for a new row. */
  check(book: Book, record: R, key: string | undefined): Issue[];
  write(book: Book, key: string, record: R, original: R): void;
  /** A new row's record before its cells are in. Without it the kind takes no new rows. */
  blank?(book: Book): R;
  /** A new row's record once its key cells are in: what it takes from the book (a price list's own scope). */
  seed?(book: Book, record: R): R;
  keyOf?(record: R): string;
  /** The key of a row the new one would clash with, compared as the book compares keys. */
  clash?(book: Book, record: R): string | undefined;
  /** Adds the row; answers its key. */
  insert?(book: Book, record: R): string;
  /** Whose a new row would be, for actors who see only their own customers. */
  ownerOf?(book: Book, record: R): RowOwner | undefined;
  /** Why the row may not be deleted (what in the book still refers to it), or undefined. */
  referenced?(book: Book, key: string, record: R): string | undefined;
  remove?(book: Book, key: string, record: R): void;
  /** Rules over many rows (ranges of one price list), checked after writing: issues `[key, field]`. */
  verify?(book: Book, keys: readonly string[]): Issue[];
}

/** A cell's value by its column spec: blank takes the fallback or is required, else the spec's parser. */
export function specCell<T>(
  specs: readonly ColumnSpec<T>[],
  entity: string,
  field: string,
  text: string,
): Result<unknown> {
  const spec = specs.find((s) => s.field === field);
  if (!spec)
    return { ok: false, issues: [{ code: 'grid.column.readonly', path: [field], message: 'cannot be changed here' }] };
  if (text.trim() === '') {
    if (spec.required)
      return {
        ok: false,
        issues: [{ code: `${entity}.${field}.required`, path: [field], message: 'is required', value: text }],
      };
    return ok(spec.fallback ?? null);
  }
  const parsed = spec.parse(text);
  return parsed.ok ? parsed : { ok: false, issues: parsed.issues.map((i) => ({ ...i, path: [field], value: text })) };
}

/** `parse` and `validate` of an editor from a kind's import column specs and row schema. */
export const fromSpecs = <R>(
  specs: readonly ColumnSpec<R>[],
  schema: Parameters<typeof validated<R>>[0],
  entity: string,
) => ({
  parse: (field: string, text: string) => specCell(specs, entity, field, text),
  validate: (record: R, shown: Record<string, string>): Result<R> => validated(schema, entity, record, shown),
});

/** A cell's data as text a person types, so that an edit of it with this text changes nothing. */
export function cellText(kind: GridCellKind, value: unknown, money: MoneyOptions): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(';');
  if (typeof value === 'object') return JSON.stringify(value);
  switch (kind) {
    case 'money':
      return formatMoney(value as number, money);
    case 'qty':
      return formatQuantity(value as number);
    case 'percent':
      return `${formatPercent(value as number)}%`;
    case 'bool':
      return value ? 'yes' : 'no';
    default:
      return String(value);
  }
}

/** A refusal on one field of a row, for `check`. */
export const fieldIssue = (field: string, code: string, message: string, value?: unknown): Issue => ({
  code,
  path: [field],
  message,
  ...(value === undefined ? {} : { value }),
});

/** `n things` for messages. */
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A table's name read as one of its rows: sales order lines → sales order line. */
const singular = (words: string) =>
  words.endsWith('ies')
    ? `${words.slice(0, -3)}y`
    : /(?:ss|sh|ch|x)es$/.test(words)
      ? words.slice(0, -2)
      : words.replace(/s$/, '');

/**
 * What in the book still refers to a row, from the schema's foreign keys: `3 sales order lines`
 * per table holding references to the id (tables in `except` are the row's own parts, deleted with it).
 */
export function referrers(book: Book, table: string, id: number, except: readonly string[] = []): string[] {
  const links = foreignKeysTo(book, table);
  const out: string[] = [];
  for (const l of links) {
    if (except.includes(l.name)) continue;
    const n = book.exec.value<number>(`select count(*) from "${l.name}" where "${l.from}" = ?`, id) ?? 0;
    const words = l.name.replaceAll('_', ' ');
    if (n > 0) out.push(count(n, singular(words), words));
  }
  return out;
}

/** The refusal message of a row still referred to: what refers to it, and what to do instead. */
export const referencedMessage = (key: string, parts: readonly string[], instead: string) =>
  `${key} is on ${parts.join(', ')}; ${instead}`;
