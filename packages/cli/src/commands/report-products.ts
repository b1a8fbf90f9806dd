import type { CategoryRow } from '@tradeloop/analytics';
import { divideRounded, type RoundingMode } from '@tradeloop/core';
import type { Command } from 'commander';
import { z } from 'zod';
import { type OptionContext, opt, reportFields, withOptions } from '../options.js';
import { type Report, sumRow, writeReport } from '../report-table.js';

/** `tradeloop report products`: count and value of products by category, from the analytics store. */
const productsOptions = (c: OptionContext) => z.object({ ...reportFields(c), depth: opt.whole(1) });

export async function reportProducts(raw: unknown, command: Command): Promise<void> {
  await withOptions(command, productsOptions, raw, async (options, book) => {
    const { productsByCategory } = await import('@tradeloop/analytics');
    const rows = await productsByCategory(book, { depth: options.depth });
    const { precision, rounding } = book.settings();
    await writeReport(productsTable(rows, rounding), options, precision, 'products');
  });
}

/** Products, listed products and their value per category, with the totals and the overall average. */
export function productsTable(rows: readonly CategoryRow[], rounding: RoundingMode = 'half-up'): Report {
  const table: Report = {
    columns: [
      { key: 'category', title: 'Category 类别', kind: 'text' },
      { key: 'products', title: 'Products 商品数', kind: 'count' },
      { key: 'listed', title: 'Listed 上架', kind: 'count' },
      { key: 'list_value', title: 'List value 售价合计', kind: 'money' },
      { key: 'cost_value', title: 'Cost value 成本合计', kind: 'money' },
      { key: 'avg_price', title: 'Avg price 均价', kind: 'money' },
    ],
    rows: rows.map((r) => ({
      category: r.category,
      products: r.products,
      listed: r.listed,
      list_value: r.listValue,
      cost_value: r.costValue,
      avg_price: r.avgPrice,
    })),
  };
  const footer = sumRow(table, ['products', 'listed', 'list_value', 'cost_value']);
  const products = footer.products as number;
  return {
    ...table,
    footer: {
      ...footer,
      avg_price: products === 0 ? null : divideRounded(footer.list_value as number, products, rounding),
    },
  };
}
