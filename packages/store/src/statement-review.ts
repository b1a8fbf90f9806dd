import { can, type Minor, TradeloopError } from '@tradeloop/core';
import { readAccess } from './access.js';
import type { Book } from './book.js';
import { autoMatchStatement } from './finance.js';
import { LIST_ACCESS } from './lists.js';

/** A match: the rule of core's matching that found it, how sure it is, and why. */
export interface StatementMatch {
  rule: string;
  confidence: number;
  reason: string;
  /** What the money became or would become: a receipt or payment and what it settles. */
  documents: string[];
}

/** One statement line as the reconciliation page shows it. */
export interface ReviewLine {
  id: number;
  date: string;
  source: string;
  account: string;
  direction: 'in' | 'out' | 'none';
  kind: string;
  amount: Minor;
  fee: Minor;
  payer: string;
  memo: string;
  status: 'unmatched' | 'matched' | 'ignored';
  /** Why a line moved no money (a refund pair, a failed transfer), from the statement. */
  note: string | null;
  /** Matched: what it was matched to. */
  match: StatementMatch | null;
  /** Unmatched: what accepting it would book, found by the same matching (any confidence). */
  proposal: StatementMatch | null;
  /** Unmatched and no proposal: why, for the claim queue. */
  unmatchedReason: string | null;
}

interface LineRow {
  id: number;
  date: string;
  source: string;
  account: string;
  direction: 'in' | 'out' | 'none';
  kind: string;
  amount_minor: number;
  fee_minor: number;
  payer: string;
  memo: string;
  status: 'unmatched' | 'matched' | 'ignored';
  reason: string | null;
  match_rule: string | null;
  match_confidence: number | null;
  match_reason: string | null;
}

/** The receipt or payment a matched line became, with the invoices it settles and the order it pays. */
function documentsOf(book: Book, line: number): string[] {
  const rows = book.exec.select<{ payment: string; invoice: string | null; orderNo: string | null }>(
    `select p.number as payment, i.number as invoice, o.number as orderNo from payments p
       left join payment_allocations a on a.payment_id = p.id left join invoices i on i.id = a.invoice_id
       left join sales_orders o on o.id = p.order_id
     where p.statement_line_id = ? order by p.id, i.id`,
    line,
  );
  return [...new Set(rows.flatMap((r) => [r.payment, r.invoice, r.orderNo].filter((x): x is string => x !== null)))];
}

const matchOf = (book: Book, r: LineRow): StatementMatch | null =>
  r.match_rule === null
    ? null
    : {
        rule: r.match_rule,
        confidence: r.match_confidence ?? 0,
        reason: r.match_reason ?? '',
        documents: documentsOf(book, r.id),
      };

const SELECT = `select id, date, source, account, direction, kind, amount_minor, fee_minor, payer, memo, status, reason,
    match_rule, match_confidence, match_reason from statement_lines`;

/**
 * The imported statement lines for reconciling, unmatched first: each matched line with what it
 * became, each unmatched one with the proposal matching would book for it (found by running the
 * matching itself as a preview, at any confidence, so accepting books exactly what is shown) or
 * why there is none. Company-wide: refused to whoever sees only their own customers. Proposals
 * only for who may book them (`finance.write`).
 *
 * @example
 * statementReview(book).lines[0] // { id: 7, status: 'unmatched', proposal: { rule: 'reference', confidence: 95, … } }
 */
export function statementReview(book: Book): { lines: ReviewLine[]; total: number } {
  readAccess(book, LIST_ACCESS.statement, 'statement');
  // Every line to reconcile (up to 2,000), and the latest 200 done: the page stays light as the bank's lines pile up.
  const rows = [
    ...book.exec.select<LineRow>(`${SELECT} where status = 'unmatched' order by date desc, id desc limit 2000`),
    ...book.exec.select<LineRow>(`${SELECT} where status <> 'unmatched' order by date desc, id desc limit 200`),
  ];
  const proposals = new Map<number, StatementMatch>();
  const reasons = new Map<number, string>();
  if (rows.some((r) => r.status === 'unmatched') && can(book.principal, 'finance.write')) {
    book.preview(() => {
      try {
        const run = autoMatchStatement(book, { minConfidence: 0 });
        for (const u of run.unmatched) reasons.set(u.line, u.reason);
        for (const m of run.matched) {
          const row = book.exec.selectOne<LineRow>(`${SELECT} where id = ?`, m.line);
          const match = row && matchOf(book, row);
          // A new receipt's number in the preview is not the one booking will give: name what it settles.
          // A payment booked by hand that the line confirms is named, as it is already in the book.
          if (match)
            proposals.set(m.line, {
              ...match,
              documents: m.rule === 'recorded' ? match.documents : match.documents.slice(1),
            });
        }
      } catch (e) {
        if (!(e instanceof TradeloopError)) throw e;
      }
    });
  }
  return {
    total: book.exec.value<number>('select count(*) from statement_lines') ?? 0,
    lines: rows.map((r) => ({
      id: r.id,
      date: r.date,
      source: r.source,
      account: r.account,
      direction: r.direction,
      kind: r.kind,
      amount: r.amount_minor,
      fee: r.fee_minor,
      payer: r.payer,
      memo: r.memo,
      status: r.status,
      note: r.reason,
      match: r.status === 'matched' ? matchOf(book, r) : null,
      proposal: r.status === 'unmatched' ? (proposals.get(r.id) ?? null) : null,
      unmatchedReason: r.status === 'unmatched' && !proposals.has(r.id) ? (reasons.get(r.id) ?? null) : null,
    })),
  };
}
