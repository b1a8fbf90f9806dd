import { z } from 'zod';
import type { ColumnSpec } from '../columns.js';
import { assertInput } from '../input.js';
import type { MoneyOptions } from '../money.js';
import { columnKit, moneyArgs, optional, required } from './column-kit.js';

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
  const c = columnKit<SalesHistoryRow>(money);
  const none = optional(null);
  return [
    c.text(
      'order',
      {
        header: 'order',
        en: 'Order',
        zh: '订单号',
        aliases: ['订单号', '单号', '订单编号', '单据编号', '单据号', 'order no'],
      },
      required,
      'SO-2025-0001',
    ),
    c.date(
      'date',
      { header: 'date', en: 'Date', zh: '日期', aliases: ['日期', '订单日期', '销售日期', '单据日期'] },
      required,
      '2025-06-01',
    ),
    c.text(
      'customer',
      { header: 'customer', en: 'Customer', zh: '客户', aliases: ['客户', '客户编码'] },
      required,
      'C001',
    ),
    c.text('salesperson', { header: 'salesperson', en: 'Salesperson', zh: '业务员', aliases: ['业务员'] }, none, 'li'),
    c.text('warehouse', { header: 'warehouse', en: 'Warehouse', zh: '仓库', aliases: ['仓库'] }, required, 'WH1'),
    c.text('sku', { header: 'sku', en: 'SKU', zh: '编码', aliases: ['编码', '商品编码'] }, required, 'TEA-001'),
    c.quantity('qty', { header: 'qty', en: 'Quantity', zh: '数量', aliases: ['数量'] }, required, '10'),
    // Either this or the line amount: historyLineAmounts refuses a line with neither.
    c.money(
      'unitPrice',
      { header: 'unit_price', en: 'Unit price', zh: '单价', aliases: ['单价', '不含税单价'] },
      none,
      '',
    ),
    c.money(
      'amount',
      {
        header: 'amount',
        en: 'Amount',
        zh: '金额',
        aliases: ['金额', '不含税金额', '销售额', 'net amount', 'line amount', 'sales'],
      },
      none,
      '880.00',
    ),
    c.money('tax', { header: 'tax', en: 'Tax', zh: '税额', aliases: ['税额', 'vat', 'tax amount'] }, none, '114.40'),
    c.money(
      'discount',
      {
        header: 'discount',
        en: 'Discount',
        zh: '折扣额',
        aliases: ['折扣', '折扣额', '折扣金额', '优惠金额', 'discount amount'],
      },
      none,
      '',
    ),
    c.percent('taxRate', { header: 'tax_rate', en: 'Tax rate %', zh: '税率', aliases: ['税率'] }, none),
    c.date(
      'paidDate',
      { header: 'paid_date', en: 'Paid on', zh: '收款日期', aliases: ['收款日期', '回款日期'] },
      none,
      '2025-07-01',
    ),
    c.text(
      'region',
      {
        header: 'region',
        en: 'Ship-to region',
        zh: '收货地区',
        aliases: ['地区', '区域', '收货地区', '省份', 'ship region', 'ship-to region'],
      },
      none,
      '华东',
    ),
    c.text(
      'address',
      {
        header: 'address',
        en: 'Ship-to address',
        zh: '收货地址',
        aliases: ['收货地址', '地址', 'ship address', 'ship-to address'],
      },
      none,
      '上海市浦东新区',
    ),
    c.text('channel', { header: 'channel', en: 'Channel', zh: '渠道', aliases: ['渠道', '销售渠道'] }, none, 'retail'),
  ];
}
