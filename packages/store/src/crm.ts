import { addDays, type IsoDate, type Minor, normalizeName, TradeloopError } from '@tradeloop/core';
import type { Book } from './book.js';
import { greatest } from './dialect.js';
import { type CustomerInput, idOf, notFound, numberSetting, upsertMasterData } from './master-data.js';
import { nextNumber } from './numbering.js';
import { requireCustomerInScope, requireSalespersonInScope } from './scope.js';

export interface DuplicateCandidate {
  code: string;
  name: string;
  reason: 'name' | 'phone' | 'tax_id';
}

/**
 * Customers that look like this one: the same name once company suffixes, width and punctuation
 * are set aside (or one containing the other), the same phone, or the same tax id.
 */
export function findDuplicateCustomers(
  book: Book,
  c: { name: string; phone?: string | null; taxId?: string | null },
): DuplicateCandidate[] {
  const name = normalizeName(c.name);
  const out: DuplicateCandidate[] = [];
  for (const row of book.exec.select<{
    code: string;
    name: string;
    normalized_name: string;
    phone: string | null;
    tax_id: string | null;
  }>('select code, name, normalized_name, phone, tax_id from customers')) {
    const digits = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '');
    if (c.taxId && row.tax_id && c.taxId.trim().toUpperCase() === row.tax_id.trim().toUpperCase())
      out.push({ code: row.code, name: row.name, reason: 'tax_id' });
    else if (c.phone && digits(c.phone).length >= 7 && digits(c.phone) === digits(row.phone))
      out.push({ code: row.code, name: row.name, reason: 'phone' });
    else if (
      name.length >= 2 &&
      (row.normalized_name === name || row.normalized_name.includes(name) || name.includes(row.normalized_name))
    )
      out.push({ code: row.code, name: row.name, reason: 'name' });
  }
  return out;
}

/**
 * Create a customer, refusing a likely duplicate (`customer.duplicate`, naming the existing one)
 * unless `force` says it really is another company.
 *
 * @example
 * createCustomer(book, { code: 'C010', name: '华东贸易' }) // throws: looks like C001 华东贸易有限公司 (same name)
 */
export function createCustomer(book: Book, input: CustomerInput, options: { force?: boolean } = {}): { code: string } {
  if (book.exec.value('select 1 from customers where code = ?', input.code)) {
    throw new TradeloopError('command.rejected', `customer ${input.code} already exists`, { path: ['code'] });
  }
  const dupes = findDuplicateCustomers(book, input);
  if (dupes.length > 0 && !options.force) {
    throw new TradeloopError(
      'command.rejected',
      `${input.name} looks like ${dupes.map((d) => `${d.code} ${d.name} (same ${d.reason.replace('_', ' ')})`).join(', ')}`,
      {
        path: ['name'],
        hint: 'use the existing customer, or create with --force if it is really another company',
        issues: dupes.map((d) => ({
          code: 'customer.duplicate',
          path: ['name'],
          message: `same ${d.reason} as ${d.code}`,
          value: d.code,
        })),
      },
    );
  }
  upsertMasterData(book, { customers: [input] });
  return { code: input.code };
}

/** Take a customer from the public pool, within the salesperson's claim cap. */
export function claimCustomer(book: Book, code: string, salesperson: string, date: IsoDate): void {
  book.command('claimCustomer', () => {
    const c = book.exec.selectOne<{ id: number; owner: string | null }>(
      'select c.id, s.code as owner from customers c left join salespeople s on s.id = c.owner_id where c.code = ?',
      code,
    );
    if (!c) throw notFound('customer', code);
    if (c.owner)
      throw new TradeloopError('command.rejected', `${code} is owned by ${c.owner}, not in the public pool`, {
        path: ['customer'],
      });
    const spId = idOf(book, 'salespeople', salesperson, 'salesperson');
    requireSalespersonInScope(book, salesperson, 'claim customers');
    const cap = numberSetting(book, 'crm.claim_cap', 200);
    const owned = book.exec.value<number>('select count(*) from customers where owner_id = ?', spId) ?? 0;
    if (owned >= cap)
      throw new TradeloopError(
        'command.rejected',
        `${salesperson} already owns ${owned} customers, the cap is ${cap}`,
        { path: ['salesperson'] },
      );
    book.exec.execute(
      'update customers set owner_id = ?, claimed_at = ?, last_activity = ? where id = ?',
      spId,
      date,
      date,
      c.id,
    );
    return { value: undefined, document: code, after: { owner: salesperson } };
  });
}

/** Give a customer back to the public pool. */
export function releaseCustomer(book: Book, code: string): void {
  book.command('releaseCustomer', () => {
    requireCustomerInScope(book, code, 'release');
    const r = book.exec.execute('update customers set owner_id = null, claimed_at = null where code = ?', code);
    if (r.changes === 0) throw notFound('customer', code);
    return { value: undefined, document: code };
  });
}

/** Record a follow-up; it counts as activity and may set the next one. */
export function addFollowUp(
  book: Book,
  input: { customer: string; salesperson?: string; date: IsoDate; note: string; nextDate?: IsoDate },
): void {
  book.command('addFollowUp', () => {
    requireCustomerInScope(book, input.customer, 'add a follow-up to');
    if (input.salesperson) requireSalespersonInScope(book, input.salesperson, 'record a follow-up');
    const customerId = idOf(book, 'customers', input.customer, 'customer');
    const spId = input.salesperson ? idOf(book, 'salespeople', input.salesperson, 'salesperson') : null;
    book.exec.execute(
      'insert into follow_ups (customer_id, salesperson_id, date, note, next_date) values (?, ?, ?, ?, ?)',
      customerId,
      spId,
      input.date,
      input.note,
      input.nextDate ?? null,
    );
    book.exec.execute(
      `update customers set last_activity = ${greatest(book)}(coalesce(last_activity, ?), ?) where id = ?`,
      input.date,
      input.date,
      customerId,
    );
    return { value: undefined, document: input.customer };
  });
}

/**
 * Customers whose owner has had no follow-up or order for `days` (setting `crm.lapse_days`,
 * default 90) go back to the public pool.
 */
export function lapseCustomers(book: Book, today: IsoDate): { lapsed: string[] } {
  return book.command('lapseCustomers', () => {
    const days = numberSetting(book, 'crm.lapse_days', 90);
    const cutoff = addDays(today, -days);
    const rows = book.exec.select<{ code: string }>(
      `select c.code from customers c where c.owner_id is not null
         and coalesce((select max(order_date) from sales_orders o where o.customer_id = c.id), '') < ?
         and coalesce(c.last_activity, c.claimed_at, '') < ?`,
      cutoff,
      cutoff,
    );
    for (const r of rows)
      book.exec.execute('update customers set owner_id = null, claimed_at = null where code = ?', r.code);
    return { value: { lapsed: rows.map((r) => r.code) }, unchanged: rows.length === 0, after: { lapsed: rows.length } };
  });
}

export type Stage = 'lead' | 'qualified' | 'proposal' | 'negotiation' | 'won' | 'lost';

/** Create or move an opportunity; won and lost set the probability to 100% and 0%. */
export function saveOpportunity(
  book: Book,
  input: {
    number?: string;
    customer: string;
    salesperson?: string;
    name: string;
    stage: Stage;
    amount: Minor;
    probability: number;
    expectedClose?: IsoDate;
    date: IsoDate;
  },
): { number: string } {
  return book.command('saveOpportunity', () => {
    requireCustomerInScope(book, input.customer, 'record an opportunity with');
    if (input.salesperson) requireSalespersonInScope(book, input.salesperson, 'record an opportunity');
    const customerId = idOf(book, 'customers', input.customer, 'customer');
    const spId = input.salesperson ? idOf(book, 'salespeople', input.salesperson, 'salesperson') : null;
    const probability = input.stage === 'won' ? 10_000 : input.stage === 'lost' ? 0 : input.probability;
    const number = input.number ?? nextNumber(book, 'OPP', input.date);
    book.exec.execute(
      `insert into opportunities (number, customer_id, salesperson_id, name, stage, amount_minor, probability_bp, expected_close, updated)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (number) do update set stage = excluded.stage, amount_minor = excluded.amount_minor,
         probability_bp = excluded.probability_bp, expected_close = excluded.expected_close, updated = excluded.updated, name = excluded.name`,
      number,
      customerId,
      spId,
      input.name,
      input.stage,
      input.amount,
      probability,
      input.expectedClose ?? null,
      input.date,
    );
    book.exec.execute(
      `update customers set last_activity = ${greatest(book)}(coalesce(last_activity, ?), ?) where id = ?`,
      input.date,
      input.date,
      customerId,
    );
    return { value: { number }, document: number, after: { stage: input.stage } };
  });
}
