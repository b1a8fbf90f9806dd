import { describe, expect, it } from 'vitest';
import type { Book } from './book.js';
import { importDiff, readImportFile } from './imports.js';
import { upsertMasterData } from './master-data.js';
import { upsertProducts } from './products.js';
import { createTestBook } from './test-support/demo-company.js';
import { sampleProduct, useTempDir } from './test-support/temp-book.js';

const dir = useTempDir();
const bytes = (text: string) => new TextEncoder().encode(text);

async function book() {
  const b = await createTestBook(dir());
  upsertProducts(b, [sampleProduct({ sku: 'TEA-001', price: 8800 }), sampleProduct({ sku: 'TEA-002', price: 9900 })]);
  upsertMasterData(b, {
    warehouses: [{ code: 'WH1', name: '总仓' }],
    customers: [{ code: 'C001', name: '老客户', creditLimit: 50000000 }],
  } as never);
  return b;
}

/** The dry run of a file, and the same file applied, then checked again. */
async function twice(b: Book, kind: Parameters<typeof readImportFile>[1], text: string) {
  const source = { name: `${kind}.csv`, bytes: bytes(text) };
  const first = await readImportFile(b, kind, source);
  const dry = importDiff(b, first, first.apply({ dryRun: true }));
  first.apply();
  const second = await readImportFile(b, kind, source);
  return { dry, again: importDiff(b, second, second.apply({ dryRun: true })) };
}

describe('a document or rule file compared with the book', () => {
  it('marks price list rows new, changed with the price before → after, or unchanged', async () => {
    const b = await book();
    const csv = '价格表,适用范围,适用对象,编码,起订量,价格\nNORTH,渠道,north,TEA-001,0,180\n';
    const { again } = await twice(b, 'price-lists', csv);
    expect(again.rows).toEqual([{ row: 2, status: 'unchanged', key: 'NORTH TEA-001 0' }]);
    const file = await readImportFile(b, 'price-lists', {
      name: 'pl.csv',
      bytes: bytes(`${csv}NORTH,渠道,north,TEA-001,10,170\n`.replace(',0,180', ',0,175')),
    });
    expect(importDiff(b, file, file.apply({ dryRun: true })).rows).toEqual([
      {
        row: 2,
        status: 'changed',
        key: 'NORTH TEA-001 0',
        changes: [{ column: 'price', before: '180.00', after: '175.00' }],
      },
      { row: 3, status: 'new', key: 'NORTH TEA-001 10' },
    ]);
    b.close();
  });

  it('marks promotions new, then unchanged, and changed field by field', async () => {
    const b = await book();
    const csv = '编码,类型,优惠值,开始日期,结束日期,类别\nWINTER,折扣,15%,2026-12-01,2026-12-31,茶\n';
    const { dry, again } = await twice(b, 'promotions', csv);
    expect(dry.rows).toEqual([{ row: 2, status: 'new', key: 'WINTER' }]);
    expect(again.summary).toMatchObject({ new: 0, changed: 0, unchanged: 1 });
    const file = await readImportFile(b, 'promotions', { name: 'p.csv', bytes: bytes(csv.replace('12-31', '12-30')) });
    const diff = importDiff(b, file, file.apply({ dryRun: true }));
    expect(diff.rows[0]).toMatchObject({ status: 'changed', changes: [{ before: '2026-12-31', after: '2026-12-30' }] });
    b.close();
  });

  it('marks each order line new with the order it makes, unchanged when imported again, and refuses split orders', async () => {
    const b = await book();
    const csv =
      '订单号,日期,客户,仓库,编码,数量,单价\nPO-9,2026-11-02,C001,WH1,TEA-001,2,\nPO-9,2026-11-02,C001,WH1,TEA-002,1,\n';
    const { dry, again } = await twice(b, 'orders', csv);
    expect(dry.rows).toEqual([
      { row: 2, status: 'new', key: 'PO-9 #1' },
      { row: 3, status: 'new', key: 'PO-9 #2' },
    ]);
    expect(again.summary).toEqual({ new: 0, changed: 0, unchanged: 2, rejected: 0 });
    const split = await readImportFile(b, 'orders', {
      name: 'o.csv',
      bytes: bytes(`${csv}PO-8,2026-11-02,C001,WH1,TEA-001,1,\nPO-9,2026-11-02,C001,WH1,TEA-001,1,\n`),
    });
    expect(split.read.rejections).toEqual([expect.objectContaining({ row: 5, rule: 'import.order_split' })]);
    b.close();
  });

  it('marks expenses new, and unchanged when the book holds them', async () => {
    const b = await book();
    const csv = '日期,科目,金额,税额,发票类型,付款科目,摘要\n2026-11-05,6602,1000,60,专票,1002,办公室租金\n';
    const { dry, again } = await twice(b, 'expenses', csv);
    expect(dry.rows).toEqual([{ row: 2, status: 'new', key: '2026-11-05 6602 1000.00' }]);
    expect(again.rows).toEqual([{ row: 2, status: 'unchanged', key: '2026-11-05 6602 1000.00' }]);
    b.close();
  });

  it('marks statement lines new by their reference, and unchanged when imported again', async () => {
    const b = await book();
    const csv =
      '交易日期,对方户名,收入金额,支出金额,摘要,交易流水号\n2026/11/18,Blue Sky,"2,260.00",,PAYMENT,BK1\n2026/11/19,中国电信,,199.00,电话费,BK2\n';
    const { dry, again } = await twice(b, 'statement', csv);
    expect(dry.summary).toEqual({ new: 2, changed: 0, unchanged: 0, rejected: 0 });
    expect(dry.rows.map((r) => r.key)).toEqual(['BK1', 'BK2']);
    expect(again.summary).toEqual({ new: 0, changed: 0, unchanged: 2, rejected: 0 });
    b.close();
  });

  it('marks a commission plan’s bands new, unchanged again, and changed when the rate moves', async () => {
    const b = await book();
    upsertMasterData(b, { salespeople: [{ code: 'lin', name: '林', level: 'junior' }] } as never);
    const csv = '级别,方案,提成基数,提成方式,起点,提成比例,管理提成\njunior,JR2,销售额,固定比例,0,3%,\n';
    const { dry, again } = await twice(b, 'commission-plans', csv);
    expect(dry.rows).toEqual([{ row: 2, status: 'new', key: 'junior JR2' }]);
    expect(again.summary).toMatchObject({ new: 0, changed: 0, unchanged: 1 });
    const file = await readImportFile(b, 'commission-plans', { name: 'c.csv', bytes: bytes(csv.replace('3%', '4%')) });
    const diff = importDiff(b, file, file.apply({ dryRun: true }));
    expect(diff.rows[0]).toMatchObject({ status: 'changed', changes: [{ column: 'scheme' }] });
    b.close();
  });

  it('marks opening stock lines new on the given day, and unchanged when the book holds them', async () => {
    const b = await book();
    const csv = 'sku,warehouse,qty,unit_cost\nTEA-001,WH1,10,40\n';
    const source = { name: 'o.csv', bytes: bytes(csv) };
    const first = await readImportFile(b, 'opening-stock', source, { date: '2026-01-01' });
    expect(importDiff(b, first, first.apply({ dryRun: true })).rows).toEqual([
      { row: 2, status: 'new', key: 'TEA-001 WH1' },
    ]);
    first.apply();
    const second = await readImportFile(b, 'opening-stock', source, { date: '2026-01-01' });
    expect(importDiff(b, second, second.apply({ dryRun: true })).summary).toEqual({
      new: 0,
      changed: 0,
      unchanged: 1,
      rejected: 0,
    });
    b.close();
  });
});
