import { json } from '@sveltejs/kit';
import { type Actor, commandPermission, parseInput, TradeloopError } from '@tradeloop/core';
import {
  Book,
  InputRejected,
  importDiff,
  readImportFile,
  salesHistoryDiff,
  type TableSource,
  UPLOAD_COMMANDS,
  UPLOAD_KINDS,
} from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, forbidden } from '$lib/server/access';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import { badRequest, readParams } from '$lib/server/request';
import type { RequestHandler } from './$types';

/** The largest file the app takes: a bigger one is for `tradeloop import`, which streams it. */
export const _MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const paramsSchema = z.object({ kind: z.enum(UPLOAD_KINDS) });

/** What an upload may say besides the file, as the CLI's options for the same import. */
const fieldsSchema = z.object({
  date: z.iso.date().optional(),
  replace: z.literal('1').optional(),
  source: z.enum(['bank', 'wechat', 'alipay']).optional(),
  account: z.enum(['1001', '1002', '1012']).optional(),
});

const tooLarge = () =>
  json(
    {
      code: 'input.too_large',
      message: `the file is larger than ${_MAX_UPLOAD_BYTES / 1024 / 1024} MB; split it and upload the parts`,
    },
    { status: 413 },
  );

/**
 * A file for one import (`multipart/form-data`: `file`, `confirm=1` to apply; for opening stock
 * `date` and `replace=1`, for a statement `source` bank / wechat / alipay and `account` 1001 /
 * 1002 / 1012, as the CLI's options): read and checked
 * as `tradeloop import <kind>` reads it, then compared with the book row by row inside a command
 * that is rolled back (`rows` new / changed / unchanged, `rejected` cells with their rule). With
 * `confirm=1` the same rows are applied as one command, unless a row is rejected (422, nothing
 * changed). A sales-history file answers each order at its first row, new or unchanged (posted
 * before, the same), with the money it comes to; a refused one lists every problem (422).
 */
export const POST: RequestHandler = async (event) => {
  const actor = actorOf(event);
  const where = readParams(paramsSchema, event.params);
  if (!where.ok) return badRequest(where.issues);
  const { kind } = where.value;
  const denied = await forbidden(actor, commandPermission(UPLOAD_COMMANDS[kind]));
  if (denied) return denied;
  const length = Number(event.request.headers.get('content-length') ?? 0);
  if (length > _MAX_UPLOAD_BYTES + 64 * 1024) return tooLarge();
  let form: FormData;
  try {
    form = await event.request.formData();
  } catch {
    return badRequest([{ code: 'input.invalid', path: ['body'], message: 'must be multipart form data with a file' }]);
  }
  const file = form.get('file');
  if (!(file instanceof File))
    return badRequest([{ code: 'input.required', path: ['body', 'file'], message: 'choose a CSV or XLSX file' }]);
  if (file.size > _MAX_UPLOAD_BYTES) return tooLarge();
  const confirm = form.get('confirm') === '1';
  const fields = parseInput(
    fieldsSchema,
    Object.fromEntries(
      ['date', 'replace', 'source', 'account'].flatMap((k) => {
        const v = form.get(k);
        return typeof v === 'string' && v !== '' ? [[k, v]] : [];
      }),
    ),
    ['body'],
  );
  if (!fields.ok) return badRequest(fields.issues);
  const { replace, ...extra } = fields.value;
  const b = await book();
  const source = { name: file.name || `${kind}.csv`, bytes: new Uint8Array(await file.arrayBuffer()) };
  try {
    if (kind === 'sales-history')
      return json({ ...(await historyUpload(b, actor, source, confirm)), applied: confirm });
    // Every row is read (bad ones collected, not thrown), so the answer lists all of them at once.
    const read = await readImportFile(b, kind, source, {
      onError: 'skip',
      ...extra,
      ...(replace ? { replace: true } : {}),
    });
    const refused = read.read.rejections.length > 0;
    // The diff and the write are one synchronous command each, as this request's actor.
    const changes = actingAs(b, actor, () => read.apply({ dryRun: !confirm || refused }));
    const diff = importDiff(b, read, changes);
    if (confirm && refused)
      return json(
        { code: 'input.rejected', message: 'rows were rejected; fix them and upload again: nothing changed', ...diff },
        { status: 422 },
      );
    return json({ ...diff, applied: confirm });
  } catch (e) {
    if (e instanceof InputRejected) {
      // The whole file is refused (no header row found, not text): each reason, as rows would be.
      const rejected = e.rejections.map((r) => ({
        row: r.row,
        column: r.column,
        value: r.value,
        code: r.rule,
        message: r.message,
      }));
      return json(
        {
          code: 'input.rejected',
          message: e.message,
          file: source.name,
          kind,
          rows: [],
          rejected,
          summary: { new: 0, changed: 0, unchanged: 0, rejected: new Set(rejected.map((r) => r.row)).size },
        },
        { status: 422 },
      );
    }
    if (e instanceof TradeloopError) {
      if (e.code.startsWith('permission.'))
        return json({ code: e.code, path: e.path, message: e.message }, { status: 403 });
      if (e.code.startsWith('input.') || e.code === 'command.rejected')
        return json({ code: e.code, message: e.message, issues: e.issues }, { status: 422 });
    }
    throw e;
  }
};

/**
 * Sales history streams into one command that holds the write lock while the file is read, so it
 * runs on a connection of its own: requests on the shared one are never inside its transaction.
 */
async function historyUpload(shared: Book, actor: Actor, source: TableSource, confirm: boolean) {
  const own = await Book.open(shared.path);
  try {
    own.actAs(actor);
    return await salesHistoryDiff(own, source, { dryRun: !confirm });
  } finally {
    own.close();
  }
}
