import { formatMoney, formatQuantity } from '@tradeloop/core';
import { emit } from './output.js';

/** Print a command's result: a short text line for people, or the result as JSON for scripts. */
export function printResult(format: string | undefined, result: unknown, text: (r: never) => string): void {
  emit(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : `${text(result as never)}\n`, undefined);
}

/** An amount as people read it, in the book's currency precision (`book.settings().precision`). */
export const money = (n: number, precision: number) => formatMoney(n, { precision, grouping: true });
export const qty = (n: number) => formatQuantity(n);
