import { entry, formatMoney, formatQuantity, type IsoDate, type Issue, type Milli, type Minor } from '@tradeloop/core';
import type { Book } from './book.js';
import { writeEntry } from './journal.js';
import { idOf } from './master-data.js';
import { rejected } from './refusal.js';
import { receiveStock } from './stock-ledger.js';

export interface OpeningStockLine {
  sku: string;
  warehouse: string;
  qty: Milli;
  value: Minor;
  date: IsoDate;
  batch?: string;
  expiry?: IsoDate;
  /** Where the line came from (a file's row), for the issues; else its place in the list, from 1. */
  row?: number;
}

export interface OpeningStockOptions {
  /**
   * What to do where a product and warehouse already has opening stock:
   * - `refuse` (default): a line the book already holds is unchanged; any other line for a product,
   *   warehouse (and batch) with opening stock, or with stock moves before the line's date, is refused;
   * - `replace`: the product-warehouse's opening stock becomes the lines given, as long as it has
   *   not moved since (no move but its opening);
   * - `add`: more opening stock on top, no questions (generated demo books, back-dated tests).
   */
  existing?: 'refuse' | 'replace' | 'add';
}

export interface OpeningStockSummary {
  /** Lines posted (new, or replacing). */
  lines: number;
  /** Lines the book already held exactly: not posted again. */
  unchanged: number;
  /** Product-warehouses whose opening stock was replaced. */
  replaced: number;
  /** Value of the lines posted. */
  value: Minor;
}

interface OpeningMove {
  id: number;
  date: string;
  qty: number;
  value_minor: number;
  batch: string | null;
  expiry: string | null;
}

interface Place {
  productId: number;
  warehouseId: number;
  sku: string;
  warehouse: string;
  openings: OpeningMove[];
  /** Opening moves not yet matched by a line: each one matches one line at most. */
  pool: OpeningMove[];
  /** How many moves are not opening stock, and the first one's date. */
  others: { count: number; first: string | null };
  /** How many moves (opening or not) come before a date, and the first one's date. */
  before: (date: string) => { count: number; first: string | null };
}

const describe = (m: { qty: number; value_minor: number; date: string }) =>
  `${formatQuantity(m.qty)} worth ${formatMoney(m.value_minor)} on ${m.date}`;

/**
 * Checks opening stock lines against the book, one at a time in file order, and remembers which
 * already-held opening moves they matched. The CLI checks rows with it while reading (so
 * `--on-error skip` works), and `postOpeningStock` runs the same checks before writing.
 */
export function openingStockChecker(book: Book, options: OpeningStockOptions = {}) {
  const mode = options.existing ?? 'refuse';
  const places = new Map<string, Place | null>();
  const place = (sku: string, warehouse: string): Place | null => {
    const key = `${sku}\u0000${warehouse}`;
    if (places.has(key)) return places.get(key) ?? null;
    const productId = book.exec.value<number>('select id from products where sku = ?', sku);
    const warehouseId = book.exec.value<number>('select id from warehouses where code = ?', warehouse);
    let p: Place | null = null;
    if (productId !== undefined && warehouseId !== undefined) {
      // The opening moves themselves, and of the others only how many and from when: a place with
      // years of history behind it is not read move by move.
      const openings = book.exec.select<OpeningMove>(
        `select id, date, qty, value_minor, batch, expiry from stock_moves
         where product_id = ? and warehouse_id = ? and kind = 'opening' order by date, id`,
        productId,
        warehouseId,
      );
      const count = (where: string, ...args: unknown[]) =>
        book.exec.selectOne<{ count: number; first: string | null }>(
          `select count(*) as count, min(date) as first from stock_moves where product_id = ? and warehouse_id = ? and ${where}`,
          productId,
          warehouseId,
          ...args,
        ) ?? { count: 0, first: null };
      p = {
        productId,
        warehouseId,
        sku,
        warehouse,
        openings,
        pool: [...openings],
        others: count("kind <> 'opening'"),
        before: (date) => count('date < ?', date),
      };
    }
    places.set(key, p);
    return p;
  };

  /** Issues for one line (empty: it may go on), and whether the book already holds it exactly. */
  function check(l: OpeningStockLine, at: number): { issues: Issue[]; unchanged: boolean; place: Place | null } {
    const p = place(l.sku, l.warehouse);
    if (!p) {
      const productKnown = book.exec.value<number>('select id from products where sku = ?', l.sku) !== undefined;
      return {
        issues: [
          productKnown
            ? {
                code: 'opening_stock.warehouse.unknown',
                path: [at, 'warehouse'],
                message: `no warehouse ${l.warehouse} in the book`,
                value: l.warehouse,
              }
            : {
                code: 'opening_stock.sku.unknown',
                path: [at, 'sku'],
                message: `no product ${l.sku} in the book`,
                value: l.sku,
              },
        ],
        unchanged: false,
        place: null,
      };
    }
    if (mode === 'add') return { issues: [], unchanged: false, place: p };
    const same = p.pool.findIndex(
      (m) =>
        m.date === l.date &&
        m.qty === l.qty &&
        m.value_minor === l.value &&
        (m.batch ?? '') === (l.batch ?? '') &&
        (m.expiry ?? '') === (l.expiry ?? ''),
    );
    if (same >= 0) {
      p.pool.splice(same, 1);
      return { issues: [], unchanged: true, place: p };
    }
    const where = `${p.sku} in ${p.warehouse}`;
    if (mode === 'replace' && p.openings.length > 0) {
      const first = p.others.first;
      return {
        issues: first
          ? [
              {
                code: 'opening_stock.moved',
                path: [at, 'sku'],
                message: `${where} has moved since (${p.others.count} move${p.others.count === 1 ? '' : 's'} from ${first}); post a stock count instead`,
                value: l.sku,
              },
            ]
          : [],
        unchanged: false,
        place: p,
      };
    }
    // A line without a batch stands for all the stock there; one with a batch, for that batch.
    const held = p.openings.filter((m) => !l.batch || (m.batch ?? '') === l.batch);
    if (held.length > 0) {
      const shown = held[0] as OpeningMove;
      return {
        issues: [
          {
            code: 'opening_stock.exists',
            path: [at, 'sku'],
            message: `${where}${l.batch ? ` batch ${l.batch}` : ''} already has opening stock (${describe(shown)}${held.length > 1 ? ` and ${held.length - 1} more` : ''}); this line says ${describe({ qty: l.qty, value_minor: l.value, date: l.date })}; import with --replace to replace it`,
            value: l.sku,
          },
        ],
        unchanged: false,
        place: p,
      };
    }
    const before = p.before(l.date);
    if (before.count > 0) {
      return {
        issues: [
          {
            code: 'opening_stock.after_moves',
            path: [at, 'sku'],
            message: `${where} has ${before.count} stock move${before.count === 1 ? '' : 's'} before ${l.date} (from ${before.first}); opening stock comes before any move`,
            value: l.sku,
          },
        ],
        unchanged: false,
        place: p,
      };
    }
    return { issues: [], unchanged: false, place: p };
  }

  return { check };
}

const openingEntry = (date: IsoDate, value: Minor, memo = 'Opening stock') =>
  entry(date, memo, { kind: 'opening_stock', document: 'OPENING' }, [
    ['1405', value],
    ['4001', -value],
  ]);

/**
 * Opening stock when a company starts on tradeloop: FIFO layers at the given cost, stock moves,
 * and one entry a date, inventory against paid-in capital. Importing the same lines again changes
 * nothing (they count as unchanged); other lines where opening stock or earlier moves exist are
 * refused (`opening_stock.exists`, `opening_stock.after_moves`), each issue at `[row, field]`.
 * With `existing: 'replace'` a product-warehouse that has not moved since its opening gets the
 * given lines instead: its opening moves and layers are rebuilt and the journal corrected by the
 * difference, in new entries.
 *
 * @example
 * postOpeningStock(book, [{ sku: 'TEA-001', warehouse: 'WH1', qty: 5000, value: 56000, date: '2026-03-01' }])
 * // { lines: 1, unchanged: 0, replaced: 0, value: 56000 }
 */
export function postOpeningStock(
  book: Book,
  lines: readonly OpeningStockLine[],
  options: OpeningStockOptions = {},
): OpeningStockSummary {
  return book.command('postOpeningStock', () => {
    const checker = openingStockChecker(book, options);
    const issues: Issue[] = [];
    const fresh: OpeningStockLine[] = [];
    // With replace, a product-warehouse with opening stock is taken whole: its lines, held or not.
    const groups = new Map<Place, { at: number; lines: OpeningStockLine[]; changed: boolean }>();
    let unchanged = 0;
    lines.forEach((l, i) => {
      const at = l.row ?? i + 1;
      const r = checker.check(l, at);
      issues.push(...r.issues);
      if (r.issues.length > 0 || !r.place) return;
      if (options.existing === 'replace' && r.place.openings.length > 0) {
        const g = groups.get(r.place) ?? { at, lines: [], changed: false };
        g.lines.push(l);
        g.changed ||= !r.unchanged;
        groups.set(r.place, g);
      } else if (r.unchanged) unchanged += 1;
      else fresh.push(l);
    });
    const replacing: [Place, OpeningStockLine[]][] = [];
    for (const [p, g] of groups) {
      // Held openings the file leaves out go too: the file is the opening stock there now.
      if (!g.changed && p.pool.length === 0) {
        unchanged += g.lines.length;
        continue;
      }
      const first = p.others.first;
      if (first) {
        issues.push({
          code: 'opening_stock.moved',
          path: [g.at, 'sku'],
          message: `${p.sku} in ${p.warehouse} has moved since (${p.others.count} move${p.others.count === 1 ? '' : 's'} from ${first}); post a stock count instead`,
          value: p.sku,
        });
        continue;
      }
      const reserved =
        book.exec.value<number>(
          'select reserved from stock_balances where product_id = ? and warehouse_id = ?',
          p.productId,
          p.warehouseId,
        ) ?? 0;
      const qty = g.lines.reduce((s, l) => s + l.qty, 0);
      if (qty < reserved) {
        issues.push({
          code: 'opening_stock.reserved',
          path: [g.at, 'qty'],
          message: `${p.sku} in ${p.warehouse} has ${formatQuantity(reserved)} reserved for orders; the file's opening stock is ${formatQuantity(qty)}`,
          value: formatQuantity(qty),
        });
        continue;
      }
      replacing.push([p, g.lines]);
    }
    if (issues.length > 0) throw rejected(issues.sort((a, b) => Number(a.path[0]) - Number(b.path[0])));

    // The journal by date: new opening stock, and the correction where openings were replaced
    // (what is posted now less what they had posted). Old entries stay as they were.
    const byDate = new Map<IsoDate, Minor>();
    const correction = new Map<IsoDate, Minor>();
    const add = (to: Map<IsoDate, Minor>, date: IsoDate, value: Minor) => to.set(date, (to.get(date) ?? 0) + value);
    let total = 0;
    const removed: OpeningMove[] = [];
    for (const [p] of replacing) {
      // Nothing but the openings moved here, so nothing was costed from them: the opening moves and
      // their layers go, and the new lines are received as if they had been the first.
      for (const m of p.openings) {
        book.exec.execute('delete from stock_moves where id = ?', m.id);
        add(correction, m.date, -m.value_minor);
        removed.push(m);
      }
      book.exec.execute(
        'delete from fifo_layers where product_id = ? and warehouse_id = ?',
        p.productId,
        p.warehouseId,
      );
      book.exec.execute(
        'update stock_balances set on_hand = 0, value_minor = 0 where product_id = ? and warehouse_id = ?',
        p.productId,
        p.warehouseId,
      );
    }
    if (replacing.length > 0) {
      // Figures copied elsewhere (analytics) changed in place: say so, for a full re-read.
      book.exec.execute(
        `insert into settings (key, value) values ('book.rewrites', '1')
         on conflict (key) do update set value = cast(cast(settings.value as integer) + 1 as text)`,
      );
    }
    const replacement = replacing.flatMap(([, ls]) => [...ls].sort((a, b) => a.date.localeCompare(b.date)));
    const posting = [...replacement, ...fresh];
    posting.forEach((l, i) => {
      receiveStock(book, {
        date: l.date,
        productId: idOf(book, 'products', l.sku, 'product'),
        warehouseId: idOf(book, 'warehouses', l.warehouse, 'warehouse'),
        qty: l.qty,
        value: l.value,
        kind: 'opening',
        document: 'OPENING',
        ...(l.batch ? { batch: l.batch } : {}),
        ...(l.expiry ? { expiry: l.expiry } : {}),
      });
      total += l.value;
      add(i < replacement.length ? correction : byDate, l.date, l.value);
    });
    const sorted = (m: Map<IsoDate, Minor>) => [...m].sort(([a], [b]) => a.localeCompare(b));
    for (const [date, value] of sorted(correction))
      if (value !== 0) writeEntry(book, openingEntry(date, value, 'Opening stock replaced'));
    for (const [date, value] of sorted(byDate)) writeEntry(book, openingEntry(date, value));
    const summary: OpeningStockSummary = { lines: posting.length, unchanged, replaced: replacing.length, value: total };
    if (posting.length === 0) return { value: summary, unchanged: true };
    return {
      value: summary,
      ...(removed.length > 0 ? { before: { openings: removed } } : {}),
      after: { lines: posting.length, value: total, replaced: replacing.map(([p]) => `${p.sku} ${p.warehouse}`) },
    };
  });
}
