import { createHash } from 'node:crypto';
import {
  type AgingDocument,
  type AgingPayment,
  addDays,
  type CommissionLine,
  type CommissionPlan,
  type CommissionScheme,
  DEFAULT_POSTING_ACCOUNTS,
  entry,
  formatMoney,
  type IsoDate,
  MATCH_DATE_WINDOW_DAYS,
  type Minor,
  matchStatement,
  type OpenInvoice,
  type OpenOrder,
  postBankCharge,
  postCommissionRun,
  postCustomerPayment,
  type RecordedPayment,
  runCommission,
  type StatementDirection,
  type StatementKind,
  type StatementLine,
  TradeloopError,
} from '@tradeloop/core';
import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Book } from './book.js';
import { writeEntry } from './journal.js';
import { idOf, notFound } from './master-data.js';
import { nextNumber } from './numbering.js';
import { allocatePayment } from './payment-allocations.js';
import { recordSupplierPayment } from './purchasing.js';
import { CASH_ACCOUNTS, recordSalesOrderPayment } from './sales.js';
import type { Row } from './schema.js';
import { emit } from './webhooks.js';

export interface StatementLineInput {
  date: IsoDate;
  /** The gross: what the payer sent, or what was paid out. Never negative. */
  amount: Minor;
  payer: string;
  memo: string;
  /** The bank's or wallet's own transaction id, when the export has one. */
  reference?: string;
  /** Money in (default), out, or none moved. */
  direction?: StatementDirection;
  kind?: StatementKind;
  fee?: Minor;
  /** The status as the source wrote it. */
  status?: string;
  /** Why no money moved, for direction none. */
  reason?: string;
  counterpartyAccount?: string;
  /** Merchant order numbers and other ids of the line, after the reference. */
  references?: readonly string[];
  /** The row of the file it came from. */
  sourceRow?: number;
}

export interface ImportStatementOptions {
  /** The account the statement is of: 1002 for a bank (default), 1012 for WeChat Pay / Alipay. */
  account?: string;
  /** Which export layout the lines were read as. */
  layout?: string;
}

/** Accounts a statement line may not be claimed to directly: their balances belong to documents. */
const PARTY_OR_CASH = [
  ...CASH_ACCOUNTS,
  DEFAULT_POSTING_ACCOUNTS.receivable,
  DEFAULT_POSTING_ACCOUNTS.payable,
  DEFAULT_POSTING_ACCOUNTS.grni,
  DEFAULT_POSTING_ACCOUNTS.advances,
  DEFAULT_POSTING_ACCOUNTS.inventory,
  '1123',
];

function netOf(l: StatementLineInput): Minor {
  const fee = l.fee ?? 0;
  const direction = l.direction ?? 'in';
  return direction === 'none' ? 0 : direction === 'in' ? l.amount - fee : -(l.amount + fee);
}

/**
 * Import statement lines (bank CSV, WeChat Pay, Alipay), each once: a line is known by the
 * source's transaction id, or by a hash of its content, so importing the same file again adds
 * nothing. Every line is kept, money out and lines that moved no money too (those with their
 * reason, never to be matched).
 *
 * @example
 * importStatementLines(book, 'bank', [{ date: '2026-03-12', amount: 226000, payer: '华东贸易有限公司', memo: 'INV-2026-000001' }])
 * // { added: 1, duplicates: 0 }
 */
export function importStatementLines(
  book: Book,
  source: string,
  lines: readonly StatementLineInput[],
  options: ImportStatementOptions = {},
): { added: number; duplicates: number; held: number[] } {
  return book.command('importStatementLines', () => {
    const account = options.account ?? (source === 'bank' ? '1002' : '1012');
    if (!CASH_ACCOUNTS.includes(account)) {
      throw new TradeloopError(
        'command.rejected',
        `a statement is of cash (1001), a bank (1002) or WeChat Pay / Alipay (1012), not ${account}`,
        { path: ['account'] },
      );
    }
    let added = 0;
    // Which lines the book held already (their places in the list), for a diff.
    const held: number[] = [];
    const seen = new Map<string, number>();
    for (const [i, l] of lines.entries()) {
      const direction = l.direction ?? 'in';
      const base = l.reference
        ? `${source}|ref|${l.reference}`
        : direction === 'in' && !l.fee && (l.kind ?? 'trade') === 'trade'
          ? `${source}|${l.date}|${l.amount}|${l.payer}|${l.memo}`
          : `${source}|${l.date}|${direction}|${l.kind ?? 'trade'}|${l.amount}|${l.fee ?? 0}|${l.payer}|${l.memo}`;
      // Two identical lines in one file are two payments; number repeats within the file.
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const fingerprint = createHash('sha256').update(`${base}|${n}`).digest('hex');
      const r = book.exec.run(
        book.db
          .insertInto('statement_lines')
          .values({
            source,
            fingerprint,
            date: l.date,
            amount_minor: l.amount,
            payer: l.payer,
            memo: l.memo,
            status: direction === 'none' ? 'ignored' : 'unmatched',
            match_reason: direction === 'none' ? `no money moved: ${l.reason ?? 'none'}` : null,
            direction,
            kind: l.kind ?? 'trade',
            fee_minor: l.fee ?? 0,
            net_minor: netOf(l),
            line_status: l.status ?? '',
            reason: l.reason ?? null,
            counterparty_account: l.counterpartyAccount ?? '',
            refs: [l.reference, ...(l.references ?? [])].filter((x, i, all) => x && all.indexOf(x) === i).join(' '),
            layout: options.layout ?? source,
            account,
            source_row: l.sourceRow ?? null,
          })
          .onConflict((conflict) => conflict.doNothing()),
      );
      added += r.changes;
      if (r.changes === 0) held.push(i);
    }
    return {
      value: { added, duplicates: lines.length - added, held },
      unchanged: added === 0,
      after: { source, added },
    };
  });
}

/** Open invoices of one side with what is still owed, for matching and claims. */
function openInvoices(book: Book, side: 'sales' | 'supplier'): OpenInvoice[] {
  const columns = ['i.number', 'x.code', 'x.name', 'i.date', 'i.due_date', 'i.open_minor as open'] as const;
  // The partial index of open invoices answers this: the work is the open items, not the history.
  const invoices = book.db
    .selectFrom('invoices as i')
    .where('i.kind', '=', side)
    .where('i.open_minor', '>', sql.lit(0));
  return book.exec
    .all(
      side === 'sales'
        ? invoices.innerJoin('customers as x', 'x.id', 'i.customer_id').select(columns)
        : invoices.innerJoin('suppliers as x', 'x.id', 'i.supplier_id').select(columns),
    )
    .map((i) => ({
      id: i.number,
      party: i.code,
      partyName: i.name,
      date: i.date,
      dueDate: i.due_date,
      outstanding: i.open,
    }));
}

/** Open sales invoices with what is still owed, for matching and claims. */
export const openSalesInvoices = (book: Book): OpenInvoice[] => openInvoices(book, 'sales');

/** Prepaid orders waiting for their money: a statement line may pay them. */
export function ordersAwaitingPayment(book: Book): OpenOrder[] {
  return book.exec
    .all(
      book.db
        .selectFrom('sales_orders as o')
        .innerJoin('customers as c', 'c.id', 'o.customer_id')
        .select((eb) => [
          'o.number',
          'c.code',
          'c.name',
          'o.order_date',
          eb('o.gross_minor', '-', eb.ref('o.paid_minor')).as('open'),
        ])
        .where('o.status', '=', 'awaiting_payment')
        // The partial index of open orders: not every order the company ever completed.
        .where(sql<boolean>`o.status not in ('completed', 'cancelled')`)
        .whereRef('o.gross_minor', '>', 'o.paid_minor'),
    )
    .map((o) => ({ id: o.number, party: o.code, partyName: o.name, date: o.order_date, outstanding: o.open }));
}

/** The invoices a payment settles and the order it pays, space-separated; refs from the enclosing query. */
function documentsOf(
  book: Book,
  paymentId: Expression<number>,
  orderId: Expression<number | null>,
): RawBuilder<string> {
  const invoices = book.db
    .selectFrom('payment_allocations as a')
    .innerJoin('invoices as i', 'i.id', 'a.invoice_id')
    .select((eb) => eb.fn<string>('string_agg', ['i.number', sql.lit(' ')]).as('numbers'))
    .where('a.payment_id', '=', paymentId)
    .$asScalar();
  const order = book.db.selectFrom('sales_orders as o').select('o.number').where('o.id', '=', orderId).$asScalar();
  return sql<string>`coalesce(${invoices}, '') || coalesce(' ' || ${order}, '')`;
}

/**
 * Payments booked by hand that no statement line confirms yet, of customers or of suppliers, dated
 * near the statement's lines (a line confirms a payment only within the matching window): years of
 * settled history are not read for one day's statement.
 */
function unconfirmedPayments(
  book: Book,
  kind: 'customer' | 'supplier',
  lines: readonly { date: IsoDate }[],
): RecordedPayment[] {
  if (lines.length === 0) return [];
  const dates = lines.map((l) => l.date).sort();
  const columns = ['p.number', 'x.code', 'x.name', 'p.date', 'p.amount_minor'] as const;
  const payments = book.db
    .selectFrom('payments as p')
    .where('p.kind', '=', kind)
    .where('p.statement_line_id', 'is', null)
    .where('p.date', '>=', addDays(dates[0] as IsoDate, -MATCH_DATE_WINDOW_DAYS))
    .where('p.date', '<=', addDays(dates.at(-1) as IsoDate, MATCH_DATE_WINDOW_DAYS));
  return book.exec
    .all(
      kind === 'customer'
        ? payments
            .innerJoin('customers as x', 'x.id', 'p.customer_id')
            .select((eb) => [...columns, documentsOf(book, eb.ref('p.id'), eb.ref('p.order_id')).as('documents')])
        : payments
            .innerJoin('suppliers as x', 'x.id', 'p.supplier_id')
            .select((eb) => [...columns, documentsOf(book, eb.ref('p.id'), eb.ref('p.order_id')).as('documents')]),
    )
    .map((p) => ({
      id: p.number,
      party: p.code,
      partyName: p.name,
      date: p.date,
      amount: p.amount_minor,
      documents: p.documents.split(' ').filter(Boolean),
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
    account?: string;
    fee?: Minor;
  },
): string {
  const customerId = idOf(book, 'customers', p.customer, 'customer');
  const number = nextNumber(book, 'RC', p.date);
  const paymentId = Number(
    book.exec.run(
      book.db.insertInto('payments').values({
        number,
        kind: 'customer',
        customer_id: customerId,
        date: p.date,
        amount_minor: p.amount,
        account: p.account ?? '1002',
        write_off_minor: p.writeOff,
        unallocated_minor: p.amount + p.writeOff,
        statement_line_id: p.statementLine ?? null,
        fee_minor: p.fee ?? 0,
      }),
    ).lastInsertRowid,
  );
  let allocated = 0;
  for (const a of p.allocations) {
    const invoice = book.exec.get(book.db.selectFrom('invoices').select('id').where('number', '=', a.invoice));
    if (!invoice) throw notFound('invoice', a.invoice);
    allocatePayment(book, { payment: paymentId, invoice: invoice.id, amount: a.amount, date: p.date });
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
      cashAccount: p.account ?? '1002',
      fee: p.fee ?? 0,
    }),
  );
  return number;
}

const LINE_COLUMNS = [
  'id',
  'date',
  'amount_minor',
  'fee_minor',
  'payer',
  'memo',
  'refs',
  'direction',
  'kind',
  'account',
  'status',
  'reason',
] as const;

type LineRow = Pick<Row<'statement_lines'>, (typeof LINE_COLUMNS)[number]>;

function markMatched(
  book: Book,
  line: number,
  rule: string,
  confidence: number,
  reason: string,
  payment?: string,
): void {
  book.exec.run(
    book.db
      .updateTable('statement_lines')
      .set({ status: 'matched', match_rule: rule, match_confidence: confidence, match_reason: reason })
      .where('id', '=', line),
  );
  if (!payment) return;
  const booked = book.exec.get(
    book.db.selectFrom('payments').select(['kind', 'date', 'amount_minor']).where('number', '=', payment),
  );
  emit(book, 'payment.matched', {
    payment,
    kind: booked?.kind,
    date: booked?.date,
    amount: booked?.amount_minor,
    statementLine: line,
    rule,
  });
}

/** A fee on a line that confirms a payment booked at its gross: the charge the bank took. */
function chargeFee(book: Book, line: LineRow, amount: Minor): void {
  if (amount <= 0) return;
  writeEntry(book, postBankCharge({ document: `STL-${line.id}`, date: line.date, amount, cashAccount: line.account }));
}

/** Link a statement line to a payment booked by hand: the money is that payment, not another. */
function confirmPayment(book: Book, line: LineRow, payment: string): void {
  book.exec.run(book.db.updateTable('payments').set({ statement_line_id: line.id }).where('number', '=', payment));
  chargeFee(book, line, line.fee_minor);
}

/** What a statement line brings to the payment it becomes: its date, gross, account and fee. */
const lineMoney = (l: LineRow) => ({
  date: l.date,
  amount: l.amount_minor,
  account: l.account,
  fee: l.fee_minor,
  statementLine: l.id,
});

const toMatchLine = (l: LineRow): StatementLine => ({
  id: String(l.id),
  date: l.date,
  amount: l.amount_minor,
  payer: l.payer,
  memo: l.memo,
  direction: l.direction,
  kind: l.kind,
  references: l.refs.split(' ').filter(Boolean),
});

/**
 * Match unmatched statement lines with core's rules and book each proposal at or above
 * `minConfidence` (default 50). Money in: payments booked by hand are confirmed, prepaid orders
 * paid, invoices settled (advances, write-offs and the wallet's fee posted). Money out: supplier
 * payments confirmed or open supplier invoices paid when the amount settles them exactly. Fee
 * lines are bank charges. The rest stay in the claim queue with the reason.
 *
 * @example
 * autoMatchStatement(book) // { matched: [{ line: 1, payment: 'RC-2026-000001', rule: 'reference' }], unmatched: [] }
 */
export function autoMatchStatement(
  book: Book,
  options: {
    minConfidence?: number;
    tolerance?: Minor;
    /** Only these lines (a person accepting one line's proposal); every unmatched line otherwise. */
    lines?: readonly number[];
  } = {},
) {
  return book.command('autoMatchStatement', () => {
    let query = book.db
      .selectFrom('statement_lines')
      .select(LINE_COLUMNS)
      .where('status', '=', 'unmatched')
      .orderBy('date')
      .orderBy('id');
    if (options.lines) query = query.where('id', 'in', options.lines.length > 0 ? [...options.lines] : [-1]);
    const lines = book.exec.all(query);
    const matched: { line: number; payment: string; rule: string; confidence: number }[] = [];
    const minConfidence = options.minConfidence ?? 50;
    const tolerance = options.tolerance === undefined ? {} : { tolerance: options.tolerance };
    for (const line of lines.filter((l) => l.kind === 'fee')) {
      chargeFee(book, line, line.fee_minor + line.amount_minor);
      markMatched(book, line.id, 'fee', 100, 'a bank or wallet charge');
      matched.push({ line: line.id, payment: `STL-${line.id}`, rule: 'fee', confidence: 100 });
    }
    const byId = new Map(lines.map((l) => [String(l.id), l]));
    // With no lines of a direction there is nothing to read its open items for.
    const ins = lines.filter((l) => l.direction === 'in');
    const incoming = matchStatement(
      ins.map(toMatchLine),
      ins.length > 0 ? openSalesInvoices(book) : [],
      tolerance,
      ins.length > 0
        ? { orders: ordersAwaitingPayment(book), recorded: unconfirmedPayments(book, 'customer', ins) }
        : {},
    );
    for (const p of incoming.proposals) {
      const line = byId.get(p.line);
      if (!line || p.confidence < minConfidence) continue;
      let payment: string;
      if (p.payment) {
        payment = p.payment;
        confirmPayment(book, line, payment);
      } else if (p.order) {
        payment = recordSalesOrderPayment(book, p.order, lineMoney(line)).payment;
      } else {
        payment = recordCustomerPayment(book, {
          customer: p.party,
          date: line.date,
          amount: line.amount_minor,
          allocations: p.allocations,
          advance: p.advance,
          writeOff: p.writeOff,
          statementLine: line.id,
          account: line.account,
          fee: line.fee_minor,
        });
      }
      markMatched(book, line.id, p.rule, p.confidence, p.reason, payment);
      matched.push({ line: line.id, payment, rule: p.rule, confidence: p.confidence });
    }
    const outs = lines.filter((l) => l.direction === 'out' && l.kind !== 'fee');
    const outgoing = matchStatement(
      outs.map(toMatchLine),
      outs.length > 0 ? openInvoices(book, 'supplier') : [],
      { ...tolerance, direction: 'out' },
      { recorded: unconfirmedPayments(book, 'supplier', outs) },
    );
    const leftOut: { line: StatementLine; reason: string }[] = [];
    for (const p of outgoing.proposals) {
      const line = byId.get(p.line);
      if (!line || p.confidence < minConfidence) continue;
      let payment: string;
      if (p.payment) {
        payment = p.payment;
        confirmPayment(book, line, payment);
      } else if (p.advance === 0 && p.writeOff === 0) {
        payment = recordSupplierPayment(book, { supplier: p.party, ...lineMoney(line) }).payment;
      } else {
        leftOut.push({
          line: toMatchLine(line),
          reason: `${p.reason}; not an exact payment of what ${p.party} is owed`,
        });
        continue;
      }
      markMatched(book, line.id, p.rule, p.confidence, p.reason, payment);
      matched.push({ line: line.id, payment, rule: p.rule, confidence: p.confidence });
    }
    const done = new Set(matched.map((m) => String(m.line)));
    const reasons = new Map<string, string>();
    // Each pass also names the lines of the other direction; keep the reason of the pass a line belongs to.
    for (const u of incoming.unmatched) if (byId.get(u.line.id)?.direction === 'in') reasons.set(u.line.id, u.reason);
    for (const u of [...outgoing.unmatched, ...leftOut])
      if (byId.get(u.line.id)?.direction === 'out') reasons.set(u.line.id, u.reason);
    const unmatched = lines
      .filter((l) => !done.has(String(l.id)))
      .map((l) => ({ line: l.id, reason: reasons.get(String(l.id)) ?? 'below the confidence to book' }));
    return {
      value: { matched, unmatched },
      unchanged: matched.length === 0,
      after: { matched: matched.length, unmatched: unmatched.length },
    };
  });
}

/** What a claimed line pays: a customer's invoices or prepaid order, a supplier, or an account. */
export interface ClaimTarget {
  customer?: string;
  invoices?: readonly string[];
  /** A prepaid order of the customer the line pays. */
  order?: string;
  supplier?: string;
  /** Any other account of the chart (an expense, other income): money out debits it, money in credits it. */
  account?: string;
}

function wrongWay(line: LineRow, wanted: string, hint: string): TradeloopError {
  const way =
    line.direction === 'none'
      ? `moved no money (${line.reason ?? 'none'})`
      : line.direction === 'out'
        ? `is money out (−${formatMoney(line.amount_minor, { grouping: true })})`
        : `is money in (${formatMoney(line.amount_minor, { grouping: true })})`;
  return new TradeloopError('statement.direction', `statement line ${line.id} ${way}: ${wanted}`, {
    path: ['line'],
    hint,
  });
}

/**
 * Claim a statement line by hand. Money in for a customer: it pays the named or the one fitting
 * prepaid order, else settles their open invoices oldest first (or the named ones) and the rest
 * is their advance. Money out: for a supplier (their open invoices, oldest first). Either way: to
 * an account of the chart that is no cash, stock or party account. A line the other way, or one that moved no money, is refused.
 *
 * @example
 * claimStatementLine(book, 7, { customer: 'C001' }) // { payment: 'RC-2026-000012' }
 */
export function claimStatementLine(
  book: Book,
  lineId: number,
  target: ClaimTarget | string,
  invoices?: string[],
): { payment: string } {
  const t: ClaimTarget = typeof target === 'string' ? { customer: target, ...(invoices ? { invoices } : {}) } : target;
  return book.command('claimStatementLine', () => {
    const line = book.exec.get(book.db.selectFrom('statement_lines').select(LINE_COLUMNS).where('id', '=', lineId));
    if (!line) throw notFound('statement line', String(lineId));
    if (line.status === 'ignored')
      throw wrongWay(line, 'it is kept for the record and pays nothing', 'claim a line that moved money');
    if (line.status !== 'unmatched') {
      const by = book.exec.get(
        book.db.selectFrom('payments').select('number').where('statement_line_id', '=', lineId),
      )?.number;
      throw new TradeloopError(
        'command.rejected',
        `statement line ${lineId} is already ${line.status}${by ? ` (${by})` : ''}; a line pays once`,
        { path: ['line'] },
      );
    }
    if (t.customer) {
      if (line.direction !== 'in')
        throw wrongWay(
          line,
          "a customer's receipt must be money in",
          'claim it for a supplier with --supplier CODE, or to an account with --account CODE',
        );
      const customer = t.customer;
      idOf(book, 'customers', customer, 'customer');
      const memo = `${line.memo} ${line.refs}`.toUpperCase();
      const orders = ordersAwaitingPayment(book).filter((o) => o.party === customer);
      const order = t.order
        ? orders.find((o) => o.id === t.order)
        : (orders.find((o) => memo.includes(o.id.toUpperCase())) ??
          (orders.length === 1 && orders[0]?.outstanding === line.amount_minor ? orders[0] : undefined));
      if (t.order && !order) {
        throw new TradeloopError(
          'command.rejected',
          `${t.order} is no prepaid order of ${customer} waiting for payment`,
          {
            path: ['order'],
          },
        );
      }
      let payment: string;
      if (order) {
        payment = recordSalesOrderPayment(book, order.id, lineMoney(line)).payment;
      } else {
        const open = openSalesInvoices(book)
          .filter((i) => i.party === customer && (!t.invoices || t.invoices.includes(i.id)))
          .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
        let left = line.amount_minor;
        const allocations: { invoice: string; amount: Minor }[] = [];
        for (const i of open) {
          if (left === 0) break;
          const take = Math.min(left, i.outstanding);
          allocations.push({ invoice: i.id, amount: take });
          left -= take;
        }
        payment = recordCustomerPayment(book, {
          customer,
          date: line.date,
          amount: line.amount_minor,
          allocations,
          advance: left,
          writeOff: 0,
          statementLine: lineId,
          account: line.account,
          fee: line.fee_minor,
        });
      }
      markMatched(book, lineId, 'claim', 100, `claimed for ${customer}${order ? ` (${order.id})` : ''}`, payment);
      return { value: { payment }, document: payment, after: { line: lineId, customer } };
    }
    if (t.supplier) {
      if (line.direction !== 'out')
        throw wrongWay(
          line,
          'a payment to a supplier must be money out',
          'claim money in for a customer with --customer CODE, or to an account with --account CODE',
        );
      const { payment } = recordSupplierPayment(book, { supplier: t.supplier, ...lineMoney(line) });
      markMatched(book, lineId, 'claim', 100, `claimed for ${t.supplier}`, payment);
      return { value: { payment }, document: payment, after: { line: lineId, supplier: t.supplier } };
    }
    if (t.account) {
      const account = book.exec.get(
        book.db.selectFrom('accounts').select(['code', 'type']).where('code', '=', t.account),
      );
      if (!account || PARTY_OR_CASH.includes(account.code))
        throw new TradeloopError(
          'command.rejected',
          account
            ? `${t.account} is cash, stock or a party's account: book it with --customer or --supplier, or a document`
            : `no account ${t.account} in the chart`,
          {
            path: ['account'],
            hint: 'use an income, expense or other account, e.g. 6601 selling expenses, 6301 other income',
          },
        );
      const document = `STL-${lineId}`;
      const sign = line.direction === 'in' ? -1 : 1;
      writeEntry(
        book,
        entry(line.date, `Statement line ${lineId}: ${line.memo || line.payer}`, { kind: 'statement_line', document }, [
          [account.code, sign * line.amount_minor],
          [DEFAULT_POSTING_ACCOUNTS.bankCharges, line.fee_minor],
          [line.account, -sign * line.amount_minor - line.fee_minor],
        ]),
      );
      markMatched(book, lineId, 'claim', 100, `booked to ${account.code}`);
      return { value: { payment: document }, document, after: { line: lineId, account: account.code } };
    }
    throw new TradeloopError('usage.claim', 'say what the line pays: --customer, --supplier or --account', {
      path: ['target'],
    });
  });
}

/** Sales invoices and customer payments as core's aging reads them (AR); one customer's with `customer`. */
export function receivablesForAging(
  book: Book,
  options: { customer?: string } = {},
): { documents: AgingDocument[]; payments: AgingPayment[] } {
  const one = options.customer;
  let invoices = book.db
    .selectFrom('invoices as i')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .leftJoin('salespeople as s', 's.id', 'i.salesperson_id')
    .select(['i.number', 'c.code', 'i.kind', 'i.date', 'i.due_date', 'i.gross_minor', 's.code as salesperson'])
    .where('i.kind', 'in', ['sales', 'sales_credit']);
  if (one !== undefined) invoices = invoices.where('c.code', '=', one);
  const documents = book.exec.all(invoices).map(
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
  let receipts = book.db
    .selectFrom('payments as p')
    .innerJoin('customers as c', 'c.id', 'p.customer_id')
    .select(['p.id', 'p.number', 'c.code', 'p.date', 'p.amount_minor', 'p.write_off_minor'])
    .where('p.kind', '=', 'customer');
  if (one !== undefined) receipts = receipts.where('c.code', '=', one);
  let allocated = book.db
    .selectFrom('payment_allocations as a')
    .innerJoin('invoices as i', 'i.id', 'a.invoice_id')
    .select(['a.payment_id', 'i.number', 'a.amount_minor', 'a.date']);
  if (one !== undefined)
    allocated = allocated.where('a.payment_id', 'in', (eb) =>
      eb
        .selectFrom('payments as p')
        .innerJoin('customers as c', 'c.id', 'p.customer_id')
        .select('p.id')
        .where('c.code', '=', one),
    );
  // By payment, once: a payment's allocations are looked up, not searched for among all of them.
  const byPayment = new Map<number, { document: string; amount: Minor; date: IsoDate }[]>();
  for (const a of book.exec.all(allocated)) {
    const list = byPayment.get(a.payment_id) ?? [];
    list.push({ document: a.number, amount: a.amount_minor, date: a.date });
    byPayment.set(a.payment_id, list);
  }
  const payments = book.exec.all(receipts).map(
    (p): AgingPayment => ({
      id: p.number,
      party: p.code,
      date: p.date,
      // Settled amounts include small write-offs: the payment "paid" cash plus the write-off.
      amount: p.amount_minor + p.write_off_minor,
      allocations: byPayment.get(p.id) ?? [],
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
    const overlap = book.exec.get(
      book.db
        .selectFrom('commission_runs')
        .select('number')
        .where('period_start', '<', period.end)
        .where('period_end', '>', period.start),
    )?.number;
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
      .all(
        book.db
          .selectFrom('salespeople as s')
          .leftJoin('salespeople as m', 'm.id', 's.manager_id')
          .select(['s.code', 's.level', 'm.code as manager']),
      )
      .map((s) => ({ code: s.code, level: s.level, ...(s.manager ? { manager: s.manager } : {}) }));
    const plans: Record<string, CommissionPlan> = {};
    for (const p of book.exec.all(
      book.db.selectFrom('commission_plans').select(['level', 'code', 'base', 'scheme_json', 'manager_override_bp']),
    )) {
      plans[p.level] = {
        code: p.code,
        base: p.base,
        scheme: JSON.parse(p.scheme_json) as CommissionScheme,
        ...(p.manager_override_bp === null ? {} : { managerOverride: p.manager_override_bp }),
      };
    }
    const invoiceLines = book.exec
      .all(
        book.db
          .selectFrom('invoices as i')
          .innerJoin('salespeople as s', 's.id', 'i.salesperson_id')
          .select(['s.code as salesperson', 'i.date', 'i.number', 'i.kind', 'i.net_minor', 'i.cost_minor'])
          .where('i.kind', 'in', ['sales', 'sales_credit'])
          // The run counts the period's documents only (as core's runCommission does): the years
          // before it are not read.
          .where('i.date', '>=', period.start)
          .where('i.date', '<', period.end),
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
      .all(
        book.db
          .selectFrom('payment_allocations as a')
          .innerJoin('payments as p', 'p.id', 'a.payment_id')
          .innerJoin('invoices as i', 'i.id', 'a.invoice_id')
          .innerJoin('salespeople as s', 's.id', 'i.salesperson_id')
          .select(['s.code as salesperson', 'a.date', 'p.number', 'a.amount_minor'])
          .where('p.kind', '=', 'customer')
          .where('a.date', '>=', period.start)
          .where('a.date', '<', period.end),
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
    const statements = runCommission({
      period,
      salespeople,
      plans,
      lines: [...invoiceLines, ...receipts],
      rounding: book.settings().rounding,
    });
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
      book.exec.run(
        book.db.insertInto('commission_runs').values({
          number: run,
          period_start: period.start,
          period_end: period.end,
          posted_at: book.now(),
          total_minor: total,
        }),
      ).lastInsertRowid,
    );
    for (const s of statements) {
      book.exec.run(
        book.db.insertInto('commission_lines').values({
          run_id: runId,
          salesperson_id: idOf(book, 'salespeople', s.salesperson, 'salesperson'),
          plan: s.plan,
          base_minor: s.base,
          amount_minor: s.amount,
          override_minor: s.override?.amount ?? 0,
          total_minor: s.total,
          detail_json: JSON.stringify({ bands: s.bands, lines: s.lines, override: s.override }),
        }),
      );
    }
    writeEntry(book, postCommissionRun({ document: run, date: postDate, total }));
    return { value: { run, total, statements }, document: run, after: { total } };
  });
}

/** Supplier invoices and payments as core's aging reads them (AP): the mirror of receivables. */
export function payablesForAging(book: Book): { documents: AgingDocument[]; payments: AgingPayment[] } {
  const documents = book.exec
    .all(
      book.db
        .selectFrom('invoices as i')
        .innerJoin('suppliers as s', 's.id', 'i.supplier_id')
        .select(['i.number', 's.code', 'i.date', 'i.due_date', 'i.gross_minor'])
        .where('i.kind', '=', 'supplier'),
    )
    .map(
      (d): AgingDocument => ({
        id: d.number,
        party: d.code,
        // A debit note (a return to the supplier) is their invoice with negative amounts.
        kind: d.gross_minor < 0 ? 'credit_note' : 'invoice',
        date: d.date,
        dueDate: d.due_date,
        // Aging takes a document's size and its kind for the sign, as receivables' credit notes.
        amount: Math.abs(d.gross_minor),
      }),
    );
  const byPayment = new Map<number, { document: string; amount: Minor; date: IsoDate }[]>();
  for (const a of book.exec.all(
    book.db
      .selectFrom('payment_allocations as a')
      .innerJoin('invoices as i', 'i.id', 'a.invoice_id')
      .select(['a.payment_id', 'i.number', 'a.amount_minor', 'a.date'])
      .where('i.kind', '=', 'supplier'),
  )) {
    const list = byPayment.get(a.payment_id) ?? [];
    list.push({ document: a.number, amount: a.amount_minor, date: a.date });
    byPayment.set(a.payment_id, list);
  }
  const payments = book.exec
    .all(
      book.db
        .selectFrom('payments as p')
        .innerJoin('suppliers as s', 's.id', 'p.supplier_id')
        .select(['p.id', 'p.number', 's.code', 'p.date', 'p.amount_minor'])
        .where('p.kind', '=', 'supplier'),
    )
    .map(
      (p): AgingPayment => ({
        id: p.number,
        party: p.code,
        date: p.date,
        amount: p.amount_minor,
        allocations: byPayment.get(p.id) ?? [],
      }),
    );
  return { documents, payments };
}
