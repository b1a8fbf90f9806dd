import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tradeloop/core';
import { Book, getProduct, postOpeningStock, upsertMasterData, upsertProducts } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OWNER, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { POST, _MAX_UPLOAD_BYTES } = await import('./+server');
const { GET: exportGrid } = await import('../../grid/[kind]/export/+server');

const LIN: Actor = { user: 'lin', roles: ['salesperson'], salesperson: 'lin' };
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-import-api-'));

beforeAll(async () => {
  const book = await Book.create(join(dir, 'co.db'));
  const tea = { name: '龙井', nameEn: null, category: '茶', uom: 'box', taxRate: 1300, listed: true };
  upsertProducts(book, [
    { sku: 'TEA-001', ...tea, price: 8800, cost: 5000 },
    { sku: 'TEA-002', ...tea, price: 9900, cost: 5000 },
  ]);
  upsertMasterData(book, {
    salespeople: [{ code: 'lin', name: '林', level: 'junior' }],
    customers: [{ code: 'C001', name: '林的客户', owner: 'lin', creditLimit: 500000 }],
    suppliers: [{ code: 'S01', name: '杭州茶厂', grade: 'A', paymentDays: 30 }],
    warehouses: [{ code: 'WH1', name: '总仓' }],
  } as never);
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

const upload = async (
  kind: string,
  name: string,
  content: BlobPart,
  options: { confirm?: boolean; actor?: Actor; fields?: Record<string, string> } = {},
) => {
  const form = new FormData();
  form.set('file', new File([content], name));
  for (const [k, v] of Object.entries(options.fields ?? {})) form.set(k, v);
  if (options.confirm) form.set('confirm', '1');
  const response = await POST(
    requestEvent({
      method: 'POST',
      url: `http://localhost/api/import/${kind}`,
      body: form,
      params: { kind },
      actor: options.actor ?? OWNER,
    }).event as never,
  );
  return { status: response.status, body: await response.json() };
};

const PRODUCTS = 'sku,name,category,price\nTEA-001,龙井,茶,88.00\nTEA-002,龙井,茶,99.50\nTEA-003,碧螺春,茶,66.00\n';

describe('POST /api/import/[kind]', () => {
  it('answers a dry run row by row: new, changed with before → after, unchanged; nothing changes', async () => {
    const { status, body } = await upload('products', 'products.csv', PRODUCTS);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      file: 'products.csv',
      kind: 'products',
      applied: false,
      summary: { new: 1, changed: 1, unchanged: 1, rejected: 0 },
      rows: [
        { row: 2, status: 'unchanged', key: 'TEA-001' },
        { row: 3, status: 'changed', key: 'TEA-002', changes: [{ column: 'price', before: '99.00', after: '99.50' }] },
        { row: 4, status: 'new', key: 'TEA-003' },
      ],
      rejected: [],
    });
    expect(getProduct(served.book as Book, 'TEA-003')).toBeUndefined();
  });

  it('lists each rejected row with column, value, rule and reason, and refuses to confirm it (422, nothing changed)', async () => {
    const bad = 'code,name,owner,credit_limit\nC001,林的客户,lin,6000.00\nC002,新客户,nobody,abc\n';
    const dry = await upload('customers', 'customers.csv', bad);
    expect(dry.status).toBe(200);
    expect(dry.body.summary).toEqual({ new: 0, changed: 1, unchanged: 0, rejected: 1 });
    expect(dry.body.rows[0]).toMatchObject({
      key: 'C001',
      changes: [{ column: 'credit_limit', before: '5000.00', after: '6000.00' }],
    });
    expect(dry.body.rejected).toContainEqual(expect.objectContaining({ row: 3, column: 'credit_limit', value: 'abc' }));
    const confirmed = await upload('customers', 'customers.csv', bad, { confirm: true });
    expect(confirmed.status).toBe(422);
    expect(confirmed.body.code).toBe('input.rejected');
    const again = await upload('customers', 'customers.csv', 'code,name,credit_limit\nC001,林的客户,5000.00\n');
    expect(again.body.summary).toMatchObject({ unchanged: 1 });
  });

  it('applies a confirmed file as one command', async () => {
    const { status, body } = await upload(
      'suppliers',
      'suppliers.csv',
      'code,name,grade\nS01,杭州茶厂,B\nS02,福建茶厂,A\n',
      {
        confirm: true,
      },
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ applied: true, summary: { new: 1, changed: 1, rejected: 0 } });
    const after = await upload('suppliers', 'suppliers.csv', 'code,name,grade\nS01,杭州茶厂,B\nS02,福建茶厂,A\n');
    expect(after.body.summary).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
  });

  it('refuses a role without master.write (403), and a file over the size limit (413)', async () => {
    const refused = await upload('products', 'products.csv', PRODUCTS, { actor: LIN });
    expect(refused).toMatchObject({ status: 403, body: { code: 'permission.denied' } });
    const big = await upload('products', 'products.csv', new Uint8Array(_MAX_UPLOAD_BYTES + 1));
    expect(big).toMatchObject({ status: 413, body: { code: 'input.too_large' } });
  });

  it('checks an orders file line by line, places it on confirm, and finds it unchanged after', async () => {
    const orders =
      '订单号,日期,客户,仓库,编码,数量,单价\nPO-9,2026-11-02,C001,WH1,TEA-001,2,\nPO-9,2026-11-02,C001,WH1,TEA-002,1,\n';
    const dry = await upload('orders', 'orders.csv', orders);
    expect(dry).toMatchObject({
      status: 200,
      body: {
        kind: 'orders',
        applied: false,
        summary: { new: 2, changed: 0, unchanged: 0, rejected: 0 },
        rows: [
          { row: 2, status: 'new', key: 'PO-9 #1' },
          { row: 3, status: 'new', key: 'PO-9 #2' },
        ],
      },
    });
    const placed = await upload('orders', 'orders.csv', orders, { confirm: true });
    expect(placed).toMatchObject({ status: 200, body: { applied: true, summary: { new: 2 } } });
    const again = await upload('orders', 'orders.csv', orders);
    expect(again.body.summary).toEqual({ new: 0, changed: 0, unchanged: 2, rejected: 0 });
  });

  it('takes a statement’s layout and cash account as form fields, and refuses one that is no cash account', async () => {
    const bank = '交易日期,对方户名,收入金额,支出金额,摘要,交易流水号\n2026/11/18,林的客户,"2,260.00",,货款,BK1\n';
    const bad = await upload('statement', 'bank.csv', bank, { fields: { source: 'bank', account: '6602' } });
    expect(bad).toMatchObject({ status: 400, body: { path: ['body', 'account'] } });
    const cash = await upload('statement', 'bank.csv', bank, {
      fields: { source: 'bank', account: '1001' },
      confirm: true,
    });
    expect(cash).toMatchObject({ status: 200, body: { applied: true, summary: { new: 1 }, rows: [{ key: 'BK1' }] } });
    const again = await upload('statement', 'bank.csv', bank, { fields: { source: 'bank', account: '1001' } });
    expect(again.body.summary).toEqual({ new: 0, changed: 0, unchanged: 1, rejected: 0 });
  });

  it('refuses an import to a role without its command’s permission (403)', async () => {
    const WAREHOUSE: Actor = { user: 'wang', roles: ['warehouse'] };
    const orders = await upload(
      'purchase-orders',
      'po.csv',
      '订单号,日期,供应商,仓库,编码,数量\nX,2026-11-02,S01,WH1,TEA-001,1\n',
      {
        actor: LIN,
      },
    );
    expect(orders).toMatchObject({ status: 403, body: { code: 'permission.denied' } });
    const expenses = await upload('expenses', 'ex.csv', '日期,科目,金额\n', { actor: WAREHOUSE });
    expect(expenses).toMatchObject({ status: 403, body: { code: 'permission.denied' } });
  });

  it('checks a sales-history file order by order, posts it on confirm, finds it unchanged after, and lists refused rows', async () => {
    (served.book as Book).actAs(OWNER);
    postOpeningStock(served.book as Book, [
      { sku: 'TEA-002', warehouse: 'WH1', qty: 10_000, value: 50_000, date: '2026-01-02' },
    ]);
    const orders = () => (served.book as Book).sqlite.prepare('select count(*) from sales_orders').pluck().get();
    const history = [
      '订单号,日期,客户,仓库,编码,数量,单价,收款日期',
      'H-1,2026-06-01,C001,WH1,TEA-002,1,99,2026-06-20',
      'H-1,2026-06-01,C001,WH1,TEA-002,1,99,2026-06-20',
      'H-2,2026-06-02,C001,WH1,TEA-002,1,100,',
      '',
    ].join('\n');
    const before = orders();
    const dry = await upload('sales-history', '历史销售.csv', history);
    expect(dry).toMatchObject({
      status: 200,
      body: {
        file: '历史销售.csv',
        kind: 'sales-history',
        applied: false,
        summary: { new: 2, changed: 0, unchanged: 0, rejected: 0 },
        rows: [
          { row: 2, status: 'new', key: 'H-1' },
          { row: 4, status: 'new', key: 'H-2' },
        ],
        rejected: [],
        // 3 × 50.00 at FIFO cost; VAT 13% of 198.00 and 100.00; H-1 paid with its VAT.
        totals: { lines: 3, net: '298.00', tax: '38.74', cost: '150.00', paid: '223.74' },
      },
    });
    expect(orders()).toBe(before);
    const posted = await upload('sales-history', '历史销售.csv', history, { confirm: true });
    expect(posted).toMatchObject({ status: 200, body: { applied: true, summary: { new: 2 } } });
    expect(orders()).toBe(Number(before) + 2);
    const again = await upload('sales-history', '历史销售.csv', history);
    expect(again.body).toMatchObject({ summary: { new: 0, unchanged: 2 }, totals: { net: '0.00' } });

    const bad =
      '订单号,日期,客户,仓库,编码,数量,单价\nH-3,2026-06-03,NOPE,WH1,TEA-002,1,99\nH-4,2026-06-03,C001,WH1,TEA-002,x,99\n';
    const refused = await upload('sales-history', 'bad.csv', bad, { confirm: true });
    expect(refused.status).toBe(422);
    expect(
      refused.body.rejected.map((r: { row: number; column: string; code: string }) => [r.row, r.column, r.code]),
    ).toEqual([
      [2, '客户', 'history.customer'],
      [3, '数量', 'quantity.format'],
    ]);
    expect(orders()).toBe(Number(before) + 2);
    const salesperson = await upload('sales-history', 'h.csv', history, { actor: LIN });
    expect(salesperson).toMatchObject({ status: 403, body: { code: 'permission.denied' } });
  });

  it.each(['csv', 'xlsx'])('downloads a grid as %s that uploads back with every row unchanged', async (format) => {
    for (const kind of ['products', 'customers', 'suppliers']) {
      const response = await exportGrid(
        requestEvent({
          url: `http://localhost/api/grid/${kind}/export?format=${format}&sort=name:desc`,
          params: { kind },
          actor: OWNER,
        }).event as never,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toMatch(
        new RegExp(`filename="${kind}-\\d{4}-\\d\\d-\\d\\d\\.${format}"`),
      );
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (format === 'csv') expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const { status, body } = await upload(kind, `${kind}.${format}`, bytes);
      expect(status).toBe(200);
      expect(body.summary).toMatchObject({ new: 0, changed: 0, rejected: 0 });
      expect(body.summary.unchanged).toBeGreaterThan(0);
    }
  });
});
