import type { Command } from 'commander';
import { dateArg, moneyArg, numberedLine, qtyArg } from '../args.js';
import { withBook } from '../book-access.js';
import { money, printResult } from '../result.js';

type Opts = Record<string, string | string[] | boolean | undefined>;
const fmt = (o: Opts) => o.format as string | undefined;

export async function createPos(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { createPurchaseOrders } = await import('@tradeloop/store');
    const r = createPurchaseOrders(book, { date: dateArg('--date', o.date as string) });
    printResult(fmt(o), r, (x: typeof r) =>
      [
        x.orders.length ? `purchase orders: ${x.orders.join(', ')}` : 'no open requisitions with a preferred supplier',
        ...(x.unassigned.length ? [`without a preferred supplier: ${x.unassigned.join(', ')}`] : []),
      ].join('\n'),
    );
  });
}

export async function approvePo(number: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { approvePurchaseOrder } = await import('@tradeloop/store');
    const r = approvePurchaseOrder(book, number, o.as as string);
    printResult(fmt(o), r, (x: typeof r) => `${number} ${x.status}`);
  });
}

export async function receivePo(number: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { receivePurchaseOrder } = await import('@tradeloop/store');
    const lines = ((o.line as string[]) ?? []).map(numberedLine);
    const r = receivePurchaseOrder(book, number, {
      date: dateArg('--date', o.date as string),
      ...(lines.length ? { lines } : {}),
    });
    printResult(fmt(o), r, (x: typeof r) =>
      [
        `${x.receipt} received; ${number} ${x.status.replace('_', ' ')}`,
        ...x.allocated.map((a) => `  → ${a.order} line ${a.lineNo}: ${a.qty / 1000}`),
      ].join('\n'),
    );
  });
}

export async function invoicePo(number: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { precision } = book.settings();
    const { recordSupplierInvoice } = await import('@tradeloop/store');
    const r = recordSupplierInvoice(book, {
      po: number,
      date: dateArg('--date', o.date as string),
      vatKind: (o.vat as 'normal' | 'special') ?? 'special',
      ...(o.number ? { number: o.number as string } : {}),
    });
    printResult(fmt(o), r, (x: typeof r) => `${x.invoice} matched and booked: ${money(x.gross, precision)}`);
  });
}

export async function paySupplier(code: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { paySupplier: pay } = await import('@tradeloop/store');
    const r = pay(book, {
      supplier: code,
      date: dateArg('--date', o.date as string),
      amount: moneyArg('--amount', o.amount as string, book.moneyOptions()),
    });
    printResult(fmt(o), r, (x: typeof r) => `${x.payment} paid to ${code}`);
  });
}

export async function createRfq(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { createRfq: create } = await import('@tradeloop/store');
    const r = create(book, {
      sku: o.sku as string,
      warehouse: o.warehouse as string,
      qty: qtyArg('--qty', o.qty as string),
      date: dateArg('--date', o.date as string),
    });
    printResult(fmt(o), r, (x: typeof r) => `${x.rfq} open for quotes`);
  });
}

export async function quoteRfq(number: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { recordQuote } = await import('@tradeloop/store');
    recordQuote(book, number, {
      supplier: o.supplier as string,
      price: moneyArg('--price', o.price as string, book.moneyOptions()),
      leadTimeDays: Number(o.leadDays),
    });
    printResult(fmt(o), { rfq: number, supplier: o.supplier }, () => `quote from ${o.supplier} recorded on ${number}`);
  });
}

export async function awardRfq(number: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { precision } = book.settings();
    const { awardRfq: award } = await import('@tradeloop/store');
    const r = award(book, number, { date: dateArg('--date', o.date as string) });
    printResult(fmt(o), r, (x: typeof r) =>
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
