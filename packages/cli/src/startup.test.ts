import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './test-support.js';

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
 * Modules of ours that the start-up path may load: the refusal types every command's error
 * handling needs, kept in a module of their own with no run-time imports.
 */
const LIGHT = new Set(['@tradeloop/store/rejection']);

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
    // A light module of ours stays light: it imports nothing at run time.
    for (const light of LIGHT)
      if (imported.includes(light))
        expect(staticImports(join(ROOT, 'packages/store/dist', `${light.split('/').at(-1)}.js`))).toEqual([]);
    expect(imported).toContain('commander');
  });

  it('runs from a bundle that holds commander and leaves every heavy module to the commands', () => {
    const bundle = join(ROOT, 'packages/cli/dist/bundle/bin.js');
    const closure = bundleClosure(bundle);
    const bare = closure.flatMap((f) => bundleImports(f)).filter((s) => !s.startsWith('.'));
    expect(bare.filter((s) => HEAVY.some((h) => h.test(s)))).toEqual([]);
    expect(bare).not.toContain('commander');
    // The command tree and commander: small. The book's code waits in chunks until a command runs.
    const bytes = closure.reduce((sum, f) => sum + statSync(f).size, 0);
    expect(bytes).toBeLessThan(256 * 1024);
    for (const code of ['sales_orders_open', '$ZodType'])
      expect(
        closure.filter((f) => readFileSync(f, 'utf8').includes(code)),
        code,
      ).toEqual([]);
    expect(readFileSync(join(ROOT, 'packages/cli/bin/tradeloop.js'), 'utf8')).toContain("'../dist/bundle/bin.js'");
  });

  it('carries the workspace packages and pure-JavaScript libraries in the bundle, natives outside', () => {
    const dir = join(ROOT, 'packages/cli/dist/bundle');
    const bare = new Set(
      readdirSync(dir)
        .filter((f) => f.endsWith('.js'))
        .flatMap((f) => bundleImports(join(dir, f)))
        .filter((s) => !s.startsWith('.') && !s.startsWith('node:')),
    );
    // Each of these would cost a command the resolving and loading of hundreds of small files.
    for (const inside of ['@tradeloop/core', '@tradeloop/store', '@tradeloop/analytics', 'kysely', 'zod'])
      expect(bare.has(inside), inside).toBe(false);
    expect(bare.has('better-sqlite3')).toBe(true);
  });
});

/** Every specifier a minified bundle file imports statically (`import{a}from"./x.js"`). */
function bundleImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|[;\n])\s*import\s*(?:[\w$*{][^;'"]*?from\s*)?["']([^"']+)["']/g)].map(
    (m) => m[1] ?? '',
  );
}

/** The files a bundle file loads before any of its code runs: itself and its static imports. */
function bundleClosure(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const local = bundleImports(file).filter((s) => s.startsWith('.'));
  return [file, ...local.flatMap((s) => bundleClosure(resolve(dirname(file), s), seen))];
}
