import { describe, expect, it } from 'vitest';
import { alertInbox } from './alert-inbox.js';
import type { Book } from './book.js';
import { upsertMasterData } from './master-data.js';
import { runAlerts } from './planning.js';
import { approveSalesOrder, invoiceSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';

const tempDir = useTempDir();

/**
 * The small company with an invoice of lin's customer C001 overdue, chen's customer C003 due a
 * follow-up, and TEA-001 below its reorder point; the alerts run, as of 2026-05-01.
 */
async function alertedCompany() {
  const book = await smallCompany(tempDir());
  upsertMasterData(book, {
    salespeople: [{ code: 'chen', name: '陈', level: 'junior', manager: 'wang', maxDiscount: 1000 }],
    customers: [
      { code: 'C003', name: '陈的客户', owner: 'chen', terms: 'credit', creditLimit: 10_000_000, paymentDays: 30 },
    ],
    products: [{ sku: 'TEA-001', reorderPoint: 100_000 }],
  } as never);
  const { number } = placeSalesOrder(book, {
    customer: 'C001',
    warehouse: 'WH1',
    date: '2026-03-02',
    lines: [{ sku: 'TEA-001', qty: 1_000 }],
  });
  approveSalesOrder(book, number);
  shipSalesOrder(book, number, { date: '2026-03-03' });
  const invoice = invoiceSalesOrder(book, number, { date: '2026-03-04' }).invoice;
  book.exec.execute(
    `insert into follow_ups (customer_id, date, note, next_date) select id, '2026-03-01', 'call', '2026-04-01' from customers where code = 'C003'`,
  );
  runAlerts(book, { today: '2026-05-01' });
  await addUser(book, { name: 'lin-u', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
  await addUser(book, { name: 'chen-u', roles: ['salesperson'], salesperson: 'chen' }, 'chen-secret-123');
  await addUser(book, { name: 'acc', roles: ['accountant'] }, 'acc-secret-1234');
  await addUser(book, { name: 'buyer', roles: ['purchasing'] }, 'buyer-secret-12');
  await addUser(book, { name: 'boss', roles: ['owner'] }, 'boss-secret-123');
  await addUser(book, { name: 'audit', roles: ['auditor'] }, 'audit-secret-12');
  return { book, invoice };
}

const inboxOf = (book: Book, user: string) => {
  book.actAs(actorOf(book, user));
  return alertInbox(book);
};
const kinds = (inbox: { open: { kind: string; subject: string }[] }) =>
  inbox.open.map((a) => `${a.kind} ${a.subject}`).sort();

describe('the alerts inbox', () => {
  it('gives a salesperson only the alerts of their own customers, with the customer named', async () => {
    const { book, invoice } = await alertedCompany();
    const lin = inboxOf(book, 'lin-u');
    expect(kinds(lin)).toEqual([`overdue_receivable ${invoice}`]);
    expect(lin.open[0]).toMatchObject({ invoice, customer: 'C001', roles: expect.arrayContaining(['accountant']) });
    expect(kinds(inboxOf(book, 'chen-u'))).toEqual(['follow_up_due C003']);
  });

  it('gives each role the kinds it acts on, the owner all of them and the auditor none', async () => {
    const { book, invoice } = await alertedCompany();
    expect(kinds(inboxOf(book, 'acc'))).toEqual([`overdue_receivable ${invoice}`]);
    expect(kinds(inboxOf(book, 'buyer'))).toContain('below_reorder_point TEA-001@WH1');
    expect(kinds(inboxOf(book, 'buyer')).some((k) => k.startsWith('overdue'))).toBe(false);
    const all = kinds(inboxOf(book, 'boss'));
    expect(all).toEqual(expect.arrayContaining([`overdue_receivable ${invoice}`, 'follow_up_due C003']));
    expect(all).toContain('below_reorder_point TEA-001@WH1');
    expect(inboxOf(book, 'audit').open).toEqual([]);
  });

  it('keeps alerts the next run resolved apart, latest first', async () => {
    const { book } = await alertedCompany();
    book.exec.execute(`delete from follow_ups`);
    book.actAs(actorOf(book, 'boss'));
    runAlerts(book, { today: '2026-05-02' });
    const chen = inboxOf(book, 'chen-u');
    expect(chen.open).toEqual([]);
    expect(chen.resolved.map((a) => a.subject)).toEqual(['C003']);
    expect(chen.resolvedTotal).toBe(1);
  });
});
