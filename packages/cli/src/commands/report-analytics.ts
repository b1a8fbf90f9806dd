import type { Analytics, ReportReads, ReportTable } from '@tradeloop/analytics';
import type { PeriodSpec } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import type { Command } from 'commander';
import { z } from 'zod';
import {
  INTERVALS,
  type OptionContext,
  opt,
  parseOptions,
  reportFields,
  resolvePeriod,
  withOptions,
} from '../options.js';
import { writeChart } from '../output.js';

/** `-p` (else this year), `--interval` into it, `--as-of` for an open `from`. */
const periodic = (c: OptionContext) =>
  z
    .object({ ...reportFields(c), period: opt.text().optional(), interval: opt.choice(INTERVALS).optional() })
    .transform(resolvePeriod(c, 'year'))
    .transform((o) => ({ ...o, period: withInterval(o.period, o.interval) }));

const withInterval = (p: PeriodSpec, interval: PeriodSpec['interval']): PeriodSpec =>
  interval ? { ...p, interval } : p;

/** A period's rows per month unless it or `--interval` says otherwise. */
const monthly = (p: PeriodSpec) => ({ ...p, interval: p.interval ?? ('monthly' as const) });

type ReportOptions = { format: z.output<ReturnType<typeof opt.reportFormat>>; output?: string; chart?: string };

/** Open the book, read the options, sync the analytics store, run one query, print its table. */
async function run<S extends z.ZodType<ReportOptions>>(
  cmd: Command,
  schema: (c: OptionContext) => S,
  raw: unknown,
  query: (a: Analytics, o: z.output<S>, book: Book) => Promise<ReportTable>,
  reads?: ReportReads,
) {
  await withOptions(cmd, schema, raw, async (o, book) => {
    const [{ withAnalytics }, { writeReport }] = await Promise.all([
      import('@tradeloop/analytics'),
      import('../report-table.js'),
    ]);
    const table = await withAnalytics(book, (a) => query(a, o, book), reads);
    const { precision } = book.settings();
    if (o.chart) {
      const { reportChartSpec } = await import('@tradeloop/analytics');
      await writeChart(reportChartSpec(table, precision), o.chart);
    }
    await writeReport(table, o, precision, cmd.name());
  });
}

const journalOptions = (c: OptionContext) =>
  z
    .object({
      ...reportFields(c),
      period: opt.text().optional(),
      account: opt.text().optional(),
      limit: opt.whole(1).optional(),
    })
    .transform(resolvePeriod(c, 'month'));

export async function reportJournal(raw: unknown, cmd: Command) {
  const { queryJournal } = await import('@tradeloop/analytics');
  await run(cmd, journalOptions, raw, (a, o) =>
    queryJournal(a, o.period, {
      ...(o.account ? { account: o.account } : {}),
      ...(o.limit ? { limit: o.limit } : {}),
    }),
  );
}

export async function reportReceipts(raw: unknown, cmd: Command) {
  const { queryReceiptsVsInvoices } = await import('@tradeloop/analytics');
  await run(cmd, periodic, raw, (a, o) => queryReceiptsVsInvoices(a, monthly(o.period)));
}

export async function reportCashFlow(raw: unknown, cmd: Command) {
  const { queryCashFlow } = await import('@tradeloop/analytics');
  await run(cmd, periodic, raw, (a, o) => queryCashFlow(a, monthly(o.period)));
}

export async function reportTargets(raw: unknown, cmd: Command) {
  const { queryTargets } = await import('@tradeloop/analytics');
  const { CUSTOMER_SALES } = await import('@tradeloop/analytics');
  await run(cmd, periodic, raw, (a, o) => queryTargets(a, o.period), CUSTOMER_SALES);
}

export async function reportSalespeople(raw: unknown, cmd: Command) {
  const { querySalespeople } = await import('@tradeloop/analytics');
  await run(cmd, periodic, raw, (a, o) => querySalespeople(a, o.period));
}

const asOfOptions = (c: OptionContext) => z.object(reportFields(c));

export async function reportRfm(raw: unknown, cmd: Command) {
  const { queryRfm } = await import('@tradeloop/analytics');
  const { CUSTOMER_SALES } = await import('@tradeloop/analytics');
  await run(cmd, asOfOptions, raw, (a, o) => queryRfm(a, o.asOf), CUSTOMER_SALES);
}

const turnoverOptions = (c: OptionContext) =>
  z
    .object({
      ...reportFields(c),
      period: opt.text().optional(),
      by: opt.choice(['category', 'sku']).default('category'),
    })
    .transform(resolvePeriod(c, 'year'));

export async function reportTurnover(raw: unknown, cmd: Command) {
  const { queryTurnover } = await import('@tradeloop/analytics');
  await run(cmd, turnoverOptions, raw, (a, o) => queryTurnover(a, o.period, o.by));
}

export async function reportSuppliers(raw: unknown, cmd: Command) {
  const { querySupplierRanking } = await import('@tradeloop/analytics');
  await run(cmd, periodic, raw, (a, o) => querySupplierRanking(a, o.period));
}

/** Preset splits over the query engine: sales by region/channel/tier/product, purchases by period. */
async function explore(
  a: Analytics,
  period: PeriodSpec,
  request: { cube: string; measures: string[]; by: string[]; sort?: string },
): Promise<ReportTable> {
  const { queryExplore, totalsRow } = await import('@tradeloop/analytics');
  const table = await queryExplore(a, { ...request, period });
  // Totals of sums only: ratios and distinct counts do not add up.
  const footer = totalsRow(
    table.columns.map((c) => (['percent', 'count'].includes(c.kind) ? { ...c, kind: 'text' as const } : c)),
    table.rows,
  );
  return { ...table, footer };
}

const splitBy =
  <const T extends readonly [string, ...string[]]>(dimensions: T) =>
  (c: OptionContext) =>
    z
      .object({ ...reportFields(c), period: opt.text().optional(), by: opt.choice(dimensions).default(dimensions[0]) })
      .transform(resolvePeriod(c, 'year'));

const marginLinesOptions = splitBy([
  'sku',
  'category',
  'customer',
  'salesperson',
  'region',
  'channel',
  'tier',
  'warehouse',
] as const);

export async function reportMarginLines(raw: unknown, cmd: Command) {
  await run(cmd, marginLinesOptions, raw, (a, o) =>
    explore(a, o.period, {
      cube: 'sales',
      measures: ['qty', 'shipped', 'cost', 'margin', 'margin_pct'],
      by: [o.by],
      sort: 'margin',
    }),
  );
}

const splitOptions = splitBy(['region', 'channel', 'tier', 'warehouse'] as const);

/** `tradeloop report split`: ordered and invoiced sales, margin, orders and customers by one dimension. */
export async function reportSplit(raw: unknown, cmd: Command) {
  await run(cmd, splitOptions, raw, (a, o) =>
    explore(a, o.period, {
      cube: 'sales',
      measures: ['net', 'invoiced', 'margin', 'margin_pct', 'orders', 'customers'],
      by: [o.by],
      sort: 'net',
    }),
  );
}

const INTERVAL_DIMENSION = { daily: 'day', weekly: 'week', monthly: 'month', quarterly: 'quarter', yearly: 'year' };

export async function reportPurchases(raw: unknown, cmd: Command) {
  await run(cmd, periodic, raw, (a, o) =>
    explore(a, o.period, {
      cube: 'purchases',
      measures: ['spend', 'qty', 'orders', 'variance'],
      by: [INTERVAL_DIMENSION[o.interval ?? 'monthly']],
    }),
  );
}

/** `tradeloop report below-reorder`: what the reorder run would order now, without ordering it. */
export async function reportBelowReorder(raw: unknown, cmd: Command) {
  await withOptions(cmd, asOfOptions, raw, async (o, book) => {
    const [{ runReorder }, { writeReport }] = await Promise.all([
      import('@tradeloop/store'),
      import('../report-table.js'),
    ]);
    const suggestions = book.preview(() => runReorder(book, { today: o.asOf }));
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

const queryOptions = (c: OptionContext) =>
  z
    .object({
      ...reportFields(c),
      fact: opt.choice(['sales', 'invoices', 'purchases']).default('sales'),
      measures: opt.list().optional(),
      by: opt.list().default([]),
      where: z.array(opt.text()).default([]),
      period: opt.text().optional(),
      sort: opt.text().optional(),
      limit: opt.whole(1).optional(),
      sql: opt.text().optional(),
    })
    .transform(resolvePeriod(c, undefined));

/**
 * `tradeloop query`: measures of a fact by dimensions, filtered; or, with `--sql`, any read-only
 * SQL over the analytics store; or, with `--list`, the facts, dimensions and measures.
 */
export async function runQuery(raw: unknown, cmd: Command) {
  // The vocabulary needs no book: `--list` works before there is one.
  const vocabulary = parseOptions(cmd, listOptions, raw);
  if (vocabulary.list) return listVocabulary(vocabulary);
  await withOptions(cmd, queryOptions, raw, async (o, book) => {
    if (o.sql) return sqlQuery(o.sql, o, book);
    const { TradeloopError } = await import('@tradeloop/core');
    const measures = o.measures ?? [];
    if (measures.length === 0)
      throw new TradeloopError('usage.query', 'name the measures: --measures net,margin', {
        hint: 'tradeloop query --list shows the facts, dimensions and measures',
      });
    const [{ queryExplore, withAnalytics }, { writeReport }] = await Promise.all([
      import('@tradeloop/analytics'),
      import('../report-table.js'),
    ]);
    const table = await withAnalytics(book, (a) =>
      queryExplore(a, {
        cube: o.fact,
        measures,
        by: o.by,
        where: o.where,
        ...(o.period ? { period: o.period } : {}),
        ...(o.sort ? { sort: o.sort } : {}),
        ...(o.limit ? { limit: o.limit } : {}),
      }),
    );
    const { precision } = book.settings();
    if (o.chart) {
      const { reportChartSpec } = await import('@tradeloop/analytics');
      await writeChart(reportChartSpec(table, precision), o.chart);
    }
    await writeReport(table, o, precision, 'query');
  });
}

/** `tradeloop query --sql`: the query's own columns, named as it names them; values as text, bigints exact. */
async function sqlQuery(sql: string, o: ReportOptions, book: Book) {
  const [{ readOnlySql }, { writeReport }] = await Promise.all([
    import('@tradeloop/analytics'),
    import('../report-table.js'),
  ]);
  const rows = await readOnlySql(book, sql);
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
}

const listOptions = z.object({ list: opt.flag(), format: opt.reportFormat(), output: opt.text().optional() });

/** `tradeloop query --list`: the vocabulary. */
async function listVocabulary(o: ReportOptions) {
  const [{ CUBES }, { writeReport }] = await Promise.all([
    import('@tradeloop/analytics'),
    import('../report-table.js'),
  ]);
  const rows = Object.entries(CUBES).flatMap(([fact, cube]) => [
    ...Object.entries(cube.dimensions).map(([name, d]) => ({ fact, role: 'dimension', name, title: d.title })),
    ...Object.entries(cube.measures).map(([name, m]) => ({ fact, role: 'measure', name, title: m.title })),
  ]);
  const columns = ['fact', 'role', 'name', 'title'].map((k) => ({ key: k, title: k, kind: 'text' as const }));
  // Names and titles only: no amount to scale.
  await writeReport({ columns, rows }, o, 2, 'vocabulary');
}
