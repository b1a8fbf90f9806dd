import type { AuditRow } from '@tradeloop/store';
import type { Command } from 'commander';
import { z } from 'zod';
import { type OptionContext, opt, resolvePeriod, withOptions } from '../options.js';
import { type Column, type Report, writeReport } from '../report-table.js';

const auditOptions = (c: OptionContext) =>
  z
    .object({
      format: opt.reportFormat(),
      output: opt.text().optional(),
      user: opt.text().optional(),
      record: opt.text().optional(),
      command: opt.text().optional(),
      period: opt.text().optional(),
    })
    .transform(resolvePeriod(c, undefined));

/**
 * `tradeloop audit`: who did what to which record, and when, oldest first. A table shows when in
 * the book's time zone and what changed in a few words; CSV, JSON and XLSX keep the time stamp as
 * written (UTC) and before and after as the JSON the log holds, with each row's hash.
 */
export async function audit(raw: unknown, cmd: Command) {
  await withOptions(cmd, auditOptions, raw, async (o, book) => {
    const { listAudit } = await import('@tradeloop/store');
    const rows = listAudit(book, { actor: o.user, record: o.record, command: o.command, period: o.period });
    const forPeople = o.format === 'table';
    const zone = book.settings().timeZone;
    const localTime = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      dateStyle: 'short',
      timeStyle: 'medium',
    });
    const columns: Column[] = [
      { key: 'id', title: 'ID', kind: 'count' },
      { key: 'at', title: forPeople ? `At 时间 (${zone})` : 'At 时间 (UTC)', kind: 'text' },
      { key: 'user', title: 'User 用户', kind: 'text' },
      { key: 'command', title: 'Command 操作', kind: 'text' },
      { key: 'record', title: 'Record 记录', kind: 'text' },
      ...(forPeople
        ? [{ key: 'change', title: 'Change 变更', kind: 'text' } satisfies Column]
        : [
            { key: 'before', title: 'Before 变更前', kind: 'text' } satisfies Column,
            { key: 'after', title: 'After 变更后', kind: 'text' } satisfies Column,
            { key: 'refused', title: 'Refused 拒绝', kind: 'text' } satisfies Column,
            { key: 'hash', title: 'Hash 哈希', kind: 'text' } satisfies Column,
          ]),
    ];
    const report: Report = {
      columns,
      rows: rows.map((r) => ({
        id: r.id,
        at: forPeople ? localTime.format(new Date(r.at)) : r.at,
        user: r.actor,
        command: r.command,
        record: recordOf(r),
        ...(forPeople
          ? { change: changeSummary(r) }
          : { before: r.before_json, after: r.after_json, refused: r.refused, hash: r.hash }),
      })),
    };
    await writeReport(report, o, book.settings().precision, 'audit');
  });
}

/** `products:TEA-001` when the row names its table, else the document as it is. */
const recordOf = (r: AuditRow): string | null =>
  r.record_table && r.document ? `${r.record_table}:${r.document}` : r.document;

const parsed = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value in a few characters: text bare, the rest as compact JSON, cut with an ellipsis. */
function brief(v: unknown, max = 24): string {
  const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * What a row changed, for a person: `price: 8800 → 9990` for each field whose value differs,
 * `inserted: 3; updated: 0` when there was nothing before, and the refusal for a refused action.
 */
export function changeSummary(r: Pick<AuditRow, 'before_json' | 'after_json' | 'refused'>, max = 80): string {
  const before = parsed(r.before_json);
  const after = parsed(r.after_json);
  let text: string;
  if (r.refused) {
    text = `refused ${r.refused}${isObject(after) && typeof after.message === 'string' ? `: ${after.message}` : ''}`;
  } else if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    text = keys
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => `${k}: ${k in before ? brief(before[k]) : '–'} → ${k in after ? brief(after[k]) : '–'}`)
      .join('; ');
  } else if (isObject(after)) {
    text = Object.entries(after)
      .map(([k, v]) => `${k}: ${brief(v)}`)
      .join('; ');
  } else if (after !== undefined) {
    text = brief(after, max);
  } else if (before !== undefined) {
    text = `was ${brief(before, max - 4)}`;
  } else {
    text = '';
  }
  return brief(text, max);
}
