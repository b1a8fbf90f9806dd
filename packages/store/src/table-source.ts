import { extname } from 'node:path';
import { TradeloopError } from '@tradeloop/core';
import {
  type CsvReadOptions,
  type CsvRecord,
  RECORDS_PER_BATCH,
  readCsvBatches,
  sourceStream,
  type TableSource,
} from './csv-source.js';

/** A cell from a spreadsheet as the text a person sees. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: string; result?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return String(o.text);
    if (o.error) return o.error;
  }
  return String(v);
}

async function* readXlsx(source: TableSource): AsyncGenerator<CsvRecord> {
  const path = typeof source === 'string' ? source : source.name;
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(typeof source === 'string' ? path : sourceStream(source), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // A blank cell is a hole in exceljs's sparse array, which `map` would keep as a hole.
        const values = (row.values as unknown[]).slice(1);
        yield { row: row.number, cells: Array.from(values, cellText) };
      }
      break; // the first sheet is the data
    }
  } catch (error) {
    throw new TradeloopError('input.xlsx', `${path} is not a readable XLSX workbook: ${(error as Error).message}`, {
      hint: 'save it again from Excel or WPS as .xlsx, or as CSV',
      cause: error,
    });
  }
}

/**
 * Rows of a CSV (UTF-8 or GBK) or XLSX file, from disk or from bytes, streamed, with the row
 * numbers a spreadsheet shows. The file's name says which of the two it is.
 *
 * @example
 * for await (const { row, cells } of readTable({ name: 'products.xlsx', bytes })) …
 */
export async function* readTable(source: TableSource, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord> {
  for await (const batch of readTableBatches(source, options)) yield* batch;
}

/** `readTable` in batches of rows: a CSV's as its parser makes them, a workbook's as many at a time. */
export async function* readTableBatches(
  source: TableSource,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvRecord[]> {
  const name = typeof source === 'string' ? source : source.name;
  if (extname(name).toLowerCase() !== '.xlsx') {
    yield* readCsvBatches(source, options);
    return;
  }
  let batch: CsvRecord[] = [];
  for await (const record of readXlsx(source)) {
    batch.push(record);
    if (batch.length === RECORDS_PER_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
