import { z } from 'zod';
import { type AmountOptions, guardRange, parseInput } from './input.js';
import type { Result } from './issue.js';
import type { Minor } from './money.js';
import type { Milli } from './quantity.js';
import type { BasisPoints } from './rate.js';
import { DEFAULT_ROUNDING, mulDiv, type RoundingMode, roundingSchema } from './rounding.js';
import { lineAmount, type Taxed, type TaxMode, taxModeSchema, taxOf } from './tax.js';

/** An order line as it was priced: its quantity and the net, VAT and gross kept for it. */
export interface LineFigures extends Taxed {
  qty: Milli;
  taxRate: BasisPoints;
  /** The mode the line was priced in: its gross (含税) or its net is what the price made. */
  taxMode: TaxMode;
}

/** A stretch of a line's quantity, `from` (excluded) up to `to` (included), in thousandths. */
export interface QtyRange {
  from: Milli;
  to: Milli;
}

const rate = z.int().min(0).max(10_000);
const range = z.object({ from: z.int().min(0), to: z.int().min(0) }).refine((r) => r.from <= r.to, {
  message: 'must not end before it starts',
  path: ['to'],
  params: { code: 'line_part.range' },
});
const options = z.object({ rounding: roundingSchema.optional() });

const lineSchema = z
  .object({
    qty: z.int().positive(),
    net: z.int(),
    tax: z.int(),
    gross: z.int(),
    taxRate: rate,
    taxMode: taxModeSchema,
  })
  .refine((l) => l.net + l.tax === l.gross, {
    message: 'net and tax must add up to the gross',
    path: ['gross'],
    params: { code: 'line_part.unbalanced' },
  });
const partSchema = z.object({ line: lineSchema, range, options }).refine((p) => p.range.to <= p.line.qty, {
  message: 'must not go beyond the line',
  path: ['range', 'to'],
  params: { code: 'line_part.beyond_line' },
});

const NOTHING: Taxed = { net: 0, tax: 0, gross: 0 };
const minus = (a: Taxed, b: Taxed): Taxed => ({ net: a.net - b.net, tax: a.tax - b.tax, gross: a.gross - b.gross });

/** The first `q` of a line: its own figures at the whole quantity, else its priced amount pro rata. */
function lineUpTo(line: LineFigures, q: Milli, rounding: RoundingMode): Taxed {
  if (q === 0) return NOTHING;
  if (q === line.qty) return { net: line.net, tax: line.tax, gross: line.gross };
  const priced = line.taxMode === 'inclusive' ? line.gross : line.net;
  return taxOf(mulDiv(priced, q, line.qty, rounding), line.taxRate, line.taxMode, rounding);
}

/**
 * What a partial document (an invoice of part of a shipment, a credit note for part of a return)
 * takes of an order line: the first `to` of the line less the first `from`, each figured as a
 * fapiao would (the priced amount pro rata, VAT on it) and the whole line as it was kept. So the
 * parts of any split of a line add up exactly to the line's net, VAT and gross, in either tax
 * mode and any rounding, and each part's net + VAT is its gross. Bad input comes back as issues
 * (`line_part.*`).
 *
 * @example
 * const line = { qty: 3000, net: 1000, tax: 130, gross: 1130, taxRate: 1300, taxMode: 'exclusive' };
 * linePart(line, { from: 0, to: 1000 })    // { ok: true, value: { net: 333, tax: 43, gross: 376 } }
 * linePart(line, { from: 1000, to: 2000 }) // { ok: true, value: { net: 334, tax: 44, gross: 378 } }
 * linePart(line, { from: 2000, to: 3000 }) // { ok: true, value: { net: 333, tax: 43, gross: 376 } }
 */
export function linePart(line: LineFigures, part: QtyRange, opts: AmountOptions = {}): Result<Taxed> {
  const checked = parseInput(partSchema, { line, range: part, options: opts });
  if (!checked.ok) return checked;
  const rounding = opts.rounding ?? DEFAULT_ROUNDING;
  return guardRange('line_part', () => minus(lineUpTo(line, part.to, rounding), lineUpTo(line, part.from, rounding)));
}

/** A line known by its price rather than by kept figures: a purchase order line. */
export interface PricedLine {
  unitPrice: Minor;
  taxRate: BasisPoints;
  taxMode: TaxMode;
}

const pricedSchema = z.object({
  line: z.object({ unitPrice: z.int(), taxRate: rate, taxMode: taxModeSchema }),
  range,
  options,
});

/**
 * The part of a priced line from `from` (excluded) to `to` (included): the first `to` at the
 * price less the first `from`, so receipts or invoices of a line, however split, add up to what
 * the whole quantity costs at that price.
 *
 * @example
 * pricedPart({ unitPrice: 1001, taxRate: 0, taxMode: 'exclusive' }, { from: 500, to: 1000 }) // { ok: true, value: { net: 500, tax: 0, gross: 500 } }
 */
export function pricedPart(line: PricedLine, part: QtyRange, opts: AmountOptions = {}): Result<Taxed> {
  const checked = parseInput(pricedSchema, { line, range: part, options: opts });
  if (!checked.ok) return checked;
  const rounding = opts.rounding ?? DEFAULT_ROUNDING;
  const upTo = (q: Milli) => taxOf(lineAmount(q, line.unitPrice, rounding), line.taxRate, line.taxMode, rounding);
  return guardRange('line_part', () => minus(upTo(part.to), upTo(part.from)));
}
