import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tradeloop/core';
import { Book, placeSalesOrder, postOpeningStock, upsertMasterData, upsertProducts } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OWNER, postAction, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { load, actions } = await import('./+page.server');

const LIN: Actor = { user: 'lin', roles: ['salesperson'], salesperson: 'lin' };
const CHEN: Actor = { user: 'chen', roles: ['salesperson'], salesperson: 'chen' };
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-order-page-'));
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
      price: 8800,
      cost: 5000,
    },
  ]);
  upsertMasterData(book, {
    salespeople: [
      { code: 'lin', name: '林', level: 'junior' },
      { code: 'chen', name: '陈', level: 'junior' },
    ],
    customers: [{ code: 'C001', name: '林的客户', owner: 'lin', creditLimit: 5_000_000 }],
    warehouses: [{ code: 'WH1', name: '总仓' }],
  } as never);
  postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 10_000, value: 50_000, date: '2026-01-02' }]);
  number = placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date: '2026-03-02',
    lines: [{ sku: 'TEA-001', qty: 2_000 }],
  }).number;
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const page = (actor: Actor) =>
  load(requestEvent({ url: `http://localhost/orders/${number}`, params: { number }, actor }).event as never);
const act = (action: keyof typeof actions, fields: Record<string, string>, actor: Actor = OWNER) =>
  postAction(actions, action, { path: `/orders/${number}`, params: { number }, fields, actor });

describe('the sales order page', () => {
  it('shows the order with its lines, price trace and the actions that fit, to its own salesperson', async () => {
    const data = (await page(LIN)) as { order: { status: string; actions: string[]; lines: { trace: unknown[] }[] } };
    expect(data.order).toMatchObject({ status: 'pending_review', actions: ['approve', 'reject', 'amend', 'cancel'] });
    expect(data.order.lines[0]?.trace.length).toBeGreaterThan(0);
  });

  it('refuses the page to another salesperson (403) and answers 404 for an order that is not there', async () => {
    await expect(page(CHEN)).rejects.toMatchObject({ status: 403 });
    await expect(
      load(
        requestEvent({ url: 'http://localhost/orders/SO-X', params: { number: 'SO-X' }, actor: OWNER }).event as never,
      ),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('runs each action as the store command, and shows a refusal in place with its code', async () => {
    // Shipping before approval: the command refuses, nothing changes.
    const early = await act('ship', { date: '2026-03-03' });
    expect(early).toMatchObject({
      status: 422,
      data: { action: 'ship', ok: false, code: 'command.rejected', issues: [{ code: 'order.nothing_reserved' }] },
    });
    const bad = await act('ship', { date: 'tomorrow-ish' });
    expect(bad).toMatchObject({ status: 400, data: { action: 'ship', ok: false } });
    expect(await act('approve', {})).toMatchObject({
      action: 'approve',
      ok: true,
      value: { status: 'awaiting_shipment' },
    });
    expect(await act('ship', { date: '2026-03-03', carrier: '顺丰', tracking: 'SF9' })).toMatchObject({ ok: true });
    expect(await act('invoice', { date: '2026-03-03', vatKind: 'special' })).toMatchObject({ ok: true });
    const data = (await page(OWNER)) as { order: Record<string, unknown> };
    // Shipped in full and invoiced on credit terms: the order is complete.
    expect(data.order).toMatchObject({
      status: 'completed',
      actions: ['return'],
      shipments: [{ carrier: '顺丰', tracking: 'SF9' }],
      invoices: [{ vatKind: 'special' }],
    });
    // One box comes back: a credit note; an empty return form is refused.
    expect(await act('return', { date: '2026-03-10' })).toMatchObject({ status: 422, data: { code: 'input.invalid' } });
    expect(await act('return', { date: '2026-03-10', 'qty.1': '1' })).toMatchObject({
      ok: true,
      value: { creditNote: expect.stringMatching(/^CN-/) },
    });
  });

  it('refuses an action the role may not take (403)', async () => {
    const refused = await act('cancel', {}, { user: 'wang', roles: ['warehouse'] });
    expect(refused).toMatchObject({ status: 403, data: { code: expect.stringMatching(/^permission\./) } });
  });
});
