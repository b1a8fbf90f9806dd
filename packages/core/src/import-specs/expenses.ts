import { z } from 'zod';
import type { ColumnSpec } from '../columns.js';
import { assertInput } from '../input.js';
import type { MoneyOptions } from '../money.js';
import { columnKit, moneyArgs, optional, required } from './column-kit.js';

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

const INVOICE_KINDS = {
  normal: 'normal',
  special: 'special',
  普票: 'normal',
  普通发票: 'normal',
  专票: 'special',
  专用发票: 'special',
} as const;

/** Expenses: date, account (科目, default 6602), net amount, VAT, invoice kind, paid from, supplier, memo. */
export function expenseColumns(money: MoneyOptions = {}): ColumnSpec<ExpenseRow>[] {
  assertInput(moneyArgs, { money }, 'expenseColumns');
  const c = columnKit<ExpenseRow>(money);
  return [
    c.date('date', { header: 'date', en: 'Date', zh: '日期', aliases: ['日期', '费用日期'] }, required),
    c.text(
      'account',
      { header: 'account', en: 'Account', zh: '科目', aliases: ['科目', '费用科目'] },
      optional('6602'),
      '6602',
    ),
    c.money(
      'net',
      { header: 'amount', en: 'Amount', zh: '金额', aliases: ['金额', '不含税金额', 'net'] },
      required,
      '1200',
    ),
    c.money('tax', { header: 'tax', en: 'VAT', zh: '税额', aliases: ['税额', 'vat'] }, optional(0), '72'),
    c.choice(
      'vatKind',
      { header: 'invoice_kind', en: 'Invoice', zh: '发票类型', aliases: ['发票类型', '票种'] },
      optional('normal'),
      INVOICE_KINDS,
      'must be normal or special (普票/专票)',
      '专票',
    ),
    c.text(
      'paidFrom',
      { header: 'paid_from', en: 'Paid from', zh: '付款科目', aliases: ['付款科目', '支付方式'] },
      optional('1002'),
      '1002',
    ),
    c.text(
      'supplier',
      { header: 'supplier', en: 'Supplier', zh: '供应商', aliases: ['供应商', '收款方'] },
      optional(null),
      'S01',
    ),
    c.text(
      'memo',
      { header: 'memo', en: 'Memo', zh: '摘要', aliases: ['摘要', '说明', '备注'] },
      optional(''),
      '办公室租金',
    ),
  ];
}
