import { soleOwner } from '@tradeloop/core';
import { describe, expect, it } from 'vitest';
import { setApprovalRule } from './approvals.js';
import { boardView } from './board.js';
import type { Book } from './book.js';
import { addFollowUp, saveOpportunity } from './crm.js';
import { importStatementLines } from './finance.js';
import { upsertMasterData } from './master-data.js';
import { paySupplier, placePurchaseOrder, receivePurchaseOrder, recordSupplierInvoice } from './purchasing.js';
import {
  dashboardViews,
  financeDashboard,
  monthOf,
  monthsBefore,
  purchasingDashboard,
  salesManagerDashboard,
  salespersonDashboard,
} from './role-dashboards.js';
import {
  approveSalesOrder,
  invoiceSalesOrder,
  placeSalesOrder,
  recordSalesOrderPayment,
  shipSalesOrder,
} from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';

const tempDir = useTempDir();

/** An order placed and approved; shipped and invoiced on its date unless `open`. */
function order(
  book: Book,
  customer: string,
  date: string,
  qty: number,
  options: { open?: boolean; sku?: string } = {},
) {
  const { number } = placeSalesOrder(book, {
    customer,
    warehouse: 'WH1',
    date,
    lines: [{ sku: options.sku ?? 'TEA-001', qty }],
  });
  approveSalesOrder(book, number);
  if (!options.open) {
    shipSalesOrder(book, number, { date });
    invoiceSalesOrder(book, number, { date, vatKind: 'normal' });
  }
  return number;
}

/**
 * The small company with a second team: lin and chen sell under wang; zhao under li. March: lin
 * invoices 2 teas (net 37,600), chen 1 (net 18,800), zhao 1; lin keeps two orders open.
 */
async function book() {
  const b = await smallCompany(tempDir());
  upsertMasterData(b, {
    salespeople: [
      { code: 'chen', name: '陈', level: 'junior', manager: 'wang', maxDiscount: 1000 },
      { code: 'li', name: '李经理', level: 'manager', maxDiscount: 2000 },
      { code: 'zhao', name: '赵', level: 'junior', manager: 'li', maxDiscount: 1000 },
    ],
    customers: [
      { code: 'C003', name: '陈的客户', owner: 'chen', terms: 'credit', creditLimit: 10_000_000, paymentDays: 30 },
      { code: 'C004', name: '赵的客户', owner: 'zhao', terms: 'credit', creditLimit: 10_000_000, paymentDays: 30 },
    ],
    targets: [
      { salesperson: 'lin', month: '2026-03', amount: 50_000 },
      { salesperson: 'chen', month: '2026-03', amount: 30_000 },
      { salesperson: 'zhao', month: '2026-03', amount: 10_000 },
    ],
  } as never);
  order(b, 'C001', '2026-03-02', 2_000);
  order(b, 'C003', '2026-03-05', 1_000);
  order(b, 'C004', '2026-03-06', 1_000);
  const open = order(b, 'C001', '2026-03-07', 1_000, { open: true });
  // Prepaid: waits for payment, then (paid in full on 8 March) for shipment.
  const prepaid = order(b, 'C002', '2026-03-08', 1_000, { open: true, sku: 'TEA-002' });
  const gross = b.exec.value<number>('select gross_minor from sales_orders where number = ?', prepaid) ?? 0;
  recordSalesOrderPayment(b, prepaid, { date: '2026-03-08', amount: gross });
  addFollowUp(b, { customer: 'C001', salesperson: 'lin', date: '2026-03-10', note: '回访', nextDate: '2026-03-20' });
  addFollowUp(b, { customer: 'C003', salesperson: 'chen', date: '2026-03-10', note: '报价', nextDate: '2026-03-25' });
  const opportunity = { probability: 5000, date: '2026-03-10' };
  saveOpportunity(b, { ...opportunity, customer: 'C001', name: '秋茶', stage: 'proposal', amount: 500_000 });
  saveOpportunity(b, { ...opportunity, customer: 'C003', name: '礼盒', stage: 'lead', amount: 200_000 });
  saveOpportunity(b, { ...opportunity, customer: 'C004', name: '年货', stage: 'negotiation', amount: 900_000 });
  await addUser(b, { name: 'lin-u', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
  await addUser(b, { name: 'chen-u', roles: ['salesperson'], salesperson: 'chen' }, 'chen-secret-123');
  await addUser(b, { name: 'wang-u', roles: ['sales_manager'], salesperson: 'wang' }, 'wang-secret-123');
  await addUser(b, { name: 'buyer', roles: ['purchasing'] }, 'buyer-secret-123');
  await addUser(b, { name: 'acc', roles: ['accountant'] }, 'acc-secret-123');
  const as = (user: string) => b.actAs(user === 'owner' ? soleOwner('owner') : actorOf(b, user));
  return { book: b, open, prepaid, prepaidGross: gross, as };
}

describe('dashboardViews', () => {
  it('opens the first role’s dashboard first, and only those a role may read', () => {
    expect(dashboardViews({ user: 'boss', roles: ['owner'] })).toEqual([
      'boss',
      'sales-manager',
      'purchasing',
      'finance',
    ]);
    expect(dashboardViews({ user: 'lin', roles: ['salesperson'], salesperson: 'lin' })).toEqual(['salesperson']);
    expect(dashboardViews({ user: 'x', roles: ['salesperson'] })).toEqual([]);
    expect(dashboardViews({ user: 'w', roles: ['sales_manager'], salesperson: 'wang', team: ['wang', 'lin'] })).toEqual(
      ['sales-manager', 'salesperson'],
    );
    expect(dashboardViews({ user: 'b', roles: ['purchasing'] })).toEqual(['purchasing']);
    expect(dashboardViews({ user: 'a', roles: ['accountant'] })).toEqual(['finance', 'boss']);
    expect(dashboardViews({ user: 'k', roles: ['warehouse'] })).toEqual([]);
  });

  it('names a month’s first day and the first day after it', () => {
    expect(monthOf('2026-03-31')).toEqual({ month: '2026-03', start: '2026-03-01', end: '2026-04-01' });
    expect(monthOf('2026-12-05')).toEqual({ month: '2026-12', start: '2026-12-01', end: '2027-01-01' });
    expect([monthsBefore('2026-03', 2), monthsBefore('2026-03', 3), monthsBefore('2026-01', 13)]).toEqual([
      '2026-01',
      '2025-12',
      '2024-12',
    ]);
  });
});

describe('salespersonDashboard', () => {
  it('shows a salesperson only their own month, commission, overdue invoices, open orders and follow-ups', async () => {
    const { book: b, open, prepaid, as } = await book();
    as('lin-u');
    const march = salespersonDashboard(b, { asOf: '2026-03-31' });
    // 2 × 188.00 net; 3% of it on the junior plan.
    expect(march).toMatchObject({
      month: '2026-03',
      salesperson: 'lin',
      sales: 37_600,
      target: 50_000,
      commission: 1_128,
    });
    expect(march.months).toEqual([
      { month: '2025-10', sales: 0, target: null },
      { month: '2025-11', sales: 0, target: null },
      { month: '2025-12', sales: 0, target: null },
      { month: '2026-01', sales: 0, target: null },
      { month: '2026-02', sales: 0, target: null },
      { month: '2026-03', sales: 37_600, target: 50_000 },
    ]);
    expect(march.overdue).toEqual({ invoices: 0, amount: 0, largest: [] });
    expect(march.orders.oldest.map((o) => [o.number, o.customer, o.status])).toEqual([
      [open, 'C001', 'awaiting_shipment'],
      [prepaid, 'C002', 'awaiting_shipment'],
    ]);
    expect(march.orders.byStatus.find((s) => s.status === 'awaiting_shipment')).toMatchObject({ orders: 2 });
    expect(march.followUps).toEqual({
      due: 1,
      earliest: [{ customer: 'C001', customerName: '华东贸易有限公司', nextDate: '2026-03-20' }],
    });
    // Due 30 days after 2 March: 9 days overdue on 10 April, all of it (2 × 188.00 + 13% VAT).
    const april = salespersonDashboard(b, { asOf: '2026-04-10' });
    expect(april).toMatchObject({ month: '2026-04', sales: 0, target: null, commission: 0 });
    expect(april.overdue).toEqual({
      invoices: 1,
      amount: 42_488,
      largest: [
        {
          invoice: expect.stringMatching(/^INV-/),
          customer: 'C001',
          customerName: '华东贸易有限公司',
          dueDate: '2026-04-01',
          open: 42_488,
          daysOverdue: 9,
        },
      ],
    });
    // Lin (37,600.00) leads chen (18,800.00) and zhao in March, of five salespeople. Names only, no figures.
    expect(march.ranking).toEqual({
      rank: 1,
      of: 5,
      leaders: [
        { salesperson: 'lin', name: '林' },
        { salesperson: 'chen', name: '陈' },
        { salesperson: 'zhao', name: '赵' },
      ],
    });
    expect(april.ranking.rank).toBeNull();
    // Lin's customers and what they owe: the March invoice, overdue by 10 April.
    expect(april.customers.find((c) => c.code === 'C001')).toEqual({
      code: 'C001',
      name: '华东贸易有限公司',
      open: 42_488,
      overdue: 42_488,
      nextFollowUp: '2026-03-20',
    });
    expect(april.customers.map((c) => c.code)).not.toContain('C003');
    // Chen's figures are chen's: none of lin's customers or orders.
    as('chen-u');
    const chen = salespersonDashboard(b, { asOf: '2026-04-10' });
    expect(chen.overdue).toMatchObject({ invoices: 1, amount: 21_244, largest: [{ customer: 'C003' }] });
    expect(chen.orders.oldest).toEqual([]);
    expect(salespersonDashboard(b, { asOf: '2026-03-31' })).toMatchObject({
      sales: 18_800,
      target: 30_000,
      commission: 564,
      ranking: { rank: 2 },
    });
    expect(salespersonDashboard(b, { asOf: '2026-03-31' }).followUps.earliest.map((f) => f.customer)).toEqual(['C003']);
    // The manager's own commission: 1% of nothing sold, and 0.5% on the team's 56,400.
    as('wang-u');
    expect(salespersonDashboard(b, { asOf: '2026-03-31' })).toMatchObject({ sales: 0, commission: 282 });
  });

  it('refuses a view the role may not open, and logs it', async () => {
    const { book: b, as } = await book();
    as('lin-u');
    for (const view of [salesManagerDashboard, purchasingDashboard, financeDashboard])
      expect(() => view(b)).toThrow(expect.objectContaining({ code: 'permission.denied', path: ['view'] }));
    as('buyer');
    expect(() => salespersonDashboard(b)).toThrow(expect.objectContaining({ code: 'permission.denied' }));
    expect(b.exec.value<number>('select count(*) from audit_log where refused is not null')).toBeGreaterThanOrEqual(4);
  });
});

describe('salesManagerDashboard', () => {
  it('shows the team’s month against target, pipeline and overdue per salesperson, and nothing of another team', async () => {
    const { book: b, as } = await book();
    as('wang-u');
    const team = salesManagerDashboard(b, { asOf: '2026-03-31' });
    expect(team.team).toEqual([
      { salesperson: 'chen', name: '陈', sales: 18_800, target: 30_000 },
      { salesperson: 'lin', name: '林', sales: 37_600, target: 50_000 },
      { salesperson: 'wang', name: '王经理', sales: 0, target: null },
    ]);
    expect(team.totals).toEqual({ sales: 56_400, target: 80_000 });
    expect(team.pipeline.map((p) => [p.stage, p.opportunities, p.amount])).toEqual([
      ['lead', 1, 200_000],
      ['qualified', 0, 0],
      ['proposal', 1, 500_000],
      ['negotiation', 0, 0],
      ['won', 0, 0],
      ['lost', 0, 0],
    ]);
    expect(team.openPipeline).toBe(700_000);
    expect(salesManagerDashboard(b, { asOf: '2026-04-10' })).toMatchObject({
      overdue: [
        { salesperson: 'lin', invoices: 1, amount: 42_488 },
        { salesperson: 'chen', invoices: 1, amount: 21_244 },
      ],
      overdueTotal: 63_732,
    });
    // The owner leads the whole sales force: zhao's too.
    as('owner');
    const all = salesManagerDashboard(b, { asOf: '2026-04-10' });
    expect(all.team.map((t) => t.salesperson)).toEqual(['chen', 'li', 'lin', 'wang', 'zhao']);
    expect(all.overdueTotal).toBe(63_732 + 21_244);
    expect(all.openPipeline).toBe(1_600_000);
  });
});

describe('purchasingDashboard', () => {
  it('counts requisitions, orders awaiting approval, late and due this week, and what runs out', async () => {
    const { book: b, as } = await book();
    const po = (date: string, expectedDate: string, qty: number) =>
      placePurchaseOrder(b, { supplier: 'S1', warehouse: 'WH1', date, expectedDate, lines: [{ sku: 'TEA-001', qty }] });
    const late = po('2026-03-01', '2026-03-05', 6_000);
    const due = po('2026-03-02', '2026-03-12', 6_000);
    po('2026-03-02', '2026-03-30', 6_000);
    setApprovalRule(b, 'po_amount', { over: 1_000_000, role: 'owner', second: null });
    const big = po('2026-03-03', '2026-03-20', 100_000);
    expect(big.status).toBe('pending_approval');
    as('buyer');
    const d = purchasingDashboard(b, { asOf: '2026-03-10' });
    expect(d.late).toEqual({
      orders: 1,
      oldest: [{ number: late.number, supplier: 'S1', expected: '2026-03-05', gross: 75_936 }],
    });
    expect(d.dueThisWeek).toEqual({
      orders: 1,
      first: [{ number: due.number, supplier: 'S1', expected: '2026-03-12', gross: 75_936 }],
    });
    // 100 × 112.00 + 13%.
    expect(d.awaitingApproval).toEqual({ orders: 1, gross: 1_265_600 });
    expect(d.schedule).toEqual([
      { when: 'late', orders: 1, gross: 75_936 },
      { when: 'this_week', orders: 1, gross: 75_936 },
      { when: 'next_week', orders: 0, gross: 0 },
      { when: 'later', orders: 1, gross: 75_936 },
    ]);
    expect(d.byStatus).toEqual([
      { status: 'pending_approval', orders: 1, gross: 1_265_600 },
      { status: 'ordered', orders: 3, gross: 3 * 75_936 },
    ]);
    // The prepaid order's Tieguanyin has no stock: it is requisitioned.
    expect(d.requisitions).toBe(1);
    expect(d.runningOut).toEqual([]);
    // Looking runs the reorder as a preview: what the board shows, nothing requisitioned.
    as('owner');
    upsertMasterData(b, { products: [{ sku: 'TEA-001', reorderPoint: 500_000, reorderQty: 60_000 }] } as never);
    const requisitions = b.exec.value<number>('select count(*) from requisitions');
    as('buyer');
    const short = purchasingDashboard(b, { asOf: '2026-03-10' }).runningOut;
    expect(short.map((r) => [r.sku, r.warehouse, r.reorderPoint])).toEqual([['TEA-001', 'WH1', 500_000]]);
    expect(short).toEqual(boardView(b, '2026-03-10').runningOut);
    expect(b.exec.value<number>('select count(*) from requisitions')).toBe(requisitions);
    // Received in full, the late order is late no more.
    as('owner');
    receivePurchaseOrder(b, late.number, { date: '2026-03-10' });
    as('buyer');
    expect(purchasingDashboard(b, { asOf: '2026-03-10' }).late.orders).toBe(0);
  });
});

describe('financeDashboard', () => {
  it('ages receivables and payables by bucket, and counts unmatched lines, payments awaiting approval and cash received', async () => {
    const { book: b, prepaidGross, as } = await book();
    const { number: po } = placePurchaseOrder(b, {
      supplier: 'S1',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 20_000 }],
    });
    receivePurchaseOrder(b, po, { date: '2026-03-03' });
    recordSupplierInvoice(b, { po, date: '2026-03-04' });
    setApprovalRule(b, 'supplier_payment', { over: 100_000, role: 'owner', second: null });
    as('acc');
    paySupplier(b, { supplier: 'S1', date: '2026-03-05', amount: 150_000 });
    importStatementLines(b, 'bank', [{ date: '2026-03-12', amount: 9_900, payer: '无名氏', memo: '?' }]);
    const d = financeDashboard(b, { asOf: '2026-04-10' });
    expect(d.receivables.columns).toEqual(['not due', '1-30', '31-60', '61-90', '91-120', '120+']);
    // Lin's 424.88 and chen's 212.44 are 9 and 6 days overdue; zhao's 212.44 due on 5 April.
    expect(d.receivables).toMatchObject({ buckets: [0, 84_976, 0, 0, 0, 0], outstanding: 84_976 });
    // 20 × 112.00 + 13%, due 30 days after 4 March.
    expect(d.payables).toMatchObject({ buckets: [0, 253_120, 0, 0, 0, 0], outstanding: 253_120 });
    expect(d).toMatchObject({ unmatchedLines: 1, paymentsAwaiting: { payments: 1, amount: 150_000 }, cashReceived: 0 });
    expect(financeDashboard(b, { asOf: '2026-03-31' }).cashReceived).toBe(prepaidGross);
  });
});
