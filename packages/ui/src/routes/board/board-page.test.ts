import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  approveSalesOrder,
  Book,
  placeSalesOrder,
  postOpeningStock,
  upsertMasterData,
  upsertProducts,
} from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OWNER, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { load, actions } = await import('./+page.server');
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-board-'));

beforeAll(async () => {
  const book = await Book.create(join(dir, 'co.db'));
  book.actAs(OWNER);
  upsertProducts(book, [
    {
      sku: 'TEA-001',
      name: '龙井',
      nameEn: null,
      category: '茶',
      uom: 'box',
      taxRate: 1300,
      listed: true,
      price: 10_000,
      cost: 5000,
    },
  ]);
  upsertMasterData(book, {
    salespeople: [{ code: 'lin', name: '林', level: 'junior' }],
    suppliers: [{ code: 'S01', name: '茶厂' }],
    customers: [{ code: 'C001', name: '华东贸易', owner: 'lin', creditLimit: 50_000_000 }],
    warehouses: [{ code: 'WH1', name: '总仓' }],
    products: [{ sku: 'TEA-001', preferredSupplier: 'S01' }],
  } as never);
  postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 2_000, value: 10_000, date: '2026-01-02' }]);
  const { number } = placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date: book.today(),
    lines: [{ sku: 'TEA-001', qty: 5_000 }],
  });
  approveSalesOrder(book, number);
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const page = () =>
  load(requestEvent({ url: 'http://localhost/board', actor: OWNER }).event as never) as Promise<{
    lines: { status: string; waitingText: string }[];
    openRequisitions: number;
  }>;

describe('the coordination board page', () => {
  it('shows the line waiting for purchase, and creates its purchase order from the requisition', async () => {
    expect(await page()).toMatchObject({
      lines: [{ status: 'awaiting_purchase', waitingText: '3' }],
      openRequisitions: 1,
    });
    const run = actions.createPos;
    if (!run) throw new Error('no createPos');
    const created = await run(
      requestEvent({ method: 'POST', url: 'http://localhost/board?/createPos', body: new FormData(), actor: OWNER })
        .event as never,
    );
    expect(created).toMatchObject({ ok: true, value: { orders: [expect.stringMatching(/^PO-/)] } });
    expect(await page()).toMatchObject({ lines: [{ status: 'on_order' }], openRequisitions: 0 });
  });

  it('refuses creating purchase orders to a salesperson', async () => {
    const run = actions.createPos;
    if (!run) throw new Error('no createPos');
    const refused = await run(
      requestEvent({
        method: 'POST',
        url: 'http://localhost/board?/createPos',
        body: new FormData(),
        actor: { user: 'lin', roles: ['salesperson'], salesperson: 'lin' },
      }).event as never,
    );
    expect(refused).toMatchObject({ status: 403 });
  });
});
