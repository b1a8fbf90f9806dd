import { type Actor, can, customerScope, type Role } from '@tradeloop/core';
import { dashboardViews } from '@tradeloop/store';
import { AREAS, type Area, type NavArea, PAGES, type Page } from '$lib/nav';
import { readsWholeBook } from './access.js';

/**
 * Who may open a page: the permission its work needs (the page itself checks again, as every
 * route does; the navigation only leaves out what would be refused).
 */
function opens(actor: Actor, page: Page): boolean {
  const whole = readsWholeBook(actor);
  const sells = can(actor, 'sales.write');
  // Company-wide lists (purchasing, shipments) are refused to whoever sees only some customers.
  const company = can(actor, 'book.read') && customerScope(actor).kind === 'all';
  const stocks = can(actor, 'stock.write') || can(actor, 'purchasing.write') || whole;
  switch (page) {
    // Everyone's inbox: what waits for them to decide, what needs their attention.
    case 'approvals':
    case 'alerts':
      return can(actor, 'book.read');
    case 'new_order':
      return sells;
    // The salesperson's phone: their own customers, orders on site, vouchers, commission.
    case 'on_the_go':
      return sells && actor.salesperson !== undefined;
    // A customer's own: ordering, following orders, the statement of account.
    case 'portal':
      return actor.roles.includes('customer') && actor.customer !== undefined;
    // Vouchers to book: finance's work; who sees the whole book reads them.
    case 'vouchers':
      return can(actor, 'finance.write') || whole;
    case 'orders':
      return sells || whole;
    case 'invoices':
      return sells || can(actor, 'finance.write') || whole;
    case 'payments':
      return can(actor, 'finance.write') || whole;
    case 'board':
      return sells || stocks;
    case 'reconcile':
      return company && (can(actor, 'finance.write') || whole);
    // The buyer's desk: requisitions into orders, RFQs; who sees the whole book reads it too.
    case 'purchasing_desk':
      return company && (can(actor, 'purchasing.write') || whole);
    case 'purchase_orders':
    case 'requisitions':
    case 'receipts':
    case 'shipments':
      return company && stocks;
    case 'stock':
    case 'stock_moves':
      return sells || stocks;
    // Moving and counting stock is the warehouse's work; what expires or sits idle, everyone's who keeps stock.
    case 'stock_transfer':
    case 'stock_counts':
      return can(actor, 'stock.write');
    case 'stock_expiry':
      return company && stocks;
    case 'customers':
    case 'contacts':
    case 'price_list_items':
    case 'promotions':
    case 'salespeople':
      return sells || whole;
    case 'products':
      return sells || can(actor, 'stock.write') || can(actor, 'purchasing.write') || whole;
    case 'suppliers':
      return can(actor, 'purchasing.write') || whole;
    case 'warehouses':
      return can(actor, 'stock.write') || can(actor, 'purchasing.write') || whole;
    case 'commission_plans':
      return can(actor, 'finance.write') || whole;
    // Each role's dashboard: the whole book's for who reads it, the team's, one's own, purchasing's, finance's.
    case 'dashboard':
      return dashboardViews(actor).length > 0;
    case 'reports':
    case 'aging':
      return whole;
    case 'files':
      return can(actor, 'book.read');
    case 'users':
      return can(actor, 'users.manage');
    case 'settings':
      return can(actor, 'book.admin');
  }
}

/** The pages of each area; a page may sit in more than one, as products do in sales and stock. */
const AREA_PAGES: Readonly<Record<Area, readonly Page[]>> = {
  // The day starts from one's dashboard: what is due, late or short in one's own work.
  inbox: ['portal', 'dashboard', 'approvals', 'alerts'],
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
};

/** Whose work an area is: an area shows only to them, with the pages of it they may open. */
function works(actor: Actor, area: Area): boolean {
  const whole = readsWholeBook(actor);
  switch (area) {
    case 'inbox':
      return true;
    case 'sales':
    case 'crm':
      return can(actor, 'sales.write') || whole;
    case 'purchasing':
      return can(actor, 'purchasing.write') || whole;
    case 'stock':
      return can(actor, 'stock.write') || can(actor, 'purchasing.write') || whole;
    case 'finance':
      return can(actor, 'finance.write') || whole;
    case 'reports':
    case 'settings':
      return true;
  }
}

/** The navigation an actor sees: each area with the pages they may open, empty areas left out. */
export function navigation(actor: Actor): NavArea[] {
  return AREAS.filter((area) => works(actor, area))
    .map((area) => ({
      area,
      pages: AREA_PAGES[area].filter((page) => opens(actor, page)).map((page) => ({ page, href: PAGES[page] })),
    }))
    .filter((a) => a.pages.length > 0);
}

/** Which area each role's work starts in: its home page shows that area first. */
const FIRST: Readonly<Record<Role, Area>> = {
  owner: 'reports',
  accountant: 'finance',
  auditor: 'reports',
  sales_manager: 'crm',
  salesperson: 'crm',
  purchasing: 'purchasing',
  warehouse: 'stock',
  customer: 'reports',
};

/**
 * The areas of an actor's home page: their navigation, the inbox first (what waits for them),
 * then the first role's own area, the settings last (rarely the day's work).
 */
export function homeAreas(actor: Actor): NavArea[] {
  const first = actor.roles[0] ? FIRST[actor.roles[0]] : undefined;
  const rank = (a: NavArea) => (a.area === 'inbox' ? -1 : a.area === first ? 0 : a.area === 'settings' ? 2 : 1);
  return navigation(actor).sort((a, b) => rank(a) - rank(b));
}
