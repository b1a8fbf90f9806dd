import type { ReportColumn, ValueKind } from '@tradeloop/analytics';
import { csvSafeCell, formatMoney, formatPercent, formatQuantity, TradeloopError } from '@tradeloop/core';
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import type { Format } from './formats.js';
import { emit } from './output.js';

export type { ValueKind } from '@tradeloop/analytics';

export type Cell = string | number | null;

export interface Column extends ReportColumn {
  /** What a table or CSV shows for an empty cell (JSON keeps null), e.g. `never sold`. */
  blank?: string;
}

/**
 * Every table the CLI prints, reports, lists and exports alike: values as data (money in minor
 * units, quantities in thousandths, percents in basis points, ratios in hundredths, counts and
 * days as integers), keys in snake_case, and a footer of totals where the report has one. How it
 * reads is this module's job alone.
 */
export interface Report {
  columns: readonly Column[];
  rows: readonly Record<string, Cell>[];
  /** The closing row: totals (or an open pipeline, a balance); its first text cell is its label. */
  footer?: Record<string, Cell>;
}

const NUMERIC: ReadonlySet<ValueKind> = new Set(['money', 'qty', 'count', 'percent', 'days', 'ratio']);

/**
 * A value as plain text: decimals at their scale (money at the book's precision), no grouping
 * unless asked; text as it is.
 */
function plain(kind: ValueKind, v: Cell, precision: number, grouping: boolean): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  switch (kind) {
    case 'money':
      return formatMoney(v, { precision, grouping });
    case 'qty':
      return formatQuantity(v);
    case 'percent':
      return formatPercent(v);
    case 'ratio':
      return formatMoney(v, { precision: 2 });
    default:
      return String(v);
  }
}

/** A value for JSON: exact decimals as strings (`"34800.00"`), counts and days as integers. */
function jsonValue(kind: ValueKind, v: Cell, precision: number): Cell {
  if (v === null || typeof v === 'string') return v;
  return kind === 'count' || kind === 'days' ? v : plain(kind, v, precision, false);
}

/** A value for a workbook: numbers stay numbers, scaled to units, with a display format. */
function xlsxValue(kind: ValueKind, v: Cell, precision: number): string | number | null {
  if (v === null || typeof v === 'string') return v;
  switch (kind) {
    case 'money':
      return v / 10 ** precision;
    case 'qty':
      return v / 1000;
    case 'percent':
      return v / 10_000;
    case 'ratio':
      return v / 100;
    default:
      return kind === 'text' ? String(v) : v;
  }
}

const xlsxFormat = (kind: ValueKind, precision: number): string | undefined =>
  kind === 'money'
    ? precision > 0
      ? `#,##0.${'0'.repeat(precision)}`
      : '#,##0'
    : kind === 'percent'
      ? '0.00%'
      : kind === 'ratio'
        ? '0.00'
        : undefined;

/** The footer for JSON: its figures only, without the label. */
function totals(report: Report, precision: number): Record<string, Cell> | undefined {
  const footer = report.footer;
  if (!footer) return undefined;
  return Object.fromEntries(
    report.columns
      .filter((c) => NUMERIC.has(c.kind) && footer[c.key] !== null && footer[c.key] !== undefined)
      .map((c) => [c.key, jsonValue(c.kind, footer[c.key] ?? null, precision)]),
  );
}

/**
 * A report as text in one of the formats. `table` is for a person: money grouped (`34,800.00`),
 * numbers right-aligned, the footer as a closing row. `csv` is for a spreadsheet or another
 * program: plain decimals, the data rows alone (a totals row would be summed again). `json` is
 * `{ "columns": [...], "rows": [...], "totals": {...} }`: snake_case keys, amounts as plain decimal
 * strings at the currency's precision (`"34800.00"`), quantities and percents as decimal strings,
 * counts and days as integers, blanks as null; `totals` holds the footer's figures.
 */
export function renderReport(report: Report, format: Format, precision: number): string {
  const text = (r: Record<string, Cell>, grouping: boolean) =>
    report.columns.map((c) => {
      const v = r[c.key] ?? null;
      return v === null && c.blank !== undefined ? c.blank : plain(c.kind, v, precision, grouping);
    });
  switch (format) {
    case 'json': {
      const rows = report.rows.map((r) =>
        Object.fromEntries(report.columns.map((c) => [c.key, jsonValue(c.kind, r[c.key] ?? null, precision)])),
      );
      const sums = totals(report, precision);
      // The columns say what each key holds, so a script can label and read any report alike.
      const columns = report.columns.map((c) => ({ key: c.key, title: c.title, kind: c.kind }));
      return `${JSON.stringify({ columns, rows, ...(sums ? { totals: sums } : {}) }, null, 2)}\n`;
    }
    case 'csv':
      return stringify(
        report.rows.map((r) => text(r, false).map(csvSafeCell)),
        { header: true, columns: report.columns.map((c) => c.key), bom: false },
      );
    case 'table': {
      const table = new Table({
        head: report.columns.map((c) => c.title),
        colAligns: report.columns.map((c) => (NUMERIC.has(c.kind) ? 'right' : 'left')),
        style: { head: [], border: [] },
        chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      });
      for (const r of report.rows) table.push(text(r, true));
      if (report.footer) table.push(text(report.footer, true));
      return `${table.toString()}\n`;
    }
    case 'xlsx':
      throw new Error('a workbook is written, not rendered: use writeReport');
  }
}

/** A report as a workbook of one sheet: typed cells with number formats, the footer in bold. */
async function writeWorkbook(report: Report, file: string, sheet: string, precision: number): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet.slice(0, 31));
  ws.columns = report.columns.map((c) => ({
    header: c.title,
    key: c.key,
    width: Math.max(10, Math.min(40, c.title.length + 4)),
    style: { numFmt: xlsxFormat(c.kind, precision) },
  }));
  ws.getRow(1).font = { bold: true };
  const values = (r: Record<string, Cell>) =>
    Object.fromEntries(report.columns.map((c) => [c.key, xlsxValue(c.kind, r[c.key] ?? null, precision)]));
  for (const r of report.rows) ws.addRow(values(r));
  if (report.footer) ws.addRow(values(report.footer)).font = { bold: true };
  await wb.xlsx.writeFile(file);
}

/**
 * Write a report where `-o` says (stdout without it), in `--format`. A workbook needs a file:
 * stdout carries text.
 */
export async function writeReport(
  report: Report,
  o: { format: Format; output?: string | undefined },
  precision: number,
  sheet = 'report',
): Promise<void> {
  if (o.format !== 'xlsx') {
    emit(renderReport(report, o.format, precision), o.output);
    return;
  }
  if (!o.output)
    throw new TradeloopError('usage.output', 'an XLSX file needs -o FILE.xlsx', {
      hint: 'stdout carries text; a workbook goes to a file',
    });
  await writeWorkbook(report, o.output, sheet, precision);
  process.stderr.write(`wrote ${o.output}: ${sheet}, ${report.rows.length} rows\n`);
}

/** A closing row summing the named columns, labelled in the first column. */
export function sumRow(
  report: Pick<Report, 'columns' | 'rows'>,
  keys: readonly string[],
  label = 'Total 合计',
): Record<string, Cell> {
  const first = report.columns[0]?.key ?? '';
  return {
    [first]: label,
    ...Object.fromEntries(
      keys.map((k) => [k, report.rows.reduce((s, r) => s + (typeof r[k] === 'number' ? (r[k] as number) : 0), 0)]),
    ),
  };
}

/** A label as a snake_case key: `not due` → `not_due`, `1-30` → `days_1_30`, `120+` → `days_over_120`. */
export function bucketKey(label: string): string {
  const plus = /^(\d+)\+$/.exec(label);
  if (plus) return `days_over_${plus[1]}`;
  const key = label
    .toLowerCase()
    .replaceAll(/[^a-z0-9]+/g, '_')
    .replaceAll(/^_|_$/g, '');
  return /^\d/.test(key) ? `days_${key}` : key;
}
