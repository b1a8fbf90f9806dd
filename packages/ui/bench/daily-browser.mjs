// The daily screens in Chromium on the demo company and on the same company with twenty times
// its orders (sales history by the bulk path), in the same run: each list's first rows painted
// from navigation, what each page weighed, and order entry's line add (Enter on a product to its
// price and stock shown). Ratios are the large book against the demo.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, launchChromium, serve } from '../e2e/browser.mjs';

const HISTORY = Number(process.env.BENCH_HISTORY ?? 60_000);
const RUNS = 3;
const LINES = 20;

/** Each page, and what on it says its list is there. */
const PAGES = [
  ['/grid/orders', '[role="gridcell"][data-row]'],
  ['/grid/invoices', '[role="gridcell"][data-row]'],
  ['/grid/payments', '[role="gridcell"][data-row]'],
  ['/grid/stock-moves', '[role="gridcell"][data-row]'],
  ['/board', '[data-testid="board"] .column'],
  ['/reconcile', '[data-testid="reconcile-lines"]'],
  ['/approvals', 'main h1'],
  ['/alerts', 'main h1'],
  ['/customers/C001', '[data-testid="customer-orders"] tr'],
];

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const median = (xs) => quantile(xs, 0.5);

// In the page before its scripts: when the list's first element is in the document, and the frame after.
const PROBE = (selector) => {
  const probe = new MutationObserver(() => {
    if (!document.querySelector(selector)) return;
    probe.disconnect();
    requestAnimationFrame(() => {
      window.__painted = performance.now();
    });
  });
  probe.observe(document, { childList: true, subtree: true });
};

async function load(browser, url, path, selector) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  await context.addInitScript(PROBE, selector);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
  });
  await page.goto(`${url}${path}`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__painted !== undefined, undefined, { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  const figures = await page.evaluate(() => ({
    painted: window.__painted,
    elements: document.querySelectorAll('*').length,
  }));
  await context.close();
  if (errors.length > 0) throw new Error(`${path}: ${errors.join('; ')}`);
  return { ...figures, bytes };
}

/** Order entry: Enter on the first product found, until the new line's price and free stock show. */
async function lineAdds(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  await page.goto(`${url}/orders/new`);
  await page.waitForLoadState('networkidle');
  await page.getByTestId('entry-customer').fill('C001');
  await page.getByTestId('entry-customer').press('Tab');
  await page.getByTestId('entry-customer-info').waitFor();
  const times = [];
  for (let i = 0; i < LINES; i += 1) {
    await page.getByTestId('entry-search').fill(i % 2 === 0 ? 'CLN' : 'TEA');
    await page.getByTestId('entry-found').waitFor();
    const started = await page.evaluate(() => performance.now());
    await page.getByTestId('entry-search').press('Enter');
    const shown = await page.waitForFunction(
      (n) => {
        const row = document.querySelector(`[data-line="${n}"]`);
        const price = row?.querySelector('[data-testid="line-price"]')?.textContent?.trim();
        const free = row?.querySelector('[data-testid="line-available"]')?.textContent?.trim();
        return price && free ? performance.now() : false;
      },
      i,
      { polling: 'raf' },
    );
    times.push((await shown.jsonValue()) - started);
  }
  await page.close();
  return times;
}

function book(dir, name, history) {
  const db = join(dir, `${name}.db`);
  const started = performance.now();
  execFileSync(
    process.execPath,
    [bin, 'init', '--demo', ...(history ? ['--history', String(history)] : []), '--db', db],
    {
      stdio: 'ignore',
    },
  );
  return { db, seconds: (performance.now() - started) / 1000 };
}

const dir = mkdtempSync(join(tmpdir(), 'tradeloop-bench-daily-'));
const browser = await launchChromium();
const results = {};
try {
  for (const [name, history] of [
    ['demo', 0],
    [`demo + ${HISTORY.toLocaleString('en')} history lines`, HISTORY],
  ]) {
    const built = book(dir, name.replace(/\W+/g, '-'), history);
    const orders =
      execFileSync(process.execPath, [bin, 'export', 'list', 'orders', '--format', 'csv', '--db', built.db], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      }).split('\n').length - 2;
    const server = await serve(built.db);
    try {
      // A server that has been up: the first request's start-up is not any page's.
      await load(browser, server.url, '/', 'main');
      const pages = {};
      for (const [path, selector] of PAGES) {
        const runs = [];
        for (let r = 0; r < RUNS; r += 1) runs.push(await load(browser, server.url, path, selector));
        pages[path] = {
          painted: median(runs.map((x) => x.painted)),
          bytes: median(runs.map((x) => x.bytes)),
          elements: median(runs.map((x) => x.elements)),
        };
      }
      const adds = await lineAdds(browser, server.url);
      results[name] = { orders, built: built.seconds, pages, adds: { p50: median(adds), p95: quantile(adds, 0.95) } };
    } finally {
      server.child.kill('SIGTERM');
    }
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}

const [small, large] = Object.values(results);
const ms = (x) => `${x.toFixed(0)} ms`;
const kib = (x) => `${(x / 1024).toFixed(0)} KiB`;
console.log(`Daily screens in Chromium, ${cpus().length} CPUs, Node ${process.version}`);
console.log(
  `books: ${Object.entries(results)
    .map(([n, r]) => `${n}: ${r.orders.toLocaleString('en')} orders`)
    .join('; ')}`,
);
console.log('| page | first rows painted (demo / ×) | ratio | weight | DOM elements | target ≤ 1,000 ms |');
console.log('|---|---|---|---|---|---|');
for (const [path] of PAGES) {
  const a = small.pages[path];
  const b = large.pages[path];
  console.log(
    `| ${path} | ${ms(a.painted)} / ${ms(b.painted)} | ${(b.painted / a.painted).toFixed(2)}× | ${kib(a.bytes)} / ${kib(b.bytes)} | ${a.elements} / ${b.elements} | ${b.painted <= 1000 ? '✓' : '✗'} |`,
  );
}
console.log(
  `| order entry: line add, p50 / p95 | ${ms(small.adds.p50)} / ${ms(small.adds.p95)} → ${ms(large.adds.p50)} / ${ms(large.adds.p95)} | ${(large.adds.p95 / small.adds.p95).toFixed(2)}× | | | ≤ 100 ms: ${large.adds.p95 <= 100 ? '✓' : '✗'} |`,
);
