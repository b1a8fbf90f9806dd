import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DEFAULT_ROUNDING, type RoundingMode, TradeloopError } from '@tradeloop/core';
import {
  auditStamp,
  type Book,
  changeMarker,
  FEEDS,
  type FeedName,
  feedRows,
  listProducts,
  openOrderNumbers,
  orderLineRows,
  rewriteCount,
} from '@tradeloop/store';

/**
 * DuckDB must never reach for the network: extensions are neither installed nor loaded on demand,
 * so a query that would need one fails at once instead of hanging on a download.
 */
export const DUCKDB_OPTIONS: Readonly<Record<string, string>> = {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
};

/** The analytics store's own layout: a store synced under another is rebuilt whole. */
const LAYOUT = 4;

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
  /** The book's rounding, taken when it syncs: ratios and shares are rounded as the book rounds. */
  rounding: RoundingMode = DEFAULT_ROUNDING;

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
    this.rounding = book.settings().rounding;
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

  /**
   * Bring the ledgers and documents up to date: append-only feeds take only rows newer than the
   * last sync, small master data is reloaded whole, and everything is rebuilt when the book's
   * schema changed. Cheap when little changed.
   */
  async syncLedgers(book: Book): Promise<Record<FeedName, number>> {
    const c = this.connection;
    // A new schema, or figures rewritten in place since the last sync, means a full re-read.
    this.rounding = book.settings().rounding;
    // Derived columns follow the book's rounding: a book copied under another rounding is re-read.
    const version = `${await book.schemaVersion()}#${rewriteCount(book)}#${LAYOUT}#${this.rounding}`;
    const marker = changeMarker(book);
    await c.run(
      'create table if not exists sync_state (feed varchar primary key, last bigint not null, schema varchar not null)',
    );
    const state = new Map(
      (
        (await this.query('select feed, last, schema from sync_state')) as {
          feed: string;
          last: bigint;
          schema: string;
        }[]
      ).map((r) => [r.feed, r]),
    );
    const added = Object.fromEntries(Object.keys(FEEDS).map((k) => [k, 0])) as Record<FeedName, number>;
    const last = state.get('_marker');
    // The copy continues this book's history only if the last audit row it saw is still there
    // as it was; after a restore, or with another book in the file, everything is read again.
    const continues = last !== undefined && (auditStamp(book, Number(last.last)) ?? '') === state.get('_stamp')?.schema;
    // Nothing changed since the last sync (no command wrote an audit row): nothing to do.
    if (continues && Number(last.last) === marker && last.schema === version) return added;
    const numeric = (col: string) => col.endsWith('_minor') || col.endsWith('_milli') || col === 'entry';
    const quotedVersion = `'${version.replaceAll("'", "''")}'`;
    // Where each feed got to; written in one statement at the end (an upsert per feed costs more
    // than the new rows do).
    const reached: string[] = [];
    // One transaction for the whole sync: a reader never sees half of it, and it commits once.
    await c.run('begin transaction');
    try {
      for (const name of Object.keys(FEEDS) as FeedName[]) {
        const feed = FEEDS[name];
        const known = state.get(name);
        const rebuild = !continues || !known || known.schema !== version || !feed.append;
        const columns = feed.columns.map((col) => `${col} ${numeric(col) ? 'bigint' : 'varchar'}`).join(', ');
        if (rebuild) await c.run(`create or replace table ${name} (${columns})`);
        const append = async (rows: unknown[][]) => {
          if (rows.length === 0) return;
          const appender = await c.createAppender(name);
          for (const row of rows) {
            row.forEach((v, i) => {
              const col = feed.columns[i] as string;
              if (v === null || v === undefined) appender.appendNull();
              else if (numeric(col)) appender.appendBigInt(BigInt(v as number));
              else appender.appendVarchar(String(v));
            });
            appender.endRow();
          }
          appender.closeSync();
          added[name] += rows.length;
        };
        let lastRow = rebuild ? 0 : Number(known?.last ?? 0);
        const openNow = name === 'order_lines' ? openOrderNumbers(book) : [];
        if (name === 'order_lines' && !rebuild) {
          // Lines of orders open then or now may have changed: replace them, then take new rows.
          const before = ((await this.query('select order_number from open_orders')) as { order_number: string }[]).map(
            (r) => r.order_number,
          );
          const refresh = [...new Set([...before, ...openNow])];
          if (refresh.length > 0) {
            const list = refresh.map((n) => `'${n.replaceAll("'", "''")}'`).join(', ');
            await c.run(`delete from order_lines where order_number in (${list})`);
            await append(orderLineRows(book, refresh));
          }
          // New rows of orders refreshed above are already in; skip them when appending.
          const refreshed = new Set(refresh);
          for (;;) {
            const batch = feedRows(book, name, lastRow);
            if (batch.rows.length === 0) break;
            await append(batch.rows.filter((r) => !refreshed.has(String(r[0]))));
            lastRow = batch.last;
          }
        } else {
          for (;;) {
            const batch = feedRows(book, name, lastRow);
            if (batch.rows.length === 0) break;
            await append(batch.rows);
            lastRow = batch.last;
          }
        }
        if (name === 'order_lines') {
          // The orders open now are those whose lines the next sync must look at again.
          await c.run('create or replace table open_orders (order_number varchar)');
          const appender = await c.createAppender('open_orders');
          for (const n of openNow) {
            appender.appendVarchar(n);
            appender.endRow();
          }
          appender.closeSync();
        }
        reached.push(`('${name}', ${lastRow}, ${quotedVersion})`);
      }
      reached.push(`('_marker', ${marker}, ${quotedVersion})`);
      const stamp = auditStamp(book, marker) ?? '';
      reached.push(`('_stamp', ${marker}, '${stamp.replaceAll("'", "''")}')`);
      await c.run('delete from sync_state');
      await c.run(`insert into sync_state values ${reached.join(', ')}`);
      await c.run('commit');
    } catch (error) {
      await c.run('rollback');
      throw error;
    }
    return added;
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
    await analytics.syncLedgers(book);
    return await fn(analytics);
  } finally {
    analytics.close();
  }
}

/**
 * What a user's SQL runs on: the analytics file read-only, no file, network or extension beyond
 * it (DuckDB refuses `read_csv`, `glob`, `COPY … TO`, `ATTACH`, `INSTALL` itself), the
 * configuration locked so no `SET` can undo that, and a memory ceiling.
 */
const SANDBOX: Readonly<Record<string, string>> = {
  ...DUCKDB_OPTIONS,
  access_mode: 'READ_ONLY',
  enable_external_access: 'false',
  lock_configuration: 'true',
  memory_limit: '1GB',
};

/** How long a user's query may run before it is stopped. */
export const QUERY_TIME_LIMIT_MS = 60_000;

const TABLES_HINT =
  'tables: invoices, payments, allocations, journal, order_lines, purchase_lines, moves, stock, layers, customers, products, accounts, targets';

/**
 * Refuse anything but one SELECT (or WITH … SELECT) statement, by DuckDB's own parser: it
 * serializes only SELECT statements, and lists every statement it found.
 */
async function checkOneSelect(connection: DuckDBConnection, sql: string): Promise<void> {
  const reader = await connection.runAndReadAll(`select json_serialize_sql('${sql.replaceAll("'", "''")}') as j`);
  const parsed = JSON.parse(String(reader.getRowObjectsJS()[0]?.j ?? '{}')) as {
    error?: boolean;
    error_message?: string;
    statements?: unknown[];
  };
  if (parsed.error) {
    const notSelect = /only select/i.test(parsed.error_message ?? '');
    throw new TradeloopError(
      'query.sql_refused',
      notSelect
        ? 'only a SELECT (or WITH … SELECT) query runs here: COPY, EXPORT, ATTACH, INSTALL, LOAD, PRAGMA, SET and changes are refused'
        : `the query does not parse: ${(parsed.error_message ?? '').split('\n')[0]}`,
      { hint: TABLES_HINT },
    );
  }
  if ((parsed.statements ?? []).length !== 1) {
    throw new TradeloopError(
      'query.sql_refused',
      `one statement at a time; this has ${(parsed.statements ?? []).length}`,
      {
        hint: 'run each query on its own',
      },
    );
  }
}

/**
 * Run one SELECT over the analytics store, brought up to date first, in a sandbox: read-only,
 * no access outside the file, the configuration locked, a memory and a time limit. Anything
 * else is refused before it runs (`query.sql_refused`).
 *
 * @example
 * await readOnlySql(book, 'select customer, sum(net_minor) from invoices group by 1')
 */
export async function readOnlySql(
  book: Book,
  sql: string,
  options: { timeLimitMs?: number } = {},
): Promise<Record<string, unknown>[]> {
  await withAnalytics(book, async () => undefined);
  const instance = await DuckDBInstance.create(analyticsPathFor(book.path), SANDBOX);
  const connection = await instance.connect();
  const limit = options.timeLimitMs ?? QUERY_TIME_LIMIT_MS;
  let stopped = false;
  const timer = setTimeout(() => {
    stopped = true;
    connection.interrupt();
  }, limit);
  try {
    await checkOneSelect(connection, sql);
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } catch (error) {
    if (error instanceof TradeloopError) throw error;
    const message = stopped
      ? `the query ran past ${Math.round(limit / 1000)} s and was stopped`
      : ((error as Error).message.split('\n')[0] ?? 'the query failed');
    throw new TradeloopError('query.sql', message, { hint: TABLES_HINT });
  } finally {
    clearTimeout(timer);
    connection.closeSync();
    instance.closeSync();
  }
}
