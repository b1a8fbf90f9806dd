import { type ActionFailure, fail, type RequestEvent } from '@sveltejs/kit';
import { type Issue, parseInput, TradeloopError } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import type { z } from 'zod';
import { actingAs } from './access';
import { book } from './book';
import { actorOf } from './guard';

/** What a page's action answers, shown beside the action that was tried. */
export type ActionOutcome<T> =
  | { action: string; ok: true; value: T }
  | ActionFailure<{ action: string; ok: false; code: string; message: string; issues: Issue[] }>;

/** The status a refusal answers with: who may not (403), what is not there (404), the rest the input's (422). */
function statusOf(code: string): 403 | 404 | 422 | 503 {
  if (code.startsWith('permission.') || code.startsWith('auth.')) return 403;
  if (code.endsWith('.not_found')) return 404;
  if (code === 'book.busy') return 503;
  return 422;
}

/**
 * A form action that runs one store command as the signed-in user: the form's fields read by
 * `schema` (a bad field refused before anything runs), then `work` inside `actingAs`. A refusal
 * of the store (`TradeloopError`) comes back as the action's failure with its code, message and
 * issues, for the page to show in place; nothing else is caught.
 *
 * @example
 * export const actions = { ship: (e) => command(e, 'ship', shipSchema, (b, f) => shipSalesOrder(b, n, f)) };
 */
export async function command<S extends z.ZodType, T>(
  event: RequestEvent,
  action: string,
  schema: S,
  work: (book: Book, fields: z.output<S>) => T,
): Promise<ActionOutcome<T>> {
  const actor = actorOf(event);
  const form = await event.request.formData();
  const raw = Object.fromEntries(
    [...form.entries()].filter(([k, v]) => k !== '_csrf' && typeof v === 'string' && v.trim() !== ''),
  );
  const fields = parseInput(schema, raw, []);
  if (!fields.ok)
    return fail(400, {
      action,
      ok: false as const,
      code: fields.issues[0]?.code ?? 'input.invalid',
      message: fields.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      issues: [...fields.issues],
    });
  const b = await book();
  try {
    return { action, ok: true, value: actingAs(b, actor, () => work(b, fields.value)) };
  } catch (e) {
    if (!(e instanceof TradeloopError)) throw e;
    return fail(statusOf(e.code), {
      action,
      ok: false as const,
      code: e.code,
      message: e.message,
      issues: [...e.issues],
    });
  }
}
