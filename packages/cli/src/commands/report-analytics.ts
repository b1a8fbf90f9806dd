import type { Analytics, ReportTable } from '@tradeloop/analytics';
import type { Book } from '@tradeloop/store';
import type { Command } from 'commander';
import { dateArg } from '../args.js';
import { withBook } from '../book-access.js';
import { type Format, writeChart } from '../output.js';

export type ReportOpts = {
  format: Format;
  output?: string;
  chart?: string;
  period?: string;
  asOf?: string;
  interval?: string;
  by?: string;
  account?: string;
  limit?: string;
  measures?: string;
  where?: string[];
  sort?: string;
  fact?: string;
  sql?: string;
};

/** `--as-of`, else today in the book's time zone. */
const today = (o: ReportOpts, book: Book) => (o.asOf ? dateArg('--as-of', o.asOf) : book.today());

/** `-p`, else this year (or this month): the book's, not the machine's. */
async function periodOf(o: ReportOpts, book: Book, fallback: 'year' | 'month' = 'year') {
  const { parsePeriod, TradeloopError } = await import('@tradeloop/core');
  const now = today(o, book);
  const text = o.period ?? (fallback === 'year' ? now.slice(0, 4) : now.slice(0, 7));
  const p = parsePeriod(text, { today: now });
  if (!p.ok) throw new TradeloopError('usage.period', `-p ${text}: ${p.issues[0]?.message}`);
  return o.interval ? { ...p.value, interval: o.interval as 'monthly' } : p.value;
}

/** Sync the analytics store, run one query, print its table. */
async function run(cmd: Command, o: ReportOpts, query: (a: Analytics, book: Book) => Promise<ReportTable>) {
  await withBook(cmd, async (book) => {
    const [{ withAnalytics }, { writeReport }] = await Promise.all([
      import('@tradeloop/analytics'),
      import('../report-table.js'),
    ]);
    const table = await withAnalytics(book, (a) => query(a, book));
    const { precision } = book.settings();
    if (o.chart) {
      const { reportChartSpec } = await import('@tradeloop/analytics');
      await writeChart(reportChartSpec(table, precision), o.chart);
    }
    await writeReport(table, o, precision, cmd.name());
  });
}

export async function reportJournal(o: ReportOpts, cmd: Command) {
  const { queryJournal } = await import('@tradeloop/analytics');
  await run(cmd, o, async (a, book) =>
    queryJournal(a, await periodOf(o, book, 'month'), {
      ...(o.account ? { account: o.account } : {}),
      ...(o.limit ? { limit: Number(o.limit) } : {}),
    }),
  );
}

export async function reportReceipts(o: ReportOpts, cmd: Command) {
  const { queryReceiptsVsInvoices } = await import('@tradeloop/analytics');
  await run(cmd, o, async (a, book) => {
    const spec = await periodOf(o, book);
    return queryReceiptsVsInvoices(a, { ...spec, interval: spec.interval ?? 'monthly' });
  });
}

export async function reportCashFlow(o: ReportOpts, cmd: Command) {
  const { queryCashFlow } = await import('@tradeloop/analytics');
  await run(cmd, o, async (a, book) => {
    const spec = await periodOf(o, book);
    return queryCashFlow(a, { ...spec, interval: spec.interval ?? 'monthly' });
  });
}

export async function reportTargets(o: ReportOpts, cmd: Command) {
  const { queryTargets } = await import('@tradeloop/analytics');
  await run(cmd, o, async (a, book) => queryTargets(a, await periodOf(o, book)));
}

export async function reportSalespeople(o: ReportOpts, cmd: Command) {
  const { querySalespeople } = await import('@tradeloop/analytics');
  await run(cmd, o, async (a, book) => querySalespeople(a, await periodOf(o, book)));
}

export async function reportRfm(o: ReportOpts, cmd: Command) {
  const { queryRfm } = await import('@tradeloop/analytics');
  await run(cmd, o, (a, book) => queryRfm(a, today(o, book)));
}

export async function reportTurnover(o: ReportOpts, cmd: Command) {
  const { queryTurnover } = await import('@tradeloop/analytics');
  await run(cmd, o, async (a, book) => queryTurnover(a, await periodOf(o, book), o.by === 'sku' ? 'sku' : 'category'));
}

export async function reportSuppliers(o: ReportOpts, cmd: Command) {
  const { querySupplierRanking } = await import('@tradeloop/analytics');
  await run(cmd, o, async (a, book) => querySupplierRanking(a, await periodOf(o, book)));
}

/** Preset splits over the query engine: sales by region/channel/tier/product, purchases by period. */
export async function reportExplore(
  o: ReportOpts,
  cmd: Command,
  request: { cube: string; measures: string[]; by: string[]; sort?: string },
) {
  const { queryExplore, totalsRow } = await import('@tradeloop/analytics');
  await run(cmd, o, async (a, book) => {
    const table = await queryExplore(a, { ...request, period: await periodOf(o, book) });
    // Totals of sums only: ratios and distinct counts do not add up.
    const footer = totalsRow(
      table.columns.map((c) => (['percent', 'count'].includes(c.kind) ? { ...c, kind: 'text' as const } : c)),
      table.rows,
    );
    return { ...table, footer };
  });
}

export async function reportMarginLines(o: ReportOpts, cmd: Command) {
  await reportExplore(o, cmd, {
    cube: 'sales',
    measures: ['qty', 'shipped', 'cost', 'margin', 'margin_pct'],
    by: [o.by ?? 'sku'],
    sort: 'margin',
  });
}

export async function reportPurchases(o: ReportOpts, cmd: Command) {
  const interval = o.interval ?? 'monthly';
  const by =
    { daily: 'day', weekly: 'week', monthly: 'month', quarterly: 'quarter', yearly: 'year' }[interval] ?? 'month';
  await reportExplore(o, cmd, { cube: 'purchases', measures: ['spend', 'qty', 'orders', 'variance'], by: [by] });
}

/** `tradeloop report below-reorder`: what the reorder run would order now, without ordering it. */
export async function reportBelowReorder(o: ReportOpts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const [{ runReorder }, { writeReport }] = await Promise.all([
      import('@tradeloop/store'),
      import('../report-table.js'),
    ]);
    const suggestions = book.preview(() => runReorder(book, { today: today(o, book) }));
    const rows = suggestions
      .filter((s) => s.projected < s.reorderPoint)
      .map((s) => ({
        sku: s.sku,
        warehouse: s.warehouse,
        projected: s.projected,
        reorder_point: s.reorderPoint,
        short: s.reorderPoint - s.projected,
        suggested: s.qty,
      }));
    const table: ReportTable = {
      columns: [
        { key: 'sku', title: 'SKU 编码', kind: 'text' },
        { key: 'warehouse', title: 'Warehouse 仓库', kind: 'text' },
        { key: 'projected', title: 'Projected 预计可用', kind: 'qty' },
        { key: 'reorder_point', title: 'Reorder point 再订货点', kind: 'qty' },
        { key: 'short', title: 'Short 缺口', kind: 'qty' },
        { key: 'suggested', title: 'Suggested 建议采购', kind: 'qty' },
      ],
      rows,
    };
    await writeReport(table, o, book.settings().precision, 'below reorder');
  });
}

/**
 * `tradeloop query`: measures of a fact by dimensions, filtered; or, with `--sql`, any read-only
 * SQL over the analytics store.
 */
export async function runQuery(o: ReportOpts, cmd: Command) {
  const { TradeloopError } = await import('@tradeloop/core');
  if (o.sql) {
    await withBook(cmd, async (book) => {
      const { readOnlySql } = await import('@tradeloop/analytics');
      const rows = await readOnlySql(book, o.sql as string);
      const { writeReport } = await import('../report-table.js');
      // The columns are the query's own, named as it names them; values as text, bigints exact.
      const keys = rows[0] ? Object.keys(rows[0]) : [];
      await writeReport(
        {
          columns: keys.map((k) => ({ key: k, title: k, kind: 'text' as const })),
          rows: rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k] === null ? null : String(r[k])]))),
        },
        o,
        book.settings().precision,
        'query',
      );
    });
    return;
  }
  if (!o.measures)
    throw new TradeloopError('usage.query', 'name the measures: --measures net,margin', {
      hint: 'tradeloop query --list shows the facts, dimensions and measures',
    });
  const { queryExplore } = await import('@tradeloop/analytics');
  const split = (s: string | undefined) =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  await run(cmd, o, async (a, book) => {
    const period = o.period ? await periodOf(o, book) : undefined;
    return queryExplore(a, {
      cube: o.fact ?? 'sales',
      measures: split(o.measures),
      by: split(o.by),
      where: o.where ?? [],
      ...(period ? { period } : {}),
      ...(o.sort ? { sort: o.sort } : {}),
      ...(o.limit ? { limit: Number(o.limit) } : {}),
    });
  });
}

/** `tradeloop query --list`: the vocabulary. */
export async function listVocabulary(o: ReportOpts) {
  const [{ CUBES }, { writeReport }] = await Promise.all([
    import('@tradeloop/analytics'),
    import('../report-table.js'),
  ]);
  const rows = Object.entries(CUBES).flatMap(([fact, cube]) => [
    ...Object.entries(cube.dimensions).map(([name, d]) => ({ fact, role: 'dimension', name, title: d.title })),
    ...Object.entries(cube.measures).map(([name, m]) => ({ fact, role: 'measure', name, title: m.title })),
  ]);
  const columns = ['fact', 'role', 'name', 'title'].map((k) => ({ key: k, title: k, kind: 'text' as const }));
  // No book is open here: no amount to scale.
  await writeReport({ columns, rows }, o, 2, 'vocabulary');
}
