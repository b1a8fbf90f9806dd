import { z } from 'zod';
import type { IsoDate } from './calendar.js';
import { assertInput, dateInput, inputIssues, milliInput, nonNegativeMilliInput } from './input.js';
import { fail, ok, type Result } from './issue.js';
import { formatQuantity, type Milli } from './quantity.js';

/** One product in one warehouse: on hand, reserved for orders, and incoming on open purchase orders. */
export interface StockPosition {
  onHand: Milli;
  reserved: Milli;
  incoming: readonly { date: IsoDate; qty: Milli }[];
}

const positionInput = z.object({
  onHand: milliInput,
  reserved: milliInput,
  incoming: z.array(z.object({ date: dateInput, qty: milliInput })),
}) satisfies z.ZodType<StockPosition>;
const positionArgs = z.object({ position: positionInput });
const promiseArgs = z.object({ position: positionInput, date: dateInput });
const moveArgs = (positive: boolean) =>
  z.object({ position: positionInput, qty: positive ? z.int().positive() : nonNegativeMilliInput });
const reserveArgs = moveArgs(true);
const releaseArgs = moveArgs(false);
const demandLineInput = z.object({
  line: z.string(),
  sku: z.string(),
  qty: nonNegativeMilliInput,
  promiseDate: dateInput,
}) satisfies z.ZodType<DemandLine>;
const planArgs = z.object({
  lines: z.array(demandLineInput),
  availableBySku: z.record(z.string(), milliInput),
});
const receiptArgs = z.object({
  qty: nonNegativeMilliInput,
  waiting: z.array(z.object({ line: z.string(), qty: nonNegativeMilliInput, promiseDate: dateInput })),
});

/**
 * On hand minus reserved: what can be promised today.
 *
 * @example
 * available({ onHand: 10000, reserved: 4000, incoming: [] }) // 6000
 */
export function available(p: StockPosition): Milli {
  assertInput(positionArgs, { position: p }, 'available');
  return p.onHand - p.reserved;
}

/**
 * Available to promise on a date: on hand − reserved + everything due in by then.
 *
 * @example
 * availableToPromise({ onHand: 10000, reserved: 4000, incoming: [{ date: '2026-03-10', qty: 5000 }] }, '2026-03-10') // 11000
 */
export function availableToPromise(p: StockPosition, date: IsoDate): Milli {
  assertInput(promiseArgs, { position: p, date }, 'availableToPromise');
  return p.onHand - p.reserved + p.incoming.filter((i) => i.date <= date).reduce((s, i) => s + i.qty, 0);
}

/**
 * Projected stock, as reorder sees it: on hand − reserved + all on order.
 *
 * @example
 * projected({ onHand: 10000, reserved: 4000, incoming: [{ date: '2026-04-01', qty: 5000 }] }) // 11000
 */
export function projected(p: StockPosition): Milli {
  assertInput(positionArgs, { position: p }, 'projected');
  return p.onHand - p.reserved + p.incoming.reduce((s, i) => s + i.qty, 0);
}

/**
 * Reserve stock for an order line; never more than is available.
 *
 * @example
 * reserve({ onHand: 10000, reserved: 8000, incoming: [] }, 3000) // { ok: false, issues: [{ code: 'stock.reserve_exceeds', … }] }
 */
export function reserve(p: StockPosition, qty: Milli): Result<StockPosition> {
  const bad = inputIssues(reserveArgs, { position: p, qty });
  if (bad) return fail(...bad);
  const free = p.onHand - p.reserved;
  if (qty > free) {
    return fail({
      code: 'stock.reserve_exceeds',
      path: ['qty'],
      message: `${formatQuantity(free)} available, ${formatQuantity(qty)} asked to reserve`,
      value: qty,
    });
  }
  return ok({ ...p, reserved: p.reserved + qty });
}

/**
 * Release a reservation (an order cancelled or changed).
 *
 * @example
 * release({ onHand: 10000, reserved: 3000, incoming: [] }, 3000) // { ok: true, value: { …, reserved: 0 } }
 */
export function release(p: StockPosition, qty: Milli): Result<StockPosition> {
  const bad = inputIssues(releaseArgs, { position: p, qty });
  if (bad) return fail(...bad);
  if (qty > p.reserved) {
    return fail({
      code: 'stock.release_exceeds',
      path: ['qty'],
      message: `only ${formatQuantity(p.reserved)} is reserved`,
      value: qty,
    });
  }
  return ok({ ...p, reserved: p.reserved - qty });
}

/**
 * Ship reserved stock: on hand and the reservation both go down.
 *
 * @example
 * shipReserved({ onHand: 10000, reserved: 3000, incoming: [] }, 2000) // { ok: true, value: { onHand: 8000, reserved: 1000, … } }
 */
export function shipReserved(p: StockPosition, qty: Milli): Result<StockPosition> {
  const bad = inputIssues(releaseArgs, { position: p, qty });
  if (bad) return fail(...bad);
  if (qty > p.reserved || qty > p.onHand) {
    return fail({
      code: 'stock.ship_exceeds',
      path: ['qty'],
      message: `${formatQuantity(Math.min(p.reserved, p.onHand))} reserved and on hand, ${formatQuantity(qty)} to ship`,
      value: qty,
    });
  }
  return ok({ ...p, onHand: p.onHand - qty, reserved: p.reserved - qty });
}

export interface DemandLine {
  line: string;
  sku: string;
  qty: Milli;
  promiseDate: IsoDate;
}

/**
 * At approval, reserve what is available for each order line, earliest promise date first; what
 * cannot be reserved is a shortfall, linked to its line, for a purchase requisition.
 *
 * @example
 * planReservations([{ line: 'SO-1/1', sku: 'A', qty: 5000, promiseDate: '2026-03-10' }], { A: 3000 })
 * // { reservations: [{ line: 'SO-1/1', sku: 'A', qty: 3000 }], shortfalls: [{ line: 'SO-1/1', sku: 'A', qty: 2000, promiseDate: '2026-03-10' }] }
 */
export function planReservations(lines: readonly DemandLine[], availableBySku: Readonly<Record<string, Milli>>) {
  assertInput(planArgs, { lines, availableBySku }, 'planReservations');
  const left = new Map(Object.entries(availableBySku));
  const reservations: { line: string; sku: string; qty: Milli }[] = [];
  const shortfalls: DemandLine[] = [];
  const ordered = [...lines].sort((a, b) => a.promiseDate.localeCompare(b.promiseDate) || a.line.localeCompare(b.line));
  for (const l of ordered) {
    const can = Math.max(0, Math.min(l.qty, left.get(l.sku) ?? 0));
    if (can > 0) {
      reservations.push({ line: l.line, sku: l.sku, qty: can });
      left.set(l.sku, (left.get(l.sku) ?? 0) - can);
    }
    if (can < l.qty) shortfalls.push({ ...l, qty: l.qty - can });
  }
  return { reservations, shortfalls };
}

/**
 * A receipt goes first to the order lines waiting on it, earliest promise date first; the rest
 * is free stock.
 *
 * @example
 * allocateReceipt(5000, [{ line: 'SO-2/1', qty: 2000, promiseDate: '2026-03-12' }, { line: 'SO-1/1', qty: 2000, promiseDate: '2026-03-10' }])
 * // { allocations: [{ line: 'SO-1/1', qty: 2000 }, { line: 'SO-2/1', qty: 2000 }], free: 1000 }
 */
export function allocateReceipt(qty: Milli, waiting: readonly { line: string; qty: Milli; promiseDate: IsoDate }[]) {
  assertInput(receiptArgs, { qty, waiting }, 'allocateReceipt');
  const allocations: { line: string; qty: Milli }[] = [];
  let left = qty;
  for (const w of [...waiting].sort(
    (a, b) => a.promiseDate.localeCompare(b.promiseDate) || a.line.localeCompare(b.line),
  )) {
    if (left === 0) break;
    const take = Math.min(left, w.qty);
    if (take > 0) allocations.push({ line: w.line, qty: take });
    left -= take;
  }
  return { allocations, free: left };
}
