import {
  compareQuotes,
  type IsoDate,
  lineAmount,
  type Milli,
  type Minor,
  QUOTE_WEIGHTS,
  type SupplierGrade,
  seesColumns,
  TradeloopError,
  todayIn,
} from '@tradeloop/core';
import { readAccess } from './access.js';
import type { Book } from './book.js';
import { jsonValues } from './dialect.js';
import { LIST_ACCESS } from './lists.js';

/** An open requisition as the buyer works it: what, where, how much, from whom, for which sale. */
export interface DeskRequisition {
  number: string;
  sku: string;
  name: string;
  uom: string;
  warehouse: string;
  qty: Milli;
  /** The day it was raised, in the book's time zone. */
  raised: IsoDate;
  needBy: IsoDate;
  /** The sales order whose shortfall raised it; null for one from the reorder run. */
  salesOrder: string | null;
  /** The open RFQ it is being quoted on (creating purchase orders leaves it to the award); null if none. */
  rfq: string | null;
}

/** The open requisitions that go to one supplier (or to none: `supplier` null). */
export interface DeskGroup {
  supplier: { code: string; name: string; grade: SupplierGrade } | null;
  requisitions: DeskRequisition[];
}

/** An RFQ as the desk lists it. */
export interface DeskRfq {
  number: string;
  sku: string;
  name: string;
  warehouse: string;
  qty: Milli;
  date: IsoDate;
  quotes: number;
  /** The lowest quoted unit price; null without quotes or for a role that does not see supplier prices. */
  bestPrice: Minor | null;
  /** The supplier award would pick today (core's ranking); null without quotes. */
  leader: string | null;
  /** The purchase order an awarded RFQ became. */
  po: string | null;
  supplier: string | null;
}

/** The purchasing desk: open requisitions by the supplier they would go to, and the RFQs. */
export interface PurchasingDesk {
  /** By supplier code, the requisitions with no preferred supplier last. */
  groups: DeskGroup[];
  openRfqs: DeskRfq[];
  /** The latest awarded RFQs, newest first, with their purchase orders. */
  awardedRfqs: DeskRfq[];
}

const AWARDED_SHOWN = 10;

interface QuoteRow {
  rfq_id: number;
  supplier: string;
  name: string;
  grade: SupplierGrade;
  price: number;
  lead: number;
}

const quotesOf = (book: Book, rfqIds: readonly number[]) =>
  book.exec.select<QuoteRow>(
    `select q.rfq_id, s.code as supplier, s.name, s.grade, q.price_minor as price, q.lead_time_days as lead
       from rfq_quotes q join suppliers s on s.id = q.supplier_id
      where q.rfq_id in (${jsonValues(book, 'bigint')}) order by s.code`,
    JSON.stringify(rfqIds),
  );

const ranked = (quotes: readonly QuoteRow[]) =>
  compareQuotes(quotes.map((q) => ({ supplier: q.supplier, price: q.price, leadTimeDays: q.lead, grade: q.grade })));

/**
 * The purchasing desk as the acting user may read it: purchasing is the whole company's (refused
 * to who sees only their own customers), quoted prices only for roles that see supplier prices.
 *
 * @example
 * purchasingDesk(book).groups[0] // { supplier: { code: 'S1', … }, requisitions: [{ number: 'PR-2026-000001', … }] }
 */
export function purchasingDesk(book: Book): PurchasingDesk {
  readAccess(book, LIST_ACCESS.requisitions, 'requisitions');
  const prices = seesColumns(book.principal, 'supplier_price');
  const { timeZone } = book.settings();
  const rows = book.exec.select<
    Omit<DeskRequisition, 'raised'> & {
      created: string;
      supplier: string | null;
      supplierName: string | null;
      grade: SupplierGrade | null;
    }
  >(
    `select r.number, p.sku, p.name, p.uom, w.code as warehouse, r.qty, r.created_at as created, r.need_by as needBy,
        o.number as salesOrder, s.code as supplier, s.name as supplierName, s.grade,
        (select q.number from rfqs q where q.requisition_id = r.id and q.status = 'open') as rfq
       from requisitions r join products p on p.id = r.product_id join warehouses w on w.id = r.warehouse_id
       left join suppliers s on s.id = p.preferred_supplier_id
       left join sales_order_lines sl on sl.id = r.sales_order_line_id left join sales_orders o on o.id = sl.order_id
      where r.status = 'open'
      order by s.code is null, s.code, w.code, p.sku, r.number`,
  );
  const groups: DeskGroup[] = [];
  for (const { created, supplier, supplierName, grade, ...r } of rows) {
    let group = groups.at(-1);
    if (!group || (group.supplier?.code ?? null) !== supplier) {
      group = {
        supplier: supplier === null ? null : { code: supplier, name: supplierName ?? '', grade: grade ?? 'C' },
        requisitions: [],
      };
      groups.push(group);
    }
    group.requisitions.push({ ...r, raised: todayIn(timeZone, new Date(created)) });
  }

  const rfqRows = (where: string, order: string, limit: number | null) =>
    book.exec.select<{
      id: number;
      number: string;
      sku: string;
      name: string;
      warehouse: string;
      qty: number;
      date: IsoDate;
      po: string | null;
      supplier: string | null;
    }>(
      `select r.id, r.number, p.sku, p.name, w.code as warehouse, r.qty, r.date, o.number as po, s.code as supplier
         from rfqs r join products p on p.id = r.product_id join warehouses w on w.id = r.warehouse_id
         left join purchase_orders o on o.id = r.po_id left join suppliers s on s.id = o.supplier_id
        where ${where} order by ${order}${limit === null ? '' : ' limit ?'}`,
      ...(limit === null ? [] : [limit]),
    );
  const open = rfqRows("r.status = 'open'", 'r.number', null);
  const awarded = rfqRows("r.status = 'awarded'", 'r.id desc', AWARDED_SHOWN);
  const quotes = quotesOf(
    book,
    open.map((r) => r.id),
  );
  const asDesk = ({ id, ...r }: (typeof open)[number]): DeskRfq => {
    const mine = quotes.filter((q) => q.rfq_id === id);
    return {
      ...r,
      quotes: mine.length,
      bestPrice: prices && mine.length > 0 ? Math.min(...mine.map((q) => q.price)) : null,
      leader: mine.length > 0 ? (ranked(mine)[0]?.supplier ?? null) : null,
    };
  };
  return {
    groups,
    openRfqs: open.map(asDesk),
    awardedRfqs: awarded.map(({ id: _, ...r }) => ({ ...r, quotes: 0, bestPrice: null, leader: null })),
  };
}

/** A supplier's quote as the RFQ page compares it, in award's order. */
export interface RankedQuote {
  rank: number;
  supplier: string;
  name: string;
  grade: SupplierGrade;
  /** Null for a role that does not see supplier prices. */
  price: Minor | null;
  leadTimeDays: number;
  /** What the RFQ's quantity would cost at this price (net). */
  lineValue: Minor | null;
  score: number;
  /** Each part of the score against the best quote (1 is the best), as core weighs them. */
  parts: { price: number; lead: number; grade: number };
  /** Where this quote is the best of all: cheapest, fastest, best graded. */
  best: { price: boolean; lead: boolean; grade: boolean };
  /** The quote award would pick (an awarded RFQ: the one it picked). */
  wins: boolean;
}

/** An RFQ for its page: what is asked, the quotes ranked as award ranks them, what it became. */
export interface RfqView {
  number: string;
  sku: string;
  name: string;
  uom: string;
  warehouse: string;
  qty: Milli;
  date: IsoDate;
  status: 'open' | 'awarded' | 'cancelled';
  /** The requisition it was asked for (ordered by the award), with the sales order behind it if any. */
  requisition: { number: string; salesOrder: string | null } | null;
  /** The purchase order it was awarded as, and to whom. */
  po: { number: string; supplier: string } | null;
  quotes: RankedQuote[];
  /** How price, lead time and grade weigh in the score. */
  weights: { price: number; lead: number; grade: number };
  /** The suppliers a quote may be recorded for. */
  suppliers: { code: string; name: string; grade: SupplierGrade }[];
}

/**
 * Read one RFQ for its page, as the acting user may see it: the quotes ranked by core's
 * `compareQuotes`, the same ranking `awardRfq` picks the winner by.
 *
 * @example
 * rfqView(book, 'RFQ-2026-000001').quotes[0] // { rank: 1, supplier: 'S1', wins: true, score: 0.954, … }
 */
export function rfqView(book: Book, number: string): RfqView {
  readAccess(book, LIST_ACCESS.requisitions, 'RFQs');
  const r = book.exec.selectOne<
    Omit<RfqView, 'po' | 'quotes' | 'weights' | 'suppliers' | 'requisition'> & {
      id: number;
      po: string | null;
      supplier: string | null;
      requisition: string | null;
      salesOrder: string | null;
    }
  >(
    `select r.id, r.number, p.sku, p.name, p.uom, w.code as warehouse, r.qty, r.date, r.status, o.number as po, s.code as supplier,
        q.number as requisition, so.number as salesOrder
       from rfqs r join products p on p.id = r.product_id join warehouses w on w.id = r.warehouse_id
       left join purchase_orders o on o.id = r.po_id left join suppliers s on s.id = o.supplier_id
       left join requisitions q on q.id = r.requisition_id
       left join sales_order_lines sl on sl.id = q.sales_order_line_id left join sales_orders so on so.id = sl.order_id
      where r.number = ?`,
    number,
  );
  if (!r) throw new TradeloopError('rfq.not_found', `no RFQ ${number}`, { path: ['number'] });
  const prices = seesColumns(book.principal, 'supplier_price');
  const { rounding } = book.settings();
  const rows = quotesOf(book, [r.id]);
  const names = new Map(rows.map((q) => [q.supplier, q.name]));
  const order = rows.length > 0 ? ranked(rows) : [];
  const cheapest = Math.min(...rows.map((q) => q.price));
  const fastest = Math.min(...rows.map((q) => q.lead));
  const top = order.reduce((g, q) => Math.max(g, q.parts.grade), 0);
  const { id: _, po, supplier, requisition, salesOrder, ...head } = r;
  return {
    ...head,
    requisition: requisition === null ? null : { number: requisition, salesOrder },
    po: po === null ? null : { number: po, supplier: supplier ?? '' },
    quotes: order.map((q, i) => ({
      rank: i + 1,
      supplier: q.supplier,
      name: names.get(q.supplier) ?? '',
      grade: q.grade,
      price: prices ? q.price : null,
      leadTimeDays: q.leadTimeDays,
      lineValue: prices ? lineAmount(r.qty, q.price, rounding) : null,
      score: q.score,
      parts: q.parts,
      best: { price: q.price === cheapest, lead: q.leadTimeDays === fastest, grade: q.parts.grade === top },
      wins: r.status === 'open' ? i === 0 : q.supplier === supplier,
    })),
    weights: { ...QUOTE_WEIGHTS },
    suppliers: book.exec.select<RfqView['suppliers'][number]>('select code, name, grade from suppliers order by code'),
  };
}
