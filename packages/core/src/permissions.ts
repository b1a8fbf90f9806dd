import { z } from 'zod';
import { fail, ok, type Result } from './issue.js';

/**
 * The roles a user can hold. A user holds one or more; what they may do is the union of what
 * each allows, and what they see is the widest scope among them.
 */
export const ROLES = [
  'owner',
  'sales_manager',
  'salesperson',
  'purchasing',
  'warehouse',
  'accountant',
  'auditor',
  'customer',
] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

/** What people do with the book, each a permission a role has or lacks. */
export const PERMISSIONS = [
  /** Quotes, orders, shipments, invoices and returns of sales. */
  'sales.write',
  /** Requisitions, RFQs, purchase orders, receipts and supplier invoices. */
  'purchasing.write',
  /** Receipts into stock, transfers, counts, opening stock. */
  'stock.write',
  /** Payments, bank statements and matching, expenses, commission runs. */
  'finance.write',
  /** Customers, contacts, products, price lists, suppliers, warehouses and other master data. */
  'master.write',
  /** Alerts and reorder runs: batch jobs that write. */
  'jobs.run',
  /** Lists, exports and reports (within the user's scope). */
  'book.read',
  /** `query --sql` over the whole report copy: unscoped, so only for who sees everything. */
  'query.sql',
  /** The audit trail. */
  'audit.read',
  /** Users, roles, tokens. */
  'users.manage',
  /** Backup, restore, settings. */
  'book.admin',
  /** A customer's own orders from the portal, placed to wait for staff's review. */
  'portal.order',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

/**
 * The permission matrix. Owner does everything; an auditor reads everything and changes nothing;
 * a customer reads their own documents (the portal) and nothing else.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  owner: ALL,
  sales_manager: ['sales.write', 'master.write', 'jobs.run', 'book.read'],
  salesperson: ['sales.write', 'book.read'],
  purchasing: ['purchasing.write', 'jobs.run', 'book.read'],
  warehouse: ['stock.write', 'book.read'],
  accountant: ['finance.write', 'jobs.run', 'book.read', 'query.sql', 'audit.read'],
  auditor: ['book.read', 'query.sql', 'audit.read'],
  customer: ['book.read', 'portal.order'],
};

/**
 * Classes of columns some roles never see, whatever the row: a salesperson sells at the price
 * without knowing the cost under it; the warehouse moves stock without its value.
 */
export const COLUMN_CLASSES = [
  /** Cost, stock value and margin. */
  'cost',
  /** What suppliers charge: purchase prices and supplier quotes. */
  'supplier_price',
  /** The lowest price a product may be sold at. */
  'floor_price',
  /** Commission of other salespeople. */
  'commission',
  /** Customers' credit limits and exposure. */
  'credit',
] as const;
export type ColumnClass = (typeof COLUMN_CLASSES)[number];

/** The column classes each role may see. */
export const ROLE_COLUMNS: Readonly<Record<Role, readonly ColumnClass[]>> = {
  owner: COLUMN_CLASSES,
  sales_manager: ['floor_price', 'commission', 'credit'],
  salesperson: [],
  purchasing: ['cost', 'supplier_price'],
  warehouse: [],
  accountant: COLUMN_CLASSES,
  auditor: COLUMN_CLASSES,
  customer: [],
};

/** Who is acting: a user with roles, and what links them to the book's records. */
export interface Actor {
  user: string;
  roles: readonly Role[];
  /** The salesperson record the user sells as (a salesperson, a sales manager). */
  salesperson?: string | undefined;
  /** The salespeople a sales manager leads, directly or below (their own code included). */
  team?: readonly string[] | undefined;
  /** The customer a portal user belongs to. */
  customer?: string | undefined;
}

export const actorSchema = z.object({
  user: z.string().min(1),
  roles: z.array(roleSchema),
  salesperson: z.string().optional(),
  team: z.array(z.string()).optional(),
  customer: z.string().optional(),
});

/** The one person of a book without users: the owner, who may do everything. */
export const soleOwner = (user: string): Actor => ({ user, roles: ['owner'] });

/** Whether the actor may do this. */
export function can(actor: Actor, permission: Permission): boolean {
  return actor.roles.some((r) => ROLE_PERMISSIONS[r]?.includes(permission));
}

/**
 * The actor may do this, or an issue `permission.denied` naming the permission and the roles
 * that have it.
 *
 * @example
 * requirePermission({ user: 'lin', roles: ['salesperson'] }, 'finance.write')
 * // { ok: false, issues: [{ code: 'permission.denied', path: ['finance.write'], message: 'lin (salesperson) may not finance.write; it needs owner or accountant' }] }
 */
export function requirePermission(actor: Actor, permission: Permission): Result<true> {
  if (can(actor, permission)) return ok(true);
  const holders = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
  return fail({
    code: 'permission.denied',
    path: [permission],
    message: `${actor.user} (${actor.roles.join(', ') || 'no role'}) may not ${permission}; it needs ${holders.join(' or ')}`,
  });
}

/** Whether the actor may see columns of this class. */
export function seesColumns(actor: Actor, kind: ColumnClass): boolean {
  return actor.roles.some((r) => ROLE_COLUMNS[r]?.includes(kind));
}

/**
 * Which rows of the customer-owned records (customers, their orders, invoices, payments) an actor
 * sees: all of them, those of some salespeople (their own, or their team's), one customer's, or
 * none. The widest of the actor's roles wins.
 */
export type RowScope =
  | { kind: 'all' }
  | { kind: 'salespeople'; salespeople: readonly string[] }
  | { kind: 'customer'; customer: string }
  | { kind: 'none' };

const WIDE: readonly Role[] = ['owner', 'accountant', 'auditor', 'purchasing', 'warehouse'];

/**
 * The rows an actor sees of customers and what hangs off them.
 *
 * @example
 * customerScope({ user: 'lin', roles: ['salesperson'], salesperson: 'lin' }) // { kind: 'salespeople', salespeople: ['lin'] }
 */
export function customerScope(actor: Actor): RowScope {
  if (actor.roles.some((r) => WIDE.includes(r))) return { kind: 'all' };
  if (actor.roles.includes('sales_manager')) {
    const team = [...new Set([...(actor.team ?? []), ...(actor.salesperson ? [actor.salesperson] : [])])];
    // A manager linked to no salesperson leads the whole sales team.
    return team.length === 0 ? { kind: 'all' } : { kind: 'salespeople', salespeople: team };
  }
  if (actor.roles.includes('salesperson'))
    return actor.salesperson ? { kind: 'salespeople', salespeople: [actor.salesperson] } : { kind: 'none' };
  if (actor.roles.includes('customer') && actor.customer) return { kind: 'customer', customer: actor.customer };
  return { kind: 'none' };
}

/** Whether a record owned by this salesperson and customer is within the scope. */
export function inScope(scope: RowScope, owner: { salesperson?: string | null; customer?: string | null }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'customer':
      return owner.customer === scope.customer;
    case 'salespeople':
      return owner.salesperson != null && scope.salespeople.includes(owner.salesperson);
  }
}

/**
 * The permission each store command needs. A command not named here needs `book.admin`, so a
 * new command is closed until it is placed.
 */
export const COMMAND_PERMISSIONS: Readonly<Record<string, Permission>> = {
  placeSalesOrder: 'sales.write',
  placePortalOrder: 'portal.order',
  changeOwnPassword: 'book.read',
  submitPaymentVoucher: 'sales.write',
  bookPaymentVoucher: 'finance.write',
  rejectPaymentVoucher: 'finance.write',
  amendSalesOrder: 'sales.write',
  // Deciding an approval step takes the role the step names (an accountant approves credit on a
  // sales order); the command checks it, and the write permission of a document's plain review.
  approveSalesOrder: 'book.read',
  rejectSalesOrder: 'book.read',
  approvePurchaseOrder: 'book.read',
  rejectPurchaseOrder: 'book.read',
  approveSupplierPayment: 'book.read',
  rejectSupplierPayment: 'book.read',
  recordSalesOrderPayment: 'finance.write',
  shipSalesOrder: 'stock.write',
  invoiceSalesOrder: 'sales.write',
  cancelSalesOrder: 'sales.write',
  returnSalesOrder: 'sales.write',
  recordQuote: 'purchasing.write',
  saveOpportunity: 'sales.write',
  addFollowUp: 'sales.write',
  claimCustomer: 'sales.write',
  releaseCustomer: 'sales.write',
  lapseCustomers: 'jobs.run',
  placePurchaseOrder: 'purchasing.write',
  createPurchaseOrders: 'purchasing.write',
  createRfq: 'purchasing.write',
  awardRfq: 'purchasing.write',
  po: 'purchasing.write',
  receivePurchaseOrder: 'stock.write',
  returnToSupplier: 'purchasing.write',
  recordSupplierInvoice: 'finance.write',
  paySupplier: 'finance.write',
  transferStock: 'stock.write',
  startStockCount: 'stock.write',
  enterStockCount: 'stock.write',
  postStockCount: 'stock.write',
  postOpeningStock: 'stock.write',
  importStatementLines: 'finance.write',
  autoMatchStatement: 'finance.write',
  claimStatementLine: 'finance.write',
  recordExpenses: 'finance.write',
  postCommission: 'finance.write',
  runAlerts: 'jobs.run',
  runReorder: 'jobs.run',
  upsertMasterData: 'master.write',
  upsertProducts: 'master.write',
  editProduct: 'master.write',
  // A batch of grid cells; which kinds a role may edit, and which rows and columns, the command checks.
  gridEdit: 'master.write',
  gridAddRows: 'master.write',
  gridDeleteRows: 'master.write',
  // Users and settings in the grid take the permissions of `user` and `config set`.
  gridEditUsers: 'users.manage',
  gridAddUsers: 'users.manage',
  gridDeleteUsers: 'users.manage',
  gridEditSettings: 'book.admin',
  importSalesHistory: 'master.write',
  manageUsers: 'users.manage',
  // Anyone signed in chooses their own language; the command refuses setting someone else's
  // unless the actor manages users.
  setUserLocale: 'book.read',
  // Webhooks send the book's events out with a secret: a setting of the book, for who administers it.
  addWebhook: 'book.admin',
  removeWebhook: 'book.admin',
  // Sending what the outbox holds is a batch job, like alerts.
  deliverWebhooks: 'jobs.run',
  reportPackReady: 'jobs.run',
};

/** The permission a store command needs (`editProduct.price` is `editProduct`'s). */
export function commandPermission(command: string): Permission {
  return COMMAND_PERMISSIONS[command.split('.')[0] ?? command] ?? 'book.admin';
}
