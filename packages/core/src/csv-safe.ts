import { z } from 'zod';
import { assertInput } from './input.js';

const NUMERIC = /^[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)%?$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const cellArgs = z.object({ value: z.string() });

/**
 * Guard one exported cell against spreadsheet formula injection: text that a spreadsheet would
 * run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading
 * apostrophe, as OWASP's CSV injection guidance recommends. Plain numbers such as `-12.50` are
 * left alone so that amounts stay numbers.
 *
 * @example
 * csvSafeCell('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 * csvSafeCell('-12.50')                 // '-12.50'
 */
export function csvSafeCell(value: string): string {
  // Called for every exported cell: the schema runs (and words the problem) only when typeof fails.
  if (typeof value !== 'string') assertInput(cellArgs, { value }, 'csvSafeCell');
  if (!FORMULA_START.test(value) || NUMERIC.test(value)) return value;
  return `'${value}`;
}
