import { describe, expect, it, vi } from 'vitest';
import { OWNER, requestEvent } from '$lib/server/test-support';

vi.mock('$lib/server/book', () => ({
  NOBODY: { user: 'ui', roles: [] },
  book: () => Promise.reject(new Error('the book was opened')),
}));

const { PATCH } = await import('./+server');

const patch = (sku: string, body: BodyInit | null) =>
  PATCH(
    requestEvent({
      method: 'PATCH',
      url: `http://localhost/api/products/${encodeURIComponent(sku)}`,
      headers: { 'content-type': 'application/json' },
      body,
      params: { sku },
      actor: OWNER,
    }).event as never,
  );

async function refused(response: Response) {
  expect(response.status).toBe(400);
  return response.json();
}

describe('PATCH /api/products/[sku] with bad input', () => {
  it('answers 400 with code, path and message for a body that is no JSON, before opening the book', async () => {
    expect(await refused(await patch('TEA-001', '{"field": "price",'))).toEqual({
      code: 'input.invalid',
      path: ['body'],
      message: 'must be JSON',
      issues: [{ code: 'input.invalid', path: ['body'], message: 'must be JSON' }],
    });
  });

  it('names each field of the body that is missing or of the wrong type', async () => {
    const body = await refused(await patch('TEA-001', JSON.stringify({ value: 199.5 })));
    expect(body).toMatchObject({ code: 'input.invalid', path: ['body', 'field'], message: 'is required' });
    expect(body.issues).toEqual([
      { code: 'input.invalid', path: ['body', 'field'], message: 'is required' },
      { code: 'input.invalid', path: ['body', 'value'], message: 'must be text, not 199.5', value: 199.5 },
    ]);
    expect(await refused(await patch('TEA-001', JSON.stringify(['price', '1'])))).toMatchObject({
      path: ['body'],
      message: 'must be an object, not a list',
    });
    expect(await refused(await patch('TEA-001', null))).toMatchObject({ path: ['body'], message: 'must be JSON' });
  });

  it('refuses a sku that no product can have', async () => {
    const body = await refused(await patch(' bad sku!', JSON.stringify({ field: 'price', value: '1' })));
    expect(body).toMatchObject({ code: 'input.invalid', path: ['params', 'sku'] });
    expect(body.message).toContain('may hold only letters, digits');
  });

  it('lets a well-formed request through to the book', async () => {
    await expect(patch('TEA-001', JSON.stringify({ field: 'price', value: '199.5' }))).rejects.toThrow(
      'the book was opened',
    );
  });
});
