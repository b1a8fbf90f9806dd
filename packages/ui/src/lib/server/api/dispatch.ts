import { json, type RequestEvent } from '@sveltejs/kit';
import { type Actor, INPUT_INVALID, type Issue, parseInput, TradeloopError } from '@tradeloop/core';
import { type Book, idempotent } from '@tradeloop/store';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { actingAs } from '../access.js';
import { book as servedBook } from '../book.js';
import type { Operation } from './operation.js';
import { OPERATIONS } from './operations.js';

/** Requests a token (or a signed-in person) may make a minute: `TRADELOOP_API_RATE`, else 120. */
export const DEFAULT_RATE = 120;

interface Route {
  op: Operation<never, never, never>;
  pattern: RegExp;
  names: string[];
}

const ROUTES: Route[] = OPERATIONS.map((op) => {
  const names: string[] = [];
  const source = op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { op, pattern: new RegExp(`^${source}$`), names };
});

/** The operation a method and path name, with the path's parameters; or the methods the path has. */
function route(method: string, path: string): { route: Route; params: Record<string, string> } | { allow: string[] } {
  const allow: string[] = [];
  for (const r of ROUTES) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    if (r.op.method !== method) {
      allow.push(r.op.method);
      continue;
    }
    let params: Record<string, string>;
    try {
      params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
    } catch {
      continue;
    }
    return { route: r, params };
  }
  return { allow };
}

/** The status a refusal answers, by its code. */
export function statusOf(code: string): number {
  if (code.startsWith('auth.')) return 401;
  if (code.startsWith('permission.') || code === 'api.scope_missing') return 403;
  if (code.endsWith('.not_found')) return 404;
  if (code === INPUT_INVALID || code.startsWith('query.') || code === 'idempotency.key_invalid') return 400;
  if (code === 'api.rate_limited') return 429;
  if (code === 'book.busy') return 503;
  if (code.endsWith('.stale') || code === 'book.conflict') return 409;
  return 422;
}

const refusal = (
  code: string,
  message: string,
  options: { path?: readonly (string | number)[]; issues?: readonly Issue[]; hint?: string | undefined } = {},
) => {
  const path = [...(options.path ?? [])];
  const issues = options.issues && options.issues.length > 0 ? [...options.issues] : [{ code, path, message }];
  return { code, path, message, ...(options.hint ? { hint: options.hint } : {}), issues };
};

function refused(e: unknown, headers: Headers): Response {
  if (!(e instanceof TradeloopError)) throw e;
  const status = statusOf(e.code);
  if (status === 503) headers.set('retry-after', '1');
  return json(refusal(e.code, e.message, { path: e.path, issues: e.issues, hint: e.hint }), { status, headers });
}

/** Count a request against its caller's minute: the RateLimit headers set, or the 429 to answer. */
async function rateLimit(
  limiter: RateLimiterMemory,
  points: number,
  client: string,
  headers: Headers,
): Promise<Response | undefined> {
  try {
    const r = await limiter.consume(client);
    headers.set('ratelimit-limit', String(points));
    headers.set('ratelimit-remaining', String(r.remainingPoints));
    headers.set('ratelimit-reset', String(Math.ceil(r.msBeforeNext / 1000)));
    return undefined;
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    const wait = String(Math.max(1, Math.ceil(e.msBeforeNext / 1000)));
    headers.set('retry-after', wait);
    headers.set('ratelimit-limit', String(points));
    headers.set('ratelimit-remaining', '0');
    headers.set('ratelimit-reset', wait);
    return json(refusal('api.rate_limited', `more than ${points} requests a minute; try again in ${wait} s`), {
      status: 429,
      headers,
    });
  }
}

export interface ApiOptions {
  /** Requests per minute per caller. */
  rate?: number;
  book?: () => Promise<Book>;
}

/**
 * The /api/v1 endpoint: finds the operation, checks the token's scope and the caller's rate, reads
 * the path, query and body by the operation's schemas, runs it as the caller (once per
 * Idempotency-Key on a POST) and answers JSON; a refusal answers the store's code, path and
 * message with its status (`statusOf`).
 */
export function apiHandler(options: ApiOptions = {}) {
  const envRate = Number(process.env.TRADELOOP_API_RATE || Number.NaN);
  const points = options.rate ?? (Number.isInteger(envRate) && envRate > 0 ? envRate : DEFAULT_RATE);
  const limiter = new RateLimiterMemory({ points, duration: 60 });
  const open = options.book ?? servedBook;

  return async (event: RequestEvent): Promise<Response> => {
    const headers = new Headers({ 'cache-control': 'no-store' });
    // The path as sent, still encoded: each parameter is decoded once, by `route`.
    const path = event.url.pathname.slice('/api/v1'.length).replace(/\/+$/, '') || '/';
    const found = route(event.request.method, path);
    if ('allow' in found) {
      if (found.allow.length > 0) {
        headers.set('allow', found.allow.join(', '));
        return json(refusal('api.method', `${event.request.method} is not an operation of ${path}`), {
          status: 405,
          headers,
        });
      }
      return json(refusal('api.not_found', `no operation at ${path}; see /api/v1/openapi.json`), {
        status: 404,
        headers,
      });
    }
    const { op } = found.route;
    const actor = event.locals.actor as Actor;
    const scopes = event.locals.scopes;
    if (scopes !== undefined && !scopes.includes(op.scope))
      return json(
        refusal(
          'api.scope_missing',
          `this token may not ${op.scope}: it was made with ${scopes.join(', ') || 'no scope'}`,
          {
            path: [op.scope],
            hint: `make a token with --scope ${op.scope}`,
          },
        ),
        { status: 403, headers },
      );

    // Programs are limited per token; a person's own pages in the browser are not.
    const client = event.locals.scopes !== undefined ? event.locals.client : undefined;
    const limited = client ? await rateLimit(limiter, points, client, headers) : undefined;
    if (limited) return limited;

    const params = op.params
      ? parseInput(op.params, found.params, ['params'])
      : { ok: true as const, value: undefined };
    const query: Record<string, string> = {};
    for (const [name, value] of event.url.searchParams) if (!(name in query)) query[name] = value;
    const readQuery = op.query ? parseInput(op.query, query, ['query']) : { ok: true as const, value: undefined };
    let text = '';
    let body: { ok: true; value: unknown } | { ok: false; issues: Issue[] } = { ok: true, value: undefined };
    if (op.body) {
      text = await event.request.text();
      let raw: unknown;
      try {
        raw = text.trim() === '' && op.body.safeParse({}).success ? {} : JSON.parse(text);
        body = parseInput(op.body, raw, ['body']);
      } catch {
        body = { ok: false, issues: [{ code: INPUT_INVALID, path: ['body'], message: 'must be JSON' }] };
      }
    }
    const issues = [params, readQuery, body].flatMap((r) => (r.ok ? [] : r.issues));
    if (issues.length > 0) {
      const first = issues[0] as Issue;
      return json(refusal(first.code, first.message, { path: first.path, issues }), { status: 400, headers });
    }

    const b = await open();
    const checked = (r: object) => ('value' in r ? r.value : undefined) as never;
    const input = { book: b, params: checked(params), query: checked(readQuery), body: checked(body) };
    const key = event.request.headers.get('idempotency-key');
    try {
      const answer = actingAs(b, actor, () => {
        if (key === null || event.request.method !== 'POST' || !op.command)
          return { status: op.status as number, body: op.run(input), replayed: false };
        return idempotent(
          b,
          { key, method: 'POST', path: `${path}${event.url.search}`, body: text, command: op.command },
          () => ({ status: op.status, body: op.run(input) }),
        );
      });
      if (answer.replayed) headers.set('idempotent-replayed', 'true');
      if (answer.status === 201 && op.location)
        headers.set('location', `/api/v1${(op.location as (a: unknown) => string)(answer.body)}`);
      return json(answer.body, { status: answer.status, headers });
    } catch (e) {
      return refused(e, headers);
    }
  };
}
