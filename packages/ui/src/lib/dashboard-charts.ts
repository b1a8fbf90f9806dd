/**
 * Vega-lite specs of the role dashboards' charts, from figures the store gives in minor units.
 * Labels come in the page's language; money is drawn in major units (a chart's axis, not a sum).
 */

type Spec = Record<string, unknown>;

const base = (values: unknown[], height = 240): Spec => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: 'container',
  height,
  data: { values },
});

const major = (minor: number, precision: number) => minor / 10 ** precision;

/**
 * Sales against target per person (one person: the salesperson's own month), side by side.
 *
 * @example
 * salesTargetSpec([{ who: 'lin', sales: 37600, target: 50000 }], { sales: 'Sales', target: 'Target' }, 2)
 */
export function salesTargetSpec(
  rows: readonly { who: string; sales: number; target: number | null }[],
  labels: { sales: string; target: string },
  precision: number,
): Spec {
  const values = rows.flatMap((r) => [
    { who: r.who, measure: labels.sales, amount: major(r.sales, precision) },
    { who: r.who, measure: labels.target, amount: major(r.target ?? 0, precision) },
  ]);
  const order = [labels.sales, labels.target];
  return {
    ...base(values),
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'who', type: 'nominal', title: null, sort: rows.map((r) => r.who) },
      xOffset: { field: 'measure', sort: order },
      y: { field: 'amount', type: 'quantitative', title: null, axis: { format: ',.2~f' } },
      color: { field: 'measure', type: 'nominal', title: null, sort: order, scale: { range: ['#2e90fa', '#d0d5dd'] } },
    },
  };
}

/**
 * One bar per category in the given order (statuses, stages): a count or an amount.
 *
 * @example
 * barsSpec([{ label: 'Lead', value: 2 }], 'Opportunities')
 */
export function barsSpec(rows: readonly { label: string; value: number }[], measure: string): Spec {
  return {
    ...base(
      rows.map((r) => ({ label: r.label, value: r.value })),
      Math.max(120, rows.length * 34),
    ),
    mark: { type: 'bar', tooltip: true, color: '#2e90fa' },
    encoding: {
      y: { field: 'label', type: 'nominal', title: null, sort: rows.map((r) => r.label) },
      x: { field: 'value', type: 'quantitative', title: measure, axis: { tickMinStep: 1, format: ',.2~f' } },
    },
  };
}

/** Receivables and payables per aging bucket, side by side. */
export function agingSpec(
  columns: readonly string[],
  sides: readonly { label: string; buckets: readonly number[] }[],
  precision: number,
): Spec {
  const values = sides.flatMap((s) =>
    columns.map((bucket, i) => ({ bucket, side: s.label, amount: major(s.buckets[i] ?? 0, precision) })),
  );
  const order = sides.map((s) => s.label);
  return {
    ...base(values),
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'bucket', type: 'ordinal', title: null, sort: [...columns] },
      xOffset: { field: 'side', sort: order },
      y: { field: 'amount', type: 'quantitative', title: null, axis: { format: ',.2~f' } },
      color: { field: 'side', type: 'nominal', title: null, sort: order, scale: { range: ['#2e90fa', '#f79009'] } },
    },
  };
}
