import {
  type FifoState,
  fifoIssue,
  fifoReceive,
  type IsoDate,
  type Layer,
  type Milli,
  type Minor,
  mulDiv,
  postShipmentCost,
  postStockAdjustment,
  type RoundingMode,
  repostColumns,
  TradeloopError,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { readFifo } from './fifo-layers.js';
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

/** The FIFO layers of one product in one warehouse, as core works with them. */
export function loadFifo(book: Book, productId: number, warehouseId: number): FifoState {
  return readFifo(book.driver, productId, warehouseId);
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

/**
 * Change a product-warehouse's reserved quantity. Stock is taken with a conditional update that
 * checks what is free in the same statement, so no writer can reserve a box another has taken
 * meanwhile, whatever the engine's locking; releasing is kept within bounds by the table's check.
 */
export function changeReserved(book: Book, productId: number, warehouseId: number, delta: Milli): void {
  if (delta <= 0) {
    moveBalance(book, productId, warehouseId, 0, 0, delta);
    return;
  }
  const taken = book.exec.execute(
    'update stock_balances set reserved = reserved + ? where product_id = ? and warehouse_id = ? and on_hand - reserved >= ?',
    delta,
    productId,
    warehouseId,
    delta,
  );
  if (taken.changes === 0) {
    const free = stockBalance(book, productId, warehouseId);
    throw new TradeloopError(
      'stock.short',
      `${(free.onHand - free.reserved) / 1000} free where ${delta / 1000} would be reserved: taken by another order meanwhile`,
      { hint: 'try again: the order waits for stock like any other', path: ['reserved'] },
    );
  }
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

/** One stock move as the commands state it; quantity and value are positive for goods in. */
export interface MoveInput {
  date: IsoDate;
  productId: number;
  warehouseId: number;
  qty: Milli;
  value: Minor;
  kind: MoveKind;
  document: string;
  batch?: string | undefined;
  expiry?: string | undefined;
}

function insertMove(book: Book, m: MoveInput): number {
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
 * The cost of part of what an order line shipped, in proportion to the quantity: what an invoice
 * of that part carries, when invoicing and when a repost re-values the shipments.
 *
 * @example
 * invoicedCost(1000, 1000, 3000, 'half-up') // 333
 */
export const invoicedCost = (shippedCost: Minor, qty: Milli, shippedQty: Milli, rounding: RoundingMode): Minor =>
  shippedQty <= 0 ? 0 : mulDiv(shippedCost, qty, shippedQty, rounding);

/**
 * Goods in: a FIFO layer, a stock move and the balance, together. A move dated before the latest
 * move of its product and warehouse re-values every later move (repost).
 */
export function receiveStock(book: Book, m: MoveInput): void {
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
  m: Omit<MoveInput, 'value' | 'expiry'> & { source?: string },
): { cost: Minor; moveId: number } {
  const names = book.exec.selectOne<{ sku: string; wh: string }>(
    'select p.sku as sku, w.code as wh from products p, warehouses w where p.id = ? and w.id = ?',
    m.productId,
    m.warehouseId,
  );
  const r = fifoIssue(
    loadFifo(book, m.productId, m.warehouseId),
    { qty: m.qty, ...(m.batch ? { batch: m.batch } : {}), ...(m.source ? { source: m.source } : {}) },
    {
      context: { product: names?.sku ?? String(m.productId), warehouse: names?.wh ?? String(m.warehouseId) },
      rounding: book.settings().rounding,
    },
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
 * new cost, the layers and balance are rebuilt, and the change in the cost of shipments is posted
 * as cost-of-goods adjustments, one entry per shipment date, so the journal follows the stock.
 * Moves stream from the book into typed arrays and core's repost loop; only changed rows are
 * written back. Returns the cost of `watchMove` when given.
 */
export function repostProductWarehouse(
  book: Book,
  productId: number,
  warehouseId: number,
  from: IsoDate,
  watchMove?: number,
): Minor {
  const n =
    book.exec.value<number>(
      'select count(*) from stock_moves where product_id = ? and warehouse_id = ?',
      productId,
      warehouseId,
    ) ?? 0;
  const ids = new Float64Array(n);
  const kind = new Uint8Array(n);
  const qty = new Float64Array(n);
  const value = new Float64Array(n);
  const old = new Float64Array(n);
  // What an outgoing move's change in cost must also change: 1 a shipment's cost of goods, 2 a
  // count loss's write-off, 3 the stock a transfer brought into the other warehouse.
  const follow = new Uint8Array(n);
  const dateCode = new Int32Array(n);
  const dates: string[] = [];
  const dateIndex = new Map<string, number>();
  let i = 0;
  for (const row of book.driver
    .prepare(
      'select id, date, qty, value_minor, kind from stock_moves where product_id = ? and warehouse_id = ? order by date, id',
    )
    .walk(productId, warehouseId) as Iterable<[number, string, number, number, string]>) {
    const [id, date, q, v, k] = row;
    ids[i] = id;
    kind[i] = q > 0 ? 0 : 1;
    qty[i] = Math.abs(q);
    value[i] = q > 0 ? v : 0;
    old[i] = v;
    follow[i] = k === 'issue' ? 1 : k === 'count_loss' ? 2 : k === 'transfer_out' ? 3 : 0;
    let code = dateIndex.get(date);
    if (code === undefined) {
      code = dates.length;
      dates.push(date);
      dateIndex.set(date, code);
    }
    dateCode[i] = code;
    i++;
  }
  const result = repostColumns({ kind, qty, value }, { rounding: book.settings().rounding });
  if (result.shortage) {
    const at = result.shortage.index;
    const document = book.exec.value<string>('select document from stock_moves where id = ?', ids[at]);
    throw new TradeloopError(
      'command.rejected',
      `a back-dated move leaves ${document ?? 'a later move'} on ${dates[dateCode[at] as number]} short: ${result.shortage.available / 1000} available, ${result.shortage.requested / 1000} requested`,
      { path: ['date'] },
    );
  }
  let watched = 0;
  let rewritten = false;
  const deltaByDate = new Map<number, Minor>();
  const lossByCount = new Map<string, { date: IsoDate; delta: Minor }>();
  const transfers: { document: string; date: IsoDate; cost: Minor }[] = [];
  const update = (value: Minor, id: unknown) =>
    book.exec.execute('update stock_moves set value_minor = ? where id = ?', value, id);
  const documentOf = (id: unknown) => book.exec.value<string>('select document from stock_moves where id = ?', id);
  for (let j = 0; j < n; j++) {
    if (kind[j] !== 1) continue;
    const cost = value[j] as number;
    if (ids[j] === watchMove) watched = cost;
    const delta = cost + (old[j] as number);
    if (delta === 0) continue;
    update(-cost, ids[j]);
    // The move being written now is new to every copy; only earlier moves are rewritten.
    if (ids[j] === watchMove) continue;
    rewritten = true;
    const date = dates[dateCode[j] as number] ?? '';
    if (follow[j] === 1 && date >= from) {
      deltaByDate.set(dateCode[j] as number, (deltaByDate.get(dateCode[j] as number) ?? 0) + delta);
    } else if (follow[j] === 2) {
      const document = String(documentOf(ids[j]));
      const seen = lossByCount.get(document);
      lossByCount.set(document, { date, delta: (seen?.delta ?? 0) + delta });
    } else if (follow[j] === 3) {
      transfers.push({ document: String(documentOf(ids[j])), date, cost });
    }
  }
  if (rewritten) {
    // Figures already copied elsewhere (analytics) changed in place: say so, for a full re-read.
    book.exec.execute(
      `insert into settings (key, value) values ('book.rewrites', '1')
       on conflict (key) do update set value = cast(cast(settings.value as integer) + 1 as text)`,
    );
  }
  // A count loss is written off at its cost: a new cost writes off the difference too.
  for (const [document, { date, delta }] of lossByCount) {
    writeEntry(book, {
      ...postStockAdjustment({ document, date, value: -delta }),
      memo: `Repost of count ${document}`,
    });
  }
  if (deltaByDate.size > 0) {
    // Shipment lines carry their cost for margins and commission: bring them in line with the moves.
    book.exec.execute(
      `update shipment_lines set cost_minor = -(select coalesce(sum(m.value_minor), 0) from stock_moves m
         where m.document = (select number from shipments s where s.id = shipment_lines.shipment_id)
           and m.product_id = shipment_lines.product_id and m.kind = 'issue')
       where product_id = ? and shipment_id in (select id from shipments where warehouse_id = ? and date >= ?)`,
      productId,
      warehouseId,
      from,
    );
    // Invoices carry the cost of what they invoiced (margin, commission): recompute those touched,
    // in proportion to what was shipped, as invoicing does.
    const { rounding } = book.settings();
    const costs = new Map<number, Minor>();
    for (const l of book.exec.select<{ invoice_id: number; qty: Milli; shipped_qty: Milli; shipped_cost: Minor }>(
      `select il.invoice_id, il.qty, ol.shipped_qty,
         (select coalesce(sum(sl.cost_minor), 0) from shipment_lines sl where sl.order_line_id = il.order_line_id) as shipped_cost
       from invoice_lines il join sales_order_lines ol on ol.id = il.order_line_id
       join invoices i on i.id = il.invoice_id
       where i.kind = 'sales' and il.invoice_id in (
         select il2.invoice_id from invoice_lines il2 join sales_order_lines ol2 on ol2.id = il2.order_line_id
         join sales_orders o on o.id = ol2.order_id where ol2.product_id = ? and o.warehouse_id = ?)`,
      productId,
      warehouseId,
    )) {
      const cost = invoicedCost(l.shipped_cost, l.qty, l.shipped_qty, rounding);
      costs.set(l.invoice_id, (costs.get(l.invoice_id) ?? 0) + cost);
    }
    for (const [id, cost] of costs) book.exec.execute('update invoices set cost_minor = ? where id = ?', cost, id);
    for (const [code, delta] of deltaByDate) {
      if (delta === 0) continue;
      const date = dates[code] as string;
      writeEntry(book, {
        ...postShipmentCost({ document: `REPOST-${date}`, date, cost: delta }),
        memo: `Repost of shipments on ${date}`,
      });
    }
  }
  const layers: Layer[] = [];
  if (result.remaining.move.length > 0) {
    const meta = (id: unknown) =>
      book.exec.selectOne<{ date: string; document: string; batch: string | null; expiry: string | null }>(
        'select date, document, batch, expiry from stock_moves where id = ?',
        id,
      );
    for (let k = 0; k < result.remaining.move.length; k++) {
      const m = meta(ids[result.remaining.move[k] as number]) as {
        date: string;
        document: string;
        batch: string | null;
        expiry: string | null;
      };
      layers.push({
        qty: result.remaining.qty[k] as number,
        value: result.remaining.value[k] as number,
        date: m.date,
        source: m.document,
        ...(m.batch ? { batch: m.batch } : {}),
        ...(m.expiry ? { expiry: m.expiry } : {}),
      });
    }
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
  // What a transfer took out at a new cost came into the other warehouse at that cost: re-value it
  // there, and repost that warehouse from the transfer on.
  for (const t of transfers) {
    const [into] = book.exec.select<{ id: number; warehouse_id: number }>(
      "select id, warehouse_id from stock_moves where document = ? and product_id = ? and kind = 'transfer_in'",
      t.document,
      productId,
    );
    if (!into) continue;
    book.exec.execute('update stock_moves set value_minor = ? where id = ?', t.cost, into.id);
    book.exec.execute(
      `update transfer_lines set value_minor = ?
       where product_id = ? and transfer_id = (select id from transfers where number = ?)`,
      t.cost,
      productId,
      t.document,
    );
    repostProductWarehouse(book, productId, into.warehouse_id, t.date);
  }
  return watched;
}
