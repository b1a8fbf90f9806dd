import { divideRounded, type Minor } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import { type Analytics, withProductsOnly } from './analytics.js';

export interface CategoryRow {
  category: string;
  products: number;
  listed: number;
  /** Sum of list prices: what one of each product sells for. */
  listValue: Minor;
  /** Sum of standard costs. */
  costValue: Minor;
  /** Mean list price, rounded half-up to the minor unit once. */
  avgPrice: Minor;
}

export interface ProductsByCategoryOptions {
  /** How many levels of the category path to group by: 1 = top-level categories. */
  depth?: number;
}

/**
 * Count and value of products per category, largest list value first, from the analytics store.
 *
 * @example
 * const rows = await productsByCategory(book, { depth: 1 });
 * // [{ category: '饮料', products: 12, listed: 11, listValue: 106400, costValue: 61800, avgPrice: 8867 }, …]
 */
export async function productsByCategory(book: Book, options: ProductsByCategoryOptions = {}): Promise<CategoryRow[]> {
  return withProductsOnly(book, (a) => queryProductsByCategory(a, options));
}

export async function queryProductsByCategory(
  a: Analytics,
  options: ProductsByCategoryOptions = {},
): Promise<CategoryRow[]> {
  const depth = Math.max(1, Math.trunc(options.depth ?? 1));
  const rows = await a.query(`
    select array_to_string(list_slice(string_split(category, '/'), 1, ${depth}), '/') as category,
           count(*) as products,
           count(*) filter (where listed) as listed,
           sum(price_minor) as list_value,
           sum(cost_minor) as cost_value
    from products
    group by 1
    order by list_value desc, category`);
  return rows.map((r) => {
    const products = Number(r.products);
    const listValue = Number(r.list_value);
    return {
      category: String(r.category),
      products,
      listed: Number(r.listed),
      listValue,
      costValue: Number(r.cost_value),
      avgPrice: divideRounded(listValue, products, a.rounding),
    };
  });
}
