import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatQuantity, parseQuantity } from './quantity.js';
import { formatPercent, parsePercent } from './rate.js';

describe('quantities in thousandths', () => {
  it('reads decimal quantities and rounds past three places', () => {
    expect(parseQuantity('2.5')).toEqual({ ok: true, value: 2500 });
    expect(parseQuantity('1,000')).toEqual({ ok: true, value: 1_000_000 });
    expect(parseQuantity('1.0005')).toEqual({ ok: true, value: 1001 });
    expect(parseQuantity('two').ok).toBe(false);
  });

  it('prints without trailing zeros and round-trips', () => {
    expect(formatQuantity(2500)).toBe('2.5');
    expect(formatQuantity(3000)).toBe('3');
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (milli) => {
        expect(parseQuantity(formatQuantity(milli))).toEqual({ ok: true, value: milli });
      }),
    );
  });
});

describe('percentages in basis points', () => {
  it('reads the number as percent with or without the sign', () => {
    expect(parsePercent('13%')).toEqual({ ok: true, value: 1300 });
    expect(parsePercent('6')).toEqual({ ok: true, value: 600 });
    expect(parsePercent('0.13')).toEqual({ ok: true, value: 13 });
    expect(parsePercent('12.5 %')).toEqual({ ok: true, value: 1250 });
  });

  it('refuses text and rates above the maximum', () => {
    expect(parsePercent('abc').ok).toBe(false);
    const over = parsePercent('130');
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.issues[0]?.code).toBe('percent.range');
  });

  it('prints basis points as a short percent number', () => {
    expect(formatPercent(1300)).toBe('13');
    expect(formatPercent(1250)).toBe('12.5');
    expect(formatPercent(0)).toBe('0');
  });
});
