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
    await actAsSignedIn(book);
    return await fn(book);
  } finally {
    book.close();
  }
}

/**
 * Act as whoever is signed in. A book whose users sign in needs a token: `TRADELOOP_TOKEN` (a
 * program's, made with `tradeloop token create`) or the one `tradeloop login` kept for this book.
 * A book nobody signs in to is one person's: they act as its owner.
 */
export async function actAsSignedIn(book: import('@tradeloop/store').Book): Promise<void> {
  const [{ soleOwner, TradeloopError }, { actorFromToken, loginRequired }, { savedSession }] = await Promise.all([
    import('@tradeloop/core'),
    import('@tradeloop/store'),
    import('./sessions.js'),
  ]);
  const token = process.env.TRADELOOP_TOKEN || savedSession(book.path)?.token;
  if (!loginRequired(book)) {
    book.actAs(soleOwner(process.env.TRADELOOP_USER ?? process.env.USER ?? 'owner'));
    return;
  }
  if (!token)
    throw new TradeloopError('auth.required', `${book.path} has users: sign in first`, {
      hint: 'tradeloop login NAME (or set TRADELOOP_TOKEN for a program)',
    });
  book.actAs(actorFromToken(book, token));
}
