import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tradeloop/core';
import { Book, getProduct, upsertMasterData, upsertProducts } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OWNER, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { GET, POST } = await import('./+server');

const LIN: Actor = { user: 'lin', roles: ['salesperson'], salesperson: 'lin' };
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-grid-api-'));

beforeAll(async () => {
  const book = await Book.create(join(dir, 'co.db'));
  const tea = { name: '龙井', nameEn: null, category: '茶', uom: 'box', taxRate: 1300, listed: true };
  upsertProducts(book, [
    { sku: 'TEA-001', ...tea, price: 8800, cost: 77777 },
    { sku: 'TEA-002', ...tea, price: 9900, cost: 5000 },
  ]);
  upsertMasterData(book, {
    salespeople: [
      { code: 'lin', name: '林', level: 'junior' },
      { code: 'chen', name: '陈', level: 'junior' },
    ],
    customers: [
      { code: 'C001', name: '林的客户', owner: 'lin' },
      { code: 'C002', name: '陈的客户', owner: 'chen' },
    ],
  } as never);
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (kind: string, query: string, actor: Actor = OWNER) => {
  const response = await GET(
    requestEvent({ url: `http://localhost/api/grid/${kind}?${query}`, params: { kind }, actor }).event as never,
  );
  return { status: response.status, body: await response.json() };
};
const post = async (kind: string, body: unknown, actor: Actor = OWNER) => {
  const response = await POST(
    requestEvent({
      method: 'POST',
      url: `http://localhost/api/grid/${kind}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      params: { kind },
      actor,
    }).event as never,
  );
  return { status: response.status, body: await response.json() };
};

describe('GET /api/grid/[kind]', () => {
  it('answers a sorted, filtered page with its columns and row versions', async () => {
    const { status, body } = await get(
      'products',
      `limit=1&sort=price_minor:desc&filter=${encodeURIComponent(JSON.stringify([{ column: 'price_minor', op: 'gt', value: '50' }]))}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 2, rows: [{ key: 'TEA-002', version: 1, values: { price_minor: 9900 } }] });
    expect(body.columns.find((c: { name: string }) => c.name === 'price_minor')).toMatchObject({
      kind: 'money',
      editable: true,
      required: true,
    });
  });

  it('never hands a salesperson the cost or another seller’s customer', async () => {
    const products = await get('products', '', LIN);
    expect(JSON.stringify(products.body)).not.toContain('77777');
    const customers = await get('customers', 'q=客户', LIN);
    expect(customers.body.rows.map((r: { key: string }) => r.key)).toEqual(['C001']);
    expect((await get('suppliers', '', LIN)).status).toBe(403);
  });

  it('finds customers by their names’ pinyin initials, as order entry’s customer picker asks', async () => {
    const customers = await get('customers', 'q=CDKH&limit=20');
    expect(customers.body.rows.map((r: { key: string }) => r.key)).toEqual(['C002']);
    expect(JSON.stringify(customers.body)).not.toContain('cdkh');
    expect((await get('products', 'q=lj')).body.total).toBe(2);
  });

  it('answers 400 naming a bad query: unknown kind, unknown column, filter that is no JSON', async () => {
    expect((await get('nothing', '')).status).toBe(400);
    expect((await get('products', 'sort=secret')).body).toMatchObject({
      code: 'grid.column.unknown',
      path: ['sort', 0, 'column'],
    });
    expect((await get('products', 'filter=[oops')).status).toBe(400);
    expect((await get('products', 'limit=-1')).status).toBe(400);
  });
});

describe('POST /api/grid/[kind]', () => {
  it('applies a batch and answers what undo needs', async () => {
    const { status, body } = await post('products', {
      edits: [{ key: 'TEA-001', column: 'price_minor', value: '90', version: 1 }],
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      applied: [{ key: 'TEA-001', column: 'price_minor', before: '88.00', after: '90.00', version: 2 }],
    });
  });

  it('answers 409 with the cells when a row changed since it was read, and 422 for bad cells; nothing changes', async () => {
    const stale = await post('products', { edits: [{ key: 'TEA-001', column: 'name', value: 'x', version: 1 }] });
    expect(stale.status).toBe(409);
    expect(stale.body.cells).toEqual([expect.objectContaining({ code: 'grid.row.stale', path: ['TEA-001', 'name'] })]);
    const bad = await post('products', {
      edits: [
        { key: 'TEA-002', column: 'name', value: '好茶', version: 1 },
        { key: 'TEA-002', column: 'price_minor', value: 'cheap', version: 1 },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.cells).toEqual([expect.objectContaining({ path: ['TEA-002', 'price_minor'], value: 'cheap' })]);
    expect(getProduct(served.book as Book, 'TEA-002')?.name).toBe('龙井');
  });

  it('edits every kind now, each by its own rules', async () => {
    const salespeople = await get('salespeople', '');
    const lin = salespeople.body.rows.find((r: { key: string }) => r.key === 'lin');
    const ok = await post('salespeople', {
      edits: [{ key: 'lin', column: 'max_discount_bp', value: '8%', version: lin.version }],
    });
    expect(ok).toMatchObject({ status: 200, body: { applied: [{ key: 'lin', before: '0%', after: '8%' }] } });
    const bad = await post('salespeople', {
      edits: [{ key: 'lin', column: 'manager', value: 'nobody', version: lin.version + 1 }],
    });
    expect(bad).toMatchObject({
      status: 422,
      body: { cells: [expect.objectContaining({ code: 'salesperson.manager.unknown', path: ['lin', 'manager'] })] },
    });
  });

  it('answers 403 to who may not change master data', async () => {
    const { status, body } = await post(
      'customers',
      { edits: [{ key: 'C001', column: 'tier', value: 'x', version: 1 }] },
      LIN,
    );
    expect(status).toBe(403);
    expect(body.code).toBe('permission.denied');
  });
});
