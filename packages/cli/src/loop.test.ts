import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoInit, demoBookCopy } from '../../../scripts/demo-book.js';
import { expectGolden, tradeloop } from './test-support.js';

describe('the demo company', () => {
  describe('built in full', () => {
    // One full demo book (two years through the real commands) serves every test below.
    let dir = '';
    let db = '';
    let init: DemoInit;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'tradeloop-demo-'));
      db = join(dir, 'demo.db');
      init = await demoBookCopy(db);
    }, 240_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is built deterministically through the real commands and passes check', () => {
      const r = init;
      expect(r.code, r.stderr).toBe(0);
      expectGolden('init-demo.txt', r.stdout);
      const check = tradeloop(['check', '--db', db]);
      expect(check).toEqual({ code: 0, stdout: '', stderr: '' });
      // The two years hold a posted stock count with gains and losses, and customer returns.
      const raw = new Database(db, { readonly: true });
      expect(raw.prepare("select count(*) from stock_counts where status = 'posted'").pluck().get()).toBe(1);
      const moveKinds = raw.prepare('select distinct kind from stock_moves').pluck().all();
      raw.close();
      expect(moveKinds).toEqual(expect.arrayContaining(['count_gain', 'count_loss', 'return_in']));
      const alerts = tradeloop(['run', 'alerts', '--today', '2026-11-21', '--format', 'json', '--db', db]);
      expect(alerts.code).toBe(0);
      const kinds = new Set((JSON.parse(alerts.stdout).alerts as { kind: string }[]).map((a) => a.kind));
      expect([...kinds].sort()).toEqual(expect.arrayContaining(['overdue_receivable']));
      // Plain log lines on stderr, no colour codes, when not on a terminal.
      expect(alerts.stderr).toMatch(/^\S+ job alerts started on .* for 2026-11-21\n\S+ job alerts done\n$/);
      expect(alerts.stderr).not.toContain('\u001b[');
    });

    it('reports on it as its golden files show', () => {
      expectGolden('export-stock.csv', tradeloop(['export', 'list', 'stock', '--db', db]).stdout);
      expectGolden('report-aging.txt', tradeloop(['report', 'aging', '--as-of', '2026-11-20', '--db', db]).stdout);
      expectGolden(
        'report-aging-salesperson.csv',
        tradeloop(['report', 'aging', '--as-of', '2026-06-30', '--by', 'salesperson', '--format', 'csv', '--db', db])
          .stdout,
      );
      expectGolden(
        'report-profit.txt',
        tradeloop(['report', 'profit', '-p', 'quarterly from 2025 to 2026-10', '--db', db]).stdout,
      );
      expectGolden(
        'report-aging-payables.txt',
        tradeloop(['report', 'aging', '--payables', '--as-of', '2026-11-20', '--db', db]).stdout,
      );
      expectGolden('report-trial-balance.txt', tradeloop(['report', 'trial-balance', '-p', '2026', '--db', db]).stdout);
      expectGolden(
        'report-margin.txt',
        tradeloop(['report', 'margin', '--by', 'salesperson', '-p', '2026', '--db', db]).stdout,
      );
      expectGolden('report-funnel.txt', tradeloop(['report', 'funnel', '--db', db]).stdout);
      expectGolden(
        'report-slow-movers.csv',
        tradeloop(['report', 'slow-movers', '--as-of', '2026-11-20', '--format', 'csv', '--db', db]).stdout,
      );
      expectGolden(
        'report-expiry.csv',
        tradeloop(['report', 'expiry', '--as-of', '2026-11-20', '--days', '60', '--format', 'csv', '--db', db]).stdout,
      );
      expectGolden('report-commission.txt', tradeloop(['report', 'commission', '-p', '2026Q3', '--db', db]).stdout);
      expectGolden('report-sales.txt', tradeloop(['report', 'sales', '-p', '2026', '--db', db]).stdout);
      expectGolden(
        'report-top-sku.csv',
        tradeloop(['report', 'top', '--by', 'sku', '-n', '5', '-p', '2026', '--format', 'csv', '--db', db]).stdout,
      );
      expectGolden('report-stock.txt', tradeloop(['report', 'stock', '--by', 'category', '--db', db]).stdout);
      expectGolden(
        'report-stock-age.txt',
        tradeloop(['report', 'stock-age', '--as-of', '2026-11-21', '--db', db]).stdout,
      );
      const reports: [string, string[]][] = [
        ['report-journal.txt', ['journal', '-p', '2026-03-02']],
        ['report-receipts.txt', ['receipts', '-p', '2026', '--interval', 'quarterly']],
        ['report-cash-flow.txt', ['cash-flow', '-p', '2026Q3']],
        ['report-margin-lines.txt', ['margin-lines', '--by', 'category', '-p', '2026']],
        ['report-split-region.txt', ['split', '--by', 'region', '-p', '2026']],
        ['report-targets.txt', ['targets', '-p', '2026Q1']],
        ['report-salespeople.txt', ['salespeople', '-p', '2025']],
        ['report-rfm.csv', ['rfm', '--as-of', '2026-11-20', '--format', 'csv']],
        ['report-turnover.txt', ['turnover', '-p', '2026']],
        ['report-below-reorder.txt', ['below-reorder', '--as-of', '2026-11-20']],
        ['report-purchases.txt', ['purchases', '-p', '2026', '--interval', 'quarterly']],
        ['report-suppliers.txt', ['suppliers', '-p', '2026']],
      ];
      for (const [golden, args] of reports) {
        const r = tradeloop(['report', ...args, '--db', db]);
        expect(r.code, r.stderr).toBe(0);
        expectGolden(golden, r.stdout);
      }
    }, 120_000);

    it('answers queries, draws charts and writes the report pack', () => {
      expectGolden(
        'query-region-quarter.json',
        tradeloop([
          'query',
          '--measures',
          'net,margin,margin_pct',
          '--by',
          'region,quarter',
          '-p',
          '2026',
          '--where',
          'tier=VIP|wholesale',
          '--format',
          'json',
          '--db',
          db,
        ]).stdout,
      );
      const badQuery = tradeloop(['query', '--measures', 'nett', '--db', db]);
      expect(badQuery.code).toBe(2);
      expectGolden('query-bad-measure.stderr.txt', badQuery.stderr);
      const write = tradeloop(['query', '--sql', 'delete from invoices', '--db', db]);
      expect(write.code).toBe(2);
      expect(write.stderr).toContain('only a SELECT (or WITH … SELECT) query runs here');
      const invoiceCount = JSON.parse(tradeloop(['export', 'list', 'invoices', '--format', 'json', '--db', db]).stdout)
        .rows.length;
      expect(
        tradeloop(['query', '--sql', 'select count(*) as n from invoices', '--format', 'csv', '--db', db]).stdout,
      ).toBe(`n\n${invoiceCount}\n`);
      const png = join(dir, 'aging.png');
      const svg = join(dir, 'profit.svg');
      expect(tradeloop(['report', 'aging', '--as-of', '2026-11-20', '--chart', png, '--db', db]).stderr).toBe(
        `wrote chart ${png}\n`,
      );
      expect(readFileSync(png).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      const split = join(dir, 'split.svg');
      expect(tradeloop(['report', 'split', '--by', 'region', '-p', '2026', '--chart', split, '--db', db]).code).toBe(0);
      expect(readFileSync(split, 'utf8')).toMatch(/^<svg[\s\S]*Margin 毛利[\s\S]*华东 East[\s\S]*<\/svg>$/);
      expect(tradeloop(['report', 'profit', '-p', '2026', '--chart', svg, '--db', db]).code).toBe(0);
      expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[\s\S]*Profit by period[\s\S]*<\/svg>$/);
      const ageChart = join(dir, 'stock-age.svg');
      expect(tradeloop(['report', 'stock-age', '--as-of', '2026-11-21', '--chart', ageChart, '--db', db]).code).toBe(0);
      const ageSvg = readFileSync(ageChart, 'utf8');
      expect(ageSvg).toMatch(/^<svg[\s\S]*<\/svg>$/);
      expect(ageSvg).toContain('Stock value by age, as of 2026-11-21');
      expect(ageSvg).toContain('key: WH1; Days 库龄: 180+');
      const marginChart = join(dir, 'margin.svg');
      expect(
        tradeloop(['report', 'margin', '-p', '2026', '--by', 'salesperson', '--chart', marginChart, '--db', db]).code,
      ).toBe(0);
      const marginSvg = readFileSync(marginChart, 'utf8');
      expect(marginSvg).toContain('Gross margin by salesperson, top 6');
      expect(marginSvg).toContain("X-axis titled 'Margin 毛利'");
      const badChart = tradeloop(['report', 'sales', '-p', '2026', '--chart', join(dir, 'x.gif'), '--db', db]);
      expect(badChart.code).toBe(2);
      expect(badChart.stderr).toContain('charts are .svg or .png files');
      const pack = tradeloop([
        'run',
        'report-pack',
        '--today',
        '2026-11-20',
        '--to',
        dir,
        '--format',
        'json',
        '--db',
        db,
      ]);
      expect(pack.code, pack.stderr).toBe(0);
      expect((JSON.parse(pack.stdout).files as string[]).map((f) => f.replace(/^.*[\\/]/, '')).sort()).toEqual(
        [
          'aging.csv',
          'aging.png',
          'alerts.json',
          'profit.csv',
          'profit.png',
          'sales-trend.csv',
          'sales-trend.png',
          'stock-age.csv',
          'stock-age.png',
          'stock-by-category.csv',
          'stock-by-category.png',
          'stock-by-warehouse.csv',
          'stock-by-warehouse.png',
          'top-customer.csv',
          'top-customer.png',
          'top-sku.csv',
          'top-sku.png',
        ].sort(),
      );
      const badPeriod = tradeloop(['report', 'profit', '-p', '2026Q5', '--db', db]);
      expect(badPeriod.code).toBe(2);
      expect(badPeriod.stderr).toContain('--period "2026Q5": must be a period like 2026, 2026Q1');
    }, 120_000);

    it('exports every document list', () => {
      const invoices = tradeloop(['export', 'list', 'invoices', '--format', 'json', '--db', db]);
      const rows = JSON.parse(invoices.stdout).rows as { kind: string; open: string }[];
      expect(rows.filter((r) => r.kind === 'sales').length).toBeGreaterThan(1000);
      expect(rows.some((r) => r.kind === 'sales' && r.open !== '0.00')).toBe(true);
      for (const list of [
        'customers',
        'suppliers',
        'salespeople',
        'warehouses',
        'price-lists',
        'promotions',
        'orders',
        'purchase-orders',
        'requisitions',
        'shipments',
        'receipts',
        'payments',
        'statement',
        'alerts',
      ]) {
        const r = tradeloop(['export', 'list', list, '--format', 'json', '--db', db]);
        expect(r.code, `${list}: ${r.stderr}`).toBe(0);
        expect((JSON.parse(r.stdout).rows as unknown[]).length, list).toBeGreaterThan(0);
      }
    }, 60_000);
  });
});
