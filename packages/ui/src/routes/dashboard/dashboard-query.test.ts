import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { OWNER, requestEvent } from '$lib/server/test-support';

vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.reject(new Error('the book was opened')),
  reportRead: <T>(read: () => Promise<T>) => read(),
}));

const { load } = await import('./+page.server');

const open = (query: string) =>
  load(requestEvent({ url: `http://localhost/dashboard${query}`, actor: OWNER }).event as never);

async function refusal(query: string) {
  try {
    await open(query);
  } catch (error) {
    if (isHttpError(error)) return { status: error.status, body: error.body };
    throw error;
  }
  throw new Error('expected a 400');
}

describe('GET /dashboard with a bad query', () => {
  it('answers 400 with code, path and message for a date that does not exist, before opening the book', async () => {
    expect(await refusal('?asOf=2026-02-30')).toEqual({
      status: 400,
      body: { code: 'input.invalid', path: ['query', 'asOf'], message: 'must be a date like 2026-03-05' },
    });
    expect(await refusal('?asOf=')).toMatchObject({ status: 400, body: { path: ['query', 'asOf'] } });
    expect(await refusal('?asOf=tomorrow&asOf=2026-03-01')).toMatchObject({ status: 400 });
  });

  it('reads a date as people write it, and no date as today, through to the book', async () => {
    await expect(open('?asOf=2026年3月5日')).rejects.toThrow('the book was opened');
    await expect(open('')).rejects.toThrow('the book was opened');
  });
});
