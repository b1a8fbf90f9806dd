import { TradeloopError } from '@tradeloop/core';
import Database from 'better-sqlite3';
import { Kysely, type Migration, Migrator, NO_MIGRATIONS, SqliteDialect } from 'kysely';
import type { Driver } from './driver.js';
import { MIGRATIONS } from './migrations/index.js';
import { postgresTables, tableForPostgres, triggerForPostgres } from './postgres-schema.js';

/**
 * A migration may carry what it does to rows on PostgreSQL (a backfill, a rewrite of values):
 * statements run after its schema changes there. Its schema changes need no second form: they
 * are read from what it does to a SQLite book (`postgresUpgrade`).
 */
export interface PostgresForm {
  postgres?: readonly string[];
}

/** A SQLite database in memory that the migrations have brought up to `version` (none: `''`). */
export async function schemaAt(version: string): Promise<Database.Database> {
  const sqlite = new Database(':memory:');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
  const r = await migrator.migrateTo(version === '' ? NO_MIGRATIONS : version);
  if (r.error) throw r.error;
  return sqlite;
}

interface SchemaObject {
  type: string;
  name: string;
  table: string;
  sql: string;
}

const objects = (sqlite: Database.Database): Map<string, SchemaObject> =>
  new Map(
    (
      sqlite
        .prepare(
          'select type, name, tbl_name as "table", sql from sqlite_master where sql is not null and name not like \'sqlite_%\' order by rowid',
        )
        .all() as SchemaObject[]
    ).map((o) => [`${o.type}:${o.name}`, o]),
  );

/** The parts of a `create table`'s body, split at its top-level commas. */
function parts(sql: string): string[] {
  const body = sql.slice(sql.indexOf('(') + 1, sql.lastIndexOf(')'));
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let current = '';
  for (const ch of body) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out.map((p) => p.replace(/\s+/g, ' '));
}

const CONSTRAINT = /^(primary|unique|check|foreign|constraint)\b/i;
const columnName = (part: string) => (CONSTRAINT.test(part) ? undefined : part.split(' ')[0]?.replaceAll('"', ''));

/** A column's definition as PostgreSQL takes it, by the same words `tableForPostgres` uses. */
function columnForPostgres(definition: string): string {
  const table = tableForPostgres(`create table t (${definition}, id integer primary key)`);
  return table.slice(table.indexOf('(') + 1, table.lastIndexOf(', id bigint'));
}

/**
 * What one migration does to a book's schema, as PostgreSQL statements: read from a SQLite book
 * before and after it (tables made or dropped, columns added or dropped, indexes and triggers
 * made, changed or dropped, the rows it put in), then the migration's own statements for rows
 * (`PostgresForm`). A change it cannot repeat there (a column's type or a table's constraints
 * rewritten) is refused, naming the migration: it needs a PostgreSQL form of its own.
 */
export function postgresUpgrade(
  before: Database.Database,
  after: Database.Database,
  migration: string,
  form: PostgresForm = {},
): string[] {
  const was = objects(before);
  const is = objects(after);
  const cannot = (what: string) =>
    new TradeloopError(
      'book.migration_needed',
      `migration ${migration} ${what}, which a book on PostgreSQL cannot be brought through here`,
      { hint: 'move the book to a file (tradeloop move --to FILE), open it with this program, and move it back' },
    );
  const out: string[] = [];
  const { tables: order } = postgresTables(after);
  for (const name of order) {
    const now = is.get(`table:${name}`);
    const then = was.get(`table:${name}`);
    if (!now) continue;
    if (!then) {
      out.push(tableForPostgres(now.sql));
      continue;
    }
    if (then.sql === now.sql) continue;
    const [a, b] = [parts(then.sql), parts(now.sql)];
    const byName = (list: string[]) =>
      new Map(list.flatMap((p) => (columnName(p) ? [[columnName(p) as string, p] as const] : [])));
    const [colsA, colsB] = [byName(a), byName(b)];
    const constraints = (list: string[]) => list.filter((p) => !columnName(p)).join('|');
    if (constraints(a) !== constraints(b)) throw cannot(`rewrites the constraints of ${name}`);
    for (const [col, def] of colsA) {
      const next = colsB.get(col);
      if (next === undefined) out.push(`alter table "${name}" drop column "${col}"`);
      else if (next !== def) throw cannot(`changes the column ${name}.${col}`);
    }
    for (const [col, def] of colsB)
      if (!colsA.has(col)) out.push(`alter table "${name}" add column ${columnForPostgres(def)}`);
  }
  for (const [key, o] of was)
    if (o.type === 'table' && !is.has(key) && !/^kysely_/.test(o.name)) out.push(`drop table "${o.name}"`);
  for (const type of ['index', 'trigger'] as const) {
    for (const [key, o] of was) {
      if (o.type !== type || is.get(key)?.sql === o.sql) continue;
      out.push(type === 'index' ? `drop index "${o.name}"` : `drop trigger if exists ${o.name} on "${o.table}"`);
    }
    for (const [key, o] of is) {
      if (o.type !== type || was.get(key)?.sql === o.sql) continue;
      out.push(
        type === 'index' ? o.sql.replace(/\s+collate\s+nocase/gi, '') : triggerForPostgres(o.name, o.table, o.sql),
      );
    }
  }
  // The rows the migration put in (a new account of the chart): those a book made before lacks.
  for (const name of order) {
    if (/^kysely_|^settings$/.test(name)) continue;
    const rows = (db: Database.Database) =>
      db.prepare(`select name from sqlite_master where type = 'table' and name = ?`).get(name)
        ? (db.prepare(`select * from "${name}"`).all() as Record<string, unknown>[])
        : [];
    const old = new Set(rows(before).map((r) => JSON.stringify(r)));
    const added = rows(after).filter((row) => !old.has(JSON.stringify(row)));
    for (const row of added) {
      const values = Object.values(row).map((v) =>
        v === null ? 'null' : typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`,
      );
      out.push(
        `insert into "${name}" (${Object.keys(row)
          .map((c) => `"${c}"`)
          .join(', ')}) values (${values.join(', ')}) on conflict do nothing`,
      );
    }
    if (added.some((r) => typeof r.id === 'number'))
      out.push(`select setval(pg_get_serial_sequence('"${name}"', 'id'), (select max(id) from "${name}"))`);
  }
  return [...out, ...(form.postgres ?? [])];
}

/**
 * Bring a book on PostgreSQL up to this program's schema: each migration it has not had, in
 * order, as `postgresUpgrade` reads it, all in one transaction with the writers' lock, each
 * recorded in the same version table as on SQLite. Nothing changes when one is refused.
 */
export async function upgradePostgres(driver: Driver, applied: readonly string[]): Promise<string[]> {
  const names = Object.keys(MIGRATIONS).sort();
  const pending = names.filter((n) => !applied.includes(n));
  if (pending.length === 0) return [];
  const steps: { name: string; statements: string[] }[] = [];
  let before = await schemaAt(applied.at(-1) ?? '');
  for (const name of pending) {
    const after = await schemaAt(name);
    steps.push({
      name,
      statements: postgresUpgrade(before, after, name, MIGRATIONS[name] as Migration & PostgresForm),
    });
    before.close();
    before = after;
  }
  before.close();
  driver.transaction(() => {
    // Another server opening the book at the same moment may have brought it up meanwhile.
    const now = driver.all<{ name: string }>('select name from kysely_migration', []).map((r) => r.name);
    if (pending.some((n) => now.includes(n))) return;
    for (const step of steps) {
      for (const statement of step.statements) driver.run(statement, []);
      driver.run('insert into kysely_migration (name, timestamp) values (?, ?)', [step.name, new Date().toISOString()]);
    }
  });
  return pending;
}
