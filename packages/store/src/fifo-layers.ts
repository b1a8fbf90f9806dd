import type { FifoState } from '@tradeloop/core';
import type { Driver } from './driver.js';

/** The FIFO layers of one product in one warehouse, as core works with them. */
export function readFifo(db: Driver, productId: number, warehouseId: number): FifoState {
  const rows = db.all<{
    date: string;
    source: string;
    batch: string | null;
    expiry: string | null;
    qty: number;
    value_minor: number;
  }>(
    'select id, date, source, batch, expiry, qty, value_minor from fifo_layers where product_id = ? and warehouse_id = ? order by date, id',
    [productId, warehouseId],
  );
  return {
    layers: rows.map((r) => ({
      qty: r.qty,
      value: r.value_minor,
      date: r.date,
      source: r.source,
      ...(r.batch ? { batch: r.batch } : {}),
      ...(r.expiry ? { expiry: r.expiry } : {}),
    })),
    deficit: null,
    lastRate: null,
  };
}
