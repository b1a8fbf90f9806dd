import { error } from '@sveltejs/kit';
import { formatQuantity, TradeloopError } from '@tradeloop/core';
import { pickListFor } from '@tradeloop/store';
import { actingAs, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/** A sales order's pick list: where to take each reserved line from, for the warehouse to print. */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  const b = await book();
  try {
    const list = actingAs(b, actor, () => pickListFor(b, event.params.number));
    return {
      list: {
        ...list,
        lines: list.lines.map((l) => ({
          ...l,
          qtyText: formatQuantity(l.qty),
          picks: l.picks.map((p) => ({ ...p, qtyText: formatQuantity(p.qty) })),
        })),
      },
    };
  } catch (e) {
    if (e instanceof TradeloopError && e.code.endsWith('.not_found')) error(404, e.message);
    refusedAsPage(e);
  }
};
