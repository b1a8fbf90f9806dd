import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, useTempDir } from './test-support.js';

// `tradeloop --version` and `--help` must stay about as fast as `node -e 0`: nothing heavy may be
// imported statically on the way from bin.js to the command tree. Heavy modules load in actions.
const HEAVY = [
  /^@tradeloop\//,
  /^exceljs$/,
  /^ink$/,
  /^react$/,
  /^zod$/,
  /^decimal\.js$/,
  /^@duckdb\//,
  /^better-sqlite3$/,
  /^csv-/,
];

/**
 * Modules of ours that the start-up path may load, each with no run-time imports but Node's own:
 * the refusal types every command's error handling needs, and the bridge that opens a PostgreSQL
 * book's connection while the engine loads.
 */
const LIGHT = new Set(['@tradeloop/store/rejection', '@tradeloop/store/pg-bridge']);

function staticImports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*import\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
  return specs.flatMap((s) => (s.startsWith('.') ? [s, ...staticImports(resolve(dirname(file), s), seen)] : [s]));
}

describe('start-up path', () => {
  it('loads no heavy module before a command runs', () => {
    const bin = join(ROOT, 'packages/cli/dist/bin.js');
    const imported = staticImports(bin).filter((s) => !s.startsWith('.'));
    expect(imported.filter((s) => HEAVY.some((h) => h.test(s)) && !LIGHT.has(s))).toEqual([]);
    // A light module of ours stays light: it imports nothing at run time but Node's own modules.
    for (const light of LIGHT)
      if (imported.includes(light))
        expect(
          staticImports(join(ROOT, 'packages/store/dist', `${light.split('/').at(-1)}.js`)).filter(
            (s) => !s.startsWith('node:'),
          ),
        ).toEqual([]);
    expect(imported).toContain('commander');
  });

  it('answers --version from the front alone, and a book command loads the engine but no heavy module', () => {
    const version = traced(['--version']);
    expect(version.scripts).toEqual(['front.cjs']);
    // Only Node's own modules, and the loader's files.
    expect(version.loaded.filter((id) => !id.startsWith('node:') && !id.startsWith('.') && !isAbsolute(id))).toEqual(
      [],
    );
    const init = traced(['init', '--db', join(dir(), 'book.db')]);
    expect(init.scripts).toEqual(['front.cjs', 'engine.cjs']);
    expect(init.loaded).toContain('better-sqlite3');
    for (const heavy of ['@duckdb/node-api', 'exceljs', 'ink', 'react', 'pg', '@node-rs/argon2', 'node:child_process'])
      expect(init.loaded, heavy).not.toContain(heavy);
  });

  it('carries the workspace packages and pure-JavaScript libraries in the engine, commander in the front, natives outside', () => {
    const front = readFileSync(join(BUNDLE, 'front.cjs'), 'latin1');
    const engine = readFileSync(join(BUNDLE, 'engine.cjs'), 'latin1');
    // Each of these would cost a command the resolving and loading of hundreds of small files.
    for (const inside of ['@tradeloop/core', '@tradeloop/store', '@tradeloop/analytics', 'kysely', 'zod', 'commander'])
      expect([...requires(front), ...requires(engine)], inside).not.toContain(inside);
    expect(requires(engine)).toContain('better-sqlite3');
    // The book's code and zod wait in the engine; the front stays small.
    for (const code of ['sales_orders_open', '$ZodType']) {
      expect(front.includes(code), code).toBe(false);
      expect(engine.includes(code), code).toBe(true);
    }
    expect(statSync(join(BUNDLE, 'front.cjs')).size).toBeLessThan(512 * 1024);
    // Plain ASCII, as the loader reads it.
    for (const text of [front, engine]) expect(/[^\0-\x7f]/.test(text)).toBe(false);
  });

  it('starts from the code cache the build warmed, and never from a cache of another file', () => {
    // The build warmed both caches; a run accepts them.
    const run = traced(['--version']);
    expect(run.cached).toEqual([true]);
    // A file rebuilt to the same length meets its old cache: V8 would accept it and run the old
    // code (it checks the length only), so the cache names the file it was made from.
    const file = join(dir(), 'answer.cjs');
    const load = (env: Record<string, string> = {}) =>
      execFileSync(
        process.execPath,
        ['-e', `process.stdout.write(require(${JSON.stringify(LOADER)}).loadCached(${JSON.stringify(file)}))`],
        {
          encoding: 'utf8',
          env: { ...process.env, ...env },
        },
      );
    writeFileSync(file, "module.exports = 'one';");
    expect(load()).toBe('one');
    expect(existsSync(`${file}.v8-cache`)).toBe(true);
    expect(load()).toBe('one');
    writeFileSync(file, "module.exports = 'two';");
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(load()).toBe('two');
    // Off: nothing read, nothing written.
    rmSync(`${file}.v8-cache`);
    expect(load({ TRADELOOP_CODE_CACHE: 'off' })).toBe('two');
    expect(existsSync(`${file}.v8-cache`)).toBe(false);
  });
});

const BUNDLE = join(ROOT, 'packages/cli/dist/bundle');
const LOADER = join(ROOT, 'packages/cli/bin/load-program.cjs');
const dir = useTempDir();

/** What a bundle file requires from outside itself, by name. */
const requires = (text: string): string[] => [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? '');

/**
 * Run the installed command and say which bundle files it compiled (whether from an accepted
 * cache) and which modules it loaded through Node's `require`.
 */
function traced(args: string[]): { scripts: string[]; cached: boolean[]; loaded: string[] } {
  const spy = join(dir(), 'spy.cjs');
  writeFileSync(
    spy,
    `const vm = require('node:vm'); const Module = require('node:module'); const { basename } = require('node:path');
const seen = { scripts: [], cached: [], loaded: [] };
const Script = vm.Script;
vm.Script = class extends Script { constructor(code, options) { super(code, options); seen.scripts.push(basename(options.filename)); seen.cached.push(options.cachedData !== undefined && !this.cachedDataRejected); } };
const load = Module._load;
Module._load = function (id, ...rest) { if (!seen.loaded.includes(id)) seen.loaded.push(id); return load.call(this, id, ...rest); };
process.on('exit', () => require('node:fs').writeFileSync(process.env.SPY_OUT, JSON.stringify(seen)));`,
  );
  const out = join(dir(), 'spy.json');
  execFileSync(process.execPath, ['--require', spy, BIN, ...args], {
    env: { ...process.env, SPY_OUT: out },
    stdio: 'ignore',
  });
  return JSON.parse(readFileSync(out, 'utf8'));
}
