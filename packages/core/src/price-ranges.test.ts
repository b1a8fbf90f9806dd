import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecord } from './columns.js';
import { priceRowColumns, priceRowSchema } from './import-specs/price-rows.js';
import { promotionColumns, promotionRowSchema } from './import-specs/promotions.js';
import {
  formatPriceTrace,
  type PriceList,
  type PriceRequest,
  type Promotion,
  resolvePrice,
  validatePricingRules,
} from './pricing.js';

const cup = { sku: 'CUP-01', category: '器具/杯' };
// 5–7 at 9.00, 8 and up at 8.00: ERPNext's min_qty / max_qty, max included, empty max unbounded.
const ranged: PriceList = {
  code: 'BASE',
  scope: { kind: 'base' },
  prices: [
    { sku: 'CUP-01', minQty: 5000, maxQty: 7000, price: 900 },
    { sku: 'CUP-01', minQty: 8000, price: 800 },
  ],
};
const request = (qty: number): PriceRequest => ({ product: cup, customer: { code: 'K1' }, qty, date: '2026-03-05' });
const price = (qty: number, lists: PriceList[] = [ranged], promotions: Promotion[] = []) =>
  resolvePrice(request(qty), { priceLists: lists, promotions });

describe('quantity ranges in price lists', () => {
  it('prices 5, 6 and 7 in the 5–7 range, 8 and more in 8+, and nothing below 5', () => {
    for (const qty of [5000, 6000, 7000]) expect(price(qty)).toMatchObject({ ok: true, value: { unitPrice: 900 } });
    for (const qty of [8000, 9000, 120_000]) expect(price(qty)).toMatchObject({ ok: true, value: { unitPrice: 800 } });
    expect(price(4000)).toMatchObject({ ok: false, issues: [{ code: 'price.not_found' }] });
  });

  it('says in the trace which range held the quantity', () => {
    const six = price(6000);
    if (!six.ok) throw new Error('no price');
    expect(six.value.trace).toEqual([
      {
        rule: 'base list BASE',
        outcome: 'won',
        reason: '9.00 (qty 6 in range 5–7): the most specific list with a price',
      },
    ]);
    expect(formatPriceTrace(request(6000), six.value)).toBe(
      [
        'CUP-01 × 6 for K1 on 2026-03-05',
        '  won      base list BASE  9.00 (qty 6 in range 5–7): the most specific list with a price',
        'price 9.00 · no approval needed',
      ].join('\n'),
    );
    const nine = price(9000);
    expect(nine.ok && nine.value.trace[0]?.reason).toBe(
      '8.00 (qty 9 in range 8+): the most specific list with a price',
    );
  });

  it('skips a list whose ranges leave the quantity out, saying which ranges it has', () => {
    const gap: PriceList = {
      code: 'VIP',
      scope: { kind: 'tier', tier: 'VIP' },
      prices: [
        { sku: 'CUP-01', minQty: 1000, maxQty: 4000, price: 850 },
        { sku: 'CUP-01', minQty: 10_000, maxQty: 20_000, price: 700 },
      ],
    };
    const r = resolvePrice(
      { ...request(6000), customer: { code: 'K2', tier: 'VIP' } },
      { priceLists: [gap, ranged], promotions: [] },
    );
    expect(r).toMatchObject({ ok: true, value: { list: 'BASE', unitPrice: 900 } });
    expect(r.ok && r.value.trace[0]).toEqual({
      rule: 'tier list VIP (VIP)',
      outcome: 'skipped',
      reason: 'qty 6 is in none of its ranges 1–4, 10–20',
    });
  });

  it('applies the row whose range holds the quantity, for any quantity', () => {
    // Contiguous ranges with an open last one: exactly one row holds any quantity from the first start.
    const rows = fc
      .uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 5 })
      .map((starts) => [0, ...starts].sort((a, b) => a - b));
    fc.assert(
      fc.property(rows, fc.integer({ min: 0, max: 2_000_000 }), (starts, qty) => {
        const list: PriceList = {
          code: 'B',
          scope: { kind: 'base' },
          prices: starts.map((minQty, i) => {
            const next = starts[i + 1];
            return { sku: 'CUP-01', minQty, ...(next === undefined ? {} : { maxQty: next - 1 }), price: 1000 - i };
          }),
        };
        const r = price(qty, [list]);
        const expected = list.prices.find((p) => p.minQty <= qty && (p.maxQty === undefined || qty <= p.maxQty));
        expect(r.ok && r.value.unitPrice).toBe(expected?.price);
      }),
    );
  });
});

describe('quantity ranges in promotions', () => {
  const bulk: Promotion = {
    code: 'BULK',
    kind: 'amount_off',
    value: 100,
    validFrom: '2026-03-01',
    validTo: '2026-03-31',
    applies: { skus: ['CUP-01'] },
    minQty: 5000,
    maxQty: 7000,
  };
  const flat: PriceList = { code: 'B', scope: { kind: 'base' }, prices: [{ sku: 'CUP-01', minQty: 0, price: 1000 }] };

  it('applies only from min to max included, and says so in the trace', () => {
    const seven = price(7000, [flat], [bulk]);
    expect(seven).toMatchObject({ ok: true, value: { unitPrice: 900, promotions: ['BULK'] } });
    expect(seven.ok && seven.value.trace[1]).toEqual({
      rule: 'promotion BULK',
      outcome: 'applied',
      reason: '1.00 off: 10.00 → 9.00 (qty 7 in range 5–7)',
    });
    const eight = price(8000, [flat], [bulk]);
    expect(eight).toMatchObject({ ok: true, value: { unitPrice: 1000, promotions: [] } });
    expect(eight.ok && eight.value.trace[1]).toEqual({
      rule: 'promotion BULK',
      outcome: 'skipped',
      reason: 'qty 8 is beyond its range 5–7',
    });
    expect(price(4000, [flat], [bulk])).toMatchObject({ ok: true, value: { unitPrice: 1000 } });
  });
});

describe('a range that ends before it starts', () => {
  it('is refused on a price list row, naming the max column and the cell', () => {
    const row = parseRecord(priceRowColumns(), priceRowSchema, 'price', {
      list: 'BASE',
      sku: 'CUP-01',
      minQty: '8',
      maxQty: '5',
      price: '8.00',
    });
    expect(row).toEqual({
      ok: false,
      issues: [{ code: 'price.qty_range', path: ['maxQty'], message: 'must be at least min_qty 8, not 5', value: '5' }],
    });
    expect(
      parseRecord(priceRowColumns(), priceRowSchema, 'price', {
        list: 'B',
        sku: 'C',
        minQty: '5',
        maxQty: '5',
        price: '1',
      }).ok,
    ).toBe(true);
  });

  it('is refused on a promotion row', () => {
    const row = parseRecord(promotionColumns(), promotionRowSchema, 'promotion', {
      code: 'BULK',
      kind: '立减',
      value: '1',
      validFrom: '2026-03-01',
      validTo: '2026-03-31',
      minQty: '10',
      maxQty: '2',
    });
    expect(row).toMatchObject({ ok: false, issues: [{ code: 'promotion.qty_range', path: ['maxQty'], value: '2' }] });
  });

  it('is refused in rules handed in whole, with the list and row', () => {
    expect(
      validatePricingRules({
        priceLists: [{ ...ranged, prices: [{ sku: 'CUP-01', minQty: 8000, maxQty: 5000, price: 800 }] }],
        promotions: [
          {
            code: 'P',
            kind: 'percent',
            value: 500,
            validFrom: '2026-01-01',
            validTo: '2026-01-31',
            applies: {},
            maxQty: 0,
            minQty: 1000,
          },
        ],
      }).map((i) => [i.code, i.path]),
    ).toEqual([
      ['price.qty_range', ['priceLists', 'BASE', 0, 'maxQty']],
      ['promotion.qty_range', ['promotions', 'P', 'maxQty']],
    ]);
    expect(validatePricingRules({ priceLists: [ranged] })).toEqual([]);
  });
});
