import { type Kysely, sql } from 'kysely';

/**
 * Lookups that grow with the book: open sales orders among a million finished ones (analytics
 * refreshes their lines on every sync), and a customer's receipts with their allocations (what is
 * still free of them is asked at every invoice; without these each asking reads them all).
 */
const STATEMENTS = [
  `create index sales_orders_open on sales_orders(number) where status not in ('completed', 'cancelled')`,
  'create index payment_allocations_payment on payment_allocations(payment_id)',
  'create index payments_customer on payments(customer_id, date)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
