import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Book } from './book.js';
import { check } from './check.js';
import { autoMatchStatement, importStatementLines, openSalesInvoices, ordersAwaitingPayment } from './finance.js';
import { runAlerts } from './planning.js';
import { customerReceipts, openReceivables } from './sales.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

// Lookups run once per invoice or per sync must not read whole tables: with a million history
// lines, a scan per invoice turns building a book from seconds into hours.
describe('lookups that grow with the book use an index', () => {
  it('finds open orders, and a customer’s receipts with money left, by index', async () => {
    const book = await Book.create(join(tempDir(), 'plans.db'));
    const plan = (sql: string, parameters: readonly unknown[] = []) =>
      (book.sqlite.prepare(`explain query plan ${sql}`).all(...parameters) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    expect(plan("select number from sales_orders where status not in ('completed', 'cancelled')")).toContain(
      'sales_orders_open',
    );
    // The very statement invoicing runs to apply a customer's advances.
    const { sql, parameters } = customerReceipts(book, 1).compile();
    const receipts = plan(sql, parameters);
    // Only the receipts with money left: the partial index, not every receipt the customer ever paid.
    expect(receipts).toContain('payments_unallocated');
    expect(receipts).not.toMatch(/SCAN (p|a)\b/);
    book.close();
  });
});

// Open items are found by partial indexes, so matching a statement, the alerts run and `check`'s
// reservations cost what is open, not what the company ever invoiced or sold.
describe('open items are read by index, not by reading the history', () => {
  it('every statement of matching, alerts and the reservation check uses an index on the big tables', async () => {
    const book = await Book.create(join(tempDir(), 'open.db'));
    importStatementLines(book, 'bank', [
      { date: '2026-03-02', amount: 113000, payer: '华东贸易', memo: '货款' },
      { date: '2026-03-03', amount: 5000, payer: '供应商', memo: '付款', direction: 'out' },
    ]);
    const prepare = book.sqlite.prepare.bind(book.sqlite);
    /** The plans of the reads `run` prepares. */
    const plansOf = (run: () => void) => {
      const seen = new Set<string>();
      book.sqlite.prepare = ((source: string) => {
        seen.add(source);
        return prepare(source);
      }) as typeof book.sqlite.prepare;
      run();
      book.sqlite.prepare = prepare;
      return [...seen]
        .filter((s) => /^\s*(select|with)/i.test(s))
        .map((s) => {
          const parameters = Array.from({ length: (s.match(/\?/g) ?? []).length }, () => '2026-03-05');
          return {
            s,
            plan: (prepare(`explain query plan ${s}`).all(...parameters) as { detail: string }[]).map((r) => r.detail),
          };
        });
    };
    const openItems = plansOf(() => {
      openSalesInvoices(book);
      openReceivables(book, 1);
      ordersAwaitingPayment(book);
      autoMatchStatement(book);
      runAlerts(book, { today: '2026-03-05' });
    });
    // check re-sums every ledger on purpose; only its reservations are asked of an index here.
    const checking = plansOf(() => check(book));
    const plans = [...openItems, ...checking];
    const reads = (table: string) => plans.filter((p) => p.s.includes(table));
    // The statements that look for open items name their partial index.
    expect(reads('open_minor > ').some((p) => p.plan.join('\n').includes('invoices_open'))).toBe(true);
    expect(reads('statement_line_id').some((p) => p.plan.join('\n').includes('payments_unconfirmed'))).toBe(true);
    expect(reads('reserved_qty <>').some((p) => p.plan.join('\n').includes('sales_order_lines_reserved'))).toBe(true);
    expect(reads('"open_minor" <> 0').some((p) => p.plan.join('\n').includes('invoices_customer_owing'))).toBe(true);
    expect(reads('status" = ?').some((p) => p.plan.join('\n').includes('sales_orders_open'))).toBe(true);
    // And none of matching's or the alerts' statements reads invoices or payments whole.
    const scans = openItems.filter((p) => p.plan.some((d) => /^SCAN (invoices|payments|i|p)\b/.test(d)));
    expect(scans.map((p) => p.s)).toEqual([]);
    // A check after one that kept what it proved reads no invoice, payment or move of the history:
    // what it scans of those tables is a partial index of the open ones.
    const again = plansOf(() => check(book));
    const whole = /^SCAN (invoices|payments|stock_moves|i|p)\b(?!.*\b(invoices_customer_owing|payments_open)\b)/;
    const history = again.filter((p) => p.plan.some((d) => whole.test(d)));
    expect(history.map((p) => p.s)).toEqual([]);
    expect(again.some((p) => p.plan.join('\n').includes('payments_open'))).toBe(true);
    book.close();
  });
});
