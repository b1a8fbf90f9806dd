import { json } from '@sveltejs/kit';
import { INPUT_INVALID, type Issue, parseDate, parseInput, type Result } from '@tradeloop/core';
import { z } from 'zod';

/**
 * What the server answers a request it cannot read: 400, the first problem as `{ code, path,
 * message }` (the same issue shape core gives), and every problem in `issues`.
 */
export interface BadRequestBody {
  code: string;
  path: (string | number)[];
  message: string;
  issues: Issue[];
}

export function badRequestBody(issues: readonly Issue[]): BadRequestBody {
  const first = issues[0] ?? { code: INPUT_INVALID, path: [], message: 'the request cannot be read' };
  return { code: first.code, path: [...first.path], message: first.message, issues: [...issues] };
}

/** A 400 JSON response for an endpoint. */
export const badRequest = (issues: readonly Issue[]): Response => json(badRequestBody(issues), { status: 400 });

/** Route parameters, checked; issues under `params`. */
export const readParams = <S extends z.ZodType>(schema: S, params: Record<string, string>): Result<z.output<S>> =>
  parseInput(schema, params, ['params']);

/** The query string, checked (one value per name, the first); issues under `query`. */
export function readQuery<S extends z.ZodType>(schema: S, url: URL): Result<z.output<S>> {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) if (!(name in query)) query[name] = value;
  return parseInput(schema, query, ['query']);
}

/** A JSON body, checked; issues under `body`. A body that is no JSON is one issue at `body`. */
export async function readJson<S extends z.ZodType>(schema: S, request: Request): Promise<Result<z.output<S>>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { ok: false, issues: [{ code: INPUT_INVALID, path: ['body'], message: 'must be JSON' }] };
  }
  return parseInput(schema, body, ['body']);
}

/** A date as people write it (`2026-03-05`, `2026/3/5`, `2026年3月5日`), read as core reads it. */
export const dateText = z.string().transform((text, ctx) => {
  const date = parseDate(text);
  if (date.ok) return date.value;
  ctx.addIssue({ code: 'custom', message: date.issues[0]?.message ?? 'must be a date like 2026-03-05', input: text });
  return z.NEVER;
});
