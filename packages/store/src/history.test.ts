import { parseMoney } from '@tradeloop/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Book } from './book.js';
import { check } from './check.js';
import { type HistoryLine, importSalesHistory, KEPT_WHILE_LOADING } from './history.js';
import { postOpeningStock } from './stock.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

async function stockedCompany(): Promise<Book> {
  const book = await smallCompany(tempDir());
  // Before the small company's own opening stock: added to it, as history needs stock back then.
  postOpeningStock(
    book,
    [
      { sku: 'TEA-001', warehouse: 'WH1', qty: 10_000_000, value: 1_120_000_000, date: '2024-12-31' },
      { sku: 'TEA-002', warehouse: 'WH1', qty: 10_000_000, value: 765_000_000, date: '2024-12-31' },
    ],
    { existing: 'add' },
  );
  return book;
}

/** 4-decimal text → cents, half-up, in integers: what the import must come to. */
const cents = (text: string) => Math.floor((Number(text.replace('.', '')) + 50) / 100);
/** The amount as the import reads it from the file. */
const read = (text: string) => {
  const r = parseMoney(text);
  if (!r.ok) throw new Error(text);
  return r.value;
};
/** Text of a non-negative number of ten-thousandths, with four decimals. */
const fourDecimals = (n: number) => `${Math.floor(n / 10_000)}.${String(n % 10_000).padStart(4, '0')}`;

const historyLine = (over: Partial<HistoryLine> & Pick<HistoryLine, 'row' | 'order'>): HistoryLine => ({
  date: '2025-06-01',
  customer: 'C001',
  salesperson: null,
  warehouse: 'WH1',
  sku: 'TEA-001',
  qty: 1000,
  unitPrice: null,
  taxRate: null,
  paidDate: null,
  ...over,
});

async function* stream(lines: readonly HistoryLine[]) {
  yield* lines;
}

/** What the book holds after posting sales: totals of the documents and the journal, and row counts. */
function bookFigures(book: Book) {
  const one = (sql: string) => book.exec.value<number>(sql) as number;
  return {
    orderNet: one('select coalesce(sum(net_minor), 0) from sales_orders'),
    lineNet: one('select coalesce(sum(net_minor), 0) from sales_order_lines'),
    invoiceNet: one("select coalesce(sum(net_minor), 0) from invoices where kind = 'sales'"),
    invoiceTax: one("select coalesce(sum(tax_minor), 0) from invoices where kind = 'sales'"),
    invoiceGross: one("select coalesce(sum(gross_minor), 0) from invoices where kind = 'sales'"),
    revenue: one("select coalesce(sum(credit_minor - debit_minor), 0) from journal_lines where account = '6001'"),
    vat: one("select coalesce(sum(credit_minor - debit_minor), 0) from journal_lines where account = '2221.02'"),
    rows: Object.fromEntries(
      ['sales_orders', 'sales_order_lines', 'invoices', 'payments', 'stock_moves', 'journal_lines', 'audit_log'].map(
        (t) => [t, one(`select count(*) from ${t}`)],
      ),
    ),
  };
}

describe('importSalesHistory with the source system’s line amounts', () => {
  it('makes every book total the sum of the 4-decimal lines rounded half-up to cents, exactly', async () => {
    const amounts = ['12.3450', '0.0049', '99.9950', '1234.5678', '7.0051', '0.0050'];
    const tax = ['1.6049', null, '13.0000', null, null, '0.0050'];
    const book = await stockedCompany();
    const lines = amounts.map((amount, i) =>
      historyLine({
        row: i + 2,
        order: `H-${Math.floor(i / 2) + 1}`,
        sku: i % 2 === 0 ? 'TEA-001' : 'TEA-002',
        qty: 3000,
        amount: read(amount),
        tax: tax[i] === null ? null : read(tax[i] as string),
      }),
    );
    const summary = await importSalesHistory(book, stream(lines));
    const net = amounts.reduce((a, t) => a + cents(t), 0);
    // 12.35 + 0.00 + 100.00 + 1234.57 + 7.01 + 0.01, not 3 × a unit price rounded to cents.
    expect(net).toBe(135_394);
    // VAT as the file gives it, else 13% of the line's cents, half-up.
    const taxes = lines.reduce((a, l) => a + (l.tax ?? Math.floor(((l.amount ?? 0) * 1300 + 5000) / 10_000)), 0);
    expect(summary).toMatchObject({ orders: 3, lines: 6, net, tax: taxes, unchanged: 0 });
    expect(bookFigures(book)).toMatchObject({
      orderNet: net,
      lineNet: net,
      invoiceNet: net,
      invoiceTax: taxes,
      invoiceGross: net + taxes,
      revenue: net,
      vat: taxes,
    });
    const prices = book.exec
      .select<{ p: number }>('select unit_price_minor as p from sales_order_lines order by id')
      .map((r) => r.p);
    expect(prices).toEqual([412, 0, 3333, 41152, 234, 0]); // net ÷ 3, for display only
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('holds for any 4-decimal amounts: invoices and journal revenue are the sum of the lines rounded half-up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 9_999_999 }), { minLength: 1, maxLength: 12 }),
        async (tenThousandths) => {
          const book = await stockedCompany();
          try {
            const texts = tenThousandths.map(fourDecimals);
            await importSalesHistory(
              book,
              stream(
                texts.map((t, i) => historyLine({ row: i + 2, order: `P-${Math.floor(i / 3)}`, amount: read(t) })),
              ),
            );
            const expected = texts.reduce((a, t) => a + cents(t), 0);
            const f = bookFigures(book);
            expect([f.invoiceNet, f.orderNet, f.revenue]).toEqual([expected, expected, expected]);
          } finally {
            book.close();
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it('keeps the file’s unit-price layout: net is quantity × unit price', async () => {
    const book = await stockedCompany();
    const summary = await importSalesHistory(
      book,
      stream([historyLine({ row: 2, order: 'O-1', qty: 2500, unitPrice: 1999 })]),
    );
    // 2.5 × 19.99 = 49.975 → 49.98
    expect(summary).toMatchObject({ net: 4998, tax: 650 });
    book.close();
  });

  it('keeps the ship-to region, address and channel on the order, the channel falling back to the customer’s', async () => {
    const book = await stockedCompany();
    book.exec.execute("update customers set region = '华东 East', channel = 'retail' where code = 'C001'");
    await importSalesHistory(
      book,
      stream([
        historyLine({
          row: 2,
          order: 'R-1',
          amount: 1000,
          region: '西南 Southwest',
          address: '成都市',
          channel: 'online',
        }),
        historyLine({ row: 3, order: 'R-1', sku: 'TEA-002', amount: 2000 }),
        historyLine({ row: 4, order: 'R-2', amount: 3000 }),
      ]),
    );
    expect(
      book.exec.select('select number, ship_region, ship_address, channel from sales_orders order by number'),
    ).toEqual([
      { number: 'R-1', ship_region: '西南 Southwest', ship_address: '成都市', channel: 'online' },
      { number: 'R-2', ship_region: null, ship_address: null, channel: 'retail' },
    ]);
    book.close();
  });

  it('changes nothing when the same history is imported again', async () => {
    const book = await stockedCompany();
    const lines = [
      historyLine({ row: 2, order: 'A-1', amount: 12_346, region: '华北 North', paidDate: '2025-06-20' }),
      historyLine({ row: 3, order: 'A-1', sku: 'TEA-002', qty: 2000, amount: 501 }),
      historyLine({ row: 4, order: 'A-2', date: '2025-06-02', customer: 'C002', unitPrice: 18_800 }),
    ];
    const first = await importSalesHistory(book, stream(lines));
    expect(first).toMatchObject({ orders: 2, unchanged: 0 });
    const before = bookFigures(book);
    const again = await importSalesHistory(book, stream(lines));
    expect(again).toMatchObject({ orders: 0, lines: 3, net: 0, unchanged: 2 });
    expect(bookFigures(book)).toEqual(before);
    expect(check(book)).toEqual([]);

    // The same order number with other amounts is refused, and still nothing changes.
    const edited = lines.map((l) => (l.row === 3 ? { ...l, amount: 502 } : l));
    await expect(importSalesHistory(book, stream(edited))).rejects.toMatchObject({
      code: 'command.rejected',
      issues: [{ code: 'history.order_exists', path: [2, 'order'], value: 'A-1' }],
    });
    expect(bookFigures(book)).toEqual(before);
    const moved = lines.map((l) => (l.row === 2 ? { ...l, region: '华南 South' } : l));
    await expect(importSalesHistory(book, stream(moved))).rejects.toMatchObject({
      issues: [{ code: 'history.order_exists', path: [2, 'order'] }],
    });
    book.close();
  });

  it('leaves every index as it was and true to its table, kept up while loading or built again after', async () => {
    const book = await stockedCompany();
    const sqlite = book.driver.engine === 'sqlite';
    const indexes = () =>
      book.driver.all<{ name: string; sql: string | null }>(
        sqlite
          ? // Each table's in the schema's order: where two serve a query alike, the planner takes the first.
            "select name, sql from sqlite_master where type = 'index' order by tbl_name, rowid"
          : 'select indexname as name, indexdef as sql from pg_indexes where schemaname = current_schema() order by indexname',
        [],
      );
    const before = indexes();
    // Each index kept up while loading is one the book has (a renamed index would be dropped silently).
    for (const name of KEPT_WHILE_LOADING) expect(before.map((i) => i.name)).toContain(name);
    const lines = Array.from({ length: 300 }, (_, i) =>
      historyLine({
        row: i + 2,
        order: `K-${Math.floor(i / 3)}`,
        date: `2025-0${1 + Math.floor(i / 60)}-1${Math.floor(i / 3) % 10}`,
        customer: i % 2 ? 'C001' : 'C002',
        sku: i % 3 ? 'TEA-001' : 'TEA-002',
        unitPrice: 1_000 + i,
        paidDate: i % 4 ? '2025-07-01' : null,
      }),
    );
    expect(await importSalesHistory(book, stream(lines))).toMatchObject({ orders: 100, lines: 300 });
    expect(indexes()).toEqual(before);
    // SQLite's own check reads every index against its table (PostgreSQL keeps its indexes up throughout).
    if (sqlite)
      expect(book.driver.get<{ integrity_check: string }>('pragma integrity_check', [])).toEqual({
        integrity_check: 'ok',
      });
    expect(check(book)).toEqual([]);
    book.close();
  });

  it('refuses a line with no amount or price, and an order whose lines name two regions, naming row and column', async () => {
    const book = await stockedCompany();
    const before = bookFigures(book);
    await expect(
      importSalesHistory(
        book,
        stream([
          historyLine({ row: 2, order: 'X-1', amount: 100, region: '华北 North' }),
          historyLine({ row: 3, order: 'X-1', amount: 100, region: '华南 South' }),
          historyLine({ row: 4, order: 'X-2' }),
        ]),
      ),
    ).rejects.toMatchObject({
      issues: [
        { code: 'history.order_field', path: [3, 'region'], value: '华南 South' },
        { code: 'history.amount_missing', path: [4, 'amount'] },
      ],
    });
    expect(bookFigures(book)).toEqual(before);
    book.close();
  });
});
