import { describe, expect, it } from 'vitest';
import { bookAt, readBook, smallDemoBook, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();

function book() {
  const db = bookAt(tempDir(), 'co.db');
  smallDemoBook(db);
  return Object.assign((...args: string[]) => tradeloop([...args, '--db', db]), { db });
}

const read = <T>(db: string, sql: string): T => readBook<T>(db, sql)[0] as T;

describe('returns to a supplier and zero counts from the terminal', () => {
  it('returns received goods to the supplier with a debit note; too much is refused and nothing changes', () => {
    const t = book();
    t('place', 'order', '--customer', 'C001', '--warehouse', 'WH1', '--date', '2026-11-23', '--line', 'TEA-001:80');
    t('approve', 'order', 'SO-2026-000001');
    t('create', 'pos', '--date', '2026-11-23');
    t('receive', 'po', 'PO-2026-000001', '--date', '2026-11-25');
    t('invoice', 'po', 'PO-2026-000001', '--date', '2026-11-26');
    const { received, reserved: held } = read<{ received: number; reserved: number }>(
      t.db,
      `select l.received_qty as received, b.reserved from purchase_order_lines l
       join stock_balances b on b.product_id = l.product_id where l.po_id = 1 and l.line_no = 1`,
    );
    const onHand = read<{ q: number }>(
      t.db,
      'select on_hand as q from stock_balances b join purchase_order_lines l on l.product_id = b.product_id where l.po_id = 1 and l.line_no = 1',
    ).q;
    // What the sales order holds is reserved: only the rest is free to go back.
    const free = Math.min(received, onHand - held) / 1000;
    expect(free).toBeGreaterThan(1);
    const moves = () => read<{ n: number }>(t.db, 'select count(*) as n from stock_moves').n;
    const before = moves();
    const too = t('return', 'po', 'PO-2026-000001', '--line', `1:${received / 1000 + 1}`, '--date', '2026-11-27');
    expect(too.code).toBe(3);
    expect(too.stderr).toMatch(/can be returned/);
    const reserved = t('return', 'po', 'PO-2026-000001', '--line', `1:${free + 0.5}`, '--date', '2026-11-27');
    expect(reserved.code).toBe(3);
    expect(reserved.stderr).toMatch(/reserved for orders/);
    expect(moves()).toBe(before);
    expect(t('check').code).toBe(0);
    const r = t(
      'return',
      'po',
      'PO-2026-000001',
      '--line',
      '1:1',
      '--reason',
      '破损',
      '--date',
      '2026-11-27',
      '-f',
      'json',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ debitNote: 'DN-2026-000001' });
    expect(JSON.parse(r.stdout).credit).toBeGreaterThan(0);
    const checked = t('check');
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.code).toBe(0);
  });

  it('takes a counted zero: the empty shelf is written off when the count is posted', () => {
    const t = book();
    const started = t('start', 'count', '--warehouse', 'WH1', '--date', '2026-11-30', '-f', 'json');
    expect(started.code, started.stderr).toBe(0);
    const { count } = JSON.parse(started.stdout);
    expect(t('enter', 'count', count, '--line', 'TEA-001:-1').code).toBe(2);
    const entered = t('enter', 'count', count, '--line', 'TEA-001:0');
    expect(entered.code, entered.stderr).toBe(0);
    const posted = t('post', 'count', count, '--date', '2026-11-30', '-f', 'json');
    expect(posted.code, posted.stderr).toBe(0);
    const tea = JSON.parse(posted.stdout).lines.find((l: { sku: string }) => l.sku === 'TEA-001');
    expect(tea.counted).toBe(0);
    expect(tea.difference).toBe(-tea.book);
    expect(tea.value).toBeLessThan(0);
    expect(t('check').code).toBe(0);
  });
});
