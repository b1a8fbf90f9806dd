import { z } from 'zod';
import type { CreditCheck } from './aging.js';
import { fail, type Issue, ok, type Result } from './issue.js';
import { formatMoney, type Minor } from './money.js';
import type { Role } from './permissions.js';
import { approvalsNeeded } from './sales-order.js';

/**
 * The rules that hold a document for approval: a sales order's amount, a price below floor or
 * beyond the salesperson's discount authority, a customer's credit exposure, a purchase order's
 * amount, a payment to a supplier.
 */
export const APPROVAL_RULES = ['order_amount', 'discount', 'credit', 'po_amount', 'supplier_payment'] as const;
export type ApprovalRuleName = (typeof APPROVAL_RULES)[number];

/** The documents that wait for approval. */
export const APPROVAL_DOCUMENTS = ['sales_order', 'purchase_order', 'supplier_payment'] as const;
export type ApprovalDocument = (typeof APPROVAL_DOCUMENTS)[number];

/** Which document each rule holds. */
export const RULE_DOCUMENT: Readonly<Record<ApprovalRuleName, ApprovalDocument>> = {
  order_amount: 'sales_order',
  discount: 'sales_order',
  credit: 'sales_order',
  po_amount: 'purchase_order',
  supplier_payment: 'supplier_payment',
};

/**
 * One rule: when its check fails and the document's amount (gross) is over `over`, the role
 * approves; over `second.over` as well, `second.role` approves after it. The amount rules'
 * check is the amount itself; `discount` and `credit` apply whenever their check fails (their
 * `over` is 0 unless set).
 */
export interface ApprovalRule {
  over: Minor;
  role: Role;
  second: { over: Minor; role: Role } | null;
}
export type ApprovalRules = Readonly<Record<ApprovalRuleName, ApprovalRule>>;

/**
 * The rules a book starts with: the thresholds the book always had (orders over 50,000.00, POs
 * over 100,000.00) and supplier payments as large as a PO that needs approval. No second step
 * until the owner sets one, so nothing that went ahead before waits now.
 */
export const DEFAULT_APPROVAL_RULES: ApprovalRules = {
  order_amount: { over: 5_000_000, role: 'sales_manager', second: null },
  discount: { over: 0, role: 'sales_manager', second: null },
  credit: { over: 0, role: 'accountant', second: null },
  po_amount: { over: 10_000_000, role: 'purchasing', second: null },
  supplier_payment: { over: 10_000_000, role: 'accountant', second: null },
};

/** Who may be named to approve: not an auditor (who changes nothing) nor a customer. */
export const APPROVER_ROLES = [
  'owner',
  'sales_manager',
  'salesperson',
  'purchasing',
  'warehouse',
  'accountant',
] as const;
const approverRole = z.enum(APPROVER_ROLES, { error: `must be one of ${APPROVER_ROLES.join(', ')}` });
const amount = z.int({ error: 'must be a whole number of minor units' }).min(0, { error: 'must not be negative' });

const ruleSchema = z
  .object({
    over: amount,
    role: approverRole,
    second: z.object({ over: amount, role: approverRole }).nullable(),
  })
  .refine((r) => r.second === null || r.second.over >= r.over, {
    message: 'the second step starts at or above the first',
    path: ['second', 'over'],
  });

/** Rules as stored: any rule may be left out (it keeps its default), each given whole. */
export const approvalRulesSchema = z.partialRecord(z.enum(APPROVAL_RULES), ruleSchema);

/**
 * The book's rules: the defaults, each replaced by the stored one where there is one. A stored
 * value of the wrong shape comes back as issues (`approval_rules.*`).
 *
 * @example
 * approvalRules({ order_amount: { over: 8_000_000, role: 'sales_manager', second: { over: 20_000_000, role: 'owner' } } })
 * // { ok: true, value: { order_amount: { over: 8000000, …, second: { over: 20000000, role: 'owner' } }, discount: …, … } }
 */
export function approvalRules(stored: unknown): Result<ApprovalRules> {
  const parsed = approvalRulesSchema.safeParse(stored ?? {});
  if (!parsed.success)
    return fail(
      ...parsed.error.issues.map(
        (i): Issue => ({
          code: 'approval_rules.invalid',
          path: ['approval_rules', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
          message: i.message,
        }),
      ),
    );
  return ok({ ...DEFAULT_APPROVAL_RULES, ...(parsed.data as Partial<ApprovalRules>) });
}

/** One approval a document waits for: the rule, its step (1, then 2), the role, and why. */
export interface ApprovalStep {
  rule: ApprovalRuleName;
  step: 1 | 2;
  code: string;
  role: Role;
  message: string;
}

/** The second step of a rule whose first applies, when the amount is over its threshold too. */
function secondStep(
  rule: ApprovalRuleName,
  rules: ApprovalRules,
  total: Minor,
  what: string,
  money: (m: Minor) => string,
): ApprovalStep[] {
  const second = rules[rule].second;
  if (!second || total <= second.over) return [];
  return [
    {
      rule,
      step: 2,
      code: `${rule}.second`,
      role: second.role,
      message: `${what} ${money(total)} is over ${money(second.over)}`,
    },
  ];
}

/**
 * The steps a sales order waits for: its amount, each price below floor or beyond discount
 * authority, the customer's credit; each rule's second step after its first.
 *
 * @example
 * orderApprovalSteps({ amount: 25_000_000, priceFlags: [], credit: null }, { ...DEFAULT_APPROVAL_RULES, order_amount: { over: 5_000_000, role: 'sales_manager', second: { over: 20_000_000, role: 'owner' } } })
 * // { ok: true, value: [{ rule: 'order_amount', step: 1, role: 'sales_manager', … }, { rule: 'order_amount', step: 2, role: 'owner', … }] }
 */
export function orderApprovalSteps(
  order: { amount: Minor; priceFlags: readonly Issue[]; credit: CreditCheck | null },
  rules: ApprovalRules,
  options: { precision?: number } = {},
): Result<ApprovalStep[]> {
  const gate = (rule: ApprovalRuleName) => order.amount > rules[rule].over;
  const needs = approvalsNeeded(
    {
      amount: order.amount,
      priceFlags: gate('discount') ? order.priceFlags : [],
      credit: gate('credit') ? order.credit : null,
    },
    {
      amountThreshold: rules.order_amount.over,
      roles: { amount: rules.order_amount.role, price: rules.discount.role, credit: rules.credit.role },
    },
    options,
  );
  if (!needs.ok) return needs;
  const money = (m: Minor) => formatMoney(m, { ...options, grouping: true });
  const ruleOf = (code: string): ApprovalRuleName =>
    code === 'order.over_amount' ? 'order_amount' : code === 'order.over_credit' ? 'credit' : 'discount';
  const first = needs.value.map(
    (n): ApprovalStep => ({ rule: ruleOf(n.code), step: 1, code: n.code, role: n.role as Role, message: n.message }),
  );
  const applied = [...new Set(first.map((s) => s.rule))];
  return ok([...first, ...applied.flatMap((rule) => secondStep(rule, rules, order.amount, 'order', money))]);
}

/**
 * The steps a purchase order or a supplier payment waits for: over the rule's amount, its role;
 * over the second amount, then the second role.
 *
 * @example
 * amountApprovalSteps('supplier_payment', 12_000_000, DEFAULT_APPROVAL_RULES)
 * // [{ rule: 'supplier_payment', step: 1, code: 'payment.over_amount', role: 'accountant', message: 'payment 120,000.00 is over 100,000.00' }]
 */
export function amountApprovalSteps(
  rule: 'po_amount' | 'supplier_payment',
  total: Minor,
  rules: ApprovalRules,
  options: { precision?: number } = {},
): ApprovalStep[] {
  const r = rules[rule];
  if (total <= r.over) return [];
  const money = (m: Minor) => formatMoney(m, { ...options, grouping: true });
  const what = rule === 'po_amount' ? 'purchase order' : 'payment';
  return [
    {
      rule,
      step: 1,
      code: rule === 'po_amount' ? 'po.over_amount' : 'payment.over_amount',
      role: r.role,
      message: `${what} ${money(total)} is over ${money(r.over)}`,
    },
    ...secondStep(rule, rules, total, what, money),
  ];
}

/** A step as the book keeps it. */
export interface StepState {
  id: number;
  rule: string;
  step: number;
  role: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
}

/** A pending step whose earlier steps of the same rule are all approved: it can be decided now. */
export function isOpen(step: StepState, steps: readonly StepState[], approved: ReadonlySet<number> = new Set()) {
  return (
    step.status === 'pending' &&
    !approved.has(step.id) &&
    steps
      .filter((s) => s.rule === step.rule && s.step < step.step)
      .every((s) => s.status === 'approved' || approved.has(s.id))
  );
}

/**
 * The steps someone holding these roles decides now, in order: every open step of their roles,
 * and a second step as soon as its first is decided (one approval by someone who holds both
 * roles decides both: the steps are levels of authority, not a count of people).
 *
 * @example
 * stepsToDecide([{ id: 1, rule: 'order_amount', step: 1, role: 'sales_manager', status: 'pending' }, { id: 2, rule: 'order_amount', step: 2, role: 'owner', status: 'pending' }], ['sales_manager'])
 * // [1]
 */
export function stepsToDecide(steps: readonly StepState[], roles: readonly string[]): number[] {
  const decided = new Set<number>();
  for (let moved = true; moved; ) {
    moved = false;
    for (const s of steps) {
      if (roles.includes(s.role) && isOpen(s, steps, decided)) {
        decided.add(s.id);
        moved = true;
      }
    }
  }
  return [...decided];
}

/** The steps a document still waits for that can be decided now, and by which role. */
export const openSteps = <S extends StepState>(steps: readonly S[]): S[] => steps.filter((s) => isOpen(s, steps));

/**
 * Whether someone may decide a step on a document they asked for (placed, or sell on): only an
 * owner, and only when nobody else could decide it, so a one-person book still moves.
 *
 * @example
 * mayDecideOwn({ user: 'li', roles: ['sales_manager'] }, { othersCanDecide: true }) // { ok: false, issues: [{ code: 'approval.own_document', … }] }
 */
export function mayDecideOwn(
  actor: { user: string; roles: readonly string[] },
  context: { othersCanDecide: boolean; document?: string; role?: string },
): Result<true> {
  if (actor.roles.includes('owner') && !context.othersCanDecide) return ok(true);
  const who = context.role ? `another user who holds ${context.role}` : 'another approver';
  return fail({
    code: 'approval.own_document',
    path: ['approver'],
    message: `${actor.user} may not approve ${context.document ?? 'a document'} of their own; ${who} approves it`,
    value: actor.user,
  });
}
