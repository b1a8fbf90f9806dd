import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Actor,
  commandPermission,
  DEFAULT_CURRENCY_PRECISION,
  DEFAULT_ROUNDING,
  DEFAULT_TIME_ZONE,
  type IsoDate,
  isTimeZone,
  type MoneyOptions,
  type Permission,
  type RoundingMode,
  requirePermission,
  roundingSchema,
  soleOwner,
  TradeloopError,
  todayIn,
} from '@tradeloop/core';
import Database from 'better-sqlite3';
import { Kysely, type MigrationResultSet, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { auditChain, logRefusal } from './audit.js';
import { bulkInsert } from './bulk-insert.js';
import { type Driver, SqliteDriver } from './driver.js';
import { Exec } from './exec.js';
import { LATEST_MIGRATION, MIGRATIONS } from './migrations/index.js';
import { PgDriver } from './pg-driver.js';
import { postgresTables } from './postgres-schema.js';
import { upgradePostgres } from './postgres-upgrade.js';
import type { BookSchema } from './schema.js';

export interface BookOptions {
  /** Who is acting, recorded in the audit log. Defaults to `system`. */
  actor?: string;
  /** Wall clock for audit and record stamps; a parameter so tests are deterministic. */
  clock?: () => Date;
  /** How long a writer waits for another writer before `book.busy`, in ms. Default 5000. */
  busyTimeoutMs?: number;
}

export interface BookSettings {
  company: string;
  currency: string;
  precision: number;
  rounding: RoundingMode;
  /** IANA time zone the book's business days are kept in; "today" is taken there. */
  timeZone: string;
  /**
   * Whether product prices, and new price lists unless they say otherwise, include VAT (含税).
   * Off by default, as in Odoo and ERPNext, where a tax is not included in the price unless set so.
   */
  pricesIncludeTax: boolean;
}

const DEFAULT_SETTINGS: BookSettings = {
  company: 'My Company',
  currency: 'CNY',
  precision: DEFAULT_CURRENCY_PRECISION,
  rounding: DEFAULT_ROUNDING,
  timeZone: DEFAULT_TIME_ZONE,
  pricesIncludeTax: false,
};

/**
 * A currency's minor-unit places as Intl knows them (CNY 2, JPY 0, KWD 3); 2 for a code it does
 * not know.
 */
export function currencyPrecision(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      DEFAULT_CURRENCY_PRECISION
    );
  } catch {
    return DEFAULT_CURRENCY_PRECISION;
  }
}

/** Settings are stored under snake_case keys: `timeZone` → `time_zone`. */
const settingKey = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * One company's book: a single SQLite file. Open it, run commands, close it.
 *
 * @example
 * const book = await Book.create('acme.db');
 * await book.upsertProducts([...]);
 * book.close();
 */
export class Book {
  readonly path: string;
  /** Typed query builder over the book; only the store's own modules use it. */
  readonly db: Kysely<BookSchema>;
  readonly #sqlite: Database.Database | undefined;
  /** How statements run on the book's engine. */
  readonly driver: Driver;
  /** Synchronous execution of kysely-built statements, for commands. */
  readonly exec: Exec;
  #principal: Actor;
  readonly clock: () => Date;
  /**
   * How long this book's users wait for another process, in ms, as asked when it was opened;
   * unset, each wait keeps its own default (5 s for a writer, longer for the report copy).
   */
  readonly busyTimeoutMs: number | undefined;
  #settings: BookSettings | undefined;
  /** The file this book opened, by device and inode, to notice another file taking its path. */
  readonly #file: string | undefined;

  private constructor(path: string, engine: Database.Database | PgDriver, options: BookOptions) {
    this.path = path;
    if (engine instanceof PgDriver) {
      this.#sqlite = undefined;
      this.driver = engine;
      this.#file = undefined;
      // Statements are built here and run by the driver; the pool serves kysely's own awaited calls,
      // its driver loaded when first needed, so that a SQLite book's command never loads it.
      this.db = new Kysely<BookSchema>({
        dialect: new PostgresDialect({
          pool: async () => {
            const { default: pg } = await import('pg');
            return new pg.Pool({ connectionString: path, max: 1 });
          },
        }),
      });
    } else {
      this.#sqlite = engine;
      this.driver = new SqliteDriver(engine);
      this.#file = fileIdentity(path);
      this.db = new Kysely<BookSchema>({ dialect: new SqliteDialect({ database: engine }) });
    }
    this.exec = new Exec(this.driver, this.db);
    this.#principal = soleOwner(options.actor ?? 'system');
    this.clock = options.clock ?? (() => new Date());
    this.busyTimeoutMs = options.busyTimeoutMs;
  }

  /** Create a new, empty book. Refuses to overwrite an existing file. */
  static async create(path: string, options: BookOptions & { settings?: Partial<BookSettings> } = {}): Promise<Book> {
    const zone = options.settings?.timeZone;
    if (zone !== undefined && !isTimeZone(zone)) {
      throw new TradeloopError('settings.time_zone', `time zone "${zone}" is not known`, {
        hint: 'use an IANA name such as Asia/Shanghai or Europe/Berlin',
      });
    }
    const rounding = options.settings?.rounding;
    if (rounding !== undefined && !roundingSchema.safeParse(rounding).success) {
      throw new TradeloopError('settings.rounding', `rounding "${rounding}" is not known`, {
        hint: 'use half-up (the commercial rule) or half-even (banker’s rounding)',
      });
    }
    const precision = options.settings?.precision;
    if (precision !== undefined && !(Number.isInteger(precision) && precision >= 0 && precision <= 6)) {
      throw new TradeloopError('settings.precision', `precision ${precision} is not 0 to 6 decimal places`);
    }
    if (isPostgres(path)) return Book.#createOnPostgres(path, options);
    if (existsSync(path)) {
      throw new TradeloopError('book.exists', `a file already exists at ${path}`, {
        hint: 'open it instead, or choose another path with --db',
      });
    }
    const book = new Book(path, connect(path, options, false), options);
    try {
      await book.#migrate();
      const given = options.settings ?? {};
      // A currency without cents (JPY) has no decimals unless the book is told otherwise.
      const precision = given.precision ?? (given.currency ? currencyPrecision(given.currency) : undefined);
      const settings = { ...DEFAULT_SETTINGS, ...given, ...(precision === undefined ? {} : { precision }) };
      await book.db
        .insertInto('settings')
        .values(Object.entries(settings).map(([key, value]) => ({ key: settingKey(key), value: String(value) })))
        .execute();
      return book;
    } catch (error) {
      book.close();
      throw error;
    }
  }

  /**
   * A new book in an empty PostgreSQL database: the schema the migrations make (read from a SQLite
   * book they made, `postgresSchema`), the migrations recorded as applied in the same version
   * table, and the settings, in one transaction. A database that holds tables already is refused.
   */
  static async #createOnPostgres(
    url: string,
    options: BookOptions & { settings?: Partial<BookSettings> },
  ): Promise<Book> {
    const { statements, rows } = await migratedSchema();
    const driver = connectPostgres(url, options.busyTimeoutMs);
    const book = new Book(url, driver, options);
    try {
      const tables = driver.get<{ n: number }>(
        'select count(*) as n from information_schema.tables where table_schema = current_schema()',
        [],
      );
      // A database given this program's schema and nothing else (no settings, no history): what
      // `Book.create` itself makes before the settings, as a DBA may prepare it, or a copy of a
      // template database holding it. The book is then its settings away.
      const prepared = (tables?.n ?? 0) > 0 && Book.#blankSchema(driver);
      if ((tables?.n ?? 0) > 0 && !prepared)
        throw new TradeloopError('book.exists', `the database at ${redacted(url)} holds tables already`, {
          hint: 'create the book in an empty database (createdb), or open this one',
        });
      const given = options.settings ?? {};
      const precision = given.precision ?? (given.currency ? currencyPrecision(given.currency) : undefined);
      const settings = { ...DEFAULT_SETTINGS, ...given, ...(precision === undefined ? {} : { precision }) };
      driver.transaction(() => {
        if (!prepared) Book.#writeSchema(driver, statements, rows);
        for (const [key, value] of Object.entries(settings))
          driver.run('insert into settings (key, value) values (?, ?)', [settingKey(key), String(value)]);
      });
      return book;
    } catch (error) {
      book.close();
      throw error;
    }
  }

  /** The schema and the rows the migrations put in, written to an empty PostgreSQL database. */
  static #writeSchema(
    driver: Driver,
    statements: readonly string[],
    rows: Readonly<Record<string, readonly Record<string, unknown>[]>>,
  ): void {
    // The schema as one round trip to the server: a statement without parameters may hold many.
    driver.run(statements.join(';\n'), []);
    for (const [table, list] of Object.entries(rows)) {
      const columns = Object.keys(list[0] ?? {}).map((c) => `"${c}"`);
      const insert = bulkInsert(driver, `"${table}"`, columns, { rowsPer: 500 });
      for (const row of list) insert.add(...Object.values(row));
      insert.flush();
    }
    // Rows copied with their ids: each identity column goes on from the largest.
    for (const [table, list] of Object.entries(rows))
      if (list.some((r) => typeof r.id === 'number'))
        driver.run(`select setval(pg_get_serial_sequence('"${table}"', 'id'), (select max(id) from "${table}"))`, []);
  }

  /** Whether a PostgreSQL database holds this program's whole schema, and no settings or history yet. */
  static #blankSchema(driver: Driver): boolean {
    try {
      const applied = new Set(driver.all<{ name: string }>('select name from kysely_migration', []).map((r) => r.name));
      return (
        Object.keys(MIGRATIONS).every((name) => applied.has(name)) &&
        applied.size === Object.keys(MIGRATIONS).length &&
        driver.get<{ n: number }>('select (select count(*) from settings) + (select count(*) from audit_log) as n', [])
          ?.n === 0
      );
    } catch {
      return false;
    }
  }

  /** Open an existing book, bringing an older one up to this program's schema. */
  static async open(path: string, options: BookOptions = {}): Promise<Book> {
    if (isPostgres(path)) {
      const book = new Book(path, connectPostgres(path, options.busyTimeoutMs), options);
      try {
        // A book an older program made is brought up to this one's schema, as a SQLite book is.
        await upgradePostgres(book.driver, book.#appliedMigrations());
        return book;
      } catch (error) {
        book.close();
        throw error;
      }
    }
    if (!existsSync(path)) {
      throw new TradeloopError('book.not_found', `no book at ${path}`, {
        hint: 'create one with `tradeloop init`, or point --db / TRADELOOP_DB at an existing book',
      });
    }
    const book = new Book(path, connect(path, options, true), options);
    try {
      await book.#migrate();
      return book;
    } catch (error) {
      book.close();
      throw error;
    }
  }

  close(): void {
    this.driver.close();
    if (this.driver.engine === 'postgres') void this.db.destroy();
  }

  /** The SQLite connection, for what only SQLite has (online backup, the bulk paths); refused on PostgreSQL. */
  get sqlite(): Database.Database {
    if (!this.#sqlite)
      throw new TradeloopError('book.engine', `${redacted(this.path)} is on PostgreSQL: this needs a SQLite book`);
    return this.#sqlite;
  }

  /** Whether a command (or a batch, or a preview) is running: its transaction is open. */
  get inTransaction(): boolean {
    return this.driver.inTransaction;
  }

  /**
   * True when the file at this book's path is no longer the file it opened: a restore, or another
   * tool, renamed a new file into place (or removed it). Writes through this book would then land
   * in a file no one will read again, so a long-lived process opens the path afresh.
   */
  replaced(): boolean {
    if (this.driver.engine === 'postgres') return false;
    return fileIdentity(this.path) !== this.#file;
  }

  /** The last migration applied to this book. */
  async schemaVersion(): Promise<string> {
    return this.exec.value<string>('select name from kysely_migration order by name desc limit 1') ?? '';
  }

  /**
   * Company settings (currency, precision, rounding, time zone, whether prices include VAT), read
   * once per open book and synchronously, so every command can take them when it starts.
   */
  settings(): BookSettings {
    if (this.#settings) return this.#settings;
    const rows = this.driver.all<{ key: string; value: string }>('select key, value from settings', []);
    const map = new Map(rows.map((r) => [r.key, r.value]));
    this.#settings = {
      company: map.get('company') ?? DEFAULT_SETTINGS.company,
      currency: map.get('currency') ?? DEFAULT_SETTINGS.currency,
      precision: Number(map.get('precision') ?? DEFAULT_SETTINGS.precision),
      rounding: (map.get('rounding') as RoundingMode | undefined) ?? DEFAULT_SETTINGS.rounding,
      timeZone: map.get('time_zone') ?? DEFAULT_SETTINGS.timeZone,
      pricesIncludeTax: (map.get('prices_include_tax') ?? String(DEFAULT_SETTINGS.pricesIncludeTax)) === 'true',
    };
    return this.#settings;
  }

  /** Read the settings again on next use: after `setConfig` changed them. */
  forgetSettings(): void {
    this.#settings = undefined;
  }

  /** Money parsing options that follow the book's currency settings. */
  moneyOptions(): MoneyOptions {
    const s = this.settings();
    return { precision: s.precision, rounding: s.rounding };
  }

  /** Today in the book's time zone, by the book's clock: the one "today" every default uses. */
  today(): IsoDate {
    return todayIn(this.settings().timeZone, this.clock());
  }

  /** Who is acting: their name is in the audit log. */
  get actor(): string {
    return this.#principal.user;
  }

  /**
   * Who is acting and what they may do. A book opened by a program acts as its sole owner until
   * the program says who is acting (`actAs`), as the CLI and the UI do for a signed-in user.
   */
  get principal(): Actor {
    return this.#principal;
  }

  /** Act as this user from now on: every command checks their permissions. */
  actAs(actor: Actor): void {
    this.#principal = actor;
  }

  /**
   * Refuse what the acting user may not do: `permission.denied` (a TradeloopError naming the
   * permission and the roles that have it), nothing changed.
   */
  requirePermission(permission: Permission): void {
    const allowed = requirePermission(this.#principal, permission);
    if (!allowed.ok) {
      const issue = allowed.issues[0];
      throw this.refusal('permission.denied', issue?.message ?? `may not ${permission}`, {
        path: [permission],
        hint: 'ask the owner for a role that has it (`tradeloop user set NAME --role …`)',
      });
    }
  }

  /**
   * The error for an action refused to the acting user, the refusal logged in the audit trail
   * first (in a transaction of its own; inside a command's, the command's own rollback says it).
   */
  refusal(code: string, message: string, options: { path?: (string | number)[]; hint?: string } = {}): TradeloopError {
    if (!this.driver.inTransaction && !this.driver.readonly)
      logRefusal(this, { actor: this.actor, command: String(options.path?.[0] ?? code), code, message });
    return new TradeloopError(code, message, options);
  }

  /**
   * Run one write command: a single `BEGIN IMMEDIATE` transaction holding the command's rows and
   * its audit row, all or nothing. With `dryRun` the same work is done and then rolled back, so a
   * preview is exactly what the real run would do.
   */
  command<T>(name: string, body: () => CommandOutcome<T>, options: { dryRun?: boolean } = {}): T {
    // Nested commands run inside one already allowed.
    if (!this.driver.inTransaction) this.requirePermission(commandPermission(name));
    const rollback = Symbol('dry-run');
    let preview: T | undefined;
    const tx = () => {
      const outcome = body();
      if (outcome.unchanged) return outcome.value;
      auditChain(this).append({
        actor: this.actor,
        command: name,
        document: outcome.document ?? null,
        before: outcome.before,
        after: outcome.after,
      });
      if (options.dryRun) {
        preview = outcome.value;
        throw rollback;
      }
      return outcome.value;
    };
    try {
      return this.driver.transaction(tx);
    } catch (error) {
      if (error === rollback) return preview as T;
      // A refusal found inside the command is logged once its rollback is done.
      if (
        error instanceof TradeloopError &&
        error.code.startsWith('permission.') &&
        !this.driver.inTransaction &&
        !this.driver.readonly
      )
        logRefusal(this, { actor: this.actor, command: name, code: error.code, message: error.message });
      throw asBookError(error, this.path);
    }
  }

  /**
   * Run commands and roll all of them back: what they would do, with nothing written. Commands
   * inside nest as savepoints of this one transaction.
   *
   * @example
   * const summary = book.preview(() => upsertMasterData(book, { customers }));
   */
  preview<T>(fn: () => T): T {
    const rollback = Symbol('preview');
    let result: T | undefined;
    try {
      this.driver.transaction(() => {
        result = fn();
        throw rollback;
      });
    } catch (error) {
      if (error !== rollback) throw asBookError(error, this.path);
    }
    return result as T;
  }

  /**
   * Run several commands as one: all of them land, or none (each inner command nests as a
   * savepoint). For imports that place many documents.
   */
  batch<T>(fn: () => T): T {
    try {
      return this.driver.transaction(fn);
    } catch (error) {
      throw asBookError(error, this.path);
    }
  }

  /** ISO timestamp from the book's clock. */
  now(): string {
    return this.clock().toISOString();
  }

  async #migrate(): Promise<void> {
    const applied = this.#appliedMigrations();
    // Up to date: open without taking any lock, so readers never wait on a writer.
    if (Object.keys(MIGRATIONS).every((name) => applied.includes(name))) return;
    const migrator = new Migrator({
      db: this.db,
      provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    });
    const result: MigrationResultSet = await migrator.migrateToLatest();
    if (result.error) {
      const failed = result.results?.find((r) => r.status === 'Error');
      throw new TradeloopError(
        'book.migration_failed',
        `migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`,
        {
          cause: result.error,
          hint: 'the book was left as it was before the migration; report this with the book’s schema version',
        },
      );
    }
  }

  /** Names of the migrations this book has, refusing a file that is not a book or is too new. */
  #appliedMigrations(): string[] {
    const tables = (
      this.driver.engine === 'postgres'
        ? this.driver.all<{ name: string }>(
            'select table_name as name from information_schema.tables where table_schema = current_schema()',
            [],
          )
        : this.driver.all<{ name: string }>(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
            [],
          )
    ).map((t) => t.name);
    const postgres = this.driver.engine === 'postgres';
    if (tables.length > 0 && !tables.includes('kysely_migration')) {
      throw new TradeloopError(
        'book.not_a_book',
        `${redacted(this.path)} is a ${postgres ? 'PostgreSQL database' : 'SQLite file'} but not a tradeloop book`,
        { hint: 'point --db at a book made by `tradeloop init`' },
      );
    }
    if (postgres && tables.length === 0)
      throw new TradeloopError('book.not_found', `no book in the database at ${redacted(this.path)}: it is empty`, {
        hint: `create one with \`tradeloop init --db ${redacted(this.path)}\`, or move one there with \`tradeloop move --to\``,
      });
    if (!tables.includes('kysely_migration')) return [];
    const applied = this.driver
      .all<{ name: string }>('select name from kysely_migration order by name', [])
      .map((r) => r.name);
    const unknown = applied.filter((name) => !(name in MIGRATIONS));
    if (unknown.length > 0) {
      throw new TradeloopError(
        'book.too_new',
        `${redacted(this.path)} was written by a newer tradeloop (schema ${unknown.at(-1)}); this program knows up to ${LATEST_MIGRATION}`,
        { hint: 'upgrade tradeloop to open this book; it was not changed' },
      );
    }
    return applied;
  }
}

/** Whether a book's path is a PostgreSQL connection URL. */
export const isPostgres = (path: string): boolean => /^postgres(ql)?:\/\//i.test(path);

/** A connection URL fit for a message: its password left out. */
export function redacted(path: string): string {
  const url = URL.parse(path);
  if (!url?.password) return path;
  url.password = '***';
  return url.toString();
}

function connectPostgres(url: string, busyTimeoutMs = 5000): PgDriver {
  try {
    return new PgDriver(url, { lockTimeoutMs: busyTimeoutMs });
  } catch (error) {
    throw new TradeloopError(
      'book.unreachable',
      `cannot reach the database at ${redacted(url)}: ${(error as Error).message}`,
      {
        cause: error,
        hint: 'check the host, port, user and database in the URL, and that the server is running',
      },
    );
  }
}

/**
 * What a new PostgreSQL book is made of: the schema of a SQLite book the migrations have just
 * made, in PostgreSQL's words, and the rows of its version tables. Made once per process.
 */
let migrated:
  | Promise<{ statements: string[]; tables: string[]; rows: Record<string, Record<string, unknown>[]> }>
  | undefined;
export function migratedSchema() {
  migrated ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradeloop-schema-'));
    try {
      const book = await Book.create(join(dir, 'schema.db'));
      try {
        const { statements, tables } = postgresTables(book.sqlite);
        // What the migrations put in (the chart of accounts, the version rows): the settings are the new book's own.
        const rows = Object.fromEntries(
          tables
            .filter((t) => t !== 'settings')
            .map((t) => [t, book.driver.all<Record<string, unknown>>(`select * from "${t}"`, [])] as const)
            .filter(([, list]) => list.length > 0),
        );
        return { statements, tables, rows };
      } finally {
        book.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return migrated;
}

/** What a command body hands back: its value and what the audit row records. */
export interface CommandOutcome<T> {
  value: T;
  /** The document or record acted on, by natural key. */
  document?: string;
  before?: unknown;
  after?: unknown;
  /** True when the command wrote nothing (refused input, nothing new): no audit row then. */
  unchanged?: boolean;
}

function connect(path: string, options: BookOptions, mustExist: boolean): Database.Database {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { fileMustExist: mustExist, timeout: options.busyTimeoutMs ?? 5000 });
    sqlite.pragma('journal_mode = WAL');
  } catch (error) {
    throw asBookError(error, path);
  }
  sqlite.pragma('foreign_keys = ON');
  // WAL with NORMAL sync survives a killed process; only an OS crash can lose the last commit.
  sqlite.pragma('synchronous = NORMAL');
  return sqlite;
}

function fileIdentity(path: string): string | undefined {
  const s = statSync(path, { bigint: true, throwIfNoEntry: false });
  return s && `${s.dev}:${s.ino}`;
}

/** Translate SQLite's failures on open into errors a person can act on. */
export function asBookError(error: unknown, path: string): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'SQLITE_NOTADB') {
    return new TradeloopError('book.not_a_book', `${path} is not a tradeloop book (not a SQLite file)`, {
      cause: error,
      hint: 'point --db at a book made by `tradeloop init`',
    });
  }
  // PostgreSQL's lock_not_available: the writers' lock not had within the wait (`PgDriver`).
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === '55P03') {
    return new TradeloopError('book.busy', `${path} is busy: another process is writing to it`, {
      cause: error,
      hint: 'wait for the other command to finish and try again',
    });
  }
  return error;
}
