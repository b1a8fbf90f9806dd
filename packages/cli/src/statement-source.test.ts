import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputRejected, readStatementFile } from '@tradeloop/store';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, useTempDir } from './test-support.js';

const tempDir = useTempDir();
const statement = (name: string) => join(FIXTURES, 'import/statements', name);

type Expected = [
  row: number,
  date: string,
  direction: string,
  kind: string,
  gross: number,
  fee: number,
  net: number,
  reasonOrStatus: string,
  counterparty: string,
  memo: string,
  references: string,
];

/**
 * Each layout as banks and wallets write it: preambles, footers, padded cells, `="…"` and
 * tab-suffixed ids, bare quotes inside cells, GBK, signed and bracketed amounts, fee columns,
 * closed and refunded statuses, own-account transfers. Every line written out.
 */
const LAYOUTS: [file: string, layout: string, lines: Expected[]][] = [
  [
    'abc-personal.csv',
    'abc-personal',
    [
      [4, '2026-11-18', 'in', 'trade', 88000, 0, 88000, '', '宁波小商品批发部', '货款 转账', ''],
      [5, '2026-11-19', 'out', 'trade', 109900, 0, -109900, '', '京东商城', '办公设备 消费', ''],
      [6, '2026-11-20', 'out', 'trade', 5000, 0, -5000, '', '顺丰速运', '运费 消费', ''],
    ],
  ],
  [
    'alipay-classic-gbk.csv',
    'alipay-classic',
    [
      [
        6,
        '2026-11-18',
        'in',
        'trade',
        88000,
        528,
        87472,
        '交易成功',
        '宁波小商品批发部',
        '货款 INV-2026-000005',
        '2026111822001400001',
      ],
      [
        7,
        '2026-11-19',
        'out',
        'trade',
        5850,
        0,
        -5850,
        '交易成功',
        '某超市',
        '办公用品',
        '2026111922001400002 T200P000000001',
      ],
      [
        8,
        '2026-11-20',
        'none',
        'transfer',
        100000,
        0,
        0,
        'internal',
        '余额宝',
        '余额宝-自动转入',
        '2026112022001400003',
      ],
      [9, '2026-11-21', 'none', 'trade', 30000, 0, 0, 'closed', '杭州新茶商贸有限公司', '货款', '2026112122001400004'],
      [
        10,
        '2026-11-22',
        'out',
        'refund',
        12000,
        0,
        -12000,
        '退款成功',
        '上海悦茶餐饮管理有限公司',
        '退款-茶叶',
        '2026112222001400005',
      ],
    ],
  ],
  [
    'alipay-merchant.csv',
    'alipay-merchant',
    [
      [
        6,
        '2026-11-18',
        'in',
        'trade',
        120000,
        0,
        120000,
        '',
        'buyer@example.com',
        '茶叶礼盒',
        '2026111800000000000001 SO-2026-000003',
      ],
      [
        7,
        '2026-11-18',
        'out',
        'fee',
        0,
        720,
        -720,
        '',
        '',
        '茶叶礼盒 服务费[2026111822001400010]',
        '2026111800000000000002 SO-2026-000003',
      ],
      [
        8,
        '2026-11-19',
        'none',
        'transfer',
        100000,
        0,
        0,
        'internal',
        '华东贸易有限公司(6222****1234)',
        '提现',
        '2026111900000000000003',
      ],
    ],
  ],
  [
    'bank-signed.csv',
    'bank',
    [
      [2, '2026-11-18', 'in', 'trade', 226000, 0, 226000, '', '杭州新茶商贸有限公司', '货款 INV-2026-000003', 'B001'],
      [3, '2026-11-19', 'out', 'refund', 96951, 0, -96951, '', '杭州新茶商贸有限公司', '退货退款', 'B002'],
      [4, '2026-11-20', 'out', 'trade', 109900, 0, -109900, '', '京东商城', '办公设备', 'B003'],
      [5, '2026-11-21', 'out', 'trade', 5000, 0, -5000, '', '顺丰速运', '运费', 'B004'],
    ],
  ],
  [
    'boc.csv',
    'boc',
    [
      [2, '2026-11-18', 'in', 'trade', 120000, 0, 120000, '', '上海悦茶餐饮管理有限公司', 'SO-2026-000003 预付', ''],
      [3, '2026-11-19', 'out', 'trade', 30000, 0, -30000, '', '宁波茶叶供应有限公司', '货款', ''],
    ],
  ],
  [
    'bocom.csv',
    'bocom',
    [
      [2, '2026-11-18', 'in', 'trade', 151860, 0, 151860, '', '南方食品商行', '付INV-2026-000001', ''],
      [3, '2026-11-19', 'out', 'trade', 20000, 0, -20000, '', '顺丰速运有限公司', '运费', ''],
    ],
  ],
  [
    'ccb-corporate.csv',
    'ccb',
    [
      [
        2,
        '2026-11-18',
        'in',
        'trade',
        151860,
        0,
        151860,
        '',
        '南方食品商行',
        '转账 付 INV-2026-000001',
        '3305016100000000000120261118000001',
      ],
      [
        3,
        '2026-11-19',
        'out',
        'trade',
        300000,
        0,
        -300000,
        '',
        '宁波茶叶供应有限公司',
        '转账 PINV-2026-000002',
        '3305016100000000000120261119000002',
      ],
    ],
  ],
  [
    'cmb.csv',
    'cmb',
    [
      [4, '2026-11-18', 'in', 'trade', 226000, 0, 226000, '', '杭州新茶商贸有限公司', 'INV-2026-000003', ''],
      [5, '2026-11-18', 'out', 'fee', 0, 500, -500, '', '', '跨行汇款手续费', ''],
      [6, '2026-11-19', 'out', 'trade', 100000, 0, -100000, '', '宁波茶叶供应有限公司', '货款', ''],
      [7, '2026-11-20', 'none', 'transfer', 80000, 0, 0, 'internal', '财付通支付科技有限公司', '微信提现', ''],
    ],
  ],
  [
    'icbc-corporate-gbk.csv',
    'icbc',
    [
      [5, '2026-11-18', 'in', 'trade', 226000, 0, 226000, '', '杭州新茶商贸有限公司', '货款 INV-2026-000003', '0001'],
      [6, '2026-11-19', 'out', 'trade', 19900, 0, -19900, '', '中国电信股份有限公司', '电话费', '0002'],
      [7, '2026-11-20', 'none', 'transfer', 500000, 0, 0, 'internal', '华东贸易有限公司', '转账 调拨资金', '0003'],
    ],
  ],
  [
    'wechat-merchant.csv',
    'wechat-merchant',
    [
      [
        2,
        '2026-11-18',
        'in',
        'trade',
        120000,
        720,
        119280,
        'SUCCESS',
        '',
        '茶叶礼盒',
        '4200002026111800001 SO-2026-000003',
      ],
      [3, '2026-11-19', 'out', 'refund', 30000, 0, -30000, 'REFUND', '', '茶叶', '4200002026111900002 SO-2026-000004'],
    ],
  ],
  [
    'wechat-personal.csv',
    'wechat',
    [
      [
        16,
        '2026-11-20',
        'in',
        'trade',
        151860,
        0,
        151860,
        '已存入零钱',
        '杭州新茶商贸有限公司',
        '货款 INV-2026-000001',
        '1000050001202611200001',
      ],
      [17, '2026-11-21', 'none', 'trade', 24000, 0, 0, 'refunded', '张伟', '茶叶', '1000050001202611210002'],
      [18, '2026-11-21', 'none', 'refund', 24000, 0, 0, 'refunded', '张伟', '茶叶', '1000050001202611210003'],
      [
        19,
        '2026-11-22',
        'out',
        'trade',
        3600,
        0,
        -3600,
        '支付成功',
        '拼多多平台商户',
        '打开拼多多，点击底部"多多视频"',
        '4200002026112200003 2026112200001',
      ],
      [20, '2026-11-23', 'in', 'refund', 2000, 0, 2000, '已退款', '某文具店', '退货', '5000002026112300004'],
      [21, '2026-11-24', 'in', 'trade', 56000, 336, 55664, '已存入零钱', '李娜', '茶叶礼盒', '1000050001202611240005'],
      [22, '2026-11-25', 'none', 'transfer', 50000, 0, 0, 'internal', '招商银行(1234)', '', '1100000001202611250006'],
    ],
  ],
];

describe('statement files as banks and wallets export them', () => {
  it.each(LAYOUTS)('%s reads as %s, line by line', async (file, layout, lines) => {
    const read = await readStatementFile(statement(file), { ownNames: ['华东贸易有限公司'] });
    expect(read.rejections).toEqual([]);
    expect(read.layout.id).toBe(layout);
    expect(
      read.lines.map(({ row, entry: e }) => [
        row,
        e.date,
        e.direction,
        e.kind,
        e.gross,
        e.fee,
        e.net,
        e.reason ?? e.status,
        e.counterparty,
        e.memo,
        e.references.join(' '),
      ]),
    ).toEqual(lines);
  });

  it('refuses a file no layout fits, naming the layouts tried and the header seen', async () => {
    const file = join(tempDir(), 'odd.csv');
    writeFileSync(file, '导出说明\n记账日,发生额,户名\n2026-11-01,10.00,张三\n');
    const error = await readStatementFile(file, { source: 'bank' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputRejected);
    const [r] = (error as InputRejected).rejections;
    expect(r).toMatchObject({ file: 'odd.csv', row: 2, value: '记账日, 发生额, 户名', rule: 'statement.layout' });
    expect(r?.message).toContain('layouts tried: 工商银行 (ICBC);');
    expect(r?.message).toContain('招商银行 (CMB)');
  });

  it('refuses a row whose amount is no amount, naming row, column and value; the rest reads', async () => {
    const file = join(tempDir(), 'bad.csv');
    writeFileSync(file, '日期,对方户名,金额,摘要\n2026-11-01,张三,12.5x,货款\n2026-11-02,李四,8.00,货款\n');
    const read = await readStatementFile(file);
    expect(read.rejections).toEqual([
      {
        file: 'bad.csv',
        row: 2,
        column: '金额',
        value: '12.5x',
        rule: 'money.format',
        message: 'must be an amount like 12.50',
      },
    ]);
    expect(read.lines.map((l) => l.entry.gross)).toEqual([800]);
  });

  it('reads an XLSX export: dates as dates, amounts as numbers, a preamble above', async () => {
    const file = join(tempDir(), 'ccb.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('明细');
    ws.addRow(['中国建设银行账户明细']);
    ws.addRow(['交易日期', '记账日期', '支出', '收入', '账户余额', '币种', '摘要', '对方账号', '对方户名']);
    ws.addRow([
      new Date(Date.UTC(2026, 10, 18)),
      '20261118',
      null,
      1518.6,
      11518.6,
      '人民币',
      '转账',
      '6217',
      '南方食品商行',
    ]);
    ws.addRow([new Date(Date.UTC(2026, 10, 19)), '20261119', 199, null, 11319.6, '人民币', '电话费', '', '中国电信']);
    await wb.xlsx.writeFile(file);
    const read = await readStatementFile(file);
    expect(read.layout.id).toBe('bank');
    expect(read.lines.map(({ row, entry: e }) => [row, e.date, e.direction, e.gross, e.counterparty, e.memo])).toEqual([
      [3, '2026-11-18', 'in', 151_860, '南方食品商行', '转账'],
      [4, '2026-11-19', 'out', 19_900, '中国电信', '电话费'],
    ]);
  });

  it('reads a mapped layout when the columns have names of their own', async () => {
    const dir = tempDir();
    const file = join(dir, 'own.csv');
    const map = join(dir, 'map.json');
    writeFileSync(file, '记账日,贷方,借方,户名\n2026-11-01,10.00,,张三\n2026-11-02,,3.00,李四\n');
    writeFileSync(map, JSON.stringify({ date: '记账日', in: '贷方', out: '借方', counterparty: '户名' }));
    const read = await readStatementFile(file, { map });
    expect(read.lines.map((l) => [l.entry.direction, l.entry.net, l.entry.counterparty])).toEqual([
      ['in', 1000, '张三'],
      ['out', -300, '李四'],
    ]);
  });
});
