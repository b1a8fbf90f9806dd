import { join } from 'node:path';
import { todayIn } from '@tradeloop/core';
import { describe, expect, it } from 'vitest';
import { smallDemoBook, tradeloopInProcess, useTempDir } from './test-support.js';

const tempDir = useTempDir();

/** A command with one bad option value, and the usage error it must give. */
const CASES: [args: string[], message: string][] = [
  [['report', 'journal', '--limit', 'abc'], '--limit "abc": must be a whole number ≥ 1'],
  [['report', 'top', '-n', '0'], '--top "0": must be a whole number ≥ 1'],
  [['report', 'slow-movers', '--days', 'ten'], '--days "ten": must be a whole number ≥ 0'],
  [['report', 'aging', '--as-of', '2026-02-30'], '--as-of "2026-02-30": must be a date like 2026-03-05'],
  [['report', 'aging', '--buckets', '60,30'], '--buckets "60,30": must be whole days in rising order, like 30,60,90'],
  [['report', 'profit', '-p', '2026Q5'], '--period "2026Q5": must be a period like 2026, 2026Q1'],
  [['report', 'sales', '--chart', 'sales.gif'], '--chart "sales.gif": charts are .svg or .png files'],
  [['report', 'products', '--depth', '1.5'], '--depth "1.5": must be a whole number ≥ 1'],
  [['query', '--measures', 'net', '--limit', '-'], '--limit "-": must be a whole number ≥ 1'],
  [
    ['place', 'order', '--customer', 'C001', '--warehouse', 'WH1', '--line', 'TEA-001'],
    '--line "TEA-001": must be SKU:QTY or SKU:QTY@PRICE',
  ],
  [
    ['place', 'order', '--customer', 'C001', '--warehouse', 'WH1', '--line', 'TEA-001:2', '--line', 'TEA-002:x'],
    '--line "TEA-002:x": must be a positive quantity like 12 or 2.5',
  ],
  [['pay', 'supplier', 'S01', '--amount', '12,5'], '--amount "12,5": must be an amount like 12.50'],
  [['receive', 'po', 'PO-2026-000001', '--line', '1:5:B1:2026-02-30'], '--line "1:5:B1:2026-02-30": must be a date'],
  [
    ['quote', 'rfq', 'RFQ-2026-000001', '--supplier', 'S01', '--price', '9', '--lead-days', 'soon'],
    '--lead-days "soon": must be a whole number ≥ 0',
  ],
  [['create', 'rfq', '--sku', 'TEA-002', '--qty', '2'], '--warehouse: required unless --requisition is given'],
  [['create', 'rfq', '--requisition', 'PR-2026-000001', '--qty', '2'], '--qty "2": comes from --requisition'],
  [['match', 'statement', '--min-confidence', '150'], '--min-confidence "150": must be a whole number from 0 to 100'],
  [['ship', 'order', 'SO-2026-000001', '--date', 'tomorrow'], '--date "tomorrow": must be a date like 2026-03-05'],
  [['run', 'alerts', '--today', '2026-13-01'], '--today "2026-13-01": must be a date like 2026-03-05'],
  [['run', 'commission', '-p', 'soon'], '--period "soon": must be a period like'],
  [['check', '--format', 'xml'], '--format "xml": must be one of text, json'],
  [['audit', '-p', 'someday'], '--period "someday": must be a period like'],
  [['serve', '--port', '70000'], '--port "70000": must be a whole number from 0 to 65535'],
];

describe('option values', () => {
  it('are read by each command’s schema: a bad one is exit 2 naming the option, the value and the rule', async () => {
    const db = join(tempDir(), 'co.db');
    smallDemoBook(db);
    for (const [args, message] of CASES) {
      const r = await tradeloopInProcess([...args, '--db', db]);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(`error: ${message}`);
      expect(r.stderr, args.join(' ')).toContain('[usage.value]');
      expect(r.stdout, args.join(' ')).toBe('');
    }
    // Checked before the book is made: a bad value leaves nothing behind.
    const fresh = join(tempDir(), 'new.db');
    const zone = await tradeloopInProcess(['init', '--time-zone', 'Mars/Olympus', '--db', fresh]);
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('--time-zone "Mars/Olympus": must be a time zone like Asia/Shanghai');
    expect((await tradeloopInProcess(['check', '--db', fresh])).stderr).toContain('[book.not_found]');
  }, 60_000);

  it('date documents today, in the book’s time zone, when --date is left out', async () => {
    const db = join(tempDir(), 'co.db');
    smallDemoBook(db);
    const placed = await tradeloopInProcess([
      'place',
      'order',
      '--customer',
      'C001',
      '--warehouse',
      'WH1',
      '--line',
      'TEA-001:2',
      '--format',
      'json',
      '--db',
      db,
    ]);
    expect(placed.code, placed.stderr).toBe(0);
    const orders = JSON.parse(
      (await tradeloopInProcess(['export', 'list', 'orders', '-f', 'json', '--db', db])).stdout,
    );
    expect(orders.rows).toEqual([
      expect.objectContaining({
        number: JSON.parse(placed.stdout).number,
        order_date: todayIn('Asia/Shanghai', new Date()),
      }),
    ]);
  }, 60_000);
});
