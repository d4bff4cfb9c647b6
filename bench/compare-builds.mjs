// Compares two builds of the app as a reader sees them, for rewrites that must
// not change the page (issue 18: views written by hand, sessions 13-16). Not part
// of the harness; needs Chromium (/usr/bin/chromium) and bench/node_modules
// (`cd bench && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci`), and, for the `grid`
// part, bench/data/matrix-100x1000.json (`scripts/bench.sh` makes it).
//
//   node bench/compare-builds.mjs DIST_BEFORE DIST_AFTER [--part chrome,facets,network,tools,grid]
//
// Drives both builds through the same states (a URL, then actions one by one) and
// compares, after each step, the HTML of the part's elements (comments removed,
// attributes in name order, the server's origin and the links' `data-link` index
// left out), the values the part names (inputs, selects, scroll positions), the
// URL's query and which element holds the focus. Prints each difference and
// "N states, M differ"; exits 1 when any differ. Sessions 15 and 16 used these
// states (BENCHMARKS.md): keep them, add the ones a change touches.
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, STRICT_CSP } from '../tests/e2e/server.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const partAt = args.indexOf('--part');
const only = partAt >= 0 ? args.splice(partAt, 2)[1].split(',') : null;
const [A, B] = args;
if (!A || !B) {
  console.error('usage: node bench/compare-builds.mjs DIST_BEFORE DIST_AFTER [--part chrome,facets,network,tools,grid]');
  process.exit(2);
}

const N = '?view=network';
const M = '?view=matrix';
const BIG = '?data=data/bench/matrix-100x1000.json&view=matrix';
/** Each part: what to read (CSS selectors of the elements whose HTML is compared,
 *  and of the form controls whose values are), what to wait for, and its states. */
const PARTS = {
  // The page frame: header, search, notices, toolbars, share menu, print footer.
  chrome: {
    html: ['header.app-header', 'main > .search', '.notices', 'main > .toolbar', 'main > .share-menu', '.open-in-convene', '.filters-drawer .drawer-bar', '.filters-drawer .drawer-foot', 'footer.print-footer', 'section.events > .toolbar', 'section.events > p', 'section.events > button'],
    values: ['input[type=search]', '.language select', 'section.events select'],
    wait: 'main .toolbar',
    states: [
      ['', []], ['?lang=fr', []], ['?lang=ar&role=host', []], ['?role=nope&years=abc', []],
      ['?years=2017', []], ['?years=2015-2018&undated=1', []], ['?view=matrix&q=border', []], ['?view=network', []],
      ['?embed=1&parts=search,filters,views,export', []], ['?embed=1', []], ['?embed=1&parts=header', []],
      ['', [['check', 'Country', 0], ['check', 'Role', 0], ['click', '.chips .chip'], ['click', '.chips .chip']]],
      ['?role=host&kind=ministerial', [['button', 'Clear all']]],
      ['?years=2017', [['click', '.undated-note button'], ['click', '.undated-note button']]],
      ['', [['click', '.view-switch a:nth-child(2)'], ['click', '.view-switch a:nth-child(3)'], ['click', '.view-switch a:nth-child(1)'], ['key', 'Tab']]],
      ['?role=nope', [['click', '.notices button']]],
      ['', [['type', 'input[type=search]', 'border'], ['type', 'input[type=search]', 'x']]],
      ['', [['click', 'header .share-actions button']]],
      ['', [['phone'], ['click', '.share-menu > summary']]],
      ['?lang=fr&role=host', [['phone'], ['click', '.share-menu > summary'], ['click', '.filters-button']]],
      // The events view's "no events" note and its "Show more" (1,000 events).
      ['?q=zzzzqq', []], ['?lang=fr&q=zzzzqq', []],
      [BIG.replace('&view=matrix', ''), [['click', 'section.events > button'], ['click', 'section.events > button']]],
      // The events' sort (session 19: the section's frame written by hand).
      ['?sort=name', []], ['?lang=ar', [['select', 'section.events select', 'date-desc'], ['select', 'section.events select', 'name'], ['back'], ['forward']]],
      ['', [['phone'], ['click', '.filters-button'], ['check', 'Country', 0], ['click', '.drawer-foot button'], ['click', '.filters-button'], ['click', '.drawer-bar button']]],
    ],
  },
  // The facet panel: groups, values, filter boxes, Show all, the year range.
  facets: {
    html: ['aside fieldset.facet'],
    values: ['aside input'],
    wait: 'aside fieldset.facet',
    states: [
      ['', []], ['?lang=fr', []], ['?lang=ar&role=host', []], ['?years=2014-2016', []], ['?years=2015-', []],
      ['?embed=1&show=filters', []],
      ['', [['focus', 'aside fieldset.facet legend button'], ['key', 'Enter'], ['key', 'Enter'], ['key', ' ']]],
      ['', [['fill', '.facet-filter', 'ma'], ['fill', '.facet-filter', 'zzz'], ['fill', '.facet-filter', '']]],
      ['', [['click', 'aside fieldset.facet div > button'], ['click', 'aside fieldset.facet div > button']]],
      ['', [['check', 'Actor', 0], ['click', 'input[type=radio]:not(:checked)'], ['back']]],
      ['', [['fill', '.years input', '2015'], ['key', 'Tab'], ['back']]],
      ['', [['check', 'Country', 0], ['check', 'Role', 1], ['key', ' '], ['back'], ['forward']]],
      ['?q=border', [['check', 'Country', 0]]],
    ],
  },
  // The network view: its tools, the drawing, the details, "Strongest links".
  network: {
    html: ['section.network'],
    values: [],
    wait: 'section.network',
    states: [
      [N, []], [N + '&lang=fr', []], [N + '&lang=ar', []], [N + '&top=5&min=2', []], [N + '&embed=1', []], [N + '&embed=1&show=export', []], [N + '&role=host', []],
      [N, [['focus', '[data-node="0"]'], ['key', 'ArrowRight'], ['key', 'ArrowDown'], ['key', 'End'], ['key', 'Home'], ['key', 'PageDown'], ['key', '+'], ['key', '+'], ['key', 'Shift+ArrowLeft'], ['key', '-'], ['key', '0'], ['key', 'Escape']]],
      [N, [['hover', '[data-node="3"]'], ['hover', '[data-node="7"]'], ['leave'], ['hover', '[data-node="12"]']]],
      [N, [['click', 'button[data-edge]'], ['click', '.network-zoom button'], ['focus', '[data-node="1"]'], ['key', 'Escape']]],
      [N, [['focus', '[data-node="4"]'], ['check', 'Country', 0], ['check', 'Country', 0], ['check', 'Role', 1]]],
      [N, [['check', 'Country', 0], ['back'], ['forward'], ['focus', '[data-node="2"]'], ['key', 'Enter'], ['back']]],
      [N, [['wheel', 'svg.network-svg'], ['wheel', 'svg.network-svg']]],
    ],
  },
  // The matrix's tools: order and grouping, size, legend; the network's tools.
  tools: {
    html: ['.matrix-tools', '.network-tools', 'section.matrix > p', 'section.network > p'],
    values: ['.matrix-tools select'],
    wait: 'section.matrix, section.network',
    states: [
      [M, []], [M + '&lang=fr', []], [M + '&lang=ar', []], [M + '&order=name&group=kind', []], [M + '&embed=1', []], [M + '&q=zzzzqq', []],
      [M, [['select', '.matrix-tools label:nth-child(1) select', 'name'], ['select', '.matrix-tools label:nth-child(2) select', 'kind'], ['back'], ['back'], ['forward'], ['check', 'Country', 0]]],
      [N + '&q=zzzzqq', []], [N + '&lang=fr&top=3', []],
    ],
  },
  // The matrix grid: headers, lines, cells, the crosshair, the cell details.
  grid: {
    html: ['[role=grid]', '.matrix-tip'],
    values: ['.matrix-viewport'],
    wait: '[role=grid] [role=rowheader]',
    states: [
      [M, []], [M + '&group=kind', []], [M + '&lang=ar', []], [M + '&order=similarity&group=kind', []], [M + '&embed=1', []], [M + '&actor=osce', []],
      [M, [['focus', '[data-cell="0:0"]'], ['key', 'ArrowRight'], ['key', 'ArrowRight'], ['key', 'ArrowDown'], ['key', 'PageDown'], ['key', 'End'], ['key', 'Control+End'], ['key', 'Control+Home']]],
      [M + '&group=kind', [['focus', '[data-cell="0:0"]'], ['key', 'ArrowDown'], ['key', 'PageDown'], ['key', 'PageDown'], ['hover', '[data-cell]'], ['leave']]],
      [M, [['focus', '[data-cell="2:1"]'], ['check', 'Country', 0], ['check', 'Country', 0], ['check', 'Role', 0], ['back']]],
      [M + '&lang=ar', [['focus', '[data-cell="0:0"]'], ['key', 'ArrowLeft'], ['key', 'ArrowDown']]],
      [BIG, [['scroll', 1200, 900], ['scroll', 0, 2500], ['focus', '[data-cell]'], ['key', 'ArrowDown'], ['key', 'PageDown'], ['scroll', 3000, 100], ['hover', '[data-cell]']]],
      [BIG + '&group=kind', [['scroll', 0, 1500], ['scroll', 0, 0], ['check', 'Country', 0], ['scroll', 500, 800]]],
    ],
  },
};

/** HTML made comparable: comments out, attributes in name order, no origin. */
const norm = (html) => html.replace(/<!--[^>]*-->/g, '').replace(/<([a-z0-9-]+)((?:\s+[^\s>=]+(?:="[^"]*")?)*)\s*(\/?)>/gi, (m, tag, attrs, slash) => {
  const list = [...attrs.matchAll(/\s+([^\s>=]+)(?:="([^"]*)")?/g)].map((a) => `${a[1]}="${a[2] ?? ''}"`).sort();
  return `<${tag}${list.map((a) => ' ' + a).join('')}${slash}>`;
}).replace(/http:\/\/127\.0\.0\.1:\d+/g, 'ORIGIN').replace(/ data-link="\d+"/g, '');

const snap = (page, part) => page.evaluate(({ html, values }) => {
  const out = { html: html.flatMap((s) => [...document.querySelectorAll(s)].map((e) => e.outerHTML)) };
  out.values = values.flatMap((s) => [...document.querySelectorAll(s)].map((e) => (e.scrollTop !== undefined && !('value' in e)
    ? `${e.scrollLeft}:${e.scrollTop}` : `${e.value}:${e.checked ?? ''}`))).join('|');
  const a = document.activeElement;
  out.focus = a ? `${a.tagName} ${a.getAttribute('class')} ${a.getAttribute('data-node') ?? a.getAttribute('data-cell') ?? ''} ${(a.getAttribute('aria-label') || a.textContent || '').slice(0, 60)}` : 'none';
  out.url = location.search;
  return out;
}, part);

async function act(page, [what, a1, a2]) {
  const box = async (sel) => { const b = await page.locator(sel).first().boundingBox(); return [b.x + b.width / 2, b.y + b.height / 2]; };
  if (what === 'focus') await page.evaluate((s) => document.querySelector(s).focus(), a1);
  if (what === 'key') await page.keyboard.press(a1);
  if (what === 'click') await page.locator(a1).first().click();
  if (what === 'button') await page.getByRole('button', { name: a1 }).first().click();
  if (what === 'hover') await page.mouse.move(...await box(a1));
  if (what === 'leave') await page.mouse.move(5, 5);
  if (what === 'fill') await page.locator(a1).first().fill(a2);
  if (what === 'type') await page.locator(a1).first().pressSequentially(a2);
  if (what === 'select') await page.locator(a1).first().selectOption(a2);
  if (what === 'back') await page.goBack();
  if (what === 'forward') await page.goForward();
  if (what === 'phone') await page.setViewportSize({ width: 360, height: 800 });
  if (what === 'wheel') { const [x, y] = await box(a1); await page.mouse.move(x - 100, y - 80); await page.mouse.wheel(0, -100); }
  if (what === 'scroll') await page.evaluate(([x, y]) => { const v = document.querySelector('.matrix-viewport'); v.scrollLeft = x; v.scrollTop = y; }, [a1, a2]);
  // A facet's a1-th checkbox, clicked from script so the focus stays where it is.
  if (what === 'check') await page.evaluate(([name, k]) => { const f = [...document.querySelectorAll('aside fieldset')].find((f) => f.querySelector('legend')?.textContent.trim().startsWith(name)); f.querySelectorAll('input[type=checkbox]')[k].click(); }, [a1, a2]);
  await page.waitForTimeout(400);
}

// Each build served from a copy with the bench data the `grid` part opens.
const roots = [A, B].map((dist) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-'));
  fs.cpSync(dist, tmp, { recursive: true });
  const data = path.join(ROOT, 'bench/data/matrix-100x1000.json');
  if (fs.existsSync(data)) {
    fs.mkdirSync(path.join(tmp, 'data', 'bench'), { recursive: true });
    fs.symlinkSync(data, path.join(tmp, 'data/bench/matrix-100x1000.json'));
  }
  return tmp;
});
const servers = [];
for (const root of roots) servers.push(await startServer({ root, prefix: '/c/', csp: STRICT_CSP }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
const J = (x) => JSON.stringify(Array.isArray(x) ? x.map(norm) : x);
let differ = 0, total = 0;
for (const [name, part] of Object.entries(PARTS).filter(([n]) => !only || only.includes(n))) {
  let partDiffer = 0, partTotal = 0;
  for (const [url, actions] of part.states) {
    const results = [];
    for (const server of servers) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
      const page = await ctx.newPage();
      await page.goto(server.url + url);
      await page.waitForSelector(part.wait, { timeout: 60000 });
      await page.waitForTimeout(500);
      const shots = [await snap(page, part)];
      for (const action of actions) {
        await act(page, action);
        shots.push(await snap(page, part));
      }
      results.push(shots);
      await ctx.close();
    }
    results[0].forEach((shot, i) => {
      partTotal++;
      const other = results[1][i];
      const bad = Object.keys(shot).filter((k) => J(shot[k]) !== J(other[k]));
      if (!bad.length) return;
      partDiffer++;
      console.log(`DIFF ${name} ${url || '(no query)'} step ${i}: ${bad.join(', ')}`);
      for (const k of bad) {
        const a = Array.isArray(shot[k]) ? shot[k].map(norm) : [J(shot[k])];
        const b = Array.isArray(other[k]) ? other[k].map(norm) : [J(other[k])];
        a.forEach((x, j) => {
          if (x === b[j]) return;
          let d = 0;
          while (d < x.length && x[d] === (b[j] ?? '')[d]) d++;
          console.log('  before:', x.slice(Math.max(0, d - 200), d + 300));
          console.log('  after: ', (b[j] ?? '(none)').slice(Math.max(0, d - 200), d + 300));
        });
      }
    });
  }
  console.log(`${name}: ${partTotal} states, ${partDiffer} differ`);
  differ += partDiffer; total += partTotal;
}
console.log(`${total} states, ${differ} differ`);
await browser.close();
for (const s of servers) s.close();
process.exit(differ > 0 ? 1 : 0);
