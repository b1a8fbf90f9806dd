import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallDemoBook, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();

describe('the demo company', () => {
  it('grows by bulk sales history before its live years, and refuses a count it cannot read', () => {
    const dir = tempDir();
    const db = join(dir, 'big.db');
    const r = tradeloop(['init', '--demo', '--scale', '0', '--history', '3,000', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/, and 3000 lines of sales history before them\n$/);
    expect(tradeloop(['check', '--db', db])).toEqual({ code: 0, stdout: '', stderr: '' });
    const counted = tradeloop([
      'query',
      '--sql',
      "select count(*) as lines, count(distinct order_number) > 600 as orders, max(date) < '2024-12-01' as before from order_lines where order_number like 'HIS-%'",
      '--format',
      'csv',
      '--db',
      db,
    ]);
    expect(counted.stdout).toBe('lines,orders,before\n3000,true,true\n');
    const bad = tradeloop(['init', '--demo', '--history', 'lots', '--db', join(dir, 'none.db')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--history "lots": must be a whole number like 1000000');
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
  });

  it('reads a book anew when another book takes its file, as after a restore', () => {
    const dir = tempDir();
    const db = join(dir, 'co.db');
    const t = (...args: string[]) => {
      const r = tradeloop([...args, '--db', db]);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const aging = (path: string) =>
      tradeloop(['report', 'aging', '--as-of', '2026-11-30', '--format', 'csv', '--db', path]).stdout;
    // The first company has sold on credit: one invoice open.
    smallDemoBook(db);
    const order = JSON.parse(
      t(
        'place',
        'order',
        '--customer',
        'C001',
        '--warehouse',
        'WH1',
        '--date',
        '2026-11-02',
        '--line',
        'TEA-001:1',
        '-f',
        'json',
      ),
    ) as { number: string };
    t('approve', 'order', order.number);
    t('ship', 'order', order.number, '--date', '2026-11-02');
    t('invoice', 'order', order.number, '--date', '2026-11-02');
    const first = aging(db);
    expect(first).toContain('C001');
    // Another company in the same file; the analytics store beside it was synced from the first.
    rmSync(db);
    smallDemoBook(db);
    const other = join(tempDir(), 'other.db');
    copyFileSync(db, other);
    expect(aging(db)).toBe(aging(other));
    expect(aging(db)).not.toBe(first);
  });
});
