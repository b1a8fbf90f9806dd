import type { CategoryRow } from './products-by-category.js';

export type Lang = 'en' | 'zh-CN';

const LABELS = {
  en: { category: 'Category', products: 'Products', title: 'Products by category' },
  'zh-CN': { category: '类别', products: '商品数', title: '各类别商品数' },
} as const;

/**
 * A vega-lite spec for the products-by-category bar chart. Data is inlined, so the spec renders
 * anywhere (browser, server-side) without a data URL.
 */
export function productsByCategorySpec(rows: readonly CategoryRow[], lang: Lang = 'en'): Record<string, unknown> {
  const l = LABELS[lang];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: l.title,
    width: 'container',
    height: 220,
    data: { values: rows.map((r) => ({ category: r.category, products: r.products })) },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'category', type: 'nominal', sort: '-x', title: l.category },
      x: { field: 'products', type: 'quantitative', title: l.products, axis: { tickMinStep: 1 } },
    },
  };
}
