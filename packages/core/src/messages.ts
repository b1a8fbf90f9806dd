import { z } from 'zod';
import { parseInput } from './input.js';
import { fail, ok, type Result } from './issue.js';
import type { Locale } from './locale.js';
import { formatMoney } from './money.js';
import { formatQuantity } from './quantity.js';
import type { WebhookEvent } from './webhooks.js';

/**
 * Where an event can go: a signed JSON webhook (another program), a group robot of WeCom
 * (企业微信), DingTalk (钉钉) or Feishu (飞书), or e-mail.
 */
export const MESSAGE_TARGETS = ['webhook', 'wecom', 'dingtalk', 'feishu', 'email'] as const;
export type MessageTarget = (typeof MESSAGE_TARGETS)[number];
export const messageTargetSchema = z.enum(MESSAGE_TARGETS, { error: `must be one of ${MESSAGE_TARGETS.join(', ')}` });

/** An e-mail address, as zod checks one. */
export const emailAddressSchema = z.email({ error: 'must be an e-mail address' });

/**
 * The addresses of a `mailto:` target, each checked: `mailto:a@x.com,b@y.com`, or
 * `mailto:approvers` (each user who may decide the approval waiting, at their own address).
 *
 * @example
 * mailRecipients('mailto:boss@example.com, ops@example.com') // { ok: true, value: ['boss@example.com', 'ops@example.com'] }
 */
export function mailRecipients(url: string): Result<string[] | 'approvers'> {
  const rest = decodeURIComponent(url.replace(/^mailto:/i, '').split('?')[0] ?? '').trim();
  if (rest.toLowerCase() === 'approvers') return ok('approvers');
  const addresses = rest
    .split(/[,;]/)
    .map((a) => a.trim())
    .filter(Boolean);
  if (addresses.length === 0) return fail({ code: 'input.invalid', path: ['url'], message: `${url} names no address` });
  const read = parseInput(z.array(emailAddressSchema), addresses, ['url']);
  return read.ok ? ok(addresses) : read;
}

/**
 * The target a URL names when none is given: the robots by their hosts, e-mail by `mailto:`,
 * anything else a webhook.
 *
 * @example
 * targetOfUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc') // 'wecom'
 * targetOfUrl('mailto:boss@example.com') // 'email'
 */
export function targetOfUrl(url: string): MessageTarget {
  if (/^mailto:/i.test(url)) return 'email';
  const host = /^https?:\/\/(?:[^@/]*@)?([^/:?#]+)/i.exec(url)?.[1]?.toLowerCase() ?? '';
  if (host === 'qyapi.weixin.qq.com') return 'wecom';
  if (host === 'oapi.dingtalk.com') return 'dingtalk';
  if (host === 'open.feishu.cn' || host === 'open.larksuite.com') return 'feishu';
  return 'webhook';
}

/** A message for people: a title and its lines, in one language. */
export interface EventMessage {
  title: string;
  lines: string[];
}

type Data = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const money = (v: unknown) => (typeof v === 'number' ? formatMoney(v, { grouping: true }) : '');
const qty = (v: unknown) => (typeof v === 'number' ? formatQuantity(v) : '');
const list = (v: unknown): Data[] => (Array.isArray(v) ? (v as Data[]) : []);

const DOCUMENT_KINDS: Record<Locale, Record<string, string>> = {
  en: { sales_order: 'sales order', purchase_order: 'purchase order', supplier_payment: 'supplier payment' },
  'zh-CN': { sales_order: '销售订单', purchase_order: '采购订单', supplier_payment: '供应商付款' },
};

const ROLE_NAMES: Record<string, string> = {
  owner: '老板',
  sales_manager: '销售经理',
  salesperson: '业务员',
  purchasing: '采购',
  warehouse: '仓库',
  accountant: '会计',
  auditor: '审计',
  customer: '客户',
};

const roles = (v: unknown, locale: Locale) =>
  (Array.isArray(v) ? (v as string[]) : []).map((r) => (locale === 'zh-CN' ? (ROLE_NAMES[r] ?? r) : r)).join(', ');

/**
 * What an event says to people, in their language: the document and what happened to it, from
 * the event's payload (amounts in minor units, quantities in thousandths, as the book keeps them).
 *
 * @example
 * eventMessage('order.shipped', { order: 'SO-2026-000001', shipment: 'SH-2026-000001', carrier: '顺丰', trackingNumber: 'SF1' }, 'zh-CN')
 * // { title: '已发货 SO-2026-000001', lines: ['发货单 SH-2026-000001', '承运商 顺丰 · 运单号 SF1'] }
 */
export function eventMessage(event: WebhookEvent, data: Data, locale: Locale = 'zh-CN'): EventMessage {
  const zh = locale === 'zh-CN';
  switch (event) {
    case 'order.placed':
      return {
        title: zh
          ? `新订单 ${str(data.order)} · ${str(data.customer)}`
          : `New order ${str(data.order)} · ${str(data.customer)}`,
        lines: [
          zh
            ? `日期 ${str(data.date)} · 含税金额 ${money(data.gross)}`
            : `Date ${str(data.date)} · total ${money(data.gross)}`,
          ...list(data.lines).map((l) => `${str(l.sku)} × ${qty(l.qty)} @ ${money(l.unitPrice)}`),
        ],
      };
    case 'approval.waiting': {
      const kind = DOCUMENT_KINDS[locale][str(data.kind)] ?? str(data.kind);
      return {
        title: zh ? `待审批 ${kind} ${str(data.document)}` : `Waiting for approval: ${kind} ${str(data.document)}`,
        lines: [
          zh ? `审批人 ${roles(data.waiting, locale)}` : `To approve: ${roles(data.waiting, locale)}`,
          ...(data.party ? [zh ? `对方 ${str(data.party)}` : `Party ${str(data.party)}`] : []),
          ...(typeof data.amount === 'number'
            ? [zh ? `金额 ${money(data.amount)}` : `Amount ${money(data.amount)}`]
            : []),
          ...list(data.steps).map((s) => str(s.message)),
        ],
      };
    }
    case 'order.approved':
      return {
        title: zh ? `已审批 ${str(data.order)}` : `Approved ${str(data.order)}`,
        lines: [
          zh
            ? `审批人 ${str(data.approvedBy)} · 状态 ${str(data.status)}`
            : `By ${str(data.approvedBy)} · now ${str(data.status)}`,
        ],
      };
    case 'order.shipped':
      return {
        title: zh ? `已发货 ${str(data.order)}` : `Shipped ${str(data.order)}`,
        lines: [
          zh ? `发货单 ${str(data.shipment)}` : `Shipment ${str(data.shipment)}`,
          ...(data.carrier || data.trackingNumber
            ? [
                zh
                  ? `承运商 ${str(data.carrier)} · 运单号 ${str(data.trackingNumber)}`
                  : `Carrier ${str(data.carrier)} · tracking ${str(data.trackingNumber)}`,
              ]
            : []),
        ],
      };
    case 'payment.matched':
      return {
        title: zh
          ? `到账 ${str(data.payment)} · ${money(data.amount)}`
          : `Payment ${str(data.payment)} · ${money(data.amount)}`,
        lines: [
          zh
            ? `日期 ${str(data.date)} · 对账行 ${str(data.statementLine)}`
            : `Date ${str(data.date)} · statement line ${str(data.statementLine)}`,
        ],
      };
    case 'alert.raised':
      return { title: zh ? `预警 ${str(data.subject)}` : `Alert ${str(data.subject)}`, lines: [str(data.message)] };
    case 'report_pack.ready':
      return {
        title: zh ? `日报 ${str(data.date)}` : `Report pack ${str(data.date)}`,
        lines: (Array.isArray(data.files) ? (data.files as string[]) : []).map((f) => f.split(/[\\/]/).at(-1) ?? f),
      };
  }
}

/** The JSON a group robot takes, by its documented message format. */
export function robotBody(
  target: 'wecom' | 'dingtalk' | 'feishu',
  message: EventMessage,
  signed?: { timestamp: string; sign: string },
): Record<string, unknown> {
  const markdown = [`### ${message.title}`, ...message.lines.map((l) => `> ${l}`)].join('\n');
  switch (target) {
    // WeCom group robot: {"msgtype":"markdown","markdown":{"content":…}}, at most 4096 bytes.
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: truncateBytes(markdown, 4096) } };
    // DingTalk custom robot: {"msgtype":"markdown","markdown":{"title":…,"text":…}}; signed in the URL.
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title: message.title, text: markdown } };
    // Feishu custom bot: {"msg_type":"text","content":{"text":…}}, with timestamp and sign in the body when signed.
    case 'feishu':
      return {
        ...(signed ? { timestamp: signed.timestamp, sign: signed.sign } : {}),
        msg_type: 'text',
        content: { text: [message.title, ...message.lines].join('\n') },
      };
  }
}

/** How many bytes a code point takes in UTF-8. */
const utf8Length = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** A text cut to at most `max` UTF-8 bytes, on a character boundary, marked with … when cut. */
export function truncateBytes(text: string, max: number): string {
  let total = 0;
  for (const ch of text) total += utf8Length(ch.codePointAt(0) ?? 0);
  if (total <= max) return text;
  let out = '';
  let used = 3;
  for (const ch of text) {
    const n = utf8Length(ch.codePointAt(0) ?? 0);
    if (used + n > max) break;
    out += ch;
    used += n;
  }
  return `${out}…`;
}
