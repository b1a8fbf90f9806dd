import { describe, expect, it } from 'vitest';
import { checkCredit } from './aging.js';
import {
  approvePurchaseOrder,
  cancelPurchaseOrder,
  closePurchaseOrder,
  compareQuotes,
  type PurchaseOrderState,
  receivePurchaseOrder,
  submitPurchaseOrder,
  threeWayMatch,
} from './purchase.js';
import {
  approvalsNeeded,
  approveOrder,
  cancelOrder,
  completeOrder,
  recordOrderPayment,
  type SalesOrderState,
  shipOrder,
} from './sales-order.js';

const order = (over: Partial<SalesOrderState> = {}): SalesOrderState => ({
  status: 'pending_review',
  terms: 'credit',
  amount: 6_000_000,
  paid: 0,
  lines: [
    { id: 'L1', qty: 10_000, shipped: 0 },
    { id: 'L2', qty: 5_000, shipped: 0 },
  ],
  approvedBy: [],
  ...over,
});

describe('sales order flow', () => {
  const credit = checkCredit({ limit: 5_000_000, openReceivables: 0, openCreditOrders: 0, orderAmount: 6_000_000 });
  const asked = approvalsNeeded(
    {
      amount: 6_000_000,
      priceFlags: [{ code: 'price.below_floor', path: [], message: '140.00 is below the floor price 150.00' }],
      credit,
    },
    { amountThreshold: 5_000_000 },
  );
  const needs = asked.ok ? asked.value : [];

  it('lists every reason an order needs approval and who may give it', () => {
    expect(needs).toEqual([
      { code: 'order.over_amount', role: 'sales_manager', message: 'order 60,000.00 is over 50,000.00' },
      { code: 'price.below_floor', role: 'sales_manager', message: '140.00 is below the floor price 150.00' },
      {
        code: 'order.over_credit',
        role: 'accountant',
        message: 'credit exposure 60,000.00 is over the limit 50,000.00',
      },
    ]);
  });

  it('shows amounts in the currency precision, and answers input of the wrong shape with issues', () => {
    const yen = approvalsNeeded(
      { amount: 60_000, priceFlags: [], credit: null },
      { amountThreshold: 50_000 },
      { precision: 0 },
    );
    expect(yen.ok && yen.value[0]?.message).toBe('order 60,000 is over 50,000');
    const bad = approvalsNeeded({ amount: 1.5, priceFlags: null, credit: null } as never, { amountThreshold: 0 });
    expect(!bad.ok && bad.issues.map((i) => i.path.join('.'))).toEqual(['order.amount', 'order.priceFlags']);
    const match = threeWayMatch([{ line: 'L1' }] as never);
    expect(!match.ok && match.issues[0]?.code).toBe('input.invalid');
  });

  it('refuses an approver without the roles, and accepts one with them', () => {
    const refused = approveOrder(order(), needs, { user: 'lin', roles: ['sales_manager'] });
    expect(refused).toMatchObject({
      ok: false,
      issues: [{ code: 'order.approval_role', path: ['approval', 'order.over_credit'] }],
    });
    const approved = approveOrder(order(), needs, { user: 'wang', roles: ['sales_manager', 'accountant'] });
    expect(approved).toMatchObject({ ok: true, value: { status: 'awaiting_shipment' } });
    expect(approveOrder(order(), needs, { user: 'boss', roles: ['admin'] }).ok).toBe(true);
  });

  it('runs a prepaid order through payment, partial and final shipment to completion', () => {
    let o = order({ terms: 'prepaid', amount: 100_000 });
    const step = (r: ReturnType<typeof approveOrder>) => {
      if (!r.ok) throw new Error(r.issues[0]?.message);
      o = r.value;
      return o.status;
    };
    expect(step(approveOrder(o, [], { user: 'lin', roles: ['salesperson'] }))).toBe('awaiting_payment');
    expect(shipOrder(o, [{ line: 'L1', qty: 1_000 }])).toMatchObject({
      ok: false,
      issues: [{ message: 'cannot ship an order that is awaiting payment: it is prepaid and not paid yet' }],
    });
    expect(step(recordOrderPayment(o, 60_000))).toBe('awaiting_payment');
    expect(step(recordOrderPayment(o, 40_000))).toBe('awaiting_shipment');
    expect(step(shipOrder(o, [{ line: 'L1', qty: 4_000 }]))).toBe('partially_shipped');
    expect(cancelOrder(o)).toMatchObject({ ok: false, issues: [{ code: 'order.cancel' }] });
    expect(shipOrder(o, [{ line: 'L1', qty: 7_000 }])).toMatchObject({
      ok: false,
      issues: [{ code: 'order.ship_exceeds', message: '6 left to ship on L1, 7 given' }],
    });
    expect(
      step(
        shipOrder(o, [
          { line: 'L1', qty: 6_000 },
          { line: 'L2', qty: 5_000 },
        ]),
      ),
    ).toBe('shipped');
    expect(step(completeOrder(o))).toBe('completed');
    expect(recordOrderPayment(o, 1).ok).toBe(false);
  });

  it('cancels before shipment only', () => {
    expect(cancelOrder(order())).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    expect(cancelOrder(order({ status: 'awaiting_shipment' })).ok).toBe(true);
    expect(cancelOrder(order({ status: 'cancelled' })).ok).toBe(false);
    expect(approveOrder(order({ status: 'cancelled' }), [], { user: 'x', roles: [] }).ok).toBe(false);
  });
});

describe('purchase order flow', () => {
  const po: PurchaseOrderState = {
    status: 'draft',
    amount: 2_000_000,
    lines: [
      { id: 'L1', qty: 10_000, received: 0 },
      { id: 'L2', qty: 2_000, received: 0 },
    ],
  };

  it('goes draft → pending approval → ordered → partially received → received → closed', () => {
    const submitted = submitPurchaseOrder(po, 1_000_000);
    expect(submitted).toMatchObject({ ok: true, value: { status: 'pending_approval' } });
    expect(submitPurchaseOrder(po, 5_000_000)).toMatchObject({ ok: true, value: { status: 'ordered' } });
    if (!submitted.ok) return;
    expect(approvePurchaseOrder(submitted.value, { user: 'li', roles: ['buyer'] })).toMatchObject({
      ok: false,
      issues: [{ code: 'po.approval_role' }],
    });
    const ordered = approvePurchaseOrder(submitted.value, { user: 'wang', roles: ['purchasing'] });
    if (!ordered.ok) throw new Error('not approved');
    const part = receivePurchaseOrder(ordered.value, [{ line: 'L1', qty: 4_000 }]);
    expect(part).toMatchObject({ ok: true, value: { status: 'partially_received' } });
    if (!part.ok) return;
    expect(cancelPurchaseOrder(part.value).ok).toBe(false);
    expect(receivePurchaseOrder(part.value, [{ line: 'L1', qty: 6_001 }])).toMatchObject({
      ok: false,
      issues: [{ code: 'po.receive_exceeds', message: '6 may still be received on L1, 6.001 given' }],
    });
    // 2% over-receipt tolerance lets 6.2 more in
    expect(receivePurchaseOrder(part.value, [{ line: 'L1', qty: 6_200 }], 200).ok).toBe(true);
    const full = receivePurchaseOrder(part.value, [
      { line: 'L1', qty: 6_000 },
      { line: 'L2', qty: 2_000 },
    ]);
    expect(full).toMatchObject({ ok: true, value: { status: 'received' } });
    if (!full.ok) return;
    expect(closePurchaseOrder(full.value)).toMatchObject({ ok: true, value: { status: 'closed' } });
    expect(closePurchaseOrder(po).ok).toBe(false);
    expect(cancelPurchaseOrder(po)).toMatchObject({ ok: true, value: { status: 'cancelled' } });
  });

  it('ranks supplier quotes on price, lead time and grade', () => {
    const ranked = compareQuotes([
      { supplier: 'S1', price: 1_000, leadTimeDays: 10, grade: 'B' },
      { supplier: 'S2', price: 1_100, leadTimeDays: 3, grade: 'A' },
      { supplier: 'S3', price: 900, leadTimeDays: 30, grade: 'C' },
    ]);
    // S2: 0.6×(900/1100) + 0.25×1 + 0.15×1 = 0.891; S1: 0.6×0.9 + 0.25×0.3 + 0.15×0.8 = 0.735; S3: 0.6 + 0.025 + 0.09 = 0.715
    expect(ranked.map((q) => [q.supplier, q.score])).toEqual([
      ['S2', 0.891],
      ['S1', 0.735],
      ['S3', 0.715],
    ]);
    const inTime = compareQuotes(ranked, { maxLeadTimeDays: 5, weights: { price: 1, lead: 0, grade: 0 } });
    expect(inTime.map((q) => [q.supplier, q.late])).toEqual([
      ['S2', false],
      ['S3', true],
      ['S1', true],
    ]);
  });

  it('matches order, receipt and invoice, naming each mismatch', () => {
    const line = {
      line: 'L1',
      orderedQty: 10_000,
      orderPrice: 600,
      receivedQty: 10_000,
      invoicedQty: 10_000,
      invoicePrice: 600,
    };
    expect(threeWayMatch([line])).toEqual({ ok: true, value: true });
    expect(threeWayMatch([{ ...line, invoicePrice: 605 }], { price: 100 })).toEqual({ ok: true, value: true });
    const r = threeWayMatch([{ ...line, receivedQty: 8_000, invoicePrice: 610 }], { price: 100 });
    expect(r).toMatchObject({
      ok: false,
      issues: [
        { code: 'match.over_invoiced', message: '10 invoiced, 8 received' },
        { code: 'match.price', message: 'invoice price 6.10 differs from order price 6.00 by more than 0.06' },
      ],
    });
  });
});
