import { z } from 'zod';
import { type IsoDate, isoDateSchema } from './calendar.js';
import { guardRange, parseInput } from './input.js';
import { fail, type Issue, ok, type Result } from './issue.js';
import { DEFAULT_CURRENCY_PRECISION, formatMoney, type Minor } from './money.js';
import { formatQuantity, type Milli } from './quantity.js';
import { type BasisPoints, formatPercent } from './rate.js';
import { DEFAULT_ROUNDING, Dec, type RoundingMode, roundingSchema, roundScaled } from './rounding.js';
import { priceInMode, type TaxMode, taxModeSchema } from './tax.js';

/** Who a price list is for, from most to least specific. */
export type PriceListScope =
  | { kind: 'customer'; customer: string }
  | { kind: 'channel'; channel: string }
  | { kind: 'tier'; tier: string }
  | { kind: 'base' };

export interface PriceList {
  code: string;
  scope: PriceListScope;
  /** First and last day the list is valid, both included; open when absent. */
  validFrom?: IsoDate;
  validTo?: IsoDate;
  /** Whether its prices include VAT (含税价, the norm for Chinese retail lists); exclusive when absent. */
  taxMode?: TaxMode;
  /**
   * Quantity breaks or ranges (thousandths): the price applies from `minQty` up to `maxQty`
   * included, or without end when `maxQty` is absent (ERPNext's min_qty / max_qty).
   */
  prices: readonly { sku: string; minQty: Milli; maxQty?: Milli; price: Minor }[];
}

export interface Promotion {
  code: string;
  /** First and last day, both included. */
  validFrom: IsoDate;
  validTo: IsoDate;
  /** Which sales it covers; an absent list means "any". Categories match by path prefix. */
  applies: {
    skus?: readonly string[];
    categories?: readonly string[];
    tiers?: readonly string[];
    channels?: readonly string[];
  };
  /** `percent`: basis points off; `fixed_price`: the price; `amount_off`: minor units off. */
  kind: 'percent' | 'fixed_price' | 'amount_off';
  value: number;
  minQty?: Milli;
  /** The largest quantity it covers, included; no upper bound when absent. */
  maxQty?: Milli;
  /** Applies on top of the best other promotion instead of competing with it. */
  stackable?: boolean;
}

export interface PricingProduct {
  sku: string;
  category: string;
  /** Sold only in these channels, when set. */
  exclusiveChannels?: readonly string[];
  /** Lowest price a salesperson may give without approval, in the product's tax mode. */
  floorPrice?: Minor;
  /**
   * The product's own price (its 售价): what it sells for when no price list has a price for it,
   * and what discounts are measured from when there is no base list.
   */
  basePrice?: Minor;
  /** Whether the base and floor prices include VAT; exclusive when absent. */
  taxMode?: TaxMode;
  /** VAT rate, to compare prices kept in different tax modes; 0 when absent. */
  taxRate?: BasisPoints;
}

export interface PricingCustomer {
  code: string;
  tier?: string;
  channel?: string;
}

export interface PricingSalesperson {
  code: string;
  level: string;
  /** Largest discount off the base list price the level may give without approval. */
  maxDiscount: BasisPoints;
}

export interface PriceRequest {
  product: PricingProduct;
  customer: PricingCustomer;
  qty: Milli;
  date: IsoDate;
  /** The order's channel; defaults to the customer's. */
  channel?: string;
  salesperson?: PricingSalesperson;
  /** A price the salesperson typed instead of the resolved one. */
  requestedPrice?: Minor;
}

export interface PriceTraceEntry {
  rule: string;
  outcome: 'won' | 'lost' | 'skipped' | 'applied' | 'ok' | 'flagged';
  reason: string;
}

export interface PriceResolution {
  /** The price to charge: the requested price when one was given, else the resolved one. */
  unitPrice: Minor;
  /** The resolved price: the winning list's price after promotions. */
  resolvedPrice: Minor;
  listPrice: Minor;
  /** The winning price list, or null when the price is the product's base price. */
  list: string | null;
  /** Whether the prices above include VAT: the winning list's mode (or the product's). */
  taxMode: TaxMode;
  /**
   * What discounts are measured from, in `taxMode`: the base list's price for this quantity, else
   * the product's base price, when there is one.
   */
  basePrice: Minor | undefined;
  promotions: string[];
  needsApproval: boolean;
  approvalReasons: Issue[];
  trace: PriceTraceEntry[];
}

const RANK: Record<PriceListScope['kind'], number> = { customer: 0, channel: 1, tier: 2, base: 3 };

function scopeLabel(list: PriceList): string {
  const s = list.scope;
  switch (s.kind) {
    case 'customer':
      return `customer list ${list.code} (${s.customer})`;
    case 'channel':
      return `channel list ${list.code} (${s.channel})`;
    case 'tier':
      return `tier list ${list.code} (${s.tier})`;
    case 'base':
      return `base list ${list.code}`;
  }
}

function scopeMatches(
  scope: PriceListScope,
  customer: PricingCustomer,
  channel: string | undefined,
): string | undefined {
  switch (scope.kind) {
    case 'customer':
      return scope.customer === customer.code ? undefined : `for customer ${scope.customer}`;
    case 'channel':
      return scope.channel === channel ? undefined : `for channel ${scope.channel}`;
    case 'tier':
      return scope.tier === customer.tier ? undefined : `for tier ${scope.tier}`;
    case 'base':
      return undefined;
  }
}

const validOn = (from: IsoDate | undefined, to: IsoDate | undefined, date: IsoDate) =>
  (from === undefined || from <= date) && (to === undefined || date <= to);

/** A quantity range as people write it: `5–7`, or `8+` when it has no end. */
export function formatQtyRange(minQty: Milli, maxQty: Milli | undefined): string {
  return maxQty === undefined ? `${formatQuantity(minQty)}+` : `${formatQuantity(minQty)}–${formatQuantity(maxQty)}`;
}

const inRange = (qty: Milli, r: { minQty?: Milli; maxQty?: Milli | undefined }) =>
  (r.minQty === undefined || r.minQty <= qty) && (r.maxQty === undefined || qty <= r.maxQty);

interface Break {
  price: Minor;
  taxMode: TaxMode;
  minQty: Milli;
  maxQty?: Milli | undefined;
  /** The list gives this product quantity ranges (some row has an end), not only breaks. */
  ranged: boolean;
}

/**
 * The row whose quantity range holds `qty` (the largest start when ranges overlap), or why there
 * is none. A row without `maxQty` is an open range: a plain quantity break.
 */
function breakFor(list: PriceList, sku: string, qty: Milli): Break | { missing: string } {
  const rows = list.prices.filter((p) => p.sku === sku);
  if (rows.length === 0) return { missing: 'has no price for this product' };
  const ranged = rows.some((r) => r.maxQty !== undefined);
  const fitting = rows.filter((p) => inRange(qty, p)).sort((a, b) => b.minQty - a.minQty)[0];
  if (!fitting) {
    const smallest = Math.min(...rows.map((r) => r.minQty));
    if (smallest > qty)
      return { missing: `its smallest break is ${formatQuantity(smallest)}, more than ${formatQuantity(qty)}` };
    const ranges = [...rows].sort((a, b) => a.minQty - b.minQty).map((r) => formatQtyRange(r.minQty, r.maxQty));
    return { missing: `qty ${formatQuantity(qty)} is in none of its ranges ${ranges.join(', ')}` };
  }
  return {
    price: fitting.price,
    taxMode: list.taxMode ?? 'exclusive',
    minQty: fitting.minQty,
    maxQty: fitting.maxQty,
    ranged,
  };
}

/**
 * Rules a price list or promotion must keep to be read at all: a quantity range ends at or
 * after its start (`price.qty_range`, `promotion.qty_range`).
 *
 * @example
 * qtyRangeIssue('price', 8000, 5000, ['maxQty'])?.message // 'must be at least min_qty 8, not 5'
 */
export function qtyRangeIssue(
  rule: 'price' | 'promotion',
  minQty: Milli | null | undefined,
  maxQty: Milli | null | undefined,
  path: (string | number)[],
): Issue | undefined {
  if (maxQty === null || maxQty === undefined || maxQty >= (minQty ?? 0)) return undefined;
  return {
    code: `${rule}.qty_range`,
    path,
    message: `must be at least min_qty ${formatQuantity(minQty ?? 0)}, not ${formatQuantity(maxQty)}`,
    value: maxQty,
  };
}

/**
 * Every quantity range in the rules that ends before it starts, as issues with the list (or
 * promotion), and the row.
 *
 * @example
 * validatePricingRules({ priceLists: [{ code: 'B', scope: { kind: 'base' },
 *   prices: [{ sku: 'T', minQty: 8000, maxQty: 5000, price: 100 }] }], promotions: [] })
 * // [{ code: 'price.qty_range', path: ['priceLists', 'B', 0, 'maxQty'], … }]
 */
export function validatePricingRules(rules: {
  priceLists?: readonly PriceList[];
  promotions?: readonly Promotion[];
}): Issue[] {
  return [
    ...(rules.priceLists ?? []).flatMap((l) =>
      l.prices.map((p, i) => qtyRangeIssue('price', p.minQty, p.maxQty, ['priceLists', l.code, i, 'maxQty'])),
    ),
    ...(rules.promotions ?? []).map((p) =>
      qtyRangeIssue('promotion', p.minQty, p.maxQty, ['promotions', p.code, 'maxQty']),
    ),
  ].filter((i): i is Issue => i !== undefined);
}

function promotionPrice(p: Promotion, price: Minor, rounding: RoundingMode): Minor {
  switch (p.kind) {
    case 'percent':
      return roundScaled(new Dec(price).times(10_000 - p.value).dividedBy(10_000), 0, rounding);
    case 'fixed_price':
      return p.value;
    case 'amount_off':
      return Math.max(0, price - p.value);
  }
}

function describePromotion(p: Promotion, money: (m: Minor) => string): string {
  switch (p.kind) {
    case 'percent':
      return `${formatPercent(p.value)}% off`;
    case 'fixed_price':
      return `price ${money(p.value)}`;
    case 'amount_off':
      return `${money(p.value)} off`;
  }
}

/** For a promotion with a quantity range, which range the quantity fell in: for the trace. */
const promotionRange = (p: Promotion, qty: Milli) =>
  p.maxQty === undefined ? '' : ` (qty ${formatQuantity(qty)} in range ${formatQtyRange(p.minQty ?? 0, p.maxQty)})`;

function promotionMisses(p: Promotion, req: PriceRequest, channel: string | undefined): string | undefined {
  if (!validOn(p.validFrom, p.validTo, req.date)) return `valid ${p.validFrom} to ${p.validTo}`;
  const a = p.applies;
  const { sku, category } = req.product;
  if (a.skus && !a.skus.includes(sku)) return 'not for this product';
  if (a.categories && !a.categories.some((c) => category === c || category.startsWith(`${c}/`)))
    return 'not for this category';
  if (a.tiers && !(req.customer.tier && a.tiers.includes(req.customer.tier)))
    return `only for tiers ${a.tiers.join(', ')}`;
  if (a.channels && !(channel && a.channels.includes(channel))) return `only for channels ${a.channels.join(', ')}`;
  if (p.minQty !== undefined && req.qty < p.minQty) return `needs at least ${formatQuantity(p.minQty)}`;
  if (p.maxQty !== undefined && req.qty > p.maxQty)
    return `qty ${formatQuantity(req.qty)} is beyond its range ${formatQtyRange(p.minQty ?? 0, p.maxQty)}`;
  return undefined;
}

/** Price lists and promotions: what pricing reads besides the request. */
export interface PricingRules {
  priceLists: readonly PriceList[];
  promotions: readonly Promotion[];
}

/** How amounts are rounded and shown while pricing: the book's settings. */
export interface PricingOptions {
  rounding?: RoundingMode;
  /** Decimal places of the currency, for the trace; 2 when absent. */
  precision?: number;
}

const money = z.int().min(0, { error: 'must not be negative' });
const qty = z.int().min(0, { error: 'must not be negative' });
const rate = z.int().min(0).max(10_000);
const requestSchema = z.object({
  product: z.object({
    sku: z.string().min(1),
    category: z.string(),
    exclusiveChannels: z.array(z.string()).optional(),
    floorPrice: money.optional(),
    basePrice: money.optional(),
    taxMode: taxModeSchema.optional(),
    taxRate: rate.optional(),
  }),
  customer: z.object({ code: z.string(), tier: z.string().optional(), channel: z.string().optional() }),
  qty,
  date: isoDateSchema,
  channel: z.string().optional(),
  salesperson: z.object({ code: z.string(), level: z.string(), maxDiscount: rate }).optional(),
  requestedPrice: money.optional(),
});
const rulesSchema = z.object({
  priceLists: z.array(
    z.object({
      code: z.string().min(1),
      scope: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('customer'), customer: z.string() }),
        z.object({ kind: z.literal('channel'), channel: z.string() }),
        z.object({ kind: z.literal('tier'), tier: z.string() }),
        z.object({ kind: z.literal('base') }),
      ]),
      validFrom: isoDateSchema.optional(),
      validTo: isoDateSchema.optional(),
      taxMode: taxModeSchema.optional(),
      prices: z.array(z.object({ sku: z.string(), minQty: qty, maxQty: qty.optional(), price: money })),
    }),
  ),
  promotions: z.array(
    z.object({
      code: z.string().min(1),
      validFrom: isoDateSchema,
      validTo: isoDateSchema,
      applies: z.object({
        skus: z.array(z.string()).optional(),
        categories: z.array(z.string()).optional(),
        tiers: z.array(z.string()).optional(),
        channels: z.array(z.string()).optional(),
      }),
      kind: z.enum(['percent', 'fixed_price', 'amount_off']),
      value: z.int(),
      minQty: qty.optional(),
      maxQty: qty.optional(),
      stackable: z.boolean().optional(),
    }),
  ),
});
const optionsSchema = z.object({ rounding: roundingSchema.optional(), precision: z.int().min(0).max(6).optional() });

// One set of rules usually prices every line of an order (or of an import): checked once.
const checkedRules = new WeakSet<object>();

function checkPricingInput(req: unknown, rules: unknown, options: unknown): Issue[] {
  const issues: Issue[] = [];
  const add = (r: Result<unknown>, path: string) => {
    if (!r.ok) issues.push(...r.issues.map((i) => ({ ...i, path: [path, ...i.path] })));
  };
  add(parseInput(requestSchema, req), 'request');
  if (typeof rules !== 'object' || rules === null || !checkedRules.has(rules)) {
    const r = parseInput(rulesSchema, rules);
    add(r, 'rules');
    if (r.ok && typeof rules === 'object' && rules !== null) checkedRules.add(rules);
  }
  add(parseInput(optionsSchema, options), 'options');
  return issues;
}

/** A price that may win: a list's row for the quantity, or the product's own base price. */
type Candidate = Break & { rule: string; code: string | null; kind: PriceListScope['kind'] | 'product' };

/**
 * Resolve the unit price of one sale. The most specific price list wins (customer > channel >
 * tier > base), at its largest quantity break not above the quantity; a product no list prices
 * sells at its own base price. Then the promotion valid on the date that lowers the price most
 * applies (stackable ones on top). A price below the product's floor, or a discount off the base
 * price beyond the salesperson's authority, is not refused but flagged `needsApproval`. Every rule
 * considered is in the trace with its reason. Prices keep the tax mode of the list (or product)
 * they come from; floor and discount checks compare in one mode. Input that breaks the types
 * comes back as issues (`input.invalid`).
 *
 * @example
 * const r = resolvePrice(
 *   { product: { sku: 'TEA-001', category: '饮料/茶叶' }, customer: { code: 'C1', tier: 'VIP' }, qty: 12000, date: '2026-03-05' },
 *   { priceLists: [{ code: 'BASE', scope: { kind: 'base' }, prices: [{ sku: 'TEA-001', minQty: 0, price: 18800 }] }], promotions: [] },
 * );
 * // r.ok && r.value.unitPrice === 18800
 * resolvePrice({ product: { sku: 'TEA-002', category: '茶', basePrice: 9900 }, customer: { code: 'C1' }, qty: 1000, date: '2026-03-05' },
 *   { priceLists: [], promotions: [] })
 * // { ok: true, value: { unitPrice: 9900, list: null, trace: [{ rule: 'base price', outcome: 'won', … }], … } }
 */
export function resolvePrice(
  req: PriceRequest,
  rules: PricingRules,
  options: PricingOptions = {},
): Result<PriceResolution> {
  const issues = checkPricingInput(req, rules, options);
  if (issues.length > 0) return fail(...issues);
  const result = guardRange('price', () => resolveChecked(req, rules, options));
  return result.ok ? result.value : result;
}

/**
 * Codes and ISO dates in code-unit order: the same on every machine, and no collator to load (the
 * first locale comparison of a process loads one, a cost every order paid).
 */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function resolveChecked(req: PriceRequest, rules: PricingRules, options: PricingOptions): Result<PriceResolution> {
  const rounding = options.rounding ?? DEFAULT_ROUNDING;
  const precision = options.precision ?? DEFAULT_CURRENCY_PRECISION;
  const fm = (m: Minor) => formatMoney(m, { precision });
  // A 含税 price says so; a net one is shown as it always was.
  const tagged = (m: Minor, mode: TaxMode) => `${fm(m)}${mode === 'inclusive' ? ' incl. VAT' : ''}`;
  const channel = req.channel ?? req.customer.channel;
  const { sku } = req.product;
  const exclusive = req.product.exclusiveChannels;
  if (exclusive && exclusive.length > 0 && !(channel && exclusive.includes(channel))) {
    return fail({
      code: 'price.channel_exclusive',
      path: ['channel'],
      message: `${sku} is sold only in channel ${exclusive.join(', ')}, not ${channel ?? '(none)'}`,
      value: channel ?? '',
    });
  }

  const trace: PriceTraceEntry[] = [];
  const candidates: Candidate[] = [];
  const ordered = [...rules.priceLists].sort(
    (a, b) =>
      RANK[a.scope.kind] - RANK[b.scope.kind] || byText(b.validFrom ?? '', a.validFrom ?? '') || byText(a.code, b.code),
  );
  for (const list of ordered) {
    const rule = scopeLabel(list);
    const other = scopeMatches(list.scope, req.customer, channel);
    if (other) {
      if (list.prices.some((p) => p.sku === sku)) trace.push({ rule, outcome: 'skipped', reason: other });
      continue;
    }
    if (!validOn(list.validFrom, list.validTo, req.date)) {
      trace.push({ rule, outcome: 'skipped', reason: `valid ${list.validFrom ?? '…'} to ${list.validTo ?? '…'}` });
      continue;
    }
    const found = breakFor(list, sku, req.qty);
    if ('missing' in found) {
      if (!found.missing.startsWith('has no price')) trace.push({ rule, outcome: 'skipped', reason: found.missing });
      continue;
    }
    candidates.push({ ...found, rule, code: list.code, kind: list.scope.kind });
  }
  // The product's own price stands below every list: it sells at it when no list has a price.
  const productMode = req.product.taxMode ?? 'exclusive';
  if (req.product.basePrice !== undefined) {
    candidates.push({
      price: req.product.basePrice,
      taxMode: productMode,
      minQty: 0,
      ranged: false,
      rule: 'base price',
      code: null,
      kind: 'product',
    });
  }
  const winner = candidates[0];
  if (!winner) {
    return fail({
      code: 'price.not_found',
      path: ['sku'],
      message: `no price list has a price for ${sku} at this quantity, and the product has no base price`,
      value: sku,
    });
  }
  // A list with ranges says which one held the quantity; plain breaks keep the shorter "from".
  const at = (c: Candidate) =>
    c.kind === 'product'
      ? tagged(c.price, c.taxMode)
      : c.ranged
        ? `${tagged(c.price, c.taxMode)} (qty ${formatQuantity(req.qty)} in range ${formatQtyRange(c.minQty, c.maxQty)})`
        : `${tagged(c.price, c.taxMode)} (from ${formatQuantity(c.minQty)})`;
  trace.push({
    rule: winner.rule,
    outcome: 'won',
    reason:
      winner.kind === 'product'
        ? `${at(winner)}: the product's base price; no price list has a price for it`
        : `${at(winner)}: the most specific list with a price`,
  });
  for (const c of candidates.slice(1)) {
    trace.push({ rule: c.rule, outcome: 'lost', reason: `${at(c)}: ${winner.code} is more specific` });
  }
  const mode = winner.taxMode;
  const rate = req.product.taxRate ?? 0;
  // Prices of another tax mode are compared as they would be in this one.
  const inMode = (price: Minor, from: TaxMode, to: TaxMode = mode) => priceInMode(price, rate, from, to, rounding);
  const base = candidates.find((c) => c.kind === 'base') ?? candidates.find((c) => c.kind === 'product');

  // Promotions: the best single one, if it lowers the price; stackable ones then apply on top.
  let price = winner.price;
  const applied: string[] = [];
  const eligible: Promotion[] = [];
  for (const p of rules.promotions) {
    const miss = promotionMisses(p, req, channel);
    if (miss) {
      if (!p.applies.skus || p.applies.skus.includes(sku))
        trace.push({ rule: `promotion ${p.code}`, outcome: 'skipped', reason: miss });
    } else eligible.push(p);
  }
  const exclusiveOnes = eligible
    .filter((p) => !p.stackable)
    .map((p) => ({ p, price: promotionPrice(p, price, rounding) }))
    .sort((a, b) => a.price - b.price || byText(a.p.code, b.p.code));
  exclusiveOnes.forEach(({ p, price: promoted }, i) => {
    const rule = `promotion ${p.code}`;
    if (i > 0) {
      trace.push({
        rule,
        outcome: 'lost',
        reason: `${describePromotion(p, fm)} → ${fm(promoted)}: ${exclusiveOnes[0]?.p.code} is lower; promotions do not stack`,
      });
    } else if (promoted >= price) {
      trace.push({
        rule,
        outcome: 'skipped',
        reason: `${describePromotion(p, fm)} → ${fm(promoted)} does not lower ${fm(price)}`,
      });
    } else {
      trace.push({
        rule,
        outcome: 'applied',
        reason: `${describePromotion(p, fm)}: ${fm(price)} → ${fm(promoted)}${promotionRange(p, req.qty)}`,
      });
      price = promoted;
      applied.push(p.code);
    }
  });
  for (const p of eligible.filter((e) => e.stackable).sort((a, b) => byText(a.code, b.code))) {
    const promoted = promotionPrice(p, price, rounding);
    if (promoted < price) {
      trace.push({
        rule: `promotion ${p.code}`,
        outcome: 'applied',
        reason: `${describePromotion(p, fm)}, stacked: ${fm(price)} → ${fm(promoted)}${promotionRange(p, req.qty)}`,
      });
      price = promoted;
      applied.push(p.code);
    } else {
      trace.push({
        rule: `promotion ${p.code}`,
        outcome: 'skipped',
        reason: `${describePromotion(p, fm)} does not lower ${fm(price)}`,
      });
    }
  }

  const unitPrice = req.requestedPrice ?? price;
  if (req.requestedPrice !== undefined) {
    trace.push({
      rule: 'requested price',
      outcome: 'applied',
      reason: `${tagged(req.requestedPrice, mode)} typed instead of ${fm(price)}`,
    });
  }
  const approvalReasons: Issue[] = [];
  const floor = req.product.floorPrice;
  if (floor !== undefined) {
    // The floor is kept in the product's mode: the price is compared as it would be there.
    const compared = inMode(unitPrice, mode, productMode);
    const shown =
      productMode === mode ? fm(unitPrice) : `${tagged(unitPrice, mode)} (${tagged(compared, productMode)})`;
    if (compared < floor) {
      const message = `${shown} is below the floor price ${tagged(floor, productMode)}`;
      approvalReasons.push({ code: 'price.below_floor', path: ['unitPrice'], message, value: unitPrice });
      trace.push({ rule: 'floor price', outcome: 'flagged', reason: message });
    } else {
      trace.push({ rule: 'floor price', outcome: 'ok', reason: `${shown} ≥ ${tagged(floor, productMode)}` });
    }
  }
  const sp = req.salesperson;
  const reference = base ? inMode(base.price, base.taxMode) : winner.price;
  if (sp && reference > 0) {
    const discount = roundScaled(new Dec(reference - unitPrice).times(10_000).dividedBy(reference), 0, rounding);
    const rule = `discount authority (${sp.level})`;
    if (discount > sp.maxDiscount) {
      const message = `${formatPercent(discount)}% off ${fm(reference)} is beyond ${sp.code}'s ${formatPercent(sp.maxDiscount)}%`;
      approvalReasons.push({ code: 'price.over_discount_authority', path: ['unitPrice'], message, value: unitPrice });
      trace.push({ rule, outcome: 'flagged', reason: message });
    } else {
      trace.push({
        rule,
        outcome: 'ok',
        reason: `${formatPercent(Math.max(discount, 0))}% off ${fm(reference)}, within ${formatPercent(sp.maxDiscount)}%`,
      });
    }
  }
  return ok({
    unitPrice,
    resolvedPrice: price,
    listPrice: winner.price,
    list: winner.code,
    taxMode: mode,
    basePrice: base ? inMode(base.price, base.taxMode) : undefined,
    promotions: applied,
    needsApproval: approvalReasons.length > 0,
    approvalReasons,
    trace,
  });
}

/**
 * Trace entries as aligned text lines: outcome, rule, reason.
 *
 * @example
 * formatTraceEntries([{ rule: 'base price', outcome: 'won', reason: '88.00: …' }])
 * // ['won      base price  88.00: …']
 */
export function formatTraceEntries(trace: readonly PriceTraceEntry[], indent = ''): string[] {
  const width = Math.max(0, ...trace.map((t) => t.rule.length));
  return trace.map((t) => `${indent}${t.outcome.padEnd(8)} ${t.rule.padEnd(width)}  ${t.reason}`);
}

/**
 * The trace as text, one rule a line, for the CLI and for review.
 *
 * @example
 * formatPriceTrace(request, resolution)
 * // TEA-001 × 12 for C1 on 2026-03-05
 * //   won      base list BASE: 188.00 (from 0): the most specific list with a price
 * // price 188.00 · no approval needed
 */
export function formatPriceTrace(req: PriceRequest, r: PriceResolution, options: { precision?: number } = {}): string {
  const channel = req.channel ?? req.customer.channel;
  const head = `${req.product.sku} × ${formatQuantity(req.qty)} for ${req.customer.code}${req.customer.tier ? ` (${req.customer.tier})` : ''} on ${req.date}${channel ? ` in ${channel}` : ''}`;
  const lines = formatTraceEntries(r.trace, '  ');
  const verdict = r.needsApproval
    ? `needs approval: ${r.approvalReasons.map((i) => i.code).join(', ')}`
    : 'no approval needed';
  const price = `${formatMoney(r.unitPrice, options)}${r.taxMode === 'inclusive' ? ' incl. VAT' : ''}`;
  return [head, ...lines, `price ${price} · ${verdict}`].join('\n');
}
