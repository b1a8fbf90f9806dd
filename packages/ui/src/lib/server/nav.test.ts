import type { Actor, Role } from '@tradeloop/core';
import { describe, expect, it } from 'vitest';
import { homeAreas, navigation } from './nav';

const as = (role: Role): Actor => ({ user: role, roles: [role], salesperson: 'lin' });
const outline = (actor: Actor) =>
  Object.fromEntries(navigation(actor).map((a) => [a.area, a.pages.map((p) => p.page)]));

describe('the navigation', () => {
  it('shows the owner every area and page, each link to its page', () => {
    expect(outline(as('owner'))).toEqual({
      inbox: ['dashboard', 'approvals', 'alerts'],
      sales: [
        'on_the_go',
        'new_order',
        'board',
        'orders',
        'invoices',
        'products',
        'price_list_items',
        'promotions',
        'salespeople',
        'stock',
      ],
      crm: ['customers', 'contacts'],
      purchasing: ['purchasing_desk', 'board', 'purchase_orders', 'requisitions', 'receipts', 'suppliers', 'products'],
      stock: [
        'stock',
        'stock_moves',
        'stock_transfer',
        'stock_counts',
        'stock_expiry',
        'shipments',
        'receipts',
        'products',
        'warehouses',
      ],
      finance: ['reconcile', 'vouchers', 'invoices', 'payments', 'aging', 'commission_plans'],
      reports: ['dashboard', 'reports', 'aging', 'files'],
      settings: ['users', 'settings'],
    });
    const links = navigation(as('owner')).flatMap((a) => a.pages.map((p) => p.href));
    expect(links).toContain('/grid/price-list-items');
    expect(links).toContain('/dashboard');
    expect(links).toContain('/reports');
    expect(links).toContain('/reports/aging');
    expect(links).toContain('/files');
    expect(links).toContain('/grid/orders');
    expect(links).toContain('/orders/new');
    expect(links).toContain('/m');
    expect(links).toContain('/vouchers');
    expect(links).toContain('/grid/stock-moves');
  });

  it('shows each role only what it may use: no users or settings, no whole-book reports, to who may not', () => {
    // A salesperson's own orders and invoices, and stock to promise from; no company-wide list.
    expect(outline(as('salesperson'))).toEqual({
      inbox: ['dashboard', 'approvals', 'alerts'],
      sales: [
        'on_the_go',
        'new_order',
        'board',
        'orders',
        'invoices',
        'products',
        'price_list_items',
        'promotions',
        'salespeople',
        'stock',
      ],
      crm: ['customers', 'contacts'],
      // Their own dashboard; no report over the whole book.
      reports: ['dashboard', 'files'],
    });
    // The warehouse has no dashboard of its own.
    expect(outline(as('warehouse'))).toEqual({
      inbox: ['approvals', 'alerts'],
      stock: [
        'stock',
        'stock_moves',
        'stock_transfer',
        'stock_counts',
        'stock_expiry',
        'shipments',
        'receipts',
        'products',
        'warehouses',
      ],
      reports: ['files'],
    });
    expect(outline(as('purchasing'))).toEqual({
      inbox: ['dashboard', 'approvals', 'alerts'],
      purchasing: ['purchasing_desk', 'board', 'purchase_orders', 'requisitions', 'receipts', 'suppliers', 'products'],
      // Purchasing watches what expires and sits idle; moving and counting is the warehouse's.
      stock: ['stock', 'stock_moves', 'stock_expiry', 'shipments', 'receipts', 'products', 'warehouses'],
      reports: ['dashboard', 'files'],
    });
    expect(outline(as('accountant')).finance).toEqual([
      'reconcile',
      'vouchers',
      'invoices',
      'payments',
      'aging',
      'commission_plans',
    ]);
    for (const role of ['accountant', 'auditor'] as const) {
      expect(outline(as(role)).reports).toEqual(['dashboard', 'reports', 'aging', 'files']);
      expect(outline(as(role)).settings).toBeUndefined();
    }
    expect(outline(as('customer'))).toEqual({ inbox: ['approvals', 'alerts'], reports: ['files'] });
  });

  it('gives everyone who reads the book the inbox: their dashboard first, what waits for their approval, the alerts for them', () => {
    for (const role of ['owner', 'salesperson', 'warehouse', 'purchasing', 'accountant', 'auditor'] as const)
      expect(navigation(as(role))[0]).toEqual({
        area: 'inbox',
        pages: [
          ...(role === 'warehouse' ? [] : [{ page: 'dashboard', href: '/dashboard' }]),
          { page: 'approvals', href: '/approvals' },
          { page: 'alerts', href: '/alerts' },
        ],
      });
    expect(navigation({ user: 'sam', roles: ['salesperson'] })[0]?.pages.map((p) => p.page)).toEqual([
      'approvals',
      'alerts',
    ]);
    expect(navigation({ user: 'nobody', roles: [] })).toEqual([]);
  });

  it('puts the inbox, then the area of each role’s work first on its home page, settings last', () => {
    for (const role of ['owner', 'salesperson', 'warehouse'] as const)
      expect(homeAreas(as(role))[0]?.area).toBe('inbox');
    const first = (role: Role) => homeAreas(as(role))[1]?.area;
    expect([
      first('owner'),
      first('salesperson'),
      first('warehouse'),
      first('purchasing'),
      first('accountant'),
    ]).toEqual(['reports', 'crm', 'stock', 'purchasing', 'finance']);
    expect(homeAreas(as('owner')).at(-1)?.area).toBe('settings');
  });
});
