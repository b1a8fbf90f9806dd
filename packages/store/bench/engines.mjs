// One book on SQLite and one on PostgreSQL, in the same run: each command of the sales loop
// (place, approve, ship, invoice) timed on both, and the ratio. PostgreSQL is a throwaway server on
// this machine (loopback, fsync off), so the figure is the engine and its round trips, not a disk.
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
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function run(path) {
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
    { sku: 'TEA-001', warehouse: 'WH1', qty: ORDERS * 2_000, value: ORDERS * 20_000, date: '2026-03-01' },
  ]);
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
} finally {
  pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
