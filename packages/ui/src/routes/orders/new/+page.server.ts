import { redirect } from '@sveltejs/kit';
import { TradeloopError } from '@tradeloop/core';
import { listRows, placeSalesOrder } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, allow } from '$lib/server/access';
import { book } from '$lib/server/book';
import { command } from '$lib/server/command';
import { actorOf } from '$lib/server/guard';
import { orderFormSchema, orderInput } from '$lib/server/order-input';
import type { Actions, PageServerLoad } from './$types';

/** Order entry: for whoever may place orders (`sales.write`). */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'sales.write');
  const b = await book();
  const settings = b.settings();
  const warehouses = actingAs(b, actor, () => listRows(b, 'warehouses')) as { code: string; name: string }[];
  return {
    warehouses: warehouses.map((w) => ({ code: w.code, name: w.name })),
    today: b.today(),
    money: { currency: settings.currency, precision: settings.precision },
  };
};

/** The order as a JSON field, so its lines keep their order and their text as typed. */
const placeSchema = z.object({
  order: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(orderFormSchema),
});

export const actions: Actions = {
  place: async (event) => {
    const outcome = await command(event, 'place', placeSchema, (b, f) => {
      const input = orderInput(f.order, b.moneyOptions());
      if (!input.ok) throw new TradeloopError('input.invalid', 'a line has a bad quantity or price', input);
      return placeSalesOrder(b, input.value);
    });
    if ('ok' in outcome && outcome.ok) redirect(303, `/orders/${encodeURIComponent(outcome.value.number)}`);
    return outcome;
  },
};
