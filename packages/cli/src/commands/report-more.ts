import type { MarginRow, StockAgeRow, StockValueRow, TopDimension, TopRow, TrendRow } from '@tradeloop/analytics';
import { divideRounded } from '@tradeloop/core';
import type { Command } from 'commander';
import { z } from 'zod';
import { INTERVALS, type OptionContext, opt, reportFields, resolvePeriod, withOptions } from '../options.js';
import { writeChart } from '../output.js';
import { bucketKey, type Report, sumRow, writeReport } from '../report-table.js';

const salesOptions = (c: OptionContext) =>
  z
    .object({ ...reportFields(c), period: opt.text().optional(), interval: opt.choice(INTERVALS).optional() })
    .transform(resolvePeriod(c, 'year'));

/** `tradeloop report sales`: invoiced sales per day, week, month, quarter or year. */
export async function reportSales(raw: unknown, cmd: Command) {
  await withOptions(cmd, salesOptions, raw, async (o, book) => {
    const { salesTrend } = await import('@tradeloop/analytics');
    const rows = await salesTrend(book, o.period, o.interval ?? o.period.interval ?? 'monthly');
    const { precision } = book.settings();
    if (o.chart) {
      const { salesTrendChartSpec } = await import('@tradeloop/analytics');
      await writeChart(salesTrendChartSpec(rows, precision), o.chart);
    }
    await writeReport(salesTable(rows), o, precision, 'sales');
  });
}

const topOptions = (c: OptionContext) =>
  z
    .object({
      ...reportFields(c),
      period: opt.text().optional(),
      by: opt.choice(['customer', 'salesperson', 'sku', 'category']).default('customer'),
      top: opt.whole(1),
    })
    .transform(resolvePeriod(c, 'year'));

/** `tradeloop report top`: the top N customers, salespeople, products or categories by net sales. */
export async function reportTop(raw: unknown, cmd: Command) {
  await withOptions(cmd, topOptions, raw, async (o, book) => {
    const { topN } = await import('@tradeloop/analytics');
    const rows = await topN(book, o.period, o.by, o.top);
    const { precision } = book.settings();
    if (o.chart) {
      const { topChartSpec } = await import('@tradeloop/analytics');
      await writeChart(topChartSpec(`Top ${rows.length} by net sales: ${o.by}`, rows, precision), o.chart);
    }
    await writeReport(topTable(rows, o.by), o, precision, `top ${o.by}`);
  });
}

const stockOptions = (c: OptionContext) =>
  z.object({ ...reportFields(c), by: opt.choice(['warehouse', 'category']).default('warehouse') });

/** `tradeloop report stock`: on hand, reserved and FIFO value by warehouse or category. */
export async function reportStock(raw: unknown, cmd: Command) {
  await withOptions(cmd, stockOptions, raw, async (o, book) => {
    const { stockValue } = await import('@tradeloop/analytics');
    const rows = await stockValue(book, o.by);
    const { precision } = book.settings();
    if (o.chart) {
      const { topChartSpec } = await import('@tradeloop/analytics');
      await writeChart(
        topChartSpec(
          `Stock value by ${o.by}`,
          rows.map((r) => ({ key: r.key, net: r.value })),
          precision,
          'Value 金额',
        ),
        o.chart,
      );
    }
    await writeReport(stockTable(rows, o.by), o, precision, 'stock');
  });
}

const stockAgeOptions = (c: OptionContext) => z.object(reportFields(c));

/** `tradeloop report stock-age`: how long the stock on hand has been held, by FIFO layer. */
export async function reportStockAge(raw: unknown, cmd: Command) {
  await withOptions(cmd, stockAgeOptions, raw, async (o, book) => {
    const { stockAgeReport } = await import('@tradeloop/analytics');
    const rows = await stockAgeReport(book, o.asOf);
    const { precision } = book.settings();
    if (o.chart) {
      const { stockAgeChartSpec } = await import('@tradeloop/analytics');
      await writeChart(stockAgeChartSpec(rows, o.asOf, precision), o.chart);
    }
    await writeReport(stockAgeTable(rows), o, precision, 'stock age');
  });
}

const marginOptions = (c: OptionContext) =>
  z
    .object({
      ...reportFields(c),
      period: opt.text().optional(),
      by: opt.choice(['customer', 'salesperson']).default('customer'),
    })
    .transform(resolvePeriod(c, 'year'));

/** `tradeloop report margin`: gross margin by customer or salesperson in a period. */
export async function reportMargin(raw: unknown, cmd: Command) {
  await withOptions(cmd, marginOptions, raw, async (o, book) => {
    const { marginBy } = await import('@tradeloop/analytics');
    const rows = await marginBy(book, o.period, o.by);
    const { precision } = book.settings();
    if (o.chart) {
      const { topChartSpec } = await import('@tradeloop/analytics');
      const top = [...rows].sort((a, b) => b.margin - a.margin).slice(0, 15);
      await writeChart(
        topChartSpec(
          `Gross margin by ${o.by}, top ${top.length}`,
          top.map((r) => ({ key: r.key, net: r.margin })),
          precision,
          'Margin 毛利',
        ),
        o.chart,
      );
    }
    await writeReport(marginTable(rows, o.by), o, precision, 'margin');
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
