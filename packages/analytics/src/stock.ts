import type { IsoDate, Minor } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import { type Analytics, withAnalytics } from './analytics.js';

export interface StockValueRow {
  key: string;
  onHand: number;
  reserved: number;
  value: Minor;
}

/**
 * Stock on hand and its FIFO value by warehouse or top-level category.
 *
 * @example
 * await stockValue(book, 'warehouse') // [{ key: 'WH1', onHand: 1234000, reserved: 12000, value: 9876500 }, …]
 */
export async function stockValue(book: Book, by: 'warehouse' | 'category'): Promise<StockValueRow[]> {
  return withAnalytics(book, (a) => queryStockValue(a, by));
}

export async function queryStockValue(a: Analytics, by: 'warehouse' | 'category'): Promise<StockValueRow[]> {
  const key = by === 'warehouse' ? 'warehouse' : "split_part(category, '/', 1)";
  const rows = (await a.query(
    `select ${key} as key, sum(on_hand_milli) as on_hand, sum(reserved_milli) as reserved, sum(value_minor) as value from stock group by 1 order by value desc, key`,
  )) as { key: string; on_hand: bigint; reserved: bigint; value: bigint }[];
  return rows.map((r) => ({
    key: r.key,
    onHand: Number(r.on_hand),
    reserved: Number(r.reserved),
    value: Number(r.value),
  }));
}

export interface StockAgeRow {
  warehouse: string;
  buckets: { label: string; qty: number; value: Minor }[];
}

/** Stock age by FIFO slots: the remaining layers' quantity and value by how long they have been held. */
export async function stockAgeReport(
  book: Book,
  asOf: IsoDate,
  bounds: readonly number[] = [30, 60, 90, 180],
): Promise<StockAgeRow[]> {
  return withAnalytics(book, (a) => queryStockAge(a, asOf, bounds));
}

export async function queryStockAge(
  a: Analytics,
  asOf: IsoDate,
  bounds: readonly number[] = [30, 60, 90, 180],
): Promise<StockAgeRow[]> {
  const labels = bounds
    .map((b, i) => `${i === 0 ? 0 : (bounds[i - 1] ?? 0) + 1}-${b}`)
    .concat(`${bounds.at(-1) ?? 0}+`);
  const cases = bounds.map((b, i) => `when age <= ${b} then ${i}`).join(' ');
  const rows = (await a.query(`
    with l as (select warehouse, qty_milli, value_minor, greatest(0, date_diff('day', cast(date as date), cast('${asOf}' as date))) as age from layers)
    select warehouse, case ${cases} else ${bounds.length} end as bucket, sum(qty_milli) as qty, sum(value_minor) as value from l group by all order by warehouse, bucket`)) as {
    warehouse: string;
    bucket: number;
    qty: bigint;
    value: bigint;
  }[];
  const warehouses = [...new Set(rows.map((r) => r.warehouse))];
  return warehouses.map((w) => ({
    warehouse: w,
    buckets: labels.map((label, i) => {
      const r = rows.find((x) => x.warehouse === w && Number(x.bucket) === i);
      return { label, qty: Number(r?.qty ?? 0), value: Number(r?.value ?? 0) };
    }),
  }));
}
