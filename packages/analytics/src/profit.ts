import { type Minor, type PeriodSpec, splitPeriod } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import { type Analytics, withAnalytics } from './analytics.js';

export interface ProfitRow {
  period: string;
  start: string;
  end: string;
  revenue: Minor;
  cogs: Minor;
  gross: Minor;
  expenses: Minor;
  commission: Minor;
  otherIncome: Minor;
  net: Minor;
}

/**
 * Gross and net profit per sub-period of a period, from the journal in the analytics store, by the
 * accounts' profit roles: the same figures as core's `profit` over the book's journal.
 *
 * @example
 * await profitByPeriod(book, { start: '2026-01-01', end: '2027-01-01', label: '2026', interval: 'quarterly' })
 */
export async function profitByPeriod(book: Book, spec: PeriodSpec): Promise<ProfitRow[]> {
  return withAnalytics(book, (a) => queryProfit(a, spec));
}

export async function queryProfit(a: Analytics, spec: PeriodSpec): Promise<ProfitRow[]> {
  const periods = splitPeriod(spec);
  const values = periods.map((p, i) => `(${i}, '${p.start}', '${p.end}')`).join(', ');
  const rows = (await a.query(`
    with periods(i, start_date, end_date) as (values ${values})
    select p.i, coalesce(ac.role, '') as role, sum(j.debit_minor - j.credit_minor) as balance
    from periods p join journal j on j.date >= p.start_date and j.date < p.end_date
    join accounts ac on ac.code = j.account where ac.role is not null
    group by all`)) as { i: number; role: string; balance: bigint }[];
  return periods.map((p, i) => {
    const sum = (role: string) =>
      rows.filter((r) => Number(r.i) === i && r.role === role).reduce((s, r) => s + Number(r.balance), 0);
    const revenue = 0 - sum('revenue');
    const cogs = sum('cogs');
    const expenses = sum('expense');
    const commission = sum('commission');
    const otherIncome = 0 - sum('other_income');
    const gross = revenue - cogs;
    return {
      period: p.label,
      start: p.start,
      end: p.end,
      revenue,
      cogs,
      gross,
      expenses,
      commission,
      otherIncome,
      net: gross - expenses - commission + otherIncome,
    };
  });
}
