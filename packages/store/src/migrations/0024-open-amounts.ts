import { type Kysely, sql } from 'kysely';

/**
 * What is still owed kept on the invoice (and what of a payment is not yet allocated kept on the
 * payment), so that open items (for matching, alerts, claims, advances) are found by a partial
 * index instead of summing every allocation of every invoice the company ever wrote; the commands
 * that allocate money keep them, and `check` proves them against the allocations. And the lookups
 * that read a product's or a customer's whole history (lines waiting for a receipt, reservations,
 * receipts of a PO line, recorded payments near a statement's dates, a period's invoices, a
 * customer's last order) given indexes of their own.
 */
const FILL = [
  'update invoices set open_minor = gross_minor - coalesce((select sum(a.amount_minor) from payment_allocations a where a.invoice_id = invoices.id), 0)',
  'update payments set unallocated_minor = amount_minor + write_off_minor - coalesce((select sum(a.amount_minor) from payment_allocations a where a.payment_id = payments.id), 0)',
];

const STATEMENTS = [
  'alter table invoices add column open_minor integer not null default 0',
  'alter table payments add column unallocated_minor integer not null default 0',
  ...FILL,
  'create index invoices_open on invoices(kind, due_date) where open_minor > 0',
  'create index payments_unallocated on payments(customer_id, date) where unallocated_minor > 0',
  'create index invoices_customer_owing on invoices(customer_id) where open_minor <> 0',
  'create index sales_order_lines_unshipped on sales_order_lines(product_id) where shipped_qty < qty',
  'create index payment_allocations_date on payment_allocations(date)',
  'create index invoices_date on invoices(date)',
  // A customer's last order, for the pool's lapse and its alert: one step into the index.
  'create index sales_orders_customer_date on sales_orders(customer_id, order_date)',
  // `check` sums every move by product and warehouse: read from this index in order, not row by row.
  'create index stock_moves_sums on stock_moves(product_id, warehouse_id, qty, value_minor)',
  // What an invoice or a payment has had allocated, read from the index alone (`check`, the sums).
  'drop index payment_allocations_invoice',
  'create index payment_allocations_invoice on payment_allocations(invoice_id, amount_minor)',
  'drop index payment_allocations_payment',
  'create index payment_allocations_payment on payment_allocations(payment_id, amount_minor)',
  'create index receipt_lines_po_line on receipt_lines(po_line_id)',
  'create index payments_unconfirmed on payments(kind, date) where statement_line_id is null',
  'create index sales_order_lines_reserved on sales_order_lines(product_id) where reserved_qty <> 0',
];

/** The rows it fills, in PostgreSQL's words (the same statement). */
export const postgres = FILL;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
