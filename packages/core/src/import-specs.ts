import { z } from 'zod';
import { parseDate } from './calendar.js';
import type { ColumnSpec } from './columns.js';
import { fail, ok, type Result } from './issue.js';
import { type MoneyOptions, parseMoney } from './money.js';
import { parseQuantity } from './quantity.js';

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
});

export const customerRowSchema = z.object({
  code: z.string().min(1, { error: 'is required' }).max(32, { error: 'must be at most 32 characters' }),
  name: z.string().min(1, { error: 'is required' }).max(200, { error: 'must be at most 200 characters' }),
  tier: z.string().max(32).nullable(),
  channel: z.string().max(32).nullable(),
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

export const statementRowSchema = z.object({
  date: z.string(),
  amount: z.int(),
  direction: z.enum(['in', 'out']),
  payer: z.string(),
  memo: z.string(),
  reference: z.string().nullable(),
});
export type StatementRow = z.infer<typeof statementRowSchema>;

/** Where a statement export comes from: its columns differ, the meaning does not. */
export type StatementSource = 'bank' | 'wechat' | 'alipay';

const dateTime = (t: string): Result<string> =>
  parseDate(
    t
      .trim()
      .slice(0, 10)
      .replaceAll('/', '-')
      .replace(/-(\d)(?=-|$)/g, '-0$1'),
  );

/**
 * Statement columns. A bank CSV has date, amount (or credit and debit), payer and memo; WeChat
 * Pay's bill (微信支付账单) and Alipay's (支付宝交易明细) have 交易时间, 交易对方, 收/支, 金额 and
 * their own transaction numbers. Only money in (收入) is matched; the rest is skipped.
 */
export function statementColumns(source: StatementSource, money: MoneyOptions = {}): ColumnSpec<StatementRow>[] {
  const amount = (t: string) => {
    const r = parseMoney(t.replace(/^[¥￥]/, '').trim(), money);
    return r.ok ? ok(Math.abs(r.value)) : r;
  };
  const direction = choice(
    { 收入: 'in', in: 'in', credit: 'in', 支出: 'out', out: 'out', debit: 'out', '/': 'out', 不计收支: 'out' },
    'must be 收入 or 支出 (in or out)',
  );
  const common = {
    payer: col<StatementRow>({
      field: 'payer',
      header: 'payer',
      aliases: ['交易对方', '对方户名', '付款人', '对方名称', 'counterparty'],
      label: { en: 'Payer', zh: '交易对方' },
      required: true,
      parse: text,
    }),
    reference: col<StatementRow>({
      field: 'reference',
      header: 'reference',
      aliases: ['交易单号', '交易订单号', '流水号', '交易流水号', 'transaction id'],
      label: { en: 'Reference', zh: '交易单号' },
      required: false,
      fallback: null,
      parse: (t) => ok(t.trim() || null),
    }),
  };
  if (source === 'bank') {
    return [
      col({
        field: 'date',
        header: 'date',
        aliases: ['交易日期', '日期', '记账日期', 'value date'],
        label: { en: 'Date', zh: '交易日期' },
        required: true,
        parse: dateTime,
      }),
      // Banks that split money in and out into two columns leave "in" empty on outgoing lines: 0, skipped.
      col({
        field: 'amount',
        header: 'amount',
        aliases: ['金额', '收入金额', '贷方金额', '贷方发生额', 'credit'],
        label: { en: 'Amount', zh: '金额' },
        required: false,
        fallback: 0,
        parse: amount,
      }),
      col({
        field: 'direction',
        header: 'direction',
        aliases: ['收/支', '借贷', 'type'],
        label: { en: 'In/out', zh: '收/支' },
        required: false,
        fallback: 'in',
        parse: direction,
      }),
      common.payer,
      col({
        field: 'memo',
        header: 'memo',
        aliases: ['摘要', '附言', '用途', 'description'],
        label: { en: 'Memo', zh: '摘要' },
        required: false,
        fallback: '',
        parse: text,
      }),
      common.reference,
    ];
  }
  return [
    col({
      field: 'date',
      header: 'date',
      aliases: ['交易时间', '交易创建时间'],
      label: { en: 'Time', zh: '交易时间' },
      required: true,
      parse: dateTime,
    }),
    col({
      field: 'amount',
      header: 'amount',
      aliases: ['金额(元)', '金额（元）', '金额'],
      label: { en: 'Amount', zh: '金额' },
      required: true,
      parse: amount,
    }),
    col({
      field: 'direction',
      header: 'direction',
      aliases: ['收/支'],
      label: { en: 'In/out', zh: '收/支' },
      required: true,
      parse: direction,
    }),
    common.payer,
    col({
      field: 'memo',
      header: 'memo',
      aliases: source === 'wechat' ? ['商品'] : ['商品说明', '商品名称'],
      label: { en: 'Memo', zh: '商品' },
      required: false,
      fallback: '',
      parse: text,
    }),
    common.reference,
  ];
}
