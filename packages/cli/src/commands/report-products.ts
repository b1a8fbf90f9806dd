import type { Command } from 'commander';
import { withBook } from '../book-access.js';
import { emit, type Format, type Grid, render } from '../output.js';

/** `tradeloop report products`: count and value of products by category, from the analytics store. */
export async function reportProducts(
  options: { format: Format; output?: string; depth: string },
  command: Command,
): Promise<void> {
  await withBook(command, async (book) => {
    const [{ productsByCategory }, { formatMoney, divideRounded }] = await Promise.all([
      import('@tradeloop/analytics'),
      import('@tradeloop/core'),
    ]);
    const { precision } = book.settings();
    const rows = await productsByCategory(book, { depth: Number(options.depth) });
    const money = (n: number) => formatMoney(n, { precision, grouping: options.format === 'table' });
    const total = rows.reduce(
      (t, r) => ({
        products: t.products + r.products,
        listed: t.listed + r.listed,
        listValue: t.listValue + r.listValue,
        costValue: t.costValue + r.costValue,
      }),
      { products: 0, listed: 0, listValue: 0, costValue: 0 },
    );
    const grid: Grid = {
      columns: [
        { key: 'category', title: 'Category 类别' },
        { key: 'products', title: 'Products 商品数', align: 'right' },
        { key: 'listed', title: 'Listed 上架', align: 'right' },
        { key: 'list_value', title: 'List value 售价合计', align: 'right' },
        { key: 'cost_value', title: 'Cost value 成本合计', align: 'right' },
        { key: 'avg_price', title: 'Avg price 均价', align: 'right' },
      ],
      rows: rows.map((r) => ({
        category: r.category,
        products: String(r.products),
        listed: String(r.listed),
        list_value: money(r.listValue),
        cost_value: money(r.costValue),
        avg_price: money(r.avgPrice),
      })),
      footer: {
        category: 'Total 合计',
        products: String(total.products),
        listed: String(total.listed),
        list_value: money(total.listValue),
        cost_value: money(total.costValue),
        avg_price:
          total.products === 0 ? '' : money(divideRounded(total.listValue, total.products, book.settings().rounding)),
      },
    };
    emit(render(grid, options.format), options.output);
  });
}
