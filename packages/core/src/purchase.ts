import { z } from 'zod';
import { parseInput } from './input.js';
import { fail, type Issue, ok, type Result } from './issue.js';
import { formatMoney, type Minor } from './money.js';
import { formatQuantity, type Milli } from './quantity.js';
import type { BasisPoints } from './rate.js';
import { mulDiv, type RoundingMode, roundingSchema } from './rounding.js';

export type PurchaseOrderStatus =
  | 'draft'
  | 'pending_approval'
  | 'ordered'
  | 'partially_received'
  | 'received'
  | 'closed'
  | 'cancelled';

export interface PurchaseOrderState {
  status: PurchaseOrderStatus;
  amount: Minor;
  lines: readonly { id: string; qty: Milli; received: Milli }[];
}

const poError = (from: PurchaseOrderStatus, action: string, why: string) =>
  fail<PurchaseOrderState>({
    code: `po.${action}`,
    path: ['status'],
    message: `cannot ${action} a purchase order that is ${from.replace('_', ' ')}: ${why}`,
    value: from,
  });

/**
 * Submit a draft: over the threshold it waits for approval, otherwise it is ordered at once.
 *
 * @example
 * submitPurchaseOrder({ status: 'draft', amount: 2_000_000, lines }, 1_000_000) // { ok: true, value: { status: 'pending_approval', … } }
 */
export function submitPurchaseOrder(po: PurchaseOrderState, approvalThreshold: Minor): Result<PurchaseOrderState> {
  if (po.status !== 'draft') return poError(po.status, 'submit', 'only drafts are submitted');
  if (po.lines.length === 0)
    return fail({ code: 'po.empty', path: ['lines'], message: 'a purchase order needs at least one line' });
  return ok({ ...po, status: po.amount > approvalThreshold ? 'pending_approval' : 'ordered' });
}

/**
 * Approve a purchase order waiting for approval.
 *
 * @example
 * approvePurchaseOrder({ ...po, status: 'pending_approval' }, { user: 'wang', roles: ['purchasing'] })
 */
export function approvePurchaseOrder(
  po: PurchaseOrderState,
  approver: { user: string; roles: readonly string[] },
  role = 'purchasing',
): Result<PurchaseOrderState> {
  if (po.status !== 'pending_approval') return poError(po.status, 'approve', 'it is not waiting for approval');
  if (!approver.roles.includes(role) && !approver.roles.includes('admin')) {
    return fail({
      code: 'po.approval_role',
      path: ['approval'],
      message: `needs approval by ${role}, which ${approver.user} is not`,
      value: role,
    });
  }
  return releasePurchaseOrder(po);
}

/**
 * Order a purchase order whose approvals are all given (the book's approval flow checks who
 * gave them).
 *
 * @example
 * releasePurchaseOrder({ ...po, status: 'pending_approval' }) // { ok: true, value: { status: 'ordered', … } }
 */
export function releasePurchaseOrder(po: PurchaseOrderState): Result<PurchaseOrderState> {
  if (po.status !== 'pending_approval') return poError(po.status, 'approve', 'it is not waiting for approval');
  return ok({ ...po, status: 'ordered' });
}

/**
 * Receive goods against an ordered purchase order. Over-receipt beyond the tolerance (a percentage
 * of the line, 0 by default) is refused.
 *
 * @example
 * receivePurchaseOrder(po, [{ line: 'L1', qty: 4000 }]) // { ok: true, value: { status: 'partially_received', … } }
 */
export function receivePurchaseOrder(
  po: PurchaseOrderState,
  receipts: readonly { line: string; qty: Milli }[],
  overReceipt: BasisPoints = 0,
): Result<PurchaseOrderState> {
  if (po.status !== 'ordered' && po.status !== 'partially_received')
    return poError(po.status, 'receive', 'it is not on order');
  const issues: Issue[] = [];
  const lines = po.lines.map((l) => ({ ...l }));
  for (const r of receipts) {
    const line = lines.find((l) => l.id === r.line);
    const allowed = line ? line.qty + mulDiv(line.qty, overReceipt, 10_000) : 0;
    if (!line || r.qty <= 0 || line.received + r.qty > allowed) {
      issues.push({
        code: line ? 'po.receive_exceeds' : 'po.line_unknown',
        path: ['lines', r.line],
        message: line
          ? `${formatQuantity(allowed - line.received)} may still be received on ${r.line}, ${formatQuantity(r.qty)} given`
          : `no line ${r.line}`,
        value: r.qty,
      });
      continue;
    }
    line.received += r.qty;
  }
  if (issues.length > 0) return fail(...issues);
  const done = lines.every((l) => l.received >= l.qty);
  return ok({ ...po, lines, status: done ? 'received' : 'partially_received' });
}

/**
 * Close a purchase order: fully received, or short-closed when the rest will not come.
 *
 * @example
 * closePurchaseOrder({ ...po, status: 'received' }) // { ok: true, value: { status: 'closed', … } }
 */
export function closePurchaseOrder(po: PurchaseOrderState): Result<PurchaseOrderState> {
  if (po.status !== 'received' && po.status !== 'partially_received')
    return poError(po.status, 'close', 'nothing has been received');
  return ok({ ...po, status: 'closed' });
}

/**
 * Cancel a purchase order before anything is received.
 *
 * @example
 * cancelPurchaseOrder({ ...po, status: 'ordered' }) // { ok: true, value: { status: 'cancelled', … } }
 */
export function cancelPurchaseOrder(po: PurchaseOrderState): Result<PurchaseOrderState> {
  if (!['draft', 'pending_approval', 'ordered'].includes(po.status) || po.lines.some((l) => l.received > 0)) {
    return poError(po.status, 'cancel', 'goods have been received; return them instead');
  }
  return ok({ ...po, status: 'cancelled' });
}

export type SupplierGrade = 'A' | 'B' | 'C' | 'D';

export interface SupplierQuote {
  supplier: string;
  /** Unit price in minor units. */
  price: Minor;
  leadTimeDays: number;
  grade: SupplierGrade;
}

const GRADE_SCORE: Record<SupplierGrade, number> = { A: 1, B: 0.8, C: 0.6, D: 0.4 };

/** How much price, lead time and grade weigh when quotes are ranked, unless a caller says otherwise. */
export const QUOTE_WEIGHTS: Readonly<{ price: number; lead: number; grade: number }> = {
  price: 0.6,
  lead: 0.25,
  grade: 0.15,
};

/**
 * Rank RFQ answers on price, lead time and supplier grade: each scored against the best quote
 * (cheapest price / price, shortest lead / lead, grade A = 1 … D = 0.4), weighted (default 60%
 * price, 25% lead time, 15% grade). Quotes that miss a need-by lead time rank last. Ties go to the
 * lower price.
 *
 * @example
 * compareQuotes([{ supplier: 'S1', price: 1000, leadTimeDays: 10, grade: 'B' }, { supplier: 'S2', price: 1100, leadTimeDays: 3, grade: 'A' }])
 * // [{ supplier: 'S2', score: 0.945, … }, { supplier: 'S1', score: 0.795, … }]
 */
export function compareQuotes(
  quotes: readonly SupplierQuote[],
  options: { weights?: { price: number; lead: number; grade: number }; maxLeadTimeDays?: number } = {},
) {
  const w = options.weights ?? QUOTE_WEIGHTS;
  const total = w.price + w.lead + w.grade;
  const best = Math.min(...quotes.map((q) => q.price));
  const fastest = Math.min(...quotes.map((q) => q.leadTimeDays));
  return quotes
    .map((q) => {
      const price = q.price === 0 ? 1 : best / q.price;
      const lead = q.leadTimeDays === 0 ? 1 : Math.max(fastest, 0.5) / q.leadTimeDays;
      const grade = GRADE_SCORE[q.grade];
      const score = Math.round(((w.price * price + w.lead * lead + w.grade * grade) / total) * 1000) / 1000;
      const late = options.maxLeadTimeDays !== undefined && q.leadTimeDays > options.maxLeadTimeDays;
      return { ...q, score, late, parts: { price, lead, grade } };
    })
    .sort(
      (a, b) =>
        Number(a.late) - Number(b.late) ||
        b.score - a.score ||
        a.price - b.price ||
        a.supplier.localeCompare(b.supplier),
    );
}

export interface MatchTolerance {
  /** Price difference allowed, in basis points of the order price. */
  price?: BasisPoints;
}

const matchInput = z.object({
  lines: z.array(
    z.object({
      line: z.string(),
      orderedQty: z.int(),
      orderPrice: z.int(),
      receivedQty: z.int(),
      invoicedQty: z.int(),
      invoicePrice: z.int(),
    }),
  ),
  tolerance: z.object({ price: z.int().min(0).optional() }),
  options: z.object({ rounding: roundingSchema.optional(), precision: z.int().min(0).max(6).optional() }),
});

/**
 * Three-way match of a supplier invoice against the order and the receipts: per line, invoiced
 * quantity may not exceed received quantity (nor received exceed ordered), and the invoice price
 * must equal the order price within the tolerance. Every mismatch is named; an invoice with none
 * may be posted.
 *
 * @example
 * threeWayMatch([{ line: 'L1', orderedQty: 10000, orderPrice: 600, receivedQty: 10000, invoicedQty: 10000, invoicePrice: 610 }], { price: 100 })
 * // { ok: false, issues: [{ code: 'match.price', … }] }
 */
export function threeWayMatch(
  lines: readonly {
    line: string;
    orderedQty: Milli;
    orderPrice: Minor;
    receivedQty: Milli;
    invoicedQty: Milli;
    invoicePrice: Minor;
  }[],
  tolerance: MatchTolerance = {},
  options: { rounding?: RoundingMode; precision?: number } = {},
): Result<true> {
  const checked = parseInput(matchInput, { lines, tolerance, options });
  if (!checked.ok) return checked;
  const issues: Issue[] = [];
  const money = (m: Minor) => formatMoney(m, options);
  for (const l of lines) {
    if (l.receivedQty > l.orderedQty) {
      issues.push({
        code: 'match.over_received',
        path: [l.line],
        message: `${formatQuantity(l.receivedQty)} received, ${formatQuantity(l.orderedQty)} ordered`,
        value: l.receivedQty,
      });
    }
    if (l.invoicedQty > l.receivedQty) {
      issues.push({
        code: 'match.over_invoiced',
        path: [l.line],
        message: `${formatQuantity(l.invoicedQty)} invoiced, ${formatQuantity(l.receivedQty)} received`,
        value: l.invoicedQty,
      });
    }
    const allowed = mulDiv(l.orderPrice, tolerance.price ?? 0, 10_000, options.rounding);
    if (Math.abs(l.invoicePrice - l.orderPrice) > allowed) {
      issues.push({
        code: 'match.price',
        path: [l.line],
        message: `invoice price ${money(l.invoicePrice)} differs from order price ${money(l.orderPrice)} by more than ${money(allowed)}`,
        value: l.invoicePrice,
      });
    }
  }
  return issues.length > 0 ? fail(...issues) : ok(true);
}

/** What can be done to a purchase order next, as its page offers it. */
export const PO_ACTIONS = ['approve', 'reject', 'receive', 'invoice', 'pay', 'return'] as const;
export type PoAction = (typeof PO_ACTIONS)[number];

/**
 * The actions that fit a purchase order's state: approve or reject while it waits for approval;
 * receive what is ordered and not received; invoice what is received and not invoiced; pay what
 * its supplier is owed on it; return what was received. Who may is the commands' to say.
 *
 * @example
 * poActions({ status: 'ordered', amount, lines }, { toInvoice: 0, owed: 0, returnable: 0 }) // ['receive']
 */
export function poActions(
  po: PurchaseOrderState,
  figures: { toInvoice: Milli; owed: Minor; returnable: Milli },
): PoAction[] {
  const actions: PoAction[] = [];
  if (po.status === 'pending_approval') actions.push('approve', 'reject');
  const open = po.lines.some((l) => l.qty > l.received);
  if (open && (po.status === 'ordered' || po.status === 'partially_received')) actions.push('receive');
  if (figures.toInvoice > 0) actions.push('invoice');
  if (figures.owed > 0) actions.push('pay');
  if (figures.returnable > 0) actions.push('return');
  return actions;
}
