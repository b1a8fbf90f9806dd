import { lineAmount, linePart, type RoundingMode, taxModeOf } from '@tradeloop/core';
import type { Book } from './book.js';
import { jsonValues } from './dialect.js';
import { ensure } from './refusal.js';

// The last five columns are the line's figures, turned into its invoiced and shipped net below.
const ORDER_LINE_COLUMNS = `o.number, o.order_date, o.status, c.code, s.code, w.code, p.sku, cat.path, l.qty, l.invoiced_qty, l.net_minor,
  l.shipped_qty, (select coalesce(sum(sl.cost_minor), 0) from shipment_lines sl where sl.order_line_id = l.id),
  o.ship_region, o.channel, l.tax_minor, l.gross_minor, l.tax_rate_bp, l.tax_inclusive`;

/**
 * The net of an order line's invoiced and shipped parts, as invoicing takes parts of a line
 * (core's `linePart`), so reports add up to what the invoices say, in the book's rounding.
 */
function orderLineRow(raw: unknown[], rounding: RoundingMode): unknown[] {
  const row = raw.slice(0, -4);
  const [tax, gross, taxRate, inclusive] = raw.slice(-4) as [number, number, number, number];
  const [qty, invoiced, net, shipped] = row.slice(8, 12) as [number, number, number, number];
  const line = { qty, net, tax, gross, taxRate, taxMode: taxModeOf(inclusive === 1) };
  // Nothing and the whole line are the line's own figures (as `linePart` takes them); only a line
  // invoiced or shipped in part is figured, so a sync of a million whole lines checks none.
  const upTo = (q: number) =>
    q === 0 ? 0 : q === qty ? net : ensure(linePart(line, { from: 0, to: q }, { rounding })).net;
  return [...row, upTo(invoiced), upTo(shipped)];
}

/** A purchase line's ordered amount and its amount at standard cost, as the order totals them. */
function purchaseLineRow(raw: unknown[], rounding: RoundingMode): unknown[] {
  const [qty, , price, standard] = raw.slice(7, 11) as [number, number, number, number];
  return [...raw, lineAmount(qty, price, rounding), lineAmount(qty, standard, rounding)];
}

// Invoices and payments as the copy keeps them, with what each still owes or has left: new ones
// are read after a cursor, and those an allocation changed since are read again by number.
const INVOICE_ROWS = `select i.id as _rowid, i.number, i.kind, i.vat_kind, c.code, s.code, sp.code, i.date, i.due_date, i.net_minor, i.tax_minor, i.gross_minor, i.cost_minor,
        o.ship_region, o.channel, i.open_minor
      from invoices i left join customers c on c.id = i.customer_id left join suppliers s on s.id = i.supplier_id
      left join salespeople sp on sp.id = i.salesperson_id left join sales_orders o on o.id = i.order_id`;
const PAYMENT_ROWS = `select p.id as _rowid, p.number, p.kind, c.code, s.code, p.date, p.amount_minor, p.write_off_minor, p.unallocated_minor
      from payments p left join customers c on c.id = p.customer_id left join suppliers s on s.id = p.supplier_id`;

export const FEEDS = {
  invoices: {
    append: true,
    columns: [
      'number',
      'kind',
      'vat_kind',
      'customer',
      'supplier',
      'salesperson',
      'date',
      'due_date',
      'net_minor',
      'tax_minor',
      'gross_minor',
      'cost_minor',
      // The order's ship-to region and channel; null: the customer's apply.
      'ship_region',
      'channel',
      // What it still owes as the book keeps it now.
      'open_minor',
    ],
    sql: `${INVOICE_ROWS} where i.id > ? order by i.id limit ?`,
  },
  payments: {
    append: true,
    columns: [
      'number',
      'kind',
      'customer',
      'supplier',
      'date',
      'amount_minor',
      'write_off_minor',
      // What no invoice has taken of it yet, as the book keeps it now.
      'unallocated_minor',
    ],
    sql: `${PAYMENT_ROWS} where p.id > ? order by p.id limit ?`,
  },
  allocations: {
    append: true,
    columns: ['payment', 'invoice', 'amount_minor', 'date'],
    sql: `select a.rowid as _rowid, p.number, i.number, a.amount_minor, a.date from payment_allocations a
      join payments p on p.id = a.payment_id join invoices i on i.id = a.invoice_id where a.rowid > ? order by a.rowid limit ?`,
  },
  journal: {
    append: true,
    columns: ['entry', 'date', 'source_kind', 'source_document', 'account', 'debit_minor', 'credit_minor', 'party'],
    sql: `select l.id as _rowid, e.id, e.date, e.source_kind, e.source_document, l.account, l.debit_minor, l.credit_minor, l.party
      from journal_lines l join journal_entries e on e.id = l.entry_id where l.id > ? order by l.id limit ?`,
  },
  order_lines: {
    append: true,
    columns: [
      'order_number',
      'date',
      'status',
      'customer',
      'salesperson',
      'warehouse',
      'sku',
      'category',
      'qty_milli',
      'invoiced_milli',
      'net_minor',
      'shipped_milli',
      'cost_minor',
      'ship_region',
      'channel',
      'invoiced_net_minor',
      'shipped_net_minor',
    ],
    derive: orderLineRow,
    sql: `select l.id as _rowid, ${ORDER_LINE_COLUMNS}
      from sales_order_lines l join sales_orders o on o.id = l.order_id join customers c on c.id = o.customer_id
      left join salespeople s on s.id = o.salesperson_id join warehouses w on w.id = o.warehouse_id
      join products p on p.id = l.product_id join categories cat on cat.id = p.category_id
      where l.id > ? order by l.id limit ?`,
  },
  stock: {
    append: false,
    columns: ['sku', 'category', 'warehouse', 'on_hand_milli', 'reserved_milli', 'value_minor'],
    sql: `select b.rowid as _rowid, p.sku, c.path, w.code, b.on_hand, b.reserved, b.value_minor from stock_balances b
      join products p on p.id = b.product_id join categories c on c.id = p.category_id join warehouses w on w.id = b.warehouse_id
      where b.rowid > ? order by b.rowid limit ?`,
  },
  layers: {
    append: false,
    columns: ['sku', 'warehouse', 'date', 'qty_milli', 'value_minor'],
    sql: `select l.id as _rowid, p.sku, w.code, l.date, l.qty, l.value_minor from fifo_layers l
      join products p on p.id = l.product_id join warehouses w on w.id = l.warehouse_id where l.id > ? order by l.id limit ?`,
  },
  accounts: {
    append: false,
    columns: ['code', 'name', 'name_zh', 'type', 'role'],
    sql: 'select rowid as _rowid, code, name, name_zh, type, role from accounts where rowid > ? order by rowid limit ?',
  },
  customers: {
    append: false,
    columns: ['code', 'name', 'tier', 'channel', 'region', 'owner'],
    sql: `select c.id as _rowid, c.code, c.name, c.tier, c.channel, c.region, s.code from customers c left join salespeople s on s.id = c.owner_id
      where c.id > ? order by c.id limit ?`,
  },
  // Purchase lines change as goods arrive; there are far fewer than sales lines, so re-read whole.
  purchase_lines: {
    append: false,
    columns: [
      'po_number',
      'supplier',
      'status',
      'order_date',
      'expected_date',
      'sku',
      'category',
      'qty_milli',
      'received_milli',
      'price_minor',
      'standard_cost_minor',
      'first_receipt',
      'last_receipt',
      'amount_minor',
      'standard_amount_minor',
    ],
    derive: purchaseLineRow,
    sql: `select l.id as _rowid, o.number, s.code, o.status, o.order_date, o.expected_date, p.sku, cat.path, l.qty, l.received_qty,
        l.price_minor, p.cost_minor,
        (select min(r.date) from receipt_lines rl join receipts r on r.id = rl.receipt_id where rl.po_line_id = l.id),
        (select max(r.date) from receipt_lines rl join receipts r on r.id = rl.receipt_id where rl.po_line_id = l.id)
      from purchase_order_lines l join purchase_orders o on o.id = l.po_id join suppliers s on s.id = o.supplier_id
      join products p on p.id = l.product_id join categories cat on cat.id = p.category_id
      where l.id > ? order by l.id limit ?`,
  },
  targets: {
    append: false,
    columns: ['salesperson', 'month', 'amount_minor'],
    sql: `select t.rowid as _rowid, s.code, t.month, t.amount_minor from sales_targets t join salespeople s on s.id = t.salesperson_id
      where t.rowid > ? order by t.rowid limit ?`,
  },
  moves: {
    append: true,
    columns: ['date', 'sku', 'category', 'warehouse', 'kind', 'qty_milli', 'value_minor'],
    sql: `select m.id as _rowid, m.date, p.sku, cat.path, w.code, m.kind, m.qty, m.value_minor from stock_moves m
      join products p on p.id = m.product_id join categories cat on cat.id = p.category_id join warehouses w on w.id = m.warehouse_id
      where m.id > ? order by m.id limit ?`,
  },
} as const;

export type FeedName = keyof typeof FEEDS;

/**
 * Up to `limit` rows of a feed after a rowid, positional in the feed's column order, with the
 * rowid of the last one.
 *
 * @example
 * feedRows(book, 'journal', 0, 10000) // { rows: [[1, '2026-03-01', …], …], last: 10000 }
 */
export function feedRows(
  book: Book,
  name: FeedName,
  after: number,
  limit = 50_000,
): { rows: unknown[][]; last: number } {
  const feed: { sql: string; derive?: (raw: unknown[], rounding: RoundingMode) => unknown[] } = FEEDS[name];
  const rows = book.exec.rows(feed.sql, after, limit);
  const last = rows.length > 0 ? Number((rows.at(-1) as unknown[])[0]) : after;
  const { rounding } = book.settings();
  const derive = feed.derive ?? ((raw: unknown[]) => raw);
  return { rows: rows.map((r) => derive(r.slice(1), rounding)), last };
}

const orderLinesOf = (book: Book) => `select ${ORDER_LINE_COLUMNS}
  from sales_order_lines l join sales_orders o on o.id = l.order_id join customers c on c.id = o.customer_id
  left join salespeople s on s.id = o.salesperson_id join warehouses w on w.id = o.warehouse_id
  join products p on p.id = l.product_id join categories cat on cat.id = p.category_id
  where o.number in (${jsonValues(book)}) order by l.id`;

/**
 * The invoices and payments allocations after a rowid have touched: what they owe or have left
 * changed since, so a copy that read them before reads them again (`documentRows`).
 */
export function allocatedSince(book: Book, after: number): { invoices: string[]; payments: string[] } {
  const numbers = (table: 'invoices' | 'payments', column: 'invoice_id' | 'payment_id') =>
    book.exec
      .select<{ number: string }>(
        `select d.number from ${table} d where d.id in (select a.${column} from payment_allocations a where a.rowid > ?) order by d.id`,
        after,
      )
      .map((r) => r.number);
  return { invoices: numbers('invoices', 'invoice_id'), payments: numbers('payments', 'payment_id') };
}

/** The invoices or payments feed's rows for the given document numbers, as the book has them now. */
export function documentRows(book: Book, name: 'invoices' | 'payments', numbers: readonly string[]): unknown[][] {
  if (numbers.length === 0) return [];
  const [rows, alias] = name === 'invoices' ? [INVOICE_ROWS, 'i'] : [PAYMENT_ROWS, 'p'];
  return book.exec
    .rows(`${rows} where ${alias}.number in (${jsonValues(book)}) order by ${alias}.id`, JSON.stringify(numbers))
    .map((r) => r.slice(1));
}

/** Numbers of the sales orders still open (their lines can still change). */
export function openOrderNumbers(book: Book): string[] {
  return book.exec
    .select<{ number: string }>("select number from sales_orders where status not in ('completed', 'cancelled')")
    .map((r) => r.number);
}

/** The order-lines feed's rows for the given orders, for refreshing what changed since a sync. */
export function orderLineRows(book: Book, numbers: readonly string[]): unknown[][] {
  if (numbers.length === 0) return [];
  const { rounding } = book.settings();
  return book.exec.rows(orderLinesOf(book), JSON.stringify(numbers)).map((r) => orderLineRow(r, rounding));
}

/**
 * How many times figures were rewritten in place (a repost re-values moves, shipments and
 * invoice costs): a copy made before must be re-read whole.
 */
export function rewriteCount(book: Book): number {
  return Number(book.exec.value("select value from settings where key = 'book.rewrites'") ?? 0);
}

/**
 * When the audit row with this id was written: a copy synced up to that row belongs to this
 * book's history only if the row is still there, written at the same moment (a restored backup
 * or another book in the same file has other rows under the same ids).
 */
export function auditStamp(book: Book, id: number): string | undefined {
  return book.exec.value<string>('select at from audit_log where id = ?', id);
}

/** A marker that moves whenever a command changes the book: the last audit row. */
export function changeMarker(book: Book): number {
  return book.exec.value<number>('select coalesce(max(id), 0) from audit_log') ?? 0;
}
