import { createHash } from 'node:crypto';
import {
  type AgingDocument,
  type AgingPayment,
  addDays,
  type CommissionLine,
  type CommissionPlan,
  type CommissionScheme,
  type IsoDate,
  type Minor,
  matchStatement,
  type OpenInvoice,
  postCommissionRun,
  postCustomerPayment,
  runCommission,
  TradeloopError,
} from '@tradeloop/core';
import type { Book } from './book.js';
import { writeEntry } from './journal.js';
import { idOf, notFound } from './master-data.js';
import { nextNumber } from './numbering.js';

export interface StatementLineInput {
  date: IsoDate;
  amount: Minor;
  payer: string;
  memo: string;
  /** The bank's or wallet's own transaction id, when the export has one. */
  reference?: string;
}

/**
 * Import statement lines (bank CSV, WeChat Pay, Alipay), each once: a line is known by the
 * source's transaction id, or by a hash of its content, so importing the same file again adds
 * nothing.
 *
 * @example
 * importStatementLines(book, 'bank', [{ date: '2026-03-12', amount: 226000, payer: '华东贸易有限公司', memo: 'INV-2026-000001' }])
 * // { added: 1, duplicates: 0 }
 */
export function importStatementLines(
  book: Book,
  source: string,
  lines: readonly StatementLineInput[],
): { added: number; duplicates: number } {
  return book.command('importStatementLines', () => {
    let added = 0;
    const seen = new Map<string, number>();
    for (const l of lines) {
      const base = l.reference
        ? `${source}|ref|${l.reference}`
        : `${source}|${l.date}|${l.amount}|${l.payer}|${l.memo}`;
      // Two identical lines in one file are two payments; number repeats within the file.
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const fingerprint = createHash('sha256').update(`${base}|${n}`).digest('hex');
      const r = book.exec.execute(
        'insert or ignore into statement_lines (source, fingerprint, date, amount_minor, payer, memo) values (?, ?, ?, ?, ?, ?)',
        source,
        fingerprint,
        l.date,
        l.amount,
        l.payer,
        l.memo,
      );
      added += r.changes;
    }
    return { value: { added, duplicates: lines.length - added }, unchanged: added === 0, after: { source, added } };
  });
}

/** Open sales invoices with what is still owed, for matching and claims. */
export function openSalesInvoices(book: Book): OpenInvoice[] {
  return book.exec
    .select<{ number: string; code: string; name: string; date: string; due_date: string; open: number }>(
      `select i.number, c.code, c.name, i.date, i.due_date,
         i.gross_minor - coalesce((select sum(a.amount_minor) from payment_allocations a where a.invoice_id = i.id), 0) as open
       from invoices i join customers c on c.id = i.customer_id where i.kind = 'sales'`,
    )
    .filter((i) => i.open > 0)
    .map((i) => ({
      id: i.number,
      party: i.code,
      partyName: i.name,
      date: i.date,
      dueDate: i.due_date,
      outstanding: i.open,
    }));
}

function recordCustomerPayment(
  book: Book,
  p: {
    customer: string;
    date: IsoDate;
    amount: Minor;
    allocations: { invoice: string; amount: Minor }[];
    advance: Minor;
    writeOff: Minor;
    statementLine?: number;
  },
): string {
  const customerId = idOf(book, 'customers', p.customer, 'customer');
  const number = nextNumber(book, 'RC', p.date);
  const paymentId = Number(
    book.exec.execute(
      "insert into payments (number, kind, customer_id, date, amount_minor, account, write_off_minor, statement_line_id) values (?, 'customer', ?, ?, ?, '1002', ?, ?)",
      number,
      customerId,
      p.date,
      p.amount,
      p.writeOff,
      p.statementLine ?? null,
    ).lastInsertRowid,
  );
  let allocated = 0;
  for (const a of p.allocations) {
    const invoiceId = book.exec.value<number>('select id from invoices where number = ?', a.invoice);
    if (invoiceId === undefined) throw notFound('invoice', a.invoice);
    book.exec.execute(
      'insert into payment_allocations (payment_id, invoice_id, amount_minor, date) values (?, ?, ?, ?)',
      paymentId,
      invoiceId,
      a.amount,
      p.date,
    );
    allocated += a.amount;
  }
  writeEntry(
    book,
    postCustomerPayment({
      document: number,
      date: p.date,
      customer: p.customer,
      amount: p.amount,
      allocated,
      advance: p.advance,
      writeOff: p.writeOff,
    }),
  );
  return number;
}

/**
 * Match unmatched statement lines to open invoices with core's rules and book a payment for each
 * proposal at or above `minConfidence` (default 50): invoices settled, advances and write-offs
 * posted. The rest stay in the claim queue.
 *
 * @example
 * autoMatchStatement(book) // { matched: [{ line: 1, payment: 'RC-2026-000001', rule: 'reference' }], unmatched: [] }
 */
export function autoMatchStatement(book: Book, options: { minConfidence?: number; tolerance?: Minor } = {}) {
  return book.command('autoMatchStatement', () => {
    const lines = book.exec.select<{ id: number; date: string; amount_minor: number; payer: string; memo: string }>(
      "select id, date, amount_minor, payer, memo from statement_lines where status = 'unmatched' order by date, id",
    );
    const result = matchStatement(
      lines.map((l) => ({ id: String(l.id), date: l.date, amount: l.amount_minor, payer: l.payer, memo: l.memo })),
      openSalesInvoices(book),
      options.tolerance === undefined ? {} : { tolerance: options.tolerance },
    );
    const matched: { line: number; payment: string; rule: string; confidence: number }[] = [];
    for (const p of result.proposals) {
      if (p.confidence < (options.minConfidence ?? 50)) continue;
      const line = lines.find((l) => String(l.id) === p.line);
      if (!line) continue;
      const payment = recordCustomerPayment(book, {
        customer: p.party,
        date: line.date,
        amount: line.amount_minor,
        allocations: p.allocations,
        advance: p.advance,
        writeOff: p.writeOff,
        statementLine: line.id,
      });
      book.exec.execute(
        "update statement_lines set status = 'matched', match_rule = ?, match_confidence = ?, match_reason = ? where id = ?",
        p.rule,
        p.confidence,
        p.reason,
        line.id,
      );
      matched.push({ line: line.id, payment, rule: p.rule, confidence: p.confidence });
    }
    const unmatched = result.unmatched.map((u) => ({ line: Number(u.line.id), reason: u.reason }));
    return {
      value: { matched, unmatched },
      unchanged: matched.length === 0,
      after: { matched: matched.length, unmatched: unmatched.length },
    };
  });
}

/**
 * Claim a statement line by hand for a customer: it settles their open invoices oldest first, or
 * the named ones; the rest is their advance.
 */
export function claimStatementLine(
  book: Book,
  lineId: number,
  customer: string,
  invoices?: string[],
): { payment: string } {
  return book.command('claimStatementLine', () => {
    const line = book.exec.selectOne<{ id: number; date: string; amount_minor: number; status: string }>(
      'select id, date, amount_minor, status from statement_lines where id = ?',
      lineId,
    );
    if (!line) throw notFound('statement line', String(lineId));
    if (line.status !== 'unmatched') {
      throw new TradeloopError('command.rejected', `statement line ${lineId} is already ${line.status}`, {
        path: ['line'],
      });
    }
    const open = openSalesInvoices(book)
      .filter((i) => i.party === customer && (!invoices || invoices.includes(i.id)))
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
    let left = line.amount_minor;
    const allocations: { invoice: string; amount: Minor }[] = [];
    for (const i of open) {
      if (left === 0) break;
      const take = Math.min(left, i.outstanding);
      allocations.push({ invoice: i.id, amount: take });
      left -= take;
    }
    const payment = recordCustomerPayment(book, {
      customer,
      date: line.date,
      amount: line.amount_minor,
      allocations,
      advance: left,
      writeOff: 0,
      statementLine: lineId,
    });
    book.exec.execute(
      "update statement_lines set status = 'matched', match_rule = 'claim', match_confidence = 100, match_reason = ? where id = ?",
      `claimed for ${customer}`,
      lineId,
    );
    return { value: { payment }, document: payment, after: { line: lineId, customer } };
  });
}

/** Sales invoices and customer payments as core's aging reads them (AR). */
export function receivablesForAging(book: Book): { documents: AgingDocument[]; payments: AgingPayment[] } {
  const documents = book.exec
    .select<{
      number: string;
      code: string;
      kind: string;
      date: string;
      due_date: string;
      gross_minor: number;
      salesperson: string | null;
    }>(
      `select i.number, c.code, i.kind, i.date, i.due_date, i.gross_minor, s.code as salesperson
       from invoices i join customers c on c.id = i.customer_id left join salespeople s on s.id = i.salesperson_id
       where i.kind in ('sales', 'sales_credit')`,
    )
    .map(
      (d): AgingDocument => ({
        id: d.number,
        party: d.code,
        kind: d.kind === 'sales' ? 'invoice' : 'credit_note',
        date: d.date,
        dueDate: d.due_date,
        amount: Math.abs(d.gross_minor),
        ...(d.salesperson ? { salesperson: d.salesperson } : {}),
      }),
    );
  const allocations = book.exec.select<{ payment_id: number; number: string; amount_minor: number; date: string }>(
    'select a.payment_id, i.number, a.amount_minor, a.date from payment_allocations a join invoices i on i.id = a.invoice_id',
  );
  const payments = book.exec
    .select<{ id: number; number: string; code: string; date: string; amount_minor: number; write_off_minor: number }>(
      "select p.id, p.number, c.code, p.date, p.amount_minor, p.write_off_minor from payments p join customers c on c.id = p.customer_id where p.kind = 'customer'",
    )
    .map(
      (p): AgingPayment => ({
        id: p.number,
        party: p.code,
        date: p.date,
        // Settled amounts include small write-offs: the payment "paid" cash plus the write-off.
        amount: p.amount_minor + p.write_off_minor,
        allocations: allocations
          .filter((a) => a.payment_id === p.id)
          .map((a) => ({ document: a.number, amount: a.amount_minor, date: a.date })),
      }),
    );
  return { documents, payments };
}

/** What posting commission did: the run, or (`run: null`) why nothing was posted. */
export type CommissionPosting =
  | { run: string; total: Minor; statements: ReturnType<typeof runCommission>; skipped?: undefined }
  | {
      run: null;
      total: 0;
      statements: ReturnType<typeof runCommission>;
      skipped: { code: 'commission.no_plans' | 'commission.nothing_to_pay'; message: string };
    };

/**
 * Post a commission run for a period: every salesperson's statement from core's rules (invoices
 * and credit notes in the period, cash collected in it), the lines kept, the expense and payable
 * posted. A period overlapping a posted run is refused: posted runs are immutable. With no plans,
 * or nothing to pay (every statement 0), nothing is written and the period stays open: the
 * result has `run: null` and `skipped` says why (`commission.no_plans`, `commission.nothing_to_pay`).
 *
 * @example
 * postCommission(book, { start: '2026-03-01', end: '2026-04-01' }) // { run: 'COM-2026-000001', total: 5432 }
 * postCommission(emptyBook, { start: '2026-03-01', end: '2026-04-01' }).skipped?.code // 'commission.no_plans'
 */
export function postCommission(book: Book, period: { start: IsoDate; end: IsoDate }): CommissionPosting {
  return book.command<CommissionPosting>('postCommission', () => {
    const overlap = book.exec.value<string>(
      'select number from commission_runs where period_start < ? and period_end > ?',
      period.end,
      period.start,
    );
    if (overlap) {
      throw new TradeloopError(
        'command.rejected',
        `commission for this period is already posted in ${overlap}; posted runs do not change`,
        {
          path: ['period'],
          hint: 'post corrections in the next period',
        },
      );
    }
    const salespeople = book.exec
      .select<{ code: string; level: string; manager: string | null }>(
        'select s.code, s.level, m.code as manager from salespeople s left join salespeople m on m.id = s.manager_id',
      )
      .map((s) => ({ code: s.code, level: s.level, ...(s.manager ? { manager: s.manager } : {}) }));
    const plans: Record<string, CommissionPlan> = {};
    for (const p of book.exec.select<{
      level: string;
      code: string;
      base: CommissionPlan['base'];
      scheme_json: string;
      manager_override_bp: number | null;
    }>('select level, code, base, scheme_json, manager_override_bp from commission_plans')) {
      plans[p.level] = {
        code: p.code,
        base: p.base,
        scheme: JSON.parse(p.scheme_json) as CommissionScheme,
        ...(p.manager_override_bp === null ? {} : { managerOverride: p.manager_override_bp }),
      };
    }
    const invoiceLines = book.exec
      .select<{
        salesperson: string;
        date: string;
        number: string;
        kind: string;
        net_minor: number;
        cost_minor: number;
      }>(
        `select s.code as salesperson, i.date, i.number, i.kind, i.net_minor, i.cost_minor
         from invoices i join salespeople s on s.id = i.salesperson_id where i.kind in ('sales', 'sales_credit')`,
      )
      .map(
        (i): CommissionLine => ({
          salesperson: i.salesperson,
          date: i.date,
          document: i.number,
          kind: i.kind === 'sales' ? 'invoice' : 'credit_note',
          netSales: i.net_minor,
          cost: i.cost_minor,
          collected: 0,
        }),
      );
    const receipts = book.exec
      .select<{ salesperson: string; date: string; number: string; amount_minor: number }>(
        `select s.code as salesperson, a.date, p.number, a.amount_minor from payment_allocations a
         join payments p on p.id = a.payment_id join invoices i on i.id = a.invoice_id join salespeople s on s.id = i.salesperson_id
         where p.kind = 'customer'`,
      )
      .map(
        (r): CommissionLine => ({
          salesperson: r.salesperson,
          date: r.date,
          document: r.number,
          kind: 'receipt',
          netSales: 0,
          cost: 0,
          collected: r.amount_minor,
        }),
      );
    const statements = runCommission({ period, salespeople, plans, lines: [...invoiceLines, ...receipts] });
    const total = statements.reduce((s, x) => s + x.total, 0);
    // A run locks its period for good: an empty one would lock a month before anyone could be paid
    // for it (plans not set up yet, sales not yet invoiced). So nothing is posted, and we say why.
    const idle =
      Object.keys(plans).length === 0
        ? {
            code: 'commission.no_plans' as const,
            message: 'no commission plans in the book; nothing posted, the period stays open',
          }
        : statements.every((x) => x.total === 0)
          ? {
              code: 'commission.nothing_to_pay' as const,
              message:
                statements.length === 0
                  ? 'no salesperson has a level with a commission plan; nothing posted, the period stays open'
                  : `nothing to pay for this period (${statements.length} statements, all 0); nothing posted, the period stays open`,
            }
          : undefined;
    if (idle) return { value: { run: null, total: 0, statements, skipped: idle }, unchanged: true };
    const postDate = addDays(period.end, -1);
    const run = nextNumber(book, 'COM', postDate);
    const runId = Number(
      book.exec.execute(
        'insert into commission_runs (number, period_start, period_end, posted_at, total_minor) values (?, ?, ?, ?, ?)',
        run,
        period.start,
        period.end,
        book.now(),
        total,
      ).lastInsertRowid,
    );
    for (const s of statements) {
      book.exec.execute(
        'insert into commission_lines (run_id, salesperson_id, plan, base_minor, amount_minor, override_minor, total_minor, detail_json) values (?, ?, ?, ?, ?, ?, ?, ?)',
        runId,
        idOf(book, 'salespeople', s.salesperson, 'salesperson'),
        s.plan,
        s.base,
        s.amount,
        s.override?.amount ?? 0,
        s.total,
        JSON.stringify({ bands: s.bands, lines: s.lines, override: s.override }),
      );
    }
    writeEntry(book, postCommissionRun({ document: run, date: postDate, total }));
    return { value: { run, total, statements }, document: run, after: { total } };
  });
}

/** Supplier invoices and payments as core's aging reads them (AP): the mirror of receivables. */
export function payablesForAging(book: Book): { documents: AgingDocument[]; payments: AgingPayment[] } {
  const documents = book.exec
    .select<{ number: string; code: string; date: string; due_date: string; gross_minor: number }>(
      "select i.number, s.code, i.date, i.due_date, i.gross_minor from invoices i join suppliers s on s.id = i.supplier_id where i.kind = 'supplier'",
    )
    .map(
      (d): AgingDocument => ({
        id: d.number,
        party: d.code,
        kind: 'invoice',
        date: d.date,
        dueDate: d.due_date,
        amount: d.gross_minor,
      }),
    );
  const allocations = book.exec.select<{ payment_id: number; number: string; amount_minor: number; date: string }>(
    "select a.payment_id, i.number, a.amount_minor, a.date from payment_allocations a join invoices i on i.id = a.invoice_id where i.kind = 'supplier'",
  );
  const payments = book.exec
    .select<{ id: number; number: string; code: string; date: string; amount_minor: number }>(
      "select p.id, p.number, s.code, p.date, p.amount_minor from payments p join suppliers s on s.id = p.supplier_id where p.kind = 'supplier'",
    )
    .map(
      (p): AgingPayment => ({
        id: p.number,
        party: p.code,
        date: p.date,
        amount: p.amount_minor,
        allocations: allocations
          .filter((a) => a.payment_id === p.id)
          .map((a) => ({ document: a.number, amount: a.amount_minor, date: a.date })),
      }),
    );
  return { documents, payments };
}
