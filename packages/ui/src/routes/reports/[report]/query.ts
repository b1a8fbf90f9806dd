import { error } from '@sveltejs/kit';
import type { Book } from '@tradeloop/store';
import {
  isPeriodReport,
  type PeriodReport,
  type ReportQuery,
  readPeriod,
  reportQuerySchema,
} from '$lib/server/report-pages';
import { badRequestBody, readQuery } from '$lib/server/request';

/** The report a path names, or 404. */
export function reportOf(name: string): PeriodReport {
  if (!isPeriodReport(name)) error(404, { code: 'report.unknown', path: ['report'], message: `no report "${name}"` });
  return name;
}

/** What the query asks, or the issues that make it a bad request (before the book is opened). */
export const reportQuery = (url: URL) => readQuery(reportQuerySchema, url);

/** The period asked, resolved against the book's today (or the query's `asOf`); a bad one names `p`. */
export function periodOf(b: Book, q: ReportQuery) {
  return readPeriod(q.p, q.asOf ?? b.today());
}

/** A 400 page for the issues of a query. */
export function badQuery(issues: Parameters<typeof badRequestBody>[0]): never {
  const { code, path, message } = badRequestBody(issues);
  error(400, { code, path, message });
}
