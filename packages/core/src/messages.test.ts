import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventMessage, mailRecipients, robotBody, targetOfUrl, truncateBytes } from './messages.js';
import { WEBHOOK_EVENTS } from './webhooks.js';

describe('targetOfUrl', () => {
  it('knows the robots by their hosts and e-mail by mailto:', () => {
    expect(targetOfUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k')).toBe('wecom');
    expect(targetOfUrl('https://oapi.dingtalk.com/robot/send?access_token=t')).toBe('dingtalk');
    expect(targetOfUrl('https://open.feishu.cn/open-apis/bot/v2/hook/h')).toBe('feishu');
    expect(targetOfUrl('https://open.larksuite.com/open-apis/bot/v2/hook/h')).toBe('feishu');
    expect(targetOfUrl('MAILTO:boss@example.com')).toBe('email');
    expect(targetOfUrl('https://erp.example.com/hooks')).toBe('webhook');
    expect(targetOfUrl('not a url')).toBe('webhook');
  });
});

describe('eventMessage', () => {
  it('tells an order placed with its total and lines, in Chinese and in English', () => {
    const data = {
      order: 'SO-2026-000001',
      customer: 'C001',
      date: '2026-03-02',
      gross: 424_880,
      lines: [{ lineNo: 1, sku: 'TEA-001', qty: 2_500, unitPrice: 18_800 }],
    };
    expect(eventMessage('order.placed', data, 'zh-CN')).toEqual({
      title: '新订单 SO-2026-000001 · C001',
      lines: ['日期 2026-03-02 · 含税金额 4,248.80', 'TEA-001 × 2.5 @ 188.00'],
    });
    expect(eventMessage('order.placed', data, 'en').title).toBe('New order SO-2026-000001 · C001');
  });

  it('names who must approve, by role', () => {
    const m = eventMessage(
      'approval.waiting',
      { document: 'PO-2026-000003', kind: 'purchase_order', waiting: ['owner'], party: 'S01', amount: 1_250_000 },
      'zh-CN',
    );
    expect(m).toEqual({
      title: '待审批 采购订单 PO-2026-000003',
      lines: ['审批人 老板', '对方 S01', '金额 12,500.00'],
    });
  });

  it('says something for every event, whatever the payload lacks', () => {
    for (const event of WEBHOOK_EVENTS)
      for (const locale of ['en', 'zh-CN'] as const)
        expect(eventMessage(event, {}, locale).title.length).toBeGreaterThan(0);
  });

  it('names a report pack’s files without their folders', () => {
    expect(
      eventMessage('report_pack.ready', { date: '2026-03-02', files: ['/srv/packs/2026-03-02/aging.xlsx'] }, 'en'),
    ).toEqual({
      title: 'Report pack 2026-03-02',
      lines: ['aging.xlsx'],
    });
  });
});

describe('robotBody', () => {
  const message = { title: '已发货 SO-1', lines: ['发货单 SH-1'] };
  it('is each robot’s documented format', () => {
    expect(robotBody('wecom', message)).toEqual({
      msgtype: 'markdown',
      markdown: { content: '### 已发货 SO-1\n> 发货单 SH-1' },
    });
    expect(robotBody('dingtalk', message)).toEqual({
      msgtype: 'markdown',
      markdown: { title: '已发货 SO-1', text: '### 已发货 SO-1\n> 发货单 SH-1' },
    });
    expect(robotBody('feishu', message, { timestamp: '1772438400', sign: 's=' })).toEqual({
      timestamp: '1772438400',
      sign: 's=',
      msg_type: 'text',
      content: { text: '已发货 SO-1\n发货单 SH-1' },
    });
  });
});

describe('truncateBytes', () => {
  it('never passes the limit nor splits a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 8, max: 300 }), (text, max) => {
        const cut = truncateBytes(text, max);
        expect(new TextEncoder().encode(cut).length).toBeLessThanOrEqual(Math.max(max, 0));
        if (cut === text) return;
        const kept = cut.slice(0, -1);
        expect(text.startsWith(kept)).toBe(true);
        // Cut between code points: never between the two halves of a surrogate pair.
        const splitPair = /[\uD800-\uDBFF]$/.test(kept) && /^[\uDC00-\uDFFF]/.test(text.slice(kept.length));
        expect(splitPair).toBe(false);
      }),
    );
  });
});

describe('mailRecipients', () => {
  it('reads the addresses of a mailto: target, or the approvers', () => {
    expect(mailRecipients('mailto:boss@example.com, ops@example.com')).toEqual({
      ok: true,
      value: ['boss@example.com', 'ops@example.com'],
    });
    expect(mailRecipients('mailto:approvers')).toEqual({ ok: true, value: 'approvers' });
  });
  it('refuses a target without an address, or with one that is none', () => {
    expect(mailRecipients('mailto:').ok).toBe(false);
    const bad = mailRecipients('mailto:boss@example.com,not-an-address');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.path).toEqual(['url', 1]);
  });
});
