import { type Issue, type MoneyOptions, parseMoney, parseQuantity, type Result } from '@tradeloop/core';
import type { PlaceOrderInput } from '@tradeloop/store';
import { z } from 'zod';
import { dateText } from './request';

/** An order as the entry page sends it: the text a clerk typed, read with the book's rules below. */
export const orderFormSchema = z.object({
  customer: z.string().trim().min(1),
  warehouse: z.string().trim().min(1),
  date: dateText,
  promiseDate: dateText.optional(),
  lines: z
    .array(
      z.object({
        sku: z.string().trim().min(1),
        qty: z.string().trim().min(1),
        price: z.string().trim().optional(),
      }),
    )
    .max(500),
});
export type OrderForm = z.output<typeof orderFormSchema>;

/**
 * The typed order as `placeSalesOrder` takes it: quantities in thousandths and prices in minor
 * units, read as the CLI reads them; each bad cell is an issue at `lines.i.qty` / `lines.i.price`.
 */
export function orderInput(form: OrderForm, money: MoneyOptions): Result<PlaceOrderInput> {
  const issues: Issue[] = [];
  const lines = form.lines.map((l, i) => {
    const qty = parseQuantity(l.qty, money.rounding);
    if (!qty.ok) issues.push(...qty.issues.map((x) => ({ ...x, path: ['lines', i, 'qty'] })));
    const price = l.price ? parseMoney(l.price, money) : undefined;
    if (price && !price.ok) issues.push(...price.issues.map((x) => ({ ...x, path: ['lines', i, 'price'] })));
    return {
      sku: l.sku,
      qty: qty.ok ? qty.value : 0,
      ...(price?.ok ? { requestedPrice: price.value } : {}),
    };
  });
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      customer: form.customer,
      warehouse: form.warehouse,
      date: form.date,
      ...(form.promiseDate ? { promiseDate: form.promiseDate } : {}),
      lines,
    },
  };
}
