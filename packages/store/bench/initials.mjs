// Pinyin initials at 100,000 products: computing them for every name, filling them when a book
// made before migration 0018 is opened, finding a product by them (order entry's search), and
// `check`'s comparison of every stored value with its name.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { Book, check, findProducts, searchInitials } from '../dist/index.js';
import { MIGRATIONS } from '../dist/migrations/index.js';

const N = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-initials-bench-'));
const WORDS = [
  '西湖',
  '龙井',
  '铁观音',
  '普洱',
  '乌龙',
  '红茶',
  '绿茶',
  '白毫',
  '银针',
  '礼盒',
  '特级',
  '长城',
  '重庆',
  '银行',
];

let seed = 7;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const word = () => WORDS[Math.floor(rand() * WORDS.length)];
const names = Array.from(
  { length: N },
  (_, i) => `${word()}${word()}${word()} ${(i % 500) + 1}g${i % 9 === 0 ? ' Gift' : ''}`,
);
const time = (fn) => {
  const t = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, result };
};

try {
  const computed = time(() => names.map(searchInitials));
  const path = join(dir, 'old.db');
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
  const before = Object.keys(MIGRATIONS).filter((name) => name < '0018');
  await new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } }).migrateTo(before.at(-1));
  sqlite.transaction(() => {
    sqlite.prepare("insert into categories (id, path, name) values (1, 'Tea', 'Tea')").run();
    const insert = sqlite.prepare(
      `insert into products (sku, name, category_id, uom, price_minor, cost_minor, tax_rate_bp, listed, created_at, updated_at)
       values (?, ?, 1, 'pcs', 100, 50, 1300, 1, 'x', 'x')`,
    );
    for (const [i, name] of names.entries()) insert.run(`SKU-${String(i).padStart(6, '0')}`, name);
  })();
  await db.destroy();

  const t = process.hrtime.bigint();
  const book = await Book.open(path);
  const migrated = Number(process.hrtime.bigint() - t) / 1e6;
  const filled = book.sqlite.prepare("select count(*) from products where initials <> ''").pluck().get();
  const found = time(() => findProducts(book, 'xhlj'));
  const foundName = time(() => findProducts(book, '龙井'));
  const checked = time(() => check(book));
  console.log(`pinyin initials at ${N} products`);
  console.log(`searchInitials over every name       ${computed.ms.toFixed(0).padStart(8)} ms`);
  console.log(`open a pre-0018 book (migrate, fill)  ${migrated.toFixed(0).padStart(8)} ms  (${filled} filled)`);
  console.log(
    `findProducts('xhlj')                  ${found.ms.toFixed(1).padStart(8)} ms  (${found.result.length} found)`,
  );
  console.log(`findProducts('龙井')                  ${foundName.ms.toFixed(1).padStart(8)} ms`);
  console.log(
    `check (all of it)                     ${checked.ms.toFixed(0).padStart(8)} ms  (${checked.result.length} problems)`,
  );
  book.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
