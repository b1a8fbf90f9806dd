import { type Kysely, sql } from 'kysely';

/**
 * Files kept in the book (a photo of a payment voucher), and the payment vouchers salespeople
 * submit from the customer's premises: what was paid, how, for which order, with the photo, until
 * finance books or rejects it.
 */
const STATEMENTS = [
  `create table attachments (id integer primary key, content_type text not null, size integer not null,
     sha256 text not null, bytes blob not null, file_name text, created_by text not null, created_at text not null)`,
  `create table payment_vouchers (id integer primary key, number text not null unique,
     customer_id integer not null references customers(id), order_id integer references sales_orders(id),
     date text not null, amount_minor integer not null check (amount_minor > 0),
     method text not null check (method in ('bank', 'wechat', 'alipay', 'cash')), note text,
     attachment_id integer not null references attachments(id),
     status text not null default 'submitted' check (status in ('submitted', 'booked', 'rejected')),
     submitted_by text not null, submitted_at text not null, decided_by text, decided_at text, reason text,
     payment_id integer references payments(id))`,
  'create index payment_vouchers_customer on payment_vouchers(customer_id, status)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
