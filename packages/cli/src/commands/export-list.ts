import type { Command } from 'commander';
import { z } from 'zod';
import { opt, withOptions } from '../options.js';
import type { Column, Report } from '../report-table.js';

/** A list column's key and kind by its name: `gross_minor` is the amount `gross`, `qty_qty` a quantity. */
function column(name: string, values: readonly unknown[]): Column {
  const key = name.replace(/_or_minor$|_minor$|_qty$/, '');
  const kind = /_minor$/.test(name)
    ? 'money'
    : /_qty$/.test(name)
      ? 'qty'
      : // A column with no value at all says nothing of its kind: text, not a count.
        values.some((v) => typeof v === 'number') && values.every((v) => v === null || typeof v === 'number')
        ? 'count'
        : 'text';
  return { key, title: key, kind };
}

/** One of the book's lists as a report: its columns named and typed, values as the book holds them. */
export function listTable(rows: readonly Record<string, unknown>[]): Report {
  const names = rows[0] ? Object.keys(rows[0]) : [];
  const columns = names.map((n) =>
    column(
      n,
      rows.map((r) => r[n]),
    ),
  );
  return {
    columns,
    rows: rows.map((r) =>
      Object.fromEntries(
        names.map((n, i) => {
          const v = r[n];
          const key = columns[i]?.key as string;
          return [key, v === null || v === undefined ? null : typeof v === 'number' ? v : String(v)];
        }),
      ),
    ),
  };
}

/**
 * `tradeloop export <list>`: customers, suppliers, orders, invoices, purchase orders, stock.
 * Amounts come out as decimals and quantities in units, so a spreadsheet shows what a person
 * expects; CSV cells that a spreadsheet would run as formulas are defused.
 */
const listOptions = () => z.object({ format: opt.reportFormat('csv'), output: opt.text().optional() });

export async function exportList(name: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, listOptions, raw, async (o, book) => {
    const [{ LISTS, listRows }, { TradeloopError }, { writeReport }] = await Promise.all([
      import('@tradeloop/store'),
      import('@tradeloop/core'),
      import('../report-table.js'),
    ]);
    if (!(name in LISTS))
      throw new TradeloopError('usage.list', `nothing called ${name} to export`, {
        hint: `lists: ${Object.keys(LISTS).join(', ')}; products have \`export products\``,
      });
    const rows = listRows(book, name as keyof typeof LISTS);
    await writeReport(listTable(rows), o, book.settings().precision, name);
  });
}
