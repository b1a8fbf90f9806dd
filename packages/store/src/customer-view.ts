import {
  ageReceivables,
  customerScope,
  daysBetween,
  type IsoDate,
  type Minor,
  type SalesOrderStatus,
  seesColumns,
  TradeloopError,
} from '@tradeloop/core';
import type { Book } from './book.js';
import type { Stage } from './crm.js';
import { receivablesForAging } from './finance.js';
import { openCreditOrders, openReceivables } from './sales.js';
import { requireCustomerInScope } from './scope.js';

const STAGES: readonly Stage[] = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];
/** Orders a customer's page lists: the newest. */
const RECENT_ORDERS = 50;
const RECENT_PAYMENTS = 20;

/** One customer as their page shows them: who they are, who owns them, and everything open with them. */
export interface CustomerView {
  code: string;
  name: string;
  tier: string | null;
  channel: string | null;
  region: string | null;
  terms: 'prepaid' | 'credit';
  paymentDays: number;
  taxId: string | null;
  phone: string | null;
  address: string | null;
  bankAccount: string | null;
  /** The salesperson who owns the customer; null: the customer is in the public pool. */
  owner: { code: string; name: string } | null;
  inPool: boolean;
  claimedAt: IsoDate | null;
  lastActivity: IsoDate | null;
  /** Null for a role that does not see credit. */
  creditLimit: Minor | null;
  /** Open sales invoices and credit orders not invoiced yet: what the credit check counts. Null as above. */
  exposure: Minor | null;
  contacts: { name: string; title: string | null; phone: string | null; email: string | null; wechat: string | null }[];
  /** Newest first. */
  followUps: { date: IsoDate; salesperson: string | null; note: string; nextDate: IsoDate | null }[];
  /** The next follow-up date set and not yet reached (on or after `asOf`), if any. */
  nextFollowUp: IsoDate | null;
  /** Every stage in pipeline order, with the opportunities in it. */
  opportunities: {
    stage: Stage;
    amount: Minor;
    items: {
      number: string;
      name: string;
      amount: Minor;
      probability: number;
      expectedClose: IsoDate | null;
      updated: IsoDate;
      salesperson: string | null;
    }[];
  }[];
  /** Newest first, at most 50. */
  orders: { number: string; date: IsoDate; status: SalesOrderStatus; gross: Minor; paid: Minor }[];
  /** Sales invoices not paid in full, oldest first; days overdue as of `asOf` (0 when not due). */
  openInvoices: { number: string; date: IsoDate; dueDate: IsoDate; gross: Minor; open: Minor; daysOverdue: number }[];
  /** Newest first. */
  payments: { number: string; date: IsoDate; amount: Minor; writeOff: Minor; unallocated: Minor }[];
  /** Receivables aged by due date as of `asOf`: the buckets sum to `outstanding`. */
  aging: { asOf: IsoDate; columns: string[]; buckets: Minor[]; outstanding: Minor; advances: Minor; net: Minor };
}

/**
 * A salesperson reads their own customers (a manager the team's) and those in the public pool,
 * which are there to be claimed; anyone else's is refused with `permission.scope`.
 */
export function requireCustomerReadable(book: Book, code: string, owned: boolean): void {
  if (!owned && customerScope(book.principal).kind === 'salespeople') return;
  requireCustomerInScope(book, code, 'see');
}

/** The customer's id and owner, or `customer.not_found` (a page's 404). */
export function customerRow(book: Book, code: string): { id: number; name: string; owner_id: number | null } {
  const row = book.exec.selectOne<{ id: number; name: string; owner_id: number | null }>(
    'select id, name, owner_id from customers where code = ?',
    code,
  );
  if (!row) throw new TradeloopError('customer.not_found', `no customer ${code}`, { path: ['customer'] });
  return row;
}

/**
 * Read one customer for their page, as the acting user may see them: master data, owner or pool,
 * credit (for roles that see credit), contacts, follow-ups, opportunities by stage, recent
 * orders, open invoices, payments and their aging as of `asOf` (default today).
 *
 * @example
 * customerView(book, 'C001').aging // { asOf: '2026-03-31', columns: ['not due', '1-30', …], buckets: [0, 56500, …], … }
 */
export function customerView(book: Book, code: string, options: { asOf?: IsoDate } = {}): CustomerView {
  book.requirePermission('book.read');
  const row = customerRow(book, code);
  requireCustomerReadable(book, code, row.owner_id !== null);
  const asOf = options.asOf ?? book.today();
  const q = <T>(sql: string, ...params: unknown[]) => book.exec.select<T>(sql, ...params);
  const c = book.exec.selectOne<{
    code: string;
    name: string;
    tier: string | null;
    channel: string | null;
    region: string | null;
    terms: 'prepaid' | 'credit';
    payment_days: number;
    tax_id: string | null;
    phone: string | null;
    address: string | null;
    bank_account: string | null;
    owner: string | null;
    owner_name: string | null;
    claimed_at: string | null;
    last_activity: string | null;
    credit_limit_minor: number | null;
  }>(
    `select c.*, s.code as owner, s.name as owner_name from customers c left join salespeople s on s.id = c.owner_id
      where c.id = ?`,
    row.id,
  );
  if (!c) throw new TradeloopError('customer.not_found', `no customer ${code}`, { path: ['customer'] });
  const seesCredit = seesColumns(book.principal, 'credit');
  const followUps = q<CustomerView['followUps'][number]>(
    `select f.date, s.code as salesperson, f.note, f.next_date as nextDate from follow_ups f
      left join salespeople s on s.id = f.salesperson_id where f.customer_id = ? order by f.date desc, f.id desc`,
    row.id,
  );
  const opportunities = q<CustomerView['opportunities'][number]['items'][number] & { stage: Stage }>(
    `select o.number, o.name, o.stage, o.amount_minor as amount, o.probability_bp as probability,
        o.expected_close as expectedClose, o.updated, s.code as salesperson
      from opportunities o left join salespeople s on s.id = o.salesperson_id
      where o.customer_id = ? order by o.updated desc, o.number`,
    row.id,
  );
  const ar = receivablesForAging(book, { customer: code });
  const aged = ageReceivables(ar.documents, ar.payments, [], { asOf, basis: 'due' });
  return {
    code: c.code,
    name: c.name,
    tier: c.tier,
    channel: c.channel,
    region: c.region,
    terms: c.terms,
    paymentDays: c.payment_days,
    taxId: c.tax_id,
    phone: c.phone,
    address: c.address,
    bankAccount: c.bank_account,
    owner: c.owner === null ? null : { code: c.owner, name: c.owner_name ?? c.owner },
    inPool: c.owner === null,
    claimedAt: c.claimed_at,
    lastActivity: c.last_activity,
    creditLimit: seesCredit ? c.credit_limit_minor : null,
    exposure: seesCredit ? openReceivables(book, row.id) + openCreditOrders(book, row.id) : null,
    contacts: q<CustomerView['contacts'][number]>(
      'select name, title, phone, email, wechat from contacts where customer_id = ? order by id',
      row.id,
    ),
    followUps,
    nextFollowUp:
      followUps
        .map((f) => f.nextDate)
        .filter((d): d is IsoDate => d !== null && d >= asOf)
        .sort()[0] ?? null,
    opportunities: STAGES.map((stage) => {
      const items = opportunities.filter((o) => o.stage === stage).map(({ stage: _, ...o }) => o);
      return { stage, amount: items.reduce((s, o) => s + o.amount, 0), items };
    }),
    orders: q<CustomerView['orders'][number]>(
      `select number, order_date as date, status, gross_minor as gross, paid_minor as paid from sales_orders
        where customer_id = ? order by order_date desc, id desc limit ?`,
      row.id,
      RECENT_ORDERS,
    ),
    openInvoices: q<Omit<CustomerView['openInvoices'][number], 'daysOverdue'>>(
      `select * from (select i.number, i.date, i.due_date as dueDate, i.gross_minor as gross,
          i.open_minor as open
        from invoices i where i.customer_id = ? and i.kind = 'sales') o where open > 0 order by dueDate, number`,
      row.id,
    ).map((i) => ({ ...i, daysOverdue: Math.max(0, daysBetween(i.dueDate, asOf)) })),
    payments: q<CustomerView['payments'][number]>(
      `select p.number, p.date, p.amount_minor as amount, p.write_off_minor as writeOff,
          p.unallocated_minor as unallocated
        from payments p where p.customer_id = ? and p.kind = 'customer' order by p.date desc, p.id desc limit ?`,
      row.id,
      RECENT_PAYMENTS,
    ),
    aging: {
      asOf,
      columns: aged.columns,
      buckets: aged.total.buckets,
      outstanding: aged.total.outstanding,
      advances: aged.total.advances,
      net: aged.total.net,
    },
  };
}
