// Where a fresh start's time goes (issue 18; not part of the harness): a CPU
// profile of the page from navigation to the first painted matrix, fresh context
// each run, summed by function.
//   node bench/prof-start.mjs [--dist DIR] [--query '?view=matrix'] [--data synth-100k.json] [--runs 3] [--top 60]
// Prints each run's navigation -> painted time, then per run the inclusive time
// (the function or anything it called) and the self time of the functions that
// took most. The wasm's functions show by name only in a build that keeps them:
// `scripts/named-dist.sh dist /tmp/dist-names`, then `--dist /tmp/dist-names`.
// `--data FILE` serves bench/data/FILE at data/bench/FILE and adds
// `data=data/bench/FILE` to the query. Session 22 found with it that the first
// `Intl` object costs 23-30 ms of the seed's first view (ICU's data, which the
// first frame's text layout would load anyway) and the grid's `clientWidth` read
// 16-18 ms (a forced layout); BENCHMARKS.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, STRICT_CSP } from '../tests/e2e/server.mjs';
import { paintedAt } from './probes.mjs';
import { ROOT, option, dists } from './cli.mjs';

const [dist] = dists();
const data = option('--data', null);
const runs = Number(option('--runs', '3'));
const top = Number(option('--top', '60'));
let query = option('--query', '?view=matrix');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prof-start-'));
fs.cpSync(dist, tmp, { recursive: true });
if (data) {
  fs.mkdirSync(path.join(tmp, 'data', 'bench'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'bench', 'data', data), path.join(tmp, 'data', 'bench', data));
  query += `${query.includes('?') ? '&' : '?'}data=data/bench/${data}`;
}
const server = await startServer({ root: tmp, prefix: '/a/', csp: STRICT_CSP });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const inclusive = new Map();
const self = new Map();
const name = (frame) => (frame.functionName || `(${frame.url.split('/').pop()}:${frame.lineNumber})`).replace(/::h[0-9a-f]{16}$/, '');
try {
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { painted: paint } = await paintedAt(context);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(`${server.url}${query}`);
    const painted = await paint;
    const { profile } = await cdp.send('Profiler.stop');
    await context.close();
    console.log(`run ${r + 1}: navigation to the first painted matrix ${painted.toFixed(0)} ms (profiled)`);
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const leaf = name(byId.get(id).callFrame);
      if (leaf === '(idle)') return;
      self.set(leaf, (self.get(leaf) ?? 0) + ms);
      // Each function once per sample, however deep it recurses.
      const seen = new Set();
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
        const n = name(byId.get(cur).callFrame);
        if (!seen.has(n)) {
          seen.add(n);
          inclusive.set(n, (inclusive.get(n) ?? 0) + ms);
        }
      }
    });
  }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
const show = (title, m, n) => {
  console.log(`${title}, ms per run:`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${(v / runs).toFixed(1).padStart(8)}  ${k.slice(0, 150)}`);
};
show('inclusive', inclusive, top);
show('self', self, Math.ceil(top / 2));
