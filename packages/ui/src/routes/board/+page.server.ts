import { formatQuantity } from '@tradeloop/core';
import { boardView, createPurchaseOrders, runReorder } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, allow, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { command } from '$lib/server/command';
import { actorOf } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/** The coordination board (采销协同): open order lines by what they wait for, and what is about to run out. */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'book.read');
  const b = await book();
  try {
    const today = b.today();
    const view = actingAs(b, actor, () => boardView(b, today));
    const q = (milli: number) => formatQuantity(milli);
    return {
      today,
      lines: view.lines.map((l) => ({
        ...l,
        openText: q(l.open),
        reservedText: q(l.reserved),
        waitingText: q(l.waiting),
      })),
      runningOut:
        view.runningOut?.map((s) => ({
          ...s,
          projectedText: q(s.projected),
          pointText: q(s.reorderPoint),
          qtyText: q(s.qty),
        })) ?? null,
      openRequisitions: view.openRequisitions,
    };
  } catch (e) {
    refusedAsPage(e);
  }
};

export const actions: Actions = {
  /** Requisition what is about to run out, as `tradeloop run reorder` does today. */
  reorder: (e) => command(e, 'reorder', z.object({}), (b) => runReorder(b, { today: b.today() })),
  /** One purchase order per preferred supplier for the open requisitions, as `tradeloop create pos`. */
  createPos: (e) => command(e, 'createPos', z.object({}), (b) => createPurchaseOrders(b, { date: b.today() })),
};
