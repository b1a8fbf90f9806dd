import { Busy, type Driver, type Prepared, type RunResult, type TransactionOptions } from './driver.js';
import { pgCall, pgConnect } from './pg-bridge.js';
import type { Answer, Statement } from './pg-worker.js';

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

/** The advisory lock every write transaction of a book takes first (any number will do; the same one). */
const WRITER_LOCK = 7_310_001;

/** Writes held back in a transaction before they are sent anyway, so a bulk load's wait on them stays bounded. */
const MAX_HELD = 256;

/** A write sent later, with the statement that next needs an answer: what it did, asked for, sends it. */
interface Held extends RunResult {
  answer?: Answer;
}

interface HeldStatement {
  statement: Statement;
  result: Held;
}

/**
 * The PostgreSQL driver: one connection held by a worker thread, each statement answered
 * synchronously (the main thread waits on the worker), so the store's commands stay synchronous
 * transactions on either engine. Transactions are `BEGIN` … `COMMIT` with one advisory lock
 * (writers take turns, as on SQLite), nested ones savepoints; an insert reports the id of the row it
 * wrote as SQLite's rowid.
 *
 * Round trips are what a statement costs here, so in a transaction a write whose result nobody
 * reads is held and sent with the next statement that needs an answer (a read, a result asked for,
 * the commit): the connection pipelines them, one round trip for all. A held write that fails
 * fails that statement, inside the same transaction, which is then rolled back as a whole.
 */
export class PgDriver implements Driver {
  readonly engine = 'postgres' as const;
  readonly readonly = false;
  readonly #id: number;
  #depth = 0;
  #open = true;
  #held: HeldStatement[] = [];

  /**
   * `lockTimeoutMs`: how long a transaction waits for the writers' lock (or any other) before it
   * fails with PostgreSQL's `lock_not_available` (55P03), as SQLite's busy timeout; none, without.
   */
  constructor(url: string, options: { lockTimeoutMs?: number } = {}) {
    this.#id = pgConnect(url);
    // Set with the connection's first statement, not a round trip of its own.
    if (options.lockTimeoutMs !== undefined)
      this.#hold(`set lock_timeout = ${Math.max(0, Math.trunc(options.lockTimeoutMs))}`);
  }

  /** Send what is held and then `statements`, in one call; the answers to `statements`. */
  #send(statements: Statement[]): Answer[] {
    const held = this.#held;
    this.#held = [];
    const all = held.length === 0 ? statements : [...held.map((h) => h.statement), ...statements];
    let answers: Answer[];
    try {
      answers = pgCall({ op: 'query', id: this.#id, statements: all });
    } catch (error) {
      // The statement goes with the error, for whoever reads a refused one's cause.
      if (error instanceof Error) {
        const index = (error as { index?: number }).index ?? 0;
        Object.assign(error, { sql: all[index]?.sql ?? all.at(-1)?.sql });
      }
      throw error;
    }
    for (let i = 0; i < held.length; i++) (held[i] as HeldStatement).result.answer = answers[i];
    return held.length === 0 ? answers : answers.slice(held.length);
  }

  #query(sql: string, params: readonly unknown[], rowMode?: 'array'): Answer {
    return this.#send([statement(sql, params, rowMode)])[0] as Answer;
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
    const s = statement(insert ? `${sql} returning *` : sql, params);
    const of = (r: Answer): RunResult => ({
      changes: r.rowCount,
      lastInsertRowid: insert ? ((r.rows.at(-1) as { id?: number } | undefined)?.id ?? 0) : 0,
    });
    // Outside a transaction each statement is its own: sent now, so a failure is this call's.
    if (this.#depth === 0) return of(this.#send([s])[0] as Answer);
    const driver = this;
    const held: Held = {
      get changes() {
        return of(driver.#answerOf(held)).changes;
      },
      get lastInsertRowid() {
        return of(driver.#answerOf(held)).lastInsertRowid;
      },
    };
    this.#held.push({ statement: s, result: held });
    if (this.#held.length >= MAX_HELD) this.#send([]);
    return held;
  }

  /** A held write's answer, sending it (and what is held with it) when it has not gone yet. */
  #answerOf(held: Held): Answer {
    if (!held.answer) this.#send([]);
    // Dropped unsent, with the transaction or savepoint that was undone.
    if (!held.answer) throw new Error('the write was undone with its transaction before it was sent');
    return held.answer;
  }

  rows(sql: string, params: readonly unknown[]): unknown[][] {
    return this.#query(sql, params, 'array').rows as unknown[][];
  }

  iterate<R>(sql: string, params: readonly unknown[]): IterableIterator<R> {
    return (this.#query(sql, params).rows as R[])[Symbol.iterator]();
  }

  transaction<T>(fn: () => T, options: TransactionOptions = {}): T {
    const depth = this.#depth;
    const savepoint = `tl_${depth}`;
    if (depth === 0 && options.wait === false) {
      this.#query('begin', []);
      if (this.get<{ got: number }>('select pg_try_advisory_xact_lock(?) as got', [WRITER_LOCK])?.got !== 1) {
        this.#query('rollback', []);
        throw new Busy();
      }
    }
    const opened =
      depth > 0 ? this.#hold(`savepoint ${savepoint}`) : options.wait === false ? undefined : this.#beginHeld();
    this.#depth = depth + 1;
    try {
      const value = fn();
      this.#send([statement(depth === 0 ? 'commit' : `release savepoint ${savepoint}`, [])]);
      return value;
    } catch (error) {
      // What is held since the transaction opened is the work being undone; if its opening is
      // held still, the server never saw it, and nothing there needs undoing.
      const at = opened ? this.#held.indexOf(opened) : -1;
      if (at >= 0) this.#held.length = at;
      else {
        this.#held = [];
        this.#query(depth === 0 ? 'rollback' : `rollback to savepoint ${savepoint}`, []);
      }
      throw error;
    } finally {
      this.#depth = depth;
    }
  }

  /**
   * `BEGIN` and the writers' lock, held to go with the transaction's first statement. One writer at
   * a time, as SQLite's BEGIN IMMEDIATE: commands read the audit chain's head and the stock they
   * take, and write after it; the lock is the transaction's, released at its end.
   */
  #beginHeld(): HeldStatement {
    const begin = this.#hold('begin');
    this.#hold('select pg_advisory_xact_lock(?)', [WRITER_LOCK]);
    return begin;
  }

  #hold(sql: string, params: readonly unknown[] = []): HeldStatement {
    const held = { statement: statement(sql, params), result: { changes: 0, lastInsertRowid: 0 } };
    this.#held.push(held);
    return held;
  }

  begin(): void {
    if (this.#depth > 0) throw new Error('a transaction is open already');
    this.#beginHeld();
    this.#depth = 1;
    try {
      this.#send([]);
    } catch (error) {
      this.rollback();
      throw error;
    }
  }

  commit(): void {
    this.#send([statement('commit', [])]);
    this.#depth = 0;
  }

  rollback(): void {
    if (this.#depth === 0) return;
    this.#depth = 0;
    this.#held = [];
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
    this.#held = [];
    pgCall({ op: 'end', id: this.#id });
  }
}

/** A statement as the worker sends it: PostgreSQL's placeholders and quoted aliases. */
function statement(sql: string, params: readonly unknown[], rowMode?: 'array'): Statement {
  return { sql: forPostgres(sql), params: [...params], ...(rowMode ? { rowMode } : {}) };
}
