import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { TradeloopError } from '@tradeloop/core';
import { Book, isPostgres, migratedSchema, redacted } from './book.js';
import { bulkInsert } from './bulk-insert.js';
import { type CheckProblem, check } from './check.js';
import { columnsOf, identityAfter, refreshStatistics } from './dialect.js';

/** What a table of a book holds, as `bookFingerprint` sums it up. */
export interface TableFingerprint {
  table: string;
  rows: number;
  /** SHA-256 of the rows in key order, each value written the same whichever engine read it. */
  hash: string;
}

export interface MoveSummary {
  from: string;
  to: string;
  tables: number;
  rows: number;
  /** `check` of the new book: empty when it is consistent. */
  problems: CheckProblem[];
  /** Tables whose rows differ between the books after the copy (none when it is faithful). */
  differences: string[];
}

/**
 * Tables each book keeps of its own: the version tables, written by the migrations it was made
 * with, and what its own checks proved (a moved book is proven from its rows, then keeps its own).
 */
const OWN_TABLES = new Set(['kysely_migration', 'kysely_migration_lock', 'check_marks', 'check_stock']);

/** Rows read and written per statement while copying. */
const PAGE = 2_000;

interface TableShape {
  table: string;
  /** `id`, or the rowid a table without one keeps (hidden on SQLite, a column on PostgreSQL). */
  key: 'id' | 'rowid';
  columns: string[];
}

async function shapes(book: Book): Promise<TableShape[]> {
  const { tables } = await migratedSchema();
  return tables
    .filter((t) => !OWN_TABLES.has(t))
    .map((table) => {
      const all = columnsOf(book, table);
      const key = all.includes('id') ? 'id' : 'rowid';
      return { table, key, columns: all.filter((c) => c !== 'id' && c !== 'rowid') };
    });
}

/** A page of a table's rows after a key, key first then the columns, as arrays. */
function page(book: Book, shape: TableShape, after: number): unknown[][] {
  const cols = [shape.key, ...shape.columns].map((c) => `"${c}"`).join(', ');
  return book.driver.rows(
    `select ${cols.replace('"rowid"', 'rowid')} from "${shape.table}" where ${shape.key} > ? order by ${shape.key} limit ?`,
    [after, PAGE],
  );
}

/** A value written the same whichever engine read it: bytes as hex, the rest as JSON. */
const canonical = (v: unknown): string =>
  v instanceof Uint8Array
    ? `x'${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}'`
    : JSON.stringify(v);

/**
 * What every table of a book holds: its rows and a hash of them in key order. Two books with the
 * same fingerprint hold the same rows, ids and all, whatever engine each is on.
 */
export async function bookFingerprint(book: Book): Promise<TableFingerprint[]> {
  book.requirePermission('book.read');
  const out: TableFingerprint[] = [];
  for (const shape of await shapes(book)) {
    const hash = createHash('sha256');
    let rows = 0;
    let after = 0;
    for (;;) {
      const batch = page(book, shape, after);
      for (const r of batch) hash.update(`${r.map(canonical).join('\u001f')}\n`);
      rows += batch.length;
      if (batch.length < PAGE) break;
      after = Number((batch.at(-1) as unknown[])[0]);
    }
    out.push({ table: shape.table, rows, hash: hash.digest('hex') });
  }
  return out;
}

/**
 * Copy a book into a new one on the other engine (a SQLite file into an empty PostgreSQL
 * database, or back): every row of every table with its ids, in one transaction on each side
 * (the source's write lock held, so what is copied is one moment of it), identity columns moved
 * past the ids copied. Then prove it: `check` of the new book, and every table's rows the same on
 * both (`bookFingerprint`). The source is not changed. A target that exists is refused; a copy
 * that fails leaves no file (on PostgreSQL, a new empty book, named in the error).
 *
 * @example
 * await moveBook(await Book.open('acme.db'), 'postgres://tl@db.internal/acme')
 * // { tables: 61, rows: 48213, problems: [], differences: [] }
 */
export async function moveBook(source: Book, target: string, options: { actor?: string } = {}): Promise<MoveSummary> {
  source.requirePermission('book.admin');
  if (isPostgres(source.path) === isPostgres(target) && !isPostgres(target))
    throw new TradeloopError(
      'move.same_engine',
      `${target} is a file like ${source.path}: copy it with backup instead`,
      {
        hint: 'move a SQLite book to postgres://… or a PostgreSQL book to a file',
      },
    );
  const to = await Book.create(target, { actor: options.actor ?? source.actor, clock: source.clock });
  try {
    const from = await shapes(source);
    let rows = 0;
    source.driver.transaction(() =>
      to.driver.transaction(() => {
        // A new book's own rows (its chart of accounts, its settings) give way to the source's.
        for (const shape of [...from].reverse())
          if ((to.driver.get<{ n: number }>(`select count(*) as n from "${shape.table}"`, [])?.n ?? 0) > 0)
            to.driver.run(`delete from "${shape.table}"`, []);
        const blobs = to.driver.engine === 'sqlite';
        for (const shape of from) {
          const insert = bulkInsert(to.driver, `"${shape.table}"`, [shape.key, ...shape.columns.map((c) => `"${c}"`)], {
            rowsPer: 200,
          });
          let after = 0;
          for (;;) {
            const batch = page(source, shape, after);
            for (const r of batch)
              insert.add(
                ...(blobs ? r.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v)) : r),
              );
            rows += batch.length;
            if (batch.length < PAGE) break;
            after = Number((batch.at(-1) as unknown[])[0]);
          }
          insert.flush();
          identityAfter(to, shape.table, shape.key);
        }
      }),
    );
    to.forgetSettings();
    refreshStatistics(to);
    // The copy is proven from its own rows: the marks it carries over say what was proven there.
    const problems = check(to, { full: true });
    const [a, b] = [await bookFingerprint(source), await bookFingerprint(to)];
    const differences = a
      .filter((t, i) => t.hash !== b[i]?.hash || t.rows !== b[i]?.rows)
      .map((t) => `${t.table}: ${t.rows} rows here, ${b.find((x) => x.table === t.table)?.rows ?? 0} there`);
    return { from: redacted(source.path), to: redacted(target), tables: from.length, rows, problems, differences };
  } catch (error) {
    to.close();
    if (!isPostgres(target)) for (const f of ['', '-wal', '-shm']) rmSync(target + f, { force: true });
    else if (error instanceof TradeloopError || error instanceof Error)
      Object.assign(error, {
        hint: `${redacted(target)} now holds a new empty book: drop and create the database before trying again`,
      });
    throw error;
  } finally {
    if (to.driver.open) to.close();
  }
}
