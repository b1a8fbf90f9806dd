// Bundle the built CLI for start-up speed: the way from `tradeloop` to a parsed command (the
// command tree and commander) becomes a few files instead of a few dozen modules. Commands stay
// in their own chunks, loaded when they run; the workspace packages and every other dependency
// stay outside, loaded from node_modules as before.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const outdir = new URL('../dist/bundle/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [new URL('../dist/bin.js', import.meta.url).pathname],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Whitespace and syntax only: names stay, so a crash report's stack still names real functions.
  minifyWhitespace: true,
  minifySyntax: true,
  external: Object.keys(pkg.dependencies).filter((d) => d !== 'commander'),
  // commander is CommonJS; inside an ES module bundle its require() calls need a require.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
