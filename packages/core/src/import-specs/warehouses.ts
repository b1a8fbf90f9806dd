import { z } from 'zod';
import type { ColumnSpec } from '../columns.js';
import { columnKit, optional, required } from './column-kit.js';

export const warehouseRowSchema = z.object({
  code: z.string().min(1, { error: 'is required' }).max(32),
  name: z.string().min(1, { error: 'is required' }).max(100),
  type: z.enum(['main', 'branch', 'transit', 'returns'], { error: 'must be main, branch, transit or returns' }),
  bins: z.array(z.string()).nullable(),
});
export type WarehouseRow = z.infer<typeof warehouseRowSchema>;

const TYPES = {
  main: 'main',
  branch: 'branch',
  transit: 'transit',
  returns: 'returns',
  主仓: 'main',
  分仓: 'branch',
  在途: 'transit',
  退货仓: 'returns',
} as const;

/** Warehouses: code, name, type, bins (separated by ; or 、). */
export function warehouseColumns(): ColumnSpec<WarehouseRow>[] {
  const c = columnKit<WarehouseRow>();
  return [
    c.text('code', { header: 'code', en: 'Code', zh: '编码', aliases: ['编码', '仓库编码'] }, required, 'WH3'),
    c.text('name', { header: 'name', en: 'Name', zh: '名称', aliases: ['名称', '仓库名称'] }, required, '华北分仓'),
    c.choice(
      'type',
      { header: 'type', en: 'Type', zh: '类型', aliases: ['类型', '仓库类型'] },
      optional('main'),
      TYPES,
      'must be main, branch, transit or returns (主仓/分仓/在途/退货仓)',
      '分仓',
    ),
    c.list('bins', { header: 'bins', en: 'Bins', zh: '库位', aliases: ['库位', '货位'] }, optional(null), 'N-01;N-02'),
  ];
}
