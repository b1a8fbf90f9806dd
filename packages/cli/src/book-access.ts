import type { Command } from 'commander';
import { resolveBookPath } from './settings.js';

/** The book path for a command, from its --db flag or the usual settings chain. */
export function bookPathOf(command: Command): string {
  const { db } = command.optsWithGlobals<{ db?: string }>();
  return resolveBookPath(db, process.env, process.cwd());
}

/** Open the book for the length of `fn`, closing it however `fn` ends. */
export async function withBook<T>(
  command: Command,
  fn: (book: import('@tradeloop/store').Book) => Promise<T>,
): Promise<T> {
  const { Book } = await import('@tradeloop/store');
  const busy = Number(process.env.TRADELOOP_BUSY_TIMEOUT_MS);
  const book = await Book.open(bookPathOf(command), {
    actor: process.env.TRADELOOP_USER ?? process.env.USER ?? 'cli',
    ...(Number.isInteger(busy) && busy >= 0 ? { busyTimeoutMs: busy } : {}),
  });
  try {
    return await fn(book);
  } finally {
    book.close();
  }
}
