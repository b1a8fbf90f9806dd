import { z } from 'zod';
import {
  type Account,
  DEFAULT_ACCOUNTS,
  DEFAULT_POSTING_ACCOUNTS,
  type PostingAccounts,
  type ProfitRole,
} from './accounts.js';
import type { IsoDate } from './calendar.js';
import { assertInput, dateInput, minorInput } from './input.js';
import { TradeloopError } from './issue.js';
import type { Minor } from './money.js';
import { type InvoiceKind, inputVatDeductible } from './tax.js';

export interface JournalLine {
  account: string;
  debit: Minor;
  credit: Minor;
  party?: string;
}

/** A balanced entry, ready for the book: the source document says where it came from. */
export interface JournalEntry {
  date: IsoDate;
  memo: string;
  source: { kind: string; document: string };
  lines: JournalLine[];
}

/** One side of an entry as a signed amount: positive debits, negative credits. */
type Leg = [account: string, amount: Minor, party?: string];

const sourceInput = z.object({ kind: z.string(), document: z.string() });
const legInput = z.tuple([z.string().min(1), minorInput, z.string().optional()]);
const entryArgs = z.object({ date: dateInput, memo: z.string(), source: sourceInput, legs: z.array(legInput) });
const journalEntryInput = z.object({
  date: dateInput,
  memo: z.string(),
  source: sourceInput,
  lines: z.array(
    z.object({ account: z.string(), debit: minorInput, credit: minorInput, party: z.string().optional() }),
  ),
}) satisfies z.ZodType<JournalEntry>;
const accountKeys = Object.keys(DEFAULT_POSTING_ACCOUNTS) as [keyof PostingAccounts, ...(keyof PostingAccounts)[]];
const commonInput = z.object({
  // No number yet is a document too: an import posts an expense unnumbered to know it again.
  document: z.string(),
  date: dateInput,
  accounts: z.partialRecord(z.enum(accountKeys), z.string().min(1)).optional(),
});
const chartInput = z.array(
  z.object({
    code: z.string(),
    name: z.string(),
    nameZh: z.string(),
    type: z.enum(['asset', 'liability', 'equity', 'income', 'expense']),
    role: z.enum(['revenue', 'cogs', 'expense', 'commission', 'other_income']).optional(),
  }) satisfies z.ZodType<Account>,
);
const reportArgs = z.object({
  entries: z.array(journalEntryInput),
  period: z.object({ start: dateInput, end: dateInput }).optional(),
  accounts: chartInput,
});
const invoiceKindInput = z.enum(['normal', 'special']);
const balancedArgs = z.object({ entry: journalEntryInput });
const party = z.string();
const optionalAccount = z.string().min(1).optional();
const postingArgs = {
  postSalesInvoice: commonInput.extend({ customer: party, net: minorInput, tax: minorInput }),
  postShipmentCost: commonInput.extend({ cost: minorInput }),
  postPurchaseReceipt: commonInput.extend({ supplier: party, value: minorInput }),
  postSupplierInvoice: commonInput.extend({
    supplier: party,
    receivedValue: minorInput,
    net: minorInput,
    tax: minorInput,
    kind: invoiceKindInput,
  }),
  postCustomerPayment: commonInput.extend({
    customer: party,
    amount: minorInput,
    allocated: minorInput,
    advance: minorInput,
    writeOff: minorInput,
    cashAccount: optionalAccount,
    fee: minorInput.optional(),
  }),
  postAdvanceApplied: commonInput.extend({ customer: party, amount: minorInput }),
  postSupplierPayment: commonInput.extend({
    supplier: party,
    amount: minorInput,
    cashAccount: optionalAccount,
    fee: minorInput.optional(),
  }),
  postBankCharge: commonInput.extend({ amount: minorInput, cashAccount: optionalAccount }),
  postStockAdjustment: commonInput.extend({ value: minorInput }),
  postCommissionRun: commonInput.extend({ total: minorInput }),
  postExpense: commonInput.extend({
    net: minorInput,
    tax: minorInput,
    kind: invoiceKindInput,
    account: optionalAccount,
    paidFrom: optionalAccount,
    supplier: z.string().optional(),
  }),
} as const;

/**
 * Build an entry from signed legs: zero legs are dropped, negatives become credits, and the
 * entry must balance: a posting rule that does not is a bug, and throws.
 *
 * @example
 * entry('2026-03-01', 'Cash sale', { kind: 'manual', document: 'J-1' }, [['1002', 11300], ['6001', -10000], ['2221.02', -1300]])
 */
export function entry(date: IsoDate, memo: string, source: JournalEntry['source'], legs: readonly Leg[]): JournalEntry {
  assertInput(entryArgs, { date, memo, source, legs }, 'entry');
  return build(date, memo, source, legs);
}

function build(date: IsoDate, memo: string, source: JournalEntry['source'], legs: readonly Leg[]): JournalEntry {
  const lines = legs
    .filter(([, amount]) => amount !== 0)
    .map(
      ([account, amount, party]): JournalLine => ({
        account,
        debit: Math.max(amount, 0),
        credit: Math.max(-amount, 0),
        ...(party ? { party } : {}),
      }),
    );
  const built = { date, memo, source, lines };
  balanced(built);
  return built;
}

/**
 * Throw `journal.unbalanced` unless debits equal credits and no side is negative.
 *
 * @example
 * assertBalanced(postSalesInvoice({ document: 'INV-1', date: '2026-03-01', customer: 'C1', net: 100, tax: 13 })) // passes
 */
export function assertBalanced(e: JournalEntry): void {
  assertInput(balancedArgs, { entry: e }, 'assertBalanced');
  balanced(e);
}

function balanced(e: JournalEntry): void {
  const debit = e.lines.reduce((s, l) => s + l.debit, 0);
  const credit = e.lines.reduce((s, l) => s + l.credit, 0);
  if (
    debit !== credit ||
    e.lines.some((l) => l.debit < 0 || l.credit < 0 || !Number.isSafeInteger(l.debit + l.credit))
  ) {
    throw new TradeloopError(
      'journal.unbalanced',
      `${e.source.kind} ${e.source.document}: debits ${debit} ≠ credits ${credit}`,
    );
  }
}

type Common = { document: string; date: IsoDate; accounts?: Partial<PostingAccounts> };
const acc = (c: Common) => ({ ...DEFAULT_POSTING_ACCOUNTS, ...c.accounts });

/**
 * Sales invoice (or, with negative amounts, a credit note): receivable for the gross, revenue
 * and output VAT.
 *
 * @example
 * postSalesInvoice({ document: 'INV-1', date: '2026-03-01', customer: 'C001', net: 10000, tax: 1300 }).lines
 * // Dr 1122 113.00 / Cr 6001 100.00 / Cr 2221.02 13.00
 */
export function postSalesInvoice(e: Common & { customer: string; net: Minor; tax: Minor }): JournalEntry {
  assertInput(postingArgs.postSalesInvoice, e, 'postSalesInvoice');
  const a = acc(e);
  return build(e.date, `Sales invoice ${e.document}`, { kind: 'sales_invoice', document: e.document }, [
    [a.receivable, e.net + e.tax, e.customer],
    [a.revenue, -e.net],
    [a.vatOutput, -e.tax],
  ]);
}

/**
 * Goods shipped: their FIFO cost moves from inventory to cost of goods sold. Negative for a return.
 *
 * @example
 * postShipmentCost({ document: 'SHP-1', date: '2026-03-01', cost: 48000 }) // Dr 6401 / Cr 1405 480.00
 */
export function postShipmentCost(e: Common & { cost: Minor }): JournalEntry {
  assertInput(postingArgs.postShipmentCost, e, 'postShipmentCost');
  const a = acc(e);
  return build(e.date, `Cost of shipment ${e.document}`, { kind: 'shipment', document: e.document }, [
    [a.cogs, e.cost],
    [a.inventory, -e.cost],
  ]);
}

/**
 * Goods received before the supplier's invoice: inventory against goods received not invoiced.
 *
 * @example
 * postPurchaseReceipt({ document: 'GRN-1', date: '2026-03-01', supplier: 'S1', value: 60000 }) // Dr 1405 / Cr 2202.02
 */
export function postPurchaseReceipt(e: Common & { supplier: string; value: Minor }): JournalEntry {
  assertInput(postingArgs.postPurchaseReceipt, e, 'postPurchaseReceipt');
  const a = acc(e);
  return build(e.date, `Receipt ${e.document}`, { kind: 'purchase_receipt', document: e.document }, [
    [a.inventory, e.value],
    [a.grni, -e.value, e.supplier],
  ]);
}

/**
 * Supplier invoice: clears goods received not invoiced at the receipt value, books the payable
 * for the gross, input VAT when the invoice is a special VAT invoice (otherwise the VAT is a
 * cost), and any difference between invoice and receipt value as purchase price variance.
 *
 * @example
 * postSupplierInvoice({ document: 'PINV-1', date: '2026-03-02', supplier: 'S1', receivedValue: 60000, net: 61000, tax: 7930, kind: 'special' })
 * // Dr 2202.02 600.00, Dr 2221.01 79.30, Dr 6401.09 10.00 / Cr 2202 689.30
 */
export function postSupplierInvoice(
  e: Common & { supplier: string; receivedValue: Minor; net: Minor; tax: Minor; kind: InvoiceKind },
): JournalEntry {
  assertInput(postingArgs.postSupplierInvoice, e, 'postSupplierInvoice');
  const a = acc(e);
  const deductible = inputVatDeductible(e.kind);
  return build(e.date, `Supplier invoice ${e.document}`, { kind: 'supplier_invoice', document: e.document }, [
    [a.grni, e.receivedValue, e.supplier],
    [a.vatInput, deductible ? e.tax : 0],
    [a.priceVariance, e.net - e.receivedValue + (deductible ? 0 : e.tax)],
    [a.payable, -(e.net + e.tax), e.supplier],
  ]);
}

/**
 * Customer payment: cash in, invoices settled, the rest an advance; a written-off difference goes
 * to financial expenses (a small surplus, negative, reduces them). A fee the bank or wallet kept
 * is a bank charge: the customer is credited with the gross they sent, the account with the net.
 *
 * @example
 * postCustomerPayment({ document: 'PAY-1', date: '2026-03-05', customer: 'C1', amount: 100000, allocated: 90400, advance: 9600, writeOff: 0 })
 * // Dr 1002 1,000.00 / Cr 1122 904.00, Cr 2203 96.00
 */
export function postCustomerPayment(
  e: Common & {
    customer: string;
    amount: Minor;
    allocated: Minor;
    advance: Minor;
    writeOff: Minor;
    cashAccount?: string;
    fee?: Minor;
  },
): JournalEntry {
  assertInput(postingArgs.postCustomerPayment, e, 'postCustomerPayment');
  const a = acc(e);
  const fee = e.fee ?? 0;
  return build(e.date, `Payment ${e.document}`, { kind: 'customer_payment', document: e.document }, [
    [e.cashAccount ?? a.bank, e.amount - fee],
    [a.bankCharges, fee],
    [a.writeOff, e.writeOff],
    [a.receivable, -e.allocated, e.customer],
    [a.advances, -e.advance, e.customer],
  ]);
}

/**
 * A customer's advance set against an invoice later.
 *
 * @example
 * postAdvanceApplied({ document: 'ADV-1', date: '2026-04-01', customer: 'C1', amount: 9600 }) // Dr 2203 / Cr 1122
 */
export function postAdvanceApplied(e: Common & { customer: string; amount: Minor }): JournalEntry {
  assertInput(postingArgs.postAdvanceApplied, e, 'postAdvanceApplied');
  const a = acc(e);
  return build(e.date, `Advance applied ${e.document}`, { kind: 'advance_applied', document: e.document }, [
    [a.advances, e.amount, e.customer],
    [a.receivable, -e.amount, e.customer],
  ]);
}

/**
 * Paying a supplier.
 *
 * @example
 * postSupplierPayment({ document: 'SPAY-1', date: '2026-03-20', supplier: 'S1', amount: 68930 }) // Dr 2202 / Cr 1002
 */
export function postSupplierPayment(
  e: Common & { supplier: string; amount: Minor; cashAccount?: string; fee?: Minor },
): JournalEntry {
  assertInput(postingArgs.postSupplierPayment, e, 'postSupplierPayment');
  const a = acc(e);
  const fee = e.fee ?? 0;
  return build(e.date, `Supplier payment ${e.document}`, { kind: 'supplier_payment', document: e.document }, [
    [a.payable, e.amount, e.supplier],
    [a.bankCharges, fee],
    [e.cashAccount ?? a.bank, -(e.amount + fee)],
  ]);
}

/**
 * A fee a bank or wallet took on its own line (手续费): a bank charge out of the account.
 *
 * @example
 * postBankCharge({ document: 'STL-12', date: '2026-11-20', amount: 500 }) // Dr 6603.01 5.00 / Cr 1002
 */
export function postBankCharge(e: Common & { amount: Minor; cashAccount?: string }): JournalEntry {
  assertInput(postingArgs.postBankCharge, e, 'postBankCharge');
  const a = acc(e);
  return build(e.date, `Bank charge ${e.document}`, { kind: 'bank_charge', document: e.document }, [
    [a.bankCharges, e.amount],
    [e.cashAccount ?? a.bank, -e.amount],
  ]);
}

/**
 * A stock count's result at cost: positive for a gain, negative for a loss.
 *
 * @example
 * postStockAdjustment({ document: 'CNT-1', date: '2026-03-31', value: -6000 }) // Dr 6602.09 / Cr 1405 60.00
 */
export function postStockAdjustment(e: Common & { value: Minor }): JournalEntry {
  assertInput(postingArgs.postStockAdjustment, e, 'postStockAdjustment');
  const a = acc(e);
  return build(e.date, `Stock adjustment ${e.document}`, { kind: 'stock_adjustment', document: e.document }, [
    [a.inventory, e.value],
    [a.inventoryGainLoss, -e.value],
  ]);
}

/**
 * A posted commission run: the expense, and what is owed to the salespeople.
 *
 * @example
 * postCommissionRun({ document: 'COM-2026-03', date: '2026-03-31', total: 2400 }) // Dr 6601.01 / Cr 2211
 */
export function postCommissionRun(e: Common & { total: Minor }): JournalEntry {
  assertInput(postingArgs.postCommissionRun, e, 'postCommissionRun');
  const a = acc(e);
  return build(e.date, `Commission run ${e.document}`, { kind: 'commission_run', document: e.document }, [
    [a.commission, e.total],
    [a.commissionPayable, -e.total],
  ]);
}

/**
 * An expense, paid at once (bank) or owed (payable); VAT is input tax only on a special invoice.
 *
 * @example
 * postExpense({ document: 'EXP-1', date: '2026-03-15', net: 10000, tax: 600, kind: 'normal' }) // Dr 6602 106.00 / Cr 1002
 */
export function postExpense(
  e: Common & { net: Minor; tax: Minor; kind: InvoiceKind; account?: string; paidFrom?: string; supplier?: string },
): JournalEntry {
  assertInput(postingArgs.postExpense, e, 'postExpense');
  const a = acc(e);
  const deductible = inputVatDeductible(e.kind);
  return build(e.date, `Expense ${e.document}`, { kind: 'expense', document: e.document }, [
    [e.account ?? a.expense, e.net + (deductible ? 0 : e.tax)],
    [a.vatInput, deductible ? e.tax : 0],
    [e.paidFrom ?? a.bank, -(e.net + e.tax), e.supplier],
  ]);
}

export interface TrialBalanceRow {
  account: string;
  name: string;
  debit: Minor;
  credit: Minor;
  /** Debit minus credit. */
  balance: Minor;
}

/**
 * Sum of debits and credits per account over the entries dated in the period (all when none).
 * Its debit and credit totals are always equal.
 *
 * @example
 * const { rows, debit, credit } = trialBalance(entries, { start: '2026-03-01', end: '2026-04-01' }); // debit === credit
 */
export function trialBalance(
  entries: readonly JournalEntry[],
  period?: { start: IsoDate; end: IsoDate },
  accounts: readonly Account[] = DEFAULT_ACCOUNTS,
): { rows: TrialBalanceRow[]; debit: Minor; credit: Minor } {
  assertInput(reportArgs, { entries, period, accounts }, 'trialBalance');
  return balances(entries, period, accounts);
}

function balances(
  entries: readonly JournalEntry[],
  period: { start: IsoDate; end: IsoDate } | undefined,
  accounts: readonly Account[],
): { rows: TrialBalanceRow[]; debit: Minor; credit: Minor } {
  const names = new Map(accounts.map((a) => [a.code, a.name]));
  const sums = new Map<string, { debit: Minor; credit: Minor }>();
  for (const e of entries) {
    if (period && (e.date < period.start || e.date >= period.end)) continue;
    for (const l of e.lines) {
      const s = sums.get(l.account) ?? { debit: 0, credit: 0 };
      s.debit += l.debit;
      s.credit += l.credit;
      sums.set(l.account, s);
    }
  }
  const rows = [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([account, s]) => ({ account, name: names.get(account) ?? account, ...s, balance: s.debit - s.credit }));
  return { rows, debit: rows.reduce((t, r) => t + r.debit, 0), credit: rows.reduce((t, r) => t + r.credit, 0) };
}

export interface ProfitStatement {
  revenue: Minor;
  cogs: Minor;
  gross: Minor;
  expenses: Minor;
  commission: Minor;
  otherIncome: Minor;
  net: Minor;
}

/**
 * Profit over a period from the journal: revenue − cost of goods sold = gross profit;
 * gross − expenses − commission + other income = net profit.
 *
 * @example
 * profit(entries, { start: '2026-03-01', end: '2026-04-01' }) // { revenue: …, gross: …, net: … }
 */
export function profit(
  entries: readonly JournalEntry[],
  period?: { start: IsoDate; end: IsoDate },
  accounts: readonly Account[] = DEFAULT_ACCOUNTS,
): ProfitStatement {
  assertInput(reportArgs, { entries, period, accounts }, 'profit');
  const role = new Map(accounts.map((a) => [a.code, a.role]));
  const totals: Record<ProfitRole, Minor> = { revenue: 0, cogs: 0, expense: 0, commission: 0, other_income: 0 };
  for (const row of balances(entries, period, accounts).rows) {
    const r = role.get(row.account);
    if (!r) continue;
    // Income accounts carry credit balances, expense accounts debit balances.
    totals[r] += r === 'revenue' || r === 'other_income' ? -row.balance : row.balance;
  }
  const gross = totals.revenue - totals.cogs;
  return {
    revenue: totals.revenue,
    cogs: totals.cogs,
    gross,
    expenses: totals.expense,
    commission: totals.commission,
    otherIncome: totals.other_income,
    net: gross - totals.expense - totals.commission + totals.other_income,
  };
}
