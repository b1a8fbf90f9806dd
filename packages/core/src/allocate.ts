import { Dec } from './rounding.js';

/**
 * Split an integer amount over weights so the parts sum exactly to the whole (largest-remainder,
 * or Hamilton's, method): each part gets the floor of its exact share, and the units left over go
 * to the largest remainders, earlier items first on ties. Used for order discounts, freight and
 * tax spread over lines.
 *
 * Weights may be any non-negative numbers (amounts, quantities); when all are zero the amount is
 * split evenly. A negative amount is split as its magnitude, then negated.
 *
 * @example
 * allocate(100, [1, 1, 1])      // [34, 33, 33]
 * allocate(1000, [3000, 7000])  // [300, 700]
 * allocate(-5, [1, 1])          // [-3, -2]
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount ${amount} is not a safe integer`);
  if (weights.length === 0) {
    if (amount === 0) return [];
    throw new RangeError('cannot allocate a non-zero amount over no weights');
  }
  if (weights.some((w) => !Number.isFinite(w) || w < 0))
    throw new RangeError('weights must be finite and non-negative');
  if (amount < 0) return allocate(-amount, weights).map((p) => (p === 0 ? 0 : -p));
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
