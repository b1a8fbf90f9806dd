import { mulDiv, type RoundingMode } from '@tradeloop/core';

/** What a report cell holds, so each front end formats it the same way. */
export type ValueKind = 'text' | 'money' | 'qty' | 'count' | 'percent' | 'days' | 'ratio';

export interface ReportColumn {
  key: string;
  title: string;
  kind: ValueKind;
}

/**
 * A report's result as data: money in minor units, quantities in thousandths, percents in basis
 * points, ratios in hundredths, days and counts as integers; formatting is the front end's job.
 */
export interface ReportTable {
  columns: readonly ReportColumn[];
  rows: readonly Record<string, string | number | null>[];
  /** A closing row (totals), shown in tables. */
  footer?: Record<string, string | number | null>;
}

/** Sum the numeric columns of some rows into a footer; text columns stay blank but the first. */
export function totalsRow(
  columns: readonly ReportColumn[],
  rows: ReportTable['rows'],
  label = 'Total 合计',
): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  columns.forEach((c, i) => {
    if (c.kind === 'money' || c.kind === 'qty' || c.kind === 'count')
      out[c.key] = rows.reduce((s, r) => s + (typeof r[c.key] === 'number' ? (r[c.key] as number) : 0), 0);
    else out[c.key] = i === 0 ? label : null;
  });
  return out;
}

/** A text value as a SQL literal (values reach queries only this way). */
export const sqlText = (v: string): string => `'${v.replaceAll("'", "''")}'`;

/** A DuckDB number (BIGINT arrives as bigint) or null as a JS number, null as 0. */
export const num = (v: unknown): number => Number(v ?? 0);

/**
 * `part × scale ÷ whole` rounded once with the book's rounding, or null when the whole is 0:
 * percents in basis points (scale 10 000), ratios in hundredths (scale 100), from exact integers.
 *
 * @example
 * share(1, 3, 10_000, 'half-up') // 3333
 */
export const share = (part: number, whole: number, scale: number, rounding: RoundingMode): number | null =>
  whole === 0 ? null : mulDiv(part, scale, whole, rounding);
