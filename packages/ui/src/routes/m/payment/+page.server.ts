import { fail } from '@sveltejs/kit';
import { type Issue, isoDateSchema, TradeloopError } from '@tradeloop/core';
import {
  checkVoucherPhoto,
  listPaymentVouchers,
  listRows,
  PAYMENT_METHODS,
  salespersonDashboard,
  submitPaymentVoucher,
} from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, allow, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { moneyField } from '$lib/server/form-fields';
import { actorOf } from '$lib/server/guard';
import { requireSalesperson } from '../phone';
import type { Actions, PageServerLoad } from './$types';

/** Orders a payment may be for: placed and not yet closed. */
const PAYABLE = ['pending_review', 'awaiting_payment', 'awaiting_shipment', 'partially_shipped', 'shipped'];

/**
 * Record a payment seen at the customer's, with a photo of its voucher: the salesperson's
 * customers and their open orders to choose from, and the vouchers they submitted, with what
 * finance made of each.
 */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'sales.write');
  requireSalesperson(actor);
  const b = await book();
  const settings = b.settings();
  try {
    return actingAs(b, actor, () => {
      const customers = salespersonDashboard(b).customers.map((c) => ({ code: c.code, name: c.name, open: c.open }));
      const orders = (
        listRows(b, 'orders') as {
          number: string;
          customer: string;
          status: string;
          gross_minor: number;
          paid_minor: number;
        }[]
      )
        .filter((o) => PAYABLE.includes(o.status) && customers.some((c) => c.code === o.customer))
        .map((o) => ({ number: o.number, customer: o.customer, status: o.status, due: o.gross_minor - o.paid_minor }))
        .reverse();
      const vouchers = listPaymentVouchers(b)
        .filter((v) => v.submittedBy === actor.user)
        .slice(0, 20);
      return {
        customers,
        orders,
        vouchers,
        chosen: event.url.searchParams.get('customer') ?? '',
        today: b.today(),
        methods: PAYMENT_METHODS,
        money: { currency: settings.currency, precision: settings.precision },
      };
    });
  } catch (e) {
    refusedAsPage(e);
  }
};

const fields = z.object({
  customer: z.string().trim().min(1, { error: 'choose the customer' }),
  order: z.string().trim().optional(),
  amount: z.string().trim().min(1, { error: 'say how much was paid' }),
  method: z.enum(PAYMENT_METHODS),
  date: isoDateSchema,
  note: z.string().max(500).optional(),
});

const refusal = (code: string, message: string, issues: readonly Issue[] = []) =>
  fail(code.startsWith('permission.') ? 403 : code === 'input.invalid' ? 400 : 422, {
    ok: false as const,
    code,
    message,
    issues: [...issues],
  });

export const actions: Actions = {
  /** The voucher and its photo (multipart), checked by its bytes before the book keeps it. */
  submit: async (event) => {
    const actor = actorOf(event);
    const form = await event.request.formData();
    const text = (name: string) => {
      const v = form.get(name);
      return typeof v === 'string' && v.trim() !== '' ? v : undefined;
    };
    const read = fields.safeParse({
      customer: text('customer'),
      order: text('order'),
      amount: text('amount'),
      method: text('method'),
      date: text('date'),
      note: text('note'),
    });
    if (!read.success) {
      const first = read.error.issues[0];
      return refusal('input.invalid', `${first?.path.join('.')}: ${first?.message}`);
    }
    const file = form.get('photo');
    if (!(file instanceof File) || file.size === 0)
      return refusal('voucher.photo_missing', 'take or choose a photo of the voucher');
    const b = await book();
    try {
      const photo = await checkVoucherPhoto(new Uint8Array(await file.arrayBuffer()), file.name || undefined);
      const f = read.data;
      const { number } = actingAs(b, actor, () =>
        submitPaymentVoucher(b, {
          customer: f.customer,
          ...(f.order ? { order: f.order } : {}),
          date: f.date,
          amount: moneyField(b, 'amount', f.amount),
          method: f.method,
          ...(f.note ? { note: f.note } : {}),
          photo,
        }),
      );
      return { ok: true as const, number };
    } catch (e) {
      if (!(e instanceof TradeloopError)) throw e;
      return refusal(e.code, e.message, e.issues);
    }
  },
};
