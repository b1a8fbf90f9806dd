import { z } from 'zod';
import { parseBoolean } from '../boolean.js';
import { parseDate } from '../calendar.js';
import { type ColumnSpec, textOnly } from '../columns.js';
import { moneyOptionsInput } from '../input.js';
import { fail, ok, type Result } from '../issue.js';
import { type MoneyOptions, parseMoney } from '../money.js';
import { parseQuantity } from '../quantity.js';
import { parsePercent } from '../rate.js';

/** How a column is called: its export header, its English and Chinese labels, other headers read. */
export interface ColumnNames {
  readonly header: string;
  readonly en: string;
  readonly zh: string;
  readonly aliases?: readonly string[];
}

/** Whether a column must be in the file, or what a blank cell means. */
export type Need<V> = { readonly required: true } | { readonly required: false; readonly fallback: V };

export const required = { required: true } as const;
export const optional = <V>(fallback: V): Need<V> => ({ required: false, fallback });

export const moneyArgs = z.object({ money: moneyOptionsInput });

const text = (t: string): Result<string> => ok(t.trim());
const nullableText = (t: string): Result<string | null> => ok(t.trim() === '' ? null : t.trim());
const integer = (t: string): Result<number> => {
  const n = Number(t.trim());
  return Number.isInteger(n)
    ? ok(n)
    : fail({ code: 'integer.format', path: [], message: 'must be a whole number', value: t });
};
const list = (t: string): Result<string[] | null> => {
  const parts = t
    .split(/[;,，；、|]/)
    .map((p) => p.trim())
    .filter(Boolean);
  return ok(parts.length === 0 ? null : parts);
};
/** A percent that may carry a sign, so that a negative rate reaches the rule that refuses it by name. */
const signedPercent = (t: string): Result<number> => {
  const m = /^\s*([-−+]?)\s*(.*)$/.exec(t) as RegExpExecArray;
  const r = parsePercent(m[2] ?? '', Number.POSITIVE_INFINITY);
  return r.ok && m[1] && m[1] !== '+' ? ok(-r.value) : r;
};
/** `2026-03`, `2026/3`, `2026.03` or `2026年3月` as `2026-03`. */
const month = (t: string): Result<string> => {
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/.exec(t.trim());
  const n = Number(m?.[2]);
  return m && n >= 1 && n <= 12
    ? ok(`${m[1]}-${String(n).padStart(2, '0')}`)
    : fail({ code: 'month.format', path: [], message: 'must be a month like 2026-03 or 2026年3月', value: t });
};

/**
 * A cell parser that remembers its last answers: a file repeats the same few prices, quantities
 * and rates a million times over, and the answer is the text's alone. Bounded: the memory is
 * dropped at 10,000 texts, so a file of all different amounts costs only the lookups.
 */
function remembered<V>(parse: (t: string) => Result<V>): (t: string) => Result<V> {
  const answers = new Map<string, Result<V>>();
  return (t) => {
    let answer = answers.get(t);
    if (answer === undefined) {
      answer = parse(t);
      if (answers.size >= 10_000) answers.clear();
      answers.set(t, answer);
    }
    return answer;
  };
}

/**
 * The column pieces for the records of one kind: each reads one sort of cell (text, money,
 * quantity, percent, date, yes/no, a choice, a list) and carries its names and an example cell.
 *
 * @example
 * const c = columnKit<{ code: string }>();
 * c.text('code', { header: 'code', en: 'Code', zh: '编码' }, required, 'C001')
 */
export function columnKit<T>(money: MoneyOptions = {}) {
  type Field = keyof T & string;
  const column = <V>(
    field: Field,
    names: ColumnNames,
    need: Need<V>,
    parse: (t: string) => Result<V>,
    example: string,
  ): ColumnSpec<T> => ({
    field,
    header: names.header,
    aliases: names.aliases ?? [],
    label: { en: names.en, zh: names.zh },
    required: need.required,
    ...(need.required ? {} : { fallback: need.fallback as T[Field] }),
    example,
    parse: textOnly(parse) as ColumnSpec<T>['parse'],
    format: (v: unknown) => (v === null || v === undefined ? '' : String(v)),
  });
  return {
    /** A column read by its own parser. */
    cell: column,
    /** Text kept as written (trimmed); a blank optional cell takes the fallback. */
    text: (field: Field, names: ColumnNames, need: Need<string | null>, example: string) =>
      column(field, names, need, need.required || need.fallback !== null ? text : nullableText, example),
    integer: (field: Field, names: ColumnNames, need: Need<number | null>, example = '30') =>
      column(field, names, need, integer, example),
    money: (field: Field, names: ColumnNames, need: Need<number | null>, example = '88.00') =>
      column(
        field,
        names,
        need,
        remembered((t) => parseMoney(t, money)),
        example,
      ),
    quantity: (field: Field, names: ColumnNames, need: Need<number | null>, example = '12') =>
      column(
        field,
        names,
        need,
        remembered((t) => parseQuantity(t)),
        example,
      ),
    percent: (field: Field, names: ColumnNames, need: Need<number | null>, example = '13%') =>
      column(
        field,
        names,
        need,
        remembered((t) => parsePercent(t)),
        example,
      ),
    /** A percent with its sign, for rules that refuse negative rates by name. */
    signedPercent: (field: Field, names: ColumnNames, need: Need<number | null>, example = '3%') =>
      column(field, names, need, signedPercent, example),
    date: (field: Field, names: ColumnNames, need: Need<string | null>, example = '2026-03-01') =>
      column(field, names, need, parseDate, example),
    month: (field: Field, names: ColumnNames, need: Need<string>, example = '2026-03') =>
      column(field, names, need, month, example),
    yesNo: (field: Field, names: ColumnNames, need: Need<boolean | null>, example = '是') =>
      column(field, names, need, parseBoolean, example),
    /** Names separated by `;`, `,`, `、` or `|`. */
    list: (field: Field, names: ColumnNames, need: Need<string[] | null>, example: string) =>
      column(field, names, need, list, example),
    /** One of a few values, by English or Chinese word; `message` names them. */
    choice: <V extends string>(
      field: Field,
      names: ColumnNames,
      need: Need<V>,
      values: Record<string, V>,
      message: string,
      example: string,
    ) =>
      column(
        field,
        names,
        need,
        (t) => {
          const v = values[t.trim().toLowerCase()];
          return v ? ok(v) : fail({ code: 'choice.format', path: [], message, value: t });
        },
        example,
      ),
  };
}
