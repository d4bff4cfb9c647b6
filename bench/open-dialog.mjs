// A/B of opening a file in the app's "Open data" dialog (issue 13/18): builds
// measured in alternation in the same browser and sitting. Not part of the
// harness (bench/open.mjs times the same code in the benchmark page); needs
// bench/data/ from scripts/bench.sh.
//
//   node bench/open-dialog.mjs --dist A [--dist B ...] [--data synth-100k.json] [--runs 5]
//
// Prints, per build, each run and the median of: choosing the file (the file
// input) -> the dialog's status saying what it read (a convene/1 summary, or a
// sheet's rows), fresh context each run. It includes the worker's start and its
// module's download and compile (session 23: the worker runs its own module).
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, STRICT_CSP } from '../tests/e2e/server.mjs';
import { ROOT, option, dists as listedDists } from './cli.mjs';

const dists = listedDists();
const file = path.join(ROOT, 'bench', 'data', option('--data', 'synth-100k.json'));
const runs = Number(option('--runs', '5'));

const servers = [];
for (const dist of dists) servers.push(await startServer({ root: dist, prefix: '/a/', csp: STRICT_CSP }));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const times = dists.map(() => []);
for (let r = 0; r < runs; r++) {
  for (let i = 0; i < dists.length; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(servers[i].url);
    await page.locator('.result-count').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Open data', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Open data' });
    await dialog.waitFor();
    const t0 = Date.now();
    await dialog.locator('input[type=file]').setInputFiles(file);
    await page.waitForFunction(
      () => /A convene\/1 dataset|rows/.test(document.querySelector('dialog.open-data [role=status]')?.innerText ?? ''),
      null, { timeout: 300_000 });
    times[i].push(Date.now() - t0);
    await context.close();
  }
}
dists.forEach((dist, i) => {
  const sorted = [...times[i]].sort((a, b) => a - b);
  console.log(`${dist}: ${path.basename(file)} chosen -> read: ${times[i].join(', ')} ms; median ${sorted[sorted.length >> 1]} ms`);
});
await browser.close();
for (const s of servers) await s.close();
process.exit(0);
