import { tableFile } from '@tradeloop/store';
import { forbidden } from '$lib/server/access';
import { book, reportRead } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { agingReport, fileResponse, refusedAsJson, reportTable } from '$lib/server/report-pages';
import { badRequest, readQuery } from '$lib/server/request';
import { agingQuerySchema } from '../query';
import type { RequestHandler } from './$types';

/** The aging table as the page shows it, as a file (`format=csv|xlsx`). */
export const GET: RequestHandler = async (event) => {
  const actor = actorOf(event);
  const denied = await forbidden(actor, 'book.read');
  if (denied) return denied;
  const q = readQuery(agingQuerySchema, event.url);
  if (!q.ok) return badRequest(q.issues);
  const b = await book();
  const asOf = q.value.asOf ?? b.today();
  const side = q.value.side;
  const report = await reportRead(() =>
    agingReport(b, actor, side, asOf, side === 'ar' && q.value.by === 'salesperson'),
  ).catch(refusedAsJson);
  if (report instanceof Response) return report;
  const bytes = await tableFile(reportTable(report.view, b.settings()), q.value.format, `${side} aging`);
  return fileResponse(bytes, q.value.format, `${side}-aging-${report.by}-${asOf}`);
};
