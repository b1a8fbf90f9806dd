import { z } from 'zod';
import { dayCount, type IsoDate } from './calendar.js';
import { assertInput, dateInput, minorInput, nonNegativeMinorInput } from './input.js';
import type { Minor } from './money.js';

/**
 * One line of a bank statement or a WeChat Pay / Alipay bill, as matching sees it: the gross
 * amount (never negative) and which way it went. Lines without a direction are money in.
 */
export interface StatementLine {
  id: string;
  date: IsoDate;
  amount: Minor;
  payer: string;
  memo: string;
  direction?: 'in' | 'out' | 'none';
  /** Only trades are payments; refunds, fees and own transfers never settle a document. */
  kind?: 'trade' | 'refund' | 'fee' | 'transfer';
  /** The source's transaction and merchant order numbers: a web shop puts the order number there. */
  references?: readonly string[];
}

/** A prepaid sales order waiting for its money: a line that names it, or fits it, pays it. */
export interface OpenOrder {
  id: string;
  party: string;
  partyName: string;
  aliases?: readonly string[];
  date: IsoDate;
  outstanding: Minor;
}

/**
 * A payment already booked by hand (`pay order`, `pay supplier`) that no statement line has
 * confirmed yet: a line of the same amount from the same party is that payment, not another.
 */
export interface RecordedPayment {
  id: string;
  party: string;
  partyName: string;
  aliases?: readonly string[];
  date: IsoDate;
  amount: Minor;
  /** Orders and invoices it paid, as a memo would name them. */
  documents: readonly string[];
}

/** Documents besides open invoices that a line may settle or confirm. */
export interface MatchTargets {
  orders?: readonly OpenOrder[];
  recorded?: readonly RecordedPayment[];
}

export interface OpenInvoice {
  /** The invoice number, as customers quote it in payment memos. */
  id: string;
  party: string;
  partyName: string;
  /** Other names the customer pays under (a boss's personal account, a trading name). */
  aliases?: readonly string[];
  date: IsoDate;
  dueDate: IsoDate;
  outstanding: Minor;
}

/** Days either side within which a bare amount matches an invoice's due date, or a line a recorded payment. */
export const MATCH_DATE_WINDOW_DAYS = 7;

export interface MatchOptions {
  /** Days either side of an invoice's due date within which a bare amount match counts. Default 7. */
  dateWindowDays?: number;
  /** A difference up to this is written off instead of left open. Default 100 (1.00). */
  tolerance?: Minor;
  /** Which lines pay these invoices: money in for receivables (default), out for payables. */
  direction?: 'in' | 'out';
}

export type MatchRule = 'reference' | 'amount_payer' | 'amount_window' | 'recorded' | 'order_reference' | 'order_payer';

export interface MatchProposal {
  line: string;
  party: string;
  rule: MatchRule;
  /** 0–100: how sure the rule is. */
  confidence: number;
  /** Invoice amounts settled, oldest first. They sum to amount − advance + writeOff. */
  allocations: { invoice: string; amount: Minor }[];
  /** Paid beyond what was allocated: the customer's advance. */
  advance: Minor;
  /** Settled without cash: positive when the customer paid a little short, negative when a little over. */
  writeOff: Minor;
  reason: string;
  /** Set when the line pays a prepaid order instead of invoices (rules order_reference, order_payer). */
  order?: string;
  /** Set when the line is a payment already booked (rule recorded): it is linked, not booked again. */
  payment?: string;
}

export interface MatchResult {
  proposals: MatchProposal[];
  /** Lines no rule could place, for the claim queue, each with why. */
  unmatched: { line: StatementLine; reason: string }[];
}

const COMPANY_SUFFIXES = [
  '有限责任公司',
  '股份有限公司',
  '有限公司',
  '分公司',
  '公司',
  'co.,ltd.',
  'co.,ltd',
  'co.ltd',
  'company',
  'limited',
  'ltd',
  'inc',
  'llc',
  'corp',
  'co',
];

const aliasesInput = z.array(z.string()).optional();
const statementLineInput = z.object({
  id: z.string(),
  date: dateInput,
  // A signed amount from an older reader is taken as it always was: not money in, so unmatched.
  amount: minorInput,
  payer: z.string(),
  memo: z.string(),
  direction: z.enum(['in', 'out', 'none']).optional(),
  kind: z.enum(['trade', 'refund', 'fee', 'transfer']).optional(),
  references: z.array(z.string()).optional(),
}) satisfies z.ZodType<StatementLine>;
const openInvoiceInput = z.object({
  id: z.string(),
  party: z.string(),
  partyName: z.string(),
  aliases: aliasesInput,
  date: dateInput,
  dueDate: dateInput,
  outstanding: minorInput,
}) satisfies z.ZodType<OpenInvoice>;
const openOrderInput = z.object({
  id: z.string(),
  party: z.string(),
  partyName: z.string(),
  aliases: aliasesInput,
  date: dateInput,
  outstanding: minorInput,
}) satisfies z.ZodType<OpenOrder>;
const recordedInput = z.object({
  id: z.string(),
  party: z.string(),
  partyName: z.string(),
  aliases: aliasesInput,
  date: dateInput,
  amount: minorInput,
  documents: z.array(z.string()),
}) satisfies z.ZodType<RecordedPayment>;
const matchArgs = z.object({
  lines: z.array(statementLineInput),
  invoices: z.array(openInvoiceInput),
  options: z
    .object({
      dateWindowDays: z.int().min(0).optional(),
      tolerance: nonNegativeMinorInput.optional(),
      direction: z.enum(['in', 'out']).optional(),
    })
    .optional(),
  targets: z
    .object({ orders: z.array(openOrderInput).optional(), recorded: z.array(recordedInput).optional() })
    .optional(),
});
const nameArgs = z.object({ name: z.string() });

/**
 * A name reduced for comparison: width, case, spaces, punctuation and company suffixes removed.
 *
 * @example
 * normalizeName('华东贸易有限公司') // '华东贸易'
 */
export function normalizeName(name: string): string {
  assertInput(nameArgs, { name }, 'normalizeName');
  return comparableName(name);
}

/** `normalizeName` without its input check, for core's own loops over names already checked. */
export function comparableName(name: string): string {
  let n = name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  for (const suffix of COMPANY_SUFFIXES) {
    if (n.endsWith(suffix) && n.length > suffix.length) {
      n = n.slice(0, -suffix.length);
      break;
    }
  }
  return n.replace(/[\p{P}\p{S}]/gu, '');
}

const normalizeRef = (s: string) =>
  s
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');

function namesMatch(payer: string, invoice: { partyName: string; aliases?: readonly string[] }): boolean {
  const p = comparableName(payer);
  if (p.length < 2) return false;
  return [invoice.partyName, ...(invoice.aliases ?? [])].some((name) => {
    const n = comparableName(name);
    return n.length >= 2 && (n === p || n.includes(p) || p.includes(n));
  });
}

/**
 * Settle `amount` over invoices oldest first. What is left beyond them is an advance, unless it
 * is within the tolerance; a shortfall on the last invoice within the tolerance is written off.
 */
function settle(amount: Minor, invoices: readonly OpenInvoice[], tolerance: Minor) {
  const allocations: { invoice: string; amount: Minor }[] = [];
  let left = amount;
  let writeOff = 0;
  for (const inv of invoices) {
    if (left <= 0) break;
    const take = Math.min(left, inv.outstanding);
    const short = inv.outstanding - take;
    if (short > 0 && short <= tolerance) {
      allocations.push({ invoice: inv.id, amount: inv.outstanding });
      writeOff += short;
    } else {
      allocations.push({ invoice: inv.id, amount: take });
    }
    left -= take;
  }
  let advance = left;
  if (advance > 0 && advance <= tolerance && allocations.length > 0) {
    writeOff -= advance;
    advance = 0;
  }
  return { allocations, advance, writeOff };
}

const byAge = (a: OpenInvoice, b: OpenInvoice) =>
  a.dueDate.localeCompare(b.dueDate) || a.date.localeCompare(b.date) || a.id.localeCompare(b.id);

/**
 * Propose how statement lines settle open invoices. Rules in order of trust:
 * 1. **reference**: the memo names invoice numbers; those invoices are settled oldest first.
 * 2. **amount_payer**: the payer is the customer (names compared without company suffixes, width
 *    or punctuation, aliases included) and the amount settles one invoice or the oldest few.
 * 3. **amount_window**: the amount matches exactly one open invoice due within the date window.
 * Over-payment becomes an advance, a difference within the tolerance is written off, and an
 * invoice settled by one line is not offered to the next. Lines no rule places are returned
 * with the reason, for a person to claim.
 *
 * @example
 * matchStatement(
 *   [{ id: 'L1', date: '2026-03-02', amount: 113000, payer: '华东贸易有限公司', memo: '货款 INV-2026-0007' }],
 *   [{ id: 'INV-2026-0007', party: 'C001', partyName: '华东贸易', date: '2026-02-01', dueDate: '2026-03-03', outstanding: 113000 }],
 * ).proposals[0] // { rule: 'reference', confidence: 95, allocations: [{ invoice: 'INV-2026-0007', amount: 113000 }], … }
 */
export function matchStatement(
  lines: readonly StatementLine[],
  invoices: readonly OpenInvoice[],
  options: MatchOptions = {},
  targets: MatchTargets = {},
): MatchResult {
  assertInput(matchArgs, { lines, invoices, options, targets }, 'matchStatement');
  const tolerance = options.tolerance ?? 100;
  const window = options.dateWindowDays ?? MATCH_DATE_WINDOW_DAYS;
  const open = new Map(invoices.map((i) => [i.id, { ...i }]));
  const orders = new Map((targets.orders ?? []).map((o) => [o.id, { ...o }]));
  const recorded = new Map((targets.recorded ?? []).map((p) => [p.id, p]));
  const direction = options.direction ?? 'in';
  const live = () => [...open.values()].filter((i) => i.outstanding > 0).sort(byAge);
  const proposals: MatchProposal[] = [];
  const unmatched: MatchResult['unmatched'] = [];

  const propose = (
    line: StatementLine,
    rule: MatchRule,
    confidence: number,
    targets: OpenInvoice[],
    reason: string,
  ) => {
    const s = settle(line.amount, targets, tolerance);
    for (const a of s.allocations) {
      const inv = open.get(a.invoice);
      if (inv) inv.outstanding -= a.amount;
    }
    proposals.push({ line: line.id, party: targets[0]?.party ?? '', rule, confidence, ...s, reason });
  };

  const ordered = [...lines].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  for (const line of ordered) {
    const way = line.direction ?? 'in';
    if (way !== direction || line.amount <= 0) {
      unmatched.push({
        line,
        reason:
          way === 'none'
            ? 'no money moved'
            : direction === 'in'
              ? 'money out: not a customer payment'
              : 'money in: not a payment to a supplier',
      });
      continue;
    }
    if ((line.kind ?? 'trade') !== 'trade') {
      const what =
        line.kind === 'refund' ? 'a refund' : line.kind === 'fee' ? 'a bank charge' : 'an own-account transfer';
      unmatched.push({
        line,
        reason: `${what}: settles no ${direction === 'in' ? 'invoice' : 'supplier invoice'}; claim it to an account`,
      });
      continue;
    }
    const memo = normalizeRef([line.memo, ...(line.references ?? [])].join(' '));
    const names = (id: string) => normalizeRef(id).length >= 4 && memo.includes(normalizeRef(id));

    const confirms = [...recorded.values()].filter(
      (p) =>
        Math.abs(p.amount - line.amount) === 0 &&
        Math.abs(dayCount(p.date, line.date)) <= window &&
        (p.documents.some(names) || namesMatch(line.payer, p)),
    );
    const confirmed = confirms.sort(
      (a, b) => Math.abs(dayCount(a.date, line.date)) - Math.abs(dayCount(b.date, line.date)),
    )[0];
    if (confirmed) {
      recorded.delete(confirmed.id);
      proposals.push({
        line: line.id,
        party: confirmed.party,
        rule: 'recorded',
        confidence: 95,
        allocations: [],
        advance: 0,
        writeOff: 0,
        payment: confirmed.id,
        reason: `the payment ${confirmed.id} booked on ${confirmed.date}`,
      });
      continue;
    }

    const payOrder = (order: OpenOrder, rule: MatchRule, confidence: number, reason: string) => {
      order.outstanding -= Math.min(order.outstanding, line.amount);
      proposals.push({
        line: line.id,
        party: order.party,
        rule,
        confidence,
        allocations: [],
        advance: 0,
        writeOff: 0,
        order: order.id,
        reason,
      });
    };
    const namedOrders = [...orders.values()].filter((o) => o.outstanding > 0 && names(o.id));
    if (namedOrders.length === 1 && namedOrders[0]) {
      payOrder(namedOrders[0], 'order_reference', 95, `memo names the prepaid order ${namedOrders[0].id}`);
      continue;
    }

    const referenced = live().filter((i) => normalizeRef(i.id).length >= 4 && memo.includes(normalizeRef(i.id)));
    const parties = new Set(referenced.map((i) => i.party));
    if (referenced.length > 0 && parties.size === 1) {
      const due = referenced.reduce((s, i) => s + i.outstanding, 0);
      const exact = Math.abs(due - line.amount) <= tolerance;
      propose(line, 'reference', exact ? 95 : 85, referenced, `memo names ${referenced.map((i) => i.id).join(', ')}`);
      continue;
    }

    const payerOrders = [...orders.values()].filter(
      (o) => o.outstanding > 0 && o.outstanding === line.amount && namesMatch(line.payer, o),
    );
    if (payerOrders.length === 1 && payerOrders[0]) {
      payOrder(
        payerOrders[0],
        'order_payer',
        90,
        `payer ${line.payer} and amount match the prepaid order ${payerOrders[0].id}`,
      );
      continue;
    }

    const payerInvoices = live().filter((i) => namesMatch(line.payer, i));
    const payerParties = new Set(payerInvoices.map((i) => i.party));
    if (payerParties.size === 1) {
      const one = payerInvoices.find((i) => Math.abs(i.outstanding - line.amount) <= tolerance);
      if (one) {
        propose(line, 'amount_payer', 90, [one], `payer ${line.payer} and amount match ${one.id}`);
        continue;
      }
      let running = 0;
      const prefix = payerInvoices.findIndex((i) => {
        running += i.outstanding;
        return Math.abs(running - line.amount) <= tolerance;
      });
      if (prefix >= 0) {
        propose(
          line,
          'amount_payer',
          85,
          payerInvoices.slice(0, prefix + 1),
          `payer ${line.payer}; amount settles the ${prefix + 1} oldest invoices`,
        );
        continue;
      }
      const total = payerInvoices.reduce((s, i) => s + i.outstanding, 0);
      const reason =
        line.amount > total
          ? `payer ${line.payer}; pays all open invoices, the rest is an advance`
          : `payer ${line.payer}; part payment, oldest invoices first`;
      propose(line, 'amount_payer', line.amount > total ? 70 : 60, payerInvoices, reason);
      continue;
    }

    const sameAmount = live().filter(
      (i) => Math.abs(i.outstanding - line.amount) <= tolerance && Math.abs(dayCount(i.dueDate, line.date)) <= window,
    );
    if (sameAmount.length === 1 && sameAmount[0]) {
      propose(
        line,
        'amount_window',
        50,
        [sameAmount[0]],
        `amount matches ${sameAmount[0].id}, due within ${window} days`,
      );
      continue;
    }
    unmatched.push({
      line,
      reason:
        referenced.length > 0
          ? 'memo names invoices of different customers'
          : payerParties.size > 1
            ? `payer ${line.payer} matches several customers`
            : sameAmount.length > 1
              ? `${sameAmount.length} open invoices have this amount`
              : 'no invoice number, customer or amount matches',
    });
  }
  return { proposals, unmatched };
}
