import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './test-support.js';

// Dependencies point one way: core ← store ← analytics ← cli, ui. The CLI starts the UI's built
// server, so it may name the UI; nothing else may point back up.
const LAYER: Record<string, number> = { core: 0, store: 1, analytics: 2, ui: 3, cli: 4 };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'dist', 'build', '.svelte-kit'].includes(e.name) ? [] : sources(path);
    return /\.(ts|svelte|js)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('workspace layering', () => {
  for (const [pkg, layer] of Object.entries(LAYER)) {
    it(`${pkg} depends only on packages below it`, () => {
      const dir = join(ROOT, 'packages', pkg);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const named = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
        .filter((d) => d.startsWith('@tradeloop/'))
        .map((d) => d.slice('@tradeloop/'.length));
      const imported = sources(join(dir, 'src')).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/['"]@tradeloop\/([a-z]+)/g)].map((m) => m[1] ?? ''),
      );
      named.push(...imported.filter((other) => other !== pkg));
      for (const other of new Set(named)) {
        const allowed = (LAYER[other] ?? 99) < layer;
        expect(allowed, `${pkg} must not depend on ${other}`).toBe(true);
      }
    });
  }
});
