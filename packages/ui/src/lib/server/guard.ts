import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Cookies, type Handle, json, type RequestEvent, redirect } from '@sveltejs/kit';
import { type Actor, soleOwner, TradeloopError } from '@tradeloop/core';
import { actorFromToken, type Book, loginRequired, tokenGrant } from '@tradeloop/store';
import { book as servedBook } from './book.js';

/** The cookie holding a signed-in person's session token (from `signIn`, kind `session`). */
export const SESSION_COOKIE = 'tl_session';
/** The cookie holding the CSRF token; pages carry the same token in forms and fetch headers. */
export const CSRF_COOKIE = 'tl_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

/** Who acts on a book without users: its one person, the owner, as the audit log has always named the UI. */
export const UI_OWNER: Actor = soleOwner('ui');

/** Pages anyone may reach: signing in and out, the language of the sign-in page, the API's description. */
const PUBLIC = new Set(['/login', '/logout', '/locale', '/api/v1/openapi.json']);
/** The open API: programs call it with a bearer token instead of a session cookie. */
const API = '/api/v1/';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export interface GuardOptions {
  /** The origin the server was started for (`ORIGIN`, set by `tradeloop serve`); unset in `vite dev`. */
  origin?: string | undefined;
  /** Other hosts the server answers to, `name` or `name:port` (`TRADELOOP_ALLOWED_HOSTS`). */
  allowedHosts?: readonly string[];
  /** The book; the served one unless told. */
  book?: () => Promise<Book>;
}

interface HostPort {
  hostname: string;
  port: string;
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

const defaultPort = (protocol: string) => (protocol === 'https:' ? '443' : '80');

/** A Host header (or allowed-host entry) read strictly: a bare host with an optional port, nothing else. */
function readHost(text: string, protocol: string): HostPort | undefined {
  const lower = text.trim().toLowerCase();
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(lower)) return undefined;
  const url = URL.parse(`${protocol}//${lower}`);
  // `URL` drops a default port: compare the port the connection used.
  return url ? { hostname: url.hostname, port: url.port || defaultPort(protocol) } : undefined;
}

/**
 * Which Host headers this server answers to: the host it was started for, the loopback names on
 * its port, and the hosts it was told of. Anything else is a name someone pointed at this address
 * (DNS rebinding) and is refused before anything is read.
 */
export function hostAllowed(host: string | null, options: Pick<GuardOptions, 'origin' | 'allowedHosts'>): boolean {
  if (!host) return false;
  const served = options.origin ? URL.parse(options.origin) : null;
  const protocol = served?.protocol ?? 'http:';
  const asked = readHost(host, protocol);
  if (!asked) return false;
  const port = served ? served.port || defaultPort(protocol) : undefined;
  const same = (hostname: string, p: string | undefined) =>
    asked.hostname === hostname && (p === undefined || asked.port === p);
  if (served && same(served.hostname, port)) return true;
  if (LOOPBACK.some((name) => same(name, port))) return true;
  return (options.allowedHosts ?? []).some((entry) => {
    const allowed = readHost(entry, protocol);
    if (!allowed) return false;
    // `name` alone: on the served port, or on the default port behind a proxy.
    const explicit = /:\d+$/.test(entry.trim());
    if (explicit) return same(allowed.hostname, allowed.port);
    return same(allowed.hostname, port) || same(allowed.hostname, defaultPort(protocol));
  });
}

/** Whether a request's Origin is the page's own: the scheme it was served with and the Host it asked for. */
export function sameOrigin(origin: string | null, host: string | null, protocol: string): boolean {
  if (!origin || !host || origin === 'null') return false;
  const from = URL.parse(origin);
  const asked = readHost(host, protocol);
  if (!from || !asked || from.origin !== origin.toLowerCase().replace(/\/$/, '')) return false;
  const fromPort = from.port || defaultPort(from.protocol);
  return from.protocol === protocol && from.hostname === asked.hostname && fromPort === asked.port;
}

/** A refusal at the door, in the shape every refusal of the server has: code, path, message, issues. */
const refuse = (status: number, code: string, message: string) =>
  json({ code, path: [], message, issues: [{ code, path: [], message }] }, { status });

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The CSRF token the request sent: the header (fetch, JSON), else the form's field. */
async function sentToken(request: Request): Promise<string | undefined> {
  const header = request.headers.get(CSRF_HEADER);
  if (header) return header;
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!FORM_TYPES.includes(type)) return undefined;
  try {
    const field = (await request.clone().formData()).get(CSRF_FIELD);
    return typeof field === 'string' ? field : undefined;
  } catch {
    return undefined;
  }
}

/** Cookie attributes: HttpOnly, SameSite=Lax, the whole site, Secure when served over HTTPS. */
export const cookieOptions = (url: URL, expires?: Date) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  path: '/',
  secure: url.protocol === 'https:',
  ...(expires ? { expires } : {}),
});

/** The request's CSRF token: the cookie's, or a new one set now. */
export function csrfToken(cookies: Cookies, url: URL, fresh = false): string {
  const kept = fresh ? undefined : cookies.get(CSRF_COOKIE);
  if (kept && /^[A-Za-z0-9_-]{43}$/.test(kept)) return kept;
  const token = randomBytes(32).toString('base64url');
  cookies.set(CSRF_COOKIE, token, cookieOptions(url));
  return token;
}

export type Who = { actor: Actor; session: string | undefined } | { refused: { code: string; message: string } };

/**
 * Who is asking: on a book without users, its owner; otherwise the user whose session cookie this
 * is. No cookie, a forged one, an expired or revoked one, a disabled user: nobody, and why.
 */
export function whoIsAsking(b: Book, cookies: Cookies): Who {
  if (!loginRequired(b)) return { actor: UI_OWNER, session: undefined };
  const token = cookies.get(SESSION_COOKIE);
  if (!token) return { refused: { code: 'auth.required', message: 'sign in first' } };
  try {
    return { actor: actorFromToken(b, token), session: token };
  } catch (e) {
    if (e instanceof TradeloopError && e.code.startsWith('auth.'))
      return { refused: { code: e.code, message: e.message } };
    throw e;
  }
}

/** Where to go after signing in: a path of this site only, never another site. */
export function nextPath(raw: string | null): string {
  if (!raw?.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  return raw;
}

/** Where a page sends someone who must sign in: the login page, then back here. */
export function loginLocation(url: URL, reason?: string): string {
  const next = `${url.pathname}${url.search}`;
  const query = new URLSearchParams();
  if (next !== '/') query.set('next', next);
  if (reason === 'auth.token_expired') query.set('expired', '1');
  const q = query.toString();
  return q ? `/login?${q}` : '/login';
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 24);

/**
 * A program's call to the API with `Authorization: Bearer <token>`. A bearer token is no ambient
 * credential (a page of another site cannot make a browser send it), so neither Origin nor CSRF
 * token is asked; the token itself must be known, current, and of a user not disabled, and the
 * request then acts as that user within the token's scopes.
 */
async function bearer(
  event: Parameters<Handle>[0]['event'],
  resolve: Parameters<Handle>[0]['resolve'],
  authorization: string,
  open: () => Promise<Book>,
): Promise<Response> {
  const challenge = (code: string, message: string) =>
    json(
      { code, path: ['Authorization'], message, issues: [{ code, path: ['Authorization'], message }] },
      { status: 401, headers: { 'www-authenticate': 'Bearer realm="tradeloop", error="invalid_token"' } },
    );
  const m = /^Bearer +([A-Za-z0-9_-]{1,200})\s*$/i.exec(authorization);
  if (!m?.[1]) return challenge('auth.token_invalid', 'send the token as Authorization: Bearer tl_…');
  const token = m[1];
  const b = await open();
  try {
    const grant = tokenGrant(b, token);
    event.locals.actor = grant.actor;
    event.locals.scopes = grant.scopes;
    event.locals.client = `token:${digest(token)}`;
  } catch (e) {
    if (e instanceof TradeloopError && e.code.startsWith('auth.')) return challenge(e.code, e.message);
    throw e;
  }
  event.locals.csrf = '';
  return resolve(event);
}

/**
 * The server's door, before any route: a Host it does not serve is refused (421); a request that
 * changes something must come from a page of this server (Origin) and carry its CSRF token (403);
 * then the actor is resolved from the session cookie, or the request is sent to the login page
 * (pages) or refused with 401 (everything else). Routes read `locals.actor`.
 */
export function guard(options: GuardOptions = {}): Handle {
  const open = options.book ?? servedBook;
  return async ({ event, resolve }) => {
    const { request, url, cookies } = event;
    const host = request.headers.get('host');
    if (!hostAllowed(host, options))
      return refuse(421, 'host.refused', `this server does not answer to the host ${JSON.stringify(host ?? '')}`);
    const authorization = request.headers.get('authorization');
    if (authorization !== null && url.pathname.startsWith(API)) return bearer(event, resolve, authorization, open);
    const unsafe = !SAFE.has(request.method);
    if (unsafe && !sameOrigin(request.headers.get('origin'), host, url.protocol))
      return refuse(403, 'csrf.origin', 'a change must come from a page of this server (Origin)');

    const b = await open();
    const who = whoIsAsking(b, cookies);
    const isPublic = PUBLIC.has(url.pathname);
    if ('refused' in who) {
      // A stale cookie is dropped, so the login page does not keep meeting it.
      if (cookies.get(SESSION_COOKIE)) cookies.delete(SESSION_COOKIE, { path: '/' });
      if (!isPublic) {
        if (!unsafe && !url.pathname.startsWith('/api/')) redirect(303, loginLocation(url, who.refused.code));
        return refuse(401, who.refused.code, who.refused.message);
      }
    } else {
      event.locals.actor = who.actor;
      event.locals.session = who.session;
      event.locals.client = who.session ? `session:${digest(who.session)}` : who.actor.user;
    }

    const csrf = csrfToken(cookies, url);
    if (unsafe) {
      const sent = await sentToken(request);
      if (!sent || !sameToken(sent, csrf))
        return refuse(403, 'csrf.token', 'the request does not carry this page’s CSRF token; reload the page');
    }
    event.locals.csrf = csrf;
    return resolve(event);
  };
}

/** The guard as `tradeloop serve` configures it: ORIGIN and TRADELOOP_ALLOWED_HOSTS. */
export function guardFromEnv(env: NodeJS.ProcessEnv = process.env): Handle {
  const allowedHosts = (env.TRADELOOP_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  return guard({ origin: env.ORIGIN || undefined, allowedHosts });
}

/** The actor of a request the guard let in (a route's `locals`). */
export function actorOf(event: Pick<RequestEvent, 'locals'>): Actor {
  const actor = event.locals.actor;
  if (!actor) throw new TradeloopError('auth.required', 'sign in first');
  return actor;
}
