import { z } from 'zod';
import { assertInput, inputIssues } from './input.js';
import { fail, ok, type Result } from './issue.js';
import { roundScaled, unscale } from './rounding.js';

/** A percentage in basis points: 13% is `1300`. Exact for every rate a tax table uses. */
export type BasisPoints = number;

const PERCENT = /^(\d+(?:\.\d*)?|\.\d+)\s*%?$/;
// No upper bound is Infinity, which z.number() refuses.
const maxInput = z.custom<number>((v) => typeof v === 'number' && v >= 0, { error: 'must be a number of 0 or more' });
const parseArgs = z.object({ text: z.string(), max: maxInput });
const formatArgs = z.object({ bp: z.int() });

/**
 * Parse a percentage. The number is always read as percent, with or without the sign:
 * `13`, `13%` and `13.0 %` are all 13%. Basis points keep two decimals of a percent.
 *
 * @example
 * parsePercent('13%')  // { ok: true, value: 1300 }
 * parsePercent('6')    // { ok: true, value: 600 }
 * parsePercent('0.13') // { ok: true, value: 13 }   (0.13%, not 13%)
 */
export function parsePercent(text: string, max = 100): Result<BasisPoints> {
  if (typeof text !== 'string' || !(typeof max === 'number' && max >= 0))
    return fail(...(inputIssues(parseArgs, { text, max }) ?? []));
  const match = PERCENT.exec(text.trim());
  if (!match || match[1] === undefined) {
    return fail({ code: 'percent.format', path: [], message: 'must be a percentage like 13 or 13%', value: text });
  }
  const bp = roundScaled(match[1], 2);
  if (bp > max * 100) {
    return fail({ code: 'percent.range', path: [], message: `must be at most ${max}%`, value: text });
  }
  return ok(bp);
}

/**
 * Render basis points as a percent number without the sign and trailing zeros.
 *
 * @example
 * formatPercent(1300) // '13'
 * formatPercent(1250) // '12.5'
 */
export function formatPercent(bp: BasisPoints): string {
  if (!Number.isSafeInteger(bp)) assertInput(formatArgs, { bp }, 'formatPercent');
  return unscale(bp, 2).replace(/\.?0+$/, '');
}
