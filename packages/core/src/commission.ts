import { type IsoDate, inPeriod } from './calendar.js';
import type { Minor } from './money.js';
import type { BasisPoints } from './rate.js';
import { DEFAULT_ROUNDING, Dec, type RoundingMode, roundScaled } from './rounding.js';

/** What commission is paid on. */
export type CommissionBase = 'net_sales' | 'gross_margin' | 'collected';

/**
 * How a base turns into commission. `flat`: one rate. `marginal`: each band of the base at its own
 * rate, like income tax. `whole`: the highest tier the base reaches sets the rate for all of it.
 * Bands and tiers start at `from` (minor units), ascending; the first normally starts at 0.
 */
export type CommissionScheme =
  | { kind: 'flat'; rate: BasisPoints }
  | { kind: 'marginal'; bands: readonly { from: Minor; rate: BasisPoints }[] }
  | { kind: 'whole'; tiers: readonly { from: Minor; rate: BasisPoints }[] };

export interface CommissionPlan {
  code: string;
  base: CommissionBase;
  scheme: CommissionScheme;
  /** A manager's override on the base of their direct reports, when set. */
  managerOverride?: BasisPoints;
}

export interface BandAmount {
  from: Minor;
  to: Minor | null;
  rate: BasisPoints;
  base: Minor;
  amount: Minor;
}

const pct = (amount: Minor, rate: BasisPoints, rounding: RoundingMode) =>
  roundScaled(new Dec(amount).times(rate).dividedBy(10_000), 0, rounding);

/**
 * Commission on a base under a scheme, band by band, each band's amount rounded once.
 * A negative base (refunds beyond sales: a clawback) is charged back at the first band's rate.
 *
 * @example
 * // 0–10,000.00 at 2%, 10,000.00–50,000.00 at 3%, above at 5%; base 60,000.00
 * commissionOn(6_000_000, { kind: 'marginal', bands: [
 *   { from: 0, rate: 200 }, { from: 1_000_000, rate: 300 }, { from: 5_000_000, rate: 500 }] }).amount
 * // 20,000 + 120,000 + 50,000 = 190,000 (1,900.00)
 */
export function commissionOn(
  base: Minor,
  scheme: CommissionScheme,
  rounding: RoundingMode = DEFAULT_ROUNDING,
): { amount: Minor; bands: BandAmount[] } {
  if (scheme.kind === 'flat') {
    const amount = pct(base, scheme.rate, rounding);
    return { amount, bands: [{ from: 0, to: null, rate: scheme.rate, base, amount }] };
  }
  const steps = scheme.kind === 'marginal' ? scheme.bands : scheme.tiers;
  const sorted = [...steps].sort((a, b) => a.from - b.from);
  const first = sorted[0];
  if (!first) return { amount: 0, bands: [] };
  if (base < 0 || scheme.kind === 'whole') {
    const reached = base < 0 ? first : (sorted.filter((t) => t.from <= base).at(-1) ?? first);
    const amount = base < first.from && base >= 0 ? 0 : pct(base, reached.rate, rounding);
    return { amount, bands: [{ from: reached.from, to: null, rate: reached.rate, base, amount }] };
  }
  const bands: BandAmount[] = [];
  sorted.forEach((band, i) => {
    const to = sorted[i + 1]?.from ?? null;
    const portion = Math.max(0, Math.min(base, to ?? base) - band.from);
    if (portion > 0)
      bands.push({ from: band.from, to, rate: band.rate, base: portion, amount: pct(portion, band.rate, rounding) });
  });
  return { amount: bands.reduce((s, b) => s + b.amount, 0), bands };
}

/** One document's effect on a salesperson's commission bases. */
export interface CommissionLine {
  salesperson: string;
  date: IsoDate;
  document: string;
  /** Invoices add, credit notes (returns, refunds) subtract, receipts are cash collected. */
  kind: 'invoice' | 'credit_note' | 'receipt';
  netSales: Minor;
  cost: Minor;
  collected: Minor;
}

export interface CommissionSalesperson {
  code: string;
  level: string;
  manager?: string;
}

export interface CommissionStatement {
  salesperson: string;
  level: string;
  plan: string;
  baseKind: CommissionBase;
  base: Minor;
  amount: Minor;
  bands: BandAmount[];
  /** Every line that made up the base, with what it contributed. */
  lines: (CommissionLine & { contribution: Minor })[];
  override: { rate: BasisPoints; base: Minor; amount: Minor; team: { salesperson: string; base: Minor }[] } | null;
  total: Minor;
}

/**
 * What one line adds to a base of the given kind.
 *
 * @example
 * baseOf({ netSales: 80000, cost: 48000, collected: 0 } as CommissionLine, 'gross_margin') // 32000
 */
export const baseOf = (line: CommissionLine, kind: CommissionBase): Minor =>
  kind === 'net_sales' ? line.netSales : kind === 'gross_margin' ? line.netSales - line.cost : line.collected;

/**
 * A commission run over a period: each salesperson's base from the lines dated in the period
 * (so a credit note claws back in the period it is issued, whenever the sale was), the plan of
 * their level applied to it, and a manager's override on their direct reports' base.
 *
 * @example
 * runCommission({ period: { start: '2026-03-01', end: '2026-04-01' }, salespeople, plans, lines })
 *   .map((s) => [s.salesperson, s.total])
 */
export function runCommission(input: {
  period: { start: IsoDate; end: IsoDate };
  salespeople: readonly CommissionSalesperson[];
  plans: Readonly<Record<string, CommissionPlan>>;
  lines: readonly CommissionLine[];
  rounding?: RoundingMode;
}): CommissionStatement[] {
  const rounding = input.rounding ?? DEFAULT_ROUNDING;
  const inRun = input.lines.filter((l) => inPeriod(input.period, l.date));
  const byPerson = new Map<string, CommissionLine[]>();
  for (const line of inRun) byPerson.set(line.salesperson, [...(byPerson.get(line.salesperson) ?? []), line]);
  const sumBase = (code: string, kind: CommissionBase) =>
    (byPerson.get(code) ?? []).reduce((s, l) => s + baseOf(l, kind), 0);

  return [...input.salespeople]
    .sort((a, b) => a.code.localeCompare(b.code))
    .flatMap((person): CommissionStatement[] => {
      const plan = input.plans[person.level];
      if (!plan) return [];
      const lines = (byPerson.get(person.code) ?? [])
        .map((l) => ({ ...l, contribution: baseOf(l, plan.base) }))
        .sort((a, b) => a.date.localeCompare(b.date) || a.document.localeCompare(b.document));
      const base = lines.reduce((s, l) => s + l.contribution, 0);
      const own = commissionOn(base, plan.scheme, rounding);
      let override: CommissionStatement['override'] = null;
      if (plan.managerOverride !== undefined) {
        const team = input.salespeople
          .filter((p) => p.manager === person.code)
          .map((p) => ({ salesperson: p.code, base: sumBase(p.code, plan.base) }))
          .sort((a, b) => a.salesperson.localeCompare(b.salesperson));
        const teamBase = team.reduce((s, t) => s + t.base, 0);
        override = {
          rate: plan.managerOverride,
          base: teamBase,
          amount: pct(teamBase, plan.managerOverride, rounding),
          team,
        };
      }
      return [
        {
          salesperson: person.code,
          level: person.level,
          plan: plan.code,
          baseKind: plan.base,
          base,
          amount: own.amount,
          bands: own.bands,
          lines,
          override,
          total: own.amount + (override?.amount ?? 0),
        },
      ];
    });
}
