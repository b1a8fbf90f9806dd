import type { Actor, Role } from '@tradeloop/core';
import { describe, expect, it } from 'vitest';
import { homeAreas, navigation } from './nav';

const as = (role: Role): Actor => ({ user: role, roles: [role], salesperson: 'lin' });
const outline = (actor: Actor) =>
  Object.fromEntries(navigation(actor).map((a) => [a.area, a.pages.map((p) => p.page)]));

describe('the navigation', () => {
  it('shows the owner every area and page, each link to its page', () => {
    expect(outline(as('owner'))).toEqual({
      sales: ['new_order', 'orders', 'invoices', 'products', 'price_list_items', 'promotions', 'salespeople', 'stock'],
      crm: ['customers', 'contacts'],
      purchasing: ['purchase_orders', 'requisitions', 'receipts', 'suppliers', 'products'],
      stock: ['stock', 'stock_moves', 'shipments', 'receipts', 'products', 'warehouses'],
      finance: ['reconcile', 'invoices', 'payments', 'commission_plans'],
      reports: ['dashboard', 'files'],
      settings: ['users', 'settings'],
    });
    const links = navigation(as('owner')).flatMap((a) => a.pages.map((p) => p.href));
    expect(links).toContain('/grid/price-list-items');
    expect(links).toContain('/dashboard');
    expect(links).toContain('/files');
    expect(links).toContain('/grid/orders');
    expect(links).toContain('/orders/new');
    expect(links).toContain('/grid/stock-moves');
  });

  it('shows each role only what it may use: no users or settings, no whole-book reports, to who may not', () => {
    // A salesperson's own orders and invoices, and stock to promise from; no company-wide list.
    expect(outline(as('salesperson'))).toEqual({
      sales: ['new_order', 'orders', 'invoices', 'products', 'price_list_items', 'promotions', 'salespeople', 'stock'],
      crm: ['customers', 'contacts'],
      reports: ['files'],
    });
    expect(outline(as('warehouse'))).toEqual({
      stock: ['stock', 'stock_moves', 'shipments', 'receipts', 'products', 'warehouses'],
      reports: ['files'],
    });
    expect(outline(as('purchasing'))).toEqual({
      purchasing: ['purchase_orders', 'requisitions', 'receipts', 'suppliers', 'products'],
      stock: ['stock', 'stock_moves', 'shipments', 'receipts', 'products', 'warehouses'],
      reports: ['files'],
    });
    expect(outline(as('accountant')).finance).toEqual(['reconcile', 'invoices', 'payments', 'commission_plans']);
    for (const role of ['accountant', 'auditor'] as const) {
      expect(outline(as(role)).reports).toEqual(['dashboard', 'files']);
      expect(outline(as(role)).settings).toBeUndefined();
    }
    expect(outline(as('customer'))).toEqual({ reports: ['files'] });
  });

  it('puts the area of each role’s work first on its home page, settings last', () => {
    const first = (role: Role) => homeAreas(as(role))[0]?.area;
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
