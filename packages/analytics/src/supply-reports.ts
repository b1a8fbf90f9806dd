import { daysBetween } from '@tradeloop/core';
import type { Analytics } from './analytics.js';
import { num, sqlText as q, type ReportTable, share, totalsRow } from './report-table.js';

/**
 * Inventory turnover per category or product over a period: cost of goods issued (sales issues
 * less sales returns, at FIFO cost) over the average of the opening and closing stock value, and
 * the days of stock that makes. Turnover is in hundredths (425 = 4.25 times).
 *
 * @example
 * await queryTurnover(a, { start: '2026-01-01', end: '2027-01-01' }, 'category')
 */
export async function queryTurnover(
  a: Analytics,
  period: { start: string; end: string },
  by: 'category' | 'sku',
): Promise<ReportTable> {
  const key = by === 'sku' ? 'sku' : "split_part(category, '/', 1)";
  const rows = await a.query(`
    select ${key} as key,
      sum(value_minor) filter (where date < ${q(period.start)}) as opening,
      sum(value_minor) filter (where date < ${q(period.end)}) as closing,
      -sum(value_minor) filter (where kind in ('issue', 'return_in') and date >= ${q(period.start)} and date < ${q(period.end)}) as cogs
    from moves group by 1 order by 1`);
  const days = daysBetween(period.start, period.end);
  const columns = [
    { key: by, title: by === 'sku' ? 'SKU 编码' : 'Category 类别', kind: 'text' },
    { key: 'opening', title: 'Opening value 期初金额', kind: 'money' },
    { key: 'closing', title: 'Closing value 期末金额', kind: 'money' },
    { key: 'cogs', title: 'Cost of sales 销售成本', kind: 'money' },
    { key: 'turnover', title: 'Turnover 周转次数', kind: 'ratio' },
    { key: 'days', title: 'Days of stock 周转天数', kind: 'days' },
  ] as const;
  // The average stock is (opening + closing) / 2: both figures are taken over twice it, exactly.
  const measure = (opening: number, closing: number, cogs: number) => ({
    turnover: opening + closing <= 0 ? null : share(cogs, opening + closing, 200, a.rounding),
    days: cogs <= 0 ? null : share(opening + closing, 2 * cogs, days, a.rounding),
  });
  const out = rows.map((r) => {
    const opening = num(r.opening);
    const closing = num(r.closing);
    const cogs = num(r.cogs);
    return { [by]: String(r.key), opening, closing, cogs, ...measure(opening, closing, cogs) };
  });
  const footer = totalsRow(columns, out);
  Object.assign(footer, measure(Number(footer.opening), Number(footer.closing), Number(footer.cogs)));
  return { columns, rows: out, footer };
}

/**
 * Suppliers ranked by spend on purchase orders placed in a period, with how reliably they
 * deliver: a fully received line is on time when its last receipt is on or before the expected
 * date; the delay is averaged over the late ones. Price variance is against the standard cost.
 *
 * @example
 * await querySupplierRanking(a, { start: '2026-01-01', end: '2027-01-01' })
 */
export async function querySupplierRanking(a: Analytics, period: { start: string; end: string }): Promise<ReportTable> {
  const rows = await a.query(`
    select supplier, sum(amount_minor) as spend, count(distinct po_number) as orders,
      count(*) filter (where received_milli >= qty_milli) as received_lines,
      count(*) filter (where received_milli >= qty_milli and last_receipt <= expected_date) as on_time,
      sum(date_diff('day', cast(expected_date as date), cast(last_receipt as date)))
        filter (where received_milli >= qty_milli and last_receipt > expected_date) as late_days,
      count(*) filter (where received_milli >= qty_milli and last_receipt > expected_date) as late_lines,
      sum(amount_minor - standard_amount_minor) as variance
    from purchase_lines where status not in ('cancelled', 'draft')
      and order_date >= ${q(period.start)} and order_date < ${q(period.end)}
    group by 1 order by spend desc, supplier`);
  const columns = [
    { key: 'rank', title: '#', kind: 'count' },
    { key: 'supplier', title: 'Supplier 供应商', kind: 'text' },
    { key: 'spend', title: 'Spend 采购额', kind: 'money' },
    { key: 'orders', title: 'POs 采购单', kind: 'count' },
    { key: 'on_time', title: 'On time % 准时率', kind: 'percent' },
    { key: 'delay', title: 'Avg delay 平均延迟天数', kind: 'days' },
    { key: 'variance', title: 'Price variance 价差', kind: 'money' },
  ] as const;
  const out = rows.map((r, i) => ({
    rank: i + 1,
    supplier: String(r.supplier),
    spend: num(r.spend),
    orders: num(r.orders),
    on_time: share(num(r.on_time), num(r.received_lines), 10_000, a.rounding),
    delay: share(num(r.late_days), num(r.late_lines), 1, a.rounding),
    variance: num(r.variance),
  }));
  const footer = totalsRow(columns, out);
  footer.rank = null;
  footer.supplier = 'Total 合计';
  return { columns, rows: out, footer };
}
