import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Book } from './book.js';
import { check } from './check.js';
import type { Driver } from './driver.js';
import { upsertMasterData } from './master-data.js';
import { LATEST_MIGRATION, MIGRATIONS } from './migrations/index.js';
import { PgDriver } from './pg-driver.js';
import { postgresTables } from './postgres-schema.js';
import { postgresUpgrade, schemaAt } from './postgres-upgrade.js';
import { upsertProducts } from './products.js';
import { approveSalesOrder, placeSalesOrder } from './sales.js';
import { postOpeningStock } from './stock.js';
import { usePostgres } from './test-support/postgres.js';
import { sampleProduct, useTempDir } from './test-support/temp-book.js';

const pg = usePostgres();
const tempDir = useTempDir();
const database = (name: string) => pg.database(name);

/**
 * A book on PostgreSQL as a program whose last migration was `version` would have made it: that
 * schema, the rows its migrations put in, their names in the version table, and settings.
 */
async function bookAt(version: string, url: string): Promise<void> {
  const sqlite = await schemaAt(version);
  const { statements, tables } = postgresTables(sqlite);
  const d = new PgDriver(url);
  d.transaction(() => {
    d.run(statements.join(';\n'), []);
    for (const t of tables)
      for (const row of sqlite.prepare(`select * from "${t}"`).all() as Record<string, unknown>[])
        d.run(
          `insert into "${t}" (${Object.keys(row)
            .map((c) => `"${c}"`)
            .join(', ')}) values (${Object.keys(row)
            .map(() => '?')
            .join(', ')})`,
          Object.values(row),
        );
    d.run("insert into settings (key, value) values ('company', '旧版公司')", []);
  });
  d.close();
  sqlite.close();
}

/** A schema as PostgreSQL's catalog has it: columns with their types, indexes, triggers. */
function schemaOf(d: Driver) {
  return {
    columns: d.all(
      `select table_name, column_name, data_type, is_nullable, column_default, is_identity, collation_name
         from information_schema.columns where table_schema = current_schema() order by 1, 2`,
      [],
    ),
    indexes: d.all('select indexname, indexdef from pg_indexes where schemaname = current_schema() order by 1', []),
    triggers: d.all(
      'select tgname, tgrelid::regclass::text as t from pg_trigger where not tgisinternal order by 1',
      [],
    ),
    checks: d.all(
      "select conrelid::regclass::text as t, pg_get_constraintdef(oid) as def from pg_constraint where contype in ('c', 'f', 'u') order by 1, 2",
      [],
    ),
  };
}

describe('a book on PostgreSQL made by an older program', () => {
  const names = Object.keys(MIGRATIONS).sort();
  it.each([names.at(-2) as string, '0020-webhooks', '0016-row-versions'])(
    'is brought up from %s to this program’s schema when opened, as a new book has it, and works',
    async (version) => {
      const slug = version.slice(0, 4);
      const url = database(`old_${slug}`);
      await bookAt(version, url);
      const book = await Book.open(url, { actor: 'boss' });
      expect(await book.schemaVersion()).toBe(LATEST_MIGRATION);
      expect(book.settings().company).toBe('旧版公司');
      const fresh = await Book.create(database(`new_${slug}`));
      expect(schemaOf(book.driver)).toEqual(schemaOf(fresh.driver));
      expect(book.exec.select('select * from accounts order by code')).toEqual(
        fresh.exec.select('select * from accounts order by code'),
      );
      fresh.close();
      // It takes the day's work.
      upsertProducts(book, [sampleProduct()]);
      upsertMasterData(book, {
        warehouses: [{ code: 'WH1', name: '总仓' }],
        salespeople: [{ code: 'lin', name: '林', level: 'junior' }],
        customers: [{ code: 'C001', name: '华东贸易', owner: 'lin', creditLimit: 10_000_000 }],
      });
      postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 5_000, value: 26_000, date: '2026-03-01' }]);
      const { number } = placeSalesOrder(book, {
        customer: 'C001',
        warehouse: 'WH1',
        date: '2026-03-02',
        lines: [{ sku: 'TEA-001', qty: 2_000 }],
      });
      approveSalesOrder(book, number);
      expect(check(book)).toEqual([]);
      book.close();
      // Opened again, there is nothing left to do.
      const again = await Book.open(url);
      expect(await again.schemaVersion()).toBe(LATEST_MIGRATION);
      again.close();
    },
    60_000,
  );

  it('refuses a migration that rewrites a column it cannot repeat, naming it, and changes nothing', () => {
    const before = new Database(':memory:');
    before.exec('create table t (id integer primary key, qty integer not null)');
    const after = new Database(':memory:');
    after.exec('create table t (id integer primary key, qty text not null, note text)');
    expect(() => postgresUpgrade(before, after, '0099-retype')).toThrow(
      expect.objectContaining({
        code: 'book.migration_needed',
        message: expect.stringContaining('migration 0099-retype changes the column t.qty'),
      }),
    );
    // Columns added and dropped, an index and the migration's own statements for rows, in PostgreSQL's words.
    const plain = new Database(':memory:');
    plain.exec('create table t (id integer primary key, qty integer not null, old text)');
    const grown = new Database(':memory:');
    grown.exec(`create table t (id integer primary key, qty integer not null, code text collate nocase not null default '');
      create index t_code on t(code collate nocase)`);
    expect(postgresUpgrade(plain, grown, '0099-grow', { postgres: ["update t set code = 'x'"] })).toEqual([
      'alter table "t" drop column "old"',
      `alter table "t" add column code text collate "C" not null default ''`,
      'CREATE INDEX t_code on t(code)',
      "update t set code = 'x'",
    ]);
  });
});

// Rows of a book made before invoices kept what they still owe: one paid in full, one in part,
// one not at all, and a credit note; a receipt taken whole and an advance.
const BEFORE_OPEN_AMOUNTS = [
  "insert into customers (id, code, name, normalized_name) values (1, 'C1', '华东贸易', '华东贸易')",
  `insert into invoices (id, number, kind, customer_id, date, due_date, net_minor, tax_minor, gross_minor) values
     (1, 'INV-1', 'sales', 1, '2026-01-05', '2026-02-04', 10000, 1300, 11300),
     (2, 'INV-2', 'sales', 1, '2026-01-06', '2026-02-05', 20000, 2600, 22600),
     (3, 'INV-3', 'sales', 1, '2026-01-07', '2026-02-06', 5000, 650, 5650),
     (4, 'CN-1', 'sales_credit', 1, '2026-01-08', '2026-01-08', -1000, -130, -1130)`,
  `insert into payments (id, number, kind, customer_id, date, amount_minor, account) values
     (1, 'RC-1', 'customer', 1, '2026-01-20', 20000, '1002'), (2, 'RC-2', 'customer', 1, '2026-01-21', 5000, '1002')`,
  `insert into payment_allocations (payment_id, invoice_id, amount_minor, date) values
     (1, 1, 11300, '2026-01-20'), (1, 2, 8700, '2026-01-20')`,
];

describe('a book made before invoices kept their open amounts', () => {
  const owed = (book: Book) => [
    ...book.exec.select('select number, open_minor from invoices order by id'),
    ...book.exec.select('select number, unallocated_minor from payments order by id'),
  ];
  const kept = (problems: { code: string }[]) =>
    problems.filter((p) => p.code === 'invoice.open' || p.code === 'payment.unallocated');
  const expected = [
    { number: 'INV-1', open_minor: 0 },
    { number: 'INV-2', open_minor: 13900 },
    { number: 'INV-3', open_minor: 5650 },
    { number: 'CN-1', open_minor: -1130 },
    { number: 'RC-1', unallocated_minor: 0 },
    { number: 'RC-2', unallocated_minor: 5000 },
  ];

  it('has them filled from the allocations when opened, on a file and on PostgreSQL', async () => {
    const old = await schemaAt('0023-payment-vouchers');
    for (const statement of BEFORE_OPEN_AMOUNTS) old.exec(statement);
    const file = join(tempDir(), 'old.db');
    writeFileSync(file, old.serialize());
    const onFile = await Book.open(file, { actor: 'boss' });
    expect(owed(onFile)).toEqual(expected);
    expect(kept(check(onFile))).toEqual([]);
    onFile.close();

    const url = database('old_open');
    await bookAt('0023-payment-vouchers', url);
    const d = new PgDriver(url);
    d.transaction(() => {
      for (const statement of BEFORE_OPEN_AMOUNTS) d.run(statement, []);
    });
    d.close();
    const onPostgres = await Book.open(url, { actor: 'boss' });
    expect(owed(onPostgres)).toEqual(expected);
    expect(kept(check(onPostgres))).toEqual([]);
    // And check names an open amount changed by other means.
    onPostgres.exec.execute("update invoices set open_minor = 1 where number = 'INV-3'");
    onPostgres.exec.execute("update payments set unallocated_minor = 0 where number = 'RC-2'");
    expect(kept(check(onPostgres))).toEqual([
      expect.objectContaining({ code: 'invoice.open', message: expect.stringContaining('INV-3 keeps 1, owes 5650') }),
      expect.objectContaining({
        code: 'payment.unallocated',
        message: expect.stringContaining('RC-2 keeps 0, has 5000 left'),
      }),
    ]);
    onPostgres.close();
    old.close();
  }, 60_000);
});
