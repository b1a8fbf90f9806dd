import { type Minor, parseMoney, TradeloopError } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';

/**
 * A typed figure read by core's rules, or a refusal naming the field (`input.invalid`), for the
 * page to show in place.
 *
 * @example
 * read('qty.1', parseQuantity('ten')) // throws TradeloopError input.invalid "qty.1: …"
 */
export function read<T>(
  field: string,
  r: { ok: true; value: T } | { ok: false; issues: readonly { message: string }[] },
): T {
  if (r.ok) return r.value;
  throw new TradeloopError('input.invalid', `${field}: ${r.issues[0]?.message}`, { path: [field] });
}

/**
 * An amount typed in major units (`12.50`, `1,234`), read as the CLI reads money in the book's
 * precision and rounding: minor units, or a refusal naming the field.
 *
 * @example
 * moneyField(book, 'price', '78.00') // 7800
 */
export const moneyField = (book: Pick<Book, 'moneyOptions'>, field: string, text: string): Minor =>
  read(field, parseMoney(text, book.moneyOptions()));
