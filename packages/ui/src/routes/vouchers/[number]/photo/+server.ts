import { error } from '@sveltejs/kit';
import { TradeloopError } from '@tradeloop/core';
import { voucherPhoto } from '@tradeloop/store';
import { actingAs, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/**
 * A voucher's photo, for whoever sees its customer. Served as the picture the bytes were read to
 * be, never sniffed, never run: a file someone uploaded is shown, not trusted.
 */
export const GET: RequestHandler = async (event) => {
  const actor = actorOf(event);
  const b = await book();
  try {
    const photo = actingAs(b, actor, () => voucherPhoto(b, event.params.number));
    return new Response(new Uint8Array(photo.bytes), {
      headers: {
        'content-type': photo.contentType,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, max-age=3600',
      },
    });
  } catch (e) {
    if (e instanceof TradeloopError && e.code.endsWith('.not_found')) error(404, e.message);
    refusedAsPage(e);
  }
};
