import { resolve } from 'node:path';
import { error } from '@sveltejs/kit';
import { Book } from '@tradeloop/store';

let opening: Promise<Book> | undefined;

/**
 * The book this server edits: TRADELOOP_DB (set by `tradeloop serve`) or ./tradeloop.db.
 * Opened once per process; SQLite in WAL mode lets the CLI read and write it meanwhile.
 */
export function book(): Promise<Book> {
  opening ??= Book.open(resolve(process.env.TRADELOOP_DB ?? 'tradeloop.db'), { actor: 'ui' }).catch((error) => {
    opening = undefined;
    throw error;
  });
  return opening;
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
