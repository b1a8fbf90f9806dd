import { error } from '@sveltejs/kit';
import { formatMoney, formatQuantity, parseDate, parseMoney, parseQuantity, TradeloopError } from '@tradeloop/core';
import {
  amendSalesOrder,
  approveSalesOrder,
  type Book,
  cancelSalesOrder,
  invoiceSalesOrder,
  orderView,
  recordSalesOrderPayment,
  rejectSalesOrder,
  returnSalesOrder,
  shipSalesOrder,
} from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { command } from '$lib/server/command';
import { actorOf } from '$lib/server/guard';
import { dateText } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

/** A sales order's page: what it is, what followed, and what can be done next. */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  const b = await book();
  const settings = b.settings();
  try {
    const order = actingAs(b, actor, () => orderView(b, event.params.number));
    return {
      order,
      // Quantities as the CLI writes them (2.5), not thousandths.
      qty: Object.fromEntries(
        order.lines.map((l) => [
          l.lineNo,
          Object.fromEntries(
            (['qty', 'reserved', 'shipped', 'invoiced'] as const).map((k) => [k, formatQuantity(l[k])]),
          ),
        ]),
      ) as Record<number, Record<'qty' | 'reserved' | 'shipped' | 'invoiced', string>>,
      // The amend form's cells as typed back: the server compares them with these to see what changed.
      priceText: Object.fromEntries(
        order.lines.map((l) => [l.lineNo, formatMoney(l.unitPrice, b.moneyOptions())]),
      ) as Record<number, string>,
      returnable: Object.fromEntries(
        order.lines.map((l) => [l.lineNo, formatQuantity(Math.max(0, l.shipped - l.returned))]),
      ) as Record<number, string>,
      today: b.today(),
      money: { currency: settings.currency, precision: settings.precision },
    };
  } catch (e) {
    if (e instanceof TradeloopError && e.code.endsWith('.not_found')) error(404, e.message);
    refusedAsPage(e);
  }
};

const day = { date: dateText.optional() };

/** An amount typed in the book's currency, as the CLI reads it. */
function amountOf(b: Book, text: string) {
  const amount = parseMoney(text, b.moneyOptions());
  if (!amount.ok)
    throw new TradeloopError('input.invalid', `amount: ${amount.issues[0]?.message}`, { issues: [...amount.issues] });
  return amount.value;
}

/** A typed figure read by core's rules, or a refusal naming the field. */
function read<T>(field: string, r: { ok: true; value: T } | { ok: false; issues: readonly { message: string }[] }): T {
  if (r.ok) return r.value;
  throw new TradeloopError('input.invalid', `${field}: ${r.issues[0]?.message}`, { path: [field] });
}

const fields = z.record(z.string(), z.string());

/**
 * The amendment a form asks for: lines whose quantity or price text differs from the order's
 * (`qty.N`, `price.N`), lines ticked for removal (`remove.N`), a new line (`add.sku`, `add.qty`,
 * `add.price`) and a new promise date. Unchanged cells ask nothing.
 */
function changesOf(b: Book, number: string, f: Record<string, string>) {
  const { lines } = orderView(b, number);
  const money = b.moneyOptions();
  const set = lines.flatMap((l) => {
    const qtyText = f[`qty.${l.lineNo}`];
    const priceText = f[`price.${l.lineNo}`];
    const qty =
      qtyText !== undefined && qtyText !== formatQuantity(l.qty)
        ? read(`qty.${l.lineNo}`, parseQuantity(qtyText, money.rounding))
        : undefined;
    const unitPrice =
      priceText !== undefined && priceText !== formatMoney(l.unitPrice, money)
        ? read(`price.${l.lineNo}`, parseMoney(priceText, money))
        : undefined;
    return qty === undefined && unitPrice === undefined
      ? []
      : [
          {
            lineNo: l.lineNo,
            ...(qty === undefined ? {} : { qty }),
            ...(unitPrice === undefined ? {} : { unitPrice }),
          },
        ];
  });
  const remove = lines.filter((l) => f[`remove.${l.lineNo}`] === 'on').map((l) => l.lineNo);
  const add = f['add.sku']?.trim()
    ? [
        {
          sku: f['add.sku'].trim(),
          qty: read('add.qty', parseQuantity(f['add.qty'] ?? '', money.rounding)),
          ...(f['add.price']?.trim() ? { requestedPrice: read('add.price', parseMoney(f['add.price'], money)) } : {}),
        },
      ]
    : [];
  return {
    ...(set.length > 0 ? { set } : {}),
    ...(remove.length > 0 ? { remove } : {}),
    ...(add.length > 0 ? { add } : {}),
    ...(f.promiseDate?.trim() ? { promiseDate: read('promiseDate', parseDate(f.promiseDate)) } : {}),
  };
}

export const actions: Actions = {
  amend: (e) =>
    command(e, 'amend', fields, (b, f) => amendSalesOrder(b, e.params.number, changesOf(b, e.params.number, f))),
  return: (e) =>
    command(e, 'return', fields, (b, f) => {
      const lines = Object.keys(f)
        .filter((k) => k.startsWith('qty.') && (f[k] ?? '').trim() !== '')
        .map((k) => ({
          lineNo: Number(k.slice(4)),
          qty: read(k, parseQuantity(f[k] ?? '', b.moneyOptions().rounding)),
        }))
        .filter((l) => l.qty > 0);
      if (lines.length === 0)
        throw new TradeloopError('input.invalid', 'type the quantity coming back on at least one line', {
          path: ['lines'],
        });
      return returnSalesOrder(b, e.params.number, {
        date: f.date?.trim() ? read('date', parseDate(f.date)) : b.today(),
        lines,
      });
    }),
  approve: (e) => command(e, 'approve', z.object({}), (b) => approveSalesOrder(b, e.params.number)),
  reject: (e) =>
    command(e, 'reject', z.object({ reason: z.string().trim().min(1) }), (b, f) =>
      rejectSalesOrder(b, e.params.number, f.reason),
    ),
  pay: (e) =>
    command(
      e,
      'pay',
      z.object({ ...day, amount: z.string(), account: z.enum(['1001', '1002', '1012']).optional() }),
      (b, f) =>
        recordSalesOrderPayment(b, e.params.number, {
          date: f.date ?? b.today(),
          amount: amountOf(b, f.amount),
          ...(f.account ? { account: f.account } : {}),
        }),
    ),
  ship: (e) =>
    command(
      e,
      'ship',
      z.object({ ...day, carrier: z.string().trim().optional(), tracking: z.string().trim().optional() }),
      (b, f) =>
        shipSalesOrder(b, e.params.number, {
          date: f.date ?? b.today(),
          ...(f.carrier ? { carrier: f.carrier } : {}),
          ...(f.tracking ? { trackingNumber: f.tracking } : {}),
        }),
    ),
  invoice: (e) =>
    command(e, 'invoice', z.object({ ...day, vatKind: z.enum(['normal', 'special']).optional() }), (b, f) =>
      invoiceSalesOrder(b, e.params.number, { date: f.date ?? b.today(), vatKind: f.vatKind ?? 'normal' }),
    ),
  cancel: (e) => command(e, 'cancel', z.object({}), (b) => cancelSalesOrder(b, e.params.number)),
};
