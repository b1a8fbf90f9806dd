import jstat from 'jstat';
import { z } from 'zod';
import { assertInput, milliInput, nonNegativeMilliInput } from './input.js';
import type { Milli } from './quantity.js';

const finite = z.number();
const nonNegative = z.number().min(0);
const statsArgs = z.object({ daily: z.array(finite) });
const safetyArgs = z.object({
  rule: z.discriminatedUnion('method', [
    z.object({ method: z.literal('fixed'), qty: nonNegativeMilliInput }),
    z.object({ method: z.literal('service_level'), serviceLevel: z.number().gt(0).lt(1) }),
  ]),
  sdDaily: nonNegative,
  leadTimeDays: nonNegative,
});
const pointArgs = z.object({ meanDaily: finite, leadTimeDays: nonNegative, safety: milliInput });
const reorderInput = z.object({
  projected: milliInput,
  reorderPoint: milliInput,
  reorderQty: nonNegativeMilliInput,
  maxLevel: milliInput.optional(),
  packSize: nonNegativeMilliInput.optional(),
  moq: nonNegativeMilliInput.optional(),
}) satisfies z.ZodType<ReorderInput>;
const groupArgs = z.object({
  lines: z.array(z.object({ id: z.string(), sku: z.string(), qty: nonNegativeMilliInput })),
  products: z.record(
    z.string(),
    z.object({
      supplier: z.string().nullable(),
      packSize: nonNegativeMilliInput.optional(),
      moq: nonNegativeMilliInput.optional(),
    }),
  ),
});

/**
 * Average daily demand and its standard deviation, from daily quantities (zeros included for
 * days without sales).
 *
 * @example
 * demandStats([2000, 4000, 3000, 3000]) // { mean: 3000, sd: 816.5 }
 */
export function demandStats(daily: readonly number[]): { mean: number; sd: number } {
  assertInput(statsArgs, { daily }, 'demandStats');
  if (daily.length === 0) return { mean: 0, sd: 0 };
  return { mean: jstat.jStat.mean([...daily]), sd: daily.length < 2 ? 0 : jstat.jStat.stdev([...daily], true) };
}

export type SafetyStock = { method: 'fixed'; qty: Milli } | { method: 'service_level'; serviceLevel: number };

/**
 * Safety stock: fixed, or z × σ(daily demand) × √(lead time) for a service level, where z is the
 * standard normal quantile (0.95 → 1.6449, as Excel's NORM.S.INV), rounded up to a whole thousandth.
 *
 * @example
 * safetyStock({ method: 'service_level', serviceLevel: 0.95 }, 1000, 9) // ceil(1.6449 × 1000 × 3) = 4935
 */
export function safetyStock(rule: SafetyStock, sdDaily: number, leadTimeDays: number): Milli {
  assertInput(safetyArgs, { rule, sdDaily, leadTimeDays }, 'safetyStock');
  if (rule.method === 'fixed') return rule.qty;
  const z = jstat.jStat.normal.inv(rule.serviceLevel, 0, 1);
  return Math.max(0, Math.ceil(z * sdDaily * Math.sqrt(leadTimeDays)));
}

/**
 * Reorder point: average daily demand × lead time + safety stock, rounded up.
 *
 * @example
 * reorderPoint(3000, 7, 4935) // 25935
 */
export function reorderPoint(meanDaily: number, leadTimeDays: number, safety: Milli): Milli {
  assertInput(pointArgs, { meanDaily, leadTimeDays, safety }, 'reorderPoint');
  return Math.ceil(meanDaily * leadTimeDays) + safety;
}

const roundUpTo = (qty: Milli, step: Milli) => (step > 0 ? Math.ceil(qty / step) * step : qty);

export interface ReorderInput {
  projected: Milli;
  reorderPoint: Milli;
  reorderQty: Milli;
  maxLevel?: Milli;
  packSize?: Milli;
  moq?: Milli;
}

/**
 * What to order when projected stock is at or below the reorder point: the larger of the reorder
 * quantity and what brings stock up to the maximum, rounded up to the pack size, at least the
 * minimum order quantity (itself rounded up to the pack). Nothing above the reorder point.
 *
 * @example
 * suggestReorder({ projected: 20000, reorderPoint: 25935, reorderQty: 30000, maxLevel: 80000, packSize: 12000, moq: 24000 }) // 60000
 */
export function suggestReorder(r: ReorderInput): Milli {
  assertInput(reorderInput, r, 'suggestReorder');
  if (r.projected > r.reorderPoint) return 0;
  const wanted = Math.max(r.reorderQty, (r.maxLevel ?? 0) - r.projected, 0);
  const pack = r.packSize ?? 0;
  return Math.max(roundUpTo(wanted, pack), roundUpTo(r.moq ?? 0, pack));
}

/**
 * Group requisition lines into purchase orders by preferred supplier: quantities per product
 * summed, rounded up to pack size and minimum order quantity; each PO line keeps the requisition
 * lines (and so the sales order lines) it serves.
 *
 * @example
 * groupRequisitions([{ id: 'PR-1', sku: 'A', qty: 5000 }], { A: { supplier: 'S1', packSize: 12000 } })
 * // [{ supplier: 'S1', lines: [{ sku: 'A', qty: 12000, requisitions: ['PR-1'] }] }]
 */
export function groupRequisitions(
  lines: readonly { id: string; sku: string; qty: Milli }[],
  products: Readonly<Record<string, { supplier: string | null; packSize?: Milli; moq?: Milli }>>,
) {
  assertInput(groupArgs, { lines, products }, 'groupRequisitions');
  const bySupplier = new Map<string, Map<string, { qty: Milli; requisitions: string[] }>>();
  const unassigned: string[] = [];
  for (const l of lines) {
    const supplier = products[l.sku]?.supplier;
    if (!supplier) {
      unassigned.push(l.id);
      continue;
    }
    const skus = bySupplier.get(supplier) ?? new Map();
    const entry = skus.get(l.sku) ?? { qty: 0, requisitions: [] };
    entry.qty += l.qty;
    entry.requisitions.push(l.id);
    skus.set(l.sku, entry);
    bySupplier.set(supplier, skus);
  }
  const orders = [...bySupplier.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([supplier, skus]) => ({
      supplier,
      lines: [...skus.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([sku, e]) => {
          const p = products[sku];
          const pack = p?.packSize ?? 0;
          return {
            sku,
            qty: Math.max(roundUpTo(e.qty, pack), roundUpTo(p?.moq ?? 0, pack)),
            requisitions: e.requisitions,
          };
        }),
    }));
  return Object.assign(orders, { unassigned });
}
