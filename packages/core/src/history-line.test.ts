import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchHeaders, parseRecord } from './columns.js';
import { historyLineAmounts } from './history-line.js';
import { salesHistoryColumns, salesHistoryRowSchema } from './import-specs/sales-history.js';

const line = (over: Partial<Parameters<typeof historyLineAmounts>[0]>) => ({
  qty: 1000,
  amount: null,
  unitPrice: null,
  tax: null,
  discount: null,
  taxRate: 1300,
  ...over,
});

/** A history row read from its cells as an import reads it. */
const read = (cells: Record<string, string>) =>
  parseRecord(salesHistoryColumns(), salesHistoryRowSchema, 'sales_history', {
    order: 'H-1',
    date: '2025-06-01',
    customer: 'C001',
    warehouse: 'WH1',
    sku: 'TEA-001',
    qty: '3',
    ...cells,
  });

describe('historyLineAmounts', () => {
  it('keeps the line amount as the source wrote it and derives the unit price for display', () => {
    // 3 × 4.12 would be 12.36: the amount, not a rounded unit price, is the line's net.
    expect(historyLineAmounts(line({ qty: 3000, amount: 1235 }))).toEqual({
      ok: true,
      value: { net: 1235, tax: 161, unitPrice: 412, listPrice: 412 },
    });
  });

  it('computes the net from quantity and unit price when a file has no amounts, as before', () => {
    expect(historyLineAmounts(line({ qty: 2000, unitPrice: 18000 }))).toEqual({
      ok: true,
      value: { net: 36000, tax: 4680, unitPrice: 18000, listPrice: 18000 },
    });
  });

  it('keeps a tax amount the source wrote, and a discount raises only the list price', () => {
    const r = historyLineAmounts(line({ qty: 4000, amount: 10000, tax: 1299, discount: 2000 }));
    expect(r).toEqual({ ok: true, value: { net: 10000, tax: 1299, unitPrice: 2500, listPrice: 3000 } });
  });

  it('refuses a line with neither an amount nor a unit price, naming the amount column', () => {
    const r = historyLineAmounts(line({}));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'history.amount_missing', path: ['amount'] });
  });
});

describe('historyLineAmounts on what is not a line', () => {
  it('refuses every amount that is not a whole number of minor units, and a rate out of range, as input', () => {
    const bad: Partial<Parameters<typeof historyLineAmounts>[0]>[] = [
      { qty: 1.5, amount: 100 },
      { qty: Number.NaN, amount: 100 },
      { qty: 2 ** 53, amount: 100 },
      { amount: 0.5 },
      { amount: undefined as never, unitPrice: 100 },
      { unitPrice: '100' as never },
      { amount: 100, tax: Number.POSITIVE_INFINITY },
      { amount: 100, discount: -0.25 },
      { amount: 100, taxRate: 10_001 },
      { amount: 100, taxRate: -1 },
      { amount: 100, taxRate: 13.5 },
      { qty: 0, amount: 100 },
      { qty: 0, unitPrice: 100, discount: 5 },
    ];
    for (const over of bad)
      expect(historyLineAmounts(line(over)), JSON.stringify(over)).toMatchObject({
        ok: false,
        issues: [{ code: 'input.invalid' }],
      });
    expect(historyLineAmounts(line({ amount: 100 }), 'sideways' as never)).toMatchObject({ ok: false });
    expect(historyLineAmounts(line({ qty: 0, unitPrice: 100 }))).toEqual({
      ok: true,
      value: { net: 0, tax: 0, unitPrice: 100, listPrice: 100 },
    });
  });
});

describe('sales-history columns', () => {
  it('read a 4-decimal line amount rounded half-up to cents once, and the order fields in Chinese', () => {
    const headers = [
      '订单号',
      '日期',
      '客户',
      '仓库',
      '编码',
      '数量',
      '金额',
      '税额',
      '折扣额',
      '收货地区',
      '收货地址',
      '渠道',
    ];
    const m = matchHeaders(salesHistoryColumns(), headers);
    expect(m.ok && Object.keys(m.value.columns)).toEqual([
      'order',
      'date',
      'customer',
      'warehouse',
      'sku',
      'qty',
      'amount',
      'tax',
      'discount',
      'region',
      'address',
      'channel',
    ]);
    for (const alias of ['地区', '区域', '省份']) {
      const r = matchHeaders(salesHistoryColumns(), ['订单号', '日期', '客户', '仓库', '编码', '数量', alias]);
      expect(r.ok && r.value.columns.region).toBe(6);
    }
    expect(read({ amount: '12.3450', tax: '1.6049', region: ' 西南 ', channel: '' })).toMatchObject({
      ok: true,
      value: { amount: 1235, tax: 160, unitPrice: null, region: '西南', address: null, channel: null },
    });
  });

  it('round each 4-decimal amount once, half-up, exactly as decimal arithmetic does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 1, max: 50 }), (tenThousandths, qty) => {
        const text = new Decimal(tenThousandths).dividedBy(10_000).toFixed(4);
        const parsed = read({ amount: text, qty: String(qty) });
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const figures = historyLineAmounts(line({ qty: parsed.value.qty, amount: parsed.value.amount }));
        const cents = new Decimal(text).times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
        expect(figures.ok && figures.value.net).toBe(cents);
      }),
    );
  });
});
