import { entry, type IsoDate, type Milli, type Minor } from '@tradeloop/core';
import type { Book } from './book.js';
import { writeEntry } from './journal.js';
import { idOf } from './master-data.js';
import { receiveStock } from './stock-ledger.js';

/**
 * Opening stock when a company starts on tradeloop: FIFO layers at the given cost, stock moves,
 * and one entry, inventory against paid-in capital.
 *
 * @example
 * postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 5000, value: 56000, date: '2026-03-01' }])
 */
export function postOpeningStock(
  book: Book,
  lines: readonly {
    sku: string;
    warehouse: string;
    qty: Milli;
    value: Minor;
    date: IsoDate;
    batch?: string;
    expiry?: IsoDate;
  }[],
): { lines: number; value: Minor } {
  return book.command('postOpeningStock', () => {
    let total = 0;
    const byDate = new Map<IsoDate, Minor>();
    for (const l of lines) {
      receiveStock(book, {
        date: l.date,
        productId: idOf(book, 'products', l.sku, 'product'),
        warehouseId: idOf(book, 'warehouses', l.warehouse, 'warehouse'),
        qty: l.qty,
        value: l.value,
        kind: 'opening',
        document: 'OPENING',
        ...(l.batch ? { batch: l.batch } : {}),
        ...(l.expiry ? { expiry: l.expiry } : {}),
      });
      total += l.value;
      byDate.set(l.date, (byDate.get(l.date) ?? 0) + l.value);
    }
    for (const [date, value] of byDate) {
      writeEntry(
        book,
        entry(date, 'Opening stock', { kind: 'opening_stock', document: 'OPENING' }, [
          ['1405', value],
          ['4001', -value],
        ]),
      );
    }
    return { value: { lines: lines.length, value: total }, after: { lines: lines.length, value: total } };
  });
}
