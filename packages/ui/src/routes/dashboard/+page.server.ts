import { error } from '@sveltejs/kit';
import { dashboard } from '@tradeloop/analytics';
import { formatMoney, parseDate } from '@tradeloop/core';
import { book, reportRead } from '$lib/server/book';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const b = await book();
  const asked = url.searchParams.get('asOf');
  const asOf = asked === null ? b.today() : parseDate(asked);
  if (typeof asOf !== 'string' && !asOf.ok) error(400, `asOf ${asked}: ${asOf.issues[0]?.message}`);
  const settings = b.settings();
  const d = await reportRead(() =>
    dashboard(b, { asOf: typeof asOf === 'string' ? asOf : asOf.value, precision: settings.precision }),
  );
  const money = (minor: number) => formatMoney(minor, { precision: settings.precision, grouping: true });
  const year = d.asOf.slice(0, 4);
  return {
    asOf: d.asOf,
    charts: d.charts,
    figures: [
      { key: 'receivables', label: 'Receivables 应收余额', value: money(d.figures.receivables) },
      { key: 'overdue', label: 'Overdue 逾期', value: money(d.figures.overdue) },
      { key: 'revenue', label: `Revenue ${year} 营业收入`, value: money(d.figures.revenue) },
      { key: 'gross', label: `Gross profit ${year} 毛利`, value: money(d.figures.grossProfit) },
    ],
    company: settings.company,
    currency: settings.currency,
  };
};
