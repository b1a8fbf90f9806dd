import { json } from '@sveltejs/kit';
import { gridEditsSchema, gridKindSchema, gridQueryFromParams } from '@tradeloop/core';
import { applyGridEdits, gridPage } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, forbidden } from '$lib/server/access';
import { book } from '$lib/server/book';
import { gridPermission, refused, zodIssues } from '$lib/server/grid';
import { actorOf } from '$lib/server/guard';
import { badRequest, readJson, readParams } from '$lib/server/request';
import type { RequestHandler } from './$types';

const paramsSchema = z.object({ kind: gridKindSchema });
const editsSchema = z.object({ edits: gridEditsSchema });

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
 * inverse batch, for undo). Every kind: users take `users.manage`, settings `book.admin`, the
 * others `master.write`.
 */
export const POST: RequestHandler = async (event) => {
  const actor = actorOf(event);
  const where = readParams(paramsSchema, event.params);
  if (!where.ok) return badRequest(where.issues);
  const denied = await forbidden(actor, gridPermission(where.value.kind, 'edit'));
  if (denied) return denied;
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
