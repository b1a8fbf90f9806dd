import { error } from '@sveltejs/kit';
import { formatQuantity, TradeloopError } from '@tradeloop/core';
import { orderView } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

const docSchema = z.enum(['confirmation', 'delivery']);

/**
 * A sales order on paper: the order confirmation (prices and totals, for the customer to sign)
 * or the delivery note (what goes on the truck, no prices). Printed, or saved as PDF, by the browser.
 */
export const load: PageServerLoad = async (event) => {
  const doc = docSchema.safeParse(event.params.doc);
  if (!doc.success) error(404, `no printout ${event.params.doc}: confirmation or delivery`);
  const actor = actorOf(event);
  const b = await book();
  const settings = b.settings();
  try {
    const order = actingAs(b, actor, () => orderView(b, event.params.number));
    return {
      doc: doc.data,
      order,
      company: settings.company,
      qty: Object.fromEntries(order.lines.map((l) => [l.lineNo, formatQuantity(l.qty)])) as Record<number, string>,
      money: { currency: settings.currency, precision: settings.precision },
    };
  } catch (e) {
    if (e instanceof TradeloopError && e.code.endsWith('.not_found')) error(404, e.message);
    refusedAsPage(e);
  }
};
