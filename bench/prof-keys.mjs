// Where a keystroke's time goes, and an A/B of builds on it (issue 18; not part of
// the harness; needs bench/data/ from scripts/bench.sh):
//   node bench/prof-keys.mjs [--dist A --dist B ...] [--sizes 100k,1m] [--rounds N] [--trace] [--cpu] [--css 'CSS']
// Types "border sec" a key at a time and clears it, four times (the first unmeasured),
// as the bench's `app/keystroke/*` rows do, with the same probe (TYPE_PROBE). The
// builds are measured in alternation, N rounds (default 2), so that the machine's
// load hits both alike. Prints per build and dataset the median and p95 of keydown
// to the frame that shows the change, script/layout/style per key (CDP Performance
// metrics), and each key's times: "d:24/29/26" are the three measured "d"s. Keys
// that keep the twenty cards ("bord" -> "borde") and keys that change them read
// differently (BENCHMARKS.md, session 12). --trace adds the main thread's time per
// key by trace event; --cpu the CPU profile of two more rounds, self and inclusive
// time per key by function (the wasm's by name in a dist from
// `scripts/named-dist.sh`: how session 22 found the selection memo listing every
// participation); --css injects a style sheet first (e.g. '.sidebar{display:none}'
// to see what the facet panel costs).
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, STRICT_CSP } from '../tests/e2e/server.mjs';
import { TYPE_PROBE } from './probes.mjs';
import { ROOT, args, option, dists as listedDists } from './cli.mjs';

const dists = listedDists();
const sizes = option('--sizes', '100k,1m').split(',');
const rounds = Number(option('--rounds', '2'));
const TRACE = args.includes('--trace');
const CPU = args.includes('--cpu');
const CSS = option('--css', null);

const servers = [];
for (const dist of dists) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prof-keys-'));
  fs.cpSync(dist, tmp, { recursive: true });
  fs.mkdirSync(path.join(tmp, 'data', 'bench'), { recursive: true });
  for (const size of sizes) {
    const file = `synth-${size}.json`;
    fs.symlinkSync(path.join(ROOT, 'bench', 'data', file), path.join(tmp, 'data', 'bench', file));
  }
  servers.push(await startServer({ root: tmp, prefix: '/a/', csp: STRICT_CSP }));
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--js-flags=--max-old-space-size=8192'],
});
const quantile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const KEYS = [...'border sec', 'Backspace'];

/** Types the round's keys once; returns each key's time (ms) in order. */
async function typeRound(page) {
  const times = [];
  for (const key of KEYS) {
    if (key === 'Backspace') await page.keyboard.press('Control+A');
    await page.evaluate(TYPE_PROBE);
    await page.keyboard.press(key === ' ' ? 'Space' : key);
    times.push(await page.evaluate(() => window.__typed));
    await page.waitForTimeout(50);
  }
  return times;
}

/** Two more rounds under the CPU profiler: prints self and inclusive ms per key by function. */
async function cpuPerKey(cdp, page) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const keys = (await typeRound(page)).length + (await typeRound(page)).length;
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id) => byId.get(id).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '') || '(anonymous)';
  const self = new Map();
  const inclusive = new Map();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (name(id) === '(idle)') return;
    self.set(name(id), (self.get(name(id)) ?? 0) + ms);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      if (!seen.has(name(cur))) {
        seen.add(name(cur));
        inclusive.set(name(cur), (inclusive.get(name(cur)) ?? 0) + ms);
      }
    }
  });
  for (const [title, m, n] of [['self', self, 25], ['inclusive', inclusive, 50]]) {
    console.log(`  cpu, ${title} ms per key:`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${(v / keys).toFixed(2).padStart(7)}  ${k.slice(0, 140)}`);
  }
}

try {
  for (let r = 0; r < rounds; r++) {
    for (const [i, server] of servers.entries()) {
      for (const size of sizes) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: CSS !== null });
        const page = await context.newPage();
        await page.goto(`${server.url}?data=data/bench/synth-${size}.json`);
        await page.waitForSelector('aside fieldset legend', { timeout: 600_000 });
        if (CSS !== null) await page.addStyleTag({ content: CSS });
        await page.getByRole('searchbox', { name: 'Search' }).focus();
        await page.waitForTimeout(500);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Performance.enable');
        const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
        await typeRound(page); // warm-up
        const m0 = await metrics();
        const times = [];
        const byKey = new Map();
        for (let round = 0; round < 3; round++) {
          (await typeRound(page)).forEach((t, k) => {
            times.push(t);
            byKey.set(KEYS[k], [...(byKey.get(KEYS[k]) ?? []), t.toFixed(0)]);
          });
        }
        const m1 = await metrics();
        const per = (k) => (((m1[k] - m0[k]) * 1000) / times.length).toFixed(1);
        console.log(`${dists[i]} ${size}: median ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms | per key: script ${per('ScriptDuration')}, layout ${per('LayoutDuration')}, style ${per('RecalcStyleDuration')} ms`);
        console.log(`  ${[...byKey].map(([k, v]) => `${k === ' ' ? 'space' : k}:${v.join('/')}`).join(' ')}`);
        if (TRACE) {
          await browser.startTracing(page, { categories: ['devtools.timeline'] });
          const n = (await typeRound(page)).length + (await typeRound(page)).length;
          const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
          const main = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
          const total = new Map();
          for (const e of events) {
            if (e.ph === 'X' && main && e.pid === main.pid && e.tid === main.tid) total.set(e.name, (total.get(e.name) ?? 0) + e.dur / 1000);
          }
          // Nested events overlap (EventDispatch runs inside FunctionCall, for one).
          console.log(`  trace, ms per key: ${[...total].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${k} ${(v / n).toFixed(1)}`).join(', ')}`);
        }
        if (CPU) await cpuPerKey(cdp, page);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
