import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AccountEntry, accountStatement, checkAccountStatement } from './account-statement.js';
import { addDays } from './calendar.js';

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const e = (date: string, debit: number, credit: number, document = '') => ({ date, debit, credit, document });

describe('a statement of account', () => {
  it('opens with what the entries before the period left, and runs the balance through the period in date order', () => {
    const s = accountStatement(
      [
        e('2026-03-20', 0, 5000, 'RC-2'),
        e('2026-02-10', 12000, 0, 'INV-1'),
        e('2026-03-05', 8000, 0, 'INV-2'),
        e('2026-02-28', 0, 2000, 'RC-1'),
        e('2026-04-01', 9999, 0, 'INV-3'),
        e('2026-03-05', 0, 300, 'CN-1'),
      ],
      MARCH,
    );
    expect(s.opening).toBe(10000);
    expect(s.lines.map((l) => [l.document, l.balance])).toEqual([
      ['INV-2', 18000],
      ['CN-1', 17700],
      ['RC-2', 12700],
    ]);
    expect(s).toMatchObject({ debits: 8000, credits: 5300, closing: 12700 });
    expect(checkAccountStatement(s)).toEqual({ ok: true, value: true });
  });

  it('counts the first and last day of the period in it, the day before in the opening balance', () => {
    const s = accountStatement([e('2026-02-28', 100, 0), e('2026-03-01', 10, 0), e('2026-03-31', 1, 0)], MARCH);
    expect(s).toMatchObject({ opening: 100, debits: 11, closing: 111 });
    expect(s.lines).toHaveLength(2);
  });

  it('is empty for a period without entries, closing at the opening balance', () => {
    expect(accountStatement([e('2026-01-02', 700, 0)], MARCH)).toMatchObject({ opening: 700, lines: [], closing: 700 });
  });

  it('refuses a period that ends before it starts, and an amount that is no whole number of minor units', () => {
    expect(() => accountStatement([], { from: '2026-03-31', to: '2026-03-01' })).toThrow(
      expect.objectContaining({ code: 'input.invalid' }),
    );
    expect(() => accountStatement([e('2026-03-02', 1.5, 0)], MARCH)).toThrow(
      expect.objectContaining({ code: 'input.invalid' }),
    );
  });

  it('names the line and the total where a statement does not add up', () => {
    const s = accountStatement([e('2026-03-02', 100, 0), e('2026-03-03', 0, 40)], MARCH);
    const broken = { ...s, lines: s.lines.map((l, i) => (i === 0 ? { ...l, balance: 99 } : l)), closing: 61 };
    const checked = checkAccountStatement(broken);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.issues.map((i) => i.path)).toEqual([['lines', 0, 'balance'], ['closing']]);
  });

  it('always closes at opening + debits − credits, every line one step from the one before', () => {
    const entry = fc.record({
      day: fc.integer({ min: 0, max: 120 }),
      debit: fc.integer({ min: 0, max: 10_000_000 }),
      credit: fc.integer({ min: 0, max: 10_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 60 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 60 }),
        (raw, start, length) => {
          const entries: AccountEntry[] = raw.map((r) => ({ ...r, date: addDays('2026-01-01', r.day) }));
          const period = { from: addDays('2026-01-01', start), to: addDays('2026-01-01', start + length) };
          const s = accountStatement(entries, period);
          const sum = (k: 'debit' | 'credit') => s.lines.reduce((t, l) => t + l[k], 0);
          expect(s.closing).toBe(s.opening + sum('debit') - sum('credit'));
          expect(checkAccountStatement(s).ok).toBe(true);
          // Whatever the period, the closing balance is every entry up to its end.
          const upTo = entries.filter((x) => x.date <= period.to).reduce((t, x) => t + x.debit - x.credit, 0);
          expect(s.closing).toBe(upTo);
          expect(s.lines.every((l, i, all) => i === 0 || (all[i - 1]?.date ?? '') <= l.date)).toBe(true);
        },
      ),
    );
  });
});
