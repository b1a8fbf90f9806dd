import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Book } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LIN, loadAs, stockBook, WAREHOUSE } from '$lib/server/stock-test-book';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { load } = await import('./+page.server');
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-pick-page-'));
let order = '';

beforeAll(async () => {
  const made = await stockBook(dir);
  served.book = made.book;
  order = made.order;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const pick = (number: string, actor = WAREHOUSE) =>
  loadAs(load, `http://localhost/orders/${number}/pick`, actor, { number });

describe('the pick list page', () => {
  it('lists where to take each reserved line from: first expiry first, the expired batch left', async () => {
    const data = (await pick(order)) as { list: Record<string, unknown> };
    expect(data.list).toMatchObject({
      number: order,
      warehouse: { code: 'WH1' },
      customer: { code: 'C001' },
      lines: [
        {
          sku: 'TEA-002',
          qtyText: '3',
          strategy: 'fefo',
          issue: null,
          picks: [
            { bin: 'WH1', batch: 'B2', expiry: '2026-03-20', qtyText: '2' },
            { bin: 'WH1', batch: 'B1', expiry: '2026-09-30', qtyText: '1' },
          ],
        },
      ],
    });
  });

  it('is shown to the order’s own salesperson, refused (403) to another, and 404 for no such order', async () => {
    expect(await pick(order, LIN)).toBeTruthy();
    await expect(pick(order, { user: 'chen', roles: ['salesperson'], salesperson: 'chen' })).rejects.toMatchObject({
      status: 403,
    });
    await expect(pick('SO-2026-999999')).rejects.toMatchObject({ status: 404 });
  });
});
