import { describe, expect, it } from 'vitest';
import { type PurchaseOrderState, poActions } from './purchase.js';
import { orderActions, type SalesOrderState } from './sales-order.js';

const order = (over: Partial<SalesOrderState>): SalesOrderState => ({
  status: 'pending_review',
  terms: 'credit',
  amount: 10_000,
  paid: 0,
  lines: [{ id: '1', qty: 2000, shipped: 0 }],
  approvedBy: [],
  ...over,
});
const none = { reserved: 0, toInvoice: 0 };

describe('orderActions', () => {
  it('offers approve, reject and cancel while an order waits for review', () => {
    expect(orderActions(order({}), none)).toEqual(['approve', 'reject', 'amend', 'cancel']);
  });

  it('offers payment to a prepaid order until it is paid in full, and shipping only once paid', () => {
    const waiting = order({ status: 'awaiting_payment', terms: 'prepaid', paid: 4_000 });
    expect(orderActions(waiting, { reserved: 2000, toInvoice: 0 })).toEqual(['pay', 'amend', 'cancel']);
    const paid = order({ status: 'awaiting_shipment', terms: 'prepaid', paid: 10_000 });
    expect(orderActions(paid, { reserved: 2000, toInvoice: 0 })).toEqual(['ship', 'amend', 'cancel']);
  });

  it('offers shipping what is reserved and invoicing what shipped, and no cancel once goods left', () => {
    const part = order({ status: 'partially_shipped', lines: [{ id: '1', qty: 2000, shipped: 1000 }] });
    expect(orderActions(part, { reserved: 1000, toInvoice: 1000, returnable: 1000 })).toEqual([
      'ship',
      'invoice',
      'amend',
      'return',
    ]);
    expect(orderActions(order({ status: 'awaiting_shipment' }), none)).toEqual(['amend', 'cancel']);
  });

  it('offers nothing for a closed order but taking back what shipped', () => {
    for (const status of ['completed', 'cancelled'] as const) expect(orderActions(order({ status }), none)).toEqual([]);
    const shipped = order({ status: 'completed', lines: [{ id: '1', qty: 2000, shipped: 2000 }] });
    expect(orderActions(shipped, { ...none, returnable: 2000 })).toEqual(['return']);
  });
});

describe('poActions', () => {
  const po = (status: PurchaseOrderState['status'], received: number) => ({
    status,
    amount: 10_000,
    lines: [{ id: '1', qty: 2000, received }],
  });
  const none = { toInvoice: 0, owed: 0, returnable: 0 };

  it('offers approval while waiting, then receiving until all is in', () => {
    expect(poActions(po('pending_approval', 0), none)).toEqual(['approve', 'reject']);
    expect(poActions(po('ordered', 0), none)).toEqual(['receive']);
    expect(poActions(po('partially_received', 1000), { ...none, toInvoice: 1000, returnable: 1000 })).toEqual([
      'receive',
      'invoice',
      'return',
    ]);
  });

  it('offers paying what the supplier is owed once all is received and invoiced', () => {
    expect(poActions(po('received', 2000), { toInvoice: 0, owed: 5_000, returnable: 2000 })).toEqual(['pay', 'return']);
    expect(poActions(po('closed', 2000), none)).toEqual([]);
  });
});
