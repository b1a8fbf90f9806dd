import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPriceTrace, type PriceList, type PriceRequest, type Promotion, resolvePrice } from './pricing.js';
import { expectGolden } from './test-support/golden.js';

const tea = { sku: 'TEA-001', category: '饮料/茶叶', floorPrice: 15000 };
const priceLists: PriceList[] = [
  {
    code: 'BASE',
    scope: { kind: 'base' },
    prices: [
      { sku: 'TEA-001', minQty: 0, price: 18800 },
      { sku: 'TEA-001', minQty: 10_000, price: 18000 },
    ],
  },
  {
    code: 'VIP',
    scope: { kind: 'tier', tier: 'VIP' },
    prices: [
      { sku: 'TEA-001', minQty: 0, price: 17500 },
      { sku: 'TEA-001', minQty: 20_000, price: 17000 },
    ],
  },
  {
    code: 'WHOLESALE',
    scope: { kind: 'channel', channel: 'wholesale' },
    prices: [{ sku: 'TEA-001', minQty: 0, price: 17200 }],
  },
  {
    code: 'ACME-2026H1',
    scope: { kind: 'customer', customer: 'ACME' },
    validFrom: '2026-01-01',
    validTo: '2026-06-30',
    prices: [{ sku: 'TEA-001', minQty: 10_000, price: 16500 }],
  },
];
const promotions: Promotion[] = [
  {
    code: 'SPRING',
    kind: 'percent',
    value: 1000,
    validFrom: '2026-03-01',
    validTo: '2026-03-31',
    applies: { categories: ['饮料'] },
  },
  {
    code: 'TEA5',
    kind: 'amount_off',
    value: 500,
    validFrom: '2026-03-01',
    validTo: '2026-04-30',
    applies: { skus: ['TEA-001'] },
  },
  {
    code: 'VIPMAY',
    kind: 'fixed_price',
    value: 16000,
    validFrom: '2026-05-01',
    validTo: '2026-05-31',
    applies: { tiers: ['VIP'] },
  },
  {
    code: 'APP2',
    kind: 'percent',
    value: 200,
    stackable: true,
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    applies: { channels: ['online'] },
  },
];
const rules = { priceLists, promotions };
const acme = { code: 'ACME', tier: 'VIP', channel: 'wholesale' };
const junior = { code: 'lin', level: 'junior', maxDiscount: 1000 };

function resolved(req: PriceRequest) {
  const r = resolvePrice(req, rules);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.value;
}

describe('resolvePrice', () => {
  it('takes the most specific list, the best promotion, and flags floor and authority', () => {
    const req: PriceRequest = { product: tea, customer: acme, qty: 12_000, date: '2026-03-05', salesperson: junior };
    const r = resolved(req);
    // ACME's own list at its 10+ break: 165.00; SPRING 10% off → 148.50 beats TEA5 (160.00).
    expect(r).toMatchObject({
      list: 'ACME-2026H1',
      listPrice: 16500,
      basePrice: 18000,
      unitPrice: 14850,
      promotions: ['SPRING'],
    });
    // Below the 150.00 floor, and 17.5% off the base 180.00 is beyond the junior's 10%.
    expect(r.needsApproval).toBe(true);
    expect(r.approvalReasons.map((i) => i.code)).toEqual(['price.below_floor', 'price.over_discount_authority']);
    expectGolden('pricing-trace-acme.txt', `${formatPriceTrace(req, r)}\n`);
  });

  it('falls back to the base list for a walk-in customer outside any promotion', () => {
    const req: PriceRequest = {
      product: tea,
      customer: { code: 'WALKIN', channel: 'retail' },
      qty: 1000,
      date: '2026-02-01',
    };
    const r = resolved(req);
    expect(r).toMatchObject({ list: 'BASE', unitPrice: 18800, promotions: [], needsApproval: false });
    expectGolden('pricing-trace-walkin.txt', `${formatPriceTrace(req, r)}\n`);
  });

  it('skips a list whose smallest break is above the quantity', () => {
    const r = resolved({ product: tea, customer: acme, qty: 5000, date: '2026-02-01' });
    expect(r.list).toBe('WHOLESALE');
    expect(r.trace).toContainEqual({
      rule: 'customer list ACME-2026H1 (ACME)',
      outcome: 'skipped',
      reason: 'its smallest break is 10, more than 5',
    });
  });

  it('skips a list outside its dates, and takes the larger break of a list', () => {
    const r = resolved({ product: tea, customer: { code: 'ACME', tier: 'VIP' }, qty: 25_000, date: '2026-07-01' });
    expect(r).toMatchObject({ list: 'VIP', listPrice: 17000 });
    expect(r.trace[0]).toEqual({
      rule: 'customer list ACME-2026H1 (ACME)',
      outcome: 'skipped',
      reason: 'valid 2026-01-01 to 2026-06-30',
    });
  });

  it('applies a promotion only when it lowers the price, and stacks the stackable ones', () => {
    const may = resolved({ product: tea, customer: { code: 'X', tier: 'VIP' }, qty: 1000, date: '2026-05-10' });
    expect(may).toMatchObject({ listPrice: 17500, unitPrice: 16000, promotions: ['VIPMAY'] });
    const dear = resolvePrice(
      { product: tea, customer: { code: 'X' }, qty: 1000, date: '2026-06-01' },
      {
        priceLists,
        promotions: [{ ...promotions[2], applies: {}, code: 'DEAR', value: 20000, validTo: '2026-06-30' } as Promotion],
      },
    );
    expect(dear.ok && dear.value.unitPrice).toBe(18800);
    expect(dear.ok && dear.value.trace.find((t) => t.rule === 'promotion DEAR')).toEqual({
      rule: 'promotion DEAR',
      outcome: 'skipped',
      reason: 'price 200.00 → 200.00 does not lower 188.00',
    });
    // Online in March: SPRING 10% off 188.00 = 169.20, then APP2 2% stacked = 165.82 (165.816 rounded)
    const online = resolved({
      product: tea,
      customer: { code: 'Y', channel: 'online' },
      qty: 1000,
      date: '2026-03-10',
    });
    expect(online).toMatchObject({ unitPrice: 16582, promotions: ['SPRING', 'APP2'] });
  });

  it('checks a typed price against the floor and the discount authority', () => {
    const base = { product: tea, customer: { code: 'Z' }, qty: 1000, date: '2026-02-01', salesperson: junior };
    expect(resolved({ ...base, requestedPrice: 17000 })).toMatchObject({
      unitPrice: 17000,
      resolvedPrice: 18800,
      needsApproval: false,
    });
    const low = resolved({ ...base, requestedPrice: 14000 });
    expect(low.needsApproval).toBe(true);
    expect(low.approvalReasons[0]?.message).toBe('140.00 is below the floor price 150.00');
  });

  it('refuses a channel-exclusive product outside its channel, and a product with no price', () => {
    const online = { ...tea, exclusiveChannels: ['online'] };
    const r = resolvePrice(
      { product: online, customer: { code: 'A', channel: 'retail' }, qty: 1000, date: '2026-01-01' },
      rules,
    );
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'price.channel_exclusive' }] });
    const none = resolvePrice(
      { product: { sku: 'NOPE', category: 'x' }, customer: { code: 'A' }, qty: 1000, date: '2026-01-01' },
      rules,
    );
    expect(none).toMatchObject({ ok: false, issues: [{ code: 'price.not_found' }] });
  });

  it('never lets a price under the floor through without approval', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (list, floor, requested, promoBp, authority) => {
          const r = resolvePrice(
            {
              product: { sku: 'P', category: 'C', floorPrice: floor },
              customer: { code: 'K' },
              qty: 1000,
              date: '2026-01-01',
              salesperson: { code: 's', level: 'l', maxDiscount: authority },
              ...(requested === undefined ? {} : { requestedPrice: requested }),
            },
            {
              priceLists: [{ code: 'B', scope: { kind: 'base' }, prices: [{ sku: 'P', minQty: 0, price: list }] }],
              promotions: [
                {
                  code: 'P1',
                  kind: 'percent',
                  value: promoBp,
                  validFrom: '2026-01-01',
                  validTo: '2026-01-31',
                  applies: {},
                },
              ],
            },
          );
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.value.unitPrice).toBeGreaterThanOrEqual(0);
          if (r.value.unitPrice < floor) expect(r.value.needsApproval).toBe(true);
        },
      ),
    );
  });
});

describe('the product base price', () => {
  const cup = { sku: 'CUP-01', category: '茶具', basePrice: 8800, taxRate: 1300 };
  const walkIn = { code: 'WALKIN' };

  it('prices a product no list has a price for, and says so in the trace', () => {
    const req: PriceRequest = { product: cup, customer: walkIn, qty: 2000, date: '2026-03-05' };
    const got = resolvePrice(req, { priceLists: [], promotions: [] });
    if (!got.ok) throw new Error(got.issues[0]?.message);
    const r = got.value;
    expect(r).toMatchObject({ unitPrice: 8800, listPrice: 8800, list: null, basePrice: 8800, taxMode: 'exclusive' });
    expect(r.trace).toEqual([
      {
        rule: 'base price',
        outcome: 'won',
        reason: "88.00: the product's base price; no price list has a price for it",
      },
    ]);
    expectGolden('pricing-trace-base-price.txt', `${formatPriceTrace(req, r)}\n`);
  });

  it('stands below every price list: a list with a price wins, the base price is listed as lost', () => {
    const vip: PriceList = {
      code: 'VIP',
      scope: { kind: 'tier', tier: 'VIP' },
      prices: [{ sku: 'CUP-01', minQty: 0, price: 8000 }],
    };
    const r = resolvePrice(
      { product: cup, customer: { code: 'V', tier: 'VIP' }, qty: 1000, date: '2026-03-05' },
      { priceLists: [vip], promotions: [] },
    );
    expect(r.ok && r.value).toMatchObject({ unitPrice: 8000, list: 'VIP', basePrice: 8800 });
    expect(r.ok && r.value.trace.at(-1)).toEqual({
      rule: 'base price',
      outcome: 'lost',
      reason: '88.00: VIP is more specific',
    });
    // A customer of no tier falls through to the base price.
    const other = resolvePrice(
      { product: cup, customer: walkIn, qty: 1000, date: '2026-03-05' },
      { priceLists: [vip], promotions: [] },
    );
    expect(other.ok && other.value.unitPrice).toBe(8800);
  });

  it('takes promotions and the salesperson check like a list price, measured from the base price', () => {
    const spring: Promotion = {
      code: 'SPRING',
      kind: 'percent',
      value: 1000,
      validFrom: '2026-03-01',
      validTo: '2026-03-31',
      applies: {},
    };
    const r = resolvePrice(
      {
        product: cup,
        customer: walkIn,
        qty: 1000,
        date: '2026-03-05',
        salesperson: { code: 'lin', level: 'junior', maxDiscount: 500 },
      },
      { priceLists: [], promotions: [spring] },
    );
    expect(r.ok && r.value).toMatchObject({ unitPrice: 7920, needsApproval: true });
    expect(r.ok && r.value.approvalReasons[0]?.message).toBe("10% off 88.00 is beyond lin's 5%");
  });

  it('shows amounts in the currency precision it is given', () => {
    const yen = resolvePrice(
      { product: { sku: 'CUP-01', category: '茶具', basePrice: 880 }, customer: walkIn, qty: 1000, date: '2026-03-05' },
      { priceLists: [], promotions: [] },
      { precision: 0 },
    );
    expect(yen.ok && yen.value.trace[0]?.reason).toBe(
      "880: the product's base price; no price list has a price for it",
    );
  });
});

describe('tax-inclusive price lists', () => {
  const cup = { sku: 'CUP-01', category: '茶具', basePrice: 10000, taxRate: 1300, floorPrice: 9000 };
  const retail: PriceList = {
    code: 'RETAIL',
    scope: { kind: 'channel', channel: 'retail' },
    taxMode: 'inclusive',
    prices: [{ sku: 'CUP-01', minQty: 0, price: 11300 }],
  };

  it('keeps a 含税 list’s price as it is and says it includes VAT', () => {
    const req: PriceRequest = {
      product: cup,
      customer: { code: 'R', channel: 'retail' },
      qty: 1000,
      date: '2026-03-05',
    };
    const got = resolvePrice(req, { priceLists: [retail], promotions: [] });
    expect(got.ok && got.value).toMatchObject({ unitPrice: 11300, taxMode: 'inclusive', basePrice: 11300 });
    expect(got.ok && got.value.trace[0]?.reason).toBe('113.00 incl. VAT (from 0): the most specific list with a price');
  });

  it('compares a 含税 price with a net floor as the net price it stands for', () => {
    const low = resolvePrice(
      {
        product: cup,
        customer: { code: 'R', channel: 'retail' },
        qty: 1000,
        date: '2026-03-05',
        requestedPrice: 10000,
      },
      { priceLists: [retail], promotions: [] },
    );
    // 100.00 incl. VAT is 88.50 net: under the 90.00 floor.
    expect(low.ok && low.value.approvalReasons[0]?.message).toBe(
      '100.00 incl. VAT (88.50) is below the floor price 90.00',
    );
  });

  it('answers malformed requests and rules with issues instead of throwing', () => {
    const r = resolvePrice(
      { product: { sku: 'CUP-01' }, customer: { code: 'R' }, qty: -1, date: '5 March' } as unknown as PriceRequest,
      { priceLists: [{ code: 'X', scope: { kind: 'base' }, taxMode: 'gross', prices: [] }], promotions: [] } as never,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.path.join('.'))).toEqual([
      'request.product.category',
      'request.qty',
      'request.date',
      'rules.priceLists.0.taxMode',
    ]);
    expect(!r.ok && r.issues.every((i) => i.code === 'input.invalid')).toBe(true);
  });
});
