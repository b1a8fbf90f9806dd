import { parentPort, workerData } from 'node:worker_threads';
import { type MoneyOptions, salesHistoryColumns, salesHistoryRowSchema, TradeloopError } from '@tradeloop/core';
import Database from 'better-sqlite3';
import type { TableSource } from './csv-source.js';
import { SqliteDriver } from './driver.js';
import { historyBatcher } from './history-batch.js';
import {
  type HistoryIds,
  type HistoryLine,
  type HistoryOrderEvent,
  historyLookup,
  planSalesHistory,
} from './history-plan.js';
import type { ReaderMessage, ReaderRequest } from './history-reader.js';
import { streamRecords } from './importer.js';
import { InputRejected } from './rejection.js';

/**
 * The reading half of a sales-history import on a SQLite file: this thread reads and checks the
 * file and plans each order (`planSalesHistory`) while the main thread writes the rows it sends.
 * It reads the book through a read-only connection of its own, in one snapshot begun after the
 * main thread took the write lock: the book as it was before the import, as the plan needs it.
 */
const task = workerData as ReaderRequest;
const port = parentPort;
if (!port) throw new Error('the history reader runs as a worker thread');

/** New orders not yet sent; orders already in the book (`unchanged`), told as they come. */
const batcher = historyBatcher();
let unchanged: HistoryOrderEvent[] = [];

// The main thread answers each batch once written: this thread waits when it is `AHEAD` batches
// ahead, so a file is never held in memory because the book is slower than the reader.
const AHEAD = 4;
let sent = 0;
let written = 0;
let wake: (() => void) | undefined;
port.on('message', (m: 'written') => {
  if (m !== 'written') return;
  written += 1;
  wake?.();
});

const post = (message: ReaderMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function send(lines: number) {
  const batch = batcher.take();
  post({ type: 'orders', batch, unchanged, lines }, [batch.numbers.buffer as ArrayBuffer]);
  unchanged = [];
  sent += 1;
  while (sent - written > AHEAD) await new Promise<void>((resolve) => (wake = resolve));
}

async function read() {
  const db = new Database(task.book, { readonly: true, fileMustExist: true });
  try {
    db.exec('begin');
    const money: MoneyOptions = task.money;
    // Splits of new orders are found by the writer, from the book: no set of every order number here.
    const plan = planSalesHistory(
      historyLookup(new SqliteDriver(db)),
      task.ids as HistoryIds,
      money.rounding,
      batcher.add,
      (o) => {
        if (o.status === 'unchanged') unchanged.push(o);
      },
      { splits: 'writer' },
    );
    const stream = streamRecords(
      task.source as TableSource,
      salesHistoryColumns(money),
      salesHistoryRowSchema,
      'sales_history',
      {
        onError: 'abort',
        ...(task.map ? { map: task.map } : {}),
      },
    );
    let lines = 0;
    for await (const batch of stream.batches)
      for (const { row, value } of batch) {
        // The row's record is this loop's own: it takes its row number rather than being copied.
        const line = value as HistoryLine;
        line.row = row;
        plan.line(line);
        lines += 1;
        if (lines % 512 === 0) await send(lines);
      }
    const result = plan.finish();
    await send(lines);
    post({ type: 'done', plan: result, rejections: stream.rejections, headers: stream.state.headers ?? [] });
  } finally {
    db.close();
  }
}

read().catch((error: unknown) => {
  post({
    type: 'failed',
    error:
      error instanceof InputRejected
        ? { kind: 'rejected', rejections: [...error.rejections] }
        : error instanceof TradeloopError
          ? {
              kind: 'tradeloop',
              code: error.code,
              message: error.message,
              path: [...error.path],
              issues: [...error.issues],
              ...(error.hint ? { hint: error.hint } : {}),
            }
          : { kind: 'error', message: error instanceof Error ? error.message : String(error) },
  });
});
