import { formatQuantity } from '@tradeloop/core';
import { freeStock, transferStock, warehouseChoices } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, allow, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { command } from '$lib/server/command';
import { actorOf } from '$lib/server/guard';
import { dateText } from '$lib/server/request';
import { numberedLines } from '$lib/server/stock-input';
import type { Actions, PageServerLoad } from './$types';

/** Move stock between warehouses (`tradeloop transfer`): what is free in the source, what to move. */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'stock.write');
  const b = await book();
  try {
    return actingAs(b, actor, () => {
      const warehouses = warehouseChoices(b);
      const asked = event.url.searchParams.get('from');
      const from = warehouses.find((w) => w.code === asked)?.code ?? warehouses[0]?.code ?? '';
      return {
        today: b.today(),
        warehouses,
        from,
        free: freeStock(b, from).map((s) => ({
          ...s,
          onHandText: formatQuantity(s.onHand),
          reservedText: formatQuantity(s.reserved),
          freeText: formatQuantity(s.free),
        })),
      };
    });
  } catch (e) {
    refusedAsPage(e);
  }
};

const transferSchema = z
  .object({ from: z.string().trim().min(1), to: z.string().trim().min(1), date: dateText.optional() })
  .catchall(z.string());

export const actions: Actions = {
  transfer: (e) =>
    command(e, 'transfer', transferSchema, (b, f) => {
      const lines = numberedLines(f);
      // The value at cost stays with who may see cost: the page names the transfer only.
      const { transfer } = transferStock(b, { from: f.from, to: f.to, date: f.date ?? b.today(), lines });
      return { transfer };
    }),
};
