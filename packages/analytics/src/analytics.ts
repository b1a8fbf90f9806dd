import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { type Book, listProducts } from '@tradeloop/store';

/**
 * DuckDB must never reach for the network: extensions are neither installed nor loaded on demand,
 * so a query that would need one fails at once instead of hanging on a download.
 */
export const DUCKDB_OPTIONS: Readonly<Record<string, string>> = {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
};

/** The analytics file kept beside a book: `acme.db` → `acme.analytics.duckdb`. */
export function analyticsPathFor(bookPath: string): string {
  return `${bookPath.replace(/\.(db|sqlite3?|book)$/i, '')}.analytics.duckdb`;
}

export interface SyncSummary {
  products: number;
}

/**
 * The analytics store: a DuckDB file fed from the book. It only reads the book (through the
 * store's API), never writes it. Open, sync, query, close.
 */
export class Analytics {
  readonly path: string;
  readonly #instance: DuckDBInstance;
  readonly connection: DuckDBConnection;

  private constructor(path: string, instance: DuckDBInstance, connection: DuckDBConnection) {
    this.path = path;
    this.#instance = instance;
    this.connection = connection;
  }

  /** Open (or create) the analytics file for a book, or an in-memory store with `:memory:`. */
  static async open(path: string): Promise<Analytics> {
    const instance = await DuckDBInstance.create(path, { ...DUCKDB_OPTIONS });
    const connection = await instance.connect();
    return new Analytics(path, instance, connection);
  }

  /**
   * Bring the analytics copy up to date with the book. Master data is small and is refreshed
   * whole, in one DuckDB transaction, so a reader never sees half a refresh.
   */
  async sync(book: Book): Promise<SyncSummary> {
    const products = listProducts(book);
    const c = this.connection;
    await c.run('begin transaction');
    try {
      await c.run(`create or replace table products (
        sku varchar primary key, name varchar not null, name_en varchar, category varchar not null,
        uom varchar not null, price_minor bigint not null, cost_minor bigint not null,
        tax_rate_bp integer not null, listed boolean not null)`);
      const appender = await c.createAppender('products');
      for (const p of products) {
        appender.appendVarchar(p.sku);
        appender.appendVarchar(p.name);
        if (p.nameEn === null) appender.appendNull();
        else appender.appendVarchar(p.nameEn);
        appender.appendVarchar(p.category);
        appender.appendVarchar(p.uom);
        appender.appendBigInt(BigInt(p.price));
        appender.appendBigInt(BigInt(p.cost));
        appender.appendInteger(p.taxRate);
        appender.appendBoolean(p.listed);
        appender.endRow();
      }
      appender.closeSync();
      await c.run('commit');
    } catch (error) {
      await c.run('rollback');
      throw error;
    }
    return { products: products.length };
  }

  /** Run a read query and return plain rows (BIGINT as bigint). */
  async query(sql: string): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  }

  close(): void {
    this.connection.closeSync();
    this.#instance.closeSync();
  }
}

/**
 * Open the analytics store beside a book, sync it, run `fn`, and close it again, so that no
 * DuckDB file lock outlives one report.
 */
export async function withAnalytics<T>(book: Book, fn: (a: Analytics) => Promise<T>): Promise<T> {
  const analytics = await Analytics.open(analyticsPathFor(book.path));
  try {
    await analytics.sync(book);
    return await fn(analytics);
  } finally {
    analytics.close();
  }
}
