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
  // The CPU time spent: the process's own (its threads, the PostgreSQL worker's too) and, on
  // PostgreSQL, its server process's (from /proc: the server runs on this machine).
  const script = `
    const { readFileSync } = await import('node:fs');
    const { Book, placeSalesOrder, approveSalesOrder } = await import(${JSON.stringify(STORE)});
    const book = await Book.open(${JSON.stringify(path)}, { busyTimeoutMs: 60_000 });
    const backend = book.driver.engine === 'postgres' ? book.driver.get('select pg_backend_pid() as pid', []).pid : undefined;
    const tick = 1000 / 100;
    const server = () => {
      if (!backend) return 0;
      const f = readFileSync('/proc/' + backend + '/stat', 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) * tick;
    };
    const serverBefore = server();
    const cpu = process.cpuUsage();
    const started = Date.now();
    for (let i = 0; i < ${n}; i++) {
      const { number } = placeSalesOrder(book, { customer: 'C001', warehouse: 'WH1', date: '2026-03-02', lines: [{ sku: 'TEA-001', qty: 1000 }] });
      approveSalesOrder(book, number);
    }
    const ended = Date.now();
    const used = process.cpuUsage(cpu);
    const serverMs = server() - serverBefore;
    process.stdout.write(JSON.stringify({ started, ended, clientMs: (used.user + used.system) / 1000, serverMs }));
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

/**
 * Orders a second placed and approved by `writers` processes at once, `n` each, and the CPU time
 * an order took, in the writers and (on PostgreSQL) the server.
 */
async function throughput(path, writers, n) {
  const spans = await Promise.all(Array.from({ length: writers }, () => writer(path, n)));
  const seconds = (Math.max(...spans.map((s) => s.ended)) - Math.min(...spans.map((s) => s.started))) / 1000;
  const orders = writers * n;
  const sum = (k) => spans.reduce((a, s) => a + s[k], 0);
  return {
    perSecond: orders / seconds,
    cpuMs: (sum('clientMs') + sum('serverMs')) / orders,
    serverMs: sum('serverMs') / orders,
  };
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
  const cores = cpus().length;
  console.log('');
  console.log(
    '| writers | orders placed and approved a second | ratio to one SQLite writer | CPU per order (of it the server) | target ≥ 4× |',
  );
  console.log('|---|---|---|---|---|');
  const cpu = (t) => `${t.cpuMs.toFixed(2)} ms${t.serverMs ? ` (${t.serverMs.toFixed(2)} ms)` : ''}`;
  console.log(`| 1 on SQLite | ${one.perSecond.toFixed(0)} | 1.00× | ${cpu(one)} | |`);
  console.log(
    `| 1 on PostgreSQL | ${onePg.perSecond.toFixed(0)} | ${(onePg.perSecond / one.perSecond).toFixed(2)}× | ${cpu(onePg)} | |`,
  );
  const ratio = many.perSecond / one.perSecond;
  console.log(
    `| ${WRITERS} on PostgreSQL | ${many.perSecond.toFixed(0)} | ${ratio.toFixed(2)}× | ${cpu(many)} | ${ratio >= 4 ? '✓' : '✗'} |`,
  );
  // What this machine could do at most, were writers never to wait on one another: its cores kept
  // busy with nothing but the orders' work, writers' and server's.
  const ceiling = (cores * 1000) / many.cpuMs;
  console.log(
    `\nCeiling on ${cores} CPUs at ${many.cpuMs.toFixed(2)} ms of CPU an order: ${ceiling.toFixed(0)} orders a second, ${(ceiling / one.perSecond).toFixed(2)}× one SQLite writer; ${((4 * one.perSecond * many.cpuMs) / 1000).toFixed(1)} CPUs would be needed for 4×.`,
  );
} finally {
  pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
