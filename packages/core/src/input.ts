import type { z } from 'zod';
import { fail, type Issue, ok, type Result } from './issue.js';
import type { RoundingMode } from './rounding.js';

/**
 * Check what a caller hands a core function against its zod schema: the parsed value, or every
 * problem as an issue (`<prefix>.<zod code>`, the path, zod's message) instead of a TypeError
 * further down.
 *
 * @example
 * checkInput(z.object({ qty: z.int() }), { qty: 1.5 }, 'order')
 * // { ok: false, issues: [{ code: 'order.invalid_type', path: ['qty'], message: 'Invalid input: expected int, received number' }] }
 */
export function checkInput<T>(schema: z.ZodType<T>, input: unknown, prefix: string): Result<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return fail(
    ...parsed.error.issues.map(
      (zi): Issue => ({
        code: `${prefix}.${zi.code === 'custom' && typeof zi.params?.code === 'string' ? zi.params.code : zi.code}`,
        path: zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: zi.message,
      }),
    ),
  );
}

/**
 * Run arithmetic that refuses amounts too large to hold exactly (`RangeError`), as a result.
 *
 * @example
 * guardRange('order', () => mulDiv(2 ** 52, 3, 1)) // { ok: false, issues: [{ code: 'order.range', … }] }
 */
export function guardRange<T>(prefix: string, compute: () => T): Result<T> {
  try {
    return ok(compute());
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return fail({ code: `${prefix}.range`, path: [], message: error.message });
  }
}

/** Options every amount-deriving function takes from the book's settings. */
export interface AmountOptions {
  /** How a value beyond the stored precision is brought back to it; half-up when absent. */
  rounding?: RoundingMode;
}
