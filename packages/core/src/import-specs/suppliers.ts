import { z } from 'zod';
import type { ColumnSpec } from '../columns.js';
import { ok } from '../issue.js';
import { columnKit, optional, required } from './column-kit.js';

export const supplierRowSchema = z.object({
  code: z.string().min(1, { error: 'is required' }).max(32),
  name: z.string().min(1, { error: 'is required' }).max(200),
  grade: z.enum(['A', 'B', 'C', 'D'], { error: 'must be A, B, C or D' }),
  paymentDays: z.int().min(0).max(365),
  taxId: z.string().max(32).nullable(),
});
export type SupplierRow = z.infer<typeof supplierRowSchema>;

/** Supplier columns for imports. */
export function supplierColumns(): ColumnSpec<SupplierRow>[] {
  const c = columnKit<SupplierRow>();
  return [
    c.text(
      'code',
      { header: 'code', en: 'Code', zh: '编码', aliases: ['编码', '供应商编码', 'supplier code'] },
      required,
      'S01',
    ),
    c.text(
      'name',
      { header: 'name', en: 'Name', zh: '名称', aliases: ['名称', '供应商名称', '供应商'] },
      required,
      '福建茶业',
    ),
    // Any letter reaches the schema, which names the grades it takes.
    c.cell(
      'grade',
      { header: 'grade', en: 'Grade', zh: '等级', aliases: ['等级', '供应商等级'] },
      optional('B'),
      (t) => ok(t.trim().toUpperCase() as 'A'),
      'A',
    ),
    c.integer(
      'paymentDays',
      { header: 'payment_days', en: 'Payment days', zh: '账期', aliases: ['账期', 'payment days'] },
      optional(30),
    ),
    c.text(
      'taxId',
      { header: 'tax_id', en: 'Tax id', zh: '税号', aliases: ['税号'] },
      optional(null),
      '91350000MA2Y00000X',
    ),
  ];
}
