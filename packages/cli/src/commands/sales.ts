import type { Command } from 'commander';
import { z } from 'zod';
import { type OptionContext, opt, withOptions } from '../options.js';
import { money, printResult } from '../result.js';

const placeOptions = (c: OptionContext) =>
  z.object({
    customer: opt.text(),
    warehouse: opt.text(),
    date: opt.date().default(() => c.today),
    promise: opt.date().optional(),
    salesperson: opt.text().optional(),
    channel: opt.text().optional(),
    line: opt.skuLines(c),
    explain: opt.flag(),
    format: opt.resultFormat(),
  });

export async function placeOrder(raw: unknown, cmd: Command) {
  await withOptions(cmd, placeOptions, raw, async (o, book) => {
    const { placeSalesOrder } = await import('@tradeloop/store');
    const r = placeSalesOrder(book, {
      customer: o.customer,
      warehouse: o.warehouse,
      date: o.date,
      ...(o.promise ? { promiseDate: o.promise } : {}),
      ...(o.salesperson ? { salesperson: o.salesperson } : {}),
      ...(o.channel ? { channel: o.channel } : {}),
      lines: o.line.map((l) => ({
        sku: l.sku,
        qty: l.qty,
        ...(l.price === undefined ? {} : { requestedPrice: l.price }),
      })),
    });
    const { formatTraceEntries } = await import('@tradeloop/core');
    const { precision } = book.settings();
    printResult(o.format, r, (x: typeof r) =>
      [
        x.needs.length === 0
          ? `${x.number} placed, pending review`
          : `${x.number} placed; needs approval: ${x.needs.map((n) => `${n.message} (${n.role})`).join('; ')}`,
        ...(o.explain
          ? x.lines.flatMap((l) => [
              `line ${l.lineNo} ${l.sku}: ${money(l.unitPrice, precision)}${l.taxMode === 'inclusive' ? ' incl. VAT' : ''}`,
              ...formatTraceEntries(l.trace, '  '),
            ])
          : []),
      ].join('\n'),
    );
  });
}

const amendOptions = (c: OptionContext) =>
  z.object({
    line: opt.skuLines(c).default([]),
    set: opt.lineChanges(c).default([]),
    remove: z.array(opt.whole(1)).default([]),
    promise: opt.date().optional(),
    orderDate: opt.date().optional(),
    format: opt.resultFormat(),
  });

export async function amendOrder(number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, amendOptions, raw, async (o, book) => {
    const { amendSalesOrder } = await import('@tradeloop/store');
    const r = amendSalesOrder(book, number, {
      set: o.set.map((s) => ({
        lineNo: s.lineNo,
        ...(s.qty === undefined ? {} : { qty: s.qty }),
        ...(s.price === undefined ? {} : { unitPrice: s.price }),
      })),
      add: o.line.map((l) => ({
        sku: l.sku,
        qty: l.qty,
        ...(l.price === undefined ? {} : { requestedPrice: l.price }),
      })),
      remove: o.remove,
      ...(o.promise ? { promiseDate: o.promise } : {}),
      ...(o.orderDate ? { orderDate: o.orderDate } : {}),
    });
    const { precision } = book.settings();
    printResult(o.format, r, (x: typeof r) =>
      [
        `${number} amended, ${money(x.gross, precision)}; ${x.status.replace('_', ' ')}`,
        ...(x.needs.length ? [`needs approval: ${x.needs.map((n) => `${n.message} (${n.role})`).join('; ')}`] : []),
        ...(x.requisitions.length ? [`short stock requisitioned: ${x.requisitions.join(', ')}`] : []),
      ].join('\n'),
    );
  });
}

const approveOptions = () => z.object({ format: opt.resultFormat() });

export async function approveOrder(number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, approveOptions, raw, async (o, book) => {
    const { approveSalesOrder } = await import('@tradeloop/store');
    const { waitingText } = await import('./approvals.js');
    const r = approveSalesOrder(book, number);
    printResult(o.format, r, (x: typeof r) =>
      x.waiting?.length
        ? waitingText(number, x.waiting)
        : `${number} ${x.status.replace('_', ' ')}${x.requisitions.length ? `; short stock requisitioned: ${x.requisitions.join(', ')}` : ''}`,
    );
  });
}

const payOptions = (c: OptionContext) =>
  z.object({ date: opt.date().default(() => c.today), amount: opt.money(c), format: opt.resultFormat() });

export async function payOrder(number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, payOptions, raw, async (o, book) => {
    const { recordSalesOrderPayment } = await import('@tradeloop/store');
    const r = recordSalesOrderPayment(book, number, { date: o.date, amount: o.amount });
    printResult(o.format, r, (x: typeof r) => `${x.payment} recorded; ${number} ${x.status.replace('_', ' ')}`);
  });
}

const shipOptions = (c: OptionContext) =>
  z.object({
    date: opt.date().default(() => c.today),
    carrier: opt.text().optional(),
    tracking: opt.text().optional(),
    line: opt.numberedLines().default([]),
    format: opt.resultFormat(),
  });

export async function shipOrder(number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, shipOptions, raw, async (o, book) => {
    const { shipSalesOrder } = await import('@tradeloop/store');
    const r = shipSalesOrder(book, number, {
      date: o.date,
      ...(o.carrier ? { carrier: o.carrier } : {}),
      ...(o.tracking ? { trackingNumber: o.tracking } : {}),
      ...(o.line.length ? { lines: o.line.map((l) => ({ lineNo: l.lineNo, qty: l.qty })) } : {}),
    });
    const { precision } = book.settings();
    printResult(
      o.format,
      r,
      (x: typeof r) =>
        `${x.shipment} shipped at cost ${money(x.cost, precision)}; ${number} ${x.status.replace('_', ' ')}`,
    );
  });
}

const invoiceOptions = (c: OptionContext) =>
  z.object({
    date: opt.date().default(() => c.today),
    vat: opt.choice(['normal', 'special']).default('normal'),
    format: opt.resultFormat(),
  });

export async function invoiceOrder(number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, invoiceOptions, raw, async (o, book) => {
    const { invoiceSalesOrder } = await import('@tradeloop/store');
    const r = invoiceSalesOrder(book, number, { date: o.date, vatKind: o.vat });
    const { precision } = book.settings();
    printResult(
      o.format,
      r,
      (x: typeof r) => `${x.invoice} for ${money(x.gross, precision)}; ${number} ${x.status.replace('_', ' ')}`,
    );
  });
}

const cancelOptions = () => z.object({ format: opt.resultFormat() });

export async function cancelOrder(number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, cancelOptions, raw, async (o, book) => {
    const { cancelSalesOrder } = await import('@tradeloop/store');
    const r = cancelSalesOrder(book, number);
    printResult(o.format, r, () => `${number} cancelled; reservations released`);
  });
}

const returnOptions = (c: OptionContext) =>
  z.object({ date: opt.date().default(() => c.today), line: opt.numberedLines(), format: opt.resultFormat() });

export async function returnOrder(number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, returnOptions, raw, async (o, book) => {
    const { returnSalesOrder } = await import('@tradeloop/store');
    const r = returnSalesOrder(book, number, {
      date: o.date,
      lines: o.line.map((l) => ({ lineNo: l.lineNo, qty: l.qty })),
    });
    const { precision } = book.settings();
    printResult(
      o.format,
      r,
      (x: typeof r) =>
        `${x.return} back in stock at cost ${money(x.cost, precision)}; credit note ${x.creditNote} for ${money(x.credit, precision)}`,
    );
  });
}
