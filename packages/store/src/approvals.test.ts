import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { approvalHistory, listApprovals, loadApprovalRules, setApprovalRule } from './approvals.js';
import { Book } from './book.js';
import { check } from './check.js';
import { MIGRATIONS } from './migrations/index.js';
import {
  approvePurchaseOrder,
  approveSupplierPayment,
  paySupplier,
  placePurchaseOrder,
  receivePurchaseOrder,
  recordSupplierInvoice,
  rejectPurchaseOrder,
  rejectSupplierPayment,
} from './purchasing.js';
import { approveSalesOrder, cancelSalesOrder, loadOrder, placeSalesOrder, rejectSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';

const tempDir = useTempDir();

/**
 * The small company with people who sign in: the owner, a sales manager who also sells (as
 * salesperson wang), an accountant, a buyer, a second sales manager.
 */
async function company(options: { users?: boolean } = {}) {
  const book = await smallCompany(tempDir());
  if (options.users !== false) {
    await addUser(book, { name: 'boss', roles: ['owner'] }, 'boss-password-1');
    await addUser(book, { name: 'mgr', roles: ['sales_manager'], salesperson: 'wang' }, 'mgr-password-1');
    await addUser(book, { name: 'li', roles: ['sales_manager'] }, 'li-password-12');
    await addUser(book, { name: 'acc', roles: ['accountant'] }, 'acc-password-1');
    await addUser(book, { name: 'buyer', roles: ['purchasing'] }, 'buyer-password');
    await addUser(book, { name: 'seller', roles: ['salesperson'], salesperson: 'lin' }, 'seller-password');
  }
  const as = (name: string) => book.actAs(actorOf(book, name));
  return { book, as };
}

/** A prepaid order of C002 (salesperson lin): 300 boxes at 188.00 + VAT = 63,732.00. */
const bigOrder = (book: Book, salesperson?: string) =>
  placeSalesOrder(book, {
    customer: 'C002',
    warehouse: 'WH1',
    date: '2026-03-02',
    ...(salesperson ? { salesperson } : {}),
    lines: [{ sku: 'TEA-001', qty: 300_000 }],
  }).number;

const statusOf = (book: Book, number: string) => loadOrder(book, number).order.status;
const steps = (book: Book, number: string) =>
  approvalHistory(book, number).map((s) => [s.step, s.rule, s.role, s.status, s.approver]);

describe('approval rules', () => {
  it('start from defaults kept in the book, and change one rule at a time', async () => {
    const { book } = await company({ users: false });
    expect(loadApprovalRules(book)).toMatchObject({
      order_amount: { over: 5_000_000, role: 'sales_manager', second: null },
      discount: { role: 'sales_manager' },
      credit: { role: 'accountant' },
      po_amount: { over: 10_000_000, role: 'purchasing' },
      supplier_payment: { over: 10_000_000, role: 'accountant' },
    });
    setApprovalRule(book, 'order_amount', {
      over: 5_000_000,
      role: 'sales_manager',
      second: { over: 6_000_000, role: 'owner' },
    });
    expect(loadApprovalRules(book).order_amount.second).toEqual({ over: 6_000_000, role: 'owner' });
    expect(() => setApprovalRule(book, 'po_amount', { over: 100, role: 'auditor' as never, second: null })).toThrow(
      /must be one of owner/,
    );
    expect(() =>
      setApprovalRule(book, 'po_amount', { over: 100, role: 'purchasing', second: { over: 50, role: 'owner' } }),
    ).toThrow(/the second step starts at or above the first/);
    expect(loadApprovalRules(book).po_amount.over).toBe(10_000_000);
    book.close();
  });
});

describe('approving sales orders', () => {
  it('holds a large order for a sales manager, then above the second amount for the owner', async () => {
    const { book, as } = await company();
    setApprovalRule(book, 'order_amount', {
      over: 5_000_000,
      role: 'sales_manager',
      second: { over: 6_000_000, role: 'owner' },
    });
    as('seller');
    const number = bigOrder(book);
    expect(steps(book, number)).toEqual([
      [1, 'order_amount', 'sales_manager', 'pending', null],
      [2, 'order_amount', 'owner', 'pending', null],
    ]);
    // The salesperson cannot approve; the owner's step waits for the manager's.
    expect(() => approveSalesOrder(book, number)).toThrow(/needs approval by sales_manager, which seller is not/);
    as('li');
    expect(listApprovals(book).map((a) => [a.document, a.step])).toEqual([[number, 1]]);
    // The owner's inbox holds the owner's steps, and any that no one else could decide.
    as('boss');
    expect(listApprovals(book)).toEqual([]);
    as('li');
    expect(approveSalesOrder(book, number)).toEqual({
      status: 'pending_review',
      requisitions: [],
      waiting: [{ step: 2, role: 'owner', message: 'order 63,732.00 is over 60,000.00' }],
    });
    expect(() => approveSalesOrder(book, number)).toThrow(/needs approval by owner, which li is not/);
    as('boss');
    expect(listApprovals(book).map((a) => [a.document, a.step, a.role])).toEqual([[number, 2, 'owner']]);
    expect(approveSalesOrder(book, number).status).toBe('awaiting_payment');
    expect(steps(book, number)).toEqual([
      [1, 'order_amount', 'sales_manager', 'approved', 'li'],
      [2, 'order_amount', 'owner', 'approved', 'boss'],
    ]);
    expect(listApprovals(book, { all: true })).toEqual([]);
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('sends a price below floor to the sales manager and credit over the limit to the accountant', async () => {
    const { book, as } = await company();
    as('seller');
    placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 600_000, requestedPrice: 14_000 }],
    });
    const { number, needs } = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 100_000, requestedPrice: 14_000 }],
    });
    expect(needs.map((n) => [n.code, n.role])).toEqual([
      ['price.below_floor', 'sales_manager'],
      ['price.over_discount_authority', 'sales_manager'],
      ['order.over_credit', 'accountant'],
    ]);
    // Each decides what their role holds: the accountant approves credit without selling.
    as('acc');
    expect(listApprovals(book).map((a) => [a.document, a.rule])).toEqual([[number, 'credit']]);
    expect(approveSalesOrder(book, number).waiting?.map((w) => w.role)).toEqual(['sales_manager', 'sales_manager']);
    as('li');
    expect(approveSalesOrder(book, number).status).toBe('awaiting_shipment');
    expect(steps(book, number)).toEqual([
      [1, 'discount', 'sales_manager', 'approved', 'li'],
      [1, 'discount', 'sales_manager', 'approved', 'li'],
      [1, 'credit', 'accountant', 'approved', 'acc'],
    ]);
    book.close();
  });

  it('lets nobody approve an order of their own above their authority', async () => {
    const { book, as } = await company();
    // mgr sells as wang: an order of wang's is mgr's own, whoever placed it.
    const sold = bigOrder(book, 'wang');
    as('mgr');
    expect(listApprovals(book)).toEqual([]);
    expect(() => approveSalesOrder(book, sold)).toThrow(
      `mgr may not approve ${sold} of their own; another user who holds sales_manager approves it`,
    );
    // … and so is one mgr placed.
    const placed = bigOrder(book);
    expect(() => approveSalesOrder(book, placed)).toThrow(/of their own/);
    expect(statusOf(book, placed)).toBe('pending_review');
    as('li');
    expect(listApprovals(book).map((a) => a.document)).toEqual([sold, placed]);
    expect(approveSalesOrder(book, sold).status).toBe('awaiting_payment');
    // The owner too, while someone else could decide.
    as('boss');
    const owners = bigOrder(book);
    expect(() => approveSalesOrder(book, owners)).toThrow(/boss may not approve .* of their own/);
    book.close();
  });

  it('lets the owner approve their own order when nobody else could, so a one-person book moves', async () => {
    const { book } = await company({ users: false });
    await addUser(book, { name: 'boss', roles: ['owner'] }, 'boss-password-1');
    book.actAs(actorOf(book, 'boss'));
    const number = bigOrder(book);
    expect(approveSalesOrder(book, number).status).toBe('awaiting_payment');
    expect(steps(book, number)).toEqual([[1, 'order_amount', 'sales_manager', 'approved', 'boss']]);
    book.close();
  });

  it('rejects with a reason: the order is cancelled, the history keeps every step', async () => {
    const { book, as } = await company();
    setApprovalRule(book, 'order_amount', {
      over: 5_000_000,
      role: 'sales_manager',
      second: { over: 6_000_000, role: 'owner' },
    });
    as('seller');
    const number = bigOrder(book);
    as('li');
    expect(() => rejectSalesOrder(book, number, '  ')).toThrow(/say why/);
    approveSalesOrder(book, number);
    as('seller');
    expect(() => rejectSalesOrder(book, number, 'no')).toThrow(/needs a decision by owner, which seller is not/);
    as('boss');
    expect(rejectSalesOrder(book, number, '折扣太大')).toEqual({ status: 'cancelled' });
    expect(statusOf(book, number)).toBe('cancelled');
    expect(approvalHistory(book, number).map((s) => [s.step, s.status, s.approver, s.reason])).toEqual([
      [1, 'approved', 'li', null],
      [2, 'rejected', 'boss', '折扣太大'],
    ]);
    expect(() => approveSalesOrder(book, number)).toThrow(/cannot approve an order that is cancelled/);
    // The history is never rewritten nor deleted.
    expect(() => book.exec.execute('delete from approvals')).toThrow(/approval history is kept/);
    expect(() => book.exec.execute("update approvals set status = 'approved'")).toThrow(/does not change/);
    // Cancelling an order withdraws what it waited for.
    as('seller');
    const other = bigOrder(book);
    cancelSalesOrder(book, other);
    expect(approvalHistory(book, other).map((s) => [s.status, s.reason])).toEqual([
      ['withdrawn', `${other} was cancelled`],
      ['withdrawn', `${other} was cancelled`],
    ]);
    expect(check(book)).toEqual([]);
    book.close();
  });
});

describe('approving purchases and payments', () => {
  it('holds a large purchase order for purchasing; rejecting it cancels it', async () => {
    const { book, as } = await company();
    as('boss');
    const po = (qty: number) =>
      placePurchaseOrder(book, {
        supplier: 'S1',
        warehouse: 'WH1',
        date: '2026-03-02',
        lines: [{ sku: 'TEA-001', qty }],
      });
    // 1,000 boxes at 112.00 + VAT = 126,560.00, over 100,000.00.
    const first = po(1_000_000);
    expect(first.status).toBe('pending_approval');
    as('seller');
    expect(listApprovals(book, { all: true })).toEqual([]);
    as('buyer');
    expect(listApprovals(book).map((a) => [a.document, a.kind, a.role])).toEqual([
      [first.number, 'purchase_order', 'purchasing'],
    ]);
    expect(approvePurchaseOrder(book, first.number)).toEqual({ status: 'ordered' });
    const second = po(1_000_000);
    expect(rejectPurchaseOrder(book, second.number, '价格高于上次')).toEqual({ status: 'cancelled', requisitions: [] });
    expect(approvalHistory(book, second.number).map((s) => [s.status, s.approver, s.reason])).toEqual([
      ['rejected', 'buyer', '价格高于上次'],
    ]);
    book.close();
  });

  it('keeps a large supplier payment as a request that is paid when approved, or never', async () => {
    const { book, as } = await company();
    setApprovalRule(book, 'supplier_payment', {
      over: 100_000,
      role: 'accountant',
      second: { over: 200_000, role: 'owner' },
    });
    const { number: po } = placePurchaseOrder(book, {
      supplier: 'S1',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 20_000 }],
    });
    receivePurchaseOrder(book, po, { date: '2026-03-03' });
    const { gross } = recordSupplierInvoice(book, { po, date: '2026-03-04' });
    expect(gross).toBe(253_120);
    as('acc');
    const asked = paySupplier(book, { supplier: 'S1', date: '2026-03-05', amount: gross });
    expect(asked).toEqual({
      request: 'PRQ-2026-000001',
      waiting: [
        { step: 1, role: 'accountant', message: 'payment 2,531.20 is over 1,000.00' },
        { step: 2, role: 'owner', message: 'payment 2,531.20 is over 2,000.00' },
      ],
    });
    const paid = () => book.exec.value<number>("select count(*) from payments where kind = 'supplier'");
    expect(paid()).toBe(0);
    // The accountant who asked does not approve; another (the owner) does, both steps at once.
    expect(() => approveSupplierPayment(book, 'PRQ-2026-000001')).toThrow(/acc may not approve PRQ-2026-000001/);
    as('boss');
    expect(approveSupplierPayment(book, 'PRQ-2026-000001')).toEqual({ status: 'paid', payment: 'PAY-2026-000001' });
    expect(paid()).toBe(1);
    expect(() => approveSupplierPayment(book, 'PRQ-2026-000001')).toThrow(/is paid already/);
    // Below the rule's amount a payment goes at once; a rejected request pays nothing.
    const { number: po2 } = placePurchaseOrder(book, {
      supplier: 'S1',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 10_000 }],
    });
    receivePurchaseOrder(book, po2, { date: '2026-03-03' });
    recordSupplierInvoice(book, { po: po2, date: '2026-03-04' });
    as('acc');
    expect(paySupplier(book, { supplier: 'S1', date: '2026-03-06', amount: 20_000 })).toEqual({
      payment: 'PAY-2026-000002',
    });
    const asked2 = paySupplier(book, { supplier: 'S1', date: '2026-03-06', amount: 106_560 });
    expect(asked2).toMatchObject({ request: 'PRQ-2026-000002' });
    as('boss');
    expect(rejectSupplierPayment(book, 'PRQ-2026-000002', '发票未到')).toEqual({ status: 'rejected' });
    expect(paid()).toBe(2);
    expect(check(book)).toEqual([]);
    book.close();
  });
});

describe('migration 0014-approval-flow', () => {
  it('carries the approvals a book had into steps: who asked from the audit trail, cancelled orders withdrawn, waiting POs added', async () => {
    const path = join(tempDir(), 'old.db');
    const sqlite = new Database(path);
    const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
    expect((await migrator.migrateTo('0011-planning-indexes')).error).toBeUndefined();
    sqlite.exec(`
      insert into warehouses (id, code, name) values (1, 'WH1', '主仓');
      insert into salespeople (id, code, name, level) values (1, 'lin', '林', 'junior');
      insert into customers (id, code, name, normalized_name, owner_id) values (1, 'C001', '华东贸易', '华东贸易', 1);
      insert into suppliers (id, code, name) values (1, 'S1', '福建茶业');
      insert into sales_orders (id, number, customer_id, salesperson_id, order_date, promise_date, terms, status, warehouse_id, net_minor, tax_minor, gross_minor)
        values (1, 'SO-2026-000001', 1, 1, '2026-03-02', '2026-03-09', 'credit', 'pending_review', 1, 6000000, 780000, 6780000),
               (2, 'SO-2026-000002', 1, 1, '2026-03-02', '2026-03-09', 'credit', 'cancelled', 1, 6000000, 780000, 6780000),
               (3, 'SO-2026-000003', 1, 1, '2026-03-02', '2026-03-09', 'credit', 'awaiting_shipment', 1, 100, 13, 113);
      insert into approvals (document_kind, document_id, code, role, message, status, approver, decided_at) values
        ('sales_order', 1, 'order.over_amount', 'sales_manager', 'SO-2026-000001 is over 50,000.00', 'pending', null, null),
        ('sales_order', 1, 'order.over_credit', 'accountant', 'C001 would be over its credit limit', 'approved', 'acc', '2026-03-02T09:00:00.000Z'),
        ('sales_order', 2, 'order.over_amount', 'sales_manager', 'SO-2026-000002 is over 50,000.00', 'pending', null, null),
        ('sales_order', 3, 'order.below_floor', 'sales_manager', 'line 1 is below the floor price', 'approved', 'wang', '2026-03-02T10:00:00.000Z');
      insert into purchase_orders (id, number, supplier_id, warehouse_id, status, order_date, expected_date, net_minor, tax_minor, gross_minor)
        values (1, 'PO-2026-000001', 1, 1, 'pending_approval', '2026-03-02', '2026-03-09', 9000000, 1170000, 10170000);
      insert into audit_log (at, actor, command, document, before_json, after_json) values
        ('2026-03-02T08:00:00.000Z', 'cli', 'placeSalesOrder', 'SO-2026-000001', null, null),
        ('2026-03-02T08:05:00.000Z', 'lin', 'placeSalesOrder', 'SO-2026-000002', null, null);
    `);
    await db.destroy();

    const book = await Book.open(path, { actor: 'boss' });
    const history = (number: string) =>
      approvalHistory(book, number).map((s) => [s.step, s.rule, s.role, s.status, s.approver]);
    expect(history('SO-2026-000001')).toEqual([
      [1, 'order_amount', 'sales_manager', 'pending', null],
      [1, 'credit', 'accountant', 'approved', 'acc'],
    ]);
    expect(history('SO-2026-000002')).toEqual([[1, 'order_amount', 'sales_manager', 'withdrawn', null]]);
    expect(history('SO-2026-000003')).toEqual([[1, 'discount', 'sales_manager', 'approved', 'wang']]);
    expect(history('PO-2026-000001')).toEqual([[1, 'po_amount', 'purchasing', 'pending', null]]);
    expect(
      book.exec.select('select number, requested_by from approvals a join sales_orders o on o.id = a.document_id'),
    ).toEqual(
      expect.arrayContaining([
        { number: 'SO-2026-000001', requested_by: 'cli' },
        { number: 'SO-2026-000002', requested_by: 'lin' },
      ]),
    );
    // What waited still waits, and the flow goes on from there.
    expect(listApprovals(book, { all: true }).map((e) => e.document)).toEqual(['PO-2026-000001', 'SO-2026-000001']);
    expect(approveSalesOrder(book, 'SO-2026-000001').status).toBe('awaiting_shipment');
    expect(approvePurchaseOrder(book, 'PO-2026-000001')).toMatchObject({ status: 'ordered' });
    expect(listApprovals(book, { all: true })).toEqual([]);
    expect(check(book)).toEqual([]);
    book.close();
  });
});
