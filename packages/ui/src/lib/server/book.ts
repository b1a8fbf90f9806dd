import { resolve } from 'node:path';
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
