import type { Compilable, CompiledQuery, QueryExecutorProvider, RawBuilder } from 'kysely';
import type { Driver, RunResult } from './driver.js';

/** A statement kysely built: a query builder, or `sql<Row>` for what reads better as SQL. */
export type Query<R> = Compilable<R> | RawBuilder<R>;

/**
 * Kysely builds and types the SQL; the book's driver runs it synchronously, so a command is one
 * synchronous transaction with no awaits inside.
 */
export class Exec {
  readonly #driver: Driver;
  readonly #compiler: QueryExecutorProvider;

  /** `compiler` compiles `sql` templates (the book's kysely instance); nothing runs through it. */
  constructor(driver: Driver, compiler: QueryExecutorProvider) {
    this.#driver = driver;
    this.#compiler = compiler;
  }

  #compile<R>(query: Query<R>): CompiledQuery<R> {
    return 'isRawBuilder' in query ? query.compile(this.#compiler) : query.compile();
  }

  all<R>(query: Query<R>): R[] {
    const c = this.#compile(query);
    return this.#driver.all<R>(c.sql, c.parameters);
  }

  get<R>(query: Query<R>): R | undefined {
    const c = this.#compile(query);
    return this.#driver.get<R>(c.sql, c.parameters);
  }

  run(query: Query<unknown>): RunResult {
    const c = this.#compile(query);
    return this.#driver.run(c.sql, c.parameters);
  }

  /**
   * Hand-written SQL, rows typed by the caller's word alone. New code builds its statements with
   * `book.db` (or `sql<Row>`) and runs them with `all`, `get` and `run` instead.
   */
  select<R>(sql: string, ...params: unknown[]): R[] {
    return this.#driver.all<R>(sql, params);
  }

  selectOne<R>(sql: string, ...params: unknown[]): R | undefined {
    return this.#driver.get<R>(sql, params);
  }

  /** A single value: the first column of the first row. */
  value<R>(sql: string, ...params: unknown[]): R | undefined {
    const row = this.#driver.get<Record<string, unknown>>(sql, params);
    return row === undefined ? undefined : (Object.values(row)[0] as R);
  }

  execute(sql: string, ...params: unknown[]): RunResult {
    return this.#driver.run(sql, params);
  }

  /** Rows as arrays of values, for feeds that copy many rows. */
  rows(sql: string, ...params: unknown[]): unknown[][] {
    return this.#driver.rows(sql, params);
  }

  /** Rows one at a time, for a walk over a whole table. */
  iterate<R>(sql: string, ...params: unknown[]): IterableIterator<R> {
    return this.#driver.iterate<R>(sql, params);
  }
}
