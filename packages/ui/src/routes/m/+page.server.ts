import { salespersonDashboard } from '@tradeloop/store';
import { actingAs, allow, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import type { PageServerLoad } from './$types';
import { requireSalesperson } from './phone';

/**
 * The salesperson's phone: the month against target, commission so far and place among the
 * salespeople, follow-ups due, their customers with what each owes. For a user who sells as a
 * salesperson; their own figures only, as the store reads them for them.
 */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'sales.write');
  requireSalesperson(actor);
  const b = await book();
  const settings = b.settings();
  try {
    const dashboard = actingAs(b, actor, () => salespersonDashboard(b));
    return { dashboard, money: { currency: settings.currency, precision: settings.precision } };
  } catch (e) {
    refusedAsPage(e);
  }
};
