import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tradeloop/core';
import { Book, placeSalesOrder, upsertMasterData, upsertProducts } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OWNER, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { GET, POST } = await import('./+server');
const rows = await import('./rows/+server');
const page = await import('../../../grid/[kind]/+page.server');

const LIN: Actor = { user: 'lin', roles: ['salesperson'], salesperson: 'lin' };
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-grid-documents-'));

beforeAll(async () => {
  const book = await Book.create(join(dir, 'co.db'));
  const tea = { name: '龙井', nameEn: null, category: '茶', uom: 'box', taxRate: 1300, listed: true };
  upsertProducts(book, [{ sku: 'TEA-001', ...tea, price: 8800, cost: 5000 }]);
  upsertMasterData(book, {
    warehouses: [{ code: 'WH1', name: '主仓' }],
    salespeople: [
      { code: 'lin', name: '林', level: 'junior' },
      { code: 'chen', name: '陈', level: 'junior' },
    ],
    customers: [
      { code: 'C001', name: '林的客户', owner: 'lin' },
      { code: 'C/2', name: '陈的客户', owner: 'chen' },
    ],
  } as never);
  for (const [customer, date] of [
    ['C001', '2026-03-02'],
    ['C/2', '2026-03-03'],
    ['C001', '2026-03-04'],
  ] as const)
    placeSalesOrder(book, { customer, warehouse: 'WH1', date, lines: [{ sku: 'TEA-001', qty: 1_000 }] });
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (query: string, actor: Actor = OWNER, kind = 'orders') => {
  const response = await GET(
    requestEvent({ url: `http://localhost/api/grid/${kind}?${query}`, params: { kind }, actor }).event as never,
  );
  return { status: response.status, body: await response.json() };
};
const send = async (handler: (e: never) => Promise<Response>, method: string, url: string, body: unknown) => {
  const response = await handler(
    requestEvent({
      method,
      url,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      params: { kind: 'orders' },
      actor: OWNER,
    }).event as never,
  );
  return { status: response.status, body: await response.json() };
};

describe('GET /api/grid/orders', () => {
  it('answers the orders newest first, read-only, the number linking to the order', async () => {
    const { status, body } = await get('');
    expect(status).toBe(200);
    expect(body.total).toBe(3);
    expect(body.rows.map((r: { values: { order_date: string } }) => r.values.order_date)).toEqual([
      '2026-03-04',
      '2026-03-03',
      '2026-03-02',
    ]);
    expect(body.columns[0]).toMatchObject({ name: 'number', key: true, editable: false, href: '/orders/{value}' });
    expect(body.columns.find((c: { name: string }) => c.name === 'customer')?.href).toBe('/customers/{value}');
    expect(body.rows[0].text.gross_minor).toBe('99.44');
  });

  it('pages, sorts and filters in the book', async () => {
    const filter = encodeURIComponent(JSON.stringify([{ column: 'customer', op: 'eq', value: 'C001' }]));
    const { body } = await get(`limit=1&offset=1&sort=order_date:asc&filter=${filter}`);
    expect(body.total).toBe(2);
    expect(body.rows.map((r: { values: { order_date: string } }) => r.values.order_date)).toEqual(['2026-03-04']);
  });

  it("shows a salesperson only their own customers' orders, and no company-wide list", async () => {
    const { body } = await get('', LIN);
    expect(body.rows.map((r: { values: { customer: string } }) => r.values.customer)).toEqual(['C001', 'C001']);
    expect((await get('', LIN, 'purchase-orders')).status).toBe(403);
  });

  it('refuses every change to a list (400 grid.kind.readonly) and its page offers none', async () => {
    const number = (await get('')).body.rows[0].key;
    const url = 'http://localhost/api/grid/orders';
    const edit = await send(POST as never, 'POST', url, {
      edits: [{ key: number, column: 'status', value: 'cancelled', version: 0 }],
    });
    expect(edit).toMatchObject({ status: 400, body: { code: 'grid.kind.readonly' } });
    const add = await send(rows.POST as never, 'POST', `${url}/rows`, { rows: [{ values: { number: 'X' } }] });
    expect(add).toMatchObject({ status: 400, body: { code: 'grid.kind.readonly' } });
    const remove = await send(rows.DELETE as never, 'DELETE', `${url}/rows`, { rows: [{ key: number, version: 0 }] });
    expect(remove).toMatchObject({ status: 400, body: { code: 'grid.kind.readonly' } });
    const loaded = (await page.load(
      requestEvent({ url: 'http://localhost/grid/orders', params: { kind: 'orders' }, actor: OWNER }).event as never,
    )) as { canEdit: boolean };
    expect(loaded.canEdit).toBe(false);
  });
});
