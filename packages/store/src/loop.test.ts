import { ageReceivables, profit, trialBalance } from '@tradeloop/core';
import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { autoMatchStatement, importStatementLines, postCommission, receivablesForAging } from './finance.js';
import { listJournal } from './journal.js';
import { createPurchaseOrders, paySupplier, receivePurchaseOrder, recordSupplierInvoice } from './purchasing.js';
import {
  approveSalesOrder,
  cancelSalesOrder,
  invoiceSalesOrder,
  loadOrder,
  placeSalesOrder,
  recordSalesOrderPayment,
  shipSalesOrder,
} from './sales.js';
import { receiveStock, stockBalance } from './stock-ledger.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

describe('the whole loop on a fresh book', () => {
  it('order → shortfall → PO → receipt to the order → ship → invoice → bank line → commission → aging → profit', async () => {
    const book = await smallCompany(tempDir());
    const tea = () => stockBalance(book, 1, 1);
    expect(tea()).toEqual({ onHand: 5_000, reserved: 0, value: 56_000 });

    // 12 boxes at 188.00 + 13% VAT = 2,256.00 + 293.28 = 2,549.28; within the credit limit.
    const placed = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      promiseDate: '2026-03-09',
      lines: [{ sku: 'TEA-001', qty: 12_000 }],
    });
    expect(placed).toMatchObject({ number: 'SO-2026-000001', needs: [], lines: [{ unitPrice: 18800 }] });
    const so = () => loadOrder(book, 'SO-2026-000001');
    expect(so().order).toMatchObject({
      status: 'pending_review',
      net_minor: 225_600,
      tax_minor: 29_328,
      gross_minor: 254_928,
    });
    expect(JSON.parse(so().lines[0]?.price_trace_json ?? '[]')[0]).toMatchObject({
      rule: 'base list BASE',
      outcome: 'won',
    });

    // Approval reserves the 5 on hand; the 7 short become a requisition linked to the line.
    expect(approveSalesOrder(book, 'SO-2026-000001', 'lin')).toEqual({
      status: 'awaiting_shipment',
      requisitions: ['PR-2026-000001'],
    });
    expect(so().lines[0]).toMatchObject({ reserved_qty: 5_000 });
    expect(tea()).toMatchObject({ onHand: 5_000, reserved: 5_000 });

    // The requisition becomes a PO to the preferred supplier, rounded up to the pack of 6: 12 boxes.
    expect(createPurchaseOrders(book, { date: '2026-03-03' })).toEqual({ orders: ['PO-2026-000001'], unassigned: [] });
    const po = book.exec.selectOne<{ status: string; gross_minor: number }>(
      "select status, gross_minor from purchase_orders where number = 'PO-2026-000001'",
    );
    expect(po).toEqual({ status: 'ordered', gross_minor: 151_872 }); // 12 × 112.00 = 1,344.00 + 174.72

    // The receipt goes first to the waiting order line.
    const received = receivePurchaseOrder(book, 'PO-2026-000001', { date: '2026-03-06' });
    expect(received).toEqual({
      receipt: 'GR-2026-000001',
      status: 'received',
      allocated: [{ order: 'SO-2026-000001', lineNo: 1, qty: 7_000 }],
    });
    expect(tea()).toEqual({ onHand: 17_000, reserved: 12_000, value: 190_400 });

    // Ship all 12 at FIFO cost: 5 opening at 112.00 + 7 received at 112.00.
    expect(
      shipSalesOrder(book, 'SO-2026-000001', { date: '2026-03-07', carrier: '顺丰', trackingNumber: 'SF1234567890' }),
    ).toEqual({
      shipment: 'SH-2026-000001',
      status: 'shipped',
      cost: 134_400,
    });
    expect(tea()).toEqual({ onHand: 5_000, reserved: 0, value: 56_000 });
    expect(book.exec.value('select tracking_number from shipments')).toBe('SF1234567890');

    // Invoice, due in 30 days; shipped and invoiced, the order is complete.
    expect(invoiceSalesOrder(book, 'SO-2026-000001', { date: '2026-03-07', vatKind: 'special' })).toEqual({
      invoice: 'INV-2026-000001',
      gross: 254_928,
      status: 'completed',
    });

    // The supplier's special VAT invoice matches order and receipt; then we pay it.
    expect(recordSupplierInvoice(book, { po: 'PO-2026-000001', date: '2026-03-08', vatKind: 'special' })).toEqual({
      invoice: 'PINV-2026-000001',
      gross: 151_872,
    });
    expect(paySupplier(book, { supplier: 'S1', date: '2026-03-25', amount: 151_872 })).toEqual({
      payment: 'PAY-2026-000001',
    });

    // The customer pays; the bank line names the invoice and is matched.
    importStatementLines(book, 'bank', [
      { date: '2026-03-20', amount: 254_928, payer: '华东贸易有限公司', memo: '货款 INV-2026-000001' },
    ]);
    expect(
      importStatementLines(book, 'bank', [
        { date: '2026-03-20', amount: 254_928, payer: '华东贸易有限公司', memo: '货款 INV-2026-000001' },
      ]),
    ).toEqual({
      added: 0,
      duplicates: 1,
      held: [0],
    });
    const matched = autoMatchStatement(book);
    expect(matched.matched).toEqual([{ line: 1, payment: 'RC-2026-000001', rule: 'reference', confidence: 95 }]);

    // Commission for March: lin 3% of 2,256.00 = 67.68; wang 0.5% override on the team = 11.28.
    const run = postCommission(book, { start: '2026-03-01', end: '2026-04-01' });
    expect(run.run).toBe('COM-2026-000001');
    expect(run.statements.map((s) => [s.salesperson, s.total])).toEqual([
      ['lin', 6_768],
      ['wang', 1_128],
    ]);
    expect(() => postCommission(book, { start: '2026-03-15', end: '2026-04-15' })).toThrow(
      /already posted in COM-2026-000001/,
    );

    // Aging: not due on the 15th, settled by the 31st.
    const ar = receivablesForAging(book);
    expect(ageReceivables(ar.documents, ar.payments, [], { asOf: '2026-03-15', basis: 'due' }).total).toMatchObject({
      buckets: [254_928, 0, 0, 0, 0, 0],
      outstanding: 254_928,
    });
    expect(ageReceivables(ar.documents, ar.payments, [], { asOf: '2026-03-31', basis: 'due' }).total.outstanding).toBe(
      0,
    );

    // Profit for March from the journal: 2,256.00 − 1,344.00 = 912.00 gross; less 78.96 commission.
    const journal = listJournal(book);
    expect(profit(journal, { start: '2026-03-01', end: '2026-04-01' })).toEqual({
      revenue: 225_600,
      cogs: 134_400,
      gross: 91_200,
      expenses: 0,
      commission: 7_896,
      otherIncome: 0,
      net: 83_304,
    });
    const tb = trialBalance(journal);
    expect(tb.debit).toBe(tb.credit);
    const balance = (code: string) => tb.rows.find((r) => r.account === code)?.balance ?? 0;
    expect(balance('1405')).toBe(56_000);
    expect(balance('1122')).toBe(0);
    expect(balance('2202')).toBe(0);
    expect(balance('1002')).toBe(254_928 - 151_872);
    expect(balance('2221.02')).toBe(-29_328);
    expect(balance('2221.01')).toBe(17_472);
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('runs a prepaid order through payment first, and cancels another, releasing its stock', async () => {
    const book = await smallCompany(tempDir());
    const { number } = placeSalesOrder(book, {
      customer: 'C002',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 2_000 }],
    });
    expect(approveSalesOrder(book, number, 'lin')).toEqual({ status: 'awaiting_payment', requisitions: [] });
    expect(() => shipSalesOrder(book, number, { date: '2026-03-03' })).toThrow(/prepaid and not paid yet/);
    // Money goes into cash, the bank or a wallet: anything else is refused, naming the account.
    expect(() =>
      recordSalesOrderPayment(book, number, { date: '2026-03-03', amount: 42_488, account: '6602' }),
    ).toThrow(/6602 is no account money is received into/);
    // 2 × 188.00 × 1.13 = 424.88
    expect(recordSalesOrderPayment(book, number, { date: '2026-03-03', amount: 42_488 })).toMatchObject({
      status: 'awaiting_shipment',
    });
    shipSalesOrder(book, number, { date: '2026-03-04' });
    expect(invoiceSalesOrder(book, number, { date: '2026-03-04' })).toMatchObject({
      status: 'completed',
      gross: 42_488,
    });
    const ar = receivablesForAging(book);
    expect(ageReceivables(ar.documents, ar.payments, [], { asOf: '2026-03-31', basis: 'due' }).total).toMatchObject({
      outstanding: 0,
      advances: 0,
    });

    const other = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-05',
      lines: [{ sku: 'TEA-001', qty: 4_000 }],
    });
    approveSalesOrder(book, other.number, 'lin');
    expect(stockBalance(book, 1, 1)).toMatchObject({ onHand: 3_000, reserved: 3_000 });
    expect(cancelSalesOrder(book, other.number)).toEqual({ status: 'cancelled' });
    expect(stockBalance(book, 1, 1)).toMatchObject({ onHand: 3_000, reserved: 0 });
    expect(book.exec.value("select status from requisitions where number = 'PR-2026-000001'")).toBe('cancelled');
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('routes an order over the credit limit and below floor to approval by the right roles', async () => {
    const book = await smallCompany(tempDir());
    // A first large order builds up the customer's open credit orders (600 × 140.00 + VAT = 94,920.00) …
    placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 600_000, requestedPrice: 14_000 }],
    });
    // … so the second (100 × 140.00, below the 150.00 floor and 25.5% off) goes over the 100,000.00 limit.
    const { needs } = placeSalesOrder(book, {
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
    expect(() => approveSalesOrder(book, 'SO-2026-000002', 'lin')).toThrow(
      /needs approval by sales_manager, which lin is not/,
    );
    expect(approveSalesOrder(book, 'SO-2026-000002', 'wang').status).toBe('awaiting_shipment');
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('re-values later shipments when a receipt is entered back-dated, and the journal follows', async () => {
    const book = await smallCompany(tempDir());
    // Opening: 5 at 112.00. Ship 5 on 03-10 at 112.00 each.
    const { number } = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-09',
      lines: [{ sku: 'TEA-001', qty: 5_000 }],
    });
    approveSalesOrder(book, number, 'lin');
    expect(shipSalesOrder(book, number, { date: '2026-03-10' }).cost).toBe(56_000);
    invoiceSalesOrder(book, number, { date: '2026-03-10' });
    expect(book.exec.value('select cost_minor from invoices')).toBe(56_000);
    // A cheaper receipt dated 02-28 is entered late: it comes first in FIFO, so the 03-10 shipment costs less.
    book.command('test.backdatedReceipt', () => {
      receiveStock(book, {
        date: '2026-02-28',
        productId: 1,
        warehouseId: 1,
        qty: 5_000,
        value: 40_000,
        kind: 'receipt',
        document: 'GR-LATE',
      });
      return { value: null };
    });
    // Now FIFO takes the 02-28 layer (5 at 80.00) for the 03-10 shipment: 400.00, not 560.00.
    expect(book.exec.value("select value_minor from stock_moves where document = 'SH-2026-000001'")).toBe(-40_000);
    expect(book.exec.value('select cost_minor from shipment_lines')).toBe(40_000);
    // The invoice's cost follows, so margins and commission see it.
    expect(book.exec.value('select cost_minor from invoices')).toBe(40_000);
    const adjust = listJournal(book).filter((e) => e.memo === 'Repost of shipments on 2026-03-10');
    expect(adjust).toHaveLength(1);
    expect(adjust[0]?.lines.map((l) => [l.account, l.debit - l.credit])).toEqual([
      ['6401', -16_000],
      ['1405', 16_000],
    ]);
    expect(stockBalance(book, 1, 1)).toMatchObject({ onHand: 5_000, value: 56_000 });
    // The late receipt's own journal is the caller's; post it so the ledgers agree before checking.
    book.command('test.grni', () => {
      book.exec.execute(
        "insert into journal_entries (date, memo, source_kind, source_document) values ('2026-02-28', 'late', 'test', 'GR-LATE')",
      );
      const id = book.exec.value<number>('select max(id) from journal_entries');
      book.exec.execute(
        "insert into journal_lines (entry_id, account, debit_minor, credit_minor) values (?, '1405', 40000, 0), (?, '4001', 0, 40000)",
        id,
        id,
      );
      return { value: null };
    });
    expect(check(book)).toEqual([]);
    book.close();
  });
});
