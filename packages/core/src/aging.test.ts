import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AgingDocument, type AgingPayment, ageBalances, agingColumns, checkCredit } from './aging.js';
import { addDays } from './calendar.js';

const inv = (
  id: string,
  party: string,
  date: string,
  days: number,
  amount: number,
  salesperson?: string,
): AgingDocument => ({
  id,
  party,
  kind: 'invoice',
  date,
  dueDate: addDays(date, days),
  amount,
  ...(salesperson ? { salesperson } : {}),
});

describe('ageBalances', () => {
  const documents: AgingDocument[] = [
    inv('INV-1', 'ACME', '2026-01-05', 30, 100_000, 'li'), // due 02-04
    inv('INV-2', 'ACME', '2026-03-01', 30, 50_000, 'li'), // due 03-31
    inv('INV-3', 'BETA', '2025-10-01', 30, 80_000, 'zhao'), // due 10-31
    {
      id: 'CN-1',
      party: 'ACME',
      kind: 'credit_note',
      date: '2026-03-10',
      dueDate: '2026-03-10',
      amount: 5_000,
      salesperson: 'li',
    },
    inv('INV-4', 'ACME', '2026-03-25', 30, 70_000, 'li'), // after the as-of date
  ];
  const payments: AgingPayment[] = [
    {
      id: 'PAY-1',
      party: 'ACME',
      date: '2026-02-20',
      amount: 60_000,
      allocations: [{ document: 'INV-1', amount: 60_000 }],
    },
    {
      id: 'PAY-2',
      party: 'BETA',
      date: '2026-03-01',
      amount: 100_000,
      allocations: [{ document: 'INV-3', amount: 80_000 }],
    },
    {
      id: 'PAY-3',
      party: 'ACME',
      date: '2026-03-30',
      amount: 40_000,
      allocations: [{ document: 'INV-1', amount: 40_000 }],
    },
  ];

  it('ages open amounts by due date, as of a date, with credit notes negative and advances apart', () => {
    const r = ageBalances(documents, payments, [], { asOf: '2026-03-20', basis: 'due' });
    expect(r.columns).toEqual(['not due', '1-30', '31-60', '61-90', '91-120', '120+']);
    // INV-1: 100,000 − 60,000 = 40,000 open, due 02-04, 44 days overdue → 31-60 (PAY-3 is after the as-of date)
    // INV-2: 50,000 not due; CN-1: −5,000, dated 03-10, 10 days → 1-30; INV-3 paid; INV-4 after the as-of date
    expect(r.documents.map((d) => [d.id, d.outstanding, d.age, r.columns[d.bucket]])).toEqual([
      ['INV-1', 40_000, 44, '31-60'],
      ['INV-2', 50_000, -11, 'not due'],
      ['CN-1', -5_000, 10, '1-30'],
    ]);
    expect(r.parties).toEqual([
      { key: 'ACME', buckets: [50_000, -5_000, 40_000, 0, 0, 0], outstanding: 85_000, advances: 0, net: 85_000 },
      { key: 'BETA', buckets: [0, 0, 0, 0, 0, 0], outstanding: 0, advances: 20_000, net: -20_000 },
    ]);
    expect(r.salespeople).toEqual([{ key: 'li', buckets: [50_000, -5_000, 40_000, 0, 0, 0], outstanding: 85_000 }]);
    expect(r.total).toMatchObject({ outstanding: 85_000, advances: 20_000, net: 65_000 });
  });

  it('sees later payments and applications once the as-of date passes them', () => {
    const r = ageBalances(
      documents,
      payments,
      [{ creditNote: 'CN-1', invoice: 'INV-2', amount: 5_000, date: '2026-03-31' }],
      {
        asOf: '2026-04-30',
        basis: 'invoice',
      },
    );
    expect(r.columns).toEqual(['0-30', '31-60', '61-90', '91-120', '120+']);
    // INV-1 settled by PAY-3; INV-2 45,000 open, 60 days old; INV-4 70,000, 36 days old.
    expect(r.documents.map((d) => [d.id, d.outstanding, d.age, r.columns[d.bucket]])).toEqual([
      ['INV-2', 45_000, 60, '31-60'],
      ['INV-4', 70_000, 36, '31-60'],
    ]);
  });

  it('uses custom buckets', () => {
    expect(agingColumns('due', [7, 14])).toEqual(['not due', '1-7', '8-14', '14+']);
    const r = ageBalances(documents, [], [], { asOf: '2026-03-20', basis: 'due', buckets: [7, 14] });
    expect(r.total.buckets).toEqual([50_000, 0, -5_000, 180_000]);
  });

  it('has buckets that sum exactly to the outstanding, for any documents, payments and date', () => {
    const party = fc.constantFrom('A', 'B', 'C');
    const date = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2025-06-01', n));
    const doc = fc.record({
      party,
      kind: fc.constantFrom('invoice' as const, 'invoice' as const, 'credit_note' as const),
      date,
      terms: fc.integer({ min: 0, max: 90 }),
      amount: fc.integer({ min: 1, max: 1e9 }),
      salesperson: fc.option(fc.constantFrom('li', 'zhao'), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(doc, { maxLength: 30 }),
        fc.array(
          fc.record({
            party,
            date,
            amount: fc.integer({ min: 1, max: 1e9 }),
            pick: fc.nat(),
            share: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          {
            maxLength: 20,
          },
        ),
        date,
        fc.boolean(),
        (docs, pays, asOf, due) => {
          const documents = docs.map((d, i) => ({
            id: `D${i}`,
            party: d.party,
            kind: d.kind,
            date: d.date,
            dueDate: addDays(d.date, d.terms),
            amount: d.amount,
            ...(d.salesperson ? { salesperson: d.salesperson } : {}),
          }));
          const payments = pays.map((p, i) => {
            const target = documents.filter((d) => d.party === p.party && d.kind === 'invoice')[p.pick % 7];
            const amount = target ? Math.floor(Math.min(p.amount, target.amount) * p.share) : 0;
            return {
              id: `P${i}`,
              party: p.party,
              date: p.date,
              amount: p.amount,
              allocations: target && amount > 0 ? [{ document: target.id, amount }] : [],
            };
          });
          const r = ageBalances(documents, payments, [], { asOf, basis: due ? 'due' : 'invoice' });
          const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
          for (const p of r.parties) expect(sum(p.buckets)).toBe(p.outstanding);
          for (const s of r.salespeople) expect(sum(s.buckets)).toBe(s.outstanding);
          expect(sum(r.total.buckets)).toBe(r.total.outstanding);
          expect(sum(r.parties.map((p) => p.outstanding))).toBe(r.total.outstanding);
          expect(sum(r.documents.map((d) => d.outstanding))).toBe(r.total.outstanding);
          expect(r.documents.every((d) => d.date <= asOf)).toBe(true);
        },
      ),
    );
  });
});

describe('checkCredit', () => {
  it('adds open receivables, open credit orders and this order against the limit', () => {
    expect(
      checkCredit({ limit: 5_000_000, openReceivables: 3_000_000, openCreditOrders: 1_500_000, orderAmount: 800_000 }),
    ).toEqual({
      limit: 5_000_000,
      exposure: 5_300_000,
      available: -300_000,
      over: 300_000,
      ok: false,
    });
    expect(checkCredit({ limit: 5_000_000, openReceivables: 0, openCreditOrders: 0, orderAmount: 5_000_000 }).ok).toBe(
      true,
    );
    expect(checkCredit({ limit: null, openReceivables: 9e9, openCreditOrders: 0, orderAmount: 1 }).ok).toBe(true);
    expect(checkCredit({ limit: 0, openReceivables: 0, openCreditOrders: 0, orderAmount: 1 }).ok).toBe(false);
  });
});
