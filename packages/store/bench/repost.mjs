// Repost benchmark: re-value 1M stock moves of one product read from the book and written back.
// Baseline in the same run: stream the same moves with a prepared statement and write every issue's
// value back, in one transaction, with FIFO done in memory by core (the streamed FIFO floor).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repostColumns } from '@tradeloop/core';
import { Book, check, repostProductWarehouse, upsertMasterData, upsertProducts } from '../dist/index.js';

const N = Number(process.env.BENCH_MOVES ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-bench-'));

function time(fn) {
  const t = process.hrtime.bigint();
  const r = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, r };
}

try {
  const book = await Book.create(join(dir, 'bench.db'));
  upsertProducts(book, [
    {
      sku: 'B-1',
      name: 'Bench',
      nameEn: null,
      category: 'Bench',
      uom: 'pcs',
      price: 100,
      cost: 50,
      taxRate: 1300,
      listed: true,
    },
  ]);
  upsertMasterData(book, { warehouses: [{ code: 'WH1', name: 'Main' }] });
  const db = book.sqlite;
  let seed = 7;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const insert = db.prepare(
    "insert into stock_moves (date, product_id, warehouse_id, qty, value_minor, kind, document) values (?, 1, 1, ?, ?, ?, 'B')",
  );
  const load = time(() =>
    db.transaction(() => {
      let onHand = 0;
      for (let i = 0; i < N; i++) {
        const date = `2026-${String(1 + Math.floor((i / N) * 12)).padStart(2, '0')}-01`;
        if (i % 3 === 0 || onHand < 3000) {
          const q = 3000 + Math.floor(rand() * 7000);
          insert.run(date, q, Math.floor(q * (5 + rand() * 3)), 'receipt');
          onHand += q;
        } else {
          const q = 1000 + Math.floor(rand() * 2000);
          insert.run(date, -q, 0, 'issue'); // values to be found by the repost
          onHand -= q;
        }
      }
    })(),
  );
  db.exec(
    'insert into stock_balances (product_id, warehouse_id, on_hand, reserved, value_minor) values (1, 1, 0, 0, 0)',
  );

  // Baseline: stream the moves, FIFO in memory (core's typed-array loop), write each issue back;
  // rolled back on purpose so the book's repost starts from the same state.
  const base = (() => {
    const t = process.hrtime.bigint();
    try {
      db.transaction(() => {
        const kind = new Uint8Array(N);
        const qty = new Float64Array(N);
        const value = new Float64Array(N);
        const ids = new Float64Array(N);
        let i = 0;
        for (const m of db
          .prepare(
            'select id, qty, value_minor from stock_moves where product_id = 1 and warehouse_id = 1 order by date, id',
          )
          .raw()
          .iterate()) {
          ids[i] = m[0];
          kind[i] = m[1] > 0 ? 0 : 1;
          qty[i] = Math.abs(m[1]);
          value[i] = m[1] > 0 ? m[2] : 0;
          i++;
        }
        repostColumns({ kind, qty, value });
        const update = db.prepare('update stock_moves set value_minor = ? where id = ?');
        for (let j = 0; j < N; j++) if (kind[j] === 1) update.run(-value[j], ids[j]);
        throw new Error('rollback');
      })();
    } catch {}
    return Number(process.hrtime.bigint() - t) / 1e6;
  })();

  const repost = time(() =>
    book.command('bench.repost', () => ({ value: repostProductWarehouse(book, 1, 1, '2026-01-01') })),
  );
  const problems = check(book).filter((p) => !p.code.startsWith('ledger.'));
  const rss = process.memoryUsage().rss / 1024 / 1024;
  const rows = [
    ['load: raw prepared inserts (setup)', load.ms],
    ['baseline: stream moves, FIFO in memory, write back', base],
    ['repostProductWarehouse (book → core → book)', repost.ms],
  ];
  const width = Math.max(...rows.map(([n]) => n.length));
  console.log(
    `Book repost, ${N.toLocaleString('en')} moves of one product, Node ${process.version}; peak RSS ${rss.toFixed(0)} MB`,
  );
  console.log(`${'case'.padEnd(width)}  ${'ms'.padStart(8)}  ${'× baseline'.padStart(10)}`);
  for (const [name, ms] of rows)
    console.log(`${name.padEnd(width)}  ${ms.toFixed(0).padStart(8)}  ${(ms / base).toFixed(2).padStart(10)}`);
  console.log(
    problems.length === 0
      ? 'check after repost: stock clean'
      : `check after repost: ${problems.map((p) => p.message).join('; ')}`,
  );
  book.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
