import type Database from 'better-sqlite3';
import type { Compilable } from 'kysely';

/**
 * Kysely builds and types the SQL; better-sqlite3 runs it synchronously, so a command is one
 * synchronous `BEGIN IMMEDIATE … COMMIT` with no awaits inside, and statements are prepared once.
 */
export class Exec {
  readonly #sqlite: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(sqlite: Database.Database) {
    this.#sqlite = sqlite;
  }

  #prepare(sql: string): Database.Statement {
    let stmt = this.#statements.get(sql);
    if (!stmt) {
      stmt = this.#sqlite.prepare(sql);
      this.#statements.set(sql, stmt);
    }
    return stmt;
  }

  all<R>(query: Compilable<R>): R[] {
    const c = query.compile();
    return this.#prepare(c.sql).all(...(c.parameters as unknown[])) as R[];
  }

  get<R>(query: Compilable<R>): R | undefined {
    const c = query.compile();
    return this.#prepare(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
  }

  run(query: Compilable<unknown>): Database.RunResult {
    const c = query.compile();
    return this.#prepare(c.sql).run(...(c.parameters as unknown[]));
  }

  /** Hand-written SQL, for joins and aggregates: prepared once, rows typed by the caller. */
  select<R>(sql: string, ...params: unknown[]): R[] {
    return this.#prepare(sql).all(...params) as R[];
  }

  selectOne<R>(sql: string, ...params: unknown[]): R | undefined {
    return this.#prepare(sql).get(...params) as R | undefined;
  }

  /** A single value: the first column of the first row. */
  value<R>(sql: string, ...params: unknown[]): R | undefined {
    const row = this.#prepare(sql).get(...params) as Record<string, unknown> | undefined;
    return row === undefined ? undefined : (Object.values(row)[0] as R);
  }

  execute(sql: string, ...params: unknown[]): Database.RunResult {
    return this.#prepare(sql).run(...params);
  }
}
