import { error } from '@sveltejs/kit';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { readQuery } from '$lib/server/request';
import { allowExpiry, expiryQuery, expiryReport } from '$lib/server/stock-expiry';
import type { PageServerLoad } from './$types';

/** What expires soon (or has), and what has not gone out for long: for the days and day asked. */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allowExpiry(actor);
  const q = readQuery(expiryQuery, event.url);
  if (!q.ok)
    error(400, {
      code: 'input.invalid',
      path: ['query'],
      message: q.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    });
  const b = await book();
  const { currency, precision } = b.settings();
  return { report: expiryReport(b, actor, q.value), money: { currency, precision } };
};
