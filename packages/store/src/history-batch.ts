import type { IsoDate } from '@tradeloop/core';
import type { PlannedLine, PlannedOrder } from './history-plan.js';

/**
 * Planned orders laid flat for another thread: their numbers in one `Float64Array` (moved, not
 * copied) and their text in one array. Copying a batch between threads costs by the value, and
 * an order's rows repeat most of its values (the number on the order, shipment, move and invoice;
 * the date on five tables): sending the order instead of its rows sends about a third as many (46 values
 * for an order of three lines against 123).
 */
export interface HistoryBatch {
  numbers: Float64Array;
  text: (string | null)[];
  orders: number;
}

/** Numbers of an order, then of each of its lines: ids, amounts and quantities are integers, exact as doubles. */
const ORDER_NUMBERS = 12;
const LINE_NUMBERS = 9;
/** A null id (no salesperson, not paid): ids start at 1. */
const NONE = -1;

/** Gathers planned orders into batches for `readHistoryBatch`. */
export function historyBatcher(): { add(order: PlannedOrder): void; take(): HistoryBatch; readonly orders: number } {
  let numbers: number[] = [];
  let text: (string | null)[] = [];
  let orders = 0;
  return {
    get orders() {
      return orders;
    },
    add(o) {
      numbers.push(
        o.row,
        o.id,
        o.customerId,
        o.salespersonId ?? NONE,
        o.warehouseId,
        o.net,
        o.tax,
        o.cost,
        o.shipmentId,
        o.invoiceId,
        o.paymentId ?? NONE,
        o.lines.length,
      );
      for (const l of o.lines)
        numbers.push(l.id, l.productId, l.qty, l.price, l.listPrice, l.rate, l.net, l.tax, l.cost);
      text.push(o.number, o.channel, o.region, o.address, o.date, o.due, o.paidDate);
      orders += 1;
    },
    take() {
      const batch = { numbers: Float64Array.from(numbers), text, orders };
      numbers = [];
      text = [];
      orders = 0;
      return batch;
    },
  };
}

/** Each order of a batch, in the order it was added. */
export function readHistoryBatch(batch: HistoryBatch, each: (order: PlannedOrder) => void): void {
  const { numbers: n, text: t } = batch;
  let i = 0;
  let k = 0;
  for (let o = 0; o < batch.orders; o++) {
    const salesperson = n[i + 3] as number;
    const payment = n[i + 10] as number;
    const count = n[i + 11] as number;
    const order: PlannedOrder = {
      row: n[i] as number,
      id: n[i + 1] as number,
      customerId: n[i + 2] as number,
      salespersonId: salesperson === NONE ? null : salesperson,
      warehouseId: n[i + 4] as number,
      net: n[i + 5] as number,
      tax: n[i + 6] as number,
      cost: n[i + 7] as number,
      shipmentId: n[i + 8] as number,
      invoiceId: n[i + 9] as number,
      paymentId: payment === NONE ? null : payment,
      number: t[k] as string,
      channel: t[k + 1] ?? null,
      region: t[k + 2] ?? null,
      address: t[k + 3] ?? null,
      date: t[k + 4] as IsoDate,
      due: t[k + 5] as IsoDate,
      paidDate: (t[k + 6] ?? null) as IsoDate | null,
      lines: [],
    };
    i += ORDER_NUMBERS;
    k += 7;
    for (let l = 0; l < count; l++, i += LINE_NUMBERS) {
      const line: PlannedLine = {
        id: n[i] as number,
        productId: n[i + 1] as number,
        qty: n[i + 2] as number,
        price: n[i + 3] as number,
        listPrice: n[i + 4] as number,
        rate: n[i + 5] as number,
        net: n[i + 6] as number,
        tax: n[i + 7] as number,
        cost: n[i + 8] as number,
      };
      order.lines.push(line);
    }
    each(order);
  }
}
