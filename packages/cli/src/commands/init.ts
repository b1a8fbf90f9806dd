import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TradeloopError } from '@tradeloop/core';
import type { Command } from 'commander';
import { z } from 'zod';
import { bookPathOf } from '../book-access.js';
import { opt, parseOptions } from '../options.js';
import { emit } from '../output.js';
import { importProductFile } from './import-products.js';

/** The demo company's catalog, shipped in the repository's fixtures. */
export const DEMO_CATALOG = fileURLToPath(new URL('../../../../fixtures/demo/products.csv', import.meta.url));

const initOptions = z.object({
  demo: opt.flag(),
  company: opt.text().optional(),
  currency: opt.currency().optional(),
  timeZone: opt.timeZone().optional(),
  precision: opt.whole(0, 6).optional(),
  rounding: opt.choice(['half-up', 'half-even']).optional(),
  pricesIncludeTax: opt.flag(),
  owner: opt.text().optional(),
  ownerPasswordFile: opt.text().optional(),
  scale: opt.decimal(),
  seed: opt.whole(0),
  history: opt.count().default(0),
});

/** `tradeloop init`: create a new book, optionally filled with the demo company. */
export async function init(raw: unknown, command: Command): Promise<void> {
  const options = parseOptions(command, initOptions, raw);
  const path = bookPathOf(command);
  const history = options.history;
  const { Book, refreshStatistics } = await import('@tradeloop/store');
  if (options.demo && !existsSync(DEMO_CATALOG)) {
    throw new TradeloopError('demo.missing', `the demo catalog is not at ${DEMO_CATALOG}`, {
      hint: 'run tradeloop from a checkout of the repository to use --demo',
    });
  }
  const settings = {
    ...(options.demo ? { company: '华东茶叶贸易有限公司 East China Tea Trading' } : {}),
    ...(options.company ? { company: options.company } : {}),
    ...(options.currency ? { currency: options.currency } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.precision === undefined ? {} : { precision: options.precision }),
    ...(options.rounding ? { rounding: options.rounding } : {}),
    ...(options.pricesIncludeTax ? { pricesIncludeTax: true } : {}),
  };
  const book = await Book.create(path, { actor: process.env.USER ?? 'cli', settings });
  try {
    process.stderr.write(`created book ${path}\n`);
    if (options.demo) {
      const s = await importProductFile(book, DEMO_CATALOG);
      const { addDemoVariants } = await import('../demo/demo-variants.js');
      const variants = await addDemoVariants(book);
      const { buildDemoCompany } = await import('../demo/demo-company.js');
      const { startProgress } = await import('../progress.js');
      const progress = await startProgress('building the demo company');
      const demo = await buildDemoCompany(book, {
        scale: options.scale,
        seed: options.seed,
        history,
        historyProgress: (n) => progress.update(n, 'history lines'),
        progress: (done, total) => progress.update(done, `${Math.round((done / total) * 100)}% of ${total} days`),
      });
      progress.finish();
      refreshStatistics(book);
      emit(
        `demo company: ${s.inserted.length + variants.inserted.length} products in ${s.categoriesCreated.length} categories, ${demo.customers} customers, ` +
          `${demo.orders} orders and ${demo.invoices} invoices over ${demo.days} days, ${demo.purchaseOrders} purchase orders` +
          (demo.historyLines ? `, and ${demo.historyLines} lines of sales history before them` : '') +
          '\n',
        undefined,
      );
    }
    await addOwner(book, options.owner, options.ownerPasswordFile);
  } finally {
    book.close();
  }
}

/**
 * The book's first user, its owner, who then adds the others: named by --owner, with the
 * password from --owner-password-file, or both asked on a terminal. Without either, and with no
 * terminal to ask on, the book is one person's and nobody signs in.
 */
async function addOwner(
  book: import('@tradeloop/store').Book,
  name: string | undefined,
  passwordFile: string | undefined,
): Promise<void> {
  const { readPassword } = await import('./users.js');
  let owner = name ?? (passwordFile === undefined ? undefined : 'owner');
  if (owner === undefined && process.stdin.isTTY) {
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    owner = (await rl.question("owner's user name (blank: one person, nobody signs in): ")).trim() || undefined;
    rl.close();
  }
  if (owner === undefined) {
    process.stderr.write(
      'no users: whoever opens the book acts as its owner; add one with `tradeloop user add NAME --role owner`\n',
    );
    return;
  }
  const { addUser } = await import('@tradeloop/store');
  const password = await readPassword(passwordFile, `password for ${owner}: `);
  await addUser(book, { name: owner, roles: ['owner'] }, password);
  process.stderr.write(`owner ${owner} added: sign in with \`tradeloop login ${owner}\`\n`);
}
