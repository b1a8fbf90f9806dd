import { type Kysely, sql } from 'kysely';

/**
 * Where an order went belongs to the order, not the customer: a customer ships to many regions,
 * and imported history says so line by line. Null means the customer's region applies.
 */
const STATEMENTS = [
  'alter table sales_orders add column ship_region text',
  'alter table sales_orders add column ship_address text',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
