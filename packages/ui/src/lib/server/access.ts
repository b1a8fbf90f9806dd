import { error, json } from '@sveltejs/kit';
import { type Actor, type ColumnClass, type Permission, requirePermission } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';

/**
 * Who the open book acts as between requests: nobody, with no role. Store work that runs outside
 * `actingAs` (a bug) is refused with `permission.denied` instead of acting as whoever came last.
 */
export const NOBODY: Actor = { user: 'ui', roles: [] };

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
  code: 'permission.denied';
  path: string[];
  message: string;
}

export function refusal(actor: Actor, permission: Permission): Refusal | undefined {
  const allowed = requirePermission(actor, permission);
  if (allowed.ok) return undefined;
  return { code: 'permission.denied', path: [permission], message: allowed.issues[0]?.message ?? permission };
}

/** A column class the actor may not see, refused like a permission. */
export const columnRefusal = (actor: Actor, kind: ColumnClass): Refusal => ({
  code: 'permission.denied',
  path: [kind],
  message: `${actor.user} (${actor.roles.join(', ') || 'no role'}) may not see ${kind}`,
});

/** For an endpoint: 403 JSON naming the permission, or nothing when the actor may. */
export function forbidden(actor: Actor, permission: Permission): Response | undefined {
  const refused = refusal(actor, permission);
  return refused && json(refused, { status: 403 });
}

/** For a page load: a 403 error page naming the permission, unless the actor may. */
export function allow(actor: Actor, permission: Permission): void {
  const refused = refusal(actor, permission);
  if (refused) error(403, refused);
}
