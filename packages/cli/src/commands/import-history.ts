import { applyMapping, settleRejections, streamRecords } from '@tradeloop/store';
import type { Command } from 'commander';
import { z } from 'zod';
import { withBook } from '../book-access.js';
import { InputRejected, type Rejection } from '../cli-error.js';
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
    const [{ matchHeaders, salesHistoryColumns, salesHistoryRowSchema }, { importSalesHistory }] = await Promise.all([
      import('@tradeloop/core'),
      import('@tradeloop/store'),
    ]);
    const specs = salesHistoryColumns(book.moneyOptions());
    // Row problems stop the import whatever --on-error says: history must be whole to be right.
    const stream = streamRecords(file, specs, salesHistoryRowSchema, 'sales_history', { ...o, onError: 'abort' });
    const { startProgress } = await import('../progress.js');
    const progress = await startProgress('importing sales history');
    async function* lines() {
      for await (const { row, value } of stream.records) yield { row, ...value };
    }
    let summary: Awaited<ReturnType<typeof importSalesHistory>>;
    try {
      summary = await importSalesHistory(book, lines(), {
        dryRun: Boolean(o.dryRun) || stream.rejections.length > 0,
        onProgress: (n) => progress.update(n, 'lines'),
      });
    } catch (error) {
      progress.finish();
      const issues = (
        error as { issues?: { path: (string | number)[]; message: string; code: string; value?: unknown }[] }
      ).issues;
      if (!issues || issues.length === 0) throw error;
      // Problems the book found (stock, unknown customers) join those in the rows, in row order,
      // each under the file's own header for its field.
      const name = file.replace(/^.*[\\/]/, '');
      const mapped = applyMapping(specs, o.map);
      const headers = stream.state.headers ?? [];
      const matched = matchHeaders(mapped, headers);
      const columnOf = (field: string) => {
        const index = matched.ok ? (matched.value.columns as Record<string, number | undefined>)[field] : undefined;
        return (
          (index === undefined ? undefined : headers[index]) ??
          mapped.find((c) => String(c.field) === field)?.header ??
          field
        );
      };
      const found = issues.map(
        (i): Rejection => ({
          file: name,
          row: Number(i.path[0]),
          column: columnOf(String(i.path[1])),
          value: String(i.value ?? ''),
          rule: i.code,
          message: i.message,
        }),
      );
      throw new InputRejected([...stream.rejections, ...found].sort((a, b) => a.row - b.row));
    }
    progress.finish();
    settleRejections(stream, { ...o, onError: 'abort' });
    const { precision } = book.settings();
    const m = (n: number) => money(n, precision);
    printResult(
      o.format,
      { file, dryRun: Boolean(o.dryRun), ...summary },
      () =>
        `${o.dryRun ? 'would import' : 'imported'} ${file}: ${summary.orders} orders, ${summary.lines} lines, net ${m(summary.net)}, VAT ${m(summary.tax)}, cost ${m(summary.cost)}, paid ${m(summary.paid)}${summary.unchanged > 0 ? `; ${summary.unchanged} orders already in the book, unchanged` : ''}`,
    );
  });
}
