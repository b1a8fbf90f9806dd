import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Product } from '@tradeloop/core';
import { Book, upsertProducts, withFileLock } from '@tradeloop/store';
import { afterEach, describe, expect, it } from 'vitest';
import { analyticsLockPathFor, analyticsPathFor, readOnlySql, withAnalytics } from './analytics.js';
import { queryProductsByCategory } from './products-by-category.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
async function newBook(busyTimeoutMs?: number): Promise<Book> {
  const dir = mkdtempSync(join(tmpdir(), 'tradeloop-copy-'));
  dirs.push(dir);
  return Book.create(join(dir, 'co.db'), busyTimeoutMs === undefined ? {} : { busyTimeoutMs });
}

const product = (sku: string, price: number): Product => ({
  sku,
  name: sku,
  nameEn: null,
  category: 'Tea',
  uom: 'pcs',
  price,
  cost: 1,
  taxRate: 1300,
  listed: true,
});

/** A report read from the copy: the products' list value, as the copy has it. */
const listValue = async (book: Book) => (await withAnalytics(book, (a) => queryProductsByCategory(a)))[0]?.listValue;
const held = (book: Book, fn: () => Promise<void>) =>
  withFileLock(analyticsLockPathFor(book.path), { waitMs: 0, busyMessage: 'held by the test' }, fn);

describe('the report copy beside a book', () => {
  it('is read without the refresh lock while it is current, and is not rewritten', async () => {
    const book = await newBook();
    upsertProducts(book, [product('T1', 100)]);
    expect(await listValue(book)).toBe(100);
    const before = statSync(analyticsPathFor(book.path));
    await held(book, async () => {
      expect(await listValue(book)).toBe(100);
      expect(await readOnlySql(book, 'select count(*)::integer as n from products')).toEqual([{ n: 1 }]);
    });
    const after = statSync(analyticsPathFor(book.path));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    book.close();
  });

  it('is book.busy when stale and another holds the refresh lock past the wait', async () => {
    const book = await newBook(200);
    upsertProducts(book, [product('T1', 100)]);
    expect(await listValue(book)).toBe(100);
    upsertProducts(book, [product('T2', 50)]);
    await held(book, async () => {
      await expect(listValue(book)).rejects.toMatchObject({
        code: 'book.busy',
        message: expect.stringContaining('another process has been bringing it up to date for over 0.2 s'),
      });
    });
    expect(await listValue(book)).toBe(150);
    book.close();
  });

  it('is swapped for a newer one while a reader still reads the old one whole', async () => {
    const book = await newBook();
    upsertProducts(book, [product('T1', 100)]);
    await withAnalytics(book, async (old) => {
      upsertProducts(book, [product('T2', 50)]);
      expect(await listValue(book)).toBe(150);
      expect((await queryProductsByCategory(old))[0]?.listValue).toBe(100);
    });
    expect(await listValue(book)).toBe(150);
    book.close();
  });

  it('is brought up to date by one of many readers at once, the others reading the result', async () => {
    const book = await newBook();
    upsertProducts(book, [product('T1', 100)]);
    const first = await Promise.all(Array.from({ length: 6 }, () => listValue(book)));
    upsertProducts(book, [product('T2', 50)]);
    const second = await Promise.all(Array.from({ length: 6 }, () => listValue(book)));
    expect([first, second]).toEqual([Array(6).fill(100), Array(6).fill(150)]);
    book.close();
  }, 30_000);

  it('is built again when it is not a DuckDB file, and a refresh that died leaves nothing in the way', async () => {
    const book = await newBook();
    upsertProducts(book, [product('T1', 100)]);
    const path = analyticsPathFor(book.path);
    writeFileSync(path, 'not a database');
    writeFileSync(`${path}.next`, 'half a refresh');
    expect(await listValue(book)).toBe(100);
    expect(existsSync(`${path}.next`)).toBe(false);
    book.close();
  });
});
