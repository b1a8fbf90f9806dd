import type { Command } from 'commander';
import { dateArg } from '../args.js';
import { withBook } from '../book-access.js';
import { printResult } from '../result.js';

type Opts = Record<string, string | string[] | boolean | undefined>;
const fmt = (o: Opts) => o.format as string | undefined;

export async function addCustomer(code: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { createCustomer } = await import('@tradeloop/store');
    const r = createCustomer(
      book,
      {
        code,
        name: o.name as string,
        ...(o.phone ? { phone: o.phone as string } : {}),
        ...(o.taxId ? { taxId: o.taxId as string } : {}),
        ...(o.tier ? { tier: o.tier as string } : {}),
      },
      { force: Boolean(o.force) },
    );
    printResult(fmt(o), r, () => `customer ${code} created`);
  });
}

export async function claim(code: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { claimCustomer } = await import('@tradeloop/store');
    claimCustomer(book, code, o.as as string, dateArg('--date', o.date as string));
    printResult(fmt(o), { customer: code, owner: o.as }, () => `${code} now belongs to ${o.as}`);
  });
}

export async function release(code: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { releaseCustomer } = await import('@tradeloop/store');
    releaseCustomer(book, code);
    printResult(fmt(o), { customer: code, owner: null }, () => `${code} is back in the public pool`);
  });
}

export async function followUp(code: string, o: Opts, cmd: Command) {
  await withBook(cmd, async (book) => {
    const { addFollowUp } = await import('@tradeloop/store');
    addFollowUp(book, {
      customer: code,
      date: dateArg('--date', o.date as string),
      note: o.note as string,
      ...(o.as ? { salesperson: o.as as string } : {}),
      ...(o.next ? { nextDate: dateArg('--next', o.next as string) } : {}),
    });
    printResult(fmt(o), { customer: code }, () => `follow-up with ${code} recorded`);
  });
}
