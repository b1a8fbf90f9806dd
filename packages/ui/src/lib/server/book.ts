import { resolve } from 'node:path';
import { error } from '@sveltejs/kit';
import type { Actor } from '@tradeloop/core';
import { Book, type BookOptions, isPostgres } from '@tradeloop/store';

/**
 * Who the open book acts as between requests: nobody, with no role. Store work that runs outside
 * `actingAs` (a bug) is refused with `permission.denied` instead of acting as whoever came last.
 */
export const NOBODY: Actor = { user: 'ui', roles: [] };

/**
 * A book that follows its path: opened on first use, and opened afresh whenever another file has
 * taken the path since (`tradeloop restore --force`, or a file renamed into place by another tool),
 * so an edit never lands in a file that was replaced. It acts as nobody until a request's work
 * says who is acting (`actingAs`).
 *
 * @example
 * const book = bookAt('acme.db', { actor: 'ui' });
 * const b = await book(); // before each request
 */
export function bookAt(path: string, options: BookOptions = {}): () => Promise<Book> {
  let opening: Promise<Book> | undefined;
  let current: Book | undefined;
  const open = () => {
    const next = Book.open(path, options).then(
      (b) => {
        b.actAs(NOBODY);
        current = b;
        return b;
      },
      (error: unknown) => {
        opening = undefined;
        throw error;
      },
    );
    opening = next;
    return next;
  };
  return () => {
    if (current?.replaced()) {
      // Closed, not kept: a request still holding it fails instead of writing where no one reads.
      // SQLite leaves the new file's WAL alone when it closes a moved one.
      current.close();
      current = undefined;
      return open();
    }
    return opening ?? open();
  };
}

let served: (() => Promise<Book>) | undefined;

/**
 * The book this server edits: TRADELOOP_DB (set by `tradeloop serve`; a file, or a PostgreSQL
 * URL that other servers may serve at the same time) or ./tradeloop.db. SQLite
 * in WAL mode lets the CLI read and write it meanwhile, and the report copy is read read-only,
 * so CLI reports and cron jobs read it too. TRADELOOP_BUSY_TIMEOUT_MS sets how long to wait for
 * another process, as on the command line.
 */
export function book(): Promise<Book> {
  const busy = Number(process.env.TRADELOOP_BUSY_TIMEOUT_MS || Number.NaN);
  const place = process.env.TRADELOOP_DB ?? 'tradeloop.db';
  served ??= bookAt(isPostgres(place) ? place : resolve(place), {
    actor: 'ui',
    ...(Number.isInteger(busy) && busy >= 0 ? { busyTimeoutMs: busy } : {}),
  });
  return served();
}

/**
 * A page's read of the book's report copy. A copy still busy after the wait (`book.busy`: another
 * process bringing it up to date for too long) answers 503 with what to do, never a 500.
 */
export async function reportRead<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof Error && (e as { code?: unknown }).code === 'book.busy') {
      error(503, `${e.message}; reload the page in a moment`);
    }
    throw e;
  }
}
