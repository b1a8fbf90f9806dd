import { error, json } from '@sveltejs/kit';
import {
  type Actor,
  COLUMN_CLASSES,
  type ColumnClass,
  can,
  customerScope,
  type Permission,
  seesColumns,
  TradeloopError,
} from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import { NOBODY, book as servedBook } from './book.js';

/**
 * Run store work as this request's actor. The server shares one open book between requests, and
 * the book holds one principal: it is set here and reset before anything else can run, so `work`
 * must do its store work synchronously (store commands are: `book.command` runs one synchronous
 * transaction). Work that awaited before writing would find NOBODY and be refused, never another
 * person's permissions.
 *
 * @example
 * const result = actingAs(b, locals.actor, () => editProduct(b, sku, field, value));
 */
export function actingAs<T>(book: Book, actor: Actor, work: () => T): T {
  book.actAs(actor);
  try {
    return work();
  } finally {
    book.actAs(NOBODY);
  }
}

/** What a refusal answers: the permission (or column class) named, as the store names it. */
export interface Refusal {
  code: string;
  path: (string | number)[];
  message: string;
}

const asRefusal = (e: TradeloopError): Refusal => ({ code: e.code, path: [...e.path], message: e.message });

/**
 * Why the actor may not do this, or nothing when they may. A refusal is made by the book, as the
 * actor, so it is logged in the audit trail like any other; who may is answered without the book.
 */
export async function refusal(actor: Actor, permission: Permission): Promise<Refusal | undefined> {
  if (can(actor, permission)) return undefined;
  const b = await servedBook();
  try {
    actingAs(b, actor, () => b.requirePermission(permission));
  } catch (e) {
    if (e instanceof TradeloopError && e.code.startsWith('permission.')) return asRefusal(e);
    throw e;
  }
  return undefined;
}

/** A column class the actor may not see, refused (and logged) like a permission. */
export async function columnRefusal(actor: Actor, kind: ColumnClass): Promise<Refusal> {
  const b = await servedBook();
  const message = `${actor.user} (${actor.roles.join(', ') || 'no role'}) may not see ${kind}`;
  return asRefusal(actingAs(b, actor, () => b.refusal('permission.denied', message, { path: [kind] })));
}

/** For an endpoint: 403 JSON naming the permission, or nothing when the actor may. */
export async function forbidden(actor: Actor, permission: Permission): Promise<Response | undefined> {
  const refused = await refusal(actor, permission);
  return refused && json(refused, { status: 403 });
}

/** For a page load: a 403 error page naming the permission, unless the actor may. */
export async function allow(actor: Actor, permission: Permission): Promise<void> {
  const refused = await refusal(actor, permission);
  if (refused) error(403, refused);
}

/**
 * Whether the actor reads reports over the whole book (the analytics copy): they read the book,
 * see every customer and every class of figure, as analytics' `requireWholeBookReader` demands.
 * Asked before offering a report, so a page leaves it out instead of logging a refusal per view.
 */
export const readsWholeBook = (actor: Actor): boolean =>
  can(actor, 'book.read') &&
  customerScope(actor).kind === 'all' &&
  COLUMN_CLASSES.every((kind) => seesColumns(actor, kind));

/** For a page load: a refusal the store or analytics made (`permission.*`) as a 403 error page. */
export function refusedAsPage(e: unknown): never {
  if (e instanceof TradeloopError && e.code.startsWith('permission.'))
    error(403, { code: e.code, path: [...e.path], message: e.message });
  throw e;
}
