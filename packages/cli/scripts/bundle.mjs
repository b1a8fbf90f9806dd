// Bundle the built CLI for start-up speed, as two CommonJS files that bin/load-program.cjs loads
// through V8's code cache (an ES module cannot use one on Node 20):
// - front.cjs: commander, the command tree and the commands, each command's code run when it runs;
// - engine.cjs: the workspace packages and the pure-JavaScript libraries every book command needs
//   (kysely, zod, csv), run only when a command first asks for one of them.
// Resolving and loading the hundreds of small modules of kysely, zod and the workspace packages
// cost more than most commands; so did parsing them again on every run. Native modules and the
// large ones only some commands load (charts, workbooks, the terminal UI, the web app) stay in
// node_modules. After building, a few commands warm the code cache.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// What the engine carries: the front asks for these by name.
const ENGINE = /^(@tradeloop\/(core|store|analytics)|kysely|zod|csv-parse|csv-stringify|cli-table3|pure-rand)(\/.*)?$/;
// Native modules, and the large ones only some commands load, stay in node_modules.
const OUTSIDE = [
  'better-sqlite3',
  // PostgreSQL's driver runs in a worker thread started from the store's own files.
  'pg',
  '@duckdb/node-api',
  '@resvg/resvg-js',
  'vega',
  'vega-lite',
  'exceljs',
  'ink',
  'react',
];
// The refusal a command throws and `main` recognises: one class for both files, in a file of its own.
const REJECTION = './rejection.cjs';

// zod's namespace carries every language's error messages (`z.locales`), which the program never
// reads: its messages are its own, in English and Chinese. Only English, zod's default, is kept,
// so that no run parses some forty languages' tables before its command.
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

/**
 * commander loads child_process (and with it net, dgram and their streams) for the subcommands it
 * could run as programs of their own, which tradeloop has none of: the module is loaded if ever
 * one spawns. Every command's start-up paid for it.
 */
const SPAWN = "const childProcess = require('node:child_process');";
const commanderSpawnOnDemand = {
  name: 'commander-spawn-on-demand',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(SPAWN)) throw new Error(`${args.path}: commander no longer loads child_process as expected`);
      return {
        contents: text.replace(
          SPAWN,
          "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
        ),
        loader: 'js',
      };
    });
  },
};

/** The store's refusal module, wherever it is imported from, is the shared file. */
const sharedRejection = {
  name: 'shared-rejection',
  setup(b) {
    b.onResolve({ filter: /^@tradeloop\/store\/rejection$/ }, () => ({ path: REJECTION, external: true }));
    b.onResolve({ filter: /^\.\/rejection\.js$/ }, (args) =>
      /[\\/]store[\\/]dist$/.test(args.resolveDir) ? { path: REJECTION, external: true } : undefined,
    );
  },
};

/** In the front, each engine package is a stand-in that asks the loader's engine for it. */
const asked = new Set();
const engineLinks = {
  name: 'engine-links',
  setup(b) {
    b.onResolve({ filter: ENGINE }, (args) => {
      // The refusal is a file of its own; the bridge to PostgreSQL's worker is small and starts
      // the connection before the engine loads (its state is shared with the engine's copy).
      if (args.path === '@tradeloop/store/rejection' || args.path === '@tradeloop/store/pg-bridge') return undefined;
      asked.add(args.path);
      return { path: args.path, namespace: 'engine' };
    });
    b.onLoad({ filter: /.*/, namespace: 'engine' }, (args) => ({
      contents: `module.exports = require('tradeloop:engine')(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/**
 * The engine's entry requires each package as the ES module the sources import, so that a package
 * with a CommonJS build of its own (zod) is not carried twice.
 */
const asModule = {
  name: 'as-module',
  setup(b) {
    b.onResolve({ filter: /^esm:/ }, (args) => ({ path: args.path.slice(4), namespace: 'as-module' }));
    b.onLoad({ filter: /.*/, namespace: 'as-module' }, (args) => ({
      contents: `export * from ${JSON.stringify(args.path)};`,
      resolveDir: dist,
    }));
  },
};

/**
 * The engine's entry for one package: a CommonJS package (cli-table3) as `require` gives it, as
 * Node gives it to the front's imports; any other as its ES module.
 */
async function linkOf(id) {
  const names = Object.keys(await import(id));
  const of = names.length === 1 && names[0] === 'default' ? id : `esm:${id}`;
  return `  ${JSON.stringify(id)}: () => require(${JSON.stringify(of)}),`;
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outdir = join(dist, 'bundle');
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Whitespace and syntax only: names stay, so a crash report's stack still names real functions.
  minifyWhitespace: true,
  minifySyntax: true,
  external: [...Object.keys(pkg.dependencies).filter((d) => !ENGINE.test(d) && d !== 'commander'), ...OUTSIDE],
  // The sources are ES modules that find their files from import.meta; in a CommonJS file that is
  // the file itself.
  define: { 'import.meta.url': '__tl_url', 'import.meta.resolve': '__tl_resolve' },
  banner: {
    js: "const __tl_url = require('node:url').pathToFileURL(__filename).href; const __tl_resolve = (s) => require('node:url').pathToFileURL(require.resolve(s)).href; const __tl_import = (s) => require('tradeloop:import')(s);",
  },
  logLevel: 'warning',
};

rmSync(outdir, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: [join(dist, 'main.js')],
  outfile: join(outdir, 'front.cjs'),
  external: [...common.external, 'tradeloop:engine'],
  plugins: [sharedRejection, engineLinks, commanderSpawnOnDemand],
});
await build({
  ...common,
  stdin: {
    contents: `module.exports = {\n${(await Promise.all([...asked].sort().map(linkOf))).join('\n')}\n};\n`,
    resolveDir: dist,
    sourcefile: 'engine.js',
  },
  outfile: join(outdir, 'engine.cjs'),
  plugins: [sharedRejection, zodEnglishOnly, asModule],
});
await build({
  ...common,
  entryPoints: [fileURLToPath(import.meta.resolve('@tradeloop/store/rejection'))],
  outfile: join(outdir, 'rejection.cjs'),
  banner: {},
  define: {},
});

// An outside package a command imports when it runs (workbooks, charts, the web app) is imported by
// the loader: code compiled from V8's code cache cannot import() by itself on Node 20.
// Each file is plain ASCII, so that the loader reads it as Latin-1, twice as fast as decoding UTF-8:
// esbuild escapes every other character but those in regular expressions, escaped here the same way.
for (const file of ['front.cjs', 'engine.cjs', 'rejection.cjs'].map((f) => join(outdir, f))) {
  const text = readFileSync(file, 'utf8').replace(/\bimport\(("[^".][^"]*")\)/g, '__tl_import($1)');
  if (/\bimport\(/.test(text)) throw new Error(`${file}: an import() the loader does not make`);
  if (/\\[^\0-\x7f]/.test(text))
    throw new Error(`${file}: an escaped non-ASCII character, which escaping would change`);
  const ascii = text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(file, ascii);
}

// Warm the code cache with what a working day runs: the command tree, a write, a check, a list,
// a report, on a small demo book (built without the cache, so that the demo's own code, which
// no other command runs, does not weigh on every command's start-up).
const bin = fileURLToPath(new URL('../bin/tradeloop.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'tradeloop-warm-'));
const book = join(work, 'warm.db');
const run = (args, cache) => {
  const env = { ...process.env, TRADELOOP_CODE_CACHE: cache, TRADELOOP_REPORT_DIR: work };
  const done = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
  if (done.status !== 0) throw new Error(`warming the code cache: tradeloop ${args.join(' ')} failed: ${done.stderr}`);
};
run(['init', '--demo', '--scale', '0', '--db', book], 'off');
for (const args of [
  ['--help'],
  ['place', 'order', '--customer', 'C001', '--warehouse', 'WH1', '--date', '2026-11-25', '--line', 'CLN-001:1'],
  ['check'],
  ['export', 'list', 'customers'],
  ['report', 'aging', '--as-of', '2026-11-26'],
])
  run(args[0] === '--help' ? args : [...args, '--db', book], 'refresh');
rmSync(work, { recursive: true, force: true });
