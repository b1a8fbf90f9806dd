import { type Kysely, sql } from 'kysely';

/**
 * What `check` last proved, so that the next one proves what changed since instead of every
 * ledger row again: the last stock move, invoice, payment and allocation it covered, the book's
 * rewrite count then (a repost rewrites moves in place: any rewrite since voids the marks), and
 * each product's stock in each warehouse as the moves up to that one add up.
 */
const STATEMENTS = [
  `create table check_marks (
    id integer primary key,
    moves_through integer not null,
    invoices_through integer not null,
    payments_through integer not null,
    allocations_through integer not null,
    rewrites integer not null,
    proven_at text not null
  )`,
  `create table check_stock (
    product_id integer not null references products(id),
    warehouse_id integer not null references warehouses(id),
    qty integer not null,
    value_minor integer not null,
    primary key (product_id, warehouse_id)
  )`,
  // Payments with money left or over-allocated, for `check` to prove and sum without a scan.
  'create index payments_open on payments(kind) where unallocated_minor <> 0',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
