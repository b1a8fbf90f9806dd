import { can } from '@tradeloop/core';
import { bookPaymentVoucher, listPaymentVouchers, rejectPaymentVoucher } from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, allow, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { command } from '$lib/server/command';
import { actorOf } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/** Payment vouchers salespeople submitted: those waiting to be booked, and the latest decided. */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'book.read');
  const b = await book();
  const settings = b.settings();
  try {
    return actingAs(b, actor, () => {
      const all = listPaymentVouchers(b);
      return {
        waiting: all.filter((v) => v.status === 'submitted'),
        decided: all.filter((v) => v.status !== 'submitted').slice(0, 20),
        canDecide: can(actor, 'finance.write'),
        money: { currency: settings.currency, precision: settings.precision },
      };
    });
  } catch (e) {
    refusedAsPage(e);
  }
};

const numberField = z.object({ number: z.string().min(1) });

export const actions: Actions = {
  book: (event) =>
    command(event, 'book', numberField, (b, f) => ({ number: f.number, ...bookPaymentVoucher(b, f.number) })),
  reject: (event) =>
    command(event, 'reject', numberField.extend({ reason: z.string().trim().min(1) }), (b, f) => {
      rejectPaymentVoucher(b, f.number, f.reason);
      return { number: f.number, payment: null };
    }),
};
