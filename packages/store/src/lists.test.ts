import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIST_KEYS, listPage, listRows, type PagedList } from './lists.js';
import { approveSalesOrder, invoiceSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

/** Every page of a list, walked from the first by each page's `next`. */
function walk(book: Parameters<typeof listPage>[0], name: PagedList, limit: number, where?: Record<string, string>) {
  const rows: Record<string, unknown>[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = listPage(book, name, { limit, ...(after ? { after } : {}), ...(where ? { where } : {}) });
    rows.push(...page.rows);
    if (page.next === null) return rows;
    after = page.next;
  }
  throw new Error('no last page');
}

describe('listPage', () => {
  it('walks every row of a list once, in its key’s order, whatever the page size and whoever asks', async () => {
    const book = await smallCompany(tempDir());
    for (const [i, customer] of ['C001', 'C002', 'C001', 'C001', 'C002', 'C001', 'C001'].entries()) {
      const { number } = placeSalesOrder(book, {
        customer,
        warehouse: 'WH1',
        date: `2026-03-0${(i % 7) + 1}`,
        lines: [{ sku: 'TEA-001', qty: 1_000 }],
      });
      if (customer === 'C001') {
        approveSalesOrder(book, number);
        shipSalesOrder(book, number, { date: '2026-03-09' });
        invoiceSalesOrder(book, number, { date: '2026-03-09' });
      }
    }
    const byKey = (name: PagedList) => (rows: Record<string, unknown>[]) =>
      [...rows].sort((a, b) => String(a[LIST_KEYS[name]]).localeCompare(String(b[LIST_KEYS[name]])));
    const actors = [
      { user: 'boss', roles: ['owner' as const] },
      { user: 'lin', roles: ['salesperson' as const], salesperson: 'lin' },
      { user: 'shop', roles: ['customer' as const], customer: 'C002' },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom<PagedList>('orders', 'invoices', 'payments', 'customers'),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(...actors),
        (name, limit, actor) => {
          book.actAs(actor);
          expect(walk(book, name, limit)).toEqual(byKey(name)(listRows(book, name)));
        },
      ),
      { numRuns: 40 },
    );
    book.actAs({ user: 'boss', roles: ['owner'] });
    expect(walk(book, 'orders', 2, { customer: 'C002' }).map((o) => o.customer)).toEqual(['C002', 'C002']);
    expect(listPage(book, 'invoices', { limit: 10, open: true }).rows).toHaveLength(5);
    // A salesperson never sees the cost of an invoice, paged or not.
    book.actAs(actors[1] as (typeof actors)[1]);
    expect(listPage(book, 'invoices', { limit: 10 }).rows[0]).not.toHaveProperty('cost_minor');
  });
});
