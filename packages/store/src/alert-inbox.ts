import {
  type AlertSubject,
  alertAddressedTo,
  alertRoles,
  alertSubject,
  customerScope,
  inScope,
  type Role,
} from '@tradeloop/core';
import type { Book } from './book.js';

/** One alert as an inbox shows it: what it says, whom it is for, and what it names to act on. */
export interface InboxAlert extends AlertSubject {
  id: number;
  kind: string;
  subject: string;
  message: string;
  created: string;
  resolved: string | null;
  /** The customer the alert is about, when it is about one. */
  customer?: string;
  roles: readonly Role[];
}

/** The acting user's alerts: open ones, and the latest resolved (with how many there are in all). */
export interface AlertInbox {
  /** The newest open alerts, at most `OPEN_SHOWN`: the page stays light however many there are. */
  open: InboxAlert[];
  openTotal: number;
  resolved: InboxAlert[];
  resolvedTotal: number;
}

interface AlertRow {
  id: number;
  kind: string;
  subject: string;
  message: string;
  created: string;
  resolved: string | null;
  customer: string | null;
  owner: string | null;
  seller: string | null;
}

/** Resolved alerts kept on the page: the latest; older ones are in the alerts list. */
const RESOLVED_SHOWN = 100;
/** Open alerts on the page: the newest; the rest are counted, and in the alerts list. */
const OPEN_SHOWN = 300;

/**
 * The alerts inbox of the acting user: the alerts the alerts run (`runAlerts`) stored that are
 * addressed to one of their roles (core `alertAddressedTo`), and of an alert about a customer only
 * those of customers they see, as every list is scoped (a salesperson: their own customers, or
 * the orders they sell). Alerts are resolved by the next run once they no longer hold.
 *
 * @example
 * alertInbox(book).open // [{ kind: 'overdue_receivable', invoice: 'INV-2026-000003', customer: 'C001', … }]
 */
export function alertInbox(book: Book): AlertInbox {
  book.requirePermission('book.read');
  const actor = book.principal;
  const scope = customerScope(actor);
  const rows = book.exec.select<AlertRow>(
    `select a.id, a.kind, a.subject, a.message, a.created, a.resolved,
       c.code as customer, so.code as owner, os.code as seller
     from alerts a
     left join invoices i on a.kind = 'overdue_receivable' and i.number = a.subject
     left join sales_orders o on a.kind = 'po_late' and o.number = substr(a.subject, instr(a.subject, '/') + 1)
     left join customers c on c.id = case when a.kind in ('follow_up_due', 'customer_lapsing')
       then (select id from customers where code = a.subject) else coalesce(i.customer_id, o.customer_id) end
     left join salespeople so on so.id = c.owner_id
     left join salespeople os on os.id = o.salesperson_id
     order by a.resolved is not null, coalesce(a.resolved, a.created) desc, a.id desc`,
  );
  const mine = rows.filter(
    (r) =>
      alertAddressedTo(actor, r.kind) &&
      (r.customer === null ||
        inScope(scope, { customer: r.customer, salesperson: r.owner }) ||
        (r.seller !== null && inScope(scope, { customer: r.customer, salesperson: r.seller }))),
  );
  const entry = (r: AlertRow): InboxAlert => ({
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    message: r.message,
    created: r.created,
    resolved: r.resolved,
    ...alertSubject(r.kind, r.subject),
    ...(r.customer !== null ? { customer: r.customer } : {}),
    roles: alertRoles(r.kind),
  });
  const resolved = mine.filter((r) => r.resolved !== null);
  const open = mine.filter((r) => r.resolved === null);
  return {
    open: open.slice(0, OPEN_SHOWN).map(entry),
    openTotal: open.length,
    resolved: resolved.slice(0, RESOLVED_SHOWN).map(entry),
    resolvedTotal: resolved.length,
  };
}
