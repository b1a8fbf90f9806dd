import { join } from 'node:path';
import { inject, onTestFinished } from 'vitest';
import { Book } from '../book.js';
import { upsertMasterData } from '../master-data.js';
import { upsertProducts } from '../products.js';
import { postOpeningStock } from '../stock.js';
import { fixedClock, sampleProduct } from './temp-book.js';

/** The small company's commission plans: juniors 3% flat, the manager 1% and 0.5% on the team. */
export const SMALL_COMPANY_PLANS = [
  { level: 'junior', code: 'JR-3', base: 'net_sales' as const, scheme: { kind: 'flat' as const, rate: 300 } },
  {
    level: 'manager',
    code: 'MGR',
    base: 'net_sales' as const,
    scheme: { kind: 'flat' as const, rate: 100 },
    managerOverride: 50,
  },
];

/**
 * A small trading company: two teas, one warehouse, a supplier, a customer, a sales team; with
 * `commissionPlans: false`, a team whose plans are not set up yet.
 */
export async function smallCompany(dir: string, options: { commissionPlans?: boolean } = {}): Promise<Book> {
  // A PostgreSQL book in the project that runs on it (`postgres-setup`): a database of its own.
  const book = await createTestBook(dir, { clock: fixedClock, actor: 'test' });
  upsertProducts(book, [
    sampleProduct({ sku: 'TEA-001', price: 18800, cost: 11200 }),
    sampleProduct({ sku: 'TEA-002', name: '铁观音', nameEn: 'Tieguanyin', price: 12800, cost: 7650 }),
  ]);
  upsertMasterData(book, {
    warehouses: [{ code: 'WH1', name: '主仓 Main', bins: ['A-01', 'A-02'] }],
    suppliers: [{ code: 'S1', name: '福建茶业有限公司', grade: 'A', paymentDays: 30 }],
    salespeople: [
      { code: 'wang', name: '王经理', level: 'manager', maxDiscount: 2000 },
      { code: 'lin', name: '林', level: 'junior', manager: 'wang', maxDiscount: 1000 },
    ],
    customers: [
      {
        code: 'C001',
        name: '华东贸易有限公司',
        tier: 'VIP',
        owner: 'lin',
        creditLimit: 10_000_000,
        terms: 'credit',
        paymentDays: 30,
      },
      { code: 'C002', name: '南方食品', owner: 'lin', terms: 'prepaid', paymentDays: 0 },
    ],
    products: [
      { sku: 'TEA-001', preferredSupplier: 'S1', packSize: 6000, floorPrice: 15000, leadTimeDays: 5 },
      { sku: 'TEA-002', preferredSupplier: 'S1', packSize: 1000 },
    ],
    users: [
      { name: 'lin', roles: ['salesperson'] },
      { name: 'wang', roles: ['sales_manager', 'accountant', 'purchasing'] },
    ],
    commissionPlans: options.commissionPlans === false ? [] : SMALL_COMPANY_PLANS,
    priceLists: [
      {
        code: 'BASE',
        scope: { kind: 'base' },
        prices: [
          { sku: 'TEA-001', minQty: 0, price: 18800 },
          { sku: 'TEA-002', minQty: 0, price: 12800 },
        ],
      },
    ],
  });
  postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 5_000, value: 56_000, date: '2026-03-01' }]);
  return book;
}

/**
 * A new book for a test: a file in `dir`, or on the project's PostgreSQL a database that serves
 * the next book once this one is closed (a property test makes many in one test).
 */
export async function createTestBook(dir: string, options: Parameters<typeof Book.create>[1] = {}): Promise<Book> {
  const place = await bookPlace(dir);
  const book = await Book.create(place, options);
  const close = book.close.bind(book);
  book.close = () => {
    close();
    if (place.startsWith('postgres')) release(place.slice(place.lastIndexOf('/') + 1));
  };
  return book;
}

let databases = 0;
let template: Promise<string> | undefined;

/**
 * A database holding this program's schema and no book yet, made once per test process: each
 * test's database is a copy of it (`create database … template`), which `Book.create` finishes
 * with the settings, instead of writing the whole schema again for every test.
 */
function blankTemplate(server: string): Promise<string> {
  template ??= (async () => {
    const { PgDriver } = await import('../pg-driver.js');
    const name = `tl_blank_${process.pid}`;
    const admin = new PgDriver(server);
    try {
      admin.run(`create database ${name}`, []);
    } finally {
      admin.close();
    }
    const url = server.replace(/\/[^/]*$/, `/${name}`);
    const book = await Book.create(url);
    book.exec.execute('delete from settings');
    triggerCount = book.exec.value<number>('select count(*) from pg_trigger where not tgisinternal');
    book.close();
    return name;
  })();
  return template;
}

let triggerCount: number | undefined;
/** Databases of this process whose test has finished: the next test's book goes in one of them, emptied. */
const finished = new Set<string>();

/** A test's database is free again: its test ended, or its book was closed. */
function release(name: string): void {
  finished.add(name);
}

/**
 * Empty a database a finished test's book was in, back to the blank schema (`blankTemplate`):
 * every row deleted (the triggers that keep history aside, as a restore would), the rows the
 * migrations put in written again, identity columns started again. Much quicker than a new database.
 */
async function emptied(server: string, name: string): Promise<boolean> {
  const [{ PgDriver }, { migratedSchema }, { bulkInsert }] = await Promise.all([
    import('../pg-driver.js'),
    import('../book.js'),
    import('../bulk-insert.js'),
  ]);
  const { tables, rows } = await migratedSchema();
  const db = new PgDriver(server.replace(/\/[^/]*$/, `/${name}`));
  try {
    // A test that went round the book (dropped a trigger to tamper with the audit log) leaves a
    // database that is no longer the schema: not reused.
    const triggers = 'select count(*) as n from pg_trigger where not tgisinternal';
    if (db.get<{ n: number }>(triggers, [])?.n !== triggerCount) return false;
    const identities = db.all<{ t: string; c: string }>(
      `select table_name as t, column_name as c from information_schema.columns
         where table_schema = current_schema() and is_identity = 'YES'`,
      [],
    );
    const kept = new Set(['kysely_migration', 'kysely_migration_lock']);
    db.run(
      [
        'set session_replication_role = replica',
        ...[...tables]
          .reverse()
          .filter((t) => !kept.has(t))
          .map((t) => `delete from "${t}"`),
        'set session_replication_role = origin',
        ...identities.map(({ t, c }) => `select setval(pg_get_serial_sequence('"${t}"', '${c}'), 1, false)`),
      ].join(';\n'),
      [],
    );
    for (const [table, list] of Object.entries(rows)) {
      if (kept.has(table)) continue;
      const insert = bulkInsert(
        db,
        `"${table}"`,
        Object.keys(list[0] ?? {}).map((c) => `"${c}"`),
        { rowsPer: 500 },
      );
      for (const row of list) insert.add(...Object.values(row));
      insert.flush();
      if (list.some((r) => typeof r.id === 'number'))
        db.run(`select setval(pg_get_serial_sequence('"${table}"', 'id'), (select max(id) from "${table}"))`, []);
    }
    return true;
  } finally {
    db.close();
  }
}

/** Where a test's book goes: a file in its folder, or a database on the project's PostgreSQL. */
export async function bookPlace(dir: string): Promise<string> {
  const server = inject('postgres') as string | undefined;
  if (!server) return join(dir, 'co.db');
  let name = finished.values().next().value;
  if (name) finished.delete(name);
  if (!name || !(await emptied(server, name))) {
    const { PgDriver } = await import('../pg-driver.js');
    const blank = await blankTemplate(server);
    name = `t${process.pid}_${++databases}`;
    const admin = new PgDriver(server);
    try {
      // The template's last connection may take a moment to leave the server.
      for (let attempt = 0; ; attempt++) {
        try {
          admin.run(`create database ${name} template ${blank}`, []);
          break;
        } catch (error) {
          if (attempt > 50 || !/being accessed by other users/.test(String(error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    } finally {
      admin.close();
    }
  }
  const place = name;
  // Free again once the test that asked for it has ended; one asked for outside a test (a file's
  // shared book) keeps its database.
  try {
    onTestFinished(() => release(place));
  } catch {}
  return server.replace(/\/[^/]*$/, `/${name}`);
}
