import type { Command } from 'commander';
import { bookPathOf, withBook } from '../book-access.js';
import { EXIT, Reported } from '../cli-error.js';
import { printResult } from '../result.js';

/** `tradeloop check`: as hledger's, silent and exit 0 when the book is consistent. */
export async function checkBook(o: { format?: string }, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { check } = await import('@tradeloop/store');
    const problems = check(book);
    if (o.format === 'json') printResult('json', problems, () => '');
    for (const p of problems) process.stderr.write(`error: ${p.message} [${p.code}]\n`);
    if (problems.length > 0) {
      process.stderr.write('hint: restore the last backup, or report this with the book attached\n');
      throw new Reported(EXIT.failure);
    }
  });
}

export async function backup(file: string, o: { format?: string }, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { backupBook } = await import('@tradeloop/store');
    const r = await backupBook(book, file);
    printResult(o.format, r, () => `backed up to ${r.path} (${r.pages} pages), verified`);
  });
}

/** `tradeloop restore`: refused (exit 4, `book.in_use`) while a server holds the book, unless --force. */
export async function restore(file: string, o: { format?: string; force?: boolean }, cmd: Command) {
  const { restoreBook } = await import('@tradeloop/store');
  const path = bookPathOf(cmd);
  await restoreBook(file, path, { force: o.force === true });
  printResult(o.format, { restored: path, from: file }, () => `restored ${path} from ${file}`);
}
