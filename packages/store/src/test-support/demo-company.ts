import { join } from 'node:path';
import { inject } from 'vitest';
import { Book } from '../book.js';
import { upsertMasterData } from '../master-data.js';
import { upsertProducts } from '../products.js';
import { postOpeningStock } from '../stock.js';
import { fixedClock, sampleProduct } from './temp-book.js';

/** The small company's commission plans: juniors 3% flat, the manager 1% and 0.5% on the team. */
export const SMALL_COMPANY_PLANS = [
  { level: 'junior', code: 'JR-3', base: 'net_sales' as const, scheme: { kind: 'flat' as const, rate: 300 } },
  {
    level: 'manager',
    code: 'MGR',
    base: 'net_sales' as const,
    scheme: { kind: 'flat' as const, rate: 100 },
    managerOverride: 50,
  },
];

/**
 * A small trading company: two teas, one warehouse, a supplier, a customer, a sales team; with
 * `commissionPlans: false`, a team whose plans are not set up yet.
 */
export async function smallCompany(dir: string, options: { commissionPlans?: boolean } = {}): Promise<Book> {
  // A PostgreSQL book in the project that runs on it (`postgres-setup`): a database of its own.
  const book = await Book.create(await bookPlace(dir), { clock: fixedClock, actor: 'test' });
  upsertProducts(book, [
    sampleProduct({ sku: 'TEA-001', price: 18800, cost: 11200 }),
    sampleProduct({ sku: 'TEA-002', name: '铁观音', nameEn: 'Tieguanyin', price: 12800, cost: 7650 }),
  ]);
  upsertMasterData(book, {
    warehouses: [{ code: 'WH1', name: '主仓 Main', bins: ['A-01', 'A-02'] }],
    suppliers: [{ code: 'S1', name: '福建茶业有限公司', grade: 'A', paymentDays: 30 }],
    salespeople: [
      { code: 'wang', name: '王经理', level: 'manager', maxDiscount: 2000 },
      { code: 'lin', name: '林', level: 'junior', manager: 'wang', maxDiscount: 1000 },
    ],
    customers: [
      {
        code: 'C001',
        name: '华东贸易有限公司',
        tier: 'VIP',
        owner: 'lin',
        creditLimit: 10_000_000,
        terms: 'credit',
        paymentDays: 30,
      },
      { code: 'C002', name: '南方食品', owner: 'lin', terms: 'prepaid', paymentDays: 0 },
    ],
    products: [
      { sku: 'TEA-001', preferredSupplier: 'S1', packSize: 6000, floorPrice: 15000, leadTimeDays: 5 },
      { sku: 'TEA-002', preferredSupplier: 'S1', packSize: 1000 },
    ],
    users: [
      { name: 'lin', roles: ['salesperson'] },
      { name: 'wang', roles: ['sales_manager', 'accountant', 'purchasing'] },
    ],
    commissionPlans: options.commissionPlans === false ? [] : SMALL_COMPANY_PLANS,
    priceLists: [
      {
        code: 'BASE',
        scope: { kind: 'base' },
        prices: [
          { sku: 'TEA-001', minQty: 0, price: 18800 },
          { sku: 'TEA-002', minQty: 0, price: 12800 },
        ],
      },
    ],
  });
  postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 5_000, value: 56_000, date: '2026-03-01' }]);
  return book;
}

let databases = 0;
/** Where a test's book goes: a file in its folder, or a new database on the project's PostgreSQL. */
export async function bookPlace(dir: string): Promise<string> {
  const server = inject('postgres') as string | undefined;
  if (!server) return join(dir, 'co.db');
  const { PgDriver } = await import('../pg-driver.js');
  const name = `t${process.pid}_${++databases}`;
  const admin = new PgDriver(server);
  try {
    admin.run(`create database ${name}`, []);
  } finally {
    admin.close();
  }
  return server.replace(/\/[^/]*$/, `/${name}`);
}
