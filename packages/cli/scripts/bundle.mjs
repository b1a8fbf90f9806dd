// Bundle the built CLI for start-up speed: the way from `tradeloop` to a parsed command (the
// command tree and commander) becomes a few files instead of a few dozen modules. Commands stay
// in their own chunks, loaded when they run; the workspace packages and every other dependency
// stay outside, loaded from node_modules as before.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

// Pure JavaScript a command needs on every run goes into the bundle: resolving and loading the
// hundreds of small modules of kysely, zod and the workspace packages cost more than the command.
const INSIDE = [
  'commander',
  '@tradeloop/core',
  '@tradeloop/store',
  '@tradeloop/analytics',
  'csv-parse',
  'csv-stringify',
  'cli-table3',
  'pure-rand',
  'zod',
];
// Native modules, and the large ones only some commands load (charts, workbooks, the terminal
// UI, the web app), stay in node_modules.
const OUTSIDE = [
  'better-sqlite3',
  // PostgreSQL's driver runs in a worker thread that synckit starts from its own files.
  'synckit',
  'pg',
  '@duckdb/node-api',
  '@resvg/resvg-js',
  'vega',
  'vega-lite',
  'exceljs',
  'ink',
  'react',
];

// zod's namespace carries every language's error messages (`z.locales`), which the program never
// reads: its messages are its own, in English and Chinese. Only English, zod's default, is kept,
// so each run does not parse some forty languages' tables before its command.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '../locales/en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const outdir = new URL('../dist/bundle/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
await build({
  // bin.js is the command; index.js the same program as a library (main, for in-process runs).
  entryPoints: [
    new URL('../dist/bin.js', import.meta.url).pathname,
    new URL('../dist/index.js', import.meta.url).pathname,
  ],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Whitespace and syntax only: names stay, so a crash report's stack still names real functions.
  minifyWhitespace: true,
  minifySyntax: true,
  external: [...Object.keys(pkg.dependencies).filter((d) => !INSIDE.includes(d)), ...OUTSIDE],
  // commander is CommonJS; inside an ES module bundle its require() calls need a require.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  plugins: [zodEnglishOnly],
  logLevel: 'warning',
});
