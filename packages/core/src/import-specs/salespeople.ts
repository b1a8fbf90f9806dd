import { z } from 'zod';
import type { ColumnSpec } from '../columns.js';
import { columnKit, optional, required } from './column-kit.js';

export const salespersonRowSchema = z.object({
  code: z.string().min(1, { error: 'is required' }).max(32),
  name: z.string().min(1, { error: 'is required' }).max(100),
  level: z.string().min(1, { error: 'is required' }).max(32),
  manager: z.string().max(32).nullable(),
  maxDiscount: z.int().min(0).max(10_000, { error: 'must be at most 100%' }),
});
export type SalespersonRow = z.infer<typeof salespersonRowSchema>;

/** Salespeople: code, name, level, manager, discount authority (%). */
export function salespersonColumns(): ColumnSpec<SalespersonRow>[] {
  const c = columnKit<SalespersonRow>();
  return [
    c.text('code', { header: 'code', en: 'Code', zh: '编码', aliases: ['编码', '工号', '业务员编码'] }, required, 'xu'),
    c.text('name', { header: 'name', en: 'Name', zh: '姓名', aliases: ['姓名', '名称'] }, required, '徐明'),
    c.text('level', { header: 'level', en: 'Level', zh: '级别', aliases: ['级别', '职级'] }, required, 'junior'),
    c.text(
      'manager',
      { header: 'manager', en: 'Manager', zh: '上级', aliases: ['上级', '主管', '经理'] },
      optional(null),
      'li',
    ),
    c.percent(
      'maxDiscount',
      {
        header: 'max_discount',
        en: 'Max discount %',
        zh: '折扣权限%',
        aliases: ['最大折扣', '折扣权限', 'discount authority'],
      },
      optional(0),
      '8%',
    ),
  ];
}
