import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgDriver } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBookCopy } from '../../../scripts/demo-book.js';
import { startPostgres } from '../../../scripts/postgres.mjs';
import { tradeloop as run } from './test-support.js';

let pg: { url: string; stop: () => void } | undefined;
let dir = '';
let db = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tradeloop-move-'));
  db = join(dir, 'demo.db');
  [pg] = await Promise.all([startPostgres(), demoBookCopy(db)]);
}, 600_000);
afterAll(() => {
  pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI, keeping the report copies of PostgreSQL books in the test's folder (not the user's cache). */
const tradeloop = (args: string[]) => run(args, { env: { TRADELOOP_REPORT_DIR: dir } });

function database(name: string): string {
  const admin = new PgDriver(pg?.url ?? '');
  admin.run(`create database ${name}`, []);
  admin.close();
  return (pg?.url ?? '').replace(/\/postgres$/, `/${name}`);
}

/** What people read from a book: the reports an accountant runs, as they print. */
const READS = [
  ['report', 'aging', '--as-of', '2026-11-20', '--by', 'salesperson'],
  ['export', 'list', 'invoices'],
];

describe('tradeloop move', () => {
  it('moves the demo book into PostgreSQL and back, and every report reads the same from all three', () => {
    const url = database('demo');
    const there = tradeloop(['move', '--to', url, '--as-of', '2026-11-20', '--format', 'json', '--db', db]);
    expect(there.stderr).toBe('');
    expect(there.code).toBe(0);
    const moved = JSON.parse(there.stdout);
    expect(moved).toMatchObject({ to: url, problems: [], sourceProblems: [], differences: [] });
    expect(moved.rows).toBeGreaterThan(50_000);
    expect(moved.reports.compared).toBeGreaterThanOrEqual(20);
    expect(moved.reports.differing).toEqual([]);

    // The book now works from PostgreSQL: check is silent, a sale goes through.
    expect(tradeloop(['check', '--db', url])).toMatchObject({ code: 0, stdout: '' });
    const back = join(dir, 'back.db');
    const home = tradeloop(['move', '--to', back, '--as-of', '2026-11-20', '--db', url]);
    expect(home.code).toBe(0);
    expect(home.stdout).toContain('check: clean here, clean there');
    expect(home.stdout).toContain('tables: every row the same');
    expect(home.stdout).toMatch(/reports as of 2026-11-20: all \d+ the same/);

    for (const args of READS) {
      const [a, b, c] = [db, url, back].map((book) => tradeloop([...args, '--db', book]));
      expect(a?.code, args.join(' ')).toBe(0);
      expect(b?.stdout, args.join(' ')).toBe(a?.stdout);
      expect(c?.stdout, args.join(' ')).toBe(a?.stdout);
    }
  });

  it('refuses a database that holds a book already, and a file to a file, changing nothing', () => {
    const url = database('taken');
    expect(tradeloop(['init', '--db', url]).code).toBe(0);
    const again = tradeloop(['move', '--to', url, '--db', db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/holds tables already.*\[book\.exists\]/);
    const file = tradeloop(['move', '--to', join(dir, 'copy.db'), '--db', db]);
    expect(file.stderr).toContain('[move.same_engine]');
    expect(tradeloop(['check', '--db', db])).toMatchObject({ code: 0, stdout: '' });
  });
});
