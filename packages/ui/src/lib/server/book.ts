import { resolve } from 'node:path';
import { Book, type BookOptions } from '@tradeloop/store';

/**
 * A book that follows its path: opened on first use, and opened afresh whenever another file has
 * taken the path since (`tradeloop restore --force`, or a file renamed into place by another tool),
 * so an edit never lands in a file that was replaced.
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
 * The book this server edits: TRADELOOP_DB (set by `tradeloop serve`) or ./tradeloop.db. SQLite
 * in WAL mode lets the CLI read and write it meanwhile.
 */
export function book(): Promise<Book> {
  served ??= bookAt(resolve(process.env.TRADELOOP_DB ?? 'tradeloop.db'), { actor: 'ui' });
  return served();
}
