import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { upsertMasterData } from './master-data.js';
import { placeSalesOrder } from './sales.js';
import { createTestBook } from './test-support/demo-company.js';
import {
  actorFromToken,
  actorOf,
  addUser,
  createApiToken,
  disableUser,
  LOGIN_MAX_FAILURES,
  listUsers,
  loginRequired,
  revokeToken,
  setPassword,
  setUser,
  setUserLocale,
  signIn,
  userLocale,
} from './users.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function book(now = () => new Date('2026-12-03T02:00:00Z')) {
  const dir = mkdtempSync(join(tmpdir(), 'tradeloop-users-'));
  dirs.push(dir);
  let t = now();
  const clock = () => t;
  const b = await createTestBook(dir, { actor: 'setup', clock });
  upsertMasterData(b, {
    salespeople: [
      { code: 'li', name: '李娜', level: 'senior', maxDiscount: 1500 },
      { code: 'lin', name: '林晓', level: 'junior', manager: 'li', maxDiscount: 800 },
      { code: 'chen', name: '陈静', level: 'junior', manager: 'li', maxDiscount: 800 },
    ],
  } as never);
  return { b, advance: (ms: number) => (t = new Date(t.getTime() + ms)) };
}

describe('users', () => {
  it('signs in with the password only, and gives a token that acts as the user with their team', async () => {
    const { b } = await book();
    expect(loginRequired(b)).toBe(false);
    await addUser(b, { name: 'boss', roles: ['owner'] }, 'correct horse battery');
    await addUser(b, { name: 'li', roles: ['sales_manager'], salesperson: 'li' }, 'li-secret-123');
    expect(loginRequired(b)).toBe(true);
    await expect(signIn(b, 'li', 'wrong password')).rejects.toMatchObject({ code: 'auth.failed' });
    await expect(signIn(b, 'nobody', 'li-secret-123')).rejects.toMatchObject({ code: 'auth.failed' });
    const s = await signIn(b, 'li', 'li-secret-123');
    expect(s.token).toMatch(/^tl_/);
    expect(actorFromToken(b, s.token)).toEqual({
      user: 'li',
      roles: ['sales_manager'],
      salesperson: 'li',
      team: ['chen', 'li', 'lin'],
    });
    // Only a hash of the token is kept.
    expect(JSON.stringify(b.exec.select('select * from auth_tokens'))).not.toContain(s.token);
    expect(JSON.stringify(b.exec.select('select * from users'))).not.toContain('li-secret-123');
    revokeToken(b, s.token);
    expect(() => actorFromToken(b, s.token)).toThrow(expect.objectContaining({ code: 'auth.token_expired' }));
    expect(() => actorFromToken(b, 'tl_forged')).toThrow(expect.objectContaining({ code: 'auth.token_invalid' }));
    b.close();
  });

  it('refuses sign-ins after five failures in fifteen minutes, even with the right password, and records each', async () => {
    const { b, advance } = await book();
    await addUser(b, { name: 'boss', roles: ['owner'] }, 'correct horse battery');
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++)
      await expect(signIn(b, 'boss', `guess ${i}`)).rejects.toMatchObject({ code: 'auth.failed' });
    await expect(signIn(b, 'boss', 'correct horse battery')).rejects.toMatchObject({ code: 'auth.rate_limited' });
    advance(16 * 60_000);
    expect((await signIn(b, 'boss', 'correct horse battery')).actor.user).toBe('boss');
    expect(b.exec.value('select count(*) from login_attempts where user_name = ?', 'boss')).toBe(7);
    b.close();
  });

  it('expires tokens, and ends every token of a user who is disabled or changes password', async () => {
    const { b, advance } = await book();
    await addUser(b, { name: 'boss', roles: ['owner'] }, 'correct horse battery');
    await addUser(b, { name: 'lin', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
    const cron = createApiToken(b, 'lin', { ttlMs: 3600_000, label: 'nightly' });
    expect(actorFromToken(b, cron.token).user).toBe('lin');
    advance(2 * 3600_000);
    expect(() => actorFromToken(b, cron.token)).toThrow(expect.objectContaining({ code: 'auth.token_expired' }));
    const s = await signIn(b, 'lin', 'lin-secret-123');
    await setPassword(b, 'lin', 'a new secret 456');
    expect(() => actorFromToken(b, s.token)).toThrow(expect.objectContaining({ code: 'auth.token_expired' }));
    const again = await signIn(b, 'lin', 'a new secret 456');
    disableUser(b, 'lin');
    expect(() => actorFromToken(b, again.token)).toThrow();
    await expect(signIn(b, 'lin', 'a new secret 456')).rejects.toMatchObject({ code: 'auth.failed' });
    b.close();
  });

  it('refuses unknown roles, a portal user without a customer, a short password and removing the last owner', async () => {
    const { b } = await book();
    await expect(addUser(b, { name: 'x', roles: ['boss' as never] })).rejects.toMatchObject({ code: 'user.role' });
    await expect(addUser(b, { name: 'y', roles: ['customer'] })).rejects.toMatchObject({ code: 'user.customer' });
    await expect(addUser(b, { name: 'z', roles: ['auditor'] }, 'short')).rejects.toMatchObject({
      code: 'user.password_short',
    });
    await expect(addUser(b, { name: 'has space', roles: ['auditor'] })).rejects.toMatchObject({ code: 'user.name' });
    await addUser(b, { name: 'boss', roles: ['owner'] }, 'correct horse battery');
    expect(() => setUser(b, 'boss', { roles: ['auditor'] })).toThrow(
      expect.objectContaining({ code: 'user.last_owner' }),
    );
    expect(() => disableUser(b, 'boss')).toThrow(expect.objectContaining({ code: 'user.last_owner' }));
    expect(listUsers(b).map((u) => [u.name, u.roles, u.hasPassword])).toEqual([['boss', ['owner'], true]]);
    b.close();
  });

  it("refuses a salesperson an order for another salesperson's customer, and takes one for their own", async () => {
    const { b } = await book();
    upsertMasterData(b, {
      warehouses: [{ code: 'WH1', name: '主仓' }],
      customers: [
        { code: 'MINE', name: '林的客户', owner: 'lin' },
        { code: 'THEIRS', name: '陈的客户', owner: 'chen' },
      ],
    } as never);
    await addUser(b, { name: 'boss', roles: ['owner'] }, 'correct horse battery');
    await addUser(b, { name: 'lin', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
    b.actAs(actorOf(b, 'lin'));
    const order = (customer: string) =>
      placeSalesOrder(b, { customer, warehouse: 'WH1', date: '2026-12-03', lines: [{ sku: 'NONE', qty: 1000 }] });
    expect(() => order('THEIRS')).toThrow(expect.objectContaining({ code: 'permission.scope' }));
    // Its own customer passes the scope and meets the next rule: the product is unknown.
    expect(() => order('MINE')).toThrow(expect.not.objectContaining({ code: 'permission.scope' }));
    expect(b.exec.value('select count(*) from sales_orders')).toBe(0);
    b.close();
  });

  it('lets the acting user do what their roles allow, and nothing else, changing nothing when refused', async () => {
    const { b } = await book();
    await addUser(b, { name: 'boss', roles: ['owner'] }, 'correct horse battery');
    await addUser(b, { name: 'lin', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
    b.actAs(actorOf(b, 'lin'));
    const before = b.exec.value('select count(*) from audit_log');
    expect(() => upsertMasterData(b, { warehouses: [{ code: 'WH9', name: 'x' }] } as never)).toThrow(
      expect.objectContaining({ code: 'permission.denied', message: expect.stringContaining('master.write') }),
    );
    await expect(addUser(b, { name: 'mole', roles: ['owner'] }, 'correct horse battery')).rejects.toMatchObject({
      code: 'permission.denied',
    });
    expect(() => listUsers(b)).toThrow(expect.objectContaining({ code: 'permission.denied' }));
    expect(b.exec.value('select count(*) from warehouses')).toBe(0);
    expect(b.exec.value('select count(*) from users')).toBe(2);
    // Each refusal is in the audit trail, and nothing else is.
    expect(b.exec.value('select count(*) from audit_log where refused is null')).toBe(before);
    expect(b.exec.select('select actor, command, refused from audit_log where refused is not null')).toEqual([
      { actor: 'lin', command: 'master.write', refused: 'permission.denied' },
      { actor: 'lin', command: 'users.manage', refused: 'permission.denied' },
      { actor: 'lin', command: 'users.manage', refused: 'permission.denied' },
    ]);
    b.close();
  });
});

describe('a user’s language', () => {
  it('starts unchosen, is set by the user themself, kept in the book and audited, and refuses unknown tags', async () => {
    const { b } = await book();
    await addUser(b, { name: 'boss', roles: ['owner'] }, 'correct horse battery');
    await addUser(b, { name: 'lin', roles: ['salesperson'], salesperson: 'lin' }, 'lin-secret-123');
    expect(userLocale(b, 'lin')).toBeNull();
    const version = () => b.exec.value("select version from users where name = 'lin'");
    const before = version();

    b.actAs(actorOf(b, 'lin'));
    expect(setUserLocale(b, 'lin', 'zh-CN')).toBe('zh-CN');
    expect(userLocale(b, 'lin')).toBe('zh-CN');
    // The same choice again changes nothing and writes no audit row.
    setUserLocale(b, 'lin', 'zh-CN');
    expect(b.exec.select("select actor, document from audit_log where command = 'setUserLocale'")).toEqual([
      { actor: 'lin', document: 'user:lin' },
    ]);
    // A preference, not an edit of the record: the row version others compare stays.
    expect(version()).toBe(before);

    expect(() => setUserLocale(b, 'lin', 'fr' as never)).toThrow(expect.objectContaining({ code: 'user.locale' }));
    expect(() => setUserLocale(b, 'boss', 'en')).toThrow(
      expect.objectContaining({ code: 'permission.denied', path: ['users.manage'] }),
    );
    expect(userLocale(b, 'boss')).toBeNull();

    // Who manages users may set anyone's, or clear it.
    b.actAs(actorOf(b, 'boss'));
    expect(setUserLocale(b, 'lin', null)).toBeNull();
    expect(userLocale(b, 'lin')).toBeNull();
    expect(() => userLocale(b, 'nobody')).toThrow(expect.objectContaining({ code: 'command.rejected' }));
  });
});
