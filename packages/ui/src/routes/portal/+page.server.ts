import { fail, redirect } from '@sveltejs/kit';
import { parseQuantity, TradeloopError } from '@tradeloop/core';
import { placePortalOrder, portalCatalog } from '@tradeloop/store';
import { actingAs, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { actorOf } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';
import { requireCustomer } from './portal';

const PAGE = 30;

/** The customer's catalog at their own prices, with what is free; `?q=` finds, `?page=` pages. */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  requireCustomer(actor);
  const b = await book();
  const settings = b.settings();
  const q = event.url.searchParams.get('q')?.slice(0, 100) ?? '';
  const page = Math.max(0, Number.parseInt(event.url.searchParams.get('page') ?? '0', 10) || 0);
  try {
    const catalog = actingAs(b, actor, () => portalCatalog(b, { q, limit: PAGE, offset: page * PAGE }));
    return {
      ...catalog,
      q,
      page,
      company: settings.company,
      placed: event.url.searchParams.get('placed'),
      money: { currency: settings.currency, precision: settings.precision },
    };
  } catch (e) {
    refusedAsPage(e);
  }
};

export const actions: Actions = {
  /** Every product given a quantity (`qty.SKU`) is a line; the order waits for staff's review. */
  order: async (event) => {
    const actor = actorOf(event);
    requireCustomer(actor);
    const form = await event.request.formData();
    const b = await book();
    const lines: { sku: string; qty: number }[] = [];
    for (const [name, value] of form.entries()) {
      if (!name.startsWith('qty.') || typeof value !== 'string' || value.trim() === '') continue;
      const sku = name.slice(4);
      const qty = parseQuantity(value, b.moneyOptions().rounding);
      if (!qty.ok)
        return fail(400, { ok: false as const, code: 'input.invalid', message: `${sku}: ${qty.issues[0]?.message}` });
      if (qty.value > 0) lines.push({ sku, qty: qty.value });
    }
    if (lines.length === 0)
      return fail(400, {
        ok: false as const,
        code: 'order.empty',
        message: 'give a quantity for at least one product',
      });
    const reference = form.get('reference');
    let number: string;
    try {
      number = actingAs(b, actor, () =>
        placePortalOrder(b, {
          date: b.today(),
          ...(typeof reference === 'string' && reference.trim() ? { reference: reference.trim().slice(0, 64) } : {}),
          lines,
        }),
      ).number;
    } catch (e) {
      if (!(e instanceof TradeloopError)) throw e;
      return fail(e.code.startsWith('permission.') ? 403 : 422, {
        ok: false as const,
        code: e.code,
        message: e.message,
      });
    }
    redirect(303, `/portal/orders/${encodeURIComponent(number)}?placed=1`);
  },
};
