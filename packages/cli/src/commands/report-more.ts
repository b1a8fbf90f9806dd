import type { MarginRow, StockAgeRow, StockValueRow, TopDimension, TopRow, TrendRow } from '@tradeloop/analytics';
import { divideRounded } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import type { Command } from 'commander';
import { dateArg } from '../args.js';
import { withBook } from '../book-access.js';
import { type Format, writeChart } from '../output.js';
import { bucketKey, type Report, sumRow, writeReport } from '../report-table.js';

type Opts = {
  format: Format;
  output?: string;
  chart?: string;
  period?: string;
  asOf?: string;
  interval?: string;
  by?: string;
  top?: string;
};

async function periodOf(o: Opts, book: Book) {
  const { parsePeriod, TradeloopError } = await import('@tradeloop/core');
  const text = o.period ?? book.today().slice(0, 4);
  const p = parsePeriod(text, { today: o.asOf ? dateArg('--as-of', o.asOf) : book.today() });
  if (!p.ok) throw new TradeloopError('usage.period', `-p ${text}: ${p.issues[0]?.message}`);
  return p.value;
}

/** `tradeloop report sales`: invoiced sales per day, week, month, quarter or year. */
export async function reportSales(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { salesTrend } = await import('@tradeloop/analytics');
    const spec = await periodOf(o, book);
    const rows = await salesTrend(book, spec, (o.interval as 'monthly') ?? spec.interval ?? 'monthly');
    const { precision } = book.settings();
    if (o.chart) {
      const { salesTrendChartSpec } = await import('@tradeloop/analytics');
      await writeChart(salesTrendChartSpec(rows, precision), o.chart);
    }
    await writeReport(salesTable(rows), o, precision, 'sales');
  });
}

/** `tradeloop report top`: the top N customers, salespeople, products or categories by net sales. */
export async function reportTop(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { topN } = await import('@tradeloop/analytics');
    const spec = await periodOf(o, book);
    const by = (o.by ?? 'customer') as TopDimension;
    const rows = await topN(book, spec, by, Number(o.top ?? 10));
    const { precision } = book.settings();
    if (o.chart) {
      const { topChartSpec } = await import('@tradeloop/analytics');
      await writeChart(topChartSpec(`Top ${rows.length} by net sales: ${by}`, rows, precision), o.chart);
    }
    await writeReport(topTable(rows, by), o, precision, `top ${by}`);
  });
}

/** `tradeloop report stock`: on hand, reserved and FIFO value by warehouse or category. */
export async function reportStock(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { stockValue } = await import('@tradeloop/analytics');
    const by = (o.by ?? 'warehouse') as 'warehouse' | 'category';
    const rows = await stockValue(book, by);
    const { precision } = book.settings();
    if (o.chart) {
      const { topChartSpec } = await import('@tradeloop/analytics');
      const title = `Stock value by ${by}`;
      await writeChart(
        topChartSpec(
          title,
          rows.map((r) => ({ key: r.key, net: r.value })),
          precision,
          'Value 金额',
        ),
        o.chart,
      );
    }
    await writeReport(stockTable(rows, by), o, precision, 'stock');
  });
}

/** `tradeloop report stock-age`: how long the stock on hand has been held, by FIFO layer. */
export async function reportStockAge(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { stockAgeReport } = await import('@tradeloop/analytics');
    const asOf = o.asOf ? dateArg('--as-of', o.asOf) : book.today();
    const rows = await stockAgeReport(book, asOf);
    const { precision } = book.settings();
    if (o.chart) {
      const { stockAgeChartSpec } = await import('@tradeloop/analytics');
      await writeChart(stockAgeChartSpec(rows, asOf, precision), o.chart);
    }
    await writeReport(stockAgeTable(rows), o, precision, 'stock age');
  });
}

/** `tradeloop report margin`: gross margin by customer or salesperson in a period. */
export async function reportMargin(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { marginBy } = await import('@tradeloop/analytics');
    const spec = await periodOf(o, book);
    const by = (o.by ?? 'customer') as 'customer' | 'salesperson';
    const rows = await marginBy(book, spec, by);
    const { precision } = book.settings();
    if (o.chart) {
      const { topChartSpec } = await import('@tradeloop/analytics');
      const top = [...rows].sort((a, b) => b.margin - a.margin).slice(0, 15);
      await writeChart(
        topChartSpec(
          `Gross margin by ${by}, top ${top.length}`,
          top.map((r) => ({ key: r.key, net: r.margin })),
          precision,
          'Margin 毛利',
        ),
        o.chart,
      );
    }
    await writeReport(marginTable(rows, by), o, precision, 'margin');
  });
}

/** Invoiced sales per period, with the totals. */
export function salesTable(rows: readonly TrendRow[]): Report {
  const table: Report = {
    columns: [
      { key: 'period', title: 'Period 期间', kind: 'text' },
      { key: 'invoices', title: 'Invoices 发票数', kind: 'count' },
      { key: 'net', title: 'Net 不含税', kind: 'money' },
      { key: 'tax', title: 'VAT 税额', kind: 'money' },
      { key: 'gross', title: 'Gross 价税合计', kind: 'money' },
    ],
    rows: rows.map((r) => ({ period: r.period, invoices: r.invoices, net: r.net, tax: r.tax, gross: r.gross })),
  };
  return { ...table, footer: sumRow(table, ['invoices', 'net', 'tax', 'gross']) };
}

/** The top N by net sales, ranked; products and categories also by quantity. */
export function topTable(rows: readonly TopRow[], by: TopDimension): Report {
  const goods = by === 'sku' || by === 'category';
  return {
    columns: [
      { key: 'rank', title: '#', kind: 'count' },
      { key: by, title: by, kind: 'text' },
      { key: 'net', title: 'Net sales 销售额', kind: 'money' },
      ...(goods ? [{ key: 'qty', title: 'Qty 数量', kind: 'qty' as const }] : []),
      goods
        ? { key: 'orders', title: 'Orders 订单数', kind: 'count' as const }
        : { key: 'invoices', title: 'Invoices 发票数', kind: 'count' as const },
      { key: 'share', title: 'Share 占比%', kind: 'percent' },
    ],
    rows: rows.map((r, i) => ({
      rank: i + 1,
      [by]: r.key,
      net: r.net,
      qty: r.qty,
      [goods ? 'orders' : 'invoices']: r.orders,
      share: r.share,
    })),
  };
}

/** Stock on hand, reserved and FIFO value by warehouse or category, with the total value. */
export function stockTable(rows: readonly StockValueRow[], by: 'warehouse' | 'category'): Report {
  const table: Report = {
    columns: [
      { key: by, title: by === 'warehouse' ? 'Warehouse 仓库' : 'Category 类别', kind: 'text' },
      { key: 'on_hand', title: 'On hand 库存', kind: 'qty' },
      { key: 'reserved', title: 'Reserved 已预留', kind: 'qty' },
      { key: 'value', title: 'Value 金额', kind: 'money' },
    ],
    rows: rows.map((r) => ({ [by]: r.key, on_hand: r.onHand, reserved: r.reserved, value: r.value })),
  };
  // Quantities of different products do not add up; their value does.
  return { ...table, footer: sumRow(table, ['value']) };
}

/** Value of the stock on hand per warehouse by how long it has been held. */
export function stockAgeTable(rows: readonly StockAgeRow[]): Report {
  const labels = rows[0]?.buckets.map((b) => b.label) ?? [];
  return {
    columns: [
      { key: 'warehouse', title: 'Warehouse 仓库', kind: 'text' },
      ...labels.map((l) => ({ key: bucketKey(l), title: `${l} days 天`, kind: 'money' as const })),
    ],
    rows: rows.map((r) => ({
      warehouse: r.warehouse,
      ...Object.fromEntries(r.buckets.map((b) => [bucketKey(b.label), b.value])),
    })),
  };
}

/** Gross margin by customer or salesperson, with the totals and the overall margin rate. */
export function marginTable(rows: readonly MarginRow[], by: 'customer' | 'salesperson'): Report {
  const table: Report = {
    columns: [
      { key: by, title: by === 'customer' ? 'Customer 客户' : 'Salesperson 业务员', kind: 'text' },
      { key: 'net', title: 'Net sales 销售额', kind: 'money' },
      { key: 'cost', title: 'Cost 成本', kind: 'money' },
      { key: 'margin', title: 'Margin 毛利', kind: 'money' },
      { key: 'margin_pct', title: 'Margin % 毛利率', kind: 'percent' },
    ],
    rows: rows.map((r) => ({ [by]: r.key, net: r.net, cost: r.cost, margin: r.margin, margin_pct: r.rate })),
  };
  const footer = sumRow(table, ['net', 'cost']);
  const net = footer.net as number;
  const margin = net - (footer.cost as number);
  return {
    ...table,
    footer: { ...footer, margin, margin_pct: net === 0 ? null : divideRounded(margin * 10_000, net) },
  };
}
