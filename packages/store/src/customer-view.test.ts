import { checkAccountStatement } from '@tradeloop/core';
import { describe, expect, it } from 'vitest';
import { statementOfAccount, statementTable } from './account-statement.js';
import type { Book } from './book.js';
import { addFollowUp, claimCustomer, releaseCustomer, saveOpportunity } from './crm.js';
import { customerView } from './customer-view.js';
import { autoMatchStatement, importStatementLines } from './finance.js';
import { upsertMasterData } from './master-data.js';
import { paySupplier, placePurchaseOrder, receivePurchaseOrder, recordSupplierInvoice } from './purchasing.js';
import { approveSalesOrder, invoiceSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';

const tempDir = useTempDir();

/** A credit order of C001 shipped and invoiced on `date`: its invoice's gross. */
function invoicedOrder(book: Book, date: string, qty = 1_000): { number: string; gross: number } {
  const { number } = placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date,
    lines: [{ sku: 'TEA-001', qty }],
  });
  approveSalesOrder(book, number);
  shipSalesOrder(book, number, { date });
  invoiceSalesOrder(book, number, { date, vatKind: 'normal' });
  const gross = book.exec.value<number>('select gross_minor from sales_orders where number = ?', number) ?? 0;
  return { number, gross };
}

describe('customerView', () => {
  it('shows a customer’s owner, credit, follow-ups, pipeline, orders, open invoices and aging that sums to outstanding', async () => {
    const book = await smallCompany(tempDir());
    upsertMasterData(book, {
      contacts: [{ customer: 'C001', name: '张三', title: '采购', phone: '13800000000' }],
    } as never);
    const first = invoicedOrder(book, '2026-03-02');
    const second = invoicedOrder(book, '2026-03-20', 2_000);
    addFollowUp(book, {
      customer: 'C001',
      salesperson: 'lin',
      date: '2026-03-10',
      note: '谈新品',
      nextDate: '2026-05-01',
    });
    saveOpportunity(book, {
      customer: 'C001',
      name: '秋季订货',
      stage: 'proposal',
      amount: 500_000,
      probability: 4000,
      date: '2026-03-10',
    });
    const v = customerView(book, 'C001', { asOf: '2026-04-25' });
    expect(v).toMatchObject({
      code: 'C001',
      owner: { code: 'lin' },
      inPool: false,
      creditLimit: 10_000_000,
      exposure: first.gross + second.gross,
      contacts: [{ name: '张三', title: '采购' }],
      followUps: [{ date: '2026-03-10', salesperson: 'lin', note: '谈新品', nextDate: '2026-05-01' }],
      nextFollowUp: '2026-05-01',
    });
    expect(v.opportunities.map((o) => o.stage)).toEqual([
      'lead',
      'qualified',
      'proposal',
      'negotiation',
      'won',
      'lost',
    ]);
    expect(v.opportunities[2]).toMatchObject({ amount: 500_000, items: [{ name: '秋季订货', probability: 4000 }] });
    expect(v.orders.map((o) => o.number)).toEqual([second.number, first.number]);
    expect(v.orders[0]).toMatchObject({ date: '2026-03-20', status: 'completed', gross: second.gross, paid: 0 });
    // Due 30 days after invoicing: the first 24 days overdue on 25 April, the second 6.
    expect(v.openInvoices.map((i) => i.daysOverdue)).toEqual([24, 6]);
    expect(v.aging.buckets.reduce((s, b) => s + b, 0)).toBe(v.aging.outstanding);
    expect(v.aging).toMatchObject({ asOf: '2026-04-25', outstanding: first.gross + second.gross });
    expect(v.aging.buckets[1]).toBe(first.gross + second.gross);
  });

  it('refuses another salesperson’s customer, hides credit from a salesperson, and opens a pool customer to claim', async () => {
    const book = await smallCompany(tempDir());
    upsertMasterData(book, {
      salespeople: [{ code: 'chen', name: '陈', level: 'junior', manager: 'wang', maxDiscount: 1000 }],
      customers: [
        { code: 'C003', name: '陈的客户', owner: 'chen' },
        { code: 'C004', name: '公海客户' },
      ],
    } as never);
    await addUser(book, { name: 'lin-u', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
    book.actAs(actorOf(book, 'lin-u'));
    expect(() => customerView(book, 'C003')).toThrow(expect.objectContaining({ code: 'permission.scope' }));
    expect(() => statementOfAccount(book, { customer: 'C003', from: '2026-03-01', to: '2026-03-31' })).toThrow(
      expect.objectContaining({ code: 'permission.scope' }),
    );
    expect(() => statementOfAccount(book, { supplier: 'S1', from: '2026-03-01', to: '2026-03-31' })).toThrow(
      expect.objectContaining({ code: 'permission.scope' }),
    );
    expect(customerView(book, 'C001')).toMatchObject({ creditLimit: null, exposure: null });
    expect(customerView(book, 'C004')).toMatchObject({ inPool: true, owner: null });
    claimCustomer(book, 'C004', 'lin', '2026-03-01');
    expect(customerView(book, 'C004')).toMatchObject({
      inPool: false,
      owner: { code: 'lin' },
      claimedAt: '2026-03-01',
    });
    releaseCustomer(book, 'C004');
    expect(customerView(book, 'C004').inPool).toBe(true);
    expect(() => customerView(book, 'NOPE')).toThrow(expect.objectContaining({ code: 'customer.not_found' }));
  });
});

describe('statementOfAccount', () => {
  it('opens with the balance before the period and runs it through invoices and receipts to the closing balance', async () => {
    const book = await smallCompany(tempDir());
    const march = invoicedOrder(book, '2026-03-02');
    const april = invoicedOrder(book, '2026-04-10', 2_000);
    const invoice = book.exec.value<string>(
      'select i.number from invoices i join sales_orders o on o.id = i.order_id where o.number = ?',
      march.number,
    );
    importStatementLines(book, 'bank', [
      { date: '2026-04-05', amount: march.gross, payer: '华东贸易有限公司', memo: `货款 ${invoice}` },
    ]);
    expect(autoMatchStatement(book).matched).toHaveLength(1);
    const s = statementOfAccount(book, { customer: 'C001', from: '2026-04-01', to: '2026-04-30' });
    expect(s).toMatchObject({ party: 'customer', code: 'C001', opening: march.gross });
    expect(s.lines.map((l) => [l.date, l.kind, l.debit, l.credit, l.balance])).toEqual([
      ['2026-04-05', 'receipt', 0, march.gross, 0],
      ['2026-04-10', 'invoice', april.gross, 0, april.gross],
    ]);
    expect(s.lines[1]).toMatchObject({ reference: april.number });
    expect(s).toMatchObject({ debits: april.gross, credits: march.gross, closing: april.gross });
    expect(checkAccountStatement(s).ok).toBe(true);
    // A period ending the day before the receipt closes at what March left.
    expect(statementOfAccount(book, { customer: 'C001', from: '2026-03-01', to: '2026-04-04' })).toMatchObject({
      opening: 0,
      closing: march.gross,
    });
    const table = statementTable(book, s);
    expect(table.headers).toEqual(['date', 'kind', 'document', 'reference', 'due_date', 'debit', 'credit', 'balance']);
    expect(table.rows[0]).toEqual(['2026-04-01', 'opening', '', '', '', '', '', (march.gross / 100).toFixed(2)]);
    expect(table.rows.at(-1)?.[7]).toBe((april.gross / 100).toFixed(2));
    expect(() => statementOfAccount(book, { customer: 'NOPE', from: '2026-04-01', to: '2026-04-30' })).toThrow(
      expect.objectContaining({ code: 'customer.not_found' }),
    );
  });

  it('writes a supplier’s account as what the book owes them: their invoices less our payments', async () => {
    const book = await smallCompany(tempDir());
    const { number: po } = placePurchaseOrder(book, {
      supplier: 'S1',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 10_000 }],
    });
    receivePurchaseOrder(book, po, { date: '2026-03-03' });
    const { invoice, gross } = recordSupplierInvoice(book, { po, date: '2026-03-04' });
    paySupplier(book, { supplier: 'S1', date: '2026-03-25', amount: 50_000 });
    const s = statementOfAccount(book, { supplier: 'S1', from: '2026-03-01', to: '2026-03-31' });
    expect(s.lines.map((l) => [l.kind, l.document, l.reference, l.debit, l.credit, l.balance])).toEqual([
      ['invoice', invoice, po, gross, 0, gross],
      ['payment', expect.stringMatching(/^PAY-/), null, 0, 50_000, gross - 50_000],
    ]);
    expect(s).toMatchObject({ party: 'supplier', opening: 0, closing: gross - 50_000 });
    expect(statementOfAccount(book, { supplier: 'S1', from: '2026-04-01', to: '2026-04-30' })).toMatchObject({
      opening: gross - 50_000,
      lines: [],
      closing: gross - 50_000,
    });
    expect(() => statementOfAccount(book, { supplier: 'S9', from: '2026-04-01', to: '2026-04-30' })).toThrow(
      expect.objectContaining({ code: 'supplier.not_found' }),
    );
  });
});
