import type { Actor, Role } from './permissions.js';

/** The kinds of alert the alerts run makes. */
export const ALERT_KINDS = [
  'overdue_receivable',
  'below_reorder_point',
  'near_expiry',
  'slow_mover',
  'po_late',
  'follow_up_due',
  'customer_lapsing',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * Whose inbox each kind of alert lands in: the roles that act on it. The owner sees every alert
 * (they answer for all of it); a role that only reads (auditor) or buys (customer) gets none.
 * - overdue receivable: the accountant chases the money, the customer's salesperson (and their
 *   manager) talks to the customer;
 * - below reorder point: purchasing orders more;
 * - near expiry: the warehouse moves or writes off the stock, the sales manager may sell it off first;
 * - slow mover: purchasing stops buying it, the sales manager pushes it;
 * - PO late: purchasing chases the supplier, the salesperson of the order waiting on it warns the customer;
 * - follow-up due, customer lapsing: the customer's salesperson (and their manager) calls.
 */
export const ALERT_ROLES: Readonly<Record<AlertKind, readonly Role[]>> = {
  overdue_receivable: ['accountant', 'salesperson', 'sales_manager'],
  below_reorder_point: ['purchasing'],
  near_expiry: ['warehouse', 'sales_manager'],
  slow_mover: ['purchasing', 'sales_manager'],
  po_late: ['purchasing', 'salesperson', 'sales_manager'],
  follow_up_due: ['salesperson', 'sales_manager'],
  customer_lapsing: ['salesperson', 'sales_manager'],
};

const isKind = (kind: string): kind is AlertKind => (ALERT_KINDS as readonly string[]).includes(kind);

/** The roles an alert is addressed to; a kind this version does not know goes to the owner alone. */
export const alertRoles = (kind: string): readonly Role[] => (isKind(kind) ? ALERT_ROLES[kind] : []);

/** Whether an alert of this kind lands in the actor's inbox (their customers are checked apart). */
export const alertAddressedTo = (actor: Pick<Actor, 'roles'>, kind: string): boolean =>
  actor.roles.includes('owner') || alertRoles(kind).some((r) => actor.roles.includes(r));

/** What an alert's subject names, read from how the alerts run writes it. */
export interface AlertSubject {
  customer?: string;
  invoice?: string;
  sku?: string;
  warehouse?: string;
  expiry?: string;
  purchaseOrder?: string;
  order?: string;
}

/**
 * The documents and records an alert's subject names: an invoice number, `SKU@WH`,
 * `SKU@WH@expiry`, `PO/SO`, or a customer code.
 *
 * @example
 * alertSubject('po_late', 'PO-2026-000001/SO-2026-000004') // { purchaseOrder: 'PO-2026-000001', order: 'SO-2026-000004' }
 */
export function alertSubject(kind: string, subject: string): AlertSubject {
  switch (kind) {
    case 'overdue_receivable':
      return { invoice: subject };
    case 'below_reorder_point':
    case 'slow_mover':
    case 'near_expiry': {
      const [sku = subject, warehouse, expiry] = subject.split('@');
      return { sku, ...(warehouse ? { warehouse } : {}), ...(expiry ? { expiry } : {}) };
    }
    case 'po_late': {
      const [purchaseOrder = subject, order] = subject.split('/');
      return { purchaseOrder, ...(order ? { order } : {}) };
    }
    case 'follow_up_due':
    case 'customer_lapsing':
      return { customer: subject };
    default:
      return {};
  }
}
