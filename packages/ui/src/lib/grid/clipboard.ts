import { parse } from 'csv-parse/browser/esm/sync';
import { stringify } from 'csv-stringify/browser/esm/sync';

/**
 * Cells as tab-separated text, as Excel, WPS and Google Sheets put them on the clipboard: a cell
 * holding a tab, a line break or a quote is quoted.
 */
export const toTsv = (rows: readonly (readonly string[])[]): string =>
  stringify(rows as string[][], { delimiter: '\t', record_delimiter: '\n', quoted_match: /[\t\n"]/ });

/**
 * A block of cells from clipboard text: tab-separated, lines ending `\n` or `\r\n`, quoted cells
 * as spreadsheets write them (the line break spreadsheets add after the last row is not a row).
 * Short rows are padded with empty cells, so the block is a rectangle.
 */
export function fromTsv(text: string): string[][] {
  if (text === '') return [];
  const rows = parse(text, {
    delimiter: '\t',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
  }) as string[][];
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array.from({ length: width - r.length }, () => '')]);
}
