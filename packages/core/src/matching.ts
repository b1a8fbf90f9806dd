import { daysBetween, type IsoDate } from './calendar.js';
import type { Minor } from './money.js';

/** One line of a bank statement or a WeChat Pay / Alipay bill. Money in is positive. */
export interface StatementLine {
  id: string;
  date: IsoDate;
  amount: Minor;
  payer: string;
  memo: string;
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

export interface MatchOptions {
  /** Days either side of an invoice's due date within which a bare amount match counts. Default 7. */
  dateWindowDays?: number;
  /** A difference up to this is written off instead of left open. Default 100 (1.00). */
  tolerance?: Minor;
}

export type MatchRule = 'reference' | 'amount_payer' | 'amount_window';

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

/**
 * A name reduced for comparison: width, case, spaces, punctuation and company suffixes removed.
 *
 * @example
 * normalizeName('华东贸易有限公司') // '华东贸易'
 */
export function normalizeName(name: string): string {
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

function namesMatch(payer: string, invoice: OpenInvoice): boolean {
  const p = normalizeName(payer);
  if (p.length < 2) return false;
  return [invoice.partyName, ...(invoice.aliases ?? [])].some((name) => {
    const n = normalizeName(name);
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
): MatchResult {
  const tolerance = options.tolerance ?? 100;
  const window = options.dateWindowDays ?? 7;
  const open = new Map(invoices.map((i) => [i.id, { ...i }]));
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
    if (line.amount <= 0) {
      unmatched.push({ line, reason: 'money out: not a customer payment' });
      continue;
    }
    const memo = normalizeRef(line.memo);
    const referenced = live().filter((i) => normalizeRef(i.id).length >= 4 && memo.includes(normalizeRef(i.id)));
    const parties = new Set(referenced.map((i) => i.party));
    if (referenced.length > 0 && parties.size === 1) {
      const due = referenced.reduce((s, i) => s + i.outstanding, 0);
      const exact = Math.abs(due - line.amount) <= tolerance;
      propose(line, 'reference', exact ? 95 : 85, referenced, `memo names ${referenced.map((i) => i.id).join(', ')}`);
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
      (i) =>
        Math.abs(i.outstanding - line.amount) <= tolerance && Math.abs(daysBetween(i.dueDate, line.date)) <= window,
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
