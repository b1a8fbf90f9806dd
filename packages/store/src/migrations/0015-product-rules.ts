import { type Kysely, sql } from 'kysely';

/**
 * The product rules a products file sets that the book had nowhere to keep: a reorder point
 * given by hand (null: planning computes it from demand), shelf life in days, and a barcode.
 */
const STATEMENTS = [
  'alter table products add column reorder_point integer check (reorder_point is null or reorder_point >= 0)',
  'alter table products add column shelf_life_days integer check (shelf_life_days is null or shelf_life_days >= 0)',
  'alter table products add column barcode text',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
