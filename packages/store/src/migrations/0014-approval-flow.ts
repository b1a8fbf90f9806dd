import { type Kysely, sql } from 'kysely';

/**
 * Approvals as a flow. Each approval is a step of a rule (step 1, then 2 above a higher amount),
 * decided approved or rejected by someone, when, and why; a step that no longer waits because
 * the document was rejected at another step or cancelled is withdrawn. Who asked (placed the
 * document) is kept, so nobody approves their own. Steps are history: triggers refuse deleting
 * one or changing one once decided. Purchase orders waiting for approval get their step; a
 * supplier payment over the threshold is a payment request until approved.
 */
const STATEMENTS = [
  `create table approval_steps (id integer primary key,
     document_kind text not null check (document_kind in ('sales_order', 'purchase_order', 'supplier_payment')),
     document_id integer not null,
     rule text not null check (rule in ('order_amount', 'discount', 'credit', 'po_amount', 'supplier_payment')),
     step integer not null default 1 check (step in (1, 2)),
     code text not null, role text not null, message text not null,
     status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'withdrawn')),
     approver text, decided_at text, reason text, requested_by text, requested_at text)`,
  `insert into approval_steps (id, document_kind, document_id, rule, step, code, role, message, status, approver,
       decided_at, requested_by, requested_at)
     select a.id, a.document_kind, a.document_id,
       case a.code when 'order.over_amount' then 'order_amount' when 'order.over_credit' then 'credit' else 'discount' end,
       1, a.code, a.role, a.message,
       case when a.status = 'pending' and o.status = 'cancelled' then 'withdrawn' else a.status end,
       a.approver, a.decided_at,
       (select l.actor from audit_log l where l.command = 'placeSalesOrder' and l.document = o.number and l.refused is null order by l.id limit 1),
       (select l.at from audit_log l where l.command = 'placeSalesOrder' and l.document = o.number and l.refused is null order by l.id limit 1)
     from approvals a left join sales_orders o on o.id = a.document_id and a.document_kind = 'sales_order'`,
  `insert into approval_steps (document_kind, document_id, rule, step, code, role, message, requested_by, requested_at)
     select 'purchase_order', p.id, 'po_amount', 1, 'po.over_amount', 'purchasing',
       'purchase order ' || p.number || ' is over the approval threshold', null, null
     from purchase_orders p where p.status = 'pending_approval'`,
  'drop table approvals',
  'alter table approval_steps rename to approvals',
  'create index approvals_document on approvals(document_kind, document_id)',
  `create index approvals_pending on approvals(status, role) where status = 'pending'`,
  `create trigger approvals_kept before delete on approvals
     begin select raise(abort, 'approval history is kept: a step is never deleted'); end`,
  `create trigger approvals_decided before update on approvals when old.status <> 'pending'
     begin select raise(abort, 'a decided approval step does not change'); end`,
  `create table payment_requests (id integer primary key, number text not null unique,
     supplier_id integer not null references suppliers(id), date text not null,
     amount_minor integer not null check (amount_minor > 0), account text not null,
     fee_minor integer not null default 0,
     status text not null default 'pending' check (status in ('pending', 'paid', 'rejected')),
     payment_id integer references payments(id), requested_by text not null, requested_at text not null)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
