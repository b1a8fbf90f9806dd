import { fail } from '@sveltejs/kit';
import { TradeloopError } from '@tradeloop/core';
import { changeOwnPassword, preparePasswordChange } from '@tradeloop/store';
import { actingAs } from '$lib/server/access';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/** Changing one's own password; any signed-in user reaches it (the portal links it for customers). */
export const load: PageServerLoad = (event) => {
  const actor = actorOf(event);
  return { customer: actor.roles.includes('customer') };
};

export const actions: Actions = {
  change: async (event) => {
    const actor = actorOf(event);
    const form = await event.request.formData();
    const text = (name: string) => String(form.get(name) ?? '');
    if (text('next') !== text('again'))
      return fail(400, { ok: false as const, code: 'input.invalid', message: 'the new passwords differ' });
    const b = await book();
    try {
      // The slow half (checking and hashing) reads nothing of who the shared book acts as; the change
      // itself is one synchronous command as the user.
      const change = await preparePasswordChange(b, actor.user, text('current'), text('next'));
      const keep = event.locals.session;
      actingAs(b, actor, () => changeOwnPassword(b, change, keep ? { keepToken: keep } : {}));
      return { ok: true as const };
    } catch (e) {
      if (!(e instanceof TradeloopError)) throw e;
      return fail(e.code.startsWith('auth.') || e.code.startsWith('permission.') ? 403 : 400, {
        ok: false as const,
        code: e.code,
        message: e.message,
      });
    }
  },
};
