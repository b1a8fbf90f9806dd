import { Decimal } from 'decimal.js';

/**
 * How a value beyond the stored precision is brought back to it.
 * `half-up` is the commercial rule (0.5 → 1, -0.5 → -1); `half-even` is banker's rounding.
 */
export type RoundingMode = 'half-up' | 'half-even';

export const DEFAULT_ROUNDING: RoundingMode = 'half-up';

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
  const scaled = new Dec(value).times(new Dec(10).pow(scale)).toDecimalPlaces(0, DECIMAL_MODES[mode]);
  const n = scaled.toNumber();
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`value ${String(value)} is too large to hold exactly`);
  }
  // Normalise -0 so equality checks and JSON never see it.
  return n === 0 ? 0 : n;
}

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
