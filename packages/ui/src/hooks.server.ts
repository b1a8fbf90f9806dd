import { sequence } from '@sveltejs/kit/hooks';
import { guardFromEnv } from '$lib/server/guard';
import { localeHandle } from '$lib/server/locale';

/**
 * Host, Origin and CSRF checks, and who is acting, before any route (see `$lib/server/guard`);
 * then the language the page speaks (see `$lib/server/locale`).
 */
export const handle = sequence(guardFromEnv(), localeHandle());
