import type { Minor } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import { type Analytics, withAnalytics } from './analytics.js';

export interface TrialBalanceLine {
  account: string;
  name: string;
  nameZh: string;
  debit: Minor;
  credit: Minor;
  balance: Minor;
}

/**
 * Debits, credits and balance per account over a period (all time when none), from the journal in
 * the analytics store: the same figures as core's `trialBalance` over the book's journal.
 *
 * @example
 * await trialBalanceReport(book, { start: '2026-01-01', end: '2027-01-01' })
 */
export async function trialBalanceReport(
  book: Book,
  period?: { start: string; end: string },
): Promise<TrialBalanceLine[]> {
  return withAnalytics(book, (a) => queryTrialBalance(a, period));
}

export async function queryTrialBalance(
  a: Analytics,
  period?: { start: string; end: string },
): Promise<TrialBalanceLine[]> {
  const where = period ? `where j.date >= '${period.start}' and j.date < '${period.end}'` : '';
  const rows = (await a.query(`
    select j.account, coalesce(ac.name, j.account) as name, coalesce(ac.name_zh, '') as name_zh,
           sum(j.debit_minor) as debit, sum(j.credit_minor) as credit
    from journal j left join accounts ac on ac.code = j.account ${where}
    group by all order by j.account`)) as {
    account: string;
    name: string;
    name_zh: string;
    debit: bigint;
    credit: bigint;
  }[];
  return rows.map((r) => ({
    account: r.account,
    name: r.name,
    nameZh: r.name_zh,
    debit: Number(r.debit),
    credit: Number(r.credit),
    balance: Number(r.debit) - Number(r.credit),
  }));
}
