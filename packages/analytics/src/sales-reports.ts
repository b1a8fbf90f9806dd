import { addDays, type IsoDate } from '@tradeloop/core';
import type { Analytics } from './analytics.js';
import { num, sqlText as q, type ReportTable, share, totalsRow } from './report-table.js';

/**
 * Targets against invoiced net sales (credit notes off) per salesperson for the months of a
 * period; a month counts when it starts inside the period.
 *
 * @example
 * await queryTargets(a, { start: '2026-01-01', end: '2026-04-01' })
 */
export async function queryTargets(a: Analytics, period: { start: string; end: string }): Promise<ReportTable> {
  const rows = await a.query(`
    with t as (select salesperson, sum(amount_minor) as target from targets
                 where month >= ${q(period.start.slice(0, 7))} and month || '-01' < ${q(period.end)} group by 1),
         s as (select salesperson, sum(net_minor) as actual from invoices
                 where kind in ('sales', 'sales_credit') and date >= ${q(period.start)} and date < ${q(period.end)}
                   and salesperson is not null group by 1)
    select coalesce(t.salesperson, s.salesperson) as salesperson, coalesce(t.target, 0) as target, coalesce(s.actual, 0) as actual
    from t full join s on s.salesperson = t.salesperson order by 1`);
  const columns = [
    { key: 'salesperson', title: 'Salesperson 业务员', kind: 'text' },
    { key: 'target', title: 'Target 目标', kind: 'money' },
    { key: 'actual', title: 'Actual 实际', kind: 'money' },
    { key: 'gap', title: 'Gap 差额', kind: 'money' },
    { key: 'attainment', title: 'Attainment % 达成率', kind: 'percent' },
  ] as const;
  const out = rows.map((r) => ({
    salesperson: String(r.salesperson),
    target: num(r.target),
    actual: num(r.actual),
    gap: num(r.actual) - num(r.target),
    attainment: share(num(r.actual), num(r.target), 10_000, a.rounding),
  }));
  const footer = totalsRow(columns, out);
  footer.attainment = share(Number(footer.actual), Number(footer.target), 10_000, a.rounding);
  return { columns, rows: out, footer };
}

/**
 * Per salesperson in a period: invoiced net sales and margin, invoices, what was collected on
 * their invoices, customers won (first invoice ever in the period) and target attainment.
 *
 * @example
 * await querySalespeople(a, { start: '2026-01-01', end: '2027-01-01' })
 */
export async function querySalespeople(a: Analytics, period: { start: string; end: string }): Promise<ReportTable> {
  const inPeriod = (col: string) => `${col} >= ${q(period.start)} and ${col} < ${q(period.end)}`;
  const rows = await a.query(`
    with sales as (
      select salesperson, sum(net_minor) as net, sum(net_minor - cost_minor) as margin, count(*) filter (where kind = 'sales') as invoices
      from invoices where kind in ('sales', 'sales_credit') and salesperson is not null and ${inPeriod('date')} group by 1),
    collected as (
      select v.salesperson, sum(al.amount_minor) as collected from allocations al join invoices v on v.number = al.invoice
      where v.kind = 'sales' and v.salesperson is not null and ${inPeriod('al.date')} group by 1),
    firsts as (
      select customer, arg_min(salesperson, date) as salesperson, min(date) as first_date
      from invoices where kind = 'sales' group by 1),
    won as (select salesperson, count(*) as won from firsts where ${inPeriod('first_date')} and salesperson is not null group by 1),
    t as (select salesperson, sum(amount_minor) as target from targets
          where month >= ${q(period.start.slice(0, 7))} and month || '-01' < ${q(period.end)} group by 1),
    people as (select salesperson from sales union select salesperson from collected union select salesperson from t)
    select p.salesperson, coalesce(s.net, 0) as net, coalesce(s.margin, 0) as margin, coalesce(s.invoices, 0) as invoices,
      coalesce(c.collected, 0) as collected, coalesce(w.won, 0) as won, coalesce(t.target, 0) as target
    from people p left join sales s using (salesperson) left join collected c using (salesperson)
    left join won w using (salesperson) left join t using (salesperson)
    order by net desc, p.salesperson`);
  const columns = [
    { key: 'salesperson', title: 'Salesperson 业务员', kind: 'text' },
    { key: 'net', title: 'Net sales 销售额', kind: 'money' },
    { key: 'margin', title: 'Margin 毛利', kind: 'money' },
    { key: 'invoices', title: 'Invoices 发票数', kind: 'count' },
    { key: 'collected', title: 'Collected 回款', kind: 'money' },
    { key: 'won', title: 'Customers won 新客户', kind: 'count' },
    { key: 'attainment', title: 'Target % 目标达成', kind: 'percent' },
  ] as const;
  const out = rows.map((r) => ({
    salesperson: String(r.salesperson),
    net: num(r.net),
    margin: num(r.margin),
    invoices: num(r.invoices),
    collected: num(r.collected),
    won: num(r.won),
    attainment: share(num(r.net), num(r.target), 10_000, a.rounding),
  }));
  return { columns, rows: out, footer: totalsRow(columns, out) };
}

/** RFM segments by their recency (R) and frequency (F) scores, 1 (worst) to 5 (best). */
export const RFM_SEGMENTS = [
  { name: 'Champions 核心客户', when: (r: number, f: number) => r >= 4 && f >= 4 },
  { name: 'Loyal 忠诚客户', when: (r: number, f: number) => r >= 3 && f >= 3 },
  { name: 'New 新客户', when: (r: number, f: number) => r >= 4 && f <= 2 },
  { name: 'At risk 流失风险', when: (r: number, f: number) => r <= 2 && f >= 3 },
  { name: 'Hibernating 沉睡客户', when: (r: number, f: number) => r <= 2 && f <= 2 },
  { name: 'Needs attention 需关注', when: () => true },
] as const;

/**
 * Recency, frequency and monetary value per customer as of a date, over the year before it:
 * days since the last invoice, invoices, net sales; each scored 1–5 by quintile among the
 * customers (ties share a score), and a segment from R and F.
 *
 * @example
 * await queryRfm(a, '2026-11-20')
 */
export async function queryRfm(a: Analytics, asOf: IsoDate): Promise<ReportTable> {
  const since = addDays(asOf, -365);
  const end = addDays(asOf, 1);
  const rows = await a.query(`
    with c as (
      select customer, max(date) as last_date, count(*) filter (where kind = 'sales') as frequency, sum(net_minor) as monetary
      from invoices where kind in ('sales', 'sales_credit') and customer is not null and date >= ${q(since)} and date < ${q(end)}
      group by 1 having count(*) filter (where kind = 'sales') > 0),
    d as (select *, date_diff('day', cast(last_date as date), cast(${q(asOf)} as date)) as recency from c)
    select d.customer, coalesce(k.name, '') as name, d.recency, d.frequency, d.monetary,
      6 - ntile(5) over (order by d.recency, d.customer) as r,
      ntile(5) over (order by d.frequency, d.customer) as f,
      ntile(5) over (order by d.monetary, d.customer) as m
    from d left join customers k on k.code = d.customer`);
  const columns = [
    { key: 'customer', title: 'Customer 客户', kind: 'text' },
    { key: 'name', title: 'Name 名称', kind: 'text' },
    { key: 'segment', title: 'Segment 分群', kind: 'text' },
    { key: 'rfm', title: 'RFM', kind: 'text' },
    { key: 'recency', title: 'Days since 距上次天数', kind: 'days' },
    { key: 'frequency', title: 'Invoices 发票数', kind: 'count' },
    { key: 'monetary', title: 'Net sales 销售额', kind: 'money' },
  ] as const;
  const order = (name: string) => RFM_SEGMENTS.findIndex((s) => s.name === name);
  const out = rows
    .map((row) => {
      const r = num(row.r);
      const f = num(row.f);
      const segment = RFM_SEGMENTS.find((s) => s.when(r, f))?.name ?? '';
      return {
        customer: String(row.customer),
        name: String(row.name),
        segment,
        rfm: `${r}${f}${num(row.m)}`,
        recency: num(row.recency),
        frequency: num(row.frequency),
        monetary: num(row.monetary),
      };
    })
    .sort(
      (x, y) => order(x.segment) - order(y.segment) || y.monetary - x.monetary || x.customer.localeCompare(y.customer),
    );
  return { columns, rows: out };
}
