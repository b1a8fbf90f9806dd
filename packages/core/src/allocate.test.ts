import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocate.js';

describe('allocate', () => {
  it('splits with the largest remainders getting the spare units', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    // 10.00 over 3 lines of 33.33, 33.33, 33.34: shares 3.333, 3.333, 3.334 → 3, 3, 4
    expect(allocate(1000, [3333, 3333, 3334])).toEqual([333, 333, 334]);
    expect(allocate(1000, [3000, 7000])).toEqual([300, 700]);
    // 3.5, 1.75, 1.75 → floors 3, 1, 1; the two spare units go to the .75 remainders
    expect(allocate(7, [0.5, 0.25, 0.25])).toEqual([3, 2, 2]);
  });

  it('splits evenly when every weight is zero, and negates for negative amounts', () => {
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
    expect(allocate(-5, [1, 1])).toEqual([-3, -2]);
    expect(allocate(0, [1, 2])).toEqual([0, 0]);
  });

  it('refuses bad input with input.invalid naming the argument', () => {
    expect(() => allocate(1, [])).toThrow(expect.objectContaining({ code: 'input.invalid', path: ['weights'] }));
    expect(() => allocate(1, [-1, 2])).toThrow(
      expect.objectContaining({ code: 'input.invalid', path: ['weights', 0] }),
    );
    expect(() => allocate(1.5, [1])).toThrow(expect.objectContaining({ code: 'input.invalid', path: ['amount'] }));
    expect(() => allocate(1, [Number.NaN])).toThrow(expect.objectContaining({ code: 'input.invalid' }));
    expect(allocate(0, [])).toEqual([]);
  });

  it('always sums to the whole, and no part strays more than one unit from its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 40 }),
        (amount, weights) => {
          const parts = allocate(amount, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          const total = weights.reduce((a, b) => a + b, 0);
          parts.forEach((p, i) => {
            const exact = total === 0 ? amount / weights.length : (amount * (weights[i] ?? 0)) / total;
            expect(Math.abs(p - exact)).toBeLessThan(1 + 1e-6 * Math.abs(amount));
          });
        },
      ),
    );
  });
});
