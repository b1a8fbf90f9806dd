import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Handle, isHttpError, isRedirect, json } from '@sveltejs/kit';
import {
  actorFromToken,
  addUser,
  approveSalesOrder,
  Book,
  getProduct,
  listProducts,
  placeSalesOrder,
  signIn,
  upsertMasterData,
  upsertProducts,
  userLocale,
} from '@tradeloop/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeRequest } from '$lib/server/test-support';

const ORIGIN = 'http://127.0.0.1:5173';
const PASSWORD = 'a long enough secret';

const tea = {
  sku: 'TEA-001',
  name: '西湖龙井',
  nameEn: 'West Lake Longjing',
  category: '饮料/茶叶',
  uom: 'box',
  price: 8800,
  // The sentinel: a salesperson's page must never carry it.
  cost: 77777,
  taxRate: 1300,
  listed: true,
};

interface Answer {
  status: number;
  body: Record<string, unknown>;
  location?: string;
  set: Map<string, { value: string; options: Record<string, unknown> }>;
}

/**
 * The app as `tradeloop serve` runs it over the book at `path`, made in-process: a fresh server's
 * modules, its guard (the hook) in front of its routes. `send` answers what a browser would get.
 */
async function app(path: string, guardOptions: { allowedHosts?: string[] } = {}) {
  process.env.TRADELOOP_DB = path;
  vi.resetModules();
  const { guard } = await import('$lib/server/guard');
  const { requestEvent } = await import('$lib/server/test-support');
  const { book } = await import('$lib/server/book');
  const home = await import('./+page.server');
  const grid = await import('./grid/[kind]/+page.server');
  const dashboard = await import('./dashboard/+page.server');
  const edit = await import('./api/products/[sku]/+server');
  const gridRows = await import('./api/grid/[kind]/rows/+server');
  const login = await import('./login/+page.server');
  const logout = await import('./logout/+server');
  const importFile = await import('./api/import/[kind]/+server');
  const exportGrid = await import('./api/grid/[kind]/export/+server');
  const locale = await import('./locale/+server');
  const quote = await import('./api/orders/quote/+server');
  const orderPage = await import('./orders/[number]/+page.server');
  const approvalsPage = await import('./approvals/+page.server');
  const alertsPage = await import('./alerts/+page.server');
  const reconcile = await import('./reconcile/+page.server');
  const poPage = await import('./purchase-orders/[number]/+page.server');
  const customerPage = await import('./customers/[code]/+page.server');
  const statementPage = await import('./statements/[party]/[code]/+page.server');
  const statementFile = await import('./statements/[party]/[code]/export/+server');
  const reportsIndex = await import('./reports/+page.server');
  const agingPage = await import('./reports/aging/+page.server');
  const agingFile = await import('./reports/aging/export/+server');
  const reportPage = await import('./reports/[report]/+page.server');
  const reportFile = await import('./reports/[report]/export/+server');
  const transferPage = await import('./stock/transfer/+page.server');
  const countsPage = await import('./stock/counts/+page.server');
  const countSheet = await import('./stock/counts/[number]/+page.server');
  const deskPage = await import('./purchasing/+page.server');
  const rfqPage = await import('./rfqs/[number]/+page.server');
  const handle: Handle = guard({ origin: ORIGIN, ...guardOptions });

  /** The routes, as SvelteKit would dispatch them after the hook. */
  const route = async (event: ReturnType<typeof requestEvent>['event']): Promise<Response> => {
    const { pathname } = event.url;
    const method = event.request.method;
    const sku = /^\/api\/products\/([^/]+)$/.exec(pathname)?.[1];
    if (sku && method === 'PATCH') {
      event.params = { sku: decodeURIComponent(sku) };
      return edit.PATCH(event as never);
    }
    const kind = /^\/api\/grid\/([^/]+)\/rows$/.exec(pathname)?.[1];
    if (kind && (method === 'POST' || method === 'DELETE')) {
      event.params = { kind };
      return gridRows[method](event as never);
    }
    const importKind = /^\/api\/import\/([^/]+)$/.exec(pathname)?.[1];
    if (importKind && method === 'POST') {
      event.params = { kind: importKind };
      return importFile.POST(event as never);
    }
    const exportKind = /^\/api\/grid\/([^/]+)\/export$/.exec(pathname)?.[1];
    if (exportKind && method === 'GET') {
      event.params = { kind: exportKind };
      const file = await exportGrid.GET(event as never);
      return file.ok ? json({ text: await file.text() }) : file;
    }
    if (pathname === '/api/orders/quote' && method === 'POST') return quote.POST(event as never);
    const po = /^\/purchase-orders\/(PO-[^/]+)$/.exec(pathname)?.[1];
    if (po && method === 'POST') {
      event.params = { number: po };
      const action = event.url.search.replace(/^\?\//, '') as keyof typeof poPage.actions;
      const outcome = (await poPage.actions[action]?.(event as never)) as { status?: number; data?: unknown };
      return json(outcome?.data ?? outcome, { status: outcome?.status ?? 200 });
    }
    if (pathname === '/reconcile') {
      if (method === 'GET') return json(await reconcile.load(event as never));
      const action = event.url.search.replace(/^\?\//, '') as keyof typeof reconcile.actions;
      const outcome = (await reconcile.actions[action]?.(event as never)) as { status?: number; data?: unknown };
      return json(outcome?.data ?? outcome, { status: outcome?.status ?? 200 });
    }
    const order = /^\/orders\/(SO-[^/]+)$/.exec(pathname)?.[1];
    if (order) {
      event.params = { number: order };
      if (method === 'GET') return json(await orderPage.load(event as never));
      const action = event.url.search.replace(/^\?\//, '') as keyof typeof orderPage.actions;
      const outcome = (await orderPage.actions[action]?.(event as never)) as {
        status?: number;
        data?: unknown;
      };
      return json(outcome?.data ?? outcome, { status: outcome?.status ?? 200 });
    }
    const inbox = { '/approvals': approvalsPage, '/alerts': alertsPage }[pathname];
    if (inbox) {
      if (method === 'GET') return json(await inbox.load(event as never));
      const action = event.url.search.replace(/^\?\//, '') as keyof typeof inbox.actions;
      const outcome = (await inbox.actions[action]?.(event as never)) as { status?: number; data?: unknown };
      return json(outcome?.data ?? outcome, { status: outcome?.status ?? 200 });
    }
    const customer = /^\/customers\/([^/]+)$/.exec(pathname)?.[1];
    if (customer) {
      event.params = { code: decodeURIComponent(customer) };
      if (method === 'GET') return json(await customerPage.load(event as never));
      const action = event.url.search.replace(/^\?\//, '') as keyof typeof customerPage.actions;
      const outcome = (await customerPage.actions[action]?.(event as never)) as { status?: number; data?: unknown };
      return json(outcome?.data ?? outcome, { status: outcome?.status ?? 200 });
    }
    const statement = /^\/statements\/([^/]+)\/([^/]+)(\/export)?$/.exec(pathname);
    if (statement && method === 'GET') {
      event.params = { party: statement[1] as string, code: decodeURIComponent(statement[2] as string) };
      if (!statement[3]) return json(await statementPage.load(event as never));
      const file = await statementFile.GET(event as never);
      return file.ok ? json({ text: await file.text() }) : file;
    }
    if (pathname === '/reports' && method === 'GET') return json(await reportsIndex.load(event as never));
    if (pathname === '/reports/aging' && method === 'GET') return json(await agingPage.load(event as never));
    const report = /^\/reports\/([^/]+)(\/export)?$/.exec(pathname);
    if (report && method === 'GET') {
      const file = report[2] ? await (report[1] === 'aging' ? agingFile : reportFile).GET(event as never) : undefined;
      if (file) return file.ok ? json({ text: await file.text() }) : file;
      event.params = { report: report[1] as string };
      return json(await reportPage.load(event as never));
    }
    const stock = { '/stock/transfer': transferPage, '/stock/counts': countsPage }[pathname];
    const count = /^\/stock\/counts\/(CNT-[^/]+)$/.exec(pathname)?.[1];
    if ((stock || count) && method === 'POST') {
      if (count) event.params = { number: count };
      const page = (stock ?? countSheet) as { actions: Record<string, (e: never) => unknown> };
      const action = event.url.search.replace(/^\?\//, '');
      const outcome = (await page.actions[action]?.(event as never)) as { status?: number; data?: unknown };
      return json(outcome?.data ?? outcome, { status: outcome?.status ?? 200 });
    }
    const rfq = /^\/rfqs\/(RFQ-[^/]+)$/.exec(pathname)?.[1];
    if (pathname === '/purchasing' || rfq) {
      if (rfq) event.params = { number: rfq };
      const page = (rfq ? rfqPage : deskPage) as {
        load: (e: never) => unknown;
        actions: Record<string, (e: never) => unknown>;
      };
      if (method === 'GET') return json(await page.load(event as never));
      const action = event.url.search.replace(/^\?\//, '');
      const outcome = (await page.actions[action]?.(event as never)) as { status?: number; data?: unknown };
      return json(outcome?.data ?? outcome, { status: outcome?.status ?? 200 });
    }
    if (pathname === '/' && method === 'GET') return json(await home.load(event as never));
    if (pathname === '/grid/products' && method === 'GET') {
      // The products grid as these tests read it: columns by field, rows' cells as the grid shows them.
      event.params = { kind: 'products' };
      const page = (await grid.load(event as never)) as {
        first: { columns: { name: string; editable: boolean }[]; rows: { key: string; text: object }[] };
        canEdit: boolean;
      };
      return json({
        columns: page.first.columns.map((c) => ({ field: c.name, editable: c.editable && page.canEdit })),
        rows: page.first.rows.map((r) => ({ key: r.key, cells: r.text })),
      });
    }
    if (pathname === '/dashboard' && method === 'GET') return json(await dashboard.load(event as never));
    if (pathname === '/logout' && method === 'POST') return logout.POST(event as never);
    if (pathname === '/locale' && method === 'POST') return locale.POST(event as never);
    if (pathname === '/login' && method === 'GET') return json(await login.load(event as never));
    if (pathname === '/login' && method === 'POST') {
      const failed = (await login.actions.default?.(event as never)) as { status: number; data: unknown } | undefined;
      return json(failed?.data ?? {}, { status: failed?.status ?? 200 });
    }
    return json({ message: 'no such route' }, { status: 404 });
  };

  const send = async (r: FakeRequest & { path?: string; url?: string }): Promise<Answer> => {
    const { event, set } = requestEvent({ ...r, url: r.url ?? `${ORIGIN}${r.path ?? '/'}` });
    const answer = (status: number, body: unknown, location?: string): Answer => ({
      status,
      body: (body ?? {}) as Record<string, unknown>,
      ...(location ? { location } : {}),
      set: set as unknown as Answer['set'],
    });
    try {
      const response = await handle({ event, resolve: route as never });
      return answer(response.status, await response.json().catch(() => ({})));
    } catch (e) {
      if (isRedirect(e)) return answer(e.status, {}, e.location);
      if (isHttpError(e)) return answer(e.status, e.body);
      throw e;
    }
  };
  return { send, book };
}

/** What a page of this server sends with a change: its origin, its CSRF token, the session. */
const fromPage = (session?: string) => ({
  headers: { origin: ORIGIN, 'content-type': 'application/json', 'x-csrf-token': 'c'.repeat(43) },
  cookies: { tl_csrf: 'c'.repeat(43), ...(session ? { tl_session: session } : {}) },
});

const editPrice = (session: string | undefined, value = '99.00', extra: Partial<FakeRequest> = {}) => ({
  method: 'PATCH',
  path: '/api/products/TEA-001',
  ...fromPage(session),
  body: JSON.stringify({ field: 'price', value }),
  ...extra,
});

describe('the web UI against an outsider, on a book whose users sign in', () => {
  let dir: string;
  let path: string;
  let ui: Awaited<ReturnType<typeof app>>;
  const sessions: Record<string, string> = {};

  const onDisk = async () => {
    const fresh = await Book.open(path);
    try {
      return {
        product: getProduct(fresh, 'TEA-001'),
        audit: fresh.sqlite.prepare("select actor, command from audit_log where command like 'editProduct%'").all(),
        refusals: fresh.sqlite.prepare('select actor, command, refused from audit_log where refused is not null').all(),
      };
    } finally {
      fresh.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tradeloop-ui-outsider-'));
    path = join(dir, 'co.db');
    const b = await Book.create(path, { actor: 'setup' });
    upsertProducts(b, [tea]);
    upsertMasterData(b, {
      salespeople: [{ code: 'lin', name: '林', level: 'junior' }],
      customers: [{ code: 'C001', name: '林的客户', owner: 'lin', creditLimit: 10_000_000 }],
      warehouses: [{ code: 'WH1', name: '总仓' }],
    } as never);
    placeSalesOrder(b, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 1000 }],
    });
    for (const [name, role] of [
      ['boss', 'owner'],
      ['lin', 'salesperson'],
      ['mgr', 'sales_manager'],
      ['buyer', 'purchasing'],
      ['store', 'warehouse'],
      ['cashier', 'accountant'],
      ['audit', 'auditor'],
    ] as const) {
      await addUser(b, { name, roles: [role] }, PASSWORD);
      sessions[name] = (await signIn(b, name, PASSWORD, { kind: 'session' })).token;
    }
    // lin signs in unlinked to any salesperson record (seeing no customer); seller sells as lin.
    await addUser(b, { name: 'seller', roles: ['salesperson'], salesperson: 'lin' }, PASSWORD);
    sessions.seller = (await signIn(b, 'seller', PASSWORD, { kind: 'session' })).token;
    b.close();
    ui = await app(path, { allowedHosts: ['erp.lan'] });
  }, 30_000);
  afterAll(async () => {
    (await ui.book().catch(() => undefined))?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a page asked without a cookie to the login page, and refuses an endpoint with 401', async () => {
    expect(await ui.send({ path: '/dashboard?asOf=2026-11-20' })).toMatchObject({
      status: 303,
      location: '/login?next=%2Fdashboard%3FasOf%3D2026-11-20',
    });
    expect(await ui.send({ path: '/' })).toMatchObject({ status: 303, location: '/login' });
    const refused = await ui.send(editPrice(undefined));
    expect(refused).toMatchObject({ status: 401, body: { code: 'auth.required', message: 'sign in first' } });
    expect((await onDisk()).product?.price).toBe(8800);
  });

  it('refuses a forged cookie and an expired one, and drops them', async () => {
    const forged = await ui.send(editPrice('tl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    expect(forged).toMatchObject({ status: 401, body: { code: 'auth.token_invalid' } });
    expect(forged.set.get('tl_session')).toMatchObject({ value: '', options: { maxAge: 0, path: '/' } });
    const page = await ui.send({ path: '/', cookies: { tl_session: 'tl_forged' } });
    expect(page).toMatchObject({ status: 303, location: '/login' });

    const b = await Book.open(path);
    const short = await signIn(b, 'boss', PASSWORD, { kind: 'session', ttlMs: 1 });
    b.close();
    await new Promise((r) => setTimeout(r, 10));
    expect(await ui.send(editPrice(short.token))).toMatchObject({ status: 401, body: { code: 'auth.token_expired' } });
    expect(await ui.send({ path: '/', cookies: { tl_session: short.token } })).toMatchObject({
      status: 303,
      location: '/login?expired=1',
    });
    expect((await onDisk()).product?.price).toBe(8800);
  });

  it('refuses a change from another origin, or without the page’s CSRF token, even with a good session', async () => {
    const evil = { ...fromPage(sessions.boss).headers, origin: 'http://evil.example' };
    for (const method of ['PATCH', 'POST']) {
      const r = await ui.send(editPrice(sessions.boss, '1.00', { method, headers: evil }));
      expect(r).toMatchObject({ status: 403, body: { code: 'csrf.origin' } });
    }
    const { origin: _, ...noOrigin } = evil;
    expect(await ui.send(editPrice(sessions.boss, '1.00', { headers: noOrigin }))).toMatchObject({
      status: 403,
      body: { code: 'csrf.origin' },
    });
    // Another loopback name is another origin: a page of localhost does not write to 127.0.0.1.
    const otherName = { ...evil, origin: 'http://localhost:5173' };
    expect((await ui.send(editPrice(sessions.boss, '1.00', { headers: otherName }))).status).toBe(403);
    // A form posted from elsewhere, signing out someone else, is refused as well.
    const logout = await ui.send({
      method: 'POST',
      path: '/logout',
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      cookies: { tl_session: sessions.boss as string },
      body: '',
    });
    expect(logout).toMatchObject({ status: 403, body: { code: 'csrf.origin' } });

    const { 'x-csrf-token': __, ...noToken } = fromPage(sessions.boss).headers;
    expect(await ui.send(editPrice(sessions.boss, '1.00', { headers: noToken }))).toMatchObject({
      status: 403,
      body: { code: 'csrf.token' },
    });
    const wrong = { ...fromPage(sessions.boss).headers, 'x-csrf-token': 'd'.repeat(43) };
    expect((await ui.send(editPrice(sessions.boss, '1.00', { headers: wrong }))).body.code).toBe('csrf.token');
    expect(await onDisk()).toMatchObject({ product: expect.objectContaining({ price: 8800 }), audit: [] });
  });

  it('guards adding and deleting grid rows like any change: origin, CSRF token, session', async () => {
    const del = (extra: Partial<FakeRequest>) => ({
      method: 'DELETE',
      path: '/api/grid/products/rows',
      ...fromPage(sessions.boss),
      body: JSON.stringify({ rows: [{ key: 'TEA-001', version: 1 }] }),
      ...extra,
    });
    const evil = { ...fromPage(sessions.boss).headers, origin: 'http://evil.example' };
    expect(await ui.send(del({ headers: evil }))).toMatchObject({ status: 403, body: { code: 'csrf.origin' } });
    const { 'x-csrf-token': _, ...noToken } = fromPage(sessions.boss).headers;
    expect(await ui.send(del({ headers: noToken }))).toMatchObject({ status: 403, body: { code: 'csrf.token' } });
    expect(await ui.send(del({ cookies: fromPage().cookies }))).toMatchObject({ status: 401 });
    expect((await onDisk()).product).toBeDefined();
  });

  it('refuses Host headers it does not serve (DNS rebinding), on reads and on changes', async () => {
    for (const host of ['evil.example', 'evil.example:5173', '127.0.0.1:9999', '127.0.0.1:5173@evil.example', '']) {
      const page = await ui.send({ path: '/', headers: { host }, cookies: { tl_session: sessions.boss as string } });
      expect(page, host).toMatchObject({ status: 421, body: { code: 'host.refused' } });
    }
    // The same origin as the rebound name, as a browser would send it: refused all the same.
    const rebound = await ui.send(
      editPrice(sessions.boss, '1.00', {
        url: 'http://evil.example:5173/api/products/TEA-001',
        headers: { ...fromPage().headers, origin: 'http://evil.example:5173', host: 'evil.example:5173' },
      }),
    );
    expect(rebound).toMatchObject({ status: 421 });
    expect((await onDisk()).product?.price).toBe(8800);
    for (const host of ['127.0.0.1:5173', 'localhost:5173', '[::1]:5173', 'erp.lan', 'erp.lan:5173'])
      expect(
        (await ui.send({ path: '/', headers: { host }, cookies: { tl_session: sessions.boss as string } })).status,
        host,
      ).toBe(200);
  });

  it('refuses a role without master.write editing a product (403 naming it), and a column it may not see', async () => {
    const refused = await ui.send(editPrice(sessions.lin));
    expect(refused).toMatchObject({
      status: 403,
      body: {
        code: 'permission.denied',
        path: ['master.write'],
        message: 'lin (salesperson) may not master.write; it needs owner or sales_manager',
      },
    });
    const cost = await ui.send(
      editPrice(sessions.mgr, '1.00', { body: JSON.stringify({ field: 'cost', value: '1.00' }) }),
    );
    expect(cost).toMatchObject({ status: 403, body: { code: 'permission.denied', path: ['cost'] } });
    // Nothing changed; both refusals are in the audit trail, in the refused user's name.
    expect(await onDisk()).toMatchObject({ product: { price: 8800, cost: 77777 }, audit: [] });
    expect((await onDisk()).refusals).toEqual([
      { actor: 'lin', command: 'master.write', refused: 'permission.denied' },
      { actor: 'mgr', command: 'cost', refused: 'permission.denied' },
    ]);

    // What the manager may do lands, in their name, and the row sent back has no cost either.
    const edited = await ui.send(editPrice(sessions.mgr, '90.00'));
    expect(edited.status).toBe(200);
    expect(JSON.stringify(edited.body)).not.toContain('777.77');
    expect(await onDisk()).toMatchObject({
      product: { price: 9000 },
      audit: [{ actor: 'mgr', command: 'editProduct.price' }],
    });
  });

  it("never sends cost to a salesperson's grid, nor the reports over the whole book", async () => {
    const owner = await ui.send({ path: '/grid/products', cookies: { tl_session: sessions.boss as string } });
    expect(JSON.stringify(owner.body)).toContain('777.77');
    const grid = await ui.send({ path: '/grid/products', cookies: { tl_session: sessions.lin as string } });
    expect(grid.status).toBe(200);
    expect(JSON.stringify(grid.body)).not.toContain('777.77');
    const columns = grid.body.columns as { field: string; editable: boolean }[];
    expect(columns.map((c) => c.field)).not.toContain('cost');
    expect(columns.every((c) => !c.editable)).toBe(true);
    expect(Object.keys((grid.body.rows as { cells: object }[])[0]?.cells ?? {})).not.toContain('cost');
    // A salesperson's own dashboard, not the whole book's; none for one not linked to a salesperson.
    const seller = { tl_session: sessions.seller as string };
    const own = await ui.send({ path: '/dashboard', cookies: seller });
    expect(own).toMatchObject({ status: 200, body: { view: 'salesperson', boss: null, role: { salesperson: 'lin' } } });
    expect(JSON.stringify(own.body)).not.toContain('777.77');
    expect(await ui.send({ path: '/dashboard?view=boss', cookies: seller })).toMatchObject({
      status: 403,
      body: { code: 'permission.denied', message: 'seller (salesperson) may not open the boss dashboard' },
    });
    expect(await ui.send({ path: '/dashboard', cookies: { tl_session: sessions.lin as string } })).toMatchObject({
      status: 403,
      body: { code: 'permission.denied', message: 'lin (salesperson) has no dashboard' },
    });
  });

  it('shows each role only what it may see: cost to who sees cost, whole-book reports to who reads all', async () => {
    const seen: Record<string, [boolean, number]> = {};
    for (const name of ['boss', 'lin', 'mgr', 'buyer', 'store', 'cashier', 'audit']) {
      const cookies = { tl_session: sessions[name] as string };
      const grid = await ui.send({ path: '/grid/products', cookies });
      expect(grid.status).toBe(200);
      const board = await ui.send({ path: '/dashboard?view=boss&asOf=2026-11-20', cookies });
      seen[name] = [JSON.stringify(grid.body).includes('777.77'), board.status];
    }
    expect(seen).toEqual({
      boss: [true, 200],
      lin: [false, 403],
      mgr: [false, 403],
      buyer: [true, 403],
      store: [false, 403],
      cashier: [true, 200],
      audit: [true, 200],
    });
  }, 30_000);

  it('gives each role its home: headline figures to who reads the whole book, the areas of its work first', async () => {
    const home = async (name: string) =>
      (await ui.send({ path: '/', cookies: { tl_session: sessions[name] as string } })).body as {
        figures: { receivables: number } | null;
        areas: { area: string }[];
      };
    const boss = await home('boss');
    expect(boss.figures).toMatchObject({ receivables: expect.any(Number) });
    expect(boss.areas.map((a) => a.area)).toEqual([
      'inbox',
      'reports',
      'sales',
      'crm',
      'purchasing',
      'stock',
      'finance',
      'settings',
    ]);
    const lin = await home('lin');
    expect(lin.figures).toBeNull();
    expect(lin.areas.map((a) => a.area)).toEqual(['inbox', 'crm', 'sales', 'reports']);
    expect((await home('store')).areas.map((a) => a.area)).toEqual(['inbox', 'stock', 'reports']);
    expect((await home('buyer')).areas[1]?.area).toBe('purchasing');
  }, 30_000);

  it('keeps the language a signed-in user chooses in the book, and one chosen before signing in in a cookie only', async () => {
    const choose = (locale: string, session?: string, csrf = 'c'.repeat(43)) =>
      ui.send({
        method: 'POST',
        path: '/locale',
        headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        cookies: { tl_csrf: 'c'.repeat(43), ...(session ? { tl_session: session } : {}) },
        body: new URLSearchParams({ _csrf: csrf, locale, next: '/dashboard?asOf=2026-11-20' }).toString(),
      });
    const chosen = async (name: string) => {
      const b = await Book.open(path);
      try {
        return userLocale(b, name);
      } finally {
        b.close();
      }
    };
    const lin = await choose('zh-CN', sessions.lin);
    expect(lin).toMatchObject({ status: 303, location: '/dashboard?asOf=2026-11-20' });
    expect(lin.set.get('tl_locale')).toMatchObject({ value: 'zh-CN', options: { path: '/', httpOnly: true } });
    expect(await chosen('lin')).toBe('zh-CN');
    // Nobody signed in (the sign-in page): this browser keeps it, the book is not touched.
    const anonymous = await choose('en');
    expect(anonymous.set.get('tl_locale')?.value).toBe('en');
    expect(await chosen('lin')).toBe('zh-CN');
    // A language the app does not speak, or a post without the page's token, is refused.
    expect(await choose('fr', sessions.lin)).toMatchObject({ status: 400, body: { path: ['body', 'locale'] } });
    expect(await choose('en', sessions.lin, 'd'.repeat(43))).toMatchObject({
      status: 403,
      body: { code: 'csrf.token' },
    });
    expect(await chosen('lin')).toBe('zh-CN');
  });

  it('keeps each request’s actor to itself while requests interleave, and acts as nobody between them', async () => {
    const answers = await Promise.all(
      ['lin', 'boss', 'lin', 'mgr', 'lin'].map((who, i) => ui.send(editPrice(sessions[who], `${80 + i}.00`))),
    );
    expect(answers.map((a) => a.status)).toEqual([403, 200, 403, 200, 403]);
    expect((await onDisk()).audit.slice(-2)).toEqual([
      { actor: 'boss', command: 'editProduct.price' },
      { actor: 'mgr', command: 'editProduct.price' },
    ]);
    expect((await ui.book()).principal).toEqual({ user: 'ui', roles: [] });
  });

  it('signs in with a session cookie as the issue asks, and signs out by revoking it', async () => {
    const form = (fields: Record<string, string>, extra: Partial<FakeRequest> = {}) => ({
      method: 'POST',
      path: '/login?next=%2Fdashboard',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      cookies: { tl_csrf: 'c'.repeat(43) },
      body: new URLSearchParams({ _csrf: 'c'.repeat(43), ...fields }).toString(),
      ...extra,
    });
    expect(await ui.send(form({ name: 'boss', password: 'not the password' }))).toMatchObject({
      status: 400,
      body: { code: 'auth.failed', name: 'boss' },
    });
    // Without the form's CSRF token a sign-in is refused before the password is looked at.
    const { body: _, ...noToken } = form({ name: 'boss', password: PASSWORD });
    expect(
      (await ui.send({ ...noToken, body: new URLSearchParams({ name: 'boss', password: PASSWORD }).toString() })).body
        .code,
    ).toBe('csrf.token');

    const signedIn = await ui.send(form({ name: 'boss', password: PASSWORD }));
    expect(signedIn).toMatchObject({ status: 303, location: '/dashboard' });
    const cookie = signedIn.set.get('tl_session');
    expect(cookie?.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure: false });
    const b = await ui.book();
    expect(actorFromToken(b, cookie?.value as string)).toMatchObject({ user: 'boss', roles: ['owner'] });
    const expires = cookie?.options.expires as Date | undefined;
    expect(Math.abs((expires?.getTime() ?? 0) - (Date.now() + 12 * 3600_000))).toBeLessThan(60_000);
    // A fresh CSRF token comes with the session.
    expect(signedIn.set.get('tl_csrf')?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signedIn.set.get('tl_csrf')?.value).not.toBe('c'.repeat(43));
    // Someone signed in who opens the login page goes where they were going.
    expect(await ui.send({ path: '/login', cookies: { tl_session: cookie?.value as string } })).toMatchObject({
      status: 303,
    });

    const out = await ui.send({
      method: 'POST',
      path: '/logout',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      cookies: { tl_csrf: 'c'.repeat(43), tl_session: cookie?.value as string },
      body: `_csrf=${'c'.repeat(43)}`,
    });
    expect(out).toMatchObject({ status: 303, location: '/login' });
    expect(out.set.get('tl_session')).toMatchObject({ value: '', options: { maxAge: 0 } });
    expect(() => actorFromToken(b, cookie?.value as string)).toThrow(
      expect.objectContaining({ code: 'auth.token_expired' }),
    );
    expect((await ui.send(editPrice(cookie?.value))).status).toBe(401);
  });

  it('guards a file upload and a download as every other endpoint: session, origin, token, permission, columns', async () => {
    const upload = (session: string | undefined, headers: Record<string, string> = fromPage(session).headers) => {
      const form = new FormData();
      form.set('file', new File(['sku,price\nTEA-001,1.00\n'], 'products.csv'));
      form.set('confirm', '1');
      const { 'content-type': _, ...rest } = headers;
      return ui.send({ method: 'POST', path: '/api/import/products', ...fromPage(session), headers: rest, body: form });
    };
    const before = (await onDisk()).product;
    expect((await upload(undefined)).status).toBe(401);
    const evil = { ...fromPage(sessions.boss).headers, origin: 'http://evil.example' };
    expect(await upload(sessions.boss, evil)).toMatchObject({ status: 403, body: { code: 'csrf.origin' } });
    const { 'x-csrf-token': __, ...noToken } = fromPage(sessions.boss).headers;
    expect(await upload(sessions.boss, noToken)).toMatchObject({ status: 403, body: { code: 'csrf.token' } });
    expect(await upload(sessions.lin)).toMatchObject({ status: 403, body: { code: 'permission.denied' } });
    expect((await onDisk()).product).toEqual(before);
    const download = await ui.send({
      path: '/api/grid/products/export?format=csv',
      cookies: { tl_session: sessions.lin as string },
    });
    expect(download.status).toBe(200);
    expect(String(download.body.text)).toContain('TEA-001');
    expect(String(download.body.text)).not.toMatch(/cost|777/);
  });

  it('guards order entry and an order’s actions like any change: session, origin, token, permission', async () => {
    const body = JSON.stringify({ customer: 'C001', warehouse: 'WH1', date: '2026-03-02', lines: [] });
    const quoteAs = (extra: Partial<FakeRequest>) => ({
      method: 'POST',
      path: '/api/orders/quote',
      ...fromPage(sessions.boss),
      body,
      ...extra,
    });
    expect(await ui.send(quoteAs({ cookies: fromPage().cookies }))).toMatchObject({ status: 401 });
    const evil = { ...fromPage(sessions.boss).headers, origin: 'http://evil.example' };
    expect(await ui.send(quoteAs({ headers: evil }))).toMatchObject({ status: 403, body: { code: 'csrf.origin' } });
    expect(
      await ui.send(quoteAs({ cookies: { ...fromPage().cookies, tl_session: sessions.store as string } })),
    ).toMatchObject({ status: 403, body: { code: 'permission.denied', path: ['sales.write'] } });
    expect(await ui.send(quoteAs({}))).toMatchObject({ status: 200, body: { customer: { code: 'C001' } } });

    const approve = (session: string | undefined, headers = fromPage(session).headers) => ({
      method: 'POST',
      path: '/orders/SO-2026-000001?/approve',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      cookies: fromPage(session).cookies,
      body: `_csrf=${'c'.repeat(43)}`,
    });
    expect(await ui.send(approve(sessions.boss, evil))).toMatchObject({ status: 403, body: { code: 'csrf.origin' } });
    expect(await ui.send(approve(undefined))).toMatchObject({ status: 401 });
    expect(await ui.send(approve(sessions.store))).toMatchObject({ status: 403, body: { ok: false } });
    // A salesperson not selling to the order's customer is not even shown it.
    expect(
      (await ui.send({ path: '/orders/SO-2026-000001', cookies: { tl_session: sessions.lin as string } })).status,
    ).toBe(403);
    const fresh = await Book.open(path);
    const status = fresh.sqlite
      .prepare("select status from sales_orders where number = 'SO-2026-000001'")
      .pluck()
      .get();
    fresh.close();
    expect(status).toBe('pending_review');
  });

  it('guards the approvals and alerts inboxes’ actions like any change: session, origin, token, role', async () => {
    // A form posts its token as `_csrf`, not in a header.
    const form = { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' };
    const fields = { kind: 'sales_order', number: 'SO-2026-000001', reason: 'too much' };
    const post = (path: string, session: string | undefined, headers: Record<string, string> = form) => ({
      method: 'POST',
      path,
      headers,
      cookies: fromPage(session).cookies,
      body: new URLSearchParams({ _csrf: 'c'.repeat(43), ...fields }).toString(),
    });
    const evil = { ...form, origin: 'http://evil.example' };
    for (const path of ['/approvals?/approve', '/approvals?/reject', '/alerts?/run']) {
      expect(await ui.send(post(path, sessions.boss, evil))).toMatchObject({
        status: 403,
        body: { code: 'csrf.origin' },
      });
      expect(await ui.send(post(path, undefined))).toMatchObject({ status: 401 });
      const noToken = { ...post(path, sessions.boss), body: new URLSearchParams(fields).toString() };
      expect(await ui.send(noToken)).toMatchObject({ status: 403, body: { code: 'csrf.token' } });
    }
    // The warehouse decides no sales order and runs no job: refused by the store, in place.
    expect(await ui.send(post('/approvals?/approve', sessions.store))).toMatchObject({
      status: 403,
      body: { ok: false, number: 'SO-2026-000001' },
    });
    expect(await ui.send(post('/alerts?/run', sessions.store))).toMatchObject({ status: 403, body: { ok: false } });
    const fresh = await Book.open(path);
    const status = fresh.sqlite
      .prepare("select status from sales_orders where number = 'SO-2026-000001'")
      .pluck()
      .get();
    fresh.close();
    expect(status).toBe('pending_review');
  });

  it('guards a customer’s page and its actions, and the statements of account, like any other page', async () => {
    const followUp = (session: string | undefined, headers = fromPage(session).headers) => ({
      method: 'POST',
      path: '/customers/C001?/followUp',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      cookies: fromPage(session).cookies,
      body: `_csrf=${'c'.repeat(43)}&note=${encodeURIComponent('来访')}`,
    });
    const evil = { ...fromPage(sessions.boss).headers, origin: 'http://evil.example' };
    expect(await ui.send(followUp(undefined))).toMatchObject({ status: 401 });
    expect(await ui.send(followUp(sessions.boss, evil))).toMatchObject({ status: 403, body: { code: 'csrf.origin' } });
    expect(await ui.send(followUp(sessions.store))).toMatchObject({ status: 403, body: { ok: false } });
    for (const action of ['claim', 'release']) {
      const r = await ui.send({ ...followUp(sessions.store), path: `/customers/C001?/${action}` });
      expect(r).toMatchObject({ status: 403, body: { ok: false } });
    }
    const as = (name: string, path: string) => ui.send({ path, cookies: { tl_session: sessions[name] as string } });
    expect((await ui.send({ path: '/customers/C001' })).status).toBe(303);
    expect((await as('lin', '/customers/C001')).status).toBe(403);
    expect((await as('boss', '/customers/C001')).body).toMatchObject({ customer: { code: 'C001', followUps: [] } });
    expect((await as('lin', '/statements/customer/C001')).status).toBe(403);
    expect((await as('lin', '/statements/supplier/S1')).status).toBe(403);
    expect((await as('lin', '/statements/customer/C001/export?format=csv')).status).toBe(403);
    expect((await as('cashier', '/statements/customer/C001')).status).toBe(200);
    const file = await as('audit', '/statements/customer/C001/export?format=csv&from=2026-03-01&to=2026-03-31');
    expect(String(file.body.text)).toContain('opening');
  });

  it('guards the report pages and their downloads: sign in first, and analytics decides who reads which', async () => {
    const as = (name: string, path: string) => ui.send({ path, cookies: { tl_session: sessions[name] as string } });
    expect(await ui.send({ path: '/reports/aging' })).toMatchObject({
      status: 303,
      location: '/login?next=%2Freports%2Faging',
    });
    expect((await ui.send({ path: '/reports/profit?p=2026' })).status).toBe(303);
    // A download is a link a person follows: without a session it leads to the login page too.
    expect((await ui.send({ path: '/reports/profit/export?format=csv' })).status).toBe(303);
    expect((await ui.send({ path: '/reports/aging/export?format=csv' })).status).toBe(303);
    expect((await as('boss', '/reports')).status).toBe(200);
    for (const path of [
      '/reports/profit?p=2026',
      '/reports/stock',
      '/reports/aging?side=ap',
      '/reports/aging/export?side=ap',
    ])
      expect(await as('lin', path)).toMatchObject({ status: 403, body: { code: 'permission.scope' } });
    expect((await as('buyer', '/reports/profit')).status).toBe(403);
    expect((await as('audit', '/reports/profit?p=2026Q1')).body).toMatchObject({ report: 'profit', period: '2026Q1' });
    expect(String((await as('audit', '/reports/aging/export?format=csv')).body.text)).toContain('outstanding');
    expect((await as('audit', '/reports/profit?p=2026Q9')).status).toBe(400);
  });

  it('guards the stock screens’ actions like any change: session, origin, token, role', async () => {
    const form = { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' };
    const post = (
      path: string,
      session: string | undefined,
      fields: Record<string, string>,
      headers: Record<string, string> = form,
    ) => ({
      method: 'POST',
      path,
      headers,
      cookies: fromPage(session).cookies,
      body: new URLSearchParams({ _csrf: 'c'.repeat(43), ...fields }).toString(),
    });
    const evil = { ...form, origin: 'http://evil.example' };
    const actions: [string, Record<string, string>][] = [
      ['/stock/transfer?/transfer', { from: 'WH1', to: 'WH2', 'sku.0': 'TEA-001', 'qty.0': '1' }],
      ['/stock/counts?/start', { warehouse: 'WH1' }],
      ['/stock/counts/CNT-2026-000001?/enter', { 'sku.0': 'TEA-001', 'qty.0': '1' }],
      ['/stock/counts/CNT-2026-000001?/post', {}],
    ];
    for (const [path, fields] of actions) {
      expect(await ui.send(post(path, undefined, fields))).toMatchObject({ status: 401 });
      expect(await ui.send(post(path, sessions.boss, fields, evil))).toMatchObject({
        status: 403,
        body: { code: 'csrf.origin' },
      });
      const noToken = { ...post(path, sessions.boss, fields), body: new URLSearchParams(fields).toString() };
      expect(await ui.send(noToken)).toMatchObject({ status: 403, body: { code: 'csrf.token' } });
      // A salesperson neither moves nor counts stock: refused by the store, in place.
      expect(await ui.send(post(path, sessions.lin, fields))).toMatchObject({
        status: 403,
        body: { ok: false, code: 'permission.denied' },
      });
    }
    // The warehouse may: its count starts, and its sheet opens.
    expect(await ui.send(post('/stock/counts?/start', sessions.store, { warehouse: 'WH1' }))).toMatchObject({
      status: 303,
      location: '/stock/counts/CNT-2026-000001',
    });
    const fresh = await Book.open(path);
    const moved = fresh.sqlite.prepare('select count(*) from transfers').pluck().get();
    fresh.close();
    expect(moved).toBe(0);
  });

  it('guards the purchasing desk and the RFQ page like any change: session, origin, token, role', async () => {
    const form = { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' };
    const post = (
      path: string,
      session: string | undefined,
      fields: Record<string, string>,
      headers: Record<string, string> = form,
    ) => ({
      method: 'POST',
      path,
      headers,
      cookies: fromPage(session).cookies,
      body: new URLSearchParams({ _csrf: 'c'.repeat(43), ...fields }).toString(),
    });
    const as = (name: string, path: string) => ui.send({ path, cookies: { tl_session: sessions[name] as string } });
    const evil = { ...form, origin: 'http://evil.example' };
    expect(await ui.send({ path: '/purchasing' })).toMatchObject({
      status: 303,
      location: '/login?next=%2Fpurchasing',
    });
    expect((await as('lin', '/purchasing')).status).toBe(403);
    expect((await as('buyer', '/purchasing')).body).toMatchObject({ desk: { groups: [], openRfqs: [] } });
    // An order approved with nothing in stock: its line is requisitioned.
    const setup = await Book.open(path);
    const { number } = placeSalesOrder(setup, {
      customer: 'C001',
      warehouse: 'WH1',
      date: '2026-03-03',
      lines: [{ sku: 'TEA-001', qty: 5000 }],
    });
    const [requisition] = approveSalesOrder(setup, number).requisitions as [string];
    setup.close();
    // The buyer asks for quotes: the RFQ's page opens.
    const asked = await ui.send(post('/purchasing?/rfq', sessions.buyer, { requisition }));
    expect(asked).toMatchObject({ status: 303, location: expect.stringMatching(/^\/rfqs\/RFQ-\d{4}-000001$/) });
    const rfq = asked.location as string;
    expect((await ui.send({ path: rfq })).status).toBe(303);
    expect((await as('lin', rfq)).status).toBe(403);
    expect((await as('buyer', rfq)).body).toMatchObject({ rfq: { sku: 'TEA-001', status: 'open' } });
    const actions: [string, Record<string, string>][] = [
      ['/purchasing?/createOrders', {}],
      ['/purchasing?/reorder', {}],
      ['/purchasing?/rfq', { requisition }],
      [`${rfq}?/quote`, { supplier: 'S1', price: '1', leadDays: '1' }],
      [`${rfq}?/award`, {}],
    ];
    for (const [path, fields] of actions) {
      expect(await ui.send(post(path, undefined, fields))).toMatchObject({ status: 401 });
      expect(await ui.send(post(path, sessions.buyer, fields, evil))).toMatchObject({
        status: 403,
        body: { code: 'csrf.origin' },
      });
      const noToken = { ...post(path, sessions.buyer, fields), body: new URLSearchParams(fields).toString() };
      expect(await ui.send(noToken)).toMatchObject({ status: 403, body: { code: 'csrf.token' } });
      // A salesperson buys nothing: refused by the store, in place.
      expect(await ui.send(post(path, sessions.lin, fields))).toMatchObject({
        status: 403,
        body: { ok: false, code: 'permission.denied' },
      });
    }
    const fresh = await Book.open(path);
    const made = fresh.sqlite
      .prepare('select (select count(*) from rfqs) + (select count(*) from rfq_quotes)')
      .pluck()
      .get();
    fresh.close();
    expect(made).toBe(1);
  });

  it('marks the session cookie Secure when the page was served over HTTPS', async () => {
    const secure = await app(path);
    const signedIn = await secure.send({
      method: 'POST',
      url: 'https://127.0.0.1:5173/login',
      headers: {
        origin: 'https://127.0.0.1:5173',
        'content-type': 'application/x-www-form-urlencoded',
        host: '127.0.0.1:5173',
      },
      cookies: { tl_csrf: 'c'.repeat(43) },
      body: new URLSearchParams({ _csrf: 'c'.repeat(43), name: 'lin', password: PASSWORD }).toString(),
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.set.get('tl_session')?.options).toMatchObject({ httpOnly: true, secure: true });
    (await secure.book()).close();
  });
});

describe('the web UI on a book without users', () => {
  it('lets its one person in as the owner, with no login page, and still checks where changes come from', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradeloop-ui-sole-'));
    const path = join(dir, 'co.db');
    const b = await Book.create(path);
    upsertProducts(b, [tea]);
    b.close();
    const ui = await app(path);
    try {
      const grid = await ui.send({ path: '/grid/products' });
      expect(grid.status).toBe(200);
      expect(JSON.stringify(grid.body)).toContain('777.77');
      expect(await ui.send({ path: '/login' })).toMatchObject({ status: 303, location: '/' });
      expect((await ui.send(editPrice(undefined, '95.00'))).status).toBe(200);
      const evil = await ui.send(
        editPrice(undefined, '1.00', { headers: { ...fromPage().headers, origin: 'http://evil.example' } }),
      );
      expect(evil.status).toBe(403);
      const held = await ui.book();
      expect(listProducts(held)[0]?.price).toBe(9500);
      expect(held.sqlite.prepare('select actor from audit_log where command = ?').all('editProduct.price')).toEqual([
        { actor: 'ui' },
      ]);
    } finally {
      (await ui.book()).close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
