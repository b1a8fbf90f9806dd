import { error } from '@sveltejs/kit';
import { formatQuantity, seesColumns, TradeloopError } from '@tradeloop/core';
import { enterStockCount, postStockCount, stockCountSheet } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, allow, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { command } from '$lib/server/command';
import { actorOf } from '$lib/server/guard';
import { dateText } from '$lib/server/request';
import { numberedLines } from '$lib/server/stock-input';
import type { Actions, PageServerLoad } from './$types';

/**
 * A stock count's sheet: a box per product for what was counted. Blind (`?blind=1`, a view of
 * the page; the count itself keeps no such flag) leaves the book quantities and differences out
 * of the page while counting, so they are not there to be read; otherwise the differences the
 * post would book are shown before posting.
 */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'stock.write');
  const b = await book();
  try {
    const sheet = actingAs(b, actor, () => stockCountSheet(b, event.params.number));
    const blind = event.url.searchParams.get('blind') === '1' && sheet.status === 'counting';
    const q = (milli: number | null) => (milli === null ? '' : formatQuantity(milli));
    const lines = sheet.lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      uom: l.uom,
      countedText: q(l.counted),
      ...(blind ? {} : { bookText: q(l.book), difference: l.difference, differenceText: q(l.difference) }),
    }));
    const counted = sheet.lines.filter((l) => l.counted !== null);
    const { currency, precision } = b.settings();
    return {
      today: b.today(),
      money: { currency, precision },
      blind,
      count: {
        number: sheet.number,
        warehouse: sheet.warehouse,
        started: sheet.started,
        posted: sheet.posted,
        status: sheet.status,
      },
      lines,
      summary: blind
        ? null
        : {
            over: counted.filter((l) => l.difference > 0).length,
            short: counted.filter((l) => l.difference < 0).length,
            uncounted: sheet.lines.length - counted.length,
          },
    };
  } catch (e) {
    if (e instanceof TradeloopError && e.code.endsWith('.not_found')) error(404, e.message);
    refusedAsPage(e);
  }
};

export const actions: Actions = {
  /** Save what was counted (`tradeloop count enter`): a box left empty is not counted yet. */
  enter: (e) =>
    command(e, 'enter', z.object({}).catchall(z.string()), (b, f) =>
      enterStockCount(b, e.params.number, numberedLines(f)),
    ),
  /** Post the differences (`tradeloop count post`). */
  post: (e) => {
    // Gains and losses are valued at cost: their amounts only for who sees cost.
    const seesCost = seesColumns(actorOf(e), 'cost');
    return command(e, 'post', z.object({ date: dateText.optional() }), (b, f) => {
      const r = postStockCount(b, e.params.number, { date: f.date ?? b.today() });
      return {
        changed: r.lines.filter((l) => l.difference !== 0).length,
        ...(seesCost ? { gains: r.gains, losses: r.losses } : {}),
      };
    });
  },
};
