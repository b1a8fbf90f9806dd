import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assertInput, COMPILE_AFTER_PARSES, dateInput, inputIssuesOnce, parseInput } from './input.js';
import { TradeloopError } from './issue.js';

describe('parseInput', () => {
  const schema = z.object({
    sku: z.string().min(1),
    qty: z.int().positive(),
    price: z.int().min(0),
    date: dateInput,
    kind: z.enum(['in', 'out']),
    lines: z.array(z.string()).min(1),
  });

  it('gives the parsed value when it fits', () => {
    const value = { sku: 'A', qty: 1, price: 0, date: '2026-03-05', kind: 'in', lines: ['x'] };
    expect(parseInput(schema, value)).toEqual({ ok: true, value });
  });

  it('says what is wrong in plain words, one issue per place, below the path it is given', () => {
    const r = parseInput(schema, { sku: '', qty: 0, price: -1, date: '2026-02-29', kind: 'up', lines: [] }, ['body']);
    expect(r).toEqual({
      ok: false,
      issues: [
        { code: 'input.invalid', path: ['body', 'sku'], message: 'must not be empty', value: '' },
        { code: 'input.invalid', path: ['body', 'qty'], message: 'must be more than 0', value: 0 },
        { code: 'input.invalid', path: ['body', 'price'], message: 'must not be negative', value: -1 },
        {
          code: 'input.invalid',
          path: ['body', 'date'],
          message: 'must be a date like 2026-03-05',
          value: '2026-02-29',
        },
        { code: 'input.invalid', path: ['body', 'kind'], message: 'must be one of "in", "out"', value: 'up' },
        { code: 'input.invalid', path: ['body', 'lines'], message: 'must hold at least 1 item' },
      ],
    });
  });

  it('names what came instead: nothing, null, NaN, Infinity, a fraction, text, a list', () => {
    const messages = (value: unknown) => {
      const r = parseInput(z.object({ n: z.int() }), { n: value });
      return r.ok ? [] : r.issues.map((i) => i.message);
    };
    expect(messages(undefined)).toEqual(['is required']);
    expect(messages(null)).toEqual(['must be a whole number, not null']);
    expect(messages(Number.NaN)).toEqual(['must be a whole number, not NaN']);
    expect(messages(Number.POSITIVE_INFINITY)).toEqual(['must be a whole number, not Infinity']);
    expect(messages(0.5)).toEqual(['must be a whole number, not 0.5']);
    expect(messages('12')).toEqual(['must be a whole number, not text']);
    expect(messages([1])).toEqual(['must be a whole number, not a list']);
    expect(messages(2 ** 60)).toEqual(['is too large to hold exactly']);
  });

  it('keeps a schema’s own message', () => {
    const r = parseInput(z.string().min(3, { error: 'is too short for a code' }), 'ab');
    expect(r).toMatchObject({ ok: false, issues: [{ message: 'is too short for a code' }] });
  });
});

describe('parseInput, before and after zod compiles the schema', () => {
  it('answers the same, good input and bad, however many times a schema was parsed', () => {
    const schema = z.object({
      sku: z.string().min(1),
      qty: z.int().positive(),
      lines: z.array(z.object({ n: z.int() })),
    });
    const good = { sku: 'T-1', qty: 3, lines: [{ n: 1 }] };
    const bad = { sku: '', qty: -1, lines: [{ n: 1.5 }] };
    const answers = Array.from({ length: COMPILE_AFTER_PARSES * 2 }, () => [
      parseInput(schema, good),
      parseInput(schema, bad, ['row']),
    ]);
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]?.[0]).toEqual({ ok: true, value: good });
    expect(answers[0]?.[1]?.ok).toBe(false);
  });
});

describe('assertInput', () => {
  it('throws input.invalid carrying every issue, the first one in its message', () => {
    const schema = z.object({ a: z.int(), b: z.string() });
    let error: unknown;
    try {
      assertInput(schema, { a: 'x' }, 'f');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TradeloopError);
    expect(error).toMatchObject({
      code: 'input.invalid',
      message: 'f: a must be a whole number, not text (and 1 more problem)',
      path: ['a'],
      issues: [
        { code: 'input.invalid', path: ['a'] },
        { code: 'input.invalid', path: ['b'], message: 'is required' },
      ],
    });
  });
});

describe('inputIssuesOnce', () => {
  it('checks an object the first time it comes, and not again for the next rows', () => {
    let runs = 0;
    const schema = z.object({ a: z.int() }).refine(() => {
      runs += 1;
      return true;
    });
    const options = { a: 1 };
    for (let row = 0; row < 1_000; row++) expect(inputIssuesOnce(schema, options)).toBeUndefined();
    expect(runs).toBe(1);
    expect(inputIssuesOnce(schema, { a: 'x' })).toMatchObject([{ path: ['a'] }]);
  });
});
