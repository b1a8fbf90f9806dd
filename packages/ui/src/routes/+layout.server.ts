import type { LayoutServerLoad } from './$types';

/** Every page's CSRF token (forms and fetch send it back), and who is signed in, for the sign-out bar. */
export const load: LayoutServerLoad = ({ locals }) => ({
  csrf: locals.csrf,
  signedIn:
    locals.session !== undefined && locals.actor ? { user: locals.actor.user, roles: [...locals.actor.roles] } : null,
});
