import { describe, expect, it } from 'vitest';
import { demoVariants } from './demo-variants.js';

const tea = {
  sku: 'TEA-001',
  name: '西湖龙井 250g',
  nameEn: 'West Lake Longjing 250g',
  category: '饮料/茶叶',
  uom: 'box',
  price: 18_800,
  cost: 11_200,
  taxRate: 1300,
  listed: true,
};

describe('demo variants', () => {
  it('makes cases, a gift box and a trial size of a product, priced to whole jiao', () => {
    expect(demoVariants([tea]).map((v) => [v.sku, v.name, v.uom, v.price, v.cost])).toEqual([
      // 188.00 × 6 × 95% = 1071.60; cost 112.00 × 6
      ['TEA-001-6', '西湖龙井 250g 6件装', 'case', 107_160, 67_200],
      // 188.00 × 12 × 92% = 2075.52 → 2075.50
      ['TEA-001-12', '西湖龙井 250g 12件装', 'case', 207_550, 134_400],
      // 188.00 × 130% = 244.40; 112.00 × 115% = 128.80
      ['TEA-001-G', '西湖龙井 250g 礼盒装', 'box', 24_440, 12_880],
      // 188.00 × 30% = 56.40; 112.00 × 32% = 35.84 → 35.80
      ['TEA-001-T', '西湖龙井 250g 试用装', 'box', 5_640, 3_580],
    ]);
  });

  it('rounds a half jiao up and keeps an absent English name absent', () => {
    // 0.05 × 6 × 95% = 0.285 → 0.30; trial 0.05 × 30% = 0.015 → 0.00
    const [six, , , trial] = demoVariants([{ ...tea, price: 5, cost: 5, nameEn: null }]);
    expect([six?.price, trial?.price, six?.nameEn]).toEqual([30, 0, null]);
  });
});
