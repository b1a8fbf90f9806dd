import { join } from 'node:path';
import type { Actor } from '@tradeloop/core';
import {
  approveSalesOrder,
  Book,
  placeSalesOrder,
  postOpeningStock,
  upsertMasterData,
  upsertProducts,
} from '@tradeloop/store';
import { OWNER, requestEvent } from './test-support';

export const WAREHOUSE: Actor = { user: 'wang', roles: ['warehouse'] };
export const LIN: Actor = { user: 'lin', roles: ['salesperson'], salesperson: 'lin' };

const product = (sku: string, name: string) => ({
  sku,
  name,
  nameEn: null,
  category: '茶',
  uom: 'box',
  taxRate: 1300,
  listed: true,
  price: 8800,
  cost: 5000,
});

/**
 * A small book for the stock screens: two warehouses; 龙井 (oldest first) and 铁观音 in three
 * batches, expiry-tracked, one of them expired; an approved order holding 3 铁观音 in WH1.
 */
export async function stockBook(dir: string): Promise<{ book: Book; order: string }> {
  const book = await Book.create(join(dir, 'co.db'), { clock: () => new Date('2026-03-01T08:00:00.000Z') });
  book.actAs(OWNER);
  upsertProducts(book, [product('TEA-001', '龙井'), product('TEA-002', '铁观音')]);
  upsertMasterData(book, {
    salespeople: [{ code: 'lin', name: '林', level: 'junior' }],
    customers: [{ code: 'C001', name: '林的客户', owner: 'lin', creditLimit: 5_000_000, terms: 'credit' }],
    warehouses: [
      { code: 'WH1', name: '总仓' },
      { code: 'WH2', name: '分仓' },
    ],
    products: [{ sku: 'TEA-002', expiryTracked: true }],
  } as never);
  postOpeningStock(book, [
    { sku: 'TEA-001', warehouse: 'WH1', qty: 10_000, value: 50_000, date: '2025-10-01' },
    {
      sku: 'TEA-002',
      warehouse: 'WH1',
      qty: 1_000,
      value: 5_000,
      date: '2026-01-05',
      batch: 'B0',
      expiry: '2026-02-20',
    },
    {
      sku: 'TEA-002',
      warehouse: 'WH1',
      qty: 2_000,
      value: 10_000,
      date: '2026-01-10',
      batch: 'B1',
      expiry: '2026-09-30',
    },
    {
      sku: 'TEA-002',
      warehouse: 'WH1',
      qty: 2_000,
      value: 10_000,
      date: '2026-02-10',
      batch: 'B2',
      expiry: '2026-03-20',
    },
  ]);
  const order = placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date: '2026-03-01',
    lines: [{ sku: 'TEA-002', qty: 3_000 }],
  }).number;
  approveSalesOrder(book, order);
  return { book, order };
}

/** A page action run as SvelteKit runs it: the form posted to `url`, as `actor`. */
export function postForm<A extends Record<string, ((event: never) => unknown) | undefined>>(
  actions: A,
  action: keyof A & string,
  r: { url: string; params?: Record<string, string>; fields: Record<string, string>; actor?: Actor },
) {
  const body = new FormData();
  for (const [k, v] of Object.entries(r.fields)) body.set(k, v);
  const run = actions[action];
  if (!run) throw new Error(`no action ${action}`);
  return run(
    requestEvent({
      method: 'POST',
      url: `${r.url}?/${action}`,
      body,
      actor: r.actor ?? OWNER,
      ...(r.params ? { params: r.params } : {}),
    }).event as never,
  );
}

/** A page load as SvelteKit runs it, as `actor`. */
export const loadAs = <T>(
  load: (event: never) => T,
  url: string,
  actor: Actor = OWNER,
  params: Record<string, string> = {},
) => load(requestEvent({ url, params, actor }).event as never);
