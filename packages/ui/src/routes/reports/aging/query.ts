import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { badRequestBody, dateText, readQuery } from '$lib/server/request';

/** AR (by customer or salesperson) or AP aging, as of a date; `open` names the row drilled into. */
export const agingQuerySchema = z
  .object({
    side: z.enum(['ar', 'ap']).default('ar'),
    asOf: dateText.optional(),
    by: z.enum(['customer', 'salesperson']).default('customer'),
    open: z.string().max(100).optional(),
    format: z.enum(['csv', 'xlsx']).default('csv'),
  })
  .strict();

/** The aging query, or a 400 naming what is wrong, before the book is opened. */
export function agingQuery(url: URL) {
  const q = readQuery(agingQuerySchema, url);
  if (!q.ok) {
    const { code, path, message } = badRequestBody(q.issues);
    error(400, { code, path, message });
  }
  return q.value;
}
