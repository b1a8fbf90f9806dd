import { z } from 'zod';
import { assertInput, inputIssues, roundingInput } from './input.js';
import { fail, ok, type Result } from './issue.js';
import { DEFAULT_ROUNDING, type RoundingMode, roundScaled, unscale } from './rounding.js';

/** A quantity in integer thousandths of its unit: 2.5 kg is `2500`. */
export type Milli = number;

/** Thousandths: the one scale every quantity in the book uses. */
export const QUANTITY_SCALE = 3;

const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const parseArgs = z.object({ text: z.string(), rounding: roundingInput });
const formatArgs = z.object({ milli: z.int() });

/**
 * Parse the text of a quantity into thousandths, rounding once beyond three places.
 *
 * @example
 * parseQuantity('2.5')    // { ok: true, value: 2500 }
 * parseQuantity('1.0005') // { ok: true, value: 1001 }
 */
export function parseQuantity(text: string, rounding: RoundingMode = DEFAULT_ROUNDING): Result<Milli> {
  // Read per cell of large files: the schema runs (and words the issue) only when the quick test fails.
  if (typeof text !== 'string' || (rounding !== 'half-up' && rounding !== 'half-even'))
    return fail(...(inputIssues(parseArgs, { text, rounding }) ?? []));
  const body = text.trim().replaceAll(',', '');
  if (!QUANTITY.test(body)) {
    return fail({ code: 'quantity.format', path: [], message: 'must be a quantity like 12 or 2.5', value: text });
  }
  return ok(roundScaled(body, QUANTITY_SCALE, rounding));
}

/**
 * Render thousandths without trailing zeros.
 *
 * @example
 * formatQuantity(2500) // '2.5'
 * formatQuantity(3000) // '3'
 */
export function formatQuantity(milli: Milli): string {
  if (!Number.isSafeInteger(milli)) assertInput(formatArgs, { milli }, 'formatQuantity');
  return unscale(milli, QUANTITY_SCALE).replace(/\.?0+$/, '');
}
