import type { Command } from 'commander';
import { z } from 'zod';
import { type OptionContext, opt, withOptions } from '../options.js';
import { printResult } from '../result.js';

const createOptions = () =>
  z.object({
    name: opt.text(),
    phone: opt.text().optional(),
    taxId: opt.text().optional(),
    tier: opt.text().optional(),
    force: opt.flag(),
    format: opt.resultFormat(),
  });

export async function addCustomer(code: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, createOptions, raw, async (o, book) => {
    const { createCustomer } = await import('@tradeloop/store');
    const r = createCustomer(
      book,
      {
        code,
        name: o.name,
        ...(o.phone ? { phone: o.phone } : {}),
        ...(o.taxId ? { taxId: o.taxId } : {}),
        ...(o.tier ? { tier: o.tier } : {}),
      },
      { force: o.force },
    );
    printResult(o.format, r, () => `customer ${code} created`);
  });
}

const claimOptions = (c: OptionContext) =>
  z.object({ as: opt.text(), date: opt.date().default(() => c.today), format: opt.resultFormat() });

export async function claim(code: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, claimOptions, raw, async (o, book) => {
    const { claimCustomer } = await import('@tradeloop/store');
    claimCustomer(book, code, o.as, o.date);
    printResult(o.format, { customer: code, owner: o.as }, () => `${code} now belongs to ${o.as}`);
  });
}

const releaseOptions = () => z.object({ format: opt.resultFormat() });

export async function release(code: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, releaseOptions, raw, async (o, book) => {
    const { releaseCustomer } = await import('@tradeloop/store');
    releaseCustomer(book, code);
    printResult(o.format, { customer: code, owner: null }, () => `${code} is back in the public pool`);
  });
}

const followUpOptions = (c: OptionContext) =>
  z.object({
    date: opt.date().default(() => c.today),
    note: opt.text(),
    as: opt.text().optional(),
    next: opt.date().optional(),
    format: opt.resultFormat(),
  });

export async function followUp(code: string, raw: unknown, cmd: Command) {
  await withOptions(cmd, followUpOptions, raw, async (o, book) => {
    const { addFollowUp } = await import('@tradeloop/store');
    addFollowUp(book, {
      customer: code,
      date: o.date,
      note: o.note,
      ...(o.as ? { salesperson: o.as } : {}),
      ...(o.next ? { nextDate: o.next } : {}),
    });
    printResult(o.format, { customer: code }, () => `follow-up with ${code} recorded`);
  });
}
