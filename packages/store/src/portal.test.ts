import { describe, expect, it } from 'vitest';
import { orderView } from './order-view.js';
import { placePortalOrder, portalCatalog, portalOrders } from './portal.js';
import { approveSalesOrder, placeSalesOrder, shipSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser, changeOwnPassword, preparePasswordChange, signIn, tokenGrant } from './users.js';

const tempDir = useTempDir();
const SHOP = { user: 'shop', roles: ['customer' as const], customer: 'C001' };
const LIN = { user: 'lin', roles: ['salesperson' as const], salesperson: 'lin' };

describe('the customer portal', () => {
  it('shows a customer their own prices and what is free, without cost', async () => {
    const book = await smallCompany(tempDir());
    book.actAs(SHOP);
    const { items } = portalCatalog(book);
    expect(items.length).toBeGreaterThan(0);
    const tea = items.find((i) => i.sku === 'TEA-001');
    expect(tea).toBeDefined();
    expect(tea).not.toHaveProperty('cost');
    // The catalog's price is the one placing an order gives them.
    book.actAs({ user: 'boss', roles: ['owner'] });
    const placed = placeSalesOrder(book, {
      customer: 'C001',
      warehouse: 'WH1',
      date: book.today(),
      lines: [{ sku: 'TEA-001', qty: 1_000 }],
    });
    expect(tea?.price).toBe(placed.lines[0]?.unitPrice);
    book.actAs(SHOP);
    expect(portalCatalog(book, { q: 'TEA-001' }).items.map((i) => i.sku)).toContain('TEA-001');
    book.actAs(LIN);
    expect(() => portalCatalog(book)).toThrow(expect.objectContaining({ code: 'permission.denied' }));
  });

  it('places the customer’s order to wait for staff, who approve and ship it; the customer follows it to its tracking number', async () => {
    const book = await smallCompany(tempDir());
    book.actAs(SHOP);
    const { number } = placePortalOrder(book, {
      date: '2026-03-02',
      reference: 'PO-778',
      lines: [{ sku: 'TEA-001', qty: 2_000 }],
    });
    const mine = orderView(book, number);
    expect(mine).toMatchObject({
      status: 'pending_review',
      channel: 'portal',
      customer: { code: 'C001' },
      salesperson: 'lin',
    });
    // The customer cannot approve it, nor place for another customer, nor read another's order.
    expect(() => approveSalesOrder(book, number)).toThrow(expect.objectContaining({ code: 'permission.denied' }));
    expect(() =>
      placeSalesOrder(book, {
        customer: 'C002',
        warehouse: 'WH1',
        date: '2026-03-02',
        lines: [{ sku: 'TEA-001', qty: 1_000 }],
      }),
    ).toThrow(expect.objectContaining({ code: 'permission.denied' }));
    book.actAs({ user: 'boss', roles: ['owner'] });
    const other = placeSalesOrder(book, {
      customer: 'C002',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 1_000 }],
    });
    book.actAs(SHOP);
    expect(() => orderView(book, other.number)).toThrow(expect.objectContaining({ code: 'permission.scope' }));
    // Staff: the salesperson reviews it, the warehouse ships it with the carrier's number.
    book.actAs(LIN);
    approveSalesOrder(book, number);
    book.actAs({ user: 'boss', roles: ['owner'] });
    shipSalesOrder(book, number, { date: '2026-03-03', carrier: '顺丰', trackingNumber: 'SF1234567890' });
    book.actAs(SHOP);
    expect(orderView(book, number)).toMatchObject({
      status: 'shipped',
      shipments: [{ carrier: '顺丰', tracking: 'SF1234567890' }],
    });
    book.actAs(LIN);
    expect(() => placePortalOrder(book, { date: '2026-03-02', lines: [{ sku: 'TEA-001', qty: 1_000 }] })).toThrow(
      expect.objectContaining({ code: 'permission.denied' }),
    );
  });

  it('lets a user change their own password with the one they have; their other sign-ins end', async () => {
    const book = await smallCompany(tempDir());
    await addUser(book, { name: 'shop', roles: ['customer'], customer: 'C001' }, 'first-password');
    const here = await signIn(book, 'shop', 'first-password');
    const there = await signIn(book, 'shop', 'first-password');
    book.actAs(actorOf(book, 'shop'));
    await expect(preparePasswordChange(book, 'shop', 'wrong-password', 'second-password')).rejects.toThrow(
      expect.objectContaining({ code: 'auth.failed' }),
    );
    await expect(preparePasswordChange(book, 'shop', 'first-password', 'short')).rejects.toThrow(
      /at least 8 characters/,
    );
    const change = await preparePasswordChange(book, 'shop', 'first-password', 'second-password');
    // Only one's own: a change made for shop is refused to anyone else acting.
    book.actAs(LIN);
    expect(() => changeOwnPassword(book, change)).toThrow(expect.objectContaining({ code: 'permission.denied' }));
    book.actAs(actorOf(book, 'shop'));
    changeOwnPassword(book, change, { keepToken: here.token });
    expect(tokenGrant(book, here.token).actor.user).toBe('shop');
    expect(() => tokenGrant(book, there.token)).toThrow(expect.objectContaining({ code: 'auth.token_expired' }));
    await expect(signIn(book, 'shop', 'first-password')).rejects.toThrow();
    expect((await signIn(book, 'shop', 'second-password')).actor.customer).toBe('C001');
  });
});

describe('portalOrders', () => {
  it('lists the customer’s own orders, newest first, with the latest carrier and tracking number', async () => {
    const book = await smallCompany(tempDir());
    book.actAs(SHOP);
    const first = placePortalOrder(book, {
      date: '2026-03-02',
      reference: 'PO-778',
      lines: [{ sku: 'TEA-001', qty: 1_000 }],
    });
    const second = placePortalOrder(book, { date: '2026-03-04', lines: [{ sku: 'TEA-001', qty: 1_000 }] });
    book.actAs({ user: 'boss', roles: ['owner'] });
    placeSalesOrder(book, {
      customer: 'C002',
      warehouse: 'WH1',
      date: '2026-03-05',
      lines: [{ sku: 'TEA-001', qty: 1_000 }],
    });
    approveSalesOrder(book, first.number);
    shipSalesOrder(book, first.number, { date: '2026-03-03', carrier: '中通', trackingNumber: 'ZT778' });
    book.actAs(SHOP);
    expect(portalOrders(book).map((o) => [o.number, o.status, o.reference, o.carrier, o.tracking])).toEqual([
      [second.number, 'pending_review', null, null, null],
      [first.number, 'shipped', 'PO-778', '中通', 'ZT778'],
    ]);
  });
});
