import { z } from 'zod';
import { inputIssues } from './input.js';
import { fail, ok, type Result } from './issue.js';

const TRUE = new Set(['true', 'yes', 'y', '1', '是', '对', 'on']);
const FALSE = new Set(['false', 'no', 'n', '0', '否', '不', 'off']);
const parseArgs = z.object({ text: z.string() });

/**
 * Parse a yes/no cell in English or Chinese.
 *
 * @example
 * parseBoolean('是') // { ok: true, value: true }
 * parseBoolean('N')  // { ok: true, value: false }
 */
export function parseBoolean(text: string): Result<boolean> {
  if (typeof text !== 'string') return fail(...(inputIssues(parseArgs, { text }) ?? []));
  const t = text.trim().toLowerCase();
  if (TRUE.has(t)) return ok(true);
  if (FALSE.has(t)) return ok(false);
  return fail({ code: 'boolean.format', path: [], message: 'must be yes/no (是/否)', value: text });
}
