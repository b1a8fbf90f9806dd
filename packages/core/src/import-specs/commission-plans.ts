import { z } from 'zod';
import type { ColumnSpec } from '../columns.js';
import { type CommissionPlanRow, commissionRateIssue, ladderStepIssue } from '../commission-plan.js';
import { assertInput } from '../input.js';
import type { MoneyOptions } from '../money.js';
import { columnKit, moneyArgs, optional, required } from './column-kit.js';

export const commissionPlanRowSchema = z
  .object({
    level: z.string().min(1, { error: 'is required' }).max(32),
    plan: z.string().min(1, { error: 'is required' }).max(32),
    base: z.enum(['net_sales', 'gross_margin', 'collected']),
    scheme: z.enum(['flat', 'marginal', 'whole']),
    from: z.int(),
    rate: z.int(),
    managerOverride: z.int().nullable(),
  })
  .superRefine((row, ctx) => {
    // The same rules as a whole plan (`validateCommissionPlan`), on the cells of one row.
    for (const issue of [
      commissionRateIssue(row.rate, ['rate']),
      row.managerOverride === null ? undefined : commissionRateIssue(row.managerOverride, ['managerOverride']),
      ladderStepIssue(row.from, undefined, ['from']),
    ])
      if (issue)
        ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path], params: { code: issue.code } });
  });

const BASES = {
  net_sales: 'net_sales',
  gross_margin: 'gross_margin',
  collected: 'collected',
  销售额: 'net_sales',
  净销售额: 'net_sales',
  毛利: 'gross_margin',
  回款: 'collected',
} as const;

const SCHEMES = {
  flat: 'flat',
  marginal: 'marginal',
  whole: 'whole',
  固定比例: 'flat',
  固定: 'flat',
  超额累进: 'marginal',
  累进: 'marginal',
  全额累进: 'whole',
  全额: 'whole',
} as const;

/**
 * Commission plans, one band a row; a level's rows together, thresholds rising (flat plans: one
 * row). Base: net_sales (销售额), gross_margin (毛利) or collected (回款); scheme: flat (固定比例),
 * marginal (超额累进) or whole (全额累进).
 *
 * @example
 * matchHeaders(commissionPlanColumns(), ['级别', '方案', '提成基数', '提成方式', '起点', '提成比例']).ok // true
 */
export function commissionPlanColumns(money: MoneyOptions = {}): ColumnSpec<CommissionPlanRow>[] {
  assertInput(moneyArgs, { money }, 'commissionPlanColumns');
  const c = columnKit<CommissionPlanRow>(money);
  return [
    c.text(
      'level',
      { header: 'level', en: 'Level', zh: '级别', aliases: ['级别', '业务员级别', '职级'] },
      required,
      'senior',
    ),
    c.text(
      'plan',
      { header: 'plan', en: 'Plan', zh: '方案', aliases: ['方案', '提成方案', '方案编码', 'code'] },
      required,
      'SR',
    ),
    c.choice(
      'base',
      { header: 'base', en: 'Base', zh: '提成基数', aliases: ['提成基数', '基数', '计提基数'] },
      optional('net_sales'),
      BASES,
      'must be net_sales, gross_margin or collected (销售额/毛利/回款)',
      '毛利',
    ),
    c.choice(
      'scheme',
      { header: 'scheme', en: 'Scheme', zh: '提成方式', aliases: ['提成方式', '方式', '计提方式'] },
      optional('flat'),
      SCHEMES,
      'must be flat, marginal or whole (固定比例/超额累进/全额累进)',
      '超额累进',
    ),
    c.money(
      'from',
      { header: 'from', en: 'From', zh: '起点', aliases: ['起点', '起点金额', '业绩起点', '门槛'] },
      optional(0),
      '100000',
    ),
    c.signedPercent(
      'rate',
      { header: 'rate', en: 'Rate %', zh: '提成比例', aliases: ['提成比例', '比例', '提成率'] },
      required,
      '5%',
    ),
    c.signedPercent(
      'managerOverride',
      { header: 'manager_override', en: 'Override %', zh: '管理提成', aliases: ['管理提成', '团队提成', 'override'] },
      optional(null),
      '1%',
    ),
  ];
}
