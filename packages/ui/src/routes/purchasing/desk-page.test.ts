import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRedirect } from '@sveltejs/kit';
import type { Actor } from '@tradeloop/core';
import type { Book, PurchasingDesk } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUYER, purchasingBook, SELLER } from '$lib/server/purchasing-test-book';
import { postAction, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { load, actions } = await import('./+page.server');

const dir = mkdtempSync(join(tmpdir(), 'tradeloop-desk-page-'));

beforeAll(async () => {
  served.book = await purchasingBook(dir);
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const page = (actor: Actor = BUYER) =>
  load(requestEvent({ url: 'http://localhost/purchasing', actor }).event as never) as Promise<{
    desk: PurchasingDesk;
  }>;
const act = async (action: keyof typeof actions, fields: Record<string, string> = {}, actor: Actor = BUYER) => {
  try {
    return await postAction(actions, action, { path: '/purchasing', fields, actor });
  } catch (e) {
    if (isRedirect(e)) return { redirect: e.location };
    throw e;
  }
};
const outline = (desk: PurchasingDesk) =>
  desk.groups.map((g) => [g.supplier?.code ?? null, g.requisitions.map((r) => r.sku)]);

describe('the purchasing desk', () => {
  it('shows open requisitions by the supplier they go to, with the sales order they came from', async () => {
    const { desk } = await page();
    expect(outline(desk)).toEqual([[null, ['TEA-002']]]);
    const [req] = desk.groups[0]?.requisitions ?? [];
    expect(req).toMatchObject({ warehouse: 'WH1', qty: 3_000, salesOrder: 'SO-2026-000001', rfq: null });
  });

  it('runs reorder as the job does: a requisition where stock is at or below the reorder point', async () => {
    const run = await act('reorder');
    expect(run).toMatchObject({ ok: true, value: { checked: 1, raised: [{ sku: 'TEA-001', warehouse: 'WH1' }] } });
    const { desk } = await page();
    expect(outline(desk)).toEqual([
      ['S01', ['TEA-001']],
      [null, ['TEA-002']],
    ]);
    expect(desk.groups[0]?.requisitions[0]?.salesOrder).toBeNull();
  });

  it('refuses a salesperson the desk and its actions', async () => {
    await expect(page(SELLER)).rejects.toMatchObject({ status: 403 });
    for (const action of ['createOrders', 'reorder'] as const)
      expect(await act(action, {}, SELLER)).toMatchObject({
        status: 403,
        data: { action, ok: false, code: 'permission.denied' },
      });
    expect(await act('rfq', { requisition: 'PR-2026-000001' }, SELLER)).toMatchObject({
      status: 403,
      data: { code: 'permission.denied' },
    });
  });

  it('creates purchase orders by preferred supplier and names the requisitions left without one', async () => {
    const unassigned = (await page()).desk.groups[1]?.requisitions[0]?.number;
    const made = await act('createOrders');
    expect(made).toMatchObject({
      ok: true,
      value: { orders: [expect.stringMatching(/^PO-\d{4}-000001$/)], unassigned: [unassigned] },
    });
    expect(outline((await page()).desk)).toEqual([[null, ['TEA-002']]]);
    // Nothing left with a supplier: no order, the same one left.
    expect(await act('createOrders')).toMatchObject({ ok: true, value: { orders: [], unassigned: [unassigned] } });
  });

  it('asks for quotes for a requisition, which then waits for the award: not ordered twice', async () => {
    const requisition = (await page()).desk.groups[0]?.requisitions[0]?.number ?? '';
    expect(await act('rfq', {})).toMatchObject({
      status: 400,
      data: { action: 'rfq', ok: false, code: 'input.invalid' },
    });
    expect(await act('rfq', { requisition: 'PR-NOPE' })).toMatchObject({
      status: 422,
      data: { ok: false, code: 'command.rejected' },
    });
    // Numbered in the year of the book's today.
    const rfq = `RFQ-${served.book?.today().slice(0, 4)}-000001`;
    expect(await act('rfq', { requisition })).toEqual({ redirect: `/rfqs/${rfq}` });
    const { desk } = await page();
    expect(desk.openRfqs).toEqual([expect.objectContaining({ number: rfq, sku: 'TEA-002', qty: 3_000, quotes: 0 })]);
    expect(desk.groups[0]?.requisitions[0]).toMatchObject({ number: requisition, rfq });
    // Asked again, refused in place: it is being quoted.
    expect(await act('rfq', { requisition })).toMatchObject({
      status: 422,
      data: { ok: false, code: 'command.rejected', message: expect.stringContaining(rfq) },
    });
  });
});
