import type { Command } from 'commander';
import { dateArg, moneyArg, numberedLine, skuLine } from '../args.js';
import { withBook } from '../book-access.js';
import { money, printResult } from '../result.js';

type Opts = Record<string, string | string[] | boolean | undefined>;
const fmt = (o: Opts) => o.format as string | undefined;

export async function placeOrder(o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { placeSalesOrder } = await import('@tradeloop/store');
    const m = book.moneyOptions();
    const lines = ((o.line as string[]) ?? []).map((l) => skuLine(l, m));
    const r = placeSalesOrder(book, {
      customer: o.customer as string,
      warehouse: o.warehouse as string,
      date: dateArg('--date', o.date as string),
      ...(o.promise ? { promiseDate: dateArg('--promise', o.promise as string) } : {}),
      ...(o.salesperson ? { salesperson: o.salesperson as string } : {}),
      ...(o.channel ? { channel: o.channel as string } : {}),
      lines: lines.map((l) => ({
        sku: l.sku,
        qty: l.qty,
        ...(l.price === undefined ? {} : { requestedPrice: l.price }),
      })),
    });
    const { formatTraceEntries } = await import('@tradeloop/core');
    const { precision } = book.settings();
    printResult(fmt(o), r, (x: typeof r) =>
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

export async function approveOrder(number: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { approveSalesOrder } = await import('@tradeloop/store');
    const r = approveSalesOrder(book, number, o.as as string);
    printResult(
      fmt(o),
      r,
      (x: typeof r) =>
        `${number} ${x.status.replace('_', ' ')}${x.requisitions.length ? `; short stock requisitioned: ${x.requisitions.join(', ')}` : ''}`,
    );
  });
}

export async function payOrder(number: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { recordSalesOrderPayment } = await import('@tradeloop/store');
    const r = recordSalesOrderPayment(book, number, {
      date: dateArg('--date', o.date as string),
      amount: moneyArg('--amount', o.amount as string, book.moneyOptions()),
    });
    printResult(fmt(o), r, (x: typeof r) => `${x.payment} recorded; ${number} ${x.status.replace('_', ' ')}`);
  });
}

export async function shipOrder(number: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { precision } = book.settings();
    const { shipSalesOrder } = await import('@tradeloop/store');
    const lines = ((o.line as string[]) ?? []).map(numberedLine);
    const r = shipSalesOrder(book, number, {
      date: dateArg('--date', o.date as string),
      ...(o.carrier ? { carrier: o.carrier as string } : {}),
      ...(o.tracking ? { trackingNumber: o.tracking as string } : {}),
      ...(lines.length ? { lines: lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty })) } : {}),
    });
    printResult(
      fmt(o),
      r,
      (x: typeof r) =>
        `${x.shipment} shipped at cost ${money(x.cost, precision)}; ${number} ${x.status.replace('_', ' ')}`,
    );
  });
}

export async function invoiceOrder(number: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { precision } = book.settings();
    const { invoiceSalesOrder } = await import('@tradeloop/store');
    const r = invoiceSalesOrder(book, number, {
      date: dateArg('--date', o.date as string),
      vatKind: (o.vat as 'normal' | 'special') ?? 'normal',
    });
    printResult(
      fmt(o),
      r,
      (x: typeof r) => `${x.invoice} for ${money(x.gross, precision)}; ${number} ${x.status.replace('_', ' ')}`,
    );
  });
}

export async function cancelOrder(number: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { cancelSalesOrder } = await import('@tradeloop/store');
    const r = cancelSalesOrder(book, number);
    printResult(fmt(o), r, () => `${number} cancelled; reservations released`);
  });
}

export async function returnOrder(number: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { precision } = book.settings();
    const { returnSalesOrder } = await import('@tradeloop/store');
    const lines = ((o.line as string[]) ?? []).map(numberedLine);
    const r = returnSalesOrder(book, number, {
      date: dateArg('--date', o.date as string),
      lines: lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty })),
    });
    printResult(
      fmt(o),
      r,
      (x: typeof r) =>
        `${x.return} back in stock at cost ${money(x.cost, precision)}; credit note ${x.creditNote} for ${money(x.credit, precision)}`,
    );
  });
}
