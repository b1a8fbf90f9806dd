import { error } from '@sveltejs/kit';
import { formatQuantity, parseMoney, TradeloopError } from '@tradeloop/core';
import {
  approveSalesOrder,
  type Book,
  cancelSalesOrder,
  invoiceSalesOrder,
  orderView,
  recordSalesOrderPayment,
  rejectSalesOrder,
  shipSalesOrder,
} from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { command } from '$lib/server/command';
import { actorOf } from '$lib/server/guard';
import { dateText } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

/** A sales order's page: what it is, what followed, and what can be done next. */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  const b = await book();
  const settings = b.settings();
  try {
    const order = actingAs(b, actor, () => orderView(b, event.params.number));
    return {
      order,
      // Quantities as the CLI writes them (2.5), not thousandths.
      qty: Object.fromEntries(
        order.lines.map((l) => [
          l.lineNo,
          Object.fromEntries(
            (['qty', 'reserved', 'shipped', 'invoiced'] as const).map((k) => [k, formatQuantity(l[k])]),
          ),
        ]),
      ) as Record<number, Record<'qty' | 'reserved' | 'shipped' | 'invoiced', string>>,
      today: b.today(),
      money: { currency: settings.currency, precision: settings.precision },
    };
  } catch (e) {
    if (e instanceof TradeloopError && e.code.endsWith('.not_found')) error(404, e.message);
    refusedAsPage(e);
  }
};

const day = { date: dateText.optional() };

/** An amount typed in the book's currency, as the CLI reads it. */
function amountOf(b: Book, text: string) {
  const amount = parseMoney(text, b.moneyOptions());
  if (!amount.ok)
    throw new TradeloopError('input.invalid', `amount: ${amount.issues[0]?.message}`, { issues: [...amount.issues] });
  return amount.value;
}

export const actions: Actions = {
  approve: (e) => command(e, 'approve', z.object({}), (b) => approveSalesOrder(b, e.params.number)),
  reject: (e) =>
    command(e, 'reject', z.object({ reason: z.string().trim().min(1) }), (b, f) =>
      rejectSalesOrder(b, e.params.number, f.reason),
    ),
  pay: (e) =>
    command(
      e,
      'pay',
      z.object({ ...day, amount: z.string(), account: z.enum(['1001', '1002', '1012']).optional() }),
      (b, f) =>
        recordSalesOrderPayment(b, e.params.number, {
          date: f.date ?? b.today(),
          amount: amountOf(b, f.amount),
          ...(f.account ? { account: f.account } : {}),
        }),
    ),
  ship: (e) =>
    command(
      e,
      'ship',
      z.object({ ...day, carrier: z.string().trim().optional(), tracking: z.string().trim().optional() }),
      (b, f) =>
        shipSalesOrder(b, e.params.number, {
          date: f.date ?? b.today(),
          ...(f.carrier ? { carrier: f.carrier } : {}),
          ...(f.tracking ? { trackingNumber: f.tracking } : {}),
        }),
    ),
  invoice: (e) =>
    command(e, 'invoice', z.object({ ...day, vatKind: z.enum(['normal', 'special']).optional() }), (b, f) =>
      invoiceSalesOrder(b, e.params.number, { date: f.date ?? b.today(), vatKind: f.vatKind ?? 'normal' }),
    ),
  cancel: (e) => command(e, 'cancel', z.object({}), (b) => cancelSalesOrder(b, e.params.number)),
};
