import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOCUMENT_SERIES } from '@tradeloop/core';
import { describe, expect, it } from 'vitest';
import { loadApprovalRules } from './approvals.js';
import type { Book } from './book.js';
import { listConfig, setConfig } from './config.js';
import { nextNumber } from './numbering.js';
import { upsertProducts } from './products.js';
import { createTestBook } from './test-support/demo-company.js';
import { fixedClock, sampleProduct, useTempDir } from './test-support/temp-book.js';
import { actorOf, addUser } from './users.js';

const tempDir = useTempDir();
const blank = async () => createTestBook(tempDir(), { clock: fixedClock, actor: 'boss' });
const entryOf = (book: Book, key: string) => listConfig(book).find((e) => e.key === key);

describe('book settings', () => {
  it('lists every setting with its default, and sets one at a time, audited with before and after', async () => {
    const book = await blank();
    expect(entryOf(book, 'crm.claim_cap')).toMatchObject({ value: '200', default: '200', set: false });
    expect(setConfig(book, 'crm.claim_cap', ' 150 ')).toEqual({ key: 'crm.claim_cap', before: '200', after: '150' });
    expect(entryOf(book, 'crm.claim_cap')).toMatchObject({ value: '150', set: true });
    expect(setConfig(book, 'prices_include_tax', '是')).toMatchObject({ after: 'yes' });
    expect(book.settings().pricesIncludeTax).toBe(true);
    expect(setConfig(book, 'time_zone', 'Europe/Berlin').after).toBe('Europe/Berlin');
    expect(book.settings().timeZone).toBe('Europe/Berlin');
    expect(setConfig(book, 'match.price_tolerance_bp', '2.5%').after).toBe('2.5%');
    expect(
      book.exec.select(
        "select actor, command, document, before_json, after_json from audit_log where command = 'setConfig'",
      ),
    ).toContainEqual({
      actor: 'boss',
      command: 'setConfig',
      document: 'crm.claim_cap',
      before_json: '{"crm.claim_cap":"200"}',
      after_json: '{"crm.claim_cap":"150"}',
    });
    book.close();
  });

  it('refuses an unknown key and a bad value, naming the key, and changes nothing', async () => {
    const book = await blank();
    const before = book.exec.select('select * from settings order by key');
    const refused = (key: string, value: string) => {
      let error: unknown;
      try {
        setConfig(book, key, value);
      } catch (e) {
        error = e;
      }
      expect(error, `${key}=${value}`).toMatchObject({
        code: 'command.rejected',
        message: expect.stringContaining(key),
      });
    };
    refused('crm.claim_capp', '10');
    refused('crm.claim_cap', '-1');
    refused('crm.claim_cap', 'many');
    refused('currency', 'RMB');
    refused('time_zone', 'Mars/Olympus');
    refused('rounding', 'up');
    refused('precision', '7');
    refused('prices_include_tax', 'maybe');
    refused('numbering.SO', 'SO-{####}');
    refused('numbering.SO', 'SO-{YYYY}-{##}');
    refused('numbering.SO', 'SO {YYYY}-{####}');
    refused('approval.order_amount.role', 'boss');
    refused('approval.order_amount.over', 'ten thousand');
    refused('approval.credit.second_role', 'owner');
    expect(book.exec.select('select * from settings order by key')).toEqual(before);
    book.close();
  });

  it('fixes currency and precision once the book holds amounts', async () => {
    const book = await blank();
    expect(setConfig(book, 'currency', 'usd').after).toBe('USD');
    expect(setConfig(book, 'precision', '3').after).toBe('3');
    upsertProducts(book, [sampleProduct()]);
    expect(() => setConfig(book, 'precision', '2')).toThrow(/fixed once the book holds amounts/);
    expect(() => setConfig(book, 'currency', 'EUR')).toThrow(/fixed once the book holds amounts/);
    expect(book.settings()).toMatchObject({ currency: 'USD', precision: 3 });
    book.close();
  });

  it('has a numbering setting for every series the store numbers', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const prefixes = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .flatMap((f) =>
        [...readFileSync(join(dir, f), 'utf8').matchAll(/nextNumber\(book, '([A-Z]+)'/g)].map((m) => m[1]),
      );
    expect(prefixes.length).toBeGreaterThan(10);
    for (const prefix of new Set(prefixes)) expect(Object.keys(DOCUMENT_SERIES)).toContain(prefix);
  });

  it('numbers documents by the pattern of their series, the counter per year', async () => {
    const book = await blank();
    setConfig(book, 'numbering.SO', 'XS{YY}{MM}-{####}');
    const numbers = book.batch(() => [
      nextNumber(book, 'SO', '2026-03-02'),
      nextNumber(book, 'SO', '2026-04-01'),
      nextNumber(book, 'SO', '2027-01-05'),
      nextNumber(book, 'PO', '2026-03-02'),
    ]);
    expect(numbers).toEqual(['XS2603-0001', 'XS2604-0002', 'XS2701-0001', 'PO-2026-000001']);
    book.close();
  });

  it('sets approval thresholds and roles one field at a time, a second step included', async () => {
    const book = await blank();
    expect(entryOf(book, 'approval.order_amount.over')?.value).toBe('50,000.00');
    setConfig(book, 'approval.order_amount.over', '20000');
    setConfig(book, 'approval.order_amount.second_over', '100,000');
    setConfig(book, 'approval.order_amount.second_role', 'accountant');
    expect(loadApprovalRules(book).order_amount).toEqual({
      over: 2_000_000,
      role: 'sales_manager',
      second: { over: 10_000_000, role: 'accountant' },
    });
    expect(() => setConfig(book, 'approval.order_amount.second_over', '100')).toThrow(/second step starts at or above/);
    setConfig(book, 'approval.order_amount.second_over', 'none');
    expect(loadApprovalRules(book).order_amount.second).toBeNull();
    book.close();
  });

  it('is the owner’s to change; others read it', async () => {
    const book = await blank();
    await addUser(book, { name: 'boss', roles: ['owner'] }, 'boss-password-1');
    await addUser(book, { name: 'acc', roles: ['accountant'] }, 'acc-password-1');
    book.actAs(actorOf(book, 'acc'));
    expect(entryOf(book, 'company')?.value).toBe('My Company');
    expect(() => setConfig(book, 'company', '华东茶叶')).toThrow(
      expect.objectContaining({ code: 'permission.denied' }),
    );
    expect(() => setConfig(book, 'approval.po_amount.over', '1')).toThrow(
      expect.objectContaining({ code: 'permission.denied' }),
    );
    book.close();
  });
});
