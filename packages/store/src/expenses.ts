import { type IsoDate, type Minor, postExpense, TradeloopError } from '@tradeloop/core';
import type { Book } from './book.js';
import { writeEntry } from './journal.js';
import { nextNumber } from './numbering.js';

export interface ExpenseInput {
  date: IsoDate;
  account: string;
  net: Minor;
  tax: Minor;
  vatKind: 'normal' | 'special';
  paidFrom: string;
  supplier?: string | null;
  memo?: string;
}

/**
 * Book expenses, each its own entry: the expense account (VAT added to it unless the invoice is
 * special and the VAT deductible), paid from cash, bank or a WeChat/Alipay balance.
 *
 * @example
 * recordExpenses(book, [{ date: '2026-03-15', account: '6602', net: 10000, tax: 600, vatKind: 'normal', paidFrom: '1002' }]) // { expenses: ['EXP-2026-000001'] }
 */
export function recordExpenses(
  book: Book,
  expenses: readonly ExpenseInput[],
  options: { once?: boolean } = {},
): { expenses: string[]; unchanged: number; held: number[] } {
  return book.command('recordExpenses', () => {
    const known = new Set(book.exec.select<{ code: string }>('select code from accounts').map((a) => a.code));
    const numbers: string[] = [];
    const held = options.once ? heldExpenses(book) : undefined;
    let unchanged = 0;
    // Which of the given expenses the book held already (their places in the list), for a diff.
    const kept: number[] = [];
    expenses.forEach((e, i) => {
      for (const [field, code] of [
        ['account', e.account],
        ['paidFrom', e.paidFrom],
      ] as const) {
        if (!known.has(code)) {
          throw new TradeloopError('command.rejected', `expense ${i + 1}: no account ${code}`, {
            path: [i, field],
            hint: 'use a code from the chart of accounts, e.g. 6602 or 1002',
          });
        }
      }
      if (!['1001', '1002', '1012'].includes(e.paidFrom)) {
        throw new TradeloopError(
          'command.rejected',
          `expense ${i + 1}: paid from ${e.paidFrom}; an expense here is paid from cash (1001), bank (1002) or WeChat/Alipay (1012)`,
          {
            path: [i, 'paidFrom'],
            hint: 'book an expense still owed as a supplier invoice',
          },
        );
      }
      if (held) {
        // Each expense in the book stands for one line of the file at most: two equal lines
        // in one file are two expenses, and a second import finds both.
        const key = expenseKey(e);
        const left = held.get(key) ?? 0;
        if (left > 0) {
          held.set(key, left - 1);
          unchanged += 1;
          kept.push(i);
          return;
        }
      }
      const number = nextNumber(book, 'EXP', e.date);
      writeEntry(book, {
        ...postExpense({
          document: number,
          date: e.date,
          net: e.net,
          tax: e.tax,
          kind: e.vatKind,
          account: e.account,
          paidFrom: e.paidFrom,
          ...(e.supplier ? { supplier: e.supplier } : {}),
        }),
        ...(e.memo ? { memo: e.memo } : {}),
      });
      numbers.push(number);
    });
    const value = { expenses: numbers, unchanged, held: kept };
    if (numbers.length === 0) return { value, unchanged: true };
    return { value, after: { count: numbers.length } };
  });
}

/**
 * What an expense comes to in the journal, without its number: date, memo (a given one, or the
 * default), and the legs. Expenses have no number in the file, so this is how an import finds
 * an expense it booked before (as statement lines without a reference are known by content).
 */
function expenseKey(e: ExpenseInput): string {
  const posted = postExpense({
    document: '',
    date: e.date,
    net: e.net,
    tax: e.tax,
    kind: e.vatKind,
    account: e.account,
    paidFrom: e.paidFrom,
    ...(e.supplier ? { supplier: e.supplier } : {}),
  });
  return signature(e.date, e.memo ?? '', posted.lines);
}

const signature = (
  date: string,
  memo: string,
  lines: readonly { account: string; debit: number; credit: number; party?: string | null | undefined }[],
) =>
  JSON.stringify([
    date,
    memo,
    lines.map((l) => [l.account, l.debit, l.credit, l.party ?? '']).sort((a, b) => String(a).localeCompare(String(b))),
  ]);

/** The book's expenses by content, with how many of each. */
function heldExpenses(book: Book): Map<string, number> {
  const rows = book.exec.select<{
    id: number;
    date: string;
    memo: string;
    source_document: string;
    account: string;
    debit_minor: number;
    credit_minor: number;
    party: string | null;
  }>(
    `select e.id, e.date, e.memo, e.source_document, l.account, l.debit_minor, l.credit_minor, l.party
     from journal_entries e join journal_lines l on l.entry_id = e.id where e.source_kind = 'expense' order by e.id, l.id`,
  );
  const entries = new Map<
    number,
    { date: string; memo: string; lines: { account: string; debit: number; credit: number; party: string | null }[] }
  >();
  for (const r of rows) {
    const e = entries.get(r.id) ?? {
      date: r.date,
      // The default memo names the number; an expense given without a memo matches it.
      memo: r.memo === `Expense ${r.source_document}` ? '' : r.memo,
      lines: [],
    };
    e.lines.push({ account: r.account, debit: r.debit_minor, credit: r.credit_minor, party: r.party });
    entries.set(r.id, e);
  }
  const held = new Map<string, number>();
  for (const e of entries.values()) {
    const key = signature(e.date, e.memo, e.lines);
    held.set(key, (held.get(key) ?? 0) + 1);
  }
  return held;
}
