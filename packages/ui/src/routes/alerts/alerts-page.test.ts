import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@tradeloop/core';
import { Book, upsertMasterData } from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OWNER, requestEvent } from '$lib/server/test-support';

const served: { book?: Book } = {};
vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.resolve(served.book),
}));

const { load, actions } = await import('./+page.server');

const LIN: Actor = { user: 'lin', roles: ['salesperson'], salesperson: 'lin' };
const CHEN: Actor = { user: 'chen', roles: ['salesperson'], salesperson: 'chen' };
const STORE: Actor = { user: 'store', roles: ['warehouse'] };
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-alerts-page-'));

/** lin's customer C001 and chen's C002 are both due a follow-up; the book's clock says 2026-05-01. */
beforeAll(async () => {
  const book = await Book.create(join(dir, 'co.db'), { clock: () => new Date('2026-05-01T02:00:00Z') });
  book.actAs(OWNER);
  upsertMasterData(book, {
    salespeople: [
      { code: 'lin', name: '林', level: 'junior' },
      { code: 'chen', name: '陈', level: 'junior' },
    ],
    customers: [
      { code: 'C001', name: '林的客户', owner: 'lin' },
      { code: 'C002', name: '陈的客户', owner: 'chen' },
    ],
  } as never);
  book.exec.execute(
    `insert into follow_ups (customer_id, date, note, next_date) select id, '2026-03-01', 'call', '2026-04-01' from customers`,
  );
  served.book = book;
});
afterAll(() => {
  served.book?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Page {
  inbox: { open: { kind: string; customer?: string }[]; resolved: unknown[]; resolvedTotal: number };
  canRun: boolean;
}
const page = async (actor: Actor) =>
  (await load(requestEvent({ url: 'http://localhost/alerts', actor }).event as never)) as Page;
const run = (actor: Actor) =>
  actions.run?.(
    requestEvent({ method: 'POST', url: 'http://localhost/alerts?/run', body: new FormData(), actor }).event as never,
  ) as Promise<Record<string, unknown>>;

describe('the alerts inbox', () => {
  it('runs the alerts for who may run jobs, and refuses it in place to who may not', async () => {
    expect((await page(STORE)).canRun).toBe(false);
    expect(await run(STORE)).toMatchObject({ status: 403, data: { action: 'run', ok: false } });
    expect((await page(OWNER)).canRun).toBe(true);
    expect(await run(OWNER)).toMatchObject({ action: 'run', ok: true, value: { count: 2 } });
  });

  it('shows each salesperson the alerts of their own customers only, and the warehouse none of them', async () => {
    expect((await page(LIN)).inbox.open).toEqual([
      expect.objectContaining({ kind: 'follow_up_due', customer: 'C001' }),
    ]);
    expect((await page(CHEN)).inbox.open).toEqual([
      expect.objectContaining({ kind: 'follow_up_due', customer: 'C002' }),
    ]);
    expect((await page(STORE)).inbox.open).toEqual([]);
    expect((await page(OWNER)).inbox.open.map((a) => a.customer).sort()).toEqual(['C001', 'C002']);
  });

  it('moves an alert that no longer holds to the resolved ones at the next run', async () => {
    (served.book as Book).exec.execute(
      "delete from follow_ups where customer_id = (select id from customers where code = 'C001')",
    );
    await run(OWNER);
    const lin = await page(LIN);
    expect(lin.inbox.open).toEqual([]);
    expect(lin.inbox).toMatchObject({ resolvedTotal: 1, resolved: [expect.objectContaining({ customer: 'C001' })] });
    expect((await page(CHEN)).inbox.open).toHaveLength(1);
  });
});
