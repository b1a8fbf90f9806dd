import { z } from 'zod';
import { parseDate } from './calendar.js';
import {
  assertInput,
  dateInput,
  inputIssues,
  inputIssuesOnce,
  minorInput,
  nonNegativeMinorInput,
  roundingInput,
} from './input.js';
import { fail, type Issue, ok, type Result } from './issue.js';
import { comparableName } from './matching.js';
import { type Minor, type MoneyOptions, parseMoney } from './money.js';
import { type LayoutMatch, layoutMatchInput, type StatementField } from './statement-layouts.js';

/** Which way money moved on the account: in, out, or not at all. */
export type StatementDirection = 'in' | 'out' | 'none';

/**
 * What a line is: a trade (a payer paying, or paying a payee), a refund, a fee the bank or wallet
 * took, or a transfer between one's own accounts.
 */
export type StatementKind = 'trade' | 'refund' | 'fee' | 'transfer';

/** Why a line moved no money: it is kept with this, and never matched. */
export type NoMoneyReason = 'closed' | 'failed' | 'refunded' | 'internal';

/** One statement line in the one model every source is read into. */
export interface StatementEntry {
  date: string;
  direction: StatementDirection;
  kind: StatementKind;
  /** What the payer sent (in) or what was paid (out), before any fee. Never negative. */
  gross: Minor;
  /** What the bank or wallet kept. Never negative. */
  fee: Minor;
  /** The change of the account: gross − fee in, −(gross + fee) out, 0 when no money moved. */
  net: Minor;
  /** The status as the source wrote it (交易成功, 已全额退款 …), or ''. */
  status: string;
  /** Set when no money moved. */
  reason?: NoMoneyReason;
  counterparty: string;
  counterpartyAccount: string;
  memo: string;
  /** The bank's or wallet's own transaction id first, then merchant order numbers. */
  references: string[];
}

export interface StatementReadOptions extends MoneyOptions {
  /** The company's own names: a line with one of them on the other side is an own-account transfer. */
  ownNames?: readonly string[];
}

const entryInput = z.object({
  date: z.union([dateInput, z.literal('')]),
  direction: z.enum(['in', 'out', 'none']),
  kind: z.enum(['trade', 'refund', 'fee', 'transfer']),
  gross: nonNegativeMinorInput,
  fee: nonNegativeMinorInput,
  net: minorInput,
  status: z.string(),
  reason: z.enum(['closed', 'failed', 'refunded', 'internal']).optional(),
  counterparty: z.string(),
  counterpartyAccount: z.string(),
  memo: z.string(),
  references: z.array(z.string()),
}) satisfies z.ZodType<StatementEntry>;
const readOptionsInput = z.object({
  precision: z.int().min(0).max(10).optional(),
  rounding: roundingInput.optional(),
  ownNames: z.array(z.string()).optional(),
});
const cellsInput = z.array(z.string().optional());
const cellArgs = z.object({ cell: z.string().optional() });
const pairArgs = z.object({ entries: z.array(entryInput) });
const classArgs = z.object({ entry: entryInput });

/** Clean a cell as exports write them: padding, a trailing tab, a leading backtick, `="…"`. */
export function statementCell(cell: string | undefined): string {
  // Called for every cell of a statement: the schema runs (and words the problem) only when typeof fails.
  if (cell !== undefined && typeof cell !== 'string') assertInput(cellArgs, { cell }, 'statementCell');
  let t = (cell ?? '').replace(/\t/g, ' ').trim();
  const formula = /^="(.*)"$/.exec(t);
  if (formula) t = formula[1] ?? '';
  t = t.replace(/^`/, '').trim();
  return t === '/' || t === '--' || t === '-' ? '' : t;
}

const STATUS: [RegExp, NoMoneyReason][] = [
  [/全额退款|^已退款$/, 'refunded'],
  [/交易关闭|已关闭|^关闭$|已撤销|已取消|^revoked$|^closed$/i, 'closed'],
  [/失败|^fail(ed)?$|已冲正|^payerror$/i, 'failed'],
];

/** Wallet operations that only move money between one's own balances and cards. */
const OWN_TRANSFER =
  /零钱提现|零钱充值|零钱通|理财通|余额宝|转入零钱|转出到|充值|提现|信用卡还款|还款|转账到银行卡|余额转入|资金转移|内部转账/;
/** Payment houses whose name on a bank line means money from one's own wallet. */
const WALLET_HOUSES = ['财付通支付科技有限公司', '财付通', '支付宝(中国)网络技术有限公司', '支付宝'];
const FEE_TYPE = /手续费|服务费|^收费$|费用|工本费|年费|管理费/;
const REFUND_TYPE = /退款|退货/;
/** A fee written in a note, as WeChat Pay does: `服务费¥0.60`. */
const NOTE_FEE = /服务费[:：]?\s*[¥￥]?\s*([0-9][0-9,]*(?:\.[0-9]+)?)/;

const IN_WORDS = /^(收入|收|入|贷|贷方|存入|已收入|收款|in|credit|cr|c|\+)$/i;
const OUT_WORDS = /^(支出|支|出|借|借方|取出|已支出|付款|out|debit|dr|d|-)$/i;
const NEUTRAL_WORDS = /^(不计收支|其他|\/|)$/;

function moneyOf(text: string, options: MoneyOptions): Result<Minor> {
  const t = text
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s+/g, '')
    .replace(/元$/, '');
  if (t === '') return ok(0);
  // `-¥12.50`, `¥-12.50` and `(12.50)` all say money out.
  const r = parseMoney(t.replace(/^([+-])[¥￥]/, '$1'), options);
  return r;
}

/**
 * Read one row of a statement into the line model. `cells` is the row; `match` says which
 * column holds what. Returns `null` for a row that is no line (a blank amount with no other
 * money), and issues naming the column for what cannot be money or a date.
 *
 * Rules, the same for every source:
 * - Signed amounts and `(50.00)` mean money out; split 收入/支出 columns say it by column; a
 *   收/支 or 借/贷 column says it in words (不计收支 and `/` move no money).
 * - Closed, failed and fully refunded lines, and transfers between one's own accounts, move no
 *   money: kept with the reason, never matched.
 * - Refund lines are refunds whichever way they go; fees are kept apart from the gross, and a
 *   line that is only a fee is a fee.
 *
 * @example
 * readStatementRow(detectStatementLayout(['交易日期', '金额', '摘要', '对方户名'])!, ['2026-11-18', '-969.51', '退货退款', '张三'])
 * // ok({ direction: 'out', kind: 'refund', gross: 96951, fee: 0, net: -96951, … })
 */
export function readStatementRow(
  match: LayoutMatch,
  cells: readonly string[],
  options: StatementReadOptions = {},
): Result<StatementEntry | null> {
  // The layout and options are the same object for every row of a file: checked once each.
  const bad =
    inputIssuesOnce(layoutMatchInput, match, ['match']) ??
    inputIssuesOnce(readOptionsInput, options, ['options']) ??
    (Array.isArray(cells) && cells.every((c) => c === undefined || typeof c === 'string')
      ? undefined
      : inputIssues(cellsInput, cells, ['cells']));
  if (bad) return fail(...bad);
  const { columns } = match;
  const get = (field: StatementField): string => statementCell(cells[columns[field]?.[0] ?? -1]);
  const all = (field: StatementField): string[] =>
    (columns[field] ?? []).map((i) => statementCell(cells[i])).filter((t) => t !== '');
  const issues: Issue[] = [];
  const money = (field: StatementField): Minor => {
    const text = get(field);
    const r = moneyOf(text, options);
    if (r.ok) return r.value;
    issues.push({ ...(r.issues[0] as Issue), path: [field], value: text });
    return 0;
  };

  const dateText = all('date')[0] ?? '';
  const date = parseDate(
    dateText
      .replace(/[T\s].*$/, '')
      .replace(/\//g, '-')
      .replace(/-(\d)(?=-|$)/g, '-0$1'),
  );
  if (!date.ok)
    issues.push({ code: 'date.format', path: ['date'], message: 'must be a date like 2026-03-05', value: dateText });

  let direction: StatementDirection | undefined;
  let gross = 0;
  if (columns.in !== undefined || columns.out !== undefined) {
    const inAmount = columns.in ? Math.abs(money('in')) : 0;
    const outAmount = columns.out ? Math.abs(money('out')) : 0;
    if (inAmount > 0 && outAmount > 0) {
      issues.push({
        code: 'statement.both_directions',
        path: ['in'],
        message: 'has money both in and out on one line; split it into two lines',
        value: `${get('in')} / ${get('out')}`,
      });
    }
    if (inAmount > 0) [direction, gross] = ['in', inAmount];
    else if (outAmount > 0) [direction, gross] = ['out', outAmount];
    else if (columns.amount !== undefined) {
      const signed = money('amount');
      if (signed !== 0) [direction, gross] = [signed < 0 ? 'out' : 'in', Math.abs(signed)];
    }
  } else {
    const signed = money('amount');
    gross = Math.abs(signed);
    if (columns.direction !== undefined) {
      const word = get('direction');
      if (IN_WORDS.test(word)) direction = signed < 0 ? 'out' : 'in';
      else if (OUT_WORDS.test(word)) direction = signed < 0 ? 'in' : 'out';
      else if (NEUTRAL_WORDS.test(word)) direction = 'none';
      else
        issues.push({
          code: 'statement.direction',
          path: ['direction'],
          message: 'must say which way the money went: 收入 or 支出 (借 / 贷, in / out)',
          value: word,
        });
    } else if (signed !== 0) direction = signed < 0 ? 'out' : 'in';
  }
  if (issues.length > 0) return fail(...issues);

  let fee = columns.fee ? Math.abs(money('fee')) : 0;
  const notes = all('note').join(' ');
  const noteFee = NOTE_FEE.exec(notes);
  if (fee === 0 && noteFee?.[1]) {
    const r = moneyOf(noteFee[1], options);
    if (r.ok) fee = Math.abs(r.value);
  }
  const refunded = columns.refunded ? Math.abs(money('refunded')) : 0;
  if (issues.length > 0) return fail(...issues);

  const type = get('type');
  const status = get('status');
  const fundStatus = get('fundStatus');
  const counterparty = get('counterparty');
  const memo = [...all('memo'), ...(notes && !noteFee ? [notes] : [])]
    .filter((m, i, a) => a.indexOf(m) === i)
    .join(' ');
  const references = [...all('reference'), ...all('orderReference')].filter((r, i, a) => a.indexOf(r) === i);
  if (gross === 0 && fee === 0 && refunded === 0 && direction !== 'none') return ok(null);

  let kind: StatementKind = 'trade';
  let reason: NoMoneyReason | undefined;
  const statusReason = STATUS.find(([re]) => re.test(status))?.[1];
  const own = options.ownNames?.map(comparableName).filter((n) => n.length >= 2) ?? [];
  const party = comparableName(counterparty);
  if (
    REFUND_TYPE.test(type) ||
    /^(退款成功|退款|refund)$/i.test(status) ||
    (match.layout.source === 'bank' && REFUND_TYPE.test(memo))
  )
    kind = 'refund';
  // A merchant bill's refund row: the money went back out.
  if (match.layout.id === 'wechat-merchant' && refunded > 0 && /refund/i.test(status)) {
    // The fee a refund gives back is not booked: the refund is what the customer got.
    [kind, direction, gross, fee] = ['refund', 'out', refunded, 0];
  } else if (refunded > 0 && refunded >= gross) reason = 'refunded';
  else if (refunded > 0) gross -= refunded;
  if (statusReason === 'refunded' && kind === 'trade') reason = 'refunded';
  else if (statusReason === 'closed' || statusReason === 'failed') reason = statusReason;
  if (!reason) {
    if (direction === 'none' && kind === 'refund') reason = 'refunded';
    else if (
      direction === 'none' ||
      fundStatus === '资金转移' ||
      (match.layout.source !== 'bank' && OWN_TRANSFER.test(type)) ||
      (party.length >= 2 && own.includes(party)) ||
      (match.layout.source === 'bank' && WALLET_HOUSES.some((w) => comparableName(w) === party))
    )
      reason = 'internal';
  }
  if (reason) {
    return ok({
      date: date.ok ? date.value : '',
      direction: 'none',
      kind: reason === 'internal' ? 'transfer' : kind,
      gross,
      fee: 0,
      net: 0,
      status,
      reason,
      counterparty,
      counterpartyAccount: get('counterpartyAccount'),
      memo,
      references,
    });
  }
  if (kind === 'trade' && direction === 'out' && counterparty === '' && (FEE_TYPE.test(type) || FEE_TYPE.test(memo))) {
    [kind, fee, gross] = ['fee', gross + fee, 0];
  }
  const dir = direction ?? 'in';
  return ok({
    date: date.ok ? date.value : '',
    direction: dir,
    kind,
    gross,
    fee,
    net: dir === 'in' ? gross - fee : -(gross + fee),
    status,
    counterparty,
    counterpartyAccount: get('counterpartyAccount'),
    memo,
    references,
  });
}

/**
 * Pair refund lines with the lines they refund in full within one file: both then moved no money
 * (the payment came and went back), so neither is counted nor matched. A refund whose payment is
 * not in the file stays money out.
 */
export function pairFullRefunds(entries: readonly StatementEntry[]): StatementEntry[] {
  assertInput(pairArgs, { entries }, 'pairFullRefunds');
  const out = entries.map((e) => ({ ...e }));
  const used = new Set<number>();
  out.forEach((e, i) => {
    if (e.reason !== 'refunded' || e.kind !== 'trade') return;
    const j = out.findIndex(
      (r, k) =>
        !used.has(k) &&
        k !== i &&
        r.kind === 'refund' &&
        r.direction !== 'none' &&
        r.gross === e.gross &&
        comparableName(r.counterparty) === comparableName(e.counterparty),
    );
    if (j < 0) return;
    used.add(j);
    const r = out[j];
    if (r) Object.assign(r, { direction: 'none', fee: 0, net: 0, reason: 'refunded' as const });
  });
  return out;
}

/** How a line is counted in an import's summary. */
export function statementClass(e: StatementEntry): string {
  assertInput(classArgs, { entry: e }, 'statementClass');
  if (e.direction === 'none') return e.reason ?? 'no money';
  if (e.kind === 'fee') return 'fees';
  if (e.kind === 'refund') return e.direction === 'in' ? 'refunds in' : 'refunds out';
  return e.direction === 'in' ? 'money in' : 'money out';
}
