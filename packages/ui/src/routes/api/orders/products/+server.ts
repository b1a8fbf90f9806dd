import { json } from '@sveltejs/kit';
import { findProducts } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, forbidden } from '$lib/server/access';
import { book } from '$lib/server/book';
import { refused } from '$lib/server/grid';
import { actorOf } from '$lib/server/guard';
import { badRequest, readQuery } from '$lib/server/request';
import type { RequestHandler } from './$types';

const querySchema = z.object({ q: z.string().max(100).default('') });

/** Listed products for an order line by code, name or barcode (`?q=`), at most 20. */
export const GET: RequestHandler = async (event) => {
  const actor = actorOf(event);
  const denied = await forbidden(actor, 'book.read');
  if (denied) return denied;
  const query = readQuery(querySchema, event.url);
  if (!query.ok) return badRequest(query.issues);
  const b = await book();
  try {
    return json({ products: actingAs(b, actor, () => findProducts(b, query.value.q)) });
  } catch (e) {
    return refused(e);
  }
};
