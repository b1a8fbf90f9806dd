import { z } from 'zod';
import type { Issue } from './issue.js';
import type { Minor } from './money.js';
import type { Milli } from './quantity.js';
import type { BasisPoints } from './rate.js';
import { DEFAULT_ROUNDING, mulDiv, type RoundingMode } from './rounding.js';

/** Whether entered prices already include VAT (含税价) or not (不含税价). */
export type TaxMode = 'exclusive' | 'inclusive';

export const taxModeSchema = z.enum(['exclusive', 'inclusive'], { error: 'must be exclusive or inclusive' });

/**
 * The tax mode a yes/no "prices include tax" answer stands for.
 *
 * @example
 * taxModeOf(true) // 'inclusive'
 */
export const taxModeOf = (includesTax: boolean): TaxMode => (includesTax ? 'inclusive' : 'exclusive');

/**
 * China's VAT invoice kinds: `normal` (增值税普通发票) and `special` (增值税专用发票). Only a
 * special invoice lets the buyer deduct its input VAT.
 */
export type InvoiceKind = 'normal' | 'special';

export interface Taxed {
  net: Minor;
  tax: Minor;
  gross: Minor;
}

/**
 * Split or add VAT on one amount, rounding the tax once. Exclusive: tax = net × rate.
 * Inclusive (as a fapiao computes it): net = gross ÷ (1 + rate), tax = gross − net, so
 * net + tax is always exactly the gross that was entered.
 *
 * @example
 * taxOf(10000, 1300, 'exclusive') // { net: 10000, tax: 1300, gross: 11300 }
 * taxOf(11300, 1300, 'inclusive') // { net: 10000, tax: 1300, gross: 11300 }
 * taxOf(10000, 1300, 'inclusive') // { net: 8850, tax: 1150, gross: 10000 }
 */
export function taxOf(
  amount: Minor,
  rate: BasisPoints,
  mode: TaxMode,
  rounding: RoundingMode = DEFAULT_ROUNDING,
): Taxed {
  if (mode === 'exclusive') {
    const tax = mulDiv(amount, rate, 10_000, rounding);
    return { net: amount, tax, gross: amount + tax };
  }
  const net = mulDiv(amount, 10_000, 10_000 + rate, rounding);
  return { net, tax: amount - net, gross: amount };
}

/**
 * A unit price restated in the other tax mode, rounded once: what a price list's 含税 price is
 * without VAT, or the reverse. Used only to compare prices of lists kept in different modes; a
 * line is always charged in its own list's mode, never converted.
 *
 * @example
 * priceInMode(11300, 1300, 'inclusive', 'exclusive') // 10000
 * priceInMode(10000, 1300, 'exclusive', 'inclusive') // 11300
 */
export function priceInMode(
  price: Minor,
  rate: BasisPoints,
  from: TaxMode,
  to: TaxMode,
  rounding: RoundingMode = DEFAULT_ROUNDING,
): Minor {
  if (from === to) return price;
  const t = taxOf(price, rate, from, rounding);
  return to === 'inclusive' ? t.gross : t.net;
}

/**
 * The amount of a line: quantity (thousandths) × unit price, rounded once.
 *
 * @example
 * lineAmount(2500, 1999) // 2.5 × 19.99 = 49.975 → 4998
 */
export function lineAmount(qty: Milli, unitPrice: Minor, rounding: RoundingMode = DEFAULT_ROUNDING): Minor {
  return mulDiv(qty, unitPrice, 1000, rounding);
}

/**
 * Whether a purchase invoice's VAT may be deducted as input tax (进项税额抵扣).
 *
 * @example
 * inputVatDeductible('special') // true
 */
export const inputVatDeductible = (kind: InvoiceKind): boolean => kind === 'special';

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Check a Unified Social Credit Code (统一社会信用代码), the 18-character tax id printed on
 * special VAT invoices, by its check character as GB 32100-2015 defines it.
 *
 * @example
 * isValidTaxId('91350100M000100Y43') // true
 */
export function isValidTaxId(code: string): boolean {
  const c = code.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(c)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(c[i] ?? '') * (USCC_WEIGHTS[i] ?? 0);
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARS[check] === c[17];
}

export interface InvoiceBuyer {
  name: string;
  taxId?: string | null;
  address?: string | null;
  bankAccount?: string | null;
}

/**
 * What a buyer must have for an invoice kind. A special VAT invoice needs the buyer's valid tax
 * id, address and phone, and bank and account; a normal one needs a name (a tax id, when given,
 * must be valid).
 *
 * @example
 * checkInvoiceBuyer('special', { name: '华东贸易', taxId: '91350100M000100Y43' }).map((i) => i.code)
 * // ['invoice.special.address', 'invoice.special.bank']
 */
export function checkInvoiceBuyer(kind: InvoiceKind, buyer: InvoiceBuyer): Issue[] {
  const issues: Issue[] = [];
  if (buyer.name.trim() === '') issues.push({ code: 'invoice.buyer.name', path: ['name'], message: 'is required' });
  const taxId = buyer.taxId?.trim() ?? '';
  if (taxId !== '' && !isValidTaxId(taxId)) {
    issues.push({
      code: 'invoice.buyer.tax_id',
      path: ['taxId'],
      message: 'is not a valid unified social credit code',
      value: taxId,
    });
  }
  if (kind === 'special') {
    if (taxId === '')
      issues.push({ code: 'invoice.special.tax_id', path: ['taxId'], message: 'is required on a special VAT invoice' });
    if (!buyer.address?.trim()) {
      issues.push({
        code: 'invoice.special.address',
        path: ['address'],
        message: 'address and phone are required on a special VAT invoice',
      });
    }
    if (!buyer.bankAccount?.trim()) {
      issues.push({
        code: 'invoice.special.bank',
        path: ['bankAccount'],
        message: 'bank and account are required on a special VAT invoice',
      });
    }
  }
  return issues;
}

/**
 * A product's VAT rate: its own when set, else the nearest category up its path that has one,
 * else the company default (13%, China's standard rate for goods).
 *
 * @example
 * resolveTaxRate({ category: '食品/粮油/大米' }, { 食品: 1300, '食品/粮油': 900 }) // 900
 * resolveTaxRate({ category: '饮料/茶叶', taxRate: 600 }, { 饮料: 1300 })          // 600
 */
export function resolveTaxRate(
  product: { category: string; taxRate?: BasisPoints | null },
  categoryRates: Readonly<Record<string, BasisPoints>>,
  fallback: BasisPoints = 1300,
): BasisPoints {
  if (product.taxRate !== undefined && product.taxRate !== null) return product.taxRate;
  const parts = product.category.split('/');
  for (let n = parts.length; n > 0; n--) {
    const rate = categoryRates[parts.slice(0, n).join('/')];
    if (rate !== undefined) return rate;
  }
  return fallback;
}
