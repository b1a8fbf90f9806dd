import { createHash, randomBytes } from 'node:crypto';
import {
  type Actor,
  type ApiScope,
  can,
  emailAddressSchema,
  type Locale,
  localeSchema,
  ROLES,
  type Role,
  readScopes,
  roleSchema,
  TradeloopError,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { notFound } from './master-data.js';
import { storeRequire } from './store-require.js';

/** The password hasher, a native module, loaded by the first command that hashes or checks one. */
const argon2 = (): typeof import('@node-rs/argon2') =>
  storeRequire('@node-rs/argon2') as typeof import('@node-rs/argon2');

/** argon2id, as @node-rs/argon2 numbers it (Argon2d 0, Argon2i 1, Argon2id 2). */
const ARGON2ID = 2;

/** Failed sign-ins of one user within this window, at most, before the next is refused unheard. */
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_MAX_FAILURES = 5;

/** How long what a sign-in gives lasts, unless asked otherwise. */
export const SESSION_TTL_MS = 12 * 3600_000;

export interface UserInput {
  name: string;
  roles: readonly Role[];
  displayName?: string | null;
  /** The salesperson code this user sells as. */
  salesperson?: string | null;
  /** The customer code this user buys for (portal). */
  customer?: string | null;
  /** Where messages for the user go: approvals waiting for their roles. */
  email?: string | null;
}

export interface UserRow {
  name: string;
  displayName: string | null;
  roles: Role[];
  salesperson: string | null;
  customer: string | null;
  email: string | null;
  disabled: boolean;
  hasPassword: boolean;
  createdAt: string | null;
}

const validName = (name: string) => /^[\p{L}\p{N}_.@-]{1,64}$/u.test(name);

/** Refuses a user the book cannot hold: a name not usable, no role, an unknown role, a customer user without a customer. */
export function checkUser(input: UserInput): void {
  if (!validName(input.name))
    throw new TradeloopError('user.name', `user name "${input.name}" is not usable`, {
      hint: 'use letters, digits, _ . @ - (up to 64), no spaces',
      path: ['name'],
    });
  if (input.roles.length === 0)
    throw new TradeloopError('user.roles', `${input.name} needs at least one role`, {
      hint: `roles: ${ROLES.join(', ')}`,
      path: ['roles'],
    });
  for (const r of input.roles)
    if (!roleSchema.safeParse(r).success)
      throw new TradeloopError('user.role', `"${r}" is not a role`, {
        hint: `roles: ${ROLES.join(', ')}`,
        path: ['roles'],
      });
  if (input.email && !emailAddressSchema.safeParse(input.email).success)
    throw new TradeloopError('user.email', `"${input.email}" is not an e-mail address`, { path: ['email'] });
  if (input.roles.includes('customer') && !input.customer)
    throw new TradeloopError('user.customer', `${input.name} has the customer role: say which customer (--customer)`, {
      path: ['customer'],
    });
}

/** Hash a password for keeping: argon2id with the library's defaults (19 MiB, 2 passes). */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < 8)
    throw new TradeloopError('user.password_short', 'a password needs at least 8 characters', {
      path: ['password'],
    });
  return argon2().hash(password, { algorithm: ARGON2ID });
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function idOrNull(book: Book, table: 'salespeople' | 'customers', code: string | null | undefined): number | null {
  if (code === null || code === undefined || code === '') return null;
  const row = book.exec.get(book.db.selectFrom(table).select('id').where('code', '=', code));
  if (!row) throw notFound(table === 'salespeople' ? 'salesperson' : 'customer', code);
  return row.id;
}

/** Whether anyone can sign in: then every command needs a signed-in user. */
export function loginRequired(book: Book): boolean {
  return (
    book.exec.get(
      book.db
        .selectFrom('users')
        .select('id')
        .where('password_hash', 'is not', null)
        .where('disabled', '=', 0)
        .limit(1),
    ) !== undefined
  );
}

/**
 * Add a user, or refuse one who exists. The password, when given, is hashed before (hashing is
 * slow on purpose and must not hold the book's write lock).
 *
 * @example
 * await addUser(book, { name: 'lin', roles: ['salesperson'], salesperson: 'lin' }, 'a long secret')
 */
export async function addUser(book: Book, input: UserInput, password?: string): Promise<UserRow> {
  checkUser(input);
  const passwordHash = password === undefined ? null : await hashPassword(password);
  return createUser(book, input, passwordHash);
}

/** `addUser` with the password already hashed (or none), in the caller's time: a nested command. */
export function createUser(book: Book, input: UserInput, passwordHash: string | null = null): UserRow {
  checkUser(input);
  return book.command('manageUsers', () => {
    const exists = book.exec.get(book.db.selectFrom('users').select('id').where('name', '=', input.name));
    if (exists)
      throw new TradeloopError('user.exists', `a user ${input.name} exists`, {
        hint: 'change them with `tradeloop user set`',
      });
    book.exec.run(
      book.db.insertInto('users').values({
        name: input.name,
        roles: input.roles.join(','),
        display_name: input.displayName ?? null,
        salesperson_id: idOrNull(book, 'salespeople', input.salesperson),
        customer_id: idOrNull(book, 'customers', input.customer),
        email: input.email ?? null,
        password_hash: passwordHash,
        created_at: book.now(),
      }),
    );
    const user = getUser(book, input.name);
    return { value: user, document: `user:${input.name}`, after: { ...user } };
  });
}

/** Change a user's roles, name shown or links; what is left out stays. */
export function setUser(book: Book, name: string, change: Partial<Omit<UserInput, 'name'>>): UserRow {
  return book.command('manageUsers', () => {
    const before = getUser(book, name);
    const next: UserInput = {
      name,
      roles: change.roles ?? before.roles,
      displayName: change.displayName === undefined ? before.displayName : change.displayName,
      salesperson: change.salesperson === undefined ? before.salesperson : change.salesperson,
      customer: change.customer === undefined ? before.customer : change.customer,
      email: change.email === undefined ? before.email : change.email,
    };
    checkUser(next);
    refuseLastOwner(book, before, next.roles, false);
    book.exec.run(
      book.db
        .updateTable('users')
        .set({
          roles: next.roles.join(','),
          display_name: next.displayName ?? null,
          salesperson_id: idOrNull(book, 'salespeople', next.salesperson),
          customer_id: idOrNull(book, 'customers', next.customer),
          email: next.email ?? null,
        })
        .where('name', '=', name),
    );
    const after = getUser(book, name);
    return { value: after, document: `user:${name}`, before: { ...before }, after: { ...after } };
  });
}

/** A book must keep an owner who can sign in, or nobody could manage its users again. */
export function refuseLastOwner(book: Book, user: UserRow, roles: readonly Role[], disabling: boolean): void {
  if (!user.roles.includes('owner') || (!disabling && roles.includes('owner'))) return;
  const others = book.exec.all(
    book.db
      .selectFrom('users')
      .select('roles')
      .where('name', '!=', user.name)
      .where('disabled', '=', 0)
      .where('password_hash', 'is not', null),
  );
  if (!others.some((o) => o.roles.split(',').includes('owner')))
    throw new TradeloopError('user.last_owner', `${user.name} is the book's last owner who can sign in`, {
      hint: 'make another user owner first',
    });
}

/** Disable a user: they cannot sign in, and every token they hold stops working. */
export function disableUser(book: Book, name: string, disabled = true): UserRow {
  return book.command('manageUsers', () => {
    const before = getUser(book, name);
    if (disabled) refuseLastOwner(book, before, before.roles, true);
    book.exec.run(
      book.db
        .updateTable('users')
        .set({ disabled: disabled ? 1 : 0 })
        .where('name', '=', name),
    );
    if (disabled)
      book.exec.run(
        book.db
          .updateTable('auth_tokens')
          .set({ revoked_at: book.now() })
          .where('user_id', '=', userId(book, name))
          .where('revoked_at', 'is', null),
      );
    const after = getUser(book, name);
    return { value: after, document: `user:${name}`, before: { disabled: before.disabled }, after: { disabled } };
  });
}

/** Set a user's password; their other tokens are revoked, as after a password change anywhere. */
export async function setPassword(book: Book, name: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  book.command('manageUsers', () => {
    getUser(book, name);
    book.exec.run(book.db.updateTable('users').set({ password_hash: passwordHash }).where('name', '=', name));
    book.exec.run(
      book.db
        .updateTable('auth_tokens')
        .set({ revoked_at: book.now() })
        .where('user_id', '=', userId(book, name))
        .where('revoked_at', 'is', null),
    );
    return { value: undefined, document: `user:${name}`, after: { password: 'changed' } };
  });
}

/** Only `preparePasswordChange` makes one: a user's current password checked and the new one hashed. */
const CHECKED_CHANGE: unique symbol = Symbol('checked password change');

/** A password change ready to be made (`preparePasswordChange`). */
export interface PasswordChange {
  readonly [CHECKED_CHANGE]: true;
  user: string;
  passwordHash: string;
}

/**
 * Check a user's current password and hash the new one: the slow, awaited half of changing one's
 * own password, which reads nothing of who the book acts as (a server shares one book between
 * requests). A wrong current password is refused (`auth.failed`) and counted like a failed sign-in;
 * five within fifteen minutes lock it as signing in does.
 */
export async function preparePasswordChange(
  book: Book,
  name: string,
  current: string,
  next: string,
): Promise<PasswordChange> {
  if (lockedOut(book, name)) {
    recordAttempt(book, name, false, 'password change');
    throw new TradeloopError('auth.rate_limited', `too many failed attempts for ${name}; try again in 15 minutes`);
  }
  const row = book.exec.get(book.db.selectFrom('users').select(['password_hash']).where('name', '=', name));
  const good = row?.password_hash != null && (await argon2().verify(row.password_hash, current));
  if (!good) {
    recordAttempt(book, name, false, 'password change');
    throw new TradeloopError('auth.failed', 'the current password is not right', { path: ['current'] });
  }
  return { [CHECKED_CHANGE]: true, user: name, passwordHash: await hashPassword(next) };
}

/**
 * A signed-in user changes their own password (`preparePasswordChange` first): any role may, a
 * customer on the portal too, and only their own. Their other sign-ins end (the one asking,
 * `keepToken`, stays; programs' tokens stay).
 */
export function changeOwnPassword(book: Book, change: PasswordChange, options: { keepToken?: string } = {}): void {
  if (change[CHECKED_CHANGE] !== true) throw new TypeError('a password change is prepared by preparePasswordChange');
  const name = change.user;
  if (book.principal.user !== name)
    throw book.refusal('permission.denied', `${book.actor} may not change the password of ${name}`, {
      path: ['users.manage'],
    });
  book.command('changeOwnPassword', () => {
    book.exec.run(book.db.updateTable('users').set({ password_hash: change.passwordHash }).where('name', '=', name));
    book.exec.run(
      book.db
        .updateTable('auth_tokens')
        .set({ revoked_at: book.now() })
        .where('user_id', '=', userId(book, name))
        .where('kind', '!=', 'api')
        .where('token_hash', '!=', options.keepToken ? sha256(options.keepToken) : '')
        .where('revoked_at', 'is', null),
    );
    return { value: undefined, document: `user:${name}`, after: { password: 'changed by the user' } };
  });
}

function userId(book: Book, name: string): number {
  const row = book.exec.get(book.db.selectFrom('users').select('id').where('name', '=', name));
  if (!row) throw notFound('user', name);
  return row.id;
}

const userQuery = (book: Book) =>
  book.db
    .selectFrom('users as u')
    .leftJoin('salespeople as s', 's.id', 'u.salesperson_id')
    .leftJoin('customers as c', 'c.id', 'u.customer_id')
    .select([
      'u.name',
      'u.display_name',
      'u.roles',
      's.code as salesperson',
      'c.code as customer',
      'u.email',
      'u.disabled',
      'u.password_hash',
      'u.created_at',
    ]);

type UserQueryRow = {
  name: string;
  display_name: string | null;
  roles: string;
  salesperson: string | null;
  customer: string | null;
  email: string | null;
  disabled: number;
  password_hash: string | null;
  created_at: string | null;
};

const toUser = (r: UserQueryRow): UserRow => ({
  name: r.name,
  displayName: r.display_name,
  roles: r.roles.split(',').filter(Boolean) as Role[],
  salesperson: r.salesperson,
  customer: r.customer,
  email: r.email,
  disabled: r.disabled === 1,
  hasPassword: r.password_hash !== null,
  createdAt: r.created_at,
});

/** One user, or `not_found`. */
export function getUser(book: Book, name: string): UserRow {
  const row = book.exec.get(userQuery(book).where('u.name', '=', name));
  if (!row) throw notFound('user', name);
  return toUser(row);
}

/** The language a user chose for the app, or null when they chose none (the browser's decides). */
export function userLocale(book: Book, name: string): Locale | null {
  const row = book.exec.get(book.db.selectFrom('users').select('locale').where('name', '=', name));
  if (!row) throw notFound('user', name);
  const known = localeSchema.safeParse(row.locale);
  return known.success ? known.data : null;
}

/**
 * Choose the language a user sees the app in (null: none, the browser's decides). Anyone signed
 * in sets their own; someone else's only who manages users.
 *
 * @example
 * setUserLocale(book, 'lin', 'zh-CN')
 */
export function setUserLocale(book: Book, name: string, locale: Locale | null): Locale | null {
  const actor = book.principal;
  // Refused before the command, so the refusal is logged like any other.
  if (actor.user !== name && !can(actor, 'users.manage'))
    throw book.refusal('permission.denied', `${actor.user} may not choose the language of ${name}`, {
      path: ['users.manage'],
    });
  return book.command('setUserLocale', () => {
    const chosen = locale === null ? null : localeSchema.safeParse(locale);
    if (chosen && !chosen.success)
      throw new TradeloopError('user.locale', `"${locale}" is not a language of the app`, {
        hint: `languages: ${localeSchema.options.join(', ')}`,
        path: ['locale'],
      });
    const before = userLocale(book, name);
    const after = chosen ? chosen.data : null;
    if (before === after) return { value: after, unchanged: true };
    book.exec.run(book.db.updateTable('users').set({ locale: after }).where('name', '=', name));
    return { value: after, document: `user:${name}`, before: { locale: before }, after: { locale: after } };
  });
}

/** Every user, by name: for who manages users. */
export function listUsers(book: Book): UserRow[] {
  book.requirePermission('users.manage');
  return book.exec.all(userQuery(book).orderBy('u.name')).map(toUser);
}

/**
 * The actor a user acts as: their roles, the salesperson they sell as and the team they lead
 * (every salesperson whose chain of managers reaches theirs), the customer they buy for.
 */
export function actorOf(book: Book, name: string): Actor {
  const user = getUser(book, name);
  const team =
    user.salesperson === null
      ? []
      : book.exec
          .select<{ code: string }>(
            `with recursive team(id) as (
               select id from salespeople where code = ?
               union select s.id from salespeople s join team t on s.manager_id = t.id)
             select code from salespeople where id in (select id from team) order by code`,
            user.salesperson,
          )
          .map((r) => r.code);
  return {
    user: user.name,
    roles: user.roles,
    ...(user.salesperson ? { salesperson: user.salesperson } : {}),
    ...(team.length > 0 ? { team } : {}),
    ...(user.customer ? { customer: user.customer } : {}),
  };
}

function recordAttempt(book: Book, name: string, ok: boolean, source: string | undefined): void {
  // Kept whatever the outcome, outside any command: a refused sign-in changes nothing else.
  book.exec.run(
    book.db
      .insertInto('login_attempts')
      .values({ user_name: name, at: book.now(), ok: ok ? 1 : 0, source: source ?? null }),
  );
}

export interface SignIn {
  token: string;
  expiresAt: string;
  actor: Actor;
}

/** Whether a name has failed to sign in five times within fifteen minutes. */
function lockedOut(book: Book, name: string): boolean {
  const since = new Date(book.clock().getTime() - LOGIN_WINDOW_MS).toISOString();
  const failures = book.exec.get(
    book.db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_name', '=', name)
      .where('ok', '=', 0)
      .where('at', '>=', since),
  );
  return (failures?.n ?? 0) >= LOGIN_MAX_FAILURES;
}

/**
 * Check a user's password and give a token for the kind of client asking. Five failures within
 * fifteen minutes and the next attempts are refused without looking at the password, until the
 * window passes. Every attempt is recorded. A wrong name and a wrong password read alike.
 */
export async function signIn(
  book: Book,
  name: string,
  password: string,
  options: { kind?: 'session' | 'cli'; ttlMs?: number; source?: string } = {},
): Promise<SignIn> {
  if (lockedOut(book, name)) {
    recordAttempt(book, name, false, options.source);
    throw new TradeloopError('auth.rate_limited', `too many failed sign-ins for ${name}; try again in 15 minutes`, {
      hint: 'the owner can set a new password with `tradeloop user passwd`',
    });
  }
  const row = book.exec.get(
    book.db.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('name', '=', name),
  );
  const good =
    row !== undefined &&
    row.password_hash !== null &&
    row.disabled === 0 &&
    (await argon2().verify(row.password_hash, password));
  recordAttempt(book, name, good, options.source);
  if (!good || !row) throw new TradeloopError('auth.failed', 'wrong user name or password');
  const { token, expiresAt } = issueToken(book, row.id, options.kind ?? 'session', options.ttlMs ?? SESSION_TTL_MS);
  return { token, expiresAt, actor: actorOf(book, name) };
}

function issueToken(
  book: Book,
  userId: number,
  kind: 'session' | 'cli' | 'api',
  ttlMs: number,
  label?: string,
  scopes?: readonly ApiScope[],
): { token: string; expiresAt: string } {
  const token = `tl_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(book.clock().getTime() + ttlMs).toISOString();
  book.exec.run(
    book.db.insertInto('auth_tokens').values({
      token_hash: sha256(token),
      user_id: userId,
      kind,
      label: label ?? null,
      created_at: book.now(),
      expires_at: expiresAt,
      scopes: scopes ? JSON.stringify(scopes) : null,
    }),
  );
  return { token, expiresAt };
}

/**
 * A token for a program (a cron job's `TRADELOOP_TOKEN`, another system calling the HTTP API),
 * made by who manages users: it acts as the user it is for, until it expires or is revoked, and
 * over the HTTP API only within its scopes (none given: it may not use the API). Shown once.
 */
export function createApiToken(
  book: Book,
  name: string,
  options: { ttlMs: number; label?: string; scopes?: readonly ApiScope[] },
): { token: string; expiresAt: string; scopes: ApiScope[] } {
  return book.command('manageUsers', () => {
    const id = userId(book, name);
    const scopes = options.scopes && options.scopes.length > 0 ? [...options.scopes] : undefined;
    const issued = issueToken(book, id, 'api', options.ttlMs, options.label, scopes);
    return {
      value: { ...issued, scopes: scopes ?? [] },
      document: `user:${name}`,
      after: { token: 'created', label: options.label ?? null, expiresAt: issued.expiresAt, scopes: scopes ?? [] },
    };
  });
}

/** End a token: a sign-out, or a cron job's token withdrawn. */
export function revokeToken(book: Book, token: string): void {
  book.exec.run(
    book.db
      .updateTable('auth_tokens')
      .set({ revoked_at: book.now() })
      .where('token_hash', '=', sha256(token))
      .where('revoked_at', 'is', null),
  );
}

/**
 * The actor a token stands for, or why it stands for no one: unknown (`auth.token_invalid`),
 * expired or revoked (`auth.token_expired`), its user disabled (`auth.user_disabled`).
 */
export function actorFromToken(book: Book, token: string): Actor {
  return tokenGrant(book, token).actor;
}

/** What a token grants: who it acts as, and what it may do over the HTTP API. */
export interface TokenGrant {
  actor: Actor;
  /** The API scopes it was made with; empty for a sign-in or a token made without any. */
  scopes: ApiScope[];
  kind: 'session' | 'cli' | 'api';
}

/** The actor a token stands for and its scopes, or why it stands for no one (as `actorFromToken`). */
export function tokenGrant(book: Book, token: string): TokenGrant {
  const row = book.exec.get(
    book.db
      .selectFrom('auth_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select(['t.id', 't.expires_at', 't.revoked_at', 't.kind', 't.scopes', 'u.name', 'u.disabled'])
      .where('t.token_hash', '=', sha256(token)),
  );
  if (!row) throw new TradeloopError('auth.token_invalid', 'this sign-in is not known to the book');
  if (row.revoked_at !== null || row.expires_at <= book.now())
    throw new TradeloopError('auth.token_expired', 'this sign-in has expired', { hint: 'sign in again' });
  if (row.disabled === 1) throw new TradeloopError('auth.user_disabled', `${row.name} is disabled`);
  book.exec.run(book.db.updateTable('auth_tokens').set({ last_used_at: book.now() }).where('id', '=', row.id));
  const scopes = row.scopes ? readScopes(JSON.parse(row.scopes) as string[]) : undefined;
  return { actor: actorOf(book, row.name), scopes: scopes?.ok ? scopes.value : [], kind: row.kind };
}
