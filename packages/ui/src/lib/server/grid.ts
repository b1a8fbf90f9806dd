import { json } from '@sveltejs/kit';
import { commandPermission, type GridKind, type Issue, type Permission, TradeloopError } from '@tradeloop/core';
import { gridCommandOf } from '@tradeloop/store';
import type { z } from 'zod';
import { badRequest } from './request.js';

/** A zod error of a grid request as issues under `at` (`query`, `body`). */
export const zodIssues = (error: z.ZodError, at: string): Issue[] =>
  error.issues.map((i) => ({
    code: 'input.invalid',
    path: [at, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
  }));

/** The permission a grid change of this kind takes: the store command's (users and settings have their own). */
export const gridPermission = (kind: GridKind, what: 'edit' | 'add' | 'delete'): Permission =>
  commandPermission(gridCommandOf(kind, what));

/**
 * What a store refusal of the grid answers: 403 for a permission, 400 for a query the grid cannot
 * read or a kind whose rows are fixed, 409 with every cell when a row changed since it was read,
 * 422 with every bad cell (or row still referred to) otherwise.
 */
export function refused(e: unknown): Response {
  if (!(e instanceof TradeloopError)) throw e;
  if (e.code.startsWith('permission.'))
    return json({ code: e.code, path: e.path, message: e.message }, { status: 403 });
  if (e.code === 'input.invalid' || e.code === 'grid.kind.readonly' || e.code === 'grid.kind.fixed')
    return badRequest(e.issues.length > 0 ? e.issues : [{ code: e.code, path: e.path, message: e.message }]);
  if (e.code === 'command.rejected') {
    const stale = e.issues.some((i) => i.code === 'grid.row.stale');
    const referenced = e.issues.some((i) => i.code === 'grid.row.referenced');
    const code = stale ? 'grid.row.stale' : referenced ? 'grid.row.referenced' : e.code;
    return json({ code, message: e.message, cells: e.issues }, { status: stale ? 409 : 422 });
  }
  throw e;
}
