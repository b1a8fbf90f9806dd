import { z } from 'zod';
import { parseInput } from './input.js';
import { ok, type Result } from './issue.js';

/**
 * What a program's token may do over the HTTP API, each scope one kind of record read or
 * written. A token holds the scopes it was made with; the user it acts as must still hold the
 * permission and see the rows, so a scope narrows a user's reach and never widens it.
 */
export const API_SCOPES = [
  'products:read',
  'customers:read',
  'orders:read',
  'orders:write',
  'stock:read',
  'invoices:read',
  'payments:read',
  'payments:write',
  'statements:read',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const apiScopeSchema = z.enum(API_SCOPES, { error: `must be one of ${API_SCOPES.join(', ')}` });

/**
 * Scopes as a token is given them (`orders:write`, `products:read`; `*` for every scope), each
 * checked, without repeats, in order.
 *
 * @example
 * readScopes(['orders:write', 'products:read']) // { ok: true, value: ['orders:write', 'products:read'] }
 */
export function readScopes(list: readonly string[]): Result<ApiScope[]> {
  if (list.some((s) => s.trim() === '*')) return ok([...API_SCOPES]);
  const read = parseInput(
    z.array(apiScopeSchema),
    list.map((s) => s.trim()),
    ['scope'],
  );
  return read.ok ? ok([...new Set(read.value)].sort()) : read;
}

/** Whether a token's scopes allow this; a token without scopes may not use the API at all. */
export const hasScope = (scopes: readonly ApiScope[] | null | undefined, scope: ApiScope): boolean =>
  scopes?.includes(scope) ?? false;
