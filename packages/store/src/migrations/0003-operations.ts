import { type Kysely, sql } from 'kysely';

/** Transfers, stock counts, sales returns, CRM, RFQs and alerts. */
const STATEMENTS = [
  `create table transfers (id integer primary key, number text not null unique, date text not null,
     from_warehouse_id integer not null references warehouses(id), to_warehouse_id integer not null references warehouses(id),
     check (from_warehouse_id <> to_warehouse_id))`,
  `create table transfer_lines (transfer_id integer not null references transfers(id), product_id integer not null references products(id),
     qty integer not null check (qty > 0), value_minor integer not null)`,
  `create table stock_counts (id integer primary key, number text not null unique, warehouse_id integer not null references warehouses(id),
     started text not null, posted text, status text not null default 'counting' check (status in ('counting', 'posted')))`,
  `create table stock_count_lines (count_id integer not null references stock_counts(id), product_id integer not null references products(id),
     book_qty integer not null, counted_qty integer, value_minor integer, primary key (count_id, product_id))`,
  `create table sales_returns (id integer primary key, number text not null unique, order_id integer not null references sales_orders(id),
     date text not null, credit_note_id integer references invoices(id))`,
  `create table sales_return_lines (return_id integer not null references sales_returns(id),
     order_line_id integer not null references sales_order_lines(id), qty integer not null check (qty > 0), cost_minor integer not null)`,
  `create table follow_ups (id integer primary key, customer_id integer not null references customers(id),
     salesperson_id integer references salespeople(id), date text not null, note text not null, next_date text)`,
  `create index follow_ups_customer on follow_ups(customer_id, date)`,
  `create table opportunities (id integer primary key, number text not null unique, customer_id integer not null references customers(id),
     salesperson_id integer references salespeople(id), name text not null,
     stage text not null check (stage in ('lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost')),
     amount_minor integer not null check (amount_minor >= 0), probability_bp integer not null check (probability_bp between 0 and 10000),
     expected_close text, updated text not null)`,
  `create table rfqs (id integer primary key, number text not null unique, product_id integer not null references products(id),
     warehouse_id integer not null references warehouses(id), qty integer not null check (qty > 0), date text not null,
     status text not null default 'open' check (status in ('open', 'awarded', 'cancelled')), po_id integer references purchase_orders(id))`,
  `create table rfq_quotes (rfq_id integer not null references rfqs(id), supplier_id integer not null references suppliers(id),
     price_minor integer not null check (price_minor >= 0), lead_time_days integer not null check (lead_time_days >= 0),
     primary key (rfq_id, supplier_id))`,
  `create table alerts (id integer primary key, kind text not null, subject text not null, message text not null,
     created text not null, resolved text)`,
  `create unique index alerts_open on alerts(kind, subject) where resolved is null`,
  `create index shipment_lines_shipment on shipment_lines(shipment_id)`,
  `create index shipment_lines_order_line on shipment_lines(order_line_id)`,
  `create index stock_moves_document on stock_moves(document)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
