import { assertBalanced, type JournalEntry } from '@tradeloop/core';
import type { Book } from './book.js';

/** Write a balanced entry from core's posting rules; an empty one (all legs zero) is skipped. */
export function writeEntry(book: Book, entry: JournalEntry): number | null {
  if (entry.lines.length === 0) return null;
  assertBalanced(entry);
  const id = Number(
    book.exec.execute(
      'insert into journal_entries (date, memo, source_kind, source_document) values (?, ?, ?, ?)',
      entry.date,
      entry.memo,
      entry.source.kind,
      entry.source.document,
    ).lastInsertRowid,
  );
  for (const l of entry.lines) {
    book.exec.execute(
      'insert into journal_lines (entry_id, account, debit_minor, credit_minor, party) values (?, ?, ?, ?, ?)',
      id,
      l.account,
      l.debit,
      l.credit,
      l.party ?? null,
    );
  }
  return id;
}

/** Every journal entry, for core's trial balance and profit; optionally up to a date (exclusive). */
export function listJournal(book: Book): JournalEntry[] {
  const entries = book.exec.select<{
    id: number;
    date: string;
    memo: string;
    source_kind: string;
    source_document: string;
  }>('select id, date, memo, source_kind, source_document from journal_entries order by date, id');
  const lines = book.exec.select<{
    entry_id: number;
    account: string;
    debit_minor: number;
    credit_minor: number;
    party: string | null;
  }>('select entry_id, account, debit_minor, credit_minor, party from journal_lines order by entry_id, id');
  const byEntry = new Map<number, JournalEntry['lines']>();
  for (const l of lines) {
    const list = byEntry.get(l.entry_id) ?? [];
    list.push({
      account: l.account,
      debit: l.debit_minor,
      credit: l.credit_minor,
      ...(l.party ? { party: l.party } : {}),
    });
    byEntry.set(l.entry_id, list);
  }
  return entries.map((e) => ({
    date: e.date,
    memo: e.memo,
    source: { kind: e.source_kind, document: e.source_document },
    lines: byEntry.get(e.id) ?? [],
  }));
}
