import { type Kysely, sql } from 'kysely';

/**
 * Quantity ranges on price rules, as ERPNext's pricing rules have them: a price list row or a
 * promotion holds from `min_qty` to `max_qty` included; null is no upper bound, which is what
 * every existing row meant. The checks refuse a range that ends before it starts, whatever
 * writes it.
 */
const STATEMENTS = [
  'alter table price_list_items add column max_qty integer check (max_qty is null or max_qty >= min_qty)',
  'alter table promotions add column max_qty integer check (max_qty is null or max_qty >= coalesce(min_qty, 0))',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
