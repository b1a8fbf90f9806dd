import { describe, expect, it } from 'vitest';
import { Book } from './book.js';
import { check } from './check.js';
import { autoMatchStatement, importStatementLines } from './finance.js';
import { approveSalesOrder, invoiceSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();
const codes = (book: Book, options: Parameters<typeof check>[1] = {}) => check(book, options).map((p) => p.code);

/** Tea sold to C001 on `date`: placed, approved, shipped and invoiced that day. */
function sellTea(book: Book, date: string, qty: number): void {
  const { number } = placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date,
    lines: [{ sku: 'TEA-001', qty }],
  });
  approveSalesOrder(book, number, 'lin');
  shipSalesOrder(book, number, { date });
  invoiceSalesOrder(book, number, { date });
}

/** A company with one order shipped, invoiced and paid in full: history a later check need not read again. */
async function paidOrder(): Promise<Book> {
  const book = await smallCompany(tempDir());
  sellTea(book, '2026-03-02', 2_000);
  const gross = book.exec.value<number>("select gross_minor from invoices where number = 'INV-2026-000001'") ?? 0;
  importStatementLines(book, 'bank', [
    { date: '2026-03-20', amount: gross, payer: '华东贸易有限公司', memo: '货款 INV-2026-000001' },
  ]);
  expect(autoMatchStatement(book).matched).toHaveLength(1);
  return book;
}

describe('check proves what changed since it last proved the book', () => {
  it('keeps what it proved, and still finds a balance, an open amount or a payment gone wrong since', async () => {
    const book = await paidOrder();
    expect(book.exec.value('select count(*) from check_marks')).toBe(0);
    expect(codes(book)).toEqual([]);
    const marks = book.exec.select<{ moves_through: number; invoices_through: number }>('select * from check_marks');
    expect(marks).toMatchObject([{ moves_through: expect.any(Number), invoices_through: 1 }]);
    // What the marks say the moves add up to is what they add up to.
    expect(book.exec.select('select qty, value_minor from check_stock order by product_id')).toEqual(
      book.exec.select(
        'select sum(qty) as qty, sum(value_minor) as value_minor from stock_moves group by product_id, warehouse_id order by product_id',
      ),
    );
    // Figures kept on documents and balances are proven every time, history or not.
    book.exec.execute('update stock_balances set on_hand = on_hand + 1 where product_id = 1');
    expect(codes(book)).toContain('stock.balance_qty');
    book.exec.execute('update stock_balances set on_hand = on_hand - 1 where product_id = 1');
    // The invoice was paid in full: its open amount changed by hand makes it open again, and so proven.
    book.exec.execute("update invoices set open_minor = 5 where number = 'INV-2026-000001'");
    expect(codes(book)).toEqual(expect.arrayContaining(['invoice.open', 'ledger.receivable']));
    book.exec.execute("update invoices set open_minor = 0 where number = 'INV-2026-000001'");
    book.exec.execute("update payments set unallocated_minor = 7 where number = 'RC-2026-000001'");
    expect(codes(book)).toEqual(expect.arrayContaining(['payment.unallocated', 'ledger.advances']));
    book.exec.execute("update payments set unallocated_minor = 0 where number = 'RC-2026-000001'");
    expect(codes(book)).toEqual([]);
    book.close();
  });

  it('adds the moves and documents made since to what it kept', async () => {
    const book = await paidOrder();
    expect(codes(book)).toEqual([]);
    sellTea(book, '2026-03-21', 1_000);
    // A move made since the marks, changed by hand before the next check, is read and found.
    book.exec.execute('update stock_moves set qty = qty - 1 where id = (select max(id) from stock_moves)');
    expect(codes(book)).toContain('stock.balance_qty');
    book.exec.execute('update stock_moves set qty = qty + 1 where id = (select max(id) from stock_moves)');
    // So is the new invoice's open amount, and the new order's figures add up with the old.
    book.exec.execute("update invoices set open_minor = open_minor + 1 where number = 'INV-2026-000002'");
    expect(codes(book)).toContain('invoice.open');
    book.exec.execute("update invoices set open_minor = open_minor - 1 where number = 'INV-2026-000002'");
    expect(codes(book)).toEqual([]);
    // The sums kept after it, written where they changed, are still what the moves add up to.
    expect(book.exec.select('select qty, value_minor from check_stock order by product_id, warehouse_id')).toEqual(
      book.exec.select(
        'select sum(qty) as qty, sum(value_minor) as value_minor from stock_moves group by product_id, warehouse_id order by product_id, warehouse_id',
      ),
    );
    expect(codes(book, { full: true })).toEqual([]);
    book.close();
  });

  it('trusts history it proved until asked for the full proof, or until a repost rewrites it', async () => {
    const book = await paidOrder();
    expect(codes(book)).toEqual([]);
    // History changed by hand, behind tradeloop's back: an old move and a paid invoice's allocation.
    book.exec.execute('update stock_moves set qty = qty + 1 where id = (select min(id) from stock_moves)');
    book.exec.execute('update payment_allocations set amount_minor = amount_minor - 1');
    expect(codes(book)).toEqual([]);
    expect(codes(book, { full: true })).toEqual(
      expect.arrayContaining(['stock.balance_qty', 'invoice.open', 'payment.unallocated']),
    );
    // A repost rewrites moves in place and counts it: the marks no longer hold.
    book.exec.execute(
      "insert into settings (key, value) values ('book.rewrites', '1') on conflict (key) do update set value = cast(cast(settings.value as integer) + 1 as text)",
    );
    expect(codes(book)).toEqual(expect.arrayContaining(['stock.balance_qty', 'invoice.open']));
    book.close();
  });

  it('does not wait for another writer to keep its marks', async () => {
    const book = await paidOrder();
    // Another process's writer, holding the book (SQLite's write lock, PostgreSQL's writers' lock).
    const other = await Book.open(book.path);
    other.driver.begin();
    const started = Date.now();
    expect(codes(book)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(book.exec.value('select count(*) from check_marks')).toBe(0);
    other.driver.rollback();
    other.close();
    expect(codes(book)).toEqual([]);
    expect(book.exec.value('select count(*) from check_marks')).toBe(1);
    book.close();
  });

  it('keeps nothing when it finds a problem, or when asked not to', async () => {
    const book = await paidOrder();
    book.exec.execute('update stock_balances set value_minor = value_minor + 1 where product_id = 1');
    expect(codes(book)).toContain('stock.balance_value');
    expect(book.exec.value('select count(*) from check_marks')).toBe(0);
    book.exec.execute('update stock_balances set value_minor = value_minor - 1 where product_id = 1');
    expect(codes(book, { keep: false })).toEqual([]);
    expect(book.exec.value('select count(*) from check_marks')).toBe(0);
    book.close();
  });
});
