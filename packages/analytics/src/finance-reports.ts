import { type PeriodSpec, splitPeriod } from '@tradeloop/core';
import type { Analytics } from './analytics.js';
import { num, sqlText as q, type ReportTable, share, totalsRow } from './report-table.js';

const periodsValues = (spec: PeriodSpec) =>
  splitPeriod(spec)
    .map((p, i) => `(${i}, ${q(p.label)}, ${q(p.start)}, ${q(p.end)})`)
    .join(', ');

/**
 * The journal as posted: one row a line, entries in date order, optionally for accounts under a
 * code (`1122` takes `1122` and `1122.xx`).
 *
 * @example
 * await queryJournal(a, { start: '2026-03-01', end: '2026-04-01' }, { account: '1122' })
 */
export async function queryJournal(
  a: Analytics,
  period: { start: string; end: string },
  options: { account?: string; limit?: number } = {},
): Promise<ReportTable> {
  const account = options.account
    ? `and (j.account = ${q(options.account)} or j.account like ${q(`${options.account}.%`)})`
    : '';
  const rows = await a.query(`
    select j.entry, j.date, j.source_kind, j.source_document, j.account, coalesce(ac.name_zh, ac.name, '') as account_name,
      j.debit_minor, j.credit_minor, coalesce(j.party, '') as party
    from journal j left join accounts ac on ac.code = j.account
    where j.date >= ${q(period.start)} and j.date < ${q(period.end)} ${account}
    order by j.date, j.entry, j.debit_minor desc, j.account
    ${options.limit ? `limit ${Math.trunc(options.limit)}` : ''}`);
  const columns = [
    { key: 'entry', title: 'Entry 凭证', kind: 'count' },
    { key: 'date', title: 'Date 日期', kind: 'text' },
    { key: 'source', title: 'Source 来源', kind: 'text' },
    { key: 'document', title: 'Document 单据', kind: 'text' },
    { key: 'account', title: 'Account 科目', kind: 'text' },
    { key: 'account_name', title: 'Name 科目名称', kind: 'text' },
    { key: 'debit', title: 'Debit 借方', kind: 'money' },
    { key: 'credit', title: 'Credit 贷方', kind: 'money' },
    { key: 'party', title: 'Party 往来单位', kind: 'text' },
  ] as const;
  const out = rows.map((r) => ({
    entry: num(r.entry),
    date: String(r.date),
    source: String(r.source_kind),
    document: String(r.source_document),
    account: String(r.account),
    account_name: String(r.account_name),
    debit: num(r.debit_minor),
    credit: num(r.credit_minor),
    party: String(r.party),
  }));
  const footer = totalsRow(columns, out);
  footer.entry = null;
  footer.date = 'Total 合计';
  return { columns, rows: out, footer };
}

/**
 * Invoiced against collected per sub-period: sales invoices and credit notes (gross) against
 * customer receipts, the change in receivables, and the share collected.
 *
 * @example
 * await queryReceiptsVsInvoices(a, { start: '2026-01-01', end: '2027-01-01', label: '2026', interval: 'monthly' })
 */
export async function queryReceiptsVsInvoices(a: Analytics, spec: PeriodSpec): Promise<ReportTable> {
  const rows = await a.query(`
    with periods(i, label, start_date, end_date) as (values ${periodsValues(spec)})
    select p.i, p.label,
      (select coalesce(sum(gross_minor), 0) from invoices v where v.kind in ('sales', 'sales_credit')
         and v.date >= p.start_date and v.date < p.end_date) as invoiced,
      (select coalesce(sum(amount_minor), 0) from payments m where m.kind = 'customer'
         and m.date >= p.start_date and m.date < p.end_date) as received,
      (select count(*) from invoices v where v.kind = 'sales' and v.date >= p.start_date and v.date < p.end_date) as invoices
    from periods p order by p.i`);
  const columns = [
    { key: 'period', title: 'Period 期间', kind: 'text' },
    { key: 'invoices', title: 'Invoices 发票数', kind: 'count' },
    { key: 'invoiced', title: 'Invoiced 开票(含税)', kind: 'money' },
    { key: 'received', title: 'Received 收款', kind: 'money' },
    { key: 'change', title: 'AR change 应收增减', kind: 'money' },
    { key: 'collected', title: 'Collected % 回款率', kind: 'percent' },
  ] as const;
  const out = rows.map((r) => {
    const invoiced = num(r.invoiced);
    const received = num(r.received);
    return {
      period: String(r.label),
      invoices: num(r.invoices),
      invoiced,
      received,
      change: invoiced - received,
      collected: share(received, invoiced, 10_000, a.rounding),
    };
  });
  const footer = totalsRow(columns, out);
  const inv = Number(footer.invoiced);
  footer.collected = share(Number(footer.received), inv, 10_000, a.rounding);
  return { columns, rows: out, footer };
}

const FLOWS: Record<string, string> = {
  customer_payment: 'Receipts from customers 销售收款',
  sales_history_receipts: 'Receipts from customers 销售收款',
  supplier_payment: 'Payments to suppliers 采购付款',
  expense: 'Expenses paid 费用支出',
  commission_payment: 'Commission paid 佣金支出',
  bank_charge: 'Bank and wallet charges 手续费',
  statement_line: 'Other receipts and payments 其他收支',
};

/**
 * Cash flow by the direct method: money in and out of the cash, bank and wallet accounts (1001,
 * 1002, 1012) per sub-period, by what moved it, between the opening and closing balances.
 *
 * @example
 * await queryCashFlow(a, { start: '2026-01-01', end: '2026-04-01', label: '2026Q1', interval: 'monthly' })
 */
export async function queryCashFlow(a: Analytics, spec: PeriodSpec): Promise<ReportTable> {
  const cash =
    "(j.account in ('1001', '1002', '1012') or j.account like '1001.%' or j.account like '1002.%' or j.account like '1012.%')";
  const rows = await a.query(`
    with periods(i, label, start_date, end_date) as (values ${periodsValues(spec)})
    select p.i, p.label, j.source_kind, sum(j.debit_minor) as inflow, sum(j.credit_minor) as outflow
    from periods p join journal j on j.date >= p.start_date and j.date < p.end_date and ${cash}
    group by all order by p.i, j.source_kind`);
  const opening = await a.query(`
    with periods(i, label, start_date, end_date) as (values ${periodsValues(spec)})
    select p.i, (select coalesce(sum(debit_minor - credit_minor), 0) from journal j where j.date < p.start_date and ${cash}) as balance
    from periods p order by p.i`);
  const columns = [
    { key: 'period', title: 'Period 期间', kind: 'text' },
    { key: 'flow', title: 'Flow 项目', kind: 'text' },
    { key: 'inflow', title: 'In 流入', kind: 'money' },
    { key: 'outflow', title: 'Out 流出', kind: 'money' },
    { key: 'net', title: 'Net 净额', kind: 'money' },
  ] as const;
  const out: Record<string, string | number | null>[] = [];
  splitPeriod(spec).forEach((p, i) => {
    const start = num(opening.find((o) => num(o.i) === i)?.balance);
    out.push({ period: p.label, flow: 'Opening balance 期初余额', inflow: null, outflow: null, net: start });
    const byFlow = new Map<string, { inflow: number; outflow: number }>();
    for (const r of rows.filter((x) => num(x.i) === i)) {
      const flow = FLOWS[String(r.source_kind)] ?? String(r.source_kind);
      const f = byFlow.get(flow) ?? { inflow: 0, outflow: 0 };
      f.inflow += num(r.inflow);
      f.outflow += num(r.outflow);
      byFlow.set(flow, f);
    }
    let moved = 0;
    for (const [flow, f] of byFlow) {
      moved += f.inflow - f.outflow;
      out.push({ period: p.label, flow, inflow: f.inflow, outflow: f.outflow, net: f.inflow - f.outflow });
    }
    out.push({ period: p.label, flow: 'Closing balance 期末余额', inflow: null, outflow: null, net: start + moved });
  });
  return { columns, rows: out };
}
