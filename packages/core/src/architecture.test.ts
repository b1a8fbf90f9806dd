import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// core must stay pure: no I/O, no clock, no randomness, no database. Everything impure is a
// parameter handed in by the store, the CLI or an embedding program.
const FORBIDDEN: [RegExp, string][] = [
  [/from\s+['"]node:/, 'imports a node: module'],
  [
    /from\s+['"](fs|path|os|child_process|net|http|https|crypto|worker_threads|process)(\/[^'"]*)?['"]/,
    'imports a Node built-in',
  ],
  [/from\s+['"](better-sqlite3|kysely|@duckdb\/[^'"]+|sqlite3|pg|mysql2?)['"]/, 'imports a database driver'],
  [/import\s*\(\s*['"]/, 'imports dynamically'],
  [/\brequire\s*\(/, 'calls require'],
  [/\bDate\.now\s*\(/, 'reads the clock with Date.now()'],
  [/\bnew\s+Date\s*\(\s*\)/, 'reads the clock with new Date()'],
  [/\bMath\.random\s*\(/, 'uses Math.random()'],
  [/\bprocess\./, 'touches process'],
  [/@tradeloop\/(store|analytics|cli|ui)/, 'imports a package that depends on core'],
];

const srcDir = new URL('.', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    // test-support holds helpers for tests only; it is neither built nor shipped.
    if (e.isDirectory()) return e.name === 'test-support' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

export function findViolations(files: { name: string; text: string }[]): string[] {
  return files.flatMap(({ name, text }) =>
    FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(([, why]) => `${name} ${why}`),
  );
}

describe('core architecture', () => {
  it('has no I/O, clock, randomness or database in any source file', () => {
    const files = sourceFiles(srcDir).map((path) => ({
      name: relative(srcDir, path),
      text: readFileSync(path, 'utf8'),
    }));
    expect(files.length).toBeGreaterThan(5);
    expect(findViolations(files)).toEqual([]);
  });

  it('catches each kind of violation it is meant to catch', () => {
    const samples = [
      "import { readFileSync } from 'node:fs';",
      "import path from 'path';",
      "import Database from 'better-sqlite3';",
      "import { DuckDBInstance } from '@duckdb/node-api';",
      'const t = Date.now();',
      'const t = new Date();',
      'const r = Math.random();',
      'const e = process.env.X;',
      "import { Book } from '@tradeloop/store';",
    ];
    for (const text of samples) expect(findViolations([{ name: 'x.ts', text }]), text).toHaveLength(1);
    expect(
      findViolations([{ name: 'ok.ts', text: "import { z } from 'zod';\nconst d = new Date('2026-01-01');" }]),
    ).toEqual([]);
  });
});
