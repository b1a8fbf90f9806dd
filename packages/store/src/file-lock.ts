import { setTimeout as sleep } from 'node:timers/promises';
import { TradeloopError } from '@tradeloop/core';
import Database from 'better-sqlite3';

export interface FileLockOptions {
  /** How long to wait for another holder before giving up with `book.busy`, in ms. */
  waitMs: number;
  /** What `book.busy` says when the wait runs out. */
  busyMessage: string;
  busyHint?: string;
}

/** Between two tries for a lock someone else holds: short at first, never long. */
const pause = (attempt: number) => Math.min(10 * 2 ** attempt, 100) * (0.5 + Math.random() / 2);

/**
 * Run `fn` holding an exclusive lock on a small file beside the book, waiting up to `waitMs`
 * for another holder. The lock is SQLite's write lock on that file, so it is the operating
 * system's: it goes with the process, and a process killed mid-work (kill -9, a crash, a power
 * cut) never leaves it behind. Two holders in one process exclude each other too. The wait
 * polls, so it never blocks the event loop of a server that holds the lock meanwhile. `fn` learns
 * whether it had to wait: another holder may have done its work meanwhile.
 *
 * @example
 * await withFileLock('acme.analytics.duckdb.lock', { waitMs: 5000, busyMessage: 'the copy is busy' }, refresh);
 */
export async function withFileLock<T>(
  path: string,
  options: FileLockOptions,
  fn: (held: { waited: boolean }) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + options.waitMs;
  const lock = new Database(path, { timeout: 0 });
  let attempt = 0;
  try {
    // Nothing is ever written, so no journal beside it either (a kill would leave one behind).
    lock.pragma('journal_mode = MEMORY');
    for (; ; attempt++) {
      try {
        // A reserved lock: one holder at a time; the file itself is never written.
        lock.exec('begin immediate');
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new TradeloopError('book.busy', options.busyMessage, {
            cause: error,
            ...(options.busyHint ? { hint: options.busyHint } : {}),
          });
        }
        await sleep(Math.min(pause(attempt), left));
      }
    }
    try {
      return await fn({ waited: attempt > 0 });
    } finally {
      lock.exec('rollback');
    }
  } finally {
    lock.close();
  }
}
