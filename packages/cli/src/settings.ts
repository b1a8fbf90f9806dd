import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { TradeloopError } from '@tradeloop/core';

export const CONFIG_FILE = 'tradeloop.config.json';
export const DEFAULT_BOOK = 'tradeloop.db';

/** Look for the config file in `dir` and each folder above it. */
export function findConfig(dir: string): string | undefined {
  let current = resolve(dir);
  for (;;) {
    const candidate = join(current, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Which book to use: `--db` flag > `TRADELOOP_DB` > `db` in the nearest tradeloop.config.json
 * (relative to that file) > ./tradeloop.db.
 */
export function resolveBookPath(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  // A PostgreSQL book is named by its connection URL, not a file.
  const place = (base: string, path: string) => (/^postgres(ql)?:\/\//i.test(path) ? path : resolve(base, path));
  if (flag) return place(cwd, flag);
  if (env.TRADELOOP_DB) return place(cwd, env.TRADELOOP_DB);
  const config = findConfig(cwd);
  if (config) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(config, 'utf8'));
    } catch (error) {
      throw new TradeloopError('config.invalid', `${config} is not valid JSON: ${(error as Error).message}`, {
        hint: 'fix or remove the file',
      });
    }
    const db = (parsed as { db?: unknown }).db;
    if (typeof db === 'string' && db !== '') return place(dirname(config), db);
  }
  return resolve(cwd, DEFAULT_BOOK);
}
