import { addDays, daysBetween, type IsoDate, lineAmount } from '@tradeloop/core';
import * as store from '@tradeloop/store';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * Completed sales before the demo's live years, as many lines as asked (millions for benchmarks),
 * posted through the bulk sales-history path. The stock they sell is received the day before the
 * history starts, exactly as much as they sell, so the live years begin as they would without it.
 * Deterministic from the seed, like the rest of the demo.
 */
export async function postDemoHistory(
  book: store.Book,
  options: {
    lines: number;
    seed: number;
    /** The last day of history; it runs back two years from here. */
    end: IsoDate;
    customers: readonly string[];
    /** Products that are neither batch- nor expiry-tracked (history carries no batches). */
    skus: readonly { sku: string; price: number; cost: number }[];
    onProgress?: (lines: number) => void;
  },
): Promise<store.HistorySummary> {
  const start = addDays(options.end, -729);
  const days = daysBetween(start, options.end) + 1;
  function* generate(): Generator<store.HistoryLine> {
    const rng = xoroshiro128plus(options.seed);
    const int = (from: number, to: number) => uniformInt(rng, from, to);
    let line = 0;
    for (let order = 1; line < options.lines; order++) {
      const date = addDays(start, Math.min(days - 1, Math.floor((line * days) / options.lines)));
      const customer = options.customers[int(0, options.customers.length - 1)] as string;
      const warehouse = int(1, 4) === 4 ? 'WH2' : 'WH1';
      // Paid in full within three weeks: old debts would hold the live years' orders on credit.
      const paid = addDays(date, Math.min(int(0, 20), daysBetween(date, options.end)));
      const count = Math.min(int(1, 5), options.lines - line);
      const first = int(0, options.skus.length - 1);
      for (let k = 0; k < count; k++, line++) {
        const p = options.skus[(first + k) % options.skus.length] as { sku: string; price: number };
        yield {
          row: line + 2,
          order: `HIS-${String(order).padStart(7, '0')}`,
          date,
          customer,
          salesperson: null,
          warehouse,
          sku: p.sku,
          qty: int(1, 20) * 1000,
          unitPrice: p.price,
          taxRate: null,
          paidDate: paid,
        };
      }
    }
  }
  // First pass: what the history sells, per product and warehouse, to receive it beforehand.
  const needed = new Map<string, { sku: string; warehouse: string; qty: number }>();
  for (const l of generate()) {
    const key = `${l.sku} ${l.warehouse}`;
    const n = needed.get(key) ?? { sku: l.sku, warehouse: l.warehouse, qty: 0 };
    n.qty += l.qty;
    needed.set(key, n);
  }
  const cost = new Map(options.skus.map((p) => [p.sku, p.cost]));
  store.postOpeningStock(
    book,
    [...needed.values()].map((n) => ({
      sku: n.sku,
      warehouse: n.warehouse,
      qty: n.qty,
      value: lineAmount(n.qty, cost.get(n.sku) ?? 0),
      date: addDays(start, -1),
    })),
  );
  async function* stream() {
    yield* generate();
  }
  return store.importSalesHistory(book, stream(), options.onProgress ? { onProgress: options.onProgress } : {});
}
