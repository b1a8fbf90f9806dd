import type { Driver, Prepared, RunResult } from './driver.js';
import type { WorkerAnswer, WorkerCall } from './pg-worker.js';
import { storeRequire } from './store-require.js';

/**
 * `?` placeholders as PostgreSQL numbers them (`$1`, `$2`, …), leaving question marks inside
 * string literals, quoted identifiers and comments alone; one only tested for null is typed as text.
 *
 * @example
 * positional("select * from t where a = ? and b = '?'") // "select * from t where a = $1 and b = '?'"
 */
export function positional(sql: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i] as string;
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop + 1);
      i = stop;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (ch === '?') {
      n += 1;
      // A parameter only tested for null has no type PostgreSQL could infer: say it is text.
      out += /^\s+is\s+(not\s+)?null\b/i.test(sql.slice(i + 1)) ? `$${n}::text` : `$${n}`;
    } else out += ch;
  }
  return out;
}

/**
 * PostgreSQL folds names not quoted to lower case, SQLite keeps them as written: a camelCase alias
 * (`due_date as dueDate`) is quoted wherever the statement names it, so rows have the same keys
 * on both engines.
 *
 * @example
 * quoteCamelAliases('select due_date as dueDate from t order by dueDate')
 * // 'select due_date as "dueDate" from t order by "dueDate"'
 */
export function quoteCamelAliases(sql: string): string {
  const aliases = new Set([...sql.matchAll(/\bas\s+([a-z][a-z0-9]*[A-Z]\w*)\b/g)].map((m) => m[1] as string));
  let out = sql;
  for (const alias of aliases) out = out.replace(new RegExp(`(?<!["'\\w])${alias}(?!["'\\w])`, 'g'), `"${alias}"`);
  return out;
}

/** A statement as PostgreSQL takes it, translated once per text. */
const translated = new Map<string, string>();
export function forPostgres(sql: string): string {
  let out = translated.get(sql);
  if (out === undefined) {
    out = quoteCamelAliases(positional(sql));
    // Statements whose text varies (a grid page's) are not worth keeping past a bound.
    if (translated.size > 5_000) translated.clear();
    translated.set(sql, out);
  }
  return out;
}

/** Drivers made in this process, each connection's number in the worker. */
let drivers = 0;

/** The advisory lock every write transaction of a book takes first (any number will do; the same one). */
const WRITER_LOCK = 7_310_001;

/**
 * The PostgreSQL driver: one connection held by a worker thread, each statement answered
 * synchronously (the main thread waits on the worker, as synckit does it), so the store's
 * commands stay synchronous transactions on either engine. Transactions are `BEGIN` … `COMMIT`
 * with one advisory lock (writers take turns, as on SQLite), nested ones savepoints; an insert
 * reports the id of the row it wrote as SQLite's rowid.
 */
export class PgDriver implements Driver {
  readonly engine = 'postgres' as const;
  readonly readonly = false;
  readonly #call: (call: WorkerCall) => WorkerAnswer;
  readonly #id = ++drivers;
  #depth = 0;
  #open = true;

  constructor(url: string) {
    // Loaded here, not with the module: a command on a SQLite book does not pay for it at start-up.
    const { createSyncFn } = storeRequire('synckit') as typeof import('synckit');
    this.#call = createSyncFn(import.meta.resolve('@tradeloop/store/pg-worker').replace(/^file:\/\//, ''));
    this.#call({ op: 'connect', id: this.#id, url });
  }

  #query(sql: string, params: readonly unknown[], rowMode?: 'array'): WorkerAnswer {
    try {
      return this.#call({
        op: 'query',
        id: this.#id,
        sql: forPostgres(sql),
        params: [...params],
        ...(rowMode ? { rowMode } : {}),
      });
    } catch (error) {
      // The statement goes with the error, for whoever reads a refused one's cause.
      if (error instanceof Error) Object.assign(error, { sql });
      throw error;
    }
  }

  all<R>(sql: string, params: readonly unknown[]): R[] {
    return this.#query(sql, params).rows as R[];
  }

  get<R>(sql: string, params: readonly unknown[]): R | undefined {
    return this.#query(sql, params).rows[0] as R | undefined;
  }

  run(sql: string, params: readonly unknown[]): RunResult {
    // The id written, as SQLite's lastInsertRowid; an insert naming its ids needs none back.
    const insert =
      /^\s*insert\s/i.test(sql) &&
      !/\sreturning\s/i.test(sql) &&
      !/^\s*insert\s+into\s+\S+\s*\(\s*"?id"?\s*,/i.test(sql);
    const r = this.#query(insert ? `${sql} returning *` : sql, params);
    const last = insert ? (r.rows.at(-1) as { id?: number } | undefined)?.id : undefined;
    return { changes: r.rowCount, lastInsertRowid: last ?? 0 };
  }

  rows(sql: string, params: readonly unknown[]): unknown[][] {
    return this.#query(sql, params, 'array').rows as unknown[][];
  }

  iterate<R>(sql: string, params: readonly unknown[]): IterableIterator<R> {
    return (this.#query(sql, params).rows as R[])[Symbol.iterator]();
  }

  transaction<T>(fn: () => T): T {
    const depth = this.#depth;
    const savepoint = `tl_${depth}`;
    this.#query(depth === 0 ? 'begin' : `savepoint ${savepoint}`, []);
    // One writer at a time, as SQLite's BEGIN IMMEDIATE: commands read the audit chain's head and
    // the stock they take, and write after it; the lock is the transaction's, released at its end.
    if (depth === 0) this.#query('select pg_advisory_xact_lock(?)', [WRITER_LOCK]);
    this.#depth = depth + 1;
    try {
      const value = fn();
      this.#query(depth === 0 ? 'commit' : `release savepoint ${savepoint}`, []);
      return value;
    } catch (error) {
      this.#query(depth === 0 ? 'rollback' : `rollback to savepoint ${savepoint}`, []);
      throw error;
    } finally {
      this.#depth = depth;
    }
  }

  begin(): void {
    if (this.#depth > 0) throw new Error('a transaction is open already');
    this.#query('begin', []);
    this.#depth = 1;
    try {
      this.#query('select pg_advisory_xact_lock(?)', [WRITER_LOCK]);
    } catch (error) {
      this.rollback();
      throw error;
    }
  }

  commit(): void {
    this.#query('commit', []);
    this.#depth = 0;
  }

  rollback(): void {
    if (this.#depth === 0) return;
    this.#depth = 0;
    this.#query('rollback', []);
  }

  prepare(sql: string): Prepared {
    return {
      get: <R>(...params: unknown[]) => this.get<R>(sql, params),
      all: <R>(...params: unknown[]) => this.all<R>(sql, params),
      run: (...params: unknown[]) => this.run(sql, params),
      walk: (...params: unknown[]) => this.rows(sql, params)[Symbol.iterator](),
    };
  }

  get inTransaction(): boolean {
    return this.#depth > 0;
  }

  get open(): boolean {
    return this.#open;
  }

  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#call({ op: 'end', id: this.#id });
  }
}
