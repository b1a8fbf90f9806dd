// The open API over HTTP on the demo company and on the same company with many times its orders
// (sales history by the bulk path), in the same run: each operation's latency as a program sees it
// (a bearer token, keep-alive), and walking every order a page at a time. Ratios are the large
// book against the demo.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, serve } from '../e2e/browser.mjs';

const HISTORY = Number(process.env.BENCH_HISTORY ?? 60_000);
// Measured, not limited: the server started below allows this many requests a minute.
process.env.TRADELOOP_API_RATE = '1000000';
const RUNS = 30;

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** A demo book with an owner and a token of every scope, built by the CLI as a user would. */
function book(dir, name, history) {
  const db = join(dir, `${name}.db`);
  const env = { ...process.env, TRADELOOP_SESSIONS: join(dir, `${name}.sessions.json`) };
  const cli = (...args) =>
    execFileSync(process.execPath, [bin, ...args, '--db', db], { encoding: 'utf8', env, maxBuffer: 1 << 30 });
  cli('init', '--demo', ...(history ? ['--history', String(history)] : []));
  const pw = join(dir, 'pw.txt');
  writeFileSync(pw, 'bench-password-1\n');
  cli('user', 'add', 'boss', '--role', 'owner', '--password-file', pw);
  cli('login', 'boss', '--password-file', pw);
  const { token } = JSON.parse(cli('token', 'create', 'boss', '--scope', '*', '-f', 'json'));
  return { db, token };
}

async function measure(url, token) {
  const call = async (method, path, body, headers = {}) => {
    const started = performance.now();
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return { ms: performance.now() - started, answer };
  };
  const first = await call('GET', '/orders?limit=1&customer=C001');
  const number = first.answer.data[0].number;
  const order = { customer: 'C001', warehouse: 'WH1', lines: [{ sku: 'TEA-001', qty: 1000 }] };
  const ops = {
    'GET /products?q=ljc': () => call('GET', '/products?q=ljc&limit=20'),
    'GET /orders (first 100)': () => call('GET', '/orders?limit=100'),
    'GET /orders/{number}': () => call('GET', `/orders/${number}`),
    'GET /stock?sku=': () => call('GET', '/stock?sku=TEA-001'),
    'POST /quotes': () => call('POST', '/quotes', order),
    'POST /orders (idempotent)': (i) =>
      call('POST', '/orders', order, { 'idempotency-key': `bench-${i}-${Date.now()}` }),
  };
  const out = {};
  for (const [name, run] of Object.entries(ops)) {
    await run(-1);
    const times = [];
    for (let i = 0; i < RUNS; i += 1) times.push((await run(i)).ms);
    out[name] = { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
  }
  // Every order, 500 a page, as a program syncing them would.
  const started = performance.now();
  let cursor = null;
  let rows = 0;
  let pages = 0;
  do {
    const page = await call('GET', `/orders?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    rows += page.answer.data.length;
    pages += 1;
    cursor = page.answer.next;
  } while (cursor);
  out.walk = { ms: performance.now() - started, rows, pages };
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'tradeloop-bench-api-'));
const results = {};
try {
  for (const [name, history] of [
    ['demo', 0],
    [`demo + ${HISTORY.toLocaleString('en')} history lines`, HISTORY],
  ]) {
    const built = book(dir, name.replace(/\W+/g, '-'), history);
    const server = await serve(built.db);
    try {
      results[name] = await measure(server.url, built.token);
    } finally {
      server.child.kill('SIGTERM');
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const [small, large] = Object.values(results);
const ms = (x) => `${x.toFixed(1)} ms`;
console.log(`Open API over HTTP, ${cpus().length} CPUs, Node ${process.version}`);
console.log(
  `orders walked: demo ${small.walk.rows.toLocaleString('en')}, large ${large.walk.rows.toLocaleString('en')}`,
);
console.log('| operation | demo p50 / p95 | large p50 / p95 | ratio (p95) |');
console.log('|---|---|---|---|');
for (const name of Object.keys(small).filter((k) => k !== 'walk'))
  console.log(
    `| ${name} | ${ms(small[name].p50)} / ${ms(small[name].p95)} | ${ms(large[name].p50)} / ${ms(large[name].p95)} | ${(large[name].p95 / small[name].p95).toFixed(2)}× |`,
  );
console.log(
  `| every order, 500 a page | ${ms(small.walk.ms)} (${small.walk.pages} pages) | ${ms(large.walk.ms)} (${large.walk.pages} pages) | ${(large.walk.ms / small.walk.ms).toFixed(2)}× per ${(large.walk.rows / small.walk.rows).toFixed(1)}× rows |`,
);
