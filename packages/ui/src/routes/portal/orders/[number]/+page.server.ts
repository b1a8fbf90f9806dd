import { error } from '@sveltejs/kit';
import { TradeloopError } from '@tradeloop/core';
import { orderView } from '@tradeloop/store';
import { actingAs, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { requireCustomer } from '../../portal';
import type { PageServerLoad } from './$types';

/**
 * One of the customer's orders: its lines at their prices, where it stands, its shipments with
 * carrier and tracking number, its invoices and payments. Another customer's order is refused
 * (403, logged), as the store reads orders for a customer.
 */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  requireCustomer(actor);
  const b = await book();
  const settings = b.settings();
  try {
    const o = actingAs(b, actor, () => orderView(b, event.params.number));
    return {
      order: {
        number: o.number,
        date: o.date,
        promiseDate: o.promiseDate,
        status: o.status,
        net: o.net,
        tax: o.tax,
        gross: o.gross,
        paid: o.paid,
        lines: o.lines.map((l) => ({
          lineNo: l.lineNo,
          sku: l.sku,
          name: l.name,
          qty: l.qty,
          unitPrice: l.unitPrice,
          gross: l.gross,
          shipped: l.shipped,
        })),
        shipments: o.shipments,
        invoices: o.invoices,
        payments: o.payments,
      },
      placed: event.url.searchParams.has('placed'),
      money: { currency: settings.currency, precision: settings.precision },
    };
  } catch (e) {
    if (e instanceof TradeloopError && e.code.endsWith('.not_found')) error(404, e.message);
    refusedAsPage(e);
  }
};
