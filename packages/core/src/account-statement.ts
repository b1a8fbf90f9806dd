import { z } from 'zod';
import type { IsoDate } from './calendar.js';
import { assertInput, dateInput, minorInput, nonNegativeMinorInput } from './input.js';
import { fail, type Issue, ok, type Result } from './issue.js';
import type { Minor } from './money.js';

/**
 * One document on a party's account: what it adds to the balance (`debit`) or takes off it
 * (`credit`). The balance is what is owed between the book and the party: by a customer on their
 * account, to a supplier on ours (their invoices debit it, our payments credit it, as the
 * supplier's own statement shows it).
 */
export interface AccountEntry {
  date: IsoDate;
  debit: Minor;
  credit: Minor;
}

export type AccountStatementLine<E extends AccountEntry> = E & { balance: Minor };

export interface AccountStatement<E extends AccountEntry> {
  from: IsoDate;
  to: IsoDate;
  /** The balance at the end of the day before `from`. */
  opening: Minor;
  /** The period's entries in date order (a day's entries in the order given), each with the balance after it. */
  lines: AccountStatementLine<E>[];
  debits: Minor;
  credits: Minor;
  closing: Minor;
}

const entryInput = z.object({ date: dateInput, debit: nonNegativeMinorInput, credit: nonNegativeMinorInput });
const statementArgs = z
  .object({ entries: z.array(entryInput), period: z.object({ from: dateInput, to: dateInput }) })
  .refine((a) => a.period.from <= a.period.to, { message: 'from must not be after to', path: ['period'] });

/**
 * A statement of account for a period from every entry of the party: the entries before `from`
 * make the opening balance, those from `from` to `to` (inclusive) are the lines with a running
 * balance, those after `to` are left out. Closing = opening + debits − credits, always.
 *
 * @example
 * accountStatement([{ date: '2026-02-20', debit: 1000, credit: 0 }, { date: '2026-03-05', debit: 0, credit: 400 }],
 *   { from: '2026-03-01', to: '2026-03-31' })
 * // { opening: 1000, lines: [{ date: '2026-03-05', debit: 0, credit: 400, balance: 600 }], debits: 0, credits: 400, closing: 600, … }
 */
export function accountStatement<E extends AccountEntry>(
  entries: readonly E[],
  period: { from: IsoDate; to: IsoDate },
): AccountStatement<E> {
  assertInput(statementArgs, { entries, period }, 'accountStatement');
  const { from, to } = period;
  let opening = 0;
  for (const e of entries) if (e.date < from) opening += e.debit - e.credit;
  // Array.prototype.sort is stable: a day's entries keep the order they were given in.
  const inPeriod = entries.filter((e) => e.date >= from && e.date <= to).sort((a, b) => a.date.localeCompare(b.date));
  let balance = opening;
  let debits = 0;
  let credits = 0;
  const lines = inPeriod.map((e) => {
    balance += e.debit - e.credit;
    debits += e.debit;
    credits += e.credit;
    return { ...e, balance };
  });
  return { from, to, opening, lines, debits, credits, closing: balance };
}

const isMinor = (n: number) => minorInput.safeParse(n).success;

/**
 * Check a statement adds up: each line's balance is the one before it plus its debit less its
 * credit, the totals are the lines' sums, and closing = opening + debits − credits. Every break is
 * an issue `statement.unbalanced` at the line or total where it is.
 *
 * @example
 * checkAccountStatement({ from: '2026-03-01', to: '2026-03-31', opening: 0, lines: [], debits: 0, credits: 0, closing: 5 })
 * // { ok: false, issues: [{ code: 'statement.unbalanced', path: ['closing'], message: 'closing 5 ≠ opening 0 + debits 0 − credits 0' }] }
 */
export function checkAccountStatement(s: AccountStatement<AccountEntry>): Result<true> {
  const issues: Issue[] = [];
  let balance = s.opening;
  let debits = 0;
  let credits = 0;
  s.lines.forEach((l, i) => {
    balance += l.debit - l.credit;
    debits += l.debit;
    credits += l.credit;
    if (l.balance !== balance || !isMinor(l.balance))
      issues.push({
        code: 'statement.unbalanced',
        path: ['lines', i, 'balance'],
        message: `line ${i + 1} balance ${l.balance} ≠ ${balance}`,
      });
  });
  if (s.debits !== debits)
    issues.push({ code: 'statement.unbalanced', path: ['debits'], message: `debits ${s.debits} ≠ ${debits}` });
  if (s.credits !== credits)
    issues.push({ code: 'statement.unbalanced', path: ['credits'], message: `credits ${s.credits} ≠ ${credits}` });
  if (s.closing !== s.opening + s.debits - s.credits)
    issues.push({
      code: 'statement.unbalanced',
      path: ['closing'],
      message: `closing ${s.closing} ≠ opening ${s.opening} + debits ${s.debits} − credits ${s.credits}`,
    });
  return issues.length === 0 ? ok(true) : fail(...issues);
}
