import { redirect } from '@sveltejs/kit';
import { createPurchaseOrders, createRfq, purchasingDesk, runReorder } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { command } from '$lib/server/command';
import { actorOf } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/** The buyer's desk: open requisitions by the supplier they go to, open and awarded RFQs. */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  const b = await book();
  const settings = b.settings();
  try {
    const desk = actingAs(b, actor, () => purchasingDesk(b));
    return {
      desk,
      today: b.today(),
      money: { currency: settings.currency, precision: settings.precision },
    };
  } catch (e) {
    refusedAsPage(e);
  }
};

const rfqSchema = z.object({ requisition: z.string().trim().min(1) });

export const actions: Actions = {
  /** `tradeloop create pos`: open requisitions into purchase orders, one per preferred supplier and warehouse. */
  createOrders: (e) => command(e, 'createOrders', z.object({}), (b) => createPurchaseOrders(b, { date: b.today() })),
  /** `tradeloop run reorder`: requisitions where projected stock is at or below the reorder point. */
  reorder: (e) =>
    command(e, 'reorder', z.object({}), (b) => {
      const run = runReorder(b, { today: b.today() });
      return { checked: run.length, raised: run.filter((r) => r.requisition !== null) };
    }),
  /** `tradeloop create rfq --requisition`: quotes asked for one requisition, which waits for the award; its page opens. */
  rfq: async (e) => {
    const outcome = await command(e, 'rfq', rfqSchema, (b, f) =>
      createRfq(b, { requisition: f.requisition, date: b.today() }),
    );
    if ('ok' in outcome && outcome.ok) redirect(303, `/rfqs/${encodeURIComponent(outcome.value.rfq)}`);
    return outcome;
  },
};
