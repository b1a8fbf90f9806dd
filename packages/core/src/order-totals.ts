import { z } from 'zod';
import { allocate } from './allocate.js';
import { guardRange, parseInput } from './input.js';
import type { Result } from './issue.js';
import type { Minor } from './money.js';
import type { Milli } from './quantity.js';
import type { BasisPoints } from './rate.js';
import { DEFAULT_ROUNDING, Dec, type RoundingMode, roundingSchema, roundScaled } from './rounding.js';
import { lineAmount, type Taxed, type TaxMode, taxModeSchema, taxOf } from './tax.js';

export interface OrderLineInput {
  qty: Milli;
  unitPrice: Minor;
  taxRate: BasisPoints;
  /** A line discount in basis points of the line amount. */
  discountRate?: BasisPoints;
  /**
   * Whether this line's unit price includes VAT, when it differs from the order's: a line priced
   * from a 含税 list on an order whose other prices are net. Defaults to the order's mode.
   */
  taxMode?: TaxMode;
}

export interface OrderInput {
  lines: readonly OrderLineInput[];
  /** Whether unit prices (unless a line says otherwise), the order discount and freight include VAT. */
  taxMode: TaxMode;
  /** An amount off the whole order, spread over the lines by their amounts after line discounts. */
  orderDiscount?: Minor;
  freight?: Minor;
  /** VAT rate of the freight; defaults to the highest rate among the lines. */
  freightTaxRate?: BasisPoints;
  rounding?: RoundingMode;
}

export interface OrderLineTotals extends Taxed {
  /** qty × unit price, rounded once. */
  amount: Minor;
  lineDiscount: Minor;
  orderDiscount: Minor;
}

export interface OrderTotals {
  lines: OrderLineTotals[];
  freight: Taxed;
  /** Sums over the lines and the freight; `discount` is line plus order discounts. */
  total: Taxed & { amount: Minor; discount: Minor };
}

const rate = z.int().min(0).max(10_000);
const orderSchema = z
  .object({
    lines: z.array(
      z.object({
        qty: z.int(),
        unitPrice: z.int(),
        taxRate: rate,
        discountRate: rate.optional(),
        taxMode: taxModeSchema.optional(),
      }),
    ),
    taxMode: taxModeSchema,
    orderDiscount: z.int().optional(),
    freight: z.int().optional(),
    freightTaxRate: rate.optional(),
    rounding: roundingSchema.optional(),
  })
  .superRefine((o, ctx) => {
    if (o.lines.length === 0 && (o.orderDiscount ?? 0) !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['orderDiscount'],
        message: 'an order discount needs at least one line to spread over',
        params: { code: 'order.discount_without_lines' },
      });
  });

/**
 * Totals of an order or invoice: each line's amount, line discount, share of the order discount
 * (largest-remainder, so shares sum exactly), then VAT per line as a fapiao shows it; freight is
 * taxed as a line of its own. Every figure is rounded once, at a named step. A line may keep its
 * own tax mode (a 含税 price list's line on an otherwise net order); its gross is then exactly
 * qty × price less its discounts. Input that is not integers, rates outside 0–100 % or amounts
 * too large to hold exactly come back as issues (`order.*`).
 *
 * @example
 * orderTotals({ taxMode: 'exclusive', orderDiscount: 1000, lines: [
 *   { qty: 2000, unitPrice: 5000, taxRate: 1300 },
 *   { qty: 1000, unitPrice: 10000, taxRate: 900 },
 * ] }) // { ok: true, value: { total: { amount: 20000, discount: 1000, net: 19000, tax: 2085, gross: 21085 }, … } }
 */
export function orderTotals(input: OrderInput): Result<OrderTotals> {
  const checked = parseInput(orderSchema, input);
  if (!checked.ok) return checked;
  return guardRange('order', () => totalsOf(checked.value));
}

function totalsOf(order: OrderInput): OrderTotals {
  const rounding = order.rounding ?? DEFAULT_ROUNDING;
  const afterLine = order.lines.map((l) => {
    const amount = lineAmount(l.qty, l.unitPrice, rounding);
    const lineDiscount = roundScaled(new Dec(amount).times(l.discountRate ?? 0).dividedBy(10_000), 0, rounding);
    return { amount, lineDiscount, base: amount - lineDiscount };
  });
  const shares =
    order.lines.length === 0
      ? []
      : allocate(
          order.orderDiscount ?? 0,
          afterLine.map((l) => Math.max(l.base, 0)),
        );
  const lines = afterLine.map((l, i): OrderLineTotals => {
    const orderDiscount = shares[i] ?? 0;
    const line = order.lines[i];
    const taxed = taxOf(l.base - orderDiscount, line?.taxRate ?? 0, line?.taxMode ?? order.taxMode, rounding);
    return { amount: l.amount, lineDiscount: l.lineDiscount, orderDiscount, ...taxed };
  });
  const freightRate = order.freightTaxRate ?? Math.max(0, ...order.lines.map((l) => l.taxRate));
  const freight = taxOf(order.freight ?? 0, freightRate, order.taxMode, rounding);
  const sum = (pick: (l: OrderLineTotals) => number) => lines.reduce((s, l) => s + pick(l), 0);
  return {
    lines,
    freight,
    total: {
      amount: sum((l) => l.amount),
      discount: sum((l) => l.lineDiscount + l.orderDiscount),
      net: sum((l) => l.net) + freight.net,
      tax: sum((l) => l.tax) + freight.tax,
      gross: sum((l) => l.gross) + freight.gross,
    },
  };
}
