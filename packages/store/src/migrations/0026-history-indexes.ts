import { type Kysely, sql } from 'kysely';

/**
 * Fewer index trees to build after a large import, none of them less useful: a product's moves
 * in date order carry their quantity and value, so `check` sums them from that index alone and
 * the separate summing index goes; a supplier's invoices are indexed only where there is a
 * supplier (a query by supplier reads the same rows), so sales invoices add nothing to it.
 */
const STATEMENTS = [
  'drop index stock_moves_sums',
  'drop index stock_moves_product',
  'create index stock_moves_product on stock_moves(product_id, warehouse_id, date, id, qty, value_minor)',
  'drop index invoices_supplier',
  'create index invoices_supplier on invoices(supplier_id, date) where supplier_id is not null',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
