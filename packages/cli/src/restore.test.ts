import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Book, backupBook, listProducts, upsertProducts } from '@tradeloop/store';
import { describe, expect, it } from 'vitest';
import { serve, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();
const tea = {
  sku: 'TEA-001',
  name: '西湖龙井',
  nameEn: 'West Lake Longjing',
  category: '饮料/茶叶',
  uom: 'box',
  price: 8800,
  cost: 5200,
  taxRate: 1300,
  listed: true,
};

/** A book with TEA-001, a backup of it, and TEA-002 added after the backup. Made in-process: quick. */
async function bookWithBackup(dir: string): Promise<{ db: string; backup: string }> {
  const db = join(dir, 'co.db');
  const backup = join(dir, 'backup.db');
  const book = await Book.create(db);
  upsertProducts(book, [tea]);
  await backupBook(book, backup);
  upsertProducts(book, [{ ...tea, sku: 'TEA-002', name: '铁观音' }]);
  book.close();
  return { db, backup };
}

async function prices(db: string): Promise<Record<string, number>> {
  const book = await Book.open(db);
  try {
    return Object.fromEntries(listProducts(book).map((p) => [p.sku, p.price]));
  } finally {
    book.close();
  }
}

describe('tradeloop restore while tradeloop serve runs', () => {
  it('is refused while the server holds the book, follows --force, and not a server killed with -9', async () => {
    const { db, backup } = await bookWithBackup(tempDir());
    const before = readFileSync(db);
    const { child, url } = await serve(db);

    const refused = tradeloop(['restore', backup, '--db', db]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(`is in use by tradeloop serve at ${url} (pid ${child.pid}, since `);
    expect(refused.stderr).toContain('[book.in_use]');
    expect(refused.stderr).toContain('hint: stop it first');
    expect(readFileSync(db).equals(before)).toBe(true);
    const second = tradeloop(['serve', '--db', db, '--port', '0']);
    expect(second.code).toBe(4);
    expect(second.stderr).toContain('[book.in_use]');

    // Under the running server: its next edit lands in the restored book.
    const forced = tradeloop(['restore', backup, '--force', '--db', db]);
    expect(forced.code, forced.stderr).toBe(0);
    // A page of the server hands out its CSRF token as a cookie; a change sends it back.
    const page = await fetch(`${url}/login`, { redirect: 'manual' });
    const csrf = /tl_csrf=([^;]+)/.exec(page.headers.getSetCookie().join('\n'))?.[1] ?? '';
    const edit = await fetch(`${url}/api/products/TEA-001`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', origin: url, cookie: `tl_csrf=${csrf}`, 'x-csrf-token': csrf },
      body: JSON.stringify({ field: 'price', value: '123.45' }),
    });
    expect(edit.status).toBe(200);
    expect(await prices(db)).toEqual({ 'TEA-001': 12345 });

    // Killed without a chance to release its hold: the lock it leaves is stale.
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(existsSync(`${db}.in-use`)).toBe(true);
    const r = tradeloop(['restore', backup, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(await prices(db)).toEqual({ 'TEA-001': 8800 });
    expect(existsSync(`${db}.in-use`)).toBe(false);
  });

  it('releases the book when the server is stopped with Ctrl-C', async () => {
    const { db } = await bookWithBackup(tempDir());
    const { child } = await serve(db);
    expect(existsSync(`${db}.in-use`)).toBe(true);
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(existsSync(`${db}.in-use`)).toBe(false);
  });
});
