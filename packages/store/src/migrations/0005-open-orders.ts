import { type Kysely, sql } from 'kysely';

/**
 * Open sales orders are few and completed ones many: a partial index finds the open ones without
 * reading a million finished orders (analytics refreshes open orders' lines on every sync).
 */
const STATEMENTS = [
  `create index sales_orders_open on sales_orders(number) where status not in ('completed', 'cancelled')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
