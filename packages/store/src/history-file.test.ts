import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { importSalesHistoryFile } from './history-file.js';
import { InputRejected } from './rejection.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();
const HEADER = '订单号,日期,客户,仓库,编码,数量,单价,收款日期';
const file = (name: string, ...rows: string[]) => ({
  name,
  bytes: new TextEncoder().encode([HEADER, ...rows, ''].join('\n')),
});
// The small company has 5 TEA-001 in WH1 from March.
const GOOD = ['H-1,2026-11-20,C001,WH1,TEA-001,2,180,2026-11-25', 'H-1,2026-11-20,C001,WH1,TEA-001,1,170,2026-11-25'];
const count = (book: Awaited<ReturnType<typeof smallCompany>>, table: string) =>
  book.exec.value<number>(`select count(*) from ${table}`) as number;

// Each case on both paths: the file read on this thread, and read on a worker while this one writes.
describe.each([
  { threads: false, path: 'on one thread' },
  { threads: true, path: 'read on a second thread' },
])('importSalesHistoryFile, $path', ({ threads }) => {
  it('names each order new on its first row, then unchanged when the same file comes again', async () => {
    const book = await smallCompany(tempDir());
    const source = file('history.csv', ...GOOD, 'H-2,2026-11-21,C002,WH1,TEA-001,1,188,');
    const seen: unknown[] = [];
    const dry = await importSalesHistoryFile(book, source, { threads, dryRun: true, onOrder: (o) => seen.push(o) });
    expect(dry).toMatchObject({ file: 'history.csv', orders: 2, lines: 3, unchanged: 0 });
    expect(seen).toEqual([
      { row: 2, order: 'H-1', status: 'new' },
      { row: 4, order: 'H-2', status: 'new' },
    ]);
    expect(count(book, 'sales_orders')).toBe(0);

    await importSalesHistoryFile(book, source, { threads });
    expect(count(book, 'sales_orders')).toBe(2);
    seen.length = 0;
    const again = await importSalesHistoryFile(book, source, { threads, onOrder: (o) => seen.push(o) });
    expect(again).toMatchObject({ orders: 0, unchanged: 2 });
    expect(seen).toEqual([
      { row: 2, order: 'H-1', status: 'unchanged' },
      { row: 4, order: 'H-2', status: 'unchanged' },
    ]);
  });

  it('posts nothing when a row is refused by the reader alone, though the other orders are good', async () => {
    const book = await smallCompany(tempDir());
    const before = count(book, 'audit_log');
    const refused = await importSalesHistoryFile(
      book,
      file('bad.csv', ...GOOD, 'H-2,2026-11-21,C002,WH1,TEA-001,one,188,'),
      { threads },
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InputRejected);
    expect((refused as InputRejected).rejections).toEqual([
      expect.objectContaining({ file: 'bad.csv', row: 4, column: '数量', value: 'one' }),
    ]);
    expect([count(book, 'sales_orders'), count(book, 'stock_moves') > 0, count(book, 'audit_log')]).toEqual([
      0,
      true,
      before,
    ]);
  });

  it('reads a Kingdee-style export: a preamble, 单据编号 and 单据日期, GBK, and a total row', async () => {
    const book = await smallCompany(tempDir());
    const text = [
      '销售出库单序时簿,,,,,,',
      '单据编号,单据日期,客户编码,仓库,商品编码,数量,单价',
      'XSCK-001,2026-11-20,C001,WH1,TEA-001,2,180',
      '合计,,,,,2,',
      '',
    ].join('\r\n');
    const bytes = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
    const summary = await importSalesHistoryFile(book, { name: '销售出库.csv', bytes }, { threads, dryRun: true });
    expect(summary).toMatchObject({ orders: 1, lines: 1, net: 36_000 });
  });

  it('refuses an order whose lines are split across the file, at the row where it comes back', async () => {
    const book = await smallCompany(tempDir());
    const refused = await importSalesHistoryFile(
      book,
      file(
        'split.csv',
        'H-1,2026-11-20,C001,WH1,TEA-001,1,180,',
        'H-2,2026-11-20,C002,WH1,TEA-001,1,180,',
        'H-1,2026-11-20,C001,WH1,TEA-001,1,180,',
        'H-3,2026-11-20,C002,WH1,TEA-001,1,180,',
        'H-2,2026-11-20,C002,WH1,TEA-001,1,180,',
      ),
      { threads },
    ).catch((e: unknown) => e);
    expect((refused as InputRejected).rejections.map((r) => [r.row, r.column, r.value, r.rule])).toEqual([
      [4, '订单号', 'H-1', 'history.order_split'],
      [6, '订单号', 'H-2', 'history.order_split'],
    ]);
    expect(count(book, 'sales_orders')).toBe(0);
  });

  it('lists the reader’s and the book’s problems together in row order under the file’s headers', async () => {
    const book = await smallCompany(tempDir());
    const refused = await importSalesHistoryFile(
      book,
      file('bad.csv', 'H-1,2026-11-20,NOPE,WH1,TEA-001,1,180,', 'H-2,2026-11-20,C001,WH1,TEA-001,1,1x,'),
      { threads },
    ).catch((e: unknown) => e);
    expect((refused as InputRejected).rejections.map((r) => [r.row, r.column, r.value, r.rule])).toEqual([
      [2, '客户', 'NOPE', 'history.customer'],
      [3, '单价', '1x', 'money.format'],
    ]);
    expect(count(book, 'sales_orders')).toBe(0);
  });
});

describe('importSalesHistoryFile on a second thread that runs out of memory', () => {
  it('reads the file again on this thread, and tells each order once', async () => {
    const book = await smallCompany(tempDir());
    const seen: unknown[] = [];
    const summary = await importSalesHistoryFile(
      book,
      file('history.csv', ...GOOD, 'H-2,2026-11-21,C002,WH1,TEA-001,1,188,'),
      {
        threads: true,
        readerHeapMb: 1,
        onOrder: (o) => seen.push(o),
      },
    );
    expect(summary).toMatchObject({ orders: 2, lines: 3 });
    expect(seen).toEqual([
      { row: 2, order: 'H-1', status: 'new' },
      { row: 4, order: 'H-2', status: 'new' },
    ]);
    expect(count(book, 'sales_orders')).toBe(2);
  });
});
