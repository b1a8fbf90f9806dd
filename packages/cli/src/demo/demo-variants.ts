import { mulDiv, type Product } from '@tradeloop/core';
import type { Book, UpsertSummary } from '@tradeloop/store';

/**
 * How a trader's catalog grows from one product: cases of 6 and 12 at a volume price, a gift box
 * and a trial size. Prices are per unit of the variant; factors are in thousandths, and the one
 * rounding (half up, to whole jiao, 0.10) is core's exact `mulDiv`.
 */
const VARIANTS = [
  { suffix: '6', zh: ' 6件装', en: ', case of 6', uom: 'case', units: 6, price: 950, cost: 1000 },
  { suffix: '12', zh: ' 12件装', en: ', case of 12', uom: 'case', units: 12, price: 920, cost: 1000 },
  { suffix: 'G', zh: ' 礼盒装', en: ', gift box', uom: 'box', units: 1, price: 1300, cost: 1150 },
  { suffix: 'T', zh: ' 试用装', en: ', trial size', uom: null, units: 1, price: 300, cost: 320 },
] as const;

/** `minor × units × factor‰`, to whole jiao (tens of fen), half up. */
const scaled = (minor: number, units: number, factor: number) => mulDiv(minor * units, factor, 10_000, 'half-up') * 10;

/**
 * The variants of each base product, by the rule above.
 *
 * @example
 * demoVariants([{ sku: 'TEA-001', price: 18800, … }])[0] // { sku: 'TEA-001-6', price: 107160, uom: 'case', … }
 */
export function demoVariants(base: readonly Product[]): Product[] {
  return base.flatMap((p) =>
    VARIANTS.map((v) => ({
      ...p,
      sku: `${p.sku}-${v.suffix}`,
      name: `${p.name}${v.zh}`,
      nameEn: p.nameEn === null ? null : `${p.nameEn}${v.en}`,
      uom: v.uom ?? p.uom,
      price: scaled(p.price, v.units, v.price),
      cost: scaled(p.cost, v.units, v.cost),
    })),
  );
}

/** Add the variants of the catalog already in the book (`init --demo` does, before trading). */
export async function addDemoVariants(book: Book): Promise<UpsertSummary> {
  const { listProducts, upsertProducts } = await import('@tradeloop/store');
  return upsertProducts(book, demoVariants(listProducts(book)), { dryRun: false });
}
