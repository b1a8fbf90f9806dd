import { tableFile } from '@tradeloop/store';
import { z } from 'zod';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { badRequest, readQuery } from '$lib/server/request';
import { allowExpiry, expiryQuery, expiryReport, expiryTable } from '$lib/server/stock-expiry';
import type { RequestHandler } from './$types';

const fileQuery = expiryQuery.extend({ list: z.enum(['expiry', 'slow']).default('expiry') });

/** One list of the expiry page as CSV (`list=expiry|slow`), with the page's days and day. */
export const GET: RequestHandler = async (event) => {
  const actor = actorOf(event);
  await allowExpiry(actor);
  const q = readQuery(fileQuery, event.url);
  if (!q.ok) return badRequest(q.issues);
  const b = await book();
  const report = expiryReport(b, actor, q.value);
  const bytes = await tableFile(expiryTable(b, report, q.value.list), 'csv');
  const name = `${q.value.list === 'expiry' ? 'expiring' : 'slow-movers'}-${report.asOf}.csv`;
  return new Response(bytes, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    },
  });
};
