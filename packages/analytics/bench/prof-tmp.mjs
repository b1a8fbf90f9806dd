// Reports benchmark: a book of N sales invoices (sales history, one line each, 70% paid), then
// the analytics sync and reports, each against a raw DuckDB baseline measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Book, importSalesHistory, postOpeningStock, upsertMasterData, upsertProducts } from '@tradeloop/store';
import {
  Analytics,
  analyticsPathFor,
  DUCKDB_OPTIONS,
  queryArAging,
  queryExplore,
  queryProfit,
  querySalesTrend,
  queryStockAge,
  queryStockValue,
  queryTopN,
} from '../dist/index.js';

const N = Number(process.env.BENCH_INVOICES ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-bench-'));
const time = async (fn) => {
  const t = process.hrtime.bigint();
  const r = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, r };
};
const median = async (fn, runs = 5) => {
  const xs = [];
  for (let i = 0; i < runs; i++) xs.push((await time(fn)).ms);
  return xs.sort((a, b) => a - b)[Math.floor(runs / 2)];
};

try {
  const book = await Book.create(join(dir, 'bench.db'));
  upsertProducts(book, [
    {
      sku: 'B-1',
      name: 'Bench',
      nameEn: null,
      category: 'Bench',
      uom: 'pcs',
      price: 10_000,
      cost: 6_000,
      taxRate: 1300,
      listed: true,
    },
  ]);
  const customers = Array.from({ length: 200 }, (_, i) => ({ code: `K${i}`, name: `Customer ${i}`, paymentDays: 30 }));
  upsertMasterData(book, { warehouses: [{ code: 'WH1', name: 'Main' }], customers });
  postOpeningStock(book, [
    { sku: 'B-1', warehouse: 'WH1', qty: 1_000_000_000_000, value: 6_000_000_000_000, date: '2020-01-01' },
  ]);
  let order = 0;
  async function* lines(count) {
    for (let i = 0; i < count; i++, order++) {
      const date = new Date(Date.UTC(2024, 0, 1) + Math.floor((order * 730 * 86_400_000) / (N + 2000)))
        .toISOString()
        .slice(0, 10);
      yield {
        row: order + 2,
        order: `H${order}`,
        date,
        customer: `K${order % 200}`,
        salesperson: null,
        warehouse: 'WH1',
        sku: 'B-1',
        qty: 1000 * (1 + (order % 9)),
        unitPrice: 10_000,
        taxRate: null,
        paidDate: order % 10 < 7 ? date : null,
      };
    }
  }
  const load = await time(() => importSalesHistory(book, lines(N)));
  console.log('load', load.ms);
  const a = await Analytics.open(analyticsPathFor(book.path));
  const full = await time(async () => {
    await a.sync(book);
    return a.syncLedgers(book);
  });
  console.log('full', full.ms);
  for (let k = 0; k < 2; k++) {
    await importSalesHistory(book, lines(1000));
    const { FEEDS, feedRows, openOrderNumbers, changeMarker, rewriteCount } = await import('@tradeloop/store');
    const st = new Map((await a.query('select feed, last from sync_state')).map((r) => [r.feed, Number(r.last)]));
    for (const name of Object.keys(FEEDS)) {
      const t = await time(async () => feedRows(book, name, FEEDS[name].append ? st.get(name) : 0));
      console.log('  feed', name, t.ms.toFixed(1), t.r.rows.length);
    }
    console.log('  open', (await time(async () => openOrderNumbers(book))).ms.toFixed(1));
    console.log(
      '  marker',
      (await time(async () => changeMarker(book))).ms.toFixed(1),
      (await time(async () => rewriteCount(book))).ms.toFixed(1),
    );
    console.log('  schemaVersion', (await time(async () => book.schemaVersion())).ms.toFixed(1));
    const c = a.connection;
    const origRun = c.run.bind(c),
      origApp = c.createAppender.bind(c),
      origRead = c.runAndReadAll.bind(c);
    const log = [];
    c.run = async (sql, ...r) => {
      const t = process.hrtime.bigint();
      const x = await origRun(sql, ...r);
      log.push([Number(process.hrtime.bigint() - t) / 1e6, sql.slice(0, 90)]);
      return x;
    };
    c.runAndReadAll = async (sql, ...r) => {
      const t = process.hrtime.bigint();
      const x = await origRead(sql, ...r);
      log.push([Number(process.hrtime.bigint() - t) / 1e6, sql.slice(0, 90)]);
      return x;
    };
    c.createAppender = async (n) => {
      const t = process.hrtime.bigint();
      const x = await origApp(n);
      const close = x.closeSync.bind(x);
      x.closeSync = () => {
        const t2 = process.hrtime.bigint();
        close();
        log.push([Number(process.hrtime.bigint() - t2) / 1e6, 'appender close ' + n]);
      };
      log.push([Number(process.hrtime.bigint() - t) / 1e6, 'appender ' + n]);
      return x;
    };
    const inc = await time(() => a.syncLedgers(book));
    c.run = origRun;
    c.createAppender = origApp;
    c.runAndReadAll = origRead;
    for (const [ms, sql] of log) if (ms > 1) console.log('    ', ms.toFixed(1), sql.replace(/\s+/g, ' '));
    console.log('    total logged', log.reduce((s, [m]) => s + m, 0).toFixed(1), log.length);
    console.log('incremental', inc.ms.toFixed(1), JSON.stringify(inc.r));
  }
  a.close();
  book.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
