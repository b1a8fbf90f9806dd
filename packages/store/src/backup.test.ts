import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupBook, restoreBook, verifyBackup } from './backup.js';
import { Book } from './book.js';
import { check } from './check.js';
import { bookHolder, holdBook, inUsePathFor } from './in-use.js';
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

  it('refuses to restore a book another process holds in use, naming it and changing nothing', async () => {
    const { path, target } = await bookWithBackupAndLaterOrder(tempDir());
    const hold = holdBook(path, { by: 'tradeloop serve', url: 'http://127.0.0.1:5173' });
    const lock = readFileSync(inUsePathFor(path), 'utf8');
    const error = await restoreBook(target, path).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'book.in_use', message: expect.stringContaining(`pid ${process.pid}`) });
    expect(String((error as Error).message)).toContain('tradeloop serve at http://127.0.0.1:5173');
    expect(orders(path)).toBe(2);
    expect(readFileSync(inUsePathFor(path), 'utf8')).toBe(lock);
    expect(() => holdBook(path, { by: 'tradeloop serve' })).toThrow(expect.objectContaining({ code: 'book.in_use' }));

    hold.release();
    expect(existsSync(inUsePathFor(path))).toBe(false);
    await restoreBook(target, path);
    expect(orders(path)).toBe(1);
    expect(existsSync(inUsePathFor(path))).toBe(false);
  });

  it('restores under a holder with force', async () => {
    const { path, target } = await bookWithBackupAndLaterOrder(tempDir());
    const hold = holdBook(path, { by: 'tradeloop serve' });
    await restoreBook(target, path, { force: true });
    expect(orders(path)).toBe(1);
    expect(bookHolder(path)).toEqual(hold.holder);
    hold.release();
  });

  it('ignores a lock left by a process that is gone, as after kill -9', async () => {
    const { path, target } = await bookWithBackupAndLaterOrder(tempDir());
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const stale = { by: 'tradeloop serve', pid: gone, host: hostname(), since: '2026-03-01T08:00:00.000Z' };
    writeFileSync(inUsePathFor(path), JSON.stringify(stale));
    expect(bookHolder(path)).toBeUndefined();
    await restoreBook(target, path);
    expect(orders(path)).toBe(1);

    // A server starting takes the stale lock over, and releases it when it stops.
    writeFileSync(inUsePathFor(path), JSON.stringify(stale));
    const hold = holdBook(path, { by: 'tradeloop serve' });
    expect(bookHolder(path)?.pid).toBe(process.pid);
    hold.release();
    expect(existsSync(inUsePathFor(path))).toBe(false);
  });

  it('counts a holder on another host as alive: its process cannot be checked from here', async () => {
    const { path, target } = await bookWithBackupAndLaterOrder(tempDir());
    const remote = { by: 'tradeloop serve', pid: 1, host: `not-${hostname()}`, since: '2026-03-01T08:00:00.000Z' };
    writeFileSync(inUsePathFor(path), JSON.stringify(remote));
    await expect(restoreBook(target, path)).rejects.toMatchObject({
      code: 'book.in_use',
      hint: expect.stringContaining(`delete ${inUsePathFor(path)}`),
    });
    expect(orders(path)).toBe(2);
  });

  it('knows when another file has taken its path', async () => {
    const { path, target } = await bookWithBackupAndLaterOrder(tempDir());
    const open = await Book.open(path);
    expect(open.replaced()).toBe(false);
    await restoreBook(target, path, { force: true });
    expect(open.replaced()).toBe(true);
    open.close();
    const fresh = await Book.open(path);
    expect(fresh.replaced()).toBe(false);
    fresh.close();
  });
});

/** A closed book with one order in a backup and a second order placed after it. */
async function bookWithBackupAndLaterOrder(dir: string): Promise<{ path: string; target: string }> {
  const book = await smallCompany(dir);
  const order = (date: string) =>
    placeSalesOrder(book, { customer: 'C001', warehouse: 'WH1', date, lines: [{ sku: 'TEA-001', qty: 1_000 }] });
  order('2026-03-02');
  const target = join(dir, 'backup.db');
  await backupBook(book, target);
  order('2026-03-03');
  book.close();
  return { path: book.path, target };
}

function orders(path: string): number {
  const raw = new Database(path, { readonly: true });
  try {
    return raw.prepare('select count(*) from sales_orders').pluck().get() as number;
  } finally {
    raw.close();
  }
}
