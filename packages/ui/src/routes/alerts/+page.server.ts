import { can } from '@tradeloop/core';
import { alertInbox, runAlerts } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, allow, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { command } from '$lib/server/command';
import { actorOf } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/**
 * The alerts inbox: the open alerts addressed to the signed-in user's roles (a salesperson's
 * only of their own customers), each with where to act, the resolved ones below. Alerts are
 * resolved by the alerts run once they no longer hold; the book has no command to dismiss one.
 */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'book.read');
  const b = await book();
  try {
    return {
      inbox: actingAs(b, actor, () => alertInbox(b)),
      // The alerts run is a job: offered to who may run jobs, as `tradeloop run alerts` is.
      canRun: can(actor, 'jobs.run'),
      timeZone: b.settings().timeZone,
    };
  } catch (e) {
    refusedAsPage(e);
  }
};

export const actions: Actions = {
  run: (e) => command(e, 'run', z.object({}), (b) => ({ count: runAlerts(b, { today: b.today() }).length })),
};
