import { missingAuditTriggers, verifyAuditChain } from './audit.js';
import type { Book } from './book.js';
import { rewriteCount } from './feeds.js';
import { searchInitials } from './search-initials.js';

export interface CheckProblem {
  code: string;
  message: string;
  /** What to do, when it is not the ledger's remedy (restore a backup): a derived value gone stale. */
  hint?: string;
}

export interface CheckOptions {
  /**
   * Prove every ledger row again, not only what changed since the last check's proof: after
   * history was touched outside tradeloop (by hand in SQLite), or for an audit.
   */
  full?: boolean;
  /** Keep what was proven, for the next check to start from (default); not when verifying a copy. */
  keep?: boolean;
}

/** What the last check proved, when it still holds: no rewrite in place since. */
interface Marks {
  moves_through: number;
  invoices_through: number;
  payments_through: number;
  allocations_through: number;
  rewrites: number;
}

/**
 * Rebuild every materialized figure from the ledgers and compare: stock by product and warehouse
 * (moves = balances = FIFO layers, quantity and value), every journal entry balanced, the
 * inventory, receivable and payable control accounts equal to their subledgers, reservations
 * within stock and equal to the order lines holding them; what each invoice still owes and each
 * payment has left equal to its allocations; products' and customers' pinyin initials
 * those of their names; the audit log's hash chain unbroken and its append-only triggers in place.
 * No problems: an empty list.
 *
 * The ledgers only grow (a repost, which rewrites moves in place, counts its rewrites), so a check
 * keeps what it proved (`check_marks`): the next one adds the moves since to the sums it kept,
 * and proves the documents still open, those made since and those an allocation touched since,
 * so its work follows what changed, not the history. `full` proves everything from the rows.
 *
 * @example
 * check(book) // []
 */
export function check(book: Book, options: CheckOptions = {}): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const x = book.exec;
  // Read before anything else: a rewrite from here on voids what this check keeps.
  const rewrites = rewriteCount(book);
  const marks = options.full ? undefined : provenMarks(book, rewrites);
  // Each statement reads one state of the book: the last row it covered is read in it too.
  const moves = marks
    ? `select product_id, warehouse_id, sum(q) q, sum(v) v from (
         select product_id, warehouse_id, qty q, value_minor v from check_stock
         union all select product_id, warehouse_id, qty, value_minor from stock_moves where id > ${marks.moves_through}
       ) as kept_and_new group by 1, 2`
    : 'select product_id, warehouse_id, sum(qty) q, sum(value_minor) v from stock_moves group by 1, 2';
  const stock = x.select<{
    product_id: number;
    warehouse_id: number;
    sku: string;
    wh: string;
    moves_qty: number;
    moves_value: number;
    on_hand: number;
    value_minor: number;
    layer_qty: number;
    layer_value: number;
    through: number | null;
  }>(
    `with m as (${moves}),
          l as (select product_id, warehouse_id, sum(qty) q, sum(value_minor) v from fifo_layers group by 1, 2),
          k as (select product_id, warehouse_id from m union select product_id, warehouse_id from stock_balances
                union select product_id, warehouse_id from l)
     select k.product_id, k.warehouse_id, p.sku, w.code as wh, coalesce(m.q, 0) moves_qty, coalesce(m.v, 0) moves_value,
            coalesce(b.on_hand, 0) on_hand, coalesce(b.value_minor, 0) value_minor, coalesce(l.q, 0) layer_qty, coalesce(l.v, 0) layer_value,
            (select max(id) from stock_moves) as through
     from k join products p on p.id = k.product_id join warehouses w on w.id = k.warehouse_id
       left join m on m.product_id = k.product_id and m.warehouse_id = k.warehouse_id
       left join l on l.product_id = k.product_id and l.warehouse_id = k.warehouse_id
       left join stock_balances b on b.product_id = k.product_id and b.warehouse_id = k.warehouse_id`,
  );
  for (const s of stock) {
    const where = `${s.sku} in ${s.wh}`;
    if (s.moves_qty !== s.on_hand)
      problems.push({
        code: 'stock.balance_qty',
        message: `${where}: moves sum to ${s.moves_qty}, balance says ${s.on_hand}`,
      });
    if (s.moves_value !== s.value_minor)
      problems.push({
        code: 'stock.balance_value',
        message: `${where}: moves are worth ${s.moves_value}, balance says ${s.value_minor}`,
      });
    if (s.layer_qty !== s.on_hand)
      problems.push({
        code: 'stock.layers_qty',
        message: `${where}: FIFO layers hold ${s.layer_qty}, balance says ${s.on_hand}`,
      });
    if (s.layer_value !== s.value_minor)
      problems.push({
        code: 'stock.layers_value',
        message: `${where}: FIFO layers are worth ${s.layer_value}, balance says ${s.value_minor}`,
      });
  }
  for (const r of x.select<{ sku: string; wh: string; on_hand: number; reserved: number; held: number }>(
    // Summed once, grouped, then joined: a sum per balance row is a scan per row where the engine
    // does not take the reservation index for it (PostgreSQL: 240 ms against 5 ms on the demo book).
    `with h as (select l.product_id, o.warehouse_id, sum(l.reserved_qty) as held
                from sales_order_lines l join sales_orders o on o.id = l.order_id
                where l.reserved_qty <> 0 group by l.product_id, o.warehouse_id)
     select p.sku, w.code as wh, b.on_hand, b.reserved, coalesce(h.held, 0) as held
     from stock_balances b join products p on p.id = b.product_id join warehouses w on w.id = b.warehouse_id
     left join h on h.product_id = b.product_id and h.warehouse_id = b.warehouse_id`,
  )) {
    if (r.reserved > r.on_hand)
      problems.push({
        code: 'stock.over_reserved',
        message: `${r.sku} in ${r.wh}: ${r.reserved} reserved, ${r.on_hand} on hand`,
      });
    if (r.reserved !== r.held)
      problems.push({
        code: 'stock.reservations',
        message: `${r.sku} in ${r.wh}: balance reserves ${r.reserved}, order lines hold ${r.held}`,
      });
  }
  for (const e of x.select<{ id: number; source_document: string; d: number; c: number }>(
    'select e.id, e.source_document, sum(l.debit_minor) d, sum(l.credit_minor) c from journal_entries e join journal_lines l on l.entry_id = e.id group by e.id having sum(l.debit_minor) <> sum(l.credit_minor)',
  )) {
    problems.push({
      code: 'journal.unbalanced',
      message: `entry ${e.id} (${e.source_document}): debits ${e.d} ≠ credits ${e.c}`,
    });
  }
  const account = (code: string) =>
    x.value<number>('select coalesce(sum(debit_minor - credit_minor), 0) from journal_lines where account = ?', code) ??
    0;
  const stockValue = x.value<number>('select coalesce(sum(value_minor), 0) from stock_balances') ?? 0;
  if (account('1405') !== stockValue)
    problems.push({
      code: 'ledger.inventory',
      message: `inventory account ${account('1405')} ≠ stock value ${stockValue}`,
    });
  // What an invoice still owes and what a payment has left are kept on them by the commands that
  // allocate money; each is proven against its allocations (read from the covering indexes): every
  // one, or those that can have changed since the last proof (still open, made since, or touched
  // by an allocation since). The control accounts are proven against the kept amounts of the
  // open ones (a closed one keeps 0), found by partial indexes.
  const allocatedTo = (column: 'invoice_id' | 'payment_id', ref: string) =>
    `coalesce((select sum(a.amount_minor) from payment_allocations a where a.${column} = ${ref}), 0)`;
  const owingRule = `i.open_minor <> i.gross_minor - ${allocatedTo('invoice_id', 'i.id')}`;
  const invoicesToProve = marks
    ? `(select id from invoices where open_minor <> 0
        union all select id from invoices where id > ${marks.invoices_through}
        union all select invoice_id from payment_allocations where rowid > ${marks.allocations_through})`
    : '(select id from invoices)';
  const invoiceRun = x.select<{ bad: number; invoices: number | null; allocations: number | null }>(
    `select (select count(*) from invoices i where i.id in ${invoicesToProve} and ${owingRule}) as bad,
            (select max(id) from invoices) as invoices, (select max(rowid) from payment_allocations) as allocations`,
  )[0] ?? { bad: 0, invoices: null, allocations: null };
  const byKind = x.select<{ kind: string; open: number }>(
    `select kind, coalesce(sum(open_minor), 0) as open from invoices where open_minor <> 0 group by kind`,
  );
  if (invoiceRun.bad > 0) {
    const owing = x.select<{ number: string; open_minor: number; open: number }>(
      `select i.number, i.open_minor, i.gross_minor - ${allocatedTo('invoice_id', 'i.id')} as open from invoices i
       where i.id in ${invoicesToProve} and ${owingRule} order by i.id`,
    );
    problems.push({
      code: 'invoice.open',
      message: `${owing.length === 1 ? '1 invoice keeps' : `${owing.length} invoices keep`} an open amount other than its gross less its allocations: ${owing
        .slice(0, 3)
        .map((i) => `${i.number} keeps ${i.open_minor}, owes ${i.open}`)
        .join('; ')}${owing.length > 3 ? '; …' : ''}`,
    });
  }
  const paymentsToProve = marks
    ? `(select id from payments where unallocated_minor <> 0
        union all select id from payments where id > ${marks.payments_through}
        union all select payment_id from payment_allocations where rowid > ${marks.allocations_through})`
    : '(select id from payments)';
  const paymentRun = x.select<{ payments: number | null; allocations: number | null }>(
    'select (select max(id) from payments) as payments, (select max(rowid) from payment_allocations) as allocations',
  )[0] ?? { payments: null, allocations: null };
  const left = x.select<{ number: string; unallocated_minor: number; free: number }>(
    `select p.number, p.unallocated_minor, p.amount_minor + p.write_off_minor - ${allocatedTo('payment_id', 'p.id')} as free
     from payments p where p.id in ${paymentsToProve}
       and p.unallocated_minor <> p.amount_minor + p.write_off_minor - ${allocatedTo('payment_id', 'p.id')}
     order by p.id`,
  );
  if (left.length > 0)
    problems.push({
      code: 'payment.unallocated',
      message: `${left.length === 1 ? '1 payment keeps' : `${left.length} payments keep`} an unallocated amount other than its amount less its allocations: ${left
        .slice(0, 3)
        .map((p) => `${p.number} keeps ${p.unallocated_minor}, has ${p.free} left`)
        .join('; ')}${left.length > 3 ? '; …' : ''}`,
    });
  const open = new Map(byKind.map((k) => [k.kind, k.open]));
  const receivable = (open.get('sales') ?? 0) + (open.get('sales_credit') ?? 0);
  if (account('1122') !== receivable)
    problems.push({
      code: 'ledger.receivable',
      message: `receivable account ${account('1122')} ≠ open sales invoices ${receivable}`,
    });
  const payable = open.get('supplier') ?? 0;
  if (-account('2202') !== payable)
    problems.push({
      code: 'ledger.payable',
      message: `payable account ${-account('2202')} ≠ open supplier invoices ${payable}`,
    });
  const advances =
    x.value<number>(
      `select coalesce(sum(unallocated_minor), 0) from payments where kind = 'customer' and unallocated_minor <> 0`,
    ) ?? 0;
  if (-account('2203') !== advances)
    problems.push({
      code: 'ledger.advances',
      message: `customer advances account ${-account('2203')} ≠ unallocated receipts ${advances}`,
    });
  // Each supplier invoice line keeps the receipt value it cleared: the two sides are exact amounts.
  const grni =
    x.value<number>(
      `select coalesce((select sum(value_minor) from receipt_lines), 0)
            - coalesce((select sum(received_value_minor) from invoice_lines where po_line_id is not null), 0)`,
    ) ?? 0;
  if (-account('2202.02') !== grni) {
    problems.push({
      code: 'ledger.grni',
      message: `goods received not invoiced ${-account('2202.02')} ≠ receipts not yet invoiced ${grni}`,
    });
  }
  // Codes are one regardless of case; a book from before that rule may hold such a pair.
  for (const d of x.select<{ skus: string }>(
    "select string_agg(sku, ', ') as skus from products group by lower(sku) having count(*) > 1",
  )) {
    problems.push({ code: 'product.sku_case', message: `SKU codes differ only in case: ${d.skus}` });
  }
  // The initials are written by the commands that write a name; a name changed by other means
  // (by hand in SQLite) would leave the picker finding the record by its old name.
  for (const [table, key, kind] of [
    ['products', 'sku', 'product'],
    ['customers', 'code', 'customer'],
  ] as const) {
    const stale = x
      .select<{ key: string; name: string; initials: string }>(`select ${key} as key, name, initials from ${table}`)
      .filter((r) => searchInitials(r.name) !== r.initials);
    if (stale.length > 0)
      problems.push({
        code: `${kind}.initials`,
        message: `${stale.length === 1 ? `1 ${kind}'s pinyin initials differ from its name` : `${stale.length} ${kind}s' pinyin initials differ from their names`}: ${stale
          .slice(0, 3)
          .map((r) => `${r.key} ${r.name} has ${r.initials || '(none)'}, not ${searchInitials(r.name)}`)
          .join('; ')}${stale.length > 3 ? '; …' : ''}`,
        hint: 'a name was changed outside tradeloop: the pickers find it by its old initials until the name is saved again',
      });
  }
  const missing = missingAuditTriggers(book);
  if (missing.length > 0)
    problems.push({
      code: 'audit.triggers',
      message: `the audit log is no longer append-only: ${missing.length > 1 ? 'triggers' : 'trigger'} ${missing.join(', ')} dropped`,
    });
  const broken = verifyAuditChain(book);
  if (broken) problems.push({ code: broken.code, message: broken.message });
  if (problems.length === 0 && options.keep !== false)
    keepMarks(book, {
      rewrites,
      stock: stock.map((s) => [s.product_id, s.warehouse_id, s.moves_qty, s.moves_value] as const),
      moves_through: stock[0]?.through ?? x.value<number>('select max(id) from stock_moves') ?? 0,
      invoices_through: invoiceRun.invoices ?? 0,
      payments_through: paymentRun.payments ?? 0,
      allocations_through: Math.min(invoiceRun.allocations ?? 0, paymentRun.allocations ?? 0),
    });
  return problems;
}

/** What the last check proved, unless a rewrite in place (a repost) came since, or none was kept. */
function provenMarks(book: Book, rewrites: number): Marks | undefined {
  const kept = book.exec.select<Marks>(
    'select moves_through, invoices_through, payments_through, allocations_through, rewrites from check_marks where id = 1',
  )[0];
  return kept && kept.rewrites === rewrites ? kept : undefined;
}

/**
 * Keep what this check proved, for the next one to start from. Not a command (no audit row: it
 * changes no figure); skipped when the book cannot be written now (read-only, a replica, another
 * writer holding the book), as the next check then proves more, nothing else.
 */
function keepMarks(
  book: Book,
  proved: Omit<Marks, 'rewrites'> & { rewrites: number; stock: readonly (readonly [number, number, number, number])[] },
): void {
  if (book.driver.readonly || book.driver.inTransaction) return;
  // Ids land in commit order on both engines: on PostgreSQL too, every transaction that writes
  // moves, invoices, payments or allocations holds the writers' lock from its start to its end
  // (`PgDriver`), so no move numbered below the last one a check read can commit after it.
  try {
    // Another writer holding the book is not waited for: the check is done, its marks can wait.
    book.driver.transaction(
      () => {
        // A rewrite since this check read the moves: what it summed is not the history any more.
        if (rewriteCount(book) !== proved.rewrites) return;
        const x = book.exec;
        // Only the sums that changed are written: after a command, a few of the book's hundreds.
        const kept = new Map(
          x
            .select<{ product_id: number; warehouse_id: number; qty: number; value_minor: number }>(
              'select product_id, warehouse_id, qty, value_minor from check_stock',
            )
            .map((r) => [`${r.product_id} ${r.warehouse_id}`, r]),
        );
        for (const [product, warehouse, qty, value] of proved.stock) {
          const key = `${product} ${warehouse}`;
          const was = kept.get(key);
          kept.delete(key);
          if (was && was.qty === qty && was.value_minor === value) continue;
          x.execute(
            `insert into check_stock (product_id, warehouse_id, qty, value_minor) values (?, ?, ?, ?)
             on conflict (product_id, warehouse_id) do update set qty = excluded.qty, value_minor = excluded.value_minor`,
            product,
            warehouse,
            qty,
            value,
          );
        }
        for (const gone of kept.values())
          x.execute(
            'delete from check_stock where product_id = ? and warehouse_id = ?',
            gone.product_id,
            gone.warehouse_id,
          );
        x.execute('delete from check_marks');
        x.execute(
          `insert into check_marks (id, moves_through, invoices_through, payments_through, allocations_through, rewrites, proven_at)
         values (1, ?, ?, ?, ?, ?, ?)`,
          proved.moves_through,
          proved.invoices_through,
          proved.payments_through,
          proved.allocations_through,
          proved.rewrites,
          book.now(),
        );
      },
      { wait: false },
    );
  } catch {
    // The marks are a shortcut: a book that cannot keep them now proves more next time.
  }
}
