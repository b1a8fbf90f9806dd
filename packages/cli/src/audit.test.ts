import { describe, expect, it } from 'vitest';
import { changeSummary } from './commands/audit.js';
import { bookAt, onPostgres, smallDemoBook, tradeloop, useTempDir, writeBook } from './test-support.js';

const tempDir = useTempDir();

interface AuditJson {
  columns: { key: string }[];
  rows: {
    id: number;
    at: string;
    user: string;
    command: string;
    record: string | null;
    before: string | null;
    after: string | null;
    refused: string | null;
    hash: string;
  }[];
}

/** The small demo book, then C001 released by wang and claimed for li by li. */
function bookWithChanges() {
  const db = bookAt(tempDir(), 'demo.db');
  smallDemoBook(db);
  expect(tradeloop(['release', 'customer', 'C001', '--db', db], { env: { TRADELOOP_USER: 'wang' } }).code).toBe(0);
  expect(
    tradeloop(['claim', 'customer', 'C001', '--as', 'li', '--db', db], { env: { TRADELOOP_USER: 'li' } }).code,
  ).toBe(0);
  return db;
}

const audit = (db: string, ...args: string[]) => {
  const r = tradeloop(['audit', '-f', 'json', ...args, '--db', db]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as AuditJson;
};

/** As someone holding the file would: a connection of its own, the append-only triggers dropped. */
function tamper(db: string, sql: string) {
  const on = onPostgres(db) ? ' on audit_log' : '';
  for (const trigger of ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_chained'])
    writeBook(db, `drop trigger ${trigger}${on}`);
  writeBook(db, sql);
}

describe('tradeloop audit', () => {
  it('lists who did what to which record, filtered by user, record, command and period', () => {
    const db = bookWithChanges();
    const all = audit(db);
    expect(all.columns.map((c) => c.key)).toEqual([
      'id',
      'at',
      'user',
      'command',
      'record',
      'before',
      'after',
      'refused',
      'hash',
    ]);
    expect(all.rows.map((r) => r.id)).toEqual(all.rows.map((_, i) => i + 1));

    const wang = audit(db, '--user', 'wang').rows;
    expect(wang).toEqual([
      expect.objectContaining({ user: 'wang', command: 'releaseCustomer', record: 'customers:C001' }),
    ]);
    expect(wang[0]?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(wang[0]?.hash).toMatch(/^[0-9a-f]{64}$/);

    const c001 = audit(db, '--record', 'customers:C001').rows;
    expect(c001.map((r) => [r.user, r.command, r.after])).toEqual([
      ['wang', 'releaseCustomer', null],
      ['li', 'claimCustomer', '{"owner":"li"}'],
    ]);
    expect(audit(db, '--record', 'C001').rows).toHaveLength(2);
    expect(audit(db, '--record', 'products:C001').rows).toEqual([]);
    expect(audit(db, '--record', 'OPP-2026-000002').rows.map((r) => r.after)).toEqual(['{"stage":"qualified"}']);
    expect(audit(db, '--command', 'saveOpportunity').rows).toHaveLength(4);
    expect(audit(db, '--command', 'claimCustomer', '--user', 'wang').rows).toEqual([]);

    // Every row was written today, in the book's time zone.
    const today = tradeloop(['audit', '-f', 'json', '-p', '2000..2999', '--db', db]);
    expect(JSON.parse(today.stdout).rows).toHaveLength(all.rows.length);
    expect(audit(db, '-p', '2020-03').rows).toEqual([]);
  });

  it('shows what changed in a few words in a table, and writes CSV', () => {
    const db = bookWithChanges();
    const table = tradeloop(['audit', '--record', 'customers:C001', '--db', db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Change 变更/);
    expect(table.stdout).toMatch(/│ li +│ claimCustomer +│ customers:C001 │ owner: li +│/);
    expect(table.stdout).toMatch(/At 时间 \(Asia\/Shanghai\)/);
    const csv = tradeloop(['audit', '--user', 'li', '-f', 'csv', '--db', db]);
    expect(csv.stdout.split('\n')[0]).toBe('id,at,user,command,record,before,after,refused,hash');
    expect(csv.stdout).toContain(',li,claimCustomer,customers:C001,,"{""owner"":""li""}",,');
  });

  it('refuses a period it cannot read, and a workbook without a file', () => {
    const db = bookWithChanges();
    const bad = tradeloop(['audit', '-p', 'someday', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--period');
    expect(tradeloop(['audit', '-f', 'xlsx', '--db', db]).code).toBe(2);
  });

  it('sums up a change for a person', () => {
    expect(changeSummary({ before_json: '{"price":8800}', after_json: '{"price":9990}', refused: null })).toBe(
      'price: 8800 → 9990',
    );
    expect(
      changeSummary({
        before_json: '{"name":"龙井","uom":"box"}',
        after_json: '{"name":"碧螺春","uom":"box"}',
        refused: null,
      }),
    ).toBe('name: 龙井 → 碧螺春');
    expect(changeSummary({ before_json: null, after_json: '{"inserted":3,"updated":0}', refused: null })).toBe(
      'inserted: 3; updated: 0',
    );
    expect(
      changeSummary({
        before_json: null,
        after_json: '{"message":"li may not approve"}',
        refused: 'permission.denied',
      }),
    ).toBe('refused permission.denied: li may not approve');
    expect(changeSummary({ before_json: '{"a":1}', after_json: null, refused: null })).toBe('was {"a":1}');
    expect(changeSummary({ before_json: null, after_json: null, refused: null })).toBe('');
    const long = changeSummary({
      before_json: null,
      after_json: JSON.stringify({ list: 'x'.repeat(200) }),
      refused: null,
    });
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('tradeloop check of the audit chain', () => {
  it('exits 1 naming an audit row edited with sqlite directly', () => {
    const db = bookWithChanges();
    expect(tradeloop(['check', '--db', db])).toEqual({ code: 0, stdout: '', stderr: '' });
    const { id } = audit(db, '--user', 'wang').rows[0] ?? { id: 0 };
    tamper(db, `update audit_log set actor = 'li' where id = ${id}`);
    const r = tradeloop(['check', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'error: the audit log is no longer append-only: triggers audit_log_no_update, audit_log_no_delete, audit_log_chained dropped [audit.triggers]\n',
    );
    expect(r.stderr).toMatch(
      new RegExp(
        `error: audit row ${id} \\(releaseCustomer C001 by li at [^)]+\\): its fields do not give its hash .*; it was changed after it was written \\[audit\\.changed\\]\\n`,
      ),
    );
    expect(r.stderr).toContain('hint: restore the last backup');
    const json = tradeloop(['check', '-f', 'json', '--db', db]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toContainEqual(
      expect.objectContaining({ code: 'audit.changed', message: expect.stringContaining(`audit row ${id} `) }),
    );
  });

  it('proves what changed since the last check, and with --full an old move edited by hand', () => {
    const db = bookWithChanges();
    expect(tradeloop(['check', '--db', db]).code).toBe(0);
    writeBook(db, 'update stock_moves set qty = qty + 1 where id = (select min(id) from stock_moves)');
    expect(tradeloop(['check', '--db', db])).toEqual({ code: 0, stdout: '', stderr: '' });
    const full = tradeloop(['check', '--full', '--db', db]);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/error: .*: moves sum to \d+, balance says \d+ \[stock\.balance_qty\]/);
  });

  it('exits 1 naming the row after a deleted one, and a forged row', () => {
    const db = bookWithChanges();
    const [release, claim] = audit(db, '--record', 'customers:C001').rows;
    tamper(db, `delete from audit_log where id = ${release?.id}`);
    const deleted = tradeloop(['check', '--db', db]);
    expect(deleted.code).toBe(1);
    expect(deleted.stderr).toContain(
      `error: audit row ${claim?.id} (claimCustomer C001 by li at ${claim?.at}): its prev_hash is not the hash of row ${(release?.id ?? 0) - 1} before it; row ${release?.id} is missing [audit.unlinked]\n`,
    );

    const forged = bookAt(tempDir(), 'forged.db');
    smallDemoBook(forged);
    const last = audit(forged).rows.at(-1);
    tamper(
      forged,
      `insert into audit_log (id, at, actor, command, document, prev_hash, hash)
       values (${(last?.id ?? 0) + 1}, '2026-01-01T00:00:00.000Z', 'wang', 'cancelSalesOrder', 'SO-1', '${last?.hash}', '${'0'.repeat(64)}')`,
    );
    const r = tradeloop(['check', '--db', forged]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `error: audit row ${(last?.id ?? 0) + 1} (cancelSalesOrder SO-1 by wang at 2026-01-01T00:00:00.000Z): its fields do not give its hash`,
    );
  });
});
