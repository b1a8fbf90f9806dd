import type { Command } from 'commander';
import { dateArg, skuLine } from '../args.js';
import { withBook } from '../book-access.js';
import { money, printResult, qty } from '../result.js';

type Opts = Record<string, string | string[] | boolean | undefined>;
const fmt = (o: Opts) => o.format as string | undefined;

export async function transfer(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { precision } = book.settings();
    const { transferStock } = await import('@tradeloop/store');
    const m = book.moneyOptions();
    const r = transferStock(book, {
      from: o.from as string,
      to: o.to as string,
      date: dateArg('--date', o.date as string),
      lines: ((o.line as string[]) ?? []).map((l) => skuLine(l, m)).map((l) => ({ sku: l.sku, qty: l.qty })),
    });
    printResult(fmt(o), r, (x: typeof r) => `${x.transfer}: ${o.from} → ${o.to} at cost ${money(x.value, precision)}`);
  });
}

export async function startCount(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { startStockCount } = await import('@tradeloop/store');
    const r = startStockCount(book, { warehouse: o.warehouse as string, date: dateArg('--date', o.date as string) });
    printResult(fmt(o), r, (x: typeof r) => `${x.count} started: ${x.lines} products frozen at book quantity`);
  });
}

export async function enterCount(number: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { enterStockCount } = await import('@tradeloop/store');
    const m = book.moneyOptions();
    const r = enterStockCount(
      book,
      number,
      ((o.line as string[]) ?? []).map((l) => skuLine(l, m)).map((l) => ({ sku: l.sku, qty: l.qty })),
    );
    printResult(fmt(o), r, (x: typeof r) => `${x.entered} counts entered on ${number}`);
  });
}

export async function postCount(number: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { precision } = book.settings();
    const { postStockCount } = await import('@tradeloop/store');
    const r = postStockCount(book, number, { date: dateArg('--date', o.date as string) });
    printResult(fmt(o), r, (x: typeof r) =>
      [
        `${number} posted: gains ${money(x.gains, precision)}, losses ${money(x.losses, precision)}`,
        ...x.lines
          .filter((l) => l.difference !== 0)
          .map((l) => `  ${l.sku}: book ${qty(l.book)}, counted ${qty(l.counted ?? 0)}, ${money(l.value, precision)}`),
      ].join('\n'),
    );
  });
}
