import {
  addDays,
  type FifoIssuer,
  type FifoState,
  fifoIssuer,
  formatQuantity,
  historyLineAmounts,
  type IsoDate,
  type Issue,
  type Layer,
  type Milli,
  type Minor,
  type RoundingMode,
} from '@tradeloop/core';
import type { Driver, Prepared } from './driver.js';
import { readFifo } from './fifo-layers.js';

/** One line of a historical, completed sale; `row` is where it came from, for messages. */
export interface HistoryLine {
  row: number;
  order: string;
  date: IsoDate;
  customer: string;
  salesperson: string | null;
  warehouse: string;
  sku: string;
  qty: Milli;
  /** Shown on the line; counts only when the line has no amount (net = qty × unit price). */
  unitPrice: Minor | null;
  /** The line's net as the source system wrote it, already rounded to the currency. */
  amount?: Minor | null;
  /** VAT as the source wrote it; else the rate on the net. */
  tax?: Minor | null;
  /** Money off the list price, already taken from the amount. */
  discount?: Minor | null;
  taxRate: number | null;
  paidDate: IsoDate | null;
  /** Ship-to region, address and channel: the order's, the same on each of its lines. */
  region?: string | null;
  address?: string | null;
  channel?: string | null;
}

export interface HistorySummary {
  orders: number;
  lines: number;
  net: Minor;
  tax: Minor;
  cost: Minor;
  paid: Minor;
  /** Orders of the file already in the book with the same lines: left as they are. */
  unchanged: number;
}

/** Each order of the file as it is settled, at its first row: posted (or to be) or already in the book. */
export interface HistoryOrderEvent {
  row: number;
  order: string;
  status: 'new' | 'unchanged';
}

/** The tables an import of history writes row by row, in the order their rows must reach the book. */
export const HISTORY_TABLES = [
  'order',
  'orderLine',
  'shipment',
  'shipmentLine',
  'move',
  'invoice',
  'payment',
  'allocation',
] as const;
export type HistoryTable = (typeof HISTORY_TABLES)[number];

/** Where an order's rows go: one `add` a row, values in the table's column order. */
export type HistoryRows = Record<HistoryTable, { add(...values: unknown[]): void }>;

/** A line of a new order as planned: its id, figures and FIFO cost. */
export interface PlannedLine {
  id: number;
  productId: number;
  qty: Milli;
  price: Minor;
  listPrice: Minor;
  rate: number;
  net: Minor;
  tax: Minor;
  cost: Minor;
}

/** A new order as planned, numbered and costed: everything its rows are made of (`orderRows`). */
export interface PlannedOrder {
  /** The file's row of its first line. */
  row: number;
  id: number;
  number: string;
  customerId: number;
  salespersonId: number | null;
  channel: string | null;
  region: string | null;
  address: string | null;
  date: IsoDate;
  due: IsoDate;
  paidDate: IsoDate | null;
  warehouseId: number;
  net: Minor;
  tax: Minor;
  cost: Minor;
  shipmentId: number;
  invoiceId: number;
  /** Set when the order was paid: the receipt and its allocation to the invoice. */
  paymentId: number | null;
  lines: PlannedLine[];
}

/** Where the plan's new orders go: written at once, or sent to the thread that writes them. */
export type HistorySink = (order: PlannedOrder) => void;

/**
 * The rows of a planned order: the completed order and its lines, the shipment at FIFO cost with
 * a stock move a line, the invoice, and the receipt allocated to it when it was paid.
 */
export function orderRows(o: PlannedOrder, rows: HistoryRows): void {
  const gross = o.net + o.tax;
  const shipment = `${o.number}-SH`;
  rows.order.add(
    o.id,
    o.number,
    o.customerId,
    o.salespersonId,
    o.channel,
    o.region,
    o.address,
    o.date,
    o.date,
    'credit',
    'completed',
    o.warehouseId,
    o.net,
    o.tax,
    gross,
    o.paidDate ? gross : 0,
  );
  rows.shipment.add(o.shipmentId, shipment, o.id, o.warehouseId, o.date);
  for (let i = 0; i < o.lines.length; i++) {
    const l = o.lines[i] as PlannedLine;
    rows.orderLine.add(
      l.id,
      o.id,
      i + 1,
      l.productId,
      l.qty,
      l.price,
      l.listPrice,
      l.rate,
      l.net,
      l.tax,
      l.net + l.tax,
      l.qty,
      l.qty,
      '[]',
    );
    rows.shipmentLine.add(o.shipmentId, l.id, l.productId, l.qty, l.cost);
    rows.move.add(o.date, l.productId, o.warehouseId, -l.qty, -l.cost, 'issue', shipment);
  }
  rows.invoice.add(
    o.invoiceId,
    `${o.number}-INV`,
    'sales',
    'normal',
    o.customerId,
    o.id,
    o.salespersonId,
    o.date,
    o.due,
    o.net,
    o.tax,
    gross,
    o.paidDate ? 0 : gross,
    o.cost,
  );
  if (o.paymentId !== null && o.paidDate) {
    rows.payment.add(o.paymentId, `${o.number}-RC`, 'customer', o.customerId, o.paidDate, gross, '1002', 0);
    rows.allocation.add(o.paymentId, o.invoiceId, gross, o.paidDate);
  }
}

/** The ids the import numbers its rows from (it holds the write lock). */
export interface HistoryIds {
  order: number;
  orderLine: number;
  shipment: number;
  invoice: number;
  payment: number;
}

interface ExistingOrder {
  id: number;
  date: IsoDate;
  customerId: number;
  channel: string | null;
  region: string | null;
  address: string | null;
}

/** What the plan needs to know of the book as it was before the import. */
export interface HistoryLookup {
  customer(code: string): { id: number; payment_days: number; owner_id: number | null; channel: string | null } | null;
  salesperson(code: string): { id: number } | null;
  warehouse(code: string): { id: number } | null;
  product(sku: string): { id: number; tax_rate_bp: number } | null;
  order(number: string): ExistingOrder | null;
  orderLines(orderId: number): { product_id: number; qty: Milli; net_minor: Minor; tax_minor: Minor }[];
  fifo(productId: number, warehouseId: number): FifoState;
}

/** A day's sales for the journal: one set of entries a day, receivables by customer. */
export interface HistoryDay {
  revenue: Minor;
  vat: Minor;
  cogs: Minor;
  ar: Map<string, Minor>;
}

/** Where a product's stock in a warehouse ends after the history: its layers and what left. */
export interface HistoryStock {
  productId: number;
  warehouseId: number;
  layers: readonly Layer[];
  qty: Milli;
  value: Minor;
}

/** Everything the import writes after the rows: stock, the journal, the summary; and the problems. */
export interface HistoryPlan {
  summary: HistorySummary;
  byDay: Map<IsoDate, HistoryDay>;
  paidByDay: Map<IsoDate, Map<string, Minor>>;
  stock: HistoryStock[];
  issues: Issue[];
}

/** Up to how many orders a book's order numbers are held in memory for the plan's lookups. */
const FEW_ORDERS = 50_000;

/** The plan's questions answered from a connection to the book, each code asked once. */
export function historyLookup(db: Driver): HistoryLookup {
  const prep = (sql: string) => db.prepare(sql);
  const cache =
    <T>(stmt: Prepared, map = new Map<string, T | null>()) =>
    (key: string): T | null => {
      if (!map.has(key)) map.set(key, stmt.get<T>(key) ?? null);
      return map.get(key) ?? null;
    };
  const order = prep(
    'select id, order_date, customer_id, channel, ship_region, ship_address from sales_orders where number = ?',
  );
  const lines = prep(
    'select product_id, qty, net_minor, tax_minor from sales_order_lines where order_id = ? order by line_no',
  );
  let few: Set<string> | null | undefined;
  return {
    customer: cache(prep('select c.id, c.payment_days, c.owner_id, c.channel from customers c where c.code = ?')),
    salesperson: cache(prep('select id from salespeople where code = ?')),
    warehouse: cache(prep('select id from warehouses where code = ?')),
    product: cache(prep('select id, tax_rate_bp from products where sku = ?')),
    order: (number) => {
      if (few === undefined) {
        // A book with few orders answers "not in the book" from a set of their numbers rather than
        // a query per order of the file; a book with many is asked each time.
        const count = db.get<{ n: number }>('select count(*) as n from sales_orders', [])?.n ?? 0;
        few =
          count <= FEW_ORDERS
            ? new Set(db.all<{ number: string }>('select number from sales_orders', []).map((o) => o.number))
            : null;
      }
      if (few && !few.has(number)) return null;
      const e = order.get<{
        id: number;
        order_date: IsoDate;
        customer_id: number;
        channel: string | null;
        ship_region: string | null;
        ship_address: string | null;
      }>(number);
      return e
        ? {
            id: e.id,
            date: e.order_date,
            customerId: e.customer_id,
            channel: e.channel,
            region: e.ship_region,
            address: e.ship_address,
          }
        : null;
    },
    orderLines: (id) => lines.all(id),
    fifo: (productId, warehouseId) => readFifo(db, productId, warehouseId),
  };
}

/** Fields of the order that a history file gives on each of its lines. */
const ORDER_FIELDS = ['region', 'address', 'channel'] as const;

interface Pending {
  order: string;
  row: number;
  date: IsoDate;
  customerId: number;
  customer: string;
  salespersonId: number | null;
  warehouseId: number;
  paidDate: IsoDate | null;
  paymentDays: number;
  channel: string | null;
  /** The channel the file gives, to check the order's other lines against. */
  fileChannel: string | null;
  region: string | null;
  address: string | null;
  /** The order already in the book under this number, from an earlier import of the file. */
  existing: ExistingOrder | null;
  /** Numbered when the order is written (`id` 0 until then). */
  lines: PlannedLine[];
}

export interface HistoryPlanner {
  /** Take the file's next line; an order's rows go to the sink once its last line is read. */
  line(line: HistoryLine): void;
  /** The last order, then what is left to write: stock, journal days, summary, problems. */
  finish(): HistoryPlan;
}

/**
 * Plan the posting of sales history line by line, from the file and the book as it was: each new
 * order's rows (order, lines, shipment at FIFO cost, stock moves, invoice, payment when paid) to
 * the sink, numbered from `ids`; what an earlier import of the same file posted compared, not
 * posted again. No statement writes here, so the plan can run beside the writer (a worker thread
 * reading the file while the book takes the rows). After the first problem nothing more is sent
 * to the sink; the file is still read to the end for the other problems (up to 200).
 */
export function planSalesHistory(
  lookup: HistoryLookup,
  ids: HistoryIds,
  rounding: RoundingMode | undefined,
  sink: HistorySink,
  onOrder?: (order: HistoryOrderEvent) => void,
  options: {
    /**
     * Whether the plan itself finds a new order met again after another one (a split), as it
     * does by default. A writer that finds them from the book instead (the order number is
     * unique) spares the plan a set of every number of the file.
     */
    splits?: 'plan' | 'writer';
  } = {},
): HistoryPlanner {
  const splitsHere = (options.splits ?? 'plan') === 'plan';
  const next = { ...ids };
  const dueDates = new Map<string, IsoDate>();
  const dueDate = (date: IsoDate, days: number) => {
    const key = `${date}+${days}`;
    let due = dueDates.get(key);
    if (!due) {
      due = addDays(date, days);
      dueDates.set(key, due);
    }
    return due;
  };
  type Queue = { productId: number; warehouseId: number; issuer: FifoIssuer; qty: Milli; value: Minor };
  // Each product's queue in each warehouse, found by ids (no key text made per line), and in the
  // order they were first met.
  const fifo = new Map<number, Map<number, Queue>>();
  const queues: Queue[] = [];
  const issues: Issue[] = [];
  const problem = (row: number, field: string, message: string, value: unknown, code = 'history.invalid') => {
    if (issues.length < 200) issues.push({ code, path: [row, field], message, value });
  };
  // Every order number the file has begun (or, when the writer finds splits, those already in the
  // book): one met again after another order is a split.
  const begun = new Set<string>();
  const byDay = new Map<IsoDate, HistoryDay>();
  const paidByDay = new Map<IsoDate, Map<string, Minor>>();
  const summary: HistorySummary = { orders: 0, lines: 0, net: 0, tax: 0, cost: 0, paid: 0, unchanged: 0 };
  let pending: Pending | null = null;

  /** Whether an order already in the book is the one the file describes (re-importing a file). */
  const sameAsBook = (p: Pending, e: ExistingOrder) => {
    if (
      e.date !== p.date ||
      e.customerId !== p.customerId ||
      e.channel !== p.channel ||
      e.region !== p.region ||
      e.address !== p.address
    )
      return false;
    const kept = lookup.orderLines(e.id);
    return (
      kept.length === p.lines.length &&
      kept.every((k, i) => {
        const l = p.lines[i];
        return l && k.product_id === l.productId && k.qty === l.qty && k.net_minor === l.net && k.tax_minor === l.tax;
      })
    );
  };

  const flush = (p: Pending) => {
    if (p.existing) {
      if (sameAsBook(p, p.existing)) {
        summary.unchanged += 1;
        onOrder?.({ row: p.row, order: p.order, status: 'unchanged' });
      } else
        problem(
          p.row,
          'order',
          `order ${p.order} is already in the book with other lines or order fields; posted history is not rewritten`,
          p.order,
          'history.order_exists',
        );
      return;
    }
    if (issues.length > 0) return; // keep checking the file, stop writing
    let net = 0;
    let tax = 0;
    let cost = 0;
    for (const l of p.lines) {
      net += l.net;
      tax += l.tax;
      cost += l.cost;
      l.id = next.orderLine++;
    }
    const gross = net + tax;
    const order: PlannedOrder = {
      row: p.row,
      id: next.order++,
      number: p.order,
      customerId: p.customerId,
      salespersonId: p.salespersonId,
      channel: p.channel,
      region: p.region,
      address: p.address,
      date: p.date,
      due: dueDate(p.date, p.paymentDays),
      paidDate: p.paidDate,
      warehouseId: p.warehouseId,
      net,
      tax,
      cost,
      shipmentId: next.shipment++,
      invoiceId: next.invoice++,
      paymentId: p.paidDate ? next.payment++ : null,
      lines: p.lines,
    };
    sink(order);
    const day = byDay.get(p.date) ?? { revenue: 0, vat: 0, cogs: 0, ar: new Map<string, Minor>() };
    day.revenue += net;
    day.vat += tax;
    day.cogs += cost;
    day.ar.set(p.customer, (day.ar.get(p.customer) ?? 0) + gross);
    byDay.set(p.date, day);
    if (p.paidDate) {
      const paid = paidByDay.get(p.paidDate) ?? new Map<string, Minor>();
      paid.set(p.customer, (paid.get(p.customer) ?? 0) + gross);
      paidByDay.set(p.paidDate, paid);
      summary.paid += gross;
    }
    summary.orders += 1;
    onOrder?.({ row: p.row, order: p.order, status: 'new' });
    summary.net += net;
    summary.tax += tax;
    summary.cost += cost;
  };

  const begin = (line: HistoryLine): Pending | null => {
    if (begun.has(line.order)) {
      problem(
        line.row,
        'order',
        `order ${line.order} appears again; keep an order's lines together`,
        line.order,
        'history.order_split',
      );
      return null;
    }
    const existing = lookup.order(line.order);
    if (existing || splitsHere) begun.add(line.order);
    const c = lookup.customer(line.customer);
    const w = lookup.warehouse(line.warehouse);
    if (!c) problem(line.row, 'customer', `no customer ${line.customer}`, line.customer, 'history.customer');
    if (!w) problem(line.row, 'warehouse', `no warehouse ${line.warehouse}`, line.warehouse, 'history.warehouse');
    const sp = line.salesperson ? lookup.salesperson(line.salesperson) : null;
    if (line.salesperson && !sp)
      problem(line.row, 'salesperson', `no salesperson ${line.salesperson}`, line.salesperson, 'history.salesperson');
    return {
      order: line.order,
      row: line.row,
      date: line.date,
      customerId: c?.id ?? 0,
      customer: line.customer,
      salespersonId: sp?.id ?? c?.owner_id ?? null,
      warehouseId: w?.id ?? 0,
      paidDate: line.paidDate,
      paymentDays: c?.payment_days ?? 30,
      // As a placed order does, the order keeps the customer's channel when the file names none.
      channel: line.channel ?? c?.channel ?? null,
      fileChannel: line.channel ?? null,
      // Null: the customer's region stands for where it went (reports fall back to it).
      region: line.region ?? null,
      address: line.address ?? null,
      existing,
      lines: [],
    };
  };

  /** A later line of the order: its date and order fields must agree with the first. */
  const agree = (p: Pending, line: HistoryLine) => {
    if (line.date !== p.date)
      problem(
        line.row,
        'date',
        `order ${line.order} has lines on ${p.date} and ${line.date}`,
        line.date,
        'history.order_date',
      );
    // The order's fields are the order's: a line that names other ones is a mistake in the file.
    // A blank cell on a later line says nothing; the first line that gives one sets it.
    for (const field of ORDER_FIELDS) {
      const value = line[field] ?? null;
      if (value === null) continue;
      const first = field === 'channel' ? p.fileChannel : p[field];
      if (first === null) {
        if (field === 'channel') p.fileChannel = p.channel = value;
        else p[field] = value;
      } else if (value !== first)
        problem(
          line.row,
          field,
          `order ${line.order} has lines with ${field} ${first} and ${value}`,
          value,
          'history.order_field',
        );
    }
  };

  return {
    line(line) {
      summary.lines += 1;
      if (pending && pending.order !== line.order) {
        flush(pending);
        pending = null;
      }
      if (pending) agree(pending, line);
      else {
        pending = begin(line);
        if (!pending) return;
      }
      const p = lookup.product(line.sku);
      if (!p) {
        problem(line.row, 'sku', `no product ${line.sku}`, line.sku, 'history.product');
        return;
      }
      const rate = line.taxRate ?? p.tax_rate_bp;
      const figures = historyLineAmounts(
        {
          qty: line.qty,
          amount: line.amount ?? null,
          unitPrice: line.unitPrice,
          tax: line.tax ?? null,
          discount: line.discount ?? null,
          taxRate: rate,
        },
        rounding,
      );
      if (!figures.ok) {
        for (const i of figures.issues) problem(line.row, String(i.path[0] ?? 'amount'), i.message, i.value, i.code);
        return;
      }
      const f = figures.value;
      const entry: PlannedLine = {
        id: 0,
        productId: p.id,
        qty: line.qty,
        price: f.unitPrice,
        listPrice: f.listPrice,
        rate,
        net: f.net,
        tax: f.tax,
        cost: 0,
      };
      // An order posted before is compared, not issued again: its stock left long ago.
      if (pending.existing) {
        pending.lines.push(entry);
        return;
      }
      if (pending.warehouseId === 0) return;
      let inProduct = fifo.get(p.id);
      if (!inProduct) {
        inProduct = new Map();
        fifo.set(p.id, inProduct);
      }
      let q = inProduct.get(pending.warehouseId);
      if (!q) {
        q = {
          productId: p.id,
          warehouseId: pending.warehouseId,
          // Checked once here; each line's issue then costs its own work, not the queue's length.
          issuer: fifoIssuer(lookup.fifo(p.id, pending.warehouseId), {
            context: { product: line.sku, warehouse: line.warehouse },
            rounding,
          }),
          qty: 0,
          value: 0,
        };
        inProduct.set(pending.warehouseId, q);
        queues.push(q);
      }
      const out = q.issuer.issue({ qty: line.qty });
      if (!out.ok) {
        problem(
          line.row,
          'qty',
          out.issues[0]?.message ?? 'not enough stock',
          formatQuantity(line.qty),
          'stock.negative',
        );
        return;
      }
      q.qty -= line.qty;
      q.value -= out.value.cost;
      entry.cost = out.value.cost;
      pending.lines.push(entry);
    },
    finish() {
      if (pending) flush(pending);
      pending = null;
      return {
        summary,
        byDay,
        paidByDay,
        stock: queues.map((q) => ({
          productId: q.productId,
          warehouseId: q.warehouseId,
          layers: q.issuer.state.layers,
          qty: q.qty,
          value: q.value,
        })),
        issues,
      };
    },
  };
}
