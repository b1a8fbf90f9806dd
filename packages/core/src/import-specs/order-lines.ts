import { z } from 'zod';
import type { ColumnSpec } from '../columns.js';
import { assertInput, moneyOptionsInput } from '../input.js';
import type { MoneyOptions } from '../money.js';
import { columnKit, optional, required } from './column-kit.js';

const orderLineArgs = z.object({ kind: z.enum(['sales', 'purchase']), money: moneyOptionsInput });

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
  const c = columnKit<OrderLineRow>(money);
  const sales = kind === 'sales';
  return [
    c.text(
      'order',
      { header: 'order', en: 'Order', zh: '订单号', aliases: ['订单号', '单号', '参考号', 'reference'] },
      required,
      'WEB-1001',
    ),
    c.date('date', { header: 'date', en: 'Date', zh: '日期', aliases: ['日期', '订单日期'] }, required),
    sales
      ? c.text(
          'party',
          { header: 'customer', en: 'Customer', zh: '客户', aliases: ['客户', '客户编码'] },
          required,
          'C001',
        )
      : c.text(
          'party',
          { header: 'supplier', en: 'Supplier', zh: '供应商', aliases: ['供应商', '供应商编码'] },
          required,
          'S01',
        ),
    c.text('warehouse', { header: 'warehouse', en: 'Warehouse', zh: '仓库', aliases: ['仓库'] }, required, 'WH1'),
    c.text('sku', { header: 'sku', en: 'SKU', zh: '编码', aliases: ['编码', '商品编码'] }, required, 'TEA-001'),
    c.quantity('qty', { header: 'qty', en: 'Quantity', zh: '数量', aliases: ['数量'] }, required, '24'),
    c.money('price', { header: 'price', en: 'Price', zh: '单价', aliases: ['单价', '价格'] }, optional(null), ''),
    sales
      ? c.date(
          'dueDate',
          { header: 'promise_date', en: 'Promised', zh: '交货日期', aliases: ['交货日期', '承诺日期'] },
          optional(null),
          '2026-03-10',
        )
      : c.date(
          'dueDate',
          { header: 'expected_date', en: 'Expected', zh: '到货日期', aliases: ['到货日期', '预计到货'] },
          optional(null),
          '2026-03-10',
        ),
    c.text(
      'salesperson',
      { header: 'salesperson', en: 'Salesperson', zh: '业务员', aliases: ['业务员'] },
      optional(null),
      sales ? 'li' : '',
    ),
  ];
}
