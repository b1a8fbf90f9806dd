import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecord } from './columns.js';
import type { CommissionPlan } from './commission.js';
import {
  type CommissionPlanRow,
  commissionPlanRowCheck,
  commissionPlanSchema,
  commissionPlansFromRows,
  parseCommissionPlan,
  validateCommissionPlan,
} from './commission-plan.js';
import { commissionPlanColumns, commissionPlanRowSchema } from './import-specs/commission-plans.js';

const ladder = (...steps: [number, number][]): CommissionPlan => ({
  code: 'SR',
  base: 'gross_margin',
  scheme: { kind: 'marginal', bands: steps.map(([from, rate]) => ({ from, rate })) },
});

/** A plan file row as its cells read, through the same columns and schema the import uses. */
const row = (cells: Partial<Record<keyof CommissionPlanRow, string>>) =>
  parseRecord(commissionPlanColumns(), commissionPlanRowSchema, 'commission_plan', {
    level: 'junior',
    plan: 'JR',
    base: '销售额',
    scheme: '超额累进',
    ...cells,
  });

describe('validateCommissionPlan', () => {
  it('refuses a rate above 100% or below 0%, naming where and the value', () => {
    expect(validateCommissionPlan({ code: 'JR', base: 'net_sales', scheme: { kind: 'flat', rate: 10_100 } })).toEqual([
      {
        code: 'commission.rate.range',
        path: ['scheme', 'rate'],
        message: 'must be between 0% and 100%, not 101%',
        value: 10_100,
      },
    ]);
    expect(validateCommissionPlan(ladder([0, 200], [1_000_000, -100]))).toEqual([
      {
        code: 'commission.rate.range',
        path: ['scheme', 'bands', 1, 'rate'],
        message: 'must be between 0% and 100%, not -1%',
        value: -100,
      },
    ]);
    expect(
      validateCommissionPlan({
        code: 'MGR',
        base: 'net_sales',
        scheme: { kind: 'flat', rate: 100 },
        managerOverride: 20_000,
      }).map((i) => [i.code, i.path]),
    ).toEqual([['commission.rate.range', ['managerOverride']]]);
  });

  it('refuses a ladder whose thresholds do not strictly increase', () => {
    expect(validateCommissionPlan(ladder([0, 200], [1_000_000, 300], [1_000_000, 500]))).toEqual([
      {
        code: 'commission.ladder.order',
        path: ['scheme', 'bands', 2, 'from'],
        message: "must be above the previous band's 10000.00: thresholds strictly increase",
        value: 1_000_000,
      },
    ]);
    const whole: CommissionPlan = {
      code: 'W',
      base: 'net_sales',
      scheme: {
        kind: 'whole',
        tiers: [
          { from: 5_000_000, rate: 500 },
          { from: 0, rate: 200 },
        ],
      },
    };
    expect(validateCommissionPlan(whole).map((i) => [i.code, i.path])).toEqual([
      ['commission.ladder.order', ['scheme', 'tiers', 1, 'from']],
    ]);
    expect(validateCommissionPlan(ladder([-1, 200])).map((i) => i.code)).toEqual(['commission.ladder.start']);
    expect(validateCommissionPlan(ladder()).map((i) => i.code)).toEqual(['commission.ladder.empty']);
  });

  it('lets rates go down as thresholds go up (a regressive ladder is a choice, not nonsense)', () => {
    expect(validateCommissionPlan(ladder([0, 500], [2_000_000, 300], [5_000_000, 100]))).toEqual([]);
  });

  it('accepts every ladder with rising thresholds and rates within 0–100%', () => {
    const plans = fc
      .uniqueArray(fc.integer({ min: 0, max: 1e10 }), { minLength: 1, maxLength: 6 })
      .chain((froms) =>
        fc.tuple(
          fc.constant([...froms].sort((a, b) => a - b)),
          fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: froms.length, maxLength: froms.length }),
        ),
      );
    fc.assert(
      fc.property(plans, ([froms, rates]) => {
        expect(validateCommissionPlan(ladder(...froms.map((f, i): [number, number] => [f, rates[i] ?? 0])))).toEqual(
          [],
        );
      }),
    );
  });
});

describe('parseCommissionPlan and commissionPlanSchema', () => {
  it('refuse the same plans with the same stable codes', () => {
    const bad = { code: 'JR', base: 'net_sales', scheme: { kind: 'flat', rate: -100 } };
    expect(parseCommissionPlan(bad)).toMatchObject({
      ok: false,
      issues: [{ code: 'commission.rate.range', path: ['scheme', 'rate'], value: -100 }],
    });
    const zod = commissionPlanSchema.safeParse(bad);
    expect(zod.success).toBe(false);
    expect(zod.error?.issues.map((i) => [(i as { params?: { code?: string } }).params?.code, i.path])).toEqual([
      ['commission.rate.range', ['scheme', 'rate']],
    ]);
    expect(parseCommissionPlan({ code: 'JR', base: 'sales', scheme: { kind: 'flat', rate: 100 } })).toMatchObject({
      ok: false,
      issues: [{ code: 'commission.plan.invalid_value', path: ['base'] }],
    });
    expect(parseCommissionPlan(ladder([0, 200], [1_000_000, 300])).ok).toBe(true);
  });
});

describe('commission plan rows', () => {
  it('refuse 101% and -1% on the rate column, keeping the cell as written', () => {
    expect(row({ rate: '101%' })).toEqual({
      ok: false,
      issues: [
        {
          code: 'commission.rate.range',
          path: ['rate'],
          message: 'must be between 0% and 100%, not 101%',
          value: '101%',
        },
      ],
    });
    expect(row({ rate: '-1' })).toEqual({
      ok: false,
      issues: [
        { code: 'commission.rate.range', path: ['rate'], message: 'must be between 0% and 100%, not -1%', value: '-1' },
      ],
    });
    expect(row({ rate: '3%', managerOverride: '120' })).toMatchObject({
      ok: false,
      issues: [{ code: 'commission.rate.range', path: ['managerOverride'], value: '120' }],
    });
    expect(row({ rate: '3%', from: '10,000' })).toMatchObject({
      ok: true,
      value: { level: 'junior', base: 'net_sales', scheme: 'marginal', from: 1_000_000, rate: 300 },
    });
  });

  it('refuse a band that does not start above the one before it in the same level', () => {
    const check = commissionPlanRowCheck();
    const band = (from: number, rate: number, over: Partial<CommissionPlanRow> = {}): CommissionPlanRow => ({
      level: 'senior',
      plan: 'SR',
      base: 'gross_margin',
      scheme: 'marginal',
      from,
      rate,
      managerOverride: null,
      ...over,
    });
    expect(check(band(0, 500))).toEqual([]);
    expect(check(band(2_000_000, 800))).toEqual([]);
    expect(check(band(2_000_000, 1200))).toEqual([
      {
        code: 'commission.ladder.order',
        path: ['from'],
        message: "must be above the previous band's 20000.00: thresholds strictly increase",
        value: 2_000_000,
      },
    ]);
    expect(check(band(1_000_000, 1200)).map((i) => i.code)).toEqual(['commission.ladder.order']);
    // Another level starts its own ladder; a level's rows must agree on the plan.
    expect(check(band(0, 300, { level: 'junior', plan: 'JR', scheme: 'flat' }))).toEqual([]);
    expect(check(band(0, 300, { level: 'junior', plan: 'JR', scheme: 'flat' })).map((i) => i.code)).toEqual([
      'commission.ladder.flat',
    ]);
    expect(check(band(5_000_000, 1200, { base: 'net_sales' })).map((i) => [i.code, i.path])).toEqual([
      ['commission.plan.mixed', ['base']],
    ]);
    expect(check(band(5_000_000, 1200))).toEqual([]);
  });

  it('become one plan per level with its bands in file order', () => {
    const rows: CommissionPlanRow[] = [
      {
        level: 'senior',
        plan: 'SR',
        base: 'gross_margin',
        scheme: 'marginal',
        from: 0,
        rate: 500,
        managerOverride: null,
      },
      { level: 'manager', plan: 'MGR', base: 'net_sales', scheme: 'flat', from: 0, rate: 100, managerOverride: 50 },
      {
        level: 'senior',
        plan: 'SR',
        base: 'gross_margin',
        scheme: 'marginal',
        from: 2_000_000,
        rate: 800,
        managerOverride: null,
      },
    ];
    expect(commissionPlansFromRows(rows)).toEqual([
      {
        level: 'senior',
        code: 'SR',
        base: 'gross_margin',
        scheme: {
          kind: 'marginal',
          bands: [
            { from: 0, rate: 500 },
            { from: 2_000_000, rate: 800 },
          ],
        },
      },
      { level: 'manager', code: 'MGR', base: 'net_sales', scheme: { kind: 'flat', rate: 100 }, managerOverride: 50 },
    ]);
  });
});
