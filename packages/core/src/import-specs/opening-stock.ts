import { z } from 'zod';
import type { ColumnSpec } from '../columns.js';
import { assertInput } from '../input.js';
import type { MoneyOptions } from '../money.js';
import { columnKit, moneyArgs, optional, required } from './column-kit.js';

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
  const c = columnKit<OpeningStockRow>(money);
  return [
    c.text(
      'sku',
      { header: 'sku', en: 'SKU', zh: '编码', aliases: ['编码', '商品编码', '物料编码'] },
      required,
      'TEA-001',
    ),
    c.text(
      'warehouse',
      { header: 'warehouse', en: 'Warehouse', zh: '仓库', aliases: ['仓库', '仓库编码'] },
      required,
      'WH1',
    ),
    c.quantity(
      'qty',
      { header: 'qty', en: 'Quantity', zh: '数量', aliases: ['数量', '期初数量', 'quantity'] },
      required,
      '120',
    ),
    c.money(
      'unitCost',
      { header: 'unit_cost', en: 'Unit cost', zh: '单位成本', aliases: ['单位成本', '成本单价', '单价', 'cost'] },
      required,
      '42.50',
    ),
    c.text('batch', { header: 'batch', en: 'Batch', zh: '批次', aliases: ['批次', '批号'] }, optional(null), 'B2601'),
    c.date(
      'expiry',
      { header: 'expiry', en: 'Expiry', zh: '有效期', aliases: ['有效期', '到期日', '有效期至'] },
      optional(null),
      '2027-06-30',
    ),
  ];
}
