import { describe, expect, it } from 'vitest';
import { gridTable, tableFile } from './grid-export.js';
import { importDiff, readImportFile } from './imports.js';
import { upsertMasterData } from './master-data.js';
import { upsertProducts } from './products.js';
import { createTestBook } from './test-support/demo-company.js';
import { sampleProduct, useTempDir } from './test-support/temp-book.js';

const dir = useTempDir();

async function book() {
  const b = await createTestBook(dir());
  upsertProducts(b, [sampleProduct({ sku: 'TEA-001', price: 8800 }), sampleProduct({ sku: 'TEA-002', price: 9900 })]);
  upsertMasterData(b, {
    customers: [{ code: 'C001', name: '老客户', creditLimit: 500000 }],
    suppliers: [{ code: 'S01', name: '杭州茶厂', grade: 'A' }],
  } as never);
  return b;
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('an import file compared with the book', () => {
  it('marks product rows new, changed (before → after as the file writes them) or unchanged', async () => {
    const b = await book();
    const csv = 'sku,price\nTEA-001,88.00\nTEA-002,99.50\n';
    const file = await readImportFile(b, 'products', { name: 'p.csv', bytes: bytes(csv) });
    const diff = importDiff(b, file, file.apply({ dryRun: true }));
    expect(diff.rows).toEqual([
      { row: 2, status: 'unchanged', key: 'TEA-001' },
      { row: 3, status: 'changed', key: 'TEA-002', changes: [{ column: 'price', before: '99.00', after: '99.50' }] },
    ]);
    b.close();
  });

  it('reads customers from a GBK file and suppliers from a workbook, and lists refused rows by rule', async () => {
    const b = await book();
    const gbk = Buffer.from([
      ...Buffer.from('code,name,credit_limit\r\nC001,'),
      0xc0,
      0xcf,
      0xbf,
      0xcd,
      0xbb,
      0xa7, // 老客户 in GBK
      ...Buffer.from(',6000\r\nC002,'),
      0xd0,
      0xc2,
      0xbf,
      0xcd,
      0xbb,
      0xa7, // 新客户
      ...Buffer.from(',lots\r\n'),
    ]);
    const customers = await readImportFile(b, 'customers', { name: 'c.csv', bytes: gbk }, { onError: 'skip' });
    const diff = importDiff(b, customers, customers.apply({ dryRun: true }));
    expect(diff.summary).toEqual({ new: 0, changed: 1, unchanged: 0, rejected: 1 });
    expect(diff.rows[0]?.changes).toEqual([{ column: 'credit_limit', before: '5000.00', after: '6000.00' }]);
    expect(diff.rejected[0]).toMatchObject({ row: 3, column: 'credit_limit', value: 'lots' });

    const sheet = await tableFile(
      {
        headers: ['code', 'name', 'grade'],
        rows: [
          ['S01', '杭州茶厂', 'A'],
          ['S02', '福建茶厂', ''],
        ],
      },
      'xlsx',
    );
    const suppliers = await readImportFile(b, 'suppliers', { name: 's.xlsx', bytes: sheet });
    expect(importDiff(b, suppliers, suppliers.apply({ dryRun: true })).rows).toEqual([
      { row: 2, status: 'unchanged', key: 'S01' },
      { row: 3, status: 'new', key: 'S02' },
    ]);
    b.close();
  });

  it('finds the header under a preamble and skips the total line of an exported sheet', async () => {
    const b = await book();
    const csv = '供应商导出\n导出日期 2026-03-01\ncode,name\nS01,杭州茶厂\n合计 1\n';
    const file = await readImportFile(b, 'suppliers', { name: 's.csv', bytes: bytes(csv) });
    expect(file.keys).toEqual([{ row: 4, key: 'S01' }]);
    b.close();
  });

  it('skips a total row with its column sums, in Chinese or English, wherever its label stands', async () => {
    const b = await book();
    const csv = 'code,name,payment_days\nS01,杭州茶厂,30\n合计,,30\n,总计：,30\nTotal,,30\n';
    const file = await readImportFile(b, 'suppliers', { name: 's.csv', bytes: bytes(csv) });
    expect([file.keys, file.read.rejections]).toEqual([[{ row: 2, key: 'S01' }], []]);
    b.close();
  });

  it('exports a grid under the import’s column names, as a person types the cells', async () => {
    const b = await book();
    const table = gridTable(b, 'customers', {});
    expect(table.headers).toContain('credit_limit');
    expect(table.rows[0]?.[table.headers.indexOf('credit_limit')]).toBe('5000.00');
    b.close();
  });
});
