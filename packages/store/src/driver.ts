import type Database from 'better-sqlite3';

/** What a write did: rows changed, and the rowid of the row inserted last. */
export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface TransactionOptions {
  /** Wait for another writer to finish (the default), or give up at once. */
  wait?: boolean;
}

/** Another writer holds the book and the transaction was not to wait for it. */
export class Busy extends Error {
  constructor() {
    super('another writer holds the book');
  }
}

/** A statement prepared by its caller (`Driver.prepare`). */
export interface Prepared {
  get<R>(...params: unknown[]): R | undefined;
  all<R>(...params: unknown[]): R[];
  run(...params: unknown[]): RunResult;
  /** Rows as arrays of values, one at a time. */
  walk(...params: unknown[]): IterableIterator<unknown[]>;
}

/**
 * How the store runs SQL on a book's engine, synchronously: a command is one transaction with no
 * awaits inside. Every statement of the store goes through a driver; what differs between engines
 * (placeholders, locking, what a write returns) is the driver's to handle.
 */
export interface Driver {
  readonly engine: 'sqlite' | 'postgres';
  all<R>(sql: string, params: readonly unknown[]): R[];
  get<R>(sql: string, params: readonly unknown[]): R | undefined;
  run(sql: string, params: readonly unknown[]): RunResult;
  /** Rows as arrays of values, in the statement's column order: for feeds that copy many rows. */
  rows(sql: string, params: readonly unknown[]): unknown[][];
  /** Rows one at a time, for a walk over a whole table that must not hold it. */
  iterate<R>(sql: string, params: readonly unknown[]): IterableIterator<R>;
  /**
   * Run `fn` in a write transaction taken at once (SQLite's `BEGIN IMMEDIATE`): committed when it
   * returns, rolled back when it throws. Inside another, it nests as a savepoint. With `wait: false`
   * it does not wait for another writer: it throws at once (`Busy`) while one holds the book.
   */
  transaction<T>(fn: () => T, options?: TransactionOptions): T;
  /**
   * A transaction held across awaits, for a bulk path that streams its input (the sales history):
   * `begin` takes the write lock as `transaction` does, `commit` or `rollback` ends it.
   */
  begin(): void;
  commit(): void;
  rollback(): void;
  /**
   * A statement not kept by the driver (its SQL varies per call, a grid page's), or prepared once
   * by its caller for a bulk path: rows as objects, as arrays one at a time, or a write.
   */
  prepare(sql: string): Prepared;
  readonly inTransaction: boolean;
  readonly readonly: boolean;
  readonly open: boolean;
  close(): void;
}

/** The SQLite driver: better-sqlite3, each statement prepared once per connection. */
export class SqliteDriver implements Driver {
  readonly engine = 'sqlite' as const;
  readonly sqlite: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(sqlite: Database.Database) {
    this.sqlite = sqlite;
  }

  #prepare(sql: string): Database.Statement {
    let stmt = this.#statements.get(sql);
    if (!stmt) {
      stmt = this.sqlite.prepare(sql);
      this.#statements.set(sql, stmt);
    }
    return stmt;
  }

  all<R>(sql: string, params: readonly unknown[]): R[] {
    return this.#prepare(sql).all(...params) as R[];
  }

  get<R>(sql: string, params: readonly unknown[]): R | undefined {
    return this.#prepare(sql).get(...params) as R | undefined;
  }

  run(sql: string, params: readonly unknown[]): RunResult {
    return this.#prepare(sql).run(...params);
  }

  rows(sql: string, params: readonly unknown[]): unknown[][] {
    // `raw` switches the prepared statement's mode: a statement of its own, not the cached one.
    return this.sqlite
      .prepare(sql)
      .raw()
      .all(...params) as unknown[][];
  }

  iterate<R>(sql: string, params: readonly unknown[]): IterableIterator<R> {
    return this.sqlite.prepare(sql).iterate(...params) as IterableIterator<R>;
  }

  transaction<T>(fn: () => T, options: TransactionOptions = {}): T {
    if (options.wait !== false || this.sqlite.inTransaction) return this.sqlite.transaction(fn).immediate();
    const wait = Number(this.sqlite.pragma('busy_timeout', { simple: true }));
    this.sqlite.pragma('busy_timeout = 0');
    try {
      return this.sqlite.transaction(fn).immediate();
    } catch (error) {
      throw (error as { code?: string }).code === 'SQLITE_BUSY' ? new Busy() : error;
    } finally {
      this.sqlite.pragma(`busy_timeout = ${wait}`);
    }
  }

  begin(): void {
    this.sqlite.exec('begin immediate');
  }

  commit(): void {
    this.sqlite.exec('commit');
  }

  rollback(): void {
    if (this.sqlite.inTransaction) this.sqlite.exec('rollback');
  }

  prepare(sql: string): Prepared {
    const stmt = this.sqlite.prepare(sql);
    const reads = stmt.reader;
    const raw = reads ? this.sqlite.prepare(sql).raw() : undefined;
    return {
      get: <R>(...params: unknown[]) => stmt.get(...params) as R | undefined,
      all: <R>(...params: unknown[]) => stmt.all(...params) as R[],
      run: (...params: unknown[]) => stmt.run(...params),
      walk: (...params: unknown[]) => {
        if (!raw) throw new Error('a statement that writes has no rows to walk');
        return raw.iterate(...params) as IterableIterator<unknown[]>;
      },
    };
  }

  get inTransaction(): boolean {
    return this.sqlite.inTransaction;
  }

  get readonly(): boolean {
    return this.sqlite.readonly;
  }

  get open(): boolean {
    return this.sqlite.open;
  }

  close(): void {
    if (this.sqlite.open) this.sqlite.close();
  }
}
