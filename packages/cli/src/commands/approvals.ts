import { APPROVAL_RULES, APPROVER_ROLES } from '@tradeloop/core';
import type { Command } from 'commander';
import { z } from 'zod';
import { type OptionContext, opt, withOptions } from '../options.js';
import type { Report } from '../report-table.js';
import { money, printResult } from '../result.js';

const listOptions = () => z.object({ all: opt.flag(), format: opt.reportFormat(), output: opt.text().optional() });

const KIND: Record<string, string> = { sales_order: 'order', purchase_order: 'po', supplier_payment: 'payment' };

/** What waits for the acting user, or (`--all`) every pending step they may see. */
export async function listApprovals(raw: unknown, cmd: Command) {
  await withOptions(cmd, listOptions, raw, async (o, book) => {
    const [{ listApprovals: list }, { writeReport }] = await Promise.all([
      import('@tradeloop/store'),
      import('../report-table.js'),
    ]);
    const rows = list(book, { all: o.all });
    const report: Report = {
      columns: [
        { key: 'document', title: 'Document 单据', kind: 'text' },
        { key: 'kind', title: 'Kind 类型', kind: 'text' },
        { key: 'party', title: 'Party 往来方', kind: 'text' },
        { key: 'amount', title: 'Amount 金额', kind: 'money' },
        { key: 'step', title: 'Step 步骤', kind: 'count' },
        { key: 'role', title: 'Approver 审批角色', kind: 'text' },
        { key: 'why', title: 'Why 原因', kind: 'text' },
        { key: 'asked_by', title: 'Asked by 申请人', kind: 'text' },
        ...(o.all ? [{ key: 'state', title: 'State 状态', kind: 'text' as const }] : []),
      ],
      rows: rows.map((r) => ({
        document: r.document,
        kind: KIND[r.kind] ?? r.kind,
        party: r.party,
        amount: r.amount,
        step: r.step,
        role: r.role,
        why: r.message,
        asked_by: r.requestedBy,
        ...(o.all ? { state: r.open ? 'open' : `after step ${r.step - 1}` } : {}),
      })),
    };
    if (rows.length === 0 && o.format === 'table' && !o.output) {
      process.stdout.write(o.all ? 'nothing waits for approval\n' : 'nothing waits for you\n');
      return;
    }
    await writeReport(report, o, book.settings().precision, 'approvals');
  });
}

/** A document's approval steps from the first request on. */
export async function approvalHistory(number: string, raw: unknown, cmd: Command) {
  await withOptions(
    cmd,
    () => z.object({ format: opt.reportFormat(), output: opt.text().optional() }),
    raw,
    async (o, book) => {
      const [{ approvalHistory: history }, { writeReport }] = await Promise.all([
        import('@tradeloop/store'),
        import('../report-table.js'),
      ]);
      const rows = history(book, number);
      if (rows.length === 0 && o.format === 'table' && !o.output) {
        process.stdout.write(`${number} has no approval steps\n`);
        return;
      }
      const report: Report = {
        columns: [
          { key: 'step', title: 'Step 步骤', kind: 'count' },
          { key: 'rule', title: 'Rule 规则', kind: 'text' },
          { key: 'role', title: 'Approver 审批角色', kind: 'text' },
          { key: 'why', title: 'Why 原因', kind: 'text' },
          { key: 'status', title: 'Status 状态', kind: 'text' },
          { key: 'decided_by', title: 'Decided by 审批人', kind: 'text' },
          { key: 'decided_at', title: 'Decided at 审批时间', kind: 'text' },
          { key: 'reason', title: 'Reason 理由', kind: 'text' },
          { key: 'asked_by', title: 'Asked by 申请人', kind: 'text' },
          { key: 'asked_at', title: 'Asked at 申请时间', kind: 'text' },
        ],
        rows: rows.map((r) => ({
          step: r.step,
          rule: r.rule,
          role: r.role,
          why: r.message,
          status: r.status,
          decided_by: r.approver,
          decided_at: r.decidedAt,
          reason: r.reason,
          asked_by: r.requestedBy,
          asked_at: r.requestedAt,
        })),
      };
      await writeReport(report, o, book.settings().precision, 'approval history');
    },
  );
}

/** The book's approval rules. */
export async function listRules(raw: unknown, cmd: Command) {
  await withOptions(
    cmd,
    () => z.object({ format: opt.reportFormat(), output: opt.text().optional() }),
    raw,
    async (o, book) => {
      const [{ loadApprovalRules }, { writeReport }] = await Promise.all([
        import('@tradeloop/store'),
        import('../report-table.js'),
      ]);
      book.requirePermission('book.read');
      const rules = loadApprovalRules(book);
      const report: Report = {
        columns: [
          { key: 'rule', title: 'Rule 规则', kind: 'text' },
          { key: 'over', title: 'Over 超过', kind: 'money' },
          { key: 'role', title: 'Approver 审批角色', kind: 'text' },
          { key: 'second_over', title: 'Second over 二级超过', kind: 'money', blank: '—' },
          { key: 'second_role', title: 'Second approver 二级审批', kind: 'text', blank: '—' },
        ],
        rows: Object.entries(rules).map(([rule, r]) => ({
          rule,
          over: r.over,
          role: r.role,
          second_over: r.second?.over ?? null,
          second_role: r.second?.role ?? null,
        })),
      };
      await writeReport(report, o, book.settings().precision, 'approval rules');
    },
  );
}

// Core's own lists: this module loads only when an approvals command runs, so start-up stays light.
const RULE_NAMES = APPROVAL_RULES;
const APPROVERS = APPROVER_ROLES;

const setOptions = (c: OptionContext) =>
  z.object({
    over: opt.money(c).optional(),
    role: opt.choice(APPROVERS).optional(),
    secondOver: opt.money(c).optional(),
    secondRole: opt.choice(APPROVERS).optional(),
    second: z.boolean().default(true),
    format: opt.resultFormat(),
  });

/** Change one rule: what is left out stays; `--no-second` drops its second step. */
export async function setRule(name: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, setOptions, raw, async (o, book) => {
    const [{ loadApprovalRules, setApprovalRule }, { TradeloopError }] = await Promise.all([
      import('@tradeloop/store'),
      import('@tradeloop/core'),
    ]);
    if (!(RULE_NAMES as readonly string[]).includes(name))
      throw new TradeloopError('usage.rule', `no approval rule "${name}"`, { hint: `rules: ${RULE_NAMES.join(', ')}` });
    const rule = name as (typeof RULE_NAMES)[number];
    const before = loadApprovalRules(book)[rule];
    const wantsSecond = o.secondOver !== undefined || o.secondRole !== undefined;
    if (wantsSecond && !before.second && (o.secondOver === undefined || o.secondRole === undefined))
      throw new TradeloopError('usage.second', 'a new second step needs both --second-over and --second-role');
    const second = !o.second
      ? null
      : wantsSecond
        ? {
            over: o.secondOver ?? before.second?.over ?? 0,
            role: o.secondRole ?? before.second?.role ?? 'owner',
          }
        : before.second;
    const after = setApprovalRule(book, rule, {
      over: o.over ?? before.over,
      role: o.role ?? before.role,
      second,
    })[rule];
    const { precision } = book.settings();
    printResult(
      o.format,
      { rule, ...after },
      () =>
        `${rule}: over ${money(after.over, precision)} ${after.role}` +
        (after.second ? `, over ${money(after.second.over, precision)} then ${after.second.role}` : ''),
    );
  });
}

/** The line an approval prints: what moved, or what still waits. */
export const waitingText = (number: string, waiting: readonly { role: string; message: string }[]) =>
  `${number} approved so far; waits for ${waiting.map((w) => `${w.role} (${w.message})`).join(', ')}`;

export async function approvePayment(number: string, raw: unknown, cmd: Command) {
  await withOptions(
    cmd,
    () => z.object({ format: opt.resultFormat() }),
    raw,
    async (o, book) => {
      const { approveSupplierPayment } = await import('@tradeloop/store');
      const r = approveSupplierPayment(book, number);
      printResult(o.format, r, (x: typeof r) =>
        x.waiting?.length ? waitingText(number, x.waiting) : `${number} approved: ${x.payment} paid`,
      );
    },
  );
}

const rejectOptions = () =>
  z.object({
    reason: z.string().refine((v) => v.trim() !== '', { error: 'say why it is rejected' }),
    format: opt.resultFormat(),
  });

/** Reject a sales order, purchase order or supplier payment waiting for approval, with the reason. */
export async function reject(kind: 'order' | 'po' | 'payment', number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, rejectOptions, raw, async (o, book) => {
    const store = await import('@tradeloop/store');
    if (kind === 'order') {
      const r = store.rejectSalesOrder(book, number, o.reason);
      printResult(o.format, r, () => `${number} rejected and cancelled: ${o.reason.trim()}`);
    } else if (kind === 'po') {
      const r = store.rejectPurchaseOrder(book, number, o.reason);
      printResult(
        o.format,
        r,
        () =>
          `${number} rejected and cancelled: ${o.reason.trim()}` +
          (r.requisitions.length ? `; requisitions open again: ${r.requisitions.join(', ')}` : ''),
      );
    } else {
      const r = store.rejectSupplierPayment(book, number, o.reason);
      printResult(o.format, r, () => `${number} rejected, nothing paid: ${o.reason.trim()}`);
    }
  });
}
