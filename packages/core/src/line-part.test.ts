import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LineFigures, linePart, pricedPart } from './line-part.js';
import { orderTotals } from './order-totals.js';
import type { RoundingMode } from './rounding.js';
import type { Taxed, TaxMode } from './tax.js';

const roundings: RoundingMode[] = ['half-up', 'half-even'];
const modes: TaxMode[] = ['exclusive', 'inclusive'];

/** Cut points splitting `qty` into parts: sorted, distinct, strictly inside, with both ends. */
const splitOf = (qty: number, cuts: number[]) => [
  0,
  ...[...new Set(cuts.map((c) => 1 + (c % Math.max(qty - 1, 1))))].filter((c) => c < qty).sort((a, b) => a - b),
  qty,
];

const sum = (parts: Taxed[]) =>
  parts.reduce((s, p) => ({ net: s.net + p.net, tax: s.tax + p.tax, gross: s.gross + p.gross }), {
    net: 0,
    tax: 0,
    gross: 0,
  });

function part(line: LineFigures, from: number, to: number, rounding: RoundingMode): Taxed {
  const r = linePart(line, { from, to }, { rounding });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.value;
}

describe('linePart', () => {
  it('splits a line into parts whose net, VAT and gross add up exactly to the line, in either mode and rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.constantFrom(0, 100, 300, 600, 900, 1300),
        fc.integer({ min: 0, max: 3_000 }),
        fc.constantFrom(...modes),
        fc.constantFrom(...roundings),
        fc.array(fc.nat(), { maxLength: 8 }),
        (qty, unitPrice, taxRate, discountRate, taxMode, rounding, cuts) => {
          // The line as the order priced it.
          const priced = orderTotals({ taxMode, rounding, lines: [{ qty, unitPrice, taxRate, discountRate }] });
          if (!priced.ok) throw new Error('unpriced');
          const t = priced.value.lines[0] as Taxed;
          const line: LineFigures = { qty, net: t.net, tax: t.tax, gross: t.gross, taxRate, taxMode };
          const points = splitOf(qty, cuts);
          const parts = points.slice(1).map((to, i) => part(line, points[i] as number, to, rounding));
          expect(sum(parts)).toEqual({ net: line.net, tax: line.tax, gross: line.gross });
          for (const p of parts) expect(p.net + p.tax).toBe(p.gross);
        },
      ),
    );
  });

  it('invoices a third of a line three times and gets the line back', () => {
    const line: LineFigures = { qty: 3000, net: 1000, tax: 130, gross: 1130, taxRate: 1300, taxMode: 'exclusive' };
    const parts = [0, 1000, 2000].map((from) => part(line, from, from + 1000, 'half-up'));
    expect(parts).toEqual([
      { net: 333, tax: 43, gross: 376 },
      { net: 334, tax: 44, gross: 378 },
      { net: 333, tax: 43, gross: 376 },
    ]);
  });

  it('takes a 含税 line’s parts at qty × price exactly when the quantities are whole', () => {
    const line: LineFigures = { qty: 5000, net: 50000, tax: 6500, gross: 56500, taxRate: 1300, taxMode: 'inclusive' };
    expect(part(line, 0, 2000, 'half-even').gross).toBe(22600);
    expect(part(line, 2000, 5000, 'half-even').gross).toBe(33900);
  });

  it('answers a range outside the line, or a line that does not add up, with issues', () => {
    const line: LineFigures = { qty: 3000, net: 1000, tax: 130, gross: 1130, taxRate: 1300, taxMode: 'exclusive' };
    const codes = (r: ReturnType<typeof linePart>) => (r.ok ? [] : r.issues.map((i) => i.code));
    expect(codes(linePart(line, { from: 0, to: 4000 }))).toEqual(['line_part.beyond_line']);
    expect(codes(linePart(line, { from: 2000, to: 1000 }))).toEqual(['line_part.range']);
    expect(codes(linePart({ ...line, gross: 1131 }, { from: 0, to: 1000 }))).toEqual(['line_part.unbalanced']);
    expect(codes(linePart({ ...line, qty: 0.5 } as LineFigures, { from: 0, to: 0 }))).toEqual(['input.invalid']);
  });
});

describe('pricedPart', () => {
  it('splits any quantity at a price so the parts cost what the whole does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.constantFrom(0, 900, 1300),
        fc.constantFrom(...modes),
        fc.constantFrom(...roundings),
        fc.array(fc.nat(), { maxLength: 8 }),
        (qty, unitPrice, taxRate, taxMode, rounding, cuts) => {
          const line = { unitPrice, taxRate, taxMode };
          const points = splitOf(qty, cuts);
          const of = (from: number, to: number) => {
            const r = pricedPart(line, { from, to }, { rounding });
            if (!r.ok) throw new Error('bad part');
            return r.value;
          };
          const whole = of(0, qty);
          expect(sum(points.slice(1).map((to, i) => of(points[i] as number, to)))).toEqual(whole);
        },
      ),
    );
  });
});
