import { z } from 'zod';
import type { ColumnSpec } from '../columns.js';
import { assertInput } from '../input.js';
import type { MoneyOptions } from '../money.js';
import { qtyRangeIssue } from '../pricing.js';
import { columnKit, moneyArgs, optional, required } from './column-kit.js';

/** A quantity range that ends before it starts, refused on its max column with the rule's code. */
export const qtyRange =
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

const SCOPES = {
  base: 'base',
  tier: 'tier',
  channel: 'channel',
  customer: 'customer',
  基础价: 'base',
  基础: 'base',
  等级: 'tier',
  渠道: 'channel',
  客户: 'customer',
} as const;

/**
 * Price list rows, one product and quantity range a row; the rows of a list are the whole list.
 * Scope: base (基础价), tier (等级), channel (渠道) or customer (客户), with its value. A row
 * holds from `min_qty` to `max_qty` included; an empty `max_qty` has no upper bound.
 * `tax_inclusive` (含税): whether the list's prices include VAT; empty keeps what the list has,
 * and a new list takes the book's default.
 */
export function priceRowColumns(money: MoneyOptions = {}): ColumnSpec<PriceRow>[] {
  assertInput(moneyArgs, { money }, 'priceRowColumns');
  const c = columnKit<PriceRow>(money);
  const none = optional(null);
  return [
    c.text(
      'list',
      { header: 'list', en: 'Price list', zh: '价格表', aliases: ['价格表', '价目表'] },
      required,
      'NORTH',
    ),
    c.choice(
      'scope',
      { header: 'scope', en: 'Scope', zh: '适用范围', aliases: ['适用范围', '范围'] },
      optional('base'),
      SCOPES,
      'must be base, tier, channel or customer',
      '渠道',
    ),
    c.text(
      'scopeValue',
      { header: 'scope_value', en: 'For', zh: '适用对象', aliases: ['适用对象', '对象'] },
      none,
      'north',
    ),
    c.text('sku', { header: 'sku', en: 'SKU', zh: '编码', aliases: ['编码', '商品编码'] }, required, 'TEA-001'),
    c.quantity(
      'minQty',
      { header: 'min_qty', en: 'From qty', zh: '起订量', aliases: ['起订量', '数量起点'] },
      optional(0),
      '10',
    ),
    c.quantity(
      'maxQty',
      { header: 'max_qty', en: 'To qty', zh: '最大数量', aliases: ['最大数量', '数量上限', '数量止点'] },
      none,
      '99',
    ),
    c.money('price', { header: 'price', en: 'Price', zh: '价格', aliases: ['价格', '单价', '售价'] }, required, '170'),
    c.date(
      'validFrom',
      { header: 'valid_from', en: 'From', zh: '生效日期', aliases: ['生效日期', '开始日期'] },
      none,
      '2026-01-01',
    ),
    c.date(
      'validTo',
      { header: 'valid_to', en: 'To', zh: '失效日期', aliases: ['失效日期', '结束日期'] },
      none,
      '2026-12-31',
    ),
    c.yesNo(
      'taxInclusive',
      {
        header: 'tax_inclusive',
        en: 'Incl. VAT',
        zh: '含税',
        aliases: ['含税', '价格含税', '是否含税', 'prices include tax', 'tax included'],
      },
      none,
    ),
  ];
}
