import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tradeloop/core';
import { Book, upsertMasterData, upsertProducts } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OWNER, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { POST, DELETE } = await import('./rows/+server');
const { GET } = await import('./+server');

const LIN: Actor = { user: 'lin', roles: ['salesperson'], salesperson: 'lin' };
const MANAGER: Actor = { user: 'wang', roles: ['sales_manager'] };
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-grid-rows-api-'));

beforeAll(async () => {
  const book = await Book.create(join(dir, 'co.db'));
  const tea = { name: '龙井', nameEn: null, category: '茶', uom: 'box', taxRate: 1300, listed: true };
  upsertProducts(book, [{ sku: 'TEA-001', ...tea, price: 8800, cost: 5000 }]);
  upsertMasterData(book, {
    suppliers: [{ code: 'S1', name: '福建茶业', grade: 'A', paymentDays: 30 }],
    priceLists: [{ code: 'BASE', scope: { kind: 'base' }, prices: [{ sku: 'TEA-001', minQty: 0, price: 8800 }] }],
  });
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const send = async (method: 'POST' | 'DELETE', kind: string, body: unknown, actor: Actor = OWNER) => {
  const { event } = requestEvent({
    method,
    url: `http://localhost/api/grid/${kind}/rows`,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    params: { kind },
    actor,
  });
  const response = await (method === 'POST' ? POST : DELETE)(event as never);
  return { status: response.status, body: await response.json() };
};
const suppliers = async () => {
  const response = await GET(
    requestEvent({ url: 'http://localhost/api/grid/suppliers', params: { kind: 'suppliers' }, actor: OWNER })
      .event as never,
  );
  return (await response.json()) as { rows: { key: string; version: number }[]; columns: Record<string, unknown>[] };
};

describe('POST /api/grid/[kind]/rows', () => {
  it('adds rows as one command and answers them; the columns say which a new row takes', async () => {
    const { status, body } = await send('POST', 'suppliers', { rows: [{ values: { code: 'S2', name: '云南茶厂' } }] });
    expect(status).toBe(200);
    expect(body).toEqual({
      created: [
        {
          key: 'S2',
          version: expect.any(Number),
          values: { code: 'S2', name: '云南茶厂', grade: 'B', payment_days: 30, tax_id: null },
          text: { code: 'S2', name: '云南茶厂', grade: 'B', payment_days: '30', tax_id: '' },
        },
      ],
    });
    expect((await suppliers()).columns[0]).toMatchObject({
      name: 'code',
      key: true,
      insertable: true,
      editable: false,
    });
  });

  it('answers 422 naming each bad cell by row index and column, a duplicate key among them; nothing is added', async () => {
    const { status, body } = await send('POST', 'suppliers', {
      rows: [{ values: { code: 'X1', name: 'x' } }, { values: { code: 's1', name: 'y', grade: 'Z' } }],
    });
    expect(status).toBe(422);
    expect(body.cells).toEqual([expect.objectContaining({ path: [1, 'grade'], code: 'supplier.grade.invalid_value' })]);
    const dup = await send('POST', 'suppliers', { rows: [{ values: { code: 's1', name: 'y' } }] });
    expect(dup.body.cells).toEqual([expect.objectContaining({ path: [0, 'code'], code: 'grid.row.duplicate' })]);
    expect((await suppliers()).rows.map((r) => r.key)).not.toContain('X1');
  });

  it('answers 400 for settings, whose rows are fixed, and for a body it cannot read', async () => {
    expect((await send('POST', 'settings', { rows: [{ values: { key: 'x' } }] })).body.code).toBe('grid.kind.fixed');
    expect((await send('POST', 'suppliers', 'not json')).status).toBe(400);
    expect((await send('POST', 'suppliers', { rows: [] })).status).toBe(400);
  });

  it('answers 403 to a role without master.write, and users to a role without users.manage', async () => {
    expect(await send('POST', 'suppliers', { rows: [{ values: { code: 'S3', name: 'z' } }] }, LIN)).toMatchObject({
      status: 403,
      body: { code: 'permission.denied' },
    });
    expect((await send('POST', 'users', { rows: [{ values: { name: 'x', roles: 'owner' } }] }, MANAGER)).status).toBe(
      403,
    );
  });
});

describe('DELETE /api/grid/[kind]/rows', () => {
  it('deletes rows and answers their cells, which POST adds back', async () => {
    const row = (await suppliers()).rows.find((r) => r.key === 'S2');
    const deleted = await send('DELETE', 'suppliers', { rows: [{ key: 'S2', version: row?.version }] });
    expect(deleted).toEqual({
      status: 200,
      body: {
        deleted: [{ key: 'S2', values: { code: 'S2', name: '云南茶厂', grade: 'B', payment_days: '30', tax_id: '' } }],
      },
    });
    const back = await send('POST', 'suppliers', { rows: deleted.body.deleted.map((d: { values: object }) => d) });
    expect(back.status).toBe(200);
  });

  it('answers 422 for a row the book refers to, 409 for a stale one, 403 without master.write', async () => {
    const product = await send('DELETE', 'products', { rows: [{ key: 'TEA-001', version: 1 }] });
    expect(product.status).toBe(422);
    expect(product.body).toMatchObject({
      code: 'grid.row.referenced',
      cells: [expect.objectContaining({ path: ['TEA-001'], message: expect.stringContaining('set Listed to no') })],
    });
    const stale = await send('DELETE', 'suppliers', { rows: [{ key: 'S1', version: 99 }] });
    expect(stale).toMatchObject({ status: 409, body: { code: 'grid.row.stale' } });
    expect((await send('DELETE', 'suppliers', { rows: [{ key: 'S1', version: 1 }] }, LIN)).status).toBe(403);
    expect((await send('DELETE', 'settings', { rows: [{ key: 'currency', version: 1 }] })).status).toBe(400);
  });
});
