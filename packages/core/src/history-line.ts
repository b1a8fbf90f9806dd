import { z } from 'zod';
import { inputIssues, milliInput, minorInput, roundingInput } from './input.js';
import { fail, ok, type Result } from './issue.js';
import type { Minor } from './money.js';
import type { Milli } from './quantity.js';
import type { BasisPoints } from './rate.js';
import { DEFAULT_ROUNDING, mulDiv, type RoundingMode } from './rounding.js';
import { taxOf } from './tax.js';

/** What a sales-history line says about its money, each amount already in minor units. */
export interface HistoryLineMoney {
  qty: Milli;
  /** The net line amount as the source system wrote it, rounded once to the currency on reading. */
  amount: Minor | null;
  unitPrice: Minor | null;
  tax: Minor | null;
  /** Money off the list price; the amount is already net of it. */
  discount: Minor | null;
  /** The line's own rate, else the product's. */
  taxRate: BasisPoints;
}

/** A history line's figures as the book keeps them. */
export interface HistoryLineFigures {
  net: Minor;
  tax: Minor;
  /** Net per unit, for display: the line's amount is the figure that counts. */
  unitPrice: Minor;
  /** Before the discount, per unit. */
  listPrice: Minor;
}

const historyLineArgs = z
  .object({
    line: z.object({
      qty: milliInput,
      amount: minorInput.nullable(),
      unitPrice: minorInput.nullable(),
      tax: minorInput.nullable(),
      discount: minorInput.nullable(),
      taxRate: z.int().min(0).max(10_000),
    }) satisfies z.ZodType<HistoryLineMoney>,
    rounding: roundingInput,
  })
  // A unit price or list price is the amount over the quantity: there is none for no quantity.
  .refine((a) => a.line.qty !== 0 || (a.line.unitPrice !== null && !a.line.discount), {
    error: 'must not be 0 when the unit price is worked out from the amount',
    path: ['line', 'qty'],
  });

const wholeOrNull = (v: unknown) => v === null || Number.isSafeInteger(v);

/**
 * What `historyLineArgs` accepts, tested without building its parse: asked once per line of a
 * history file. A line that fails here goes to the schema, which words the problem.
 */
const plainLine = (line: HistoryLineMoney, rounding: unknown): boolean =>
  typeof line === 'object' &&
  line !== null &&
  Number.isSafeInteger(line.qty) &&
  wholeOrNull(line.amount) &&
  wholeOrNull(line.unitPrice) &&
  wholeOrNull(line.tax) &&
  wholeOrNull(line.discount) &&
  Number.isSafeInteger(line.taxRate) &&
  line.taxRate >= 0 &&
  line.taxRate <= 10_000 &&
  (rounding === 'half-up' || rounding === 'half-even') &&
  (line.qty !== 0 || (line.unitPrice !== null && !line.discount));

/**
 * The figures of one sales-history line. With a line amount, the amount is the line's net as the
 * source wrote it (no recomputing from a rounded unit price, so the book's totals are the sum of
 * the source's lines) and the unit price is derived from it; with only a unit price, the net is
 * quantity × price as before. A tax amount given is kept; otherwise VAT is the rate on the net.
 *
 * @example
 * historyLineAmounts({ qty: 3000, amount: 1235, unitPrice: null, tax: null, discount: null, taxRate: 1300 })
 * // { ok: true, value: { net: 1235, tax: 161, unitPrice: 412, listPrice: 412 } }
 */
export function historyLineAmounts(
  line: HistoryLineMoney,
  rounding: RoundingMode = DEFAULT_ROUNDING,
): Result<HistoryLineFigures> {
  const bad = plainLine(line, rounding) ? undefined : inputIssues(historyLineArgs, { line, rounding });
  if (bad) return fail(...bad);
  let net: Minor;
  let unitPrice: Minor;
  if (line.amount !== null) {
    net = line.amount;
    unitPrice = line.unitPrice ?? mulDiv(net, 1000, line.qty, rounding);
  } else if (line.unitPrice !== null) {
    net = mulDiv(line.qty, line.unitPrice, 1000, rounding);
    unitPrice = line.unitPrice;
  } else {
    return fail({
      code: 'history.amount_missing',
      path: ['amount'],
      message: 'needs a line amount (amount 金额) or a unit price (unit_price 单价)',
      value: '',
    });
  }
  const listPrice = line.discount ? mulDiv(net + line.discount, 1000, line.qty, rounding) : unitPrice;
  // A history file's amount and unit price are net (金额 / 不含税单价): VAT is added to them,
  // whatever mode the book's own prices are kept in.
  const tax = line.tax ?? taxOf(net, line.taxRate, 'exclusive', rounding).tax;
  return ok({ net, tax, unitPrice, listPrice });
}
