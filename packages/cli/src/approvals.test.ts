import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookAt, smallDemoBook, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();

describe('approvals on the command line', () => {
  it('brings what waits to the right person, who approves it or rejects it with a reason', () => {
    const dir = tempDir();
    const db = bookAt(dir, 'co.db');
    smallDemoBook(db);
    const env = { TRADELOOP_SESSIONS: join(dir, 'sessions.json') };
    const t = (...args: string[]) => tradeloop([...args, '--db', db], { env });
    const pw = (name: string) => {
      const path = join(dir, `${name}.pw`);
      writeFileSync(path, `${name}-password-1\n`);
      return path;
    };
    const ok = (...args: string[]) => {
      const r = t(...args);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const login = (name: string) => ok('login', name, '--password-file', pw(name));
    const json = (...args: string[]) => JSON.parse(ok(...args, '-f', 'json'));
    const rows = (...args: string[]) => json(...args).rows;

    // The demo's people sign in once the owner gives them passwords.
    ok('user', 'add', 'boss', '--role', 'owner', '--password-file', pw('boss'));
    login('boss');
    ok('user', 'passwd', 'li', '--password-file', pw('li'));
    ok('user', 'passwd', 'lin', '--password-file', pw('lin'));
    ok('approvals', 'rules', 'set', 'order_amount', '--over', '100', '--second-over', '1000', '--second-role', 'owner');
    expect(rows('approvals', 'rules').find((r: { rule: string }) => r.rule === 'order_amount')).toEqual({
      rule: 'order_amount',
      over: '100.00',
      role: 'sales_manager',
      second_over: '1000.00',
      second_role: 'owner',
    });

    // lin sells: 2 boxes wait for a sales manager; 10 (over 1,000.00) for a sales manager, then the owner.
    login('lin');
    const place = (qty: string) =>
      json(
        'place',
        'order',
        '--customer',
        'C001',
        '--warehouse',
        'WH1',
        '--date',
        '2026-03-02',
        '--line',
        `TEA-001:${qty}`,
      ).number as string;
    const small = place('2');
    const large = place('10');
    expect(ok('approvals')).toBe('nothing waits for you\n');
    const refused = t('approve', 'order', small);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('needs approval by sales_manager, which lin is not');

    login('li');
    expect(rows('approvals').map((a: { document: string; step: number }) => [a.document, a.step])).toEqual([
      [small, 1],
      [large, 1],
    ]);
    expect(ok('approve', 'order', small)).toMatch(new RegExp(`^${small} awaiting (shipment|payment)`));
    expect(ok('approve', 'order', large)).toMatch(
      new RegExp(`^${large} approved so far; waits for owner \\(order [\\d.,]+ is over 1,000.00\\)\n$`),
    );
    expect(ok('approvals')).toBe('nothing waits for you\n');
    expect(rows('approvals', '--all').map((a: { document: string; state: string }) => [a.document, a.state])).toEqual([
      [large, 'open'],
    ]);

    login('boss');
    expect(rows('approvals').map((a: { document: string; role: string }) => [a.document, a.role])).toEqual([
      [large, 'owner'],
    ]);
    const noReason = t('reject', 'order', large);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reason');
    expect(ok('reject', 'order', large, '--reason', '数量太大，分两单')).toBe(
      `${large} rejected and cancelled: 数量太大，分两单\n`,
    );
    expect(
      rows('approvals', 'history', large).map((s: Record<string, string>) => [
        s.step,
        s.status,
        s.decided_by,
        s.reason,
        s.asked_by,
      ]),
    ).toEqual([
      [1, 'approved', 'li', null, 'lin'],
      [2, 'rejected', 'boss', '数量太大，分两单', 'lin'],
    ]);
    expect(ok('approvals')).toBe('nothing waits for you\n');
    expect(ok('approvals', 'history', large)).toContain('数量太大');
  });
});
