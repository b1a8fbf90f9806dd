import { type Kysely, sql } from 'kysely';

/**
 * Lookups that planning asks for every product at every order, receipt and replenishment run:
 * what is already on order (open purchase lines of the product) and already requisitioned (open
 * requisitions of the product in the warehouse). Without these each asking read every purchase
 * line and every requisition of the book; building the demo company spent half its time there.
 */
const STATEMENTS = [
  'create index purchase_order_lines_product on purchase_order_lines(product_id)',
  'create index requisitions_product on requisitions(product_id, warehouse_id, status)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
