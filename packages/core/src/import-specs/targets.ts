import { z } from 'zod';
import type { ColumnSpec } from '../columns.js';
import { assertInput } from '../input.js';
import type { MoneyOptions } from '../money.js';
import { columnKit, moneyArgs, required } from './column-kit.js';

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
  const c = columnKit<TargetRow>(money);
  return [
    c.text(
      'salesperson',
      { header: 'salesperson', en: 'Salesperson', zh: '业务员', aliases: ['业务员', '销售员', '业务员编码'] },
      required,
      'li',
    ),
    c.month('month', { header: 'month', en: 'Month', zh: '月份', aliases: ['月份', '期间', 'period'] }, required),
    c.money(
      'amount',
      { header: 'amount', en: 'Target', zh: '目标金额', aliases: ['目标', '目标金额', '销售目标', 'target'] },
      required,
      '200000',
    ),
  ];
}
