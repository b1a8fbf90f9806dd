import { createHash } from 'node:crypto';
import { addDays, type IsoDate, TradeloopError, todayIn } from '@tradeloop/core';
import type { Selectable } from 'kysely';
import type { Book } from './book.js';
import { BOOK_TABLES, type BookSchema } from './schema.js';

/**
 * The audit log is a hash chain: each row's `hash` is SHA-256 over its fields and the hash of the
 * row before it (`prev_hash`), so changing, removing or slipping in a row breaks the chain at that
 * row. Triggers refuse UPDATE and DELETE; `check` walks the chain. The first row follows this
 * fixed string.
 */
export const AUDIT_GENESIS = '0'.repeat(64);

export type AuditRow = Selectable<BookSchema['audit_log']>;

/** The fields a row's hash covers: all of them but the hash itself. */
export type HashedAuditRow = Omit<AuditRow, 'hash'>;

/**
 * A row's hash: SHA-256, hex, over the JSON array of its fields in a fixed order (prev_hash, id,
 * at, actor, command, record_table, document, before_json, after_json, refused). This is part of
 * every book's format: changing it breaks every chain already written.
 */
export function auditHash(row: HashedAuditRow): string {
  const fields = [
    row.prev_hash,
    row.id,
    row.at,
    row.actor,
    row.command,
    row.record_table,
    row.document,
    row.before_json,
    row.after_json,
    row.refused,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * The table whose record a command acts on, by command name (`editProduct.price` is
 * `editProduct`'s), so `tradeloop audit --record products:TEA-001` finds a product's history.
 * Commands that touch many tables or many records name none.
 */
const RECORD_TABLES: Readonly<Record<string, string>> = {
  upsertProducts: 'products',
  editProduct: 'products',
  claimCustomer: 'customers',
  releaseCustomer: 'customers',
  lapseCustomers: 'customers',
  addFollowUp: 'customers',
  saveOpportunity: 'opportunities',
  placeSalesOrder: 'sales_orders',
  amendSalesOrder: 'sales_orders',
  approveSalesOrder: 'sales_orders',
  shipSalesOrder: 'sales_orders',
  recordSalesOrderPayment: 'sales_orders',
  cancelSalesOrder: 'sales_orders',
  invoiceSalesOrder: 'invoices',
  returnSalesOrder: 'sales_returns',
  placePurchaseOrder: 'purchase_orders',
  createPurchaseOrders: 'purchase_orders',
  approvePurchaseOrder: 'purchase_orders',
  receivePurchaseOrder: 'purchase_orders',
  recordSupplierInvoice: 'invoices',
  paySupplier: 'payments',
  claimStatementLine: 'payments',
  importStatementLines: 'statement_lines',
  createRfq: 'rfqs',
  recordQuote: 'rfqs',
  awardRfq: 'rfqs',
  runReorder: 'requisitions',
  runAlerts: 'alerts',
  transferStock: 'transfers',
  startStockCount: 'stock_counts',
  enterStockCount: 'stock_counts',
  postStockCount: 'stock_counts',
  postCommission: 'commission_runs',
  importSalesHistory: 'sales_orders',
  setConfig: 'settings',
};

export const recordTableOf = (command: string): string | null => RECORD_TABLES[command.split('.')[0] ?? ''] ?? null;

/** What one audit row says; the chain (id, prev_hash, hash) is added when it is written. */
export interface AuditEntry {
  actor: string;
  command: string;
  /** The document or record acted on, by natural key. */
  document?: string | null;
  /** Defaults to the command's table (`recordTableOf`). */
  recordTable?: string | null;
  before?: unknown;
  after?: unknown;
  /** The code of the refusal when the command was refused and changed nothing. */
  refused?: string | null;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/**
 * Appends rows to the audit log, each linked to the last: the last row is read once, when the
 * first row is appended, and kept in memory after that, so a bulk path pays one lookup however
 * many rows it writes. Use one inside a single transaction: it trusts that no one else appends
 * meanwhile, which the transaction's write lock guarantees (and the insert trigger checks).
 *
 * @example
 * auditChain(book).append({ actor: book.actor, command: 'importSalesHistory', after: summary });
 */
export class AuditChain {
  readonly #book: Book;
  #head: { id: number; hash: string } | undefined;

  constructor(book: Book) {
    this.#book = book;
  }

  /** Write one row after the last one; its id. */
  append(entry: AuditEntry): number {
    const head = this.#head ?? this.#book.exec.selectOne<{ id: number; hash: string }>(HEAD) ?? GENESIS_HEAD;
    const row: HashedAuditRow = {
      id: head.id + 1,
      at: this.#book.now(),
      actor: entry.actor,
      command: entry.command,
      record_table: entry.recordTable === undefined ? recordTableOf(entry.command) : entry.recordTable,
      document: entry.document ?? null,
      before_json: json(entry.before),
      after_json: json(entry.after),
      refused: entry.refused ?? null,
      prev_hash: head.hash,
    };
    const hash = auditHash(row);
    this.#book.exec.execute(
      INSERT,
      row.id,
      row.at,
      row.actor,
      row.command,
      row.record_table,
      row.document,
      row.before_json,
      row.after_json,
      row.refused,
      row.prev_hash,
      hash,
    );
    this.#head = { id: row.id, hash };
    return row.id;
  }
}

export const auditChain = (book: Book): AuditChain => new AuditChain(book);

const GENESIS_HEAD = { id: 0, hash: AUDIT_GENESIS } as const;

/** The last row's id and hash: one index lookup. */
const HEAD = 'select id, hash from audit_log order by id desc limit 1';
const INSERT = `insert into audit_log (id, at, actor, command, record_table, document, before_json, after_json, refused, prev_hash, hash)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** What a refused action leaves in the audit log. */
export interface Refusal {
  actor: string;
  command: string;
  /** The refusal's error code, e.g. `permission.denied`. */
  code: string;
  message: string;
  /** The record it was refused on, when there is one. */
  document?: string | null;
}

/**
 * Log a refused action in a transaction of its own: the refused command has rolled back and
 * changed nothing, and this row says who tried what and why it was refused. Called outside any
 * transaction, since one still open would take the row down with it when it rolls back.
 *
 * @example
 * try { … } catch (e) { logRefusal(book, { actor: 'li', command: 'approveSalesOrder', code: e.code, message: e.message }); throw e; }
 */
export function logRefusal(book: Book, refusal: Refusal): number {
  if (book.inTransaction) {
    throw new TradeloopError(
      'audit.in_transaction',
      `the refusal of ${refusal.command} is logged after its transaction ends, not inside one`,
    );
  }
  return book.batch(() =>
    auditChain(book).append({
      actor: refusal.actor,
      command: refusal.command,
      document: refusal.document ?? null,
      after: { message: refusal.message },
      refused: refusal.code,
    }),
  );
}

/** The first break in the audit chain, if any. */
export interface AuditBreak {
  id: number;
  code: 'audit.changed' | 'audit.unlinked';
  message: string;
}

/**
 * Walk the audit log in id order and recompute the chain: the first row whose `prev_hash` is not
 * the hash of the row before it (a row removed or put in between), or whose fields no longer give
 * its `hash` (a row changed after it was written). Streams the rows; nothing is held.
 */
export function verifyAuditChain(book: Book): AuditBreak | undefined {
  const rows = book.exec.iterate<AuditRow>('select * from audit_log order by id');
  let prev = { id: 0, hash: AUDIT_GENESIS };
  for (const row of rows) {
    const what = `audit row ${row.id} (${row.command}${row.document ? ` ${row.document}` : ''} by ${row.actor} at ${row.at})`;
    if (row.prev_hash !== prev.hash) {
      const gap = row.id - prev.id - 1;
      const missing =
        gap === 1 ? `row ${prev.id + 1} is missing` : gap > 1 ? `rows ${prev.id + 1} to ${row.id - 1} are missing` : '';
      const before = prev.id === 0 ? 'the start of the chain' : `the hash of row ${prev.id} before it`;
      rows.return?.();
      return {
        id: row.id,
        code: 'audit.unlinked',
        message: `${what}: its prev_hash is not ${before}; ${missing || 'a row was removed, put in between or rewritten'}`,
      };
    }
    const hash = auditHash(row);
    if (hash !== row.hash) {
      rows.return?.();
      return {
        id: row.id,
        code: 'audit.changed',
        message: `${what}: its fields do not give its hash (${row.hash.slice(0, 12)}…, they give ${hash.slice(0, 12)}…); it was changed after it was written`,
      };
    }
    prev = { id: row.id, hash: row.hash };
  }
  return undefined;
}

/** The append-only triggers a book has; fewer than all means someone dropped one. */
export const AUDIT_TRIGGERS = ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_chained'] as const;

export function missingAuditTriggers(book: Book): string[] {
  const present = new Set(
    book.exec
      .select<{ name: string }>(
        book.driver.engine === 'postgres'
          ? "select tgname as name from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal"
          : "select name from sqlite_master where type = 'trigger' and tbl_name = 'audit_log'",
      )
      .map((r) => r.name),
  );
  return AUDIT_TRIGGERS.filter((t) => !present.has(t));
}

/** Which audit rows to list; every field narrows, none lists them all. */
export interface AuditFilter {
  /** Who acted. */
  actor?: string | undefined;
  /** A document number (`SO-2026-000001`), or a table and a key (`products:TEA-001`). */
  record?: string | undefined;
  /** A command, with its variants: `editProduct` is also `editProduct.price`. */
  command?: string | undefined;
  /** Business days in the book's time zone, both ends included. */
  period?: { start: IsoDate; end: IsoDate } | undefined;
}

/**
 * The audit rows a filter picks, oldest first, for a user who may read the audit trail
 * (`audit.read`). A row's day is the day of its time stamp in the book's time zone, as every
 * other date of the book is.
 *
 * @example
 * listAudit(book, { record: 'products:TEA-001', period: { start: '2026-03-01', end: '2026-03-31' } })
 */
export function listAudit(book: Book, filter: AuditFilter = {}): AuditRow[] {
  book.requirePermission('audit.read');
  let q = book.db.selectFrom('audit_log').selectAll().orderBy('id');
  if (filter.actor !== undefined) q = q.where('actor', '=', filter.actor);
  if (filter.command !== undefined) {
    const command = filter.command;
    // `editProduct.…` sorts from `editProduct.` up to `editProduct/`, '/' being the next character.
    q = q.where((eb) =>
      eb.or([
        eb('command', '=', command),
        eb.and([eb('command', '>=', `${command}.`), eb('command', '<', `${command}/`)]),
      ]),
    );
  }
  if (filter.record !== undefined) {
    const { table, key } = parseRecord(filter.record);
    q = q.where('document', '=', key);
    if (table !== undefined) q = q.where('record_table', '=', table);
  }
  const period = filter.period;
  if (!period) return book.exec.all(q);
  // Time stamps are UTC: a day either side holds every zone's day, and the zone decides the rest.
  const zone = book.settings().timeZone;
  q = q.where('at', '>=', addDays(period.start, -1)).where('at', '<', addDays(period.end, 2));
  return book.exec.all(q).filter((r) => {
    const day = todayIn(zone, new Date(r.at));
    return day >= period.start && day <= period.end;
  });
}

/** `products:TEA-001` is a table and a key; anything else, a document number as it is. */
function parseRecord(record: string): { table?: string; key: string } {
  const colon = record.indexOf(':');
  const table = record.slice(0, colon);
  if (colon > 0 && Object.hasOwn(BOOK_TABLES, table)) return { table, key: record.slice(colon + 1) };
  return { key: record };
}
