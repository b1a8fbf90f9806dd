import { error } from '@sveltejs/kit';
import { dashboard } from '@tradeloop/analytics';
import { formatQuantity } from '@tradeloop/core';
import { DASHBOARD_VIEWS, dashboardViews, requireDashboardView, roleDashboard } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, allow, refusedAsPage } from '$lib/server/access';
import { book, reportRead } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { badRequestBody, dateText, readQuery } from '$lib/server/request';
import type { PageServerLoad } from './$types';

const querySchema = z.object({
  asOf: dateText.optional(),
  view: z.enum(DASHBOARD_VIEWS, { error: `must be one of ${DASHBOARD_VIEWS.join(', ')}` }).optional(),
});

/**
 * The dashboard of the signed-in user's role: the boss's (the whole book's figures from
 * analytics), the sales manager's (their team's), the salesperson's (their own), purchasing's or
 * finance's. `?view=` opens another of those the user may open; one they may not is refused
 * with 403 by the store, which logs the refusal, as is a role with no dashboard (the warehouse).
 */
export const load: PageServerLoad = async (event) => {
  const { url } = event;
  const actor = actorOf(event);
  await allow(actor, 'book.read');
  // Read before the book is opened: a bad query is the request's fault, whatever the book holds.
  const query = readQuery(querySchema, url);
  if (!query.ok) {
    const { code, path, message } = badRequestBody(query.issues);
    error(400, { code, path, message });
  }
  const b = await book();
  const settings = b.settings();
  const asOf = query.value.asOf ?? b.today();
  const views = dashboardViews(actor);
  // With no dashboard for the role, asking for the boss's says so (and logs the refusal).
  const view = query.value.view ?? views[0] ?? 'boss';
  const common = {
    view,
    views,
    asOf,
    money: { currency: settings.currency, precision: settings.precision },
    company: settings.company,
    currency: settings.currency,
  };
  try {
    actingAs(b, actor, () => requireDashboardView(b, view));
  } catch (e) {
    refusedAsPage(e);
  }
  if (view === 'boss') {
    // The report's permission check runs before its first await, inside `actingAs`.
    const d = await reportRead(() =>
      actingAs(b, actor, () => dashboard(b, { asOf, precision: settings.precision })),
    ).catch(refusedAsPage);
    return { ...common, asOf: d.asOf, boss: { charts: d.charts, figures: d.figures }, role: null };
  }
  try {
    const role = actingAs(b, actor, () => roleDashboard(b, view, { asOf }));
    if (role.view !== 'purchasing') return { ...common, boss: null, role };
    const q = (milli: number) => formatQuantity(milli);
    return {
      ...common,
      boss: null,
      role: {
        ...role,
        runningOut: role.runningOut.map((s) => ({ ...s, projectedText: q(s.projected), pointText: q(s.reorderPoint) })),
      },
    };
  } catch (e) {
    refusedAsPage(e);
  }
};
