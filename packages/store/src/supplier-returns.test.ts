import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { payablesForAging } from './finance.js';
import { paySupplier, placePurchaseOrder, receivePurchaseOrder, recordSupplierInvoice } from './purchasing.js';
import { stockBalance } from './stock-ledger.js';
import { returnToSupplier } from './supplier-returns.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

async function received(invoice: boolean) {
  const book = await smallCompany(tempDir());
  // TEA-001: 5 boxes at 112.00 in WH1 already; 20 more ordered at 100.00 (+13% VAT).
  const { number: po } = placePurchaseOrder(book, {
    supplier: 'S1',
    warehouse: 'WH1',
    date: '2026-03-02',
    lines: [{ sku: 'TEA-001', qty: 20_000, price: 10_000 }],
  });
  receivePurchaseOrder(book, po, { date: '2026-03-03' });
  if (invoice) recordSupplierInvoice(book, { po, date: '2026-03-04' });
  return { book, po };
}

const owed = (book: Awaited<ReturnType<typeof smallCompany>>) =>
  payablesForAging(book).documents.reduce((s, d) => s + (d.kind === 'credit_note' ? -d.amount : d.amount), 0) -
  payablesForAging(book).payments.reduce((s, p) => s + p.amount, 0);

describe('returns to a supplier', () => {
  it('takes invoiced goods out at their receipt cost, with a debit note that lowers what is owed', async () => {
    const { book, po } = await received(true);
    expect(owed(book)).toBe(226_000);
    expect(
      returnToSupplier(book, po, { date: '2026-03-06', lines: [{ lineNo: 1, qty: 2_000 }], reason: '破损' }),
    ).toEqual({ debitNote: 'DN-2026-000001', cost: 20_000, credit: 22_600 });
    // The older boxes at 112.00 stay: the goods left at the 100.00 they came in at.
    expect(stockBalance(book, 1, 1)).toMatchObject({ onHand: 23_000, value: 56_000 + 180_000 });
    expect(owed(book)).toBe(203_400);
    expect(check(book)).toEqual([]);
    expect(() => paySupplier(book, { supplier: 'S1', date: '2026-03-07', amount: 226_000 })).toThrow(
      /S1 is owed 2,034.00/,
    );
    paySupplier(book, { supplier: 'S1', date: '2026-03-07', amount: 203_400 });
    expect(owed(book)).toBe(0);
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('returns goods not yet invoiced: nothing to credit, and the invoice that follows is for what stayed', async () => {
    const { book, po } = await received(false);
    expect(returnToSupplier(book, po, { date: '2026-03-04', lines: [{ lineNo: 1, qty: 5_000 }] })).toEqual({
      debitNote: 'DN-2026-000001',
      cost: 50_000,
      credit: 0,
    });
    expect(check(book)).toEqual([]);
    expect(recordSupplierInvoice(book, { po, date: '2026-03-05' })).toEqual({
      invoice: 'PINV-2026-000001',
      gross: 169_500,
    });
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('refuses more than was received less what went back already, and changes nothing', async () => {
    const { book, po } = await received(true);
    returnToSupplier(book, po, { date: '2026-03-06', lines: [{ lineNo: 1, qty: 15_000 }] });
    const before = book.exec.value<number>('select count(*) from stock_moves');
    expect(() => returnToSupplier(book, po, { date: '2026-03-07', lines: [{ lineNo: 1, qty: 6_000 }] })).toThrow(
      /5 received on line 1 of PO-2026-000001 can be returned, 6 given/,
    );
    expect(() => returnToSupplier(book, po, { date: '2026-03-07', lines: [{ lineNo: 2, qty: 1_000 }] })).toThrow(
      /has no line 2/,
    );
    expect(book.exec.value<number>('select count(*) from stock_moves')).toBe(before);
    expect(book.exec.value<number>("select count(*) from invoices where number like 'DN-%'")).toBe(1);
    expect(check(book)).toEqual([]);
    book.close();
  });
});
