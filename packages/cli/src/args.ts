import {
  type IsoDate,
  type Milli,
  type Minor,
  type MoneyOptions,
  parseDate,
  parseMoney,
  parseQuantity,
  TradeloopError,
} from '@tradeloop/core';

/** Command-line values are parsed with core's rules; a bad one is a usage error naming the flag. */
function usage(flag: string, value: string, message: string): TradeloopError {
  return new TradeloopError('usage.value', `${flag} ${JSON.stringify(value)}: ${message}`, {
    hint: 'run the command with --help for the expected form',
  });
}

export function dateArg(flag: string, value: string): IsoDate {
  const r = parseDate(value);
  if (!r.ok) throw usage(flag, value, r.issues[0]?.message ?? 'is not a date');
  return r.value;
}

export function qtyArg(flag: string, value: string): Milli {
  const r = parseQuantity(value);
  if (!r.ok || r.value <= 0) throw usage(flag, value, 'must be a positive quantity like 12 or 2.5');
  return r.value;
}

/** A count like `1000000` or `1,000,000`. */
export function countArg(flag: string, value: string): number {
  const n = Number(value.replaceAll(/[,_]/g, ''));
  if (!/^[\d,_]+$/.test(value) || !Number.isSafeInteger(n))
    throw usage(flag, value, 'must be a whole number like 1000000');
  return n;
}

export function moneyArg(flag: string, value: string, money: MoneyOptions): Minor {
  const r = parseMoney(value, money);
  if (!r.ok) throw usage(flag, value, r.issues[0]?.message ?? 'is not an amount');
  return r.value;
}

/** `SKU:QTY` or `SKU:QTY@PRICE`, for order and transfer lines. */
export function skuLine(value: string, money: MoneyOptions): { sku: string; qty: Milli; price?: Minor } {
  const m = /^([^:@\s]+):([^@\s]+)(?:@(\S+))?$/.exec(value.trim());
  if (!m) throw usage('--line', value, 'must be SKU:QTY or SKU:QTY@PRICE, like TEA-001:12 or TEA-001:12@180');
  return {
    sku: m[1] as string,
    qty: qtyArg('--line', m[2] as string),
    ...(m[3] ? { price: moneyArg('--line', m[3], money) } : {}),
  };
}

/** `LINE:QTY` for partial shipments, receipts and returns; receipts may add `:BATCH:EXPIRY`. */
export function numberedLine(value: string): { lineNo: number; qty: Milli; batch?: string; expiry?: IsoDate } {
  const m = /^(\d+):([^:\s]+)(?::([^:\s]+))?(?::(\S+))?$/.exec(value.trim());
  if (!m) throw usage('--line', value, 'must be LINE:QTY (e.g. 1:5), or LINE:QTY:BATCH:EXPIRY on a receipt');
  return {
    lineNo: Number(m[1]),
    qty: qtyArg('--line', m[2] as string),
    ...(m[3] ? { batch: m[3] } : {}),
    ...(m[4] ? { expiry: dateArg('--line', m[4]) } : {}),
  };
}
