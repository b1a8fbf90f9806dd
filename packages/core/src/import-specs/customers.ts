import { z } from 'zod';
import type { ColumnSpec } from '../columns.js';
import { assertInput } from '../input.js';
import type { MoneyOptions } from '../money.js';
import { columnKit, moneyArgs, optional, required } from './column-kit.js';

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

const TERMS = {
  prepaid: 'prepaid',
  credit: 'credit',
  预付: 'prepaid',
  先款后货: 'prepaid',
  赊销: 'credit',
  月结: 'credit',
  账期: 'credit',
} as const;

/**
 * Customer columns for imports, in English and Chinese.
 *
 * @example
 * matchHeaders(customerColumns(), ['客户编码', '客户名称', '信用额度']).ok // true
 */
export function customerColumns(money: MoneyOptions = {}): ColumnSpec<CustomerRow>[] {
  assertInput(moneyArgs, { money }, 'customerColumns');
  const c = columnKit<CustomerRow>(money);
  const none = optional(null);
  return [
    c.text(
      'code',
      { header: 'code', en: 'Code', zh: '编码', aliases: ['编码', '客户编码', '客户代码', 'customer code'] },
      required,
      'C001',
    ),
    c.text(
      'name',
      { header: 'name', en: 'Name', zh: '名称', aliases: ['名称', '客户名称', '客户', 'customer name', 'company'] },
      required,
      '华东贸易有限公司',
    ),
    c.text('tier', { header: 'tier', en: 'Tier', zh: '等级', aliases: ['等级', '客户等级', '价格等级'] }, none, 'gold'),
    c.text('channel', { header: 'channel', en: 'Channel', zh: '渠道', aliases: ['渠道', '销售渠道'] }, none, 'retail'),
    c.text(
      'region',
      { header: 'region', en: 'Region', zh: '地区', aliases: ['地区', '区域', '销售区域', '省份'] },
      none,
      '华东',
    ),
    c.text(
      'owner',
      { header: 'owner', en: 'Owner', zh: '业务员', aliases: ['业务员', '负责人', 'salesperson'] },
      none,
      'li',
    ),
    c.money(
      'creditLimit',
      { header: 'credit_limit', en: 'Credit limit', zh: '信用额度', aliases: ['信用额度', 'credit limit'] },
      none,
      '50000',
    ),
    c.choice(
      'terms',
      { header: 'terms', en: 'Terms', zh: '结算方式', aliases: ['结算方式', '付款方式', 'payment terms'] },
      optional('credit'),
      TERMS,
      'must be prepaid or credit (预付 / 赊销)',
      '赊销',
    ),
    c.integer(
      'paymentDays',
      { header: 'payment_days', en: 'Payment days', zh: '账期', aliases: ['账期', '账期天数', 'payment days'] },
      optional(30),
    ),
    c.text(
      'taxId',
      { header: 'tax_id', en: 'Tax id', zh: '税号', aliases: ['税号', '统一社会信用代码', 'tax id'] },
      none,
      '91310000MA1FL0000X',
    ),
    c.text(
      'phone',
      { header: 'phone', en: 'Phone', zh: '电话', aliases: ['电话', '联系电话', '手机'] },
      none,
      '021-55550000',
    ),
    c.text(
      'address',
      { header: 'address', en: 'Address', zh: '地址', aliases: ['地址', '地址电话'] },
      none,
      '上海市浦东新区',
    ),
    c.text(
      'bankAccount',
      {
        header: 'bank_account',
        en: 'Bank account',
        zh: '开户行及账号',
        aliases: ['开户行及账号', '银行账号', 'bank account'],
      },
      none,
      '工商银行 1001 0000 0000',
    ),
  ];
}
