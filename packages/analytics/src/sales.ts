import { type Interval, type Minor, type PeriodSpec, splitPeriod } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import { type Analytics, CUSTOMER_SALES, withAnalytics } from './analytics.js';
import { share } from './report-table.js';

export interface TrendRow {
  period: string;
  invoices: number;
  net: Minor;
  tax: Minor;
  gross: Minor;
}

/**
 * Invoiced sales per sub-period (credit notes net off), from the analytics store.
 *
 * @example
 * await salesTrend(book, { start: '2026-01-01', end: '2027-01-01', label: '2026' }, 'monthly')
 */
export async function salesTrend(
  book: Book,
  spec: PeriodSpec,
  interval: Interval = spec.interval ?? 'monthly',
): Promise<TrendRow[]> {
  return withAnalytics(book, (a) => querySalesTrend(a, spec, interval), CUSTOMER_SALES);
}

export async function querySalesTrend(a: Analytics, spec: PeriodSpec, interval: Interval): Promise<TrendRow[]> {
  const periods = splitPeriod(spec, interval);
  if (periods.length === 0) return [];
  // Sum by month in DuckDB when every period is whole months (a few dozen rows), else by day (a
  // few hundred), then place them in their periods here: a range join of a million invoices
  // against the periods costs ten times as much.
  const byMonth = periods.every((p) => p.start.endsWith('-01') && p.end.endsWith('-01'));
  const key = byMonth ? "substr(date, 1, 7) || '-01'" : 'date';
  const days = (await a.query(`
    select ${key} as date, count(*) filter (where kind = 'sales') as invoices, sum(net_minor) as net, sum(tax_minor) as tax, sum(gross_minor) as gross
    from invoices where kind in ('sales', 'sales_credit') and date >= '${periods[0]?.start}' and date < '${periods.at(-1)?.end}'
    group by 1 order by 1`)) as { date: string; invoices: bigint; net: bigint; tax: bigint; gross: bigint }[];
  const rows = periods.map((p) => ({ period: p.label, invoices: 0, net: 0, tax: 0, gross: 0 }));
  let at = 0;
  for (const d of days) {
    while (at < periods.length && d.date >= (periods[at]?.end ?? '')) at++;
    const r = rows[at];
    if (!r || d.date < (periods[at]?.start ?? '')) continue;
    r.invoices += Number(d.invoices);
    r.net += Number(d.net);
    r.tax += Number(d.tax);
    r.gross += Number(d.gross);
  }
  return rows;
}

export type TopDimension = 'customer' | 'salesperson' | 'sku' | 'category';

export interface TopRow {
  key: string;
  net: Minor;
  qty: number;
  orders: number;
  share: number;
}

/**
 * The top N by net sales in a period: customers or salespeople from invoices, products or
 * categories from order lines (by order date). `share` is of the period's total, in basis points.
 *
 * @example
 * await topN(book, { start: '2026-01-01', end: '2027-01-01', label: '2026' }, 'sku', 10)
 */
export async function topN(
  book: Book,
  period: { start: string; end: string },
  by: TopDimension,
  n = 10,
): Promise<TopRow[]> {
  return withAnalytics(book, (a) => queryTopN(a, period, by, n), CUSTOMER_SALES);
}

export async function queryTopN(
  a: Analytics,
  period: { start: string; end: string },
  by: TopDimension,
  n: number,
): Promise<TopRow[]> {
  const range = `'${period.start}' and date < '${period.end}'`;
  const sql =
    by === 'customer' || by === 'salesperson'
      ? `select coalesce(${by}, '') as key, sum(net_minor) as net, 0 as qty, count(*) filter (where kind = 'sales') as orders
         from invoices where kind in ('sales', 'sales_credit') and date >= ${range} group by 1`
      : `select ${by === 'sku' ? 'sku' : "split_part(category, '/', 1)"} as key,
           sum(invoiced_net_minor) as net, sum(invoiced_milli) as qty, count(distinct order_number) as orders
         from order_lines where invoiced_milli > 0 and date >= ${range} group by 1`;
  const rows = (await a.query(
    `with t as (${sql}) select key, net, qty, orders, sum(net) over () as total from t order by net desc, key limit ${Math.max(1, Math.trunc(n))}`,
  )) as {
    key: string;
    net: bigint | number;
    qty: bigint | number;
    orders: bigint;
    total: bigint | number;
  }[];
  return rows.map((r) => ({
    key: r.key,
    net: Number(r.net),
    qty: Number(r.qty),
    orders: Number(r.orders),
    share: share(Number(r.net), Number(r.total), 10_000, a.rounding) ?? 0,
  }));
}

export interface MarginRow {
  key: string;
  net: Minor;
  cost: Minor;
  margin: Minor;
  /** Margin over net sales, in basis points. */
  rate: number;
}

/**
 * Gross margin by customer or salesperson in a period: invoiced net sales less the FIFO cost of
 * what was invoiced, credit notes included.
 *
 * @example
 * await marginBy(book, { start: '2026-01-01', end: '2027-01-01' }, 'salesperson')
 */
export async function marginBy(
  book: Book,
  period: { start: string; end: string },
  by: 'customer' | 'salesperson',
): Promise<MarginRow[]> {
  return withAnalytics(book, (a) => queryMargin(a, period, by));
}

export async function queryMargin(
  a: Analytics,
  period: { start: string; end: string },
  by: 'customer' | 'salesperson',
): Promise<MarginRow[]> {
  const rows = (await a.query(`
    select coalesce(${by}, '') as key, sum(net_minor) as net, sum(cost_minor) as cost from invoices
    where kind in ('sales', 'sales_credit') and date >= '${period.start}' and date < '${period.end}'
    group by 1 order by sum(net_minor) - sum(cost_minor) desc, key`)) as { key: string; net: bigint; cost: bigint }[];
  return rows.map((r) => {
    const net = Number(r.net);
    const cost = Number(r.cost);
    return {
      key: r.key,
      net,
      cost,
      margin: net - cost,
      rate: share(net - cost, net, 10_000, a.rounding) ?? 0,
    };
  });
}
