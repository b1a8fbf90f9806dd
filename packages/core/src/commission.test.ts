import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CommissionLine, type CommissionPlan, commissionOn, runCommission } from './commission.js';

const ladder = {
  kind: 'marginal' as const,
  bands: [
    { from: 0, rate: 200 },
    { from: 1_000_000, rate: 300 },
    { from: 5_000_000, rate: 500 },
  ],
};

describe('commissionOn', () => {
  it('pays a flat rate on the whole base', () => {
    expect(commissionOn(1_234_567, { kind: 'flat', rate: 250 }).amount).toBe(30_864); // 30,864.175 → 30,864
  });

  it('pays each band of a marginal ladder at its own rate', () => {
    // 60,000.00: 10,000.00 × 2% + 40,000.00 × 3% + 10,000.00 × 5% = 200 + 1,200 + 500 = 1,900.00
    const r = commissionOn(6_000_000, ladder);
    expect(r.amount).toBe(190_000);
    expect(r.bands).toEqual([
      { from: 0, to: 1_000_000, rate: 200, base: 1_000_000, amount: 20_000 },
      { from: 1_000_000, to: 5_000_000, rate: 300, base: 4_000_000, amount: 120_000 },
      { from: 5_000_000, to: null, rate: 500, base: 1_000_000, amount: 50_000 },
    ]);
    expect(commissionOn(500_000, ladder).amount).toBe(10_000);
    expect(commissionOn(0, ladder)).toEqual({ amount: 0, bands: [] });
  });

  it('pays the reached tier of a whole-amount ladder on everything', () => {
    const whole = { kind: 'whole' as const, tiers: ladder.bands };
    expect(commissionOn(6_000_000, whole).amount).toBe(300_000); // 60,000.00 × 5%
    expect(commissionOn(4_999_999, whole).amount).toBe(150_000); // × 3% = 149,999.97 → 150,000
    expect(commissionOn(999_999, whole).amount).toBe(20_000); // × 2% = 19,999.98 → 20,000
  });

  it('claws back a negative base at the first rate', () => {
    expect(commissionOn(-100_000, ladder).amount).toBe(-2_000);
    expect(commissionOn(-100_000, { kind: 'whole', tiers: ladder.bands }).amount).toBe(-2_000);
  });

  it('never pays less on a larger base under a marginal ladder', () => {
    const bands = fc
      .uniqueArray(fc.integer({ min: 1, max: 1e8 }), { maxLength: 5 })
      .chain((froms) =>
        fc.tuple(
          fc.constant([0, ...froms].sort((a, b) => a - b)),
          fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: froms.length + 1, maxLength: froms.length + 1 }),
        ),
      );
    fc.assert(
      fc.property(
        bands,
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e7 }),
        ([froms, rates], base, more) => {
          const scheme = { kind: 'marginal' as const, bands: froms.map((from, i) => ({ from, rate: rates[i] ?? 0 })) };
          expect(commissionOn(base + more, scheme).amount).toBeGreaterThanOrEqual(commissionOn(base, scheme).amount);
        },
      ),
    );
  });
});

describe('runCommission', () => {
  const plans: Record<string, CommissionPlan> = {
    junior: { code: 'JR-FLAT', base: 'net_sales', scheme: { kind: 'flat', rate: 300 } },
    senior: { code: 'SR-MARGIN', base: 'gross_margin', scheme: ladder },
    manager: { code: 'MGR', base: 'net_sales', scheme: { kind: 'flat', rate: 100 }, managerOverride: 50 },
  };
  const salespeople = [
    { code: 'wang', level: 'manager' },
    { code: 'li', level: 'senior', manager: 'wang' },
    { code: 'zhao', level: 'junior', manager: 'wang' },
  ];
  const line = (over: Partial<CommissionLine>): CommissionLine => ({
    salesperson: 'li',
    date: '2026-03-10',
    document: 'X',
    kind: 'invoice',
    netSales: 0,
    cost: 0,
    collected: 0,
    ...over,
  });
  const lines = [
    line({ salesperson: 'li', document: 'INV-1', netSales: 2_000_000, cost: 1_200_000 }),
    line({ salesperson: 'li', document: 'INV-2', date: '2026-02-27', netSales: 5_000_000, cost: 3_000_000 }),
    line({
      salesperson: 'li',
      document: 'CN-1',
      kind: 'credit_note',
      date: '2026-03-20',
      netSales: -500_000,
      cost: -300_000,
    }),
    line({ salesperson: 'zhao', document: 'INV-3', netSales: 1_000_000, cost: 700_000 }),
    line({ salesperson: 'zhao', document: 'RC-1', kind: 'receipt', collected: 800_000 }),
    line({ salesperson: 'wang', document: 'INV-4', netSales: 300_000, cost: 100_000 }),
  ];

  it('builds each statement from the period’s lines, with clawbacks and the manager override', () => {
    const run = runCommission({ period: { start: '2026-03-01', end: '2026-04-01' }, salespeople, plans, lines });
    const byCode = Object.fromEntries(run.map((s) => [s.salesperson, s]));
    // li: margin 8,000.00 (INV-1) − 2,000.00 (CN-1 claws back in March) = 6,000.00 → 2% band only = 120.00;
    // INV-2 is February's and not in this run.
    expect(byCode.li).toMatchObject({ base: 600_000, amount: 12_000, total: 12_000, override: null });
    expect(byCode.li?.lines.map((l) => [l.document, l.contribution])).toEqual([
      ['INV-1', 800_000],
      ['CN-1', -200_000],
    ]);
    // zhao: net sales 10,000.00 × 3% = 300.00; the receipt does not count on a net-sales plan.
    expect(byCode.zhao).toMatchObject({ base: 1_000_000, amount: 30_000 });
    // wang: own 3,000.00 × 1% = 30.00; override 0.5% on the team's net sales (15,000.00 + 10,000.00) = 125.00
    expect(byCode.wang?.override).toEqual({
      rate: 50,
      base: 2_500_000,
      amount: 12_500,
      team: [
        { salesperson: 'li', base: 1_500_000 },
        { salesperson: 'zhao', base: 1_000_000 },
      ],
    });
    expect(byCode.wang).toMatchObject({ amount: 3_000, total: 15_500 });
  });

  it('pays collected-cash plans on receipts only', () => {
    const cash = {
      ...plans,
      junior: { code: 'JR-CASH', base: 'collected' as const, scheme: { kind: 'flat' as const, rate: 300 } },
    };
    const run = runCommission({ period: { start: '2026-03-01', end: '2026-04-01' }, salespeople, plans: cash, lines });
    expect(run.find((s) => s.salesperson === 'zhao')).toMatchObject({ base: 800_000, amount: 24_000 });
  });
});
