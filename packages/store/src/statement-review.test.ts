import { describe, expect, it } from 'vitest';
import { autoMatchStatement, importStatementLines } from './finance.js';
import { approveSalesOrder, invoiceSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { statementReview } from './statement-review.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';

const tempDir = useTempDir();

/** C001 owes one invoice; the bank sends a line naming it and one nobody can place. */
async function bookWithLines() {
  const book = await smallCompany(tempDir());
  const { number } = placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date: '2026-03-02',
    lines: [{ sku: 'TEA-001', qty: 1_000 }],
  });
  approveSalesOrder(book, number);
  shipSalesOrder(book, number, { date: '2026-03-03' });
  const { invoice, gross } = invoiceSalesOrder(book, number, { date: '2026-03-03' });
  importStatementLines(book, 'bank', [
    { date: '2026-03-10', amount: gross, payer: '华东贸易', memo: `货款 ${invoice}`, reference: 'B1' },
    { date: '2026-03-11', amount: 12_345, payer: '不认识的人', memo: '转账', reference: 'B2' },
  ]);
  return { book, invoice };
}

describe('statementReview', () => {
  it('shows what accepting each unmatched line would book, or why nothing, and keeps nothing', async () => {
    const { book, invoice } = await bookWithLines();
    const payments = () => book.exec.value<number>('select count(*) from payments');
    const before = payments();
    const { lines } = statementReview(book);
    expect(lines.map((l) => [l.id, l.status])).toEqual([
      [2, 'unmatched'],
      [1, 'unmatched'],
    ]);
    expect(lines.find((l) => l.id === 1)?.proposal).toMatchObject({ rule: 'reference', documents: [invoice] });
    expect(lines.find((l) => l.id === 2)).toMatchObject({ proposal: null, unmatchedReason: expect.any(String) });
    expect(payments()).toBe(before);
  });

  it('books one accepted line alone, then shows it matched with the receipt it became', async () => {
    const { book, invoice } = await bookWithLines();
    expect(autoMatchStatement(book, { lines: [1], minConfidence: 0 }).matched).toMatchObject([{ line: 1 }]);
    const { lines } = statementReview(book);
    expect(lines.find((l) => l.id === 1)).toMatchObject({
      status: 'matched',
      match: { rule: 'reference', documents: [expect.stringMatching(/^RC-/), invoice] },
    });
    expect(lines.find((l) => l.id === 2)?.status).toBe('unmatched');
  });

  it('is refused to a salesperson: the bank is the whole company’s', async () => {
    const { book } = await bookWithLines();
    await addUser(book, { name: 'lin-u', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
    book.actAs(actorOf(book, 'lin-u'));
    expect(() => statementReview(book)).toThrow(expect.objectContaining({ code: 'permission.scope' }));
  });
});
