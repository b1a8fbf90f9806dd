import { redirect } from '@sveltejs/kit';
import { startStockCount, stockCounts, warehouseChoices } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, allow, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { command } from '$lib/server/command';
import { actorOf } from '$lib/server/guard';
import { dateText } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

/** The stock counts with their status, and starting one (`tradeloop count start`). */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'stock.write');
  const b = await book();
  try {
    return actingAs(b, actor, () => ({ today: b.today(), warehouses: warehouseChoices(b), counts: stockCounts(b) }));
  } catch (e) {
    refusedAsPage(e);
  }
};

const startSchema = z.object({
  warehouse: z.string().trim().min(1),
  date: dateText.optional(),
  blind: z.literal('on').optional(),
});

export const actions: Actions = {
  /** Started, the count's sheet opens: blind when asked (the sheet's view, carried in its link). */
  start: async (e) => {
    let blind = false;
    const outcome = await command(e, 'start', startSchema, (b, f) => {
      blind = f.blind === 'on';
      return startStockCount(b, { warehouse: f.warehouse, date: f.date ?? b.today() });
    });
    if ('ok' in outcome && outcome.ok)
      redirect(303, `/stock/counts/${encodeURIComponent(outcome.value.count)}${blind ? '?blind=1' : ''}`);
    return outcome;
  },
};
