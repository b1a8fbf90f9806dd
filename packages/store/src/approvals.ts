import {
  APPROVAL_RULES,
  type ApprovalDocument,
  type ApprovalRule,
  type ApprovalRuleName,
  type ApprovalRules,
  type ApprovalStep,
  approvalRules,
  customerScope,
  inScope,
  isOpen,
  mayDecideOwn,
  openSteps,
  type Permission,
  type Role,
  seesColumns,
  stepsToDecide,
  TradeloopError,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { approverOf } from './master-data.js';
import { ensure, rejected } from './refusal.js';
import type { Row } from './schema.js';
import { emit } from './webhooks.js';

type StepRow = Row<'approvals'>;

/** Where the rules are kept: one JSON value of the rules that differ from the defaults. */
const RULES_KEY = 'approval_rules';

/** Thresholds a book kept before the rules, still honoured where no rule replaces them. */
const LEGACY_KEYS: Partial<Record<ApprovalRuleName, string>> = {
  order_amount: 'approval.order_amount',
  po_amount: 'approval.po_amount',
};

/**
 * The book's approval rules: the defaults, with what the book changed. A stored value that no
 * longer reads is refused (`approval_rules.invalid`) rather than silently replaced by defaults.
 */
export function loadApprovalRules(book: Book): ApprovalRules {
  // The rules and the thresholds kept before them, read together (one round trip on a server).
  const keys = [RULES_KEY, ...Object.values(LEGACY_KEYS)];
  const kept = new Map(
    book.exec
      .select<{ key: string; value: string }>(
        `select key, value from settings where key in (${keys.map(() => '?').join(', ')})`,
        ...keys,
      )
      .map((r) => [r.key, r.value]),
  );
  const text = kept.get(RULES_KEY);
  let stored: Record<string, unknown> = {};
  if (text !== undefined) {
    try {
      stored = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new TradeloopError('approval_rules.invalid', `the book's approval rules are not JSON: ${text}`, {
        hint: 'set them again with `tradeloop approvals rules set`',
      });
    }
  }
  const rules = approvalRules(stored);
  if (!rules.ok)
    throw new TradeloopError('approval_rules.invalid', rules.issues.map((i) => i.message).join('; '), {
      issues: rules.issues,
      hint: 'set them again with `tradeloop approvals rules set`',
    });
  const value = { ...rules.value };
  for (const [rule, key] of Object.entries(LEGACY_KEYS) as [ApprovalRuleName, string][]) {
    const legacy = kept.get(key);
    if (legacy !== undefined && !(rule in stored)) value[rule] = { ...value[rule], over: Number(legacy) };
  }
  return value;
}

/**
 * Change one rule, whole: its amount, the role that approves, and the second step (or none).
 *
 * @example
 * setApprovalRule(book, 'order_amount', { over: 5_000_000, role: 'sales_manager', second: { over: 20_000_000, role: 'owner' } })
 */
export function setApprovalRule(book: Book, name: ApprovalRuleName, rule: ApprovalRule): ApprovalRules {
  return book.command('setApprovalRules', () => {
    if (!APPROVAL_RULES.includes(name))
      throw rejected([
        {
          code: 'approval_rules.unknown',
          path: ['rule'],
          message: `no rule ${name}; rules: ${APPROVAL_RULES.join(', ')}`,
          value: name,
        },
      ]);
    const before = loadApprovalRules(book);
    const text = book.exec.value<string>('select value from settings where key = ?', RULES_KEY);
    const stored = { ...(text ? (JSON.parse(text) as Record<string, unknown>) : {}), [name]: rule };
    const checked = ensure(approvalRules(stored));
    book.exec.execute(
      'insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
      RULES_KEY,
      JSON.stringify(stored),
    );
    return { value: checked, document: `approval_rules:${name}`, before: before[name], after: rule };
  });
}

/** Record the steps a document waits for, asked by the acting user now; those open are announced. */
export function requestApproval(
  book: Book,
  kind: ApprovalDocument,
  documentId: number,
  steps: readonly ApprovalStep[],
): void {
  const before = openIds(book, kind, documentId);
  for (const s of steps)
    book.exec.run(
      book.db.insertInto('approvals').values({
        document_kind: kind,
        document_id: documentId,
        rule: s.rule,
        step: s.step,
        code: s.code,
        role: s.role,
        message: s.message,
        requested_by: book.actor,
        requested_at: book.now(),
      }),
    );
  announceWaiting(book, kind, documentId, before);
}

const openIds = (book: Book, kind: ApprovalDocument, documentId: number): Set<number> =>
  new Set(openSteps(stepsOf(book, kind, documentId)).map((s) => s.id));

/** A document's number, the customer or supplier it is with, and its amount, for a message. */
function documentFacts(
  book: Book,
  kind: ApprovalDocument,
  id: number,
): { number: string; party: string | null; amount: number | null } {
  const sql = {
    sales_order:
      'select d.number, c.code as party, d.gross_minor as amount from sales_orders d join customers c on c.id = d.customer_id where d.id = ?',
    purchase_order:
      'select d.number, s.code as party, d.gross_minor as amount from purchase_orders d join suppliers s on s.id = d.supplier_id where d.id = ?',
    supplier_payment:
      'select d.number, s.code as party, d.amount_minor as amount from payment_requests d join suppliers s on s.id = d.supplier_id where d.id = ?',
  }[kind];
  return (
    book.exec.select<{ number: string; party: string | null; amount: number | null }>(sql, id)[0] ?? {
      number: String(id),
      party: null,
      amount: null,
    }
  );
}

/**
 * Tell whoever must decide the steps that opened since `before` (`approval.waiting`): a new
 * document's first steps, or a second step once its first is approved. The event names the
 * roles, so a message target for approvers reaches the users who hold them.
 */
function announceWaiting(book: Book, kind: ApprovalDocument, documentId: number, before: ReadonlySet<number>): void {
  const opened = openSteps(stepsOf(book, kind, documentId)).filter((s) => !before.has(s.id));
  if (opened.length === 0) return;
  const facts = documentFacts(book, kind, documentId);
  emit(book, 'approval.waiting', {
    document: facts.number,
    kind,
    party: facts.party,
    amount: facts.amount,
    waiting: [...new Set(opened.map((s) => s.role))],
    steps: opened.map((s) => ({ step: s.step, role: s.role, message: s.message })),
    requestedBy: book.actor,
  });
}

const stepsOf = (book: Book, kind: ApprovalDocument, documentId: number): StepRow[] =>
  book.exec.all(
    book.db
      .selectFrom('approvals')
      .selectAll()
      .where('document_kind', '=', kind)
      .where('document_id', '=', documentId)
      .orderBy('step')
      .orderBy('id'),
  );

/** A document being decided: its number, and the salesperson it is sold by (their user's own). */
export interface DecidedDocument {
  kind: ApprovalDocument;
  id: number;
  number: string;
  salespersonId?: number | null;
}

/** What a step still waits for, as the result of an approval shows it. */
export interface Waiting {
  step: number;
  role: string;
  message: string;
}

/** Whether the document is the user's own: they asked for it, or it is sold by their salesperson. */
function isOwn(book: Book, doc: DecidedDocument, steps: readonly StepRow[], user: string): boolean {
  if (steps.some((s) => s.requested_by === user)) return true;
  if (doc.salespersonId == null) return false;
  return (
    book.exec.get(
      book.db.selectFrom('users').select('id').where('name', '=', user).where('salesperson_id', '=', doc.salespersonId),
    ) !== undefined
  );
}

/** Whether someone other than `user` who can sign in holds this role (or is an owner). */
function othersCanDecide(book: Book, role: string, user: string): boolean {
  return (
    book.exec.value<number>(
      `select 1 from users where name <> ? and disabled = 0 and password_hash is not null
         and ((',' || roles || ',') like ? or (',' || roles || ',') like '%,owner,%') limit 1`,
      user,
      `%,${role},%`,
    ) !== undefined
  );
}

const waitingOf = (steps: readonly StepRow[]): Waiting[] =>
  steps.filter((s) => s.status === 'pending').map((s) => ({ step: s.step, role: s.role, message: s.message }));

/**
 * Decide the steps of a document the acting user (or the user a program acting as owner names)
 * can: every open step their roles hold, a second step once its first is approved. Refused when
 * they can decide none (naming the role each open step needs), or when the document is their
 * own and someone else could decide it. A document without steps asks only for the write
 * permission of its kind (a plain review). Returns what still waits; empty, the document goes on.
 */
export function approveSteps(
  book: Book,
  doc: DecidedDocument,
  review: Permission,
  user?: string,
): { approver: string; waiting: Waiting[] } {
  const approver = approverOf(book, user);
  const steps = stepsOf(book, doc.kind, doc.id);
  if (!steps.some((s) => s.status === 'pending')) {
    book.requirePermission(review);
    return { approver: approver.user, waiting: [] };
  }
  const ids = stepsToDecide(steps, approver.roles);
  if (ids.length === 0)
    throw rejected(
      steps
        .filter((s) => isOpen(s, steps))
        .map((s) => ({
          code: 'approval.role',
          path: ['approval', s.code],
          message: `${s.message}; needs approval by ${s.role}, which ${approver.user} is not`,
          value: s.role,
        })),
    );
  if (isOwn(book, doc, steps, approver.user)) {
    for (const s of steps.filter((x) => ids.includes(x.id)))
      ensure(
        mayDecideOwn(approver, {
          othersCanDecide: othersCanDecide(book, s.role, approver.user),
          document: doc.number,
          role: s.role,
        }),
      );
  }
  const before = openIds(book, doc.kind, doc.id);
  book.exec.run(
    book.db
      .updateTable('approvals')
      .set({ status: 'approved', approver: approver.user, decided_at: book.now() })
      .where('id', 'in', ids),
  );
  announceWaiting(book, doc.kind, doc.id, before);
  return { approver: approver.user, waiting: waitingOf(stepsOf(book, doc.kind, doc.id)) };
}

/**
 * Reject a document at the open steps the acting user's roles can decide, with a reason (which
 * is required); its other steps are withdrawn. The caller then cancels the document.
 */
export function rejectSteps(book: Book, doc: DecidedDocument, reason: string, user?: string): { approver: string } {
  const why = reason.trim();
  if (why === '')
    throw rejected([
      { code: 'approval.reason_required', path: ['reason'], message: `say why ${doc.number} is rejected` },
    ]);
  const approver = approverOf(book, user);
  const steps = stepsOf(book, doc.kind, doc.id);
  const open = steps.filter((s) => isOpen(s, steps));
  if (open.length === 0)
    throw rejected([
      {
        code: 'approval.nothing_pending',
        path: ['approval'],
        message: `${doc.number} waits for no approval`,
        value: doc.number,
      },
    ]);
  const mine = open.filter((s) => approver.roles.includes(s.role));
  if (mine.length === 0)
    throw rejected(
      open.map((s) => ({
        code: 'approval.role',
        path: ['approval', s.code],
        message: `${s.message}; needs a decision by ${s.role}, which ${approver.user} is not`,
        value: s.role,
      })),
    );
  book.exec.run(
    book.db
      .updateTable('approvals')
      .set({ status: 'rejected', approver: approver.user, decided_at: book.now(), reason: why })
      .where(
        'id',
        'in',
        mine.map((s) => s.id),
      ),
  );
  withdrawSteps(book, doc.kind, doc.id, `${doc.number} was rejected by ${approver.user}`);
  return { approver: approver.user };
}

/** Steps a document no longer waits for: it was rejected at another step, or cancelled. */
export function withdrawSteps(book: Book, kind: ApprovalDocument, documentId: number, reason: string): void {
  book.exec.run(
    book.db
      .updateTable('approvals')
      .set({ status: 'withdrawn', decided_at: book.now(), reason })
      .where('document_kind', '=', kind)
      .where('document_id', '=', documentId)
      .where('status', '=', 'pending'),
  );
}

/** One step of a document's approvals, as lists and the history show it. */
export interface ApprovalEntry {
  document: string;
  kind: ApprovalDocument;
  /** The customer or supplier. */
  party: string;
  amount: number;
  rule: string;
  step: number;
  role: string;
  message: string;
  status: StepRow['status'];
  /** Whether the step can be decided now (its earlier step is approved). */
  open: boolean;
  requestedBy: string | null;
  requestedAt: string | null;
  approver: string | null;
  decidedAt: string | null;
  reason: string | null;
}

interface JoinedRow extends StepRow {
  number: string;
  party: string;
  amount: number;
  salesperson: string | null;
  salesperson_id: number | null;
  customer: string | null;
}

/** Every step with its document's number, party, amount and owner; only documents still waiting when `waiting`. */
function joinedSteps(book: Book, where: string, ...params: unknown[]): JoinedRow[] {
  return book.exec.select<JoinedRow>(
    `select a.*, d.number, d.party, d.amount, d.salesperson, d.salesperson_id, d.customer from approvals a join (
       select 'sales_order' as kind, o.id, o.number, c.code as party, o.gross_minor as amount, s.code as salesperson,
              o.salesperson_id, c.code as customer, case when o.status = 'pending_review' then 1 else 0 end as waiting
         from sales_orders o join customers c on c.id = o.customer_id left join salespeople s on s.id = o.salesperson_id
       union all
       select 'purchase_order', p.id, p.number, s.code, p.gross_minor, null, null, null,
              case when p.status = 'pending_approval' then 1 else 0 end
         from purchase_orders p join suppliers s on s.id = p.supplier_id
       union all
       select 'supplier_payment', r.id, r.number, s.code, r.amount_minor, null, null, null,
              case when r.status = 'pending' then 1 else 0 end
         from payment_requests r join suppliers s on s.id = r.supplier_id
     ) d on d.kind = a.document_kind and d.id = a.document_id
     where ${where} order by a.requested_at, a.document_kind, a.document_id, a.step, a.id`,
    ...params,
  );
}

const toEntry = (r: JoinedRow, all: readonly StepRow[]): ApprovalEntry => ({
  document: r.number,
  kind: r.document_kind,
  party: r.party,
  amount: r.amount,
  rule: r.rule,
  step: r.step,
  role: r.role,
  message: r.message,
  status: r.status,
  open: isOpen(
    r,
    all.filter((s) => s.document_kind === r.document_kind && s.document_id === r.document_id),
  ),
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  approver: r.approver,
  decidedAt: r.decided_at,
  reason: r.reason,
});

/** Whether the acting user sees this document: sales by their customer scope, purchases and payments by supplier prices. */
function visible(book: Book, r: JoinedRow): boolean {
  const actor = book.principal;
  if (r.document_kind === 'sales_order')
    return inScope(customerScope(actor), { salesperson: r.salesperson, customer: r.customer });
  return seesColumns(actor, 'supplier_price');
}

/**
 * What waits for approval. Without `all`: the steps the acting user is to decide now (open, of a
 * role they hold, or any an owner holds that nobody else could decide, on a document that is not
 * their own unless nobody else could decide it), the inbox. With `all`: every pending step of every document they may see, open or waiting for its
 * first step.
 */
export function listApprovals(book: Book, options: { all?: boolean } = {}): ApprovalEntry[] {
  book.requirePermission('book.read');
  const rows = joinedSteps(book, 'd.waiting = 1');
  const pending = rows.filter((r) => r.status === 'pending');
  if (options.all) return pending.filter((r) => visible(book, r)).map((r) => toEntry(r, rows));
  const approver = approverOf(book, undefined);
  const byDoc = new Map<string, JoinedRow[]>();
  for (const r of rows) {
    const key = `${r.document_kind}:${r.document_id}`;
    byDoc.set(key, [...(byDoc.get(key) ?? []), r]);
  }
  return pending
    .filter((r) => {
      const steps = byDoc.get(`${r.document_kind}:${r.document_id}`) ?? [];
      if (!isOpen(r, steps)) return false;
      // An owner may decide any step, but their inbox holds their own role's steps and those
      // nobody else who signs in could decide: the rest are someone else's to do.
      const mine =
        book.principal.roles.includes(r.role as Role) ||
        (approver.roles.includes(r.role) && !othersCanDecide(book, r.role, approver.user));
      if (!mine) return false;
      const doc = { kind: r.document_kind, id: r.document_id, number: r.number, salespersonId: r.salesperson_id };
      if (!isOwn(book, doc, steps, approver.user)) return true;
      return mayDecideOwn(approver, { othersCanDecide: othersCanDecide(book, r.role, approver.user) }).ok;
    })
    .map((r) => toEntry(r, rows));
}

/**
 * A document's approvals from the first request on: every step, decided or not, who asked, who
 * decided, when and why. A document the acting user does not see reads as unknown.
 *
 * @example
 * approvalHistory(book, 'SO-2026-000001') // [{ step: 1, rule: 'discount', status: 'approved', approver: 'li', … }]
 */
export function approvalHistory(book: Book, number: string): ApprovalEntry[] {
  book.requirePermission('book.read');
  const rows = joinedSteps(book, 'd.number = ?', number).filter((r) => visible(book, r));
  return rows.map((r) => toEntry(r, rows));
}
