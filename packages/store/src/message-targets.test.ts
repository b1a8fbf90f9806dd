import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { setApprovalRule } from './approvals.js';
import type { Book } from './book.js';
import {
  approvePurchaseOrder,
  paySupplier,
  placePurchaseOrder,
  receivePurchaseOrder,
  recordSupplierInvoice,
} from './purchasing.js';
import { approveSalesOrder, placeSalesOrder } from './sales.js';
import { smallCompany } from './test-support/demo-company.js';
import { useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';
import { addWebhook, deliverWebhooks, reportPackReady, webhookDeliveries } from './webhooks.js';

const tempDir = useTempDir();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const NOW = new Date('2026-03-02T08:00:00.000Z');
const order = { customer: 'C001', warehouse: 'WH1', date: '2026-03-02', lines: [{ sku: 'TEA-001', qty: 1_000 }] };

// biome-ignore lint/suspicious/noExplicitAny: a robot's JSON, read field by field as its platform documents it
type RobotJson = Record<string, any>;

interface RobotCall {
  robot: string;
  body: RobotJson;
  signed: boolean;
}

/**
 * Three group robots on 127.0.0.1, each checking a call as its platform documents it and answering
 * in its platform's words: WeCom and DingTalk `{"errcode":0,"errmsg":"ok"}`, Feishu
 * `{"code":0,"msg":"success"}`; a bad signature or body is answered with the platform's error
 * code, under HTTP 200 as the platforms do. `dingtalkFailures` calls to DingTalk fail first.
 */
async function robots(secrets: { dingtalk: string; feishu: string }, dingtalkFailures = 0) {
  const calls: RobotCall[] = [];
  let failures = dingtalkFailures;
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => {
      text += c;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://robot');
      const body = JSON.parse(text) as RobotJson;
      const robot = url.pathname.slice(1);
      let answer: Record<string, unknown>;
      let signed = false;
      if (robot === 'wecom') {
        const ok = body.msgtype === 'markdown' && typeof body.markdown?.content === 'string';
        answer = ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 40008, errmsg: 'invalid message type' };
      } else if (robot === 'dingtalk') {
        // 加签: base64(HmacSHA256(secret, timestamp + "\n" + secret)), in the query.
        const ts = url.searchParams.get('timestamp') ?? '';
        const expected = createHmac('sha256', secrets.dingtalk).update(`${ts}\n${secrets.dingtalk}`).digest('base64');
        signed = url.searchParams.get('sign') === expected && Math.abs(Number(ts) - NOW.getTime()) < 3_600_000;
        const ok = signed && body.msgtype === 'markdown' && typeof body.markdown?.title === 'string';
        if (failures > 0) {
          failures--;
          answer = { errcode: 130101, errmsg: 'send too fast' };
        } else answer = ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' };
      } else {
        // 签名校验: base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")), in the body.
        const expected = createHmac('sha256', `${body.timestamp}\n${secrets.feishu}`).update('').digest('base64');
        signed = body.sign === expected;
        const ok = signed && body.msg_type === 'text' && typeof body.content?.text === 'string';
        answer = ok ? { code: 0, msg: 'success', data: {} } : { code: 19021, msg: 'sign match fail' };
      }
      calls.push({ robot, body, signed });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  closers.push(() => new Promise((done) => server.close(() => done())));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** An SMTP server on 127.0.0.1 that keeps every mail it is given. */
async function mailServer() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => {
        raw += c.toString('utf8');
      });
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  closers.push(() => new Promise((done) => server.close(() => done())));
  const port = (server.server.address() as AddressInfo).port;
  return { mail: { smtp: `smtp://127.0.0.1:${port}`, from: 'tradeloop@example.com' }, mails };
}

describe('group robots', () => {
  it('get each event in their own documented format, signed their own way, a robot error retried', async () => {
    const book = await smallCompany(tempDir());
    const secrets = { dingtalk: 'SECdingtalk-secret', feishu: 'feishu-secret' };
    const robot = await robots(secrets, 1);
    const events = ['order.placed'];
    // The target is read from the URL's host for the real services; a local receiver names it.
    expect(addWebhook(book, { url: `${robot.base}/wecom`, target: 'wecom', events })).toMatchObject({ secret: '' });
    addWebhook(book, {
      url: `${robot.base}/dingtalk?access_token=t1`,
      target: 'dingtalk',
      secret: secrets.dingtalk,
      events,
    });
    addWebhook(book, { url: `${robot.base}/feishu`, target: 'feishu', secret: secrets.feishu, events, locale: 'en' });
    const { number } = placeSalesOrder(book, order);

    expect(await deliverWebhooks(book, { now: NOW })).toEqual({ sent: 3, delivered: 2, retrying: 1, failed: 0 });
    const by = (name: string) => robot.calls.filter((c) => c.robot === name);
    expect(by('wecom')[0]?.body.markdown.content).toContain(`新订单 ${number} · C001`);
    expect(by('dingtalk')[0]).toMatchObject({ signed: true, body: { markdown: { title: `新订单 ${number} · C001` } } });
    expect(by('feishu')[0]).toMatchObject({
      signed: true,
      body: { content: { text: expect.stringContaining(`New order ${number}`) } },
    });
    // DingTalk answered 200 with an error code: not delivered, tried again a minute later.
    expect(webhookDeliveries(book).find((d) => d.target === 'dingtalk')).toMatchObject({
      status: 'pending',
      lastStatus: 200,
      lastError: 'robot error 130101: send too fast',
    });
    expect(await deliverWebhooks(book, { now: new Date(NOW.getTime() + 60_000) })).toEqual({
      sent: 1,
      delivered: 1,
      retrying: 0,
      failed: 0,
    });
    expect(by('dingtalk')).toHaveLength(2);
  });

  it('count a wrong secret as failed, as the robot refuses it', async () => {
    const book = await smallCompany(tempDir());
    const robot = await robots({ dingtalk: 'SECright', feishu: 'right' });
    addWebhook(book, { url: `${robot.base}/feishu`, target: 'feishu', secret: 'wrong', events: ['order.placed'] });
    placeSalesOrder(book, order);
    expect(await deliverWebhooks(book, { now: NOW })).toMatchObject({ delivered: 0, retrying: 1 });
    expect(webhookDeliveries(book)[0]?.lastError).toBe('robot error 19021: sign match fail');
  });
});

describe('e-mail', () => {
  async function company() {
    const book = await smallCompany(tempDir());
    await addUser(book, { name: 'boss', roles: ['owner'], email: 'boss@example.com' });
    await addUser(book, { name: 'mgr', roles: ['sales_manager'], salesperson: 'wang', email: 'mgr@example.com' });
    await addUser(book, { name: 'acc', roles: ['accountant'], email: 'acc@example.com' });
    await addUser(book, { name: 'buyer', roles: ['purchasing'], email: 'buyer@example.com' });
    await addUser(book, { name: 'seller', roles: ['salesperson'], salesperson: 'lin' });
    const as = (name: string) => book.actAs(actorOf(book, name));
    return { book, as };
  }

  const big = (book: Book) =>
    placeSalesOrder(book, {
      customer: 'C002',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 300_000 }],
    });

  it('tells the approvers an approval waits for them, and the next step’s once the first is approved', async () => {
    const { book, as } = await company();
    const smtp = await mailServer();
    setApprovalRule(book, 'order_amount', {
      over: 5_000_000,
      role: 'sales_manager',
      second: { over: 6_000_000, role: 'owner' },
    });
    addWebhook(book, { url: 'mailto:approvers', events: ['approval.waiting'], locale: 'en' });
    as('seller');
    const { number } = big(book);
    as('boss');
    expect(await deliverWebhooks(book, { now: NOW, mail: smtp.mail })).toMatchObject({ delivered: 1 });
    expect(smtp.mails.map((m) => m.to)).toEqual([['mgr@example.com']]);
    expect(smtp.mails[0]?.raw).toContain(`Waiting for approval: sales order ${number}`);
    expect(smtp.mails[0]?.raw).toContain('order 63,732.00 is over 50,000.00');
    as('mgr');
    approveSalesOrder(book, number);
    as('boss');
    await deliverWebhooks(book, { now: NOW, mail: smtp.mail });
    expect(smtp.mails.map((m) => m.to)).toEqual([['mgr@example.com'], ['boss@example.com']]);
  });

  it('tells the approvers of a purchase order and of a supplier payment too', async () => {
    const { book, as } = await company();
    const smtp = await mailServer();
    setApprovalRule(book, 'po_amount', { over: 100, role: 'purchasing', second: null });
    setApprovalRule(book, 'supplier_payment', { over: 100, role: 'accountant', second: null });
    addWebhook(book, { url: 'mailto:approvers', events: ['approval.waiting'] });
    as('boss');
    const po = placePurchaseOrder(book, {
      supplier: 'S1',
      warehouse: 'WH1',
      date: '2026-03-02',
      lines: [{ sku: 'TEA-001', qty: 1_000, price: 10_000 }],
    });
    as('buyer');
    approvePurchaseOrder(book, po.number);
    as('boss');
    receivePurchaseOrder(book, po.number, { date: '2026-03-03' });
    recordSupplierInvoice(book, { po: po.number, date: '2026-03-04' });
    paySupplier(book, { supplier: 'S1', date: '2026-03-05', amount: 11_300 });
    as('boss');
    await deliverWebhooks(book, { now: NOW, mail: smtp.mail });
    expect(smtp.mails.map((m) => m.to)).toEqual([['buyer@example.com'], ['acc@example.com']]);
    expect(smtp.mails[0]?.raw).toContain(po.number);
  });

  it('sends a report pack with its files attached', async () => {
    const { book } = await company();
    const smtp = await mailServer();
    addWebhook(book, { url: 'mailto:boss@example.com, acc@example.com', events: ['report_pack.ready'] });
    const file = join(tempDir(), 'aging.csv');
    writeFileSync(file, 'customer,open\nC001,100.00\n');
    reportPackReady(book, { date: '2026-03-02', files: [file] });
    expect(await deliverWebhooks(book, { now: NOW, mail: smtp.mail })).toMatchObject({ delivered: 1 });
    expect(smtp.mails[0]?.to).toEqual(['boss@example.com', 'acc@example.com']);
    expect(smtp.mails[0]?.from).toBe('tradeloop@example.com');
    expect(smtp.mails[0]?.raw).toMatch(/filename="?aging\.csv/);
  });

  it('keeps trying, naming what is missing, without an SMTP server or an approver with an address', async () => {
    const { book, as } = await company();
    addWebhook(book, { url: 'mailto:approvers', events: ['approval.waiting'] });
    // Nobody holding the warehouse role has an address: the mail cannot go, and says so.
    setApprovalRule(book, 'order_amount', { over: 5_000_000, role: 'warehouse', second: null });
    as('seller');
    big(book);
    as('boss');
    await deliverWebhooks(book, { now: NOW });
    expect(webhookDeliveries(book)[0]).toMatchObject({
      status: 'pending',
      lastError: expect.stringContaining('TRADELOOP_SMTP_URL'),
    });
  });

  it('refuses a mailto: target with an address that is none', async () => {
    const { book } = await company();
    expect(() => addWebhook(book, { url: 'mailto:boss@example.com,boss', events: ['alert.raised'] })).toThrow(
      /e-mail target "mailto:boss@example.com,boss"/,
    );
    expect(() => addWebhook(book, { url: 'https://x.example', target: 'pager', events: ['alert.raised'] })).toThrow(
      /target "pager" must be one of webhook, wecom, dingtalk, feishu, email/,
    );
  });
});
