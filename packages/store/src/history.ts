import {
  addDays,
  type FifoIssuer,
  fifoIssuer,
  formatQuantity,
  historyLineAmounts,
  type IsoDate,
  type Issue,
  type JournalEntry,
  type Milli,
  type Minor,
  TradeloopError,
} from '@tradeloop/core';
import { auditChain } from './audit.js';
import { asBookError, type Book } from './book.js';
import { bulkInsert } from './bulk-insert.js';
import { identityAfter } from './dialect.js';
import type { Prepared } from './driver.js';
import { writeEntry } from './journal.js';
import { loadFifo } from './stock-ledger.js';

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

export interface HistoryOptions {
  dryRun?: boolean;
  onProgress?: (lines: number) => void;
  /** Each order of the file as it is settled, at its first row: posted (or to be) or already in the book. */
  onOrder?: (order: { row: number; order: string; status: 'new' | 'unchanged' }) => void;
  /** Asked before committing: true rolls the whole import back (rows the file's reader refused). */
  abort?: () => boolean;
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
  existing: {
    id: number;
    date: IsoDate;
    customerId: number;
    channel: string | null;
    region: string | null;
    address: string | null;
  } | null;
  lines: {
    productId: number;
    qty: Milli;
    price: Minor;
    listPrice: Minor;
    rate: number;
    net: Minor;
    tax: Minor;
    cost: Minor;
  }[];
}

/**
 * Post sales history in bulk: completed orders with their shipment at FIFO cost, stock moves,
 * invoice, payment when paid, and the journal (one set of entries per day). One transaction for
 * the whole file, statements prepared once, FIFO queues kept in memory while it runs: a million
 * lines stream through without being held. Any problem rolls everything back and names the rows.
 *
 * @example
 * await importSalesHistory(book, linesFromCsv) // { orders: 333412, lines: 1000000, … }
 */
export async function importSalesHistory(
  book: Book,
  lines: AsyncIterable<HistoryLine>,
  options: HistoryOptions = {},
): Promise<HistorySummary> {
  book.requirePermission('master.write');
  const db = book.driver;
  const prep = (sql: string) => db.prepare(sql);
  const postgres = db.engine === 'postgres';
  const s = {
    customer: prep('select c.id, c.payment_days, c.owner_id, c.channel from customers c where c.code = ?'),
    salesperson: prep('select id from salespeople where code = ?'),
    warehouse: prep('select id from warehouses where code = ?'),
    product: prep('select id, tax_rate_bp from products where sku = ?'),
    orderExists: prep(
      'select id, order_date, customer_id, channel, ship_region, ship_address from sales_orders where number = ?',
    ),
    orderLines: prep(
      'select product_id, qty, net_minor, tax_minor from sales_order_lines where order_id = ? order by line_no',
    ),
  } satisfies Record<string, Prepared>;
  // The import holds the write lock, so it numbers its own rows and writes them in batches.
  const nextId = (table: string) => (prep(`select max(id) as m from ${table}`).get<{ m: number | null }>()?.m ?? 0) + 1;
  const ids = { order: 0, orderLine: 0, shipment: 0, invoice: 0, payment: 0 }; // set once the lock is held
  const columns = (names: string) => names.trim().split(/\s+/);
  // Orders collected but not yet written, for the check that an order's lines are together;
  // emptied whenever the orders reach the book (a line batch filling up writes them too).
  const unflushed = new Set<string>();
  const order = bulkInsert(
    db,
    'sales_orders',
    columns(`id number customer_id salesperson_id channel ship_region ship_address order_date promise_date terms
      status warehouse_id net_minor tax_minor gross_minor paid_minor`),
    { onWrite: () => unflushed.clear() },
  );
  const orderLine = bulkInsert(
    db,
    'sales_order_lines',
    columns(`id order_id line_no product_id qty unit_price_minor list_price_minor tax_rate_bp net_minor tax_minor
      gross_minor shipped_qty invoiced_qty price_trace_json`),
    { parents: [order] },
  );
  const shipment = bulkInsert(db, 'shipments', columns('id number order_id warehouse_id date'), { parents: [order] });
  const invoice = bulkInsert(
    db,
    'invoices',
    columns(`id number kind vat_kind customer_id order_id salesperson_id date due_date net_minor tax_minor
      gross_minor open_minor cost_minor`),
    { parents: [order] },
  );
  const payment = bulkInsert(
    db,
    'payments',
    columns('id number kind customer_id date amount_minor account unallocated_minor'),
  );
  const w = {
    order,
    orderLine,
    shipment,
    shipmentLine: bulkInsert(db, 'shipment_lines', columns('shipment_id order_line_id product_id qty cost_minor'), {
      parents: [shipment, orderLine],
    }),
    move: bulkInsert(db, 'stock_moves', columns('date product_id warehouse_id qty value_minor kind document')),
    invoice,
    payment,
    allocation: bulkInsert(db, 'payment_allocations', columns('payment_id invoice_id amount_minor date'), {
      parents: [payment, invoice],
    }),
  };
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

  const cache =
    <T>(stmt: Prepared, map = new Map<string, T | null>()) =>
    (key: string): T | null => {
      if (!map.has(key)) map.set(key, stmt.get<T>(key) ?? null);
      return map.get(key) ?? null;
    };
  const customers = cache<{ id: number; payment_days: number; owner_id: number | null; channel: string | null }>(
    s.customer,
  );
  const salespeople = cache<{ id: number }>(s.salesperson);
  const warehouses = cache<{ id: number }>(s.warehouse);
  const products = cache<{ id: number; tax_rate_bp: number }>(s.product);
  const fifo = new Map<
    string,
    { productId: number; warehouseId: number; issuer: FifoIssuer; qty: Milli; value: Minor }
  >();
  const issues: Issue[] = [];
  const problem = (row: number, field: string, message: string, value: unknown, code = 'history.invalid') => {
    if (issues.length < 200) issues.push({ code, path: [row, field], message, value });
  };
  // Orders written by this import have ids from here on: no set of a million order numbers in memory.
  let firstNewId = 0;
  // Once a problem stops the writing, orders are remembered here instead, to still catch splits.
  const unwritten = new Set<string>();
  const byDay = new Map<IsoDate, { revenue: Minor; vat: Minor; cogs: Minor; ar: Map<string, Minor> }>();
  const paidByDay = new Map<IsoDate, Map<string, Minor>>();
  const summary: HistorySummary = { orders: 0, lines: 0, net: 0, tax: 0, cost: 0, paid: 0, unchanged: 0 };
  const { rounding } = book.moneyOptions();
  // Orders found in the book as this file has them: a second one of these further on is a split.
  const seen = new Set<string>();
  let pending: Pending | null = null;

  /** Whether an order already in the book is the one the file describes (re-importing a file). */
  const sameAsBook = (p: Pending, e: NonNullable<Pending['existing']>) => {
    if (
      e.date !== p.date ||
      e.customerId !== p.customerId ||
      e.channel !== p.channel ||
      e.region !== p.region ||
      e.address !== p.address
    )
      return false;
    const kept = s.orderLines.all(e.id) as { product_id: number; qty: Milli; net_minor: Minor; tax_minor: Minor }[];
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
        options.onOrder?.({ row: p.row, order: p.order, status: 'unchanged' });
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
    if (issues.length > 0) {
      unwritten.add(p.order); // keep checking the file, stop writing
      return;
    }
    let net = 0;
    let tax = 0;
    let cost = 0;
    for (const l of p.lines) {
      net += l.net;
      tax += l.tax;
      cost += l.cost;
    }
    const gross = net + tax;
    const orderId = ids.order++;
    w.order.add(
      orderId,
      p.order,
      p.customerId,
      p.salespersonId,
      p.channel,
      p.region,
      p.address,
      p.date,
      p.date,
      'credit',
      'completed',
      p.warehouseId,
      net,
      tax,
      gross,
      p.paidDate ? gross : 0,
    );
    if (w.order.pending > 0) unflushed.add(p.order);
    const shipmentId = ids.shipment++;
    w.shipment.add(shipmentId, `${p.order}-SH`, orderId, p.warehouseId, p.date);
    p.lines.forEach((l, i) => {
      const lineId = ids.orderLine++;
      w.orderLine.add(
        lineId,
        orderId,
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
      w.shipmentLine.add(shipmentId, lineId, l.productId, l.qty, l.cost);
      w.move.add(p.date, l.productId, p.warehouseId, -l.qty, -l.cost, 'issue', `${p.order}-SH`);
    });
    const invoiceId = ids.invoice++;
    w.invoice.add(
      invoiceId,
      `${p.order}-INV`,
      'sales',
      'normal',
      p.customerId,
      orderId,
      p.salespersonId,
      p.date,
      dueDate(p.date, p.paymentDays),
      net,
      tax,
      gross,
      p.paidDate ? 0 : gross,
      cost,
    );
    const day = byDay.get(p.date) ?? { revenue: 0, vat: 0, cogs: 0, ar: new Map<string, Minor>() };
    day.revenue += net;
    day.vat += tax;
    day.cogs += cost;
    day.ar.set(p.customer, (day.ar.get(p.customer) ?? 0) + gross);
    byDay.set(p.date, day);
    if (p.paidDate) {
      const paymentId = ids.payment++;
      w.payment.add(paymentId, `${p.order}-RC`, 'customer', p.customerId, p.paidDate, gross, '1002', 0);
      w.allocation.add(paymentId, invoiceId, gross, p.paidDate);
      const paid = paidByDay.get(p.paidDate) ?? new Map<string, Minor>();
      paid.set(p.customer, (paid.get(p.customer) ?? 0) + gross);
      paidByDay.set(p.paidDate, paid);
      summary.paid += gross;
    }
    summary.orders += 1;
    options.onOrder?.({ row: p.row, order: p.order, status: 'new' });
    summary.net += net;
    summary.tax += tax;
    summary.cost += cost;
  };

  // Secondary indexes slow a million inserts more than rebuilding them once at the end costs;
  // dropping and recreating them is part of the same transaction, so a crash restores them.
  const tables = [
    'sales_orders',
    'sales_order_lines',
    'shipments',
    'shipment_lines',
    'invoices',
    'payments',
    'payment_allocations',
    'stock_moves',
  ];
  try {
    db.begin();
  } catch (error) {
    throw asBookError(error, book.path);
  }
  try {
    Object.assign(ids, {
      order: nextId('sales_orders'),
      orderLine: nextId('sales_order_lines'),
      shipment: nextId('shipments'),
      invoice: nextId('invoices'),
      payment: nextId('payments'),
    });
    firstNewId = ids.order;
    // PostgreSQL keeps its indexes: dropping them would wait for every reader of those tables.
    const deferred = postgres
      ? []
      : db
          .prepare(
            `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(', ')})`,
          )
          .all<{ name: string; sql: string }>(...tables);
    for (const index of deferred) db.run(`drop index ${index.name}`, []);
    for await (const line of lines) {
      summary.lines += 1;
      if (options.onProgress && summary.lines % 1_000 === 0) options.onProgress(summary.lines);
      if (pending && pending.order !== line.order) {
        flush(pending);
        pending = null;
      }
      if (!pending) {
        const existing = s.orderExists.get(line.order) as
          | {
              id: number;
              order_date: IsoDate;
              customer_id: number;
              channel: string | null;
              ship_region: string | null;
              ship_address: string | null;
            }
          | undefined;
        if (
          (existing && existing.id >= firstNewId) ||
          unflushed.has(line.order) ||
          unwritten.has(line.order) ||
          seen.has(line.order)
        ) {
          problem(
            line.row,
            'order',
            `order ${line.order} appears again; keep an order's lines together`,
            line.order,
            'history.order_split',
          );
          continue;
        }
        if (existing) seen.add(line.order);
        const c = customers(line.customer);
        const w = warehouses(line.warehouse);
        if (!c) problem(line.row, 'customer', `no customer ${line.customer}`, line.customer, 'history.customer');
        if (!w) problem(line.row, 'warehouse', `no warehouse ${line.warehouse}`, line.warehouse, 'history.warehouse');
        const sp = line.salesperson ? salespeople(line.salesperson) : null;
        if (line.salesperson && !sp)
          problem(
            line.row,
            'salesperson',
            `no salesperson ${line.salesperson}`,
            line.salesperson,
            'history.salesperson',
          );
        pending = {
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
          existing: existing
            ? {
                id: existing.id,
                date: existing.order_date,
                customerId: existing.customer_id,
                channel: existing.channel,
                region: existing.ship_region,
                address: existing.ship_address,
              }
            : null,
          lines: [],
        };
      } else {
        if (line.date !== pending.date)
          problem(
            line.row,
            'date',
            `order ${line.order} has lines on ${pending.date} and ${line.date}`,
            line.date,
            'history.order_date',
          );
        // The order's fields are the order's: a line that names other ones is a mistake in the file.
        // A blank cell on a later line says nothing; the first line that gives one sets it.
        for (const field of ORDER_FIELDS) {
          const value = line[field] ?? null;
          if (value === null) continue;
          const first = field === 'channel' ? pending.fileChannel : pending[field];
          if (first === null) {
            if (field === 'channel') pending.fileChannel = pending.channel = value;
            else pending[field] = value;
          } else if (value !== first)
            problem(
              line.row,
              field,
              `order ${line.order} has lines with ${field} ${first} and ${value}`,
              value,
              'history.order_field',
            );
        }
      }
      const p = products(line.sku);
      if (!p) {
        problem(line.row, 'sku', `no product ${line.sku}`, line.sku, 'history.product');
        continue;
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
        continue;
      }
      const f = figures.value;
      const entry = {
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
        continue;
      }
      if (pending.warehouseId === 0) continue;
      const key = `${p.id}:${pending.warehouseId}`;
      let q = fifo.get(key);
      if (!q) {
        q = {
          productId: p.id,
          warehouseId: pending.warehouseId,
          // Checked once here; each line's issue then costs its own work, not the queue's length.
          issuer: fifoIssuer(loadFifo(book, p.id, pending.warehouseId), {
            context: { product: line.sku, warehouse: line.warehouse },
            rounding,
          }),
          qty: 0,
          value: 0,
        };
        fifo.set(key, q);
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
        continue;
      }
      q.qty -= line.qty;
      q.value -= out.value.cost;
      entry.cost = out.value.cost;
      pending.lines.push(entry);
    }
    if (pending) flush(pending);
    for (const writer of Object.values(w)) writer.flush();
    if (issues.length > 0) {
      throw new TradeloopError(
        'command.rejected',
        `${issues.length}${issues.length >= 200 ? '+' : ''} problems in the sales history; nothing was posted`,
        { issues },
      );
    }
    const saveLayers = prep(
      'insert into fifo_layers (product_id, warehouse_id, date, source, batch, expiry, qty, value_minor) values (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const q of fifo.values()) {
      prep('delete from fifo_layers where product_id = ? and warehouse_id = ?').run(q.productId, q.warehouseId);
      for (const l of q.issuer.state.layers)
        saveLayers.run(q.productId, q.warehouseId, l.date, l.source, l.batch ?? null, l.expiry ?? null, l.qty, l.value);
      prep(
        'update stock_balances set on_hand = on_hand + ?, value_minor = value_minor + ? where product_id = ? and warehouse_id = ?',
      ).run(q.qty, q.value, q.productId, q.warehouseId);
    }
    for (const [date, d] of [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const legs: JournalEntry['lines'] = [...d.ar.entries()].map(([customer, amount]) => ({
        account: '1122',
        debit: amount,
        credit: 0,
        party: customer,
      }));
      legs.push({ account: '6001', debit: 0, credit: d.revenue }, { account: '2221.02', debit: 0, credit: d.vat });
      writeEntry(book, {
        date,
        memo: `Sales history ${date}`,
        source: { kind: 'sales_history', document: date },
        lines: legs.filter((l) => l.debit + l.credit > 0),
      });
      writeEntry(book, {
        date,
        memo: `Cost of sales history ${date}`,
        source: { kind: 'sales_history_cost', document: date },
        lines: [
          { account: '6401', debit: d.cogs, credit: 0 },
          { account: '1405', debit: 0, credit: d.cogs },
        ].filter((l) => l.debit + l.credit > 0),
      });
    }
    for (const [date, byCustomer] of [...paidByDay.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const total = [...byCustomer.values()].reduce((a, b) => a + b, 0);
      writeEntry(book, {
        date,
        memo: `Receipts for sales history ${date}`,
        source: { kind: 'sales_history_receipts', document: date },
        lines: [
          { account: '1002', debit: total, credit: 0 },
          ...[...byCustomer.entries()].map(([customer, amount]) => ({
            account: '1122',
            debit: 0,
            credit: amount,
            party: customer,
          })),
        ],
      });
    }
    for (const index of deferred) db.run(index.sql, []);
    // Rows written with the ids the import gave them: PostgreSQL's identity columns go on from there.
    if (postgres)
      for (const table of ['sales_orders', 'sales_order_lines', 'shipments', 'invoices', 'payments'])
        identityAfter(book, table);
    auditChain(book).append({ actor: book.actor, command: 'importSalesHistory', after: summary });
    // A file already in the book changes nothing, not even the audit log.
    if (options.dryRun || summary.orders === 0 || options.abort?.()) db.rollback();
    else db.commit();
    return summary;
  } catch (error) {
    db.rollback();
    throw error;
  }
}
