import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tradeloop/core';
import {
  approveSalesOrder,
  Book,
  invoiceSalesOrder,
  loadOrder,
  placeSalesOrder,
  postCommission,
  postOpeningStock,
  shipSalesOrder,
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

const home = await import('./+page.server');
const payment = await import('./payment/+page.server');
const commission = await import('./commission/+page.server');
const vouchers = await import('../vouchers/+page.server');
const photo = await import('../vouchers/[number]/photo/+server');

const LIN: Actor = { user: 'lin', roles: ['salesperson'], salesperson: 'lin' };
const CHEN: Actor = { user: 'chen', roles: ['salesperson'], salesperson: 'chen' };
const ACC: Actor = { user: 'acc', roles: ['accountant'] };
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-phone-'));
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
let order = '';

/** lin's prepaid customer C001 with an approved order waiting for its money; chen's C002. */
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
    salespeople: [
      { code: 'lin', name: '林', level: 'junior' },
      { code: 'chen', name: '陈', level: 'junior' },
    ],
    customers: [
      { code: 'C001', name: '林的客户', owner: 'lin', terms: 'prepaid' },
      { code: 'C002', name: '陈的客户', owner: 'chen', terms: 'prepaid' },
    ],
  } as never);
  postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 10_000, value: 50_000, date: '2026-05-01' }]);
  order = placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date: '2026-05-02',
    lines: [{ sku: 'TEA-001', qty: 2_000 }],
  }).number;
  approveSalesOrder(book, order);
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const load = <T>(module: { load: unknown }, path: string, actor: Actor) =>
  (module.load as (e: never) => Promise<T>)(requestEvent({ url: `http://localhost${path}`, actor }).event as never);

function submit(actor: Actor, fields: Record<string, string>, file?: Blob) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  if (file) body.set('photo', file, 'voucher.png');
  const { event } = requestEvent({ method: 'POST', url: 'http://localhost/m/payment?/submit', body, actor });
  return payment.actions.submit?.(event as never) as Promise<Record<string, unknown>>;
}

const voucher = { customer: 'C001', amount: '226.00', method: 'wechat', date: '2026-05-04' };

describe('the salesperson’s phone', () => {
  it('shows their own customers, what each owes, and links to order and payment', async () => {
    const page = await load<{ dashboard: { customers: { code: string }[]; ranking: { of: number } } }>(home, '/m', LIN);
    expect(page.dashboard.customers.map((c) => c.code)).toEqual(['C001']);
    expect(page.dashboard.ranking.of).toBe(2);
    await expect(load(home, '/m', { user: 'x', roles: ['salesperson'] })).rejects.toMatchObject({ status: 403 });
    await expect(load(home, '/m', ACC)).rejects.toMatchObject({ status: 403 });
  });

  it('keeps a voucher with its photo, and refuses a photo too large, no picture, or another’s customer', async () => {
    const form = await load<{ customers: { code: string }[]; orders: { number: string; due: number }[] }>(
      payment,
      '/m/payment',
      LIN,
    );
    expect(form.customers.map((c) => c.code)).toEqual(['C001']);
    expect(form.orders).toEqual([{ number: order, customer: 'C001', status: 'awaiting_payment', due: 22_600 }]);

    const huge = new Blob([PNG, new Uint8Array(2 * 1024 * 1024)], { type: 'image/png' });
    expect(await submit(LIN, { ...voucher, order }, huge)).toMatchObject({
      status: 422,
      data: { code: 'command.rejected', issues: [{ code: 'voucher.photo_too_large' }] },
    });
    const pdf = new Blob(['%PDF-1.7 a bill, not a photo'], { type: 'image/png' });
    expect(await submit(LIN, { ...voucher, order }, pdf)).toMatchObject({
      data: { issues: [{ code: 'voucher.photo_kind' }] },
    });
    expect(await submit(LIN, { ...voucher, order })).toMatchObject({ data: { code: 'voucher.photo_missing' } });
    expect(await submit(LIN, { ...voucher, amount: 'lots' }, new Blob([PNG]))).toMatchObject({
      data: { code: 'input.invalid', message: expect.stringContaining('amount') },
    });
    expect(await submit(CHEN, { ...voucher, order }, new Blob([PNG]))).toMatchObject({
      status: 403,
      data: { code: 'permission.scope' },
    });

    const done = await submit(LIN, { ...voucher, order, note: '微信转账' }, new Blob([PNG]));
    expect(done).toEqual({ ok: true, number: 'PV-2026-000001' });
    const after = await load<{ vouchers: { number: string; status: string }[] }>(payment, '/m/payment', LIN);
    expect(after.vouchers).toMatchObject([{ number: 'PV-2026-000001', status: 'submitted' }]);
  });

  it('lets finance see the photo and book the voucher; another salesperson sees neither', async () => {
    const list = await load<{ waiting: { number: string }[]; canDecide: boolean }>(vouchers, '/vouchers', ACC);
    expect(list).toMatchObject({ waiting: [{ number: 'PV-2026-000001' }], canDecide: true });
    expect((await load<{ waiting: unknown[] }>(vouchers, '/vouchers', CHEN)).waiting).toEqual([]);

    const get = (actor: Actor) =>
      photo.GET(
        requestEvent({
          url: 'http://localhost/vouchers/PV-2026-000001/photo',
          params: { number: 'PV-2026-000001' },
          actor,
        }).event as never,
      );
    const shown = await get(ACC);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(shown.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await shown.arrayBuffer()).equals(PNG)).toBe(true);
    await expect(get(CHEN)).rejects.toMatchObject({ status: 403 });

    const body = new FormData();
    body.set('number', 'PV-2026-000001');
    const booked = await vouchers.actions.book?.(
      requestEvent({ method: 'POST', url: 'http://localhost/vouchers?/book', body, actor: LIN }).event as never,
    );
    expect(booked).toMatchObject({ status: 403 });
    const byAcc = await vouchers.actions.book?.(
      requestEvent({ method: 'POST', url: 'http://localhost/vouchers?/book', body, actor: ACC }).event as never,
    );
    expect(byAcc).toMatchObject({
      ok: true,
      value: { number: 'PV-2026-000001', payment: expect.stringMatching(/^RC-/) },
    });
    served.book?.actAs(OWNER);
    expect(served.book && loadOrder(served.book, order).order.status).toBe('awaiting_shipment');
  });

  it('shows the salesperson their own commission only', async () => {
    // Both sell on credit in May; the run posts a line for each.
    const b = served.book as Book;
    b.actAs(OWNER);
    upsertMasterData(b, {
      customers: [
        { code: 'C003', name: '林的赊销客户', owner: 'lin', terms: 'credit', creditLimit: 10_000_000, paymentDays: 30 },
        {
          code: 'C004',
          name: '陈的赊销客户',
          owner: 'chen',
          terms: 'credit',
          creditLimit: 10_000_000,
          paymentDays: 30,
        },
      ],
      commissionPlans: [{ level: 'junior', code: 'JR-3', base: 'net_sales', scheme: { kind: 'flat', rate: 300 } }],
    } as never);
    for (const [customer, qty] of [
      ['C003', 1_000],
      ['C004', 2_000],
    ] as const) {
      const { number } = placeSalesOrder(b, {
        customer,
        warehouse: 'WH1',
        date: '2026-04-02',
        lines: [{ sku: 'TEA-001', qty }],
      });
      approveSalesOrder(b, number);
      shipSalesOrder(b, number, { date: '2026-05-03' });
      invoiceSalesOrder(b, number, { date: '2026-05-03' });
    }
    postCommission(b, { start: '2026-05-01', end: '2026-06-01' });
    const page = await load<{ statements: { salesperson: string; base: number; amount: number }[] }>(
      commission,
      '/m/commission',
      LIN,
    );
    // lin's 100.00 at 3%; chen's line is not lin's to see.
    expect(page.statements).toEqual([expect.objectContaining({ salesperson: 'lin', base: 10_000, amount: 300 })]);
  });
});
