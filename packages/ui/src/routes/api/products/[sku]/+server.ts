import { json } from '@sveltejs/kit';
import { productColumns, productSchema } from '@tradeloop/core';
import { editProduct } from '@tradeloop/store';
import { z } from 'zod';
import { book } from '$lib/server/book';
import { productRow } from '$lib/server/products-view';
import { badRequest, readJson, readParams } from '$lib/server/request';
import type { RequestHandler } from './$types';

const paramsSchema = z.object({ sku: productSchema.shape.sku });
const editSchema = z.object({ field: z.string().min(1).max(64), value: z.string().max(1000) });

/**
 * Edit one cell of one product. A request that cannot be read is refused here with 400, before
 * the book is opened; the store applies core's rules, and a refusal comes back as issues.
 */
export const PATCH: RequestHandler = async ({ params, request }) => {
  const where = readParams(paramsSchema, params);
  if (!where.ok) return badRequest(where.issues);
  const body = await readJson(editSchema, request);
  if (!body.ok) return badRequest(body.issues);
  const b = await book();
  const result = await editProduct(b, where.value.sku, body.value.field, body.value.value);
  if (!result.ok) {
    const status = result.issues.some((i) => i.code === 'product.not_found') ? 404 : 422;
    return json({ issues: result.issues }, { status });
  }
  return json({ row: productRow(result.value, productColumns(b.moneyOptions())) });
};
