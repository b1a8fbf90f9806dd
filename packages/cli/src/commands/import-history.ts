import type { Command } from 'commander';
import { z } from 'zod';
import { withBook } from '../book-access.js';
import { opt, parseOptions } from '../options.js';
import { money, printResult } from '../result.js';

const historySchema = z.object({ dryRun: opt.flag(), map: opt.text().optional(), format: opt.resultFormat() });

/**
 * `tradeloop import sales-history FILE`: completed orders from before tradeloop, streamed into
 * one transaction (a million lines are never held at once). Progress on a terminal.
 */
export async function importHistory(file: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, historySchema, raw);
  await withBook(cmd, async (book) => {
    const { importSalesHistoryFile } = await import('@tradeloop/store');
    const { startProgress } = await import('../progress.js');
    const progress = await startProgress('importing sales history');
    let summary: Awaited<ReturnType<typeof importSalesHistoryFile>>;
    try {
      summary = await importSalesHistoryFile(book, file, {
        dryRun: Boolean(o.dryRun),
        ...(o.map ? { map: o.map } : {}),
        onProgress: (n) => progress.update(n, 'lines'),
      });
    } finally {
      progress.finish();
    }
    const { file: _name, ...figures } = summary;
    const { precision } = book.settings();
    const m = (n: number) => money(n, precision);
    printResult(
      o.format,
      { file, dryRun: Boolean(o.dryRun), ...figures },
      () =>
        `${o.dryRun ? 'would import' : 'imported'} ${file}: ${summary.orders} orders, ${summary.lines} lines, net ${m(summary.net)}, VAT ${m(summary.tax)}, cost ${m(summary.cost)}, paid ${m(summary.paid)}${summary.unchanged > 0 ? `; ${summary.unchanged} orders already in the book, unchanged` : ''}`,
    );
  });
}
