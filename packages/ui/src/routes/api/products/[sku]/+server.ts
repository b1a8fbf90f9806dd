import { json } from '@sveltejs/kit';
import { productColumns } from '@tradeloop/core';
import { editProduct } from '@tradeloop/store';
import { z } from 'zod';
import { book } from '$lib/server/book';
import { productRow } from '$lib/server/products-view';
import type { RequestHandler } from './$types';

const editSchema = z.object({ field: z.string().min(1), value: z.string().max(1000) });

/** Edit one cell of one product. The store applies core's rules; a refusal comes back as issues. */
export const PATCH: RequestHandler = async ({ params, request }) => {
  const body = editSchema.safeParse(await request.json().catch(() => undefined));
  if (!body.success) {
    return json(
      { issues: [{ code: 'request.invalid', path: [], message: 'expected { field, value } as JSON strings' }] },
      { status: 400 },
    );
  }
  const b = await book();
  const result = await editProduct(b, params.sku, body.data.field, body.data.value);
  if (!result.ok) {
    const status = result.issues.some((i) => i.code === 'product.not_found') ? 404 : 422;
    return json({ issues: result.issues }, { status });
  }
  return json({ row: productRow(result.value, productColumns(b.moneyOptions())) });
};
