import { z } from 'zod';
import { assertInput, inputError, inputIssues, inputIssuesOnce } from './input.js';
import { fail, type Issue, ok, type Result } from './issue.js';

/**
 * How one field of a record is read from and written to a table cell (CSV, XLSX, the grid).
 * `parse` checks the text's form only; range and business rules live in the record's schema,
 * so there is one place for each rule.
 */
export interface ColumnSpec<T, K extends keyof T = keyof T> {
  readonly field: K;
  /** Canonical header, used on export. */
  readonly header: string;
  /** Other headers accepted on import, in English and Chinese. */
  readonly aliases: readonly string[];
  readonly label: { readonly en: string; readonly zh: string };
  readonly required: boolean;
  /** Value used when the column is absent or the cell is blank and not required. */
  readonly fallback?: T[K];
  /** A cell as a person would write it, for the example row of a command's help. */
  readonly example?: string;
  parse(text: string): Result<T[K]>;
  format(value: T[K]): string;
}

/** A table layout: where each field sits among a file's columns. */
export interface HeaderMatch<T> {
  /** Column index of each field present in the file. */
  readonly columns: Partial<Record<keyof T, number>>;
  /** Headers that matched no field; callers may warn about them. */
  readonly ignored: readonly string[];
}

const callable = z.custom<(value: never) => unknown>((v) => typeof v === 'function', { error: 'must be a function' });
const specsInput = z.array(
  z.object({
    field: z.union([z.string(), z.number()]),
    header: z.string(),
    aliases: z.array(z.string()),
    label: z.object({ en: z.string(), zh: z.string() }),
    required: z.boolean(),
    parse: callable,
    format: callable,
  }),
);
const headersInput = z.array(z.string());
const schemaInput = z.custom<z.ZodType>((v) => typeof (v as { safeParse?: unknown } | null)?.safeParse === 'function', {
  error: 'must be a zod schema',
});
const headerArgs = z.object({ headers: headersInput });
const recordArgs = z.object({ schema: schemaInput, entity: z.string() });
const cellsInput = z.record(z.string(), z.unknown());
const headerTextArgs = z.object({ header: z.string() });

/**
 * The issues of a column spec array, at `name` (the argument that holds it). Spec arrays are
 * built once and read for every row of a file: each is checked the first time it comes.
 */
export const specIssues = (specs: unknown, name = 'specs'): Issue[] | undefined =>
  inputIssuesOnce(specsInput, specs, [name]);

const textInput = z.string();

/**
 * Whether a cell is empty or only spaces. Asked of every cell of every row of an import: a cell
 * that starts with a printable ASCII character is not, without trimming a copy of it to see.
 *
 * @example
 * isBlankCell(' \u3000') // true
 * isBlankCell('A-1') // false
 */
export function isBlankCell(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return text.trim() === '';
}

/**
 * A cell parser that answers anything but text with an `input.invalid` issue instead of failing
 * on `.trim()`: what every column spec's `parse` is wrapped in.
 */
export const textOnly =
  <V>(parse: (text: string) => Result<V>) =>
  (text: string): Result<V> =>
    typeof text === 'string' ? parse(text) : fail(...(inputIssues(textInput, text) ?? []));

/**
 * Headers compare as a person reads them: without case, spaces (full- or half-width),
 * underscores, hyphens, brackets, a byte-order mark, a `%` sign, a unit or 必填 in brackets (`（元）`,
 * `(天)`) or the `*` a template marks required columns with. A file's headers and a spec's names
 * go through the same function, so either may carry the decorations.
 *
 * @example
 * normalizeHeader(' Tax_Rate ') // 'taxrate'
 * normalizeHeader('折扣权限%') // '折扣权限'
 * normalizeHeader('信用额度（元）*') // '信用额度'
 */
export function normalizeHeader(h: string): string {
  // A header is checked per cell of a header row: the schema words the problem when typeof fails.
  if (typeof h !== 'string') assertInput(headerTextArgs, { header: h }, 'normalizeHeader');
  return headerKey(h);
}

/**
 * What a header may add in brackets without naming another column: a unit (not 万元: that
 * scales) or a template's 必填 / 选填.
 */
const BRACKETED = /\((?:必填|选填|元|人民币|rmb|cny|¥|%|天|日|days?|个|件|pcs)\)/g;

const headerKey = (h: string): string =>
  h
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(BRACKETED, '')
    .replace(/[\s_\-()%*]/g, '');

/** The names a column is read by: its header, field name and aliases (labels are read too). */
export const columnNames = <T>(spec: ColumnSpec<T>): string[] => [spec.header, String(spec.field), ...spec.aliases];

/**
 * Match a file's header row against column specs, by canonical header or any alias.
 *
 * @example
 * matchHeaders(PRODUCT_COLUMNS, ['编码', '名称', 'Price'])
 * // { ok: true, value: { columns: { sku: 0, name: 1, price: 2 }, ignored: [] } }
 */
export function matchHeaders<T>(specs: readonly ColumnSpec<T>[], headers: readonly string[]): Result<HeaderMatch<T>> {
  const bad = specIssues(specs) ?? inputIssues(headerArgs, { headers });
  if (bad) return fail(...bad);
  return matchChecked(specs, headers);
}

function matchChecked<T>(specs: readonly ColumnSpec<T>[], headers: readonly string[]): Result<HeaderMatch<T>> {
  const byName = new Map<string, ColumnSpec<T>>();
  // A column's labels name it too (help shows them); its header and aliases win where they meet.
  for (const spec of specs) for (const name of [spec.label.en, spec.label.zh]) byName.set(headerKey(name), spec);
  for (const spec of specs) for (const name of columnNames(spec)) byName.set(headerKey(name), spec);
  const columns: Partial<Record<keyof T, number>> = {};
  const ignored: string[] = [];
  const issues: Issue[] = [];
  headers.forEach((header, index) => {
    const spec = byName.get(headerKey(header));
    if (!spec) {
      if (header.trim() !== '') ignored.push(header);
      return;
    }
    if (columns[spec.field] !== undefined) {
      issues.push({
        code: 'header.duplicate',
        path: [header],
        message: `column "${header}" names the field "${String(spec.field)}" a second time`,
        value: header,
      });
      return;
    }
    columns[spec.field] = index;
  });
  for (const spec of specs) {
    if (spec.required && columns[spec.field] === undefined) {
      issues.push({
        code: 'header.missing',
        path: [spec.header],
        message: `column "${spec.header}" (${spec.label.zh}) is required`,
      });
    }
  }
  return issues.length > 0 ? fail(...issues) : ok({ columns, ignored });
}

/**
 * Match the header row of a file that updates records already kept elsewhere: only the `key`
 * column must be there. `missing` lists the required columns the file leaves out, for the caller
 * to fill from the records it has.
 *
 * @example
 * matchUpdateHeaders(PRODUCT_COLUMNS, ['编码', '售价'], 'sku')
 * // { ok: true, value: { columns: { sku: 0, price: 1 }, ignored: [], missing: [name, category specs] } }
 */
export function matchUpdateHeaders<T>(
  specs: readonly ColumnSpec<T>[],
  headers: readonly string[],
  key: keyof T,
): Result<HeaderMatch<T> & { missing: ColumnSpec<T>[] }> {
  const bad = specIssues(specs) ?? inputIssues(headerArgs, { headers });
  if (bad) return fail(...bad);
  if (!specs.some((s) => s.field === key)) {
    return fail({
      code: 'input.invalid',
      path: ['key'],
      message: `names no column of these specs`,
      value: String(key),
    });
  }
  const relaxed = matchChecked(
    specs.map((s) => ({ ...s, required: s.field === key })),
    headers,
  );
  if (!relaxed.ok) return relaxed;
  const missing = specs.filter((s) => s.required && relaxed.value.columns[s.field] === undefined);
  return ok({ ...relaxed.value, missing });
}

/**
 * The headers of a row that name no field, by header or alias: what a column mapping should name.
 *
 * @example
 * unmatchedHeaders(PRODUCT_COLUMNS, ['物料代码', '售价']) // ['物料代码']
 */
export function unmatchedHeaders<T>(specs: readonly ColumnSpec<T>[], headers: readonly string[]): string[] {
  const bad = specIssues(specs) ?? inputIssues(headerArgs, { headers });
  if (bad) throw inputError('unmatchedHeaders', bad);
  const loose = matchChecked(
    specs.map((s) => ({ ...s, required: false })),
    headers,
  );
  return loose.ok ? [...loose.value.ignored] : [];
}

/**
 * Read one record from its cells: parse each present cell, fill fallbacks, then validate the
 * whole record with its schema. Every issue's path is the field name; a cell that is not text
 * (nor absent) is an `input.invalid` issue at its field.
 *
 * @example
 * parseRecord(PRODUCT_COLUMNS, productSchema, 'product', { sku: 'A-1', name: 'Pen', category: 'Office', price: '1.50' })
 * // { ok: true, value: { sku: 'A-1', …, price: 150 } }
 */
export function parseRecord<T>(
  specs: readonly ColumnSpec<T>[],
  schema: z.ZodType<T>,
  entity: string,
  cells: Partial<Record<keyof T, string | undefined>>,
): Result<T> {
  // Called once per row: the specs and the schema are checked the first time they come, the
  // entity and the row's object by typeof (the schema words the problem when that fails).
  const bad =
    specIssues(specs) ??
    inputIssuesOnce(schemaInput, schema, ['schema']) ??
    (typeof entity === 'string' ? undefined : inputIssues(recordArgs, { schema, entity })) ??
    (typeof cells === 'object' && cells !== null && !Array.isArray(cells)
      ? undefined
      : inputIssues(cellsInput, cells, ['cells']));
  if (bad) return fail(...bad);
  const draft: Partial<Record<keyof T, unknown>> = {};
  const issues: Issue[] = [];
  for (const spec of specs) {
    const text = cells[spec.field];
    // Checked here, in the loop over the fields read, not by a schema over the whole row: rows
    // come by the million, and a cell only matters when its field is read.
    if (text !== undefined && typeof text !== 'string') {
      issues.push(...(inputIssues(cellInput, text, [spec.field as string]) ?? []));
      continue;
    }
    if (text === undefined || isBlankCell(text)) {
      if (spec.required) {
        issues.push({
          code: `${entity}.${String(spec.field)}.required`,
          path: [spec.field as string],
          message: 'is required',
          value: text ?? '',
        });
      } else {
        draft[spec.field] = spec.fallback;
      }
      continue;
    }
    const parsed = spec.parse(text);
    if (parsed.ok) draft[spec.field] = parsed.value;
    else issues.push(...parsed.issues.map((i) => ({ ...i, path: [spec.field as string], value: text })));
  }
  const checked = validated(schema, entity, draft, cells as Record<string, unknown>);
  if (issues.length === 0) return checked;
  // Report every bad cell at once: keep the schema's findings on the cells that did parse.
  const failed = new Set(issues.map((i) => i.path[0]));
  const more = checked.ok ? [] : checked.issues.filter((i) => !failed.has(i.path[0]));
  return fail(...issues, ...more);
}

const cellInput = z.string().optional();
const shownInput = z.record(z.string(), z.unknown());

/**
 * Validate a typed record with its schema, turning zod issues into tradeloop issues.
 *
 * @example
 * validateRecord(productSchema, 'product', { ...product, price: -1 })
 * // { ok: false, issues: [{ code: 'product.price.too_small', path: ['price'], … }] }
 */
export function validateRecord<T>(
  schema: z.ZodType<T>,
  entity: string,
  record: unknown,
  shown: Record<string, unknown> = {},
): Result<T> {
  const bad = inputIssues(recordArgs, { schema, entity }) ?? inputIssues(shownInput, shown, ['shown']);
  if (bad) return fail(...bad);
  return validated(schema, entity, record, shown);
}

/** `validateRecord` without its input check, for `parseRecord`, which checked its own. */
export function validated<T>(
  schema: z.ZodType<T>,
  entity: string,
  record: unknown,
  shown: Record<string, unknown>,
): Result<T> {
  const checked = schema.safeParse(record);
  if (checked.success) return ok(checked.data);
  return fail(
    ...checked.error.issues.map((zi) => {
      const field = String(zi.path[0] ?? '');
      // A refinement names its own rule (e.g. `commission.rate.range`): that code is the stable one.
      const own = zi.code === 'custom' ? (zi.params as { code?: unknown } | undefined)?.code : undefined;
      const issue: Issue = {
        code: typeof own === 'string' ? own : `${entity}.${field}.${zi.code}`,
        path: zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: zi.message,
        value:
          shown[field] ??
          (typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[field] : record),
      };
      return issue;
    }),
  );
}
