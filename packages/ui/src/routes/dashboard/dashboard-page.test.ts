import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHttpError } from '@sveltejs/kit';
import type { Actor } from '@tradeloop/core';
import {
  approveSalesOrder,
  Book,
  invoiceSalesOrder,
  placeSalesOrder,
  postOpeningStock,
  shipSalesOrder,
  upsertMasterData,
  upsertProducts,
} from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OWNER, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
/** The whole book's figures come from analytics' report copy: the boss's view is not built here. */
const BOSS = { asOf: '2026-03-31', charts: { aging: {} }, figures: { receivables: 1 } };
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
  reportRead: () => Promise.resolve(BOSS),
}));

const { load } = await import('./+page.server');
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-dashboard-'));

const LIN: Actor = { user: 'lin-u', roles: ['salesperson'], salesperson: 'lin' };
const CHEN: Actor = { user: 'chen-u', roles: ['salesperson'], salesperson: 'chen' };
const WANG: Actor = { user: 'wang-u', roles: ['sales_manager'], salesperson: 'wang', team: ['wang', 'lin'] };
const BUYER: Actor = { user: 'buyer', roles: ['purchasing'] };
const CASHIER: Actor = { user: 'cashier', roles: ['accountant'] };
const STORE: Actor = { user: 'store', roles: ['warehouse'] };

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
    salespeople: [
      { code: 'wang', name: '王', level: 'manager' },
      { code: 'lin', name: '林', level: 'junior', manager: 'wang' },
      { code: 'chen', name: '陈', level: 'junior' },
    ],
    suppliers: [{ code: 'S01', name: '茶厂' }],
    customers: [
      { code: 'C001', name: '华东贸易', owner: 'lin', creditLimit: 50_000_000, terms: 'credit', paymentDays: 30 },
      { code: 'C002', name: '南方食品', owner: 'chen', creditLimit: 50_000_000, terms: 'credit', paymentDays: 30 },
    ],
    warehouses: [{ code: 'WH1', name: '总仓' }],
    targets: [{ salesperson: 'lin', month: book.today().slice(0, 7), amount: 40_000 }],
  } as never);
  postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 10_000, value: 50_000, date: '2026-01-02' }]);
  for (const [customer, qty] of [
    ['C001', 2_000],
    ['C002', 3_000],
  ] as const) {
    const { number } = placeSalesOrder(book, {
      customer,
      warehouse: 'WH1',
      date: book.today(),
      lines: [{ sku: 'TEA-001', qty }],
    });
    approveSalesOrder(book, number);
    shipSalesOrder(book, number, { date: book.today() });
    invoiceSalesOrder(book, number, { date: book.today(), vatKind: 'normal' });
  }
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Page = { view: string; views: string[]; role: Record<string, unknown> | null; boss: unknown };
const open = (actor: Actor, query = '') =>
  load(requestEvent({ url: `http://localhost/dashboard${query}`, actor }).event as never) as Promise<Page>;

async function refusal(actor: Actor, query = '') {
  try {
    await open(actor, query);
  } catch (error) {
    if (isHttpError(error)) return { status: error.status, body: error.body };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('GET /dashboard per role', () => {
  it('shows a salesperson their own view, not a 403: their sales and target, not another’s', async () => {
    const lin = await open(LIN);
    expect(lin).toMatchObject({ view: 'salesperson', views: ['salesperson'], boss: null });
    // 2 boxes at 100.00 net.
    expect(lin.role).toMatchObject({ view: 'salesperson', salesperson: 'lin', sales: 20_000, target: 40_000 });
    const chen = await open(CHEN);
    expect(chen.role).toMatchObject({ salesperson: 'chen', sales: 30_000, target: null });
  });

  it('opens each role’s own view first, and another allowed one by ?view=', async () => {
    expect(await open(WANG)).toMatchObject({ view: 'sales-manager', views: ['sales-manager', 'salesperson'] });
    // The manager's team is wang and lin: chen's sales are not in it.
    expect((await open(WANG)).role).toMatchObject({ totals: { sales: 20_000, target: 40_000 } });
    expect(await open(WANG, '?view=salesperson')).toMatchObject({ view: 'salesperson', role: { salesperson: 'wang' } });
    expect(await open(BUYER)).toMatchObject({ view: 'purchasing', role: { view: 'purchasing', requisitions: 0 } });
    expect(await open(CASHIER)).toMatchObject({ view: 'finance', views: ['finance', 'boss'] });
    expect(await open(OWNER)).toMatchObject({
      view: 'boss',
      views: ['boss', 'sales-manager', 'purchasing', 'finance'],
      boss: { figures: { receivables: 1 } },
      role: null,
    });
    expect(await open(OWNER, '?view=sales-manager')).toMatchObject({ role: { totals: { sales: 50_000 } } });
  });

  it('refuses a view the role may not open with 403, and a role with no view', async () => {
    expect(await refusal(LIN, '?view=boss')).toMatchObject({
      status: 403,
      body: { code: 'permission.denied', path: ['view'], message: expect.stringContaining('lin-u (salesperson)') },
    });
    expect(await refusal(LIN, '?view=sales-manager')).toMatchObject({ status: 403 });
    expect(await refusal(BUYER, '?view=finance')).toMatchObject({ status: 403 });
    expect(await refusal(CASHIER, '?view=purchasing')).toMatchObject({ status: 403 });
    expect(await refusal(STORE)).toMatchObject({ status: 403, body: { code: 'permission.denied' } });
    expect(await refusal(LIN, '?view=everything')).toMatchObject({ status: 400, body: { path: ['query', 'view'] } });
  });
});
