import { DEFAULT_NUMBERING, type IsoDate, renderNumber } from '@tradeloop/core';
import type { Book } from './book.js';

/**
 * The next human document number of a series for the year of `date`: `SO-2026-000123`, or as
 * the book's `numbering.<prefix>` pattern says.
 * Numbers are taken inside the command's transaction, so a rolled-back command leaves no gap.
 */
export function nextNumber(book: Book, prefix: string, date: IsoDate): string {
  const year = Number(date.slice(0, 4));
  // The series' next number and its pattern in one read; the write after it goes with the
  // command's next statement on a server.
  const row = book.exec.selectOne<{ next: number | null; pattern: string | null }>(
    `select (select next from doc_series where prefix = ? and year = ?) as next,
            (select value from settings where key = ?) as pattern`,
    prefix,
    year,
    `numbering.${prefix}`,
  );
  const n = row?.next ?? 1;
  if (row?.next != null)
    book.exec.execute('update doc_series set next = ? where prefix = ? and year = ?', n + 1, prefix, year);
  else book.exec.execute('insert into doc_series (prefix, year, next) values (?, ?, ?)', prefix, year, n + 1);
  return renderNumber(row?.pattern ?? DEFAULT_NUMBERING, { prefix, date, n });
}
