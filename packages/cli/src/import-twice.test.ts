import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookAt, FIXTURES, readBook, smallDemoBook, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();

/**
 * Every row of every table of the book but the audit log (which records each run, changed or
 * not): what the exports show, and all they do not.
 */
function everyRow(db: string): Record<string, string[]> {
  const tables = readBook<{ name: string }>(
    db,
    /^postgres/.test(db)
      ? "select table_name as name from information_schema.tables where table_schema = 'public' and table_name <> 'audit_log'"
      : "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> 'audit_log'",
  ).map((t) => t.name);
  // Each table's rows as text, sorted: the same rows whatever order the engine reads them in.
  return Object.fromEntries(
    tables.map((t) => [
      t,
      readBook(db, `select * from "${t}"`)
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );
}

/**
 * Every kind `tradeloop import --help` lists, in an order where each finds what it refers to, with
 * a small file and what its second run must say: nothing new.
 */
const KINDS: [kind: string, file: string, content: string | null, again: RegExp][] = [
  [
    'products',
    'products.csv',
    'sku,name,category,price\nTW-001,二次导入茶,饮料/茶叶,99\n',
    /0 new, 0 changed, 1 unchanged/,
  ],
  ['customers', 'customers.csv', 'code,name,channel\nTW01,二次客户,retail\n', /0 new, 0 changed, 1 unchanged/],
  ['suppliers', 'suppliers.csv', 'code,name,grade\nTWS,二次供应商,A\n', /0 new, 0 changed, 1 unchanged/],
  [
    'salespeople',
    'salespeople.csv',
    '编码,姓名,级别,上级,折扣权限\nxu,徐明,junior,li,8%\n',
    /0 new, 0 changed, 1 unchanged/,
  ],
  [
    'warehouses',
    'warehouses.csv',
    '编码,名称,类型,库位\nWH3,华北分仓,分仓,N-01;N-02\n',
    /0 new, 0 changed, 1 unchanged/,
  ],
  [
    'contacts',
    'contacts.csv',
    '客户编码,联系人,职务,手机\nTW01,孙悦,采购总监,13800000001\n',
    /0 new, 0 changed, 1 unchanged/,
  ],
  ['targets', 'targets.csv', '业务员,月份,目标金额\nxu,2026-03,12000\n', /0 new, 0 changed, 1 unchanged/],
  [
    'price-lists',
    'prices.csv',
    '价格表,适用范围,适用对象,编码,起订量,价格\nNORTH,渠道,north,TW-001,0,90\nNORTH,渠道,north,TW-001,10,85\n',
    /2 prices, 1 lists/,
  ],
  [
    'promotions',
    'promotions.csv',
    '编码,类型,优惠值,开始日期,结束日期,类别\nWINTER,折扣,15%,2026-12-01,2026-12-31,饮料/茶叶\n',
    /1 promotions/,
  ],
  [
    'commission-plans',
    'plans.csv',
    '级别,方案,提成基数,提成方式,起点,提成比例,管理提成\njunior,JR2,销售额,固定比例,0,3%,\n',
    /1 bands, 1 plans/,
  ],
  [
    'opening-stock',
    '期初库存.csv',
    'sku,warehouse,qty,unit_cost,batch\nTW-001,WH3,10,40,\nTW-001,WH1,4,41.5,B1\n',
    /2 stock lines, 0 new, 2 unchanged/,
  ],
  [
    'expenses',
    'expenses.csv',
    '日期,科目,金额,税额,发票类型,付款科目,摘要\n2026-11-05,6602,1000,60,专票,1002,办公室租金\n2026-11-05,6602,1000,60,专票,1002,办公室租金\n2026-11-06,6602,88,0,普票,1001,\n',
    /3 expenses, 0 booked, 3 unchanged/,
  ],
  ['statement', 'cmb.csv', null, / 0 new, \d+ already imported/],
  [
    'sales-history',
    'history.csv',
    '订单号,日期,客户,仓库,编码,数量,单价,收款日期\nH-1,2025-06-01,TW01,WH3,TW-001,2,99,2025-06-20\nH-2,2025-06-02,C001,WH3,TW-001,1,99,\n',
    /: 0 orders, 2 lines, net 0.00, VAT 0.00, cost 0.00, paid 0.00; 2 orders already in the book, unchanged/,
  ],
  [
    'orders',
    'orders.csv',
    '订单号,日期,客户,仓库,编码,数量,单价\nA1,2026-11-23,TW01,WH1,TEA-001,1,\nA2,2026-11-23,C001,WH1,TEA-001,2,\n',
    /placed 0 sales orders from .*, 2 already in the book, unchanged\n$/,
  ],
  [
    'purchase-orders',
    'po.csv',
    'order,date,supplier,warehouse,sku,qty,price\nP1,2026-11-23,TWS,WH3,TW-001,24,40\n',
    /placed 0 purchase orders from .*, 1 already in the book, unchanged\n$/,
  ],
];

describe('importing a file twice', () => {
  it('leaves the book as the first import left it, for every kind of import', () => {
    const dir = tempDir();
    const db = bookAt(dir, 'co.db');
    const t = (...args: string[]) => tradeloop([...args, '--db', db]);
    smallDemoBook(db);
    // Every kind in `import --help` is here.
    const help = t('import', '--help').stdout;
    const listed = [...help.matchAll(/^ {2}([a-z-]+) \[options\] <file>/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(KINDS.map(([k]) => k).sort());

    const path = (name: string, content: string | null) => {
      if (content === null) return join(FIXTURES, 'import', 'statements', name);
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    };
    const run = (kind: string, file: string) =>
      t('import', kind, file, ...(kind === 'opening-stock' ? ['--date', '2024-11-30'] : []));
    const snapshot = () => ({
      rows: everyRow(db),
      trialBalance: t('report', 'trial-balance', '--format', 'csv').stdout,
    });

    for (const [kind, name, content] of KINDS) {
      const first = run(kind, path(name, content));
      expect(first.code, `${kind}: ${first.stderr}`).toBe(0);
    }
    const once = snapshot();
    for (const [kind, name, content, again] of KINDS) {
      const second = run(kind, path(name, content));
      expect(second.code, `${kind}: ${second.stderr}`).toBe(0);
      expect(second.stdout, kind).toMatch(again);
    }
    expect(snapshot()).toEqual(once);
    expect(t('check')).toEqual({ code: 0, stdout: '', stderr: '' });
  }, 180_000);
});
