import type { Book } from '@tradeloop/store';
import type { Command } from 'commander';
import { dateArg } from '../args.js';
import { withBook } from '../book-access.js';
import { emit, type Format, type Grid, render, writeChart } from '../output.js';

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

async function formatters(cmd: Command, o: Opts) {
  const { formatMoney, formatQuantity, formatPercent } = await import('@tradeloop/core');
  return { formatMoney, formatQuantity, formatPercent, grouping: o.format === 'table', cmd };
}

/** `tradeloop report sales`: invoiced sales per day, week, month, quarter or year. */
export async function reportSales(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { salesTrend } = await import('@tradeloop/analytics');
    const f = await formatters(cmd, o);
    const spec = await periodOf(o, book);
    const rows = await salesTrend(book, spec, (o.interval as 'monthly') ?? spec.interval ?? 'monthly');
    const { precision } = book.settings();
    if (o.chart) {
      const { salesTrendChartSpec } = await import('@tradeloop/analytics');
      await writeChart(salesTrendChartSpec(rows, precision), o.chart);
    }
    const m = (n: number) => f.formatMoney(n, { precision, grouping: f.grouping });
    const total = rows.reduce(
      (t, r) => ({
        invoices: t.invoices + r.invoices,
        net: t.net + r.net,
        tax: t.tax + r.tax,
        gross: t.gross + r.gross,
      }),
      { invoices: 0, net: 0, tax: 0, gross: 0 },
    );
    const grid: Grid = {
      columns: [
        { key: 'period', title: 'Period 期间' },
        { key: 'invoices', title: 'Invoices 发票数', align: 'right' },
        { key: 'net', title: 'Net 不含税', align: 'right' },
        { key: 'tax', title: 'VAT 税额', align: 'right' },
        { key: 'gross', title: 'Gross 价税合计', align: 'right' },
      ],
      rows: rows.map((r) => ({
        period: r.period,
        invoices: String(r.invoices),
        net: m(r.net),
        tax: m(r.tax),
        gross: m(r.gross),
      })),
      footer: {
        period: 'Total 合计',
        invoices: String(total.invoices),
        net: m(total.net),
        tax: m(total.tax),
        gross: m(total.gross),
      },
    };
    emit(render(grid, o.format), o.output);
  });
}

/** `tradeloop report top`: the top N customers, salespeople, products or categories by net sales. */
export async function reportTop(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { topN } = await import('@tradeloop/analytics');
    const f = await formatters(cmd, o);
    const spec = await periodOf(o, book);
    const by = (o.by ?? 'customer') as import('@tradeloop/analytics').TopDimension;
    const rows = await topN(book, spec, by, Number(o.top ?? 10));
    const { precision } = book.settings();
    if (o.chart) {
      const { topChartSpec } = await import('@tradeloop/analytics');
      await writeChart(topChartSpec(`Top ${rows.length} by net sales: ${by}`, rows, precision), o.chart);
    }
    const grid: Grid = {
      columns: [
        { key: 'rank', title: '#', align: 'right' },
        { key: 'key', title: by },
        { key: 'net', title: 'Net sales 销售额', align: 'right' },
        ...(by === 'sku' || by === 'category' ? [{ key: 'qty', title: 'Qty 数量', align: 'right' as const }] : []),
        {
          key: 'orders',
          title: by === 'sku' || by === 'category' ? 'Orders 订单数' : 'Invoices 发票数',
          align: 'right',
        },
        { key: 'share', title: 'Share 占比%', align: 'right' },
      ],
      rows: rows.map((r, i) => ({
        rank: String(i + 1),
        key: r.key,
        net: f.formatMoney(r.net, { precision, grouping: f.grouping }),
        qty: f.formatQuantity(r.qty),
        orders: String(r.orders),
        share: f.formatPercent(r.share),
      })),
    };
    emit(render(grid, o.format), o.output);
  });
}

/** `tradeloop report stock`: on hand, reserved and FIFO value by warehouse or category. */
export async function reportStock(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { stockValue } = await import('@tradeloop/analytics');
    const f = await formatters(cmd, o);
    const by = (o.by ?? 'warehouse') as 'warehouse' | 'category';
    const rows = await stockValue(book, by);
    const { precision } = book.settings();
    const total = rows.reduce((s, r) => s + r.value, 0);
    const grid: Grid = {
      columns: [
        { key: 'key', title: by === 'warehouse' ? 'Warehouse 仓库' : 'Category 类别' },
        { key: 'onHand', title: 'On hand 库存', align: 'right' },
        { key: 'reserved', title: 'Reserved 已预留', align: 'right' },
        { key: 'value', title: 'Value 金额', align: 'right' },
      ],
      rows: rows.map((r) => ({
        key: r.key,
        onHand: f.formatQuantity(r.onHand),
        reserved: f.formatQuantity(r.reserved),
        value: f.formatMoney(r.value, { precision, grouping: f.grouping }),
      })),
      footer: { key: 'Total 合计', value: f.formatMoney(total, { precision, grouping: f.grouping }) },
    };
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
    emit(render(grid, o.format), o.output);
  });
}

/** `tradeloop report stock-age`: how long the stock on hand has been held, by FIFO layer. */
export async function reportStockAge(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { stockAgeReport } = await import('@tradeloop/analytics');
    const f = await formatters(cmd, o);
    const asOf = o.asOf ? dateArg('--as-of', o.asOf) : book.today();
    const rows = await stockAgeReport(book, asOf);
    const { precision } = book.settings();
    const labels = rows[0]?.buckets.map((b) => b.label) ?? [];
    const grid: Grid = {
      columns: [
        { key: 'warehouse', title: 'Warehouse 仓库' },
        ...labels.map((l) => ({ key: l, title: `${l} days 天`, align: 'right' as const })),
      ],
      rows: rows.map((r) => ({
        warehouse: r.warehouse,
        ...Object.fromEntries(
          r.buckets.map((b) => [b.label, f.formatMoney(b.value, { precision, grouping: f.grouping })]),
        ),
      })),
    };
    if (o.chart) {
      const { stockAgeChartSpec } = await import('@tradeloop/analytics');
      await writeChart(stockAgeChartSpec(rows, asOf, precision), o.chart);
    }
    emit(render(grid, o.format), o.output);
  });
}

/** `tradeloop report margin`: gross margin by customer or salesperson in a period. */
export async function reportMargin(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { marginBy } = await import('@tradeloop/analytics');
    const f = await formatters(cmd, o);
    const spec = await periodOf(o, book);
    const by = (o.by ?? 'customer') as 'customer' | 'salesperson';
    const rows = await marginBy(book, spec, by);
    const { precision } = book.settings();
    const m = (n: number) => f.formatMoney(n, { precision, grouping: f.grouping });
    const total = rows.reduce((t, r) => ({ net: t.net + r.net, cost: t.cost + r.cost }), { net: 0, cost: 0 });
    const grid: Grid = {
      columns: [
        { key: 'key', title: by === 'customer' ? 'Customer 客户' : 'Salesperson 业务员' },
        { key: 'net', title: 'Net sales 销售额', align: 'right' },
        { key: 'cost', title: 'Cost 成本', align: 'right' },
        { key: 'margin', title: 'Margin 毛利', align: 'right' },
        { key: 'rate', title: 'Margin % 毛利率', align: 'right' },
      ],
      rows: rows.map((r) => ({
        key: r.key,
        net: m(r.net),
        cost: m(r.cost),
        margin: m(r.margin),
        rate: f.formatPercent(r.rate),
      })),
      footer: {
        key: 'Total 合计',
        net: m(total.net),
        cost: m(total.cost),
        margin: m(total.net - total.cost),
        rate: total.net === 0 ? '' : f.formatPercent(Math.round(((total.net - total.cost) * 10_000) / total.net)),
      },
    };
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
    emit(render(grid, o.format), o.output);
  });
}
