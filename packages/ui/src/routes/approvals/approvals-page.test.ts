import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tradeloop/core';
import {
  approvalHistory,
  Book,
  loadOrder,
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

const MGR: Actor = { user: 'mgr', roles: ['sales_manager'] };
const LIN: Actor = { user: 'lin', roles: ['salesperson'], salesperson: 'lin' };
const ACC: Actor = { user: 'acc', roles: ['accountant'] };
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-approvals-page-'));

/** An order of lin's customer over the amount a sales manager approves: 600 boxes at 88.00. */
const bigOrder = (book: Book) => {
  book.actAs(OWNER);
  return placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date: '2026-03-02',
    lines: [{ sku: 'TEA-001', qty: 600_000 }],
  }).number;
};

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
    salespeople: [{ code: 'lin', name: '林', level: 'junior' }],
    customers: [{ code: 'C001', name: '林的客户', owner: 'lin', terms: 'prepaid', paymentDays: 0 }],
    warehouses: [{ code: 'WH1', name: '总仓' }],
  } as never);
  postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 2_000_000, value: 10_000_000, date: '2026-01-02' }]);
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Page {
  all: boolean;
  documents: {
    kind: string;
    number: string;
    party: string;
    amount: number;
    steps: { role: string; open: boolean }[];
  }[];
}
const page = async (actor: Actor, query = '') =>
  (await load(requestEvent({ url: `http://localhost/approvals${query}`, actor }).event as never)) as Page;
const act = (action: 'approve' | 'reject', fields: Record<string, string>, actor: Actor) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return actions[action]?.(
    requestEvent({ method: 'POST', url: `http://localhost/approvals?/${action}`, body, actor }).event as never,
  ) as Promise<{ status?: number; data?: Record<string, unknown> } & Record<string, unknown>>;
};
const status = (number: string) => {
  (served.book as Book).actAs(OWNER);
  return loadOrder(served.book as Book, number).order.status;
};

describe('the approvals inbox', () => {
  it('shows the sales manager the order waiting for them, by document, and nobody else’s inbox holds it', async () => {
    const number = bigOrder(served.book as Book);
    const mgr = await page(MGR);
    const doc = mgr.documents.find((d) => d.number === number);
    expect(doc).toMatchObject({ kind: 'sales_order', party: 'C001', amount: 5_966_400 });
    expect(doc?.steps).toEqual([expect.objectContaining({ role: 'sales_manager', open: true, rule: 'order_amount' })]);
    expect((await page(ACC)).documents).toEqual([]);
    expect((await page(LIN)).documents).toEqual([]);
    // Everything pending the salesperson may see: their customer's order, to read.
    const all = await page(LIN, '?all');
    expect(all).toMatchObject({ all: true, documents: [expect.objectContaining({ number })] });
    expect((await page(ACC, '?all')).documents.map((d) => d.number)).toContain(number);
  });

  it('refuses, in place beside the document, a role that may not decide and a rejection without a reason', async () => {
    const number = bigOrder(served.book as Book);
    const byLin = await act('approve', { kind: 'sales_order', number }, LIN);
    expect(byLin).toMatchObject({ status: 422, data: { action: 'approve', ok: false, number } });
    expect(JSON.stringify(byLin.data)).toContain('approval.role');
    const noReason = await act('reject', { kind: 'sales_order', number, reason: '  ' }, MGR);
    expect(noReason).toMatchObject({ status: 422, data: { ok: false, code: 'command.rejected', number } });
    expect(JSON.stringify(noReason.data)).toContain('approval.reason_required');
    expect(status(number)).toBe('pending_review');
  });

  it('approves through the same command as `tradeloop approve order`', async () => {
    const number = bigOrder(served.book as Book);
    expect(await act('approve', { kind: 'sales_order', number }, MGR)).toMatchObject({
      action: 'approve',
      ok: true,
      number,
      value: { waiting: [] },
    });
    expect(status(number)).not.toBe('pending_review');
    expect((await page(MGR)).documents.map((d) => d.number)).not.toContain(number);
    (served.book as Book).actAs(OWNER);
    const steps = approvalHistory(served.book as Book, number);
    expect(steps).toEqual([expect.objectContaining({ status: 'approved', approver: 'mgr' })]);
  });

  it('rejects with the reason, cancelling the order as `tradeloop reject order` does', async () => {
    const number = bigOrder(served.book as Book);
    expect(await act('reject', { kind: 'sales_order', number, reason: 'too much at once' }, MGR)).toMatchObject({
      action: 'reject',
      ok: true,
      number,
    });
    expect(status(number)).toBe('cancelled');
    (served.book as Book).actAs(OWNER);
    expect(approvalHistory(served.book as Book, number)).toEqual([
      expect.objectContaining({ status: 'rejected', approver: 'mgr', reason: 'too much at once' }),
    ]);
  });

  it('refuses a document kind it does not know before anything runs', async () => {
    expect(await act('approve', { kind: 'invoice', number: 'INV-1' }, MGR)).toMatchObject({
      status: 400,
      data: { ok: false, number: 'INV-1' },
    });
  });
});
