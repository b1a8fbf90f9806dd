import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallDemoBook, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();
const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('query --sql', () => {
  it('runs one SELECT and refuses every way out of the analytics file, writing and reading nothing', () => {
    const dir = tempDir();
    const db = join(dir, 'co.db');
    smallDemoBook(db);
    const other = join(dir, 'other.db');
    smallDemoBook(other);
    const q = (sql: string) => tradeloop(['query', '--sql', sql, '--format', 'json', '--db', db]);
    expect(JSON.parse(q('with c as (select count(*) as n from customers) select n from c').stdout).rows).toEqual([
      { n: '4' },
    ]);
    const files = readdirSync(dir).sort();
    const before = { book: hash(db), other: hash(other) };
    const escapes = [
      `COPY (select 'x') TO '${db}'`,
      `COPY (select 'x') TO '${join(dir, 'out.csv')}'`,
      `EXPORT DATABASE '${join(dir, 'dump')}'`,
      "select * from read_csv('/etc/passwd')",
      "select * from read_text('/etc/hostname')",
      "select * from glob('/etc/*')",
      `ATTACH '${other}' AS b`,
      `select * from sqlite_scan('${other}', 'customers')`,
      'INSTALL httpfs',
      'LOAD httpfs',
      'PRAGMA database_list',
      'SET enable_external_access = true',
      `select 1; COPY (select 'x') TO '${join(dir, 'two.csv')}'`,
      'delete from invoices',
    ];
    for (const sql of escapes) {
      const r = q(sql);
      expect(r.code, `${sql}: ${r.stderr}`).toBe(2);
      expect(r.stdout, sql).toBe('');
      expect(r.stderr, sql).toMatch(/^error: .*\[query\.(sql_refused|sql)\]/);
      expect(r.stderr, sql).not.toContain('root:');
    }
    expect(readdirSync(dir).sort()).toEqual(files);
    expect({ book: hash(db), other: hash(other) }).toEqual(before);
    // The analytics copy is brought up to date before each query, so its bytes move; it still reads.
    expect(JSON.parse(q('select count(*) as n from customers').stdout).rows).toEqual([{ n: '4' }]);
  }, 120_000);
});
