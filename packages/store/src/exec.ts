import type Database from 'better-sqlite3';
import type { Compilable, CompiledQuery, QueryExecutorProvider, RawBuilder } from 'kysely';

/** A statement kysely built: a query builder, or `sql<Row>` for what reads better as SQL. */
export type Query<R> = Compilable<R> | RawBuilder<R>;

/**
 * Kysely builds and types the SQL; better-sqlite3 runs it synchronously, so a command is one
 * synchronous `BEGIN IMMEDIATE … COMMIT` with no awaits inside, and statements are prepared once.
 */
export class Exec {
  readonly #sqlite: Database.Database;
  readonly #compiler: QueryExecutorProvider;
  readonly #statements = new Map<string, Database.Statement>();

  /** `compiler` compiles `sql` templates (the book's kysely instance); nothing runs through it. */
  constructor(sqlite: Database.Database, compiler: QueryExecutorProvider) {
    this.#sqlite = sqlite;
    this.#compiler = compiler;
  }

  #compile<R>(query: Query<R>): CompiledQuery<R> {
    return 'isRawBuilder' in query ? query.compile(this.#compiler) : query.compile();
  }

  #prepare(sql: string): Database.Statement {
    let stmt = this.#statements.get(sql);
    if (!stmt) {
      stmt = this.#sqlite.prepare(sql);
      this.#statements.set(sql, stmt);
    }
    return stmt;
  }

  all<R>(query: Query<R>): R[] {
    const c = this.#compile(query);
    return this.#prepare(c.sql).all(...(c.parameters as unknown[])) as R[];
  }

  get<R>(query: Query<R>): R | undefined {
    const c = this.#compile(query);
    return this.#prepare(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
  }

  run(query: Query<unknown>): Database.RunResult {
    const c = this.#compile(query);
    return this.#prepare(c.sql).run(...(c.parameters as unknown[]));
  }

  /**
   * Hand-written SQL, prepared once, rows typed by the caller's word alone. New code builds its
   * statements with `book.db` (or `sql<Row>`) and runs them with `all`, `get` and `run` instead.
   */
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
