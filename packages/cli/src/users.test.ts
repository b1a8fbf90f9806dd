import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookAt, tradeloop, useTempDir } from './test-support.js';

const tempDir = useTempDir();

/** A blank book with an owner, and a `t` that runs commands with its own sign-in file. */
function bookWithOwner() {
  const dir = tempDir();
  const db = bookAt(dir, 'co.db');
  const env = { TRADELOOP_SESSIONS: join(dir, 'sessions.json') };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const t = (...args: string[]) => tradeloop([...args, '--db', db], { env });
  const init = t('init', '--owner', 'boss', '--owner-password-file', file('boss.pw', 'boss-password-1\n'));
  expect(init.code, init.stderr).toBe(0);
  return { dir, db, env, t, file };
}

describe('users and sign-in on the command line', () => {
  it('creates the owner at init, who signs in and adds users; each then does what their role allows', () => {
    const { t, file, env } = bookWithOwner();
    const anonymous = t('whoami');
    expect(anonymous.code).toBe(3);
    expect(anonymous.stderr).toContain('has users: sign in first [auth.required]');
    const wrong = t('login', 'boss', '--password-file', file('bad.pw', 'not it at all\n'));
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain('wrong user name or password [auth.failed]');
    expect(t('login', 'boss', '--password-file', file('boss.pw', 'boss-password-1\n')).code).toBe(0);
    // The sign-in is kept for its owner's eyes only, and holds no password.
    expect(statSync(env.TRADELOOP_SESSIONS).mode & 0o777).toBe(0o600);
    expect(readFileSync(env.TRADELOOP_SESSIONS, 'utf8')).not.toContain('boss-password-1');
    const lin = file('lin.pw', 'lin-password-1\n');
    expect(t('user', 'add', 'lin', '--role', 'salesperson', '--password-file', lin).code).toBe(0);
    const bad = t('user', 'add', 'x', '--role', 'boss', '--password-file', lin);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--role');
    expect(JSON.parse(t('whoami', '-f', 'json').stdout)).toMatchObject({ user: 'boss', roles: ['owner'] });

    expect(t('login', 'lin', '--password-file', lin).code).toBe(0);
    const refused = t('import', 'warehouses', file('w.csv', '编码,名称\nWH1,主仓\n'));
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('lin (salesperson) may not master.write; it needs owner or sales_manager');
    expect(t('user', 'add', 'mole', '--role', 'owner', '--password-file', lin).code).toBe(3);
    expect(t('logout').stdout).toBe('signed out lin\n');
    expect(t('whoami').code).toBe(3);
  });

  it('lets a cron job act through a token the owner made, until it is no longer good', () => {
    const { t, file, env, db } = bookWithOwner();
    expect(t('login', 'boss', '--password-file', file('boss.pw', 'boss-password-1\n')).code).toBe(0);
    const pw = file('cron.pw', 'cron-password-1\n');
    expect(t('user', 'add', 'cron', '--role', 'accountant', '--password-file', pw).code).toBe(0);
    const made = JSON.parse(t('token', 'create', 'cron', '--days', '30', '--label', 'nightly', '-f', 'json').stdout);
    expect(made.token).toMatch(/^tl_/);
    expect(made.scopes).toEqual([]);
    const api = t('token', 'create', 'cron', '--scope', 'orders:read', '--scope', 'invoices:read');
    expect(api.stdout).toContain('over the HTTP API: invoices:read, orders:read');
    const bad = t('token', 'create', 'cron', '--scope', 'orders:delete');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('orders:delete');
    const job = (token: string) =>
      tradeloop(['whoami', '-f', 'json', '--db', db], {
        env: { TRADELOOP_TOKEN: token, TRADELOOP_SESSIONS: join(env.TRADELOOP_SESSIONS, '..', 'none.json') },
      });
    expect(JSON.parse(job(made.token).stdout)).toMatchObject({ user: 'cron', roles: ['accountant'] });
    const forged = job('tl_forged');
    expect(forged.code).toBe(3);
    expect(forged.stderr).toContain('[auth.token_invalid]');
    expect(t('user', 'disable', 'cron').code).toBe(0);
    expect(job(made.token).code).toBe(3);
  });

  it('keeps a book without users working for one person, who acts as its owner', () => {
    const dir = tempDir();
    const db = bookAt(dir, 'solo.db');
    const init = tradeloop(['init', '--db', db]);
    expect(init.stderr).toContain('no users: whoever opens the book acts as its owner');
    expect(JSON.parse(tradeloop(['whoami', '-f', 'json', '--db', db]).stdout)).toMatchObject({ roles: ['owner'] });
  });
});
