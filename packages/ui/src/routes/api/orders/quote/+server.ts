import { json } from '@sveltejs/kit';
import { quoteSalesOrder } from '@tradeloop/store';
import { actingAs, forbidden } from '$lib/server/access';
import { book } from '$lib/server/book';
import { refused } from '$lib/server/grid';
import { actorOf } from '$lib/server/guard';
import { orderFormSchema, orderInput } from '$lib/server/order-input';
import { badRequest, readJson } from '$lib/server/request';
import type { RequestHandler } from './$types';

/**
 * What an order being entered would be if placed now (`quoteSalesOrder`: the placing command as a
 * preview): each line's price and its trace, the approvals it needs, the stock free per line, or
 * why it would be refused. Nothing is kept. Needs `sales.write`, as placing does.
 */
export const POST: RequestHandler = async (event) => {
  const actor = actorOf(event);
  const denied = await forbidden(actor, 'sales.write');
  if (denied) return denied;
  const body = await readJson(orderFormSchema, event.request);
  if (!body.ok) return badRequest(body.issues);
  const b = await book();
  const input = orderInput(body.value, b.moneyOptions());
  if (!input.ok) return json({ customer: null, order: null, needs: [], available: [], issues: input.issues });
  try {
    return json(actingAs(b, actor, () => quoteSalesOrder(b, input.value)));
  } catch (e) {
    return refused(e);
  }
};
