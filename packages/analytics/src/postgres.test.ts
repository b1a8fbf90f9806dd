import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  approveSalesOrder,
  Book,
  invoiceSalesOrder,
  PgDriver,
  placeSalesOrder,
  postOpeningStock,
  shipSalesOrder,
  upsertMasterData,
  upsertProducts,
} from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../../../scripts/postgres.mjs';
import { analyticsPathFor } from './analytics.js';
import { reportFigures } from './report-figures.js';

let pg: { url: string; stop: () => void } | undefined;
let dir = '';
const saved = process.env.TRADELOOP_REPORT_DIR;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tradeloop-analytics-pg-'));
  process.env.TRADELOOP_REPORT_DIR = join(dir, 'copies');
  pg = await startPostgres();
}, 60_000);
afterAll(() => {
  pg?.stop();
  if (saved === undefined) delete process.env.TRADELOOP_REPORT_DIR;
  else process.env.TRADELOOP_REPORT_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

const clock = () => new Date('2026-03-01T08:00:00.000Z');

/** Two teas, a warehouse, a customer on credit, stock of both. */
async function company(path: string): Promise<Book> {
  const book = await Book.create(path, { clock, actor: 'boss' });
  const tea = { nameEn: null, category: '饮料/茶叶', uom: 'box', taxRate: 1300, listed: true };
  upsertProducts(book, [
    { ...tea, sku: 'TEA-001', name: '龙井', price: 18_800, cost: 11_200 },
    { ...tea, sku: 'TEA-002', name: '铁观音', price: 12_800, cost: 7_650 },
  ]);
  upsertMasterData(book, {
    warehouses: [{ code: 'WH1', name: '主仓' }],
    salespeople: [{ code: 'lin', name: '林', level: 'junior' }],
    customers: [
      { code: 'C001', name: '华东贸易', owner: 'lin', creditLimit: 100_000_000, terms: 'credit', paymentDays: 30 },
    ],
  });
  postOpeningStock(book, [
    { sku: 'TEA-001', warehouse: 'WH1', qty: 50_000, value: 560_000, date: '2026-03-01' },
    { sku: 'TEA-002', warehouse: 'WH1', qty: 40_000, value: 306_000, date: '2026-03-01' },
  ]);
  return book;
}

/** An order of `qty` thousandths of a tea, through to its invoice. */
function sell(book: Book, sku: string, qty: number, date: string): void {
  const { number } = placeSalesOrder(book, { customer: 'C001', warehouse: 'WH1', date, lines: [{ sku, qty }] });
  approveSalesOrder(book, number);
  shipSalesOrder(book, number, { date });
  invoiceSalesOrder(book, number, { date });
}

describe('reports on a book in PostgreSQL', () => {
  it('keep their copy in the report folder, named for the server and database, never the password', () => {
    process.env.TRADELOOP_REPORT_DIR = join(dir, 'copies');
    expect(analyticsPathFor('postgres://tl:secret@db.internal:5433/acme')).toBe(
      join(dir, 'copies', 'db.internal-5433-acme.analytics.duckdb'),
    );
  });

  it('read the same figures as the same book on SQLite, first and after more is sold', async () => {
    const admin = new PgDriver(pg?.url ?? '');
    admin.run('create database reports', []);
    admin.close();
    const books = [
      await company(join(dir, 'co.db')),
      await company((pg?.url ?? '').replace(/\/postgres$/, '/reports')),
    ] as const;
    for (const book of books) sell(book, 'TEA-001', 3_000, '2026-03-05');
    const first = await Promise.all(books.map((b) => reportFigures(b, '2026-03-31')));
    expect(first[1]).toEqual(first[0]);
    expect(JSON.stringify(first[0])).toContain('C001');
    // More sold on both: the copies take the new rows from where they stopped.
    for (const book of books) {
      sell(book, 'TEA-002', 5_000, '2026-03-20');
      sell(book, 'TEA-001', 1_500, '2026-03-21');
    }
    const second = await Promise.all(books.map((b) => reportFigures(b, '2026-03-31')));
    expect(second[1]).toEqual(second[0]);
    expect(second[0]).not.toEqual(first[0]);
    for (const book of books) book.close();
  }, 60_000);
});
