import { countDifferences, type IsoDate, type Milli, TradeloopError } from '@tradeloop/core';
import type { Book } from './book.js';

/** A warehouse as a picker offers it. */
export interface WarehouseChoice {
  code: string;
  name: string;
}

/** The warehouses, by code: what the stock screens pick from. */
export function warehouseChoices(book: Book): WarehouseChoice[] {
  book.requirePermission('book.read');
  return book.exec.select<WarehouseChoice>('select code, name from warehouses order by code');
}

/** A product's stock in one warehouse: what is there, what orders hold, what is free to move. */
export interface FreeStock {
  sku: string;
  name: string;
  uom: string;
  onHand: Milli;
  reserved: Milli;
  free: Milli;
}

/**
 * What each product has in a warehouse and how much of it is free (on hand less reserved): what a
 * transfer out of it may take. Empty for a warehouse that is not there.
 *
 * @example
 * freeStock(book, 'WH1') // [{ sku: 'TEA-001', onHand: 10000, reserved: 2000, free: 8000, … }]
 */
export function freeStock(book: Book, warehouse: string): FreeStock[] {
  book.requirePermission('book.read');
  return book.exec.select<FreeStock>(
    `select p.sku, p.name, p.uom, b.on_hand as onHand, b.reserved, b.on_hand - b.reserved as free
     from stock_balances b join products p on p.id = b.product_id join warehouses w on w.id = b.warehouse_id
     where w.code = ? and (b.on_hand <> 0 or b.reserved <> 0) order by p.sku`,
    warehouse,
  );
}

/** A stock count in the list of counts. */
export interface StockCountSummary {
  number: string;
  warehouse: string;
  started: IsoDate;
  posted: IsoDate | null;
  status: 'counting' | 'posted';
  lines: number;
  counted: number;
}

/** Every stock count, newest first, with how many of its lines are counted. */
export function stockCounts(book: Book): StockCountSummary[] {
  book.requirePermission('book.read');
  return book.exec.select<StockCountSummary>(
    `select c.number, w.code as warehouse, c.started, c.posted, c.status,
       (select count(*) from stock_count_lines l where l.count_id = c.id) as lines,
       (select count(*) from stock_count_lines l where l.count_id = c.id and l.counted_qty is not null) as counted
     from stock_counts c join warehouses w on w.id = c.warehouse_id order by c.id desc`,
  );
}

/** One line of a count sheet: the book quantity frozen at the start, what was counted, the difference. */
export interface CountSheetLine {
  sku: string;
  name: string;
  uom: string;
  book: Milli;
  counted: Milli | null;
  /** Counted − book (core `countDifferences`); 0 while not counted. */
  difference: Milli;
}

export interface CountSheet {
  number: string;
  warehouse: WarehouseChoice;
  started: IsoDate;
  posted: IsoDate | null;
  status: 'counting' | 'posted';
  lines: CountSheetLine[];
}

/**
 * A stock count as its sheet shows it: one line per product, with the difference posting would
 * book (gains and losses in quantity; their value is the post's to find, at current cost).
 *
 * @example
 * stockCountSheet(book, 'CNT-2026-000001').lines.filter((l) => l.difference !== 0)
 */
export function stockCountSheet(book: Book, number: string): CountSheet {
  book.requirePermission('book.read');
  const count = book.exec.selectOne<{
    id: number;
    code: string;
    name: string;
    started: string;
    posted: string | null;
    status: 'counting' | 'posted';
  }>(
    `select c.id, w.code, w.name, c.started, c.posted, c.status
     from stock_counts c join warehouses w on w.id = c.warehouse_id where c.number = ?`,
    number,
  );
  if (!count) throw new TradeloopError('count.not_found', `no stock count ${number}`, { path: ['number'] });
  const rows = book.exec.select<{ sku: string; name: string; uom: string; book: number; counted: number | null }>(
    `select p.sku, p.name, p.uom, l.book_qty as book, l.counted_qty as counted
     from stock_count_lines l join products p on p.id = l.product_id where l.count_id = ? order by p.sku`,
    count.id,
  );
  const differences = new Map(
    countDifferences(
      rows.map((r) => ({ product: r.sku, warehouse: count.code, qty: r.book })),
      rows
        .filter((r) => r.counted !== null)
        .map((r) => ({ product: r.sku, warehouse: count.code, qty: r.counted as number })),
    ).map((d) => [d.product, d.difference]),
  );
  return {
    number,
    warehouse: { code: count.code, name: count.name },
    started: count.started as IsoDate,
    posted: count.posted as IsoDate | null,
    status: count.status,
    lines: rows.map((r) => ({ ...r, difference: differences.get(r.sku) ?? 0 })),
  };
}
