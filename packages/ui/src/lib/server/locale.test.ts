import type { Handle } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { strategy } from '$lib/paraglide/runtime';
import { OWNER, requestEvent } from './test-support';

const { localeHandle } = await import('./locale');

/**
 * The language a request is answered in, as the hook picks it: who is signed in (and what they
 * chose, from the book), the cookie, the browser's Accept-Language.
 */
async function localeOf(r: { user?: string; chosen?: string | null; cookie?: string; accept?: string }) {
  const { event } = requestEvent({
    url: 'http://127.0.0.1:5173/',
    headers: {
      ...(r.accept ? { 'accept-language': r.accept } : {}),
      ...(r.cookie ? { cookie: `tl_csrf=x; tl_locale=${r.cookie}` } : {}),
    },
    ...(r.user ? { actor: { user: r.user, roles: ['salesperson'] } } : {}),
  });
  if (r.user) event.locals.session = 'tl_token';
  const book = {
    exec: { get: () => ({ locale: r.chosen ?? null }) },
    db: { selectFrom: () => ({ select: () => ({ where: () => ({}) }) }) },
  };
  const handle: Handle = localeHandle({ book: () => Promise.resolve(book as never) });
  let html = '';
  await handle({
    event,
    resolve: async (_event, options) => {
      html = (await options?.transformPageChunk?.({ html: '<html lang="%lang%">', done: true })) ?? '';
      return new Response(html);
    },
  });
  return /lang="([^"]+)"/.exec(html)?.[1];
}

describe('the language of a page', () => {
  it('is tried in this order: the user’s choice, the cookie, the browser’s languages, English', async () => {
    expect(strategy).toEqual(['custom-user', 'custom-choice', 'preferredLanguage', 'baseLocale']);
    const zhBrowser = 'zh-CN,zh;q=0.9,en;q=0.8';
    expect(await localeOf({ user: 'lin', chosen: 'en', cookie: 'zh-CN', accept: zhBrowser })).toBe('en');
    expect(await localeOf({ user: 'lin', chosen: 'zh-CN', cookie: 'en', accept: 'en-US' })).toBe('zh-CN');
    expect(await localeOf({ user: 'lin', chosen: null, cookie: 'en', accept: zhBrowser })).toBe('en');
    expect(await localeOf({ cookie: 'zh-CN', accept: 'en-US' })).toBe('zh-CN');
    expect(await localeOf({ accept: zhBrowser })).toBe('zh-CN');
    expect(await localeOf({ accept: 'fr-FR,en;q=0.5' })).toBe('en');
    expect(await localeOf({ accept: 'fr-FR' })).toBe('en');
    expect(await localeOf({})).toBe('en');
  });

  it('ignores a cookie or a stored value that names no language of the app', async () => {
    expect(await localeOf({ cookie: 'klingon', accept: 'zh-CN' })).toBe('zh-CN');
    expect(await localeOf({ user: 'lin', chosen: 'fr', accept: 'zh-CN' })).toBe('zh-CN');
  });

  it('asks the book only for someone signed in: a book without users acts as its owner, who has no row', async () => {
    const { event } = requestEvent({ actor: OWNER, headers: { 'accept-language': 'zh-CN' } });
    const handle = localeHandle({ book: () => Promise.reject(new Error('the book was asked')) });
    const response = await handle({ event, resolve: async () => new Response('ok') });
    expect(await response.text()).toBe('ok');
  });
});
