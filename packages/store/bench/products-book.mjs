// A book of `n` products in 50 categories, inserted in one transaction, for the grid benchmarks.
// Values come from a fixed seed, so every run reads the same book.
import { Book, searchInitials } from '../dist/index.js';

/** Create a book at `file` holding `n` products (SKU-000000…), and return it open. */
export async function productsBook(file, n) {
  const book = await Book.create(file);
  const db = book.sqlite;
  const now = new Date().toISOString();
  db.transaction(() => {
    const category = db.prepare('insert into categories (path, name) values (?, ?)');
    for (let c = 0; c < 50; c++) category.run(`Cat/${c}`, `Cat ${c}`);
    const insert = db.prepare(
      `insert into products (sku, name, initials, name_en, category_id, uom, price_minor, cost_minor, tax_rate_bp, listed,
         created_at, updated_at)
       values (?, ?, ?, ?, ?, 'pcs', ?, ?, 1300, ?, ?, ?)`,
    );
    let seed = 11;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let i = 0; i < n; i++) {
      const price = Math.floor(rand() * 1_000_000);
      const name = `商品 ${Math.floor(rand() * 1e6)}`;
      insert.run(
        `SKU-${String(i).padStart(6, '0')}`,
        name,
        searchInitials(name),
        i % 7 === 0 ? null : `item ${i}`,
        1 + (i % 50),
        price,
        Math.floor(price / 2),
        i % 2,
        now,
        now,
      );
    }
  })();
  return book;
}
