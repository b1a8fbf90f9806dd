import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupBook, restoreBook } from './backup.js';
import { Book } from './book.js';
import { check } from './check.js';
import { bookFingerprint, moveBook } from './move.js';
import { checkVoucherPhoto, submitPaymentVoucher, voucherPhoto } from './payment-vouchers.js';
import { approveSalesOrder, invoiceSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { usePostgres } from './test-support/postgres.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

const pg = usePostgres();
const database = (name: string) => pg.database(name);

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The small company after a sale to the invoice, and a prepaid order with a payment voucher's photo. */
async function tradedCompany(dir: string): Promise<Book> {
  const book = await smallCompany(dir);
  const sold = placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date: '2026-03-02',
    lines: [{ sku: 'TEA-001', qty: 1_500 }],
  }).number;
  approveSalesOrder(book, sold);
  shipSalesOrder(book, sold, { date: '2026-03-03' });
  invoiceSalesOrder(book, sold, { date: '2026-03-04' });
  const prepaid = placeSalesOrder(book, {
    customer: 'C002',
    warehouse: 'WH1',
    date: '2026-03-05',
    lines: [{ sku: 'TEA-001', qty: 1_000 }],
  }).number;
  approveSalesOrder(book, prepaid);
  book.actAs({ user: 'lin', roles: ['salesperson'], salesperson: 'lin' });
  submitPaymentVoucher(book, {
    customer: 'C002',
    order: prepaid,
    date: '2026-03-06',
    amount: 21_244,
    method: 'wechat',
    photo: await checkVoucherPhoto(PNG, 'transfer.png'),
  });
  book.actAs({ user: 'test', roles: ['owner'] });
  return book;
}

describe('moving a book between engines', () => {
  it('copies a SQLite book into PostgreSQL and back with every row, id and photo, and both keep working', async () => {
    const dir = tempDir();
    const source = await tradedCompany(dir);
    const url = database('moved');
    const there = await moveBook(source, url);
    expect(there).toMatchObject({ problems: [], differences: [] });
    expect(there.rows).toBeGreaterThan(50);

    const pgBook = await Book.open(url, { clock: source.clock, actor: 'test' });
    // The copy is analysed as it lands: PostgreSQL plans its first reports from its real rows.
    expect(
      pgBook.exec.select(
        "select relname from pg_stat_user_tables where relname in ('receipts', 'sales_order_lines') and last_analyze is null",
      ),
    ).toEqual([]);
    expect(await bookFingerprint(pgBook)).toEqual(await bookFingerprint(source));
    expect(pgBook.settings()).toEqual(source.settings());
    expect(voucherPhoto(pgBook, 'PV-2026-000001').bytes.equals(PNG)).toBe(true);
    // New rows take ids after the copied ones, and numbering goes on from the copied series.
    const next = placeSalesOrder(pgBook, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-07',
      lines: [{ sku: 'TEA-002', qty: 1_000 }],
    }).number;
    expect(next).toBe('SO-2026-000003');
    expect(check(pgBook)).toEqual([]);

    // And back into a file: the order placed on PostgreSQL comes with it.
    const file = join(dir, 'back.db');
    const back = await moveBook(pgBook, file);
    expect(back).toMatchObject({ problems: [], differences: [] });
    const fileBook = await Book.open(file, { clock: source.clock });
    expect(await bookFingerprint(fileBook)).toEqual(await bookFingerprint(pgBook));
    expect(fileBook.exec.value('select count(*) from sales_orders')).toBe(3);
    expect(voucherPhoto(fileBook, 'PV-2026-000001').bytes.equals(PNG)).toBe(true);
    expect(check(fileBook)).toEqual([]);
    // The book moved from was not changed.
    expect(source.exec.value('select count(*) from sales_orders')).toBe(2);
    for (const b of [source, pgBook, fileBook]) b.close();
  });

  it('refuses a target that holds something, and a file to a file, changing neither book', async () => {
    const dir = tempDir();
    const source = await tradedCompany(dir);
    const taken = join(dir, 'taken.db');
    writeFileSync(taken, 'not a book');
    const onPostgres = await Book.create(database('source'));
    await expect(moveBook(onPostgres, taken)).rejects.toThrow(expect.objectContaining({ code: 'book.exists' }));
    onPostgres.close();
    expect(readFileSync(taken, 'utf8')).toBe('not a book');
    const url = database('occupied');
    const other = await Book.create(url);
    other.close();
    await expect(moveBook(source, url)).rejects.toThrow(expect.objectContaining({ code: 'book.exists' }));
    await expect(moveBook(source, join(dir, 'copy.db'))).rejects.toThrow(
      expect.objectContaining({ code: 'move.same_engine' }),
    );
    expect(existsSync(join(dir, 'copy.db'))).toBe(false);
    expect(check(source)).toEqual([]);
    source.close();
  });
});

describe('a backup of a book on PostgreSQL', () => {
  it('is a SQLite book holding the same rows, verified, which moves back into an empty database', async () => {
    const dir = tempDir();
    const source = await tradedCompany(dir);
    const url = database('backed');
    await moveBook(source, url);
    const pgBook = await Book.open(url);
    const file = join(dir, 'backup.db');
    expect(await backupBook(pgBook, file)).toEqual({ path: file, pages: 0 });
    const copy = await Book.open(file);
    expect(await bookFingerprint(copy)).toEqual(await bookFingerprint(pgBook));
    await expect(restoreBook(file, url)).rejects.toThrow(expect.objectContaining({ code: 'book.engine' }));
    const restored = database('restored');
    expect(await moveBook(copy, restored)).toMatchObject({ problems: [], differences: [] });
    for (const b of [source, pgBook, copy]) b.close();
  });
});
