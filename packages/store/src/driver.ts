import type Database from 'better-sqlite3';

/** What a write did: rows changed, and the rowid of the row inserted last. */
export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
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
   * returns, rolled back when it throws. Inside another, it nests as a savepoint.
   */
  transaction<T>(fn: () => T): T;
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

  transaction<T>(fn: () => T): T {
    return this.sqlite.transaction(fn).immediate();
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
