import { allow, refusedAsPage } from '$lib/server/access';
import { book, reportRead } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { agingReport } from '$lib/server/report-pages';
import type { PageServerLoad } from './$types';
import { agingQuery } from './query';

/**
 * Receivables (by customer or salesperson) or payables aging as of a date, and the open documents
 * behind one row. Analytics decides who reads it: a salesperson their own customers' receivables,
 * payables only who reads the whole book; anyone else is refused (403).
 */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'book.read');
  const q = agingQuery(event.url);
  const b = await book();
  const settings = b.settings();
  const asOf = q.asOf ?? b.today();
  const report = await reportRead(() =>
    agingReport(b, actor, q.side, asOf, q.side === 'ar' && q.by === 'salesperson', q.open),
  ).catch(refusedAsPage);
  return {
    ...report,
    money: { currency: settings.currency, precision: settings.precision },
    company: settings.company,
  };
};
