import { error } from '@sveltejs/kit';
import { TradeloopError } from '@tradeloop/core';
import { addFollowUp, claimCustomer, customerView, listRows, releaseCustomer } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { command } from '$lib/server/command';
import { actorOf } from '$lib/server/guard';
import { dateText } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

/** A customer's page: who they are, who owns them, what is open with them. */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  const b = await book();
  const settings = b.settings();
  try {
    const customer = actingAs(b, actor, () => customerView(b, event.params.code));
    // Who claims a pool customer: the salesperson themself, or one the owner or a manager picks.
    const salespeople = actor.salesperson
      ? [actor.salesperson]
      : customer.inPool
        ? (actingAs(b, actor, () => listRows(b, 'salespeople')) as { code: string }[]).map((s) => s.code)
        : [];
    return {
      customer,
      salespeople,
      today: b.today(),
      money: { currency: settings.currency, precision: settings.precision },
    };
  } catch (e) {
    if (e instanceof TradeloopError && e.code.endsWith('.not_found')) error(404, e.message);
    refusedAsPage(e);
  }
};

export const actions: Actions = {
  followUp: (e) =>
    command(
      e,
      'followUp',
      z.object({ date: dateText.optional(), note: z.string().trim().min(1), nextDate: dateText.optional() }),
      (b, f) =>
        addFollowUp(b, {
          customer: e.params.code,
          date: f.date ?? b.today(),
          note: f.note,
          ...(f.nextDate ? { nextDate: f.nextDate } : {}),
          ...(actorOf(e).salesperson ? { salesperson: actorOf(e).salesperson as string } : {}),
        }),
    ),
  claim: (e) =>
    command(e, 'claim', z.object({ salesperson: z.string().trim().min(1).optional() }), (b, f) => {
      const salesperson = f.salesperson ?? actorOf(e).salesperson;
      if (!salesperson) {
        // Who may not claim at all hears that first, not which field is missing.
        b.requirePermission('sales.write');
        throw new TradeloopError('input.invalid', 'salesperson: who claims the customer', { path: ['salesperson'] });
      }
      return claimCustomer(b, e.params.code, salesperson, b.today());
    }),
  release: (e) => command(e, 'release', z.object({}), (b) => releaseCustomer(b, e.params.code)),
};
