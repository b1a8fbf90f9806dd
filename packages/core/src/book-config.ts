import { APPROVAL_RULES, APPROVER_ROLES, type ApprovalRuleName } from './approval-flow.js';
import { isTimeZone } from './calendar.js';
import { fail, type Issue, ok, type Result } from './issue.js';
import { formatMoney, parseMoney } from './money.js';
import { formatPercent, parsePercent } from './rate.js';
import type { RoundingMode } from './rounding.js';

/** What reading a setting's value needs to know of the book: how it writes amounts. */
export interface ConfigContext {
  precision: number;
  rounding: RoundingMode;
}

/** One book setting: how a person's text becomes the stored text, and back. */
export interface ConfigSetting {
  key: string;
  /** What it sets, English · 中文. */
  description: string;
  /** The stored value a book without it uses. */
  default: string;
  /** A person's text into the stored text, or why not. */
  parse: (text: string, context: ConfigContext) => Result<string>;
  /** The stored text as a person reads it. */
  show?: (stored: string, context: ConfigContext) => string;
}

const invalid = (key: string, value: string, message: string): Result<never> =>
  fail({ code: 'config.invalid_value', path: [key], message, value });

const relabel = <T>(key: string, value: string, r: Result<T>): Result<T> =>
  r.ok ? r : invalid(key, value, r.issues.map((i) => i.message).join('; '));

const text =
  (key: string, rule: { min: number; max: number; pattern?: RegExp; says?: string }) =>
  (value: string): Result<string> => {
    const t = value.trim();
    if (t.length < rule.min || t.length > rule.max)
      return invalid(key, value, `must be ${rule.min} to ${rule.max} characters`);
    if (rule.pattern && !rule.pattern.test(t)) return invalid(key, value, rule.says ?? 'is not in the expected form');
    return ok(t);
  };

const whole =
  (key: string, min: number, max: number) =>
  (value: string): Result<string> => {
    const t = value.trim();
    if (!/^\d+$/.test(t) || Number(t) < min || Number(t) > max)
      return invalid(key, value, `must be a whole number from ${min} to ${max}`);
    return ok(String(Number(t)));
  };

const YES = ['yes', 'y', 'true', '1', '是', 'on'];
const NO = ['no', 'n', 'false', '0', '否', 'off'];
const yesNo =
  (key: string) =>
  (value: string): Result<string> => {
    const t = value.trim().toLowerCase();
    if (YES.includes(t)) return ok('true');
    if (NO.includes(t)) return ok('false');
    return invalid(key, value, 'must be yes or no (是/否)');
  };

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** The document series a book numbers, by prefix. */
export const DOCUMENT_SERIES = {
  SO: 'sales orders 销售订单',
  SH: 'shipments 发货单',
  INV: 'sales invoices 销售发票',
  CN: 'credit notes 红字发票',
  RT: 'sales returns 退货单',
  RC: 'customer receipts 收款单',
  PV: 'payment vouchers seen by salespeople 收款凭证',
  PO: 'purchase orders 采购订单',
  GR: 'goods receipts 入库单',
  PINV: 'supplier invoices 采购发票',
  DN: 'debit notes of returns to suppliers 采购退货单',
  PAY: 'supplier payments 付款单',
  PRQ: 'payment requests 付款申请',
  PR: 'purchase requisitions 请购单',
  RFQ: 'requests for quotation 询价单',
  TR: 'stock transfers 调拨单',
  CNT: 'stock counts 盘点单',
  EXP: 'expenses 费用单',
  COM: 'commission runs 提成单',
  OPP: 'opportunities 商机',
} as const;

/** The pattern every series starts with: `SO-2026-000123`. */
export const DEFAULT_NUMBERING = '{PREFIX}-{YYYY}-{######}';

const PATTERN_TOKEN = /\{(PREFIX|YYYY|YY|MM|#+)\}/g;

/**
 * A numbering pattern read: `{PREFIX}`, `{YYYY}` or `{YY}`, `{MM}` and one run of `#` for the
 * counter (its width), between letters, digits and `-_/.`. The counter restarts each year, so a
 * pattern must carry the year or numbers would repeat.
 *
 * @example
 * parseNumbering('XS{YY}{MM}-{####}') // { ok: true, value: 'XS{YY}{MM}-{####}' }
 */
export function parseNumbering(pattern: string, key = 'numbering'): Result<string> {
  const t = pattern.trim();
  const tokens = [...t.matchAll(PATTERN_TOKEN)].map((m) => m[1] ?? '');
  const literal = t.replace(PATTERN_TOKEN, '');
  if (!/^[A-Za-z0-9_./-]*$/.test(literal) || /[{}]/.test(literal))
    return invalid(key, pattern, 'may hold letters, digits, - _ / . and the tokens {PREFIX} {YYYY} {YY} {MM} {###}');
  const counters = tokens.filter((x) => x.startsWith('#'));
  if (counters.length !== 1 || (counters[0]?.length ?? 0) < 3 || (counters[0]?.length ?? 0) > 10)
    return invalid(key, pattern, 'needs one counter of 3 to 10 #, such as {######}');
  if (!tokens.includes('YYYY') && !tokens.includes('YY'))
    return invalid(key, pattern, 'needs the year ({YYYY} or {YY}): the counter starts again each year');
  if (t.length > 40) return invalid(key, pattern, 'must be at most 40 characters');
  return ok(t);
}

/**
 * A document number from its pattern: the series' prefix, the date's year and month, the counter.
 *
 * @example
 * renderNumber('{PREFIX}-{YYYY}-{######}', { prefix: 'SO', date: '2026-03-02', n: 123 }) // 'SO-2026-000123'
 */
export function renderNumber(pattern: string, at: { prefix: string; date: string; n: number }): string {
  return pattern.replace(PATTERN_TOKEN, (_, token: string) => {
    if (token === 'PREFIX') return at.prefix;
    if (token === 'YYYY') return at.date.slice(0, 4);
    if (token === 'YY') return at.date.slice(2, 4);
    if (token === 'MM') return at.date.slice(5, 7);
    return String(at.n).padStart(token.length, '0');
  });
}

const asStored = (key: string, value: string, r: Result<number>): Result<string> =>
  r.ok ? ok(String(r.value)) : relabel(key, value, r);

const money = (key: string) => ({
  parse: (value: string, c: ConfigContext) => asStored(key, value, parseMoney(value, c)),
  show: (stored: string, c: ConfigContext) => formatMoney(Number(stored), { precision: c.precision, grouping: true }),
});

const approverRole = (key: string) => (value: string) => {
  const t = value.trim();
  return (APPROVER_ROLES as readonly string[]).includes(t)
    ? ok(t)
    : invalid(key, value, `must be one of ${APPROVER_ROLES.join(', ')}`);
};

const RULE_TITLES: Readonly<Record<ApprovalRuleName, string>> = {
  order_amount: 'sales orders over an amount 大额销售订单',
  discount: 'discounts beyond authority or below the floor price 超权限折扣/低于底价',
  credit: 'orders beyond the customer’s credit 超信用额度',
  po_amount: 'purchase orders over an amount 大额采购订单',
  supplier_payment: 'supplier payments over an amount 大额付款',
};

/** Approval settings: kept together in the book's approval rules, shown and set one field at a time. */
export const APPROVAL_SETTINGS: readonly ConfigSetting[] = APPROVAL_RULES.flatMap((rule): ConfigSetting[] => {
  const at = (field: string) => `approval.${rule}.${field}`;
  const title = RULE_TITLES[rule];
  const amountField = (field: string, what: string): ConfigSetting => ({
    key: at(field),
    description: `${title}: ${what}`,
    default: '',
    ...money(at(field)),
  });
  return [
    {
      ...amountField(
        'over',
        rule === 'discount' || rule === 'credit' ? 'applies over this amount (0: always)' : 'over this amount',
      ),
    },
    { key: at('role'), description: `${title}: who approves 审批角色`, default: '', parse: approverRole(at('role')) },
    {
      ...amountField('second_over', 'a second step over this amount (none: no second step) 二级审批金额'),
      parse: (value, c) => (/^\s*(none|无|-)?\s*$/i.test(value) ? ok('') : money(at('second_over')).parse(value, c)),
      show: (stored, c) => (stored === '' ? 'none' : money(at('second_over')).show(stored, c)),
    },
    {
      key: at('second_role'),
      description: `${title}: who approves the second step 二级审批角色`,
      default: '',
      parse: approverRole(at('second_role')),
    },
  ];
});

/** Every setting of a book a person may read and set, in the order `config list` shows them. */
export const BOOK_SETTINGS: readonly ConfigSetting[] = [
  {
    key: 'company',
    description: 'company name 公司名称',
    default: 'My Company',
    parse: text('company', { min: 1, max: 200 }),
  },
  {
    key: 'tax_id',
    description: 'tax id, e.g. the unified social credit code 纳税人识别号/统一社会信用代码',
    default: '',
    parse: text('tax_id', { min: 0, max: 30, pattern: /^[A-Za-z0-9-]*$/, says: 'may hold letters, digits and -' }),
  },
  {
    key: 'currency',
    description: 'currency code (ISO 4217) 本位币; set before the first amount',
    default: 'CNY',
    parse: (value) => {
      const t = value.trim().toUpperCase();
      return CURRENCIES.has(t)
        ? ok(t)
        : invalid('currency', value, 'must be an ISO 4217 currency code such as CNY, USD, EUR');
    },
  },
  {
    key: 'precision',
    description: 'decimal places of amounts 金额小数位; set before the first amount',
    default: '2',
    parse: whole('precision', 0, 6),
  },
  {
    key: 'rounding',
    description: 'how amounts are rounded: half-up (四舍五入) or half-even (银行家舍入)',
    default: 'half-up',
    parse: (value) => {
      const t = value.trim().toLowerCase();
      return t === 'half-up' || t === 'half-even' ? ok(t) : invalid('rounding', value, 'must be half-up or half-even');
    },
  },
  {
    key: 'time_zone',
    description: 'time zone of the business day 时区 (IANA, e.g. Asia/Shanghai)',
    default: 'Asia/Shanghai',
    parse: (value) =>
      isTimeZone(value.trim())
        ? ok(value.trim())
        : invalid('time_zone', value, 'must be an IANA time zone such as Asia/Shanghai'),
  },
  {
    key: 'prices_include_tax',
    description: 'product prices and new price lists include VAT 价格含税 (yes/no)',
    default: 'false',
    parse: yesNo('prices_include_tax'),
    show: (stored) => (stored === 'true' ? 'yes' : 'no'),
  },
  {
    key: 'crm.claim_cap',
    description: 'most customers a salesperson may own 业务员客户上限',
    default: '200',
    parse: whole('crm.claim_cap', 1, 100_000),
  },
  {
    key: 'crm.lapse_days',
    description: 'days without activity before a customer returns to the pool 客户回收天数',
    default: '90',
    parse: whole('crm.lapse_days', 1, 3650),
  },
  {
    key: 'reorder.history_days',
    description: 'days of sales the reorder run averages 补货参考天数',
    default: '90',
    parse: whole('reorder.history_days', 7, 3650),
  },
  {
    key: 'match.price_tolerance_bp',
    description: 'supplier invoice price tolerance against the PO 三单匹配价格容差 (%)',
    default: '0',
    parse: (value) => asStored('match.price_tolerance_bp', value, parsePercent(value)),
    show: (stored) => `${formatPercent(Number(stored))}%`,
  },
  ...Object.entries(DOCUMENT_SERIES).map(
    ([prefix, what]): ConfigSetting => ({
      key: `numbering.${prefix}`,
      description: `numbering of ${what} 单据编号规则`,
      default: DEFAULT_NUMBERING,
      parse: (value) => parseNumbering(value, `numbering.${prefix}`),
    }),
  ),
  ...APPROVAL_SETTINGS,
];

/** The setting of a key, or an issue naming the keys there are. */
export function configSetting(key: string): Result<ConfigSetting> {
  const found = BOOK_SETTINGS.find((s) => s.key === key.trim());
  if (found) return ok(found);
  const near = BOOK_SETTINGS.filter((s) => s.key.split('.')[0] === key.trim().split('.')[0]).map((s) => s.key);
  const issue: Issue = {
    code: 'config.unknown_key',
    path: [key],
    message: `no such setting${near.length > 0 ? `; did you mean ${near.slice(0, 4).join(', ')}` : ''} (tradeloop config list shows them all)`,
    value: key,
  };
  return fail(issue);
}
