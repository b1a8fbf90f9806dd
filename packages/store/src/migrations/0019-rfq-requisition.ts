import { type Kysely, sql } from 'kysely';

/**
 * An RFQ asked for a requisition names it: while the RFQ is open the requisition waits for it
 * (creating purchase orders leaves it alone), and awarding it orders the requisition, so the same
 * goods are not ordered twice, once from the quotes and once from the preferred supplier.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table rfqs add column requisition_id integer references requisitions(id)').execute(db);
  await sql.raw('create index rfqs_requisition on rfqs(requisition_id) where requisition_id is not null').execute(db);
}
