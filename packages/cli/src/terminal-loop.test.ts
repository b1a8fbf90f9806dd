import { describe, expect, it } from 'vitest';
import { bookAt, smallDemoBook, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();

describe('the loop from the terminal', () => {
  it('orders, requisitions, buys, receives, ships and invoices, with check clean after', () => {
    const db = bookAt(tempDir(), 'co.db');
    smallDemoBook(db);
    const t = (...args: string[]) => tradeloop([...args, '--db', db]);

    const placed = t(
      'place',
      'order',
      '--customer',
      'C001',
      '--warehouse',
      'WH1',
      '--date',
      '2026-11-23',
      '--line',
      'TEA-001:80',
      '--line',
      'COF-002:5',
    );
    expect(placed.code, placed.stderr).toBe(0);
    expect(placed.stdout).toMatch(/^SO-2026-000001 placed/);
    const approved = t('approve', 'order', 'SO-2026-000001');
    expect(approved.stdout).toBe('SO-2026-000001 awaiting shipment; short stock requisitioned: PR-2026-000001\n');
    const pos = t('create', 'pos', '--date', '2026-11-23', '--format', 'json');
    expect(JSON.parse(pos.stdout)).toEqual({ orders: ['PO-2026-000001'], unassigned: [] });
    const board = JSON.parse(t('report', 'board', '--as-of', '2026-11-23', '--format', 'json').stdout).rows as {
      order: string;
      status: string;
      po: string;
    }[];
    expect(board).toEqual([
      expect.objectContaining({
        order: 'SO-2026-000001',
        po: 'PO-2026-000001',
        status: expect.stringMatching(/^(on order|at risk)/),
      }),
    ]);
    const received = t('receive', 'po', 'PO-2026-000001', '--date', '2026-11-25');
    expect(received.stdout).toBe('GR-2026-000001 received; PO-2026-000001 received\n  → SO-2026-000001 line 1: 74\n');
    const shipped = t(
      'ship',
      'order',
      'SO-2026-000001',
      '--date',
      '2026-11-26',
      '--carrier',
      '顺丰',
      '--tracking',
      'SF0001',
    );
    expect(shipped.stdout).toMatch(/^SH-2026-000001 shipped at cost [\d,.]+; SO-2026-000001 shipped\n$/);
    const invoiced = t(
      'invoice',
      'order',
      'SO-2026-000001',
      '--date',
      '2026-11-26',
      '--vat',
      'special',
      '--format',
      'json',
    );
    expect(JSON.parse(invoiced.stdout)).toMatchObject({ invoice: 'INV-2026-000001', status: 'completed' });
    expect(t('invoice', 'po', 'PO-2026-000001', '--date', '2026-11-27').code).toBe(0);
    expect(t('check')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('refuses bad input with exit 3 or 2 and names the rule', () => {
    const db = bookAt(tempDir(), 'co.db');
    smallDemoBook(db);
    const t = (...args: string[]) => tradeloop([...args, '--db', db]);
    const noStock = t(
      'transfer',
      'stock',
      '--from',
      'WH1',
      '--to',
      'WH2',
      '--date',
      '2026-11-23',
      '--line',
      'TEA-001:9999',
    );
    expect(noStock.code).toBe(3);
    expect(noStock.stderr).toContain('[command.rejected]');
    const badLine = t(
      'place',
      'order',
      '--customer',
      'C001',
      '--warehouse',
      'WH1',
      '--date',
      '2026-11-23',
      '--line',
      'TEA-001',
    );
    expect(badLine.code).toBe(2);
    expect(badLine.stderr).toContain('--line "TEA-001": must be SKU:QTY or SKU:QTY@PRICE');
    const badDate = t('create', 'pos', '--date', '2026-02-30');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--date "2026-02-30": must be a date like 2026-03-05');
    const unknown = t('approve', 'order', 'SO-2099-000001');
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('no sales order SO-2099-000001');
    expect(t('run', 'nonsense').code).toBe(2);
  });
});
