import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amountApprovalSteps,
  approvalRules,
  DEFAULT_APPROVAL_RULES,
  isOpen,
  orderApprovalSteps,
  type StepState,
  stepsToDecide,
} from './approval-flow.js';

const ROLES = ['sales_manager', 'accountant', 'owner', 'purchasing'] as const;

/** Steps of a few rules, each with a first and maybe a second step, some already decided. */
const stepsArb = fc
  .array(
    fc.record({
      roles: fc.tuple(fc.constantFrom(...ROLES), fc.option(fc.constantFrom(...ROLES), { nil: undefined })),
      first: fc.constantFrom('pending', 'approved'),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((rules) =>
    rules.flatMap((r, i): StepState[] => [
      { id: i * 2 + 1, rule: `r${i}`, step: 1, role: r.roles[0], status: r.first as StepState['status'] },
      ...(r.roles[1] ? [{ id: i * 2 + 2, rule: `r${i}`, step: 2, role: r.roles[1], status: 'pending' as const }] : []),
    ]),
  );

describe('approval flow', () => {
  it('decides only open steps of the roles held, a second step only with its first', () => {
    fc.assert(
      fc.property(stepsArb, fc.subarray([...ROLES], { minLength: 1 }), (steps, roles) => {
        const decided = new Set(stepsToDecide(steps, roles));
        for (const s of steps) {
          if (!decided.has(s.id)) continue;
          expect(roles).toContain(s.role);
          expect(s.status).toBe('pending');
          const first = steps.find((f) => f.rule === s.rule && f.step === 1);
          if (s.step === 2) expect(first?.status === 'approved' || decided.has(first?.id ?? -1)).toBe(true);
        }
        // Nothing left open that these roles could have decided.
        expect(steps.filter((s) => roles.includes(s.role as never) && isOpen(s, steps, decided))).toEqual([]);
      }),
    );
  });

  it('decides every pending step for someone holding every role', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        expect(stepsToDecide(steps, ROLES).sort()).toEqual(
          steps.filter((s) => s.status === 'pending').map((s) => s.id),
        );
      }),
    );
  });

  it('adds a second step above the higher amount, after the first', () => {
    const rules = {
      ...DEFAULT_APPROVAL_RULES,
      po_amount: { over: 1000, role: 'purchasing' as const, second: { over: 5000, role: 'owner' as const } },
    };
    expect(amountApprovalSteps('po_amount', 1000, rules)).toEqual([]);
    expect(amountApprovalSteps('po_amount', 5000, rules).map((s) => [s.step, s.role])).toEqual([[1, 'purchasing']]);
    expect(amountApprovalSteps('po_amount', 5001, rules).map((s) => [s.step, s.role, s.message])).toEqual([
      [1, 'purchasing', 'purchase order 50.01 is over 10.00'],
      [2, 'owner', 'purchase order 50.01 is over 50.00'],
    ]);
    const order = orderApprovalSteps(
      { amount: 2000, priceFlags: [{ code: 'price.below_floor', path: [], message: 'below floor' }], credit: null },
      {
        ...DEFAULT_APPROVAL_RULES,
        discount: { over: 0, role: 'sales_manager', second: { over: 1500, role: 'owner' } },
      },
    );
    expect(order.ok && order.value.map((s) => [s.rule, s.step, s.role])).toEqual([
      ['discount', 1, 'sales_manager'],
      ['discount', 2, 'owner'],
    ]);
  });

  it('reads stored rules over the defaults and refuses what does not read', () => {
    expect(approvalRules({ credit: { over: 0, role: 'owner', second: null } })).toMatchObject({
      ok: true,
      value: { credit: { role: 'owner' }, order_amount: DEFAULT_APPROVAL_RULES.order_amount },
    });
    const bad = approvalRules({ credit: { over: -1, role: 'customer', second: null } });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path.join('.'))).toEqual([
      'approval_rules.credit.over',
      'approval_rules.credit.role',
    ]);
  });
});
