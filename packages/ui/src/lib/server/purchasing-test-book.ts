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
import { OWNER } from './test-support';

/** A buyer, as the purchasing pages' tests act. */
export const BUYER: Actor = { user: 'buyer', roles: ['purchasing'] };
/** A salesperson: sells, buys nothing, and sees no company-wide list. */
export const SELLER: Actor = { user: 'lin', roles: ['salesperson'], salesperson: 'lin' };

const product = (sku: string, name: string, cost: number) => ({
  sku,
  name,
  nameEn: null,
  category: '茶',
  uom: 'box',
  taxRate: 1300,
  listed: true,
  price: 18_000,
  cost,
});

/**
 * A small company for the purchasing pages: TEA-001 bought from S01 with a reorder point above
 * its stock (the reorder run raises a requisition), TEA-002 with no preferred supplier and a sales
 * order short of it (a requisition nobody is named to fill), a second supplier S02 to quote.
 */
export async function purchasingBook(dir: string): Promise<Book> {
  const book = await Book.create(join(dir, 'co.db'));
  book.actAs(OWNER);
  upsertProducts(book, [product('TEA-001', '龙井', 10_000), product('TEA-002', '铁观音', 7_650)]);
  upsertMasterData(book, {
    suppliers: [
      { code: 'S01', name: '杭州茶厂', grade: 'A', paymentDays: 30 },
      { code: 'S02', name: '安溪茶厂', grade: 'C', paymentDays: 30 },
    ],
    warehouses: [{ code: 'WH1', name: '总仓' }],
    salespeople: [{ code: 'lin', name: '林', level: 'junior' }],
    customers: [{ code: 'C001', name: '华东贸易', owner: 'lin', creditLimit: 10_000_000 }],
    products: [{ sku: 'TEA-001', preferredSupplier: 'S01', reorderPoint: 8_000, reorderQty: 6_000, leadTimeDays: 5 }],
  } as never);
  postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 5_000, value: 50_000, date: '2026-03-01' }]);
  const { number } = placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date: '2026-03-02',
    lines: [{ sku: 'TEA-002', qty: 3_000 }],
  });
  approveSalesOrder(book, number);
  return book;
}
