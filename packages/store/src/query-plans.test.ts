import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Book } from './book.js';
import { customerReceipts } from './sales.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

// Lookups run once per invoice or per sync must not read whole tables: with a million history
// lines, a scan per invoice turns building a book from seconds into hours.
describe('lookups that grow with the book use an index', () => {
  it('finds open orders, and a customer’s receipts and their allocations, by index', async () => {
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
    expect(receipts).toContain('payments_customer');
    expect(receipts).toContain('payment_allocations_payment');
    expect(receipts).not.toMatch(/SCAN (p|a)\b/);
    book.close();
  });
});
