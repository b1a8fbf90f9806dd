import { tableFile } from '@tradeloop/store';
import { forbidden } from '$lib/server/access';
import { book, reportRead } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { fileResponse, isPeriodReport, periodReport, refusedAsJson, reportTable } from '$lib/server/report-pages';
import { badRequest } from '$lib/server/request';
import { periodOf, reportQuery } from '../query';
import type { RequestHandler } from './$types';

/** A report's table as the page shows it, as a file (`format=csv|xlsx`). */
export const GET: RequestHandler = async (event) => {
  const actor = actorOf(event);
  const denied = await forbidden(actor, 'book.read');
  if (denied) return denied;
  const { report } = event.params;
  if (!isPeriodReport(report))
    return new Response(
      JSON.stringify({ code: 'report.unknown', path: ['report'], message: `no report "${report}"` }),
      {
        status: 404,
        headers: { 'content-type': 'application/json' },
      },
    );
  const q = reportQuery(event.url);
  if (!q.ok) return badRequest(q.issues);
  const b = await book();
  const period = periodOf(b, q.value);
  if (!period.ok) return badRequest([period.issue]);
  const data = await reportRead(() => periodReport(b, actor, report, q.value, period.value)).catch(refusedAsJson);
  if (data instanceof Response) return data;
  const format = q.value.format ?? 'csv';
  const bytes = await tableFile(reportTable(data.view, b.settings()), format, report);
  const name = [report, data.by, data.period || b.today()].filter(Boolean).join('-');
  return fileResponse(bytes, format, name);
};
