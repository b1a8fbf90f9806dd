import { type Kysely, sql } from 'kysely';
import { AUDIT_GENESIS, type AuditRow, auditHash, type HashedAuditRow, recordTableOf } from '../audit.js';

/**
 * The audit log proves itself. Each row also names the table of the record it acted on and, for a
 * refused action, the refusal's code; and it carries `prev_hash` and `hash`, SHA-256 over its
 * fields and the hash of the row before it (`auditHash`), so a row changed, removed or slipped in
 * breaks the chain where it happened. Triggers refuse UPDATE and DELETE, and an insert that does
 * not follow the last row.
 *
 * The table is rebuilt, since SQLite adds a column that is not null only with a default, and a
 * default hash would let a row in without one. Existing rows are chained in id order, a thousand
 * at a time, in one transaction with the rebuild.
 */
const CREATE = `create table audit_log_chained (
  id integer primary key,
  at text not null,
  actor text not null,
  command text not null,
  record_table text,
  document text,
  before_json text,
  after_json text,
  refused text,
  prev_hash text not null,
  hash text not null
)`;

const AFTER = [
  'drop table audit_log',
  'alter table audit_log_chained rename to audit_log',
  'create index audit_log_document on audit_log(document)',
  `create trigger audit_log_no_update before update on audit_log
   begin select raise(abort, 'the audit log is append-only: its rows cannot be changed'); end`,
  `create trigger audit_log_no_delete before delete on audit_log
   begin select raise(abort, 'the audit log is append-only: its rows cannot be removed'); end`,
  `create trigger audit_log_chained before insert on audit_log
   when new.id is not (select coalesce(max(id), 0) + 1 from audit_log)
     or new.prev_hash is not coalesce((select hash from audit_log order by id desc limit 1), '${AUDIT_GENESIS}')
   begin select raise(abort, 'an audit row follows the last one: the next id, and its hash as prev_hash'); end`,
];

const BATCH = 1000;

type OldRow = Omit<AuditRow, 'record_table' | 'refused' | 'prev_hash' | 'hash'>;

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = db.withTables<{ audit_log_chained: AuditRow }>();
  // Done before, by a run that stopped before it could record so: nothing to do again.
  const { rows: done } = await sql`select 1 from pragma_table_info('audit_log') where name = 'hash'`.execute(db);
  if (done.length > 0) return;
  await sql`begin immediate`.execute(db);
  try {
    await sql.raw(CREATE).execute(db);
    let prev = { id: 0, hash: AUDIT_GENESIS };
    for (;;) {
      const { rows } = await sql<OldRow>`select id, at, actor, command, document, before_json, after_json
        from audit_log where id > ${prev.id} order by id limit ${BATCH}`.execute(db);
      if (rows.length === 0) break;
      const chained = rows.map((r): AuditRow => {
        const row: HashedAuditRow = {
          ...r,
          record_table: recordTableOf(r.command),
          refused: null,
          prev_hash: prev.hash,
        };
        const hash = auditHash(row);
        prev = { id: row.id, hash };
        return { ...row, hash };
      });
      await t.insertInto('audit_log_chained').values(chained).execute();
    }
    for (const statement of AFTER) await sql.raw(statement).execute(db);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
}
