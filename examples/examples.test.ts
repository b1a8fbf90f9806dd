import { execFileSync } from 'node:child_process';
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
});
