import {
  type IsoDate,
  isTimeZone,
  type Milli,
  type Minor,
  type MoneyOptions,
  type PeriodSpec,
  parseDate,
  parseMoney,
  parsePeriod,
  parseQuantity,
  type Result,
  TradeloopError,
} from '@tradeloop/core';

/**
 * The rules command-line values keep, each with core's parser behind it: a value is read into
 * what the command needs, or refused with what the rule asks for. Options schemas are built from
 * these (see options.ts); a refusal becomes a usage error naming the flag and the value.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };
export type Rule<T> = (value: string) => Checked<T>;

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const no = (message: string): Checked<never> => ({ ok: false, message });
const fromResult = <T>(r: Result<T>, fallback: string): Checked<T> =>
  r.ok ? ok(r.value) : no(r.issues[0]?.message ?? fallback);

export const dateRule: Rule<IsoDate> = (v) => fromResult(parseDate(v), 'is not a date');

export const qtyRule: Rule<Milli> = (v) => {
  const r = parseQuantity(v);
  return r.ok && r.value > 0 ? ok(r.value) : no('must be a positive quantity like 12 or 2.5');
};

/** A counted quantity: zero is a real count (the shelf is empty); negative is refused. */
export const countedQtyRule: Rule<Milli> = (v) => {
  const r = parseQuantity(v);
  return r.ok && r.value >= 0 ? ok(r.value) : no('must be a quantity of zero or more like 0, 12 or 2.5');
};

/** `SKU:QTY` of a stock count, where 0 is allowed. */
export const countLineRule: Rule<{ sku: string; qty: Milli }> = (v) => {
  const m = /^([^:@\s]+):(\S+)$/.exec(v.trim());
  if (!m) return no('must be SKU:QTY, like TEA-001:12 or TEA-001:0');
  const qty = countedQtyRule(m[2] as string);
  return qty.ok ? ok({ sku: m[1] as string, qty: qty.value }) : qty;
};

/** A count like `1000000` or `1,000,000`. */
export const countRule: Rule<number> = (v) => {
  const n = Number(v.replaceAll(/[,_]/g, ''));
  return /^[\d,_]+$/.test(v) && Number.isSafeInteger(n) ? ok(n) : no('must be a whole number like 1000000');
};

/** A whole number within bounds: a limit, a number of days, a port. */
export const wholeRule =
  (min: number, max?: number): Rule<number> =>
  (v) => {
    const n = Number(v.trim());
    const fits = /^\d+$/.test(v.trim()) && Number.isSafeInteger(n) && n >= min && (max === undefined || n <= max);
    if (fits) return ok(n);
    return no(max === undefined ? `must be a whole number ≥ ${min}` : `must be a whole number from ${min} to ${max}`);
  };

/** A plain decimal number of at least zero, like a scale factor: `0.5`, `2`. */
export const decimalRule: Rule<number> = (v) =>
  /^\d+(\.\d+)?$/.test(v.trim()) ? ok(Number(v.trim())) : no('must be a number ≥ 0 like 0.5 or 2');

export const moneyRule =
  (money: MoneyOptions): Rule<Minor> =>
  (v) =>
    fromResult(parseMoney(v, money), 'is not an amount');

/** A period in hledger's style; an open `from` runs to today's. */
export const periodRule =
  (today: IsoDate): Rule<PeriodSpec> =>
  (v) =>
    fromResult(parsePeriod(v, { today }), 'is not a period');

/** Aging bucket bounds in days, rising: `30,60,90`. */
export const bucketsRule: Rule<number[]> = (v) => {
  const days = v.split(',').map((b) => b.trim());
  const n = days.map(Number);
  const fits = days.every((d) => /^\d+$/.test(d)) && n.every((d, i) => d > 0 && (i === 0 || d > (n[i - 1] as number)));
  return fits ? ok(n) : no('must be whole days in rising order, like 30,60,90');
};

export const chartRule: Rule<string> = (v) =>
  /\.(svg|png)$/i.test(v) ? ok(v) : no('charts are .svg or .png files (the file name says which)');

export const timeZoneRule: Rule<string> = (v) => (isTimeZone(v) ? ok(v) : no('must be a time zone like Asia/Shanghai'));

export const currencyRule: Rule<string> = (v) =>
  /^[A-Za-z]{3}$/.test(v) ? ok(v.toUpperCase()) : no('must be a three-letter currency code like CNY');

/** `SKU:QTY` or `SKU:QTY@PRICE`, for order and transfer lines. */
export const skuLineRule =
  (money: MoneyOptions): Rule<{ sku: string; qty: Milli; price?: Minor }> =>
  (v) => {
    const m = /^([^:@\s]+):([^@\s]+)(?:@(\S+))?$/.exec(v.trim());
    if (!m) return no('must be SKU:QTY or SKU:QTY@PRICE, like TEA-001:12 or TEA-001:12@180');
    const qty = qtyRule(m[2] as string);
    if (!qty.ok) return qty;
    if (!m[3]) return ok({ sku: m[1] as string, qty: qty.value });
    const price = moneyRule(money)(m[3]);
    return price.ok ? ok({ sku: m[1] as string, qty: qty.value, price: price.value }) : price;
  };

/** `LINE:QTY` for partial shipments, receipts and returns; receipts may add `:BATCH:EXPIRY`. */
export const numberedLineRule: Rule<{ lineNo: number; qty: Milli; batch?: string; expiry?: IsoDate }> = (v) => {
  const m = /^(\d+):([^:\s]+)(?::([^:\s]+))?(?::(\S+))?$/.exec(v.trim());
  if (!m) return no('must be LINE:QTY (e.g. 1:5), or LINE:QTY:BATCH:EXPIRY on a receipt');
  const qty = qtyRule(m[2] as string);
  if (!qty.ok) return qty;
  const expiry = m[4] ? dateRule(m[4]) : undefined;
  if (expiry && !expiry.ok) return expiry;
  return ok({
    lineNo: Number(m[1]),
    qty: qty.value,
    ...(m[3] ? { batch: m[3] } : {}),
    ...(expiry?.ok ? { expiry: expiry.value } : {}),
  });
};

/** A refused value as the usage error every command gives: flag, value, rule (exit 2). */
export function usageError(flag: string, value: unknown, message: string): TradeloopError {
  const shown = value === undefined ? '' : ` ${JSON.stringify(value)}`;
  return new TradeloopError('usage.value', `${flag}${shown}: ${message}`, {
    hint: 'run the command with --help for the expected form',
  });
}
