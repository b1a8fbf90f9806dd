import { type JournalEntry, TradeloopError } from '@tradeloop/core';
import { auditChain } from './audit.js';
import { asBookError, type Book } from './book.js';
import { type BulkInsert, bulkInsert } from './bulk-insert.js';
import { identityAfter, refreshStatistics } from './dialect.js';
import type { Driver } from './driver.js';
import {
  type HistoryIds,
  type HistoryLine,
  type HistoryOrderEvent,
  type HistoryPlan,
  type HistorySummary,
  type HistoryTable,
  historyLookup,
  orderRows,
  planSalesHistory,
} from './history-plan.js';
import { writeEntry } from './journal.js';

export type { HistoryLine, HistorySummary } from './history-plan.js';

export interface HistoryOptions {
  dryRun?: boolean;
  onProgress?: (lines: number) => void;
  /** Each order of the file as it is settled, at its first row: posted (or to be) or already in the book. */
  onOrder?: (order: HistoryOrderEvent) => void;
  /** Asked before committing: true rolls the whole import back (rows the file's reader refused). */
  abort?: () => boolean;
}

/** Each table's columns, in the order the plan gives a row's values, and the tables written before it. */
const WRITES: Record<HistoryTable, { table: string; columns: string; parents: HistoryTable[] }> = {
  order: {
    table: 'sales_orders',
    columns: `id number customer_id salesperson_id channel ship_region ship_address order_date promise_date terms
      status warehouse_id net_minor tax_minor gross_minor paid_minor`,
    parents: [],
  },
  orderLine: {
    table: 'sales_order_lines',
    columns: `id order_id line_no product_id qty unit_price_minor list_price_minor tax_rate_bp net_minor tax_minor
      gross_minor shipped_qty invoiced_qty price_trace_json`,
    parents: ['order'],
  },
  shipment: { table: 'shipments', columns: 'id number order_id warehouse_id date', parents: ['order'] },
  shipmentLine: {
    table: 'shipment_lines',
    columns: 'shipment_id order_line_id product_id qty cost_minor',
    parents: ['shipment', 'orderLine'],
  },
  move: { table: 'stock_moves', columns: 'date product_id warehouse_id qty value_minor kind document', parents: [] },
  invoice: {
    table: 'invoices',
    columns: `id number kind vat_kind customer_id order_id salesperson_id date due_date net_minor tax_minor
      gross_minor open_minor cost_minor`,
    parents: ['order'],
  },
  payment: {
    table: 'payments',
    columns: 'id number kind customer_id date amount_minor account unallocated_minor',
    parents: [],
  },
  allocation: {
    table: 'payment_allocations',
    columns: 'payment_id invoice_id amount_minor date',
    parents: ['payment', 'invoice'],
  },
};

/**
 * Indexes kept up while history's rows load rather than dropped and built again: those whose keys
 * the import writes in increasing order (ids it numbers itself, the dates of a file in date
 * order), each row added at the right edge of the tree, on tables where they are listed before
 * any index that is built again (see `indexesToRebuild`). The writing thread has time to spare
 * while the other reads the file.
 */
export const KEPT_WHILE_LOADING: ReadonlySet<string> = new Set([
  'shipment_lines_shipment',
  'shipment_lines_order_line',
  'payment_allocations_date',
  'payment_allocations_invoice',
  'payment_allocations_payment',
]);

/**
 * The secondary indexes of `tables` to drop for the load and build again after it, in the order
 * the book has them. Where two indexes serve a query equally, SQLite's planner takes the one its
 * schema lists first, and an index built again is listed last: so once one of a table's indexes
 * is built again, those listed after it are too, in order, and every query plans as before.
 */
function indexesToRebuild(db: Driver, tables: readonly string[]): { name: string; sql: string }[] {
  const indexes = db.all<{ name: string; sql: string; table: string }>(
    `select name, sql, tbl_name as "table" from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(', ')}) order by rowid`,
    tables,
  );
  const rebuilt = new Set<string>();
  return indexes
    .filter((index) => {
      if (rebuilt.has(index.table) || !KEPT_WHILE_LOADING.has(index.name)) rebuilt.add(index.table);
      return rebuilt.has(index.table);
    })
    .map(({ name, sql }) => ({ name, sql }));
}

/** An import of history under way: the write lock held, its rows' ids, the writers of its rows. */
export interface HistoryWrite {
  ids: HistoryIds;
  rows: Record<HistoryTable, BulkInsert>;
  /** Indexes dropped for the load, made again before the commit. */
  deferred: { name: string; sql: string }[];
}

/**
 * Take the write lock and ready the tables for history's rows. On SQLite the secondary indexes
 * are dropped (a million inserts into them cost more than building them once at the end; the
 * drop is part of the transaction, so a crash restores them) and foreign keys are not checked
 * while it runs: every reference the import writes is a row it looked up in the same transaction
 * or numbered itself, and checking a million of them again was 7% of the import.
 */
export function beginHistory(book: Book): HistoryWrite {
  book.requirePermission('master.write');
  const db = book.driver;
  const sqlite = db.engine === 'sqlite';
  // Outside a transaction only: SQLite ignores the switch inside one.
  if (sqlite && !db.inTransaction) db.run('pragma foreign_keys = off', []);
  try {
    db.begin();
  } catch (error) {
    if (sqlite) db.run('pragma foreign_keys = on', []);
    throw asBookError(error, book.path);
  }
  try {
    const nextId = (table: string) =>
      (db.get<{ m: number | null }>(`select max(id) as m from ${table}`, [])?.m ?? 0) + 1;
    const ids: HistoryIds = {
      order: nextId('sales_orders'),
      orderLine: nextId('sales_order_lines'),
      shipment: nextId('shipments'),
      invoice: nextId('invoices'),
      payment: nextId('payments'),
    };
    const rows = {} as Record<HistoryTable, BulkInsert>;
    for (const [name, w] of Object.entries(WRITES) as [HistoryTable, (typeof WRITES)[HistoryTable]][])
      rows[name] = bulkInsert(db, w.table, w.columns.trim().split(/\s+/), { parents: w.parents.map((p) => rows[p]) });
    const tables = Object.values(WRITES).map((w) => w.table);
    // PostgreSQL keeps its indexes: dropping them would wait for every reader of those tables.
    const deferred = sqlite ? indexesToRebuild(db, tables) : [];
    for (const index of deferred) db.run(`drop index ${index.name}`, []);
    return { ids, rows, deferred };
  } catch (error) {
    endHistory(book);
    throw error;
  }
}

/** Roll back what is not committed and check foreign keys again: after an import, whatever its end. */
export function endHistory(book: Book): void {
  const db = book.driver;
  db.rollback();
  if (db.engine === 'sqlite' && db.open) db.run('pragma foreign_keys = on', []);
}

/**
 * Write what the plan leaves after its rows, then commit: each product's FIFO layers and balance,
 * the journal (one set of entries a day), the dropped indexes, the audit row. A plan with problems
 * is refused (`command.rejected`, the problems by row and field); a dry run, an import that posts
 * no order, or an `abort` roll back instead of committing.
 */
export function commitHistory(
  book: Book,
  write: HistoryWrite,
  plan: HistoryPlan,
  options: Pick<HistoryOptions, 'dryRun' | 'abort'>,
): HistorySummary {
  const db = book.driver;
  const { summary, issues } = plan;
  if (issues.length > 0) {
    throw new TradeloopError(
      'command.rejected',
      `${issues.length}${issues.length >= 200 ? '+' : ''} problems in the sales history; nothing was posted`,
      { issues },
    );
  }
  for (const rows of Object.values(write.rows)) rows.flush();
  const saveLayer = db.prepare(
    'insert into fifo_layers (product_id, warehouse_id, date, source, batch, expiry, qty, value_minor) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const q of plan.stock) {
    db.run('delete from fifo_layers where product_id = ? and warehouse_id = ?', [q.productId, q.warehouseId]);
    for (const l of q.layers)
      saveLayer.run(q.productId, q.warehouseId, l.date, l.source, l.batch ?? null, l.expiry ?? null, l.qty, l.value);
    db.run(
      'update stock_balances set on_hand = on_hand + ?, value_minor = value_minor + ? where product_id = ? and warehouse_id = ?',
      [q.qty, q.value, q.productId, q.warehouseId],
    );
  }
  for (const [date, d] of [...plan.byDay.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const legs: JournalEntry['lines'] = [...d.ar.entries()].map(([customer, amount]) => ({
      account: '1122',
      debit: amount,
      credit: 0,
      party: customer,
    }));
    legs.push({ account: '6001', debit: 0, credit: d.revenue }, { account: '2221.02', debit: 0, credit: d.vat });
    writeEntry(book, {
      date,
      memo: `Sales history ${date}`,
      source: { kind: 'sales_history', document: date },
      lines: legs.filter((l) => l.debit + l.credit > 0),
    });
    writeEntry(book, {
      date,
      memo: `Cost of sales history ${date}`,
      source: { kind: 'sales_history_cost', document: date },
      lines: [
        { account: '6401', debit: d.cogs, credit: 0 },
        { account: '1405', debit: 0, credit: d.cogs },
      ].filter((l) => l.debit + l.credit > 0),
    });
  }
  for (const [date, byCustomer] of [...plan.paidByDay.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const total = [...byCustomer.values()].reduce((a, b) => a + b, 0);
    writeEntry(book, {
      date,
      memo: `Receipts for sales history ${date}`,
      source: { kind: 'sales_history_receipts', document: date },
      lines: [
        { account: '1002', debit: total, credit: 0 },
        ...[...byCustomer.entries()].map(([customer, amount]) => ({
          account: '1122',
          debit: 0,
          credit: amount,
          party: customer,
        })),
      ],
    });
  }
  if (write.deferred.length > 0) {
    // Sorting a million keys, SQLite spills sorted runs and merges them; a helper thread sorts
    // one run while the next is read (a fifth less time at 1M lines).
    db.run('pragma threads = 2', []);
    for (const index of write.deferred) db.run(index.sql, []);
    db.run('pragma threads = 0', []);
  }
  // Rows written with the ids the import gave them: PostgreSQL's identity columns go on from there.
  if (db.engine === 'postgres')
    for (const table of ['sales_orders', 'sales_order_lines', 'shipments', 'invoices', 'payments'])
      identityAfter(book, table);
  auditChain(book).append({ actor: book.actor, command: 'importSalesHistory', after: summary });
  // A file already in the book changes nothing, not even the audit log.
  if (options.dryRun || summary.orders === 0 || options.abort?.()) db.rollback();
  else {
    db.commit();
    refreshStatistics(book);
  }
  return summary;
}

/**
 * Post sales history in bulk: completed orders with their shipment at FIFO cost, stock moves,
 * invoice, payment when paid, and the journal (one set of entries per day). One transaction for
 * the whole file, statements prepared once, FIFO queues kept in memory while it runs: a million
 * lines stream through without being held. Any problem rolls everything back and names the rows.
 *
 * @example
 * await importSalesHistory(book, linesFromCsv) // { orders: 333412, lines: 1000000, … }
 */
export async function importSalesHistory(
  book: Book,
  lines: AsyncIterable<HistoryLine>,
  options: HistoryOptions = {},
): Promise<HistorySummary> {
  const write = beginHistory(book);
  try {
    const plan = planSalesHistory(
      historyLookup(book.driver),
      write.ids,
      book.moneyOptions().rounding,
      (order) => orderRows(order, write.rows),
      options.onOrder,
    );
    let n = 0;
    for await (const line of lines) {
      plan.line(line);
      n += 1;
      if (options.onProgress && n % 1_000 === 0) options.onProgress(n);
    }
    return commitHistory(book, write, plan.finish(), options);
  } finally {
    endHistory(book);
  }
}
