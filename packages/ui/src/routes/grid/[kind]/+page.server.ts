import { error } from '@sveltejs/kit';
import { can, gridKindSchema, gridWritePermission, TradeloopError } from '@tradeloop/core';
import { gridPage } from '@tradeloop/store';
import { actingAs, allow } from '$lib/server/access';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/**
 * A grid page: its columns and first rows, read by the server so the page paints at once; the
 * browser reads further pages as they scroll into view. The page's weight is one page of rows,
 * whatever the book holds.
 */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'book.read');
  const kind = gridKindSchema.safeParse(event.params.kind);
  if (!kind.success) error(404, `There is no grid of ${event.params.kind}`);
  const b = await book();
  try {
    const first = actingAs(b, actor, () => gridPage(b, kind.data, { limit: 200 }));
    const settings = b.settings();
    const permission = gridWritePermission(kind.data);
    return {
      kind: kind.data,
      first,
      // Documents and stock are only listed: no cell, no new row, no delete for anyone.
      canEdit: permission !== undefined && can(actor, permission),
      company: settings.company,
    };
  } catch (e) {
    if (e instanceof TradeloopError && e.code.startsWith('permission.')) error(403, e.message);
    throw e;
  }
};
