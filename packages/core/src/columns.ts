import type { z } from 'zod';
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

/**
 * Headers compare without case, spaces, underscores, hyphens or a byte-order mark.
 *
 * @example
 * normalizeHeader(' Tax_Rate ') // 'taxrate'
 */
export const normalizeHeader = (h: string): string =>
  h
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-()（）]/g, '');

/**
 * Match a file's header row against column specs, by canonical header or any alias.
 *
 * @example
 * matchHeaders(PRODUCT_COLUMNS, ['编码', '名称', 'Price'])
 * // { ok: true, value: { columns: { sku: 0, name: 1, price: 2 }, ignored: [] } }
 */
export function matchHeaders<T>(specs: readonly ColumnSpec<T>[], headers: readonly string[]): Result<HeaderMatch<T>> {
  const byName = new Map<string, ColumnSpec<T>>();
  for (const spec of specs) {
    for (const name of [spec.header, String(spec.field), ...spec.aliases]) byName.set(normalizeHeader(name), spec);
  }
  const columns: Partial<Record<keyof T, number>> = {};
  const ignored: string[] = [];
  const issues: Issue[] = [];
  headers.forEach((header, index) => {
    const spec = byName.get(normalizeHeader(header));
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
  const relaxed = matchHeaders(
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
  const loose = matchHeaders(
    specs.map((s) => ({ ...s, required: false })),
    headers,
  );
  return loose.ok ? [...loose.value.ignored] : [];
}

/**
 * Read one record from its cells: parse each present cell, fill fallbacks, then validate the
 * whole record with its schema. Every issue's path is the field name.
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
  const draft: Partial<Record<keyof T, unknown>> = {};
  const issues: Issue[] = [];
  for (const spec of specs) {
    const text = cells[spec.field];
    if (text === undefined || text.trim() === '') {
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
  const checked = validateRecord(schema, entity, draft, cells as Record<string, unknown>);
  if (issues.length === 0) return checked;
  // Report every bad cell at once: keep the schema's findings on the cells that did parse.
  const failed = new Set(issues.map((i) => i.path[0]));
  const more = checked.ok ? [] : checked.issues.filter((i) => !failed.has(i.path[0]));
  return fail(...issues, ...more);
}

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
        value: shown[field] ?? (record as Record<string, unknown>)[field],
      };
      return issue;
    }),
  );
}
