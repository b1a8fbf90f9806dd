import { createHash } from 'node:crypto';
import { commandPermission, TradeloopError } from '@tradeloop/core';
import type { Book } from './book.js';

/** How long an idempotency key is remembered: a day, as payment APIs keep theirs. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

/** What the API answered a request: its status and JSON body. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

export interface IdempotentRequest {
  /** The `Idempotency-Key` header: 1 to 255 visible ASCII characters. */
  key: string;
  method: string;
  /** The path with its query, as asked. */
  path: string;
  /** The body as sent. */
  body: string;
  /** The store command the request runs: its permission is asked before anything is done. */
  command: string;
}

const KEY = /^[\x21-\x7e]{1,255}$/;

const fingerprintOf = (r: IdempotentRequest) =>
  createHash('sha256').update(`${r.method} ${r.path}\n${r.body}`).digest('hex');

/**
 * Do a request once per idempotency key: the first time, `work` runs and its answer is kept in
 * the same transaction as what it wrote, so a crash leaves both or neither; sent again with the
 * same key and the same request, the kept answer is given again (`replayed`) and nothing is done;
 * the same key with another request is refused (`idempotency.mismatch`). A refused request keeps
 * nothing: sending it again tries again. Keys are each user's own and kept a day.
 *
 * @example
 * idempotent(book, { key: 'a1', method: 'POST', path: '/api/v1/orders', body, command: 'placeSalesOrder' },
 *   () => ({ status: 201, body: placeSalesOrder(book, input) }))
 */
export function idempotent(
  book: Book,
  request: IdempotentRequest,
  work: () => ApiAnswer,
): ApiAnswer & { replayed: boolean } {
  if (!KEY.test(request.key))
    throw new TradeloopError('idempotency.key_invalid', 'an Idempotency-Key is 1 to 255 visible ASCII characters', {
      path: ['Idempotency-Key'],
    });
  // Commands nested in a transaction skip their own permission check: ask it here first.
  book.requirePermission(commandPermission(request.command));
  const actor = book.principal.user;
  const fingerprint = fingerprintOf(request);
  const since = new Date(book.clock().getTime() - IDEMPOTENCY_TTL_MS).toISOString();
  const kept = () =>
    book.exec.get(
      book.db
        .selectFrom('api_requests')
        .select(['fingerprint', 'status', 'response'])
        .where('actor', '=', actor)
        .where('idempotency_key', '=', request.key)
        .where('created_at', '>', since),
    );
  const answered = (row: { fingerprint: string; status: number; response: string }) => {
    if (row.fingerprint !== fingerprint)
      throw new TradeloopError(
        'idempotency.mismatch',
        `the Idempotency-Key ${JSON.stringify(request.key)} was sent with another request; a key names one request`,
        { path: ['Idempotency-Key'], hint: 'use a new key for a new request' },
      );
    return { status: row.status, body: JSON.parse(row.response) as unknown, replayed: true };
  };
  const before = kept();
  if (before) return answered(before);
  return book.batch(() => {
    // Another writer may have answered the key since it was read: the write lock is held now.
    const raced = kept();
    if (raced) return answered(raced);
    const answer = work();
    if (answer.status < 300) {
      // Expired keys go first, so a key used again after a day is a new request.
      book.exec.run(book.db.deleteFrom('api_requests').where('created_at', '<=', since));
      book.exec.run(
        book.db.insertInto('api_requests').values({
          actor,
          idempotency_key: request.key,
          method: request.method,
          path: request.path,
          fingerprint,
          status: answer.status,
          response: JSON.stringify(answer.body),
          created_at: book.now(),
        }),
      );
    }
    return { ...answer, replayed: false };
  });
}
