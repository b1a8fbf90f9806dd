import { z } from 'zod';
import { dayCount, type IsoDate } from './calendar.js';
import { assertInput, dateInput, minorInput, nonNegativeMinorInput } from './input.js';
import type { Minor } from './money.js';

/** An invoice or credit note owed by (AR) or to (AP) a party. Amounts are positive. */
export interface AgingDocument {
  id: string;
  party: string;
  kind: 'invoice' | 'credit_note';
  date: IsoDate;
  dueDate: IsoDate;
  amount: Minor;
  salesperson?: string;
}

/** Money received (AR) or paid (AP), and the invoices it was allocated to. */
export interface AgingPayment {
  id: string;
  party: string;
  date: IsoDate;
  amount: Minor;
  /** An allocation made later than the payment carries its own date. */
  allocations: readonly { document: string; amount: Minor; date?: IsoDate }[];
}

/** A credit note set against an invoice. */
export interface AgingApplication {
  creditNote: string;
  invoice: string;
  amount: Minor;
  date: IsoDate;
}

export interface AgingOptions {
  asOf: IsoDate;
  /** Age from the due date (overdue days) or from the document date. */
  basis: 'due' | 'invoice';
  /** Upper bounds of the day buckets; the last bucket is open. Default 30, 60, 90, 120. */
  buckets?: readonly number[];
}

export interface AgedDocument extends AgingDocument {
  /** Signed: a credit note's open amount is negative. */
  outstanding: Minor;
  age: number;
  bucket: number;
}

export interface AgingRollup {
  key: string;
  buckets: Minor[];
  outstanding: Minor;
}

export interface AgingReport {
  asOf: IsoDate;
  basis: 'due' | 'invoice';
  /** Column labels, one per bucket. */
  columns: string[];
  documents: AgedDocument[];
  parties: (AgingRollup & { advances: Minor; net: Minor })[];
  salespeople: AgingRollup[];
  total: AgingRollup & { advances: Minor; net: Minor };
}

export const DEFAULT_AGING_BUCKETS = [30, 60, 90, 120] as const;

const basisInput = z.enum(['due', 'invoice']);
const boundsInput = z.array(z.int().min(0));
const agingDocumentInput = z.object({
  id: z.string(),
  party: z.string(),
  kind: z.enum(['invoice', 'credit_note']),
  date: dateInput,
  dueDate: dateInput,
  amount: nonNegativeMinorInput,
  salesperson: z.string().optional(),
}) satisfies z.ZodType<AgingDocument>;
const agingPaymentInput = z.object({
  id: z.string(),
  party: z.string(),
  date: dateInput,
  amount: nonNegativeMinorInput,
  allocations: z.array(z.object({ document: z.string(), amount: nonNegativeMinorInput, date: dateInput.optional() })),
}) satisfies z.ZodType<AgingPayment>;
const agingApplicationInput = z.object({
  creditNote: z.string(),
  invoice: z.string(),
  amount: nonNegativeMinorInput,
  date: dateInput,
}) satisfies z.ZodType<AgingApplication>;
const agingArgs = z.object({
  documents: z.array(agingDocumentInput),
  payments: z.array(agingPaymentInput),
  applications: z.array(agingApplicationInput),
  options: z.object({ asOf: dateInput, basis: basisInput, buckets: boundsInput.optional() }),
});
const agingColumnsArgs = z.object({ basis: basisInput, bounds: boundsInput });
const creditArgs = z.object({
  limit: nonNegativeMinorInput.nullable(),
  openReceivables: minorInput,
  openCreditOrders: minorInput,
  orderAmount: minorInput,
});

/**
 * Column labels for a basis and bucket bounds: `not due, 1-30, …, 120+` or `0-30, …, 120+`.
 *
 * @example
 * agingColumns('due', [30, 60]) // ['not due', '1-30', '31-60', '60+']
 */
export function agingColumns(basis: 'due' | 'invoice', bounds: readonly number[] = DEFAULT_AGING_BUCKETS): string[] {
  assertInput(agingColumnsArgs, { basis, bounds }, 'agingColumns');
  return columnsFor(basis, bounds);
}

function columnsFor(basis: 'due' | 'invoice', bounds: readonly number[]): string[] {
  const labels: string[] = basis === 'due' ? ['not due'] : [];
  let from = basis === 'due' ? 1 : 0;
  for (const to of bounds) {
    labels.push(`${from}-${to}`);
    from = to + 1;
  }
  labels.push(`${bounds.at(-1) ?? 0}+`);
  return labels;
}

function bucketOf(age: number, basis: 'due' | 'invoice', bounds: readonly number[]): number {
  if (basis === 'due' && age <= 0) return 0;
  const offset = basis === 'due' ? 1 : 0;
  const i = bounds.findIndex((b) => age <= b);
  return (i === -1 ? bounds.length : i) + offset;
}

/**
 * Age open balances as of a date: documents dated after it, and payments, allocations and
 * credit-note applications dated after it, are left out, so a report for any past date is what
 * the books showed then. Each document's open amount lands in one bucket by its age; credit notes
 * count negative; payments not yet allocated are the party's advances, shown beside the buckets.
 * For every party, salesperson and the total, the buckets sum exactly to the outstanding amount.
 * Used for receivables (party = customer) and payables (party = supplier) alike. Arguments that
 * do not have this shape (a document without a due date, an amount that is no whole number)
 * throw `input.invalid` with every issue and its path, before any aging is done.
 *
 * @example
 * const r = ageBalances([{ id: 'INV-1', party: 'ACME', kind: 'invoice', date: '2026-01-05', dueDate: '2026-02-04', amount: 100000 }],
 *   [], [], { asOf: '2026-03-20', basis: 'due' });
 * // r.total.buckets = [0, 0, 100000, 0, 0, 0] (44 days overdue: 31-60)
 */
export function ageBalances(
  documents: readonly AgingDocument[],
  payments: readonly AgingPayment[],
  applications: readonly AgingApplication[],
  options: AgingOptions,
): AgingReport {
  assertInput(agingArgs, { documents, payments, applications, options }, 'ageBalances');
  const { asOf, basis } = options;
  const bounds = [...(options.buckets ?? DEFAULT_AGING_BUCKETS)].sort((a, b) => a - b);
  const columns = columnsFor(basis, bounds);
  const settled = new Map<string, Minor>();
  const add = (id: string, amount: Minor) => settled.set(id, (settled.get(id) ?? 0) + amount);
  const advances = new Map<string, Minor>();

  for (const p of payments) {
    if (p.date > asOf) continue;
    let allocated = 0;
    for (const a of p.allocations) {
      if ((a.date ?? p.date) > asOf) continue;
      add(a.document, a.amount);
      allocated += a.amount;
    }
    advances.set(p.party, (advances.get(p.party) ?? 0) + p.amount - allocated);
  }
  for (const a of applications) {
    if (a.date > asOf) continue;
    add(a.invoice, a.amount);
    add(a.creditNote, a.amount);
  }

  const aged: AgedDocument[] = documents
    .filter((d) => d.date <= asOf)
    .map((d) => {
      const open = d.amount - (settled.get(d.id) ?? 0);
      const age = dayCount(basis === 'due' ? d.dueDate : d.date, asOf);
      const outstanding = d.kind === 'credit_note' ? -open : open;
      // Object.assign, not a spread followed by new fields: V8 keeps these objects fast that way,
      // and the sort below reads them tens of thousands of times.
      return Object.assign({}, d, { outstanding, age, bucket: bucketOf(age, basis, bounds) });
    })
    .filter((d) => d.outstanding !== 0)
    .sort((a, b) => a.party.localeCompare(b.party) || a.date.localeCompare(b.date) || a.id.localeCompare(b.id));

  const rollup = (key: string, docs: readonly AgedDocument[]): AgingRollup => {
    const buckets: Minor[] = columns.map(() => 0);
    for (const d of docs) buckets[d.bucket] = (buckets[d.bucket] ?? 0) + d.outstanding;
    return { key, buckets, outstanding: docs.reduce((s, d) => s + d.outstanding, 0) };
  };
  const groups = (keyOf: (d: AgedDocument) => string | undefined) => {
    const map = new Map<string, AgedDocument[]>();
    for (const d of aged) {
      const k = keyOf(d);
      if (k === undefined) continue;
      const docs = map.get(k);
      if (docs) docs.push(d);
      else map.set(k, [d]);
    }
    return map;
  };

  const byParty = groups((d) => d.party);
  for (const [party, amount] of advances) if (amount !== 0 && !byParty.has(party)) byParty.set(party, []);
  const parties = [...byParty.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([party, docs]) => {
      const r = rollup(party, docs);
      const adv = advances.get(party) ?? 0;
      return { ...r, advances: adv, net: r.outstanding - adv };
    });
  const salespeople = [...groups((d) => d.salesperson ?? '').entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([sp, docs]) => rollup(sp, docs));
  const total = rollup('total', aged);
  const totalAdvances = parties.reduce((s, p) => s + p.advances, 0);
  return {
    asOf,
    basis,
    columns,
    documents: aged,
    parties,
    salespeople,
    total: { ...total, advances: totalAdvances, net: total.outstanding - totalAdvances },
  };
}

/** Receivables aging: parties are customers. */
export const ageReceivables = ageBalances;
/** Payables aging: parties are suppliers; the same rules mirrored. */
export const agePayables = ageBalances;

export interface CreditCheck {
  limit: Minor | null;
  exposure: Minor;
  /** What may still be sold on credit; negative when already over. */
  available: Minor | null;
  over: Minor;
  ok: boolean;
}

/**
 * Credit check for a credit-terms order: open receivables + open credit orders + this order
 * against the customer's limit. A `null` limit means no limit; a limit of 0 means cash only.
 *
 * @example
 * checkCredit({ limit: 5_000_000, openReceivables: 3_000_000, openCreditOrders: 1_500_000, orderAmount: 800_000 })
 * // { limit: 5000000, exposure: 5300000, available: -300000, over: 300000, ok: false }
 */
export function checkCredit(input: {
  limit: Minor | null;
  openReceivables: Minor;
  openCreditOrders: Minor;
  orderAmount: Minor;
}): CreditCheck {
  assertInput(creditArgs, input, 'checkCredit');
  const exposure = input.openReceivables + input.openCreditOrders + input.orderAmount;
  if (input.limit === null) return { limit: null, exposure, available: null, over: 0, ok: true };
  const available = input.limit - exposure;
  return { limit: input.limit, exposure, available, over: Math.max(0, -available), ok: available >= 0 };
}
