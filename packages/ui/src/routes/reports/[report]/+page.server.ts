import { allow, refusedAsPage } from '$lib/server/access';
import { book, reportRead } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { HAS_PERIOD, periodReport, REPORT_BY } from '$lib/server/report-pages';
import type { PageServerLoad } from './$types';
import { badQuery, periodOf, reportOf, reportQuery } from './query';

/**
 * A report over the analytics copy as a chart and a table: profit by period, the sales trend, the
 * top customers or products, stock value. Analytics decides who reads which (403 otherwise).
 */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'book.read');
  const report = reportOf(event.params.report);
  const q = reportQuery(event.url);
  if (!q.ok) badQuery(q.issues);
  const b = await book();
  const period = periodOf(b, q.value);
  if (!period.ok) badQuery([period.issue]);
  const settings = b.settings();
  const data = await reportRead(() => periodReport(b, actor, report, q.value, period.value)).catch(refusedAsPage);
  return {
    ...data,
    asked: { p: q.value.p ?? '', n: q.value.n ?? 10 },
    hasPeriod: HAS_PERIOD[report],
    byChoices: REPORT_BY[report],
    money: { currency: settings.currency, precision: settings.precision },
    company: settings.company,
  };
};
