// Convene's browser benchmark runner (called by scripts/bench.sh; see bench/README.md).
//
//   node bench/run.mjs [--smoke] [--skip-app] [--dist DIR]
//
// Drives Debian's headless Chromium with playwright-core (never `playwright
// install`), serving bench/ and the built app from 127.0.0.1 with
// tests/e2e/server.mjs. Writes bench/results.json and the "Browser (headless
// Chromium)" section of BENCHMARKS.md (full runs only; --smoke writes
// bench/results-smoke.json and leaves BENCHMARKS.md alone). Exits non-zero when
// anything errors (a page error, a failed load, a count or recall check that cannot
// run), never because of speed.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startServer, STRICT_CSP } from '../tests/e2e/server.mjs';
import { benchLayout, layoutMarkdown, writeLayoutSection } from './layout.mjs';
import { benchOpen, openMarkdown, OPEN_HEAD } from './open.mjs';
import { writeBenchmarksSection, writeBenchmarksSubsection } from './markdown.mjs';
import { PAINT_PROBE, TYPE_PROBE, paintedAt } from './probes.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const args = process.argv.slice(2);
const SMOKE = args.includes('--smoke');
const SKIP_APP = args.includes('--skip-app');
// The app's figures only (first paint, clicks, DOM, sizes): a quick check of a UI
// change. Writes bench/results-app.json; BENCHMARKS.md is left alone.
const APP_ONLY = args.includes('--app-only');
// The network layout rows only (bench/layout.mjs): writes bench/results-layout.json
// and that section of BENCHMARKS.md.
const LAYOUT_ONLY = args.includes('--layout-only');
// The opening-data rows only (bench/open.mjs): writes bench/results-open.json;
// BENCHMARKS.md is left alone.
const OPEN_ONLY = args.includes('--open-only');
const distArg = args.indexOf('--dist');
const DIST = distArg >= 0 ? path.resolve(args[distArg + 1]) : path.join(ROOT, 'dist');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
// The flags of tests/e2e/harness.mjs (without the background-networking ones
// Chromium floods the closed network here), plus a larger JS heap for the 1M run.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--js-flags=--max-old-space-size=8192',
];

const SIZES = SMOKE
  ? [{ label: '10k', file: 'synth-10k.json', buildRuns: 3 }]
  : [
      { label: '10k', file: 'synth-10k.json', buildRuns: 10 },
      { label: '100k', file: 'synth-100k.json', buildRuns: 5 },
      { label: '1M', file: 'synth-1m.json', buildRuns: 3 },
    ];
const TIMING = SMOKE ? { warmup: 2, runs: 5 } : { warmup: 5, runs: 31 };
// As-you-type: growing prefixes, several words, accents folded, a surname.
const QUERIES = [
  'b', 'bo', 'bor', 'border', 'border sec', 'border security migration',
  'securite', 'sécurité', 'senegal', 'zerouali', 'khalid zer', 'interpol',
];

const log = (...m) => console.error('bench:', ...m);
// Issue 18: a facet toggle at 1M participations within this ratio of the best peer
// model's time (the fastest peer on that toggle: crossfilter2 over event rows), on
// every toggle, both at opt-level 3 and as shipped (z).
const TOGGLE_GOAL = 0.25;
const rows = [];
const problems = [];
const meta = { started: new Date().toISOString(), smoke: SMOKE };

function row(r) {
  const ratio = r.ours_ms != null && r.peer_ms ? r.ours_ms / r.peer_ms : null;
  rows.push({ ...r, ratio: ratio == null ? null : Number(ratio.toFixed(3)) });
}

async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const u = await cdp.send('Runtime.getHeapUsage');
  return u.usedSize;
}

function watchProblems(page, where) {
  page.on('pageerror', (e) => problems.push(`${where}: pageerror: ${e.message}`));
  // A failed request is reported by its URL below; browsers ask every page for
  // /favicon.ico, which neither the app nor this page ships.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`${where}: console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !new URL(r.url()).pathname.endsWith('/favicon.ico')) problems.push(`${where}: HTTP ${r.status()} ${r.url()}`);
  });
}

// ---------------------------------------------------------------------------
// Engines against peers, one page per dataset size.

async function benchEngines(browser) {
  const server = await startServer({
    root: BENCH, prefix: '/', csp: null,
    // Cross-origin isolation: performance.now() at 5 µs instead of 100 µs.
    headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
  });
  // Our module at opt-level 3 (bench/pkg) is the primary "ours"; opt-level "z"
  // (bench/pkg-z, as the app ships) the "ours z" column. --smoke builds and runs z only.
  const variants = (SMOKE ? [['z', 'pkg-z']] : [['o3', 'pkg'], ['z', 'pkg-z']])
    .filter(([, dir]) => fs.existsSync(path.join(BENCH, dir, 'convene_bench_wasm_bg.wasm')));
  if (variants.length === 0) throw new Error('bench/pkg (or bench/pkg-z) is missing: run scripts/bench.sh');
  const P = variants[0][0];
  const Z = P === 'z' ? null : 'z';
  try {
    for (const size of OPEN_ONLY ? [] : SIZES) {
      const context = await browser.newContext();
      const page = await context.newPage();
      watchProblems(page, size.label);
      const cdp = await context.newCDPSession(page);
      await page.goto(`${server.url}page/index.html`);
      await page.waitForFunction(() => window.B !== undefined, null, { timeout: 30_000 });
      const env = await page.evaluate((v) => window.B.init({ variants: v }), variants);
      if (!env.crossfilter || !env.itemsjs || !env.minisearch || !env.flexsearch) {
        throw new Error(`a peer library did not load: ${JSON.stringify(env)}`);
      }
      meta.crossOriginIsolated = env.crossOriginIsolated;
      meta.userAgent = await page.evaluate(() => navigator.userAgent);
      const bytes = await page.evaluate((f) => window.B.fetchData(`../data/${f}`), size.file);
      log(`${size.label}: ${(bytes / 1e6).toFixed(1)} MB of JSON`);
      const L = size.label;

      // Ours: parse + build (each variant), the heap it holds.
      const ours = {};
      for (const variant of env.variants) {
        ours[variant] = await page.evaluate(([v, n]) => window.B.oursBuild(v, n), [variant, size.buildRuns]);
        log(`${L}: ours (${variant}) parse ${ours[variant].parse.median.toFixed(1)} ms, build ${ours[variant].build.median.toFixed(1)} ms`);
      }
      const h0 = await heapUsed(cdp);
      const prep = await page.evaluate(() => window.B.prepare());
      const h1 = await heapUsed(cdp);
      log(`${L}: JSON.parse ${prep.jsonParse.toFixed(1)} ms, peer model ${prep.model.toFixed(1)} ms`);
      const o = ours[P];
      row({
        name: `load/${L}`, group: 'load', size: L, ours_ms: o.parse.median, ours_p95_ms: o.parse.p95,
        ours_variant: P, ours_z_ms: Z ? ours.z?.parse.median ?? null : null,
        peer: 'JSON.parse', peer_ms: prep.jsonParse, n: o.parse.n,
        note: 'ours: convene_core::load::load (JSON parse + validation into the model); peer: JSON.parse alone (1 run)',
        peer_model_ms: prep.model, peer_model_heap_bytes: h1 - h0,
      });

      // Peers: build each, with the JS heap it holds.
      const built = {};
      for (const name of ['crossfilter2 (participation rows)', 'crossfilter2 (event rows)', 'itemsjs', 'MiniSearch', 'FlexSearch']) {
        const before = await heapUsed(cdp);
        const s = await page.evaluate(([n, r]) => window.B.peerBuild(n, r), [name, size.buildRuns]);
        const after = await heapUsed(cdp);
        built[name] = { ...s, heap: after - before };
        log(`${L}: ${name} build ${s.median.toFixed(1)} ms, heap ${((after - before) / 1e6).toFixed(1)} MB`);
      }
      for (const name of ['crossfilter2 (participation rows)', 'crossfilter2 (event rows)', 'itemsjs']) {
        row({
          name: `build/${L}/facets`, group: 'build', size: L, ours_ms: o.build.median, ours_p95_ms: o.build.p95,
          ours_z_ms: Z ? ours.z?.build.median ?? null : null,
          peer: name, peer_ms: built[name].median, peer_p95_ms: built[name].p95, n: o.build.n,
          ours_heap_bytes: o.heapBytes, ours_wasm_memory_growth_bytes: o.wasmMemoryGrowth,
          peer_heap_bytes: built[name].heap,
          note: 'ours: Engine::new (facet columns + search index); memory: Engine::heap_bytes, the facet index alone (wasm linear memory growth incl. the dataset and parser temporaries in ours_wasm_memory_growth_bytes); peer: JS heap delta after GC (CDP Runtime.getHeapUsage), rows excluded',
        });
      }
      for (const name of ['MiniSearch', 'FlexSearch']) {
        row({
          name: `build/${L}/search`, group: 'build', size: L, ours_ms: o.searchBuild.median, ours_p95_ms: o.searchBuild.p95,
          ours_z_ms: Z ? ours.z?.searchBuild.median ?? null : null,
          peer: name, peer_ms: built[name].median, peer_p95_ms: built[name].p95, n: o.searchBuild.n,
          ours_heap_bytes: o.searchHeapBytes, peer_heap_bytes: built[name].heap,
          note: 'ours: SearchIndex::build; memory: SearchIndex::heap_bytes; peer: JS heap delta after GC, documents excluded',
        });
      }

      // Facet toggles: the top value of country, theme and actor, and the role host.
      const all = await page.evaluate(() => window.B.oursFacets(''));
      const top = (f) => Object.entries(all[f]).sort((a, b) => b[1] - a[1])[0]?.[0];
      const toggles = [['country', top('country')], ['theme', top('theme')], ['actor', top('actor')], ['role', 'host']];
      for (const [facet, key] of toggles) {
        if (key == null) throw new Error(`${L}: no value to toggle in facet ${facet}`);
        const t = await page.evaluate(([f, k, tm]) => window.B.toggle(f, k, tm), [facet, key, TIMING]);
        const check = await page.evaluate(([f, k]) => window.B.checkToggle(f, k), [facet, key]);
        for (const [peer, s] of Object.entries(t.peers)) {
          const extra = {};
          if (peer === 'crossfilter2 (event rows)') Object.assign(extra, { peer_events: check.cfEventRows.events, count_mismatches: check.cfEventRows.mismatches, mismatch_examples: check.cfEventRows.examples });
          if (peer === 'itemsjs') Object.assign(extra, { peer_events: check.itemsjs.events, count_mismatches: check.itemsjs.mismatches, mismatch_examples: check.itemsjs.examples });
          if (peer === 'crossfilter2 (participation rows)') Object.assign(extra, { peer_events: check.cfParticipationRows.events, peer_rows: check.cfParticipationRows.rows });
          row({
            name: `toggle/${L}/${facet}`, group: 'toggle', size: L, toggle: t.query,
            ours_ms: t.ours[P].median, ours_p95_ms: t.ours[P].p95, ours_z_ms: Z ? t.ours.z?.median ?? null : null,
            ours_z_p95_ms: Z ? t.ours.z?.p95 ?? null : null,
            peer, peer_ms: s.median, peer_p95_ms: s.p95, n: s.n, ours_events: check.oursEvents, ...extra,
          });
        }
        log(`${L}: toggle ${t.query}: ours ${t.ours[P].median.toFixed(2)} ms, ` +
          Object.entries(t.peers).map(([p, s]) => `${p} ${s.median.toFixed(2)} ms`).join(', '));
      }
      if (L === '1M') log(toggleGoal().line);

      // Search.
      const found = await page.evaluate(([q, tm]) => window.B.search(q, tm), [QUERIES, TIMING]);
      for (const r of found) {
        for (const [peer, s] of Object.entries(r.peers)) {
          row({
            name: `search/${L}/${r.query}`, group: 'search', size: L, query: r.query,
            ours_ms: r.ours[P].median, ours_p95_ms: r.ours[P].p95, ours_z_ms: Z ? r.ours.z?.median ?? null : null,
            peer, peer_ms: s.median, peer_p95_ms: s.p95, n: s.n,
            ours_hits: r.hits.ours, peer_hits: r.hits[peer], peer_hits_missing_from_ours: r.missingFromOurs[peer],
          });
        }
      }
      log(`${L}: search done (${found.length} queries)`);
      await context.close();
    }
    await benchOpen(browser, { server, smoke: SMOKE, variants, row, log, watchProblems });
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------------------
// The whole app: first painted matrix, a facet click, DOM size.

// In the page: clicks `el` and resolves with the time to the frame after the DOM
// first changed in response (rAF, then a task).
const CLICK_TO_PAINT = (sel) => new Promise((resolve, reject) => {
  const fieldset = [...document.querySelectorAll('aside fieldset')]
    .find((f) => f.querySelector('legend')?.textContent.trim().startsWith(sel));
  const box = fieldset?.querySelector('input[type=checkbox]');
  if (!box) { reject(new Error(`no checkbox in the ${sel} facet`)); return; }
  let done = false;
  const mo = new MutationObserver(() => {
    if (done) return;
    done = true;
    mo.disconnect();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve(performance.now() - t0);
      ch.port2.postMessage(0);
    });
  });
  mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  const t0 = performance.now();
  box.click();
  setTimeout(() => { if (!done) { mo.disconnect(); reject(new Error('the click changed nothing within 20 s')); } }, 20_000);
});

// Issue 18's goals for the app: which row, which figure, the bound (ms).
// `floor`: the row of the browser's floor for the same probe, where there is one.
const APP_GOALS = [
  { name: 'app/facet-click/100k/events', what: 'facet click to next frame, 100k participations, events view', figure: 'p95', max: 16, floor: 'app/floor/click' },
  { name: 'app/facet-click/100k/matrix', what: 'same, matrix view', figure: 'p95', max: 16, floor: 'app/floor/click' },
  { name: 'app/first-matrix/seed', what: 'navigation to first painted matrix, seed data', figure: 'p95', max: 200, floor: 'app/floor/first-matrix/seed' },
  { name: 'app/first-matrix/100k', what: 'navigation to first painted matrix, ?data= 100k dataset', figure: 'median', max: 600, floor: 'app/floor/first-matrix/100k' },
  { name: 'app/keystroke/100k', what: 'keystroke in the search box to next frame, 100k participations', figure: 'p95', max: 16, floor: 'app/floor/keystroke' },
  { name: 'app/keystroke/1m', what: 'keystroke in the search box to next frame, 1M participations', figure: 'p95', max: 16, floor: 'app/floor/keystroke' },
];

/** Adds a PASS/FAIL row (group `app-goal`) per goal of APP_GOALS that was measured, and logs it. */
function appGoals() {
  for (const g of APP_GOALS) {
    const r = rows.find((x) => x.name === g.name);
    if (!r) continue;
    const figure = (x) => (g.figure === 'p95' ? x.ours_p95_ms ?? x.ours_ms : x.ours_ms);
    const value = figure(r);
    const f = g.floor && rows.find((x) => x.name === g.floor);
    const floor = f ? figure(f) : null;
    // Below the floor no change to the app can meet the goal on this machine.
    const status = value <= g.max ? 'PASS' : floor !== null && floor > g.max ? 'FAIL (floor over the goal)' : 'FAIL';
    row({ name: `goal/${g.name}`, group: 'app-goal', what: g.what, figure: g.figure, ours_ms: value, goal_ms: g.max, floor_ms: floor, status, n: r.n });
    const over = floor === null ? '' : `; the browser's floor for this probe ${floor.toFixed(1)} ms, the app ${(value - floor).toFixed(1)} ms over it`;
    log(`goal: ${g.what}: ${g.figure} ${value.toFixed(1)} ms (goal <= ${g.max} ms${over}) ${status}`);
  }
}

function stats(times) {
  const s = [...times].sort((a, b) => a - b);
  const n = s.length;
  return { median: n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2, p95: s[Math.min(n - 1, Math.ceil(0.95 * n) - 1)], n };
}

// The browser's floor for each probe (issue 18): what the same measurement reads
// when the page does almost nothing, in the same browser and sitting as the app's
// rows. A goal below its floor cannot be met by any change to the app on this
// machine; the app's figure minus the floor is what the app's own work costs.

/** Writes the floor pages for the click and keystroke probes into `dir`: a
 *  Country checkbox and a search box whose events each change one text node. */
function writeFloorPages(dir) {
  fs.writeFileSync(path.join(dir, 'floor-interaction.html'), `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Floor</title><script src="floor-interaction.js" defer></script></head>
<body><aside><fieldset><legend>Country</legend><label><input type="checkbox"> Morocco</label></fieldset></aside>
<main><input type="search" aria-label="Search"><p id="out">0</p></main></body></html>
`);
  fs.writeFileSync(path.join(dir, 'floor-interaction.js'), `const out = document.getElementById('out');
document.querySelector('input[type=checkbox]').addEventListener('change', (e) => { out.textContent = e.target.checked ? 'on' : 'off'; });
document.querySelector('input[type=search]').addEventListener('input', (e) => { out.textContent = String(e.target.value.length); });
`);
}

/** Saves the app's first matrix view as static HTML in `dir`: the DOM after the
 *  first paint, without scripts, preloads and the policy's meta tag, so the page is
 *  only the browser parsing, styling, laying out and painting what the app shows.
 *  Seed data (no `data`): `floor-first-view.html`. With `data` (a file under
 *  data/bench/, as `?data=` names it): `floor-first-view-LABEL.html`, whose body is
 *  empty until its script (`floor-first-view-LABEL.js`, started as the head is
 *  parsed) has fetched that file and parsed it with `JSON.parse`, then puts the
 *  snapshot's body in place: the least any page must do to show that view of that
 *  file (get its bytes, parse them, draw the view). `contextOptions`: those of the
 *  runs the floor is measured beside (their viewport), so it is the same view. */
async function snapshotFirstView(browser, url, dir, data = null, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  await context.addInitScript(PAINT_PROBE);
  const page = await context.newPage();
  watchProblems(page, 'app/floor/snapshot');
  await page.goto(`${url}?${data ? `data=data/bench/${data.file}&` : ''}view=matrix`);
  await page.waitForFunction(() => window.__grid?.painted, null, { timeout: 120_000 });
  const { html, body } = await page.evaluate(() => {
    const root = document.documentElement.cloneNode(true);
    for (const el of root.querySelectorAll('script, link[rel=preload], link[rel=modulepreload], meta[http-equiv]')) el.remove();
    const body = root.querySelector('body').innerHTML;
    return { html: `<!DOCTYPE html>\n${root.outerHTML}`, body };
  });
  await context.close();
  if (!html.includes('role="rowheader"')) throw new Error('the first view\'s snapshot holds no row header');
  if (!data) {
    fs.writeFileSync(path.join(dir, 'floor-first-view.html'), html);
    return;
  }
  const script = `floor-first-view-${data.label}.js`;
  const empty = html.replace(/<body([^>]*)>[\s\S]*<\/body>/, '<body$1></body>')
    .replace('</head>', `<script src="${script}"></script></head>`);
  fs.writeFileSync(path.join(dir, `floor-first-view-${data.label}.html`), empty);
  fs.writeFileSync(path.join(dir, script), `fetch('data/bench/${data.file}')
  .then((r) => r.arrayBuffer())
  .then((bytes) => {
    window.__floorData = JSON.parse(new TextDecoder().decode(bytes));
    document.body.innerHTML = ${JSON.stringify(body)};
  });
`);
}

/** The first Country checkbox clicked on and off (CLICK_TO_PAINT), 30 times after
 *  4 unmeasured clicks that warm up: each click's time to the frame after the DOM
 *  changed. The app's click rows and their floor click the same way. */
async function clickTimes(page) {
  const times = [];
  const runs = SMOKE ? 4 : 30;
  for (let i = 0; i < runs + 4; i++) {
    const t = await page.evaluate(CLICK_TO_PAINT, 'Country');
    if (i >= 4) times.push(t);
    await page.waitForTimeout(50);
  }
  return times;
}

/** "border sec" typed a key at a time into the focused search box, then cleared
 *  (Ctrl+A unmeasured, Backspace measured), in rounds: each measured key's time to
 *  the frame that shows its change (TYPE_PROBE). The first round warms up. The
 *  app's keystroke rows and their floor type the same keys this way. */
async function keystrokeTimes(page) {
  const times = [];
  const rounds = SMOKE ? 2 : 4;
  for (let round = 0; round < rounds; round++) {
    for (const key of [...'border sec', 'Backspace']) {
      if (key === 'Backspace') await page.keyboard.press('Control+A');
      await page.evaluate(TYPE_PROBE);
      await page.keyboard.press(key === ' ' ? 'Space' : key);
      const t = await page.evaluate(() => window.__typed);
      if (round > 0) times.push(t);
      await page.waitForTimeout(50);
    }
  }
  return times;
}

/** The click and keystroke probes on the floor page (bench rows app/floor/click and
 *  app/floor/keystroke), as many times as the app's rows measure. */
async function floorInteractions(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watchProblems(page, 'app/floor/interaction');
  await page.goto(`${url}floor-interaction.html`);
  await page.waitForSelector('input[type=search]');
  const c = stats(await clickTimes(page));
  row({ name: 'app/floor/click', group: 'app', ours_ms: c.median, ours_p95_ms: c.p95, peer: null, peer_ms: null, n: c.n,
    note: 'floor: the click probe on a page whose checkbox changes one text node' });
  log(`app: floor, click ${c.median.toFixed(1)} ms (p95 ${c.p95.toFixed(1)})`);
  const box = page.locator('input[type=search]');
  await box.focus();
  const k = stats(await keystrokeTimes(page));
  row({ name: 'app/floor/keystroke', group: 'app', ours_ms: k.median, ours_p95_ms: k.p95, peer: null, peer_ms: null, n: k.n,
    note: 'floor: the keystroke probe on a page whose search box changes one text node' });
  log(`app: floor, keystroke ${k.median.toFixed(1)} ms (p95 ${k.p95.toFixed(1)})`);
  await context.close();
}

async function benchApp(browser) {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: build the app first (scripts/bench.sh does)`);
  }
  // A throwaway copy of dist/ with the benchmark datasets under data/bench/.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-bench-dist-'));
  fs.cpSync(DIST, tmp, { recursive: true });
  fs.mkdirSync(path.join(tmp, 'data', 'bench'), { recursive: true });
  const files = SMOKE ? ['synth-10k.json', 'matrix-100x1000.json'] : ['synth-100k.json', 'synth-1m.json', 'matrix-100x1000.json', 'matrix-1000x10000.json'];
  for (const f of files) fs.symlinkSync(path.join(BENCH, 'data', f), path.join(tmp, 'data', 'bench', f));
  writeFloorPages(tmp);
  const server = await startServer({ root: tmp, prefix: '/a/b/convene/', csp: STRICT_CSP });
  const url = server.url;
  // The floor pages without the Content-Security-Policy: the snapshot keeps the
  // app's inline style attributes (grid positions), which the app sets through the
  // CSSOM and the policy would refuse as markup.
  const floorServer = await startServer({ root: tmp, prefix: '/a/b/convene/', csp: null });
  try {
    // 1. Navigation to the first painted matrix, seed data; in alternation with
    // the browser's floor for it, the same first view as static HTML.
    await snapshotFirstView(browser, url, tmp);
    const navRuns = SMOKE ? 3 : 15;
    const nav = [];
    const floorNav = [];
    // A fresh context's navigation to `address`, to the frame after the matrix
    // first holds a row header. `options`: the context's (a viewport).
    const firstPaint = async (address, where, options = {}) => {
      const context = await browser.newContext(options);
      const { painted } = await paintedAt(context, 120_000);
      const page = await context.newPage();
      watchProblems(page, where);
      await page.goto(address);
      const t = await painted;
      await context.close();
      return t;
    };
    for (let i = 0; i < navRuns; i++) {
      nav.push(await firstPaint(`${url}?view=matrix`, 'app/seed'));
      floorNav.push(await firstPaint(`${floorServer.url}floor-first-view.html`, 'app/floor/seed'));
    }
    const n = stats(nav);
    row({ name: 'app/first-matrix/seed', group: 'app', ours_ms: n.median, ours_p95_ms: n.p95, peer: null, peer_ms: null, n: n.n,
      note: 'navigation start to the frame after [role=grid] first holds a row header (?view=matrix, seed data, fresh context each run)' });
    log(`app: first painted matrix (seed) ${n.median.toFixed(1)} ms`);
    const f = stats(floorNav);
    row({ name: 'app/floor/first-matrix/seed', group: 'app', ours_ms: f.median, ours_p95_ms: f.p95, peer: null, peer_ms: null, n: f.n,
      note: 'floor: the same first view as a static page (the app\'s DOM after its first paint and its stylesheet; no script, no data), same probe, runs in alternation with the row above' });
    log(`app: floor, the first matrix view as static HTML ${f.median.toFixed(1)} ms (p95 ${f.p95.toFixed(1)})`);
    await floorInteractions(browser, floorServer.url);

    // 1b. Navigation to the first painted matrix of the big dataset (?data=), in
    // alternation with the browser's floor for it: the same view as static HTML
    // shown once the same file is fetched and parsed with JSON.parse.
    const big = SMOKE ? 'synth-10k.json' : 'synth-100k.json';
    const bigLabel = SMOKE ? '10k' : '100k';
    const viewport = { width: 1280, height: 900 };
    await snapshotFirstView(browser, url, tmp, { file: big, label: bigLabel }, { viewport });
    const bigRuns = SMOKE ? 2 : 7;
    const bigNav = [];
    const bigFloor = [];
    for (let i = 0; i < bigRuns; i++) {
      bigNav.push(await firstPaint(`${url}?data=data/bench/${big}&view=matrix`, `app/${bigLabel}/first-view`, { viewport }));
      bigFloor.push(await firstPaint(`${floorServer.url}floor-first-view-${bigLabel}.html`, `app/floor/${bigLabel}`, { viewport }));
    }
    const b = stats(bigNav);
    row({ name: `app/first-matrix/${bigLabel}`, group: 'app', ours_ms: b.median, ours_p95_ms: b.p95, peer: null, peer_ms: null, n: b.n,
      note: `navigation start to the first painted matrix, ?data= the ${bigLabel} dataset (fetch + load + index + render; fresh context each run)` });
    log(`app: first painted matrix (${bigLabel}) ${b.median.toFixed(0)} ms (p95 ${b.p95.toFixed(0)})`);
    const bf = stats(bigFloor);
    row({ name: `app/floor/first-matrix/${bigLabel}`, group: 'app', ours_ms: bf.median, ours_p95_ms: bf.p95, peer: null, peer_ms: null, n: bf.n,
      note: `floor: the same first view as a static page shown once the ${bigLabel} file is fetched and then parsed with JSON.parse (no wasm, no index; a parser fed while the bytes arrive could go under it), same probe, runs in alternation with the row above` });
    log(`app: floor, the ${bigLabel} first matrix view once its file is fetched and JSON.parse'd ${bf.median.toFixed(0)} ms (p95 ${bf.p95.toFixed(0)})`);

    // 2. A facet click to the next painted frame on the big dataset.
    for (const view of ['events', 'matrix']) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      watchProblems(page, `app/${bigLabel}/${view}`);
      await page.goto(`${url}?data=data/bench/${big}&view=${view}`);
      await page.waitForSelector('aside fieldset legend', { timeout: 120_000 });
      const s = stats(await clickTimes(page));
      row({ name: `app/facet-click/${bigLabel}/${view}`, group: 'app', ours_ms: s.median, ours_p95_ms: s.p95, peer: null, peer_ms: null, n: s.n,
        note: `click on the first Country checkbox (on, off, alternately) to the frame after the DOM changed, ${view} view, ${bigLabel} dataset` });
      log(`app: facet click (${bigLabel}, ${view}) median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`);
      await context.close();
    }

    // 2b. A keystroke in the search box to the next painted frame, at 100k and 1M:
    // "border sec" typed a key at a time, then cleared (Ctrl+A unmeasured, Backspace
    // measured), twice; the first round's keys warm up.
    const typed = SMOKE ? [['10k', 'synth-10k.json']] : [['100k', 'synth-100k.json'], ['1m', 'synth-1m.json']];
    for (const [label, file] of typed) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      watchProblems(page, `app/keystroke/${label}`);
      await page.goto(`${url}?data=data/bench/${file}`);
      await page.waitForSelector('aside fieldset legend', { timeout: 600_000 });
      const box = page.getByRole('searchbox', { name: 'Search' });
      await box.focus();
      await page.waitForTimeout(500);
      const s = stats(await keystrokeTimes(page));
      row({ name: `app/keystroke/${label}`, group: 'app', ours_ms: s.median, ours_p95_ms: s.p95, peer: null, peer_ms: null, n: s.n,
        note: `keystroke in the search box ("border sec" a key at a time, then cleared) to the frame after the DOM changed, events view, ${label} dataset` });
      log(`app: keystroke (${label}) median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`);
      await context.close();
    }

    // 3. Live DOM in the matrix view.
    const shapes = SMOKE ? [['100x1000', 'matrix-100x1000.json']] : [['100x1000', 'matrix-100x1000.json'], ['1000x10000', 'matrix-1000x10000.json']];
    for (const [shape, file] of shapes) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const { painted } = await paintedAt(context);
      const page = await context.newPage();
      watchProblems(page, `app/dom/${shape}`);
      await page.goto(`${url}?data=data/bench/${file}&view=matrix`);
      await painted;
      await page.waitForTimeout(500);
      const counts = await page.evaluate(() => ({
        grid: document.querySelectorAll('[role=grid] *').length,
        document: document.querySelectorAll('*').length,
        painted: window.__grid.painted,
      }));
      // Scroll the grid's scroller half-way down and right: virtualisation must hold.
      await page.evaluate(() => {
        const g = document.querySelector('[role=grid]');
        let s = g;
        while (s && s.scrollHeight <= s.clientHeight && s.scrollWidth <= s.clientWidth) s = s.parentElement;
        (s ?? document.scrollingElement).scrollTo((s.scrollWidth - s.clientWidth) / 2, (s.scrollHeight - s.clientHeight) / 2);
      });
      await page.waitForTimeout(500);
      const scrolled = await page.evaluate(() => ({
        grid: document.querySelectorAll('[role=grid] *').length,
        document: document.querySelectorAll('*').length,
      }));
      row({ name: `app/dom/${shape}`, group: 'dom', ours_ms: counts.painted, peer: null, peer_ms: null, n: 1,
        grid_nodes: counts.grid, document_nodes: counts.document,
        grid_nodes_scrolled: scrolled.grid, document_nodes_scrolled: scrolled.document, budget_nodes: 1400,
        note: `actors x events ${shape}; ours_ms: navigation to the first painted matrix` });
      log(`app: DOM at ${shape}: grid ${counts.grid}, document ${counts.document} nodes (scrolled: ${scrolled.grid} / ${scrolled.document}); painted at ${counts.painted.toFixed(0)} ms`);
      await context.close();
    }
    appGoals();
  } finally {
    await server.close();
    await floorServer.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Sizes: the app's dist/ (scripts/size-report.sh) and the libraries compared.

function compressed(buf) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function sizes() {
  if (fs.existsSync(path.join(DIST, 'index.html'))) {
    const report = execFileSync('bash', [path.join(ROOT, 'scripts/size-report.sh'), DIST], { encoding: 'utf8' });
    meta.sizeReport = report;
    // The first visit: the files the report names as what index.html loads.
    const firstFiles = (report.match(/^first visit \(index\.html: ([^)]*)\)/m)?.[1] ?? '').split(' ');
    let code = { raw: 0, gzip: 0, brotli: 0 };
    let first = { raw: 0, gzip: 0, brotli: 0 };
    const add = (a, m) => ({ raw: a.raw + +m[2], gzip: a.gzip + +m[3], brotli: a.brotli + +m[4] });
    for (const line of report.split('\n')) {
      const m = line.match(/^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)$/);
      if (m && /\.(wasm|js|css)$/.test(m[1])) code = add(code, m);
      if (m && firstFiles.includes(m[1])) first = add(first, m);
    }
    row({ name: 'size/app-first-visit', group: 'size', ours_ms: null, peer: null, peer_ms: null, n: 1,
      ours_raw_bytes: first.raw, ours_gzip_bytes: first.gzip, ours_brotli_bytes: first.brotli, budget_brotli_bytes: 153600,
      note: `the first visit: what index.html loads (${firstFiles.length} files: boot.js, the page's glue and wasm, the stylesheet)`,
      status: first.brotli <= 153600 ? 'PASS' : 'FAIL' });
    row({ name: 'size/app-code', group: 'size', ours_ms: null, peer: null, peer_ms: null, n: 1,
      ours_raw_bytes: code.raw, ours_gzip_bytes: code.gzip, ours_brotli_bytes: code.brotli,
      note: 'all app code: dist/ wasm + js + css, with what loads only when needed (the worker that opens data and its module, embed.js)' });
  }
  const libs = [
    ['ours: engine + search (bench wasm, opt-level 3)', 'pkg/convene_bench_wasm_bg.wasm'],
    ['ours: engine + search (bench wasm, opt-level z)', 'pkg-z/convene_bench_wasm_bg.wasm'],
    ['crossfilter2 (min)', 'node_modules/crossfilter2/crossfilter.min.js'],
    ['itemsjs (umd)', 'node_modules/itemsjs/dist/index.umd.js'],
    ['MiniSearch (umd)', 'node_modules/minisearch/dist/umd/index.js'],
    ['FlexSearch (bundle, min)', 'node_modules/flexsearch/dist/flexsearch.bundle.min.js'],
  ];
  for (const [label, file] of libs) {
    const p = path.join(BENCH, file);
    if (!fs.existsSync(p)) continue;
    const c = compressed(fs.readFileSync(p));
    row({ name: `size/lib/${label}`, group: 'size-lib', ours_ms: null, peer: null, peer_ms: null, n: 1,
      raw_bytes: c.raw, gzip_bytes: c.gzip, brotli_bytes: c.brotli, file });
  }
}

// ---------------------------------------------------------------------------
// Report.

function versions() {
  const v = {};
  for (const p of ['crossfilter2', 'itemsjs', 'minisearch', 'flexsearch', 'papaparse', 'playwright-core']) {
    v[p] = JSON.parse(fs.readFileSync(path.join(BENCH, 'node_modules', p, 'package.json'), 'utf8')).version;
  }
  const sh = (cmd, a) => { try { return execFileSync(cmd, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return null; } };
  v.node = process.version;
  v.chromium = sh(CHROMIUM, ['--version']);
  v.rustc_wasm = sh('/usr/bin/rustc', ['--version']);
  v.wasm_bindgen = sh('wasm-bindgen', ['--version']);
  v.git = sh('git', ['-C', ROOT, 'describe', '--always', '--dirty']);
  return v;
}

function machine() {
  const lscpu = (() => { try { return execFileSync('lscpu', { encoding: 'utf8' }); } catch { return ''; } })();
  const model = lscpu.match(/Model name:\s*(.+)/)?.[1]?.trim() ?? os.cpus()[0]?.model;
  return { cpu: model, cores: os.cpus().length, memory_gb: Math.round(os.totalmem() / 1e9), loadavg: os.loadavg().map((x) => x.toFixed(1)).join(' ') };
}

const ms = (x) => (x == null ? '' : x < 1 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(0));
const mb = (x) => (x == null ? '' : (x / 1e6).toFixed(1));
const kb = (x) => (x == null ? '' : (x / 1024).toFixed(1));
const ratio = (x) => (x == null ? '' : `${x.toFixed(2)}x`);

/**
 * The issue-18 goal line: per 1M toggle, ours (each variant) over the fastest peer
 * on that toggle; the worst ratio must be at most TOGGLE_GOAL in every variant.
 */
function toggleGoal() {
  const worst = {};
  const toggles = new Set(rows.filter((r) => r.group === 'toggle' && r.size === '1M').map((r) => r.toggle));
  for (const t of toggles) {
    const peers = rows.filter((r) => r.group === 'toggle' && r.size === '1M' && r.toggle === t && r.peer_ms);
    const best = peers.reduce((a, b) => (b.peer_ms < a.peer_ms ? b : a));
    for (const [variant, ours] of [['opt-level 3', best.ours_ms], ['z', best.ours_z_ms]]) {
      if (ours == null) continue;
      const x = ours / best.peer_ms;
      if (!worst[variant] || x > worst[variant].ratio) worst[variant] = { ratio: x, toggle: t, peer: best.peer };
    }
  }
  const variants = Object.entries(worst);
  if (variants.length === 0) return { line: 'facet toggle at 1M: no 1M toggle measured', pass: null };
  const pass = variants.every(([, w]) => w.ratio <= TOGGLE_GOAL);
  const [first, ...rest] = variants;
  const what = ([v, w]) => `${w.ratio.toFixed(2)}x (\`${w.toggle}\`, ${v}, against ${w.peer})`;
  const line = `facet toggle at 1M, worst ratio against the best peer model: ${what(first)}` +
    rest.map((x) => `; ${what(x)}`).join('') + `, goal <= ${TOGGLE_GOAL}x: ${pass ? 'PASS' : 'FAIL'}`;
  return { line, pass };
}

function markdown() {
  const out = [];
  const by = (g) => rows.filter((r) => r.group === g);
  out.push('## Browser (headless Chromium)', '');
  out.push(`Command: \`scripts/bench.sh\` (bench/README.md). Date: ${meta.started.slice(0, 10)}. ` +
    `Machine: \`lscpu\` model "${meta.machine.cpu}", ${meta.machine.cores} cores, ${meta.machine.memory_gb} GB, ` +
    `shared with other builds (load average at the end: ${meta.machine.loadavg}), so figures are upper bounds. ` +
    `${meta.versions.chromium} headless, ${meta.userAgent ? 'cross-origin isolated page (5 µs clock)' : ''}. ` +
    `Ours: crates/convene-bench-wasm (convene-core built by ${meta.versions.rustc_wasm}, build-std, ` +
    `the workspace's \`[profile.release]\` with opt-level 3, fat LTO, and the wasm32 rustflags of .cargo/config.toml; the "ours z" column is the release profile itself (opt-level "z", convene-core and serde_json at "s"), as the app ships; "engine build" is \`Engine::new\`, the first view's index: the search index is its own row, built after the first paint), ` +
    `wasm-bindgen ${meta.versions.wasm_bindgen?.split(' ')[1] ?? ''}, source \`${meta.versions.git}\`. Peers from npm: crossfilter2 ${meta.versions.crossfilter2}, ` +
    `itemsjs ${meta.versions.itemsjs}, MiniSearch ${meta.versions.minisearch}, FlexSearch ${meta.versions.flexsearch}. ` +
    `Data: \`synth::generate\`, seed 2024 (10k: 500 events, 100 actors; 100k: 5,000 / 1,000; 1M: 50,000 / 10,000). ` +
    `Times are medians (p95 in brackets) over ${TIMING.runs} runs after ${TIMING.warmup} warm-ups, unless n says otherwise; ` +
    `ratio = ours / peer (below 1: ours is faster). Raw figures: \`bench/results.json\`.`, '');

  out.push('### Facet toggle: one value on/off, then every facet\'s counts and the result count', '');
  out.push('| size | toggle | ours ms | ours z ms | peer | peer ms | ratio | events (ours / peer) | counts agree |');
  out.push('| --- | --- | ---: | ---: | --- | ---: | ---: | --- | --- |');
  for (const r of by('toggle')) {
    const agree = r.count_mismatches == null ? (r.peer_rows != null ? `counts rows (${r.peer_rows.toLocaleString('en')})` : '') : r.count_mismatches === 0 ? 'yes' : `no (${r.count_mismatches})`;
    out.push(`| ${r.size} | \`${r.toggle}\` | ${ms(r.ours_ms)} (${ms(r.ours_p95_ms)}) | ${ms(r.ours_z_ms)} | ${r.peer} | ${ms(r.peer_ms)} (${ms(r.peer_p95_ms)}) | ${ratio(r.ratio)} | ${r.ours_events} / ${r.peer_events ?? ''} | ${agree} |`);
  }
  out.push('');
  if (by('toggle').some((r) => r.size === '1M')) out.push(`Goal (issue 18): ${toggleGoal().line}.`, '');
  out.push('### Search as you type: every term a prefix, terms ANDed', '');
  out.push('| size | query | ours ms | ours z ms | peer | peer ms | ratio | hits ours / peer | peer hits ours lacks |');
  out.push('| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
  for (const r of by('search')) {
    out.push(`| ${r.size} | \`${r.query}\` | ${ms(r.ours_ms)} (${ms(r.ours_p95_ms)}) | ${ms(r.ours_z_ms)} | ${r.peer} | ${ms(r.peer_ms)} (${ms(r.peer_p95_ms)}) | ${ratio(r.ratio)} | ${r.ours_hits} / ${r.peer_hits} | ${r.peer_hits_missing_from_ours} |`);
  }
  out.push('');
  out.push('### Load and index build, memory held', '');
  out.push('| size | what | ours ms | ours z ms | peer | peer ms | ratio | ours MB | peer MB | n |');
  out.push('| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of [...by('load'), ...by('build')]) {
    const what = r.group === 'load' ? 'load (parse)' : r.name.endsWith('facets') ? 'engine build' : 'search index build';
    out.push(`| ${r.size} | ${what} | ${ms(r.ours_ms)} | ${ms(r.ours_z_ms)} | ${r.peer} | ${ms(r.peer_ms)} | ${ratio(r.ratio)} | ${mb(r.ours_heap_bytes)} | ${mb(r.peer_heap_bytes ?? r.peer_model_heap_bytes)} | ${r.n} |`);
  }
  out.push('');
  out.push(appMarkdown());
  out.push(...openMarkdown(rows, { ms, ratio }));
  out.push('### Sizes', '');
  out.push('| what | raw KB | gzip KB | brotli KB |');
  out.push('| --- | ---: | ---: | ---: |');
  for (const r of by('size')) {
    const goal = r.budget_brotli_bytes ? ` (issue 18's goal: at most 150 KB brotli; ${r.status})` : '';
    out.push(`| app code over the wire, ${r.note}${goal} | ${kb(r.ours_raw_bytes)} | ${kb(r.ours_gzip_bytes)} | ${kb(r.ours_brotli_bytes)} |`);
  }
  for (const r of by('size-lib')) out.push(`| ${r.name.replace('size/lib/', '')} | ${kb(r.raw_bytes)} | ${kb(r.gzip_bytes)} | ${kb(r.brotli_bytes)} |`);
  out.push('');
  return out.join('\n');
}

/** The "### The app" subsection: the app rows, issue 18's goals with their status, the live DOM. */
function appMarkdown() {
  const out = [];
  const by = (g) => rows.filter((r) => r.group === g);
  out.push('### The app (built dist/, strict CSP, served from a sub-path)', '');
  out.push(`Measured ${meta.started.slice(0, 10)}, source \`${meta.versions?.git ?? ''}\`, load average at the end ${meta.machine?.loadavg ?? ''} (2 cores shared).`, '');
  out.push('| what | median ms | p95 ms | n |');
  out.push('| --- | ---: | ---: | ---: |');
  for (const r of by('app')) out.push(`| ${r.note} | ${ms(r.ours_ms)} | ${ms(r.ours_p95_ms)} | ${r.n} |`);
  out.push('');
  out.push('Issue 18\'s goals for the app (printed by the run with the same status):', '');
  out.push('The floor is the same probe, figure and sitting on a page that does almost nothing (the rows "floor:" above): ' +
    'what the browser alone takes here. A goal under its floor cannot be met on this machine by any change to the app.', '');
  out.push('| goal | figure | measured ms | floor ms | goal ms | status |');
  out.push('| --- | --- | ---: | ---: | ---: | --- |');
  for (const r of by('app-goal')) out.push(`| ${r.what} | ${r.figure} | ${ms(r.ours_ms)} | ${r.floor_ms == null ? '' : ms(r.floor_ms)} | <= ${r.goal_ms} | ${r.status} |`);
  out.push('');
  out.push('Live DOM in the matrix view (budget: 1,400 nodes):', '');
  out.push('| actors x events | nodes in `[role=grid]` | nodes in the document | after scrolling to the middle (grid / document) | first painted, ms |');
  out.push('| --- | ---: | ---: | ---: | ---: |');
  for (const r of by('dom')) out.push(`| ${r.name.split('/').pop()} | ${r.grid_nodes} | ${r.document_nodes} | ${r.grid_nodes_scrolled} / ${r.document_nodes_scrolled} | ${ms(r.ours_ms)} |`);
  out.push('');
  out.push(...profMarkdown());
  return out.join('\n');
}

/** "Where a facet click's time goes": the entries `bench/prof-click.mjs --save LABEL` kept in bench/prof-click.json. */
function profMarkdown() {
  const file = path.join(BENCH, 'prof-click.json');
  if (!fs.existsSync(file)) return [];
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  const out = ['#### Where a facet click\'s time goes (issue 18)', '',
    'Per click on the first Country value at 100k participations (`node bench/prof-click.mjs events|matrix --dist DIR --save LABEL`): ' +
    'the median click to the next frame, CDP Performance metrics per click (script, style, layout: the figures to compare), and the renderer main thread ' +
    'by trace event (every FunctionCall of the page in the traced span, the click\'s own EventDispatch inside it, then style, layout and paint). ' +
    'Each build measured on the same machine and load; figures vary by about a third between runs.', '',
    '| build | view | load | median click | script | style | layout | trace: FunctionCall | EventDispatch | UpdateLayoutTree | Layout | PrePaint | Paint | Layerize |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const e of saved) {
    const t = e.trace_ms;
    out.push(`| ${e.label} | ${e.view} | ${e.loadavg.split(' ')[0]} | ${ms(e.median_click_ms)} | ${ms(e.metrics_ms.script)} | ${ms(e.metrics_ms.style)} | ${ms(e.metrics_ms.layout)} | ` +
      `${ms(t.FunctionCall)} | ${ms(t.EventDispatch)} | ${ms(t.UpdateLayoutTree)} | ${ms(t.Layout)} | ${ms(t.PrePaint)} | ${ms(t.Paint)} | ${ms(t.Layerize)} |`);
  }
  out.push('');
  out.push('What the profile showed, and what changed (branch `uispeed`): in both views a click\'s script built a new `Intl.DateTimeFormat` for every date it wrote ' +
    '(the formatters are now kept per precision); in the matrix view every header, row header and cell in sight (up to 900 cells) was built anew as views on every click, ' +
    'and every column header again on every change of view (they are now elements written by hand, kept by position, and only the attributes and words that changed are written; ' +
    'the view code they no longer need is smaller wasm). What remains is mostly the browser\'s own work: style, layout and paint of the sidebar\'s facet lists, ' +
    'whose counts and order change with every click, and of the twenty event cards a filter replaces; and `history.pushState` (1 to 3 ms in Chromium), which stays in the ' +
    'click because deferring it past the frame let a WebDriver read the old URL right after the view changed (WebKit, tests/e2e/explorer.test.mjs).', '');
  return out;
}

function writeSection(md) {
  writeBenchmarksSection('## Browser (headless Chromium)', md);
}

// ---------------------------------------------------------------------------

let browser;
let failed = false;
try {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/setup.sh`);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  if (!APP_ONLY && !LAYOUT_ONLY) await benchEngines(browser);
  if (!APP_ONLY && !OPEN_ONLY) await benchLayout(browser, { smoke: SMOKE, row, log, watchProblems, meta });
  if (!SKIP_APP && !LAYOUT_ONLY && !OPEN_ONLY) await benchApp(browser);
  if (!LAYOUT_ONLY && !OPEN_ONLY) sizes();
} catch (e) {
  failed = true;
  log(`error: ${e.stack ?? e}`);
} finally {
  await browser?.close();
}
meta.machine = machine();
meta.versions = versions();
meta.finished = new Date().toISOString();
if (problems.length) {
  failed = true;
  for (const p of problems) log(`problem: ${p}`);
}
const outFile = path.join(BENCH, SMOKE ? 'results-smoke.json' : APP_ONLY ? 'results-app.json' : LAYOUT_ONLY ? 'results-layout.json' : OPEN_ONLY ? 'results-open.json' : 'results.json');
fs.writeFileSync(outFile, JSON.stringify({ meta, rows }, null, 2) + '\n');
log(`wrote ${path.relative(ROOT, outFile)} (${rows.length} rows)`);
if (!SMOKE && !APP_ONLY && !OPEN_ONLY && !failed) writeLayoutSection(layoutMarkdown(rows, meta));
if (APP_ONLY && !SMOKE && !failed) {
  writeBenchmarksSubsection('## Browser (headless Chromium)', '### The app (built dist/, strict CSP, served from a sub-path)', appMarkdown());
  log('app only: wrote the "The app" table of BENCHMARKS.md (the rest of the "Browser" section left alone)');
} else if (OPEN_ONLY && !SMOKE && !failed) {
  const stamp = `Measured ${meta.started.slice(0, 10)} by \`node bench/run.mjs --open-only\`, source \`${meta.versions?.git ?? ''}\`, load average at the end ${meta.machine?.loadavg ?? ''} (2 cores shared).`;
  writeBenchmarksSubsection('## Browser (headless Chromium)', OPEN_HEAD, openMarkdown(rows, { ms, ratio }, stamp).join('\n'));
  log('open only: wrote the "Opening data" table of BENCHMARKS.md (the rest of the "Browser" section left alone)');
} else if (APP_ONLY || LAYOUT_ONLY || OPEN_ONLY) {
  log(`${APP_ONLY ? 'app' : LAYOUT_ONLY ? 'layout' : 'open'} only: the "Browser (headless Chromium)" section of BENCHMARKS.md left alone`);
} else if (!SMOKE && !failed) {
  writeSection(markdown());
  log('wrote the "Browser (headless Chromium)" section of BENCHMARKS.md');
} else if (!SMOKE) {
  fs.writeFileSync(path.join(BENCH, 'results.md'), markdown());
  log('errors: BENCHMARKS.md left alone; the partial table is in bench/results.md');
}
process.exit(failed ? 1 : 0);
