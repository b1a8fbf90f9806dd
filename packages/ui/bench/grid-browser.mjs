import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { productsBook } from '../../store/bench/products-book.mjs';
import { launchChromium, root, serve } from '../e2e/browser.mjs';

const LARGE = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const BASE = 1_000;
const RUNS = 3;
const ARROWS = 50;
const EDITS = 50;
const SCROLL_STEP = 1_200;
const PASTE_ROWS = 200;
// Five neighbouring columns from `name`, in grid order: 200 rows × 5 = 1,000 cells.
const PASTE_COLUMNS = ['name', 'name_en', 'category', 'uom', 'price_minor'];

const Database = createRequire(join(root, 'packages/store/package.json'))('better-sqlite3');

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const median = (xs) => quantile(xs, 0.5);

// Runs in the page before its scripts: the time the first data cell is in the document and the
// frame after it (painted), from navigation start.
const FIRST_CELL_PROBE = () => {
  const probe = new MutationObserver(() => {
    if (!document.querySelector('[role="gridcell"][data-row]')) return;
    probe.disconnect();
    window.__firstCellInDom = performance.now();
    requestAnimationFrame(() => {
      window.__firstCellPainted = performance.now();
    });
  });
  probe.observe(document, { childList: true, subtree: true });
};

async function newPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  await context.addInitScript(FIRST_CELL_PROBE);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Load the grid: navigation to first cell painted, and what the page weighed. */
async function load(browser, url) {
  const { context, page, errors } = await newPage(browser, url);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map();
  let documentBytes = 0;
  let totalBytes = 0;
  let requests = 0;
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    requests += 1;
    totalBytes += e.encodedDataLength;
    if (types.get(e.requestId) === 'Document') documentBytes += e.encodedDataLength;
  });
  const started = performance.now();
  await page.goto(`${url}/grid/products`, { waitUntil: 'commit' });
  await page.waitForSelector('[role="gridcell"][data-row]', { state: 'visible' });
  const wall = performance.now() - started;
  await page.waitForFunction(() => window.__firstCellPainted !== undefined);
  await page.waitForLoadState('networkidle');
  const inPage = await page.evaluate(() => ({
    dom: window.__firstCellInDom,
    painted: window.__firstCellPainted,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    elements: document.querySelectorAll('*').length,
  }));
  await context.close();
  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  return { wall, ...inPage, documentBytes, totalBytes, requests };
}

let lostFocus = false;

/** A fresh grid page, loaded and idle, its first cell clicked. */
async function gridPage(browser, url, column = 'name') {
  const opened = await newPage(browser, url);
  await opened.page.goto(`${url}/grid/products`);
  await opened.page.waitForLoadState('networkidle');
  await opened.page.locator(`[role="gridcell"][data-row="SKU-000000"][data-column="${column}"]`).click();
  // A click hands the keyboard to the grid's one editor, where typed keys land. If it stays on the
  // cell, typed keys are lost: said, and the editor focused, so the other figures are still measured.
  const onEditor = () => document.activeElement?.classList.contains('editor') === true;
  if (!(await opened.page.waitForFunction(onEditor, undefined, { timeout: 2_000 }).catch(() => false))) {
    lostFocus = true;
    await opened.page.locator('input.editor').focus();
  }
  return opened;
}

/** ArrowDown presses: keydown to the frame after the cursor's cell changed. */
async function arrows(browser, url) {
  const { context, page } = await gridPage(browser, url);
  await page.evaluate(() => {
    window.__arrows = [];
    const selected = () => {
      const c = document.querySelector('[role="gridcell"].active');
      return c ? `${c.dataset.row}/${c.dataset.column}` : '';
    };
    addEventListener(
      'keydown',
      (e) => {
        if (e.key !== 'ArrowDown') return;
        const t0 = performance.now();
        const before = selected();
        const frame = () => {
          if (selected() !== before) window.__arrows.push(performance.now() - t0);
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      },
      true,
    );
  });
  for (let i = 0; i < ARROWS; i++) {
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((n) => window.__arrows.length >= n, i + 1);
  }
  const times = await page.evaluate(() => window.__arrows);
  await context.close();
  return times;
}

/** Scroll the grid from top to bottom, one step a frame; frame intervals meanwhile. */
async function scroll(browser, url, total) {
  const { context, page } = await gridPage(browser, url);
  const frames = await page.evaluate(async (step) => {
    const grid = document.querySelector('[role="grid"]');
    const intervals = [];
    let last = await new Promise(requestAnimationFrame);
    while (grid.scrollTop + grid.clientHeight < grid.scrollHeight - 1) {
      grid.scrollTop += step;
      const now = await new Promise(requestAnimationFrame);
      intervals.push(now - last);
      last = now;
    }
    return intervals;
  }, SCROLL_STEP);
  const started = performance.now();
  await page.waitForFunction(
    (index) => {
      const row = document.querySelector(`[role="row"][aria-rowindex="${index}"]`);
      return (row?.querySelector('[role="gridcell"][data-row]')?.textContent ?? '').trim() !== '';
    },
    total + 1,
    { timeout: 30_000 },
  );
  const lastRowMs = performance.now() - started;
  await context.close();
  return { frames, lastRowMs };
}

/** Paste 200 rows × 5 columns at the first row: Control+V to every cell saved. */
async function paste(browser, url, db, run) {
  const { context, page } = await gridPage(browser, url);
  const keys = await page.evaluate(() =>
    [...document.querySelectorAll('[role="row"][aria-rowindex] [data-column="sku"][data-row]')].map(
      (c) => c.dataset.row,
    ),
  );
  if (keys[0] !== 'SKU-000000') throw new Error(`the grid starts at ${keys[0]}, not SKU-000000`);
  const rows = Array.from({ length: PASTE_ROWS }, (_, r) => [
    `粘贴 ${run}-${r}`,
    `pasted ${run}-${r}`,
    `Cat/${(r + run) % 50}`,
    run % 2 ? 'box' : 'pcs',
    `${100 + run}.${String(r % 100).padStart(2, '0')}`,
  ]);
  await page.evaluate(
    (text) => navigator.clipboard.writeText(text),
    `${rows.map((r) => r.join('\t')).join('\r\n')}\r\n`,
  );
  await page.evaluate(() => {
    window.__pasted = undefined;
    const grid = document.querySelector('[role="grid"]');
    addEventListener(
      'paste',
      () => {
        const t0 = performance.now();
        let seenBusy = false;
        const frame = () => {
          const busy =
            grid.getAttribute('aria-busy') === 'true' || document.querySelector('[aria-busy="true"]') !== null;
          seenBusy ||= busy;
          if (seenBusy && !busy) window.__pasted = performance.now() - t0;
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      },
      true,
    );
  });
  await page.keyboard.press('Control+V');
  await page.waitForFunction(() => window.__pasted !== undefined, undefined, { timeout: 120_000 });
  const ms = await page.evaluate(() => window.__pasted);
  const invalid = await page.locator('[aria-invalid="true"]').count();
  await context.close();
  if (invalid > 0) throw new Error(`${invalid} pasted cells were refused`);
  // What the book holds now: every pasted cell, by SKU order.
  const sqlite = new Database(db, { readonly: true });
  const select = PASTE_COLUMNS.map((c) => (c === 'category' ? 'c.path as category' : `p.${c}`)).join(', ');
  const saved = sqlite
    .prepare(`select ${select} from products p join categories c on c.id = p.category_id order by p.sku limit ?`)
    .all(PASTE_ROWS);
  sqlite.close();
  saved.forEach((s, r) => {
    const want = rows[r];
    const got = PASTE_COLUMNS.map((c) => (c === 'price_minor' ? (s[c] / 100).toFixed(2) : s[c]));
    if (got.join('\t') !== want.join('\t'))
      throw new Error(`row ${r} of the paste was not saved: book has ${got.join(' | ')}, pasted ${want.join(' | ')}`);
  });
  return ms;
}

/** Type a price and Enter, 50 times down the price column: Enter to the cell saved. */
async function edits(browser, url, db) {
  const { context, page } = await gridPage(browser, url, 'price_minor');
  await page.evaluate(() => {
    window.__edits = [];
    addEventListener(
      'keydown',
      (e) => {
        if (e.key !== 'Enter') return;
        const active = document.querySelector('[role="gridcell"].active');
        const t0 = performance.now();
        const cell = () =>
          document.querySelector(`[role="gridcell"][data-row="${active.dataset.row}"][data-column="price_minor"]`);
        let frames = 0;
        let seenBusy = false;
        const frame = () => {
          const c = cell();
          const busy = c?.getAttribute('aria-busy') === 'true' || c?.classList.contains('held');
          seenBusy ||= busy;
          frames += 1;
          if (!busy && (seenBusy || frames > 1)) window.__edits.push(performance.now() - t0);
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      },
      true,
    );
  });
  const typed = (i) => `${200 + i}.25`;
  for (let i = 0; i < EDITS; i++) {
    await page.keyboard.type(typed(i));
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => window.__edits.length >= n, i + 1, { timeout: 30_000 });
  }
  const times = await page.evaluate(() => window.__edits);
  await context.close();
  const sqlite = new Database(db, { readonly: true });
  const prices = sqlite.prepare('select price_minor from products order by sku limit ?').pluck().all(EDITS);
  sqlite.close();
  prices.forEach((p, i) => {
    if ((p / 100).toFixed(2) !== typed(i))
      throw new Error(
        `edit ${i} was not saved: book has ${p}, typed ${typed(i)} (first prices ${prices.slice(0, 5).join(', ')})`,
      );
  });
  return times;
}

/** Every figure for one book. */
async function measure(browser, n, dir) {
  const db = join(dir, `products-${n}.db`);
  const t = performance.now();
  (await productsBook(db, n)).close();
  process.stderr.write(`built ${n} products in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  const server = await serve(db);
  try {
    const loads = [];
    for (let i = 0; i < RUNS; i++) loads.push(await load(browser, server.url));
    const arrowTimes = await arrows(browser, server.url);
    const scrolled = await scroll(browser, server.url, n);
    const pastes = [];
    for (let i = 0; i < RUNS; i++) pastes.push(await paste(browser, server.url, db, i));
    const editTimes = await edits(browser, server.url, db);
    process.stderr.write(`measured ${n} products\n`);
    return {
      firstPainted: median(loads.map((l) => l.painted)),
      firstWall: median(loads.map((l) => l.wall)),
      fcp: median(loads.map((l) => l.fcp)),
      documentBytes: median(loads.map((l) => l.documentBytes)),
      totalBytes: median(loads.map((l) => l.totalBytes)),
      requests: median(loads.map((l) => l.requests)),
      elements: median(loads.map((l) => l.elements)),
      arrowP50: median(arrowTimes),
      arrowP95: quantile(arrowTimes, 0.95),
      frames: scrolled.frames.length,
      frameP50: median(scrolled.frames),
      frameP95: quantile(scrolled.frames, 0.95),
      lastRowMs: scrolled.lastRowMs,
      paste: median(pastes),
      editP50: median(editTimes),
      editP95: quantile(editTimes, 0.95),
    };
  } finally {
    server.child.kill('SIGTERM');
  }
}

const ms = (v) => `${v.toFixed(1)} ms`;
const kb = (v) => `${(v / 1024).toFixed(1)} KiB`;
const count = (v) => String(Math.round(v));
// Page weight passes when the large book's page is within 10% of the small one's.
const same = (base, large) => large <= base * 1.1;
const METRICS = [
  ['first rows painted (nav → cell + frame)', 'firstPainted', ms, '≤ 1500 ms', (_, v) => v <= 1500],
  ['first cell visible (goto → selector)', 'firstWall', ms, '≤ 1500 ms', (_, v) => v <= 1500],
  ['first contentful paint', 'fcp', ms, '', undefined],
  ['HTML document', 'documentBytes', kb, 'flat', same],
  ['all responses during load', 'totalBytes', kb, 'flat', same],
  ['requests during load', 'requests', count, 'flat', same],
  ['DOM elements', 'elements', count, 'flat', same],
  ['arrow key p50', 'arrowP50', ms, '≤ 50 ms', (_, v) => v <= 50],
  ['arrow key p95', 'arrowP95', ms, '≤ 50 ms', (_, v) => v <= 50],
  ['scroll frames to bottom', 'frames', count, '', undefined],
  ['scroll frame p50', 'frameP50', ms, '≤ 20 ms', (_, v) => v <= 20],
  ['scroll frame p95', 'frameP95', ms, '', undefined],
  ['last row text after scroll end', 'lastRowMs', ms, '', undefined],
  ['paste 1,000 cells saved', 'paste', ms, '≤ 2000 ms', (_, v) => v <= 2000],
  ['edit round trip p50', 'editP50', ms, '', undefined],
  ['edit round trip p95', 'editP95', ms, '≤ 100 ms', (_, v) => v <= 100],
];

function table(base, large) {
  const head = ['metric', `${BASE}`, `${LARGE}`, 'ratio', 'target', 'result'];
  const rows = METRICS.map(([name, key, fmt, target, pass]) => [
    name,
    fmt(base[key]),
    fmt(large[key]),
    `${(large[key] / base[key]).toFixed(2)}×`,
    target,
    pass ? (pass(base[key], large[key]) ? 'pass' : 'MISS') : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

if (!existsSync(join(root, 'packages/ui/build/handler.js'))) throw new Error('build the ui first (pnpm build)');
const dir = mkdtempSync(join(tmpdir(), 'tradeloop-grid-browser-bench-'));
const browser = await launchChromium();
try {
  const base = await measure(browser, BASE, dir);
  const large = await measure(browser, LARGE, dir);
  console.log(
    `products grid in Chromium: ${LARGE} products against ${BASE} (median of ${RUNS} loads and pastes, ${ARROWS} arrows, ${EDITS} edits)`,
  );
  console.log(table(base, large));
  if (lostFocus)
    console.log("note: a clicked cell kept the keyboard, not the grid's editor (typed keys would be lost)");
  console.log(
    `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}, Chromium ${browser.version()}`,
  );
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
