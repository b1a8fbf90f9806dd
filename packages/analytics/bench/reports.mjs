// Reports benchmark: a book of N sales invoices (sales history, one line each, 70% paid), then
// the analytics sync and reports, each against a raw DuckDB baseline measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Book, FEEDS, importSalesHistory, postOpeningStock, upsertMasterData, upsertProducts } from '@tradeloop/store';
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
      const date = new Date(Date.UTC(2024, 0, 1) + Math.floor((order * 730 * 86_400_000) / (N + 4000)))
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

  // Baseline: the DuckDB appender writing the same number of rows into a bare table.
  const raw = await DuckDBInstance.create(join(dir, 'raw.duckdb'), { ...DUCKDB_OPTIONS });
  const rc = await raw.connect();
  await rc.run('create table t (number varchar, customer varchar, date varchar, gross bigint)');
  const appendBase = await time(async () => {
    const ap = await rc.createAppender('t');
    for (let i = 0; i < N; i++) {
      ap.appendVarchar(`H${i}-INV`);
      ap.appendVarchar(`K${i % 200}`);
      ap.appendVarchar('2025-01-01');
      ap.appendBigInt(BigInt(11_300 * (1 + (i % 9))));
      ap.endRow();
    }
    ap.closeSync();
  });
  const rawQuery = await median(async () =>
    (await rc.runAndReadAll("select customer, sum(gross) from t where date <= '2025-06-30' group by 1")).getRows(),
  );

  // Baseline for the full sync: the same rows (each feed's own query) read plainly from the book
  // file with better-sqlite3 and written with DuckDB's appender into bare tables, nothing else.
  const Database = createRequire(import.meta.resolve('@tradeloop/store'))('better-sqlite3');
  const plainCopy = await DuckDBInstance.create(join(dir, 'plain.duckdb'), { ...DUCKDB_OPTIONS });
  const pc = await plainCopy.connect();
  const plain = await time(async () => {
    const db = new Database(book.path, { readonly: true });
    await pc.run('begin transaction');
    for (const [name, feed] of Object.entries(FEEDS)) {
      const numeric = feed.columns.map((c) => c.endsWith('_minor') || c.endsWith('_milli') || c === 'entry');
      const width = feed.derive ? feed.columns.length - 2 : feed.columns.length;
      await pc.run(
        `create table ${name} (${feed.columns
          .slice(0, width)
          .map((c, i) => `${c} ${numeric[i] ? 'bigint' : 'varchar'}`)
          .join(', ')})`,
      );
      const ap = await pc.createAppender(name);
      for (const row of db.prepare(feed.sql).raw().iterate(0, Number.MAX_SAFE_INTEGER)) {
        for (let i = 1; i <= width; i++) {
          const v = row[i];
          if (v === null) ap.appendNull();
          else if (numeric[i - 1]) ap.appendBigInt(BigInt(v));
          else ap.appendVarchar(String(v));
        }
        ap.endRow();
      }
      ap.closeSync();
    }
    await pc.run('commit');
    db.close();
  });
  pc.closeSync();
  plainCopy.closeSync();

  const a = await Analytics.open(analyticsPathFor(book.path));
  const rc2 = (sql) => a.connection.runAndReadAll(sql);
  const full = await time(async () => {
    await a.sync(book);
    return a.syncLedgers(book);
  });
  const aging = await median(() => queryArAging(a, { asOf: '2025-06-30' }));
  const profit = await median(() =>
    queryProfit(a, { start: '2024-01-01', end: '2026-01-01', label: '', interval: 'monthly' }),
  );
  const years = { start: '2024-01-01', end: '2026-01-01', label: '' };
  // Each report against the same answer written by hand as plain DuckDB SQL: what the report's
  // own layer (period splitting, shaping, the sync check) costs on top of the query itself.
  const D = "'2025-06-30'";
  const rawAging = await median(async () => {
    await rc2(`with s as (select invoice, sum(amount_minor) as paid from allocations where date <= ${D} group by 1),
      d as (select customer, case when kind = 'sales_credit' then -1 else 1 end * (abs(gross_minor) - coalesce(paid, 0)) as open,
              date_diff('day', cast(due_date as date), cast(${D} as date)) as age
            from invoices left join s on s.invoice = number where kind in ('sales', 'sales_credit') and date <= ${D})
      select customer, case when age <= 0 then 0 when age <= 30 then 1 when age <= 60 then 2 when age <= 90 then 3
        when age <= 120 then 4 else 5 end as bucket, sum(open) from d where open <> 0 group by all`);
    await rc2(`select customer, sum(amount_minor + write_off_minor) - coalesce(sum(allocated), 0) as advance
      from payments left join (select payment, sum(amount_minor) as allocated from allocations where date <= ${D} group by 1) a
      on a.payment = number where kind = 'customer' and date <= ${D} group by 1 having advance <> 0`);
  });
  const rawTrend = await median(() =>
    rc2(`select substr(date, 1, 7), count(*) filter (where kind = 'sales'), sum(net_minor), sum(tax_minor), sum(gross_minor)
      from invoices where kind in ('sales', 'sales_credit') and date >= '2024-01-01' and date < '2026-01-01' group by 1`),
  );
  const rawTop = await median(() =>
    rc2(`select customer, sum(net_minor) as net, count(*) filter (where kind = 'sales'), sum(sum(net_minor)) over ()
      from invoices where kind in ('sales', 'sales_credit') and date >= '2024-01-01' and date < '2026-01-01'
      group by 1 order by net desc limit 10`),
  );
  const rawTopSku = await median(() =>
    rc2(`select sku, sum(net_minor * invoiced_milli / qty_milli) as net, sum(invoiced_milli), count(distinct order_number),
      sum(sum(net_minor * invoiced_milli / qty_milli)) over () from order_lines
      where invoiced_milli > 0 and date >= '2024-01-01' and date < '2026-01-01' group by 1 order by net desc limit 10`),
  );
  const rawSplit = await median(() =>
    rc2(`select c.region, substr(f.date, 1, 4) || 'Q' || quarter(cast(f.date as date)), sum(f.net_minor),
      sum(round(f.net_minor * f.shipped_milli / f.qty_milli) - f.cost_minor)
      from order_lines f left join customers c on c.code = f.customer
      where f.status <> 'cancelled' and f.date >= '2024-01-01' and f.date < '2026-01-01' group by all`),
  );
  const rawStockAge = await median(() =>
    rc2(`select warehouse, case when age <= 30 then 0 when age <= 60 then 1 when age <= 90 then 2 when age <= 180 then 3 else 4 end,
      sum(qty_milli), sum(value_minor) from (select *, greatest(0, date_diff('day', cast(date as date), cast('2025-12-31' as date))) as age from layers)
      group by all`),
  );
  const trend = await median(() => querySalesTrend(a, years, 'monthly'));
  const topCustomers = await median(() => queryTopN(a, years, 'customer', 10));
  const topSkus = await median(() => queryTopN(a, years, 'sku', 10));
  const split = await median(() =>
    queryExplore(a, { cube: 'sales', measures: ['net', 'margin'], by: ['region', 'quarter'], period: years }),
  );
  const stock = await median(() => queryStockValue(a, 'category'));
  const stockAge = await median(() => queryStockAge(a, '2025-12-31'));
  // Three rounds of 1,000 new invoices, each followed by a sync; the median round.
  const rounds = [];
  for (let i = 0; i < 3; i++) {
    await importSalesHistory(book, lines(1000));
    rounds.push((await time(() => a.syncLedgers(book))).ms);
  }
  const incremental = { ms: rounds.sort((x, y) => x - y)[1] };
  a.close();

  const rows = [
    ['load: sales history into the book (setup)', load.ms, null],
    ['baseline: DuckDB appender, same row count', appendBase.ms, appendBase.ms],
    ['full sync of the book into DuckDB', full.ms, appendBase.ms],
    ['baseline: the same rows, SQLite → DuckDB appender, plainly', plain.ms, plain.ms],
    ['full sync of the book into DuckDB (target ≤ 1.5×)', full.ms, plain.ms],
    ['baseline: raw DuckDB group-by over the invoices', rawQuery, rawQuery],
    ['AR aging as of a date (median of 5)', aging, rawQuery],
    ['  against the same answer in plain SQL', aging, rawAging],
    ['profit by month over two years (median of 5)', profit, rawQuery],
    ['sales trend by month (median of 5)', trend, rawQuery],
    ['  against the same answer in plain SQL', trend, rawTrend],
    ['top 10 customers (median of 5)', topCustomers, rawQuery],
    ['  against the same answer in plain SQL', topCustomers, rawTop],
    ['top 10 products from order lines (median of 5)', topSkus, rawQuery],
    ['  against the same answer in plain SQL', topSkus, rawTopSku],
    ['query: net and margin by region × quarter', split, rawQuery],
    ['  against the same answer in plain SQL', split, rawSplit],
    ['stock value by category (median of 5)', stock, rawQuery],
    ['stock age by FIFO layer (median of 5)', stockAge, rawStockAge],
    ['incremental sync after +1,000 (median of 3)', incremental.ms, appendBase.ms],
  ];
  console.log(`Reports, ${N.toLocaleString('en')} invoices, Node ${process.version}`);
  console.log(`${'case'.padEnd(50)}  ${'ms'.padStart(9)}  ${'× baseline'.padStart(10)}`);
  for (const [name, ms, base] of rows)
    console.log(
      `${name.padEnd(50)}  ${ms.toFixed(1).padStart(9)}  ${base ? (ms / base).toFixed(2).padStart(10) : ''.padStart(10)}`,
    );
  rc.closeSync();
  raw.closeSync();
  book.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
