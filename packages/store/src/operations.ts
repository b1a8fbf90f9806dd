import {
  countDifferences,
  formatQuantity,
  type IsoDate,
  lineAmount,
  type Milli,
  type Minor,
  mulDiv,
  postSalesInvoice,
  postShipmentCost,
  postStockAdjustment,
  returnCost,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { writeEntry } from './journal.js';
import { idOf, notFound } from './master-data.js';
import { nextNumber } from './numbering.js';
import { rejected } from './refusal.js';
import { loadOrder, orderLinePart } from './sales.js';
import { requireOrderInScope } from './scope.js';
import { issueStock, loadFifo, receiveStock, stockBalance } from './stock-ledger.js';

/**
 * Move stock between warehouses at cost: FIFO out of one, in at the same value in the other. The
 * goods join the destination's queue at the transfer date. Inventory stays on one account, so
 * there is no journal entry.
 *
 * @example
 * transferStock(book, { from: 'WH1', to: 'WH2', date: '2026-03-05', lines: [{ sku: 'TEA-001', qty: 2000 }] }) // { transfer: 'TR-2026-000001', value: 22400 }
 */
export function transferStock(
  book: Book,
  input: { from: string; to: string; date: IsoDate; lines: { sku: string; qty: Milli }[] },
): { transfer: string; value: Minor } {
  return book.command('transferStock', () => {
    const from = idOf(book, 'warehouses', input.from, 'warehouse');
    const to = idOf(book, 'warehouses', input.to, 'warehouse');
    if (from === to)
      throw rejected([
        { code: 'transfer.same_warehouse', path: ['to'], message: 'must be another warehouse than the source' },
      ]);
    const number = nextNumber(book, 'TR', input.date);
    const id = Number(
      book.exec.execute(
        'insert into transfers (number, date, from_warehouse_id, to_warehouse_id) values (?, ?, ?, ?)',
        number,
        input.date,
        from,
        to,
      ).lastInsertRowid,
    );
    let total = 0;
    for (const l of input.lines) {
      const productId = idOf(book, 'products', l.sku, 'product');
      const b = stockBalance(book, productId, from);
      if (l.qty > b.onHand - b.reserved) {
        throw rejected([
          {
            code: 'transfer.reserved',
            path: ['lines', l.sku],
            message: `${(b.onHand - b.reserved) / 1000} of ${l.sku} is free in ${input.from} (the rest is reserved), ${l.qty / 1000} to move`,
            value: l.qty,
          },
        ]);
      }
      const { cost } = issueStock(book, {
        date: input.date,
        productId,
        warehouseId: from,
        qty: l.qty,
        kind: 'transfer_out',
        document: number,
      });
      receiveStock(book, {
        date: input.date,
        productId,
        warehouseId: to,
        qty: l.qty,
        value: cost,
        kind: 'transfer_in',
        document: number,
      });
      book.exec.execute(
        'insert into transfer_lines (transfer_id, product_id, qty, value_minor) values (?, ?, ?, ?)',
        id,
        productId,
        l.qty,
        cost,
      );
      total += cost;
    }
    return { value: { transfer: number, value: total }, document: number, after: { value: total } };
  });
}

/**
 * Start a stock count in a warehouse: book quantities are frozen now, for every product with
 * stock there (or the given ones).
 */
export function startStockCount(
  book: Book,
  input: { warehouse: string; date: IsoDate; skus?: string[] },
): { count: string; lines: number } {
  return book.command('startStockCount', () => {
    const warehouseId = idOf(book, 'warehouses', input.warehouse, 'warehouse');
    const open = book.exec.value<string>(
      "select number from stock_counts where warehouse_id = ? and status = 'counting'",
      warehouseId,
    );
    if (open)
      throw rejected([
        { code: 'count.open', path: ['warehouse'], message: `${open} is still being counted in ${input.warehouse}` },
      ]);
    const number = nextNumber(book, 'CNT', input.date);
    const id = Number(
      book.exec.execute(
        'insert into stock_counts (number, warehouse_id, started) values (?, ?, ?)',
        number,
        warehouseId,
        input.date,
      ).lastInsertRowid,
    );
    const products = input.skus
      ? input.skus.map((sku) => idOf(book, 'products', sku, 'product'))
      : book.exec
          .select<{ product_id: number }>(
            'select product_id from stock_balances where warehouse_id = ? and on_hand <> 0',
            warehouseId,
          )
          .map((r) => r.product_id);
    for (const productId of products) {
      book.exec.execute(
        'insert into stock_count_lines (count_id, product_id, book_qty) values (?, ?, ?)',
        id,
        productId,
        stockBalance(book, productId, warehouseId).onHand,
      );
    }
    return { value: { count: number, lines: products.length }, document: number };
  });
}

/** Enter counted quantities (a later entry for a product replaces the earlier one). */
export function enterStockCount(book: Book, number: string, lines: { sku: string; qty: Milli }[]): { entered: number } {
  return book.command('enterStockCount', () => {
    const count = book.exec.selectOne<{ id: number; status: string }>(
      'select id, status from stock_counts where number = ?',
      number,
    );
    if (!count) throw notFound('stock count', number);
    if (count.status !== 'counting')
      throw rejected([{ code: 'count.posted', path: ['count'], message: `${number} is already posted` }]);
    for (const l of lines) {
      if (l.qty < 0)
        throw rejected([
          {
            code: 'count.negative',
            path: ['lines', l.sku],
            message: 'a counted quantity cannot be negative',
            value: l.qty,
          },
        ]);
      const productId = idOf(book, 'products', l.sku, 'product');
      book.exec.execute(
        `insert into stock_count_lines (count_id, product_id, book_qty, counted_qty) values (?, ?, 0, ?)
         on conflict (count_id, product_id) do update set counted_qty = excluded.counted_qty`,
        count.id,
        productId,
        l.qty,
      );
    }
    return { value: { entered: lines.length }, document: number };
  });
}

/**
 * Post a stock count: the difference between counted and frozen quantities is booked at current
 * cost (losses at FIFO cost, gains at the latest layer's rate or the product's cost) and posted to
 * inventory gains and losses. A loss that would leave less than is reserved is refused.
 *
 * @example
 * postStockCount(book, 'CNT-2026-000001', { date: '2026-03-31' }) // { gains: 0, losses: 11200, lines: [...] }
 */
export function postStockCount(book: Book, number: string, input: { date: IsoDate }) {
  return book.command('postStockCount', () => {
    const count = book.exec.selectOne<{ id: number; status: string; warehouse_id: number }>(
      'select id, status, warehouse_id from stock_counts where number = ?',
      number,
    );
    if (!count) throw notFound('stock count', number);
    if (count.status !== 'counting')
      throw rejected([{ code: 'count.posted', path: ['count'], message: `${number} is already posted` }]);
    const rows = book.exec.select<{
      product_id: number;
      sku: string;
      book_qty: number;
      counted_qty: number | null;
      cost_minor: number;
    }>(
      'select l.product_id, p.sku, l.book_qty, l.counted_qty, p.cost_minor from stock_count_lines l join products p on p.id = l.product_id where l.count_id = ?',
      count.id,
    );
    const wh = String(count.warehouse_id);
    const lines = countDifferences(
      rows.map((r) => ({ product: String(r.product_id), warehouse: wh, qty: r.book_qty })),
      rows
        .filter((r) => r.counted_qty !== null)
        .map((r) => ({ product: String(r.product_id), warehouse: wh, qty: r.counted_qty as number })),
    );
    let gains = 0;
    let losses = 0;
    const out: { sku: string; book: Milli; counted: Milli | null; difference: Milli; value: Minor }[] = [];
    for (const l of lines) {
      const productId = Number(l.product);
      const row = rows.find((r) => r.product_id === productId);
      let value = 0;
      if (l.difference < 0) {
        const b = stockBalance(book, productId, count.warehouse_id);
        if (b.onHand + l.difference < b.reserved) {
          throw rejected([
            {
              code: 'count.reserved',
              path: ['lines', row?.sku ?? ''],
              message: `the count leaves ${(b.onHand + l.difference) / 1000} of ${row?.sku} but ${b.reserved / 1000} are reserved for orders; release them first`,
            },
          ]);
        }
        value = -issueStock(book, {
          date: input.date,
          productId,
          warehouseId: count.warehouse_id,
          qty: -l.difference,
          kind: 'count_loss',
          document: number,
        }).cost;
        losses -= value;
      } else if (l.difference > 0) {
        const last = loadFifo(book, productId, count.warehouse_id).layers.at(-1);
        const { rounding } = book.settings();
        value = last
          ? mulDiv(last.value, l.difference, last.qty, rounding)
          : lineAmount(l.difference, row?.cost_minor ?? 0, rounding);
        receiveStock(book, {
          date: input.date,
          productId,
          warehouseId: count.warehouse_id,
          qty: l.difference,
          value,
          kind: 'count_gain',
          document: number,
        });
        gains += value;
      }
      book.exec.execute(
        'update stock_count_lines set value_minor = ? where count_id = ? and product_id = ?',
        value,
        count.id,
        productId,
      );
      out.push({ sku: row?.sku ?? '', book: l.book, counted: l.counted, difference: l.difference, value });
    }
    writeEntry(book, postStockAdjustment({ document: number, date: input.date, value: gains - losses }));
    book.exec.execute("update stock_counts set status = 'posted', posted = ? where id = ?", input.date, count.id);
    return { value: { gains, losses, lines: out }, document: number, after: { gains, losses } };
  });
}

/**
 * A customer returns shipped goods: they come back into stock at their original issue cost, and a
 * credit note reverses the revenue and VAT of what was invoiced.
 *
 * @example
 * returnSalesOrder(book, 'SO-2026-000001', { date: '2026-03-15', lines: [{ lineNo: 1, qty: 2000 }] }) // { return: 'RT-…', creditNote: 'CN-…' }
 */
export function returnSalesOrder(
  book: Book,
  number: string,
  input: { date: IsoDate; lines: { lineNo: number; qty: Milli }[] },
) {
  return book.command('returnSalesOrder', () => {
    const { order } = loadOrder(book, number);
    requireOrderInScope(book, order, 'take a return on');
    const rt = nextNumber(book, 'RT', input.date);
    const returnId = Number(
      book.exec.execute('insert into sales_returns (number, order_id, date) values (?, ?, ?)', rt, order.id, input.date)
        .lastInsertRowid,
    );
    let cost = 0;
    let net = 0;
    let tax = 0;
    const credited: {
      lineId: number;
      productId: number;
      qty: Milli;
      price: Minor;
      rate: number;
      t: { net: Minor; tax: Minor };
    }[] = [];
    for (const r of input.lines) {
      const l = book.exec.selectOne<{
        id: number;
        product_id: number;
        shipped_qty: number;
        invoiced_qty: number;
        returned_qty: number;
        unit_price_minor: number;
        qty: number;
        tax_rate_bp: number;
        tax_inclusive: number;
        net_minor: number;
        tax_minor: number;
        gross_minor: number;
      }>(
        `select id, product_id, shipped_qty, invoiced_qty, returned_qty, unit_price_minor, qty, tax_rate_bp, tax_inclusive,
           net_minor, tax_minor, gross_minor
         from sales_order_lines where order_id = ? and line_no = ?`,
        order.id,
        r.lineNo,
      );
      if (!l || r.qty <= 0 || l.returned_qty + r.qty > l.invoiced_qty) {
        const can = formatQuantity(l ? l.invoiced_qty - l.returned_qty : 0);
        throw rejected([
          {
            code: 'return.exceeds',
            path: ['lines', r.lineNo],
            message: `${can} invoiced on line ${r.lineNo} can be returned, ${formatQuantity(r.qty)} given; invoice a shipment before taking it back`,
            value: r.qty,
          },
        ]);
      }
      const shipped = book.exec.selectOne<{ qty: number; cost: number }>(
        'select coalesce(sum(qty), 0) as qty, coalesce(sum(cost_minor), 0) as cost from shipment_lines where order_line_id = ?',
        l.id,
      ) ?? { qty: 0, cost: 0 };
      const returnedCost =
        book.exec.value<number>(
          'select coalesce(sum(cost_minor), 0) from sales_return_lines where order_line_id = ?',
          l.id,
        ) ?? 0;
      // Back at the original issue cost: in proportion to what is still out with the customer.
      const back = returnCost(
        { qty: shipped.qty - l.returned_qty, cost: shipped.cost - returnedCost },
        r.qty,
        book.settings().rounding,
      );
      receiveStock(book, {
        date: input.date,
        productId: l.product_id,
        warehouseId: order.warehouse_id,
        qty: r.qty,
        value: back,
        kind: 'return_in',
        document: rt,
      });
      book.exec.execute(
        'insert into sales_return_lines (return_id, order_line_id, qty, cost_minor) values (?, ?, ?, ?)',
        returnId,
        l.id,
        r.qty,
        back,
      );
      book.exec.execute('update sales_order_lines set returned_qty = returned_qty + ? where id = ?', r.qty, l.id);
      cost += back;
      // The next stretch of the line comes back: credit notes of a line add up to the line.
      const t = orderLinePart(book, l, l.returned_qty, l.returned_qty + r.qty);
      net += t.net;
      tax += t.tax;
      credited.push({
        lineId: l.id,
        productId: l.product_id,
        qty: r.qty,
        price: l.unit_price_minor,
        rate: l.tax_rate_bp,
        t,
      });
    }
    writeEntry(book, { ...postShipmentCost({ document: rt, date: input.date, cost: -cost }), memo: `Return ${rt}` });
    let creditNote: string | null = null;
    if (credited.length > 0) {
      const customer = book.exec.value<string>('select code from customers where id = ?', order.customer_id) ?? '';
      creditNote = nextNumber(book, 'CN', input.date);
      const cnId = Number(
        book.exec.execute(
          `insert into invoices (number, kind, vat_kind, customer_id, order_id, salesperson_id, date, due_date, net_minor, tax_minor, gross_minor, open_minor, cost_minor)
           values (?, 'sales_credit', 'normal', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          creditNote,
          order.customer_id,
          order.id,
          order.salesperson_id,
          input.date,
          input.date,
          -net,
          -tax,
          -(net + tax),
          -(net + tax),
          -cost,
        ).lastInsertRowid,
      );
      for (const c of credited) {
        book.exec.execute(
          'insert into invoice_lines (invoice_id, product_id, order_line_id, qty, unit_price_minor, tax_rate_bp, net_minor, tax_minor) values (?, ?, ?, ?, ?, ?, ?, ?)',
          cnId,
          c.productId,
          c.lineId,
          -c.qty,
          c.price,
          c.rate,
          -c.t.net,
          -c.t.tax,
        );
      }
      book.exec.execute('update sales_returns set credit_note_id = ? where id = ?', cnId, returnId);
      writeEntry(book, postSalesInvoice({ document: creditNote, date: input.date, customer, net: -net, tax: -tax }));
    }
    return {
      value: { return: rt, creditNote, cost, credit: net + tax },
      document: rt,
      after: { order: number, cost, credit: net + tax },
    };
  });
}
