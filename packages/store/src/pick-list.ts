import {
  type IsoDate,
  type Issue,
  type Milli,
  type Pick,
  pickList,
  type StockLot,
  TradeloopError,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { loadOrder } from './sales.js';
import { requireOrderInScope } from './scope.js';

/** One order line on the pick list: what is left to pick, and from where. */
export interface PickLine {
  lineNo: number;
  sku: string;
  name: string;
  uom: string;
  /** Reserved for the line and not shipped yet: what the picker takes. */
  qty: Milli;
  /** FEFO for an expiry-tracked product, FIFO otherwise. */
  strategy: 'fifo' | 'fefo';
  picks: Pick[];
  /** Why the line cannot be picked in full (`stock.short`), when it cannot. */
  issue: Issue | null;
}

export interface PickListView {
  number: string;
  date: IsoDate;
  warehouse: { code: string; name: string };
  customer: { code: string; name: string };
  today: IsoDate;
  lines: PickLine[];
}

/**
 * The pick list of a sales order: for each line's reserved, unshipped quantity, the batches of the
 * order's warehouse to take it from (core `pickList`: first expiry first out for expiry-tracked
 * products, skipping expired stock; oldest receipt first otherwise). Stock is kept per warehouse,
 * not per bin, so each lot's place is the warehouse itself. Read as the acting user may see the order.
 *
 * @example
 * pickListFor(book, 'SO-2026-000001').lines[0].picks // [{ bin: 'WH1', batch: 'L0212', expiry: '2026-04-30', qty: 2000 }]
 */
export function pickListFor(book: Book, orderNumber: string): PickListView {
  book.requirePermission('book.read');
  if (book.exec.value<number>('select id from sales_orders where number = ?', orderNumber) === undefined)
    throw new TradeloopError('order.not_found', `no sales order ${orderNumber}`, { path: ['number'] });
  const { order, lines } = loadOrder(book, orderNumber);
  requireOrderInScope(book, order, 'see');
  const warehouse = book.exec.selectOne<{ code: string; name: string }>(
    'select code, name from warehouses where id = ?',
    order.warehouse_id,
  ) ?? { code: '', name: '' };
  const customer = book.exec.selectOne<{ code: string; name: string }>(
    'select code, name from customers where id = ?',
    order.customer_id,
  ) ?? { code: '', name: '' };
  const today = book.today();
  const out: PickLine[] = [];
  for (const l of lines) {
    const qty = l.reserved_qty - l.shipped_qty;
    if (qty <= 0) continue;
    const product = book.exec.selectOne<{ sku: string; name: string; uom: string; expiry_tracked: number }>(
      'select sku, name, uom, expiry_tracked from products where id = ?',
      l.product_id,
    );
    const lots = book.exec
      .select<{ batch: string | null; expiry: string | null; date: string; qty: number }>(
        `select batch, expiry, date, sum(qty) as qty from fifo_layers
         where product_id = ? and warehouse_id = ? and qty > 0
         group by batch, expiry, date order by date, min(id)`,
        l.product_id,
        order.warehouse_id,
      )
      .map(
        (r): StockLot => ({
          bin: warehouse.code,
          ...(r.batch ? { batch: r.batch } : {}),
          ...(r.expiry ? { expiry: r.expiry as IsoDate } : {}),
          received: r.date as IsoDate,
          qty: r.qty,
        }),
      );
    const strategy = product?.expiry_tracked ? 'fefo' : 'fifo';
    const picked = pickList(lots, qty, { strategy, today });
    out.push({
      lineNo: l.line_no,
      sku: product?.sku ?? '',
      name: product?.name ?? '',
      uom: product?.uom ?? '',
      qty,
      strategy,
      picks: picked.ok ? picked.value : [],
      issue: picked.ok ? null : (picked.issues[0] ?? null),
    });
  }
  return {
    number: order.number,
    date: order.order_date as IsoDate,
    warehouse,
    customer,
    today,
    lines: out,
  };
}
