import { basename } from 'node:path';
import { readRecords } from '@tradeloop/store';
import type { Command } from 'commander';
import { z } from 'zod';
import { withBook } from '../book-access.js';
import { InputRejected, type Rejection } from '../cli-error.js';
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
    const [{ orderLineColumns, orderLineRowSchema, TradeloopError }, store] = await Promise.all([
      import('@tradeloop/core'),
      import('@tradeloop/store'),
    ]);
    const read = await readRecords(
      file,
      orderLineColumns(kind, book.moneyOptions()),
      orderLineRowSchema,
      kind === 'sales' ? 'order' : 'purchase_order',
      {
        ...(o.map ? { map: o.map } : {}),
      },
    );
    const groups: { ref: string; row: number; lines: typeof read.records }[] = [];
    const problems: Rejection[] = [];
    const name = basename(file);
    for (const r of read.records) {
      const last = groups.at(-1);
      if (last && last.ref === r.value.order) {
        last.lines.push(r);
        continue;
      }
      if (groups.some((g) => g.ref === r.value.order)) {
        problems.push({
          file: name,
          row: r.row,
          column: 'order',
          value: r.value.order,
          rule: 'import.order_split',
          message: "appears again; keep an order's lines together",
        });
        continue;
      }
      groups.push({ ref: r.value.order, row: r.row, lines: [r] });
    }
    if (problems.length > 0) throw new InputRejected(problems);
    const placed: { ref: string; number: string; status: string }[] = [];
    const unchanged: { ref: string; number: string }[] = [];
    const run = () => {
      for (const g of groups) {
        const head = (g.lines[0] as (typeof g.lines)[number]).value;
        // An order an earlier import placed from this reference: the same order again is left
        // alone; a different one is refused, as the book's order may have moved on since.
        const held = store.importedOrder(book, kind, g.ref);
        if (held) {
          const same =
            held.party === head.party &&
            held.warehouse === head.warehouse &&
            held.date === head.date &&
            held.lines.length === g.lines.length &&
            held.lines.every((l, i) => l.sku === g.lines[i]?.value.sku && l.qty === g.lines[i]?.value.qty);
          if (same) unchanged.push({ ref: g.ref, number: held.number });
          else
            problems.push({
              file: name,
              row: g.row,
              column: 'order',
              value: g.ref,
              rule: 'import.order_exists',
              message: `was imported before as ${held.number} with another party, warehouse, date or lines; change that order in the book instead`,
            });
          continue;
        }
        try {
          if (kind === 'sales') {
            const r = store.placeSalesOrder(book, {
              customer: head.party,
              warehouse: head.warehouse,
              date: head.date,
              reference: g.ref,
              ...(head.dueDate ? { promiseDate: head.dueDate } : {}),
              ...(head.salesperson ? { salesperson: head.salesperson } : {}),
              lines: g.lines.map(({ value: l }) => ({
                sku: l.sku,
                qty: l.qty,
                ...(l.price === null ? {} : { requestedPrice: l.price }),
              })),
            });
            placed.push({
              ref: g.ref,
              number: r.number,
              status: r.needs.length ? `needs approval: ${r.needs.map((n) => n.code).join(', ')}` : 'pending review',
            });
          } else {
            const r = store.placePurchaseOrder(book, {
              supplier: head.party,
              warehouse: head.warehouse,
              date: head.date,
              reference: g.ref,
              ...(head.dueDate ? { expectedDate: head.dueDate } : {}),
              lines: g.lines.map(({ value: l }) => ({
                sku: l.sku,
                qty: l.qty,
                ...(l.price === null ? {} : { price: l.price }),
              })),
            });
            placed.push({ ref: g.ref, number: r.number, status: r.status });
          }
        } catch (error) {
          if (error instanceof TradeloopError && error.code === 'command.rejected') {
            problems.push({
              file: name,
              row: g.row,
              column: 'order',
              value: g.ref,
              rule: error.code,
              message: error.message,
            });
          } else throw error;
        }
      }
      if (problems.length > 0) throw new InputRejected(problems);
    };
    if (o.dryRun) book.preview(run);
    else book.batch(run);
    printResult(o.format, { file, dryRun: Boolean(o.dryRun), orders: placed, unchanged }, () =>
      [
        `${o.dryRun ? 'would place' : 'placed'} ${placed.length} ${kind === 'sales' ? 'sales' : 'purchase'} orders from ${file}` +
          (unchanged.length > 0 ? `, ${unchanged.length} already in the book, unchanged` : ''),
        ...placed.map((p) => `  ${p.ref} → ${p.number} (${p.status})`),
      ].join('\n'),
    );
  });
}
