import { z } from 'zod';
import { parseBoolean } from './boolean.js';
import { parseDate } from './calendar.js';
import { type ColumnSpec, textOnly } from './columns.js';
import { type CommissionPlanRow, commissionRateIssue, ladderStepIssue } from './commission-plan.js';
import { assertInput, inputIssues, moneyOptionsInput } from './input.js';
import { fail, ok, type Result } from './issue.js';
import { type MoneyOptions, parseMoney } from './money.js';
import { type Promotion, qtyRangeIssue } from './pricing.js';
import { parseQuantity } from './quantity.js';
import { parsePercent } from './rate.js';

const text = (t: string): Result<string> => ok(t.trim());
const integer = (t: string): Result<number> => {
  const n = Number(t.trim());
  return Number.isInteger(n)
    ? ok(n)
    : fail({ code: 'integer.format', path: [], message: 'must be a whole number', value: t });
};
const choice =
  <T extends string>(values: Record<string, T>, message: string) =>
  (t: string): Result<T> => {
    const v = values[t.trim().toLowerCase()];
    return v ? ok(v) : fail({ code: 'choice.format', path: [], message, value: t });
  };
const col = <T>(spec: Omit<ColumnSpec<T>, 'format'> & { format?: ColumnSpec<T>['format'] }): ColumnSpec<T> => ({
  format: (v: unknown) => (v === null || v === undefined ? '' : String(v)),
  ...spec,
  parse: textOnly(spec.parse),
});

const moneyArgs = z.object({ money: moneyOptionsInput });
const orderLineArgs = z.object({ kind: z.enum(['sales', 'purchase']), money: moneyOptionsInput });

export const customerRowSchema = z.object({
  code: z.string().min(1, { error: 'is required' }).max(32, { error: 'must be at most 32 characters' }),
  name: z.string().min(1, { error: 'is required' }).max(200, { error: 'must be at most 200 characters' }),
  tier: z.string().max(32).nullable(),
  channel: z.string().max(32).nullable(),
  region: z.string().max(32).nullable(),
  owner: z.string().max(32).nullable(),
  creditLimit: z.int().min(0, { error: 'must not be negative' }).nullable(),
  terms: z.enum(['prepaid', 'credit']),
  paymentDays: z.int().min(0, { error: 'must not be negative' }).max(365, { error: 'must be at most 365' }),
  taxId: z.string().max(32).nullable(),
  phone: z.string().max(40).nullable(),
  address: z.string().max(300).nullable(),
  bankAccount: z.string().max(200).nullable(),
});
export type CustomerRow = z.infer<typeof customerRowSchema>;

/**
 * Customer columns for imports, in English and Chinese.
 *
 * @example
 * matchHeaders(customerColumns(), ['客户编码', '客户名称', '信用额度']).ok // true
 */
export function customerColumns(money: MoneyOptions = {}): ColumnSpec<CustomerRow>[] {
  assertInput(moneyArgs, { money }, 'customerColumns');
  const nullable = (t: string) => ok(t.trim() === '' ? null : t.trim());
  return [
    col({
      field: 'code',
      header: 'code',
      aliases: ['编码', '客户编码', '客户代码', 'customer code'],
      label: { en: 'Code', zh: '编码' },
      required: true,
      parse: text,
    }),
    col({
      field: 'name',
      header: 'name',
      aliases: ['名称', '客户名称', '客户', 'customer name', 'company'],
      label: { en: 'Name', zh: '名称' },
      required: true,
      parse: text,
    }),
    col({
      field: 'tier',
      header: 'tier',
      aliases: ['等级', '客户等级', '价格等级'],
      label: { en: 'Tier', zh: '等级' },
      required: false,
      fallback: null,
      parse: nullable,
    }),
    col({
      field: 'channel',
      header: 'channel',
      aliases: ['渠道', '销售渠道'],
      label: { en: 'Channel', zh: '渠道' },
      required: false,
      fallback: null,
      parse: nullable,
    }),
    col({
      field: 'region',
      header: 'region',
      aliases: ['地区', '区域', '销售区域', '省份'],
      label: { en: 'Region', zh: '地区' },
      required: false,
      fallback: null,
      parse: nullable,
    }),
    col({
      field: 'owner',
      header: 'owner',
      aliases: ['业务员', '负责人', 'salesperson'],
      label: { en: 'Owner', zh: '业务员' },
      required: false,
      fallback: null,
      parse: nullable,
    }),
    col({
      field: 'creditLimit',
      header: 'credit_limit',
      aliases: ['信用额度', 'credit limit'],
      label: { en: 'Credit limit', zh: '信用额度' },
      required: false,
      fallback: null,
      parse: (t) => parseMoney(t, money),
    }),
    col({
      field: 'terms',
      header: 'terms',
      aliases: ['结算方式', '付款方式', 'payment terms'],
      label: { en: 'Terms', zh: '结算方式' },
      required: false,
      fallback: 'credit',
      parse: choice(
        {
          prepaid: 'prepaid',
          credit: 'credit',
          预付: 'prepaid',
          先款后货: 'prepaid',
          赊销: 'credit',
          月结: 'credit',
          账期: 'credit',
        },
        'must be prepaid or credit (预付 / 赊销)',
      ),
    }),
    col({
      field: 'paymentDays',
      header: 'payment_days',
      aliases: ['账期', '账期天数', 'payment days'],
      label: { en: 'Payment days', zh: '账期' },
      required: false,
      fallback: 30,
      parse: integer,
    }),
    col({
      field: 'taxId',
      header: 'tax_id',
      aliases: ['税号', '统一社会信用代码', 'tax id'],
      label: { en: 'Tax id', zh: '税号' },
      required: false,
      fallback: null,
      parse: nullable,
    }),
    col({
      field: 'phone',
      header: 'phone',
      aliases: ['电话', '联系电话', '手机'],
      label: { en: 'Phone', zh: '电话' },
      required: false,
      fallback: null,
      parse: nullable,
    }),
    col({
      field: 'address',
      header: 'address',
      aliases: ['地址', '地址电话'],
      label: { en: 'Address', zh: '地址' },
      required: false,
      fallback: null,
      parse: nullable,
    }),
    col({
      field: 'bankAccount',
      header: 'bank_account',
      aliases: ['开户行及账号', '银行账号', 'bank account'],
      label: { en: 'Bank account', zh: '开户行及账号' },
      required: false,
      fallback: null,
      parse: nullable,
    }),
  ];
}

export const contactRowSchema = z.object({
  customer: z.string().min(1, { error: 'is required' }).max(32),
  name: z.string().min(1, { error: 'is required' }).max(100, { error: 'must be at most 100 characters' }),
  title: z.string().max(60).nullable(),
  phone: z.string().max(40).nullable(),
  email: z.email({ error: 'must be an e-mail address like li@example.com' }).nullable(),
  wechat: z.string().max(60).nullable(),
});
export type ContactRow = z.infer<typeof contactRowSchema>;

/**
 * Contact people of customers, keyed by customer and name (a re-import updates them).
 *
 * @example
 * matchHeaders(contactColumns(), ['客户编码', '联系人', '手机', '微信']).ok // true
 */
export function contactColumns(): ColumnSpec<ContactRow>[] {
  const nullable = (t: string) => ok(t.trim() === '' ? null : t.trim());
  const optional = (field: 'title' | 'phone' | 'email' | 'wechat', header: string, aliases: string[], zh: string) =>
    col<ContactRow>({
      field,
      header,
      aliases,
      label: { en: header[0]?.toUpperCase() + header.slice(1), zh },
      required: false,
      fallback: null,
      parse: nullable,
    });
  return [
    col({
      field: 'customer',
      header: 'customer',
      aliases: ['客户', '客户编码', 'customer code'],
      label: { en: 'Customer', zh: '客户编码' },
      required: true,
      parse: text,
    }),
    col({
      field: 'name',
      header: 'name',
      aliases: ['联系人', '姓名', 'contact', 'contact name'],
      label: { en: 'Name', zh: '联系人' },
      required: true,
      parse: text,
    }),
    optional('title', 'title', ['职务', '职位', 'job title', 'position'], '职务'),
    optional('phone', 'phone', ['电话', '手机', '手机号', 'mobile'], '电话'),
    optional('email', 'email', ['邮箱', '电子邮件', 'e-mail'], '邮箱'),
    optional('wechat', 'wechat', ['微信', '微信号', 'weixin'], '微信'),
  ];
}

export const targetRowSchema = z.object({
  salesperson: z.string().min(1, { error: 'is required' }).max(32),
  month: z.string(),
  amount: z.int().min(0, { error: 'must not be negative' }),
});
export type TargetRow = z.infer<typeof targetRowSchema>;

/**
 * Monthly sales targets per salesperson (net sales, before VAT): `2026-03` or `2026年3月`.
 *
 * @example
 * matchHeaders(targetColumns(), ['业务员', '月份', '目标']).ok // true
 */
export function targetColumns(money: MoneyOptions = {}): ColumnSpec<TargetRow>[] {
  assertInput(moneyArgs, { money }, 'targetColumns');
  return [
    col({
      field: 'salesperson',
      header: 'salesperson',
      aliases: ['业务员', '销售员', '业务员编码'],
      label: { en: 'Salesperson', zh: '业务员' },
      required: true,
      parse: text,
    }),
    col({
      field: 'month',
      header: 'month',
      aliases: ['月份', '期间', 'period'],
      label: { en: 'Month', zh: '月份' },
      required: true,
      parse: parseMonth,
    }),
    col({
      field: 'amount',
      header: 'amount',
      aliases: ['目标', '目标金额', '销售目标', 'target'],
      label: { en: 'Target', zh: '目标金额' },
      required: true,
      parse: (t) => parseMoney(t, money),
    }),
  ];
}

/** `2026-03`, `2026/3`, `2026.03` or `2026年3月` as `2026-03`. */
function parseMonth(t: string): Result<string> {
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/.exec(t.trim());
  const month = Number(m?.[2]);
  return m && month >= 1 && month <= 12
    ? ok(`${m[1]}-${String(month).padStart(2, '0')}`)
    : fail({ code: 'month.format', path: [], message: 'must be a month like 2026-03 or 2026年3月', value: t });
}

export const supplierRowSchema = z.object({
  code: z.string().min(1, { error: 'is required' }).max(32),
  name: z.string().min(1, { error: 'is required' }).max(200),
  grade: z.enum(['A', 'B', 'C', 'D'], { error: 'must be A, B, C or D' }),
  paymentDays: z.int().min(0).max(365),
  taxId: z.string().max(32).nullable(),
});
export type SupplierRow = z.infer<typeof supplierRowSchema>;

/** Supplier columns for imports. */
export function supplierColumns(): ColumnSpec<SupplierRow>[] {
  return [
    col({
      field: 'code',
      header: 'code',
      aliases: ['编码', '供应商编码', 'supplier code'],
      label: { en: 'Code', zh: '编码' },
      required: true,
      parse: text,
    }),
    col({
      field: 'name',
      header: 'name',
      aliases: ['名称', '供应商名称', '供应商'],
      label: { en: 'Name', zh: '名称' },
      required: true,
      parse: text,
    }),
    col({
      field: 'grade',
      header: 'grade',
      aliases: ['等级', '供应商等级'],
      label: { en: 'Grade', zh: '等级' },
      required: false,
      fallback: 'B',
      parse: (t) => ok(t.trim().toUpperCase() as 'A'),
    }),
    col({
      field: 'paymentDays',
      header: 'payment_days',
      aliases: ['账期', 'payment days'],
      label: { en: 'Payment days', zh: '账期' },
      required: false,
      fallback: 30,
      parse: integer,
    }),
    col({
      field: 'taxId',
      header: 'tax_id',
      aliases: ['税号'],
      label: { en: 'Tax id', zh: '税号' },
      required: false,
      fallback: null,
      parse: (t) => ok(t.trim() || null),
    }),
  ];
}

export const openingStockRowSchema = z.object({
  sku: z.string().min(1, { error: 'is required' }),
  warehouse: z.string().min(1, { error: 'is required' }),
  qty: z.int().min(1, { error: 'must be positive' }),
  unitCost: z.int().min(0, { error: 'must not be negative' }),
  batch: z.string().nullable(),
  expiry: z.string().nullable(),
});
export type OpeningStockRow = z.infer<typeof openingStockRowSchema>;

/** Opening stock columns: product, warehouse, quantity, unit cost, optional batch and expiry. */
export function openingStockColumns(money: MoneyOptions = {}): ColumnSpec<OpeningStockRow>[] {
  assertInput(moneyArgs, { money }, 'openingStockColumns');
  return [
    col({
      field: 'sku',
      header: 'sku',
      aliases: ['编码', '商品编码', '物料编码'],
      label: { en: 'SKU', zh: '编码' },
      required: true,
      parse: text,
    }),
    col({
      field: 'warehouse',
      header: 'warehouse',
      aliases: ['仓库', '仓库编码'],
      label: { en: 'Warehouse', zh: '仓库' },
      required: true,
      parse: text,
    }),
    col({
      field: 'qty',
      header: 'qty',
      aliases: ['数量', '期初数量', 'quantity'],
      label: { en: 'Quantity', zh: '数量' },
      required: true,
      parse: (t) => parseQuantity(t),
    }),
    col({
      field: 'unitCost',
      header: 'unit_cost',
      aliases: ['单位成本', '成本单价', '单价', 'cost'],
      label: { en: 'Unit cost', zh: '单位成本' },
      required: true,
      parse: (t) => parseMoney(t, money),
    }),
    col({
      field: 'batch',
      header: 'batch',
      aliases: ['批次', '批号'],
      label: { en: 'Batch', zh: '批次' },
      required: false,
      fallback: null,
      parse: (t) => ok(t.trim() || null),
    }),
    col({
      field: 'expiry',
      header: 'expiry',
      aliases: ['有效期', '到期日', '有效期至'],
      label: { en: 'Expiry', zh: '有效期' },
      required: false,
      fallback: null,
      parse: parseDate,
    }),
  ];
}

const nullableText = (t: string): Result<string | null> => ok(t.trim() === '' ? null : t.trim());
const list = (t: string): Result<string[] | null> => {
  const parts = t
    .split(/[;,，；、|]/)
    .map((p) => p.trim())
    .filter(Boolean);
  return ok(parts.length === 0 ? null : parts);
};

export const salespersonRowSchema = z.object({
  code: z.string().min(1, { error: 'is required' }).max(32),
  name: z.string().min(1, { error: 'is required' }).max(100),
  level: z.string().min(1, { error: 'is required' }).max(32),
  manager: z.string().max(32).nullable(),
  maxDiscount: z.int().min(0).max(10_000, { error: 'must be at most 100%' }),
});
export type SalespersonRow = z.infer<typeof salespersonRowSchema>;

/** Salespeople: code, name, level, manager, discount authority (%). */
export function salespersonColumns(): ColumnSpec<SalespersonRow>[] {
  return [
    col({
      field: 'code',
      header: 'code',
      aliases: ['编码', '工号', '业务员编码'],
      label: { en: 'Code', zh: '编码' },
      required: true,
      parse: text,
    }),
    col({
      field: 'name',
      header: 'name',
      aliases: ['姓名', '名称'],
      label: { en: 'Name', zh: '姓名' },
      required: true,
      parse: text,
    }),
    col({
      field: 'level',
      header: 'level',
      aliases: ['级别', '职级'],
      label: { en: 'Level', zh: '级别' },
      required: true,
      parse: text,
    }),
    col({
      field: 'manager',
      header: 'manager',
      aliases: ['上级', '主管', '经理'],
      label: { en: 'Manager', zh: '上级' },
      required: false,
      fallback: null,
      parse: nullableText,
    }),
    col({
      field: 'maxDiscount',
      header: 'max_discount',
      aliases: ['最大折扣', '折扣权限', 'discount authority'],
      label: { en: 'Max discount %', zh: '折扣权限%' },
      required: false,
      fallback: 0,
      parse: (t) => parsePercent(t),
    }),
  ];
}

export const warehouseRowSchema = z.object({
  code: z.string().min(1, { error: 'is required' }).max(32),
  name: z.string().min(1, { error: 'is required' }).max(100),
  type: z.enum(['main', 'branch', 'transit', 'returns'], { error: 'must be main, branch, transit or returns' }),
  bins: z.array(z.string()).nullable(),
});
export type WarehouseRow = z.infer<typeof warehouseRowSchema>;

/** Warehouses: code, name, type, bins (separated by ; or 、). */
export function warehouseColumns(): ColumnSpec<WarehouseRow>[] {
  return [
    col({
      field: 'code',
      header: 'code',
      aliases: ['编码', '仓库编码'],
      label: { en: 'Code', zh: '编码' },
      required: true,
      parse: text,
    }),
    col({
      field: 'name',
      header: 'name',
      aliases: ['名称', '仓库名称'],
      label: { en: 'Name', zh: '名称' },
      required: true,
      parse: text,
    }),
    col({
      field: 'type',
      header: 'type',
      aliases: ['类型', '仓库类型'],
      label: { en: 'Type', zh: '类型' },
      required: false,
      fallback: 'main',
      parse: choice(
        {
          main: 'main',
          branch: 'branch',
          transit: 'transit',
          returns: 'returns',
          主仓: 'main',
          分仓: 'branch',
          在途: 'transit',
          退货仓: 'returns',
        },
        'must be main, branch, transit or returns (主仓/分仓/在途/退货仓)',
      ),
    }),
    col({
      field: 'bins',
      header: 'bins',
      aliases: ['库位', '货位'],
      label: { en: 'Bins', zh: '库位' },
      required: false,
      fallback: null,
      parse: list,
    }),
  ];
}

/** A quantity range that ends before it starts, refused on its max column with the rule's code. */
const qtyRange =
  (rule: 'price' | 'promotion') => (row: { minQty: number | null; maxQty: number | null }, ctx: z.RefinementCtx) => {
    const issue = qtyRangeIssue(rule, row.minQty, row.maxQty, ['maxQty']);
    if (issue)
      ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path], params: { code: issue.code } });
  };

export const priceRowSchema = z
  .object({
    list: z.string().min(1, { error: 'is required' }),
    scope: z.enum(['base', 'tier', 'channel', 'customer']),
    scopeValue: z.string().nullable(),
    sku: z.string().min(1, { error: 'is required' }),
    minQty: z.int().min(0),
    maxQty: z.int().min(0).nullable(),
    price: z.int().min(0, { error: 'must not be negative' }),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    taxInclusive: z.boolean().nullable(),
  })
  .superRefine(qtyRange('price'));
export type PriceRow = z.infer<typeof priceRowSchema>;

/**
 * Price list rows, one product and quantity range a row; the rows of a list are the whole list.
 * Scope: base (基础价), tier (等级), channel (渠道) or customer (客户), with its value. A row
 * holds from `min_qty` to `max_qty` included; an empty `max_qty` has no upper bound.
 * `tax_inclusive` (含税): whether the list's prices include VAT; empty keeps what the list has,
 * and a new list takes the book's default.
 */
export function priceRowColumns(money: MoneyOptions = {}): ColumnSpec<PriceRow>[] {
  assertInput(moneyArgs, { money }, 'priceRowColumns');
  return [
    col({
      field: 'list',
      header: 'list',
      aliases: ['价格表', '价目表'],
      label: { en: 'Price list', zh: '价格表' },
      required: true,
      parse: text,
    }),
    col({
      field: 'scope',
      header: 'scope',
      aliases: ['适用范围', '范围'],
      label: { en: 'Scope', zh: '适用范围' },
      required: false,
      fallback: 'base',
      parse: choice(
        {
          base: 'base',
          tier: 'tier',
          channel: 'channel',
          customer: 'customer',
          基础价: 'base',
          基础: 'base',
          等级: 'tier',
          渠道: 'channel',
          客户: 'customer',
        },
        'must be base, tier, channel or customer',
      ),
    }),
    col({
      field: 'scopeValue',
      header: 'scope_value',
      aliases: ['适用对象', '对象'],
      label: { en: 'For', zh: '适用对象' },
      required: false,
      fallback: null,
      parse: nullableText,
    }),
    col({
      field: 'sku',
      header: 'sku',
      aliases: ['编码', '商品编码'],
      label: { en: 'SKU', zh: '编码' },
      required: true,
      parse: text,
    }),
    col({
      field: 'minQty',
      header: 'min_qty',
      aliases: ['起订量', '数量起点'],
      label: { en: 'From qty', zh: '起订量' },
      required: false,
      fallback: 0,
      parse: (t) => parseQuantity(t),
    }),
    col({
      field: 'maxQty',
      header: 'max_qty',
      aliases: ['最大数量', '数量上限', '数量止点'],
      label: { en: 'To qty', zh: '最大数量' },
      required: false,
      fallback: null,
      parse: (t) => parseQuantity(t),
    }),
    col({
      field: 'price',
      header: 'price',
      aliases: ['价格', '单价', '售价'],
      label: { en: 'Price', zh: '价格' },
      required: true,
      parse: (t) => parseMoney(t, money),
    }),
    col({
      field: 'validFrom',
      header: 'valid_from',
      aliases: ['生效日期', '开始日期'],
      label: { en: 'From', zh: '生效日期' },
      required: false,
      fallback: null,
      parse: parseDate,
    }),
    col({
      field: 'validTo',
      header: 'valid_to',
      aliases: ['失效日期', '结束日期'],
      label: { en: 'To', zh: '失效日期' },
      required: false,
      fallback: null,
      parse: parseDate,
    }),
    col({
      field: 'taxInclusive',
      header: 'tax_inclusive',
      aliases: ['含税', '价格含税', '是否含税', 'prices include tax', 'tax included'],
      label: { en: 'Incl. VAT', zh: '含税' },
      required: false,
      fallback: null,
      parse: parseBoolean,
    }),
  ];
}

export const promotionRowSchema = z
  .object({
    code: z.string().min(1, { error: 'is required' }),
    kind: z.enum(['percent', 'fixed_price', 'amount_off']),
    value: z.string().min(1, { error: 'is required' }),
    validFrom: z.string(),
    validTo: z.string(),
    skus: z.array(z.string()).nullable(),
    categories: z.array(z.string()).nullable(),
    tiers: z.array(z.string()).nullable(),
    channels: z.array(z.string()).nullable(),
    minQty: z.int().min(0).nullable(),
    maxQty: z.int().min(0).nullable(),
    stackable: z.boolean(),
  })
  .superRefine(qtyRange('promotion'));
export type PromotionRow = z.infer<typeof promotionRowSchema>;

/** Promotions: percent off (折扣), fixed price (特价) or amount off (立减), for products, categories, tiers or channels. */
export function promotionColumns(): ColumnSpec<PromotionRow>[] {
  return [
    col({
      field: 'code',
      header: 'code',
      aliases: ['编码', '活动编码'],
      label: { en: 'Code', zh: '编码' },
      required: true,
      parse: text,
    }),
    col({
      field: 'kind',
      header: 'kind',
      aliases: ['类型', '优惠类型'],
      label: { en: 'Kind', zh: '类型' },
      required: true,
      parse: choice(
        {
          percent: 'percent',
          fixed_price: 'fixed_price',
          amount_off: 'amount_off',
          折扣: 'percent',
          打折: 'percent',
          特价: 'fixed_price',
          立减: 'amount_off',
        },
        'must be percent, fixed_price or amount_off (折扣/特价/立减)',
      ),
    }),
    col({
      field: 'value',
      header: 'value',
      aliases: ['优惠值', '折扣', '金额'],
      label: { en: 'Value', zh: '优惠值' },
      required: true,
      parse: text,
    }),
    col({
      field: 'validFrom',
      header: 'valid_from',
      aliases: ['开始日期'],
      label: { en: 'From', zh: '开始日期' },
      required: true,
      parse: parseDate,
    }),
    col({
      field: 'validTo',
      header: 'valid_to',
      aliases: ['结束日期'],
      label: { en: 'To', zh: '结束日期' },
      required: true,
      parse: parseDate,
    }),
    col({
      field: 'skus',
      header: 'skus',
      aliases: ['商品'],
      label: { en: 'Products', zh: '商品' },
      required: false,
      fallback: null,
      parse: list,
    }),
    col({
      field: 'categories',
      header: 'categories',
      aliases: ['类别'],
      label: { en: 'Categories', zh: '类别' },
      required: false,
      fallback: null,
      parse: list,
    }),
    col({
      field: 'tiers',
      header: 'tiers',
      aliases: ['客户等级'],
      label: { en: 'Tiers', zh: '客户等级' },
      required: false,
      fallback: null,
      parse: list,
    }),
    col({
      field: 'channels',
      header: 'channels',
      aliases: ['渠道'],
      label: { en: 'Channels', zh: '渠道' },
      required: false,
      fallback: null,
      parse: list,
    }),
    col({
      field: 'minQty',
      header: 'min_qty',
      aliases: ['起订量'],
      label: { en: 'Min qty', zh: '起订量' },
      required: false,
      fallback: null,
      parse: (t) => parseQuantity(t),
    }),
    col({
      field: 'maxQty',
      header: 'max_qty',
      aliases: ['最大数量', '数量上限', '数量止点'],
      label: { en: 'Max qty', zh: '最大数量' },
      required: false,
      fallback: null,
      parse: (t) => parseQuantity(t),
    }),
    col({
      field: 'stackable',
      header: 'stackable',
      aliases: ['可叠加'],
      label: { en: 'Stackable', zh: '可叠加' },
      required: false,
      fallback: false,
      parse: parseBoolean,
    }),
  ];
}

export const expenseRowSchema = z.object({
  date: z.string(),
  account: z.string().min(1),
  net: z.int().min(0, { error: 'must not be negative' }),
  tax: z.int().min(0, { error: 'must not be negative' }),
  vatKind: z.enum(['normal', 'special']),
  paidFrom: z.string().min(1),
  supplier: z.string().nullable(),
  memo: z.string(),
});
export type ExpenseRow = z.infer<typeof expenseRowSchema>;

/** Expenses: date, account (科目, default 6602), net amount, VAT, invoice kind, paid from, supplier, memo. */
export function expenseColumns(money: MoneyOptions = {}): ColumnSpec<ExpenseRow>[] {
  assertInput(moneyArgs, { money }, 'expenseColumns');
  const amount = (t: string) => parseMoney(t, money);
  return [
    col({
      field: 'date',
      header: 'date',
      aliases: ['日期', '费用日期'],
      label: { en: 'Date', zh: '日期' },
      required: true,
      parse: parseDate,
    }),
    col({
      field: 'account',
      header: 'account',
      aliases: ['科目', '费用科目'],
      label: { en: 'Account', zh: '科目' },
      required: false,
      fallback: '6602',
      parse: text,
    }),
    col({
      field: 'net',
      header: 'amount',
      aliases: ['金额', '不含税金额', 'net'],
      label: { en: 'Amount', zh: '金额' },
      required: true,
      parse: amount,
    }),
    col({
      field: 'tax',
      header: 'tax',
      aliases: ['税额', 'vat'],
      label: { en: 'VAT', zh: '税额' },
      required: false,
      fallback: 0,
      parse: amount,
    }),
    col({
      field: 'vatKind',
      header: 'invoice_kind',
      aliases: ['发票类型', '票种'],
      label: { en: 'Invoice', zh: '发票类型' },
      required: false,
      fallback: 'normal',
      parse: choice(
        {
          normal: 'normal',
          special: 'special',
          普票: 'normal',
          普通发票: 'normal',
          专票: 'special',
          专用发票: 'special',
        },
        'must be normal or special (普票/专票)',
      ),
    }),
    col({
      field: 'paidFrom',
      header: 'paid_from',
      aliases: ['付款科目', '支付方式'],
      label: { en: 'Paid from', zh: '付款科目' },
      required: false,
      fallback: '1002',
      parse: text,
    }),
    col({
      field: 'supplier',
      header: 'supplier',
      aliases: ['供应商', '收款方'],
      label: { en: 'Supplier', zh: '供应商' },
      required: false,
      fallback: null,
      parse: nullableText,
    }),
    col({
      field: 'memo',
      header: 'memo',
      aliases: ['摘要', '说明', '备注'],
      label: { en: 'Memo', zh: '摘要' },
      required: false,
      fallback: '',
      parse: text,
    }),
  ];
}

const promotionArgs = z.object({ row: promotionRowSchema, money: moneyOptionsInput });

/**
 * A promotion from its imported row: the value is a percent for `percent`, an amount otherwise.
 *
 * @example
 * promotionFromRow({ code: 'SPRING', kind: 'percent', value: '10%', validFrom: '2026-01-10', validTo: '2026-02-15',
 *   skus: null, categories: ['礼品'], tiers: null, channels: null, minQty: null, maxQty: null, stackable: false })
 * // { ok: true, value: { code: 'SPRING', kind: 'percent', value: 1000, applies: { categories: ['礼品'] }, … } }
 */
export function promotionFromRow(r: PromotionRow, money: MoneyOptions = {}): Result<Promotion> {
  const bad = inputIssues(promotionArgs, { row: r, money });
  if (bad) return fail(...bad);
  const value = r.kind === 'percent' ? parsePercent(r.value) : parseMoney(r.value, money);
  if (!value.ok) return fail(...value.issues.map((i) => ({ ...i, path: ['value'] })));
  if (r.validTo < r.validFrom)
    return fail({ code: 'promotion.dates', path: ['validTo'], message: 'ends before it starts', value: r.validTo });
  return ok({
    code: r.code,
    kind: r.kind,
    value: value.value,
    validFrom: r.validFrom,
    validTo: r.validTo,
    applies: {
      ...(r.skus ? { skus: r.skus } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
      ...(r.tiers ? { tiers: r.tiers } : {}),
      ...(r.channels ? { channels: r.channels } : {}),
    },
    ...(r.minQty === null ? {} : { minQty: r.minQty }),
    ...(r.maxQty === null ? {} : { maxQty: r.maxQty }),
    ...(r.stackable ? { stackable: true } : {}),
  });
}

export const salesHistoryRowSchema = z.object({
  order: z.string().min(1, { error: 'is required' }).max(40),
  date: z.string(),
  customer: z.string().min(1, { error: 'is required' }),
  salesperson: z.string().nullable(),
  warehouse: z.string().min(1, { error: 'is required' }),
  sku: z.string().min(1, { error: 'is required' }),
  qty: z.int().min(1, { error: 'must be positive' }),
  unitPrice: z.int().min(0, { error: 'must not be negative' }).nullable(),
  amount: z.int().min(0, { error: 'must not be negative' }).nullable(),
  tax: z.int().min(0, { error: 'must not be negative' }).nullable(),
  discount: z.int().min(0, { error: 'must not be negative' }).nullable(),
  taxRate: z.int().min(0).max(10_000).nullable(),
  paidDate: z.string().nullable(),
  region: z.string().max(32, { error: 'must be at most 32 characters' }).nullable(),
  address: z.string().max(300, { error: 'must be at most 300 characters' }).nullable(),
  channel: z.string().max(32, { error: 'must be at most 32 characters' }).nullable(),
});
export type SalesHistoryRow = z.infer<typeof salesHistoryRowSchema>;

/**
 * Sales history: completed orders from before tradeloop, one line a row, an order's lines
 * together. Posted with stock moves at FIFO cost, invoices and journal entries; `paid_date` marks
 * the invoice paid in full that day. A line gives its net `amount` as the source system wrote it
 * (tax and discount optional), or only a unit price; region, address and channel belong to the
 * order (its first line's are kept).
 *
 * @example
 * matchHeaders(salesHistoryColumns(), ['订单号', '日期', '客户', '仓库', '编码', '数量', '金额', '收货地区']).ok // true
 */
export function salesHistoryColumns(money: MoneyOptions = {}): ColumnSpec<SalesHistoryRow>[] {
  assertInput(moneyArgs, { money }, 'salesHistoryColumns');
  return [
    col({
      field: 'order',
      header: 'order',
      aliases: ['订单号', '单号', 'order no'],
      label: { en: 'Order', zh: '订单号' },
      required: true,
      parse: text,
    }),
    col({
      field: 'date',
      header: 'date',
      aliases: ['日期', '订单日期', '销售日期'],
      label: { en: 'Date', zh: '日期' },
      required: true,
      parse: parseDate,
    }),
    col({
      field: 'customer',
      header: 'customer',
      aliases: ['客户', '客户编码'],
      label: { en: 'Customer', zh: '客户' },
      required: true,
      parse: text,
    }),
    col({
      field: 'salesperson',
      header: 'salesperson',
      aliases: ['业务员'],
      label: { en: 'Salesperson', zh: '业务员' },
      required: false,
      fallback: null,
      parse: nullableText,
    }),
    col({
      field: 'warehouse',
      header: 'warehouse',
      aliases: ['仓库'],
      label: { en: 'Warehouse', zh: '仓库' },
      required: true,
      parse: text,
    }),
    col({
      field: 'sku',
      header: 'sku',
      aliases: ['编码', '商品编码'],
      label: { en: 'SKU', zh: '编码' },
      required: true,
      parse: text,
    }),
    col({
      field: 'qty',
      header: 'qty',
      aliases: ['数量'],
      label: { en: 'Quantity', zh: '数量' },
      required: true,
      parse: (t) => parseQuantity(t),
    }),
    col({
      field: 'unitPrice',
      header: 'unit_price',
      aliases: ['单价', '不含税单价'],
      label: { en: 'Unit price', zh: '单价' },
      // Either this or the line amount: historyLineAmounts refuses a line with neither.
      required: false,
      fallback: null,
      parse: (t) => parseMoney(t, money),
    }),
    col({
      field: 'amount',
      header: 'amount',
      aliases: ['金额', '不含税金额', '销售额', 'net amount', 'line amount', 'sales'],
      label: { en: 'Amount', zh: '金额' },
      required: false,
      fallback: null,
      parse: (t) => parseMoney(t, money),
    }),
    col({
      field: 'tax',
      header: 'tax',
      aliases: ['税额', 'vat', 'tax amount'],
      label: { en: 'Tax', zh: '税额' },
      required: false,
      fallback: null,
      parse: (t) => parseMoney(t, money),
    }),
    col({
      field: 'discount',
      header: 'discount',
      aliases: ['折扣', '折扣额', '折扣金额', '优惠金额', 'discount amount'],
      label: { en: 'Discount', zh: '折扣额' },
      required: false,
      fallback: null,
      parse: (t) => parseMoney(t, money),
    }),
    col({
      field: 'taxRate',
      header: 'tax_rate',
      aliases: ['税率'],
      label: { en: 'Tax %', zh: '税率' },
      required: false,
      fallback: null,
      parse: (t) => parsePercent(t),
    }),
    col({
      field: 'paidDate',
      header: 'paid_date',
      aliases: ['收款日期', '回款日期'],
      label: { en: 'Paid on', zh: '收款日期' },
      required: false,
      fallback: null,
      parse: parseDate,
    }),
    col({
      field: 'region',
      header: 'region',
      aliases: ['地区', '区域', '收货地区', '省份', 'ship region', 'ship-to region'],
      label: { en: 'Ship-to region', zh: '收货地区' },
      required: false,
      fallback: null,
      parse: nullableText,
    }),
    col({
      field: 'address',
      header: 'address',
      aliases: ['收货地址', '地址', 'ship address', 'ship-to address'],
      label: { en: 'Ship-to address', zh: '收货地址' },
      required: false,
      fallback: null,
      parse: nullableText,
    }),
    col({
      field: 'channel',
      header: 'channel',
      aliases: ['渠道', '销售渠道'],
      label: { en: 'Channel', zh: '渠道' },
      required: false,
      fallback: null,
      parse: nullableText,
    }),
  ];
}

export const orderLineRowSchema = z.object({
  order: z.string().min(1, { error: 'is required' }),
  date: z.string(),
  party: z.string().min(1, { error: 'is required' }),
  warehouse: z.string().min(1, { error: 'is required' }),
  sku: z.string().min(1, { error: 'is required' }),
  qty: z.int().min(1, { error: 'must be positive' }),
  price: z.int().min(0, { error: 'must not be negative' }).nullable(),
  dueDate: z.string().nullable(),
  salesperson: z.string().nullable(),
});
export type OrderLineRow = z.infer<typeof orderLineRowSchema>;

/**
 * Open orders to enter, one line a row, an order's lines together under its reference in the
 * file: sales orders (party = customer, due = promised date, price = a special price asked for)
 * or purchase orders (party = supplier, due = expected date, price = agreed price).
 */
export function orderLineColumns(kind: 'sales' | 'purchase', money: MoneyOptions = {}): ColumnSpec<OrderLineRow>[] {
  assertInput(orderLineArgs, { kind, money }, 'orderLineColumns');
  const sales = kind === 'sales';
  return [
    col({
      field: 'order',
      header: 'order',
      aliases: ['订单号', '单号', '参考号', 'reference'],
      label: { en: 'Order', zh: '订单号' },
      required: true,
      parse: text,
    }),
    col({
      field: 'date',
      header: 'date',
      aliases: ['日期', '订单日期'],
      label: { en: 'Date', zh: '日期' },
      required: true,
      parse: parseDate,
    }),
    col({
      field: 'party',
      header: sales ? 'customer' : 'supplier',
      aliases: sales ? ['客户', '客户编码'] : ['供应商', '供应商编码'],
      label: sales ? { en: 'Customer', zh: '客户' } : { en: 'Supplier', zh: '供应商' },
      required: true,
      parse: text,
    }),
    col({
      field: 'warehouse',
      header: 'warehouse',
      aliases: ['仓库'],
      label: { en: 'Warehouse', zh: '仓库' },
      required: true,
      parse: text,
    }),
    col({
      field: 'sku',
      header: 'sku',
      aliases: ['编码', '商品编码'],
      label: { en: 'SKU', zh: '编码' },
      required: true,
      parse: text,
    }),
    col({
      field: 'qty',
      header: 'qty',
      aliases: ['数量'],
      label: { en: 'Quantity', zh: '数量' },
      required: true,
      parse: (t) => parseQuantity(t),
    }),
    col({
      field: 'price',
      header: 'price',
      aliases: ['单价', '价格'],
      label: { en: 'Price', zh: '单价' },
      required: false,
      fallback: null,
      parse: (t) => parseMoney(t, money),
    }),
    col({
      field: 'dueDate',
      header: sales ? 'promise_date' : 'expected_date',
      aliases: sales ? ['交货日期', '承诺日期'] : ['到货日期', '预计到货'],
      label: sales ? { en: 'Promised', zh: '交货日期' } : { en: 'Expected', zh: '到货日期' },
      required: false,
      fallback: null,
      parse: parseDate,
    }),
    col({
      field: 'salesperson',
      header: 'salesperson',
      aliases: ['业务员'],
      label: { en: 'Salesperson', zh: '业务员' },
      required: false,
      fallback: null,
      parse: nullableText,
    }),
  ];
}

/** A percent that may carry a sign, so that a negative rate reaches the rule that refuses it by name. */
const signedPercent = (t: string): Result<number> => {
  const m = /^\s*([-−+]?)\s*(.*)$/.exec(t) as RegExpExecArray;
  const r = parsePercent(m[2] ?? '', Number.POSITIVE_INFINITY);
  return r.ok && m[1] && m[1] !== '+' ? ok(-r.value) : r;
};

export const commissionPlanRowSchema = z
  .object({
    level: z.string().min(1, { error: 'is required' }).max(32),
    plan: z.string().min(1, { error: 'is required' }).max(32),
    base: z.enum(['net_sales', 'gross_margin', 'collected']),
    scheme: z.enum(['flat', 'marginal', 'whole']),
    from: z.int(),
    rate: z.int(),
    managerOverride: z.int().nullable(),
  })
  .superRefine((row, ctx) => {
    // The same rules as a whole plan (`validateCommissionPlan`), on the cells of one row.
    for (const issue of [
      commissionRateIssue(row.rate, ['rate']),
      row.managerOverride === null ? undefined : commissionRateIssue(row.managerOverride, ['managerOverride']),
      ladderStepIssue(row.from, undefined, ['from']),
    ])
      if (issue)
        ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path], params: { code: issue.code } });
  });

/**
 * Commission plans, one band a row; a level's rows together, thresholds rising (flat plans: one
 * row). Base: net_sales (销售额), gross_margin (毛利) or collected (回款); scheme: flat (固定比例),
 * marginal (超额累进) or whole (全额累进).
 *
 * @example
 * matchHeaders(commissionPlanColumns(), ['级别', '方案', '提成基数', '提成方式', '起点', '提成比例']).ok // true
 */
export function commissionPlanColumns(money: MoneyOptions = {}): ColumnSpec<CommissionPlanRow>[] {
  assertInput(moneyArgs, { money }, 'commissionPlanColumns');
  return [
    col({
      field: 'level',
      header: 'level',
      aliases: ['级别', '业务员级别', '职级'],
      label: { en: 'Level', zh: '级别' },
      required: true,
      parse: text,
    }),
    col({
      field: 'plan',
      header: 'plan',
      aliases: ['方案', '提成方案', '方案编码', 'code'],
      label: { en: 'Plan', zh: '方案' },
      required: true,
      parse: text,
    }),
    col({
      field: 'base',
      header: 'base',
      aliases: ['提成基数', '基数', '计提基数'],
      label: { en: 'Base', zh: '提成基数' },
      required: false,
      fallback: 'net_sales',
      parse: choice(
        {
          net_sales: 'net_sales',
          gross_margin: 'gross_margin',
          collected: 'collected',
          销售额: 'net_sales',
          净销售额: 'net_sales',
          毛利: 'gross_margin',
          回款: 'collected',
        },
        'must be net_sales, gross_margin or collected (销售额/毛利/回款)',
      ),
    }),
    col({
      field: 'scheme',
      header: 'scheme',
      aliases: ['提成方式', '方式', '计提方式'],
      label: { en: 'Scheme', zh: '提成方式' },
      required: false,
      fallback: 'flat',
      parse: choice(
        {
          flat: 'flat',
          marginal: 'marginal',
          whole: 'whole',
          固定比例: 'flat',
          固定: 'flat',
          超额累进: 'marginal',
          累进: 'marginal',
          全额累进: 'whole',
          全额: 'whole',
        },
        'must be flat, marginal or whole (固定比例/超额累进/全额累进)',
      ),
    }),
    col({
      field: 'from',
      header: 'from',
      aliases: ['起点', '起点金额', '业绩起点', '门槛'],
      label: { en: 'From', zh: '起点' },
      required: false,
      fallback: 0,
      parse: (t) => parseMoney(t, money),
    }),
    col({
      field: 'rate',
      header: 'rate',
      aliases: ['提成比例', '比例', '提成率'],
      label: { en: 'Rate %', zh: '提成比例' },
      required: true,
      parse: signedPercent,
    }),
    col({
      field: 'managerOverride',
      header: 'manager_override',
      aliases: ['管理提成', '团队提成', 'override'],
      label: { en: 'Override %', zh: '管理提成' },
      required: false,
      fallback: null,
      parse: signedPercent,
    }),
  ];
}
