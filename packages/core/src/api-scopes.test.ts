import { describe, expect, it } from 'vitest';
import { API_SCOPES, hasScope, readScopes } from './api-scopes.js';

describe('API scopes', () => {
  it('reads a list of scopes, each once and in order', () => {
    expect(readScopes(['orders:write', ' products:read', 'orders:write'])).toEqual({
      ok: true,
      value: ['orders:write', 'products:read'],
    });
  });

  it('reads * as every scope', () => {
    expect(readScopes(['*'])).toEqual({ ok: true, value: [...API_SCOPES] });
  });

  it('refuses an unknown scope, naming it', () => {
    const r = readScopes(['orders:write', 'orders:delete']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ path: ['scope', 1] });
  });

  it('lets a token without scopes do nothing over the API', () => {
    expect(hasScope(null, 'orders:read')).toBe(false);
    expect(hasScope(['orders:read'], 'orders:read')).toBe(true);
    expect(hasScope(['orders:read'], 'orders:write')).toBe(false);
  });
});
