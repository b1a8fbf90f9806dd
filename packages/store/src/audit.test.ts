import { join } from 'node:path';
import { TradeloopError } from '@tradeloop/core';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_GENESIS,
  type AuditRow,
  auditChain,
  auditHash,
  listAudit,
  logRefusal,
  verifyAuditChain,
} from './audit.js';
import { Book } from './book.js';
import { check } from './check.js';
import { type Driver, SqliteDriver } from './driver.js';
import { MIGRATIONS } from './migrations/index.js';
import { PgDriver } from './pg-driver.js';
import { editProduct, upsertProducts } from './products.js';
import { bookPlace } from './test-support/demo-company.js';
import { sampleProduct, useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

/** A book whose clock shows what `at` last set. */
async function newBook(actor = 'lin') {
  let now = new Date('2026-03-01T08:00:00.000Z');
  const path = await bookPlace(tempDir());
  const book = await Book.create(path, { actor, clock: () => now });
  const at = (iso: string) => {
    now = new Date(iso);
  };
  return { book, path, at };
}

const rows = (book: Book) => book.exec.select<AuditRow>('select * from audit_log order by id');

/** A connection of its own to the book's file or database, as someone going round the program has. */
function connection(path: string): Driver {
  return path.startsWith('postgres') ? new PgDriver(path) : new SqliteDriver(new Database(path));
}

/** What an attacker holding the file or database does: the triggers out of the way, then the change. */
function tamper(path: string, sql: string, ...params: unknown[]) {
  const raw = connection(path);
  const on = raw.engine === 'postgres' ? ' on audit_log' : '';
  for (const t of ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_chained'])
    raw.run(`drop trigger if exists ${t}${on}`, []);
  raw.run(sql, params);
  raw.close();
}

/** Three audit rows, a minute apart: products in, a price edited, a name edited. */
async function bookWithHistory() {
  const b = await newBook();
  upsertProducts(b.book, [sampleProduct(), sampleProduct({ sku: 'TEA-002' })]);
  b.at('2026-03-01T08:01:00.000Z');
  await editProduct(b.book, 'TEA-001', 'price', '99.90');
  b.at('2026-03-01T08:02:00.000Z');
  await editProduct(b.book, 'TEA-002', 'name', '碧螺春');
  return b;
}

describe('the audit chain', () => {
  it('links every row to the one before it by its hash, from a fixed start', async () => {
    const { book } = await bookWithHistory();
    const log = rows(book);
    expect(log.map((r) => [r.id, r.command, r.record_table, r.document])).toEqual([
      [1, 'upsertProducts', 'products', null],
      [2, 'editProduct.price', 'products', 'TEA-001'],
      [3, 'editProduct.name', 'products', 'TEA-002'],
    ]);
    expect(log[0]?.prev_hash).toBe(AUDIT_GENESIS);
    for (const [i, r] of log.entries()) {
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(auditHash(r)).toBe(r.hash);
      if (i > 0) expect(r.prev_hash).toBe(log[i - 1]?.hash);
    }
    expect(log[1]).toMatchObject({
      actor: 'lin',
      at: '2026-03-01T08:01:00.000Z',
      before_json: '{"price":8800}',
      after_json: '{"price":9990}',
      refused: null,
    });
    expect(verifyAuditChain(book)).toBeUndefined();
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('hashes every field: changing any one of them changes the hash', async () => {
    const { book } = await bookWithHistory();
    const row = rows(book)[1] as AuditRow;
    const changes: Partial<AuditRow>[] = [
      { id: 9 },
      { at: '2026-03-01T08:01:00.001Z' },
      { actor: 'wang' },
      { command: 'editProduct.cost' },
      { record_table: null },
      { document: 'TEA-002' },
      { before_json: '{"price":8801}' },
      { after_json: null },
      { refused: 'x' },
      { prev_hash: AUDIT_GENESIS },
    ];
    for (const change of changes) expect(auditHash({ ...row, ...change })).not.toBe(row.hash);
    book.close();
  });

  it('keeps the chain through a batch of commands, one of them rolled back, and writes nothing for a dry run', async () => {
    const { book } = await newBook();
    upsertProducts(book, [sampleProduct()], { dryRun: true });
    expect(rows(book)).toEqual([]);
    book.batch(() => {
      upsertProducts(book, [sampleProduct()]);
      expect(() =>
        book.command('failing', () => {
          book.command('inner', () => ({ value: 1, document: 'X' }));
          throw new Error('refused');
        }),
      ).toThrow('refused');
      upsertProducts(book, [sampleProduct({ sku: 'TEA-002' })]);
    });
    expect(rows(book).map((r) => [r.id, r.command])).toEqual([
      [1, 'upsertProducts'],
      [2, 'upsertProducts'],
    ]);
    expect(verifyAuditChain(book)).toBeUndefined();
    book.close();
  });

  it('appends many rows in one transaction with one lookup of the last row', async () => {
    const { book } = await newBook();
    upsertProducts(book, [sampleProduct()]);
    book.batch(() => {
      const chain = auditChain(book);
      for (let i = 0; i < 500; i++) chain.append({ actor: 'lin', command: 'bulk', document: `D${i}` });
    });
    expect(book.exec.value<number>('select count(*) from audit_log')).toBe(501);
    expect(verifyAuditChain(book)).toBeUndefined();
    book.close();
  });
});

describe('the audit log is append-only', () => {
  it('refuses to change or remove a row, and a row that does not follow the last one', async () => {
    const { book } = await bookWithHistory();
    expect(() => book.exec.execute("update audit_log set actor = 'wang' where id = 2")).toThrow(
      'the audit log is append-only: its rows cannot be changed',
    );
    expect(() => book.exec.execute('delete from audit_log where id = 3')).toThrow(
      'the audit log is append-only: its rows cannot be removed',
    );
    const insert = {
      run: (...params: unknown[]) =>
        book.exec.execute(
          "insert into audit_log (id, at, actor, command, prev_hash, hash) values (?, '2026-03-02T00:00:00.000Z', 'x', 'forged', ?, ?)",
          ...params,
        ),
    };
    const last = rows(book).at(-1) as AuditRow;
    expect(() => insert.run(4, AUDIT_GENESIS, 'f'.repeat(64))).toThrow('an audit row follows the last one');
    expect(() => insert.run(9, last.hash, 'f'.repeat(64))).toThrow('an audit row follows the last one');
    expect(() => insert.run(null, last.hash, 'f'.repeat(64))).toThrow('an audit row follows the last one');
    expect(rows(book)).toHaveLength(3);
    expect(check(book)).toEqual([]);
    book.close();
  });
});

describe('check of the audit chain', () => {
  it('names a row changed behind the book’s back', async () => {
    const { book, path } = await bookWithHistory();
    book.close();
    tamper(path, `update audit_log set after_json = '{"price":1}' where id = 2`);
    const again = await Book.open(path);
    const problems = check(again);
    expect(problems.map((p) => p.code)).toEqual(['audit.triggers', 'audit.changed']);
    expect(problems[0]?.message).toBe(
      'the audit log is no longer append-only: triggers audit_log_no_update, audit_log_no_delete, audit_log_chained dropped',
    );
    expect(problems[1]?.message).toMatch(
      /^audit row 2 \(editProduct\.price TEA-001 by lin at 2026-03-01T08:01:00\.000Z\): its fields do not give its hash \([0-9a-f]{12}…, they give [0-9a-f]{12}…\); it was changed after it was written$/,
    );
    again.close();
  });

  it('names the row after one removed', async () => {
    const { book, path } = await bookWithHistory();
    book.close();
    tamper(path, 'delete from audit_log where id = 2');
    const again = await Book.open(path);
    expect(verifyAuditChain(again)).toEqual({
      id: 3,
      code: 'audit.unlinked',
      message:
        'audit row 3 (editProduct.name TEA-002 by lin at 2026-03-01T08:02:00.000Z): its prev_hash is not the hash of row 1 before it; row 2 is missing',
    });
    again.close();
  });

  it('names a row slipped in, at the end or in place of another', async () => {
    const { book, path } = await bookWithHistory();
    const last = rows(book).at(-1) as AuditRow;
    book.close();
    tamper(
      path,
      "insert into audit_log (id, at, actor, command, document, prev_hash, hash) values (4, '2026-03-02T00:00:00.000Z', 'lin', 'cancelSalesOrder', 'SO-1', ?, ?)",
      last.hash,
      'e'.repeat(64),
    );
    let again = await Book.open(path);
    expect(verifyAuditChain(again)).toMatchObject({ id: 4, code: 'audit.changed' });
    again.close();

    // Put in place of row 2 with a hash of its own making: row 3 no longer follows it.
    tamper(path, 'delete from audit_log where id in (2, 4)');
    const raw = connection(path);
    const first = raw.get<AuditRow>('select * from audit_log where id = 1', []) as AuditRow;
    const row = { ...first, id: 2, command: 'editProduct.price', document: 'TEA-001', prev_hash: first.hash };
    raw.run(
      'insert into audit_log (id, at, actor, command, record_table, document, before_json, after_json, refused, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        row.id,
        row.at,
        row.actor,
        row.command,
        row.record_table,
        row.document,
        row.before_json,
        row.after_json,
        row.refused,
        row.prev_hash,
        auditHash(row),
      ],
    );
    raw.close();
    again = await Book.open(path);
    expect(verifyAuditChain(again)).toMatchObject({
      id: 3,
      code: 'audit.unlinked',
      message: expect.stringContaining('its prev_hash is not the hash of row 2 before it'),
    });
    again.close();
  });
});

describe('migration 0012-audit-chain', () => {
  it('chains the rows a book already has, in id order, and new rows follow them', async () => {
    const path = join(tempDir(), 'old.db');
    const sqlite = new Database(path);
    const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
    expect((await migrator.migrateTo('0011-planning-indexes')).error).toBeUndefined();
    const old = sqlite.prepare(
      'insert into audit_log (at, actor, command, document, before_json, after_json) values (?, ?, ?, ?, ?, ?)',
    );
    old.run('2026-01-01T00:00:00.000Z', 'cli', 'upsertProducts', null, null, '{"inserted":1}');
    old.run('2026-01-02T00:00:00.000Z', 'ui', 'editProduct.price', 'TEA-001', '{"price":1}', '{"price":2}');
    old.run('2026-01-03T00:00:00.000Z', 'cli', 'placeSalesOrder', 'SO-2026-000001', null, null);
    await db.destroy();

    const book = await Book.open(path, { actor: 'lin' });
    const log = rows(book);
    expect(log.map((r) => [r.id, r.actor, r.command, r.record_table, r.document, r.before_json, r.after_json])).toEqual(
      [
        [1, 'cli', 'upsertProducts', 'products', null, null, '{"inserted":1}'],
        [2, 'ui', 'editProduct.price', 'products', 'TEA-001', '{"price":1}', '{"price":2}'],
        [3, 'cli', 'placeSalesOrder', 'sales_orders', 'SO-2026-000001', null, null],
      ],
    );
    expect(log[0]?.prev_hash).toBe(AUDIT_GENESIS);
    expect(verifyAuditChain(book)).toBeUndefined();
    upsertProducts(book, [sampleProduct()]);
    expect(rows(book).at(-1)).toMatchObject({ id: 4, actor: 'lin', prev_hash: log[2]?.hash });
    expect(check(book)).toEqual([]);
    expect(() => book.exec.execute('delete from audit_log')).toThrow('append-only');
    book.close();
  });
});

describe('logRefusal', () => {
  it('logs a refused action after its command rolled back, in the chain', async () => {
    const { book } = await bookWithHistory();
    const id = logRefusal(book, {
      actor: 'li',
      command: 'approveSalesOrder',
      code: 'permission.denied',
      message: 'li may not approve orders',
      document: 'SO-2026-000001',
    });
    expect(id).toBe(4);
    expect(rows(book).at(-1)).toMatchObject({
      id: 4,
      actor: 'li',
      command: 'approveSalesOrder',
      record_table: 'sales_orders',
      document: 'SO-2026-000001',
      before_json: null,
      after_json: '{"message":"li may not approve orders"}',
      refused: 'permission.denied',
    });
    expect(verifyAuditChain(book)).toBeUndefined();
    book.close();
  });

  it('logs a permission refusal found inside a command once the command rolled back, and no other failure', async () => {
    const { book } = await bookWithHistory();
    const fail = (code: string) => () =>
      book.command('approveSalesOrder', () => {
        book.exec.execute("update products set name = 'changed'");
        throw new TradeloopError(code, `${code} inside`);
      });
    expect(fail('permission.scope')).toThrow(expect.objectContaining({ code: 'permission.scope' }));
    expect(fail('command.rejected')).toThrow(expect.objectContaining({ code: 'command.rejected' }));
    expect(rows(book).slice(3)).toEqual([
      expect.objectContaining({ id: 4, command: 'approveSalesOrder', refused: 'permission.scope' }),
    ]);
    expect(book.exec.value("select count(*) from products where name = 'changed'")).toBe(0);
    expect(verifyAuditChain(book)).toBeUndefined();
    book.close();
  });

  it('refuses to log inside a transaction that would roll the row back with it', async () => {
    const { book } = await newBook();
    expect(() =>
      book.batch(() => logRefusal(book, { actor: 'li', command: 'x', code: 'permission.denied', message: 'no' })),
    ).toThrow(expect.objectContaining({ code: 'audit.in_transaction' }));
    expect(rows(book)).toEqual([]);
    book.close();
  });
});

describe('listAudit', () => {
  it('filters by who, record, command and business day in the book’s time zone', async () => {
    // 15:59 UTC is 23:59 in Shanghai, the book's zone; 16:00 UTC is the next day there.
    const { book, at } = await newBook();
    at('2026-03-31T15:58:00.000Z');
    upsertProducts(book, [sampleProduct(), sampleProduct({ sku: 'TEA-002' })]);
    at('2026-03-31T15:59:59.999Z');
    await editProduct(book, 'TEA-001', 'price', '99.90');
    at('2026-03-31T16:00:00.000Z');
    await editProduct(book, 'TEA-001', 'name', '龙井');
    at('2026-04-30T15:59:00.000Z');
    logRefusal(book, { actor: 'li', command: 'editProduct.cost', code: 'permission.denied', message: 'no' });
    const ids = (f: Parameters<typeof listAudit>[1]) => listAudit(book, f).map((r) => r.id);
    expect(ids({})).toEqual([1, 2, 3, 4]);
    expect(ids({ actor: 'li' })).toEqual([4]);
    expect(ids({ record: 'TEA-001' })).toEqual([2, 3]);
    expect(ids({ record: 'products:TEA-001' })).toEqual([2, 3]);
    expect(ids({ record: 'customers:TEA-001' })).toEqual([]);
    expect(ids({ command: 'editProduct' })).toEqual([2, 3, 4]);
    expect(ids({ command: 'editProduct.price' })).toEqual([2]);
    expect(ids({ command: 'editProd' })).toEqual([]);
    expect(ids({ period: { start: '2026-03-31', end: '2026-03-31' } })).toEqual([1, 2]);
    expect(ids({ period: { start: '2026-04-01', end: '2026-04-30' } })).toEqual([3, 4]);
    expect(ids({ period: { start: '2026-04-01', end: '2026-04-30' }, actor: 'lin' })).toEqual([3]);
    book.close();
  });

  it('is for those who may read the audit trail: an auditor, not a salesperson', async () => {
    const { book } = await bookWithHistory();
    book.actAs({ user: 'zhou', roles: ['auditor'] });
    expect(listAudit(book)).toHaveLength(3);
    book.actAs({ user: 'lin', roles: ['salesperson'], salesperson: 'lin' });
    expect(() => listAudit(book)).toThrow(expect.objectContaining({ code: 'permission.denied' }));
    book.close();
  });
});
