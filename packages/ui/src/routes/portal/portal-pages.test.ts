import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tradeloop/core';
import {
  addUser,
  approveSalesOrder,
  Book,
  placeSalesOrder,
  postOpeningStock,
  shipSalesOrder,
  signIn,
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

const catalog = await import('./+page.server');
const orders = await import('./orders/+page.server');
const order = await import('./orders/[number]/+page.server');
const account = await import('./account/+page.server');
const password = await import('./password/+page.server');

const SHOP: Actor = { user: 'shop', roles: ['customer'], customer: 'C001' };
const LIN: Actor = { user: 'lin', roles: ['salesperson'], salesperson: 'lin' };
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-portal-'));
let others = '';

beforeAll(async () => {
  const book = await Book.create(join(dir, 'co.db'), { clock: () => new Date('2026-05-04T02:00:00Z') });
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
      cost: 5_000,
    },
  ]);
  upsertMasterData(book, {
    warehouses: [{ code: 'WH1', name: '总仓' }],
    salespeople: [{ code: 'lin', name: '林', level: 'junior' }],
    customers: [
      { code: 'C001', name: '网店', owner: 'lin', terms: 'credit', creditLimit: 10_000_000, paymentDays: 30 },
      { code: 'C002', name: '别家', owner: 'lin', terms: 'credit', creditLimit: 10_000_000, paymentDays: 30 },
    ],
  } as never);
  postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 10_000, value: 50_000, date: '2026-05-01' }]);
  others = placeSalesOrder(book, {
    customer: 'C002',
    warehouse: 'WH1',
    date: '2026-05-02',
    lines: [{ sku: 'TEA-001', qty: 1_000 }],
  }).number;
  await addUser(book, { name: 'shop', roles: ['customer'], customer: 'C001' }, 'shop-password-1');
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const load = <T>(module: { load: unknown }, path: string, actor: Actor, params: Record<string, string> = {}) =>
  (module.load as (e: never) => Promise<T>)(
    requestEvent({ url: `http://localhost${path}`, actor, params }).event as never,
  );
const post = (
  module: { actions: Record<string, unknown> },
  action: string,
  path: string,
  actor: Actor,
  fields: Record<string, string>,
  session?: string,
) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  const { event } = requestEvent({ method: 'POST', url: `http://localhost${path}?/${action}`, body, actor });
  if (session) event.locals.session = session;
  return (module.actions[action] as (e: never) => Promise<unknown>)(event as never);
};

describe('the customer portal pages', () => {
  it('show a customer their catalog and take their order, which waits for review', async () => {
    const page = await load<{ items: { sku: string; price: number; available: number }[] }>(catalog, '/portal', SHOP);
    expect(page.items).toEqual([expect.objectContaining({ sku: 'TEA-001', price: 10_000, available: 10_000 })]);
    expect(await post(catalog, 'order', '/portal', SHOP, { 'qty.TEA-001': 'two' })).toMatchObject({ status: 400 });
    expect(await post(catalog, 'order', '/portal', SHOP, {})).toMatchObject({ data: { code: 'order.empty' } });
    const placed = await post(catalog, 'order', '/portal', SHOP, { 'qty.TEA-001': '2', reference: 'WX-1' }).catch(
      (r) => r,
    );
    expect(placed).toMatchObject({
      status: 303,
      location: expect.stringMatching(/^\/portal\/orders\/SO-.*\?placed=1$/),
    });
    const list = await load<{ orders: { number: string; status: string; reference: string }[] }>(
      orders,
      '/portal/orders',
      SHOP,
    );
    expect(list.orders).toMatchObject([{ status: 'pending_review', reference: 'WX-1' }]);
    expect(list.orders.map((o) => o.number)).not.toContain(others);
  });

  it('show the tracking number once staff ship it, and refuse another customer’s order', async () => {
    const [mine] = (await load<{ orders: { number: string }[] }>(orders, '/portal/orders', SHOP)).orders;
    const number = mine?.number ?? '';
    served.book?.actAs(LIN);
    if (served.book) approveSalesOrder(served.book, number);
    served.book?.actAs(OWNER);
    if (served.book)
      shipSalesOrder(served.book, number, { date: '2026-05-04', carrier: '顺丰', trackingNumber: 'SF900' });
    const view = await load<{ order: { status: string; shipments: { tracking: string }[] } }>(
      order,
      `/portal/orders/${number}`,
      SHOP,
      { number },
    );
    expect(view.order).toMatchObject({ status: 'shipped', shipments: [{ tracking: 'SF900' }] });
    expect(view.order).not.toHaveProperty('salesperson');
    await expect(load(order, `/portal/orders/${others}`, SHOP, { number: others })).rejects.toMatchObject({
      status: 403,
    });
    await expect(load(catalog, '/portal', LIN)).rejects.toMatchObject({ status: 403 });
    const statement = await load<{ statement: { code: string } }>(account, '/portal/account', SHOP);
    expect(statement.statement.code).toBe('C001');
  });

  it('change the customer’s password, given the current one', async () => {
    const b = served.book as Book;
    const session = (await signIn(b, 'shop', 'shop-password-1')).token;
    expect(
      await post(password, 'change', '/portal/password', SHOP, {
        current: 'nope-nope',
        next: 'shop-password-2',
        again: 'shop-password-2',
      }),
    ).toMatchObject({
      status: 403,
      data: { code: 'auth.failed' },
    });
    expect(
      await post(password, 'change', '/portal/password', SHOP, {
        current: 'shop-password-1',
        next: 'shop-password-2',
        again: 'other-password',
      }),
    ).toMatchObject({
      status: 400,
    });
    expect(
      await post(
        password,
        'change',
        '/portal/password',
        SHOP,
        { current: 'shop-password-1', next: 'shop-password-2', again: 'shop-password-2' },
        session,
      ),
    ).toEqual({
      ok: true,
    });
    expect((await signIn(b, 'shop', 'shop-password-2')).actor.customer).toBe('C001');
  });
});
