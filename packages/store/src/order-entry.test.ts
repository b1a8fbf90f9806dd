import { describe, expect, it } from 'vitest';
import { upsertMasterData } from './master-data.js';
import { findProducts, quoteSalesOrder } from './order-entry.js';
import { upsertProducts } from './products.js';
import { smallCompany } from './test-support/demo-company.js';
import { sampleProduct, useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();
const count = (book: Awaited<ReturnType<typeof smallCompany>>, table: string) =>
  book.exec.value<number>(`select count(*) from ${table}`);

describe('order entry', () => {
  it('finds listed products by the start of the code, a part of the name, or the barcode', async () => {
    const book = await smallCompany(tempDir());
    upsertMasterData(book, { products: [{ sku: 'TEA-002', barcode: '6901234567892' }] } as never);
    expect(findProducts(book, 'tea').map((p) => p.sku)).toEqual(['TEA-001', 'TEA-002']);
    expect(findProducts(book, '6901234567892').map((p) => p.sku)).toEqual(['TEA-002']);
    expect(findProducts(book, '%')).toEqual([]);
  });

  it('finds products by their names’ pinyin initials: codes that start with the text first, then initials', async () => {
    const book = await smallCompany(tempDir());
    upsertProducts(book, [
      sampleProduct({ sku: 'LJ-9', name: '绿茶', nameEn: null }),
      sampleProduct({ sku: 'TEA-003', name: '龙井茶 250g', nameEn: null }),
      sampleProduct({ sku: 'TEA-004', name: '西湖龙井茶', nameEn: null }),
      sampleProduct({ sku: 'TEA-005', name: '蓝鲸', nameEn: null, listed: false }),
    ]);
    const skus = (text: string) => findProducts(book, text).map((p) => p.sku);
    // TEA-001 西湖龙井 (xhlj) holds lj too; LJ-9 by its code; TEA-003 by the start of its initials.
    expect(skus('lj')).toEqual(['LJ-9', 'TEA-003', 'TEA-001', 'TEA-004']);
    expect(skus('LJC')).toEqual(['TEA-003', 'TEA-004']);
    expect(skus('xhljc')).toEqual(['TEA-004']);
    expect(skus('ljc 250')).toEqual(['TEA-003']);
    // Typed Chinese is matched by the name alone: 龙井 is not every lj.
    expect(skus('龙井')).toEqual(['TEA-001', 'TEA-003', 'TEA-004']);
  });

  it('quotes an order as placing it would price it, with the stock free, and keeps nothing', async () => {
    const book = await smallCompany(tempDir());
    const before = [count(book, 'sales_orders'), count(book, 'audit_log')];
    const quote = quoteSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [
        { sku: 'TEA-001', qty: 12_000 },
        { sku: 'TEA-002', qty: 1_000 },
      ],
    });
    expect(quote).toMatchObject({
      customer: { code: 'C001', creditLimit: expect.any(Number) },
      available: [5_000, 0],
      issues: [],
      order: {
        lines: [
          { sku: 'TEA-001', unitPrice: 18_800 },
          { sku: 'TEA-002', unitPrice: 12_800 },
        ],
      },
    });
    expect(quote.order?.lines[0]?.trace[0]).toMatchObject({ outcome: 'won' });
    expect([count(book, 'sales_orders'), count(book, 'audit_log')]).toEqual(before);
  });

  it('says who must approve a price under the floor, and why a line is refused', async () => {
    const book = await smallCompany(tempDir());
    const low = quoteSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 1_000, requestedPrice: 10_000 }],
    });
    expect(low.needs.map((n) => n.code)).toContain('price.below_floor');
    const bad = quoteSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'NOPE', qty: 1_000 }],
    });
    expect(bad).toMatchObject({ order: null, issues: [{ code: 'product.not_found', path: ['lines', 0, 'sku'] }] });
  });
});
