import type { Command } from 'commander';
import { z } from 'zod';
import { bookPathOf, withBook } from '../book-access.js';
import { EXIT, Reported } from '../cli-error.js';
import { type OptionContext, opt, parseOptions, withOptions } from '../options.js';
import { printResult } from '../result.js';

const formatOptions = z.object({ format: opt.resultFormat() });
const restoreOptions = formatOptions.extend({ force: opt.flag() });
const checkOptions = formatOptions.extend({ full: opt.flag() });
const moveOptions = (c: OptionContext) =>
  formatOptions.extend({ to: opt.text(), asOf: opt.date().default(() => c.today) });

/** `tradeloop check`: as hledger's, silent and exit 0 when the book is consistent. */
export async function checkBook(raw: unknown, cmd: Command) {
  const { format, full } = parseOptions(cmd, checkOptions, raw);
  await withBook(cmd, async (book) => {
    const { check } = await import('@tradeloop/store');
    const problems = check(book, { full });
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

/**
 * `tradeloop move --to`: copy the book to the other engine, then prove the copy: `check` on both,
 * every table's rows the same (ids and all), and every report the same figure for figure. Exit 1
 * when anything differs, naming it; the book moved from is never changed.
 */
export async function move(raw: unknown, cmd: Command) {
  await withOptions(cmd, moveOptions, raw, async (o, book) => {
    const [store, analytics] = await Promise.all([import('@tradeloop/store'), import('@tradeloop/analytics')]);
    book.requirePermission('book.admin');
    const sourceProblems = store.check(book, { full: true });
    const summary = await store.moveBook(book, o.to);
    const copy = await store.Book.open(o.to, { actor: book.actor, clock: book.clock });
    let reports: { compared: number; differing: string[] };
    try {
      copy.actAs(book.principal);
      const [here, there] = [await analytics.reportFigures(book, o.asOf), await analytics.reportFigures(copy, o.asOf)];
      const names = Object.keys(here);
      reports = {
        compared: names.length,
        differing: names.filter((n) => JSON.stringify(here[n]) !== JSON.stringify(there[n])),
      };
    } finally {
      copy.close();
    }
    const result = {
      ...summary,
      sourceProblems: sourceProblems.map((p) => p.message),
      problems: summary.problems.map((p) => p.message),
      reports,
    };
    const ok =
      result.sourceProblems.length === 0 &&
      result.problems.length === 0 &&
      result.differences.length === 0 &&
      reports.differing.length === 0;
    printResult(o.format, result, () =>
      [
        `moved ${summary.from} to ${summary.to}: ${summary.rows} rows in ${summary.tables} tables`,
        `check: ${result.sourceProblems.length === 0 ? 'clean' : result.sourceProblems.join('; ')} here, ${
          result.problems.length === 0 ? 'clean' : result.problems.join('; ')
        } there`,
        `tables: ${summary.differences.length === 0 ? 'every row the same' : summary.differences.join('; ')}`,
        `reports as of ${o.asOf}: ${
          reports.differing.length === 0
            ? `all ${reports.compared} the same`
            : `${reports.differing.join(', ')} differ (${reports.compared} compared)`
        }`,
      ].join('\n'),
    );
    if (!ok) throw new Reported(EXIT.failure);
  });
}
