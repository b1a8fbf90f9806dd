import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallDemoBook, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();

const SECRET_CUSTOMER = 'SENTINEL-客户';
const SECRET_COST = '777.77';

/** Everything a user can ask of the book from the command line that reads it. */
const READS: readonly string[][] = [
  ...[
    'customers',
    'contacts',
    'targets',
    'suppliers',
    'orders',
    'invoices',
    'purchase-orders',
    'salespeople',
    'warehouses',
    'price-lists',
    'promotions',
    'requisitions',
    'shipments',
    'receipts',
    'payments',
    'statement',
    'alerts',
    'stock',
  ].map((list) => ['export', 'list', list, '-f', 'json']),
  ['export', 'products', '-f', 'json'],
  ['report', 'aging', '-f', 'json'],
  ['report', 'aging', '--by', 'salesperson', '-f', 'json'],
  ['report', 'sales', '-p', '2026', '-f', 'json'],
  ['report', 'margin', '-p', '2026', '-f', 'json'],
  ['report', 'top', '--by', 'customer', '-p', '2026', '-f', 'json'],
  ['report', 'products', '-f', 'json'],
  ['report', 'stock', '-f', 'json'],
  ['report', 'rfm', '-f', 'json'],
  ['query', '--sql', 'select * from customers', '-f', 'json'],
  ['query', '--sql', 'select * from products', '-f', 'json'],
];

describe('what each role reads', () => {
  it('never shows a role a customer outside its scope or a cost it may not see', () => {
    const dir = tempDir();
    const db = join(dir, 'co.db');
    smallDemoBook(db);
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const env = { TRADELOOP_SESSIONS: join(dir, 'sessions.json') };
    const t = (...args: string[]) => {
      const r = tradeloop([...args, '--db', db], { env });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return r.stdout;
    };
    // The sentinels: chen's customer SPY, with orders, and a product whose cost is 777.77.
    t(
      'import',
      'products',
      file('p.csv', `编码,名称,类别,售价,成本,税率\nSENT-1,哨兵,茶叶,999.00,${SECRET_COST},13\n`),
    );
    t('create', 'customer', 'SPY', '--name', SECRET_CUSTOMER);
    t('claim', 'customer', 'SPY', '--as', 'chen');
    const placed = JSON.parse(
      t('place', 'order', '--customer', 'SPY', '--warehouse', 'WH1', '--line', 'TEA-001:1', '-f', 'json'),
    ) as { number: string };
    t('approve', 'order', placed.number);
    // Invoiced orders of SPY and of lin's C001: the aging and sales reports have figures of both.
    const mineToo = JSON.parse(
      t('place', 'order', '--customer', 'C001', '--warehouse', 'WH1', '--line', 'TEA-003:2', '-f', 'json'),
    ) as { number: string };
    t('approve', 'order', mineToo.number);
    for (const n of [placed.number, mineToo.number]) {
      t('ship', 'order', n);
      t('invoice', 'order', n);
    }
    // A second order for it waits for approval: in the inbox of who may see it, and nobody else's.
    const waiting = JSON.parse(
      t('place', 'order', '--customer', 'SPY', '--warehouse', 'WH1', '--line', 'TEA-001:1', '-f', 'json'),
    ) as { number: string };
    const reads = [
      ...READS,
      ['approvals', '--all', '-f', 'json'],
      ['approvals', 'history', placed.number, '-f', 'json'],
      ['approvals', 'history', waiting.number, '-f', 'json'],
    ];
    // People: an owner who signs in, then a token for each role.
    const pw = file('pw', 'a long password 1\n');
    t('user', 'add', 'boss', '--role', 'owner', '--password-file', pw);
    t('login', 'boss', '--password-file', pw);
    t('user', 'add', 'pur', '--role', 'purchasing', '--password-file', pw);
    t('user', 'add', 'wh', '--role', 'warehouse', '--password-file', pw);
    t('user', 'add', 'acc', '--role', 'accountant', '--password-file', pw);
    t('user', 'add', 'aud', '--role', 'auditor', '--password-file', pw);
    t('user', 'add', 'buyer', '--role', 'customer', '--customer', 'C001', '--password-file', pw);
    const token = (user: string) =>
      (JSON.parse(t('token', 'create', user, '--days', '1', '-f', 'json')) as { token: string }).token;
    const roles = {
      owner: token('boss'),
      accountant: token('acc'),
      auditor: token('aud'),
      purchasing: token('pur'),
      warehouse: token('wh'),
      sales_manager: token('zhao'),
      salesperson: token('lin'),
      customer: token('buyer'),
    };
    const seen = (tokenOf: string) => {
      let out = '';
      let refused = 0;
      for (const args of reads) {
        const r = tradeloop([...args, '--db', db], {
          env: { TRADELOOP_TOKEN: tokenOf, TRADELOOP_SESSIONS: join(dir, 'none.json') },
        });
        if (r.code === 0) out += r.stdout;
        else {
          // A refusal is a clear one, never a failure or a partial answer.
          expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(3);
          expect(r.stderr).toMatch(/\[permission\.(denied|scope)\]/);
          expect(r.stdout).toBe('');
          refused++;
        }
      }
      return { out, refused };
    };
    const expectations: Record<keyof typeof roles, { customer: boolean; cost: boolean }> = {
      owner: { customer: true, cost: true },
      accountant: { customer: true, cost: true },
      auditor: { customer: true, cost: true },
      purchasing: { customer: true, cost: true },
      warehouse: { customer: true, cost: false },
      sales_manager: { customer: false, cost: false },
      salesperson: { customer: false, cost: false },
      customer: { customer: false, cost: false },
    };
    for (const [role, tokenOf] of Object.entries(roles) as [keyof typeof roles, string][]) {
      const { out, refused } = seen(tokenOf);
      const want = expectations[role];
      expect(out.includes(SECRET_CUSTOMER), `${role} sees ${SECRET_CUSTOMER}`).toBe(want.customer);
      // Lists that name customers by code (orders, approvals) leak by the code.
      expect(out.includes('"SPY"'), `${role} sees the customer SPY`).toBe(want.customer);
      expect(out.includes(SECRET_COST), `${role} sees the cost ${SECRET_COST}`).toBe(want.cost);
      if (role === 'owner') expect(refused).toBe(0);
      // Limited roles still read their own.
      if (role === 'salesperson') expect(out).toContain('"salesperson": "lin"');
    }

    // A salesperson's reports are their own customers' figures: every customer in their aging and
    // top customers is theirs, and their aging adds up to what their own open invoices say.
    const asLin = (...args: string[]) => {
      const r = tradeloop([...args, '--db', db], {
        env: { TRADELOOP_TOKEN: roles.salesperson, TRADELOOP_SESSIONS: join(dir, 'none.json') },
      });
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { rows: Record<string, unknown>[]; totals?: Record<string, unknown> };
    };
    const own = new Set(asLin('export', 'list', 'customers', '-f', 'json').rows.map((c) => c.code));
    const aging = asLin('report', 'aging', '-f', 'json');
    const top = asLin('report', 'top', '--by', 'customer', '-n', '100', '-f', 'json');
    expect(aging.rows.map((r) => r.customer)).toEqual(['C001']);
    expect(top.rows.length).toBeGreaterThan(0);
    for (const row of top.rows) expect(own, String(row.customer)).toContain(row.customer);
    const openInvoices = asLin('export', 'list', 'invoices', '-f', 'json')
      .rows.map((i) => Number(i.open))
      .reduce((a, b) => a + b, 0);
    expect(openInvoices).toBeGreaterThan(0);
    expect(Number(aging.totals?.outstanding)).toBeCloseTo(openInvoices, 2);
  }, 120_000);
});
