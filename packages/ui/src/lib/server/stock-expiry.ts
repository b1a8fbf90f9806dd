import { error } from '@sveltejs/kit';
import {
  type Actor,
  can,
  customerScope,
  daysBetween,
  formatMoney,
  formatQuantity,
  seesColumns,
  slowMovers,
} from '@tradeloop/core';
import { type Book, expiringStock, stockActivity, type Table } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, allow, readsWholeBook } from './access.js';
import { dateText } from './request.js';

/** What the expiry page asks: expiring within `days`, idle for `idle` days or more, as of a day. */
export const expiryQuery = z.object({
  days: z.coerce.number().int().min(0).max(3650).default(30),
  idle: z.coerce.number().int().min(0).max(3650).default(90),
  asOf: dateText.optional(),
});
export type ExpiryQuery = z.output<typeof expiryQuery>;

/**
 * Who may see what expires and what sits idle: who keeps the company's stock (the warehouse,
 * purchasing) or reads the whole book; a 403 page for anyone else, logged as a refusal.
 */
export async function allowExpiry(actor: Actor): Promise<void> {
  await allow(actor, 'book.read');
  const stocks = can(actor, 'stock.write') || can(actor, 'purchasing.write') || readsWholeBook(actor);
  if (!stocks || customerScope(actor).kind !== 'all')
    error(403, {
      code: 'permission.denied',
      path: ['stock.write'],
      message: `${actor.user} may not see the stock of the whole company`,
    });
}

/**
 * Lots expiring within `days` of the day (and those expired), soonest first, as `tradeloop report
 * expiry`; stock not gone out for `idle` days, longest idle first (core `slowMovers`), as
 * `tradeloop report slow-movers`. Values at cost only for who sees cost.
 */
export function expiryReport(b: Book, actor: Actor, q: ExpiryQuery) {
  const asOf = q.asOf ?? b.today();
  const cost = seesColumns(actor, 'cost');
  return actingAs(b, actor, () => ({
    asOf,
    days: q.days,
    idle: q.idle,
    cost,
    expiring: expiringStock(b)
      .map((l) => ({ ...l, daysLeft: daysBetween(asOf, l.expiry) }))
      .filter((l) => l.daysLeft <= q.days)
      .map((l) => ({
        sku: l.sku,
        warehouse: l.warehouse,
        batch: l.batch,
        expiry: l.expiry,
        daysLeft: l.daysLeft,
        qtyText: formatQuantity(l.qty),
        value: cost ? l.value : null,
      })),
    slow: slowMovers(stockActivity(b), asOf, q.idle).map((s) => ({
      sku: s.sku,
      name: s.name,
      warehouse: s.warehouse,
      idleDays: s.idleDays,
      onHandText: formatQuantity(s.onHand),
      value: cost ? s.value : null,
    })),
  }));
}

/** One of the page's two lists as a file's table: what the page shows, values as plain numbers. */
export function expiryTable(b: Book, report: ReturnType<typeof expiryReport>, kind: 'expiry' | 'slow'): Table {
  const money = (minor: number | null) => (minor === null ? '' : formatMoney(minor, b.moneyOptions()));
  const value = report.cost ? ['value'] : [];
  if (kind === 'expiry')
    return {
      headers: ['expiry', 'days_left', 'sku', 'warehouse', 'batch', 'qty', ...value],
      rows: report.expiring.map((l) => [
        l.expiry,
        String(l.daysLeft),
        l.sku,
        l.warehouse,
        l.batch ?? '',
        l.qtyText,
        ...(report.cost ? [money(l.value)] : []),
      ]),
    };
  return {
    headers: ['sku', 'name', 'warehouse', 'on_hand', 'idle_days', ...value],
    rows: report.slow.map((s) => [
      s.sku,
      s.name,
      s.warehouse,
      s.onHandText,
      s.idleDays === null ? '' : String(s.idleDays),
      ...(report.cost ? [money(s.value)] : []),
    ]),
  };
}
