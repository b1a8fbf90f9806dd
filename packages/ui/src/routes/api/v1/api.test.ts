import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_SCOPES, type ApiScope } from '@tradeloop/core';
import {
  addUser,
  Book,
  createApiToken,
  listRows,
  postOpeningStock,
  upsertMasterData,
  upsertProducts,
} from '@tradeloop/store';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHandler } from '$lib/server/api/dispatch';
import { guard } from '$lib/server/guard';
import { OWNER, requestEvent } from '$lib/server/test-support';
import { GET as openapi } from './openapi.json/+server';

const dir = mkdtempSync(join(tmpdir(), 'tradeloop-api-'));
let book: Book;
const tokens: Record<string, string> = {};

const product = (sku: string, name: string, price: number) => ({
  sku,
  name,
  nameEn: null,
  category: '茶',
  uom: 'box',
  taxRate: 1300,
  listed: true,
  price,
  cost: Math.round(price / 2),
});

beforeAll(async () => {
  book = await Book.create(join(dir, 'co.db'), { clock: () => new Date('2026-03-02T02:00:00Z') });
  book.actAs(OWNER);
  upsertProducts(book, [product('TEA-001', '西湖龙井', 18_800), product('TEA-002', '铁观音', 9_600)]);
  upsertMasterData(book, {
    warehouses: [{ code: 'WH1', name: '总仓' }],
    salespeople: [
      { code: 'lin', name: '林', level: 'junior' },
      { code: 'wang', name: '王', level: 'junior' },
    ],
    customers: [
      { code: 'C001', name: '华东贸易', owner: 'lin', creditLimit: 10_000_000, terms: 'prepaid', paymentDays: 30 },
      { code: 'C002', name: '华南贸易', owner: 'wang', creditLimit: 10_000_000, terms: 'credit', paymentDays: 30 },
    ],
  } as never);
  postOpeningStock(book, [
    { sku: 'TEA-001', warehouse: 'WH1', qty: 50_000, value: 500_000, date: '2026-03-01' },
    { sku: 'TEA-002', warehouse: 'WH1', qty: 20_000, value: 96_000, date: '2026-03-01' },
  ]);
  // A password makes the book one people sign in to: no token, no answer.
  await addUser(book, { name: 'boss', roles: ['owner'] }, 'a long enough password');
  await addUser(book, { name: 'lin', roles: ['salesperson'], salesperson: 'lin' });
  await addUser(book, { name: 'wang', roles: ['salesperson'], salesperson: 'wang' });
  await addUser(book, { name: 'shop', roles: ['customer'], customer: 'C002' });
  const make = (name: string, user: string, scopes?: ApiScope[]) => {
    tokens[name] = createApiToken(book, user, { ttlMs: 86_400_000, ...(scopes ? { scopes } : {}) }).token;
  };
  make('all', 'boss', [...API_SCOPES]);
  make('readOrders', 'boss', ['orders:read']);
  make('none', 'boss');
  make('lin', 'lin', [...API_SCOPES]);
  make('shop', 'shop', [...API_SCOPES]);
});
afterAll(() => {
  book.close();
  rmSync(dir, { recursive: true, force: true });
});

const ORIGIN = 'http://127.0.0.1:5173';

// biome-ignore lint/suspicious/noExplicitAny: answers are JSON, read field by field by the assertions
type Json = any;

/** A request as a program sends it, through the server's guard and the API, in-process. */
async function call(
  method: string,
  path: string,
  options: {
    token?: string | null;
    body?: unknown;
    headers?: Record<string, string>;
    api?: ReturnType<typeof apiHandler>;
  } = {},
) {
  const open = () => Promise.resolve(book);
  const api = options.api ?? served;
  const token = options.token === undefined ? tokens.all : options.token;
  const { event } = requestEvent({
    method,
    url: `${ORIGIN}/api/v1${path}`,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const response = await guard({ book: open })({ event, resolve: (e) => api(e) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}

const served = apiHandler({ book: () => Promise.resolve(book), rate: 10_000 });

describe('the OpenAPI document', async () => {
  const doc = (await (await openapi({} as never)).json()) as {
    openapi: string;
    paths: Record<string, Record<string, Json>>;
    components: { schemas: Record<string, unknown> };
  };
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');

  /** Whether a body is what the document says this operation answers with this status. */
  const asDocumented = (path: string, method: string, status: number, body: unknown) => {
    const op = doc.paths[path]?.[method];
    const answer = op?.responses?.[status];
    if (!answer) return [`${method.toUpperCase()} ${path} documents no ${status}`];
    const schema = JSON.parse(
      JSON.stringify(answer.content['application/json'].schema).replaceAll('"#/components', '"doc#/components'),
    );
    const validate = ajv.compile(schema);
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };

  it('is OpenAPI 3.1, each operation with its scope, parameters and answers', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(ops.length).toBeGreaterThanOrEqual(19);
    for (const op of ops) {
      expect(op.security[0].bearer).toHaveLength(1);
      expect(op.responses['401']).toBeDefined();
    }
    expect(doc.paths['/orders']?.post.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
  });

  /**
   * A shop's system sells, follows and settles an order through every documented operation, each
   * answer checked against the document. Steps run in order; every operation of the document
   * must be among them.
   */
  const steps: {
    op: string;
    path: (s: Record<string, string>) => string;
    body?: (s: Record<string, string>) => unknown;
    keep?: (body: Json, s: Record<string, string>) => void;
  }[] = [
    { op: 'get /products', path: () => '/products?q=xhlj' },
    { op: 'get /products/{sku}', path: () => '/products/TEA-001' },
    { op: 'get /customers', path: () => '/customers?limit=1' },
    { op: 'get /customers/{code}', path: () => '/customers/C001' },
    { op: 'get /stock', path: () => '/stock?sku=TEA-001' },
    {
      op: 'post /quotes',
      path: () => '/quotes',
      body: () => ({ customer: 'C001', warehouse: 'WH1', lines: [{ sku: 'TEA-001', qty: 2_000 }] }),
    },
    {
      op: 'post /orders',
      path: () => '/orders',
      body: () => ({ customer: 'C001', warehouse: 'WH1', reference: 'WEB-1', lines: [{ sku: 'TEA-001', qty: 2_000 }] }),
      keep: (b, s) => {
        s.order = b.number;
      },
    },
    {
      op: 'post /orders',
      path: () => '/orders',
      // Far below the list price: it waits for a sales manager's approval, and is rejected.
      body: () => ({ customer: 'C001', warehouse: 'WH1', lines: [{ sku: 'TEA-002', qty: 1_000, price: 5_000 }] }),
      keep: (b, s) => {
        s.second = b.number;
      },
    },
    {
      op: 'post /orders/{number}/reject',
      path: (s) => `/orders/${s.second}/reject`,
      body: () => ({ reason: '重复下单' }),
    },
    {
      op: 'post /orders',
      path: () => '/orders',
      body: () => ({ customer: 'C001', warehouse: 'WH1', lines: [{ sku: 'TEA-002', qty: 1_000 }] }),
      keep: (b, s) => {
        s.third = b.number;
      },
    },
    { op: 'post /orders/{number}/cancel', path: (s) => `/orders/${s.third}/cancel` },
    { op: 'post /orders/{number}/approve', path: (s) => `/orders/${s.order}/approve` },
    {
      op: 'get /orders/{number}',
      path: (s) => `/orders/${s.order}`,
      keep: (b, s) => {
        s.gross = String(b.gross);
      },
    },
    // Prepaid: the customer pays before it ships.
    {
      op: 'post /orders/{number}/payments',
      path: (s) => `/orders/${s.order}/payments`,
      body: (s) => ({ amount: Number(s.gross), account: '1012' }),
    },
    {
      op: 'post /orders/{number}/ship',
      path: (s) => `/orders/${s.order}/ship`,
      body: () => ({ carrier: '顺丰', trackingNumber: 'SF1234567890' }),
    },
    {
      op: 'post /orders/{number}/invoice',
      path: (s) => `/orders/${s.order}/invoice`,
      body: () => ({ vatKind: 'special' }),
      keep: (b, s) => {
        s.invoice = b.invoice;
      },
    },
    { op: 'get /orders', path: () => '/orders?customer=C001' },
    { op: 'get /invoices', path: () => '/invoices?open=true' },
    { op: 'get /invoices/{number}', path: (s) => `/invoices/${s.invoice}` },
    { op: 'get /payments', path: () => '/payments?party=C001' },
    { op: 'get /customers/{code}/statement', path: () => '/customers/C001/statement?from=2026-03-01&to=2026-03-31' },
  ];

  it('has a step for each of its operations', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(new Set(steps.map((s) => s.op))).toEqual(new Set(documented));
  });

  it('answers every operation as documented, as a shop’s system places and follows an order', async () => {
    const state: Record<string, string> = {};
    for (const step of steps) {
      const [method = '', path = ''] = step.op.split(' ');
      const r = await call(method.toUpperCase(), step.path(state), step.body ? { body: step.body(state) } : {});
      const success = Object.keys(doc.paths[path]?.[method].responses).find((s) => s.startsWith('2'));
      expect({ step: step.op, status: r.status, body: r.status >= 300 ? r.body : undefined }).toEqual({
        step: step.op,
        status: Number(success),
        body: undefined,
      });
      expect({ step: step.op, problems: asDocumented(path, method, r.status, r.body) }).toEqual({
        step: step.op,
        problems: [],
      });
      step.keep?.(r.body, state);
    }
    // Followed to the end: shipped with its tracking number, invoiced and paid.
    const order = await call('GET', `/orders/${state.order}`);
    expect(order.body).toMatchObject({
      status: 'completed',
      shipments: [{ carrier: '顺丰', tracking: 'SF1234567890' }],
      invoices: [{ number: state.invoice, open: 0 }],
    });
    const refused = await call('GET', '/orders/SO-NONE');
    expect(refused).toMatchObject({ status: 404, body: { code: 'order.not_found' } });
    expect(asDocumented('/orders/{number}', 'get', 404, refused.body)).toEqual([]);
  });
});

describe('the API refuses', () => {
  it('a request without a token, or with one unknown, as 401 with a Bearer challenge', async () => {
    const none = await call('GET', '/products', { token: null });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('auth.required');
    const forged = await call('GET', '/products', { token: 'tl_forged' });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('auth.token_invalid');
    expect(forged.headers.get('www-authenticate')).toContain('Bearer');
    const basic = await call('GET', '/products', { token: null, headers: { authorization: 'Basic Ym9zczpwYXNz' } });
    expect(basic.status).toBe(401);
  });

  it('what a token’s scopes do not cover, and a token made without scopes', async () => {
    const read = await call('GET', '/orders', { token: tokens.readOrders });
    expect(read.status).toBe(200);
    const write = await call('POST', '/orders', {
      token: tokens.readOrders,
      body: { customer: 'C001', warehouse: 'WH1', lines: [{ sku: 'TEA-001', qty: 1_000 }] },
    });
    expect(write).toMatchObject({ status: 403, body: { code: 'api.scope_missing', path: ['orders:write'] } });
    const none = await call('GET', '/products', { token: tokens.none });
    expect(none).toMatchObject({ status: 403, body: { code: 'api.scope_missing' } });
  });

  it('a customer asking for another customer’s order, and a salesperson for another’s customer', async () => {
    const theirs = await call('POST', '/orders', {
      body: { customer: 'C001', warehouse: 'WH1', lines: [{ sku: 'TEA-001', qty: 1_000 }] },
    });
    const byShop = await call('GET', `/orders/${theirs.body.number}`, { token: tokens.shop });
    expect(byShop.status).toBe(403);
    expect(byShop.body.code).toMatch(/^permission\./);
    const shopList = await call('GET', '/orders', { token: tokens.shop });
    expect(shopList.body.data.map((o: { customer: string }) => o.customer)).not.toContain('C001');
    const byLin = await call('GET', '/customers/C002', { token: tokens.lin });
    expect(byLin.status).toBe(404);
    const sellToOther = await call('POST', '/orders', {
      token: tokens.lin,
      body: { customer: 'C002', warehouse: 'WH1', lines: [{ sku: 'TEA-001', qty: 1_000 }] },
    });
    expect(sellToOther.status).toBe(403);
    // The salesperson sees no cost: the product answers without it.
    const tea = await call('GET', '/products/TEA-001', { token: tokens.lin });
    expect(tea.body).not.toHaveProperty('cost');
    expect((await call('GET', '/products/TEA-001')).body).toHaveProperty('cost', 9_400);
  });

  it('a body it cannot read, naming the field, and an unknown path or method', async () => {
    const bad = await call('POST', '/orders', {
      body: { customer: 'C001', warehouse: 'WH1', lines: [{ sku: 'TEA-001', qty: 1.5 }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'input.invalid', path: ['body', 'lines', 0, 'qty'] });
    const notJson = await call('POST', '/orders', { body: '{"customer":' });
    expect(notJson).toMatchObject({ status: 400, body: { path: ['body'] } });
    expect((await call('GET', '/nothing')).status).toBe(404);
    const put = await call('PUT', '/orders');
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
  });
});

describe('idempotency keys', () => {
  const order = { customer: 'C001', warehouse: 'WH1', lines: [{ sku: 'TEA-002', qty: 1_000 }] };
  const orders = () => {
    book.actAs(OWNER);
    return listRows(book, 'orders').length;
  };

  it('answer a POST sent again with the same key as the first time, and place one order', async () => {
    const before = orders();
    const first = await call('POST', '/orders', { body: order, headers: { 'idempotency-key': 'web-42' } });
    const again = await call('POST', '/orders', { body: order, headers: { 'idempotency-key': 'web-42' } });
    expect(first.status).toBe(201);
    expect(again).toMatchObject({ status: 201, body: { number: first.body.number } });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('location')).toBe(`/api/v1/orders/${first.body.number}`);
    expect(orders()).toBe(before + 1);
  });

  it('refuse the same key with another request, and keep nothing of a refused one', async () => {
    await call('POST', '/orders', { body: order, headers: { 'idempotency-key': 'web-43' } });
    const other = await call('POST', '/orders', {
      body: { ...order, lines: [{ sku: 'TEA-002', qty: 2_000 }] },
      headers: { 'idempotency-key': 'web-43' },
    });
    expect(other).toMatchObject({ status: 422, body: { code: 'idempotency.mismatch' } });
    const unknown = { ...order, customer: 'C404' };
    const refused = await call('POST', '/orders', { body: unknown, headers: { 'idempotency-key': 'web-44' } });
    expect(refused).toMatchObject({ status: 422, body: { code: 'command.rejected' } });
    expect(refused.body.message).toContain('C404');
    const fixed = await call('POST', '/orders', { body: order, headers: { 'idempotency-key': 'web-44' } });
    expect(fixed.status).toBe(201);
  });

  it('are each user’s own', async () => {
    const boss = await call('POST', '/orders', { body: order, headers: { 'idempotency-key': 'shared' } });
    const lin = await call('POST', '/orders', {
      token: tokens.lin,
      body: order,
      headers: { 'idempotency-key': 'shared' },
    });
    expect(lin.status).toBe(201);
    expect(lin.body.number).not.toBe(boss.body.number);
  });
});

describe('pages and rate limits', () => {
  it('walk a list a page at a time, every row once', async () => {
    const all = (await call('GET', '/orders?limit=500')).body.data.map((o: { number: string }) => o.number);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: { data: { number: string }[]; next: string | null } } = await call(
        'GET',
        `/orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...r.body.data.map((o) => o.number));
      cursor = r.body.next;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(4);
    const products: string[] = [];
    let next: string | null = null;
    do {
      const r: { body: { data: { sku: string }[]; next: string | null } } = await call(
        'GET',
        `/products?limit=1${next ? `&cursor=${next}` : ''}`,
      );
      products.push(...r.body.data.map((p) => p.sku));
      next = r.body.next;
    } while (next);
    expect(products).toEqual(['TEA-001', 'TEA-002']);
    const lost = await call('GET', '/orders?cursor=bm9wZQ');
    expect(lost).toMatchObject({ status: 400, body: { code: 'query.cursor_invalid' } });
  });

  it('refuse a token past its rate with 429 and Retry-After, another token unaffected', async () => {
    const api = apiHandler({ book: () => Promise.resolve(book), rate: 3 });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call('GET', '/products/TEA-001', { api }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0]?.headers.get('ratelimit-remaining')).toBe('2');
    expect(answers[3]?.body.code).toBe('api.rate_limited');
    expect(Number(answers[3]?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call('GET', '/products/TEA-001', { api, token: tokens.lin })).status).toBe(200);
  });
});
