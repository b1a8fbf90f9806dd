import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupBook, restoreBook, verifyBackup } from './backup.js';
import { Book } from './book.js';
import { check } from './check.js';
import { placeSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

describe('backup and restore', () => {
  it('backs up a live book to a verified copy and restores it over later changes', async () => {
    const dir = tempDir();
    const book = await smallCompany(dir);
    placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 1_000 }],
    });
    const target = join(dir, 'backup.db');
    const r = await backupBook(book, target);
    expect(r.path).toBe(target);
    expect(r.pages).toBeGreaterThan(0);
    await expect(backupBook(book, target)).rejects.toMatchObject({ code: 'backup.exists' });

    placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-03',
      lines: [{ sku: 'TEA-001', qty: 1_000 }],
    });
    const path = book.path;
    book.close();
    await restoreBook(target, path);
    const restored = await Book.open(path);
    expect(restored.exec.value('select count(*) from sales_orders')).toBe(1);
    expect(check(restored)).toEqual([]);
    restored.close();
    expect(existsSync(`${path}.before-restore`)).toBe(false);
  });

  it('refuses to restore from a file that is not a sound book, leaving the book alone', async () => {
    const dir = tempDir();
    const book = await smallCompany(dir);
    const path = book.path;
    book.close();
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not a database at all, just text that goes on for a while');
    await expect(verifyBackup(junk)).rejects.toThrow();
    await expect(restoreBook(junk, path)).rejects.toThrow();
    const still = await Book.open(path);
    expect(still.exec.value('select count(*) from products')).toBe(2);
    still.close();
  });
});
