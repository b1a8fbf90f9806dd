import { error } from '@sveltejs/kit';
import { TradeloopError } from '@tradeloop/core';
import { awardRfq, recordQuote, rfqView } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { command } from '$lib/server/command';
import { moneyField } from '$lib/server/form-fields';
import { actorOf } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/** An RFQ's page: what is asked, the quotes ranked as award will rank them, the order it became. */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  const b = await book();
  const settings = b.settings();
  try {
    return {
      rfq: actingAs(b, actor, () => rfqView(b, event.params.number)),
      money: { currency: settings.currency, precision: settings.precision },
    };
  } catch (e) {
    if (e instanceof TradeloopError && e.code.endsWith('.not_found')) error(404, e.message);
    refusedAsPage(e);
  }
};

const quoteSchema = z.object({
  supplier: z.string().trim().min(1),
  price: z.string().trim().min(1),
  leadDays: z.string().trim().regex(/^\d+$/, 'must be a whole number of days, 0 or more').transform(Number),
});

export const actions: Actions = {
  /** `tradeloop quote rfq`: a supplier's unit price (major units, as the CLI reads money) and lead time. */
  quote: (e) =>
    command(e, 'quote', quoteSchema, (b, f) =>
      recordQuote(b, e.params.number, {
        supplier: f.supplier,
        price: moneyField(b, 'price', f.price),
        leadTimeDays: f.leadDays,
      }),
    ),
  /** `tradeloop award rfq`: the best quote by core's ranking becomes a purchase order. */
  award: (e) => command(e, 'award', z.object({}), (b) => awardRfq(b, e.params.number, { date: b.today() })),
};
