/**
 * Numbers, money and dates as the reader's language writes them. Display only: the book keeps
 * money as integers in minor units, and so does everything here until the last step.
 */

export interface MoneyFormat {
  /** ISO 4217 code of the book's currency (`CNY`). */
  currency: string;
  /** Digits after the decimal point the book keeps (2: minor units are cents/fen). */
  precision: number;
  /** `symbol`: ¥1,234.50; `number`: 1,234.50 (the currency said once elsewhere on the page). */
  display?: 'symbol' | 'number';
}

const cache = new Map<string, Intl.NumberFormat>();
const numberFormat = (locale: string, options: Intl.NumberFormatOptions) => {
  const key = `${locale}|${JSON.stringify(options)}`;
  const kept = cache.get(key);
  if (kept) return kept;
  const format = new Intl.NumberFormat(locale, options);
  cache.set(key, format);
  return format;
};

/**
 * An amount in minor units written in the locale: the split into major and minor units is
 * integer arithmetic, so no amount is ever a float; Intl only places the sign, the grouping and
 * the symbol around those digits.
 *
 * @example
 * formatMoney(-123456, 'zh-CN', { currency: 'CNY', precision: 2 }) // '-¥1,234.56'
 * formatMoney(123456, 'en', { currency: 'CNY', precision: 2, display: 'number' }) // '1,234.56'
 */
export function formatMoney(minor: number, locale: string, money: MoneyFormat): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`an amount in minor units must be an integer: ${minor}`);
  const unit = 10 ** money.precision;
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const major = Math.trunc(abs / unit);
  const fraction = String(abs % unit).padStart(money.precision, '0');
  const format = numberFormat(locale, {
    ...(money.display === 'number' ? {} : { style: 'currency', currency: money.currency }),
    minimumFractionDigits: money.precision,
    maximumFractionDigits: money.precision,
  });
  // -0 keeps the sign of an amount under one major unit (-0.50).
  return format
    .formatToParts(negative ? -major || -0 : major)
    .map((part) => (part.type === 'fraction' ? fraction : part.value))
    .join('');
}

/** A count or other whole number, grouped as the locale groups it. */
export const formatCount = (n: number, locale: string): string => numberFormat(locale, {}).format(n);

/**
 * A calendar date (`2026-11-20`, as the book keeps dates) in the locale's medium style:
 * `Nov 20, 2026`, `2026年11月20日`. It is a day, not an instant: no time zone moves it.
 */
export function formatDate(isoDate: string, locale: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(day);
}

/**
 * A quantity in thousandths (as the book keeps it) in the locale, without trailing zeros:
 * `2500` → `2.5`, `1234000` → `1,234`. Integer arithmetic; Intl only groups the whole part.
 */
export function formatQuantity(milli: number, locale: string): string {
  if (!Number.isSafeInteger(milli)) throw new RangeError(`a quantity in thousandths must be an integer: ${milli}`);
  const whole = Math.trunc(Math.abs(milli) / 1000);
  const fraction = String(Math.abs(milli) % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  const sign = milli < 0 ? '-' : '';
  const decimal =
    numberFormat(locale, {})
      .formatToParts(1.5)
      .find((p) => p.type === 'decimal')?.value ?? '.';
  return `${sign}${numberFormat(locale, {}).format(whole)}${fraction ? `${decimal}${fraction}` : ''}`;
}
