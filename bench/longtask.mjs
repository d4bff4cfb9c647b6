// Issue 13, "the page stays responsive": the longest main-thread task after the
// app's first view of a big dataset, while the search index is built behind it
// (src/data.rs builds it in slices of about 8 ms after the first paint; built in
// one task, it froze the page for seconds at 1M participations).
//
//   node bench/longtask.mjs [--dist DIR] [--size 1m|100k|10k] [--wait MS]
//
// Needs the built app (dist/, `trunk build --release`; --dist another build, for a
// before/after) and bench/data/synth-SIZE.json (scripts/bench.sh writes it:
// `cargo run --release -p convene-bench --bin synth -- bench/data`). Like
// bench/run.mjs's app rows: a throwaway copy of the dist with the dataset under
// data/bench/, served from 127.0.0.1 with the strict CSP, in headless Chromium
// (playwright-core, the Debian browser).
//
// In the page, before the app's scripts: a PerformanceObserver for 'longtask'
// (every task over 50 ms, with its start and duration) and a MutationObserver that
// notes when the first view is there (the facet list's first legend; also a
// performance mark, for the trace). The script waits --wait ms after the first view
// (default 15 s: the sliced build takes a few seconds at 1M), then types a word in
// the search box, and prints: the longest task after the first view and before
// typing, how many went over 50 ms and their total, the longest ones with their
// start (from the first view), and the longest task while the word was typed
// (small once the index is built: a query then finds it ready; a big one means it
// was still building and the query finished it). From a CDP trace of the same
// window (devtools.timeline): the timer tasks after the first view (the index's
// slices are those; the app sets few other timers when idle), their count,
// median, p95 and longest, and when the last one ended, about when the index was
// ready. Durations are wall-clock: on a loaded machine a slice that the OS
// preempts looks longer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, STRICT_CSP } from '../tests/e2e/server.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const DIST = path.resolve(opt('--dist', path.join(ROOT, 'dist')));
const SIZE = opt('--size', '1m');
const WAIT_MS = Number(opt('--wait', '15000'));
const FILE = `synth-${SIZE}.json`;
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--js-flags=--max-old-space-size=8192',
];

for (const [what, file] of [['the built app', path.join(DIST, 'index.html')], ['the dataset', path.join(BENCH, 'data', FILE)]]) {
  if (!fs.existsSync(file)) {
    console.error(`longtask: ${what} is missing (${file}); see the comment at the top of bench/longtask.mjs`);
    process.exit(2);
  }
}

// Installed before the app's scripts.
const PROBE = () => {
  window.__long = [];
  window.__firstView = null;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const mo = new MutationObserver(() => {
    if (window.__firstView === null && document.querySelector('aside fieldset legend')) {
      window.__firstView = performance.now();
      performance.mark('convene-first-view');
      mo.disconnect();
    }
  });
  mo.observe(document, { subtree: true, childList: true });
};

/**
 * TimerFire events on the renderer's main thread after the first-view mark, until
 * the end of the trace: sorted durations (ms) and the end of the last (ms after the
 * mark); null without the mark.
 */
function timerTasks(events) {
  const mark = events.find((e) => e.name === 'convene-first-view');
  if (!mark) return null;
  const own = events.filter((e) => e.pid === mark.pid && e.ph === 'X' && e.name === 'TimerFire' && e.ts >= mark.ts);
  const durations = own.map((e) => e.dur / 1000).sort((a, b) => a - b);
  const lastEnd = own.reduce((m, e) => Math.max(m, (e.ts + e.dur - mark.ts) / 1000), 0);
  return { durations, lastEnd };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-longtask-'));
fs.cpSync(DIST, tmp, { recursive: true });
fs.mkdirSync(path.join(tmp, 'data', 'bench'), { recursive: true });
fs.symlinkSync(path.join(BENCH, 'data', FILE), path.join(tmp, 'data', 'bench', FILE));
const server = await startServer({ root: tmp, prefix: '/a/b/convene/', csp: STRICT_CSP });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  page.on('pageerror', (err) => { failed = true; console.error(`page error: ${err.message}`); });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing'] });
  await page.goto(`${server.url}?data=data/bench/${FILE}`);
  await page.waitForFunction(() => window.__firstView !== null, null, { timeout: 600_000 });
  const firstView = await page.evaluate(() => window.__firstView);
  await page.waitForTimeout(WAIT_MS);
  const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const typedFrom = await page.evaluate(() => performance.now());
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.focus();
  await box.pressSequentially('border', { delay: 50 });
  await page.waitForTimeout(1000);
  const long = await page.evaluate(() => window.__long);

  const after = long.filter((t) => t.start >= firstView && t.start < typedFrom);
  const typing = long.filter((t) => t.start >= typedFrom);
  const max = (list) => list.reduce((m, t) => Math.max(m, t.duration), 0);
  const total = after.reduce((s, t) => s + t.duration, 0);
  const ms = (x) => `${x.toFixed(0)} ms`;
  console.log(`longtask/${SIZE} (${path.relative(ROOT, DIST) || DIST}): first view at ${ms(firstView)} from navigation start`);
  console.log(`  after the first view, ${ms(WAIT_MS)} watched: longest task ${ms(max(after))}; ` +
    `${after.length} over 50 ms, ${ms(total)} in all`);
  for (const t of [...after].sort((a, b) => b.duration - a.duration).slice(0, 5)) {
    console.log(`    ${ms(t.duration)} at +${ms(t.start - firstView)}`);
  }
  const timers = timerTasks(trace);
  if (timers) {
    const d = timers.durations;
    const q = (f) => d[Math.min(d.length - 1, Math.floor(f * d.length))];
    console.log(`  timer tasks after the first view (the index's slices): ${d.length}, median ${ms(q(0.5))}, ` +
      `p95 ${ms(q(0.95))}, longest ${ms(d[d.length - 1])}, ${ms(d.reduce((s, x) => s + x, 0))} in all; ` +
      `the last ended ${ms(timers.lastEnd)} after the first view`);
  } else {
    console.log('  (no first-view mark in the trace: timer tasks not counted)');
  }
  console.log(`  typing "border" then: longest task ${ms(max(typing))} (${typing.length} over 50 ms)`);
  console.log(`  before the first view: longest task ${ms(max(long.filter((t) => t.start < firstView)))} (loading and indexing, not this script's subject)`);
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
