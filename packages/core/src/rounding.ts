import { Decimal } from 'decimal.js';
import { z } from 'zod';

/**
 * How a value beyond the stored precision is brought back to it.
 * `half-up` is the commercial rule (0.5 → 1, -0.5 → -1); `half-even` is banker's rounding.
 */
export type RoundingMode = 'half-up' | 'half-even';

export const DEFAULT_ROUNDING: RoundingMode = 'half-up';

export const roundingSchema = z.enum(['half-up', 'half-even'], { error: 'must be half-up or half-even' });

const DECIMAL_MODES: Record<RoundingMode, Decimal.Rounding> = {
  // decimal.js ROUND_HALF_UP rounds half away from zero, which is the commercial rule.
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
};

/** A decimal.js constructor isolated from global configuration changes by embedders. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

/**
 * Scale a decimal value by 10^scale and round it once to an integer with the named mode.
 *
 * @example
 * roundScaled('12.345', 2) // 1235 (half-up)
 * roundScaled('12.345', 2, 'half-even') // 1234
 */
export function roundScaled(value: Decimal.Value, scale: number, mode: RoundingMode = DEFAULT_ROUNDING): number {
  // Exact fast path: plain decimal text with no more places than the scale needs no rounding,
  // only its digits shifted (imports parse millions of such amounts).
  if (typeof value === 'string') {
    const m = PLAIN_DECIMAL.exec(value);
    if (m && (m[3] ?? '').length <= scale && (m[2] ?? '').length + scale <= 15) {
      const n = Number(`${m[1] ?? ''}${m[2]}${(m[3] ?? '').padEnd(scale, '0')}`);
      return n === 0 ? 0 : n;
    }
  }
  const scaled = new Dec(value).times(new Dec(10).pow(scale)).toDecimalPlaces(0, DECIMAL_MODES[mode]);
  const n = scaled.toNumber();
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`value ${String(value)} is too large to hold exactly`);
  }
  // Normalise -0 so equality checks and JSON never see it.
  return n === 0 ? 0 : n;
}

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;

/**
 * Render an integer of the smallest unit as a plain decimal string with `scale` places.
 *
 * @example
 * unscale(1235, 2) // '12.35'
 * unscale(-5, 3) // '-0.005'
 */
export function unscale(units: number, scale: number): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`${units} is not a safe integer`);
  return new Dec(units).dividedBy(new Dec(10).pow(scale)).toFixed(scale);
}

/**
 * Divide two integers and round the quotient once with the named mode: averages and unit rates
 * of integer amounts.
 *
 * @example
 * divideRounded(1000, 3) // 333
 * divideRounded(5, 2)    // 3 (half-up)
 */
export function divideRounded(numerator: number, denominator: number, mode: RoundingMode = DEFAULT_ROUNDING): number {
  if (denominator === 0) throw new RangeError('division by zero');
  return roundScaled(new Dec(numerator).dividedBy(denominator), 0, mode);
}

const EXACT = Number.MAX_SAFE_INTEGER;

/**
 * `a × b ÷ c` for integers, rounded once with the named mode, exactly: plain number arithmetic
 * while the product is a safe integer (the hot path of FIFO costing), BigInt beyond that.
 *
 * @example
 * mulDiv(1000, 1, 3)               // 333
 * mulDiv(1001, 1, 2)               // 501 (500.5, half-up)
 * mulDiv(1001, 1, 2, 'half-even')  // 500
 */
export function mulDiv(a: number, b: number, c: number, mode: RoundingMode = DEFAULT_ROUNDING): number {
  if (c === 0) throw new RangeError('division by zero');
  const product = a * b;
  if (Math.abs(product) <= EXACT) {
    const negative = product < 0 !== c < 0;
    const n = Math.abs(product);
    const d = Math.abs(c);
    let q = Math.floor(n / d);
    // Float division of exact integers can land one off; step back onto the true quotient.
    if (q * d > n) q -= 1;
    else if ((q + 1) * d <= n) q += 1;
    const twice = 2 * (n - q * d);
    if (twice > d || (twice === d && (mode === 'half-up' || q % 2 === 1))) q += 1;
    return negative && q !== 0 ? -q : q;
  }
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  let q = an / ad;
  const twice = 2n * (an - q * ad);
  if (twice > ad || (twice === ad && (mode === 'half-up' || q % 2n === 1n))) q += 1n;
  const result = Number(negative ? -q : q);
  if (!Number.isSafeInteger(result)) throw new RangeError(`${a} × ${b} ÷ ${c} is too large to hold exactly`);
  return result;
}
