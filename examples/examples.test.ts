import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = (script: string) =>
  execFileSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], { encoding: 'utf8' });

describe('embedding examples', () => {
  it('check-a-row reports a good row and names the rule a bad one breaks', () => {
    expect(run('./embedding/check-a-row.mjs')).toBe(
      'TEA-001 ok: 西湖龙井 250g at 188.00 (tax 13%)\nTEA-002 price: "12,5" must be an amount like 12.50 [money.format]\n',
    );
  });

  it('own-book creates a book, upserts and lists products', () => {
    expect(run('./embedding/own-book.mjs')).toBe(
      'inserted PEN-01, PAD-01\nPAD-01\t笔记本\t8.90\nPEN-01\t中性笔\t1.50\n',
    );
  });

  it('quote-invoice-age prices, totals, posts and ages a sale, flagging a discount beyond authority', () => {
    expect(run('./embedding/quote-invoice-age.mjs')).toBe(
      [
        'TEA-001 × 12 for ACME (VIP) on 2026-03-05',
        '  won      tier list VIP (VIP)          175.00 (from 0): the most specific list with a price',
        '  lost     base list BASE               188.00 (from 0): VIP is more specific',
        '  applied  promotion SPRING             5% off: 175.00 → 166.25',
        '  ok       floor price                  166.25 ≥ 150.00',
        "  flagged  discount authority (junior)  11.57% off 188.00 is beyond lin's 10%",
        'price 166.25 · needs approval: price.over_discount_authority',
        'invoice: net 1995.00 + VAT 259.35 = 2254.35',
        'journal balances: true',
        'not due: 0.00 | 1-30: 0.00 | 31-60: 2254.35 | 61-90: 0.00 | 91-120: 0.00 | 120+: 0.00',
        '',
      ].join('\n'),
    );
  });
});

describe('cron example', () => {
  it('runs a job with no terminal and appends a JSON summary to its log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradeloop-cron-'));
    try {
      const db = join(dir, 'co.db');
      const bin = fileURLToPath(new URL('../packages/cli/bin/tradeloop.js', import.meta.url));
      execFileSync(process.execPath, [bin, 'init', '--demo', '--scale', '0', '--db', db], { stdio: 'ignore' });
      const shim = join(dir, 'tradeloop');
      writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`, { mode: 0o755 });
      const env = { PATH: `${dir}:${process.env.PATH}`, TRADELOOP_DB: db, TRADELOOP_LOG_DIR: join(dir, 'logs') };
      execFileSync(
        'sh',
        [fileURLToPath(new URL('./cron/tradeloop-job.sh', import.meta.url)), 'alerts', '--today', '2026-11-21'],
        { env, stdio: 'ignore' },
      );
      const summary = JSON.parse(readFileSync(join(dir, 'logs', 'alerts.jsonl'), 'utf8'));
      expect(summary).toMatchObject({ job: 'alerts', today: '2026-11-21' });
      expect(readFileSync(join(dir, 'logs', 'alerts.log'), 'utf8')).toMatch(/job alerts done\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
