import { describe, expect, it } from 'vitest';
import { upsertMasterData } from './master-data.js';
import { createTestBook } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

describe('upsertMasterData', () => {
  it('tells new, changed and unchanged records with the fields that moved; the same input again writes nothing', async () => {
    const book = await createTestBook(tempDir());
    const audits = () => book.exec.value<number>('select count(*) from audit_log');
    const data = {
      warehouses: [{ code: 'WH1', name: '主仓', bins: ['A-01'] }],
      salespeople: [{ code: 'li', name: '李娜', level: 'senior' }],
      customers: [{ code: 'C1', name: '华东贸易', owner: 'li', region: '华东' }],
      contacts: [{ customer: 'C1', name: '张伟', phone: '138' }],
      targets: [{ salesperson: 'li', month: '2026-03', amount: 1_200_000 }],
    };
    const first = upsertMasterData(book, data);
    expect(Object.fromEntries(Object.entries(first).map(([k, v]) => [k, v.inserted]))).toEqual({
      warehouses: ['WH1'],
      salespeople: ['li'],
      customers: ['C1'],
      contacts: ['C1 张伟'],
      targets: ['li 2026-03'],
    });
    const written = audits();
    const again = upsertMasterData(book, data);
    expect(
      Object.values(again).every((e) => e.inserted.length === 0 && e.updated.length === 0 && e.unchanged === 1),
    ).toBe(true);
    expect(audits()).toBe(written);

    const preview = upsertMasterData(
      book,
      {
        warehouses: [{ code: 'WH1', name: '主仓', bins: ['B-01'] }],
        customers: [{ code: 'C1', name: '华东贸易', owner: null, region: '华南' }],
      },
      { dryRun: true },
    );
    expect(preview.warehouses?.updated).toEqual([
      { key: 'WH1', changes: [{ field: 'bins', before: 'A-01', after: 'A-01;B-01' }] },
    ]);
    expect(preview.customers?.updated[0]?.changes).toEqual([
      { field: 'region', before: '华东', after: '华南' },
      { field: 'owner', before: 'li', after: null },
    ]);
    // A dry run leaves the book as it was.
    expect(book.exec.value('select region from customers')).toBe('华东');
    expect(book.exec.value('select count(*) from bins')).toBe(1);
    expect(() => upsertMasterData(book, { targets: [{ salesperson: 'li', month: '2026-03', amount: 1.5 }] })).toThrow(
      /not a month and a whole amount/,
    );
    book.close();
  });
});

describe('product rules', () => {
  it('changes only the rules given, refuses an unknown preferred supplier, and planning takes a reorder point set by hand', async () => {
    const { upsertProducts } = await import('./products.js');
    const book = await createTestBook(tempDir());
    upsertProducts(book, [
      {
        sku: 'TEA-001',
        name: '龙井茶',
        nameEn: null,
        category: '茶叶',
        uom: '盒',
        price: 8800,
        cost: 4000,
        taxRate: 1300,
        listed: true,
      },
    ]);
    upsertMasterData(book, { suppliers: [{ code: 'S1', name: '福建茶业' }] });
    const rules = () =>
      book.exec.selectOne<Record<string, unknown>>(
        'select floor_price_minor, reorder_point, reorder_qty, lead_time_days, preferred_supplier_id, batch_tracked, shelf_life_days, barcode, exclusive_channels from products',
      );
    const first = upsertMasterData(book, {
      products: [
        {
          sku: 'TEA-001',
          floorPrice: 7000,
          reorderPoint: 30_000,
          reorderQty: 60_000,
          preferredSupplier: 'S1',
          batchTracked: true,
          shelfLifeDays: 540,
          barcode: '6901234567892',
          exclusiveChannels: ['retail'],
        },
      ],
    });
    expect(first.products?.updated[0]?.changes.map((c) => c.field)).toContain('reorderPoint');
    upsertMasterData(book, { products: [{ sku: 'TEA-001', leadTimeDays: 10 }] });
    expect(rules()).toEqual({
      floor_price_minor: 7000,
      reorder_point: 30_000,
      reorder_qty: 60_000,
      lead_time_days: 10,
      preferred_supplier_id: 1,
      batch_tracked: 1,
      shelf_life_days: 540,
      barcode: '6901234567892',
      exclusive_channels: '["retail"]',
    });
    expect(upsertMasterData(book, { products: [{ sku: 'TEA-001', leadTimeDays: 10 }] }).products?.unchanged).toBe(1);
    expect(() => upsertMasterData(book, { products: [{ sku: 'TEA-001', preferredSupplier: 'S9' }] })).toThrow(
      /no supplier S9/,
    );
    expect(rules()?.preferred_supplier_id).toBe(1);

    const { runReorder } = await import('./planning.js');
    const { postOpeningStock } = await import('./stock.js');
    upsertMasterData(book, { warehouses: [{ code: 'WH1', name: '主仓' }] });
    postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 20_000, value: 80_000, date: '2026-03-01' }]);
    const [suggestion] = runReorder(book, { today: '2026-03-02' });
    expect(suggestion).toMatchObject({ sku: 'TEA-001', reorderPoint: 30_000, qty: 60_000 });
  });
});
