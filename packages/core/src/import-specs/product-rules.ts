import { z } from 'zod';
import type { ColumnSpec } from '../columns.js';
import { assertInput } from '../input.js';
import type { MoneyOptions } from '../money.js';
import { columnKit, moneyArgs, optional } from './column-kit.js';

const qty = z.int().min(0, { error: 'must not be negative' });
const days = z.int().min(0, { error: 'must not be negative' }).max(3650, { error: 'must be at most 3650 days' });

/**
 * A product's rules, read beside its catalogue columns in `import products`: a blank cell or an
 * absent column keeps what the book has. Quantities in thousandths, money in minor units.
 */
export const productRuleRowSchema = z.object({
  floorPrice: z.int().min(0, { error: 'must not be negative' }).nullable(),
  reorderPoint: qty.nullable(),
  reorderQty: qty.nullable(),
  maxLevel: qty.nullable(),
  safetyStock: qty.nullable(),
  leadTimeDays: days.nullable(),
  preferredSupplier: z.string().max(32).nullable(),
  moq: qty.nullable(),
  packSize: qty.nullable(),
  batchTracked: z.boolean().nullable(),
  expiryTracked: z.boolean().nullable(),
  shelfLifeDays: days.nullable(),
  exclusiveChannels: z.array(z.string().max(32)).nullable(),
  barcode: z.string().max(64, { error: 'must be at most 64 characters' }).nullable(),
});
export type ProductRuleRow = z.infer<typeof productRuleRowSchema>;
export type ProductRuleField = keyof ProductRuleRow;

/**
 * Product rule columns: floor price, reorder point and quantity, safety stock, lead time, the
 * preferred supplier, MOQ and pack size, batch and expiry tracking, shelf life, exclusive
 * channels and barcode. None is required; a blank cell changes nothing.
 *
 * @example
 * matchHeaders(productRuleColumns(), ['最低价', '再订货点', '首选供应商']).ok // true
 */
export function productRuleColumns(money: MoneyOptions = {}): ColumnSpec<ProductRuleRow>[] {
  assertInput(moneyArgs, { money }, 'productRuleColumns');
  const c = columnKit<ProductRuleRow>(money);
  const keep = optional(null);
  return [
    c.money(
      'floorPrice',
      { header: 'floor_price', en: 'Floor price', zh: '最低价', aliases: ['最低售价', '底价', 'min price'] },
      keep,
      '70.00',
    ),
    c.quantity(
      'reorderPoint',
      { header: 'reorder_point', en: 'Reorder point', zh: '再订货点', aliases: ['订货点', 'rop'] },
      keep,
      '30',
    ),
    c.quantity(
      'reorderQty',
      { header: 'reorder_qty', en: 'Reorder qty', zh: '再订货量', aliases: ['订货量', 'reorder quantity'] },
      keep,
      '60',
    ),
    c.quantity(
      'maxLevel',
      { header: 'max_level', en: 'Max level', zh: '最高库存', aliases: ['库存上限', 'max stock'] },
      keep,
      '',
    ),
    c.quantity(
      'safetyStock',
      { header: 'safety_stock', en: 'Safety stock', zh: '安全库存', aliases: ['安全库存量'] },
      keep,
      '12',
    ),
    c.integer(
      'leadTimeDays',
      {
        header: 'lead_time_days',
        en: 'Lead time days',
        zh: '采购提前期',
        aliases: ['提前期', '采购周期', 'lead time'],
      },
      keep,
      '7',
    ),
    c.text(
      'preferredSupplier',
      { header: 'preferred_supplier', en: 'Preferred supplier', zh: '首选供应商', aliases: ['默认供应商', '主供应商'] },
      keep,
      'S01',
    ),
    c.quantity(
      'moq',
      { header: 'moq', en: 'MOQ', zh: '最小起订量', aliases: ['最小订货量', 'minimum order qty'] },
      keep,
      '24',
    ),
    c.quantity(
      'packSize',
      { header: 'pack_size', en: 'Pack size', zh: '包装数', aliases: ['包装规格', '箱规', 'case size'] },
      keep,
      '12',
    ),
    c.yesNo(
      'batchTracked',
      { header: 'batch_tracked', en: 'Batch tracked', zh: '批次管理', aliases: ['是否批次管理', 'batch tracking'] },
      keep,
      '是',
    ),
    c.yesNo(
      'expiryTracked',
      { header: 'expiry_tracked', en: 'Expiry tracked', zh: '效期管理', aliases: ['保质期管理'] },
      keep,
      '是',
    ),
    c.integer(
      'shelfLifeDays',
      { header: 'shelf_life_days', en: 'Shelf life days', zh: '保质期天数', aliases: ['保质期', 'shelf life'] },
      keep,
      '540',
    ),
    c.list(
      'exclusiveChannels',
      {
        header: 'exclusive_channel',
        en: 'Exclusive channel',
        zh: '专属渠道',
        aliases: ['独家渠道', 'exclusive channels'],
      },
      keep,
      'retail',
    ),
    c.text(
      'barcode',
      { header: 'barcode', en: 'Barcode', zh: '条码', aliases: ['条形码', '商品条码', 'ean', 'upc'] },
      keep,
      '6901234567892',
    ),
  ];
}
