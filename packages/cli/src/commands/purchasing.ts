import type { Command } from 'commander';
import { z } from 'zod';
import { type OptionContext, opt, withOptions } from '../options.js';
import { money, printResult } from '../result.js';

const dated = (c: OptionContext) => z.object({ date: opt.date().default(() => c.today), format: opt.resultFormat() });

export async function createPos(raw: unknown, cmd: Command) {
  await withOptions(cmd, dated, raw, async (o, book) => {
    const { createPurchaseOrders } = await import('@tradeloop/store');
    const r = createPurchaseOrders(book, { date: o.date });
    printResult(o.format, r, (x: typeof r) =>
      [
        x.orders.length ? `purchase orders: ${x.orders.join(', ')}` : 'no open requisitions with a preferred supplier',
        ...(x.unassigned.length ? [`without a preferred supplier: ${x.unassigned.join(', ')}`] : []),
      ].join('\n'),
    );
  });
}

const approveOptions = () => z.object({ format: opt.resultFormat() });

export async function approvePo(number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, approveOptions, raw, async (o, book) => {
    const { approvePurchaseOrder } = await import('@tradeloop/store');
    const { waitingText } = await import('./approvals.js');
    const r = approvePurchaseOrder(book, number);
    printResult(o.format, r, (x: typeof r) =>
      x.waiting?.length ? waitingText(number, x.waiting) : `${number} ${x.status}`,
    );
  });
}

const receiveOptions = (c: OptionContext) =>
  z.object({
    date: opt.date().default(() => c.today),
    line: opt.numberedLines().default([]),
    format: opt.resultFormat(),
  });

export async function receivePo(number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, receiveOptions, raw, async (o, book) => {
    const { receivePurchaseOrder } = await import('@tradeloop/store');
    const r = receivePurchaseOrder(book, number, { date: o.date, ...(o.line.length ? { lines: o.line } : {}) });
    printResult(o.format, r, (x: typeof r) =>
      [
        `${x.receipt} received; ${number} ${x.status.replace('_', ' ')}`,
        ...x.allocated.map((a) => `  → ${a.order} line ${a.lineNo}: ${a.qty / 1000}`),
      ].join('\n'),
    );
  });
}

const returnOptions = (c: OptionContext) =>
  z.object({
    date: opt.date().default(() => c.today),
    line: opt.numberedLines(),
    reason: opt.text().optional(),
    format: opt.resultFormat(),
  });

export async function returnPo(number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, returnOptions, raw, async (o, book) => {
    const { returnToSupplier } = await import('@tradeloop/store');
    const r = returnToSupplier(book, number, {
      date: o.date,
      lines: o.line.map((l) => ({ lineNo: l.lineNo, qty: l.qty })),
      ...(o.reason ? { reason: o.reason } : {}),
    });
    const { precision } = book.settings();
    printResult(
      o.format,
      r,
      (x: typeof r) =>
        `${x.debitNote}: back to the supplier at cost ${money(x.cost, precision)}; owed ${money(x.credit, precision)} less`,
    );
  });
}

const invoiceOptions = (c: OptionContext) =>
  z.object({
    date: opt.date().default(() => c.today),
    number: opt.text().optional(),
    vat: opt.choice(['normal', 'special']).default('special'),
    format: opt.resultFormat(),
  });

export async function invoicePo(number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, invoiceOptions, raw, async (o, book) => {
    const { recordSupplierInvoice } = await import('@tradeloop/store');
    const r = recordSupplierInvoice(book, {
      po: number,
      date: o.date,
      vatKind: o.vat,
      ...(o.number ? { number: o.number } : {}),
    });
    const { precision } = book.settings();
    printResult(o.format, r, (x: typeof r) => `${x.invoice} matched and booked: ${money(x.gross, precision)}`);
  });
}

const payOptions = (c: OptionContext) =>
  z.object({ date: opt.date().default(() => c.today), amount: opt.money(c), format: opt.resultFormat() });

export async function paySupplier(code: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, payOptions, raw, async (o, book) => {
    const { paySupplier: pay } = await import('@tradeloop/store');
    const r = pay(book, { supplier: code, date: o.date, amount: o.amount });
    printResult(o.format, r, (x: typeof r) =>
      'request' in x
        ? `${x.request} waits for approval by ${x.waiting.map((w) => w.role).join(', then ')}: ${x.waiting[0]?.message ?? ''}`
        : `${x.payment} paid to ${code}`,
    );
  });
}

const rfqOptions = (c: OptionContext) =>
  z
    .object({
      requisition: opt.text().optional(),
      sku: opt.text().optional(),
      qty: opt.qty().optional(),
      warehouse: opt.text().optional(),
      date: opt.date().default(() => c.today),
      format: opt.resultFormat(),
    })
    // Either a requisition (its product, warehouse and quantity) or all three given.
    .superRefine((o, ctx) => {
      const own = (['sku', 'qty', 'warehouse'] as const).filter((k) => o[k] !== undefined);
      if (o.requisition !== undefined) {
        for (const k of own)
          ctx.addIssue({ code: 'custom', path: [k], message: 'comes from --requisition; give one or the other' });
      } else {
        for (const k of (['sku', 'qty', 'warehouse'] as const).filter((k) => o[k] === undefined))
          ctx.addIssue({ code: 'custom', path: [k], message: 'required unless --requisition is given' });
      }
    });

export async function createRfq(raw: unknown, cmd: Command) {
  await withOptions(cmd, rfqOptions, raw, async (o, book) => {
    const { createRfq: create } = await import('@tradeloop/store');
    const r =
      o.requisition !== undefined
        ? create(book, { requisition: o.requisition, date: o.date })
        : create(book, { sku: o.sku ?? '', warehouse: o.warehouse ?? '', qty: o.qty ?? 0, date: o.date });
    printResult(o.format, r, (x: typeof r) =>
      o.requisition === undefined
        ? `${x.rfq} open for quotes`
        : `${x.rfq} open for quotes on ${o.requisition}; it waits for the award`,
    );
  });
}

const quoteOptions = (c: OptionContext) =>
  z.object({
    supplier: opt.text(),
    price: opt.money(c),
    leadDays: opt.whole(0),
    format: opt.resultFormat(),
  });

export async function quoteRfq(number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, quoteOptions, raw, async (o, book) => {
    const { recordQuote } = await import('@tradeloop/store');
    recordQuote(book, number, { supplier: o.supplier, price: o.price, leadTimeDays: o.leadDays });
    printResult(
      o.format,
      { rfq: number, supplier: o.supplier },
      () => `quote from ${o.supplier} recorded on ${number}`,
    );
  });
}

export async function awardRfq(number: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, dated, raw, async (o, book) => {
    const { awardRfq: award } = await import('@tradeloop/store');
    const r = award(book, number, { date: o.date });
    const { precision } = book.settings();
    printResult(o.format, r, (x: typeof r) =>
      [
        `${number} awarded to ${x.supplier}: ${x.po}`,
        ...x.ranking.map(
          (q) =>
            `  ${q.supplier.padEnd(8)} score ${q.score.toFixed(3)}  ${money(q.price, precision)}  ${q.leadTimeDays} days`,
        ),
      ].join('\n'),
    );
  });
}
