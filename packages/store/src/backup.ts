import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { TradeloopError } from '@tradeloop/core';
import Database from 'better-sqlite3';
import { Book, isPostgres, redacted } from './book.js';
import { check } from './check.js';
import { holdBook } from './in-use.js';
import { moveBook } from './move.js';

/**
 * Copy the book to a file with SQLite's online backup (consistent even while others write), then
 * verify the copy: SQLite's integrity check, and the book's own `check`.
 *
 * @example
 * await backupBook(book, 'backups/acme-2026-03-31.db') // { path, pages, problems: [] }
 */
export async function backupBook(book: Book, target: string): Promise<{ path: string; pages: number }> {
  if (existsSync(target)) {
    throw new TradeloopError('backup.exists', `${target} already exists`, {
      hint: 'choose a new file name; backups are never overwritten',
    });
  }
  // A book on PostgreSQL is backed up as a SQLite book holding the same rows (`moveBook`), which
  // `tradeloop move` takes back into an empty database; the server's own pg_dump and
  // point-in-time recovery remain the way to keep its history.
  if (book.driver.engine === 'postgres') {
    const moved = await moveBook(book, target);
    if (moved.problems.length > 0 || moved.differences.length > 0)
      throw new TradeloopError(
        'backup.inconsistent',
        `the copy at ${target} does not hold what the book does: ${[...moved.problems.map((p) => p.message), ...moved.differences].join('; ')}`,
      );
    await verifyBackup(target);
    return { path: target, pages: 0 };
  }
  const result = await book.sqlite.backup(target);
  await verifyBackup(target);
  return { path: target, pages: result.totalPages };
}

/** Open a backup read-only and prove it is a sound, consistent book. */
export async function verifyBackup(path: string): Promise<void> {
  const raw = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = raw.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new TradeloopError('backup.corrupt', `${path} fails SQLite's integrity check: ${String(integrity)}`);
  } finally {
    raw.close();
  }
  const copy = await Book.open(path);
  try {
    // Proven from its rows, and left as it was copied: no marks written into the backup.
    const problems = check(copy, { full: true, keep: false });
    if (problems.length > 0) {
      throw new TradeloopError(
        'backup.inconsistent',
        `${path} does not pass check: ${problems.map((p) => p.message).join('; ')}`,
      );
    }
  } finally {
    copy.close();
  }
}

/**
 * Replace a book with a verified backup. The old file is kept beside it as `<book>.before-restore`
 * until the copy is in place. Refused with `book.in_use` while another process holds the book
 * (`tradeloop serve`), whose edits would otherwise land in the replaced file; `force` swaps it
 * anyway, and a server built on `Book.replaced()` opens the new file before its next request.
 *
 * @example
 * await restoreBook('backups/acme-2026-03-31.db', 'acme.db')
 */
export async function restoreBook(backup: string, bookPath: string, options: { force?: boolean } = {}): Promise<void> {
  if (isPostgres(bookPath))
    throw new TradeloopError(
      'book.engine',
      `${redacted(bookPath)} is on PostgreSQL: a file cannot be put in its place`,
      {
        hint: 'move the backup into an empty database instead: tradeloop --db BACKUP.db move --to postgres://…',
      },
    );
  // Held for the swap, so a server starting meanwhile is refused rather than open a half-swapped book.
  const hold = options.force ? undefined : holdBook(bookPath, { by: 'tradeloop restore' });
  try {
    await verifyBackup(backup);
    const staging = `${bookPath}.restoring`;
    const kept = `${bookPath}.before-restore`;
    rmSync(staging, { force: true });
    copyFileSync(backup, staging);
    if (existsSync(bookPath)) {
      rmSync(kept, { force: true });
      renameSync(bookPath, kept);
    }
    for (const suffix of ['-wal', '-shm']) rmSync(bookPath + suffix, { force: true });
    renameSync(staging, bookPath);
    rmSync(kept, { force: true });
  } finally {
    hold?.release();
  }
}
