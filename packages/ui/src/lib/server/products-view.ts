import { type Lang, productsByCategory, productsByCategorySpec } from '@tradeloop/analytics';
import {
  type Actor,
  type ColumnClass,
  can,
  type Product,
  productColumns,
  productToCells,
  seesColumns,
} from '@tradeloop/core';
import { type Book, listProducts } from '@tradeloop/store';

/** A products column as the products API describes it. */
export interface Column {
  field: string;
  header: string;
  en: string;
  zh: string;
  align: 'left' | 'right';
  editable: boolean;
}

/** A product as the products API answers it: its key and the text of each cell, by field. */
export interface Row {
  key: string;
  cells: Record<string, string>;
}

const NUMERIC = new Set(['price', 'cost', 'taxRate']);

/** Product fields some roles never see, by the class of column they are. */
export const PRODUCT_COLUMN_CLASSES: Readonly<Record<string, ColumnClass>> = { cost: 'cost' };

/** Whether the actor may see this product field. */
export function seesProductField(actor: Actor, field: string): boolean {
  const kind = PRODUCT_COLUMN_CLASSES[field];
  return kind === undefined || seesColumns(actor, kind);
}

/** The product columns the actor sees: a column they may not see is never sent. */
export const visibleProductColumns = (book: Book, actor: Actor) =>
  productColumns(book.moneyOptions()).filter((c) => seesProductField(actor, String(c.field)));

/**
 * The product grid as the actor sees it: the columns they may see, with labels, editable where
 * they may change master data; rows as the text a person edits.
 */
export function productGrid(book: Book, actor: Actor): { columns: Column[]; rows: Row[] } {
  const columns = visibleProductColumns(book, actor);
  const editable = can(actor, 'master.write');
  return {
    columns: columns.map((c) => ({
      field: String(c.field),
      header: c.header,
      en: c.label.en,
      zh: c.label.zh,
      align: NUMERIC.has(String(c.field)) ? 'right' : 'left',
      editable: editable && c.field !== 'sku',
    })),
    rows: listProducts(book).map((p) => productRow(p, columns)),
  };
}

export function productRow(p: Product, columns: ReturnType<typeof productColumns>): Row {
  const byHeader = productToCells(p, columns);
  const cells: Record<string, string> = {};
  for (const c of columns) cells[String(c.field)] = byHeader[c.header] ?? '';
  return { key: p.sku, cells };
}

/** The products-by-category chart, built by analytics from the DuckDB copy of the book, in the page's language. */
export async function categoryChart(book: Book, lang: Lang = 'en'): Promise<Record<string, unknown>> {
  return productsByCategorySpec(await productsByCategory(book), lang);
}
