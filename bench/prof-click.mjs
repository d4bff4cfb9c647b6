// Where a facet click's time goes, for working on the app's click-to-frame figure
// (not part of the harness; needs dist/ and bench/data/ from scripts/bench.sh):
//   node bench/prof-click.mjs [events|matrix] ['extra CSS to try'] [--dist DIR] [--save LABEL] [--cpu]
// With --save, the figures are kept in bench/prof-click.json under LABEL (a build:
// "main 736b461", "uispeed"), and bench/run.mjs shows that file's entries under the
// app's table in BENCHMARKS.md ("Where a facet click's time goes").
// Prints script, layout and style time per click (CDP Performance metrics, 20
// clicks on the first Country value at 100k participations), the median click, and
// the renderer main thread's time per click by trace event (CDP Tracing, 20 more
// clicks: FunctionCall/EventDispatch = script, UpdateLayoutTree = style, Layout,
// PrePaint, Paint, Layerize, Commit; TimerFire = work after the frame).
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, STRICT_CSP } from '../tests/e2e/server.mjs';
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const distAt = args.indexOf('--dist');
const DIST = distAt >= 0 ? path.resolve(args.splice(distAt, 2)[1]) : path.join(ROOT, 'dist');
const saveAt = args.indexOf('--save');
const SAVE = saveAt >= 0 ? args.splice(saveAt, 2)[1] : null;
const cpuAt = args.indexOf('--cpu');
const CPU = cpuAt >= 0 && args.splice(cpuAt, 1).length > 0;
const view = args[0] ?? 'events';
const extraCss = args[1];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prof-'));
fs.cpSync(DIST, tmp, { recursive: true });
fs.mkdirSync(path.join(tmp, 'data', 'bench'), { recursive: true });
fs.symlinkSync(path.join(ROOT, 'bench/data/synth-100k.json'), path.join(tmp, 'data/bench/synth-100k.json'));
const server = await startServer({ root: tmp, prefix: '/a/', csp: STRICT_CSP });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true })).newPage();
await page.goto(`${server.url}?data=data/bench/synth-100k.json&view=${view}`);
await page.waitForSelector('aside fieldset legend', { timeout: 120000 });
await page.waitForTimeout(1000);
if (extraCss) await page.addStyleTag({ content: extraCss });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const click = () => page.evaluate(() => new Promise((resolve) => {
  const f = [...document.querySelectorAll('aside fieldset')].find((f) => f.querySelector('legend')?.textContent.trim().startsWith('Country'));
  const t0 = performance.now();
  f.querySelector('input[type=checkbox]').click();
  requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => resolve(performance.now() - t0); ch.port2.postMessage(0); });
}));
for (let i = 0; i < 6; i++) await click();
const m0 = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
const times = [];
const N = 20;
for (let i = 0; i < N; i++) { times.push(await click()); await page.waitForTimeout(30); }
const m1 = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
for (const k of ['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'TaskDuration']) console.log(k, ((m1[k] - m0[k]) * 1000 / N).toFixed(1), 'ms/click');
console.log('LayoutCount', (m1.LayoutCount - m0.LayoutCount) / N, 'RecalcStyleCount', (m1.RecalcStyleCount - m0.RecalcStyleCount) / N, 'Nodes', m1.Nodes);
times.sort((a, b) => a - b); console.log('median click', times[N / 2].toFixed(1));
console.log('DOM nodes', await page.evaluate(() => document.querySelectorAll('*').length));
// The same clicks traced: main-thread time per click by event name (nested events
// overlap: EventDispatch runs inside FunctionCall, Layout inside a forced FunctionCall).
await browser.startTracing(page, { categories: ['devtools.timeline'] });
for (let i = 0; i < N; i++) { await click(); await page.waitForTimeout(30); }
const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
const main = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
const per = new Map();
for (const e of events) if (e.ph === 'X' && main && e.pid === main.pid && e.tid === main.tid) per.set(e.name, (per.get(e.name) ?? 0) + e.dur / 1000);
const shown = ['FunctionCall', 'EventDispatch', 'TimerFire', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'MinorGC', 'MajorGC'];
console.log('trace ms/click:', shown.map((k) => `${k} ${((per.get(k) ?? 0) / N).toFixed(1)}`).join(', '));
// --cpu: the same clicks under the CDP sampling profiler, self time per function.
// Wasm functions show by name only in a build that keeps the name section, which
// the release build strips; one way (session 9): copy index.html with
// `data-keep-debug` on the rust link, `trunk build --release --dist /tmp/dist-names
// that-copy.html`, then `wasm-bindgen --target web --keep-debug --out-name convene`
// on target/wasm/wasm32-unknown-unknown/release/convene.wasm, copy its .js and
// _bg.wasm over the hashed ones in /tmp/dist-names, and drop the integrity
// attributes from its index.html; then `--dist /tmp/dist-names --cpu`.
if (CPU) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < N; i++) { await click(); await page.waitForTimeout(30); }
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)') return;
    const name = f.functionName || `(anonymous ${f.url.split('/').pop()}:${f.lineNumber})`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`cpu: ${(total / N).toFixed(1)} ms sampled per click (idle and (program) left out); top self times per click:`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    console.log(`${(ms / N).toFixed(2).padStart(7)} ms ${(100 * ms / total).toFixed(1).padStart(5)}%  ${name.slice(0, 140)}`);
  }
  // Inclusive (total) time of each function: itself and what it called, each
  // sample counted once per function on its stack (recursion counted once).
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map();
  profile.samples.forEach((id, i) => {
    const leaf = byId.get(id).callFrame.functionName;
    if (leaf === '(idle)' || leaf === '(program)') return;
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at).callFrame;
      const name = f.functionName || `(anonymous ${f.url.split('/').pop()}:${f.lineNumber})`;
      if (seen.has(name)) continue;
      seen.add(name);
      incl.set(name, (incl.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
  });
  console.log('top inclusive times per click (the function and what it called):');
  for (const [name, ms] of [...incl].filter(([n]) => n !== '(root)').sort((a, b) => b[1] - a[1]).slice(0, 60)) {
    console.log(`${(ms / N).toFixed(2).padStart(7)} ms ${(100 * ms / total).toFixed(1).padStart(5)}%  ${name.slice(0, 140)}`);
  }
}
if (SAVE) {
  const file = path.join(ROOT, 'bench', 'prof-click.json');
  const saved = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
  const per1 = (k) => +(((m1[k] - m0[k]) * 1000) / N).toFixed(2);
  const entry = {
    label: SAVE, view, date: new Date().toISOString(), loadavg: os.loadavg().map((x) => x.toFixed(2)).join(' '), clicks: N,
    median_click_ms: +times[N / 2].toFixed(2),
    metrics_ms: { script: per1('ScriptDuration'), layout: per1('LayoutDuration'), style: per1('RecalcStyleDuration'), task: per1('TaskDuration') },
    trace_ms: Object.fromEntries(shown.map((k) => [k, +((per.get(k) ?? 0) / N).toFixed(2)])),
  };
  const kept = saved.filter((e) => !(e.label === SAVE && e.view === view));
  fs.writeFileSync(file, JSON.stringify([...kept, entry], null, 2) + '\n');
  console.log(`saved in ${path.relative(ROOT, file)} as "${SAVE}"`);
}
await browser.close(); await server.close?.(); process.exit(0);
