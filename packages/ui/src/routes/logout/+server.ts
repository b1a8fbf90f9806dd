import { redirect } from '@sveltejs/kit';
import { revokeToken } from '@tradeloop/store';
import { book } from '$lib/server/book';
import { CSRF_COOKIE, SESSION_COOKIE } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/**
 * Sign out (POST only, with the page's CSRF token, as the guard checks): the session token is
 * revoked in the book, so a copy of the cookie kept elsewhere stops working too.
 */
export const POST: RequestHandler = async ({ locals, cookies }) => {
  if (locals.session) revokeToken(await book(), locals.session);
  cookies.delete(SESSION_COOKIE, { path: '/' });
  cookies.delete(CSRF_COOKIE, { path: '/' });
  redirect(303, '/login');
};
