import { json } from '@sveltejs/kit';
import { gridKindSchema, gridNewRowsSchema, gridRowRefsSchema } from '@tradeloop/core';
import { addGridRows, deleteGridRows } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, forbidden } from '$lib/server/access';
import { book } from '$lib/server/book';
import { gridPermission, refused } from '$lib/server/grid';
import { actorOf } from '$lib/server/guard';
import { badRequest, readJson, readParams } from '$lib/server/request';
import type { RequestHandler } from './$types';

const paramsSchema = z.object({ kind: gridKindSchema });
const addSchema = z.object({ rows: gridNewRowsSchema });
const deleteSchema = z.object({ rows: gridRowRefsSchema });

/**
 * New rows (`{ rows: [{ values: { column: text } }] }`, the key's columns typed), added as one
 * command: all or nothing. Answers `{ created: [{ key, version, values }] }`; bad cells are 422
 * with `cells` at `[row index, column]`; a kind whose rows are fixed (settings) is 400.
 */
export const POST: RequestHandler = async (event) => {
  const actor = actorOf(event);
  const where = readParams(paramsSchema, event.params);
  if (!where.ok) return badRequest(where.issues);
  const denied = await forbidden(actor, gridPermission(where.value.kind, 'add'));
  if (denied) return denied;
  const body = await readJson(addSchema, event.request);
  if (!body.ok) return badRequest(body.issues);
  const b = await book();
  try {
    return json({ created: actingAs(b, actor, () => addGridRows(b, where.value.kind, body.value.rows)) });
  } catch (e) {
    return refused(e);
  }
};

/**
 * Rows to delete (`{ rows: [{ key, version }] }`), as one command: all or nothing. Answers
 * `{ deleted: [{ key, values }] }`, each row's cells as text (posting them back adds the row
 * again: undo). A row changed since it was read is 409; one the book still refers to is 422
 * (`grid.row.referenced`, naming what refers to it).
 */
export const DELETE: RequestHandler = async (event) => {
  const actor = actorOf(event);
  const where = readParams(paramsSchema, event.params);
  if (!where.ok) return badRequest(where.issues);
  const denied = await forbidden(actor, gridPermission(where.value.kind, 'delete'));
  if (denied) return denied;
  const body = await readJson(deleteSchema, event.request);
  if (!body.ok) return badRequest(body.issues);
  const b = await book();
  try {
    return json({ deleted: actingAs(b, actor, () => deleteGridRows(b, where.value.kind, body.value.rows)) });
  } catch (e) {
    return refused(e);
  }
};
