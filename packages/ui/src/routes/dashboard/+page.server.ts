import { error } from '@sveltejs/kit';
import { dashboard } from '@tradeloop/analytics';
import { customerScope, formatMoney, seesColumns } from '@tradeloop/core';
import { z } from 'zod';
import { allow } from '$lib/server/access';
import { book, reportRead } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { badRequestBody, dateText, readQuery } from '$lib/server/request';
import type { PageServerLoad } from './$types';

const querySchema = z.object({ asOf: dateText.optional() });

/**
 * The whole book's figures: who reads the book and sees every customer. A salesperson (scoped to
 * their own customers) is refused rather than shown totals over others' customers, and who may not
 * see cost is not shown gross profit.
 */
export const load: PageServerLoad = async (event) => {
  const { url } = event;
  const actor = actorOf(event);
  allow(actor, 'book.read');
  if (customerScope(actor).kind !== 'all')
    error(403, {
      code: 'permission.denied',
      path: ['scope', 'customers'],
      message: `${actor.user} (${actor.roles.join(', ')}) sees only some customers; the dashboard covers all of them`,
    });
  const margins = seesColumns(actor, 'cost');
  // Read before the book is opened: a bad query is the request's fault, whatever the book holds.
  const query = readQuery(querySchema, url);
  if (!query.ok) {
    const { code, path, message } = badRequestBody(query.issues);
    error(400, { code, path, message });
  }
  const b = await book();
  const settings = b.settings();
  const asOf = query.value.asOf ?? b.today();
  const d = await reportRead(() => dashboard(b, { asOf, precision: settings.precision }));
  const money = (minor: number) => formatMoney(minor, { precision: settings.precision, grouping: true });
  const year = d.asOf.slice(0, 4);
  return {
    asOf: d.asOf,
    charts: { ...d.charts, profit: margins ? d.charts.profit : null },
    figures: [
      { key: 'receivables', label: 'Receivables 应收余额', value: money(d.figures.receivables) },
      { key: 'overdue', label: 'Overdue 逾期', value: money(d.figures.overdue) },
      { key: 'revenue', label: `Revenue ${year} 营业收入`, value: money(d.figures.revenue) },
      ...(margins ? [{ key: 'gross', label: `Gross profit ${year} 毛利`, value: money(d.figures.grossProfit) }] : []),
    ],
    company: settings.company,
    currency: settings.currency,
  };
};
