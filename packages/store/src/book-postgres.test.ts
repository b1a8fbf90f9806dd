import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Book, redacted } from './book.js';
import { check } from './check.js';
import { upsertMasterData } from './master-data.js';
import { LATEST_MIGRATION } from './migrations/index.js';
import { PgDriver } from './pg-driver.js';
import { runAlerts, runReorder } from './planning.js';
import { upsertProducts } from './products.js';
import { createPurchaseOrders, paySupplier, receivePurchaseOrder, recordSupplierInvoice } from './purchasing.js';
import { approveSalesOrder, invoiceSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { postOpeningStock } from './stock.js';
import { usePostgres } from './test-support/postgres.js';
import { sampleProduct, useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

const pg = usePostgres();
const database = (name: string) => pg.database(name);

describe('a book on PostgreSQL', () => {
  it('is created in an empty database at this program’s schema, opened again, and refused where tables are', async () => {
    const url = database('acme');
    const book = await Book.create(url, { settings: { company: '华东贸易', currency: 'CNY' } });
    expect(await book.schemaVersion()).toBe(LATEST_MIGRATION);
    expect(book.settings()).toMatchObject({ company: '华东贸易', currency: 'CNY', precision: 2 });
    book.close();
    const again = await Book.open(url);
    expect(again.settings().company).toBe('华东贸易');
    expect(() => again.sqlite).toThrow(/is on PostgreSQL/);
    again.close();
    await expect(Book.create(url)).rejects.toThrow(expect.objectContaining({ code: 'book.exists' }));
  });

  it('refuses to open an empty database or one holding other tables, naming what to do', async () => {
    await expect(Book.open(database('empty'))).rejects.toThrow(
      expect.objectContaining({ code: 'book.not_found', hint: expect.stringContaining('tradeloop init --db') }),
    );
    const other = database('other');
    const raw = new PgDriver(other);
    raw.run('create table t (a int)', []);
    raw.close();
    await expect(Book.open(other)).rejects.toThrow(expect.objectContaining({ code: 'book.not_a_book' }));
  });

  it('takes products as one audited command, and check finds nothing wrong', async () => {
    const book = await Book.create(database('products'));
    const summary = upsertProducts(book, [sampleProduct(), sampleProduct({ sku: 'TEA-002', name: '铁观音' })]);
    expect(summary).toMatchObject({ inserted: ['TEA-001', 'TEA-002'] });
    expect(book.exec.value<number>('select count(*) from audit_log')).toBe(1);
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('takes master data: warehouses, salespeople, customers', async () => {
    const book = await Book.create(database('master'));
    upsertMasterData(book, {
      warehouses: [{ code: 'WH1', name: '总仓', bins: ['A-01', 'A-02'] }],
      salespeople: [{ code: 'lin', name: '林', level: 'junior' }],
      customers: [{ code: 'C001', name: '华东贸易', owner: 'lin', creditLimit: 10_000_000 }],
    } as never);
    expect(book.exec.select('select code from customers')).toEqual([{ code: 'C001' }]);
    expect(book.exec.select('select code from bins order by code')).toEqual([{ code: 'A-01' }, { code: 'A-02' }]);
    expect(check(book)).toEqual([]);
    // What the migrations put in comes along: the chart of accounts, and ids go on after it.
    expect(book.exec.value<number>('select count(*) from accounts')).toBeGreaterThan(20);
    book.close();
  });

  it('runs the sales loop as SQLite does: placed, approved, shipped at FIFO cost, invoiced, the same figures, check clean', async () => {
    const sell = async (path: string) => {
      const book = await Book.create(path);
      upsertProducts(book, [sampleProduct()]);
      upsertMasterData(book, {
        warehouses: [{ code: 'WH1', name: '总仓' }],
        salespeople: [{ code: 'lin', name: '林', level: 'junior' }],
        customers: [
          { code: 'C001', name: '华东贸易', owner: 'lin', creditLimit: 10_000_000, terms: 'credit', paymentDays: 30 },
        ],
      } as never);
      postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 10_000, value: 50_000, date: '2026-03-01' }]);
      const { number } = placeSalesOrder(book, {
        customer: 'C001',
        warehouse: 'WH1',
        date: '2026-03-02',
        lines: [{ sku: 'TEA-001', qty: 2_500 }],
      });
      approveSalesOrder(book, number);
      const shipped = shipSalesOrder(book, number, { date: '2026-03-03', carrier: '顺丰', trackingNumber: 'SF1' });
      const invoiced = invoiceSalesOrder(book, number, { date: '2026-03-03' });
      const figures = {
        number,
        shipped,
        invoiced,
        stock: book.exec.selectOne('select on_hand, reserved, value_minor from stock_balances'),
        journal: book.exec.select(
          'select account, sum(debit_minor) as debit, sum(credit_minor) as credit from journal_lines group by account order by account',
        ),
        problems: check(book),
      };
      book.close();
      return figures;
    };
    const onPostgres = await sell(database('loop'));
    const onSqlite = await sell(join(tempDir(), 'loop.db'));
    expect(onPostgres).toEqual(onSqlite);
    expect(onPostgres.problems).toEqual([]);
    expect(onPostgres.invoiced.status).toBe('completed');
  });

  it('buys what is short as SQLite does: requisition, purchase order, receipt to the waiting order, supplier invoice and payment, reorder and alerts runs', async () => {
    const buy = async (path: string) => {
      const book = await Book.create(path);
      upsertProducts(book, [sampleProduct()]);
      upsertMasterData(book, {
        suppliers: [{ code: 'S1', name: '茶厂', grade: 'A', paymentDays: 30 }],
        warehouses: [{ code: 'WH1', name: '总仓' }],
        salespeople: [{ code: 'lin', name: '林', level: 'junior' }],
        customers: [
          { code: 'C001', name: '华东贸易', owner: 'lin', creditLimit: 10_000_000, terms: 'credit', paymentDays: 30 },
        ],
        products: [{ sku: 'TEA-001', preferredSupplier: 'S1', reorderPoint: 1_000, reorderQty: 5_000 }],
      } as never);
      const { number } = placeSalesOrder(book, {
        customer: 'C001',
        warehouse: 'WH1',
        date: '2026-03-02',
        lines: [{ sku: 'TEA-001', qty: 2_000 }],
      });
      const approved = approveSalesOrder(book, number);
      const { orders } = createPurchaseOrders(book, { date: '2026-03-02' });
      const po = orders[0] ?? '';
      receivePurchaseOrder(book, po, { date: '2026-03-03' });
      const invoice = recordSupplierInvoice(book, { po, date: '2026-03-04' });
      const paid = paySupplier(book, { supplier: 'S1', date: '2026-03-05', amount: invoice.gross });
      const figures = {
        approved,
        orders,
        invoice,
        paid,
        order: book.exec.selectOne('select status from sales_orders where number = ?', number),
        reserved: book.exec.value('select reserved_qty from sales_order_lines'),
        reorder: runReorder(book, { today: '2026-03-06' }).map((r) => r.sku),
        alerts: runAlerts(book, { today: '2026-04-30' }).map((a) => a.kind),
        journal: book.exec.select(
          'select account, sum(debit_minor) as debit, sum(credit_minor) as credit from journal_lines group by account order by account',
        ),
        problems: check(book),
      };
      book.close();
      return figures;
    };
    const onPostgres = await buy(database('buying'));
    expect(onPostgres).toEqual(await buy(join(tempDir(), 'buying.db')));
    expect(onPostgres).toMatchObject({
      approved: { requisitions: [expect.stringMatching(/^PR-/)] },
      reserved: 2_000,
      problems: [],
    });
  });

  it('never shows a password in what it says', () => {
    expect(redacted('postgres://erp:s3cret@db.example.com:5432/acme')).toBe(
      'postgres://erp:***@db.example.com:5432/acme',
    );
  });
});
