import { type ApiScope, TradeloopError } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import { z } from 'zod';

/** What an operation is given: the book (acting as the caller) and the request, checked. */
export interface OperationInput<P, Q, B> {
  book: Book;
  params: P;
  query: Q;
  body: B;
}

/**
 * One operation of the HTTP API: where it answers, what it needs, what it reads and answers,
 * each a zod schema. The OpenAPI document is made from these, and requests are checked by the
 * same schemas, so the document cannot say one thing while the server does another.
 */
export interface Operation<P = unknown, Q = unknown, B = unknown> {
  id: string;
  method: 'GET' | 'POST';
  /** The path under /api/v1, parameters in braces: `/orders/{number}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  scope: ApiScope;
  /** For a POST: the store command it runs (its permission is asked before an idempotent run). */
  command?: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The status of a success: 201 for what is created. */
  status: 200 | 201;
  response: z.ZodType;
  /** The work, run synchronously as the caller (`actingAs`). */
  run: (input: OperationInput<P, Q, B>) => unknown;
  /** Where what was created can be read, for a 201's Location header. */
  location?: (answer: never) => string;
}

/** An operation, its types read from its schemas. */
export const operation = <P = undefined, Q = undefined, B = undefined>(op: Operation<P, Q, B>): Operation<P, Q, B> =>
  op;

/** A page of a list: the rows, and the cursor to send for the next page (null on the last). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    next: z.string().nullable().meta({ description: 'send as `cursor` for the next page; null on the last page' }),
  });

/** `limit` and `cursor` of a list's query. */
export const paging = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .meta({ description: 'rows per page, 1 to 500 (default 100)' }),
  cursor: z.string().max(200).optional().meta({ description: 'the `next` of the page before' }),
};

const cursorSchema = z.object({ after: z.string() });

/** The key a cursor names the last row by; a cursor that is none is refused (`query.cursor_invalid`). */
export function readCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const read = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (read.success) return read.data.after;
  } catch {
    // Not JSON: refused below, as any other cursor this server did not give.
  }
  throw cursorInvalid(cursor);
}

/** The cursor of the page after the row with this key. */
export const cursorAfter = (key: string): string => Buffer.from(JSON.stringify({ after: key })).toString('base64url');

/** A page of a list the book pages by key (`listPage`), as the API answers it. */
export const keyed = (
  page: { rows: Record<string, unknown>[]; next: string | null },
  map: (r: Record<string, unknown>) => unknown,
) => ({
  data: page.rows.map(map),
  next: page.next === null ? null : cursorAfter(page.next),
});

/**
 * One page of rows in their list's order, after the row the cursor names. The cursor names a
 * row by its key (a document number, a code), so a page does not shift when rows are added
 * before it; a cursor naming no row is refused (`query.cursor_invalid`).
 */
export function page<T>(
  rows: readonly T[],
  key: (row: T) => string,
  options: { limit: number; cursor?: string | undefined },
): { data: T[]; next: string | null } {
  let start = 0;
  const after = readCursor(options.cursor);
  if (after !== undefined) {
    const at = rows.findIndex((r) => key(r) === after);
    if (at < 0) throw cursorInvalid(options.cursor ?? '');
    start = at + 1;
  }
  const data = rows.slice(start, start + options.limit);
  const last = data.at(-1);
  const more = start + options.limit < rows.length;
  return {
    data,
    next: more && last !== undefined ? cursorAfter(key(last)) : null,
  };
}

const cursorInvalid = (cursor: string) =>
  new TradeloopError(
    'query.cursor_invalid',
    `the cursor ${JSON.stringify(cursor.slice(0, 40))} names no row of this list; start again without one`,
    { path: ['query', 'cursor'] },
  );
