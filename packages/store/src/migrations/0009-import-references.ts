import { type Kysely, sql } from 'kysely';

/**
 * The order number an imported order had in the file it came from, so importing that file again
 * finds the order instead of placing it twice (as ERPNext keeps a customer's PO number and Odoo an
 * order's origin). Null for orders entered here.
 */
const STATEMENTS = [
  'alter table sales_orders add column source_ref text',
  'alter table purchase_orders add column source_ref text',
  'create unique index sales_orders_source_ref on sales_orders(source_ref) where source_ref is not null',
  'create unique index purchase_orders_source_ref on purchase_orders(source_ref) where source_ref is not null',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
