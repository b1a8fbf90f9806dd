// `npm test`: install from the lockfile, build, lint, typecheck, and run every test (unit, CLI
// subprocess and browser). Ends with one line "N passed, N failed" summed over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pnpm, pnpmAsync, pnpmInBackground, ROOT, run } from './pnpm.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const checks = [];
let stageStart = Date.now();
const seconds = () => {
  const s = ((Date.now() - stageStart) / 1000).toFixed(0);
  stageStart = Date.now();
  return s;
};
const record = (name, code) => {
  checks.push({ name, ok: code === 0 });
  process.stderr.write(`test-all: ${name} ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds()} s\n`);
  return code === 0;
};

function ensureChromium() {
  if (existsSync(CHROMIUM)) return 0;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    process.stderr.write(`test-all: no Chromium at ${CHROMIUM}; install it with: sudo apt-get install chromium\n`);
    return 1;
  }
  process.stderr.write('test-all: installing Debian chromium for the browser test\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  return run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-wqy-microhei'], { env });
}

/** Debian's PostgreSQL server, for the store's tests on both engines: installed when missing, as Chromium is. */
function ensurePostgres() {
  const root = '/usr/lib/postgresql';
  const has = existsSync(root) && readdirSync(root).some((v) => existsSync(join(root, v, 'bin', 'initdb')));
  if (has) return 0;
  if (process.getuid?.() !== 0) {
    process.stderr.write('test-all: no PostgreSQL server; install it with: sudo apt-get install postgresql\n');
    return 1;
  }
  process.stderr.write('test-all: installing Debian postgresql for the store tests on PostgreSQL\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  return run('apt-get', ['install', '-y', '-qq', 'postgresql'], { env });
}

function summary() {
  const file = join(ROOT, '.test-results.json');
  let passed = checks.filter((c) => c.ok).length;
  let failed = checks.filter((c) => !c.ok).length;
  if (existsSync(file)) {
    const results = JSON.parse(readFileSync(file, 'utf8'));
    passed += results.numPassedTests;
    failed += results.numFailedTests;
    // A file that could not even load counts as a failure, not as nothing.
    failed += results.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

rmSync(join(ROOT, '.test-results.json'), { force: true });
if (!record('install', pnpm(['install', '--frozen-lockfile']))) summary();
if (!record('build', pnpm(['run', 'build']))) summary();
record('lint', pnpm(['run', 'lint']));
record('chromium', ensureChromium());
record('postgresql', ensurePostgres());
// The type check runs beside the tests: the tests leave a core idle much of the time (waiting on
// Chromium, servers and child processes), and the two together take a minute less than in turn.
const typecheck = pnpmInBackground(['run', 'typecheck']);
const tests = await pnpmAsync([
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile=.test-results.json',
]);
// vitest's own verdict counts too: an error outside any test (a setup that cannot load) leaves
// no test failed, and no test run.
record('tests', tests);
const checked = await typecheck;
if (checked.code !== 0) process.stderr.write(checked.output);
record('typecheck (beside the tests)', checked.code);
summary();
