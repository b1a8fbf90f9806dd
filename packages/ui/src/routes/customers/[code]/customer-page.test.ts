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
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-customer-page-'));
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
    customers: [
      { code: 'C001', name: '林的客户', owner: 'lin', creditLimit: 5_000_000 },
      { code: 'C009', name: '公海客户' },
    ],
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

const page = (code: string, actor: Actor) =>
  load(requestEvent({ url: `http://localhost/customers/${code}`, params: { code }, actor }).event as never) as Promise<{
    customer: Record<string, unknown> & { followUps: unknown[]; orders: { number: string }[] };
    salespeople: string[];
  }>;
const act = (code: string, action: keyof typeof actions, fields: Record<string, string>, actor: Actor = OWNER) =>
  postAction(actions, action, { path: `/customers/${code}`, params: { code }, fields, actor });

describe('the customer page', () => {
  it('shows the customer to their own salesperson with orders, and without credit', async () => {
    const data = await page('C001', LIN);
    expect(data.customer).toMatchObject({ code: 'C001', owner: { code: 'lin' }, inPool: false, creditLimit: null });
    expect(data.customer.orders.map((o) => o.number)).toEqual([number]);
    expect((await page('C001', OWNER)).customer).toMatchObject({ creditLimit: 5_000_000, exposure: 19_888 });
  });

  it('refuses another salesperson’s customer (403) and answers 404 for a customer that is not there', async () => {
    await expect(page('C001', CHEN)).rejects.toMatchObject({ status: 403 });
    await expect(page('NOPE', OWNER)).rejects.toMatchObject({ status: 404 });
  });

  it('records a follow-up as the store command, refusing one without a note in place', async () => {
    expect(await act('C001', 'followUp', { date: '2026-03-05', note: '' }, LIN)).toMatchObject({
      status: 400,
      data: { action: 'followUp', ok: false },
    });
    expect(await act('C001', 'followUp', { note: '试饮反馈', nextDate: '2026-03-20' }, LIN)).toMatchObject({
      action: 'followUp',
      ok: true,
    });
    expect((await page('C001', LIN)).customer.followUps).toMatchObject([
      { salesperson: 'lin', note: '试饮反馈', nextDate: '2026-03-20' },
    ]);
    expect(await act('C001', 'followUp', { note: '抢客户' }, CHEN)).toMatchObject({
      status: 403,
      data: { code: 'permission.scope' },
    });
  });

  it('lets a salesperson claim a customer from the pool and release it back', async () => {
    const pool = await page('C009', CHEN);
    expect(pool).toMatchObject({ customer: { inPool: true }, salespeople: ['chen'] });
    expect(await act('C009', 'claim', {}, CHEN)).toMatchObject({ action: 'claim', ok: true });
    expect((await page('C009', CHEN)).customer).toMatchObject({ owner: { code: 'chen' } });
    await expect(page('C009', LIN)).rejects.toMatchObject({ status: 403 });
    expect(await act('C009', 'release', {}, LIN)).toMatchObject({ status: 403, data: { code: 'permission.scope' } });
    expect(await act('C009', 'claim', {}, LIN)).toMatchObject({ status: 422, data: { code: 'command.rejected' } });
    expect(await act('C009', 'release', {}, CHEN)).toMatchObject({ ok: true });
    expect((await page('C009', OWNER)).customer).toMatchObject({ inPool: true });
  });
});
