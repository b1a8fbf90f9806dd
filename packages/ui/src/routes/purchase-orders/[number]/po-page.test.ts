import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tradeloop/core';
import { Book, placePurchaseOrder, upsertMasterData, upsertProducts } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OWNER, postAction, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { load, actions } = await import('./+page.server');

const dir = mkdtempSync(join(tmpdir(), 'tradeloop-po-page-'));
let number = '';

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
      price: 18_000,
      cost: 10_000,
    },
  ]);
  upsertMasterData(book, {
    suppliers: [{ code: 'S01', name: '杭州茶厂', grade: 'A', paymentDays: 30 }],
    warehouses: [{ code: 'WH1', name: '总仓' }],
  } as never);
  number = placePurchaseOrder(book, {
    supplier: 'S01',
    warehouse: 'WH1',
    date: '2026-03-02',
    lines: [{ sku: 'TEA-001', qty: 10_000, price: 10_000 }],
  }).number;
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

type View = {
  po: { status: string; actions: string[]; owed: number; receipts: unknown[]; lines: { match: unknown[] }[] };
};
const page = (actor: Actor = OWNER) =>
  load(
    requestEvent({ url: `http://localhost/purchase-orders/${number}`, params: { number }, actor }).event as never,
  ) as Promise<View>;
const act = (action: keyof typeof actions, fields: Record<string, string>, actor: Actor = OWNER) =>
  postAction(actions, action, { path: `/purchase-orders/${number}`, params: { number }, fields, actor });

describe('the purchase order page', () => {
  it('receives with batch and expiry, records the supplier invoice with the match shown, pays and returns', async () => {
    expect((await page()).po).toMatchObject({ status: 'ordered', actions: ['receive'] });
    const bad = await act('receive', { date: '2026-03-05', 'qty.1': 'ten' });
    expect(bad).toMatchObject({ status: 422, data: { ok: false, code: 'input.invalid' } });
    const received = await act('receive', {
      date: '2026-03-05',
      'qty.1': '6',
      'batch.1': 'B-7',
      'expiry.1': '2027/3/1',
    });
    expect(received).toMatchObject({ ok: true });
    expect((await page()).po).toMatchObject({
      status: 'partially_received',
      receipts: [{ lines: [{ qty: 6_000, batch: 'B-7', expiry: '2027-03-01' }] }],
    });
    expect(await act('invoice', { date: '2026-03-06', number: 'FJ-88', vatKind: 'special' })).toMatchObject({
      ok: true,
    });
    const invoiced = (await page()).po;
    expect(invoiced).toMatchObject({ owed: 67_800, lines: [{ match: [] }] });
    expect(invoiced.actions).toContain('pay');
    expect(await act('pay', { date: '2026-03-07', amount: '678.00' })).toMatchObject({ ok: true });
    expect(await act('return', { date: '2026-03-08', 'qty.1': '1', reason: '破损' })).toMatchObject({ ok: true });
    expect((await page()).po.owed).toBe(0);
  });

  it('refuses the page to a salesperson (403) and answers 404 for an order that is not there', async () => {
    await expect(page({ user: 'lin', roles: ['salesperson'], salesperson: 'lin' })).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      load(
        requestEvent({ url: 'http://localhost/purchase-orders/PO-X', params: { number: 'PO-X' }, actor: OWNER })
          .event as never,
      ),
    ).rejects.toMatchObject({ status: 404 });
  });
});
