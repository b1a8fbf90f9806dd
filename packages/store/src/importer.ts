import { readFileSync, writeFileSync } from 'node:fs';
import {
  type ColumnSpec,
  csvSafeCell,
  type Issue,
  isBlankCell,
  matchHeaders,
  matchUpdateHeaders,
  parseRecord,
  TradeloopError,
  unmatchedHeaders,
} from '@tradeloop/core';
import { stringify } from 'csv-stringify/sync';
import { sourceName, type TableSource } from './csv-source.js';
import { InputRejected, issueToRejection, type Rejection } from './rejection.js';
import { readTableBatches } from './table-source.js';

/** The schema a row is checked with (zod's, as core's specs use it). */
type RecordSchema<T> = Parameters<typeof parseRecord<T>>[1];

export interface ImportOptions {
  /** `skip`: import the good rows and report the bad ones; default: all or nothing. */
  onError?: 'abort' | 'skip';
  rejectFile?: string;
  /** A JSON file naming, for each field, the column that holds it: { "sku": "物料代码" }. */
  map?: string;
}

export interface ReadResult<T> {
  records: { row: number; value: T }[];
  rejections: Rejection[];
  /** Columns no field uses. */
  ignored: readonly string[];
  headerRow: number;
  /** Fields whose column is in the file; the others took their fallback. */
  present: ReadonlySet<keyof T>;
}

/**
 * The records with only the fields the file has: an update then keeps what the book holds for a
 * column the file leaves out, instead of blanking it (as Odoo and ERPNext imports do).
 */
export function presentFields<T extends object>(read: ReadResult<T>): Partial<T>[] {
  return read.records.map(
    (r) => Object.fromEntries(Object.entries(r.value).filter(([k]) => read.present.has(k as keyof T))) as Partial<T>,
  );
}

/** Add the columns a mapping file names as extra headers of their fields. */
export function applyMapping<T>(specs: readonly ColumnSpec<T>[], mapFile: string | undefined): ColumnSpec<T>[] {
  if (!mapFile) return [...specs];
  let map: Record<string, string>;
  try {
    map = JSON.parse(readFileSync(mapFile, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw new TradeloopError('input.map', `${mapFile} is not a JSON mapping: ${(error as Error).message}`, {
      hint: 'write it as { "field": "column in the file" }, e.g. { "sku": "物料代码" }',
    });
  }
  const known = new Set(specs.flatMap((s) => [String(s.field), s.header]));
  const unknown = Object.keys(map).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new TradeloopError('input.map', `${mapFile} names fields that do not exist: ${unknown.join(', ')}`, {
      hint: `fields: ${specs.map((s) => s.header).join(', ')}`,
    });
  }
  return specs.map((s) => {
    const column = map[String(s.field)] ?? map[s.header];
    // A mapped column replaces the usual names, so the file's own header of that name cannot clash.
    return column ? { ...s, header: column, aliases: [] } : s;
  });
}

/** Checks beyond the row itself: a key that must not repeat, references that must exist. */
export interface ReadChecks<T> {
  keyOf?: (t: T) => string;
  keyField?: keyof T;
  /** Problems with a checked row that only the book can see, e.g. an unknown customer code. */
  check?: (t: T) => Issue[];
  /**
   * Lets a file update records already in the book without all their required columns (say,
   * only code and price): what it leaves out is read from the book by the key in `field`. A row
   * for a record not in the book still needs every required column.
   */
  known?: { field: keyof T; cells: (key: string) => Partial<Record<keyof T, string>> | undefined };
}

/** Columns of a refused header row that name no field: most often what a `--map` should name. */
function unknownHeaders<T>(columns: readonly ColumnSpec<T>[], cells: readonly string[], entity: string): Issue[] {
  const unknown = unmatchedHeaders(columns, cells);
  if (unknown.length === 0) return [];
  return [
    {
      code: 'header.unknown',
      path: [''],
      value: unknown.join(', '),
      message: `${unknown.map((h) => `"${h}"`).join(', ')} ${unknown.length === 1 ? 'names' : 'name'} no ${entity} field; say which field each holds with --map FILE, e.g. {"${String(columns[0]?.field ?? 'field')}": "${unknown[0]}"}`,
    },
  ];
}

export interface RecordStream<T> {
  /** The records one by one; or, read instead, `batches`: the same records a batch at a time. */
  records: AsyncGenerator<{ row: number; value: T }>;
  batches: AsyncGenerator<{ row: number; value: T }[]>;
  /** Filled as the stream is read. */
  rejections: Rejection[];
  rejectedRows: Map<number, string[]>;
  state: { headers: string[] | undefined; ignored: readonly string[]; headerRow: number; present: Set<keyof T> };
}

/** The first cell of a total row, as Excel sheets and Kingdee or Yonyou exports end with. */
const TOTAL_ROW = /^(合计|总计|小计|本页合计|total|totals|grand total|subtotal)\s*[:：]?$/i;

/**
 * Stream a table file as checked records: find the header row (within the first 30 rows, as
 * exported statements start with a preamble), match columns by English or Chinese name or a
 * mapping, check each row with core's rules. Bad rows are collected with file, row, column,
 * value and rule, not yielded; nothing is held but the current row.
 */
export function streamRecords<T>(
  file: TableSource,
  specs: readonly ColumnSpec<T>[],
  schema: RecordSchema<T>,
  entity: string,
  options: ImportOptions & ReadChecks<T> = {},
): RecordStream<T> {
  const name = sourceName(file);
  const columns = applyMapping(specs, options.map);
  const rejections: Rejection[] = [];
  const rejectedRows = new Map<number, string[]>();
  const state: RecordStream<T>['state'] = { headers: undefined, ignored: [], headerRow: 0, present: new Set() };
  async function* batches(): AsyncGenerator<{ row: number; value: T }[]> {
    const firstRowOf = new Map<string, number>();
    let fieldIndex: Partial<Record<keyof T, number>> = {};
    let fields: [keyof T, number][] = [];
    let firstAttempt: { row: number; issues: Issue[] } | undefined;
    let missing: ColumnSpec<T>[] = [];
    const header = (field: string | number | undefined) => {
      const index = fieldIndex[field as keyof T];
      return index === undefined ? String(field ?? '') : (state.headers?.[index] ?? '');
    };
    let out: { row: number; value: T }[] = [];
    reading: for await (const rows of readTableBatches(file)) {
      for (const { row, cells } of rows) {
        if (!state.headers) {
          if (cells.every(isBlankCell)) continue;
          const full = matchHeaders(columns, cells);
          const partial =
            !full.ok && options.known && full.issues.every((i) => i.code === 'header.missing')
              ? matchUpdateHeaders(columns, cells, options.known.field)
              : undefined;
          const match = partial?.ok ? partial : full;
          if (match.ok) {
            missing = partial?.ok ? partial.value.missing : [];
            state.headers = cells;
            state.headerRow = row;
            fieldIndex = match.value.columns;
            fields = Object.entries(fieldIndex) as [keyof T, number][];
            // Cells filled from the book count as given: they hold what the book has, so they change nothing.
            state.present = new Set([...fields.map(([f]) => f), ...missing.map((c) => c.field)]);
            state.ignored = match.value.ignored;
          } else {
            firstAttempt ??= { row, issues: [...match.issues, ...unknownHeaders(columns, cells, entity)] };
            if (row > 30) break reading;
          }
          continue;
        }
        // The first filled cell, and whether another follows: all a row's notes are told by.
        let first: string | undefined;
        let more = false;
        for (const c of cells) {
          if (isBlankCell(c)) continue;
          if (first === undefined) first = c;
          else {
            more = true;
            break;
          }
        }
        if (first === undefined) continue;
        // Exported bills end with separator and total lines ("-----", "共2笔记录"): notes, not data.
        if (!more && /^([-=#*]|共|合计|total)/i.test(first.trim())) continue;
        // A sheet's total row ("合计", then the column sums): a note of the file, not a record.
        if (TOTAL_ROW.test(first.trim())) continue;
        const record: Partial<Record<keyof T, string>> = {};
        for (const [field, index] of fields) record[field] = cells[index];
        if (missing.length > 0 && options.known) {
          const key = (record[options.known.field] ?? '').trim();
          const fromBook = key === '' ? undefined : options.known.cells(key);
          if (key !== '' && !fromBook) {
            for (const spec of missing)
              rejections.push(
                issueToRejection(name, row, spec.header, {
                  code: `${entity}.${String(spec.field)}.required`,
                  path: [String(spec.field)],
                  message: `is required for a new ${entity} (${key} is not in the book); the file has no "${spec.header}" column`,
                  value: '',
                }),
              );
            rejectedRows.set(row, cells);
            continue;
          }
          for (const spec of missing) record[spec.field] = fromBook?.[spec.field];
        }
        const parsed = parseRecord(columns, schema, entity, record);
        if (!parsed.ok) {
          for (const issue of parsed.issues) rejections.push(issueToRejection(name, row, header(issue.path[0]), issue));
          rejectedRows.set(row, cells);
          continue;
        }
        const found = options.check?.(parsed.value) ?? [];
        if (found.length > 0) {
          // Show the cell as the file has it (`50,000`), not the value it was read as (5000000).
          for (const issue of found) {
            const cell = record[issue.path[0] as keyof T];
            rejections.push(
              issueToRejection(
                name,
                row,
                header(issue.path[0]),
                cell === undefined ? issue : { ...issue, value: cell },
              ),
            );
          }
          rejectedRows.set(row, cells);
          continue;
        }
        if (options.keyOf) {
          const key = options.keyOf(parsed.value);
          const first = firstRowOf.get(key);
          if (first !== undefined) {
            rejections.push({
              file: name,
              row,
              column: header(String(options.keyField ?? '')),
              value: options.keyField ? String(record[options.keyField] ?? key) : key,
              rule: `${entity}.${String(options.keyField ?? 'key')}.duplicate`,
              message: `appears again (first at row ${first})`,
            });
            rejectedRows.set(row, cells);
            continue;
          }
          firstRowOf.set(key, row);
        }
        out.push({ row, value: parsed.value });
      }
      if (out.length > 0) {
        yield out;
        out = [];
      }
    }
    if (!state.headers) {
      const attempt = firstAttempt ?? {
        row: 1,
        issues: [{ code: 'input.empty', path: [''], message: 'the file has no header row' }],
      };
      throw new InputRejected(
        attempt.issues.map((i) => issueToRejection(name, attempt.row, String(i.path[0] ?? ''), i)),
      );
    }
  }
  async function* records(): AsyncGenerator<{ row: number; value: T }> {
    for await (const batch of batches()) yield* batch;
  }
  return { records: records(), batches: batches(), rejections, rejectedRows, state };
}

/** After a stream is read: write the reject file, and refuse the input unless skipping. */
export function settleRejections<T>(stream: RecordStream<T>, options: ImportOptions): void {
  if (stream.rejections.length === 0) return;
  if (options.rejectFile)
    writeRejects(options.rejectFile, stream.state.headers ?? [], stream.rejectedRows, stream.rejections);
  if (options.onError !== 'skip') throw new InputRejected(stream.rejections);
}

/**
 * Read a whole table file into checked records (see `streamRecords`). All or nothing unless
 * `onError: 'skip'`.
 */
export async function readRecords<T>(
  file: TableSource,
  specs: readonly ColumnSpec<T>[],
  schema: RecordSchema<T>,
  entity: string,
  options: ImportOptions & ReadChecks<T> = {},
): Promise<ReadResult<T>> {
  const stream = streamRecords(file, specs, schema, entity, options);
  const records: { row: number; value: T }[] = [];
  for await (const r of stream.records) records.push(r);
  settleRejections(stream, options);
  return {
    records,
    rejections: stream.rejections,
    ignored: stream.state.ignored,
    headerRow: stream.state.headerRow,
    present: stream.state.present,
  };
}

/** The rejected rows as they were, with why, for a person to fix and import again. */
export function writeRejects(
  path: string,
  headers: string[],
  rows: Map<number, string[]>,
  rejections: Rejection[],
): void {
  const out = [...rows].map(([row, cells]) => {
    const why = rejections
      .filter((r) => r.row === row)
      .map((r) => `${r.column}: ${r.message} [${r.rule}]`)
      .join('; ');
    return [...headers.map((_, i) => csvSafeCell(cells[i] ?? '')), String(row), why];
  });
  // With a BOM, so Excel opens the Chinese text correctly.
  writeFileSync(path, stringify(out, { header: true, columns: [...headers, '_row', '_problems'], bom: true }));
}
