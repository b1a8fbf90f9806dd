import { book } from '$lib/server/book';
import { navigation } from '$lib/server/nav';
import type { LayoutServerLoad } from './$types';

/**
 * Every page's CSRF token (forms and fetch send it back), who is signed in and the company (the
 * top bar), and the navigation their roles may use. The sign-in page has no actor: no navigation.
 */
export const load: LayoutServerLoad = async ({ locals }) => ({
  csrf: locals.csrf,
  signedIn:
    locals.session !== undefined && locals.actor ? { user: locals.actor.user, roles: [...locals.actor.roles] } : null,
  company: locals.actor ? (await book()).settings().company : null,
  nav: locals.actor ? navigation(locals.actor) : [],
});
