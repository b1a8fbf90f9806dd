import { z } from 'zod';
import { normalizeHeader } from './columns.js';
import { assertInput } from './input.js';

/**
 * The statement layouts read as they come from banks and wallets. A layout only says which
 * column holds what; what the money means is decided once, in `readStatementRow`.
 *
 * Column names are those of the exports themselves (online banking "明细下载" for companies and
 * persons, WeChat Pay's 微信支付账单 and merchant 交易账单, Alipay's 交易明细 and merchant 账务明细).
 */

/** Where a statement export comes from: its columns differ, the meaning does not. */
export type StatementSource = 'bank' | 'wechat' | 'alipay';

/** Every field a statement column may hold. */
export const STATEMENT_FIELDS = [
  'date',
  'time',
  'in',
  'out',
  'amount',
  'direction',
  'counterparty',
  'counterpartyAccount',
  'memo',
  'reference',
  'orderReference',
  'fee',
  'status',
  'type',
  'refunded',
  'fundStatus',
  'note',
] as const;

/** What a column of a statement holds. */
export type StatementField = (typeof STATEMENT_FIELDS)[number];

export const statementSourceInput = z.enum(['bank', 'wechat', 'alipay']);
const fieldInput = z.enum(STATEMENT_FIELDS);

/** A layout and where its fields sit: what `readStatementRow` takes. */
export const layoutMatchInput = z.object({
  layout: z.object({
    id: z.string(),
    label: z.string(),
    source: statementSourceInput,
    columns: z.partialRecord(fieldInput, z.array(z.string())),
    signature: z.array(z.string()),
  }),
  columns: z.partialRecord(fieldInput, z.array(z.int().min(0))),
});
const detectArgs = z.object({ headers: z.array(z.string()), source: statementSourceInput.optional() });
const layoutsArgs = z.object({ source: statementSourceInput.optional() });

export interface StatementLayout {
  id: string;
  /** As a person knows it: `招商银行 (CMB)`. */
  label: string;
  source: StatementSource;
  /** For each field, the header names this layout uses, first found wins. */
  columns: Partial<Record<StatementField, readonly string[]>>;
  /** Headers that tell this layout from the others; all must be present. */
  signature: readonly string[];
}

const COUNTERPARTY = ['对方户名', '对方账户名称', '对方名称', '对方账户名', '对方单位名称', '收(付)方名称', '交易对方'];
const MEMO = ['摘要', '用途', '交易备注', '附言', '备注', '交易用途', '交易摘要', '交易说明'];
const REFERENCE = ['流水号', '交易流水号', '账户明细编号-交易流水号', '交易参考号', '凭证号'];

/** Bank layouts, most specific first; the generic one reads any bank CSV with common names. */
const BANKS: StatementLayout[] = [
  {
    id: 'icbc',
    label: '工商银行 (ICBC)',
    source: 'bank',
    signature: ['借方发生额', '贷方发生额', '对方单位名称'],
    columns: {
      date: ['交易时间', '交易日期'],
      in: ['贷方发生额'],
      out: ['借方发生额'],
      counterparty: ['对方单位名称', '对方户名'],
      counterpartyAccount: ['对方账号'],
      memo: ['摘要', '用途', '附言'],
      reference: ['凭证号', '交易流水号'],
    },
  },
  {
    id: 'icbc-personal',
    label: '工商银行个人 (ICBC)',
    source: 'bank',
    signature: ['记账金额(收入)', '记账金额(支出)'],
    columns: {
      date: ['交易日期'],
      in: ['记账金额(收入)'],
      out: ['记账金额(支出)'],
      counterparty: ['对方户名'],
      memo: ['摘要', '交易场所'],
    },
  },
  {
    id: 'ccb',
    label: '建设银行 (CCB)',
    source: 'bank',
    signature: ['借方发生额(支取)', '贷方发生额(收入)'],
    columns: {
      date: ['交易时间', '记账日期'],
      in: ['贷方发生额(收入)'],
      out: ['借方发生额(支取)'],
      counterparty: ['对方户名'],
      counterpartyAccount: ['对方账号'],
      memo: ['摘要', '备注'],
      reference: ['账户明细编号-交易流水号', '企业流水号'],
    },
  },
  {
    id: 'abc',
    label: '农业银行 (ABC)',
    source: 'bank',
    signature: ['收入金额', '支出金额', '本次余额'],
    columns: {
      date: ['交易时间', '交易日期'],
      in: ['收入金额'],
      out: ['支出金额'],
      fee: ['手续费总额', '手续费'],
      counterparty: ['对方户名'],
      counterpartyAccount: ['对方账号'],
      memo: ['交易用途', '交易说明', '摘要'],
      type: ['交易类别', '交易方式'],
      reference: ['交易流水号'],
    },
  },
  {
    id: 'abc-personal',
    label: '农业银行个人 (ABC)',
    source: 'bank',
    signature: ['交易金额', '本次余额'],
    columns: {
      date: ['交易日期'],
      time: ['交易时间'],
      amount: ['交易金额'],
      counterparty: ['对方户名'],
      counterpartyAccount: ['对方账号'],
      memo: ['交易用途', '交易摘要'],
      type: ['交易类型'],
    },
  },
  {
    id: 'boc',
    label: '中国银行 (BOC)',
    source: 'bank',
    signature: ['交易后余额', '对方账户名称'],
    columns: {
      date: ['交易日期', '记账日期'],
      time: ['交易时间'],
      amount: ['交易金额', '金额'],
      counterparty: ['对方账户名称', '对方户名'],
      counterpartyAccount: ['对方账号', '对方卡号/账号'],
      memo: ['附言', '用途', '摘要'],
      type: ['交易类型', '交易名称'],
      reference: ['交易流水号'],
    },
  },
  {
    id: 'cmb',
    label: '招商银行 (CMB)',
    source: 'bank',
    signature: ['收入', '支出', '交易备注'],
    columns: {
      date: ['交易日期', '交易日'],
      time: ['交易时间'],
      in: ['收入', '贷方金额'],
      out: ['支出', '借方金额'],
      counterparty: ['对方户名', '收(付)方名称'],
      memo: ['交易备注', '摘要'],
      type: ['交易类型'],
      reference: ['流水号'],
    },
  },
  {
    id: 'cmb-corporate',
    label: '招商银行企业 (CMB)',
    source: 'bank',
    signature: ['借方金额', '贷方金额', '收(付)方名称'],
    columns: {
      date: ['交易日', '交易日期'],
      time: ['交易时间'],
      in: ['贷方金额'],
      out: ['借方金额'],
      counterparty: ['收(付)方名称'],
      counterpartyAccount: ['收(付)方帐号', '收(付)方账号'],
      memo: ['摘要', '用途'],
      type: ['交易类型'],
      reference: ['流水号'],
    },
  },
  {
    id: 'bocom',
    label: '交通银行 (BOCOM)',
    source: 'bank',
    signature: ['借贷标志', '交易金额'],
    columns: {
      date: ['交易日期', '交易时间'],
      amount: ['交易金额'],
      direction: ['借贷标志'],
      counterparty: ['对方户名'],
      counterpartyAccount: ['对方账号'],
      memo: ['摘要', '附言'],
      type: ['交易方式'],
      reference: ['流水号'],
    },
  },
  {
    id: 'bank',
    label: 'bank CSV (generic)',
    source: 'bank',
    signature: [],
    columns: {
      date: ['交易日期', '日期', '记账日期', '交易时间', '交易日', 'date', 'value date', 'booking date'],
      time: [],
      in: ['收入金额', '收入', '存入', '存入金额', '贷方发生额', '贷方金额', '贷方', 'credit', 'money in', 'in'],
      out: ['支出金额', '支出', '取出', '取出金额', '借方发生额', '借方金额', '借方', 'debit', 'money out', 'out'],
      amount: ['金额', '交易金额', '发生额', 'amount'],
      direction: ['收/支', '借贷', '借贷标志', '借/贷', '收支', 'type', 'direction'],
      fee: ['手续费', '手续费总额', 'fee'],
      counterparty: [...COUNTERPARTY, '付款人', '付款方', 'payer', 'counterparty'],
      counterpartyAccount: ['对方账号', '对方账户'],
      memo: [...MEMO, 'memo', 'description', 'narrative'],
      type: ['交易类型', '业务类型'],
      reference: [...REFERENCE, 'reference', 'transaction id'],
    },
  },
];

const WALLETS: StatementLayout[] = [
  {
    id: 'wechat',
    label: '微信支付账单 (WeChat Pay)',
    source: 'wechat',
    signature: ['交易类型', '交易对方', '收/支', '当前状态'],
    columns: {
      date: ['交易时间'],
      type: ['交易类型'],
      counterparty: ['交易对方'],
      memo: ['商品'],
      direction: ['收/支'],
      amount: ['金额(元)', '金额'],
      status: ['当前状态'],
      reference: ['交易单号'],
      orderReference: ['商户单号'],
      note: ['备注'],
      fee: ['服务费(元)', '服务费'],
    },
  },
  {
    id: 'wechat-merchant',
    label: '微信支付商户交易账单 (WeChat Pay merchant)',
    source: 'wechat',
    signature: ['微信订单号', '商户订单号', '交易状态', '应结订单金额'],
    columns: {
      date: ['交易时间'],
      type: ['交易类型'],
      status: ['交易状态'],
      amount: ['应结订单金额'],
      refunded: ['退款金额'],
      fee: ['手续费'],
      memo: ['商品名称', '商户数据包'],
      reference: ['微信订单号'],
      orderReference: ['商户订单号'],
    },
  },
  {
    id: 'alipay',
    label: '支付宝交易明细 (Alipay)',
    source: 'alipay',
    signature: ['交易分类', '交易对方', '收/支', '交易状态'],
    columns: {
      date: ['交易时间'],
      type: ['交易分类'],
      counterparty: ['交易对方'],
      counterpartyAccount: ['对方账号'],
      memo: ['商品说明', '备注'],
      direction: ['收/支'],
      amount: ['金额'],
      status: ['交易状态'],
      reference: ['交易订单号'],
      orderReference: ['商家订单号'],
      fee: ['服务费'],
    },
  },
  {
    id: 'alipay-classic',
    label: '支付宝交易记录 (Alipay, classic)',
    source: 'alipay',
    signature: ['交易号', '交易对方', '收/支', '交易状态', '资金状态'],
    columns: {
      date: ['付款时间', '交易创建时间'],
      type: ['类型'],
      counterparty: ['交易对方'],
      memo: ['商品名称', '备注'],
      direction: ['收/支'],
      amount: ['金额(元)', '金额'],
      status: ['交易状态'],
      fundStatus: ['资金状态'],
      fee: ['服务费(元)', '服务费'],
      refunded: ['成功退款(元)', '成功退款'],
      reference: ['交易号'],
      orderReference: ['商家订单号'],
    },
  },
  {
    id: 'alipay-merchant',
    label: '支付宝账务明细 (Alipay merchant)',
    source: 'alipay',
    signature: ['账务流水号', '业务流水号', '业务类型'],
    columns: {
      date: ['发生时间', '入账时间'],
      in: ['收入金额(+元)', '收入金额'],
      out: ['支出金额(-元)', '支出金额'],
      counterparty: ['对方名称', '对方账号'],
      counterpartyAccount: ['对方账号'],
      memo: ['商品名称', '备注'],
      type: ['业务类型'],
      reference: ['账务流水号'],
      orderReference: ['商户订单号', '业务流水号'],
    },
  },
];

/** Every layout, wallets first (their signatures are the most telling), the generic bank last. */
export const STATEMENT_LAYOUTS: readonly StatementLayout[] = [...WALLETS, ...BANKS];

/** A header as compared: the importers' normal form, and the backticks and quotes exports add. */
const headerKey = (cell: string): string => normalizeHeader(cell.replace(/[`"]/g, ''));

/** Where each field of a layout sits in a header row. */
export type StatementColumns = Partial<Record<StatementField, number[]>>;

export interface LayoutMatch {
  layout: StatementLayout;
  columns: StatementColumns;
}

function locate(layout: StatementLayout, headers: readonly string[]): StatementColumns | undefined {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const n = headerKey(h);
    if (n !== '' && !index.has(n)) index.set(n, i);
  });
  if (!layout.signature.every((s) => index.has(headerKey(s)))) return undefined;
  const columns: StatementColumns = {};
  const taken = new Set<number>();
  // Money and dates first: a generic name like 'in' must not take a column a better name holds.
  const order: StatementField[] = ['date', 'in', 'out', 'amount', 'fee', 'direction', 'refunded'];
  const fields = [
    ...order,
    ...(Object.keys(layout.columns) as StatementField[]).filter((f) => !order.includes(f)),
  ] as StatementField[];
  for (const field of fields) {
    const names = layout.columns[field] ?? [];
    const found: number[] = [];
    for (const name of names) {
      const i = index.get(headerKey(name));
      if (i !== undefined && !taken.has(i)) found.push(i);
      // Memo and date gather every column they name (a closed trade has no 付款时间, only its
      // 交易创建时间); other fields take the first.
      if (found.length > 0 && field !== 'memo' && field !== 'date') break;
    }
    if (found.length === 0) continue;
    for (const i of found) if (field !== 'counterpartyAccount' || !columns.counterparty?.includes(i)) taken.add(i);
    columns[field] = found;
  }
  if (columns.date === undefined) return undefined;
  const money = columns.amount !== undefined || columns.in !== undefined || columns.out !== undefined;
  return money ? columns : undefined;
}

/**
 * Which layout a header row is, among those of the given source (any source when omitted).
 * The layout whose signature holds and that places the most columns wins; the generic bank
 * layout takes any file with a date and an amount.
 *
 * @example
 * detectStatementLayout(['交易日期', '交易时间', '收入', '支出', '余额', '交易类型', '对方户名', '交易备注'])?.layout.id // 'cmb'
 */
export function detectStatementLayout(headers: readonly string[], source?: StatementSource): LayoutMatch | undefined {
  assertInput(detectArgs, { headers, source }, 'detectStatementLayout');
  let best: (LayoutMatch & { score: number }) | undefined;
  for (const layout of STATEMENT_LAYOUTS) {
    if (source && layout.source !== source) continue;
    const columns = locate(layout, headers);
    if (!columns) continue;
    const score = layout.signature.length * 10 + Object.keys(columns).length;
    if (!best || score > best.score) best = { layout, columns, score };
  }
  return best ? { layout: best.layout, columns: best.columns } : undefined;
}

/** The layouts tried for a source, for the message that says none fitted. */
export function layoutsFor(source?: StatementSource): StatementLayout[] {
  assertInput(layoutsArgs, { source }, 'layoutsFor');
  return STATEMENT_LAYOUTS.filter((l) => !source || l.source === source);
}
