import { readFileSync } from 'node:fs';
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
    expect(imported.filter((s) => HEAVY.some((h) => h.test(s)))).toEqual([]);
    expect(imported).toContain('commander');
  });

  it('runs from a bundle that holds commander and leaves every heavy module to the commands', () => {
    const bundle = join(ROOT, 'packages/cli/dist/bundle/bin.js');
    const imported = staticImports(bundle).filter((s) => !s.startsWith('.'));
    expect(imported.filter((s) => HEAVY.some((h) => h.test(s)))).toEqual([]);
    expect(imported).not.toContain('commander');
    expect(readFileSync(join(ROOT, 'packages/cli/bin/tradeloop.js'), 'utf8')).toContain("'../dist/bundle/bin.js'");
  });
});
