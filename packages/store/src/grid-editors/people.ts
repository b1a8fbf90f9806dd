import { createHash } from 'node:crypto';
import { fail, ok, parseBoolean, TradeloopError } from '@tradeloop/core';
import { listConfig, setConfig } from '../config.js';
import { checkUser, createUser, disableUser, getUser, refuseLastOwner, setUser, type UserRow } from '../users.js';
import { type Editor, referencedMessage, referrers } from './kit.js';

/** A user as the grid edits them: the list's row without what the grid does not show. */
export type UserRecord = Pick<UserRow, 'name' | 'displayName' | 'roles' | 'salesperson' | 'customer' | 'disabled'>;

const textOrNull = (t: string) => (t.trim() === '' ? null : t.trim());

/** A store refusal as a record's issue on the field its path names. */
const asIssue = (e: unknown, field: string) => {
  if (!(e instanceof TradeloopError)) throw e;
  if (e.issues.length > 0) return e.issues;
  return [{ code: e.code, path: [String(e.path[0] ?? field)], message: e.message }];
};

/** Users, by the rules `tradeloop user add|set|disable` keeps (roles known, the last owner kept). */
export const userEditor = (): Editor<UserRecord> => ({
  parse: (field, text) => {
    switch (field) {
      case 'roles':
        return ok(
          text
            .split(/[;,，；、|\s]+/)
            .map((r) => r.trim())
            .filter(Boolean),
        );
      case 'disabled': {
        if (text.trim() === '') return ok(false);
        const r = parseBoolean(text);
        return r.ok ? r : fail(...r.issues.map((i) => ({ ...i, path: [field], value: text })));
      }
      case 'name':
        return ok(text.trim());
      default:
        return ok(textOrNull(text));
    }
  },
  validate: (u) => {
    try {
      checkUser(u);
      return ok(u);
    } catch (e) {
      return fail(...asIssue(e, 'name'));
    }
  },
  load: (b, key) => {
    const row = b.exec.selectOne<{ version: number }>('select version from users where name = ?', key);
    if (!row) return undefined;
    const u: UserRow = getUser(b, key);
    return {
      record: {
        name: u.name,
        displayName: u.displayName,
        roles: u.roles,
        salesperson: u.salesperson,
        customer: u.customer,
        disabled: u.disabled,
      },
      version: row.version,
    };
  },
  check: (b, u) => {
    const issues = [];
    for (const [field, table] of [
      ['salesperson', 'salespeople'],
      ['customer', 'customers'],
    ] as const) {
      const code = u[field];
      if (code !== null && b.exec.value<number>(`select id from ${table} where code = ?`, code) === undefined)
        issues.push({ code: `user.${field}.unknown`, path: [field], message: `no ${field} ${code}`, value: code });
    }
    return issues;
  },
  // Through the user commands themselves: the rules they keep are theirs (the last owner stays).
  write: (b, key, u, was) => {
    if (
      u.displayName !== was.displayName ||
      u.roles.join(',') !== was.roles.join(',') ||
      u.salesperson !== was.salesperson ||
      u.customer !== was.customer
    )
      setUser(b, key, { roles: u.roles, displayName: u.displayName, salesperson: u.salesperson, customer: u.customer });
    if (u.disabled !== was.disabled) disableUser(b, key, u.disabled);
  },
  blank: () => ({ name: '', displayName: null, roles: [], salesperson: null, customer: null, disabled: false }),
  keyOf: (u) => u.name,
  clash: (b, u) => b.exec.value<string>('select name from users where lower(name) = lower(?)', u.name),
  insert: (b, u) => {
    createUser(b, u);
    if (u.disabled) disableUser(b, u.name, true);
    return u.name;
  },
  // Someone who has acted in the book is part of its history: disable them instead.
  referenced: (b, key, u) => {
    refuseLastOwner(b, getUser(b, key), [], true);
    const acted = b.exec.value<number>('select count(*) from audit_log where actor = ?', key) ?? 0;
    const parts = [
      ...(acted > 0 ? [`${acted} audit entr${acted === 1 ? 'y' : 'ies'}`] : []),
      ...referrers(b, 'users', b.exec.value<number>('select id from users where name = ?', key) ?? -1),
    ];
    return parts.length > 0 ? referencedMessage(u.name, parts, 'set Disabled to yes instead') : undefined;
  },
  remove: (b, key) => b.exec.execute('delete from users where name = ?', key),
});

/**
 * A setting's row version. Settings are key and text, kept in no table of their own to count
 * updates in: the version is the stored text's SHA-256, cut to an integer, so it changes when the
 * text does.
 */
export const settingVersion = (stored: string): number =>
  Number.parseInt(createHash('sha256').update(stored).digest('hex').slice(0, 12), 16);

export interface SettingRecord {
  key: string;
  value: string;
}

/** Settings: the value as `tradeloop config set` takes it, through `setConfig` and its refusals. */
export const settingEditor = (): Editor<SettingRecord> => ({
  parse: (_field, text) => ok(text.trim()),
  validate: (s) => ok(s),
  load: (b, key) => {
    const e = listConfig(b).find((c) => c.key === key);
    return e ? { record: { key: e.key, value: e.value }, version: settingVersion(e.stored) } : undefined;
  },
  check: () => [],
  write: (b, key, s) => {
    try {
      setConfig(b, key, s.value);
    } catch (e) {
      // setConfig names the key; the grid's cell is the value.
      throw e instanceof TradeloopError && e.issues.length > 0
        ? new TradeloopError(e.code, e.message, { issues: e.issues.map((i) => ({ ...i, path: ['value'] })) })
        : e;
    }
  },
});
