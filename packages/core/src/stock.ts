import { z } from 'zod';
import { dayCount, type IsoDate, shiftDays } from './calendar.js';
import type { Layer } from './fifo.js';
import {
  assertInput,
  dateInput,
  daysInput,
  inputIssues,
  milliInput,
  minorInput,
  nonNegativeMilliInput,
  roundingInput,
} from './input.js';
import { fail, ok, type Result } from './issue.js';
import type { Minor } from './money.js';
import { formatQuantity, type Milli } from './quantity.js';
import { DEFAULT_ROUNDING, mulDiv, type RoundingMode } from './rounding.js';

/** How many base units (in thousandths) one of a unit holds: 1 box = 12 pcs → `{ uom: 'box', factor: 12000 }`. */
export interface UomConversion {
  uom: string;
  factor: Milli;
}

const conversionArgs = z.object({
  qty: milliInput,
  uom: z.string(),
  baseUom: z.string(),
  conversions: z.array(z.object({ uom: z.string(), factor: z.int().positive() }) satisfies z.ZodType<UomConversion>),
  rounding: roundingInput,
});
const lotInput = z.object({
  bin: z.string(),
  batch: z.string().optional(),
  expiry: dateInput.optional(),
  received: dateInput,
  qty: milliInput,
}) satisfies z.ZodType<StockLot>;
const pickArgs = z.object({
  lots: z.array(lotInput),
  qty: nonNegativeMilliInput,
  options: z.object({
    strategy: z.enum(['fifo', 'fefo']),
    today: dateInput,
    minShelfDays: z.int().min(0).optional(),
  }),
});
const expiryArgs = z.object({ lots: z.array(lotInput), today: dateInput, days: daysInput });
const countInput = z.array(
  z.object({
    product: z.string(),
    warehouse: z.string(),
    bin: z.string().optional(),
    batch: z.string().optional(),
    qty: milliInput,
  }),
);
const countArgs = z.object({
  frozen: countInput,
  counted: countInput,
  options: z.object({ uncountedAsZero: z.boolean().optional() }),
});
const boundsInput = z.array(z.int().min(0));
const stockAgeArgs = z.object({
  layers: z.array(z.object({ qty: milliInput, value: minorInput, date: dateInput })),
  asOf: dateInput,
  bounds: boundsInput,
});
const slowArgs = z.object({
  items: z.array(
    z.object({
      sku: z.string(),
      onHand: milliInput,
      lastIssue: dateInput.nullish(),
      firstReceipt: dateInput.nullish(),
    }),
  ),
  asOf: dateInput,
  days: daysInput,
});

/**
 * Convert a quantity in any of a product's units to its base unit, rounding once.
 *
 * @example
 * toBaseQty(2500, 'box', 'pcs', [{ uom: 'box', factor: 12000 }]) // { ok: true, value: 30000 } (2.5 boxes = 30 pcs)
 */
export function toBaseQty(
  qty: Milli,
  uom: string,
  baseUom: string,
  conversions: readonly UomConversion[],
  rounding: RoundingMode = DEFAULT_ROUNDING,
): Result<Milli> {
  const bad = inputIssues(conversionArgs, { qty, uom, baseUom, conversions, rounding });
  if (bad) return fail(...bad);
  if (uom === baseUom) return ok(qty);
  const c = conversions.find((x) => x.uom === uom);
  if (!c)
    return fail({ code: 'uom.unknown', path: ['uom'], message: `no conversion from ${uom} to ${baseUom}`, value: uom });
  return ok(mulDiv(qty, c.factor, 1000, rounding));
}

/**
 * Convert a base quantity into another unit, rounding once.
 *
 * @example
 * fromBaseQty(30000, 'box', 'pcs', [{ uom: 'box', factor: 12000 }]) // { ok: true, value: 2500 }
 */
export function fromBaseQty(
  baseQty: Milli,
  uom: string,
  baseUom: string,
  conversions: readonly UomConversion[],
  rounding: RoundingMode = DEFAULT_ROUNDING,
): Result<Milli> {
  const bad = inputIssues(conversionArgs, { qty: baseQty, uom, baseUom, conversions, rounding });
  if (bad) return fail(...bad);
  if (uom === baseUom) return ok(baseQty);
  const c = conversions.find((x) => x.uom === uom);
  if (!c)
    return fail({ code: 'uom.unknown', path: ['uom'], message: `no conversion from ${baseUom} to ${uom}`, value: uom });
  return ok(mulDiv(baseQty, 1000, c.factor, rounding));
}

/** Stock of one product in one bin, of one batch when batch-tracked. */
export interface StockLot {
  bin: string;
  batch?: string;
  expiry?: IsoDate;
  /** When it was received: the FIFO order. */
  received: IsoDate;
  qty: Milli;
}

export interface Pick {
  bin: string;
  batch?: string;
  expiry?: IsoDate;
  qty: Milli;
}

/**
 * Which bins and batches to pick from: FEFO (first expiry, first out) for expiry-tracked
 * products, skipping expired stock and stock expiring within `minShelfDays`; FIFO by receipt
 * date otherwise. Refused, with what is available, when there is not enough.
 *
 * @example
 * pickList(lots, 5000, { strategy: 'fefo', today: '2026-03-01' })
 * // { ok: true, value: [{ bin: 'A-01', batch: 'L0212', expiry: '2026-04-30', qty: 3000 }, { bin: 'B-02', … qty: 2000 }] }
 */
export function pickList(
  lots: readonly StockLot[],
  qty: Milli,
  options: { strategy: 'fifo' | 'fefo'; today: IsoDate; minShelfDays?: number },
): Result<Pick[]> {
  const bad = inputIssues(pickArgs, { lots, qty, options });
  if (bad) return fail(...bad);
  const usableFrom = shiftDays(options.today, options.minShelfDays ?? 0);
  const usable = lots.filter((l) => l.qty > 0 && (options.strategy === 'fifo' || !l.expiry || l.expiry >= usableFrom));
  usable.sort((a, b) =>
    options.strategy === 'fefo'
      ? (a.expiry ?? '9999-12-31').localeCompare(b.expiry ?? '9999-12-31') ||
        a.received.localeCompare(b.received) ||
        a.bin.localeCompare(b.bin)
      : a.received.localeCompare(b.received) || a.bin.localeCompare(b.bin),
  );
  const available = usable.reduce((s, l) => s + l.qty, 0);
  if (available < qty) {
    return fail({
      code: 'stock.short',
      path: ['qty'],
      message: `${formatQuantity(available)} can be picked, ${formatQuantity(qty)} requested`,
      value: qty,
    });
  }
  const picks: Pick[] = [];
  let left = qty;
  for (const l of usable) {
    if (left === 0) break;
    const take = Math.min(left, l.qty);
    picks.push({
      bin: l.bin,
      ...(l.batch ? { batch: l.batch } : {}),
      ...(l.expiry ? { expiry: l.expiry } : {}),
      qty: take,
    });
    left -= take;
  }
  return ok(picks);
}

/**
 * Lots that expire within `days` of today, and those already expired, soonest first.
 *
 * @example
 * nearExpiry(lots, '2026-03-01', 30) // [{ …lot, daysLeft: -2, expired: true }, { …lot, daysLeft: 12, expired: false }]
 */
export function nearExpiry(lots: readonly StockLot[], today: IsoDate, days: number) {
  assertInput(expiryArgs, { lots, today, days }, 'nearExpiry');
  return lots
    .filter((l) => l.qty > 0 && l.expiry !== undefined && dayCount(today, l.expiry) <= days)
    .map((l) => {
      const daysLeft = dayCount(today, l.expiry as IsoDate);
      return { ...l, daysLeft, expired: daysLeft < 0 };
    })
    .sort((a, b) => a.daysLeft - b.daysLeft || a.bin.localeCompare(b.bin));
}

export interface CountKey {
  product: string;
  warehouse: string;
  bin?: string;
  batch?: string;
}

export interface CountLine extends CountKey {
  book: Milli;
  counted: Milli | null;
  /** Counted − book; 0 for a line not counted. */
  difference: Milli;
}

const keyOf = (k: CountKey) => `${k.product}\u0000${k.warehouse}\u0000${k.bin ?? ''}\u0000${k.batch ?? ''}`;

/**
 * Compare a stock count with the book quantities frozen when it started. A place counted but not
 * in the book is a gain from zero; a place in the book but not counted is left as it is
 * (`counted: null`) unless `uncountedAsZero`, as when a whole warehouse is counted.
 *
 * @example
 * countDifferences([{ product: 'A', warehouse: 'W', qty: 10000 }], [{ product: 'A', warehouse: 'W', qty: 9000 }])
 * // [{ product: 'A', warehouse: 'W', book: 10000, counted: 9000, difference: -1000 }]
 */
export function countDifferences(
  frozen: readonly (CountKey & { qty: Milli })[],
  counted: readonly (CountKey & { qty: Milli })[],
  options: { uncountedAsZero?: boolean } = {},
): CountLine[] {
  assertInput(countArgs, { frozen, counted, options }, 'countDifferences');
  const lines = new Map<string, CountLine>();
  for (const f of frozen) {
    const { qty, ...key } = f;
    lines.set(keyOf(f), {
      ...key,
      book: qty,
      counted: options.uncountedAsZero ? 0 : null,
      difference: options.uncountedAsZero ? -qty : 0,
    });
  }
  for (const c of counted) {
    const { qty, ...key } = c;
    const line = lines.get(keyOf(c)) ?? { ...key, book: 0, counted: null, difference: 0 };
    const total = (line.counted ?? 0) + qty;
    lines.set(keyOf(c), { ...line, counted: total, difference: total - line.book });
  }
  return [...lines.values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}

export interface AgeBucket {
  label: string;
  qty: Milli;
  value: Minor;
}

/**
 * How long the stock on hand has been held, by its FIFO layers: each layer's remaining quantity
 * and value in the bucket of its age. Also the quantity-weighted average age in days.
 *
 * @example
 * stockAge(layers, '2026-06-30', [30, 90]) // { buckets: [{ label: '0-30', … }, { label: '31-90', … }, { label: '90+', … }], averageDays: 41 }
 */
export function stockAge(
  layers: readonly Layer[],
  asOf: IsoDate,
  bounds: readonly number[] = [30, 60, 90, 180],
): { buckets: AgeBucket[]; averageDays: number } {
  assertInput(stockAgeArgs, { layers, asOf, bounds }, 'stockAge');
  const labels = bounds.map((b, i) => `${i === 0 ? 0 : (bounds[i - 1] ?? 0) + 1}-${b}`);
  labels.push(`${bounds.at(-1) ?? 0}+`);
  const buckets = labels.map((label) => ({ label, qty: 0, value: 0 }));
  let weighted = 0;
  let total = 0;
  for (const l of layers) {
    const age = Math.max(0, dayCount(l.date, asOf));
    const i = bounds.findIndex((b) => age <= b);
    const bucket = buckets[i === -1 ? bounds.length : i];
    if (bucket) {
      bucket.qty += l.qty;
      bucket.value += l.value;
    }
    weighted += age * l.qty;
    total += l.qty;
  }
  return { buckets, averageDays: total === 0 ? 0 : Math.round(weighted / total) };
}

/**
 * Products with stock that has not moved out for `days` or more (or never), longest idle first.
 *
 * @example
 * slowMovers([{ sku: 'A', onHand: 5000, lastIssue: '2025-10-01' }], '2026-03-01', 90) // [{ sku: 'A', …, idleDays: 151 }]
 */
export function slowMovers<
  T extends { sku: string; onHand: Milli; lastIssue?: IsoDate | null; firstReceipt?: IsoDate | null },
>(items: readonly T[], asOf: IsoDate, days: number): (T & { idleDays: number | null })[] {
  assertInput(slowArgs, { items, asOf, days }, 'slowMovers');
  return items
    .filter((i) => i.onHand > 0)
    .map((i) => {
      const since = i.lastIssue ?? i.firstReceipt ?? null;
      return { ...i, idleDays: since === null ? null : dayCount(since, asOf) };
    })
    .filter((i) => i.idleDays === null || i.idleDays >= days)
    .sort(
      (a, b) =>
        (b.idleDays ?? Number.POSITIVE_INFINITY) - (a.idleDays ?? Number.POSITIVE_INFINITY) ||
        a.sku.localeCompare(b.sku),
    );
}
