import { describe, expect, it } from 'vitest';
import { addFollowUp, claimCustomer, releaseCustomer, saveOpportunity } from './crm.js';
import { upsertMasterData } from './master-data.js';
import { returnSalesOrder } from './operations.js';
import { approveSalesOrder, cancelSalesOrder, invoiceSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';

const tempDir = useTempDir();

/** The small company with a second junior, chen, who owns C003 and has two orders on it. */
async function twoSellers() {
  const book = await smallCompany(tempDir());
  upsertMasterData(book, {
    salespeople: [{ code: 'chen', name: '陈', level: 'junior', manager: 'wang', maxDiscount: 1000 }],
    customers: [
      { code: 'C003', name: '陈的客户', owner: 'chen', terms: 'credit', creditLimit: 10_000_000, paymentDays: 30 },
      { code: 'POOL', name: '公海客户' },
    ],
  } as never);
  await addUser(book, { name: 'boss', roles: ['owner'] }, 'correct horse battery');
  await addUser(book, { name: 'lin-u', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
  await addUser(book, { name: 'wang-u', roles: ['sales_manager'], salesperson: 'wang' }, 'wang-secret-123');
  const order = () => {
    const { number } = placeSalesOrder(book, {
      customer: 'C003',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 1_000 }],
    });
    approveSalesOrder(book, number);
    return number;
  };
  const shipped = order();
  shipSalesOrder(book, shipped, { date: '2026-03-03' });
  const open = order();
  return { book, shipped, open };
}

describe('write scope', () => {
  it("refuses a salesperson every action on another salesperson's order or customer, logs each, and changes nothing", async () => {
    const { book, shipped, open } = await twoSellers();
    const changes = () => book.exec.value<number>('select count(*) from audit_log where refused is null') ?? 0;
    const before = changes();
    book.actAs(actorOf(book, 'lin-u'));
    const attempts: [string, () => unknown][] = [
      ['invoice', () => invoiceSalesOrder(book, shipped, { date: '2026-03-04' })],
      ['cancel', () => cancelSalesOrder(book, open)],
      ['return', () => returnSalesOrder(book, shipped, { date: '2026-03-04', lines: [{ lineNo: 1, qty: 1_000 }] })],
      ['follow-up', () => addFollowUp(book, { customer: 'C003', date: '2026-03-04', note: '抢单' })],
      ['release', () => releaseCustomer(book, 'C003')],
      [
        'opportunity',
        () =>
          saveOpportunity(book, {
            customer: 'C003',
            name: 'x',
            stage: 'lead',
            amount: 100,
            probability: 1000,
            date: '2026-03-04',
          }),
      ],
      ['claim for another', () => claimCustomer(book, 'POOL', 'chen', '2026-03-04')],
      [
        'follow-up in another’s name',
        () => addFollowUp(book, { customer: 'C001', salesperson: 'chen', date: '2026-03-04', note: '冒名' }),
      ],
    ];
    for (const [what, attempt] of attempts)
      expect(attempt, what).toThrow(expect.objectContaining({ code: 'permission.scope' }));
    expect(changes()).toBe(before);
    expect(
      book.exec.value("select count(*) from audit_log where refused = 'permission.scope' and actor = 'lin-u'"),
    ).toBe(attempts.length);
    expect(book.exec.value('select status from sales_orders where number = ?', open)).not.toBe('cancelled');
    expect(book.exec.value('select count(*) from invoices')).toBe(0);
    // Their own customer, and a claim for themselves, go through.
    addFollowUp(book, { customer: 'C001', date: '2026-03-04', note: '回访' });
    claimCustomer(book, 'POOL', 'lin', '2026-03-04');
    expect(changes()).toBe(before + 2);
    book.close();
  });

  it("lets a sales manager act on the team's orders", async () => {
    const { book, shipped, open } = await twoSellers();
    book.actAs(actorOf(book, 'wang-u'));
    expect(invoiceSalesOrder(book, shipped, { date: '2026-03-04' }).invoice).toMatch(/^INV-/);
    expect(cancelSalesOrder(book, open).status).toBe('cancelled');
    book.close();
  });
});
