import { agingColumns, DEFAULT_AGING_BUCKETS, type IsoDate, type Minor } from '@tradeloop/core';
import type { Book } from '@tradeloop/store';
import { type Analytics, CUSTOMER_SALES, withAnalytics } from './analytics.js';

export interface AgingOptions {
  asOf: IsoDate;
  basis?: 'due' | 'invoice';
  buckets?: readonly number[];
  /** Roll up by customer (default) or by salesperson. */
  by?: 'customer' | 'salesperson';
  /** Age what suppliers are owed instead (AP): the same rules mirrored, by supplier. */
  payables?: boolean;
}

export interface AgingRow {
  key: string;
  buckets: Minor[];
  outstanding: Minor;
  advances: Minor;
  net: Minor;
}

export interface AgingResult {
  asOf: IsoDate;
  basis: 'due' | 'invoice';
  columns: string[];
  rows: AgingRow[];
  total: AgingRow;
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Receivables aging from the analytics store, as of any date: the same rules as core's
 * `ageReceivables` (documents and settlements after the date left out, credit notes negative,
 * unallocated receipts as advances), in one DuckDB query, so 30k or 1M invoices age in a blink.
 *
 * @example
 * const r = await arAging(book, { asOf: '2026-11-20' });
 * r.total // { key: 'total', buckets: [...], outstanding, advances, net }
 */
export async function arAging(book: Book, options: AgingOptions): Promise<AgingResult> {
  return withAnalytics(book, (a) => queryArAging(a, options), options.payables ? undefined : CUSTOMER_SALES);
}

export async function queryArAging(a: Analytics, options: AgingOptions): Promise<AgingResult> {
  const basis = options.basis ?? 'due';
  const bounds = [...(options.buckets ?? DEFAULT_AGING_BUCKETS)].sort((x, y) => x - y);
  const columns = agingColumns(basis, bounds);
  const asOf = quote(options.asOf);
  const offset = basis === 'due' ? 1 : 0;
  const bucket = [
    ...(basis === 'due' ? ['when age <= 0 then 0'] : []),
    ...bounds.map((b, i) => `when age <= ${b} then ${i + offset}`),
    `else ${bounds.length + offset}`,
  ].join(' ');
  const payables = options.payables === true;
  const by = payables ? 'supplier' : options.by === 'salesperson' ? "coalesce(salesperson, '')" : 'customer';
  const kinds = payables ? "('supplier')" : "('sales', 'sales_credit')";
  // As of a day no allocation comes after (today, most often), what each invoice owes and each
  // payment has left are those the book keeps on them (`check` proves them against the
  // allocations): the history of allocations is not summed. Before that, it is.
  const latest = ((await a.query('select max(date) as latest from allocations')) as { latest: string | null }[])[0]
    ?.latest;
  const current = latest == null || latest <= options.asOf;
  // An allocation is dated on or after its payment (advances are applied when invoiced), so its
  // own date says whether it counts; no join to the payments is needed.
  const rows = (await a.query(
    current
      ? `
    with docs as (
      select ${by} as key, i.open_minor as outstanding,
             date_diff('day', cast(${basis === 'due' ? 'i.due_date' : 'i.date'} as date), cast(${asOf} as date)) as age
      from invoices i where i.kind in ${kinds} and i.date <= ${asOf} and i.open_minor <> 0
    )
    select key, case ${bucket} end as bucket, sum(outstanding) as amount from docs group by all order by key, bucket`
      : `
    with settled as (
      select al.invoice, sum(al.amount_minor) as amount from allocations al
      where al.date <= ${asOf} group by al.invoice
    ), docs as (
      select i.number, ${by} as key, case when i.gross_minor < 0 then -1 else 1 end *
               (abs(i.gross_minor) - coalesce(s.amount, 0)) as outstanding,
             date_diff('day', cast(${basis === 'due' ? 'i.due_date' : 'i.date'} as date), cast(${asOf} as date)) as age
      from invoices i left join settled s on s.invoice = i.number
      where i.kind in ${kinds} and i.date <= ${asOf}
    )
    select key, case ${bucket} end as bucket, sum(outstanding) as amount from docs where outstanding <> 0 group by all order by key, bucket`,
  )) as {
    key: string;
    bucket: number;
    amount: bigint;
  }[];
  const advances =
    options.by === 'salesperson' && !payables
      ? []
      : ((await a.query(
          current
            ? `
    select p.${payables ? 'supplier' : 'customer'} as key, sum(p.unallocated_minor) as advance from payments p
    where p.kind = '${payables ? 'supplier' : 'customer'}' and p.date <= ${asOf} group by 1 having advance <> 0`
            : `
    select p.${payables ? 'supplier' : 'customer'} as key, sum(p.amount_minor + p.write_off_minor) - coalesce(sum(al.allocated), 0) as advance
    from payments p left join (
      select payment, sum(amount_minor) as allocated from allocations where date <= ${asOf} group by payment
    ) al on al.payment = p.number
    where p.kind = '${payables ? 'supplier' : 'customer'}' and p.date <= ${asOf} group by 1 having advance <> 0`,
        )) as {
          key: string;
          advance: bigint;
        }[]);
  const byKey = new Map<string, AgingRow>();
  const row = (key: string) => {
    let r = byKey.get(key);
    if (!r) {
      r = { key, buckets: columns.map(() => 0), outstanding: 0, advances: 0, net: 0 };
      byKey.set(key, r);
    }
    return r;
  };
  for (const r of rows) {
    const x = row(r.key);
    x.buckets[Number(r.bucket)] = (x.buckets[Number(r.bucket)] ?? 0) + Number(r.amount);
    x.outstanding += Number(r.amount);
  }
  for (const adv of advances) row(adv.key).advances += Number(adv.advance);
  const out = [...byKey.values()].sort((x, y) => x.key.localeCompare(y.key));
  for (const r of out) r.net = r.outstanding - r.advances;
  const total: AgingRow = { key: 'total', buckets: columns.map(() => 0), outstanding: 0, advances: 0, net: 0 };
  for (const r of out) {
    r.buckets.forEach((v, i) => {
      total.buckets[i] = (total.buckets[i] ?? 0) + v;
    });
    total.outstanding += r.outstanding;
    total.advances += r.advances;
    total.net += r.net;
  }
  return { asOf: options.asOf, basis, columns, rows: out, total };
}
