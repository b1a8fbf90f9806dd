// Grid benchmark at 100,000 products: the first page, a sorted page deep in the list, a filtered
// page, and a 1,000-cell batch edit. Each is reported against a baseline measured in the same run,
// `select sum(price_minor) from products` (one pass over every row), so the figures compare across machines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyGridEdits, gridPage } from '../dist/index.js';
import { productsBook } from './products-book.mjs';

const N = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const RUNS = 5;
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-grid-bench-'));

/** The median of a few runs, in milliseconds. */
function median(fn) {
  const times = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    result = fn(i);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)], result };
}

try {
  const book = await productsBook(join(dir, 'bench.db'), N);
  const db = book.sqlite;

  const baseline = median(() => db.prepare('select sum(price_minor) from products').pluck().get());
  const first = median(() => gridPage(book, 'products', { offset: 0, limit: 100 }));
  const deep = median(() =>
    gridPage(book, 'products', { offset: N - 1_000, limit: 100, sort: [{ column: 'price_minor', dir: 'desc' }] }),
  );
  const filtered = median(() =>
    gridPage(book, 'products', {
      offset: 0,
      limit: 100,
      sort: [{ column: 'name', dir: 'asc' }],
      filters: [
        { column: 'price_minor', op: 'between', value: [100_000, 200_000] },
        { column: 'name_en', op: 'contains', value: '9' },
      ],
    }),
  );
  const searched = median(() => gridPage(book, 'products', { offset: 0, limit: 100, search: '商品 12' }));
  const rows = gridPage(book, 'products', { offset: 5_000, limit: 250 }).rows;
  const batch = median((run) =>
    applyGridEdits(
      book,
      'products',
      rows.flatMap((r) => [
        { key: r.key, column: 'price_minor', value: String(100 + run), version: r.version + run },
        { key: r.key, column: 'name', value: `改 ${run} ${r.key}`, version: r.version + run },
        { key: r.key, column: 'listed', value: run % 2 ? '是' : '否', version: r.version + run },
        { key: r.key, column: 'tax_rate_bp', value: `${run}%`, version: r.version + run },
      ]),
    ),
  );
  if (batch.result.length !== 1_000) throw new Error(`batch applied ${batch.result.length} cells, not 1000`);
  const line = (name, m) =>
    `${name.padEnd(34)} ${m.ms.toFixed(1).padStart(8)} ms  ${(m.ms / baseline.ms).toFixed(1).padStart(7)}× baseline`;
  console.log(`grid at ${N} products (median of ${RUNS})`);
  console.log(line('baseline: sum over every product', baseline));
  console.log(line('first page (100 rows)', first));
  console.log(line('page by price desc, 1,000 from end', deep));
  console.log(line('filtered page, by name', filtered));
  console.log(line('quick search page', searched));
  console.log(line('batch edit, 1,000 cells', batch));
  book.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
