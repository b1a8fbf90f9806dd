import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Book, upsertProducts } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHandler } from '$lib/server/api/dispatch';
import { OWNER, requestEvent } from '$lib/server/test-support';

const dir = mkdtempSync(join(tmpdir(), 'tradeloop-find-products-'));
let book: Book;
// As the order entry page asks: the person's own session, no token, no rate limit.
const api = apiHandler({ book: () => Promise.resolve(book), rate: 1 });

beforeAll(async () => {
  book = await Book.create(join(dir, 'co.db'));
  const tea = { nameEn: null, category: '茶', uom: 'box', taxRate: 1300, listed: true, price: 8800, cost: 5000 };
  book.actAs(OWNER);
  upsertProducts(book, [
    { sku: 'TEA-001', name: '西湖龙井茶', ...tea },
    { sku: 'TEA-002', name: '龙井茶 250g', ...tea },
    { sku: 'LJ-1', name: '绿茶', ...tea },
  ]);
});
afterAll(() => {
  book.close();
  rmSync(dir, { recursive: true, force: true });
});

const find = async (q: string) => {
  const response = await api(
    requestEvent({ url: `http://localhost/api/v1/products?q=${encodeURIComponent(q)}&limit=20`, actor: OWNER }).event,
  );
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data: { sku: string }[] };
  return body.data.map((p) => p.sku);
};

describe('GET /api/v1/products?q= from the order entry page', () => {
  it('finds products by their names’ pinyin initials: codes that start with the text, then initials', async () => {
    expect(await find('ljc')).toEqual(['TEA-002', 'TEA-001']);
    expect(await find('XHLJC')).toEqual(['TEA-001']);
    expect(await find('lj')).toEqual(['LJ-1', 'TEA-002', 'TEA-001']);
    expect(await find('龙井')).toEqual(['TEA-001', 'TEA-002']);
    // A person typing in the browser is not rate limited as a program is.
    expect(await find('lj')).toEqual(['LJ-1', 'TEA-002', 'TEA-001']);
  });
});
