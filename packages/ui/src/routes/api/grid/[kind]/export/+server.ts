import { json } from '@sveltejs/kit';
import { gridKindSchema, gridQueryFromParams, TradeloopError } from '@tradeloop/core';
import { gridTable, tableFile } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, forbidden } from '$lib/server/access';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { badRequest, readParams, readQuery } from '$lib/server/request';
import type { RequestHandler } from './$types';

const paramsSchema = z.object({ kind: gridKindSchema });
const formatSchema = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }).loose();

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * The whole grid of one kind as a file (`format=csv|xlsx`), filtered, sorted and searched by the
 * grid's own `sort`, `filter` and `q`, without the columns the actor may not see, headed by the
 * import's column names so the file imports back unchanged.
 */
export const GET: RequestHandler = async (event) => {
  const actor = actorOf(event);
  const denied = await forbidden(actor, 'book.read');
  if (denied) return denied;
  const where = readParams(paramsSchema, event.params);
  if (!where.ok) return badRequest(where.issues);
  const format = readQuery(formatSchema, event.url);
  if (!format.ok) return badRequest(format.issues);
  const query = gridQueryFromParams(event.url.searchParams);
  if (!query.success)
    return badRequest(
      query.error.issues.map((i) => ({
        code: 'input.invalid',
        path: ['query', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        message: i.message,
      })),
    );
  const { kind } = where.value;
  const b = await book();
  let table: ReturnType<typeof gridTable>;
  try {
    table = actingAs(b, actor, () => gridTable(b, kind, query.data));
  } catch (e) {
    if (!(e instanceof TradeloopError)) throw e;
    if (e.code.startsWith('permission.'))
      return json({ code: e.code, path: e.path, message: e.message }, { status: 403 });
    if (e.code === 'input.invalid') return badRequest(e.issues);
    throw e;
  }
  const bytes = await tableFile(table, format.value.format, kind);
  const name = `${kind}-${b.today()}.${format.value.format}`;
  return new Response(bytes, {
    headers: {
      'content-type': TYPES[format.value.format],
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    },
  });
};
