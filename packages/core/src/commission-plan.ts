import { z } from 'zod';
import type { CommissionBase, CommissionPlan } from './commission.js';
import { fail, type Issue, ok, type Result } from './issue.js';
import { formatMoney, type Minor } from './money.js';
import { type BasisPoints, formatPercent } from './rate.js';

/**
 * A commission rate is a share of the base: 0 % to 100 %, in whole basis points. A negative rate
 * would charge the salesperson for selling; above 100 % pays more than the sale brought in.
 *
 * @example
 * commissionRateIssue(10_100, ['rate'])?.code // 'commission.rate.range'
 * commissionRateIssue(300, ['rate'])          // undefined
 */
export function commissionRateIssue(rate: BasisPoints, path: (string | number)[]): Issue | undefined {
  if (Number.isInteger(rate) && rate >= 0 && rate <= 10_000) return undefined;
  return {
    code: 'commission.rate.range',
    path,
    message: `must be between 0% and 100%, not ${formatPercent(rate)}%`,
    value: rate,
  };
}

/**
 * The threshold of one band of a ladder, given the one before it (undefined for the first):
 * thresholds start at 0 or above and strictly increase, as ERPNext's and Odoo's commission
 * slabs do. Rates may go down from band to band (a regressive ladder is a choice some companies
 * make); they are only held to 0–100 %.
 *
 * @example
 * ladderStepIssue(1_000_000, 1_000_000, ['from'])?.code // 'commission.ladder.order'
 */
export function ladderStepIssue(
  from: Minor,
  previous: Minor | undefined,
  path: (string | number)[],
): Issue | undefined {
  if (!Number.isSafeInteger(from) || from < 0)
    return { code: 'commission.ladder.start', path, message: 'must be an amount of 0 or more', value: from };
  if (previous !== undefined && from <= previous)
    return {
      code: 'commission.ladder.order',
      path,
      message: `must be above the previous band's ${formatMoney(previous)}: thresholds strictly increase`,
      value: from,
    };
  return undefined;
}

/**
 * Everything wrong with a plan, as issues with stable codes: `commission.rate.range` (a rate or
 * the manager's override outside 0–100 %), `commission.ladder.order` (a band not above the one
 * before it, in the order given), `commission.ladder.start` (a negative threshold),
 * `commission.ladder.empty` (a ladder with no band). Empty when the plan is sound.
 *
 * @example
 * validateCommissionPlan({ code: 'P', base: 'net_sales', scheme: { kind: 'marginal', bands: [
 *   { from: 0, rate: 200 }, { from: 0, rate: 300 }] } })
 * // [{ code: 'commission.ladder.order', path: ['scheme', 'bands', 1, 'from'], … }]
 */
export function validateCommissionPlan(plan: CommissionPlan): Issue[] {
  const issues: Issue[] = [];
  const add = (issue: Issue | undefined) => {
    if (issue) issues.push(issue);
  };
  const { scheme } = plan;
  if (scheme.kind === 'flat') add(commissionRateIssue(scheme.rate, ['scheme', 'rate']));
  else {
    const key = scheme.kind === 'marginal' ? 'bands' : 'tiers';
    const steps = scheme.kind === 'marginal' ? scheme.bands : scheme.tiers;
    if (steps.length === 0)
      issues.push({ code: 'commission.ladder.empty', path: ['scheme', key], message: 'needs at least one band' });
    steps.forEach((step, i) => {
      add(ladderStepIssue(step.from, steps[i - 1]?.from, ['scheme', key, i, 'from']));
      add(commissionRateIssue(step.rate, ['scheme', key, i, 'rate']));
    });
  }
  if (plan.managerOverride !== undefined) add(commissionRateIssue(plan.managerOverride, ['managerOverride']));
  return issues;
}

const step = z.object({ from: z.number(), rate: z.number() });
const planShape = z.object({
  code: z.string().min(1, { error: 'is required' }),
  base: z.enum(['net_sales', 'gross_margin', 'collected'], { error: 'must be net_sales, gross_margin or collected' }),
  scheme: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('flat'), rate: z.number() }),
    z.object({ kind: z.literal('marginal'), bands: z.array(step) }),
    z.object({ kind: z.literal('whole'), tiers: z.array(step) }),
  ]),
  managerOverride: z.number().optional(),
});

/**
 * A commission plan as zod checks it: its shape, then `validateCommissionPlan`'s rules as
 * refinements carrying their stable codes (`params.code`), for forms and APIs.
 */
export const commissionPlanSchema = planShape.superRefine((plan, ctx) => {
  for (const issue of validateCommissionPlan(plan))
    ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path], params: { code: issue.code } });
});

/**
 * A plan from untrusted input (a form, a JSON body, a stored row): the plan, or every issue.
 *
 * @example
 * parseCommissionPlan({ code: 'JR', base: 'net_sales', scheme: { kind: 'flat', rate: 10_100 } })
 * // { ok: false, issues: [{ code: 'commission.rate.range', path: ['scheme', 'rate'], value: 10100, … }] }
 */
export function parseCommissionPlan(input: unknown): Result<CommissionPlan> {
  const shape = planShape.safeParse(input);
  if (!shape.success)
    return fail(
      ...shape.error.issues.map((zi) => ({
        code: `commission.plan.${zi.code}`,
        path: zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: zi.message,
      })),
    );
  const issues = validateCommissionPlan(shape.data);
  return issues.length > 0 ? fail(...issues) : ok(shape.data);
}

/** One row of a commission plan file: a plan's band (a flat plan has one row). */
export interface CommissionPlanRow {
  level: string;
  plan: string;
  base: CommissionBase;
  scheme: 'flat' | 'marginal' | 'whole';
  from: Minor;
  rate: BasisPoints;
  managerOverride: BasisPoints | null;
}

/** A plan with the salesperson level it belongs to, as the book keeps it. */
export type LevelPlan = CommissionPlan & { level: string };

/**
 * The checks across rows of a plan file, one row at a time in file order: a level's rows name
 * the same plan, base, scheme and override; a flat plan has one row; each band starts above the
 * one before it. Rows a check refuses are not remembered, so the next row is held to the last
 * good one. Pure: the state lives in the returned function.
 *
 * @example
 * const check = commissionPlanRowCheck();
 * check({ level: 'junior', plan: 'JR', base: 'net_sales', scheme: 'marginal', from: 0, rate: 200, managerOverride: null }) // []
 * check({ level: 'junior', plan: 'JR', base: 'net_sales', scheme: 'marginal', from: 0, rate: 300, managerOverride: null })
 * // [{ code: 'commission.ladder.order', path: ['from'], … }]
 */
export function commissionPlanRowCheck(): (row: CommissionPlanRow) => Issue[] {
  const seen = new Map<string, { first: CommissionPlanRow; last: CommissionPlanRow }>();
  return (row) => {
    const before = seen.get(row.level);
    if (!before) {
      const issue = ladderStepIssue(row.from, undefined, ['from']);
      if (issue) return [issue];
      seen.set(row.level, { first: row, last: row });
      return [];
    }
    const { first, last } = before;
    const mixed = (['plan', 'base', 'scheme', 'managerOverride'] as const)
      .filter((field) => row[field] !== first[field])
      .map(
        (field): Issue => ({
          code: 'commission.plan.mixed',
          path: [field],
          message: `must be ${first[field] ?? 'empty'} as in the first row of level ${row.level}`,
          value: row[field] ?? '',
        }),
      );
    if (mixed.length > 0) return mixed;
    if (row.scheme === 'flat')
      return [
        {
          code: 'commission.ladder.flat',
          path: ['scheme'],
          message: `a flat plan has one rate: level ${row.level} already has its row`,
          value: row.scheme,
        },
      ];
    const order = ladderStepIssue(row.from, last.from, ['from']);
    if (order) return [order];
    before.last = row;
    return [];
  };
}

/**
 * Plans from the checked rows of a plan file, one plan per level, its bands in file order.
 * `validateCommissionPlan` still holds for each: run it (the book does) before keeping them.
 *
 * @example
 * commissionPlansFromRows([{ level: 'junior', plan: 'JR', base: 'net_sales', scheme: 'flat', from: 0, rate: 300, managerOverride: null }])
 * // [{ level: 'junior', code: 'JR', base: 'net_sales', scheme: { kind: 'flat', rate: 300 } }]
 */
export function commissionPlansFromRows(rows: readonly CommissionPlanRow[]): LevelPlan[] {
  const byLevel = new Map<string, CommissionPlanRow[]>();
  for (const row of rows) byLevel.set(row.level, [...(byLevel.get(row.level) ?? []), row]);
  return [...byLevel.entries()].map(([level, band]): LevelPlan => {
    const first = band[0] as CommissionPlanRow;
    const steps = band.map((r) => ({ from: r.from, rate: r.rate }));
    return {
      level,
      code: first.plan,
      base: first.base,
      scheme:
        first.scheme === 'flat'
          ? { kind: 'flat', rate: first.rate }
          : first.scheme === 'marginal'
            ? { kind: 'marginal', bands: steps }
            : { kind: 'whole', tiers: steps },
      ...(first.managerOverride === null ? {} : { managerOverride: first.managerOverride }),
    };
  });
}
