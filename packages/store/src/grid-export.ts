import { type ColumnSpec, csvSafeCell, type GridKind, type GridQuery } from '@tradeloop/core';
import { stringify } from 'csv-stringify/sync';
import type { Book } from './book.js';
import { cellText, gridPage } from './grid.js';
import { IMPORT_COLUMNS } from './import-columns.js';

/** The import that reads back a grid kind's file, where there is one. */
const IMPORT_OF: Partial<Record<GridKind, string>> = {
  products: 'products',
  customers: 'customers',
  contacts: 'contacts',
  suppliers: 'suppliers',
  salespeople: 'salespeople',
  warehouses: 'warehouses',
};

/** A grid column's import column: the same name, less the unit the book stores it in. */
export const importSpecOf = (specs: readonly ColumnSpec<never>[], column: string): ColumnSpec<never> | undefined => {
  const name = column.replace(/_(minor|bp)$/, '');
  return specs.find((s) => s.header === name);
};

/** The import columns of a grid kind, when a file of it can be imported. */
export const importColumnsOfGrid = (book: Book, kind: GridKind): readonly ColumnSpec<never>[] => {
  const of = IMPORT_OF[kind];
  return of ? (IMPORT_COLUMNS[of]?.(book.moneyOptions()) ?? []) : [];
};

export interface Table {
  headers: string[];
  rows: string[][];
}

/** Rows read per page: the grid's own limit. */
const PAGE = 5000;

/**
 * A whole grid, filtered, sorted and searched as its page query says, as the acting user may see
 * it, with cells as a person types them and headed by the import's column names, so a file of it
 * imports back unchanged. Read page by page, synchronously, so one transaction-free pass sees one
 * book.
 *
 * @example
 * gridTable(book, 'products', { sort: [{ column: 'sku', dir: 'asc' }] })
 * // { headers: ['sku', 'name', …, 'price', …], rows: [['TEA-001', '龙井', …, '88.00', …]] }
 */
export function gridTable(book: Book, kind: GridKind, query: GridQuery = {}): Table {
  const money = book.moneyOptions();
  const specs = importColumnsOfGrid(book, kind);
  const rows: string[][] = [];
  let page = gridPage(book, kind, { ...query, offset: 0, limit: PAGE });
  const columns = page.columns;
  for (;;) {
    for (const r of page.rows) rows.push(columns.map((c) => cellText(c.kind, r.values[c.name], money)));
    if (page.rows.length < PAGE || rows.length >= page.total) break;
    page = gridPage(book, kind, { ...query, offset: rows.length, limit: PAGE });
  }
  return { headers: columns.map((c) => importSpecOf(specs, c.name)?.header ?? c.name), rows };
}

export type TableFormat = 'csv' | 'xlsx';

/**
 * A table as a file: CSV in UTF-8 with a BOM (so Excel opens Chinese text right) and cells
 * guarded against formula injection, or an XLSX workbook of one sheet with every cell as text.
 */
export async function tableFile(table: Table, format: TableFormat, sheet = 'Sheet1'): Promise<Uint8Array<ArrayBuffer>> {
  if (format === 'csv')
    return Buffer.from(
      stringify(
        table.rows.map((r) => r.map(csvSafeCell)),
        { header: true, columns: table.headers, bom: true },
      ),
    );
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheet.slice(0, 31));
  ws.addRow(table.headers);
  ws.addRows(table.rows);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
