import type { Product } from '@tradeloop/core';
import type { Grid } from './output.js';

/** Products as the export sees them: canonical headers, values as they would be imported. */
export async function productGrid(products: readonly Product[], money: { precision: number }): Promise<Grid> {
  const { productColumns, productToCells } = await import('@tradeloop/core');
  const columns = productColumns(money);
  return {
    columns: columns.map((c) => ({
      key: c.header,
      title: c.header,
      align: ['price', 'cost', 'taxRate'].includes(String(c.field)) ? 'right' : 'left',
    })),
    rows: products.map((p) => productToCells(p, columns)),
  };
}
