// Sales-history import benchmark: 1M lines from CSV into the book, against a baseline measured in
// the same run: the same CSV streamed with csv-parse into SQLite with one prepared insert a row.
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse';

const N = Number(process.env.BENCH_LINES ?? 1_000_000);
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-bench-'));
const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;

try {
  const book = join(dir, 'bench.db');
  execFileSync(process.execPath, [bin, 'init', '--demo', '--scale', '0', '--db', book], { stdio: 'ignore' });
  const skus = JSON.parse(
    execFileSync(process.execPath, [bin, 'export', 'products', '--format', 'json', '--db', book], { encoding: 'utf8' }),
  )
    .rows.filter((p) => p.listed === 'yes')
    .map((p) => ({ sku: p.sku, price: p.price }));
  // Plenty of opening stock, so every historical line can be costed, in a warehouse of its own:
  // the demo's warehouses have moved since 2020, and opening stock goes in before any move.
  const warehouses = join(dir, 'warehouses.csv');
  writeFileSync(warehouses, 'code,name\nWHB,Bench\n');
  execFileSync(process.execPath, [bin, 'import', 'warehouses', warehouses, '--db', book], { stdio: 'ignore' });
  const stock = join(dir, 'stock.csv');
  await new Promise((resolve) => {
    const w = createWriteStream(stock);
    w.write('sku,warehouse,qty,unit_cost\n');
    for (const p of skus) w.write(`${p.sku},WHB,10000000,${(Number(p.price) * 0.6).toFixed(2)}\n`);
    w.end(resolve);
  });
  execFileSync(process.execPath, [bin, 'import', 'opening-stock', stock, '--date', '2020-01-01', '--db', book], {
    stdio: 'ignore',
  });

  const file = join(dir, 'history.csv');
  await new Promise((resolve) => {
    const w = createWriteStream(file);
    w.write('order,date,customer,salesperson,warehouse,sku,qty,unit_price,tax_rate,paid_date\n');
    let seed = 11;
    const rand = (n) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    let line = 0;
    let order = 0;
    const customers = ['C001', 'C002', 'C003', 'C004'];
    const write = () => {
      let ok = true;
      while (line < N && ok) {
        order += 1;
        const lines = 1 + rand(5);
        const day = new Date(Date.UTC(2021, 0, 1) + Math.floor((order * 3 * 86_400_000 * 730) / N))
          .toISOString()
          .slice(0, 10);
        const c = customers[rand(4)];
        const paid = rand(10) < 8 ? day : '';
        for (let k = 0; k < lines && line < N; k++, line++) {
          const p = skus[(order * 7 + k) % skus.length];
          ok = w.write(`H${order},${day},${c},,WHB,${p.sku},${1 + rand(20)},${p.price},,${paid}\n`);
        }
      }
      if (line < N) w.once('drain', write);
      else w.end(resolve);
    };
    write();
  });

  // Baseline: stream the CSV into SQLite, one prepared insert a row, one transaction.
  const raw = new Database(join(dir, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.exec('create table t (a text, b text, c text, d text, e text, f text, g text, h text, i text, j text)');
  const insert = raw.prepare('insert into t values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  let t = process.hrtime.bigint();
  raw.exec('begin');
  for await (const rec of createReadStream(file).pipe(parse({ from_line: 2 }))) insert.run(...rec);
  raw.exec('commit');
  const baseline = ms(t);
  raw.close();

  t = process.hrtime.bigint();
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      process.execPath,
      ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : []),
      bin,
      'import',
      'sales-history',
      file,
      '--format',
      'json',
      '--db',
      book,
    ],
    { encoding: 'utf8' },
  );
  const imported = ms(t);
  if (run.status !== 0) throw new Error(run.stderr);
  const peakMb = Number(run.stderr.trim().split('\n').at(-1)) / 1024;
  const summary = JSON.parse(run.stdout);
  const check = spawnSync(process.execPath, [bin, 'check', '--db', book], { encoding: 'utf8' });

  console.log(
    `Sales-history import, ${N.toLocaleString('en')} lines (${summary.orders.toLocaleString('en')} orders), Node ${process.version}`,
  );
  console.log(`${'case'.padEnd(52)}  ${'ms'.padStart(8)}  ${'× baseline'.padStart(10)}`);
  console.log(
    `${'baseline: CSV → SQLite, prepared insert a row'.padEnd(52)}  ${baseline.toFixed(0).padStart(8)}  ${'1.00'.padStart(10)}`,
  );
  const ratio = imported / baseline;
  console.log(
    `${'tradeloop import sales-history (process, end to end)'.padEnd(52)}  ${imported.toFixed(0).padStart(8)}  ${ratio.toFixed(2).padStart(10)}`,
  );
  console.log(`target ≤ 3× the baseline: ${ratio <= 3 ? 'met' : 'NOT MET'}`);
  console.log(
    `peak RSS of the import: ${peakMb.toFixed(0)} MB (target at 1M lines ≤ 250 MB: ${peakMb <= 250 ? 'met' : 'NOT MET'}); check after: ${check.status === 0 && check.stderr === '' ? 'clean' : check.stderr}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
