import { json } from '@sveltejs/kit';
import {
  type AgingResult,
  arAging,
  profitByPeriod,
  profitChartSpec,
  salesTrend,
  salesTrendChartSpec,
  stockValue,
  topChartSpec,
  topN,
} from '@tradeloop/analytics';
import {
  type Actor,
  ageBalances,
  customerScope,
  formatMoney,
  INPUT_INVALID,
  type Interval,
  type IsoDate,
  type Issue,
  inScope,
  type Minor,
  parsePeriod,
  TradeloopError,
} from '@tradeloop/core';
import { type Book, payablesForAging, receivablesForAging, type Table } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs } from './access.js';
import { dateText } from './request.js';

/** How a column's cells read: text as is, money in minor units, a count, a quantity in thousandths. */
export type CellKind = 'text' | 'money' | 'count' | 'qty' | 'bp';

export interface ReportColumn {
  /** Also the column's header in a downloaded file, and the key of its label on the page. */
  key: string;
  kind: CellKind;
}

export type ReportRow = Record<string, string | number>;

/** A report as the page shows it and a file holds it: the same rows, the same figures. */
export interface ReportView {
  columns: ReportColumn[];
  rows: ReportRow[];
  footer?: ReportRow;
}

/** The period reports, each a chart and a table over one analytics function. */
export const PERIOD_REPORTS = ['profit', 'sales', 'top', 'stock'] as const;
export type PeriodReport = (typeof PERIOD_REPORTS)[number];
export const isPeriodReport = (name: string): name is PeriodReport =>
  (PERIOD_REPORTS as readonly string[]).includes(name);

const INTERVALS = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;

/**
 * A period as the command line's `-p` takes it (`2026`, `2026Q1`, `2026-03`, `2025-01..2025-07`,
 * `monthly from 2026-01`), read by core's `parsePeriod`; empty is this year.
 */
const periodText = z.string().trim().max(60).optional();

export const reportQuerySchema = z
  .object({
    p: periodText,
    asOf: dateText.optional(),
    interval: z.enum(INTERVALS).optional(),
    by: z.enum(['customer', 'salesperson', 'sku', 'category', 'warehouse']).optional(),
    n: z.coerce.number().int().min(1).max(100).optional(),
    format: z.enum(['csv', 'xlsx']).optional(),
  })
  .strict();
export type ReportQuery = z.output<typeof reportQuerySchema>;

/** Which rankings each report offers, the first its default. */
export const REPORT_BY: Readonly<Record<PeriodReport, readonly string[]>> = {
  profit: [],
  sales: [],
  top: ['customer', 'sku', 'salesperson', 'category'],
  stock: ['category', 'warehouse'],
};

/** Which reports read a period. */
export const HAS_PERIOD: Readonly<Record<PeriodReport, boolean>> = {
  profit: true,
  sales: true,
  top: true,
  stock: false,
};

const sum = (rows: readonly ReportRow[], keys: readonly string[]): ReportRow =>
  Object.fromEntries(keys.map((k) => [k, rows.reduce((s, r) => s + Number(r[k] ?? 0), 0)]));

const PROFIT_KEYS = ['revenue', 'cogs', 'gross', 'expenses', 'commission', 'other_income', 'net'] as const;

/** The period of a query, or what is wrong with it. */
export function readPeriod(text: string | undefined, today: IsoDate) {
  const r = parsePeriod(text || today.slice(0, 4), { today });
  if (r.ok) return r;
  const issue: Issue = {
    code: INPUT_INVALID,
    path: ['query', 'p'],
    message: r.issues[0]?.message ?? 'is not a period',
  };
  return { ok: false as const, issue };
}

export interface PeriodReportData {
  report: PeriodReport;
  period: string;
  by: string;
  interval: Interval | null;
  chart: Record<string, unknown>;
  view: ReportView;
}

/**
 * One period report over the analytics copy, as the acting user may read it: analytics itself
 * refuses (`permission.scope`) whoever may not. The permission check runs before the first await.
 */
export async function periodReport(
  b: Book,
  actor: Actor,
  report: PeriodReport,
  q: ReportQuery,
  period: { start: string; end: string; label: string; interval?: Interval },
): Promise<PeriodReportData> {
  const { precision } = b.settings();
  const by = q.by && REPORT_BY[report].includes(q.by) ? q.by : (REPORT_BY[report][0] ?? '');
  const label = period.label;
  switch (report) {
    case 'profit': {
      const rows = await actingAs(b, actor, () => profitByPeriod(b, period));
      const view: ReportView = {
        columns: [{ key: 'period', kind: 'text' }, ...PROFIT_KEYS.map((key) => ({ key, kind: 'money' as const }))],
        rows: rows.map((r) => ({
          period: r.period,
          revenue: r.revenue,
          cogs: r.cogs,
          gross: r.gross,
          expenses: r.expenses,
          commission: r.commission,
          other_income: r.otherIncome,
          net: r.net,
        })),
      };
      if (view.rows.length > 1) view.footer = { period: '', ...sum(view.rows, PROFIT_KEYS) };
      return { report, period: label, by, interval: null, chart: profitChartSpec(rows, precision), view };
    }
    case 'sales': {
      const interval = q.interval ?? period.interval ?? 'monthly';
      const rows = await actingAs(b, actor, () => salesTrend(b, period, interval));
      const keys = ['invoices', 'net', 'tax', 'gross_with_tax'];
      const view: ReportView = {
        columns: [
          { key: 'period', kind: 'text' },
          { key: 'invoices', kind: 'count' },
          { key: 'net', kind: 'money' },
          { key: 'tax', kind: 'money' },
          { key: 'gross_with_tax', kind: 'money' },
        ],
        rows: rows.map((r) => ({
          period: r.period,
          invoices: r.invoices,
          net: r.net,
          tax: r.tax,
          gross_with_tax: r.gross,
        })),
      };
      if (view.rows.length > 1) view.footer = { period: '', ...sum(view.rows, keys) };
      return { report, period: label, by, interval, chart: salesTrendChartSpec(rows, precision), view };
    }
    case 'top': {
      const dim = by as 'customer' | 'salesperson' | 'sku' | 'category';
      const rows = await actingAs(b, actor, () => topN(b, period, dim, q.n ?? 10));
      const products = dim === 'sku' || dim === 'category';
      const view: ReportView = {
        columns: [
          { key: dim, kind: 'text' },
          { key: 'net', kind: 'money' },
          ...(products ? [{ key: 'qty', kind: 'qty' as const }] : []),
          { key: products ? 'orders' : 'invoices', kind: 'count' },
          { key: 'share_pct', kind: 'bp' },
        ],
        rows: rows.map((r) => ({
          [dim]: r.key,
          net: r.net,
          ...(products ? { qty: r.qty } : {}),
          [products ? 'orders' : 'invoices']: r.orders,
          share_pct: r.share,
        })),
      };
      return {
        report,
        period: label,
        by,
        interval: null,
        chart: topChartSpec(`${dim} · ${label}`, rows, precision),
        view,
      };
    }
    case 'stock': {
      const group = by as 'warehouse' | 'category';
      const rows = await actingAs(b, actor, () => stockValue(b, group));
      const view: ReportView = {
        columns: [
          { key: group, kind: 'text' },
          { key: 'on_hand', kind: 'qty' },
          { key: 'reserved', kind: 'qty' },
          { key: 'value', kind: 'money' },
        ],
        rows: rows.map((r) => ({ [group]: r.key, on_hand: r.onHand, reserved: r.reserved, value: r.value })),
      };
      if (view.rows.length > 1) view.footer = { [group]: '', ...sum(view.rows, ['on_hand', 'reserved', 'value']) };
      const chart = topChartSpec(
        group,
        rows.map((r) => ({ key: r.key, net: r.value })),
        precision,
        'Value 金额',
      );
      return { report, period: '', by, interval: null, chart, view };
    }
  }
}

export type AgingSide = 'ar' | 'ap';

export interface AgingDocumentRow {
  number: string;
  party: string;
  kind: 'invoice' | 'credit_note';
  date: IsoDate;
  dueDate: IsoDate;
  age: number;
  bucket: number;
  outstanding: Minor;
}

export interface AgingPageData {
  side: AgingSide;
  by: 'customer' | 'salesperson' | 'supplier';
  asOf: IsoDate;
  columns: string[];
  view: ReportView;
  /** The row opened to the documents behind its figures, and those documents. */
  open: string | null;
  documents: AgingDocumentRow[];
}

/** Aging bucket labels as file headers: `not_due`, `days_1_30`, …, `days_over_120`. */
export const bucketKey = (label: string): string =>
  label === 'not due'
    ? 'not_due'
    : label.endsWith('+')
      ? `days_over_${label.slice(0, -1)}`
      : `days_${label.replace('-', '_')}`;

/**
 * AR (by customer or salesperson) or AP (by supplier) aging as of a date, from analytics'
 * `arAging`, which refuses whoever may not read it and limits a salesperson to their customers.
 * The documents behind each row are core's `ageBalances` over the store's own aging input, the
 * same rules, on the same date, for the one row opened (so the page stays small whatever the
 * book holds): for a reader limited to some customers, only the documents their
 * scope reaches (invoices they sold, or the customer's own).
 */
export async function agingReport(
  b: Book,
  actor: Actor,
  side: AgingSide,
  asOf: IsoDate,
  bySalesperson: boolean,
  open?: string,
): Promise<AgingPageData> {
  const by = side === 'ap' ? 'supplier' : bySalesperson ? 'salesperson' : 'customer';
  const payables = side === 'ap';
  const r: AgingResult = await actingAs(b, actor, () =>
    arAging(b, { asOf, payables, by: by === 'salesperson' ? 'salesperson' : 'customer' }),
  );
  const keys = r.columns.map(bucketKey);
  const withAdvances = by !== 'salesperson';
  const row = (key: string, a: AgingResult['total']): ReportRow => ({
    [by]: key,
    ...Object.fromEntries(keys.map((k, i) => [k, a.buckets[i] ?? 0])),
    outstanding: a.outstanding,
    ...(withAdvances ? { advances: a.advances, net: a.net } : {}),
  });
  const view: ReportView = {
    columns: [
      { key: by, kind: 'text' },
      ...keys.map((key) => ({ key, kind: 'money' as const })),
      { key: 'outstanding', kind: 'money' },
      ...(withAdvances ? (['advances', 'net'] as const).map((key) => ({ key, kind: 'money' as const })) : []),
    ],
    rows: r.rows.map((x) => row(x.key, x)),
    footer: row('', r.total),
  };
  if (open === undefined || !r.rows.some((x) => x.key === open))
    return { side, by, asOf, columns: r.columns, view, open: null, documents: [] };
  const input = actingAs(b, actor, () => (payables ? payablesForAging(b) : receivablesForAging(b)));
  const scope = customerScope(actor);
  const reaches = (d: { party: string; salesperson?: string }) =>
    payables || inScope(scope, { customer: d.party, salesperson: d.salesperson ?? null });
  const aged = ageBalances(input.documents.filter(reaches), input.payments.filter(reaches), [], {
    asOf,
    basis: r.basis,
  });
  const documents = aged.documents
    .filter((d) => (by === 'salesperson' ? (d.salesperson ?? '') : d.party) === open)
    .map((d) => ({
      number: d.id,
      party: d.party,
      kind: d.kind,
      date: d.date,
      dueDate: d.dueDate,
      age: d.age,
      bucket: d.bucket,
      outstanding: d.outstanding,
    }));
  return { side, by, asOf, columns: r.columns, view, open, documents };
}

/** A report as a file's table: headers are the column keys, amounts as a person types them. */
export function reportTable(view: ReportView, money: { precision: number }): Table {
  const cell = (c: ReportColumn, v: string | number | undefined): string => {
    if (v === undefined || v === '') return '';
    if (typeof v === 'string') return v;
    switch (c.kind) {
      case 'money':
        return formatMoney(v, money);
      case 'qty':
        return formatMoney(v, { precision: 3 });
      case 'bp':
        return formatMoney(v, { precision: 2 });
      default:
        return String(v);
    }
  };
  const line = (r: ReportRow) => view.columns.map((c) => cell(c, r[c.key]));
  return {
    headers: view.columns.map((c) => c.key),
    rows: [
      ...view.rows.map(line),
      ...(view.footer ? [line({ ...view.footer, [view.columns[0]?.key ?? '']: 'total' })] : []),
    ],
  };
}

export const FILE_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** A report file as a download. */
export function fileResponse(bytes: Uint8Array<ArrayBuffer>, format: 'csv' | 'xlsx', name: string): Response {
  return new Response(bytes, {
    headers: {
      'content-type': FILE_TYPES[format],
      'content-disposition': `attachment; filename="${encodeURIComponent(`${name}.${format}`)}"`,
      'cache-control': 'no-store',
    },
  });
}

/** For a download: a refusal analytics made (`permission.*`) as 403 JSON naming it. */
export function refusedAsJson(e: unknown): Response {
  if (e instanceof TradeloopError && e.code.startsWith('permission.'))
    return json({ code: e.code, path: [...e.path], message: e.message }, { status: 403 });
  throw e;
}
