import { redirect } from '@sveltejs/kit';
import { dashboard } from '@tradeloop/analytics';
import { dashboardViews, listApprovals } from '@tradeloop/store';
import { actingAs, allow, readsWholeBook, refusedAsPage } from '$lib/server/access';
import { book, reportRead } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { homeAreas } from '$lib/server/nav';
import type { PageServerLoad } from './$types';

/**
 * The home page of whoever signs in: for who reads the whole book (owner, accountant, auditor)
 * the dashboard's headline figures as of today; for everyone, the areas of their work, their own
 * first (a salesperson's customers, the warehouse's stock, purchasing's suppliers), and how many
 * documents wait for their approval.
 */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  // A customer's home is the portal: ordering, their orders, their account.
  if (actor.roles.length > 0 && actor.roles.every((r) => r === 'customer')) redirect(303, '/portal');
  await allow(actor, 'book.read');
  const b = await book();
  const settings = b.settings();
  const figures = readsWholeBook(actor)
    ? await reportRead(() =>
        actingAs(b, actor, () => dashboard(b, { asOf: b.today(), precision: settings.precision })),
      ).then((d) => ({ asOf: d.asOf, ...d.figures }), refusedAsPage)
    : null;
  return {
    user: actor.user,
    company: settings.company,
    money: { currency: settings.currency, precision: settings.precision },
    figures,
    /** Whether the user has a dashboard of their role's to open (the figures above are the boss's). */
    dashboard: dashboardViews(actor).length > 0,
    areas: homeAreas(actor),
    waiting: new Set(actingAs(b, actor, () => listApprovals(b)).map((e) => `${e.kind}:${e.document}`)).size,
  };
};
