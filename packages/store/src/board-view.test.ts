import { describe, expect, it } from 'vitest';
import { boardView } from './board.js';
import { upsertMasterData } from './master-data.js';
import { approveSalesOrder, placeSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';

const tempDir = useTempDir();

describe('boardView', () => {
  it('shows each open line with what it waits for, and to a salesperson only their customers’ lines', async () => {
    const book = await smallCompany(tempDir());
    upsertMasterData(book, {
      salespeople: [{ code: 'chen', name: '陈', level: 'junior', manager: 'wang', maxDiscount: 1000 }],
      customers: [{ code: 'C003', name: '陈的客户', owner: 'chen', terms: 'credit', creditLimit: 10_000_000 }],
    } as never);
    for (const customer of ['C001', 'C003']) {
      const { number } = placeSalesOrder(book, {
        customer,
        warehouse: 'WH1',
        date: '2026-03-02',
        promiseDate: '2026-03-09',
        lines: [{ sku: 'TEA-001', qty: 4_000 }],
      });
      approveSalesOrder(book, number);
    }
    const owner = boardView(book, '2026-03-03');
    // 5 on hand: the first order is ready, the second waits for the requisition of its 3 short.
    expect(owner.lines.map((l) => [l.customer, l.status])).toEqual([
      ['C001', 'ready'],
      ['C003', 'awaiting_purchase'],
    ]);
    expect(owner.openRequisitions).toBe(1);
    expect(owner.runningOut).not.toBeNull();
    const requisitions = book.exec.value<number>('select count(*) from requisitions');
    await addUser(book, { name: 'lin-u', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
    book.actAs(actorOf(book, 'lin-u'));
    const lin = boardView(book, '2026-03-03');
    expect(lin).toMatchObject({ runningOut: null, openRequisitions: 0 });
    expect(lin.lines.map((l) => l.customer)).toEqual(['C001']);
    expect(book.exec.value<number>('select count(*) from requisitions')).toBe(requisitions);
  });
});

describe('stockActivity and expiringStock', () => {
  it('read the whole company’s stock: refused to a salesperson, values at cost only for who sees cost', async () => {
    const book = await smallCompany(tempDir());
    const { stockActivity, expiringStock } = await import('./board.js');
    expect(stockActivity(book)).toEqual([expect.objectContaining({ sku: 'TEA-001', onHand: 5_000, value: 56_000 })]);
    await addUser(book, { name: 'lin-u', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
    await addUser(book, { name: 'store-u', roles: ['warehouse'] }, 'store-secret-123');
    book.actAs(actorOf(book, 'store-u'));
    expect(stockActivity(book)).toEqual([expect.objectContaining({ sku: 'TEA-001', onHand: 5_000, value: null })]);
    expect(expiringStock(book)).toEqual([]);
    book.actAs(actorOf(book, 'lin-u'));
    expect(() => stockActivity(book)).toThrow(expect.objectContaining({ code: 'permission.scope' }));
    expect(() => expiringStock(book)).toThrow(expect.objectContaining({ code: 'permission.scope' }));
    book.close();
  });
});
