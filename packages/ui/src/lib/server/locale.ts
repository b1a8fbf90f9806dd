import type { Handle } from '@sveltejs/kit';
import { userLocale } from '@tradeloop/store';
import { defineCustomServerStrategy, type Locale, toLocale } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { book as servedBook } from './book.js';

/** The cookie keeping the language chosen on this browser (before signing in, or on a book without users). */
export const LOCALE_COOKIE = 'tl_locale';

/** What the signed-in user chose, per request: filled by `localeHandle`, read by the `custom-user` strategy. */
const chosenByUser = new WeakMap<Request, Locale>();

// The strategies paraglide tries first, in the order vite.config.ts names them; then the
// browser's Accept-Language (`preferredLanguage`), then English (`baseLocale`).
defineCustomServerStrategy('custom-user', {
  getLocale: (request) => (request && chosenByUser.get(request)) ?? undefined,
});
defineCustomServerStrategy('custom-choice', {
  getLocale: (request) => toLocale(cookieValue(request?.headers.get('cookie') ?? null, LOCALE_COOKIE)),
});

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * The language of a request: paraglide's middleware picks it by the strategies above and renders
 * the page in it (`%lang%` of app.html, every message). Runs after the guard, which has said who
 * is signed in; their choice is read from the book.
 */
export function localeHandle(options: { book?: typeof servedBook } = {}): Handle {
  const open = options.book ?? servedBook;
  return async ({ event, resolve }) => {
    const { actor, session } = event.locals;
    // Only someone signed in has a user row; a book without users acts as its owner, who has none.
    if (actor && session !== undefined) {
      const chosen = userLocale(await open(), actor.user);
      if (chosen) chosenByUser.set(event.request, chosen);
    }
    return paraglideMiddleware(event.request, ({ locale }) =>
      resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) }),
    );
  };
}
