import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { TradeloopError } from '@tradeloop/core';

/** Who holds a book in use: written to `<book>.in-use` beside it. */
export interface BookHolder {
  /** What holds it, as a person would say it: `tradeloop serve`, `tradeloop restore`. */
  by: string;
  pid: number;
  host: string;
  /** ISO timestamp the hold was taken. */
  since: string;
  /** Where a server holding the book listens, to find it and stop it. */
  url?: string;
}

/** A hold on a book; `release` gives it up (once; later calls do nothing). */
export interface BookHold {
  readonly holder: BookHolder;
  release(): void;
}

/** Holds taken by this process, by lock file: our own pid is alive, but only these are ours. */
const heldHere = new Map<string, string>();

export const inUsePathFor = (bookPath: string): string => `${resolve(bookPath)}.in-use`;

/**
 * Mark a book in use by this process, so a restore refuses to swap the file under it. An advisory
 * lock: a lock file naming the holder, created atomically (a complete file linked into place, so
 * no one ever reads half of it). A lock left by a process that is gone (killed with -9, crashed)
 * is stale and taken over.
 *
 * @example
 * const hold = holdBook('acme.db', { by: 'tradeloop serve', url: 'http://127.0.0.1:5173' });
 * // … serve …
 * hold.release();
 */
export function holdBook(bookPath: string, who: { by: string; url?: string }, now = new Date()): BookHold {
  const holder: BookHolder = {
    by: who.by,
    pid: process.pid,
    host: hostname(),
    since: now.toISOString(),
    ...(who.url === undefined ? {} : { url: who.url }),
  };
  // A book on PostgreSQL has no file to swap under a server: any number of servers hold it at
  // once, and a restore goes into a new database instead (refused in place).
  if (/^postgres(ql)?:\/\//i.test(bookPath)) return { holder, release: () => {} };
  const lock = inUsePathFor(bookPath);
  const text = `${JSON.stringify(holder)}\n`;
  const staging = `${lock}.${process.pid}.${Date.now()}`;
  writeFileSync(staging, text);
  try {
    if (!linked(staging, lock)) {
      const other = bookHolder(bookPath);
      if (other) throw inUse(bookPath, other);
      // Stale: its holder is gone. Take its place; if another process got there first, say so.
      rmSync(lock, { force: true });
      if (!linked(staging, lock)) throw inUse(bookPath, bookHolder(bookPath));
    }
  } finally {
    rmSync(staging, { force: true });
  }
  heldHere.set(lock, text);
  let held = true;
  return {
    holder,
    release() {
      if (!held) return;
      held = false;
      heldHere.delete(lock);
      // Only our own lock: after a stale takeover the file may be another process's.
      if (readLock(lock) === text) rmSync(lock, { force: true });
    },
  };
}

/** The live holder of a book, if any; a stale lock (its process gone) counts as none. */
export function bookHolder(bookPath: string): BookHolder | undefined {
  const lock = inUsePathFor(bookPath);
  const text = readLock(lock);
  if (text === undefined) return undefined;
  // Locks are written whole, so one that does not read as a holder was not written by a hold.
  const holder = parseHolder(text);
  return holder && isAlive(holder, heldHere.get(lock) === text) ? holder : undefined;
}

function parseHolder(text: string): BookHolder | undefined {
  let h: Partial<Record<keyof BookHolder, unknown>>;
  try {
    h = JSON.parse(text);
  } catch {
    return undefined;
  }
  const ok =
    typeof h === 'object' &&
    h !== null &&
    typeof h.by === 'string' &&
    Number.isInteger(h.pid) &&
    (h.pid as number) > 0 &&
    typeof h.host === 'string' &&
    typeof h.since === 'string' &&
    (h.url === undefined || typeof h.url === 'string');
  return ok ? (h as BookHolder) : undefined;
}

/** Link a complete lock file into place; false when one is there already. */
function linked(staging: string, lock: string): boolean {
  try {
    linkSync(staging, lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Refuse while another process holds the book: `book.in_use`, naming the holder.
 *
 * @example
 * assertNotInUse('acme.db') // throws book.in_use while `tradeloop serve` runs on it
 */
export function assertNotInUse(bookPath: string): void {
  const holder = bookHolder(bookPath);
  if (holder) throw inUse(bookPath, holder);
}

function inUse(bookPath: string, h: BookHolder | undefined): TradeloopError {
  if (!h) {
    return new TradeloopError('book.in_use', `${bookPath} was just taken into use by another process`, {
      hint: 'try again in a moment',
    });
  }
  const where = h.host === hostname() ? `pid ${h.pid}` : `pid ${h.pid} on ${h.host}`;
  const at = h.url ? ` at ${h.url}` : '';
  return new TradeloopError('book.in_use', `${bookPath} is in use by ${h.by}${at} (${where}, since ${h.since})`, {
    hint:
      h.host !== hostname()
        ? `stop it on ${h.host} first; if nothing runs there any more, delete ${inUsePathFor(bookPath)}`
        : h.url
          ? `stop it first (Ctrl-C in its terminal, or kill ${h.pid}); or pass --force to restore under it, and the server opens the restored book before its next request`
          : 'wait for it to finish, then try again',
  });
}

/**
 * A holder on this host is alive while its process is; our own pid counts only for holds this
 * process took (a lock from a previous process that had our pid, as in a restarted container, is
 * stale). One on another host cannot be checked from here, so it counts as alive.
 */
function isAlive(h: BookHolder, ours: boolean): boolean {
  if (h.host !== hostname()) return true;
  if (h.pid === process.pid) return ours;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(lock: string): string | undefined {
  try {
    return readFileSync(lock, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
