import { error } from '@sveltejs/kit';
import { formatQuantity, type IsoDate, parseDate, parseQuantity, TradeloopError } from '@tradeloop/core';
import {
  approvePurchaseOrder,
  type Book,
  paySupplier,
  purchaseOrderView,
  receivePurchaseOrder,
  recordSupplierInvoice,
  rejectPurchaseOrder,
  returnToSupplier,
} from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { command } from '$lib/server/command';
import { moneyField, read } from '$lib/server/form-fields';
import { actorOf } from '$lib/server/guard';
import { dateText } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

/** A purchase order's page: lines with the three-way match, receipts with batches, invoices, what is next. */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  const b = await book();
  const settings = b.settings();
  try {
    const po = actingAs(b, actor, () => purchaseOrderView(b, event.params.number));
    const q = (milli: number) => formatQuantity(milli);
    return {
      po,
      qty: Object.fromEntries(
        po.lines.map((l) => [
          l.lineNo,
          { qty: q(l.qty), received: q(l.received), invoiced: q(l.invoiced), open: q(l.qty - l.received) },
        ]),
      ) as Record<number, { qty: string; received: string; invoiced: string; open: string }>,
      today: b.today(),
      money: { currency: settings.currency, precision: settings.precision },
    };
  } catch (e) {
    if (e instanceof TradeloopError && e.code.endsWith('.not_found')) error(404, e.message);
    refusedAsPage(e);
  }
};

const day = { date: dateText.optional() };

/** The per-line fields of a form (`qty.1`, `batch.1` …), for the lines with a quantity typed. */
function lineFields(form: Record<string, string | undefined>, b: Book) {
  return Object.keys(form)
    .filter((k) => k.startsWith('qty.') && (form[k] ?? '').trim() !== '')
    .map((k) => {
      const lineNo = Number(k.slice(4));
      return {
        lineNo,
        qty: read(k, parseQuantity(form[k] ?? '', b.moneyOptions().rounding)),
        batch: form[`batch.${lineNo}`]?.trim() || undefined,
        expiry: form[`expiry.${lineNo}`]?.trim()
          ? read(`expiry.${lineNo}`, parseDate(form[`expiry.${lineNo}`] ?? ''))
          : undefined,
      };
    });
}

const lines = z.record(z.string(), z.string());

/** The form's date, read as core reads dates; today when left empty. */
const dateOf = (b: Book, f: Record<string, string | undefined>): IsoDate =>
  f.date?.trim() ? read('date', parseDate(f.date)) : b.today();

export const actions: Actions = {
  approve: (e) => command(e, 'approve', z.object({}), (b) => approvePurchaseOrder(b, e.params.number)),
  reject: (e) =>
    command(e, 'reject', z.object({ reason: z.string().trim().min(1) }), (b, f) =>
      rejectPurchaseOrder(b, e.params.number, f.reason),
    ),
  receive: (e) =>
    command(e, 'receive', lines, (b, f) => {
      const wanted = lineFields(f, b).map(({ batch, expiry, ...l }) => ({
        ...l,
        ...(batch ? { batch } : {}),
        ...(expiry ? { expiry } : {}),
      }));
      return receivePurchaseOrder(b, e.params.number, {
        date: dateOf(b, f),
        ...(wanted.length > 0 ? { lines: wanted } : {}),
      });
    }),
  invoice: (e) =>
    command(
      e,
      'invoice',
      z.object({ ...day, number: z.string().trim().optional(), vatKind: z.enum(['normal', 'special']).optional() }),
      (b, f) =>
        recordSupplierInvoice(b, {
          po: e.params.number,
          date: f.date ?? b.today(),
          vatKind: f.vatKind ?? 'special',
          ...(f.number ? { number: f.number } : {}),
        }),
    ),
  pay: (e) =>
    command(
      e,
      'pay',
      z.object({ ...day, amount: z.string(), account: z.enum(['1001', '1002', '1012']).optional() }),
      (b, f) => {
        const po = purchaseOrderView(b, e.params.number);
        return paySupplier(b, {
          supplier: po.supplier.code,
          date: f.date ?? b.today(),
          amount: moneyField(b, 'amount', f.amount),
          ...(f.account ? { account: f.account } : {}),
        });
      },
    ),
  return: (e) =>
    command(e, 'return', lines, (b, f) =>
      returnToSupplier(b, e.params.number, {
        date: dateOf(b, f),
        lines: lineFields(f, b).map(({ lineNo, qty }) => ({ lineNo, qty })),
        ...(f.reason?.trim() ? { reason: f.reason.trim() } : {}),
      }),
    ),
};
