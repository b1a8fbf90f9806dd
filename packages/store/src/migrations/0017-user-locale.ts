import { type Kysely, sql } from 'kysely';

/**
 * The language a user chose for the app (`en`, `zh-CN`; null: none chosen, the browser's
 * language decides). Which tags are known is core's `LOCALES`, checked by the command that sets
 * it, so a language added later needs no change to the table.
 *
 * The row-version trigger of migration 0016 is left as it is: it names the columns it compares,
 * so a change of language does not bump the user's version. The language is the person's own
 * preference, not part of the record others edit in the users grid, and must not make their edit
 * of this row stale.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table users add column locale text').execute(db);
}
