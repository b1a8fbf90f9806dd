import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  Analytics,
  analyticsLockPathFor,
  analyticsPathFor,
  arAging,
  type Dashboard,
  dashboard,
} from '@tradeloop/analytics';
import { ageReceivables, parseMoney } from '@tradeloop/core';
import {
  approveSalesOrder,
  Book,
  invoiceSalesOrder,
  placeSalesOrder,
  receivablesForAging,
  shipSalesOrder,
} from '@tradeloop/store';
import { describe, expect, it } from 'vitest';
import {
  ROOT,
  type Run,
  smallDemoBook,
  tradeloop,
  tradeloopAsync,
  tradeloopProcess,
  useTempDir,
} from './test-support.js';

const tempDir = useTempDir();
const asOf = '2026-12-31';

/** A shipped sales order of one unit, invoiced now or left for a `tradeloop invoice` later. */
function shippedOrder(book: Book, sku: string, date: string, invoice: boolean): string {
  const { number } = placeSalesOrder(book, { customer: 'C001', warehouse: 'WH1', date, lines: [{ sku, qty: 1_000 }] });
  approveSalesOrder(book, number, 'wang');
  shipSalesOrder(book, number, { date });
  if (invoice) invoiceSalesOrder(book, number, { date });
  return number;
}

interface Figures {
  receivables: number;
  revenue: number;
  gross: number;
}

/** What the book says, read from its tables and core's rules, not from the copy. */
function figures(book: Book): Figures {
  const ar = receivablesForAging(book);
  const sums = book.exec.select<{ net: number; gross: number }>(
    "select coalesce(sum(net_minor), 0) as net, coalesce(sum(gross_minor), 0) as gross from invoices where kind = 'sales'",
  )[0];
  return {
    receivables: ageReceivables(ar.documents, ar.payments, [], { asOf, basis: 'due' }).total.outstanding,
    revenue: sums?.net ?? 0,
    gross: sums?.gross ?? 0,
  };
}

type Timed<T> = T & { start: number; end: number };

/** A run with when it started and ended, to know which writes it overlapped. */
async function timed<T extends object>(run: () => Promise<T>): Promise<Timed<T>> {
  const start = performance.now();
  const result = await run();
  return { ...result, start, end: performance.now() };
}

const minor = (text: unknown) => {
  const parsed = parseMoney(String(text));
  if (!parsed.ok) throw new Error(`not money: ${text}`);
  return parsed.value;
};
const json = (run: Run) => (JSON.parse(run.stdout) as { rows: Record<string, unknown>[] }).rows;
const agingTotal = (run: Run) => json(run).reduce((sum, row) => sum + minor(row.outstanding), 0);

describe('readers never fail because of each other', () => {
  it('runs eight reports and a dashboard at once with writes between, each with figures the book had', async () => {
    const db = join(tempDir(), 'co.db');
    smallDemoBook(db);
    const book = await Book.open(db);
    shippedOrder(book, 'TEA-001', '2026-11-02', true);
    const second = shippedOrder(book, 'COF-002', '2026-11-03', false);
    const third = shippedOrder(book, 'COF-002', '2026-11-04', false);
    const t = (...args: string[]) => timed(() => tradeloopAsync([...args, '--db', db]));
    const aging = () => t('report', 'aging', '--as-of', asOf, '--format', 'json');
    const profit = () => t('report', 'profit', '-p', '2026', '--format', 'json');
    const board = () => timed(() => dashboard(book, { asOf }));

    const states = [figures(book)];
    // No copy yet: the first wave also races to build it.
    const firstWave = [aging(), profit(), t('report', 'sales', '-p', '2026', '--format', 'json'), aging(), board()];
    const firstWrite = await t('invoice', 'order', second, '--date', '2026-11-05');
    states.push(figures(book));
    const secondWave = [
      aging(),
      profit(),
      t('query', '--measures', 'net', '--by', 'customer', '-p', '2026', '--format', 'json'),
      t('query', '--sql', "select sum(gross_minor) as gross from invoices where kind = 'sales'", '--format', 'json'),
      board(),
    ];
    const secondWrite = await t('invoice', 'order', third, '--date', '2026-11-06');
    states.push(figures(book));
    const [a1, p1, s1, a2, b1, a3, p2, q, sql, b2] = await Promise.all([...firstWave, ...secondWave]);
    const runs = [a1, p1, s1, a2, a3, p2, q, sql] as Timed<Run>[];

    for (const run of [firstWrite, secondWrite, ...runs])
      expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(new Set(states.map((s) => s.receivables)).size).toBe(3);
    // Each reader sees the book as it was at some moment while it ran: before, between or after
    // the writes, as far as they overlapped it.
    const writes = [firstWrite, secondWrite];
    const seen = (reader: Timed<unknown>, key: keyof Figures) =>
      states
        .filter((_, k) => {
          // State k began when write k committed and ended when write k + 1 did.
          const began = writes[k - 1];
          const ended = writes[k];
          return (!began || reader.end > began.start) && (!ended || reader.start < ended.end);
        })
        .map((state) => state[key]);
    for (const run of [a1, a2, a3] as Timed<Run>[]) expect(seen(run, 'receivables')).toContain(agingTotal(run));
    for (const run of [p1, p2] as Timed<Run>[]) expect(seen(run, 'revenue')).toContain(minor(json(run)[0]?.revenue));
    const sales = json(s1 as Run).reduce((sum, row) => sum + minor(row.net), 0);
    expect(seen(s1 as Timed<Run>, 'revenue')).toContain(sales);
    expect(seen(sql as Timed<Run>, 'gross')).toContain(Number(json(sql as Run)[0]?.gross));
    for (const d of [b1, b2] as Timed<Dashboard>[]) expect(seen(d, 'receivables')).toContain(d.figures.receivables);
    // The sales fact counts orders, and all three were placed before any reader started.
    const byCustomer = json(q as Run);
    expect(byCustomer.map((r) => [r.customer, minor(r.net)])).toEqual([['C001', states[2]?.revenue]]);
    // And once everyone is done, the copy holds the book as it is.
    expect((await dashboard(book, { asOf })).figures.receivables).toBe(states[2]?.receivables);
    book.close();
  }, 120_000);

  it('gives exit 4 for a copy busy past the wait, reads a current copy meanwhile, and outlives a kill -9', async () => {
    const db = join(tempDir(), 'co.db');
    smallDemoBook(db);
    const book = await Book.open(db);
    shippedOrder(book, 'TEA-001', '2026-11-02', true);
    const outstanding = figures(book).receivables;
    await arAging(book, { asOf });
    const quick = { env: { TRADELOOP_BUSY_TIMEOUT_MS: '300' } };
    const aging = () => tradeloop(['report', 'aging', '--as-of', asOf, '--format', 'json', '--db', db], quick);

    // Another process brings the copy up to date, and stays at it.
    const store = pathToFileURL(join(ROOT, 'packages/store/dist/index.js')).href;
    const refresher = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { withFileLock } from ${JSON.stringify(store)};
         await withFileLock(${JSON.stringify(analyticsLockPathFor(db))}, { waitMs: 0, busyMessage: 'held' }, async () => {
           process.stdout.write('held\\n');
           await new Promise((resolve) => setTimeout(resolve, 120_000));
         });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = once(refresher, 'exit');
    try {
      await once(refresher.stdout, 'data');
      // The copy is current: reading it needs no one's lock.
      const current = aging();
      expect(current, current.stderr).toMatchObject({ code: 0, stderr: '' });
      expect(agingTotal(current)).toBe(outstanding);
      // The book moves on: this report must wait for the refresher, and gives up cleanly.
      shippedOrder(book, 'COF-002', '2026-11-03', true);
      const busy = aging();
      expect(busy.code, busy.stderr).toBe(4);
      expect(busy.stderr).toMatch(
        /^error: the report copy of .* is busy: another process has been bringing it up to date for over 0\.3 s \[book\.busy\]\nhint: /,
      );
      expect(busy.stderr).not.toContain('bug');
    } finally {
      // Killed mid-refresh, it leaves nothing that stops the next report.
      refresher.kill('SIGKILL');
      await exited;
    }
    const next = aging();
    expect(next, next.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(agingTotal(next)).toBe(figures(book).receivables);

    // Another program holds the copy open read-write: the report waits, then says so. A process
    // of its own, as file locks are a process's: a thread of this one would share the writer's.
    const writer = await Analytics.open(analyticsPathFor(db));
    const held = tradeloopProcess(['report', 'aging', '--as-of', asOf, '--format', 'json', '--db', db], quick);
    writer.close();
    expect(held.code, held.stderr).toBe(4);
    expect(held.stderr).toContain('is held open for writing by another program [book.busy]');
    book.close();
  }, 60_000);
});
