import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type OrderInput, orderTotals } from './order-totals.js';
import type { RoundingMode } from './rounding.js';
import {
  checkInvoiceBuyer,
  inputVatDeductible,
  isValidTaxId,
  lineAmount,
  priceInMode,
  resolveTaxRate,
  taxOf,
} from './tax.js';

function totals(order: OrderInput) {
  const r = orderTotals(order);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.value;
}

describe('taxOf', () => {
  it('adds VAT to an exclusive amount and splits it out of an inclusive one', () => {
    expect(taxOf(10000, 1300, 'exclusive')).toEqual({ net: 10000, tax: 1300, gross: 11300 });
    expect(taxOf(11300, 1300, 'inclusive')).toEqual({ net: 10000, tax: 1300, gross: 11300 });
    // 100.00 incl. 13%: 100 / 1.13 = 88.495… → 88.50, tax 11.50
    expect(taxOf(10000, 1300, 'inclusive')).toEqual({ net: 8850, tax: 1150, gross: 10000 });
    // 0.05 at 9% exclusive: 0.0045 → 0.00
    expect(taxOf(5, 900, 'exclusive')).toEqual({ net: 5, tax: 0, gross: 5 });
    expect(taxOf(-10000, 1300, 'exclusive')).toEqual({ net: -10000, tax: -1300, gross: -11300 });
  });

  it('keeps net + tax = gross for any amount and rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e11, max: 1e11 }),
        fc.integer({ min: 0, max: 10000 }),
        fc.boolean(),
        (a, r, incl) => {
          const t = taxOf(a, r, incl ? 'inclusive' : 'exclusive');
          expect(t.net + t.tax).toBe(t.gross);
          expect(incl ? t.gross : t.net).toBe(a);
        },
      ),
    );
  });
});

describe('lineAmount', () => {
  it('multiplies thousandths by the unit price and rounds once', () => {
    expect(lineAmount(2500, 1999)).toBe(4998); // 2.5 × 19.99 = 49.975
    expect(lineAmount(2500, 1999, 'half-even')).toBe(4998); // 4997.5 → even 4998
    expect(lineAmount(1500, 1999, 'half-even')).toBe(2998); // 2998.5 → even 2998
    expect(lineAmount(333, 300)).toBe(100); // 0.333 × 3.00 = 0.999
  });
});

describe('orderTotals', () => {
  it('works a two-rate order with an order discount and freight through', () => {
    const t = totals({
      taxMode: 'exclusive',
      orderDiscount: 1000, // 10.00 off, spread 100.00 : 100.00 → 5.00 each
      freight: 2000,
      freightTaxRate: 900,
      lines: [
        { qty: 2000, unitPrice: 5000, taxRate: 1300 }, // 2 × 50.00 = 100.00
        { qty: 1000, unitPrice: 10000, taxRate: 900 }, // 1 × 100.00
      ],
    });
    expect(t.lines).toEqual([
      { amount: 10000, lineDiscount: 0, orderDiscount: 500, net: 9500, tax: 1235, gross: 10735 },
      { amount: 10000, lineDiscount: 0, orderDiscount: 500, net: 9500, tax: 855, gross: 10355 },
    ]);
    expect(t.freight).toEqual({ net: 2000, tax: 180, gross: 2180 });
    expect(t.total).toEqual({ amount: 20000, discount: 1000, net: 21000, tax: 2270, gross: 23270 });
  });

  it('applies line discounts before spreading the order discount, inclusive prices', () => {
    const t = totals({
      taxMode: 'inclusive',
      orderDiscount: 100,
      lines: [
        { qty: 3000, unitPrice: 3333, taxRate: 1300, discountRate: 1000 }, // 99.99 − 10% (10.00) = 89.99
        { qty: 1000, unitPrice: 1001, taxRate: 1300 }, // 10.01
      ],
    });
    // 1.00 over 89.99 : 10.01 → 0.8999, 0.1001 → 89 + 10 = 99, spare unit to the larger remainder (.99)
    expect(t.lines.map((l) => [l.lineDiscount, l.orderDiscount])).toEqual([
      [1000, 90],
      [0, 10],
    ]);
    expect(t.total.gross).toBe(8999 - 90 + 1001 - 10);
    expect(t.freight).toEqual({ net: 0, tax: 0, gross: 0 });
  });

  it('always adds up: lines and freight sum to the totals, discounts sum to what was given', () => {
    const line = fc.record({
      qty: fc.integer({ min: 1, max: 1e7 }),
      unitPrice: fc.integer({ min: 0, max: 1e7 }),
      taxRate: fc.constantFrom(0, 100, 300, 600, 900, 1300),
      discountRate: fc.integer({ min: 0, max: 5000 }),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 12 }),
        fc.nat(1e5),
        fc.nat(1e5),
        fc.boolean(),
        (lines, disc, freight, incl) => {
          const t = totals({ lines, orderDiscount: disc, freight, taxMode: incl ? 'inclusive' : 'exclusive' });
          const sum = (k: 'net' | 'tax' | 'gross') => t.lines.reduce((s, l) => s + l[k], 0) + t.freight[k];
          expect(t.total.net).toBe(sum('net'));
          expect(t.total.tax).toBe(sum('tax'));
          expect(t.total.gross).toBe(sum('gross'));
          expect(t.lines.reduce((s, l) => s + l.orderDiscount, 0)).toBe(disc);
        },
      ),
    );
  });
});

describe('orderTotals with tax-inclusive prices', () => {
  const roundings: RoundingMode[] = ['half-up', 'half-even'];

  it('charges a 含税 line exactly qty × price, and its net and VAT add up to that gross', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom(0, 300, 600, 900, 1300),
        fc.constantFrom(...roundings),
        (units, price, taxRate, rounding) => {
          const t = totals({
            taxMode: 'inclusive',
            rounding,
            lines: [{ qty: units * 1000, unitPrice: price, taxRate }],
          });
          const line = t.lines[0];
          expect(line?.gross).toBe(units * price);
          expect((line?.net ?? 0) + (line?.tax ?? 0)).toBe(line?.gross);
          expect(t.total.gross).toBe(units * price);
        },
      ),
    );
  });

  it('keeps each line in its own mode on a mixed order', () => {
    const t = totals({
      taxMode: 'exclusive',
      lines: [
        { qty: 2000, unitPrice: 11300, taxRate: 1300, taxMode: 'inclusive' }, // 2 × 113.00 含税
        { qty: 1000, unitPrice: 10000, taxRate: 1300 }, // 100.00 net
      ],
    });
    expect(t.lines.map((l) => [l.net, l.tax, l.gross])).toEqual([
      [20000, 2600, 22600],
      [10000, 1300, 11300],
    ]);
  });

  it('answers input it cannot total with issues, not a TypeError', () => {
    const bad = orderTotals({
      taxMode: 'sideways',
      lines: [{ qty: 1.5, unitPrice: 100, taxRate: 1300 }],
    } as unknown as OrderInput);
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
        ['input.invalid', 'lines.0.qty'],
        ['input.invalid', 'taxMode'],
      ]);
    const orphan = orderTotals({ taxMode: 'exclusive', orderDiscount: 100, lines: [] });
    expect(!orphan.ok && orphan.issues[0]?.code).toBe('order.discount_without_lines');
    const huge = orderTotals({ taxMode: 'exclusive', lines: [{ qty: 2 ** 52, unitPrice: 2 ** 40, taxRate: 0 }] });
    expect(!huge.ok && huge.issues[0]?.code).toBe('order.range');
  });
});

describe('priceInMode', () => {
  it('restates a price in the other mode and leaves one in its own alone', () => {
    expect(priceInMode(11300, 1300, 'inclusive', 'exclusive')).toBe(10000);
    expect(priceInMode(10000, 1300, 'exclusive', 'inclusive')).toBe(11300);
    expect(priceInMode(999, 1300, 'inclusive', 'inclusive')).toBe(999);
  });
});

describe('invoice kinds', () => {
  it('checks the unified social credit code by its check character', () => {
    expect(isValidTaxId('91350100M000100Y43')).toBe(true);
    expect(isValidTaxId('91350100m000100y43')).toBe(true);
    expect(isValidTaxId('91350100M000100Y44')).toBe(false);
    expect(isValidTaxId('91350100M000100Y4')).toBe(false);
    expect(isValidTaxId('91350100I000100Y43')).toBe(false); // I is not in the code's alphabet
  });

  it('asks a special VAT invoice for tax id, address and bank; a normal one for a name', () => {
    expect(checkInvoiceBuyer('normal', { name: '张三' })).toEqual([]);
    expect(checkInvoiceBuyer('special', { name: '华东贸易', taxId: '91350100M000100Y43' }).map((i) => i.code)).toEqual([
      'invoice.special.address',
      'invoice.special.bank',
    ]);
    expect(
      checkInvoiceBuyer('special', { name: '华东贸易', taxId: 'X', address: 'a', bankAccount: 'b' }).map((i) => i.code),
    ).toEqual(['invoice.buyer.tax_id']);
    expect(inputVatDeductible('special')).toBe(true);
    expect(inputVatDeductible('normal')).toBe(false);
  });
});

describe('resolveTaxRate', () => {
  it('takes the product rate, else the nearest category rate, else the default', () => {
    const rates = { 食品: 1300, '食品/粮油': 900 };
    expect(resolveTaxRate({ category: '食品/粮油/大米' }, rates)).toBe(900);
    expect(resolveTaxRate({ category: '食品/零食' }, rates)).toBe(1300);
    expect(resolveTaxRate({ category: '食品/粮油', taxRate: 0 }, rates)).toBe(0);
    expect(resolveTaxRate({ category: '服务' }, rates, 600)).toBe(600);
  });
});
