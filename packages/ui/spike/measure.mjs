// The grid spike's measurement: builds the spike pages, serves them and drives Debian's Chromium
// through each candidate in one run, next to a baseline page without a grid. Figures are wall-clock
// on whatever machine runs it, so they are reported as ratios to the baseline as well.
//   node spike/measure.mjs [--no-build] [--runs 5]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const ui = fileURLToPath(new URL('..', import.meta.url));
const dist = join(ui, 'spike/dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const argv = process.argv.slice(2);
const RUNS = Number(argv[argv.indexOf('--runs') + 1] || 5) || 5;
const KEYS = 50;
const FRAMES = 200;

if (!argv.includes('--no-build')) {
  execFileSync(
    process.execPath,
    [join(ui, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'spike/vite.config.js'],
    {
      cwd: ui,
      stdio: 'ignore',
    },
  );
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = join(dist, new URL(req.url ?? '/', 'http://x').pathname);
  if (!path.startsWith(dist) || !existsSync(path)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
  res.end(readFileSync(path));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

// Runs in the page before its own scripts: times the first frame that shows the first row, and
// offers the probes the measurement calls.
function probes() {
  const FIRST = 'SKU-000001';
  const has = (node) => (node.textContent ?? '').includes(FIRST);
  window.__firstRows = new Promise((resolve) => {
    const seen = () => {
      observer.disconnect();
      requestAnimationFrame((t) => resolve(t));
    };
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData' ? has(r.target) : [...r.addedNodes].some(has)) return seen();
      }
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true });
  });
  // What says where the keyboard is: the selected cell of our grid, RevoGrid's focus box, the
  // baseline's counter.
  window.__focusKey = () => {
    const own = document.querySelector('[aria-selected="true"]');
    if (own) return `${own.dataset.row}:${own.dataset.col}`;
    if (document.querySelector('revo-grid'))
      return document.querySelector('revogr-focus.focused-cell')?.getAttribute('style') ?? '';
    return document.getElementById('app')?.dataset.at ?? '';
  };
  window.__armKey = () => {
    const before = window.__focusKey();
    let t0 = 0;
    window.addEventListener('keydown', () => (t0 = performance.now()), { capture: true, once: true });
    window.__keyDone = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (window.__focusKey() === before) return;
        observer.disconnect();
        const moved = performance.now() - t0;
        requestAnimationFrame(() => resolve({ moved, frame: performance.now() - t0 }));
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  };
  window.__scroller = () => {
    // RevoGrid scrolls its rows from its own virtual scroll bar.
    const revo = document.querySelector('revogr-scroll-virtual.vertical');
    if (revo) return revo;
    let best = document.scrollingElement;
    let most = 0;
    for (const el of document.querySelectorAll('*')) {
      const room = el.scrollHeight - el.clientHeight;
      if (room > most && getComputedStyle(el).overflowY !== 'visible') [best, most] = [el, room];
    }
    return best;
  };
  // Scrolls programmatically, frame by frame, `rows` rows a frame or to the bottom in `frames`
  // frames, and gives the time between frames.
  window.__scroll = (frames, rowsPerFrame) =>
    new Promise((resolve) => {
      const el = window.__scroller();
      const max = el.scrollHeight - el.clientHeight;
      const deltas = [];
      let last;
      let i = 0;
      const step = (t) => {
        if (last !== undefined) deltas.push(t - last);
        last = t;
        if (i > frames) return resolve({ deltas, max, top: el.scrollTop });
        el.scrollTop = rowsPerFrame ? i * rowsPerFrame * 32 : Math.round((max * i) / frames);
        i++;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
  window.__text = (s) => (document.body.textContent ?? '').includes(s);
  window.__count = (s) => (document.body.textContent ?? '').split(s).length - 1;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
};

async function open(name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.addInitScript(probes);
  const scripts = [];
  page.on('response', async (r) => {
    if (r.request().resourceType() === 'script') scripts.push(await r.body().catch(() => Buffer.alloc(0)));
  });
  await page.goto(`${base}/${name}.html`);
  const firstRows = await page.evaluate(() => window.__firstRows);
  return { context, page, firstRows, scripts };
}

// The cell that shows `text`, to click on; RevoGrid and our grid both draw a cell as an element
// whose own text is the value.
async function clickText(page, text, dx = 0) {
  const box = await page.evaluate(
    ({ text, dx }) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.data.trim() === text) {
          const r = n.parentElement.getBoundingClientRect();
          return { x: r.x + r.width / 2 + dx, y: r.y + r.height / 2 };
        }
      }
      return null;
    },
    { text, dx },
  );
  if (!box) throw new Error(`no cell shows ${text}`);
  await page.mouse.click(box.x, box.y);
  return box;
}

async function measure(name) {
  const loads = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await open(name);
    loads.push(run.firstRows);
    await run.context.close();
  }
  const { context, page, scripts } = await open(name);
  await page.waitForTimeout(500);
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);

  // Arrow keys: from the first row's name cell down, 50 times.
  if (name !== 'baseline') await clickText(page, 'SKU-000001', 150);
  await page.waitForTimeout(200);
  const moved = [];
  const frame = [];
  for (let i = 0; i < KEYS; i++) {
    await page.evaluate(() => window.__armKey());
    await page.keyboard.press('ArrowDown');
    const r = await page.evaluate(() =>
      Promise.race([window.__keyDone, new Promise((res) => setTimeout(() => res(null), 1000))]),
    );
    if (r) {
      moved.push(r.moved);
      frame.push(r.frame);
    }
  }

  const idle = await page.evaluate((f) => window.__scroll(f, 0), 0);
  const jump = await page.evaluate((f) => window.__scroll(f), FRAMES);
  await page.waitForTimeout(1000);
  const lastShown = await page.evaluate(() => window.__text('SKU-100000'));
  const steady = await page.evaluate((f) => window.__scroll(f, 3), FRAMES);
  void idle;
  const result = {
    name,
    firstRows: median(loads),
    nodes,
    keyMoved: moved.length ? median(moved) : null,
    keyFrame: frame.length ? median(frame) : null,
    keysSeen: moved.length,
    jumpMedian: median(jump.deltas),
    jumpP95: p95(jump.deltas),
    steadyMedian: median(steady.deltas),
    steadyP95: p95(steady.deltas),
    reachedBottom: lastShown,
  };
  if (name !== 'baseline') Object.assign(result, await features(page));
  result.jsBytes = scripts.reduce((n, b) => n + b.length, 0);
  result.jsGzip = scripts.reduce((n, b) => n + gzipSync(b).length, 0);
  await context.close();
  return result;
}

// What works out of the box: editing a cell, a range by Shift+arrows copied as TSV, a block pasted,
// the fill handle dragged down.
async function features(page) {
  await page.evaluate(() => {
    const el = window.__scroller();
    el.scrollTop = 0;
  });
  await page.waitForTimeout(300);
  const out = {};
  await clickText(page, 'SKU-000002', 150);
  await page.keyboard.type('Edited');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
  out.edit = await page.evaluate(() => window.__text('Edited'));

  await clickText(page, 'SKU-000003', 150);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await page.waitForTimeout(200);
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.keyboard.press('Control+c');
  await page.waitForTimeout(200);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  out.copied = copied;
  out.rangeCopy = copied.split('\n').length === 3 && copied.split('\n').every((l) => l.split('\t').length === 2);

  await clickText(page, 'SKU-000006', 330);
  await page.evaluate(() => navigator.clipboard.writeText('1.11\t2.22\n3.33\t4.44'));
  await page.keyboard.press('Control+v');
  await page.waitForTimeout(300);
  out.paste = await page.evaluate(() => ['1.11', '2.22', '3.33', '4.44'].every((s) => window.__text(s)));

  // Row 10's price, as data.js makes it.
  const price = ((500 + ((9 * 7919) % 99_500)) / 100).toFixed(2);
  out.fill = false;
  {
    const cell = await clickText(page, price);
    await page.waitForTimeout(200);
    const handle = await page.evaluate(() => {
      const h = document.querySelector('.autofill-handle');
      if (!h) return null;
      const r = h.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    if (handle) {
      await page.mouse.move(handle.x, handle.y);
      await page.mouse.down();
      await page.mouse.move(handle.x, cell.y + 32 * 3, { steps: 8 });
      await page.mouse.up();
      await page.waitForTimeout(300);
      out.fill = (await page.evaluate((p) => window.__count(p), price)) >= 4;
    }
  }
  return out;
}

const results = [];
for (const name of ['baseline', 'own', 'revogrid']) results.push(await measure(name));
await browser.close();
server.close();

const b = results[0];
const ratio = (x, y) => (x == null || !y ? '' : `${(x / y).toFixed(2)}×`);
const ms = (x) => (x == null ? '–' : `${x.toFixed(1)} ms`);
console.log(JSON.stringify(results, null, 2));
console.log('\n| figure | baseline | own | ratio | RevoGrid | ratio |\n|---|---|---|---|---|---|');
const rows = [
  ['first rows painted', 'firstRows', ms],
  ['arrow key → focus moved (median of 50)', 'keyMoved', ms],
  ['arrow key → next frame (median of 50)', 'keyFrame', ms],
  ['scroll to bottom in 200 frames, median frame', 'jumpMedian', ms],
  ['scroll to bottom in 200 frames, p95 frame', 'jumpP95', ms],
  ['scroll 3 rows a frame, median frame', 'steadyMedian', ms],
  ['scroll 3 rows a frame, p95 frame', 'steadyP95', ms],
  ['DOM elements at rest', 'nodes', String],
  ['JS shipped (bytes)', 'jsBytes', String],
  ['JS shipped (gzip bytes)', 'jsGzip', String],
];
const [, own, revo] = results;
for (const [label, key, f] of rows) {
  console.log(
    `| ${label} | ${f(b[key])} | ${f(own[key])} | ${ratio(own[key], b[key])} | ${f(revo[key])} | ${ratio(revo[key], b[key])} |`,
  );
}
for (const k of ['reachedBottom', 'edit', 'rangeCopy', 'paste', 'fill']) {
  console.log(`| ${k} | ${b[k] ?? ''} | ${own[k]} | | ${revo[k]} | |`);
}
