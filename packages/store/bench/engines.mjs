// One book on SQLite and one on PostgreSQL, in the same run: each command of the sales loop
// (place, approve, ship, invoice) timed on both, and the ratio. PostgreSQL is a throwaway server on
// this machine (loopback, fsync off), so the figure is the engine and its round trips, not a disk.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from '../../../scripts/postgres.mjs';
import {
  approveSalesOrder,
  Book,
  invoiceSalesOrder,
  placeSalesOrder,
  postOpeningStock,
  shipSalesOrder,
  upsertMasterData,
  upsertProducts,
} from '../dist/index.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100);
const WRITERS = 8;
const STORE = new URL('../dist/index.js', import.meta.url).href;

/**
 * A process placing and approving `n` one-box orders on the book: when its loop started and ended
 * (wall clock, so processes' spans can be put together), after its start-up.
 */
function writer(path, n) {
  const script = `
    const { Book, placeSalesOrder, approveSalesOrder } = await import(${JSON.stringify(STORE)});
    const book = await Book.open(${JSON.stringify(path)}, { busyTimeoutMs: 60_000 });
    const started = Date.now();
    for (let i = 0; i < ${n}; i++) {
      const { number } = placeSalesOrder(book, { customer: 'C001', warehouse: 'WH1', date: '2026-03-02', lines: [{ sku: 'TEA-001', qty: 1000 }] });
      approveSalesOrder(book, number);
    }
    process.stdout.write(JSON.stringify({ started, ended: Date.now() }));
    book.close();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.once('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`writer exited ${code}`))));
  });
}

/** Orders a second placed and approved by `writers` processes at once, `n` each. */
async function throughput(path, writers, n) {
  const spans = await Promise.all(Array.from({ length: writers }, () => writer(path, n)));
  const seconds = (Math.max(...spans.map((s) => s.ended)) - Math.min(...spans.map((s) => s.started))) / 1000;
  return (writers * n) / seconds;
}
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function company(path, boxes) {
  const book = await Book.create(path);
  upsertProducts(book, [
    {
      sku: 'TEA-001',
      name: '龙井',
      nameEn: null,
      category: '茶',
      uom: 'box',
      price: 18_800,
      cost: 10_000,
      taxRate: 1300,
      listed: true,
    },
  ]);
  upsertMasterData(book, {
    warehouses: [{ code: 'WH1', name: '总仓' }],
    salespeople: [{ code: 'lin', name: '林', level: 'junior' }],
    customers: [
      { code: 'C001', name: '华东贸易', owner: 'lin', creditLimit: 1_000_000_000, terms: 'credit', paymentDays: 30 },
    ],
  });
  postOpeningStock(book, [
    { sku: 'TEA-001', warehouse: 'WH1', qty: boxes * 1_000, value: boxes * 10_000, date: '2026-03-01' },
  ]);
  return book;
}

async function run(path) {
  const book = await company(path, ORDERS * 2);
  const times = { place: [], approve: [], ship: [], invoice: [] };
  const timed = (name, fn) => {
    const started = performance.now();
    const value = fn();
    times[name].push(performance.now() - started);
    return value;
  };
  for (let i = 0; i < ORDERS; i++) {
    const { number } = timed('place', () =>
      placeSalesOrder(book, {
        customer: 'C001',
        warehouse: 'WH1',
        date: '2026-03-02',
        lines: [{ sku: 'TEA-001', qty: 1_000 }],
      }),
    );
    timed('approve', () => approveSalesOrder(book, number));
    timed('ship', () => shipSalesOrder(book, number, { date: '2026-03-03' }));
    timed('invoice', () => invoiceSalesOrder(book, number, { date: '2026-03-03' }));
  }
  book.close();
  return times;
}

const dir = mkdtempSync(join(tmpdir(), 'tradeloop-bench-engines-'));
const pg = await startPostgres();
try {
  const sqlite = await run(join(dir, 'co.db'));
  const postgres = await run(pg.url);
  const ms = (x) => `${x.toFixed(2)} ms`;
  console.log(
    `Commands on SQLite and PostgreSQL, ${ORDERS} orders each, ${cpus().length} CPUs, Node ${process.version}`,
  );
  console.log('| command | SQLite p50 / p95 | PostgreSQL p50 / p95 | ratio (p50) | target ≤ 2× |');
  console.log('|---|---|---|---|---|');
  for (const name of Object.keys(sqlite)) {
    const a = sqlite[name];
    const b = postgres[name];
    const ratio = quantile(b, 0.5) / quantile(a, 0.5);
    console.log(
      `| ${name} | ${ms(quantile(a, 0.5))} / ${ms(quantile(a, 0.95))} | ${ms(quantile(b, 0.5))} / ${ms(quantile(b, 0.95))} | ${ratio.toFixed(2)}× | ${ratio <= 2 ? '✓' : '✗'} |`,
    );
  }
  // Writers at once: one process on SQLite, eight on PostgreSQL, each its own book with stock for all.
  const perWriter = ORDERS;
  (await company(join(dir, 'writers.db'), perWriter * WRITERS)).close();
  const admin = await Book.open(pg.url);
  admin.exec.execute('create database writers');
  admin.close();
  const writersUrl = pg.url.replace(/\/postgres$/, '/writers');
  (await company(writersUrl, perWriter * WRITERS)).close();
  const one = await throughput(join(dir, 'writers.db'), 1, perWriter * 2);
  const many = await throughput(writersUrl, WRITERS, perWriter);
  const onePg = await throughput(writersUrl, 1, perWriter);
  console.log('');
  console.log('| writers | orders placed and approved a second | ratio to one SQLite writer | target ≥ 4× |');
  console.log('|---|---|---|---|');
  console.log(`| 1 on SQLite | ${one.toFixed(0)} | 1.00× | |`);
  console.log(`| 1 on PostgreSQL | ${onePg.toFixed(0)} | ${(onePg / one).toFixed(2)}× | |`);
  console.log(
    `| ${WRITERS} on PostgreSQL | ${many.toFixed(0)} | ${(many / one).toFixed(2)}× | ${many / one >= 4 ? '✓' : '✗'} |`,
  );
} finally {
  pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
