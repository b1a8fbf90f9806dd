import { describe, expect, it } from 'vitest';
import { upsertMasterData } from './master-data.js';
import { orderView } from './order-view.js';
import { createPurchaseOrders, receivePurchaseOrder } from './purchasing.js';
import { approveSalesOrder, invoiceSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';

const tempDir = useTempDir();

describe('orderView', () => {
  it('shows an order from placing to invoice: lines with their price trace, documents and the next actions', async () => {
    const book = await smallCompany(tempDir());
    const { number } = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 2_000 }],
    });
    const placed = orderView(book, number);
    expect(placed).toMatchObject({
      status: 'pending_review',
      customer: { code: 'C001', creditLimit: expect.any(Number) },
      gross: 42_488,
      actions: ['approve', 'reject', 'amend', 'cancel'],
      lines: [{ lineNo: 1, sku: 'TEA-001', qty: 2_000, unitPrice: 18_800, reserved: 0 }],
    });
    expect(placed.lines[0]?.trace[0]).toMatchObject({ rule: 'base list BASE', outcome: 'won' });

    approveSalesOrder(book, number);
    expect(orderView(book, number)).toMatchObject({
      actions: ['ship', 'amend', 'cancel'],
      lines: [{ reserved: 2_000 }],
    });
    shipSalesOrder(book, number, { date: '2026-03-03', carrier: '顺丰', trackingNumber: 'SF1' });
    expect(orderView(book, number)).toMatchObject({
      status: 'shipped',
      actions: ['invoice', 'return'],
      shipments: [{ date: '2026-03-03', carrier: '顺丰', tracking: 'SF1' }],
    });
    invoiceSalesOrder(book, number, { date: '2026-03-03', vatKind: 'special' });
    expect(orderView(book, number)).toMatchObject({
      actions: ['return'],
      invoices: [{ date: '2026-03-03', vatKind: 'special', gross: 42_488, open: 42_488 }],
    });
  });

  it('follows what is bought for the lines it could not reserve: requisition, then its purchase order', async () => {
    const book = await smallCompany(tempDir());
    const { number } = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 8_000 }],
    });
    expect(orderView(book, number).purchasing).toEqual([]);
    const { requisitions } = approveSalesOrder(book, number);
    expect(orderView(book, number).purchasing).toEqual([
      {
        requisition: requisitions[0],
        lineNo: 1,
        sku: 'TEA-001',
        qty: 3_000,
        status: 'open',
        purchaseOrder: null,
        purchaseStatus: null,
        expected: null,
      },
    ]);
    const { orders } = createPurchaseOrders(book, { date: '2026-03-03' });
    const po = orders[0] as string;
    expect(orderView(book, number).purchasing).toMatchObject([
      { status: 'ordered', purchaseOrder: po, purchaseStatus: 'ordered', expected: '2026-03-08' },
    ]);
    receivePurchaseOrder(book, po, { date: '2026-03-06' });
    expect(orderView(book, number)).toMatchObject({
      lines: [{ reserved: 8_000 }],
      purchasing: [{ purchaseOrder: po, purchaseStatus: 'received' }],
    });
  });

  it('refuses another salesperson’s order, and hides credit from a salesperson', async () => {
    const book = await smallCompany(tempDir());
    upsertMasterData(book, {
      salespeople: [{ code: 'chen', name: '陈', level: 'junior', manager: 'wang', maxDiscount: 1000 }],
      customers: [{ code: 'C003', name: '陈的客户', owner: 'chen', terms: 'credit', creditLimit: 10_000_000 }],
    } as never);
    await addUser(book, { name: 'lin-u', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
    const order = (customer: string) =>
      placeSalesOrder(book, { customer, warehouse: 'WH1', date: '2026-03-02', lines: [{ sku: 'TEA-001', qty: 1_000 }] })
        .number;
    const theirs = order('C003');
    const mine = order('C001');
    book.actAs(actorOf(book, 'lin-u'));
    expect(() => orderView(book, theirs)).toThrow(expect.objectContaining({ code: 'permission.scope' }));
    expect(orderView(book, mine).customer).toMatchObject({ code: 'C001', creditLimit: null, exposure: null });
  });
});
