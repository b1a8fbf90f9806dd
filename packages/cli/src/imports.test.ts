import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { bookAt, expectGolden, FIXTURES, smallDemoBook, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();
const fixture = (name: string) => join(FIXTURES, 'import', name);

function scaleZeroBook() {
  const dir = tempDir();
  const db = bookAt(dir, 'co.db');
  smallDemoBook(db);
  return { dir, db, t: (...args: string[]) => tradeloop([...args, '--db', db]) };
}

describe('import customers', () => {
  it('rejects the whole file for one bad row, or skips it and writes the reject file', () => {
    const { dir, t } = scaleZeroBook();
    const all = t('import', 'customers', fixture('customers.csv'));
    expect(all.code).toBe(3);
    expect(all.stderr).toContain(
      'customers.csv row 3, column "信用额度", value "abc": must be an amount like 12.50 [money.format]',
    );
    const rejects = join(dir, 'rejects.csv');
    const skip = t(
      'import',
      'customers',
      fixture('customers.csv'),
      '--on-error',
      'skip',
      '--reject-file',
      rejects,
      '--format',
      'json',
    );
    expect(skip.code).toBe(0);
    expect(JSON.parse(skip.stdout)).toMatchObject({ imported: 2, rejected: 1, new: 2, changed: 0, unchanged: 0 });
    expectGolden('import-customers-rejects.csv', readFileSync(rejects, 'utf8'));
    const again = t('import', 'customers', fixture('customers.csv'), '--on-error', 'skip', '--format', 'json');
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 2, new: 0, changed: 0, unchanged: 2 });
    // A dry run with a changed cell shows what would change, and changes nothing.
    const edited = join(dir, 'edited.csv');
    writeFileSync(edited, 'code,name,region\nC001,华东贸易有限公司,西北 Northwest\nC777,新开客户,\n');
    const dry = t('import', 'customers', edited, '--dry-run');
    expect(dry.stdout).toMatch(/^would import .*edited\.csv: 2 customers, 1 new, 1 changed, 0 unchanged\n/);
    expect(dry.stdout).toContain('  ~ C001  ');
    expect(dry.stdout).toContain('region: 华东 East → 西北 Northwest');
    expect(dry.stdout).toContain('  + C777');
    expect(t('export', 'list', 'customers').stdout).not.toContain('C777');
    // Columns the file leaves out keep what the book has; those it has are updated.
    const before = (
      JSON.parse(t('export', 'list', 'customers', '--format', 'json').stdout).rows as Record<string, string>[]
    ).find((c) => c.code === 'C001');
    expect(t('import', 'customers', edited).code).toBe(0);
    const after = (
      JSON.parse(t('export', 'list', 'customers', '--format', 'json').stdout).rows as Record<string, string>[]
    ).find((c) => c.code === 'C001');
    expect(after).toEqual({ ...before, region: '西北 Northwest' });
    expect(before?.tier).not.toBe('');
    // A file of code and one column updates customers the book has; a new code needs a name.
    const limits = join(dir, 'limits.csv');
    writeFileSync(limits, 'code,信用额度\nC001,80000\nC999,100\n');
    const partial = t('import', 'customers', limits, '--on-error', 'skip', '--format', 'json');
    expect(partial.stderr).toContain(
      'limits.csv row 3, column "name", empty: is required for a new customer (C999 is not in the book); the file has no "name" column [customer.name.required]',
    );
    expect(JSON.parse(partial.stdout)).toMatchObject({ imported: 1, rejected: 1, new: 0, changed: 1 });
    const limited = (
      JSON.parse(t('export', 'list', 'customers', '--format', 'json').stdout).rows as Record<string, string>[]
    ).find((c) => c.code === 'C001');
    expect(limited).toEqual({ ...after, credit_limit: '80000.00' });
  });

  it('reads columns named in a mapping file', () => {
    const { dir, t } = scaleZeroBook();
    const file = join(dir, 'kingdee.csv');
    writeFileSync(file, '客户代码,客户全称\nKD01,金蝶导出客户\n');
    const map = join(dir, 'map.json');
    writeFileSync(map, JSON.stringify({ code: '客户代码', name: '客户全称' }));
    expect(t('import', 'customers', file, '--map', map).stdout).toBe(
      `imported ${file}: 1 customers, 1 new, 0 changed, 0 unchanged\n`,
    );
    writeFileSync(map, JSON.stringify({ colour: 'x' }));
    const bad = t('import', 'customers', file, '--map', map);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('names fields that do not exist: colour');
  });
});

describe('import contacts and targets', () => {
  it('adds contacts by customer and name, refuses unknown customers and bad e-mail, and re-imports as unchanged', () => {
    const { dir, t } = scaleZeroBook();
    const file = join(dir, '联系人.csv');
    writeFileSync(
      file,
      '客户编码,联系人,职务,手机,邮箱,微信\nC001,孙悦,采购总监,13800000001,sy@example.cn,wx_sy\nC002,李娜,,,not-an-email,\nC999,无名,,,,\n',
    );
    const refused = t('import', 'contacts', file);
    expect(refused.code).toBe(3);
    expectGolden('import-contacts-bad.stderr.txt', refused.stderr.replaceAll(dir, '<dir>'));
    expect(t('export', 'list', 'contacts', '--format', 'json').stdout).not.toContain('孙悦');
    writeFileSync(file, '客户编码,联系人,职务,手机,邮箱,微信\nC001,孙悦,采购总监,13800000001,sy@example.cn,wx_sy\n');
    const first = t('import', 'contacts', file, '--format', 'json');
    expect(JSON.parse(first.stdout)).toMatchObject({ imported: 1, new: 1, changed: 0, unchanged: 0 });
    const again = t('import', 'contacts', file, '--format', 'json');
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 1, new: 0, changed: 0, unchanged: 1 });
    writeFileSync(file, 'customer,name,title\nC001,孙悦,总经理\n');
    expect(JSON.parse(t('import', 'contacts', file, '--dry-run', '--format', 'json').stdout)).toMatchObject({
      dryRun: true,
      changed: 1,
    });
    expect(JSON.parse(t('export', 'list', 'contacts', '--format', 'json').stdout).rows).toContainEqual({
      customer: 'C001',
      name: '孙悦',
      title: '采购总监',
      phone: '13800000001',
      email: 'sy@example.cn',
      wechat: 'wx_sy',
    });
  });

  it('reads monthly targets in either month form and refuses unknown salespeople', () => {
    const { dir, t } = scaleZeroBook();
    const file = join(dir, 'targets.csv');
    writeFileSync(
      file,
      '业务员,月份,目标金额\nli,2026年3月,"12,000.00"\nli,2026-04,13000\nnobody,2026-03,1\nli,2026-13,1\n',
    );
    const refused = t('import', 'targets', file);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('row 4, column "业务员", value "nobody": no salesperson nobody in the book');
    expect(refused.stderr).toContain(
      'row 5, column "月份", value "2026-13": must be a month like 2026-03 or 2026年3月',
    );
    expect(t('import', 'targets', file, '--on-error', 'skip').code).toBe(0);
    expect(t('export', 'list', 'targets').stdout).toContain('li,2026-03,12000.00\nli,2026-04,13000.00\n');
  });
});

describe('import statements', () => {
  it('reads WeChat Pay and Alipay bills past their preambles, every line once, counted by kind', () => {
    const { t } = scaleZeroBook();
    expect(t('import', 'statement', fixture('wechat-bill.csv'), '--source', 'wechat').stdout).toBe(
      `imported ${fixture('wechat-bill.csv')} (微信支付账单 (WeChat Pay)): 3 lines, 3 new, 0 already imported\n` +
        '  2 money in, 1 money out; net 1,722.60\n',
    );
    expect(t('import', 'statement', fixture('alipay-bill.csv')).stdout).toContain(
      '(支付宝交易明细 (Alipay)): 2 lines, 2 new, 0 already imported\n  1 money in, 1 money out; net 821.50',
    );
    expect(t('import', 'statement', fixture('bank.csv')).stdout).toContain('(bank CSV (generic)): 2 lines, 2 new');
    expect(t('import', 'statement', fixture('wechat-bill.csv')).stdout).toContain(
      ': 3 lines, 0 new, 3 already imported',
    );
    const classic = t('import', 'statement', fixture('statements/alipay-classic-gbk.csv'));
    expect(classic.stdout).toContain(
      '5 lines, 4 new, 1 already imported\n  1 money in, 1 money out, 1 refunds out, 1 closed, 1 internal; net 696.22\n' +
        '  closed, failed, refunded and internal lines moved no money: kept, never matched',
    );
  });

  it('pays a prepaid order from its bank line once, and refuses what would book money twice', () => {
    const { dir, t } = scaleZeroBook();
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    expect(
      t('import', 'customers', file('k.csv', '编码,名称,结算方式\nK001,上海悦茶餐饮管理有限公司,预付\n')).code,
    ).toBe(0);
    const stock = file('s.csv', 'sku,warehouse,qty,unit_cost\nGFT-004,WH2,10,46.00\n');
    expect(t('import', 'opening-stock', stock, '--date', '2026-11-01').code).toBe(0);
    const placed = JSON.parse(
      t(
        'place',
        'order',
        '--customer',
        'K001',
        '--warehouse',
        'WH2',
        '--date',
        '2026-11-02',
        '--line',
        'GFT-004:2',
        '--format',
        'json',
      ).stdout,
    ) as { number: string };
    expect(t('approve', 'order', placed.number).code).toBe(0);
    const gross = (
      JSON.parse(t('export', 'list', 'orders', '--format', 'json').stdout).rows as { number: string; gross: string }[]
    ).find((o) => o.number === placed.number)?.gross;
    const bank = file(
      'boc.csv',
      `交易日期,交易时间,交易类型,交易金额,交易后余额,对方账户名称,对方账号,交易渠道,附言\n` +
        `2026/11/03,10:15:02,转账收入,"${gross}","21,200.00",上海悦茶餐饮管理有限公司,4563,网上银行,${placed.number} 预付\n` +
        '2026/11/04,11:00:00,转账支出,-969.51,"20,230.49",华东贸易有限公司,4564,网上银行,退货退款\n',
    );
    expect(t('import', 'statement', bank).stdout).toContain('(中国银行 (BOC)): 2 lines, 2 new');
    expect(t('match', 'statement').stdout).toBe(
      '1 lines matched, 1 waiting to be claimed\n' +
        '  line 1 → RC-2026-000001 (order_reference, 95%)\n' +
        '  line 2: a refund: settles no supplier invoice; claim it to an account\n',
    );
    const again = t('pay', 'order', placed.number, '--date', '2026-11-05', '--amount', String(gross));
    expect(again.code).toBe(3);
    expect(again.stderr).toContain(
      `${placed.number} is paid in full (${gross} by RC-2026-000001 on 2026-11-03 from statement line 1)`,
    );
    const wrong = t('claim', 'statement', '2', '--customer', 'C001');
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain("statement line 2 is money out (−969.51): a customer's receipt must be money in");
    expect(t('check')).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('import from XLSX', () => {
  it('imports products from the first sheet of a workbook', async () => {
    const { dir, t } = scaleZeroBook();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('商品');
    ws.addRow(['编码', '名称', '类别', '售价', '税率', '上架']);
    ws.addRow(['XL-001', '白茶饼', '饮料/茶叶', 256.5, '13%', '是']);
    ws.addRow(['XL-002', '红茶包', '饮料/茶叶', 18, 9, '否']);
    const file = join(dir, 'products.xlsx');
    await wb.xlsx.writeFile(file);
    const r = t('import', 'products', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`imported ${file}: 2 new, 0 changed, 0 unchanged\n`);
    const exported = JSON.parse(t('export', 'products', '--format', 'json').stdout).rows as {
      sku: string;
      price: string;
      tax_rate: string;
      listed: string;
    }[];
    expect(exported.find((p) => p.sku === 'XL-001')).toMatchObject({ price: '256.50', tax_rate: '13', listed: 'yes' });
    expect(exported.find((p) => p.sku === 'XL-002')).toMatchObject({ price: '18.00', tax_rate: '9', listed: 'no' });
  });
});

describe('import opening stock and sell it, paid by a matched bank line', () => {
  it('runs from the terminal end to end', () => {
    const { dir, t } = scaleZeroBook();
    const stock = join(dir, 'stock.csv');
    // WH2 holds no GFT-004 yet: opening stock there is new (in WH1 it would be refused, as the
    // demo's opening stock and moves are there already).
    writeFileSync(stock, 'sku,warehouse,qty,unit_cost,batch,expiry\nGFT-004,WH2,10,46.00,L2611,2027-11-30\n');
    expect(t('import', 'opening-stock', stock, '--date', '2026-11-01').stdout).toBe(
      `imported ${stock}: 1 stock lines, 1 new, 0 unchanged, 460.00 value\n`,
    );
    expect(t('import', 'opening-stock', stock, '--date', '2026-11-01').stdout).toBe(
      `imported ${stock}: 1 stock lines, 0 new, 1 unchanged, 460.00 value\n`,
    );
    const refused = t('import', 'opening-stock', stock, '--date', '2026-11-02');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(
      'stock.csv row 2, column "sku", value "GFT-004": GFT-004 in WH2 batch L2611 already has opening stock (10 worth 460.00 on 2026-11-01); this line says 10 worth 460.00 on 2026-11-02; import with --replace to replace it [opening_stock.exists]',
    );
    expect(
      t('place', 'order', '--customer', 'C002', '--warehouse', 'WH2', '--date', '2026-11-02', '--line', 'GFT-004:2')
        .code,
    ).toBe(0);
    expect(t('approve', 'order', 'SO-2026-000001').code).toBe(0);
    expect(t('ship', 'order', 'SO-2026-000001', '--date', '2026-11-03').code).toBe(0);
    const inv = JSON.parse(
      t('invoice', 'order', 'SO-2026-000001', '--date', '2026-11-03', '--format', 'json').stdout,
    ) as { invoice: string; gross: number };
    const bank = join(dir, 'bank.csv');
    writeFileSync(
      bank,
      `交易日期,对方户名,收入金额,摘要\n2026/11/10,南方食品商行,${(inv.gross / 100).toFixed(2)},付 ${inv.invoice}\n`,
    );
    expect(t('import', 'statement', bank).code).toBe(0);
    expect(t('match', 'statement').stdout).toBe(
      '1 lines matched, 0 waiting to be claimed\n  line 1 → RC-2026-000001 (reference, 95%)\n',
    );
    expect(t('check')).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('import the rest of the master data and expenses', () => {
  it('reads salespeople, warehouses, price lists, promotions and expenses with Chinese headers', () => {
    const { dir, t } = scaleZeroBook();
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    expect(
      t('import', 'salespeople', file('sp.csv', '编码,姓名,级别,上级,折扣权限\nxu,徐明,junior,li,8%\n')).code,
    ).toBe(0);
    expect(t('import', 'warehouses', file('wh.csv', '编码,名称,类型,库位\nWH3,华北分仓,分仓,N-01;N-02\n')).code).toBe(
      0,
    );
    const prices = t(
      'import',
      'price-lists',
      file(
        'pl.csv',
        '价格表,适用范围,适用对象,编码,起订量,价格\nNORTH,渠道,north,TEA-001,0,180\nNORTH,渠道,north,TEA-001,10,170\n',
      ),
    );
    expect(prices.stdout).toContain(': 2 prices, 1 lists');
    const promos = file(
      'pr.csv',
      '编码,类型,优惠值,开始日期,结束日期,类别\nWINTER,折扣,15%,2026-12-01,2026-12-31,饮料/茶叶\nBAD,立减,abc,2026-12-01,2026-12-31,\n',
    );
    const bad = t('import', 'promotions', promos);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain(
      'pr.csv row 3, column "value", value "abc": must be an amount like 12.50 [money.format]',
    );
    expect(t('import', 'promotions', promos, '--on-error', 'skip').stdout).toContain(': 1 promotions, 1 rows skipped');
    // The channel price list and the winter promotion now price an order in that channel.
    t('import', 'customers', file('cu.csv', 'code,name,channel\nN01,北方茶行,north\n'));
    const order = t(
      'place',
      'order',
      '--customer',
      'N01',
      '--warehouse',
      'WH1',
      '--date',
      '2026-12-05',
      '--line',
      'TEA-001:12',
      '--format',
      'json',
    );
    expect(order.code, order.stderr).toBe(0);
    const expenses = t(
      'import',
      'expenses',
      file(
        'ex.csv',
        '日期,科目,金额,税额,发票类型,付款科目,摘要\n2026-11-05,6602,1000,60,专票,1002,办公室租金\n2026-11-06,9999,5,0,普票,1002,x\n',
      ),
    );
    expect(expenses.code).toBe(3);
    expect(expenses.stderr).toContain('expense 2: no account 9999');
    expect(t('check')).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('import sales history', () => {
  it('posts completed orders at FIFO cost with invoices and payments, all or nothing', () => {
    const { dir, t } = scaleZeroBook();
    const file = join(dir, 'history.csv');
    writeFileSync(
      file,
      [
        '订单号,日期,客户,仓库,编码,数量,单价,收款日期',
        'H-1,2025-06-01,C001,WH1,TEA-001,2,180,2025-06-20',
        'H-1,2025-06-01,C001,WH1,COF-002,1,55,2025-06-20',
        'H-2,2025-06-02,C002,WH1,TEA-001,1,188,',
        '',
      ].join('\n'),
    );
    const r = t('import', 'sales-history', file, '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    // 2 × 180.00 + 55.00 = 415.00 net, VAT 13% = 53.95 → paid 468.95; H-2: 188.00 + 24.44, open
    expect(JSON.parse(r.stdout)).toMatchObject({ orders: 2, lines: 3, net: 60_300, tax: 7_839, paid: 46_895 });
    expect(t('check')).toEqual({ code: 0, stdout: '', stderr: '' });
    const invoices = JSON.parse(t('export', 'list', 'invoices', '--format', 'json').stdout).rows as {
      number: string;
      open: string;
    }[];
    expect(invoices.map((i) => [i.number, i.open])).toEqual([
      ['H-1-INV', '0.00'],
      ['H-2-INV', '212.44'],
    ]);

    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'order,date,customer,warehouse,sku,qty,unit_price\nH-9,2025-06-01,C001,WH1,TEA-001,99999,180\nH-10,2025-06-01,NOPE,WH1,TEA-001,x,180\nH-11,2025-06-01,NOPE,WH1,TEA-001,1,180\nH-9,2025-06-01,C001,WH1,TEA-001,1,180\n',
    );
    const refused = t('import', 'sales-history', bad);
    expect(refused.code).toBe(3);
    expectGolden('import-history-bad.stderr.txt', refused.stderr);
    expect(t('check')).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('import sales history with the source system’s line amounts', () => {
  const header = '订单号,日期,客户,仓库,编码,数量,金额,税额,收货地区,收货地址,渠道,收款日期';
  const rows = [
    // C001 is in 华东 East: this order went to 西南 Southwest.
    'S-1,2025-06-01,C001,WH1,TEA-001,2,360.1234,,西南 Southwest,成都市武侯区,online,2025-06-20',
    'S-1,2025-06-01,C001,WH1,COF-002,1,55.0050,7.1549,,,,2025-06-20',
    'S-2,2025-06-02,C002,WH1,TEA-001,1,188.4449,,,,,',
    'S-3,2025-06-02,C001,WH1,COF-002,2,0.0050,,,,,',
  ];
  // Each line rounded half-up to cents once: 360.12 + 55.01 + 188.44 + 0.01.
  const net = 36_012 + 5_501 + 18_844 + 1;
  // VAT 13% of each line's cents unless the file gives it: 46.82 + 7.15 + 24.50 + 0.00.
  const tax = 4_682 + 715 + 2_450 + 0;

  it('posts the sum of the 4-decimal lines rounded half-up to cents, and reports by the order’s region', {
    timeout: 90_000,
  }, () => {
    const { dir, t } = scaleZeroBook();
    // A report before the import: the one after it syncs the analytics copy incrementally.
    expect(t('report', 'split', '--by', 'region', '-p', '2025', '--format', 'json').code).toBe(0);
    const file = join(dir, '销售历史.csv');
    writeFileSync(file, [header, ...rows, ''].join('\n'));
    const r = t('import', 'sales-history', file, '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ orders: 3, lines: 4, net, tax, unchanged: 0 });
    const invoices = JSON.parse(t('export', 'list', 'invoices', '--format', 'json').stdout).rows as Record<
      string,
      string
    >[];
    const sum = (key: string) =>
      invoices.filter((i) => i.kind === 'sales').reduce((a, i) => a + Math.round(Number(i[key]) * 100), 0);
    expect([sum('net'), sum('tax'), sum('gross')]).toEqual([net, tax, net + tax]);
    const profit = JSON.parse(t('report', 'profit', '-p', '2025', '--format', 'json').stdout).rows as Record<
      string,
      string
    >[];
    expect(Math.round(Number(profit[0]?.revenue) * 100)).toBe(net);
    const orders = JSON.parse(t('export', 'list', 'orders', '--format', 'json').stdout).rows as Record<
      string,
      string | null
    >[];
    expect(orders.map((o) => [o.number, o.ship_region, o.ship_address, o.channel])).toEqual([
      ['S-1', '西南 Southwest', '成都市武侯区', 'online'],
      ['S-2', null, null, 'online'],
      ['S-3', null, null, 'retail'],
    ]);

    const byRegion = (args: string[]) =>
      Object.fromEntries(
        (JSON.parse(t(...args, '-p', '2025', '--format', 'json').stdout).rows as Record<string, string>[]).map((x) => [
          x.region,
          x.net ?? x.shipped,
        ]),
      );
    const expected = { '西南 Southwest': '415.13', '华东 East': '188.45' };
    expect(byRegion(['report', 'split', '--by', 'region'])).toEqual(expected);
    expect(byRegion(['report', 'margin-lines', '--by', 'region'])).toEqual(expected);
    expect(byRegion(['query', '--measures', 'net', '--by', 'region'])).toEqual(expected);
    expect(byRegion(['query', '--fact', 'invoices', '--measures', 'net', '--by', 'region'])).toEqual(expected);
    expect(t('check')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('changes nothing when the same file is imported again', { timeout: 90_000 }, () => {
    const { dir, t } = scaleZeroBook();
    const file = join(dir, 'history.csv');
    writeFileSync(file, [header, ...rows, ''].join('\n'));
    expect(t('import', 'sales-history', file).code).toBe(0);
    const snapshot = () =>
      ['orders', 'invoices', 'stock']
        .map((list) => t('export', 'list', list, '--format', 'csv').stdout)
        .concat(t('report', 'trial-balance', '-p', '2025', '--format', 'csv').stdout);
    const before = snapshot();
    const again = t('import', 'sales-history', file, '--format', 'json');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ orders: 0, lines: 4, net: 0, unchanged: 3 });
    expect(snapshot()).toEqual(before);
  });

  it('refuses bad amounts and order fields naming file, row, column, value and rule, and changes nothing', () => {
    const { dir, t } = scaleZeroBook();
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      [
        header,
        'B-1,2025-07-01,C001,WH1,TEA-001,1,12.3x,,,,,',
        'B-2,2025-07-01,C001,WH1,TEA-001,1,,,,,,',
        'B-3,2025-07-01,C001,WH1,TEA-001,1,1.0000,,西南 Southwest,,,',
        'B-3,2025-07-01,C001,WH1,TEA-001,1,1.0000,,华北 North,,,',
        'B-4,2025-07-01,C001,WH1,TEA-001,1,-5.0000,,,,,',
        '',
      ].join('\n'),
    );
    const before = t('export', 'list', 'orders', '--format', 'csv').stdout;
    const refused = t('import', 'sales-history', bad);
    expect(refused.code).toBe(3);
    expect(refused.stderr.split('\n').slice(0, 4)).toEqual([
      'error: bad.csv row 2, column "金额", value "12.3x": must be an amount like 12.50 [money.format]',
      'error: bad.csv row 3, column "金额", empty: needs a line amount (amount 金额) or a unit price (unit_price 单价) [history.amount_missing]',
      'error: bad.csv row 5, column "收货地区", value "华北 North": order B-3 has lines with region 西南 Southwest and 华北 North [history.order_field]',
      'error: bad.csv row 6, column "金额", value "-5.0000": must not be negative [sales_history.amount.too_small]',
    ]);
    expect(t('export', 'list', 'orders', '--format', 'csv').stdout).toBe(before);
    expect(t('check')).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('import open orders', () => {
  it('places sales and purchase orders through the usual commands, all or nothing', () => {
    const { dir, t } = scaleZeroBook();
    const so = join(dir, 'so.csv');
    writeFileSync(
      so,
      '订单号,日期,客户,仓库,编码,数量,单价\nA1,2026-11-23,C001,WH1,TEA-001,5,\nA1,2026-11-23,C001,WH1,COF-002,2,50\nA2,2026-11-23,C002,WH1,TEA-002,3,\n',
    );
    expect(t('import', 'orders', so).stdout).toBe(
      `placed 2 sales orders from ${so}\n  A1 → SO-2026-000001 (needs approval: price.over_discount_authority)\n  A2 → SO-2026-000002 (pending review)\n`,
    );
    const po = join(dir, 'po.csv');
    writeFileSync(po, 'order,date,supplier,warehouse,sku,qty,price\nP1,2026-11-23,S01,WH1,TEA-001,24,112\n');
    expect(JSON.parse(t('import', 'purchase-orders', po, '--format', 'json').stdout).orders).toEqual([
      { ref: 'P1', number: 'PO-2026-000001', status: 'ordered' },
    ]);
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'order,date,customer,warehouse,sku,qty\nB1,2026-11-23,C001,WH1,TEA-001,5\nB2,2026-11-23,C001,WH1,NOPE,5\nB1,2026-11-23,C001,WH1,TEA-001,1\n',
    );
    const split = t('import', 'orders', bad);
    expect(split.code).toBe(3);
    expect(split.stderr).toContain('row 4, column "order", value "B1": appears again; keep an order\'s lines together');
    writeFileSync(
      bad,
      'order,date,customer,warehouse,sku,qty\nB1,2026-11-23,C001,WH1,TEA-001,5\nB2,2026-11-23,C001,WH1,NOPE,5\n',
    );
    const refused = t('import', 'orders', bad);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(
      'row 3, column "order", value "B2": lines.0.sku: no product NOPE [command.rejected]',
    );
    // B1 was fine but nothing landed: all or nothing.
    expect(JSON.parse(t('export', 'list', 'orders', '--format', 'json').stdout).rows).toHaveLength(2);
    expect(t('check')).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('import products with their rules', () => {
  it('sets every rule from the file, keeps what blank cells and absent columns leave, and refuses an unknown preferred supplier by row', () => {
    const { dir, t } = scaleZeroBook();
    const file = join(dir, 'rules.csv');
    writeFileSync(
      file,
      [
        '编码,最低价（元）,再订货点,再订货量,安全库存,采购提前期(天),首选供应商,最小起订量,包装数,批次管理,保质期天数,专属渠道,条码*',
        'TEA-001,150,30,60,12,10,S02,24,12,是,540,retail,6901234567892',
        'TEA-002,,,,,,,,,否,,,',
      ].join('\n'),
    );
    const dry = t('import', 'products', file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stderr).not.toContain('ignored');
    expect(dry.stdout).toMatch(/2 changed/);
    expect(dry.stdout).toContain('floorPrice: ');
    expect(dry.stdout).toContain('→ 150.00');
    for (const field of ['reorderPoint: ∅ → 30', 'shelfLifeDays: ∅ → 540', 'barcode: ∅ → 6901234567892'])
      expect(dry.stdout).toContain(field);
    expect(dry.stdout).toContain('exclusiveChannels: ∅ → ["retail"]');
    expect(t('import', 'products', file).code).toBe(0);
    const again = t('import', 'products', file, '--format', 'json');
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: [], updated: [], unchanged: 2 });
    // A file of one rule changes that rule only.
    const one = join(dir, 'lead.csv');
    writeFileSync(one, 'sku,lead_time_days\nTEA-001,14\n');
    expect(t('import', 'products', one, '--dry-run').stdout).toContain('~ TEA-001  leadTimeDays: 10 → 14');

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'sku,preferred_supplier,reorder_qty\nTEA-001,S02,70\nTEA-002,S99,5\n');
    const refused = t('import', 'products', bad);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(
      'bad.csv row 3, column "preferred_supplier", value "S99": no supplier S99 in the book; import suppliers first [product.preferredSupplier.unknown]',
    );
    expect(t('import', 'products', file, '--format', 'json').stdout).toContain('"unchanged": 2');
  });
});
