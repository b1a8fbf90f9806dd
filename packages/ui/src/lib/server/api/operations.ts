import { isoDateSchema, ORDER_ACTIONS, seesColumns, TradeloopError } from '@tradeloop/core';
import {
  approveSalesOrder,
  cancelSalesOrder,
  findProducts,
  getProduct,
  invoiceSalesOrder,
  type ListName,
  listPage,
  listProducts,
  listRows,
  orderView,
  placeSalesOrder,
  quoteSalesOrder,
  recordSalesOrderPayment,
  rejectSalesOrder,
  shipSalesOrder,
  statementOfAccount,
} from '@tradeloop/store';
import { z } from 'zod';
import { cursorAfter, keyed, type Operation, operation, page, pageOf, paging, readCursor } from './operation.js';

const minor = (description: string) =>
  z.int().meta({ description: `${description}, in minor units of the book's currency (分: 1234 is 12.34)` });
const milli = (description: string) =>
  z.int().meta({ description: `${description}, in thousandths of the unit (12 pieces is 12000)` });
const code = z.string().min(1).max(64);
const text = z.string().nullable();
const date = isoDateSchema.meta({ description: 'a date, YYYY-MM-DD' });

/** `credit_limit_minor` → `creditLimit`, `on_hand_qty` → `onHand`: list rows as the API names fields. */
function apiRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row))
    out[k.replace(/_(minor|qty)$/, '').replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = v;
  return out;
}

const rowsOf = (book: Parameters<typeof listRows>[0], list: ListName) => listRows(book, list).map(apiRow);

const notFound = (what: string, key: string) =>
  new TradeloopError(`${what}.not_found`, `no ${what} ${JSON.stringify(key)}`, { path: ['params'] });

// ── Schemas of what the API answers ─────────────────────────────────────────

const product = z.object({
  sku: z.string(),
  name: z.string(),
  nameEn: text,
  category: text,
  uom: z.string(),
  price: minor('the base price'),
  taxRate: z.int().meta({ description: 'VAT rate in basis points (1300 is 13%)' }),
  listed: z.boolean(),
  cost: minor('the moving cost; only for roles that see cost').optional(),
});

const customer = z.object({
  code: z.string(),
  name: z.string(),
  tier: text,
  channel: text,
  region: text,
  owner: text.meta({ description: 'the salesperson who owns the customer' }),
  creditLimit: minor('the credit limit; only for roles that see credit').nullable().optional(),
  terms: z.string(),
  paymentDays: z.int().nullable(),
  taxId: text,
  phone: text,
  address: text,
  bankAccount: text,
});

const orderStatus = z.enum([
  'pending_review',
  'awaiting_payment',
  'awaiting_shipment',
  'partially_shipped',
  'shipped',
  'completed',
  'cancelled',
]);

const orderRow = z.object({
  number: z.string(),
  orderDate: date,
  promiseDate: date,
  customer: z.string(),
  salesperson: text,
  warehouse: z.string(),
  terms: z.enum(['prepaid', 'credit']),
  status: orderStatus,
  net: minor('net of VAT'),
  tax: minor('VAT'),
  gross: minor('with VAT'),
  paid: minor('paid against the order'),
  channel: text,
  shipRegion: text,
  shipAddress: text,
});

const order = z.looseObject({
  number: z.string(),
  date,
  promiseDate: date,
  status: orderStatus,
  terms: z.enum(['prepaid', 'credit']),
  warehouse: z.string(),
  salesperson: text,
  customer: z.looseObject({ code: z.string(), name: z.string() }),
  net: minor('net of VAT'),
  tax: minor('VAT'),
  gross: minor('with VAT'),
  paid: minor('paid'),
  lines: z.array(
    z.looseObject({
      lineNo: z.int(),
      sku: z.string(),
      name: z.string(),
      qty: milli('ordered'),
      unitPrice: minor('the unit price'),
      net: minor('net'),
      tax: minor('VAT'),
      gross: minor('with VAT'),
      reserved: milli('reserved'),
      shipped: milli('shipped'),
      invoiced: milli('invoiced'),
    }),
  ),
  shipments: z.array(z.object({ number: z.string(), date, carrier: text, tracking: text })),
  invoices: z.array(
    z.object({
      number: z.string(),
      date,
      dueDate: date,
      vatKind: z.string(),
      gross: minor('with VAT'),
      open: minor('open'),
    }),
  ),
  payments: z.array(z.object({ number: z.string(), date, amount: minor('paid') })),
  actions: z.array(z.enum(ORDER_ACTIONS)).meta({ description: 'what fits the order’s state now' }),
});

const needs = z.array(z.object({ code: z.string(), role: z.string(), message: z.string() }));

const issue = z.object({ code: z.string(), path: z.array(z.union([z.string(), z.int()])), message: z.string() });

const invoiceRow = z.object({
  number: z.string(),
  kind: z.string(),
  vatKind: text.meta({ description: 'normal (普票) or special (专票)' }),
  party: z.string().meta({ description: 'the customer (or supplier) code' }),
  salesperson: text,
  date,
  dueDate: date,
  net: minor('net of VAT'),
  tax: minor('VAT'),
  gross: minor('with VAT'),
  cost: minor('cost of goods; only for roles that see cost').nullable().optional(),
  open: minor('still to be paid'),
});

const paymentRow = z.object({
  number: z.string(),
  kind: z.string(),
  party: z.string(),
  date,
  amount: minor('the amount'),
  writeOff: minor('written off with it'),
  account: text,
  allocated: minor('allocated to invoices'),
});

const stockRow = z.object({
  sku: z.string(),
  name: z.string(),
  warehouse: z.string(),
  onHand: milli('on hand'),
  reserved: milli('reserved for orders'),
  free: milli('on hand less reserved: what a new order can have'),
  value: minor('the FIFO value; only for roles that see cost').optional(),
});

const statement = z.object({
  party: z.enum(['customer', 'supplier']),
  code: z.string(),
  name: z.string(),
  from: date,
  to: date,
  opening: minor('owed before `from`'),
  lines: z.array(
    z.object({
      date,
      kind: z.string(),
      document: z.string(),
      reference: text,
      dueDate: date.nullable(),
      debit: minor('adds to what is owed'),
      credit: minor('takes off what is owed'),
      balance: minor('owed after this line'),
    }),
  ),
  debits: minor('the period’s debits'),
  credits: minor('the period’s credits'),
  closing: minor('owed at the end of `to`'),
});

// ── Schemas of what the API reads ───────────────────────────────────────────

const orderInput = z.object({
  customer: code,
  salesperson: code.optional().meta({ description: 'default: the customer’s owner' }),
  warehouse: code,
  date: date.optional().meta({ description: 'the order date; default today' }),
  promiseDate: date.optional(),
  channel: z.string().max(32).optional(),
  reference: z
    .string()
    .max(64)
    .optional()
    .meta({ description: 'the order’s number in the calling system, kept on the order' }),
  lines: z
    .array(
      z.object({
        sku: code,
        qty: milli('the quantity').pipe(z.int().positive()),
        price: minor('a price asked for instead of the list’s; beyond the seller’s authority it needs approval')
          .pipe(z.int().nonnegative())
          .optional(),
      }),
    )
    .min(1)
    .max(500),
});

type OrderInput = z.output<typeof orderInput>;

const placeInput = (book: Parameters<typeof placeSalesOrder>[0], o: OrderInput) => ({
  customer: o.customer,
  ...(o.salesperson ? { salesperson: o.salesperson } : {}),
  warehouse: o.warehouse,
  date: o.date ?? book.today(),
  ...(o.promiseDate ? { promiseDate: o.promiseDate } : {}),
  ...(o.channel ? { channel: o.channel } : {}),
  ...(o.reference ? { reference: o.reference } : {}),
  lines: o.lines.map((l) => ({
    sku: l.sku,
    qty: l.qty,
    ...(l.price !== undefined ? { requestedPrice: l.price } : {}),
  })),
});

const numberParam = z.object({ number: code });
const codeParam = z.object({ code });
const skuParam = z.object({ sku: code });
const dated = z.object({ date: date.optional().meta({ description: 'default today' }) });

// ── The operations ──────────────────────────────────────────────────────────

export const OPERATIONS: readonly Operation<never, never, never>[] = [
  operation({
    id: 'listProducts',
    method: 'GET',
    path: '/products',
    tag: 'products',
    summary: 'Products, by SKU',
    description:
      '`q` finds listed products by SKU, name, English name, barcode or pinyin initials (at most 200), codes that start with it first; without `q`, every product by SKU.',
    scope: 'products:read',
    query: z.object({ q: z.string().max(100).optional(), ...paging }),
    status: 200,
    response: pageOf(product),
    run: ({ book, query }) => {
      book.requirePermission('book.read');
      const sees = seesColumns(book.principal, 'cost');
      const shown = (p: ReturnType<typeof listProducts>[number]) => {
        const { cost, ...rest } = p;
        return sees ? { ...rest, cost } : rest;
      };
      if (query.q) {
        // Found products in the order they were found: codes that start with it, then pinyin initials.
        const found = findProducts(book, query.q, 200).map((p) => p.sku);
        const products = found.map((sku) => getProduct(book, sku)).filter((p) => p !== undefined);
        return page(products.map(shown), (p) => p.sku, query);
      }
      const after = readCursor(query.cursor);
      const products = listProducts(book, { limit: query.limit + 1, ...(after === undefined ? {} : { after }) });
      const rows = products.slice(0, query.limit);
      return {
        data: rows.map(shown),
        next: products.length > query.limit ? cursorAfter(rows.at(-1)?.sku ?? '') : null,
      };
    },
  }),
  operation({
    id: 'getProduct',
    method: 'GET',
    path: '/products/{sku}',
    tag: 'products',
    summary: 'One product',
    scope: 'products:read',
    params: skuParam,
    status: 200,
    response: product,
    run: ({ book, params }) => {
      book.requirePermission('book.read');
      const p = getProduct(book, params.sku);
      if (!p) throw notFound('product', params.sku);
      const { cost, ...rest } = p;
      return seesColumns(book.principal, 'cost') ? { ...rest, cost } : rest;
    },
  }),
  operation({
    id: 'listCustomers',
    method: 'GET',
    path: '/customers',
    tag: 'customers',
    summary: 'Customers the caller sees, by code',
    scope: 'customers:read',
    query: z.object({ ...paging }),
    status: 200,
    response: pageOf(customer),
    run: ({ book, query }) => {
      const after = readCursor(query.cursor);
      return keyed(listPage(book, 'customers', { limit: query.limit, after }), apiRow);
    },
  }),
  operation({
    id: 'getCustomer',
    method: 'GET',
    path: '/customers/{code}',
    tag: 'customers',
    summary: 'One customer',
    description: 'A customer the caller does not see answers 404, as one the book does not hold.',
    scope: 'customers:read',
    params: codeParam,
    status: 200,
    response: customer,
    run: ({ book, params }) => {
      const row = listPage(book, 'customers', { limit: 1, where: { code: params.code } }).rows.map(apiRow)[0];
      if (!row) throw notFound('customer', params.code);
      return row;
    },
  }),
  operation({
    id: 'getStatement',
    method: 'GET',
    path: '/customers/{code}/statement',
    tag: 'customers',
    summary: 'A customer’s statement of account (对账单) for a period',
    description: 'Default period: this month to date.',
    scope: 'statements:read',
    params: codeParam,
    query: z.object({ from: date.optional(), to: date.optional() }),
    status: 200,
    response: statement,
    run: ({ book, params, query }) => {
      const today = book.today();
      const from = query.from ?? `${today.slice(0, 7)}-01`;
      const to = query.to ?? today;
      if (from > to)
        throw new TradeloopError('input.invalid', `from ${from} is after to ${to}`, { path: ['query', 'from'] });
      return statementOfAccount(book, { customer: params.code, from, to });
    },
  }),
  operation({
    id: 'quoteOrder',
    method: 'POST',
    path: '/quotes',
    tag: 'orders',
    summary: 'Price an order without placing it',
    description:
      'The placing command run as a preview and rolled back: each line’s price and how it was found, the approvals the order would need, the stock free per line, and why placing it would be refused. Nothing is kept.',
    scope: 'orders:read',
    body: orderInput,
    status: 200,
    response: z.object({
      order: order.nullable(),
      needs,
      available: z.array(milli('free in the warehouse now')),
      issues: z.array(issue),
    }),
    run: ({ book, body }) => {
      const q = quoteSalesOrder(book, placeInput(book, body));
      return { order: q.order, needs: q.needs, available: q.available, issues: q.issues };
    },
  }),
  operation({
    id: 'listOrders',
    method: 'GET',
    path: '/orders',
    tag: 'orders',
    summary: 'Sales orders the caller sees, by number',
    scope: 'orders:read',
    query: z.object({ customer: code.optional(), status: orderStatus.optional(), ...paging }),
    status: 200,
    response: pageOf(orderRow),
    run: ({ book, query }) => {
      const where = {
        ...(query.customer === undefined ? {} : { customer: query.customer }),
        ...(query.status === undefined ? {} : { status: query.status }),
      };
      return keyed(listPage(book, 'orders', { limit: query.limit, after: readCursor(query.cursor), where }), apiRow);
    },
  }),
  operation({
    id: 'placeOrder',
    method: 'POST',
    path: '/orders',
    tag: 'orders',
    summary: 'Place a sales order',
    description:
      'Prices come from the book’s price lists; the order waits in pending_review, with the approvals it needs named. Send an Idempotency-Key so that a retried request places one order.',
    scope: 'orders:write',
    command: 'placeSalesOrder',
    body: orderInput,
    status: 201,
    response: z.object({
      number: z.string(),
      status: orderStatus,
      needs,
      lines: z.array(z.looseObject({ lineNo: z.int(), sku: z.string(), unitPrice: minor('the price found') })),
    }),
    run: ({ book, body }) => {
      const placed = placeSalesOrder(book, placeInput(book, body));
      return { number: placed.number, status: 'pending_review', needs: placed.needs, lines: placed.lines };
    },
    location: (a: { number: string }) => `/orders/${encodeURIComponent(a.number)}`,
  }),
  operation({
    id: 'getOrder',
    method: 'GET',
    path: '/orders/{number}',
    tag: 'orders',
    summary: 'One sales order: lines, shipments with carrier and tracking number, invoices, payments',
    scope: 'orders:read',
    params: numberParam,
    status: 200,
    response: order,
    run: ({ book, params }) => orderView(book, params.number),
  }),
  operation({
    id: 'approveOrder',
    method: 'POST',
    path: '/orders/{number}/approve',
    tag: 'orders',
    summary: 'Approve the steps of an order the caller may decide',
    description:
      'Once no step waits, stock is reserved and what cannot be becomes purchase requisitions; `waiting` names the steps still waiting for someone else.',
    scope: 'orders:write',
    command: 'approveSalesOrder',
    params: numberParam,
    status: 200,
    response: z.object({
      status: orderStatus,
      requisitions: z.array(z.string()),
      waiting: z.array(z.looseObject({ role: z.string() })).optional(),
    }),
    run: ({ book, params }) => approveSalesOrder(book, params.number),
  }),
  operation({
    id: 'rejectOrder',
    method: 'POST',
    path: '/orders/{number}/reject',
    tag: 'orders',
    summary: 'Reject an order waiting for approval, with the reason',
    scope: 'orders:write',
    command: 'rejectSalesOrder',
    params: numberParam,
    body: z.object({ reason: z.string().trim().min(1).max(500) }),
    status: 200,
    response: z.object({ status: orderStatus }),
    run: ({ book, params, body }) => rejectSalesOrder(book, params.number, body.reason),
  }),
  operation({
    id: 'cancelOrder',
    method: 'POST',
    path: '/orders/{number}/cancel',
    tag: 'orders',
    summary: 'Cancel an order before it ships',
    scope: 'orders:write',
    command: 'cancelSalesOrder',
    params: numberParam,
    status: 200,
    response: z.object({ status: orderStatus }),
    run: ({ book, params }) => cancelSalesOrder(book, params.number),
  }),
  operation({
    id: 'shipOrder',
    method: 'POST',
    path: '/orders/{number}/ship',
    tag: 'orders',
    summary: 'Ship what is reserved (FIFO pick), with carrier and tracking number',
    scope: 'orders:write',
    command: 'shipSalesOrder',
    params: numberParam,
    body: dated.extend({
      carrier: z.string().max(64).optional(),
      trackingNumber: z.string().max(64).optional(),
      lines: z
        .array(z.object({ lineNo: z.int().positive(), qty: milli('to ship').pipe(z.int().positive()) }))
        .optional()
        .meta({ description: 'part of the order; default everything reserved' }),
    }),
    status: 200,
    response: z.object({
      shipment: z.string(),
      status: orderStatus,
      cost: minor('cost of the goods shipped; only for roles that see cost').optional(),
    }),
    run: ({ book, params, body }) => {
      const { cost, ...shipped } = shipSalesOrder(book, params.number, {
        date: body.date ?? book.today(),
        ...(body.carrier ? { carrier: body.carrier } : {}),
        ...(body.trackingNumber ? { trackingNumber: body.trackingNumber } : {}),
        ...(body.lines ? { lines: body.lines } : {}),
      });
      return seesColumns(book.principal, 'cost') ? { ...shipped, cost } : shipped;
    },
  }),
  operation({
    id: 'invoiceOrder',
    method: 'POST',
    path: '/orders/{number}/invoice',
    tag: 'orders',
    summary: 'Invoice what has shipped and is not invoiced yet',
    scope: 'orders:write',
    command: 'invoiceSalesOrder',
    params: numberParam,
    body: dated.extend({ vatKind: z.enum(['normal', 'special']).optional() }),
    status: 200,
    response: z.object({ invoice: z.string(), gross: minor('with VAT'), status: orderStatus }),
    run: ({ book, params, body }) =>
      invoiceSalesOrder(book, params.number, {
        date: body.date ?? book.today(),
        ...(body.vatKind ? { vatKind: body.vatKind } : {}),
      }),
  }),
  operation({
    id: 'payOrder',
    method: 'POST',
    path: '/orders/{number}/payments',
    tag: 'payments',
    summary: 'Record a customer’s payment against an order',
    scope: 'payments:write',
    command: 'recordSalesOrderPayment',
    params: numberParam,
    body: dated.extend({
      amount: minor('the amount received').pipe(z.int().positive()),
      account: z
        .enum(['1001', '1002', '1012'])
        .optional()
        .meta({ description: 'received into: 1001 cash, 1002 bank (default), 1012 WeChat Pay / Alipay' }),
    }),
    status: 201,
    response: z.object({ status: orderStatus, payment: z.string() }),
    run: ({ book, params, body }) =>
      recordSalesOrderPayment(book, params.number, {
        date: body.date ?? book.today(),
        amount: body.amount,
        ...(body.account ? { account: body.account } : {}),
      }),
  }),
  operation({
    id: 'listStock',
    method: 'GET',
    path: '/stock',
    tag: 'stock',
    summary: 'Stock on hand, reserved and free, by SKU and warehouse',
    scope: 'stock:read',
    query: z.object({ sku: code.optional(), warehouse: code.optional(), ...paging }),
    status: 200,
    response: pageOf(stockRow),
    run: ({ book, query }) =>
      page(
        rowsOf(book, 'stock')
          .filter(
            (r) =>
              (query.sku === undefined || r.sku === query.sku) &&
              (query.warehouse === undefined || r.warehouse === query.warehouse),
          )
          .map((r): Record<string, unknown> => ({ ...r, free: Number(r.onHand) - Number(r.reserved) })),
        (r) => `${r.sku}\u0000${r.warehouse}`,
        query,
      ),
  }),
  operation({
    id: 'listInvoices',
    method: 'GET',
    path: '/invoices',
    tag: 'invoices',
    summary: 'Invoices the caller sees, by number',
    scope: 'invoices:read',
    query: z.object({ party: code.optional(), open: z.enum(['true', 'false']).optional(), ...paging }),
    status: 200,
    response: pageOf(invoiceRow),
    run: ({ book, query }) =>
      keyed(
        listPage(book, 'invoices', {
          limit: query.limit,
          after: readCursor(query.cursor),
          where: query.party === undefined ? {} : { party: query.party },
          ...(query.open === undefined ? {} : { open: query.open === 'true' }),
        }),
        apiRow,
      ),
  }),
  operation({
    id: 'getInvoice',
    method: 'GET',
    path: '/invoices/{number}',
    tag: 'invoices',
    summary: 'One invoice',
    scope: 'invoices:read',
    params: numberParam,
    status: 200,
    response: invoiceRow,
    run: ({ book, params }) => {
      const row = listPage(book, 'invoices', { limit: 1, where: { number: params.number } }).rows.map(apiRow)[0];
      if (!row) throw notFound('invoice', params.number);
      return row;
    },
  }),
  operation({
    id: 'listPayments',
    method: 'GET',
    path: '/payments',
    tag: 'payments',
    summary: 'Payments the caller sees, by number',
    scope: 'payments:read',
    query: z.object({ party: code.optional(), ...paging }),
    status: 200,
    response: pageOf(paymentRow),
    run: ({ book, query }) =>
      keyed(
        listPage(book, 'payments', {
          limit: query.limit,
          after: readCursor(query.cursor),
          where: query.party === undefined ? {} : { party: query.party },
        }),
        apiRow,
      ),
  }),
] as unknown as readonly Operation<never, never, never>[];
