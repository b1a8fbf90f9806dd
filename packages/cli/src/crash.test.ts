import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BIN, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();

describe('a killed import', () => {
  it('leaves the book as it was before or after, never half-done', async () => {
    const dir = tempDir();
    const db = join(dir, 'co.db');
    expect(tradeloop(['init', '--demo', '--scale', '0', '--db', db]).code).toBe(0);
    const rows = Array.from({ length: 30_000 }, (_, i) => `BULK-${i},Bulk item ${i},Bulk/Items,${(i % 997) + 1}.25`);
    const file = join(dir, 'bulk.csv');
    writeFileSync(file, `sku,name,category,price\n${rows.join('\n')}\n`);

    const outcomes = new Set<number>();
    // Kills spread over reading the file and writing the transaction (about 1.7 s in all here).
    for (const delayMs of [300, 900, 1100, 1300, 1500]) {
      const child = spawn(process.execPath, [BIN, 'import', 'products', file, '--db', db], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));

      const book = new Database(db, { readonly: true });
      expect(book.pragma('integrity_check', { simple: true })).toBe('ok');
      const products = book.prepare('select count(*) from products').pluck().get() as number;
      const bulkAudit = book
        .prepare('select count(*) from audit_log where after_json like \'%"inserted":30000%\'')
        .pluck()
        .get();
      book.close();
      expect([260, 30_260]).toContain(products);
      // Products and their audit row land together or not at all.
      expect(bulkAudit).toBe(products === 30_260 ? 1 : 0);
      outcomes.add(products);
      if (products === 30_260) break;
    }
    expect(outcomes.size).toBeGreaterThan(0);
  });
});
