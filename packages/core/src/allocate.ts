import { z } from 'zod';
import { assertInput } from './input.js';
import { Dec } from './rounding.js';

const allocateArgs = z
  .object({ amount: z.int(), weights: z.array(z.number().min(0)) })
  .refine((a) => a.amount === 0 || a.weights.length > 0, {
    error: 'cannot take a non-zero amount: there is nothing to split it over',
    path: ['weights'],
  });

/**
 * Split an integer amount over weights so the parts sum exactly to the whole (largest-remainder,
 * or Hamilton's, method): each part gets the floor of its exact share, and the units left over go
 * to the largest remainders, earlier items first on ties. Used for order discounts, freight and
 * tax spread over lines.
 *
 * Weights may be any non-negative numbers (amounts, quantities); when all are zero the amount is
 * split evenly. A negative amount is split as its magnitude, then negated. An amount that is no
 * safe integer, or a weight that is negative, NaN or infinite, throws `input.invalid`.
 *
 * @example
 * allocate(100, [1, 1, 1])      // [34, 33, 33]
 * allocate(1000, [3000, 7000])  // [300, 700]
 * allocate(-5, [1, 1])          // [-3, -2]
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  assertInput(allocateArgs, { amount, weights }, 'allocate');
  if (weights.length === 0) return [];
  if (amount < 0) return split(-amount, weights).map((p) => (p === 0 ? 0 : -p));
  return split(amount, weights);
}

function split(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s.plus(w), new Dec(0));
  const effective = total.isZero() ? weights.map(() => 1) : weights;
  const sum = total.isZero() ? new Dec(weights.length) : total;
  const shares = effective.map((w) => new Dec(amount).times(w).dividedBy(sum));
  const parts = shares.map((s) => s.floor().toNumber());
  let left = amount - parts.reduce((a, b) => a + b, 0);
  const order = shares
    .map((s, index) => ({ index, remainder: s.minus(s.floor()) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  for (const { index } of order) {
    if (left === 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}
