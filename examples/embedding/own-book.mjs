// Embed the store: create a book in a temporary folder, add products in one transaction, list them.
// Run: node examples/embedding/own-book.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMoney } from '@tradeloop/core';
import { Book, listProducts, upsertProducts } from '@tradeloop/store';

const dir = mkdtempSync(join(tmpdir(), 'tradeloop-example-'));
try {
  const book = await Book.create(join(dir, 'example.db'), { actor: 'example', settings: { company: '示例贸易' } });
  const product = { nameEn: null, uom: 'pcs', cost: 0, taxRate: 1300, listed: true };
  const summary = upsertProducts(book, [
    { ...product, sku: 'PEN-01', name: '中性笔', category: '文具', price: 150 },
    { ...product, sku: 'PAD-01', name: '笔记本', category: '文具', price: 890 },
  ]);
  console.log(`inserted ${summary.inserted.join(', ')}`);
  for (const p of listProducts(book)) console.log(`${p.sku}\t${p.name}\t${formatMoney(p.price)}`);
  book.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
