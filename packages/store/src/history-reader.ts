import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Issue, type MoneyOptions, TradeloopError } from '@tradeloop/core';
import type { Book } from './book.js';
import type { TableSource } from './csv-source.js';
import { beginHistory, commitHistory, endHistory, type HistoryOptions } from './history.js';
import { type HistoryBatch, readHistoryBatch } from './history-batch.js';
import {
  type HistoryIds,
  type HistoryOrderEvent,
  type HistoryPlan,
  type HistorySummary,
  orderRows,
} from './history-plan.js';
import { InputRejected, type Rejection } from './rejection.js';

/** What the reading thread is given: the book's file, the source, and what the plan starts from. */
export interface ReaderRequest {
  book: string;
  source: TableSource;
  map?: string;
  money: MoneyOptions;
  ids: HistoryIds;
}

/** What the reading thread says: rows of whole orders, then the plan's end or what stopped it. */
export type ReaderMessage =
  | { type: 'orders'; batch: HistoryBatch; unchanged: HistoryOrderEvent[]; lines: number }
  | { type: 'done'; plan: HistoryPlan; rejections: Rejection[]; headers: string[] }
  | {
      type: 'failed';
      error:
        | { kind: 'rejected'; rejections: Rejection[] }
        | {
            kind: 'tradeloop';
            code: string;
            message: string;
            path: (string | number)[];
            issues: Issue[];
            hint?: string;
          }
        | { kind: 'error'; message: string };
    };

/**
 * The reading thread's heap is bounded, so two threads' memory stays that of one: what it keeps
 * is the plan's day totals and FIFO queues, a few megabytes at a million lines. A file that needs
 * more (millions of orders already in the book, say) is read again on the main thread.
 */
export const READER_HEAP_MB = 48;

/**
 * Its young generation, where each batch's short-lived objects are made and dropped. V8 sizes it
 * from the heap bound, and so small a one is swept so often that batches live through sweeps and
 * are copied and promoted: at 16 MB the import of 1M lines took about 8% less time (32 and 64 MB
 * did no better), for at most 16 MB more.
 */
export const READER_YOUNG_MB = 16;

/** The reading thread ran out of its heap: the caller reads the file again on its own thread. */
export class ReaderOutOfMemory extends Error {
  constructor() {
    super(`the sales-history reader needed more than ${READER_HEAP_MB} MB`);
    this.name = 'ReaderOutOfMemory';
  }
}

/** What the file's reader found: refused rows and the file's headers, for naming problems. */
export interface ReadState {
  rejections: Rejection[];
  headers: string[];
}

const revive = (error: Extract<ReaderMessage, { type: 'failed' }>['error']): Error =>
  error.kind === 'rejected'
    ? new InputRejected(error.rejections)
    : error.kind === 'tradeloop'
      ? new TradeloopError(error.code, error.message, {
          path: error.path,
          issues: error.issues,
          ...(error.hint ? { hint: error.hint } : {}),
        })
      : new Error(error.message);

/**
 * A sales-history file into a SQLite book on two threads: a worker reads, checks and plans the
 * file while this thread writes the rows it sends, in the one transaction this thread holds. Reading
 * a line and writing its rows cost about the same, so the import takes about the longer of the two
 * rather than their sum. `read` is filled with the reader's refusals and the file's headers.
 */
export async function importSalesHistoryThreaded(
  book: Book,
  source: TableSource,
  options: Pick<HistoryOptions, 'dryRun' | 'onProgress' | 'onOrder'> & { map?: string; readerHeapMb?: number },
  read: ReadState,
): Promise<HistorySummary> {
  const write = beginHistory(book);
  let worker: Worker | undefined;
  // Told once the import is settled, so a file read again after the reader ran out of memory
  // does not tell them twice.
  const orders: HistoryOrderEvent[] = [];
  // The writer finds a new order met again after another one: its number is in the book already
  // (the plan keeps no set of every number). After the first, no more rows are written.
  const splits: Issue[] = [];
  const exists = book.driver.prepare('select 1 as x from sales_orders where number = ?');
  /** A batch of new orders into the book, unless one of them is a split (or one was before). */
  const take = (batch: HistoryBatch, unchanged: readonly HistoryOrderEvent[]) => {
    const numbers = new Set<string>();
    const told: HistoryOrderEvent[] = [];
    readHistoryBatch(batch, (o) => {
      if (numbers.has(o.number) || exists.get(o.number)) {
        if (splits.length < 200)
          splits.push({
            code: 'history.order_split',
            path: [o.row, 'order'],
            message: `order ${o.number} appears again; keep an order's lines together`,
            value: o.number,
          });
        return;
      }
      numbers.add(o.number);
      if (splits.length === 0) orderRows(o, write.rows);
      if (options.onOrder) told.push({ row: o.row, order: o.number, status: 'new' });
    });
    // The next batch's orders are looked for in the book.
    write.rows.order.flush();
    if (options.onOrder) for (const o of [...told, ...unchanged].sort((x, y) => x.row - y.row)) orders.push(o);
  };
  try {
    const request: ReaderRequest = {
      book: book.path,
      source,
      money: book.moneyOptions(),
      ids: write.ids,
      ...(options.map ? { map: options.map } : {}),
    };
    const done = await new Promise<Extract<ReaderMessage, { type: 'done' }>>((resolve, reject) => {
      worker = new Worker(fileURLToPath(import.meta.resolve('@tradeloop/store/history-worker')), {
        workerData: request,
        resourceLimits: {
          maxOldGenerationSizeMb: options.readerHeapMb ?? READER_HEAP_MB,
          maxYoungGenerationSizeMb: READER_YOUNG_MB,
        },
      });
      worker.on('message', (m: ReaderMessage) => {
        try {
          if (m.type === 'orders') {
            take(m.batch, m.unchanged);
            options.onProgress?.(m.lines);
            worker?.postMessage('written');
          } else if (m.type === 'done') resolve(m);
          else reject(revive(m.error));
        } catch (error) {
          reject(error);
        }
      });
      worker.on('error', (error: Error & { code?: string }) =>
        reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ReaderOutOfMemory() : error),
      );
      worker.on('exit', (code) => reject(new Error(`the sales-history reader stopped (exit code ${code})`)));
    });
    // Its memory back before the indexes are built.
    await worker?.terminate();
    worker = undefined;
    read.rejections = done.rejections;
    read.headers = done.headers;
    const issues = [...done.plan.issues, ...splits].sort((a, b) => Number(a.path[0]) - Number(b.path[0])).slice(0, 200);
    for (const o of issues.length > 0 ? [] : orders) options.onOrder?.(o);
    return commitHistory(
      book,
      write,
      { ...done.plan, issues },
      { ...options, abort: () => done.rejections.length > 0 },
    );
  } finally {
    await worker?.terminate();
    endHistory(book);
  }
}
