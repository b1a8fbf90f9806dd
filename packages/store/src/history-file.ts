import { statSync } from 'node:fs';
import { formatMoney, matchHeaders, salesHistoryColumns, salesHistoryRowSchema, TradeloopError } from '@tradeloop/core';
import type { Book } from './book.js';
import { sourceName, type TableSource } from './csv-source.js';
import { type HistoryOptions, type HistorySummary, importSalesHistory } from './history.js';
import { importSalesHistoryThreaded, ReaderOutOfMemory, type ReadState } from './history-reader.js';
import { applyMapping, streamRecords } from './importer.js';
import type { ImportDiff } from './imports.js';
import { InputRejected, type Rejection } from './rejection.js';

export interface HistoryFileOptions extends Pick<HistoryOptions, 'dryRun' | 'onProgress' | 'onOrder'> {
  /** A JSON file mapping the file's headers to ours, as for every import. */
  map?: string;
  /**
   * Read the file on a thread of its own while this one writes: by default for a file of
   * `THREADED_FROM` bytes or more into a SQLite book on disk (starting the thread costs more than
   * it saves on a small file). PostgreSQL books and books in memory are read on this thread.
   */
  threads?: boolean;
  /** The reading thread's heap, when not `READER_HEAP_MB` (tests). */
  readerHeapMb?: number;
}

/** From this size on a history file is read on a second thread (about 15,000 lines of CSV). */
export const THREADED_FROM = 1 << 20;

const sizeOf = (source: TableSource) => {
  if (typeof source !== 'string') return source.bytes.length;
  try {
    return statSync(source).size;
  } catch {
    return 0; // the reader names a file it cannot open
  }
};

/**
 * Stream a sales-history file (CSV or XLSX, UTF-8 or GBK) into the book as one command: every
 * order posted, or none. Problems in the rows (a bad amount) and those the book finds (an unknown
 * customer, too little stock, an order split) are refused together, in row order, each under the
 * file's own header for its field (`InputRejected`); the file is never held whole.
 *
 * @example
 * await importSalesHistoryFile(book, '2025-sales.xlsx', { dryRun: true }) // { orders: 3, lines: 4, … }
 */
export async function importSalesHistoryFile(
  book: Book,
  source: TableSource,
  options: HistoryFileOptions = {},
): Promise<HistorySummary & { file: string }> {
  const { map, threads, readerHeapMb, ...history } = options;
  const specs = salesHistoryColumns(book.moneyOptions());
  const file = sourceName(source);
  const threaded =
    book.driver.engine === 'sqlite' && book.path !== ':memory:' && (threads ?? sizeOf(source) >= THREADED_FROM);
  const read: ReadState = { rejections: [], headers: [] };
  let summary: HistorySummary;
  try {
    const onThisThread = () => {
      // Row problems stop the import whatever else is asked: history must be whole to be right.
      const stream = streamRecords(source, specs, salesHistoryRowSchema, 'sales_history', {
        onError: 'abort',
        ...(map ? { map } : {}),
      });
      read.rejections = stream.rejections;
      async function* lines() {
        for await (const { row, value } of stream.records) yield { row, ...value };
        read.headers = stream.state.headers ?? [];
      }
      return importSalesHistory(book, lines(), { ...history, abort: () => stream.rejections.length > 0 });
    };
    summary = threaded
      ? await importSalesHistoryThreaded(
          book,
          source,
          { ...history, ...(map ? { map } : {}), ...(readerHeapMb ? { readerHeapMb } : {}) },
          read,
        ).catch((error: unknown) => {
          if (error instanceof ReaderOutOfMemory) return onThisThread();
          throw error;
        })
      : await onThisThread();
  } catch (error) {
    if (!(error instanceof TradeloopError) || error.code !== 'command.rejected' || !error.issues?.length) throw error;
    const mapped = applyMapping(specs, map);
    const headers = read.headers;
    const matched = matchHeaders(mapped, headers);
    const columnOf = (field: string) => {
      const index = matched.ok ? (matched.value.columns as Record<string, number | undefined>)[field] : undefined;
      return (
        (index === undefined ? undefined : headers[index]) ??
        mapped.find((c) => String(c.field) === field)?.header ??
        field
      );
    };
    const found = error.issues.map(
      (i): Rejection => ({
        file,
        row: Number(i.path[0]),
        column: columnOf(String(i.path[1])),
        value: String(i.value ?? ''),
        rule: i.code,
        message: i.message,
      }),
    );
    throw new InputRejected([...read.rejections, ...found].sort((a, b) => a.row - b.row));
  }
  // Rows the reader refused roll the import back: history must be whole to be right.
  if (read.rejections.length > 0) throw new InputRejected(read.rejections);
  return { file, ...summary };
}

/** A sales-history upload's answer: each order at its first row, and what the file comes to. */
export type HistoryDiff = ImportDiff & {
  /** Lines read, and the money the new orders post, as the CLI prints it (`1,603.00`). */
  totals: { lines: number; net: string; tax: string; cost: string; paid: string };
};

/**
 * What importing a sales-history file would do (or did, unless `dryRun`), in the shape every
 * other upload answers: each order new or unchanged (already in the book, the same) at its
 * first row, keyed by its number. A refused file throws `InputRejected`, as the import does.
 */
export async function salesHistoryDiff(
  book: Book,
  source: TableSource,
  options: Pick<HistoryFileOptions, 'dryRun'> = {},
): Promise<HistoryDiff> {
  const rows: ImportDiff['rows'] = [];
  const summary = await importSalesHistoryFile(book, source, {
    ...options,
    onOrder: ({ row, order, status }) => rows.push({ row, status, key: order }),
  });
  const { precision } = book.moneyOptions();
  const money = (minor: number) => formatMoney(minor, { precision, grouping: true });
  return {
    file: summary.file,
    kind: 'sales-history',
    rows,
    rejected: [],
    summary: { new: summary.orders, changed: 0, unchanged: summary.unchanged, rejected: 0 },
    totals: {
      lines: summary.lines,
      net: money(summary.net),
      tax: money(summary.tax),
      cost: money(summary.cost),
      paid: money(summary.paid),
    },
  };
}
