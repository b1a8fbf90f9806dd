import { json } from '@sveltejs/kit';
import { gridEditsSchema, gridKindSchema, gridQueryFromParams, type Issue, TradeloopError } from '@tradeloop/core';
import { applyGridEdits, gridPage } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, forbidden } from '$lib/server/access';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { badRequest, readJson, readParams } from '$lib/server/request';
import type { RequestHandler } from './$types';

const paramsSchema = z.object({ kind: gridKindSchema });
const editsSchema = z.object({ edits: gridEditsSchema });

const zodIssues = (error: z.ZodError, at: string): Issue[] =>
  error.issues.map((i) => ({
    code: 'input.invalid',
    path: [at, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
  }));

/**
 * What a store refusal answers: 403 for a permission, 409 with every cell when a row changed
 * since it was read, 422 with every bad cell, 400 for a query the grid cannot read.
 */
function refused(e: unknown): Response {
  if (!(e instanceof TradeloopError)) throw e;
  if (e.code.startsWith('permission.'))
    return json({ code: e.code, path: e.path, message: e.message }, { status: 403 });
  if (e.code === 'input.invalid' || e.code === 'grid.kind.readonly')
    return badRequest(e.issues.length > 0 ? e.issues : [{ code: e.code, path: e.path, message: e.message }]);
  if (e.code === 'command.rejected') {
    const stale = e.issues.some((i) => i.code === 'grid.row.stale');
    return json(
      { code: stale ? 'grid.row.stale' : e.code, message: e.message, cells: e.issues },
      { status: stale ? 409 : 422 },
    );
  }
  throw e;
}

/**
 * One page of one kind for the grid: `offset`, `limit`, `sort=column:desc,…`, `filter` (JSON: a
 * list of `{ column, op, value }`) and `q` (quick search), sorted and filtered by the book, as the
 * signed-in actor may see it.
 */
export const GET: RequestHandler = async (event) => {
  const actor = actorOf(event);
  const denied = await forbidden(actor, 'book.read');
  if (denied) return denied;
  const where = readParams(paramsSchema, event.params);
  if (!where.ok) return badRequest(where.issues);
  const query = gridQueryFromParams(event.url.searchParams);
  if (!query.success) return badRequest(zodIssues(query.error, 'query'));
  const b = await book();
  try {
    return json(actingAs(b, actor, () => gridPage(b, where.value.kind, query.data)));
  } catch (e) {
    return refused(e);
  }
};

/**
 * A batch of typed cells (`{ edits: [{ key, column, value, version }] }`), applied as one command:
 * all or nothing. Answers each applied cell with its old text and the row's new version (the
 * inverse batch, for undo).
 */
export const POST: RequestHandler = async (event) => {
  const actor = actorOf(event);
  const denied = await forbidden(actor, 'master.write');
  if (denied) return denied;
  const where = readParams(paramsSchema, event.params);
  if (!where.ok) return badRequest(where.issues);
  const body = await readJson(editsSchema, event.request);
  if (!body.ok) return badRequest(body.issues);
  const b = await book();
  try {
    // The command runs synchronously inside `actingAs`: its permission check and audit row are this actor's.
    return json({ applied: actingAs(b, actor, () => applyGridEdits(b, where.value.kind, body.value.edits)) });
  } catch (e) {
    return refused(e);
  }
};
