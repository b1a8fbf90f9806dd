import { createHash } from 'node:crypto';
import { customerScope, type IsoDate, inScope, type Minor, TradeloopError } from '@tradeloop/core';
import type { Book } from './book.js';
import { notFound } from './master-data.js';
import { nextNumber } from './numbering.js';
import { rejected } from './refusal.js';
import { recordSalesOrderPayment } from './sales.js';
import { requireCustomerInScope } from './scope.js';

/** The largest voucher photo the book keeps: 2 MiB, what a phone camera's JPEG is once shrunk. */
export const MAX_VOUCHER_BYTES = 2 * 1024 * 1024;

/** The pictures a voucher may be: what phones save and browsers show. */
const PICTURES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'];

export const PAYMENT_METHODS = ['bank', 'wechat', 'alipay', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** The account each way of paying lands in: cash on hand, bank, WeChat Pay / Alipay balances. */
const ACCOUNT_OF: Record<PaymentMethod, string> = { cash: '1001', bank: '1002', wechat: '1012', alipay: '1012' };

/** Only `checkVoucherPhoto` makes one: a photo whose bytes were read as a picture of a kept kind and size. */
const CHECKED: unique symbol = Symbol('checked voucher photo');

/** A voucher's photo, checked by its bytes (`checkVoucherPhoto`). */
export interface VoucherPhoto {
  readonly [CHECKED]: true;
  bytes: Uint8Array;
  contentType: string;
  fileName: string | null;
}

export interface VoucherInput {
  customer: string;
  /** The order it pays, when it pays one. */
  order?: string;
  date: IsoDate;
  amount: Minor;
  method: PaymentMethod;
  note?: string;
  photo: VoucherPhoto;
}

/**
 * Read a voucher's photo by its bytes, not by what the phone called it: a JPEG, PNG, WebP or HEIC
 * picture up to 2 MiB, else refused naming its size or kind.
 */
export async function checkVoucherPhoto(bytes: Uint8Array, fileName?: string): Promise<VoucherPhoto> {
  const size = bytes.byteLength;
  if (size > MAX_VOUCHER_BYTES)
    throw rejected([
      {
        code: 'voucher.photo_too_large',
        path: ['photo'],
        message: `the photo is ${(size / 1024 / 1024).toFixed(1)} MiB; at most ${MAX_VOUCHER_BYTES / 1024 / 1024} MiB is kept`,
      },
    ]);
  const kind = size === 0 ? undefined : await (await import('file-type')).fileTypeFromBuffer(bytes);
  if (!kind || !PICTURES.includes(kind.mime))
    throw rejected([
      {
        code: 'voucher.photo_kind',
        path: ['photo'],
        message: `the photo is ${kind ? kind.mime : size === 0 ? 'empty' : 'no picture'}; a JPEG, PNG, WebP or HEIC picture is kept`,
      },
    ]);
  return { [CHECKED]: true, bytes, contentType: kind.mime, fileName: fileName ?? null };
}

export interface PaymentVoucher {
  number: string;
  customer: string;
  customerName: string;
  order: string | null;
  date: IsoDate;
  amount: Minor;
  method: PaymentMethod;
  note: string | null;
  status: 'submitted' | 'booked' | 'rejected';
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  reason: string | null;
  payment: string | null;
  photo: { contentType: string; size: number };
}

/**
 * Keep a payment a salesperson saw made at the customer's, with the photo of its voucher (回单,
 * 转账截图; read by `checkVoucherPhoto`), for finance to book or reject. The customer must be one
 * the salesperson sells to, the order one of the customer's.
 *
 * @example
 * submitPaymentVoucher(book, { customer: 'C001', order: 'SO-2026-000001', date: '2026-03-03', amount: 42_488, method: 'wechat', photo: await checkVoucherPhoto(bytes) })
 * // { number: 'PV-2026-000001' }
 */
export function submitPaymentVoucher(book: Book, input: VoucherInput): { number: string } {
  if (input.photo[CHECKED] !== true) throw new TypeError('a voucher photo is read by checkVoucherPhoto first');
  const size = input.photo.bytes.byteLength;
  return book.command('submitPaymentVoucher', () => {
    if (!Number.isInteger(input.amount) || input.amount <= 0)
      throw rejected([{ code: 'voucher.amount', path: ['amount'], message: 'the amount must be more than zero' }]);
    const customer = book.exec.get(
      book.db.selectFrom('customers').select(['id', 'code']).where('code', '=', input.customer),
    );
    if (!customer) throw notFound('customer', input.customer);
    requireCustomerInScope(book, customer.code, 'take a payment from');
    let orderId: number | null = null;
    if (input.order) {
      const order = book.exec.get(
        book.db.selectFrom('sales_orders').select(['id', 'customer_id']).where('number', '=', input.order),
      );
      if (!order) throw notFound('order', input.order);
      if (order.customer_id !== customer.id)
        throw rejected([
          { code: 'voucher.order', path: ['order'], message: `${input.order} is not an order of ${customer.code}` },
        ]);
      orderId = order.id;
    }
    const bytes = Buffer.from(input.photo.bytes);
    const attachment = Number(
      book.exec.run(
        book.db.insertInto('attachments').values({
          content_type: input.photo.contentType,
          size,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          bytes,
          file_name: input.photo.fileName,
          created_by: book.actor,
          created_at: book.now(),
        }),
      ).lastInsertRowid,
    );
    const number = nextNumber(book, 'PV', input.date);
    book.exec.run(
      book.db.insertInto('payment_vouchers').values({
        number,
        customer_id: customer.id,
        order_id: orderId,
        date: input.date,
        amount_minor: input.amount,
        method: input.method,
        note: input.note?.trim() || null,
        attachment_id: attachment,
        submitted_by: book.actor,
        submitted_at: book.now(),
      }),
    );
    return {
      value: { number },
      document: number,
      after: { customer: customer.code, order: input.order ?? null, amount: input.amount, method: input.method, size },
    };
  });
}

type VoucherRow = {
  number: string;
  customer: string;
  customer_name: string;
  owner: string | null;
  order_number: string | null;
  date: string;
  amount_minor: number;
  method: PaymentMethod;
  note: string | null;
  status: PaymentVoucher['status'];
  submitted_by: string;
  submitted_at: string;
  decided_by: string | null;
  reason: string | null;
  payment: string | null;
  content_type: string;
  size: number;
};

const VOUCHERS = `select v.number, c.code as customer, c.name as customer_name, s.code as owner, o.number as order_number,
    v.date, v.amount_minor, v.method, v.note, v.status, v.submitted_by, v.submitted_at, v.decided_by, v.reason,
    p.number as payment, a.content_type, a.size
  from payment_vouchers v join customers c on c.id = v.customer_id left join salespeople s on s.id = c.owner_id
  left join sales_orders o on o.id = v.order_id left join payments p on p.id = v.payment_id
  join attachments a on a.id = v.attachment_id`;

const toVoucher = (r: VoucherRow): PaymentVoucher => ({
  number: r.number,
  customer: r.customer,
  customerName: r.customer_name,
  order: r.order_number,
  date: r.date,
  amount: r.amount_minor,
  method: r.method,
  note: r.note,
  status: r.status,
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at,
  decidedBy: r.decided_by,
  reason: r.reason,
  payment: r.payment,
  photo: { contentType: r.content_type, size: r.size },
});

/** The vouchers of the customers the acting user sees, newest first; `status` to narrow. */
export function listPaymentVouchers(book: Book, options: { status?: PaymentVoucher['status'] } = {}): PaymentVoucher[] {
  book.requirePermission('book.read');
  const rows = book.exec.select<VoucherRow>(
    `${VOUCHERS} where (? is null or v.status = ?) order by v.submitted_at desc, v.id desc`,
    options.status ?? null,
    options.status ?? null,
  );
  return rows.filter((r) => sees(book, r)).map(toVoucher);
}

/** Whether the acting user sees the voucher's customer: filtered, not refused (a list is no attempt). */
function sees(book: Book, r: VoucherRow): boolean {
  return inScope(customerScope(book.principal), { customer: r.customer, salesperson: r.owner });
}

function voucherRow(
  book: Book,
  number: string,
): VoucherRow & { id: number; attachment_id: number; order_id: number | null } {
  const row = book.exec.selectOne<VoucherRow & { id: number; attachment_id: number; order_id: number | null }>(
    `${VOUCHERS.replace('select v.number', 'select v.id, v.attachment_id, v.order_id, v.number')} where v.number = ?`,
    number,
  );
  if (!row) throw new TradeloopError('voucher.not_found', `no payment voucher ${number}`, { path: ['voucher'] });
  return row;
}

/** A voucher's photo, for whoever sees the customer: its kind and bytes. */
export function voucherPhoto(book: Book, number: string): { contentType: string; bytes: Buffer } {
  book.requirePermission('book.read');
  const row = voucherRow(book, number);
  requireCustomerInScope(book, row.customer, 'see the vouchers of');
  const file = book.exec.selectOne<{ bytes: Uint8Array }>(
    'select bytes from attachments where id = ?',
    row.attachment_id,
  );
  // A blob comes back as the engine's driver gives it (a plain byte array from PostgreSQL's).
  const bytes = file?.bytes ?? new Uint8Array(0);
  return { contentType: row.content_type, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

/**
 * Book a submitted voucher as the payment of its order: the money received into the account its
 * method lands in (bank 1002, WeChat Pay / Alipay 1012, cash 1001, unless told), as the order's
 * payment is recorded. A voucher without an order, or for an order on credit terms, is settled
 * from the bank statement instead (its line claimed), and refused here saying so.
 */
export function bookPaymentVoucher(
  book: Book,
  number: string,
  options: { account?: string } = {},
): { payment: string } {
  return book.command('bookPaymentVoucher', () => {
    const v = voucherRow(book, number);
    if (v.status !== 'submitted')
      throw rejected([{ code: 'voucher.decided', path: ['status'], message: `${number} is ${v.status} already` }]);
    if (!v.order_number)
      throw rejected([
        {
          code: 'voucher.no_order',
          path: ['order'],
          message: `${number} names no order: claim the bank line it came on for ${v.customer}'s invoices`,
        },
      ]);
    const { payment } = recordSalesOrderPayment(book, v.order_number, {
      date: v.date as IsoDate,
      amount: v.amount_minor,
      account: options.account ?? ACCOUNT_OF[v.method],
    });
    const paymentId = book.exec.selectOne<{ id: number }>('select id from payments where number = ?', payment)?.id;
    book.exec.run(
      book.db
        .updateTable('payment_vouchers')
        .set({ status: 'booked', decided_by: book.actor, decided_at: book.now(), payment_id: paymentId ?? null })
        .where('id', '=', v.id),
    );
    return {
      value: { payment },
      document: number,
      before: { status: 'submitted' },
      after: { status: 'booked', payment },
    };
  });
}

/** Reject a submitted voucher, saying why (a duplicate, an unreadable photo); it stays, rejected. */
export function rejectPaymentVoucher(book: Book, number: string, reason: string): void {
  book.command('rejectPaymentVoucher', () => {
    const v = voucherRow(book, number);
    if (v.status !== 'submitted')
      throw rejected([{ code: 'voucher.decided', path: ['status'], message: `${number} is ${v.status} already` }]);
    if (reason.trim() === '')
      throw rejected([{ code: 'voucher.reason', path: ['reason'], message: `say why ${number} is rejected` }]);
    book.exec.run(
      book.db
        .updateTable('payment_vouchers')
        .set({ status: 'rejected', decided_by: book.actor, decided_at: book.now(), reason: reason.trim() })
        .where('id', '=', v.id),
    );
    return {
      value: undefined,
      document: number,
      before: { status: 'submitted' },
      after: { status: 'rejected', reason },
    };
  });
}
