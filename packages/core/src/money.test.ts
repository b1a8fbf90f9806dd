import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from './money.js';
import { Dec, divideRounded, mulDiv, roundScaled } from './rounding.js';

describe('parseMoney', () => {
  it.each([
    ['12.5', 1250],
    ['12', 1200],
    ['0.005', 1],
    ['-0.005', -1],
    ['1,234.56', 123456],
    ['¥88.00', 8800],
    ['￥ 6', 600],
    ['(12.00)', -1200],
    ['.5', 50],
    ['+3', 300],
  ])('reads %s as %i minor units', (text, minor) => {
    expect(parseMoney(text)).toEqual({ ok: true, value: minor });
  });

  it.each(['', 'abc', '12,5', '1,23.00', '1.2.3', '--1', '12 元'])('rejects %j with money.format', (text) => {
    const r = parseMoney(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toBe('money.format');
  });

  it('rounds once with the named mode when the text has extra places', () => {
    expect(parseMoney('0.125')).toEqual({ ok: true, value: 13 });
    expect(parseMoney('0.125', { rounding: 'half-even' })).toEqual({ ok: true, value: 12 });
    expect(parseMoney('0.135', { rounding: 'half-even' })).toEqual({ ok: true, value: 14 });
  });

  it('follows the currency precision', () => {
    expect(parseMoney('1250', { precision: 0 })).toEqual({ ok: true, value: 1250 });
    expect(parseMoney('1.5', { precision: 0 })).toEqual({ ok: true, value: 2 });
    expect(parseMoney('1.2345', { precision: 3 })).toEqual({ ok: true, value: 1235 });
  });

  it('refuses amounts beyond exact integers', () => {
    const r = parseMoney('999999999999999999');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toBe('money.range');
  });
});

describe('formatMoney', () => {
  it('renders minor units with the currency places', () => {
    expect(formatMoney(123450)).toBe('1234.50');
    expect(formatMoney(-5)).toBe('-0.05');
    expect(formatMoney(0)).toBe('0.00');
    expect(formatMoney(7, { precision: 0 })).toBe('7');
  });

  it('groups thousands on request', () => {
    expect(formatMoney(123456789, { grouping: true })).toBe('1,234,567.89');
    expect(formatMoney(-100000, { grouping: true })).toBe('-1,000.00');
  });

  it('round-trips every safe amount through text exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), fc.boolean(), (minor, grouping) => {
        expect(parseMoney(formatMoney(minor, { grouping }))).toEqual({ ok: true, value: minor });
      }),
    );
  });
});

describe('roundScaled', () => {
  it('rounds half away from zero in half-up mode and to even in half-even mode', () => {
    expect(roundScaled('2.5', 0)).toBe(3);
    expect(roundScaled('-2.5', 0)).toBe(-3);
    expect(roundScaled('2.5', 0, 'half-even')).toBe(2);
    expect(roundScaled('3.5', 0, 'half-even')).toBe(4);
    expect(Object.is(roundScaled('-0.001', 2), 0)).toBe(true);
  });

  it('never moves a value by more than half a unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 999 }), (whole, frac) => {
        const text = `${whole}.${String(frac).padStart(3, '0')}`;
        const rounded = roundScaled(text, 2);
        const exactThousandths = whole * 1000 + (whole < 0 || text.startsWith('-') ? -frac : frac);
        expect(Math.abs(rounded * 10 - exactThousandths)).toBeLessThanOrEqual(5);
      }),
    );
  });
});

describe('divideRounded', () => {
  it('rounds the quotient once with the named mode', () => {
    expect(divideRounded(1000, 3)).toBe(333);
    expect(divideRounded(5, 2)).toBe(3);
    expect(divideRounded(5, 2, 'half-even')).toBe(2);
    expect(divideRounded(-5, 2)).toBe(-3);
    expect(() => divideRounded(1, 0)).toThrow(RangeError);
  });
});

describe('mulDiv', () => {
  it('rounds a × b ÷ c once, exactly', () => {
    expect(mulDiv(1000, 1, 3)).toBe(333);
    expect(mulDiv(2000, 1, 3)).toBe(667);
    expect(mulDiv(1001, 1, 2)).toBe(501);
    expect(mulDiv(1001, 1, 2, 'half-even')).toBe(500);
    expect(mulDiv(1003, 1, 2, 'half-even')).toBe(502);
    expect(mulDiv(-1001, 1, 2)).toBe(-501);
    expect(mulDiv(1, -1, 3)).toBe(0);
    expect(mulDiv(9e15, 1e6, 3e6)).toBe(3e15); // beyond 2^53 in the product: BigInt path
  });

  it('agrees with decimal arithmetic everywhere', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 1, max: 1e9 }),
        fc.constantFrom('half-up' as const, 'half-even' as const),
        (a, b, c, mode) => {
          let expected: number;
          try {
            expected = roundScaled(new Dec(a).times(b).dividedBy(c), 0, mode);
          } catch {
            return; // beyond safe integers: mulDiv throws too
          }
          expect(mulDiv(a, b, c, mode)).toBe(expected);
        },
      ),
    );
  });
});

describe('roundScaled fast path', () => {
  it('gives what decimal arithmetic gives for plain decimal text', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 3 }),
        fc.nat(999),
        (whole, places, frac) => {
          const text = places === 0 ? String(whole) : `${whole}.${String(frac).padStart(3, '0').slice(0, places)}`;
          expect(roundScaled(text, 3)).toBe(new Dec(text).times(1000).toNumber() || 0);
        },
      ),
    );
  });
});
