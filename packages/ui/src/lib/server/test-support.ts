import type { Cookies, RequestEvent } from '@sveltejs/kit';
import type { Actor } from '@tradeloop/core';

type CookieOptions = Parameters<Cookies['set']>[2];

/** A cookie jar as SvelteKit gives routes: what the request sent, and what the response sets. */
export function cookieJar(sent: Record<string, string> = {}) {
  const values = new Map(Object.entries(sent));
  const set = new Map<string, { value: string; options: CookieOptions }>();
  const cookies: Cookies = {
    get: (name) => values.get(name),
    getAll: () => [...values].map(([name, value]) => ({ name, value })),
    set: (name, value, options) => {
      values.set(name, value);
      set.set(name, { value, options });
    },
    delete: (name, options) => {
      values.delete(name);
      set.set(name, { value: '', options: { ...options, maxAge: 0 } });
    },
    serialize: (name, value) => `${name}=${value}`,
  };
  return { cookies, set };
}

export interface FakeRequest {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  body?: BodyInit | null;
  cookies?: Record<string, string>;
  params?: Record<string, string>;
  actor?: Actor;
}

/**
 * A request event as SvelteKit builds it for the hook and the routes, made in-process: no server,
 * no port. The Host header is the URL's unless given.
 */
export function requestEvent(r: FakeRequest = {}) {
  const url = new URL(r.url ?? 'http://127.0.0.1:5173/');
  const jar = cookieJar(r.cookies);
  const request = new Request(url, {
    method: r.method ?? 'GET',
    headers: { host: url.host, ...r.headers },
    ...(r.body === undefined ? {} : { body: r.body }),
  });
  const event = {
    request,
    url,
    cookies: jar.cookies,
    params: r.params ?? {},
    locals: { csrf: '', ...(r.actor ? { actor: r.actor } : {}) } as App.Locals,
    route: { id: url.pathname },
    getClientAddress: () => '127.0.0.1',
    isDataRequest: false,
    isSubRequest: false,
    setHeaders: () => {},
    platform: undefined,
    fetch,
  } as unknown as RequestEvent;
  return { event, set: jar.set };
}

/** The book's owner when nobody signs in, as the guard makes them. */
export const OWNER: Actor = { user: 'ui', roles: ['owner'] };

/**
 * Post a form to one of a page's actions as SvelteKit would dispatch it (`?/action`), its fields
 * as a form sends them, by `actor`: what the action answers (its value, or a failure).
 */
export function postAction<A extends Record<string, ((event: never) => unknown) | undefined>>(
  actions: A,
  action: keyof A & string,
  r: { path: string; params?: Record<string, string>; fields?: Record<string, string>; actor?: Actor },
): Promise<unknown> {
  const run = actions[action];
  if (!run) throw new Error(`no action ${action}`);
  const body = new FormData();
  for (const [k, v] of Object.entries(r.fields ?? {})) body.set(k, v);
  const { event } = requestEvent({
    method: 'POST',
    url: `http://localhost${r.path}?/${action}`,
    body,
    ...(r.params ? { params: r.params } : {}),
    ...(r.actor ? { actor: r.actor } : {}),
  });
  return Promise.resolve(run(event as never));
}
