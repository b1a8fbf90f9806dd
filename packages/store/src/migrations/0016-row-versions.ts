import { type Kysely, sql } from 'kysely';

/**
 * The records the grid edits carry a row version, so that of two people editing one row the
 * second save sees the row changed under it. The version counts every update of the row, by
 * whatever command (an import, the command line, the grid): a trigger bumps it unless the update
 * set it itself or changed nothing (an import of the same file again leaves the book as it was).
 * A counter, not a hash of the editable fields, because it is one integer to send and compare, it
 * needs no hash function in SQL, and a row changed and changed back still counts as changed. The
 * trigger names the table's columns: a later migration adding a column to one of these tables
 * makes the trigger again (`versionTrigger`).
 *
 * Products also get the indexes a page of 100,000 sorted by name or price needs.
 */
export const VERSIONED_TABLES = [
  'products',
  'customers',
  'contacts',
  'suppliers',
  'salespeople',
  'warehouses',
  'bins',
  'price_list_items',
  'promotions',
  'commission_plans',
  'users',
] as const;

/** The trigger that bumps a row's version when an update changed any of these columns. */
export const versionTrigger = (table: string, columns: readonly string[]) => {
  const changed = columns
    .filter((c) => c !== 'version')
    .map((c) => `old."${c}" is not new."${c}"`)
    .join(' or ');
  return `create trigger ${table}_version after update on ${table} for each row
     when new.version = old.version and (${changed})
     begin update ${table} set version = old.version + 1 where rowid = new.rowid; end`;
};

const INDEXES = [
  'create index products_name on products(name, sku)',
  'create index products_price on products(price_minor, sku)',
  'create index customers_name on customers(name, code)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of VERSIONED_TABLES) {
    await sql.raw(`alter table ${table} add column version integer not null default 1`).execute(db);
    const { rows } = await sql.raw<{ name: string }>(`select name from pragma_table_info('${table}')`).execute(db);
    await sql
      .raw(
        versionTrigger(
          table,
          rows.map((r) => r.name),
        ),
      )
      .execute(db);
  }
  for (const statement of INDEXES) await sql.raw(statement).execute(db);
}
