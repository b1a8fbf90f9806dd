import { fail, type RequestEvent } from '@sveltejs/kit';
import { APPROVAL_DOCUMENTS, type ApprovalDocument } from '@tradeloop/core';
import {
  type ApprovalEntry,
  approvalHistory,
  approvePurchaseOrder,
  approveSalesOrder,
  approveSupplierPayment,
  type Book,
  listApprovals,
  rejectPurchaseOrder,
  rejectSalesOrder,
  rejectSupplierPayment,
} from '@tradeloop/store';
import { z } from 'zod';
import { actingAs, allow, refusedAsPage } from '$lib/server/access';
import { book } from '$lib/server/book';
import { command } from '$lib/server/command';
import { actorOf } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/** A document waiting for approval, its waiting steps together, with the steps decided before. */
export interface WaitingDocument {
  kind: ApprovalDocument;
  number: string;
  party: string;
  amount: number;
  steps: ApprovalEntry[];
  earlier: ApprovalEntry[];
}

/** The entries of the inbox grouped by document, in the order they were first asked for. */
function byDocument(b: Book, entries: readonly ApprovalEntry[]): WaitingDocument[] {
  const docs = new Map<string, WaitingDocument>();
  for (const e of entries) {
    const key = `${e.kind}:${e.document}`;
    const doc = docs.get(key);
    if (doc) doc.steps.push(e);
    else docs.set(key, { kind: e.kind, number: e.document, party: e.party, amount: e.amount, steps: [e], earlier: [] });
  }
  for (const doc of docs.values())
    doc.earlier = approvalHistory(b, doc.number).filter((s) => s.kind === doc.kind && s.status !== 'pending');
  return [...docs.values()];
}

/**
 * The approvals inbox: the steps the signed-in user is to decide now, by document, each with
 * approve and reject; or (`?all`) everything pending they may see, to read.
 */
export const load: PageServerLoad = async (event) => {
  const actor = actorOf(event);
  await allow(actor, 'book.read');
  const all = event.url.searchParams.has('all');
  const b = await book();
  const settings = b.settings();
  try {
    const documents = actingAs(b, actor, () => byDocument(b, listApprovals(b, { all })));
    return {
      all,
      documents,
      money: { currency: settings.currency, precision: settings.precision },
      timeZone: settings.timeZone,
    };
  } catch (e) {
    refusedAsPage(e);
  }
};

/** Each kind of document is decided by the store command the CLI's `approve`/`reject` runs for it. */
const DECIDE: Readonly<
  Record<
    ApprovalDocument,
    {
      approve: (b: Book, n: string) => { waiting?: { role: string }[] };
      reject: (b: Book, n: string, why: string) => unknown;
    }
  >
> = {
  sales_order: { approve: approveSalesOrder, reject: rejectSalesOrder },
  purchase_order: { approve: approvePurchaseOrder, reject: rejectPurchaseOrder },
  supplier_payment: { approve: approveSupplierPayment, reject: rejectSupplierPayment },
};

const documentFields = { kind: z.enum(APPROVAL_DOCUMENTS), number: z.string().trim().min(1) };

/**
 * Run one decision, answering with the document it was about so the page shows the outcome (or
 * the refusal) beside that document. The reason of a rejection is the store's to require.
 */
async function decide<T>(
  event: RequestEvent,
  action: 'approve' | 'reject',
  work: (b: Book, f: { kind: ApprovalDocument; number: string; reason?: string | undefined }) => T,
) {
  const form = await event.request.clone().formData();
  const number = String(form.get('number') ?? '');
  const schema = z.object({ ...documentFields, reason: z.string().optional() });
  const outcome = await command(event, action, schema, work);
  if ('status' in outcome) return fail(outcome.status, { ...outcome.data, number });
  return { ...outcome, number };
}

export const actions: Actions = {
  approve: (e) =>
    decide(e, 'approve', (b, f) => {
      const r = DECIDE[f.kind].approve(b, f.number);
      return { waiting: (r.waiting ?? []).map((w) => w.role) };
    }),
  reject: (e) =>
    decide(e, 'reject', (b, f) => {
      DECIDE[f.kind].reject(b, f.number, f.reason ?? '');
      return { waiting: [] as string[] };
    }),
};
