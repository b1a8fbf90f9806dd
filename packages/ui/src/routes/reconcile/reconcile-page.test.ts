import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tradeloop/core';
import {
  approveSalesOrder,
  Book,
  importStatementLines,
  invoiceSalesOrder,
  placeSalesOrder,
  postOpeningStock,
  shipSalesOrder,
  upsertMasterData,
  upsertProducts,
} from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OWNER, postAction, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { load, actions } = await import('./+page.server');

const dir = mkdtempSync(join(tmpdir(), 'tradeloop-reconcile-'));
let invoice = '';

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
    customers: [{ code: 'C001', name: '华东贸易', owner: 'lin', creditLimit: 5_000_000 }],
    suppliers: [{ code: 'S01', name: '茶厂' }],
    warehouses: [{ code: 'WH1', name: '总仓' }],
  } as never);
  postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 10_000, value: 50_000, date: '2026-01-02' }]);
  const { number } = placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date: '2026-03-02',
    lines: [{ sku: 'TEA-001', qty: 1_000 }],
  });
  approveSalesOrder(book, number);
  shipSalesOrder(book, number, { date: '2026-03-03' });
  invoice = invoiceSalesOrder(book, number, { date: '2026-03-03' }).invoice;
  importStatementLines(book, 'bank', [
    { date: '2026-03-10', amount: 11_300, payer: '华东贸易', memo: `货款 ${invoice}`, reference: 'B1' },
    { date: '2026-03-11', amount: 5_000, payer: '某人', memo: '转账', reference: 'B2' },
  ]);
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const page = (actor: Actor = OWNER) =>
  load(requestEvent({ url: 'http://localhost/reconcile', actor }).event as never) as Promise<{
    lines: { id: number; status: string; proposal: unknown; match: unknown }[];
  }>;
const act = (action: keyof typeof actions, fields: Record<string, string>, actor: Actor = OWNER) =>
  postAction(actions, action, { path: '/reconcile', fields, actor });

describe('the reconciliation page', () => {
  it('lists the lines to reconcile first, each with its proposal or none', async () => {
    const { lines } = await page();
    expect(lines.map((l) => [l.id, l.status, l.proposal !== null])).toEqual([
      [2, 'unmatched', false],
      [1, 'unmatched', true],
    ]);
  });

  it('books an accepted proposal, refuses to accept a line without one, and claims a line by hand', async () => {
    expect(await act('accept', { line: '2' })).toMatchObject({ status: 422, data: { code: 'statement.no_match' } });
    expect(await act('accept', { line: '1' })).toMatchObject({ ok: true, value: { matched: [{ line: 1 }] } });
    const unknown = await act('claim', { line: '2', party: 'customer', code: 'NOPE' });
    expect(unknown).toMatchObject({ data: { ok: false } });
    expect(await act('claim', { line: '2', party: 'customer', code: 'C001' })).toMatchObject({ ok: true });
    const { lines } = await page();
    expect(lines.map((l) => [l.id, l.status])).toEqual([
      [2, 'matched'],
      [1, 'matched'],
    ]);
  });

  it('refuses the page to a salesperson, and booking to a role without finance.write', async () => {
    await expect(page({ user: 'lin', roles: ['salesperson'], salesperson: 'lin' })).rejects.toMatchObject({
      status: 403,
    });
    const auditor = await act('acceptAll', { minConfidence: '0' }, { user: 'au', roles: ['auditor'] });
    expect(auditor).toMatchObject({ status: 403 });
  });
});
