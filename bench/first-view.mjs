// A/B of the app's start-up on a dataset given by `?data=` (issue 13/18): builds
// measured in alternation in the same browser and sitting, so that the machine's
// load hits both alike. Not part of the harness (bench/run.mjs has the row
// `app/first-matrix/100k`, seven starts beside its floor); needs bench/data/ from
// scripts/bench.sh.
//
//   node bench/first-view.mjs --dist A [--dist B ...] [--data synth-100k.json] [--runs 7]
//
// Prints, per build, the median and spread of navigation start -> the frame
// after the matrix first shows a row header (PAINT_PROBE), fresh context each run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, STRICT_CSP } from '../tests/e2e/server.mjs';
import { paintedAt } from './probes.mjs';
import { ROOT, option, dists as listedDists } from './cli.mjs';

const dists = listedDists();
const file = option('--data', 'synth-100k.json');
const runs = Number(option('--runs', '7'));

const servers = [];
for (const dist of dists) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'first-view-'));
  fs.cpSync(dist, tmp, { recursive: true });
  fs.mkdirSync(path.join(tmp, 'data', 'bench'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'bench', 'data', file), path.join(tmp, 'data', 'bench', file));
  servers.push(await startServer({ root: tmp, prefix: '/a/', csp: STRICT_CSP }));
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const times = dists.map(() => []);
const errors = [];
try {
  for (let r = 0; r < runs + 1; r++) {
    for (const [i, server] of servers.entries()) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const { painted } = await paintedAt(context);
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(`${dists[i]}: ${e.message}`));
      await page.goto(`${server.url}?data=data/bench/${file}&view=matrix`);
      const t = await painted;
      if (r > 0) times[i].push(t); // the first round warms the caches
      await context.close();
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
if (errors.length > 0) {
  console.error(`page errors:\n${errors.join('\n')}`);
  process.exit(1);
}
for (const [i, dist] of dists.entries()) {
  const s = [...times[i]].sort((a, b) => a - b);
  const median = s[Math.floor(s.length / 2)];
  console.log(`${dist}: ?data=${file} to the first painted matrix: median ${median.toFixed(0)} ms ` +
    `(min ${s[0].toFixed(0)}, max ${s[s.length - 1].toFixed(0)}, n ${s.length})`);
}
