import { z } from 'zod';
import type { IsoDate } from './calendar.js';
import { assertInput, dateInput, nonNegativeMilliInput, nonNegativeMinorInput, roundingInput } from './input.js';
import type { Minor } from './money.js';
import type { Milli } from './quantity.js';
import { DEFAULT_ROUNDING, mulDiv, type RoundingMode } from './rounding.js';

/** A move of one product in one warehouse, for re-valuation. */
export interface StockMove {
  date: IsoDate;
  /** Order within a day: the book's move id. */
  seq: number;
  kind: 'in' | 'out';
  qty: Milli;
  /** The value of a receipt (in); ignored for issues, whose cost is what repost computes. */
  value?: Minor;
}

/**
 * Moves in columns, already in posting order: `kind` 0 = in, 1 = out. `value` holds each
 * receipt's value on entry; repost writes each issue's cost into it.
 */
export interface MoveColumns {
  kind: Uint8Array;
  qty: Float64Array;
  value: Float64Array;
}

export interface RepostResult {
  closingQty: Milli;
  closingValue: Minor;
  /** Cost adjustments where a receipt settled a deficit, per move (0 elsewhere); only with allowNegative. */
  adjustment: Float64Array;
  /** The first issue that would take stock below zero, when negative stock is not allowed. */
  shortage: { index: number; available: Milli; requested: Milli } | null;
  /** The layers left at the end, oldest first: the receipt move each came from and what is left of it. */
  remaining: { move: Int32Array; qty: Float64Array; value: Float64Array };
}

const repostOptions = z
  .object({ allowNegative: z.boolean().optional(), rounding: roundingInput.optional() })
  .optional();

/**
 * Every element a whole number of 0 or more: one pass over the typed array, no copy. The first
 * bad element is the issue, at its index.
 */
const wholeNonNegative = <A extends Float64Array | Uint8Array>(array: A, ctx: z.core.$RefinementCtx<A>) => {
  for (let i = 0; i < array.length; i++) {
    const v = array[i] as number;
    if (!Number.isSafeInteger(v) || v < 0) {
      ctx.addIssue({
        code: 'custom',
        message: Number.isNaN(v)
          ? 'must be a whole number of 0 or more, not NaN'
          : `must be a whole number of 0 or more, not ${v}`,
        path: [i],
        input: v,
      });
      return;
    }
  }
};
const kindColumn = z.instanceof(Uint8Array).superRefine((kind, ctx) => {
  for (let i = 0; i < kind.length; i++) {
    if (kind[i] !== 0 && kind[i] !== 1) {
      ctx.addIssue({ code: 'custom', message: 'must be 0 (in) or 1 (out)', path: [i], input: kind[i] });
      return;
    }
  }
});
const columnsInput = z
  .object({
    kind: kindColumn,
    qty: z.instanceof(Float64Array).superRefine(wholeNonNegative),
    value: z.instanceof(Float64Array).superRefine(wholeNonNegative),
  })
  .refine((c) => c.qty.length === c.kind.length && c.value.length === c.kind.length, {
    error: 'kind, qty and value must have one element per move',
    path: ['qty'],
  });
const columnsArgs = z.object({ cols: columnsInput, options: repostOptions });
const movesArgs = z.object({
  moves: z.array(
    z.object({
      date: dateInput,
      seq: z.number(),
      kind: z.enum(['in', 'out']),
      qty: nonNegativeMilliInput,
      value: nonNegativeMinorInput.optional(),
    }) satisfies z.ZodType<StockMove>,
  ),
  options: repostOptions,
});

/**
 * Re-value a product-warehouse's moves in order with FIFO, in place: each issue's cost is written
 * into `value`. Layers live in typed arrays used as a queue, so the loop allocates nothing per
 * move; a million moves take a fraction of a second. Same rules as `fifoIssue`: proportional
 * value rounded once, the emptying issue takes what is left, a deficit (when allowed) is costed at
 * the last rate and settled by the next receipt.
 *
 * @example
 * const cols = { kind: Uint8Array.of(0, 1), qty: Float64Array.of(3000, 1000), value: Float64Array.of(1000, 0) };
 * repostColumns(cols); // cols.value[1] === 333; closingValue === 667
 */
export function repostColumns(
  cols: MoveColumns,
  options: { allowNegative?: boolean; rounding?: RoundingMode } = {},
): RepostResult {
  assertInput(columnsArgs, { cols, options }, 'repostColumns');
  return repost(cols, options);
}

function repost(cols: MoveColumns, options: { allowNegative?: boolean; rounding?: RoundingMode }): RepostResult {
  const rounding = options.rounding ?? DEFAULT_ROUNDING;
  const n = cols.kind.length;
  let receipts = 0;
  for (let i = 0; i < n; i++) if (cols.kind[i] === 0) receipts++;
  const layerQty = new Float64Array(receipts);
  const layerValue = new Float64Array(receipts);
  const layerMove = new Int32Array(receipts);
  const adjustment = new Float64Array(n);
  let head = 0;
  let tail = 0;
  let onHand = 0;
  let deficitQty = 0;
  let deficitValue = 0;
  let rateValue = 0;
  let rateQty = 0;
  const { kind, qty, value } = cols;
  for (let i = 0; i < n; i++) {
    const q = qty[i] as number;
    if (kind[i] === 0) {
      let v = value[i] as number;
      let rq = q;
      rateValue = v;
      rateQty = q;
      if (deficitQty > 0) {
        const settled = Math.min(deficitQty, q);
        const cost = settled === q ? v : mulDiv(v, settled, q, rounding);
        const booked = settled === deficitQty ? deficitValue : mulDiv(deficitValue, settled, deficitQty, rounding);
        adjustment[i] = cost - booked;
        deficitQty -= settled;
        deficitValue -= booked;
        rq -= settled;
        v -= cost;
      }
      if (rq > 0) {
        layerQty[tail] = rq;
        layerValue[tail] = v;
        layerMove[tail] = i;
        tail++;
        onHand += rq;
      }
      continue;
    }
    if (q > onHand && !options.allowNegative) {
      return {
        closingQty: onHand,
        closingValue: sumValue(layerValue, head, tail),
        adjustment,
        shortage: { index: i, available: onHand, requested: q },
        remaining: remainingLayers(layerMove, layerQty, layerValue, head, tail),
      };
    }
    let left = q;
    let cost = 0;
    while (left > 0 && head < tail) {
      const lq = layerQty[head] as number;
      const lv = layerValue[head] as number;
      if (left >= lq) {
        cost += lv;
        left -= lq;
        rateValue = lv;
        rateQty = lq;
        head++;
      } else {
        const part = mulDiv(lv, left, lq, rounding);
        cost += part;
        layerQty[head] = lq - left;
        layerValue[head] = lv - part;
        rateValue = part;
        rateQty = left;
        left = 0;
      }
    }
    if (left > 0) {
      const v = rateQty > 0 ? mulDiv(rateValue, left, rateQty, rounding) : 0;
      deficitQty += left;
      deficitValue += v;
      cost += v;
    }
    onHand -= q - left;
    value[i] = cost;
  }
  return {
    closingQty: onHand - deficitQty,
    closingValue: sumValue(layerValue, head, tail) - deficitValue,
    adjustment,
    shortage: null,
    remaining: remainingLayers(layerMove, layerQty, layerValue, head, tail),
  };
}

function remainingLayers(moves: Int32Array, qty: Float64Array, value: Float64Array, from: number, to: number) {
  return { move: moves.subarray(from, to), qty: qty.subarray(from, to), value: value.subarray(from, to) };
}

function sumValue(values: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += values[i] as number;
  return s;
}

/**
 * Re-value a history given in any order: sort by date then sequence, repost, and give back each
 * move's value (receipts as given, issues at their new FIFO cost) in the caller's order. This is
 * how a back-dated move re-values every later move of its product and warehouse.
 *
 * @example
 * repostMoves([
 *   { date: '2026-03-05', seq: 2, kind: 'out', qty: 1000 },
 *   { date: '2026-03-01', seq: 1, kind: 'in', qty: 3000, value: 1000 },
 * ]).values // [333, 1000]
 */
export function repostMoves(
  moves: readonly StockMove[],
  options: { allowNegative?: boolean; rounding?: RoundingMode } = {},
): { values: Minor[] } & RepostResult {
  assertInput(movesArgs, { moves, options }, 'repostMoves');
  const order = moves
    .map((_, i) => i)
    .sort((a, b) => {
      const x = moves[a] as StockMove;
      const y = moves[b] as StockMove;
      return x.date < y.date ? -1 : x.date > y.date ? 1 : x.seq - y.seq;
    });
  const n = moves.length;
  const cols: MoveColumns = { kind: new Uint8Array(n), qty: new Float64Array(n), value: new Float64Array(n) };
  order.forEach((src, at) => {
    const m = moves[src] as StockMove;
    cols.kind[at] = m.kind === 'in' ? 0 : 1;
    cols.qty[at] = m.qty;
    cols.value[at] = m.kind === 'in' ? (m.value ?? 0) : 0;
  });
  const result = repost(cols, options);
  const values = new Array<number>(n);
  const adjustment = new Float64Array(n);
  order.forEach((src, at) => {
    values[src] = cols.value[at] as number;
    adjustment[src] = result.adjustment[at] as number;
  });
  const shortage = result.shortage ? { ...result.shortage, index: order[result.shortage.index] ?? -1 } : null;
  const remaining = { ...result.remaining, move: result.remaining.move.map((m) => order[m] ?? -1) };
  return { ...result, adjustment, shortage, remaining, values };
}
