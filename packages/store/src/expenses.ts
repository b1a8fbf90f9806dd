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
export function recordExpenses(book: Book, expenses: readonly ExpenseInput[]): { expenses: string[] } {
  return book.command('recordExpenses', () => {
    const known = new Set(book.exec.select<{ code: string }>('select code from accounts').map((a) => a.code));
    const numbers: string[] = [];
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
    return { value: { expenses: numbers }, after: { count: numbers.length } };
  });
}
