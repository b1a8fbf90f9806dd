import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Book } from './book.js';
import { check } from './check.js';
import { autoMatchStatement, claimStatementLine, importStatementLines, type StatementLineInput } from './finance.js';
import { paySupplier, placePurchaseOrder, receivePurchaseOrder, recordSupplierInvoice } from './purchasing.js';
import { approveSalesOrder, placeSalesOrder, recordSalesOrderPayment } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

/** Debits less credits on an account, from the journal. */
const balance = (book: Book, account: string) =>
  book.exec.value<number>(
    'select coalesce(sum(debit_minor - credit_minor), 0) from journal_lines where account = ?',
    account,
  ) ?? 0;

/** A prepaid order of C002 (南方食品), approved and waiting for its 424.88. */
function prepaidOrder(book: Book): string {
  const { number } = placeSalesOrder(book, {
    customer: 'C002',
    warehouse: 'WH1',
    date: '2026-03-02',
    lines: [{ sku: 'TEA-001', qty: 2_000 }],
  });
  expect(approveSalesOrder(book, number, 'lin').status).toBe('awaiting_payment');
  return number;
}

/** S1's special VAT invoice for goods received: what it is owed. */
function supplierInvoice(book: Book): number {
  const { number } = placePurchaseOrder(book, {
    supplier: 'S1',
    warehouse: 'WH1',
    date: '2026-03-02',
    lines: [{ sku: 'TEA-002', qty: 1_000, price: 10_000 }],
  });
  receivePurchaseOrder(book, number, { date: '2026-03-03' });
  return recordSupplierInvoice(book, { po: number, date: '2026-03-03', vatKind: 'special' }).gross;
}

describe('a prepaid order paid from a statement', () => {
  it('is paid by the line whose memo names it; pay order is then refused and the money is held once', async () => {
    const book = await smallCompany(tempDir());
    const order = prepaidOrder(book);
    importStatementLines(book, 'bank', [
      { date: '2026-03-03', amount: 42_488, payer: '南方食品商行', memo: `${order} 预付`, reference: 'B1' },
    ]);
    expect(autoMatchStatement(book).matched).toEqual([
      { line: 1, payment: 'RC-2026-000001', rule: 'order_reference', confidence: 95 },
    ]);
    expect(book.exec.value('select status from sales_orders where number = ?', order)).toBe('awaiting_shipment');
    expect(() => recordSalesOrderPayment(book, order, { date: '2026-03-04', amount: 42_488 })).toThrow(
      `${order} is paid in full (424.88 by RC-2026-000001 on 2026-03-03 from statement line 1); nothing is owed on it`,
    );
    expect(balance(book, '1002')).toBe(42_488);
    expect(balance(book, '2203')).toBe(-42_488);
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('is paid by a line whose payer and amount fit it, with no memo', async () => {
    const book = await smallCompany(tempDir());
    const order = prepaidOrder(book);
    importStatementLines(book, 'wechat', [
      { date: '2026-03-03', amount: 42_488, payer: '南方食品', memo: '', fee: 255 },
    ]);
    const { matched } = autoMatchStatement(book);
    expect(matched.map((m) => m.rule)).toEqual(['order_payer']);
    // The customer sent the gross; the wallet kept 2.55: the order is paid in full.
    expect(book.exec.value('select paid_minor from sales_orders where number = ?', order)).toBe(42_488);
    expect(balance(book, '1012')).toBe(42_233);
    expect(balance(book, '6603.01')).toBe(255);
    expect(balance(book, '2203')).toBe(-42_488);
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('confirms a payment already booked by hand instead of booking it again', async () => {
    const book = await smallCompany(tempDir());
    const order = prepaidOrder(book);
    const { payment } = recordSalesOrderPayment(book, order, { date: '2026-03-03', amount: 42_488 });
    // Paid from the boss's own account: only the memo's order number ties the line to the payment.
    importStatementLines(book, 'bank', [{ date: '2026-03-04', amount: 42_488, payer: '赵老板', memo: `付${order}` }]);
    expect(autoMatchStatement(book).matched).toEqual([{ line: 1, payment, rule: 'recorded', confidence: 95 }]);
    expect(book.exec.value('select count(*) from payments')).toBe(1);
    expect(balance(book, '1002')).toBe(42_488);
    expect(book.exec.value('select statement_line_id from payments where number = ?', payment)).toBe(1);
    book.close();
  });

  it('claimed for the customer pays the order the memo names, not an advance that leaves it waiting', async () => {
    const book = await smallCompany(tempDir());
    const order = prepaidOrder(book);
    importStatementLines(book, 'bank', [
      { date: '2026-03-03', amount: 42_488, payer: '老板个人账户', memo: `${order}` },
    ]);
    // The memo names the order, so matching pays it; claim the same by hand on a second book state.
    book.exec.execute("update statement_lines set memo = '订金' where id = 1");
    expect(autoMatchStatement(book).matched).toEqual([]);
    claimStatementLine(book, 1, { customer: 'C002', order });
    expect(book.exec.value('select status from sales_orders where number = ?', order)).toBe('awaiting_shipment');
    expect(() => claimStatementLine(book, 1, { customer: 'C002' })).toThrow(/already matched \(RC-2026-000001\)/);
    book.close();
  });
});

describe('claiming a statement line', () => {
  it('refuses a line in the wrong direction, or one that moved no money, naming it', async () => {
    const book = await smallCompany(tempDir());
    importStatementLines(book, 'bank', [
      {
        date: '2026-03-03',
        amount: 96_951,
        payer: '华东贸易有限公司',
        memo: '退货退款',
        direction: 'out',
        kind: 'refund',
      },
      { date: '2026-03-03', amount: 30_000, payer: '某客户', memo: '货款', direction: 'none', reason: 'closed' },
      { date: '2026-03-04', amount: 5_000, payer: '华东贸易有限公司', memo: '货款' },
    ]);
    expect(() => claimStatementLine(book, 1, { customer: 'C001' })).toThrow(
      "statement line 1 is money out (−969.51): a customer's receipt must be money in",
    );
    expect(() => claimStatementLine(book, 2, { customer: 'C001' })).toThrow(
      'statement line 2 moved no money (closed): it is kept for the record and pays nothing',
    );
    expect(() => claimStatementLine(book, 3, { supplier: 'S1' })).toThrow(
      'statement line 3 is money in (50.00): a payment to a supplier must be money out',
    );
    expect(book.exec.value('select count(*) from payments')).toBe(0);
    claimStatementLine(book, 1, { account: '6601' });
    expect(balance(book, '6601')).toBe(96_951);
    expect(balance(book, '1002')).toBe(-96_951);
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('books money out to a supplier: their invoice is paid, the bank fee charged', async () => {
    const book = await smallCompany(tempDir());
    const gross = supplierInvoice(book);
    importStatementLines(book, 'bank', [
      { date: '2026-03-10', amount: gross, payer: '福建茶业有限公司', memo: '货款', direction: 'out', fee: 500 },
      { date: '2026-03-10', amount: 0, payer: '', memo: '跨行汇款手续费', direction: 'out', kind: 'fee', fee: 300 },
    ]);
    const { matched } = autoMatchStatement(book);
    expect(matched.map((m) => m.rule).sort()).toEqual(['amount_payer', 'fee']);
    expect(balance(book, '1002')).toBe(-(gross + 500 + 300));
    expect(balance(book, '6603.01')).toBe(800);
    expect(balance(book, '2202')).toBe(0);
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('confirms a supplier payment booked by hand', async () => {
    const book = await smallCompany(tempDir());
    const gross = supplierInvoice(book);
    const { payment } = paySupplier(book, { supplier: 'S1', date: '2026-03-09', amount: gross }) as { payment: string };
    importStatementLines(book, 'bank', [
      { date: '2026-03-10', amount: gross, payer: '福建茶业', memo: '', direction: 'out' },
    ]);
    expect(autoMatchStatement(book).matched).toEqual([{ line: 1, payment, rule: 'recorded', confidence: 95 }]);
    expect(balance(book, '1002')).toBe(-gross);
    book.close();
  });
});

const line = fc.record({
  direction: fc.constantFrom('in', 'out', 'none', 'fee'),
  gross: fc.integer({ min: 1, max: 5_000_000 }),
  fee: fc.integer({ min: 0, max: 2_000 }),
  payer: fc.constantFrom('华东贸易有限公司', '南方食品', '福建茶业有限公司', '陌生人', ''),
  memo: fc.constantFrom('货款', 'INV-2026-000001', '退款', ''),
  account: fc.constantFrom('1002', '1012'),
});

describe('a statement, matched and claimed', () => {
  it('moves the account in the journal by exactly money in − money out − fees', async () => {
    const book = await smallCompany(tempDir());
    let run = 0;
    await fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (drawn) => {
        run += 1;
        const byAccount = new Map<string, StatementLineInput[]>();
        drawn.forEach((d, i) => {
          const input: StatementLineInput =
            d.direction === 'fee'
              ? {
                  date: '2026-03-05',
                  amount: 0,
                  payer: '',
                  memo: '手续费',
                  direction: 'out',
                  kind: 'fee',
                  fee: d.fee + 1,
                }
              : {
                  date: '2026-03-05',
                  amount: d.gross,
                  payer: d.payer,
                  memo: d.memo,
                  direction: d.direction as 'in' | 'out' | 'none',
                  fee: d.direction === 'none' ? 0 : Math.min(d.fee, d.gross - 1),
                  ...(d.direction === 'none' ? { reason: 'closed' } : {}),
                };
          byAccount.set(d.account, [...(byAccount.get(d.account) ?? []), { ...input, reference: `R${run}-${i}` }]);
        });
        const before = { '1002': balance(book, '1002'), '1012': balance(book, '1012') };
        for (const [account, lines] of byAccount) importStatementLines(book, 'bank', lines, { account });
        autoMatchStatement(book);
        const open = book.exec.select<{ id: number; direction: string }>(
          "select id, direction from statement_lines where status = 'unmatched'",
        );
        for (const o of open)
          claimStatementLine(book, o.id, o.direction === 'in' ? { customer: 'C001' } : { account: '6602' });
        for (const [account, lines] of byAccount) {
          const expected = lines.reduce((sum, l) => {
            const fee = l.fee ?? 0;
            if (l.direction === 'none') return sum;
            return l.direction === 'out' ? sum - l.amount - fee : sum + l.amount - fee;
          }, 0);
          expect(balance(book, account) - before[account as '1002' | '1012']).toBe(expected);
        }
        expect(book.exec.value("select count(*) from statement_lines where status = 'unmatched'")).toBe(0);
      }),
      { numRuns: 40 },
    );
    expect(check(book)).toEqual([]);
    book.close();
  }, 60_000);
});

describe('claiming a line to an account', () => {
  it('books a refund received to other income and refuses cash, stock and party accounts', async () => {
    const book = await smallCompany(tempDir());
    importStatementLines(book, 'bank', [
      { date: '2026-03-03', amount: 2_000, payer: '某文具店', memo: '退货', kind: 'refund', fee: 10 },
    ]);
    for (const account of ['1002', '1122', '2203', '1405'])
      expect(() => claimStatementLine(book, 1, { account })).toThrow(/is cash, stock or a party's account/);
    expect(() => claimStatementLine(book, 1, { account: '9999' })).toThrow('no account 9999 in the chart');
    claimStatementLine(book, 1, { account: '6301' });
    expect(balance(book, '6301')).toBe(-2_000);
    expect(balance(book, '1002')).toBe(1_990);
    expect(balance(book, '6603.01')).toBe(10);
    expect(check(book)).toEqual([]);
    book.close();
  });
});
