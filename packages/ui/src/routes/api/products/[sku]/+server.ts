import { json } from '@sveltejs/kit';
import { productSchema, TradeloopError } from '@tradeloop/core';
import { editProduct } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, columnRefusal, forbidden } from '$lib/server/access';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { PRODUCT_COLUMN_CLASSES, productRow, seesProductField, visibleProductColumns } from '$lib/server/products-view';
import { badRequest, readJson, readParams } from '$lib/server/request';
import type { RequestHandler } from './$types';

const paramsSchema = z.object({ sku: productSchema.shape.sku });
const editSchema = z.object({ field: z.string().min(1).max(64), value: z.string().max(1000) });

/**
 * Edit one cell of one product, as the signed-in actor: who may not change master data is refused
 * with 403 before anything is read, and so is a field of a column class they may not see. A request
 * that cannot be read is refused with 400 before the book is opened; the store applies core's
 * rules (and checks the permission again), and a refusal comes back as issues.
 */
export const PATCH: RequestHandler = async (event) => {
  const { params, request } = event;
  const actor = actorOf(event);
  const denied = await forbidden(actor, 'master.write');
  if (denied) return denied;
  const where = readParams(paramsSchema, params);
  if (!where.ok) return badRequest(where.issues);
  const body = await readJson(editSchema, request);
  if (!body.ok) return badRequest(body.issues);
  const { field, value } = body.value;
  const hidden = PRODUCT_COLUMN_CLASSES[field];
  if (hidden && !seesProductField(actor, field)) return json(await columnRefusal(actor, hidden), { status: 403 });
  const b = await book();
  let result: Awaited<ReturnType<typeof editProduct>>;
  try {
    // The command runs synchronously inside `actingAs`: its permission check and audit row are this actor's.
    result = await actingAs(b, actor, () => editProduct(b, where.value.sku, field, value));
  } catch (e) {
    if (e instanceof TradeloopError && e.code === 'permission.denied')
      return json({ code: e.code, path: e.path, message: e.message }, { status: 403 });
    throw e;
  }
  if (!result.ok) {
    const status = result.issues.some((i) => i.code === 'product.not_found') ? 404 : 422;
    return json({ issues: result.issues }, { status });
  }
  return json({ row: productRow(result.value, visibleProductColumns(b, actor)) });
};
