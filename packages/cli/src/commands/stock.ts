import type { Command } from 'commander';
import { z } from 'zod';
import { type OptionContext, opt, withOptions } from '../options.js';
import { money, printResult, qty } from '../result.js';

const transferOptions = (c: OptionContext) =>
  z.object({
    from: opt.text(),
    to: opt.text(),
    date: opt.date().default(() => c.today),
    line: opt.skuLines(c),
    format: opt.resultFormat(),
  });

export async function transfer(raw: unknown, cmd: Command) {
  await withOptions(cmd, transferOptions, raw, async (o, book) => {
    const { transferStock } = await import('@tradeloop/store');
    const r = transferStock(book, {
      from: o.from,
      to: o.to,
      date: o.date,
      lines: o.line.map((l) => ({ sku: l.sku, qty: l.qty })),
    });
    const { precision } = book.settings();
    printResult(
      o.format,
      r,
      (x: typeof r) => `${x.transfer}: ${o.from} → ${o.to} at cost ${money(x.value, precision)}`,
    );
  });
}

const startOptions = (c: OptionContext) =>
  z.object({ warehouse: opt.text(), date: opt.date().default(() => c.today), format: opt.resultFormat() });

export async function startCount(raw: unknown, cmd: Command) {
  await withOptions(cmd, startOptions, raw, async (o, book) => {
    const { startStockCount } = await import('@tradeloop/store');
    const r = startStockCount(book, { warehouse: o.warehouse, date: o.date });
    printResult(o.format, r, (x: typeof r) => `${x.count} started: ${x.lines} products frozen at book quantity`);
  });
}

const enterOptions = () => z.object({ line: opt.countLines(), format: opt.resultFormat() });

export async function enterCount(number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, enterOptions, raw, async (o, book) => {
    const { enterStockCount } = await import('@tradeloop/store');
    const r = enterStockCount(
      book,
      number,
      o.line.map((l) => ({ sku: l.sku, qty: l.qty })),
    );
    printResult(o.format, r, (x: typeof r) => `${x.entered} counts entered on ${number}`);
  });
}

const postOptions = (c: OptionContext) =>
  z.object({ date: opt.date().default(() => c.today), format: opt.resultFormat() });

export async function postCount(number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, postOptions, raw, async (o, book) => {
    const { postStockCount } = await import('@tradeloop/store');
    const r = postStockCount(book, number, { date: o.date });
    const { precision } = book.settings();
    const m = (n: number) => money(n, precision);
    printResult(o.format, r, (x: typeof r) =>
      [
        `${number} posted: gains ${m(x.gains)}, losses ${m(x.losses)}`,
        ...x.lines
          .filter((l) => l.difference !== 0)
          .map((l) => `  ${l.sku}: book ${qty(l.book)}, counted ${qty(l.counted ?? 0)}, ${m(l.value)}`),
      ].join('\n'),
    );
  });
}
