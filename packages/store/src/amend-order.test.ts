import { describe, expect, it } from 'vitest';
import { amendSalesOrder } from './amend-order.js';
import { approvalHistory } from './approvals.js';
import { listAudit } from './audit.js';
import type { Book } from './book.js';
import { check } from './check.js';
import { createPurchaseOrders } from './purchasing.js';
import { approveSalesOrder, loadOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { stockBalance } from './stock-ledger.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

/** C001 (credit terms) orders `qty` boxes of TEA-001 at 188.00; 5 are on hand. Approved unless told. */
function order(book: Book, qty: number, approve = true): string {
  const { number } = placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date: '2026-03-02',
    promiseDate: '2026-03-09',
    lines: [{ sku: 'TEA-001', qty }],
  });
  if (approve) approveSalesOrder(book, number, 'lin');
  return number;
}

const requisitions = (book: Book) =>
  book.exec.select<{ number: string; qty: number; status: string }>(
    'select number, qty, status from requisitions order by id',
  );
const tea = (book: Book) => stockBalance(book, 1, 1);

describe('amending a sales order before it ships', () => {
  it('raises a requisition for a quantity beyond stock, and releases and cancels it when the quantity comes down', async () => {
    const book = await smallCompany(tempDir());
    const so = order(book, 3_000);
    expect(loadOrder(book, so).lines[0]).toMatchObject({ reserved_qty: 3_000 });
    expect(requisitions(book)).toEqual([]);

    // Up to 8: the 5 on hand are held, 3 requisitioned for the line; totals follow.
    const up = amendSalesOrder(book, so, { set: [{ lineNo: 1, qty: 8_000 }] });
    expect(up).toMatchObject({ status: 'awaiting_shipment', requisitions: ['PR-2026-000001'], needs: [] });
    expect(loadOrder(book, so).order).toMatchObject({ net_minor: 150_400, tax_minor: 19_552, gross_minor: 169_952 });
    expect(loadOrder(book, so).lines[0]).toMatchObject({ qty: 8_000, reserved_qty: 5_000 });
    expect(requisitions(book)).toEqual([{ number: 'PR-2026-000001', qty: 3_000, status: 'open' }]);
    expect(tea(book)).toMatchObject({ onHand: 5_000, reserved: 5_000 });
    expect(check(book)).toEqual([]);

    // Down to 4: one box released, the requisition no longer needed is cancelled.
    const down = amendSalesOrder(book, so, { set: [{ lineNo: 1, qty: 4_000 }] });
    expect(down).toMatchObject({ status: 'awaiting_shipment', requisitions: [] });
    expect(loadOrder(book, so).lines[0]).toMatchObject({ qty: 4_000, reserved_qty: 4_000 });
    expect(requisitions(book)).toEqual([{ number: 'PR-2026-000001', qty: 3_000, status: 'cancelled' }]);
    expect(tea(book)).toMatchObject({ reserved: 4_000 });
    expect(check(book)).toEqual([]);

    // The audit row keeps the line as it was and as it is.
    const rows = listAudit(book, { record: so, command: 'amendSalesOrder' });
    expect(rows.map((r) => [JSON.parse(r.before_json ?? '{}').lines, JSON.parse(r.after_json ?? '{}').lines])).toEqual([
      [
        [{ line: 1, sku: 'TEA-001', qty: 3_000, unitPrice: 18_800 }],
        [{ line: 1, sku: 'TEA-001', qty: 8_000, unitPrice: 18_800 }],
      ],
      [
        [{ line: 1, sku: 'TEA-001', qty: 8_000, unitPrice: 18_800 }],
        [{ line: 1, sku: 'TEA-001', qty: 4_000, unitPrice: 18_800 }],
      ],
    ]);
    book.close();
  });

  it('adds and removes lines, and moves the promise date of what is requisitioned', async () => {
    const book = await smallCompany(tempDir());
    const so = order(book, 2_000);
    const r = amendSalesOrder(book, so, {
      add: [{ sku: 'TEA-001', qty: 6_000 }],
      promiseDate: '2026-03-20',
    });
    expect(r.lines.map((l) => [l.lineNo, l.qty])).toEqual([
      [1, 2_000],
      [2, 6_000],
    ]);
    expect(loadOrder(book, so).lines.map((l) => l.reserved_qty)).toEqual([2_000, 3_000]);
    expect(book.exec.select('select qty, need_by, status from requisitions')).toEqual([
      { qty: 3_000, need_by: '2026-03-20', status: 'open' },
    ]);
    amendSalesOrder(book, so, { remove: [2] });
    expect(loadOrder(book, so).lines.map((l) => l.line_no)).toEqual([1]);
    expect(book.exec.select('select status from requisitions')).toEqual([{ status: 'cancelled' }]);
    expect(tea(book)).toMatchObject({ reserved: 2_000 });
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('sends an approved order back to review with a new step when a price goes below the floor', async () => {
    const book = await smallCompany(tempDir());
    const so = order(book, 3_000);
    const r = amendSalesOrder(book, so, { set: [{ lineNo: 1, unitPrice: 14_000 }] });
    expect(r.status).toBe('pending_review');
    expect(r.needs.map((n) => n.code)).toEqual(['price.below_floor', 'price.over_discount_authority']);
    expect(approvalHistory(book, so).map((s) => [s.rule, s.status])).toEqual([
      ['discount', 'pending'],
      ['discount', 'pending'],
    ]);
    // Nothing is held for an order under review; approving it again reserves.
    expect(loadOrder(book, so).lines[0]).toMatchObject({ reserved_qty: 0, unit_price_minor: 14_000 });
    expect(tea(book)).toMatchObject({ reserved: 0 });
    expect(check(book)).toEqual([]);
    expect(approveSalesOrder(book, so, 'wang').status).toBe('awaiting_shipment');
    expect(loadOrder(book, so).lines[0]).toMatchObject({ reserved_qty: 3_000 });
    // Amended again with the same price, the step given holds: the order stays approved.
    expect(amendSalesOrder(book, so, { promiseDate: '2026-03-12' }).status).toBe('awaiting_shipment');
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('does not requisition again what a PO already brings, when an amended order is approved again', async () => {
    const book = await smallCompany(tempDir());
    // 8 ordered, 5 on hand: 3 requisitioned, then put on a purchase order.
    const so = order(book, 8_000);
    expect(createPurchaseOrders(book, { date: '2026-03-02' }).orders).toHaveLength(1);
    expect(requisitions(book)).toEqual([{ number: 'PR-2026-000001', qty: 3_000, status: 'ordered' }]);
    // A price below floor sends it back to review; approved again, only stock is held again.
    expect(amendSalesOrder(book, so, { set: [{ lineNo: 1, unitPrice: 14_000 }] }).status).toBe('pending_review');
    expect(approveSalesOrder(book, so, 'wang')).toMatchObject({ status: 'awaiting_shipment', requisitions: [] });
    expect(requisitions(book)).toEqual([{ number: 'PR-2026-000001', qty: 3_000, status: 'ordered' }]);
    expect(loadOrder(book, so).lines[0]).toMatchObject({ reserved_qty: 5_000 });
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('withdraws steps an order under review no longer needs', async () => {
    const book = await smallCompany(tempDir());
    const { number: so } = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 3_000, requestedPrice: 14_000 }],
    });
    // A step still waiting for the same figures is not asked again.
    expect(amendSalesOrder(book, so, { promiseDate: '2026-03-20' }).needs).toHaveLength(2);
    expect(approvalHistory(book, so).map((s) => s.status)).toEqual(['pending', 'pending']);
    const r = amendSalesOrder(book, so, { set: [{ lineNo: 1, unitPrice: 18_800 }] });
    expect(r).toMatchObject({ status: 'pending_review', needs: [] });
    expect(approvalHistory(book, so).every((s) => s.status === 'withdrawn')).toBe(true);
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('refuses to amend what has shipped, changing nothing', async () => {
    const book = await smallCompany(tempDir());
    const so = order(book, 4_000);
    shipSalesOrder(book, so, { date: '2026-03-05', lines: [{ lineNo: 1, qty: 1_000 }] });
    const before = JSON.stringify(loadOrder(book, so));
    expect(() => amendSalesOrder(book, so, { set: [{ lineNo: 1, qty: 500 }] })).toThrow(/shipped already/);
    expect(() => amendSalesOrder(book, so, { set: [{ lineNo: 1, unitPrice: 17_000 }] })).toThrow(/cannot change/);
    expect(() => amendSalesOrder(book, so, { remove: [1] })).toThrow(/cannot be removed/);
    expect(() => amendSalesOrder(book, so, { set: [{ lineNo: 9, qty: 1_000 }] })).toThrow(/no line 9/);
    expect(() => amendSalesOrder(book, so, { set: [{ lineNo: 1, qty: 0 }] })).toThrow(/remove line 1 instead/);
    expect(JSON.stringify(loadOrder(book, so))).toBe(before);
    // What has not shipped stays open to change.
    expect(amendSalesOrder(book, so, { set: [{ lineNo: 1, qty: 2_000 }] }).status).toBe('partially_shipped');
    expect(loadOrder(book, so).lines[0]).toMatchObject({ qty: 2_000, shipped_qty: 1_000, reserved_qty: 1_000 });
    shipSalesOrder(book, so, { date: '2026-03-06' });
    const shipped = JSON.stringify(loadOrder(book, so));
    expect(() => amendSalesOrder(book, so, { set: [{ lineNo: 1, qty: 3_000 }] })).toThrow(/it is shipped/);
    expect(JSON.stringify(loadOrder(book, so))).toBe(shipped);
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('puts a paid prepaid order back to awaiting payment for an amount above what is paid', async () => {
    const book = await smallCompany(tempDir());
    const { number: so } = placeSalesOrder(book, {
      customer: 'C002',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 1_000 }],
    });
    approveSalesOrder(book, so, 'lin');
    const { recordSalesOrderPayment } = await import('./sales.js');
    recordSalesOrderPayment(book, so, { date: '2026-03-02', amount: 21_244 });
    expect(loadOrder(book, so).order.status).toBe('awaiting_shipment');
    expect(amendSalesOrder(book, so, { set: [{ lineNo: 1, qty: 2_000 }] }).status).toBe('awaiting_payment');
    expect(amendSalesOrder(book, so, { set: [{ lineNo: 1, qty: 1_000 }] }).status).toBe('awaiting_shipment');
    expect(check(book)).toEqual([]);
    book.close();
  });
});
