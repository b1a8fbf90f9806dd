'use strict';
// Loads the built program (dist/bundle): `front.cjs`, commander, the command tree and the commands,
// and `engine.cjs`, the workspace packages, kysely, zod and the other pure-JavaScript libraries,
// loaded the first time a command asks for one of them, so that `--version` and `--help` never
// read the book's code.
//
// Each loads as Node loads a CommonJS file, but through V8's code cache: a command then starts
// from the code an earlier run compiled instead of parsing the program again (Node 20 has no
// compile cache of its own; `module.enableCompileCache` came with Node 22).
//
// The cache sits beside the file (`<file>.v8-cache`) and names the file's size and modification
// time: V8 itself checks only the source's length, its own version and its flags, so a rebuilt
// file of the same length must not meet the old cache. A cache V8 refuses, or none, is written
// again when the process exits, with every function the run compiled; a run with
// TRADELOOP_CODE_CACHE=refresh adds its functions to an accepted one (the build warms the cache
// so), and TRADELOOP_CODE_CACHE=off reads and writes none. A cache that cannot be written (a
// read-only install) is not an error: the program only starts slower.
const { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const MAGIC = 'tradeloop code cache 1';
const toWrite = [];

/**
 * import() for the bundle: code compiled from a code cache cannot import by itself on Node 20. An
 * outside package resolves from here as from the bundle: both sit in the command's package.
 */
const importOutside = (specifier) => import(specifier);

/** The first line of a cache file: what it was made from. */
const stampOf = (file) => {
  const { size, mtimeMs } = statSync(file);
  return `${MAGIC} ${size} ${Math.trunc(mtimeMs)}\n`;
};

function readCache(cacheFile, stamp) {
  try {
    const bytes = readFileSync(cacheFile);
    const head = Buffer.byteLength(stamp);
    return bytes.subarray(0, head).toString('latin1') === stamp ? bytes.subarray(head) : undefined;
  } catch {
    return undefined;
  }
}

function writeCaches() {
  for (const { script, cacheFile, stamp } of toWrite) {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, Buffer.concat([Buffer.from(stamp, 'latin1'), script.createCachedData()]));
      // Whole or not at all, whatever another process reads meanwhile.
      renameSync(temporary, cacheFile);
    } catch {
      try {
        unlinkSync(temporary);
      } catch {}
    }
  }
}

/**
 * Run `file` as a CommonJS module and return its exports. `links` answers `require` for ids the
 * file leaves to its loader; every other id resolves from the file's own place, as in Node.
 *
 * @param {string} file absolute path of the bundle
 * @param {Record<string, unknown>} [links]
 */
function loadCached(file, links = {}) {
  const mode = process.env.TRADELOOP_CODE_CACHE;
  // The build leaves the bundle plain ASCII: Latin-1 reads it as it is, without decoding UTF-8.
  const source = readFileSync(file, 'latin1');
  const cacheFile = `${file}.v8-cache`;
  const stamp = mode === 'off' ? '' : stampOf(file);
  const cachedData = mode === 'off' ? undefined : readCache(cacheFile, stamp);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  if (mode !== 'off' && (cachedData === undefined || script.cachedDataRejected || mode === 'refresh')) {
    if (toWrite.length === 0) process.once('exit', writeCaches);
    toWrite.push({ script, cacheFile, stamp });
  }
  const own = createRequire(file);
  const require = (id) => (id === 'tradeloop:import' ? importOutside : Object.hasOwn(links, id) ? links[id] : own(id));
  require.resolve = own.resolve;
  const module = { exports: {}, filename: file, id: file };
  script.runInThisContext()(module.exports, require, module, file, dirname(file));
  return module.exports;
}

/**
 * The program's front (its `main`), with the engine loaded when the front first asks for a package.
 *
 * @param {string} dir the bundle's folder
 */
function loadProgram(dir) {
  let engine;
  const fromEngine = (id) => {
    engine ??= loadCached(join(dir, 'engine.cjs'));
    return engine[id]();
  };
  return loadCached(join(dir, 'front.cjs'), { 'tradeloop:engine': fromEngine });
}

module.exports = { loadCached, loadProgram };
