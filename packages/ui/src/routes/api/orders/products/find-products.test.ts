import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Book, upsertProducts } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OWNER, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { GET } = await import('./+server');

const dir = mkdtempSync(join(tmpdir(), 'tradeloop-find-products-'));

beforeAll(async () => {
  const book = await Book.create(join(dir, 'co.db'));
  const tea = { nameEn: null, category: '茶', uom: 'box', taxRate: 1300, listed: true, price: 8800, cost: 5000 };
  upsertProducts(book, [
    { sku: 'TEA-001', name: '西湖龙井茶', ...tea },
    { sku: 'TEA-002', name: '龙井茶 250g', ...tea },
    { sku: 'LJ-1', name: '绿茶', ...tea },
  ]);
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const find = async (q: string) => {
  const response = await GET(
    requestEvent({ url: `http://localhost/api/orders/products?q=${encodeURIComponent(q)}`, actor: OWNER })
      .event as never,
  );
  const body = await response.json();
  return body.products.map((p: { sku: string }) => p.sku);
};

describe('GET /api/orders/products', () => {
  it('finds products by their names’ pinyin initials: codes that start with the text, then initials', async () => {
    expect(await find('ljc')).toEqual(['TEA-002', 'TEA-001']);
    expect(await find('XHLJC')).toEqual(['TEA-001']);
    expect(await find('lj')).toEqual(['LJ-1', 'TEA-002', 'TEA-001']);
    expect(await find('龙井')).toEqual(['TEA-001', 'TEA-002']);
  });
});
