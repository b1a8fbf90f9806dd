import { describe, expect, it } from 'vitest';
import { bookAt, smallDemoBook, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();

describe('tradeloop amend order', () => {
  it('changes, adds and removes lines of an order before it ships; bad input changes nothing', () => {
    const db = bookAt(tempDir(), 'co.db');
    smallDemoBook(db);
    const t = (...args: string[]) => tradeloop([...args, '--db', db]);
    const ok = (...args: string[]) => {
      const r = t(...args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return r.stdout;
    };
    const placed = JSON.parse(
      ok(
        'place',
        'order',
        '--customer',
        'C001',
        '--warehouse',
        'WH1',
        '--date',
        '2026-03-02',
        '--line',
        'CLN-001:2',
        '-f',
        'json',
      ),
    );
    const so = placed.number as string;
    ok('approve', 'order', so);
    const before = ok('export', 'list', 'orders', '-f', 'json');

    // An unknown line, a zero quantity (a line is removed with --remove) and a line that is not
    // there to remove are refused with exit 3; a malformed --set is a usage error (exit 2).
    for (const bad of [
      ['--set', '9:4'],
      ['--set', '1:0'],
      ['--remove', '9'],
      ['--line', 'NOPE-1:1'],
    ]) {
      const r = t('amend', 'order', so, ...bad);
      expect(r.code, `${bad.join(' ')}: ${r.stderr}`).toBe(3);
    }
    expect(t('amend', 'order', so, '--set', 'one').code).toBe(2);
    expect(t('amend', 'order', so, '--set', '1:0').stderr).toContain('must be positive; remove line 1 instead');
    expect(ok('export', 'list', 'orders', '-f', 'json')).toBe(before);

    const amended = JSON.parse(
      ok('amend', 'order', so, '--set', '1:3', '--line', 'CLN-001-6:1', '--promise', '2026-03-20', '-f', 'json'),
    );
    expect(amended).toMatchObject({
      number: so,
      lines: [
        { lineNo: 1, qty: 3000 },
        { lineNo: 2, sku: 'CLN-001-6', qty: 1000 },
      ],
    });
    expect(amended.gross).toBeGreaterThan(0);
    expect(ok('amend', 'order', so, '--remove', '2')).toContain(`${so} amended`);
    expect(ok('export', 'list', 'orders', '-f', 'json')).not.toBe(before);

    // The audit trail shows what changed on the order.
    const audit = ok('audit', '--record', so, '-f', 'json');
    expect(audit).toContain('amendSalesOrder');
    expect(audit).toContain('CLN-001-6');
  });
});
