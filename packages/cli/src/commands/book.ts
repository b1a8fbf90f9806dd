import type { Command } from 'commander';
import { z } from 'zod';
import { bookPathOf, withBook } from '../book-access.js';
import { EXIT, Reported } from '../cli-error.js';
import { opt, parseOptions } from '../options.js';
import { printResult } from '../result.js';

const formatOptions = z.object({ format: opt.resultFormat() });
const restoreOptions = formatOptions.extend({ force: opt.flag() });

/** `tradeloop check`: as hledger's, silent and exit 0 when the book is consistent. */
export async function checkBook(raw: unknown, cmd: Command) {
  const format = parseOptions(cmd, formatOptions, raw).format;
  await withBook(cmd, async (book) => {
    const { check } = await import('@tradeloop/store');
    const problems = check(book);
    if (format === 'json') printResult('json', problems, () => '');
    for (const p of problems) process.stderr.write(`error: ${p.message} [${p.code}]\n`);
    if (problems.length > 0) {
      const hints = new Set(
        problems.map((p) => p.hint ?? 'restore the last backup, or report this with the book attached'),
      );
      for (const hint of hints) process.stderr.write(`hint: ${hint}\n`);
      throw new Reported(EXIT.failure);
    }
  });
}

export async function backup(file: string, raw: unknown, cmd: Command) {
  const format = parseOptions(cmd, formatOptions, raw).format;
  await withBook(cmd, async (book) => {
    const { backupBook } = await import('@tradeloop/store');
    book.requirePermission('book.admin');
    const r = await backupBook(book, file);
    printResult(format, r, () => `backed up to ${r.path} (${r.pages} pages), verified`);
  });
}

/** `tradeloop restore`: refused (exit 4, `book.in_use`) while a server holds the book, unless --force. */
export async function restore(file: string, raw: unknown, cmd: Command) {
  const o = parseOptions(cmd, restoreOptions, raw);
  const { restoreBook } = await import('@tradeloop/store');
  const path = bookPathOf(cmd);
  // Only the owner replaces a book, as its users know it; a file not yet a book has no users.
  const { existsSync } = await import('node:fs');
  if (existsSync(path)) await withBook(cmd, async (book) => book.requirePermission('book.admin'));
  await restoreBook(file, path, { force: o.force });
  printResult(o.format, { restored: path, from: file }, () => `restored ${path} from ${file}`);
}
