import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { withFileLock } from './file-lock.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const lockFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tradeloop-lock-'));
  dirs.push(dir);
  return join(dir, 'co.lock');
};

describe('withFileLock', () => {
  it('lets one holder in at a time; the next waits for it and learns that it waited', async () => {
    const path = lockFile();
    const order: string[] = [];
    const first = withFileLock(path, { waitMs: 0, busyMessage: 'busy' }, async (held) => {
      order.push(`first in, waited ${held.waited}`);
      await sleep(100);
      order.push('first out');
    });
    const second = withFileLock(path, { waitMs: 5000, busyMessage: 'busy' }, async (held) => {
      order.push(`second in, waited ${held.waited}`);
    });
    await Promise.all([first, second]);
    expect(order).toEqual(['first in, waited false', 'first out', 'second in, waited true']);
    expect(readdirSync(join(path, '..'))).toEqual(['co.lock']);
  });

  it('gives book.busy with the caller’s words when the wait runs out, and frees the lock after a failure', async () => {
    const path = lockFile();
    await withFileLock(path, { waitMs: 0, busyMessage: 'held' }, async () => {
      await expect(
        withFileLock(path, { waitMs: 50, busyMessage: 'the copy is busy', busyHint: 'try again' }, async () => 1),
      ).rejects.toMatchObject({ code: 'book.busy', message: 'the copy is busy', hint: 'try again' });
    });
    await expect(
      withFileLock(path, { waitMs: 0, busyMessage: 'busy' }, async () => {
        throw new Error('failed inside');
      }),
    ).rejects.toThrow('failed inside');
    expect(await withFileLock(path, { waitMs: 0, busyMessage: 'busy' }, async () => 'free')).toBe('free');
  });
});
