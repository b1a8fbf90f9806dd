import { fail, type Issue, ok, type Result } from './issue.js';
import { DEFAULT_ROUNDING, type RoundingMode, roundScaled, unscale } from './rounding.js';

/**
 * An amount of money in integer minor units of its currency (fen, cents).
 * Never a binary fraction: 12.50 CNY is `1250`.
 */
export type Minor = number;

/** Minor units per major unit, as a power of ten: 2 for CNY/USD/EUR, 0 for JPY. */
export const DEFAULT_CURRENCY_PRECISION = 2;

export interface MoneyOptions {
  /** Decimal places of the currency; defaults to 2. */
  precision?: number;
  /** Applied once when the text has more places than the currency; defaults to half-up. */
  rounding?: RoundingMode;
}

// Optional sign, optional currency sign, digits with optional correct thousands grouping,
// optional fraction. Accounting negatives "(12.00)" are accepted as well.
const AMOUNT = /^([+-])?(?:[¥￥$€£]|CNY|RMB|USD|EUR)?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)$/i;
const ACCOUNTING_NEGATIVE = /^\((.*)\)$/;

/**
 * Parse the text of an amount into minor units.
 * Accepts `12.5`, `-3`, `1,234.56`, `¥12.50`, `(12.00)`; rejects anything else.
 * Extra decimal places are rounded once with the named mode.
 *
 * @example
 * parseMoney('1,234.565') // { ok: true, value: 123457 }
 * parseMoney('12,5')      // { ok: false, issues: [{ code: 'money.format', … }] }
 */
export function parseMoney(text: string, options: MoneyOptions = {}): Result<Minor> {
  const precision = options.precision ?? DEFAULT_CURRENCY_PRECISION;
  let body = text.trim();
  let negative = false;
  const accounting = ACCOUNTING_NEGATIVE.exec(body);
  if (accounting) {
    negative = true;
    body = (accounting[1] ?? '').trim();
  }
  const match = AMOUNT.exec(body);
  if (!match || match[2] === undefined) {
    return fail(moneyIssue(text, precision));
  }
  if (match[1] === '-') negative = !negative;
  const digits = match[2].replaceAll(',', '');
  try {
    const minor = roundScaled(negative ? `-${digits}` : digits, precision, options.rounding ?? DEFAULT_ROUNDING);
    return ok(minor);
  } catch {
    return fail({ code: 'money.range', path: [], message: 'is too large an amount', value: text });
  }
}

function moneyIssue(text: string, precision: number): Issue {
  const example = precision === 0 ? '1250' : `12.${'5'.padEnd(precision, '0')}`;
  return { code: 'money.format', path: [], message: `must be an amount like ${example}`, value: text };
}

export interface FormatMoneyOptions {
  precision?: number;
  /** Group thousands with commas (`1,234.50`); off by default so output re-imports as-is. */
  grouping?: boolean;
}

/**
 * Render minor units as a decimal amount.
 *
 * @example
 * formatMoney(123450)                     // '1234.50'
 * formatMoney(123450, { grouping: true }) // '1,234.50'
 */
export function formatMoney(minor: Minor, options: FormatMoneyOptions = {}): string {
  const plain = unscale(minor, options.precision ?? DEFAULT_CURRENCY_PRECISION);
  if (!options.grouping) return plain;
  const [whole = '', fraction] = plain.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const grouped = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * True when `n` can be stored as an amount in minor units.
 *
 * @example
 * isMinor(1250) // true; isMinor(12.5) // false
 */
export const isMinor = (n: unknown): n is Minor => typeof n === 'number' && Number.isSafeInteger(n);
