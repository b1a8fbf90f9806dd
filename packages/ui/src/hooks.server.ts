import { guardFromEnv } from '$lib/server/guard';

/** Host, Origin and CSRF checks, and who is acting, before any route (see `$lib/server/guard`). */
export const handle = guardFromEnv();
