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
}
