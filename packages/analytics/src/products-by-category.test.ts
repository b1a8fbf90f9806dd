import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { divideRounded, type Product } from '@tradeloop/core';
import { Book, listProducts, upsertProducts } from '@tradeloop/store';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Analytics, analyticsPathFor } from './analytics.js';
import { productsByCategorySpec } from './charts.js';
import { productsByCategory } from './products-by-category.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
async function newBook(): Promise<Book> {
  const dir = mkdtempSync(join(tmpdir(), 'tradeloop-analytics-'));
  dirs.push(dir);
  return Book.create(join(dir, 'co.db'));
}

const product = (sku: string, category: string, price: number, listed = true): Product => ({
  sku,
  name: sku,
  nameEn: null,
  category,
  uom: 'pcs',
  price,
  cost: Math.floor(price / 2),
  taxRate: 1300,
  listed,
});

describe('productsByCategory', () => {
  it('counts and values products per top-level category', async () => {
    const book = await newBook();
    upsertProducts(book, [
      product('T1', '饮料/茶叶', 8800),
      product('T2', '饮料/咖啡', 4500, false),
      product('S1', 'Snacks', 1000),
      product('S2', 'Snacks/Nuts', 1001),
    ]);
    expect(await productsByCategory(book)).toEqual([
      { category: '饮料', products: 2, listed: 1, listValue: 13300, costValue: 6650, avgPrice: 6650 },
      { category: 'Snacks', products: 2, listed: 2, listValue: 2001, costValue: 1000, avgPrice: 1001 },
    ]);
    expect((await productsByCategory(book, { depth: 2 })).map((r) => r.category)).toEqual([
      '饮料/茶叶',
      '饮料/咖啡',
      'Snacks/Nuts',
      'Snacks',
    ]);
    // The product list alone, copied in memory: no report copy is made or brought up to date.
    expect(existsSync(analyticsPathFor(book.path))).toBe(false);
    // And what it says is the book as it is now.
    upsertProducts(book, [product('S3', 'Snacks', 3000)]);
    expect((await productsByCategory(book)).find((r) => r.category === 'Snacks')?.listValue).toBe(5001);
    expect(existsSync(analyticsPathFor(book.path))).toBe(false);
    book.close();
  });

  it('is refused, like every report over the whole book, to a role that may not read it', async () => {
    const book = await newBook();
    upsertProducts(book, [product('T1', '饮料/茶叶', 8800)]);
    book.actAs({ user: 'lin', roles: ['salesperson'], salesperson: 'lin' });
    await expect(productsByCategory(book)).rejects.toMatchObject({ code: 'permission.scope' });
    book.actAs({ user: 'boss', roles: ['owner'] });
    expect(await productsByCategory(book)).toHaveLength(1);
    book.close();
  });

  it('agrees with the same figures computed from the book directly', async () => {
    const book = await newBook();
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.record({
            sku: fc.stringMatching(/^[A-Z][0-9]{1,4}$/),
            category: fc.constantFrom('A', 'A/B', 'B/C', '茶/绿茶'),
            price: fc.integer({ min: 0, max: 1e10 }),
            listed: fc.boolean(),
          }),
          { selector: (r) => r.sku, minLength: 1, maxLength: 30 },
        ),
        async (rows) => {
          book.sqlite.exec('delete from products');
          upsertProducts(
            book,
            rows.map((r) => product(r.sku, r.category, r.price, r.listed)),
          );
          const expected = new Map<
            string,
            { products: number; listed: number; listValue: number; costValue: number }
          >();
          for (const p of listProducts(book)) {
            const top = p.category.split('/')[0] ?? '';
            const e = expected.get(top) ?? { products: 0, listed: 0, listValue: 0, costValue: 0 };
            e.products += 1;
            e.listed += p.listed ? 1 : 0;
            e.listValue += p.price;
            e.costValue += p.cost;
            expected.set(top, e);
          }
          const actual = await productsByCategory(book);
          expect(actual).toHaveLength(expected.size);
          for (const row of actual) {
            const e = expected.get(row.category);
            expect(row).toEqual({
              category: row.category,
              ...e,
              avgPrice: divideRounded(e?.listValue ?? 0, e?.products ?? 1),
            });
          }
        },
      ),
      { numRuns: 15 },
    );
    book.close();
    // Fifteen books each copied to DuckDB: about 14 s here, more on a loaded host.
  }, 60_000);
});

describe('Analytics', () => {
  it('keeps extension auto-install and auto-load off', async () => {
    const a = await Analytics.open(':memory:');
    const rows = await a.query(
      "select current_setting('autoinstall_known_extensions') as i, current_setting('autoload_known_extensions') as l",
    );
    expect(rows).toEqual([{ i: false, l: false }]);
    a.close();
  });

  it('refreshes master data whole on every sync', async () => {
    const book = await newBook();
    const a = await Analytics.open(':memory:');
    upsertProducts(book, [product('A1', 'A', 100)]);
    expect(await a.sync(book)).toEqual({ products: 1 });
    upsertProducts(book, [product('A1', 'A', 200), product('A2', 'A', 300)]);
    expect(await a.sync(book)).toEqual({ products: 2 });
    expect(await a.query('select sum(price_minor)::integer as s from products')).toEqual([{ s: 500 }]);
    a.close();
    book.close();
  });
});

describe('productsByCategorySpec', () => {
  it('builds a bar chart spec with inline data and localized titles', () => {
    const rows = [{ category: '饮料', products: 2, listed: 1, listValue: 1, costValue: 1, avgPrice: 1 }];
    const en = productsByCategorySpec(rows);
    expect(en).toMatchObject({ mark: { type: 'bar' }, data: { values: [{ category: '饮料', products: 2 }] } });
    expect(productsByCategorySpec(rows, 'zh-CN').title).toBe('各类别商品数');
  });
});
