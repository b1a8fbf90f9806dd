import { fail, redirect } from '@sveltejs/kit';
import { TradeloopError } from '@tradeloop/core';
import { loginRequired, signIn } from '@tradeloop/store';
import { book } from '$lib/server/book';
import { cookieOptions, csrfToken, nextPath, SESSION_COOKIE } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  // A book without users has nobody to sign in; someone signed in has nothing to do here.
  if (!loginRequired(await book()) || locals.session) redirect(303, nextPath(url.searchParams.get('next')));
  return { expired: url.searchParams.has('expired') };
};

export const actions: Actions = {
  default: async (event) => {
    const { request, cookies, url } = event;
    const form = await request.formData();
    const name = String(form.get('name') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!name || !password)
      return fail(400, { name, code: 'auth.failed', message: 'enter your user name and password' });
    const b = await book();
    let source = 'ui';
    try {
      source = `ui ${event.getClientAddress()}`;
    } catch {
      // No client address (a request made in-process): the attempt is still recorded.
    }
    try {
      const session = await signIn(b, name, password, { kind: 'session', source });
      cookies.set(SESSION_COOKIE, session.token, cookieOptions(url, new Date(session.expiresAt)));
      // A new CSRF token with the new session: one planted before the sign-in is worth nothing after.
      csrfToken(cookies, url, true);
    } catch (e) {
      if (e instanceof TradeloopError && e.code.startsWith('auth.'))
        return fail(e.code === 'auth.rate_limited' ? 429 : 400, { name, code: e.code, message: e.message });
      throw e;
    }
    redirect(303, nextPath(url.searchParams.get('next')));
  },
};
