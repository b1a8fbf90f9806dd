import { portalOrders } from '@tradeloop/store';
import { actingAs, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { requireCustomer } from '../portal';
import type { PageServerLoad } from './$types';

/** The customer's orders, newest first: where each stands, and its carrier and tracking number once shipped. */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  requireCustomer(actor);
  const b = await book();
  const settings = b.settings();
  try {
    return {
      orders: actingAs(b, actor, () => portalOrders(b)),
      money: { currency: settings.currency, precision: settings.precision },
    };
  } catch (e) {
    refusedAsPage(e);
  }
};
