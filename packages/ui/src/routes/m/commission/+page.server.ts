import { commissionStatements, salespersonDashboard } from '@tradeloop/store';
import { actingAs, allow, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { requireSalesperson } from '../phone';
import type { PageServerLoad } from './$types';

/**
 * The salesperson's commission: what the month earns so far by their plan, and each statement
 * posted for them (base, commission, a manager's override, total). Their own lines only.
 */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'sales.write');
  const me = requireSalesperson(actor);
  const b = await book();
  const settings = b.settings();
  try {
    return actingAs(b, actor, () => {
      const d = salespersonDashboard(b);
      return {
        month: d.month,
        soFar: d.commission,
        sales: d.sales,
        statements: commissionStatements(b).filter((l) => l.salesperson === me),
        money: { currency: settings.currency, precision: settings.precision },
      };
    });
  } catch (e) {
    refusedAsPage(e);
  }
};
