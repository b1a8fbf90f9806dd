import { TradeloopError } from '@tradeloop/core';
import type { CategoryRow } from './products-by-category.js';
import type { ReportTable } from './report-table.js';

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

const base = (title: string, values: unknown[]) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title,
  width: 'container',
  height: 260,
  data: { values },
});

type AgeRows = { columns: string[]; rows: { key: string; buckets: number[]; outstanding: number }[] };

/** Receivables by age bucket, stacked per customer or salesperson (the largest twelve). */
export function agingChartSpec(report: AgeRows & { asOf: string }, precision = 2) {
  return ageBarsSpec(`Receivables by age, as of ${report.asOf}`, 'Outstanding 未收', 'Days 账龄', report, precision);
}

/** Stock value by how long it has been held (FIFO layers), stacked per warehouse. */
export function stockAgeChartSpec(
  rows: { warehouse: string; buckets: { label: string; value: number }[] }[],
  asOf: string,
  precision = 2,
) {
  const columns = rows[0]?.buckets.map((b) => b.label) ?? [];
  const byAge = rows.map((r) => ({
    key: r.warehouse,
    buckets: r.buckets.map((b) => b.value),
    outstanding: r.buckets.reduce((s, b) => s + b.value, 0),
  }));
  return ageBarsSpec(
    `Stock value by age, as of ${asOf}`,
    'Value 金额',
    'Days 库龄',
    { columns, rows: byAge },
    precision,
  );
}

function ageBarsSpec(title: string, measure: string, ageTitle: string, report: AgeRows, precision: number) {
  const top = [...report.rows].sort((a, b) => b.outstanding - a.outstanding).slice(0, 12);
  const values = top.flatMap((r) =>
    report.columns.map((c, i) => ({ key: r.key, bucket: c, order: i, amount: (r.buckets[i] ?? 0) / 10 ** precision })),
  );
  return {
    ...base(title, values),
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'key', type: 'nominal', sort: '-x', title: null },
      x: { field: 'amount', type: 'quantitative', title: measure },
      color: {
        field: 'bucket',
        type: 'ordinal',
        sort: report.columns,
        title: ageTitle,
        scale: { scheme: 'orangered' },
      },
      order: { field: 'order' },
    },
  };
}

/** Revenue, gross and net profit per period. */
export function profitChartSpec(
  rows: { period: string; revenue: number; gross: number; net: number }[],
  precision = 2,
) {
  const values = rows.flatMap((r) => [
    { period: r.period, measure: 'Revenue 收入', amount: r.revenue / 10 ** precision },
    { period: r.period, measure: 'Gross 毛利', amount: r.gross / 10 ** precision },
    { period: r.period, measure: 'Net 净利', amount: r.net / 10 ** precision },
  ]);
  return {
    ...base('Profit by period', values),
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: null },
      xOffset: { field: 'measure', sort: ['Revenue 收入', 'Gross 毛利', 'Net 净利'] },
      y: { field: 'amount', type: 'quantitative', title: null },
      color: { field: 'measure', type: 'nominal', title: null, sort: ['Revenue 收入', 'Gross 毛利', 'Net 净利'] },
    },
  };
}

/** Net sales over time. */
export function salesTrendChartSpec(rows: { period: string; net: number }[], precision = 2) {
  return {
    ...base(
      'Net sales 销售额',
      rows.map((r) => ({ period: r.period, net: r.net / 10 ** precision })),
    ),
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: null },
      y: { field: 'net', type: 'quantitative', title: null },
    },
  };
}

/** A ranking as horizontal bars; `measure` names the amount (net sales unless told). */
export function topChartSpec(
  title: string,
  rows: { key: string; net: number }[],
  precision = 2,
  measure = 'Net sales 销售额',
) {
  return {
    ...base(
      title,
      rows.map((r) => ({ key: r.key, net: r.net / 10 ** precision })),
    ),
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'key', type: 'nominal', sort: '-x', title: null },
      x: { field: 'net', type: 'quantitative', title: measure },
    },
  };
}

/**
 * Any report table as a chart: its first text column against its money columns, as grouped bars
 * (or lines when the rows are periods). Money is shown in currency units.
 */
export function reportChartSpec(table: ReportTable, precision = 2, title?: string): Record<string, unknown> {
  const key = table.columns.find((c) => c.kind === 'text');
  const measures = table.columns.filter((c) => c.kind === 'money');
  if (!key || measures.length === 0)
    throw new TradeloopError('usage.chart', 'this report has no amounts to chart', { hint: 'leave out --chart' });
  const values = table.rows.flatMap((r) =>
    measures.map((m) => ({
      key: String(r[key.key] ?? ''),
      measure: m.title,
      value: Number(r[m.key] ?? 0) / 10 ** precision,
    })),
  );
  const periods = /period|month|quarter|year|week|day/i.test(key.key);
  return {
    ...base(title ?? `${measures.map((m) => m.title).join(' · ')} — ${key.title}`, values),
    mark: { type: periods ? 'line' : 'bar', tooltip: true, ...(periods ? { point: true } : {}) },
    encoding: {
      x: { field: 'key', type: 'ordinal', title: key.title, sort: null },
      y: { field: 'value', type: 'quantitative', title: null },
      color: { field: 'measure', type: 'nominal', title: null },
      ...(periods || measures.length === 1 ? {} : { xOffset: { field: 'measure' } }),
    },
  };
}
