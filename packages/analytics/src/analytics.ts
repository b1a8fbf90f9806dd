import { constants, copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import {
  COLUMN_CLASSES,
  type ColumnClass,
  customerScope,
  DEFAULT_ROUNDING,
  type RoundingMode,
  seesColumns,
  TradeloopError,
} from '@tradeloop/core';
import {
  allocatedSince,
  auditStamp,
  type Book,
  changeMarker,
  documentRows,
  FEEDS,
  type FeedName,
  feedRows,
  isPostgres,
  listProducts,
  openOrderNumbers,
  orderLineRows,
  redacted,
  rewriteCount,
  withFileLock,
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
const LAYOUT = 5;

/**
 * The analytics file kept beside a book: `acme.db` → `acme.analytics.duckdb`. A book on
 * PostgreSQL has no file to keep it beside: each machine that reports on it keeps its own copy in
 * `TRADELOOP_REPORT_DIR`, or the user's cache folder, named for the server and database.
 */
export function analyticsPathFor(bookPath: string): string {
  if (isPostgres(bookPath)) {
    const url = new URL(bookPath);
    const dir =
      process.env.TRADELOOP_REPORT_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'tradeloop');
    const name = `${url.hostname}-${url.port || '5432'}-${decodeURIComponent(url.pathname.slice(1)) || url.username}`;
    return join(dir, `${name.replace(/[^\w.-]+/g, '_')}.analytics.duckdb`);
  }
  return `${bookPath.replace(/\.(db|sqlite3?|book)$/i, '')}.analytics.duckdb`;
}

/** The lock the analytics copy is brought up to date under: `acme.db` → `acme.analytics.duckdb.lock`. */
export function analyticsLockPathFor(bookPath: string): string {
  return `${analyticsPathFor(bookPath)}.lock`;
}

/**
 * How long a report waits, unless the book says otherwise (`busyTimeoutMs`), for another process
 * to finish bringing the copy up to date: a full rebuild of a large book takes seconds.
 */
export const REFRESH_WAIT_MS = 30_000;

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

  /**
   * Open (or create) an analytics file, or an in-memory store with `:memory:`, with DuckDB
   * settings beyond `DUCKDB_OPTIONS` (`{ access_mode: 'READ_ONLY' }`). Read-write, a file is one
   * process's alone: the copy beside a book is read through `withAnalytics`, which never opens
   * it so.
   */
  static async open(path: string, settings: Readonly<Record<string, string>> = {}): Promise<Analytics> {
    const instance = await DuckDBInstance.create(path, { ...DUCKDB_OPTIONS, ...settings });
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
    this.rounding = book.settings().rounding;
    const { version, marker, state, continues, current } = await this.#position(book);
    const added = Object.fromEntries(Object.keys(FEEDS).map((k) => [k, 0])) as Record<FeedName, number>;
    if (current) return added;
    const numeric = (col: string) => col.endsWith('_minor') || col.endsWith('_milli') || col === 'entry';
    const quotedVersion = `'${version.replaceAll("'", "''")}'`;
    // Where each feed got to; written in one statement at the end (an upsert per feed costs more
    // than the new rows do).
    const reached: string[] = [];
    // One transaction for the whole sync: a reader never sees half of it, and it commits once.
    await c.run('begin transaction');
    try {
      await c.run(
        'create table if not exists sync_state (feed varchar primary key, last bigint not null, schema varchar not null)',
      );
      // Invoices and payments an allocation touched since the last sync owe or have left another
      // amount now: they are read again (the allocations feed's cursor says since when).
      const allocations = state.get('allocations');
      const touched =
        continues && allocations?.schema === version
          ? allocatedSince(book, Number(allocations.last))
          : { invoices: [], payments: [] };
      for (const name of Object.keys(FEEDS) as FeedName[]) {
        const feed = FEEDS[name];
        const known = state.get(name);
        const rebuild = !continues || !known || known.schema !== version || !feed.append;
        const columns = feed.columns.map((col) => `${col} ${numeric(col) ? 'bigint' : 'varchar'}`).join(', ');
        if (rebuild) await c.run(`create or replace table ${name} (${columns})`);
        // Which columns are numbers, found once per feed rather than once per value.
        const numbers = feed.columns.map(numeric);
        const append = async (rows: unknown[][]) => {
          if (rows.length === 0) return;
          const appender = await c.createAppender(name);
          for (const row of rows) {
            for (let i = 0; i < numbers.length; i++) {
              const v = row[i];
              if (v === null || v === undefined) appender.appendNull();
              else if (numbers[i]) appender.appendBigInt(BigInt(v as number));
              else appender.appendVarchar(typeof v === 'string' ? v : String(v));
            }
            appender.endRow();
          }
          appender.closeSync();
          added[name] += rows.length;
        };
        let lastRow = rebuild ? 0 : Number(known?.last ?? 0);
        const openNow = name === 'order_lines' ? openOrderNumbers(book) : [];
        const again = rebuild ? undefined : await this.#readAgain(book, name, openNow, touched);
        if (again) {
          // Rows that may have changed in the book since they were read: replace them, then take new rows.
          const { refresh, column, rows } = again;
          if (refresh.length > 0) {
            const list = refresh.map((n) => `'${n.replaceAll("'", "''")}'`).join(', ');
            await c.run(`delete from ${name} where ${column} in (${list})`);
            await append(rows());
          }
          // New rows of documents refreshed above are already in; skip them when appending.
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

  /**
   * Whether the copy holds the book as it is now: synced to its last change, under its schema,
   * its rewrites and this layout. Reads only, so it answers on a read-only copy.
   */
  async isCurrent(book: Book): Promise<boolean> {
    return (await this.#position(book)).current;
  }

  /**
   * For the feeds whose rows change after they are read, which to read again and how: the lines of
   * orders open at the last sync or now, and the invoices and payments allocations touched.
   */
  async #readAgain(
    book: Book,
    name: FeedName,
    openNow: readonly string[],
    touched: { invoices: string[]; payments: string[] },
  ): Promise<{ refresh: string[]; column: string; rows: () => unknown[][] } | undefined> {
    if (name === 'order_lines') {
      const before = ((await this.query('select order_number from open_orders')) as { order_number: string }[]).map(
        (r) => r.order_number,
      );
      const refresh = [...new Set([...before, ...openNow])];
      return { refresh, column: 'order_number', rows: () => orderLineRows(book, refresh) };
    }
    if (name === 'invoices' || name === 'payments') {
      const refresh = touched[name];
      return { refresh, column: 'number', rows: () => documentRows(book, name, refresh) };
    }
    return undefined;
  }

  /** Where the copy's last sync left it against the book now. */
  async #position(book: Book) {
    // A new schema, or figures rewritten in place since the last sync, means a full re-read; so
    // does another rounding, which the derived columns follow.
    const version = `${await book.schemaVersion()}#${rewriteCount(book)}#${LAYOUT}#${book.settings().rounding}`;
    const marker = changeMarker(book);
    const synced = await this.query(
      "select count(*) as n from duckdb_tables() where schema_name = 'main' and table_name = 'sync_state'",
    );
    const rows = Number(synced[0]?.n ?? 0) > 0 ? await this.query('select feed, last, schema from sync_state') : [];
    const state = new Map((rows as { feed: string; last: bigint; schema: string }[]).map((r) => [r.feed, r]));
    const last = state.get('_marker');
    // The copy continues this book's history only if the last audit row it saw is still there
    // as it was; after a restore, or with another book in the file, everything is read again.
    const continues = last !== undefined && (auditStamp(book, Number(last.last)) ?? '') === state.get('_stamp')?.schema;
    // Nothing changed since the last sync (no command wrote an audit row): nothing to do.
    const current = continues && Number(last.last) === marker && last.schema === version;
    return { version, marker, state, continues, current };
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
 * Run `fn` on the analytics copy beside a book, up to date with it and open read-only, then
 * close it. Any number of processes read at once: a copy that is already current is read without
 * waiting for anyone; a stale one is brought up to date by one process at a time (see
 * `openCurrent`). A copy still busy after the book's `busyTimeoutMs` (default `REFRESH_WAIT_MS`)
 * is `book.busy`.
 */
export async function withAnalytics<T>(
  book: Book,
  fn: (a: Analytics) => Promise<T>,
  reads: ReportReads = WHOLE_BOOK,
): Promise<T> {
  requireReportReader(book, reads);
  // Who asked, taken before the first await: a server resets the book's actor once its
  // synchronous part is done.
  const actor = book.principal;
  const analytics = await openCurrent(book);
  try {
    await limitToScope(analytics, actor);
    return await fn(analytics);
  } finally {
    analytics.close();
  }
}

/**
 * Run `fn` on a copy of the product list alone, made in memory for this call: what reads nothing
 * but products (products by category: `report products`, the UI server's category chart) does
 * not wait for the ledgers to be brought up to date, however long the history behind them. For
 * who reads the whole book, as every report over products.
 */
export async function withProductsOnly<T>(book: Book, fn: (a: Analytics) => Promise<T>): Promise<T> {
  requireWholeBookReader(book);
  const analytics = await Analytics.open(':memory:');
  try {
    await analytics.sync(book);
    return await fn(analytics);
  } finally {
    analytics.close();
  }
}

/**
 * What a report reads. Most read the whole book and are for who sees all of it. Some read only
 * customers' sales documents (invoices, receipts, order lines, targets): someone limited to their
 * own customers reads those too, over their own rows only. `shows` names the classes of figures
 * the report prints (cost for a margin): a role that may not see them is refused.
 */
export interface ReportReads {
  customers: boolean;
  shows: readonly ColumnClass[];
}

const WHOLE_BOOK: ReportReads = { customers: false, shows: [] };

/** A report over customers' sales documents, showing no hidden figure: aging, sales, top, RFM, targets. */
export const CUSTOMER_SALES: ReportReads = { customers: true, shows: [] };

/** Refuse, before the copy is touched, a report the acting user may not read. */
export function requireReportReader(book: Book, reads: ReportReads): void {
  if (!reads.customers) {
    requireWholeBookReader(book);
    return;
  }
  book.requirePermission('book.read');
  const actor = book.principal;
  const hidden = reads.shows.filter((c) => !seesColumns(actor, c));
  if (customerScope(actor).kind === 'none' || hidden.length > 0)
    throw book.refusal(
      'permission.scope',
      `${actor.user} (${actor.roles.join(', ')}) may not read this report${hidden.length > 0 ? `: it shows ${hidden.join(', ')}` : ''}`,
      { hint: 'reports need owner, accountant or auditor; `tradeloop export list` shows what is yours' },
    );
}

const sqlText = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * For an actor limited to some salespeople's customers (or one customer), the copy's tables as
 * they may see them: temporary views of the same names in front of the tables, their customers'
 * rows only, company-wide tables empty, and the cost of what they sold left out. Views live in
 * this connection alone and go with it.
 */
async function limitToScope(a: Analytics, actor: Book['principal']): Promise<void> {
  const scope = customerScope(actor);
  if (scope.kind === 'all') return;
  const [db] = (await a.query('select current_database() as db')).map((r) => String(r.db));
  const base = (table: string) => `"${String(db).replaceAll('"', '""')}".main.${table}`;
  const list = (xs: readonly string[]) => (xs.length === 0 ? '(null)' : `(${xs.map(sqlText).join(', ')})`);
  const sellers = list(scope.kind === 'salespeople' ? scope.salespeople : []);
  const ownCustomers =
    scope.kind === 'customer'
      ? `code = ${sqlText(scope.customer)}`
      : scope.kind === 'salespeople'
        ? `owner in ${sellers}`
        : 'false';
  const cost = seesColumns(actor, 'cost') ? '' : ' replace (null::bigint as cost_minor)';
  const mine = `(salesperson in ${sellers} or customer in (select code from temp.main.customers))`;
  const views: Record<string, string> = {
    customers: `select * from ${base('customers')} where ${ownCustomers}`,
    invoices: `select *${cost} from ${base('invoices')} where customer is not null and ${mine}`,
    payments: `select * from ${base('payments')} where customer in (select code from temp.main.customers)`,
    allocations: `select * from ${base('allocations')} where invoice in (select number from temp.main.invoices)`,
    order_lines: `select *${cost} from ${base('order_lines')} where ${mine}`,
    targets: `select * from ${base('targets')} where salesperson in ${sellers}`,
    products: `select *${cost} from ${base('products')}`,
  };
  for (const [name, sql] of Object.entries(views)) await a.connection.run(`create temp view ${name} as ${sql}`);
  // What is the whole company's (the ledger, stock, purchases) is none of theirs.
  for (const name of ['journal', 'stock', 'layers', 'moves', 'purchase_lines', 'accounts'])
    await a.connection.run(`create temp view ${name} as select * from ${base(name)} where false`);
}

/**
 * Open the copy beside a book read-only, bringing it up to date first if the book has moved on.
 *
 * DuckDB lets one process open a file read-write, or many read-only, never both. So the copy in
 * place is only ever opened read-only. A process that finds it stale takes the refresh lock beside
 * the book, copies the file, syncs the copy and renames it over the old one: readers that have the
 * old file open keep reading it whole, and the next to open get the new one. A reader never waits
 * for a refresh unless its copy is stale.
 */
/**
 * Reports read the whole book: every customer, cost, margin, credit. Only who may see all of it
 * reads them (owner, accountant, auditor); everyone else reads their own through the lists,
 * which the book filters for them. Refused before the copy is touched.
 */
export function requireWholeBookReader(book: Book): void {
  book.requirePermission('book.read');
  const actor = book.principal;
  const hidden = COLUMN_CLASSES.filter((c) => !seesColumns(actor, c));
  if (customerScope(actor).kind !== 'all' || hidden.length > 0)
    throw book.refusal(
      'permission.scope',
      `${actor.user} (${actor.roles.join(', ')}) may not read reports over the whole book${
        hidden.length > 0 ? `: they hold ${hidden.join(', ')} figures hidden from this role` : ''
      }`,
      { hint: 'reports need owner, accountant or auditor; `tradeloop export list` shows what is yours' },
    );
}

async function openCurrent(book: Book, settings: Readonly<Record<string, string>> = {}): Promise<Analytics> {
  const path = analyticsPathFor(book.path);
  mkdirSync(dirname(path), { recursive: true });
  const waitMs = book.busyTimeoutMs ?? REFRESH_WAIT_MS;
  const deadline = Date.now() + waitMs;
  const copy = await openUsable(path, settings, deadline);
  // A copy that opens but cannot say where it stands is no base for a sync either.
  const current = await copy?.isCurrent(book).catch(() => undefined);
  if (copy && current) return copy;
  copy?.close();
  await withFileLock(
    analyticsLockPathFor(book.path),
    {
      waitMs: Math.max(0, deadline - Date.now()),
      busyMessage: `the report copy of ${redacted(book.path)} is busy: another process has been bringing it up to date for over ${seconds(waitMs)}`,
      busyHint: 'try again when the other report or job has finished',
    },
    ({ waited }) => refresh(book, path, deadline, { readable: current !== undefined, waited }),
  );
  const fresh = await openReadOnly(path, settings, deadline);
  if (!fresh) throw new Error(`the report copy ${path} was not written`);
  return fresh;
}

/** Under the refresh lock: bring the copy up to date in a file beside it and swap it in. */
async function refresh(book: Book, path: string, deadline: number, was: { readable: boolean; waited: boolean }) {
  let readable = was.readable;
  if (was.waited) {
    // Another process may have brought it up to date, or built it, while this one waited.
    const copy = await openUsable(path, {}, deadline);
    readable = copy !== undefined;
    if (await copy?.isCurrent(book).finally(() => copy.close())) return;
  }
  // Only the lock holder writes here, so what is left here was left by a process that died.
  const next = `${path}.next`;
  const clear = () => {
    rmSync(next, { force: true });
    rmSync(`${next}.wal`, { force: true });
  };
  clear();
  try {
    // From the copy as it is, so the sync stays incremental; a clone where the file system can.
    if (readable) copyFileSync(path, next, constants.COPYFILE_FICLONE);
    const analytics = await Analytics.open(next);
    try {
      await analytics.sync(book);
      await analytics.syncLedgers(book);
      // Everything into the file itself: the rename takes the file, not its journal.
      await analytics.connection.run('checkpoint');
    } finally {
      analytics.close();
    }
    // A journal beside the copy is from a version that wrote the copy in place; it is not this file's.
    rmSync(`${path}.wal`, { force: true });
    renameSync(next, path);
  } catch (error) {
    clear();
    throw error;
  }
}

/**
 * The copy opened read-only, or undefined when there is none yet. DuckDB refuses it while another
 * program has it open read-write (a DuckDB shell, an older tradeloop): that is waited out, briefly.
 */
async function openReadOnly(
  path: string,
  settings: Readonly<Record<string, string>>,
  deadline: number,
): Promise<Analytics | undefined> {
  for (let attempt = 0; ; attempt++) {
    if (!existsSync(path)) return undefined;
    try {
      return await Analytics.open(path, { ...settings, access_mode: 'READ_ONLY' });
    } catch (error) {
      if (!/could not set lock|conflicting lock/i.test((error as Error).message)) throw error;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new TradeloopError('book.busy', `the report copy ${path} is held open for writing by another program`, {
          cause: error,
          hint: 'close the program that has it open, or delete the file: it is built again from the book',
        });
      }
      await sleep(Math.min(10 * 2 ** attempt, 100, left));
    }
  }
}

/** As `openReadOnly`, but a copy that will not open (torn, or from another DuckDB) is none: it is built again. */
const openUsable = (path: string, settings: Readonly<Record<string, string>>, deadline: number) =>
  openReadOnly(path, settings, deadline).catch((error) => {
    if (error instanceof TradeloopError && error.code === 'book.busy') throw error;
    return undefined;
  });

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

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
  book.requirePermission('query.sql');
  requireWholeBookReader(book);
  const analytics = await openCurrent(book, SANDBOX);
  const { connection } = analytics;
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
    analytics.close();
  }
}
