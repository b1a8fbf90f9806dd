import { describe, expect, it } from 'vitest';
import { postgresBookOf } from './main.js';

describe('postgresBookOf', () => {
  it('names the PostgreSQL book of --db or TRADELOOP_DB, the flag first, and nothing for a file', () => {
    const argv = (...args: string[]) => ['node', 'tradeloop', ...args];
    const url = 'postgres://u@db.example/co';
    expect(postgresBookOf(argv('check', '--db', url), {})).toBe(url);
    expect(postgresBookOf(argv(`--db=${url}`, 'check'), {})).toBe(url);
    expect(postgresBookOf(argv('check'), { TRADELOOP_DB: 'postgresql://u@h/x' })).toBe('postgresql://u@h/x');
    expect(postgresBookOf(argv('check', '--db', 'co.db'), { TRADELOOP_DB: url })).toBeUndefined();
    expect(postgresBookOf(argv('check'), { TRADELOOP_DB: 'co.db' })).toBeUndefined();
    // After `--`, words are a command's own, not options.
    expect(postgresBookOf(argv('query', '--', '--db', url), {})).toBeUndefined();
  });
});
