import { type Kysely, sql } from 'kysely';
import { searchInitials } from '../search-initials.js';

/** Rows read and written per statement while filling: one JSON argument each, not one call a row. */
const CHUNK = 5000;

/**
 * Products and customers carry their names' pinyin initials (`searchInitials`: 龙井茶 → ljc),
 * so a picker finds 龙井茶 by `ljc`. Stored, not computed in SQL: the reading needs pinyin-pro's
 * dictionary, which a trigger or generated column could only reach through a function every
 * connection to the book (the sqlite3 shell included) would have to register. The commands that
 * write a name write its initials (`search-initials.ts`), and `check` reports any that differ.
 *
 * The column collates without case and its index is on it, so `initials like 'ljc%'` reads the
 * index under SQLite's LIKE optimization (case-insensitive LIKE, the default, needs a NOCASE index).
 *
 * The row-version triggers of migration 0016 are left as they are: initials change only with
 * the name, which the trigger compares, and filling them here must not make every open grid row
 * stale.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One transaction: filling 100,000 names takes seconds, and a process stopped halfway must not
  // leave the column added with the migration unrecorded (SQLite's migrations run without one).
  await db.transaction().execute(async (trx) => {
    for (const table of ['products', 'customers']) {
      await sql.raw(`alter table ${table} add column initials text not null default '' collate nocase`).execute(trx);
      const { rows } = await sql.raw<{ id: number; name: string }>(`select id, name from ${table}`).execute(trx);
      for (let i = 0; i < rows.length; i += CHUNK) {
        const pairs = rows.slice(i, i + CHUNK).map((r) => [r.id, searchInitials(r.name)]);
        await sql`update ${sql.table(table)} set initials = m.value ->> 1 from json_each(${JSON.stringify(pairs)}) m
          where ${sql.table(table)}.id = m.value ->> 0`.execute(trx);
      }
      await sql.raw(`create index ${table}_initials on ${table}(initials)`).execute(trx);
    }
  });
}
