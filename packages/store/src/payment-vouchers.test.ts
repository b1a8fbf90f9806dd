import { describe, expect, it } from 'vitest';
import {
  bookPaymentVoucher,
  checkVoucherPhoto,
  listPaymentVouchers,
  MAX_VOUCHER_BYTES,
  rejectPaymentVoucher,
  submitPaymentVoucher,
  voucherPhoto,
} from './payment-vouchers.js';
import { approveSalesOrder, loadOrder, placeSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';

const tempDir = useTempDir();

/** A 1×1 PNG, as a phone's screenshot of a transfer starts. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const LIN = { user: 'lin', roles: ['salesperson' as const], salesperson: 'lin' };
const ZHAO = { user: 'zhao', roles: ['salesperson' as const], salesperson: 'zhao' };
const ACC = { user: 'acc', roles: ['accountant' as const] };

/** The small company with a prepaid order of C002 (lin's customer) approved and waiting for its money. */
async function company() {
  const book = await smallCompany(tempDir());
  const { number } = placeSalesOrder(book, {
    customer: 'C002',
    warehouse: 'WH1',
    date: '2026-03-02',
    lines: [{ sku: 'TEA-001', qty: 2_000 }],
  });
  approveSalesOrder(book, number);
  return { book, order: number };
}

const photo = await checkVoucherPhoto(PNG, 'transfer.png');
const voucher = (order: string) => ({
  customer: 'C002',
  order,
  date: '2026-03-03',
  amount: 42_488,
  method: 'wechat' as const,
  photo,
});

describe('payment vouchers', () => {
  it('are submitted by the salesperson with the photo, and booked by finance as the order’s payment', async () => {
    const { book, order } = await company();
    book.actAs(LIN);
    const { number } = submitPaymentVoucher(book, { ...voucher(order), note: '微信转账' });
    expect(number).toBe('PV-2026-000001');
    expect(listPaymentVouchers(book)).toMatchObject([
      {
        number,
        customer: 'C002',
        order,
        amount: 42_488,
        status: 'submitted',
        submittedBy: 'lin',
        photo: { contentType: 'image/png' },
      },
    ]);
    expect(voucherPhoto(book, number).bytes.equals(PNG)).toBe(true);
    // Booking is finance's.
    expect(() => bookPaymentVoucher(book, number)).toThrow(expect.objectContaining({ code: 'permission.denied' }));
    book.actAs(ACC);
    const { payment } = bookPaymentVoucher(book, number);
    expect(loadOrder(book, order).order.status).toBe('awaiting_shipment');
    expect(listPaymentVouchers(book)[0]).toMatchObject({ status: 'booked', payment, decidedBy: 'acc' });
    // WeChat Pay lands in the wallet account.
    expect(book.exec.selectOne('select account from payments where number = ?', payment)).toEqual({
      account: '1012',
    });
    expect(() => bookPaymentVoucher(book, number)).toThrow(/is booked already/);
  });

  it('refuse a photo too large or no picture, another salesperson’s customer, and another customer’s order', async () => {
    const { book, order } = await company();
    book.actAs(LIN);
    const huge = Buffer.concat([PNG, Buffer.alloc(MAX_VOUCHER_BYTES)]);
    await expect(checkVoucherPhoto(huge)).rejects.toThrow(/the photo is 2\.0 MiB; at most 2 MiB is kept/);
    await expect(checkVoucherPhoto(Buffer.from('%PDF-1.7 not a picture'))).rejects.toThrow(
      /the photo is application\/pdf; a JPEG, PNG, WebP or HEIC picture is kept/,
    );
    // A photo not read by checkVoucherPhoto is no photo.
    expect(() =>
      submitPaymentVoucher(book, { ...voucher(order), photo: { bytes: PNG, contentType: 'image/png' } as never }),
    ).toThrow(/read by checkVoucherPhoto first/);
    expect(() => submitPaymentVoucher(book, { ...voucher(order), customer: 'C001' })).toThrow(
      /is not an order of C001/,
    );
    book.actAs(ZHAO);
    expect(() => submitPaymentVoucher(book, voucher(order))).toThrow(
      expect.objectContaining({ code: 'permission.scope' }),
    );
    book.actAs(ACC);
    expect(listPaymentVouchers(book)).toEqual([]);
    expect(book.exec.selectOne('select count(*) as n from attachments')).toEqual({ n: 0 });
  });

  it('are seen only by who sees the customer, and rejected with a reason', async () => {
    const { book, order } = await company();
    book.actAs(LIN);
    const { number } = submitPaymentVoucher(book, voucher(order));
    book.actAs(ZHAO);
    expect(listPaymentVouchers(book)).toEqual([]);
    expect(() => voucherPhoto(book, number)).toThrow(expect.objectContaining({ code: 'permission.scope' }));
    book.actAs(ACC);
    expect(() => rejectPaymentVoucher(book, number, ' ')).toThrow(/say why/);
    rejectPaymentVoucher(book, number, '重复提交');
    expect(listPaymentVouchers(book, { status: 'rejected' })).toMatchObject([{ number, reason: '重复提交' }]);
    expect(loadOrder(book, order).order.status).toBe('awaiting_payment');
  });
});
