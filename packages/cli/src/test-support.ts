import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { PgDriver } from '@tradeloop/store';
import Database from 'better-sqlite3';
import { afterAll, afterEach, expect, inject, onTestFinished, vi } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'packages/cli/bin/tradeloop.js');
export const FIXTURES = join(ROOT, 'fixtures');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** What a `tradeloop` run is given beside its arguments. */
export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
}

let reportDir: string | undefined;

/** A PostgreSQL book's report copy is kept per machine (a cache folder): this run's own, here. */
function reportEnv(): Record<string, string> {
  if (!postgresServer()) return {};
  reportDir ??= mkdtempSync(join(tmpdir(), 'tradeloop-reports-'));
  return { TRADELOOP_REPORT_DIR: reportDir };
}

const baseEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  USER: 'tester',
  ...reportEnv(),
});

/** `tradeloop serve` on a free port, once it says where it listens; killed after the test. */
export function serve(db: string, args: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  // Killed when the test that started it ends. A hook at this module's top would be registered for
  // the first test file only: files of a worker share this module.
  onTestFinished(() => {
    child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const m = /listening on (http:\/\/[^\s,]+)/.exec(log);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
  });
}

/** Run the built `tradeloop` binary as a user would: a separate process, no terminal. */
export function tradeloopProcess(args: string[], options: RunOptions = {}): Run {
  // Exports of a full demo book run to megabytes: more than spawnSync keeps by default.
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...baseEnv(), ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The bundled program's `main`, run in a worker thread of this test file that stays up between
 * runs: each run is what `tradeloop ARGS` does in a fresh process (the same bundle, arguments,
 * environment, stdout, stderr and exit code), without paying for a process and its module
 * loading every time. The caller blocks until the run ends, as with a child process.
 */
const WORKER = `
const { workerData } = require('node:worker_threads');
const { signal, port, loader, bundle } = workerData;
const loaded = Promise.resolve().then(() => require(loader).loadProgram(bundle));
let current;
const fail = (error) => { if (current) current.fail(error); else throw error; };
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
const capture = (stream, sink) => {
  const write = stream.write;
  stream.write = (chunk, ...rest) => {
    sink(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = rest.find((x) => typeof x === 'function');
    if (done) done();
    return true;
  };
  return () => { stream.write = write; };
};
port.on('message', async ({ args, env }) => {
  let stdout = '';
  let stderr = '';
  const restoreOut = capture(process.stdout, (s) => { stdout += s; });
  const restoreErr = capture(process.stderr, (s) => { stderr += s; });
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const failed = new Promise((resolve) => {
    current = { fail: (error) => { stderr += String(error && error.stack ? error.stack : error) + '\\n'; resolve(1); } };
  });
  let code;
  try {
    const { main } = await loaded;
    code = await Promise.race([main(['node', 'tradeloop', ...args]), failed]);
  } catch (error) {
    stderr += String(error && error.stack ? error.stack : error) + '\\n';
    code = 1;
  } finally {
    current = undefined;
    restoreOut();
    restoreErr();
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
  port.postMessage({ code, stdout, stderr });
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

let runner: { port: MessagePort; signal: Int32Array } | undefined;

function cliRunner(): { port: MessagePort; signal: Int32Array } {
  if (runner) return runner;
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const loader = join(ROOT, 'packages/cli/bin/load-program.cjs');
  const bundle = join(ROOT, 'packages/cli/dist/bundle');
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { signal, port: port2, loader, bundle },
    transferList: [port2],
    env: baseEnv(),
    stdout: true,
    stderr: true,
  });
  worker.unref();
  runner = { port: port1, signal };
  return runner;
}

/**
 * Run `tradeloop ARGS` and wait for it: in this file's worker (see WORKER), or as a process
 * when it must start in another folder (a worker thread has no folder of its own).
 */
export function tradeloop(args: string[], options: RunOptions = {}): Run {
  if (options.cwd) return tradeloopProcess(args, options);
  const r = cliRunner();
  Atomics.store(r.signal, 0, 0);
  r.port.postMessage({ args, env: options.env ?? {} });
  const started = Date.now();
  // The flag, not the wake-up, says the run is done: a late wake-up from the last run can come.
  while (Atomics.load(r.signal, 0) === 0) {
    Atomics.wait(r.signal, 0, 0, 1000);
    if (Date.now() - started > 600_000) throw new Error(`tradeloop ${args.join(' ')} did not finish in 10 minutes`);
  }
  const reply = receiveMessageOnPort(r.port);
  if (!reply) throw new Error(`tradeloop ${args.join(' ')} ended without an answer`);
  return reply.message as Run;
}

/** `tradeloop` as a process running beside others: resolves when it has exited. */
export function tradeloopAsync(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, USER: 'tester', ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh folder per test, removed afterwards. */
export function useTempDir(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), 'tradeloop-cli-'));
    dirs.push(d);
    return d;
  };
}

let smallDemo: string | undefined;
afterAll(() => {
  if (smallDemo) rmSync(dirname(smallDemo), { recursive: true, force: true });
  smallDemo = undefined;
});

/**
 * The run's throwaway PostgreSQL when this project runs the CLI's tests on it (`cli-postgres`):
 * each test's book is then a database there, not a file.
 */
function postgresServer(): string | undefined {
  return (inject as (key: string) => string | undefined)('postgres');
}

/** Whether this run keeps the tests' books on PostgreSQL (`cli-postgres`). */
export const POSTGRES_RUN = postgresServer() !== undefined;

/** Whether a book is a PostgreSQL database rather than a file. */
export const onPostgres = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);

/** A statement on the server's own database (making and dropping books' databases). */
function onServer(server: string, sql: string): void {
  const admin = new PgDriver(server);
  try {
    // A database just closed may take a moment to lose its last connection.
    for (let attempt = 0; ; attempt++) {
      try {
        admin.run(sql, []);
        return;
      } catch (error) {
        if (attempt > 100 || !/being accessed by other users/.test(String(error))) throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      }
    }
  } finally {
    admin.close();
  }
}

let databases = 0;
const databaseOf = (server: string, name: string) => server.replace(/\/[^/]*$/, `/${name}`);

/**
 * Where a test's book goes: `name` in `dir`, or on the CLI's PostgreSQL run a new empty database
 * (what `init` takes) named for this process.
 */
export function bookAt(dir: string, name = 'co.db'): string {
  const server = postgresServer();
  if (!server) return join(dir, name);
  const database = `cli_${process.pid}_${++databases}`;
  onServer(server, `create database ${database}`);
  return databaseOf(server, database);
}

/** Rows a statement (with `?` placeholders) reads from a book, file or database, outside any command. */
export function readBook<T>(db: string, sql: string, ...params: unknown[]): T[] {
  if (onPostgres(db)) {
    const driver = new PgDriver(db);
    try {
      return driver.all<T>(sql, params);
    } finally {
      driver.close();
    }
  }
  const file = new Database(db, { readonly: true });
  try {
    return file.prepare(sql).all(...params) as T[];
  } finally {
    file.close();
  }
}

/** A change made to a book behind tradeloop's back (as someone holding the file or database would). */
export function writeBook(db: string, sql: string, ...params: unknown[]): void {
  if (onPostgres(db)) {
    const driver = new PgDriver(db);
    try {
      driver.run(sql, params);
    } finally {
      driver.close();
    }
    return;
  }
  const file = new Database(db);
  try {
    file.prepare(sql).run(...params);
  } finally {
    file.close();
  }
}

let smallDemoDatabase: string | undefined;

/**
 * A copy of the demo company without its history (`init --demo --scale 0`) at `db`: built once
 * per test file and copied, as tests that each need a fresh small book spend their time in `init`
 * otherwise. The book is closed after `init`, so its one file is the whole book.
 */
export function smallDemoBook(db: string): void {
  const server = postgresServer();
  if (server && onPostgres(db)) {
    // On PostgreSQL the copy is a database made from the first one as its template.
    if (!smallDemoDatabase) {
      // Moved from the file the SQLite tests copy: the same book, made in a second, where making
      // the demo again statement by statement over the network takes twenty.
      const file = join(mkdtempSync(join(tmpdir(), 'tradeloop-demo-')), 'co.db');
      smallDemoBook(file);
      const template = bookAt('');
      const r = tradeloop(['move', '--to', template, '--db', file]);
      expect(r.code, r.stderr).toBe(0);
      rmSync(dirname(file), { recursive: true, force: true });
      smallDemoDatabase = template.slice(template.lastIndexOf('/') + 1);
    }
    const name = db.slice(db.lastIndexOf('/') + 1);
    onServer(server, `drop database ${name}`);
    onServer(server, `create database ${name} template ${smallDemoDatabase}`);
    return;
  }
  if (!smallDemo || !existsSync(smallDemo)) {
    const dir = mkdtempSync(join(tmpdir(), 'tradeloop-demo-'));
    smallDemo = join(dir, 'demo.db');
    const r = tradeloop(['init', '--demo', '--scale', '0', '--db', smallDemo]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(`${smallDemo}-wal`) ? readFileSync(`${smallDemo}-wal`).length : 0).toBe(0);
  }
  copyFileSync(smallDemo, db);
}

/**
 * Compare what users see with a golden file in fixtures/golden. Run with UPDATE_GOLDEN=1 to
 * rewrite the files after a deliberate change, then review the diff.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(FIXTURES, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.CI && !existsSync(path)) throw new Error(`golden file ${name} is missing`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/**
 * Run `tradeloop` inside the test's own process, from source: for tests that run many commands,
 * where a process per command would cost a third of a second each. Output is captured, not shown.
 */
export async function tradeloopInProcess(args: string[]): Promise<Run> {
  const { main } = await import('./main.js');
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'tradeloop', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
