import { z } from 'zod';
import type { ColumnSpec } from '../columns.js';
import { inputIssues, moneyOptionsInput } from '../input.js';
import { fail, ok, type Result } from '../issue.js';
import { type MoneyOptions, parseMoney } from '../money.js';
import type { Promotion } from '../pricing.js';
import { parsePercent } from '../rate.js';
import { columnKit, optional, required } from './column-kit.js';
import { qtyRange } from './price-rows.js';

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

const KINDS = {
  percent: 'percent',
  fixed_price: 'fixed_price',
  amount_off: 'amount_off',
  折扣: 'percent',
  打折: 'percent',
  特价: 'fixed_price',
  立减: 'amount_off',
} as const;

/** Promotions: percent off (折扣), fixed price (特价) or amount off (立减), for products, categories, tiers or channels. */
export function promotionColumns(): ColumnSpec<PromotionRow>[] {
  const c = columnKit<PromotionRow>();
  const none = optional(null);
  return [
    c.text('code', { header: 'code', en: 'Code', zh: '编码', aliases: ['编码', '活动编码'] }, required, 'SPRING'),
    c.choice(
      'kind',
      { header: 'kind', en: 'Kind', zh: '类型', aliases: ['类型', '优惠类型'] },
      required,
      KINDS,
      'must be percent, fixed_price or amount_off (折扣/特价/立减)',
      '折扣',
    ),
    // A percent or an amount, by kind: read by `promotionFromRow`.
    c.text(
      'value',
      { header: 'value', en: 'Value', zh: '优惠值', aliases: ['优惠值', '折扣', '金额'] },
      required,
      '10%',
    ),
    c.date(
      'validFrom',
      { header: 'valid_from', en: 'From', zh: '开始日期', aliases: ['开始日期'] },
      required,
      '2026-01-10',
    ),
    c.date('validTo', { header: 'valid_to', en: 'To', zh: '结束日期', aliases: ['结束日期'] }, required, '2026-02-15'),
    c.list('skus', { header: 'skus', en: 'Products', zh: '商品', aliases: ['商品'] }, none, 'TEA-001;TEA-002'),
    c.list('categories', { header: 'categories', en: 'Categories', zh: '类别', aliases: ['类别'] }, none, '礼品'),
    c.list('tiers', { header: 'tiers', en: 'Tiers', zh: '客户等级', aliases: ['客户等级'] }, none, 'gold'),
    c.list('channels', { header: 'channels', en: 'Channels', zh: '渠道', aliases: ['渠道'] }, none, 'retail'),
    c.quantity('minQty', { header: 'min_qty', en: 'Min qty', zh: '起订量', aliases: ['起订量'] }, none, '10'),
    c.quantity(
      'maxQty',
      { header: 'max_qty', en: 'Max qty', zh: '最大数量', aliases: ['最大数量', '数量上限', '数量止点'] },
      none,
      '',
    ),
    c.yesNo(
      'stackable',
      { header: 'stackable', en: 'Stackable', zh: '可叠加', aliases: ['可叠加'] },
      optional(false),
      '否',
    ),
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
