import { readFileSync } from 'node:fs';
import { apiScopeSchema, ROLES, readScopes } from '@tradeloop/core';
import type { Command } from 'commander';
import { z } from 'zod';
import { bookPathOf, withBook } from '../book-access.js';
import { opt, parseOptions } from '../options.js';
import { type Report, writeReport } from '../report-table.js';
import { printResult } from '../result.js';

/** One of core's roles, refused in the words of the other options. */
const role = () => z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });
/** `--role a --role b` or `--role a,b`. */
const roles = () =>
  z
    .array(z.string())
    .transform((v) => v.flatMap((r) => r.split(',')).map((r) => r.trim()))
    .pipe(z.array(role()).min(1, { error: 'needs at least one role' }));

/**
 * A password from a file (its first line), from stdin with `-`, or asked on a terminal without
 * echo. Never from an argument: arguments are visible to every user of the machine.
 */
export async function readPassword(file: string | undefined, prompt: string): Promise<string> {
  if (file !== undefined) {
    const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
    return text.split(/\r?\n/)[0] ?? '';
  }
  const { TradeloopError } = await import('@tradeloop/core');
  if (!process.stdin.isTTY)
    throw new TradeloopError('usage.password', 'no terminal to ask for a password on', {
      hint: 'pass --password-file FILE (or - for stdin)',
    });
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Echo nothing of what is typed; the prompt itself is written before.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  process.stderr.write(prompt);
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

const addOptions = z.object({
  role: roles(),
  displayName: opt.text().optional(),
  salesperson: opt.text().optional(),
  customer: opt.text().optional(),
  email: opt.text().optional(),
  passwordFile: opt.text().optional(),
  format: opt.resultFormat(),
});

export async function userAdd(name: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, addOptions, raw);
  await withBook(cmd, async (book) => {
    const { addUser } = await import('@tradeloop/store');
    book.requirePermission('users.manage');
    const password = await readPassword(o.passwordFile, `password for ${name}: `);
    const u = await addUser(
      book,
      {
        name,
        roles: o.role,
        ...(o.displayName ? { displayName: o.displayName } : {}),
        ...(o.salesperson ? { salesperson: o.salesperson } : {}),
        ...(o.customer ? { customer: o.customer } : {}),
        ...(o.email ? { email: o.email } : {}),
      },
      password,
    );
    printResult(o.format, u, () => `added ${u.name}: ${u.roles.join(', ')}`);
  });
}

const listOptions = z.object({ format: opt.reportFormat(), output: opt.text().optional() });

export async function userList(raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, listOptions, raw);
  await withBook(cmd, async (book) => {
    const { listUsers } = await import('@tradeloop/store');
    const report: Report = {
      columns: [
        { key: 'name', title: 'User 用户', kind: 'text' },
        { key: 'display_name', title: 'Name 姓名', kind: 'text' },
        { key: 'roles', title: 'Roles 角色', kind: 'text' },
        { key: 'salesperson', title: 'Salesperson 业务员', kind: 'text' },
        { key: 'customer', title: 'Customer 客户', kind: 'text' },
        { key: 'email', title: 'E-mail 邮箱', kind: 'text' },
        { key: 'can_sign_in', title: 'Signs in 可登录', kind: 'text' },
      ],
      rows: listUsers(book).map((u) => ({
        name: u.name,
        display_name: u.displayName,
        roles: u.roles.join(','),
        salesperson: u.salesperson,
        customer: u.customer,
        email: u.email,
        can_sign_in: u.disabled ? 'disabled' : u.hasPassword ? 'yes' : 'no password',
      })),
    };
    await writeReport(report, o, book.settings().precision, 'users');
  });
}

const setOptions = z.object({
  role: roles().optional(),
  displayName: opt.text().optional(),
  salesperson: opt.text().optional(),
  customer: opt.text().optional(),
  email: opt.text().optional(),
  format: opt.resultFormat(),
});

export async function userSet(name: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, setOptions, raw);
  await withBook(cmd, async (book) => {
    const { setUser } = await import('@tradeloop/store');
    const blankIsNone = (v: string | undefined) => (v === undefined ? undefined : v === '' ? null : v);
    const u = setUser(book, name, {
      ...(o.role ? { roles: o.role } : {}),
      ...(o.displayName === undefined ? {} : { displayName: blankIsNone(o.displayName) }),
      ...(o.salesperson === undefined ? {} : { salesperson: blankIsNone(o.salesperson) }),
      ...(o.customer === undefined ? {} : { customer: blankIsNone(o.customer) }),
      ...(o.email === undefined ? {} : { email: blankIsNone(o.email) }),
    });
    printResult(o.format, u, () => `${u.name}: ${u.roles.join(', ')}`);
  });
}

const disableOptions = z.object({ enable: opt.flag(), format: opt.resultFormat() });

export async function userDisable(name: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, disableOptions, raw);
  await withBook(cmd, async (book) => {
    const { disableUser } = await import('@tradeloop/store');
    const u = disableUser(book, name, !o.enable);
    printResult(o.format, u, () => `${u.name} ${u.disabled ? 'disabled: cannot sign in' : 'enabled'}`);
  });
}

const passwdOptions = z.object({ passwordFile: opt.text().optional() });

export async function userPasswd(name: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, passwdOptions, raw);
  await withBook(cmd, async (book) => {
    const { setPassword } = await import('@tradeloop/store');
    book.requirePermission('users.manage');
    await setPassword(book, name, await readPassword(o.passwordFile, `new password for ${name}: `));
    process.stdout.write(`password of ${name} set; their other sign-ins ended\n`);
  });
}

const loginOptions = z.object({ passwordFile: opt.text().optional(), hours: opt.whole(1, 24 * 30) });

/** `tradeloop login`: sign in, keeping the token for this book in the user's config folder. */
export async function login(name: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, loginOptions, raw);
  const path = bookPathOf(cmd);
  const [{ Book, signIn }, { saveSession }] = await Promise.all([import('@tradeloop/store'), import('../sessions.js')]);
  const password = await readPassword(o.passwordFile, `password for ${name}: `);
  const book = await Book.open(path, { actor: name });
  try {
    const s = await signIn(book, name, password, { kind: 'cli', ttlMs: o.hours * 3600_000, source: 'cli' });
    saveSession(path, { user: name, token: s.token, expiresAt: s.expiresAt });
    process.stdout.write(`signed in as ${name} (${s.actor.roles.join(', ')}) until ${s.expiresAt}\n`);
  } finally {
    book.close();
  }
}

export async function logout(_raw: unknown, cmd: Command) {
  const path = bookPathOf(cmd);
  const [{ Book, revokeToken }, { saveSession, savedSession }] = await Promise.all([
    import('@tradeloop/store'),
    import('../sessions.js'),
  ]);
  const session = savedSession(path);
  if (session) {
    const book = await Book.open(path, { actor: session.user });
    try {
      revokeToken(book, session.token);
    } finally {
      book.close();
    }
  }
  saveSession(path, undefined);
  process.stdout.write(session ? `signed out ${session.user}\n` : 'not signed in\n');
}

export async function whoami(raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, z.object({ format: opt.resultFormat() }), raw);
  await withBook(cmd, async (book) => {
    const { PERMISSIONS, can } = await import('@tradeloop/core');
    const actor = book.principal;
    const allowed = PERMISSIONS.filter((p) => can(actor, p));
    printResult(o.format, { ...actor, permissions: allowed }, () =>
      [`${actor.user}: ${actor.roles.join(', ')}`, `may: ${allowed.join(', ')}`].join('\n'),
    );
  });
}

const tokenOptions = z.object({
  days: opt.whole(1, 3650),
  label: opt.text().optional(),
  scope: z.array(z.union([z.literal('*'), apiScopeSchema])).default([]),
  format: opt.resultFormat(),
});

export async function tokenCreate(user: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, tokenOptions, raw);
  await withBook(cmd, async (book) => {
    const { createApiToken } = await import('@tradeloop/store');
    const scopes = readScopes(o.scope);
    const t = createApiToken(book, user, {
      ttlMs: o.days * 86_400_000,
      ...(o.label ? { label: o.label } : {}),
      ...(scopes.ok ? { scopes: scopes.value } : {}),
    });
    printResult(o.format, { user, ...t }, () =>
      [
        `${t.token}`,
        `acts as ${user} until ${t.expiresAt}; shown once: keep it as TRADELOOP_TOKEN`,
        t.scopes.length > 0
          ? `over the HTTP API: ${t.scopes.join(', ')} (send it as Authorization: Bearer)`
          : 'not for the HTTP API (no --scope)',
      ].join('\n'),
    );
  });
}
