import {
  APPROVAL_RULES,
  type ApprovalRule,
  type ApprovalRuleName,
  BOOK_SETTINGS,
  type ConfigContext,
  type ConfigSetting,
  configSetting,
  type Issue,
  type Role,
} from '@tradeloop/core';
import { loadApprovalRules, setApprovalRule } from './approvals.js';
import type { Book } from './book.js';
import { rejected } from './refusal.js';

/** One setting as `config list` shows it. */
export interface ConfigEntry {
  key: string;
  /** As a person reads it. */
  value: string;
  /** As kept in the book. */
  stored: string;
  default: string;
  /** Whether the book sets it, rather than taking the default. */
  set: boolean;
  description: string;
}

const contextOf = (book: Book): ConfigContext => {
  const { precision, rounding } = book.settings();
  return { precision, rounding };
};

const approvalKey = (key: string): { rule: ApprovalRuleName; field: string } | undefined => {
  const [head, rule, field] = key.split('.');
  return head === 'approval' && field && (APPROVAL_RULES as readonly string[]).includes(rule ?? '')
    ? { rule: rule as ApprovalRuleName, field }
    : undefined;
};

/** An approval rule's field as stored text: amounts in minor units, no second step as ''. */
function approvalField(rule: ApprovalRule, field: string): string {
  if (field === 'over') return String(rule.over);
  if (field === 'role') return rule.role;
  if (field === 'second_over') return rule.second ? String(rule.second.over) : '';
  return rule.second?.role ?? '';
}

function storedValue(book: Book, setting: ConfigSetting): { stored: string; set: boolean } {
  const approval = approvalKey(setting.key);
  if (approval) return { stored: approvalField(loadApprovalRules(book)[approval.rule], approval.field), set: true };
  const row = book.exec.value<string>('select value from settings where key = ?', setting.key);
  return row === undefined ? { stored: setting.default, set: false } : { stored: row, set: true };
}

const shown = (setting: ConfigSetting, stored: string, context: ConfigContext) =>
  setting.show ? setting.show(stored, context) : stored;

/** Every setting of the book with its value, default and what it sets. */
export function listConfig(book: Book): ConfigEntry[] {
  book.requirePermission('book.read');
  const context = contextOf(book);
  return BOOK_SETTINGS.map((setting) => {
    const { stored, set } = storedValue(book, setting);
    return {
      key: setting.key,
      value: shown(setting, stored, context),
      stored,
      default: setting.default === '' ? '' : shown(setting, setting.default, context),
      set,
      description: setting.description,
    };
  });
}

const refuse = (issue: Issue) => rejected([issue]);

/** Whether the book holds any amount yet: its currency and precision are then fixed. */
const holdsAmounts = (book: Book): boolean =>
  book.exec.value<number>(
    `select exists (select 1 from products) or exists (select 1 from sales_orders) or exists (select 1 from purchase_orders)
       or exists (select 1 from invoices) or exists (select 1 from payments) or exists (select 1 from journal_entries)`,
  ) === 1;

/**
 * Set one setting from the text a person typed: the key must be known and the value valid for
 * it, or nothing changes (`command.rejected`, naming the key). The change is audited with the
 * value before and after. Approval settings change the book's approval rules one field at a time.
 *
 * @example
 * setConfig(book, 'crm.claim_cap', '150') // { key: 'crm.claim_cap', before: '200', after: '150' }
 */
export function setConfig(book: Book, key: string, text: string): { key: string; before: string; after: string } {
  const found = configSetting(key);
  if (!found.ok) throw rejected(found.issues);
  const setting = found.value;
  const context = contextOf(book);
  const parsed = setting.parse(text, context);
  if (!parsed.ok) throw rejected(parsed.issues);
  const approval = approvalKey(setting.key);
  if (approval) return setApprovalField(book, approval, parsed.value, context);
  const result = book.command('setConfig', () => {
    const before = storedValue(book, setting).stored;
    if ((setting.key === 'currency' || setting.key === 'precision') && parsed.value !== before && holdsAmounts(book))
      throw refuse({
        code: 'config.fixed',
        path: [setting.key],
        message: `${setting.key} is fixed once the book holds amounts: they are kept in its minor units`,
        value: text,
      });
    book.exec.execute(
      'insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
      setting.key,
      parsed.value,
    );
    return {
      value: {
        key: setting.key,
        before: shown(setting, before, context),
        after: shown(setting, parsed.value, context),
      },
      unchanged: before === parsed.value,
      document: setting.key,
      before: { [setting.key]: before },
      after: { [setting.key]: parsed.value },
    };
  });
  book.forgetSettings();
  return result;
}

function setApprovalField(
  book: Book,
  at: { rule: ApprovalRuleName; field: string },
  value: string,
  context: ConfigContext,
): { key: string; before: string; after: string } {
  const key = `approval.${at.rule}.${at.field}`;
  const rule = loadApprovalRules(book)[at.rule];
  const before = approvalField(rule, at.field);
  let next: ApprovalRule;
  if (at.field === 'over') next = { ...rule, over: Number(value) };
  else if (at.field === 'role') next = { ...rule, role: value as Role };
  else if (at.field === 'second_over')
    next = { ...rule, second: value === '' ? null : { over: Number(value), role: rule.second?.role ?? 'owner' } };
  else if (rule.second) next = { ...rule, second: { ...rule.second, role: value as Role } };
  else
    throw refuse({
      code: 'config.no_second_step',
      path: [key],
      message: `${at.rule} has no second step; set approval.${at.rule}.second_over first`,
      value,
    });
  setApprovalRule(book, at.rule, next);
  const setting = configSetting(key);
  const show = (stored: string) => (setting.ok ? shown(setting.value, stored, context) : stored);
  return { key, before: show(before), after: show(value) };
}
