import type { Command } from 'commander';
import { z } from 'zod';
import { withBook } from '../book-access.js';
import { opt, parseOptions } from '../options.js';
import { printResult } from '../result.js';

const orderImportSchema = z.object({ dryRun: opt.flag(), map: opt.text().optional(), format: opt.resultFormat() });

/**
 * `tradeloop import orders|purchase-orders FILE`: open documents entered through the same commands
 * as by hand (prices, approvals and credit checks apply to sales orders), all in one transaction.
 * Rows are grouped by the order reference in the file; an order's lines must be together.
 */
export async function importOrders(kind: 'sales' | 'purchase', file: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, orderImportSchema, raw);
  await withBook(cmd, async (book) => {
    const { InputRejected, readOrderFile } = await import('@tradeloop/store');
    const read = await readOrderFile(book, kind, file, o.map ? { map: o.map } : {});
    if (read.refused.length > 0) throw new InputRejected(read.refused);
    const { placed, unchanged } = read.apply({ dryRun: Boolean(o.dryRun) }).result;
    printResult(o.format, { file, dryRun: Boolean(o.dryRun), orders: placed, unchanged }, () =>
      [
        `${o.dryRun ? 'would place' : 'placed'} ${placed.length} ${kind === 'sales' ? 'sales' : 'purchase'} orders from ${file}` +
          (unchanged.length > 0 ? `, ${unchanged.length} already in the book, unchanged` : ''),
        ...placed.map((p) => `  ${p.ref} → ${p.number} (${p.status})`),
      ].join('\n'),
    );
  });
}
