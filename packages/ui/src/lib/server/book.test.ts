import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Book, backupBook, getProduct, restoreBook, upsertProducts } from '@tradeloop/store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { productGrid } from './products-view.js';
import { OWNER, requestEvent } from './test-support.js';

let dir: string;
let path: string;
let book: () => Promise<Book>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tradeloop-ui-'));
  path = join(dir, 'co.db');
  // A new server process for each test: the app's modules anew, reading TRADELOOP_DB.
  process.env.TRADELOOP_DB = path;
  vi.resetModules();
  ({ book } = await import('./book.js'));
});
afterEach(async () => {
  (await book().catch(() => undefined))?.close();
  rmSync(dir, { recursive: true, force: true });
});

const tea = {
  sku: 'TEA-001',
  name: '西湖龙井',
  nameEn: 'West Lake Longjing',
  category: '饮料/茶叶',
  uom: 'box',
  price: 8800,
  cost: 5200,
  taxRate: 1300,
  listed: true,
};

/** A book whose backup has TEA-001 at 88.00 and 77.00 at `<book>`, with the book itself at 99.00. */
async function bookAndBackups(): Promise<{ backup: string; other: string }> {
  const b = await Book.create(path);
  upsertProducts(b, [tea]);
  const backup = join(dir, 'backup.db');
  await backupBook(b, backup);
  upsertProducts(b, [{ ...tea, price: 7700 }]);
  const other = join(dir, 'other.db');
  await backupBook(b, other);
  upsertProducts(b, [{ ...tea, price: 9900 }]);
  b.close();
  return { backup, other };
}

/** A cell edit as the grid sends it, through the app's own route. */
async function patch(sku: string, field: string, value: string): Promise<Response> {
  const { PATCH } = await import('../../routes/api/products/[sku]/+server.js');
  const { event } = requestEvent({
    method: 'PATCH',
    url: `http://127.0.0.1/api/products/${sku}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ field, value }),
    params: { sku },
    actor: OWNER,
  });
  return PATCH(event as Parameters<typeof PATCH>[0]);
}

async function priceOnDisk(): Promise<number | undefined> {
  const fresh = await Book.open(path);
  try {
    return getProduct(fresh, 'TEA-001')?.price;
  } finally {
    fresh.close();
  }
}

const shownPrice = async () => productGrid(await book(), OWNER).rows.find((r) => r.key === 'TEA-001')?.cells.price;

describe("the server's book after a restore under it", () => {
  it('opens the restored book before the next request: the grid shows it and an edit lands in it', async () => {
    const { backup } = await bookAndBackups();
    expect(await shownPrice()).toBe('99.00');
    expect((await patch('TEA-001', 'name', '龙井 A')).status).toBe(200);

    await restoreBook(backup, path, { force: true });
    expect(await shownPrice()).toBe('88.00');
    const r = await patch('TEA-001', 'price', '90.50');
    expect(r.status).toBe(200);
    expect((await r.json()).row.cells.price).toBe('90.50');
    expect(await priceOnDisk()).toBe(9050);
    expect(await shownPrice()).toBe('90.50');
  });

  it('follows a book another tool renamed into place', async () => {
    const { other } = await bookAndBackups();
    expect(await shownPrice()).toBe('99.00');
    renameSync(other, path);
    expect((await patch('TEA-001', 'cost', '40.00')).status).toBe(200);
    const fresh = await Book.open(path);
    expect(getProduct(fresh, 'TEA-001')).toMatchObject({ price: 7700, cost: 4000 });
    fresh.close();
  });

  it('keeps the same open book while the file stays', async () => {
    await bookAndBackups();
    const first = await book();
    expect((await patch('TEA-001', 'price', '12.00')).status).toBe(200);
    expect(await book()).toBe(first);
    expect(await priceOnDisk()).toBe(1200);
  });
});
