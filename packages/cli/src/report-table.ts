import type { ReportTable } from '@tradeloop/analytics';
import { formatMoney, formatPercent, formatQuantity, unscale } from '@tradeloop/core';
import { type Format, type Grid, render } from './output.js';

/**
 * A report's data as text: money at the book's precision (grouped in tables), quantities in
 * units, percents and ratios with two decimals, blanks for what cannot be computed.
 */
export function renderReport(table: ReportTable, format: Format, precision: number): string {
  const grouping = format === 'table';
  const cell = (kind: string, v: string | number | null | undefined): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'string') return v;
    switch (kind) {
      case 'money':
        return formatMoney(v, { precision, grouping });
      case 'qty':
        return formatQuantity(v);
      case 'percent':
        return formatPercent(v);
      case 'ratio':
        // Hundredths, exact: 425 reads 4.25.
        return unscale(v, 2);
      default:
        return String(v);
    }
  };
  const line = (r: Record<string, string | number | null>) =>
    Object.fromEntries(table.columns.map((c) => [c.key, cell(c.kind, r[c.key])]));
  const grid: Grid = {
    columns: table.columns.map((c) => ({
      key: c.key,
      title: c.title,
      align: c.kind === 'text' ? ('left' as const) : ('right' as const),
    })),
    rows: table.rows.map(line),
    ...(table.footer ? { footer: line(table.footer) } : {}),
  };
  return render(grid, format);
}
