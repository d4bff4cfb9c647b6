// Screenshots for issue 19 ("Reading on every screen"): the matrix at 360, 1366 and
// 1920 px wide in light and dark, the filters drawer and the share menu on a phone,
// the crosshair, rows grouped by kind, and the printed matrix (PDF, A4 landscape).
// Usage: node tests/e2e/reading-shots.mjs OUT_DIR   (dist/ must be built)
import { launchBrowser, serveDist } from './harness.mjs';
import fs from 'node:fs';
import path from 'node:path';

const out = path.resolve(process.argv[2] ?? 'docs/screenshots');
fs.mkdirSync(out, { recursive: true });
const browser = await launchBrowser();
const server = await serveDist();
const problems = [];

async function open(query, { width, height = 900, scheme = 'light' }) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${query}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${query}: ${e.message}`));
  await page.goto(`${server.url}${query}`);
  return { context, page };
}

for (const scheme of ['light', 'dark']) {
  for (const width of [360, 1366, 1920]) {
    const { context, page } = await open('?view=matrix', { width, height: width === 360 ? 780 : 900, scheme });
    const grid = page.getByRole('grid', { name: 'Participation matrix' });
    await grid.waitFor();
    // Point at a cell: the crosshair shows in the shot.
    const cell = grid.locator('[data-cell="2:3"]');
    if (await cell.count()) await cell.hover();
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(out, `matrix-${width}-${scheme}.png`), fullPage: width === 360 });
    await context.close();
  }
}

// A phone: the drawer open with a filter on, and the share menu open.
{
  const { context, page } = await open('?country=MAR&kind=organization', { width: 360, height: 780 });
  await page.getByRole('button', { name: /^Filters/ }).click();
  await page.getByRole('dialog', { name: 'Filters' }).waitFor();
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(out, 'drawer-360-light.png') });
  await page.getByRole('button', { name: /^Show \d+ events?$/ }).click();
  await page.getByText('Share and download').click();
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(out, 'share-menu-360-light.png') });
  await context.close();
}
// Rows grouped by kind, keyboard focus on a cell.
{
  const { context, page } = await open('?view=matrix&group=kind&order=name', { width: 1366, height: 900, scheme: 'dark' });
  const grid = page.getByRole('grid', { name: 'Participation matrix' });
  await grid.waitFor();
  await grid.getByRole('gridcell').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(out, 'group-kind-1366-dark.png') });
  await context.close();
}
// Many events: a synthetic dataset if one is served, else skip.
// Print: beforeprint draws the tables; the PDF is A4 landscape.
{
  const { context, page } = await open('?view=matrix&country=MAR', { width: 1366, height: 900 });
  await page.getByRole('grid', { name: 'Participation matrix' }).waitFor();
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  await page.waitForTimeout(200);
  await page.setViewportSize({ width: 1123, height: 794 });
  await page.screenshot({ path: path.join(out, 'print-preview-a4.png'), fullPage: true });
  await page.pdf({ path: path.join(out, 'print-matrix.pdf'), preferCSSPageSize: true, printBackground: true });
  await context.close();
}
console.log(JSON.stringify({ out, problems }, null, 1));
await browser.close();
await server.close();
