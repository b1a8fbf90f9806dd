import { productsByCategory, productsByCategorySpec } from '@tradeloop/analytics';
import { type Product, productColumns, productToCells } from '@tradeloop/core';
import { type Book, listProducts } from '@tradeloop/store';
import type { Column, Row } from '$lib/grid/types';

const NUMERIC = new Set(['price', 'cost', 'taxRate']);

/** The product grid as the page shows it: columns with labels, rows as the text a person edits. */
export async function productGrid(book: Book): Promise<{ columns: Column[]; rows: Row[] }> {
  const columns = productColumns(book.moneyOptions());
  return {
    columns: columns.map((c) => ({
      field: String(c.field),
      header: c.header,
      en: c.label.en,
      zh: c.label.zh,
      align: NUMERIC.has(String(c.field)) ? 'right' : 'left',
      editable: c.field !== 'sku',
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

/** The products-by-category chart, built by analytics from the DuckDB copy of the book. */
export async function categoryChart(book: Book): Promise<Record<string, unknown>> {
  return productsByCategorySpec(await productsByCategory(book));
}
