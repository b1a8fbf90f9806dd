import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Book } from './book.js';
import { LATEST_MIGRATION, MIGRATIONS } from './migrations/index.js';
import { upsertProducts } from './products.js';
import { sampleProduct, useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    return error as { code?: string; message: string; hint?: string };
  }
  throw new Error('expected a rejection');
}

describe('Book.create and Book.open', () => {
  it('creates a book at the latest schema with WAL and foreign keys on', async () => {
    const path = join(tempDir(), 'co.db');
    const book = await Book.create(path, { settings: { company: '华东贸易' } });
    expect(await book.schemaVersion()).toBe(LATEST_MIGRATION);
    expect(book.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(book.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(book.settings().company).toBe('华东贸易');
    expect(book.settings().precision).toBe(2);
    expect(book.settings().timeZone).toBe('Asia/Shanghai');
    book.close();

    const again = await Book.open(path);
    expect(await again.schemaVersion()).toBe(LATEST_MIGRATION);
    again.close();
  });

  it('refuses to create over an existing file', async () => {
    const path = join(tempDir(), 'co.db');
    writeFileSync(path, 'x');
    expect((await rejection(Book.create(path))).code).toBe('book.exists');
  });

  it('refuses to open a missing book and says how to make one', async () => {
    const e = await rejection(Book.open(join(tempDir(), 'none.db')));
    expect(e.code).toBe('book.not_found');
    expect(e.hint).toMatch(/tradeloop init/);
  });

  it('refuses a file that is not a book', async () => {
    const dir = tempDir();
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'this is not sqlite at all, just some text long enough to be a header');
    expect((await rejection(Book.open(text))).code).toBe('book.not_a_book');

    const other = join(dir, 'other.db');
    const db = new Database(other);
    db.exec('create table t (x)');
    db.close();
    expect((await rejection(Book.open(other))).code).toBe('book.not_a_book');
  });

  it('refuses a book written by a newer program and leaves it untouched', async () => {
    const path = join(tempDir(), 'co.db');
    (await Book.create(path)).close();
    const db = new Database(path);
    db.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999-from-the-future', 'x');
    db.close();

    const e = await rejection(Book.open(path));
    expect(e.code).toBe('book.too_new');
    expect(e.message).toContain('9999-from-the-future');
    expect(e.message).toContain(LATEST_MIGRATION);

    const check = new Database(path);
    expect(check.prepare('select count(*) from kysely_migration').pluck().get()).toBe(
      Object.keys(MIGRATIONS).length + 1,
    );
    check.close();
  });
});

describe('Book.today', () => {
  it("takes today in the book's time zone by the book's clock", async () => {
    let now = new Date('2026-03-04T23:30:00Z');
    const book = await Book.create(join(tempDir(), 'clock.db'), { clock: () => now });
    expect(book.today()).toBe('2026-03-05');
    now = new Date('2026-03-04T16:30:00Z'); // 00:30 in Shanghai
    expect(book.today()).toBe('2026-03-05');
    now = new Date('2026-03-04T15:59:59Z'); // 23:59:59 in Shanghai
    expect(book.today()).toBe('2026-03-04');
    book.close();
    const utc = await Book.create(join(tempDir(), 'utc.db'), {
      clock: () => new Date('2026-03-04T23:30:00Z'),
      settings: { timeZone: 'UTC' },
    });
    expect(utc.today()).toBe('2026-03-04');
    expect(utc.sqlite.prepare("select value from settings where key = 'time_zone'").pluck().get()).toBe('UTC');
    utc.close();
  });

  it('refuses a time zone it does not know', async () => {
    const error = await rejection(Book.create(join(tempDir(), 'tz.db'), { settings: { timeZone: 'Mars/Olympus' } }));
    expect(error.code).toBe('settings.time_zone');
  });

  it("keeps amounts in the currency's places unless told otherwise, and refuses a rounding it does not know", async () => {
    const yen = await Book.create(join(tempDir(), 'jpy.db'), { settings: { currency: 'JPY' } });
    expect(yen.settings()).toMatchObject({
      currency: 'JPY',
      precision: 0,
      rounding: 'half-up',
      pricesIncludeTax: false,
    });
    yen.close();
    const cents = await Book.create(join(tempDir(), 'jpy2.db'), { settings: { currency: 'JPY', precision: 2 } });
    expect(cents.settings().precision).toBe(2);
    cents.close();
    const error = await rejection(
      Book.create(join(tempDir(), 'r.db'), { settings: { rounding: 'up' as unknown as 'half-up' } }),
    );
    expect(error.code).toBe('settings.rounding');
  });
});

describe('Book.command', () => {
  it('writes an audit row with each command', async () => {
    const book = await Book.create(join(tempDir(), 'co.db'), {
      actor: 'lin',
      clock: () => new Date('2026-05-01T00:00:00Z'),
    });
    upsertProducts(book, [sampleProduct()]);
    const audit = book.sqlite.prepare('select at, actor, command, after_json from audit_log').all();
    expect(audit).toEqual([
      {
        at: '2026-05-01T00:00:00.000Z',
        actor: 'lin',
        command: 'upsertProducts',
        after_json: JSON.stringify({ inserted: 1, updated: 0, unchanged: 0, categoriesCreated: ['饮料', '饮料/茶叶'] }),
      },
    ]);
    book.close();
  });

  it('says the book is busy when another writer holds it past the timeout', async () => {
    const path = join(tempDir(), 'co.db');
    const first = await Book.create(path);
    const second = await Book.open(path, { busyTimeoutMs: 50 });
    first.sqlite.exec('begin immediate');
    try {
      expect(() => upsertProducts(second, [sampleProduct()])).toThrow(expect.objectContaining({ code: 'book.busy' }));
    } finally {
      first.sqlite.exec('rollback');
    }
    expect(upsertProducts(second, [sampleProduct()]).inserted).toEqual(['TEA-001']);
    first.close();
    second.close();
  });
});
