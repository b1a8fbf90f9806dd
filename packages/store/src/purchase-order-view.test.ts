import { describe, expect, it } from 'vitest';
import { purchaseOrderView } from './purchase-order-view.js';
import { placePurchaseOrder, receivePurchaseOrder, recordSupplierInvoice } from './purchasing.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';

const tempDir = useTempDir();

describe('purchaseOrderView', () => {
  it('follows a purchase order from ordered to invoiced, with receipts, batches and the three-way match', async () => {
    const book = await smallCompany(tempDir());
    const { number } = placePurchaseOrder(book, {
      supplier: 'S1',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-002', qty: 10_000, price: 10_000 }],
    });
    expect(purchaseOrderView(book, number)).toMatchObject({
      status: 'ordered',
      supplier: { code: 'S1' },
      actions: ['receive'],
      lines: [{ lineNo: 1, sku: 'TEA-002', qty: 10_000, received: 0, invoicePrice: null, match: [] }],
    });
    receivePurchaseOrder(book, number, {
      date: '2026-03-05',
      lines: [{ lineNo: 1, qty: 4_000, batch: 'B-7', expiry: '2027-03-01' }],
    });
    expect(purchaseOrderView(book, number)).toMatchObject({
      status: 'partially_received',
      actions: ['receive', 'invoice', 'return'],
      receipts: [{ date: '2026-03-05', lines: [{ lineNo: 1, qty: 4_000, batch: 'B-7', expiry: '2027-03-01' }] }],
    });
    // Invoiced at the order's price for what came: the match agrees, and the supplier is owed it.
    recordSupplierInvoice(book, {
      po: number,
      number: 'FJ-1',
      date: '2026-03-06',
      lines: [{ lineNo: 1, qty: 4_000, price: 10_000 }],
    });
    const view = purchaseOrderView(book, number);
    expect(view).toMatchObject({
      actions: ['receive', 'pay', 'return'],
      lines: [{ invoiced: 4_000, invoicePrice: 10_000, match: [] }],
      invoices: [{ date: '2026-03-06', gross: 45_200, open: 45_200 }],
      owed: 45_200,
    });
  });

  it('is refused to a salesperson, and names a purchase order that is not there', async () => {
    const book = await smallCompany(tempDir());
    expect(() => purchaseOrderView(book, 'PO-X')).toThrow(expect.objectContaining({ code: 'po.not_found' }));
    await addUser(book, { name: 'lin-u', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
    book.actAs(actorOf(book, 'lin-u'));
    expect(() => purchaseOrderView(book, 'PO-X')).toThrow(expect.objectContaining({ code: 'permission.scope' }));
  });
});
