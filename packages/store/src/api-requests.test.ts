import { describe, expect, it } from 'vitest';
import { idempotent } from './api-requests.js';
import type { Book } from './book.js';
import { upsertMasterData } from './master-data.js';
import { createTestBook } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

async function bookAt(clock: { now: Date }) {
  const book = await createTestBook(tempDir(), { clock: () => clock.now });
  book.actAs({ user: 'shop', roles: ['owner'] });
  return book;
}

const request = (key: string, body = '{"code":"S01"}') => ({
  key,
  method: 'POST',
  path: '/api/v1/suppliers',
  body,
  command: 'upsertMasterData',
});

const addSupplier = (book: Book, code: string) => () => {
  upsertMasterData(book, { suppliers: [{ code, name: code, grade: 'A', paymentDays: 30 }] } as never);
  return { status: 201, body: { code } };
};

const suppliers = (book: Book) => book.exec.selectOne('select count(*) as n from suppliers') as { n: number };

describe('idempotent', () => {
  it('does the work once per key, and answers it again', async () => {
    const book = await bookAt({ now: new Date('2026-03-02T00:00:00Z') });
    expect(idempotent(book, request('k1'), addSupplier(book, 'S01'))).toEqual({
      status: 201,
      body: { code: 'S01' },
      replayed: false,
    });
    expect(idempotent(book, request('k1'), addSupplier(book, 'S02'))).toEqual({
      status: 201,
      body: { code: 'S01' },
      replayed: true,
    });
    expect(suppliers(book).n).toBe(1);
    expect(() => idempotent(book, request('k1', '{"code":"S03"}'), addSupplier(book, 'S03'))).toThrow(
      expect.objectContaining({ code: 'idempotency.mismatch' }),
    );
  });

  it('keeps neither the work nor the key when the work fails half-way', async () => {
    const book = await bookAt({ now: new Date('2026-03-02T00:00:00Z') });
    expect(() =>
      idempotent(book, request('k2'), () => {
        addSupplier(book, 'S01')();
        throw new Error('the answer could not be made');
      }),
    ).toThrow('the answer could not be made');
    expect(suppliers(book).n).toBe(0);
    expect(idempotent(book, request('k2'), addSupplier(book, 'S01')).replayed).toBe(false);
  });

  it('forgets a key after a day', async () => {
    const clock = { now: new Date('2026-03-02T00:00:00Z') };
    const book = await bookAt(clock);
    idempotent(book, request('k3'), addSupplier(book, 'S01'));
    clock.now = new Date('2026-03-03T00:00:01Z');
    expect(idempotent(book, request('k3', '{"code":"S02"}'), addSupplier(book, 'S02'))).toMatchObject({
      replayed: false,
    });
    expect(suppliers(book).n).toBe(2);
  });

  it('asks the command’s permission before the work, which a nested command would skip', async () => {
    const book = await bookAt({ now: new Date('2026-03-02T00:00:00Z') });
    book.actAs({ user: 'lin', roles: ['salesperson'], salesperson: 'lin' });
    expect(() => idempotent(book, request('k4'), addSupplier(book, 'S01'))).toThrow(
      expect.objectContaining({ code: 'permission.denied' }),
    );
    expect(suppliers(book).n).toBe(0);
  });

  it('refuses a key that is no visible ASCII', async () => {
    const book = await bookAt({ now: new Date('2026-03-02T00:00:00Z') });
    expect(() => idempotent(book, request('单号 1'), addSupplier(book, 'S01'))).toThrow(
      expect.objectContaining({ code: 'idempotency.key_invalid' }),
    );
  });
});
