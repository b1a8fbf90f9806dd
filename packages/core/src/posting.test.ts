import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  entry,
  type JournalEntry,
  postAdvanceApplied,
  postCommissionRun,
  postCustomerPayment,
  postExpense,
  postPurchaseReceipt,
  postSalesInvoice,
  postShipmentCost,
  postStockAdjustment,
  postSupplierInvoice,
  postSupplierPayment,
  profit,
  trialBalance,
} from './posting.js';

const d = '2026-03-10';
const loop: JournalEntry[] = [
  postPurchaseReceipt({ document: 'GRN-1', date: d, supplier: 'S1', value: 60_000 }), // 10 × 60.00
  postSupplierInvoice({
    document: 'PINV-1',
    date: d,
    supplier: 'S1',
    receivedValue: 60_000,
    net: 61_000,
    tax: 7_930,
    kind: 'special',
  }),
  postSalesInvoice({ document: 'INV-1', date: d, customer: 'C1', net: 80_000, tax: 10_400 }), // 8 × 100.00 + 13%
  postShipmentCost({ document: 'SHP-1', date: d, cost: 48_000 }), // 8 × 60.00
  postCustomerPayment({
    document: 'PAY-1',
    date: d,
    customer: 'C1',
    amount: 100_000,
    allocated: 90_400,
    advance: 9_600,
    writeOff: 0,
  }),
  postSupplierPayment({ document: 'SPAY-1', date: d, supplier: 'S1', amount: 68_930 }),
  postStockAdjustment({ document: 'CNT-1', date: d, value: -6_000 }), // one unit lost at 60.00
  postCommissionRun({ document: 'COM-2026-03', date: d, total: 2_400 }),
  postExpense({ document: 'EXP-1', date: d, net: 10_000, tax: 600, kind: 'normal' }),
];

describe('posting rules', () => {
  it('posts a sales invoice as receivable against revenue and output VAT', () => {
    expect(loop[2]?.lines).toEqual([
      { account: '1122', debit: 90_400, credit: 0, party: 'C1' },
      { account: '6001', debit: 0, credit: 80_000 },
      { account: '2221.02', debit: 0, credit: 10_400 },
    ]);
  });

  it('clears goods received at receipt value and books the price variance on the supplier invoice', () => {
    expect(loop[1]?.lines).toEqual([
      { account: '2202.02', debit: 60_000, credit: 0, party: 'S1' },
      { account: '2221.01', debit: 7_930, credit: 0 },
      { account: '6401.09', debit: 1_000, credit: 0 },
      { account: '2202', debit: 0, credit: 68_930, party: 'S1' },
    ]);
    // On a normal invoice the VAT cannot be deducted and becomes cost.
    const normal = postSupplierInvoice({
      document: 'P2',
      date: d,
      supplier: 'S1',
      receivedValue: 10_000,
      net: 10_000,
      tax: 1_300,
      kind: 'normal',
    });
    expect(normal.lines.map((l) => [l.account, l.debit - l.credit])).toEqual([
      ['2202.02', 10_000],
      ['6401.09', 1_300],
      ['2202', -11_300],
    ]);
  });

  it('splits a customer payment into settled invoices, advance and write-off', () => {
    expect(loop[4]?.lines.map((l) => [l.account, l.debit - l.credit])).toEqual([
      ['1002', 100_000],
      ['1122', -90_400],
      ['2203', -9_600],
    ]);
    const short = postCustomerPayment({
      document: 'P',
      date: d,
      customer: 'C1',
      amount: 99_950,
      allocated: 100_000,
      advance: 0,
      writeOff: 50,
    });
    expect(short.lines.map((l) => [l.account, l.debit - l.credit])).toEqual([
      ['1002', 99_950],
      ['6603', 50],
      ['1122', -100_000],
    ]);
    const applied = postAdvanceApplied({ document: 'A', date: d, customer: 'C1', amount: 9_600 });
    expect(applied.lines.map((l) => [l.account, l.debit - l.credit])).toEqual([
      ['2203', 9_600],
      ['1122', -9_600],
    ]);
  });

  it('reverses sides for a credit note and a stock gain', () => {
    const cn = postSalesInvoice({ document: 'CN-1', date: d, customer: 'C1', net: -10_000, tax: -1_300 });
    expect(cn.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['1122', 0, 11_300],
      ['6001', 10_000, 0],
      ['2221.02', 1_300, 0],
    ]);
    expect(
      postStockAdjustment({ document: 'CNT-2', date: d, value: 500 }).lines.map((l) => [l.account, l.debit - l.credit]),
    ).toEqual([
      ['1405', 500],
      ['6602.09', -500],
    ]);
  });

  it('refuses to build an entry that does not balance', () => {
    expect(() =>
      entry(d, 'x', { kind: 'test', document: 'X' }, [
        ['1002', 100],
        ['6001', -99],
      ]),
    ).toThrow(expect.objectContaining({ code: 'journal.unbalanced' }));
  });
});

describe('trial balance and profit', () => {
  it('works the whole loop through to net profit', () => {
    const tb = trialBalance(loop);
    expect(tb.debit).toBe(tb.credit);
    expect(tb.rows.find((r) => r.account === '1405')?.balance).toBe(60_000 - 48_000 - 6_000);
    expect(tb.rows.find((r) => r.account === '1002')?.balance).toBe(100_000 - 68_930 - 10_600);
    // revenue 800.00; COGS 480.00 + variance 10.00 = 490.00; gross 310.00;
    // expenses: stock loss 60.00 + expense 106.00 = 166.00; commission 24.00; net 120.00
    expect(profit(loop)).toEqual({
      revenue: 80_000,
      cogs: 49_000,
      gross: 31_000,
      expenses: 16_600,
      commission: 2_400,
      otherIncome: 0,
      net: 12_000,
    });
  });

  it('takes only the entries in the period', () => {
    const march = { start: '2026-03-01', end: '2026-04-01' };
    const april = postSalesInvoice({ document: 'INV-9', date: '2026-04-02', customer: 'C1', net: 5_000, tax: 650 });
    expect(profit([...loop, april], march).revenue).toBe(80_000);
    expect(profit([...loop, april], { start: '2026-04-01', end: '2026-05-01' }).revenue).toBe(5_000);
  });

  it('balances every posting and the trial balance for any amounts', () => {
    const amount = fc.integer({ min: -1e10, max: 1e10 });
    const pos = fc.integer({ min: 0, max: 1e10 });
    fc.assert(
      fc.property(
        amount,
        amount,
        pos,
        pos,
        pos,
        fc.integer({ min: -1000, max: 1000 }),
        fc.boolean(),
        (net, cost, value, paid, adv, wo, special) => {
          const kind = special ? ('special' as const) : ('normal' as const);
          const tax = Math.trunc(net / 10);
          const entries = [
            postSalesInvoice({ document: 'I', date: d, customer: 'C', net, tax }),
            postShipmentCost({ document: 'S', date: d, cost }),
            postPurchaseReceipt({ document: 'R', date: d, supplier: 'V', value }),
            postSupplierInvoice({ document: 'P', date: d, supplier: 'V', receivedValue: value, net, tax, kind }),
            postCustomerPayment({
              document: 'Y',
              date: d,
              customer: 'C',
              amount: paid,
              allocated: paid - adv + wo,
              advance: adv,
              writeOff: wo,
            }),
            postSupplierPayment({ document: 'Z', date: d, supplier: 'V', amount: paid }),
            postStockAdjustment({ document: 'A', date: d, value: cost }),
            postCommissionRun({ document: 'M', date: d, total: value }),
            postExpense({ document: 'E', date: d, net: value, tax: Math.trunc(value / 20), kind }),
          ];
          for (const e of entries) {
            expect(e.lines.reduce((s, l) => s + l.debit, 0)).toBe(e.lines.reduce((s, l) => s + l.credit, 0));
          }
          const tb = trialBalance(entries);
          expect(tb.debit).toBe(tb.credit);
          const p = profit(entries);
          expect(p.net).toBe(p.revenue - p.cogs - p.expenses - p.commission + p.otherIncome);
        },
      ),
    );
  });
});
