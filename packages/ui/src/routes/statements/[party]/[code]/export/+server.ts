import { statementTable, tableFile } from '@tradeloop/store';
import { z } from 'zod';
import { book } from '$lib/server/book';
import { badRequest, readQuery } from '$lib/server/request';
import { requestedStatement } from '$lib/server/statement';
import type { RequestHandler } from './$types';

const formatSchema = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }).loose();

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The lines of a statement of account as the page shows them, as a file (`format=csv|xlsx`). */
export const GET: RequestHandler = async (event) => {
  const format = readQuery(formatSchema, event.url);
  if (!format.ok) return badRequest(format.issues);
  const { statement: s } = await requestedStatement(event);
  const b = await book();
  const bytes = await tableFile(statementTable(b, s), format.value.format, 'statement');
  const name = `statement-${s.party}-${s.code}-${s.from}-${s.to}.${format.value.format}`;
  return new Response(bytes, {
    headers: {
      'content-type': TYPES[format.value.format],
      'content-disposition': `attachment; filename="${encodeURIComponent(name)}"`,
      'cache-control': 'no-store',
    },
  });
};
