import { z } from 'zod';
import type { CreditCheck } from './aging.js';
import { parseInput } from './input.js';
import { fail, type Issue, ok, type Result } from './issue.js';
import { formatMoney, type Minor } from './money.js';
import { formatQuantity, type Milli } from './quantity.js';

export type SalesOrderStatus =
  | 'pending_review'
  | 'awaiting_payment'
  | 'awaiting_shipment'
  | 'partially_shipped'
  | 'shipped'
  | 'completed'
  | 'cancelled';

/** Prepaid orders wait for payment after approval; credit orders ship on approval. */
export type PaymentTerms = 'prepaid' | 'credit';

export interface SalesOrderLineState {
  id: string;
  qty: Milli;
  shipped: Milli;
}

export interface SalesOrderState {
  status: SalesOrderStatus;
  terms: PaymentTerms;
  /** Order total, gross. */
  amount: Minor;
  paid: Minor;
  lines: readonly SalesOrderLineState[];
  /** Approvals given, by role. */
  approvedBy: readonly { user: string; role: string }[];
}

/** Why an order needs approval, and which role may give it. */
export interface ApprovalNeed {
  code: string;
  role: string;
  message: string;
}

export interface ApprovalPolicy {
  /** Orders above this gross amount need a sales manager. */
  amountThreshold: Minor;
  /** Roles that approve each reason; defaults below. */
  roles?: Partial<Record<'amount' | 'price' | 'credit', string>>;
}

const approvalInput = z.object({
  order: z.object({
    amount: z.int(),
    priceFlags: z.array(z.object({ code: z.string(), message: z.string() })),
    credit: z.object({ ok: z.boolean(), exposure: z.int(), limit: z.int().nullable() }).nullable(),
  }),
  policy: z.object({
    amountThreshold: z.int(),
    roles: z.record(z.enum(['amount', 'price', 'credit']), z.string()).optional(),
  }),
  options: z.object({ precision: z.int().min(0).max(6).optional() }),
});

/**
 * What an order needs before it can go ahead: a large amount, a price below floor or beyond the
 * salesperson's discount authority (from `resolvePrice`), or the customer's credit limit. Amounts
 * in the messages have the currency's places (`precision`, 2 when absent). Input of the wrong
 * shape comes back as issues (`approval.*`).
 *
 * @example
 * approvalsNeeded({ amount: 6_000_000, priceFlags: [], credit: null }, { amountThreshold: 5_000_000 })
 * // { ok: true, value: [{ code: 'order.over_amount', role: 'sales_manager', message: 'order 60,000.00 is over 50,000.00' }] }
 */
export function approvalsNeeded(
  order: { amount: Minor; priceFlags: readonly Issue[]; credit: CreditCheck | null },
  policy: ApprovalPolicy,
  options: { precision?: number } = {},
): Result<ApprovalNeed[]> {
  const checked = parseInput(approvalInput, { order, policy, options });
  if (!checked.ok) return checked;
  const money = (m: Minor) => formatMoney(m, { ...options, grouping: true });
  const role = { amount: 'sales_manager', price: 'sales_manager', credit: 'accountant', ...policy.roles };
  const needs: ApprovalNeed[] = [];
  if (order.amount > policy.amountThreshold) {
    needs.push({
      code: 'order.over_amount',
      role: role.amount,
      message: `order ${money(order.amount)} is over ${money(policy.amountThreshold)}`,
    });
  }
  for (const flag of order.priceFlags) needs.push({ code: flag.code, role: role.price, message: flag.message });
  if (order.credit && !order.credit.ok) {
    needs.push({
      code: 'order.over_credit',
      role: role.credit,
      message: `credit exposure ${money(order.credit.exposure)} is over the limit ${money(order.credit.limit ?? 0)}`,
    });
  }
  return ok(needs);
}

const transitionError = (from: SalesOrderStatus, action: string, why: string) =>
  fail<SalesOrderState>({
    code: `order.${action}`,
    path: ['status'],
    message: `cannot ${action} an order that is ${from.replace('_', ' ')}: ${why}`,
    value: from,
  });

/**
 * Approve an order under review. Every need must be covered by an approver holding its role
 * (or `admin`); approval moves a prepaid order to awaiting payment and a credit order to awaiting
 * shipment. Reserving stock is the book's part of the same command.
 *
 * @example
 * approveOrder(order, [], { user: 'lin', roles: ['salesperson'] }) // { ok: true, value: { status: 'awaiting_shipment', … } }
 */
export function approveOrder(
  order: SalesOrderState,
  needs: readonly ApprovalNeed[],
  approver: { user: string; roles: readonly string[] },
): Result<SalesOrderState> {
  if (order.status !== 'pending_review')
    return transitionError(order.status, 'approve', 'only orders pending review are approved');
  const missing = needs.filter((n) => !approver.roles.includes(n.role) && !approver.roles.includes('admin'));
  if (missing.length > 0) {
    return fail(
      ...missing.map((n) => ({
        code: 'order.approval_role',
        path: ['approval', n.code],
        message: `${n.message}; needs approval by ${n.role}, which ${approver.user} is not`,
        value: n.role,
      })),
    );
  }
  const roles = [...new Set(needs.map((n) => n.role))];
  return ok({
    ...order,
    status: order.terms === 'prepaid' && order.paid < order.amount ? 'awaiting_payment' : 'awaiting_shipment',
    approvedBy: [
      ...order.approvedBy,
      ...roles.map((role) => ({ user: approver.user, role })),
      { user: approver.user, role: 'review' },
    ],
  });
}

/**
 * Record a customer payment against the order; a prepaid order paid in full becomes ready to ship.
 *
 * @example
 * recordOrderPayment({ ...order, status: 'awaiting_payment' }, order.amount) // { ok: true, value: { status: 'awaiting_shipment', … } }
 */
export function recordOrderPayment(order: SalesOrderState, amount: Minor): Result<SalesOrderState> {
  if (order.status === 'cancelled' || order.status === 'completed')
    return transitionError(order.status, 'pay', 'it is closed');
  if (amount <= 0)
    return fail({ code: 'order.payment_amount', path: ['amount'], message: 'must be positive', value: amount });
  const paid = order.paid + amount;
  const ready = order.status === 'awaiting_payment' && paid >= order.amount;
  return ok({ ...order, paid, status: ready ? 'awaiting_shipment' : order.status });
}

/**
 * Ship some or all of the open quantities. Partial shipments leave the order partially shipped;
 * the last one marks it shipped. Never more than ordered per line.
 *
 * @example
 * shipOrder(order, [{ line: 'L1', qty: 2000 }]) // { ok: true, value: { status: 'partially_shipped', … } }
 */
export function shipOrder(
  order: SalesOrderState,
  shipments: readonly { line: string; qty: Milli }[],
): Result<SalesOrderState> {
  if (order.status !== 'awaiting_shipment' && order.status !== 'partially_shipped') {
    const why = order.status === 'awaiting_payment' ? 'it is prepaid and not paid yet' : 'it is not ready to ship';
    return transitionError(order.status, 'ship', why);
  }
  const issues: Issue[] = [];
  const lines = order.lines.map((l) => ({ ...l }));
  for (const s of shipments) {
    const line = lines.find((l) => l.id === s.line);
    if (!line) {
      issues.push({
        code: 'order.line_unknown',
        path: ['lines', s.line],
        message: `no line ${s.line} on this order`,
        value: s.line,
      });
      continue;
    }
    if (s.qty <= 0 || line.shipped + s.qty > line.qty) {
      issues.push({
        code: 'order.ship_exceeds',
        path: ['lines', s.line],
        message: `${formatQuantity(line.qty - line.shipped)} left to ship on ${s.line}, ${formatQuantity(s.qty)} given`,
        value: s.qty,
      });
      continue;
    }
    line.shipped += s.qty;
  }
  if (issues.length > 0) return fail(...issues);
  const done = lines.every((l) => l.shipped === l.qty);
  return ok({ ...order, lines, status: done ? 'shipped' : 'partially_shipped' });
}

/**
 * Complete a shipped order (invoiced; for prepaid terms, paid in full).
 *
 * @example
 * completeOrder({ ...order, status: 'shipped' }) // { ok: true, value: { status: 'completed', … } }
 */
export function completeOrder(order: SalesOrderState): Result<SalesOrderState> {
  if (order.status !== 'shipped') return transitionError(order.status, 'complete', 'only shipped orders are completed');
  if (order.terms === 'prepaid' && order.paid < order.amount)
    return transitionError(order.status, 'complete', 'it is not paid in full');
  return ok({ ...order, status: 'completed' });
}

/**
 * Cancel an order before anything has shipped; the book releases its reservations.
 *
 * @example
 * cancelOrder(order) // { ok: true, value: { status: 'cancelled', … } }
 */
export function cancelOrder(order: SalesOrderState): Result<SalesOrderState> {
  if (order.lines.some((l) => l.shipped > 0) || ['shipped', 'completed', 'partially_shipped'].includes(order.status)) {
    return transitionError(order.status, 'cancel', 'goods have shipped; return them instead');
  }
  if (order.status === 'cancelled') return transitionError(order.status, 'cancel', 'it is already cancelled');
  return ok({ ...order, status: 'cancelled' });
}

/** What can be done to a sales order next, as the order page offers it. */
export const ORDER_ACTIONS = ['approve', 'reject', 'pay', 'ship', 'invoice', 'amend', 'return', 'cancel'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/**
 * The actions that fit an order's state, by the same transitions the commands apply: approve or
 * reject while pending review; pay a prepaid order not paid in full; ship what is reserved;
 * invoice what shipped and is not invoiced; amend what has not shipped while the order is open;
 * take back what shipped and was not returned; cancel before anything shipped. Who may do them
 * is the commands' to say.
 *
 * @example
 * orderActions(order, { reserved: 2000, toInvoice: 0 }) // ['ship', 'cancel']
 */
export function orderActions(
  order: SalesOrderState,
  stock: { reserved: Milli; toInvoice: Milli; returnable?: Milli },
): OrderAction[] {
  const actions: OrderAction[] = [];
  if (order.status === 'pending_review') actions.push('approve', 'reject');
  if (order.terms === 'prepaid' && order.paid < order.amount && recordOrderPayment(order, order.amount - order.paid).ok)
    actions.push('pay');
  if (stock.reserved > 0 && (order.status === 'awaiting_shipment' || order.status === 'partially_shipped'))
    actions.push('ship');
  if (stock.toInvoice > 0) actions.push('invoice');
  const open = ['pending_review', 'awaiting_payment', 'awaiting_shipment', 'partially_shipped'].includes(order.status);
  if (open && order.lines.some((l) => l.qty > l.shipped)) actions.push('amend');
  if ((stock.returnable ?? 0) > 0) actions.push('return');
  if (cancelOrder(order).ok) actions.push('cancel');
  return actions;
}
