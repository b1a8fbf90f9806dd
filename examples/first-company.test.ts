import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgDriver } from '@tradeloop/store';
import { afterAll, describe, expect, it } from 'vitest';
import { tradeloop, useTempDir } from '../packages/cli/src/test-support.js';
import { startPostgres } from '../scripts/postgres.mjs';

const tempDir = useTempDir();
const README = fileURLToPath(new URL('../README.md', import.meta.url));
const FILES = fileURLToPath(new URL('./first-company', import.meta.url));

/** The README's "Your own company" walk-through: its shell lines, comments left out. */
export function walkThrough(readme: string): string[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Your own company'));
  if (!section) throw new Error('README has no "## Your own company" section');
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks
    .flatMap((b) => b.split('\n'))
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** A shell line's words: plain words and "double-quoted" ones, as the README writes them. */
const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');

/**
 * Every command of the walk-through in a copy of examples/first-company, as a shell there would
 * run them (`extra` adds to their environment): what each printed, by line, and the folder. With
 * the book elsewhere (`TRADELOOP_DB` in `extra`) nothing needs the folder as the working one: the
 * files are named by their whole path and the commands run in this process's CLI runner.
 */
function walk(extra: Record<string, string> = {}) {
  const dir = join(tempDir(), 'my-company');
  cpSync(FILES, dir, { recursive: true });
  const env = { XDG_CONFIG_HOME: join(dir, '.config'), TRADELOOP_SESSIONS: join(dir, '.sessions.json'), ...extra };
  const lines = walkThrough(readFileSync(README, 'utf8'));
  expect(lines.length).toBeGreaterThan(10);
  const outputs = new Map<string, string>();
  for (const line of lines) {
    const [command, ...args] = words(line);
    // Moving into the folder is done: the copy is the working folder.
    if (command === 'cd') continue;
    expect(command, line).toBe('tradeloop');
    const inFolder = extra.TRADELOOP_DB === undefined;
    const r = inFolder
      ? tradeloop(args, { cwd: dir, env })
      : tradeloop(
          args.map((a) => (existsSync(join(dir, a)) ? join(dir, a) : a)),
          { env },
        );
    expect(r.code, `${line}\n${r.stderr}`).toBe(0);
    outputs.set(line, inFolder ? r.stdout : r.stdout.replaceAll(`${dir}/`, ''));
  }
  return { dir, env, outputs };
}

/** What the walk-through printed on SQLite, for the same on PostgreSQL to be compared with. */
let onSqlite: Map<string, string> | undefined;
let pg: { url: string; stop: () => void } | undefined;
afterAll(() => pg?.stop());

describe('a company of its own, from the README', () => {
  it('runs every command of the walk-through as written, in a copy of examples/first-company', () => {
    const { dir, env, outputs } = walk();
    onSqlite = outputs;
    const out = (start: string) => [...outputs].find(([line]) => line.startsWith(start))?.[1] ?? '';
    const json = (...args: string[]) => {
      const r = tradeloop([...args, '-f', 'json'], { cwd: dir, env });
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
      return JSON.parse(r.stdout) as { rows: Record<string, unknown>[] };
    };
    // The order that needed approval was approved by the sales manager, not by who placed it.
    expect(json('approvals', 'history', 'SO-2026-000001').rows).toEqual([
      expect.objectContaining({
        step: 1,
        role: 'sales_manager',
        status: 'approved',
        decided_by: 'wang',
        asked_by: 'boss',
      }),
    ]);
    // The shortfall went to each product's preferred supplier, in its pack size (24 of T-001 for 20 short).
    expect(json('export', 'list', 'purchase-orders').rows.map((r) => [r.number, r.supplier, r.gross])).toEqual([
      ['PO-2026-000001', 'S01', '1410.24'],
      ['PO-2026-000002', 'S02', '2531.20'],
    ]);
    expect(out('tradeloop run reorder')).toMatch(/T-001 in WH1: 30[\s\S]*T-002 in WH1: 12/);
    expect(out('tradeloop post commission')).toMatch(/lin\s+base\s+10,000\.00\s+commission\s+300\.00/);
    expect(out('tradeloop amend order')).toContain('SO-2026-000002 amended, 1,093.84');
    expect(out('tradeloop return po')).toContain(
      'DN-2026-000001: back to the supplier at cost 104.00; owed 117.52 less',
    );
    expect(out('tradeloop match statement')).toContain('1 lines matched');
    expect(out('tradeloop report aging')).toMatch(/C002\s+│\s+0\.00\s+│\s+1,093\.84/);
    expect(out('tradeloop check')).toBe('');
    // Forty commands, each opening the book as a person's shell would: on a busy machine, a minute.
  }, 120_000);

  it('prints the same at every step with the book in PostgreSQL (TRADELOOP_DB)', async () => {
    pg = await startPostgres();
    const admin = new PgDriver(pg.url);
    admin.run('create database first_company', []);
    admin.close();
    const url = pg.url.replace(/\/postgres$/, '/first_company');
    const { outputs } = walk({ TRADELOOP_DB: url, TRADELOOP_REPORT_DIR: join(tempDir(), 'reports') });
    expect(onSqlite?.size).toBe(outputs.size);
    // The same words, but for where the book is and when a sign-in ends.
    const plain = (text = '') =>
      text
        .replaceAll(url, 'BOOK')
        .replace(/\/\S*\/my-company\/tradeloop\.db/g, 'BOOK')
        .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME');
    for (const [line, printed] of outputs) expect(plain(printed), line).toBe(plain(onSqlite?.get(line)));
  }, 120_000);
});
