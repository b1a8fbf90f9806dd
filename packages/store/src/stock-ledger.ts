import {
  type FifoState,
  fifoIssue,
  fifoReceive,
  type IsoDate,
  type Layer,
  type Milli,
  type Minor,
  postShipmentCost,
  repostMoves,
  TradeloopError,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { writeEntry } from './journal.js';

export type MoveKind =
  | 'receipt'
  | 'issue'
  | 'transfer_in'
  | 'transfer_out'
  | 'count_gain'
  | 'count_loss'
  | 'return_in'
  | 'return_out'
  | 'opening';

interface LayerRow {
  id: number;
  date: string;
  source: string;
  batch: string | null;
  expiry: string | null;
  qty: number;
  value_minor: number;
}

/** The FIFO layers of one product in one warehouse, as core works with them. */
export function loadFifo(book: Book, productId: number, warehouseId: number): FifoState {
  const rows = book.exec.select<LayerRow>(
    'select id, date, source, batch, expiry, qty, value_minor from fifo_layers where product_id = ? and warehouse_id = ? order by date, id',
    productId,
    warehouseId,
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

function saveLayers(book: Book, productId: number, warehouseId: number, layers: readonly Layer[]): void {
  book.exec.execute('delete from fifo_layers where product_id = ? and warehouse_id = ?', productId, warehouseId);
  for (const l of layers) {
    book.exec.execute(
      'insert into fifo_layers (product_id, warehouse_id, date, source, batch, expiry, qty, value_minor) values (?, ?, ?, ?, ?, ?, ?, ?)',
      productId,
      warehouseId,
      l.date,
      l.source,
      l.batch ?? null,
      l.expiry ?? null,
      l.qty,
      l.value,
    );
  }
}

function moveBalance(book: Book, productId: number, warehouseId: number, qty: Milli, value: Minor, reserved = 0): void {
  // Update first: a negative delta in an insert's values would trip the table's checks.
  const r = book.exec.execute(
    'update stock_balances set on_hand = on_hand + ?, reserved = reserved + ?, value_minor = value_minor + ? where product_id = ? and warehouse_id = ?',
    qty,
    reserved,
    value,
    productId,
    warehouseId,
  );
  if (r.changes === 0) {
    book.exec.execute(
      'insert into stock_balances (product_id, warehouse_id, on_hand, reserved, value_minor) values (?, ?, ?, ?, ?)',
      productId,
      warehouseId,
      qty,
      reserved,
      value,
    );
  }
}

/** Change a product-warehouse's reserved quantity; the book's check keeps it within bounds. */
export function changeReserved(book: Book, productId: number, warehouseId: number, delta: Milli): void {
  moveBalance(book, productId, warehouseId, 0, 0, delta);
}

export interface Balance {
  onHand: Milli;
  reserved: Milli;
  value: Minor;
}

export function stockBalance(book: Book, productId: number, warehouseId: number): Balance {
  const row = book.exec.selectOne<{ on_hand: number; reserved: number; value_minor: number }>(
    'select on_hand, reserved, value_minor from stock_balances where product_id = ? and warehouse_id = ?',
    productId,
    warehouseId,
  );
  return { onHand: row?.on_hand ?? 0, reserved: row?.reserved ?? 0, value: row?.value_minor ?? 0 };
}

function insertMove(
  book: Book,
  m: {
    date: IsoDate;
    productId: number;
    warehouseId: number;
    qty: Milli;
    value: Minor;
    kind: MoveKind;
    document: string;
    batch?: string | undefined;
    expiry?: string | undefined;
  },
): number {
  return Number(
    book.exec.execute(
      'insert into stock_moves (date, product_id, warehouse_id, qty, value_minor, kind, document, batch, expiry) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      m.date,
      m.productId,
      m.warehouseId,
      m.qty,
      m.value,
      m.kind,
      m.document,
      m.batch ?? null,
      m.expiry ?? null,
    ).lastInsertRowid,
  );
}

const latestMoveDate = (book: Book, productId: number, warehouseId: number) =>
  book.exec.value<string>(
    'select max(date) from stock_moves where product_id = ? and warehouse_id = ?',
    productId,
    warehouseId,
  );

/**
 * Goods in: a FIFO layer, a stock move and the balance, together. A move dated before the latest
 * move of its product and warehouse re-values every later move (repost).
 */
export function receiveStock(
  book: Book,
  m: {
    date: IsoDate;
    productId: number;
    warehouseId: number;
    qty: Milli;
    value: Minor;
    kind: MoveKind;
    document: string;
    batch?: string;
    expiry?: string;
  },
): void {
  const backdated = (latestMoveDate(book, m.productId, m.warehouseId) ?? '') > m.date;
  insertMove(book, m);
  if (backdated) {
    repostProductWarehouse(book, m.productId, m.warehouseId, m.date);
    return;
  }
  const { state } = fifoReceive(loadFifo(book, m.productId, m.warehouseId), {
    qty: m.qty,
    value: m.value,
    date: m.date,
    source: m.document,
    ...(m.batch ? { batch: m.batch } : {}),
    ...(m.expiry ? { expiry: m.expiry } : {}),
  });
  saveLayers(book, m.productId, m.warehouseId, state.layers);
  moveBalance(book, m.productId, m.warehouseId, m.qty, m.value);
}

/**
 * Goods out at FIFO cost: layers consumed, a stock move at that cost, the balance. Refused when
 * stock is short (`stock.negative` names product, warehouse, available and requested).
 */
export function issueStock(
  book: Book,
  m: {
    date: IsoDate;
    productId: number;
    warehouseId: number;
    qty: Milli;
    kind: MoveKind;
    document: string;
    batch?: string;
    source?: string;
  },
): { cost: Minor; moveId: number } {
  const names = book.exec.selectOne<{ sku: string; wh: string }>(
    'select p.sku as sku, w.code as wh from products p, warehouses w where p.id = ? and w.id = ?',
    m.productId,
    m.warehouseId,
  );
  const r = fifoIssue(
    loadFifo(book, m.productId, m.warehouseId),
    { qty: m.qty, ...(m.batch ? { batch: m.batch } : {}), ...(m.source ? { source: m.source } : {}) },
    { context: { product: names?.sku ?? String(m.productId), warehouse: names?.wh ?? String(m.warehouseId) } },
  );
  if (!r.ok) {
    throw new TradeloopError('command.rejected', r.issues[0]?.message ?? 'not enough stock', {
      issues: r.issues,
      path: ['qty'],
    });
  }
  const backdated = (latestMoveDate(book, m.productId, m.warehouseId) ?? '') > m.date;
  const moveId = insertMove(book, { ...m, qty: -m.qty, value: -r.value.cost });
  if (backdated) {
    const cost = repostProductWarehouse(book, m.productId, m.warehouseId, m.date, moveId);
    return { cost, moveId };
  }
  saveLayers(book, m.productId, m.warehouseId, r.value.state.layers);
  moveBalance(book, m.productId, m.warehouseId, -m.qty, -r.value.cost);
  return { cost: r.value.cost, moveId };
}

/**
 * Re-value every move of a product in a warehouse with FIFO, in date order: issue moves get their
 * new cost, the layers and balance are rebuilt, and every change in the cost of a shipment is
 * posted as a cost-of-goods adjustment on the shipment's date, so the journal follows the stock.
 * Returns the cost of `watchMove` when given.
 */
export function repostProductWarehouse(
  book: Book,
  productId: number,
  warehouseId: number,
  from: IsoDate,
  watchMove?: number,
): Minor {
  const moves = book.exec.select<{
    id: number;
    date: string;
    qty: number;
    value_minor: number;
    kind: string;
    document: string;
    batch: string | null;
    expiry: string | null;
  }>(
    'select id, date, qty, value_minor, kind, document, batch, expiry from stock_moves where product_id = ? and warehouse_id = ? order by date, id',
    productId,
    warehouseId,
  );
  const result = repostMoves(
    moves.map((m) => ({
      date: m.date,
      seq: m.id,
      kind: m.qty > 0 ? ('in' as const) : ('out' as const),
      qty: Math.abs(m.qty),
      value: m.value_minor,
    })),
  );
  if (result.shortage) {
    const m = moves[result.shortage.index];
    throw new TradeloopError(
      'command.rejected',
      `a back-dated move leaves ${m?.document ?? 'a later move'} on ${m?.date ?? '?'} short: ${result.shortage.available / 1000} available, ${result.shortage.requested / 1000} requested`,
      { path: ['date'] },
    );
  }
  let watched = 0;
  moves.forEach((m, i) => {
    if (m.qty >= 0) return;
    const cost = result.values[i] ?? 0;
    if (m.id === watchMove) watched = cost;
    if (-m.value_minor === cost) return;
    book.exec.execute('update stock_moves set value_minor = ? where id = ?', -cost, m.id);
    if (m.kind === 'issue' && m.date >= from && m.id !== watchMove) {
      const delta = cost + m.value_minor;
      book.exec.execute(
        `update shipment_lines set cost_minor = cost_minor + ? where id = (
           select sl.id from shipment_lines sl join shipments s on s.id = sl.shipment_id
           where s.number = ? and sl.product_id = ? order by sl.id limit 1)`,
        delta,
        m.document,
        productId,
      );
      writeEntry(book, {
        ...postShipmentCost({ document: m.document, date: m.date, cost: delta }),
        memo: `Repost of ${m.document}`,
      });
    }
  });
  const layers: Layer[] = [];
  for (let i = 0; i < result.remaining.move.length; i++) {
    const m = moves[result.remaining.move[i] as number];
    if (!m) continue;
    layers.push({
      qty: result.remaining.qty[i] as number,
      value: result.remaining.value[i] as number,
      date: m.date,
      source: m.document,
      ...(m.batch ? { batch: m.batch } : {}),
      ...(m.expiry ? { expiry: m.expiry } : {}),
    });
  }
  saveLayers(book, productId, warehouseId, layers);
  const updated = book.exec.execute(
    'update stock_balances set on_hand = ?, value_minor = ? where product_id = ? and warehouse_id = ?',
    result.closingQty,
    result.closingValue,
    productId,
    warehouseId,
  );
  if (updated.changes === 0) moveBalance(book, productId, warehouseId, result.closingQty, result.closingValue);
  return watched;
}
