// Issue 19, "Reading on every screen", as a reader checks it: the seed's matrix on a
// laptop (1366 x 900) with event and actor names readable, kind icons, wide columns,
// totals and a crosshair in both themes; rows grouped by kind; the filters drawer and
// the "Share and download" menu on a phone (360 x 780); printing (A4 landscape, the
// print footer); axe-core scans; the live-DOM budget at 1,000 actors x 10,000 events;
// and screenshots at 360, 1366 and 1920 px in light and dark (tests/e2e/artifacts/).
// Elements are found by role and accessible name (DESIGN.md's contract); every test
// runs in each engine (harness.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { By } from 'selenium-webdriver';
import { forEachEngine, serveDist, screenshot, ROOT, ARTIFACTS } from './harness.mjs';
import { assertScheme, axeScan } from './checks.mjs';

const SEED = JSON.parse(fs.readFileSync(`${ROOT}/public/data/seed.json`, 'utf8'));
const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 360, height: 780 };
const WIDE = { width: 1920, height: 1080 };
/** The compact column width of a matrix with many events (src/matrix.rs COL_MIN). */
const COMPACT_COL = 34;
const KIND_NAME = { country: 'Country', organization: 'Organisation', person: 'Person' };
const GROUP_NAME = { country: 'Countries', organization: 'Organisations', person: 'Persons' };

/** Distinct actors per event and distinct events per actor, from the seed itself. */
const actorsPerEvent = new Map();
const eventsPerActor = new Map();
for (const p of SEED.participations) {
  if (!actorsPerEvent.has(p.event)) actorsPerEvent.set(p.event, new Set());
  if (!eventsPerActor.has(p.actor)) eventsPerActor.set(p.actor, new Set());
  actorsPerEvent.get(p.event).add(p.actor);
  eventsPerActor.get(p.actor).add(p.event);
}
const actorByName = new Map(SEED.actors.map((a) => [a.name, a]));

/** A name as search and name order fold it (case and accents). */
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Gives the page a viewport of `size` CSS pixels (and, in Chromium, the colour
 * scheme, which the other engines take at start-up: see harness.mjs). Chromium
 * emulates it through DevTools; Firefox and WebKit get a window whose inner size is
 * `size` (the window's chrome measured and added).
 */
async function setViewport(page, size, scheme = 'light') {
  if (page.engine === 'chromium') {
    await page.emulate({ colorScheme: scheme, viewport: size });
    return;
  }
  const win = page.driver.manage().window();
  let want = { ...size };
  for (let i = 0; i < 4; i++) {
    await win.setRect({ x: 0, y: 0, ...want });
    await page.waitForTimeout(150);
    const [w, h] = await page.evaluate(() => [innerWidth, innerHeight]);
    if (w === size.width && Math.abs(h - size.height) <= 2) return;
    want = { width: want.width + size.width - w, height: want.height + size.height - h };
  }
}

/** The window's inner size must be what the test asked for, or what it checks is not the screen. */
async function assertViewport(page, size) {
  const [w] = await page.evaluate(() => [innerWidth, innerHeight]);
  assert.equal(w, size.width, `the viewport is ${size.width} px wide`);
}

/** Every row header of the (virtualised) grid, in row order: scrolls the grid's viewport through. */
async function allRows(page) {
  return page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const vp = document.querySelector('.matrix-viewport');
    const rows = new Map();
    const grid = vp.querySelector('[role=grid]');
    const count = Number(grid.getAttribute('aria-rowcount'));
    // The sticky header covers the top of the viewport: step by the rows in sight.
    const head = grid.querySelector('.matrix-head-group').getBoundingClientRect().height;
    for (let top = 0; ; top += Math.max(40, vp.clientHeight - head - 80)) {
      vp.scrollTop = top;
      vp.dispatchEvent(new Event('scroll'));
      // Wait (up to 3 s) until the rows at the new scroll position are drawn: the
      // first body row in sight (40 px rows, src/matrix.rs ROW_H).
      const want = Math.floor(vp.scrollTop / 40) + 2;
      for (let t = Date.now(); Date.now() - t < 3000;) {
        await frame();
        if (grid.querySelector(`[role=row][aria-rowindex="${want}"]`)) break;
      }
      for (const row of grid.querySelectorAll('[role=row][aria-rowindex]')) {
        const index = Number(row.getAttribute('aria-rowindex'));
        if (index === 1 || rows.has(index)) continue;
        const head = row.querySelector('[role=rowheader]');
        const icon = head.querySelector('[role=img]');
        const link = head.querySelector('a');
        rows.set(index, {
          group: row.classList.contains('matrix-group'),
          label: head.getAttribute('aria-label'),
          text: head.innerText.replace(/\s+/g, ' ').trim(),
          icon: icon && { label: icon.getAttribute('aria-label'), width: icon.getBoundingClientRect().width },
          total: head.querySelector('.matrix-total')?.textContent.trim(),
          shown: link?.innerText.replace(/\s+/g, ' ').trim(),
          // Lines the name takes, and whether CSS clips it (line-clamp) beyond the core's fit.
          lines: link ? Math.round(link.getBoundingClientRect().height / parseFloat(getComputedStyle(link).lineHeight || '15')) : 0,
          clipped: link ? link.scrollHeight > link.clientHeight + 1 : false,
          clamp: link ? getComputedStyle(link).webkitLineClamp : null,
          title: head.getAttribute('title'),
        });
      }
      if (top >= vp.scrollHeight || rows.size >= count - 1) break;
    }
    vp.scrollTop = 0;
    vp.dispatchEvent(new Event('scroll'));
    return { count: count - 1, debug: [vp.clientHeight, vp.scrollHeight, getComputedStyle(vp).overflowY], rows: [...rows.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]) };
  });
}

/**
 * A label `shown` for `full` that fit_words cut: the words kept are the first words
 * of the name (the last may lose dangling punctuation) and it ends in "…".
 */
function assertCutBetweenWords(shown, full, what) {
  assert.ok(shown.endsWith('…'), `${what}: "${shown}" is cut without an ellipsis`);
  const kept = shown.slice(0, -1).trim().split(/\s+/);
  const words = full.split(/\s+/);
  assert.ok(kept.length < words.length, `${what}: "${shown}" keeps every word of "${full}"`);
  kept.forEach((w, i) => {
    if (i < kept.length - 1) assert.equal(w, words[i], `${what}: "${shown}" is not the start of "${full}"`);
    else {
      assert.ok(words[i].startsWith(w) && /^[,;:\-–—(/&]*$/.test(words[i].slice(w.length)),
        `${what}: "${shown}" cuts inside the word "${words[i]}" of "${full}"`);
    }
  });
}

/** The crosshair marks on the headers of the focused cell's row and column. */
async function crosshairAfterArrowRight(page) {
  const grid = page.getByRole('grid', { name: 'Participation matrix' });
  await grid.getByRole('gridcell').first().focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-cell')?.endsWith(':1'), null, { timeout: 3000 });
  await page.waitForFunction(() => document.querySelector('.matrix-colhead.cross'), null, { timeout: 3000 });
  return page.evaluate(() => {
    const cell = document.activeElement;
    const col = cell.getAttribute('aria-colindex');
    const row = cell.closest('[role=row]');
    const colhead = document.querySelector(`[role=columnheader][aria-colindex="${col}"]`);
    const other = [...document.querySelectorAll('[role=columnheader].matrix-colhead')].find((h) => h !== colhead);
    const rowhead = row.querySelector('[role=rowheader]');
    const otherRow = [...document.querySelectorAll('.matrix-row')].find((r) => r !== row);
    const cue = (head) => {
      const link = head.querySelector('a');
      const s = getComputedStyle(head);
      const lab = head.querySelector('.matrix-lab, .matrix-coltotal');
      const ls = lab ? getComputedStyle(lab) : s;
      return {
        underline: getComputedStyle(link).textDecorationLine.includes('underline'),
        frame: s.boxShadow !== 'none' || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
          || ls.boxShadow !== 'none' || (ls.outlineStyle !== 'none' && parseFloat(ls.outlineWidth) > 0),
        background: s.backgroundColor,
      };
    };
    return {
      cell: cell.getAttribute('data-cell'),
      colMarked: colhead.classList.contains('cross'),
      otherColMarked: other.classList.contains('cross'),
      rowMarked: row.classList.contains('cross') || rowhead.classList.contains('cross'),
      otherRowMarked: otherRow.classList.contains('cross'),
      col: cue(colhead), otherCol: cue(other),
      row: cue(rowhead), otherRowCue: cue(otherRow.querySelector('[role=rowheader]')),
      readout: document.querySelector('.matrix-readout').innerText,
      colName: colhead.getAttribute('aria-label'),
      rowName: rowhead.getAttribute('aria-label'),
    };
  });
}

function assertCrosshair(x, scheme) {
  assert.equal(x.cell, '0:1', 'ArrowRight moved to the second cell of the first row');
  assert.ok(x.colMarked && x.rowMarked, `${scheme}: the row and column headers are marked (${JSON.stringify(x)})`);
  assert.ok(!x.otherColMarked && !x.otherRowMarked, `${scheme}: only the followed row and column are marked`);
  for (const [what, cue, other] of [['column', x.col, x.otherCol], ['row', x.row, x.otherRowCue]]) {
    assert.ok(cue.underline && !other.underline, `${scheme}: the ${what} header's name is underlined, others not`);
    assert.ok(cue.frame, `${scheme}: the ${what} header is framed (a cue that needs no colour vision)`);
  }
  assert.ok(x.readout.includes(x.colName) && x.readout.includes(x.rowName),
    `${scheme}: the corner reads out both full names: "${x.readout}"`);
}

/**
 * A 360 x 780 phone screen. Chromium emulates the viewport (DevTools). Firefox's
 * and WebKitGTK's windows cannot be made that narrow (their minimum widths are 500
 * and 447 px here), so there the app runs in a 360 x 780 iframe of a bare host page
 * (`phone.html` below): media queries, innerWidth and the modal dialog all follow the
 * frame's viewport, as they follow a phone's. Returns the scope to query in (the
 * page, or the frame) and a screenshot function for what the phone shows.
 */
async function onPhone(E, query, { server = E.ctx.app, scheme = 'light' } = {}) {
  const page = scheme === 'dark' ? await E.darkPage() : E.page;
  if (E.engine === 'chromium') {
    await setViewport(page, PHONE, scheme);
    await page.goto(server.url + query);
    await page.getByRole('searchbox', { name: 'Search' }).waitFor({ timeout: 30000 });
    await assertViewport(page, PHONE);
    return { app: page, page, shot: (name) => screenshot(page, name) };
  }
  await setViewport(page, LAPTOP);
  await page.goto(`${server.url}phone.html?app=${encodeURIComponent(query)}`);
  const app = page.frameLocator('iframe');
  await app.getByRole('searchbox', { name: 'Search' }).waitFor({ timeout: 30000 });
  assert.deepEqual(await app.evaluate(() => [innerWidth, innerHeight]), [PHONE.width, PHONE.height], 'the phone frame\'s viewport');
  // The frame takes the focus, as the phone's page would have it (so focus events fire in it).
  await page.evaluate(() => document.querySelector('iframe').focus());
  const shot = async (name) => {
    await page.enter([]);
    const frame = await page.driver.findElement(By.css('iframe'));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, `${name}.png`), Buffer.from(await frame.takeScreenshot(), 'base64'));
  };
  return { app, page, shot };
}

/** The host page of the phone frame: `phone.html?app=QUERY` frames the app at QUERY. */
function phoneHost(req, res, rel) {
  if (rel !== 'phone.html') return false;
  const query = new URL(req.url, 'http://host').searchParams.get('app') ?? '';
  const src = `./${query}`.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Convene on a phone</title></head>
<body><iframe title="Convene" width="${PHONE.width}" height="${PHONE.height}" src="${src}"></iframe></body></html>`);
  return true;
}

/** The MediaBox of a PDF's pages, in points (every page the same size). */
function mediaBoxes(pdf) {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/MediaBox\s*\[\s*([-\d.\s]+)\]/g)].map((m) => m[1].trim().split(/\s+/).map(Number));
}

forEachEngine((E) => {
  const test = E.test;

  /** Opens the app at `query` with the viewport `size`; waits for the explorer (and the grid, in the matrix view). */
  async function open(query, { size = LAPTOP, scheme = 'light', page = null, server = E.ctx.app } = {}) {
    const p = page ?? (scheme === 'dark' ? await E.darkPage() : E.page);
    await setViewport(p, size, scheme);
    await p.goto(server.url + query);
    await p.getByRole('searchbox', { name: 'Search' }).waitFor({ timeout: 30000 });
    if (/view=matrix/.test(query)) await p.getByRole('grid', { name: 'Participation matrix' }).waitFor({ timeout: 30000 });
    await assertViewport(p, size);
    await assertScheme(p, scheme);
    return p;
  }
  /** Chromium's emulation outlives a test on the shared session; the others keep their window. */
  async function done(page = E.page) {
    if (E.engine === 'chromium') await page.emulate();
  }

  test('at 1366 px every event header is named in full, shows its year and is cut only between words; actors have kind icons; columns are wider than compact; totals agree with the seed', async () => {
    const page = await open('?view=matrix');
    try {
      const grid = page.getByRole('grid', { name: 'Participation matrix' });
      // (a) One column header per event, named exactly by the event's name.
      const headers = await page.evaluate(() => [...document.querySelectorAll('[role=columnheader].matrix-colhead')].map((h) => {
        const link = h.querySelector('a');
        const lab = h.querySelector('.matrix-lab');
        return {
          label: h.getAttribute('aria-label'),
          title: h.getAttribute('title'),
          linkLabel: link.getAttribute('aria-label'),
          shown: link.innerText.replace(/\s+/g, ' ').trim(),
          year: h.querySelector('.matrix-year').innerText.trim(),
          text: h.innerText,
          width: h.getBoundingClientRect().width,
          overflows: lab.scrollHeight > lab.clientHeight + 1 || lab.scrollWidth > lab.clientWidth + 1,
          total: h.querySelector('.matrix-coltotal').textContent.trim(),
        };
      }));
      assert.equal(headers.length, SEED.events.length, 'every seed event has a column');
      for (const event of SEED.events) {
        assert.equal(await grid.getByRole('columnheader', { name: event.name, exact: true }).count(), 1, `column "${event.name}"`);
        const h = headers.find((x) => x.label === event.name);
        const year = event.start ? event.start.slice(0, 4) : 'undated';
        assert.equal(h.year, year, `"${event.name}" shows its year`);
        assert.ok(h.text.includes(year), `the header of "${event.name}" reads its year: ${h.text}`);
        assert.ok(h.title.startsWith(event.name), `hovering "${event.name}" shows its full name: ${h.title}`);
        assert.ok(!h.overflows, `the name of "${event.name}" is not clipped by its header box`);
        if (h.shown !== event.name) {
          assertCutBetweenWords(h.shown, event.name, 'column header');
          assert.equal(h.linkLabel, event.name, `the cut link of "${event.name}" is named in full`);
        }
        // (d) Actors per event, as counted here from the seed.
        assert.equal(Number(h.total), actorsPerEvent.get(event.id)?.size ?? 0, `actors at "${event.name}"`);
      }
      // Full name on keyboard focus: the corner reads the focused header's event out.
      const longest = [...SEED.events].sort((a, b) => b.name.length - a.name.length)[0];
      await grid.getByRole('columnheader', { name: longest.name, exact: true }).getByRole('link').focus();
      await page.waitForFunction((n) => document.querySelector('.matrix-readout')?.innerText.includes(n), longest.name);

      // (c) Few events: the columns widen past the compact width, and the grid uses its panel.
      for (const h of headers) assert.ok(h.width > COMPACT_COL + 20, `column "${h.label}" is ${h.width} px wide`);
      const fill = await page.evaluate(() => {
        const panel = document.querySelector('.matrix-viewport').getBoundingClientRect().width;
        const canvas = document.querySelector('[role=grid]').getBoundingClientRect().width;
        return canvas / panel;
      });
      assert.ok(fill > 0.85, `the grid spans ${Math.round(fill * 100)}% of its panel`);

      // (b) Row headers: the actor's name, a kind icon with a text alternative, and
      // (d) the number of events, as counted from the seed.
      const { count, rows, debug } = await allRows(page);
      assert.equal(rows.length, count, `every row was read (viewport height, scroll height, overflow: ${debug})`);
      assert.equal(rows.length, SEED.actors.length);
      for (const row of rows) {
        const actor = actorByName.get(row.label);
        assert.ok(actor, `row header named "${row.label}" is a seed actor`);
        assert.equal(row.icon?.label, KIND_NAME[actor.kind], `${actor.name}: kind icon`);
        assert.ok(row.icon.width > 0, `${actor.name}: the kind icon is drawn`);
        assert.equal(Number(row.total), eventsPerActor.get(actor.id)?.size ?? 0, `events of ${actor.name}`);
        assert.ok(row.lines <= 2, `${actor.name} takes ${row.lines} lines`);
        // Where the browser needs more lines than the core's estimate, CSS cuts the
        // name after its second line (line-clamp: at a line break, so between words,
        // with "…"); the full name is then still the header's name and its tooltip.
        assert.ok(!row.clipped || row.clamp === '2', `${actor.name}: "${row.shown}" is clipped by CSS other than after two lines`);
        assert.ok(row.title.startsWith(`${actor.name} (`), `${actor.name}: the tooltip gives the full name: ${row.title}`);
        if (row.shown !== actor.name) assertCutBetweenWords(row.shown, actor.name, 'row header');
      }
      for (const kind of ['Country', 'Organisation']) {
        assert.ok((await grid.getByRole('img', { name: kind, exact: true }).count()) > 0, `an icon named ${kind}`);
      }
      // Every event's name takes a pointer's click where it is drawn (a name at 45°
      // runs over the boxes of the columns after it): WebDriver clicks the link's
      // centre, and fails if another element is there.
      for (const event of [...SEED.events].sort((a, b) => b.name.length - a.name.length).slice(0, 3)) {
        await open('?view=matrix', { page });
        await grid.getByRole('columnheader', { name: event.name, exact: true }).getByRole('link').click();
        await page.getByRole('heading', { name: event.name, level: 2 }).waitFor();
      }
      // The long names issue 19 quotes are whole on a laptop now.
      for (const name of ['International Civil Aviation Organization', 'Naif Arab University for Security Sciences']) {
        assert.equal(rows.find((r) => r.label === name)?.shown, name, `"${name}" is shown in full`);
      }
    } finally {
      await done();
    }
  });

  test('the crosshair marks the focused cell\'s row and column headers, in light and dark', async () => {
    for (const scheme of ['light', 'dark']) {
      const page = await open('?view=matrix', { scheme });
      try {
        assertCrosshair(await crosshairAfterArrowRight(page), scheme);
        await screenshot(page, `${E.engine}-reading-crosshair-1366-${scheme}`);
      } finally {
        await done(page);
      }
    }
  });

  test('group=kind heads the rows "Countries (N)", "Organisations (N)", "Persons (N)", names in order within each; group=kinds gives a notice', async () => {
    const page = await open('?view=matrix&group=kind&order=name');
    try {
      const { count, rows, debug } = await allRows(page);
      assert.equal(rows.length, count, JSON.stringify(debug));
      const groups = rows.filter((r) => r.group).map((r) => r.text);
      const kinds = ['country', 'organization', 'person'].filter((k) => SEED.actors.some((a) => a.kind === k));
      assert.deepEqual(groups, kinds.map((k) => `${GROUP_NAME[k]} (${SEED.actors.filter((a) => a.kind === k).length})`));
      // Within each group: that kind's actors only, sorted by name.
      let current = null;
      const within = new Map();
      for (const row of rows) {
        if (row.group) { current = kinds[within.size]; within.set(current, []); continue; }
        assert.ok(current, `row "${row.label}" comes before any group header`);
        assert.equal(actorByName.get(row.label).kind, current, `${row.label} is under ${GROUP_NAME[current]}`);
        within.get(current).push(row.label);
      }
      for (const [kind, names] of within) {
        const folded = names.map(fold);
        assert.deepEqual(folded, [...folded].sort((a, b) => a.localeCompare(b, 'en')), `${GROUP_NAME[kind]} in name order`);
      }
      assert.equal(await page.getByRole('combobox', { name: 'Group rows' }).inputValue(), 'kind');
      assert.deepEqual(await page.getByRole('combobox', { name: 'Group rows' }).locator('option').allInnerTexts(), ['None', 'Actor kind']);
      await screenshot(page, `${E.engine}-reading-group-kind-1366-light`);

      await open('?view=matrix&group=kinds', { page });
      const notice = page.getByRole('status').filter({ hasText: 'could not be used' });
      await notice.waitFor();
      assert.match(await notice.innerText(), /group=kinds/);
      assert.equal((await allRows(page)).rows.filter((r) => r.group).length, 0, 'rows are not grouped');
    } finally {
      await done();
    }
  });

  test('on a 360 px phone the filters open as a modal drawer, chips stay above the results, and sharing folds into one menu', async () => {
    const { app, page, shot } = await onPhone(E, '?country=MAR&kind=organization');
    try {
      const results = await app.locator('.result-count').innerText();
      const n = Number(results.match(/^(\d+) events?$/)[1]);
      // Chips of the two filters, visible on screen above the first result.
      const chips = app.getByRole('list', { name: 'Active filters' });
      assert.equal(await chips.getByRole('button', { name: /^Remove filter/ }).count(), 2);
      const layout = await app.evaluate(() => {
        const chips = document.querySelector('.chips').getBoundingClientRect();
        const first = document.querySelector('.event-list article, .event-list li').getBoundingClientRect();
        const sidebar = document.querySelector('.filters-drawer');
        return { chipsBottom: chips.bottom, chipsTop: chips.top, firstTop: first.top, innerHeight, sidebarShown: sidebar.getClientRects().length > 0 };
      });
      assert.ok(layout.chipsTop >= 0 && layout.chipsBottom < layout.innerHeight, `chips are on the first screen: ${JSON.stringify(layout)}`);
      assert.ok(layout.chipsBottom <= layout.firstTop, 'chips come before the first result');
      assert.ok(!layout.sidebarShown, 'the facets are not laid out before the results');
      assert.equal(await app.getByRole('group', { name: 'Country' }).count(), 0, 'facets are out of sight until Filters opens them');
      await shot(`${E.engine}-reading-results-360-light`);

      // The drawer: a modal dialog named "Filters".
      const button = app.getByRole('button', { name: 'Filters (2)', exact: true });
      await button.click();
      const dialog = app.getByRole('dialog', { name: 'Filters', exact: true });
      await dialog.waitFor();
      assert.equal(await dialog.evaluate((d) => d.open && d.matches(':modal')), true, 'the drawer is modal');
      assert.ok(await dialog.getByRole('group', { name: 'Country' }).isVisible());
      await shot(`${E.engine}-reading-drawer-360-light`);
      const inside = () => app.evaluate(() => {
        const d = document.querySelector('dialog.filters-drawer');
        return d.contains(document.activeElement) && document.activeElement !== d;
      });
      // Tab goes forward inside the dialog; focus never reaches the page behind.
      await dialog.getByRole('button', { name: 'Close', exact: true }).focus();
      const seen = new Set();
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        assert.equal(await inside(), true, `focus is inside the drawer after ${i + 1} Tab(s)`);
        seen.add(await app.evaluate(() => [...document.querySelectorAll('dialog.filters-drawer *')].indexOf(document.activeElement)));
      }
      assert.equal(seen.size, 12, 'each Tab moved to another control of the drawer');
      // Past the last button, focus never lands on the inert page behind the modal
      // dialog: it stays in the dialog, or leaves the document for the browser's own
      // controls (as native modal dialogs do), and the next Tab comes back into it.
      const show = dialog.getByRole('button', { name: `Show ${n} event${n === 1 ? '' : 's'}`, exact: true });
      await show.focus();
      const behind = () => app.evaluate(() => {
        const el = document.activeElement;
        const d = document.querySelector('dialog.filters-drawer');
        return el && el !== document.body && el !== document.documentElement && !d.contains(el) ? el.outerHTML.slice(0, 80) : null;
      });
      let back = false;
      for (let i = 0; i < 3 && !back; i++) {
        await page.keyboard.press('Tab');
        assert.equal(await behind(), null, 'Tab past the drawer\'s last button does not reach the page behind');
        back = await inside();
      }
      assert.ok(back, 'Tab past the last button comes back into the drawer');
      await show.click();
      await dialog.waitFor({ state: 'hidden' });
      await app.waitForFunction(() => document.activeElement?.classList.contains('filters-button'), null, { timeout: 3000 });
      assert.equal(await app.evaluate(() => document.activeElement.innerText.trim()), 'Filters (2)', 'focus is back on the Filters button');

      // Share and download: one menu holding every sharing and download action.
      const items = ['Copy link', 'Embed', 'Cite', 'Download CSV', 'Download JSON', 'Download SVG'];
      for (const name of items) {
        assert.equal(await app.getByRole('button', { name, exact: true }).count(), 0, `"${name}" is folded away`);
      }
      const summary = app.getByText('Share and download', { exact: true });
      await summary.click();
      const menu = app.locator('details.share-menu[open]');
      await menu.waitFor();
      for (const name of items) {
        assert.equal(await menu.getByRole('button', { name, exact: true }).count(), 1, `"${name}" is in the menu`);
        assert.equal(await app.getByRole('button', { name, exact: true }).count(), 1, `"${name}" once on screen`);
      }
      await shot(`${E.engine}-reading-share-menu-360-light`);
      // The menu's Embed and Cite open the page's one Embed and Cite dialogs, whose
      // fields are named by their labels (each dialog used to be mounted twice, in
      // the header and in the menu, so on a phone the labels named the hidden
      // header's fields and the menu's had no name).
      for (const [opener, title, field, expected] of [
        ['Embed', 'Embed this view', 'Embed code', /^<iframe src="[^"]*country=MAR/],
        ['Cite', 'Cite this view', 'Citation', new RegExp(`^${SEED.title.replace(/[()]/g, '\\$&')}`)],
      ]) {
        await menu.getByRole('button', { name: opener, exact: true }).click();
        const shown = app.getByRole('dialog', { name: title });
        await shown.waitFor();
        const text = shown.getByRole('textbox', { name: field, exact: true });
        await app.waitForFunction((t) => [...document.querySelectorAll('dialog[open] textarea')].some((x) => x.value.startsWith(t)), opener === 'Embed' ? '<iframe' : SEED.title);
        assert.match(await text.inputValue(), expected, `${field} in the dialog ${opener} opened`);
        await page.keyboard.press('Escape');
        await shown.waitFor({ state: 'hidden' });
        assert.equal(await menu.getByRole('button', { name: opener, exact: true }).evaluate((el) => el === document.activeElement), true,
          `focus is back on the menu's ${opener}`);
      }
      assert.deepEqual(await app.evaluate(() => ['embed-code', 'embed-title', 'cite-text', 'cite-bibtex', 'cite-title']
        .map((id) => document.querySelectorAll(`[id="${id}"]`).length)), [1, 1, 1, 1, 1], 'each dialog\'s ids are in the page once');
      await summary.click();

      // At 1366 the menu is hidden, the buttons show, and the facets are the sidebar.
      await open('?country=MAR&kind=organization', { page });
      assert.equal(await page.getByText('Share and download', { exact: true }).count(), 0, 'no menu on a laptop');
      for (const name of items) {
        assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, `"${name}" is shown on a laptop`);
      }
      assert.equal(await page.getByRole('button', { name: /^Filters/ }).count(), 0, 'no Filters button on a laptop');
      assert.ok(await page.getByRole('group', { name: 'Country' }).isVisible(), 'the facets are in the sidebar');
    } finally {
      await done();
    }
  });

  test('printing: the footer holds the dataset\'s title, version and the view\'s address; Chromium prints A4 landscape', async () => {
    const page = await open('?view=matrix&country=MAR');
    try {
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      const footer = await page.evaluate(() => {
        const f = document.querySelector('.print-footer');
        return { text: f.textContent, href: location.href };
      });
      assert.ok(footer.text.includes(SEED.title), `footer: ${footer.text}`);
      assert.ok(footer.text.includes(SEED.version), `footer: ${footer.text}`);
      const link = footer.text.match(/https?:\/\/\S+/)?.[0];
      assert.ok(link, `the footer has the view's address: ${footer.text}`);
      const [a, b] = [new URL(link), new URL(footer.href)];
      assert.equal(a.origin + a.pathname, b.origin + b.pathname);
      assert.deepEqual([...a.searchParams].sort(), [...b.searchParams].sort(), 'the footer\'s link is the view\'s permalink');
      // The print tables are drawn: one header per event of the filtered view, the header repeated per page (thead).
      const tables = await page.evaluate(() => [...document.querySelectorAll('.print-matrix')].map((t) => ({
        heads: t.querySelectorAll('thead th').length, thead: getComputedStyle(t.querySelector('thead')).display,
      })));
      assert.ok(tables.length >= 1, 'the print tables are drawn on beforeprint');
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));

      if (E.engine === 'chromium') {
        await done();
        await page.goto(E.ctx.app.url + '?view=matrix&country=MAR');
        await page.getByRole('grid', { name: 'Participation matrix' }).waitFor({ timeout: 30000 });
        // The WebDriver print endpoint: the text of the printed pages.
        const pdf = Buffer.from(await page.driver.printPage({ orientation: 'landscape' }), 'base64');
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        fs.writeFileSync(path.join(ARTIFACTS, 'reading-print.pdf'), pdf);
        const text = spawnSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });
        if (text.error) throw new Error(`pdftotext (poppler-utils) is needed to read the PDF: ${text.error.message}`);
        const printed = text.stdout.replace(/\s+/g, ' ');
        assert.ok(printed.includes(SEED.title), 'the printed pages name the dataset');
        assert.ok(printed.includes(`version ${SEED.version}`), 'the printed pages give its version');
        const moroccan = SEED.events.filter((e) => e.country === 'MAR');
        assert.ok(moroccan.length > 0);
        for (const e of moroccan) assert.ok(printed.includes(e.name), `the printed matrix heads a column "${e.name}"`);
        assert.equal(printed.includes('Search events'), false, 'no page chrome on paper');
        // The page size: WebDriver's print takes its paper size from the request
        // (US Letter unless told, 792 x 612 pt), not from the page's CSS, so the size
        // the style sheet asks for (@page { size: A4 landscape }) is checked as the
        // browser's print dialog applies it: DevTools printing with preferCSSPageSize.
        const css = await page.driver.sendAndGetDevToolsCommand('Page.printToPDF', { preferCSSPageSize: true });
        const a4 = Buffer.from(css.data, 'base64');
        fs.writeFileSync(path.join(ARTIFACTS, 'reading-print-a4.pdf'), a4);
        const boxes = mediaBoxes(a4);
        assert.ok(boxes.length > 0, 'the PDF has pages');
        for (const [x0, y0, x1, y1] of boxes) {
          // A4 landscape: 297 x 210 mm = 841.89 x 595.28 pt.
          assert.ok(Math.abs(x1 - x0 - 841.89) < 2 && Math.abs(y1 - y0 - 595.28) < 2, `page size ${x1 - x0} x ${y1 - y0} pt`);
        }
      }
    } finally {
      await done();
    }
  });

  test('axe-core finds no violations in the matrix (light, dark, grouped) and in the open drawer', async () => {
    for (const [what, query, scheme] of [
      ['matrix', '?view=matrix', 'light'], ['matrix', '?view=matrix', 'dark'], ['grouped matrix', '?view=matrix&group=kind', 'light'],
    ]) {
      const page = await open(query, { scheme });
      try {
        await axeScan(page, `${what} (${scheme})`);
      } finally {
        await done(page);
      }
    }
    const { app } = await onPhone(E, '?view=matrix&country=MAR');
    try {
      await app.getByRole('button', { name: 'Filters (1)', exact: true }).click();
      await app.getByRole('dialog', { name: 'Filters', exact: true }).waitFor();
      await axeScan(app, 'the open drawer');
      await app.getByRole('button', { name: 'Close', exact: true }).click();
    } finally {
      await done();
    }
  });

  test('at 1,000 actors x 10,000 events the grid\'s live DOM stays under 1,400 nodes, with compact columns', async () => {
    const page = await open('?view=matrix', { server: E.ctx.large });
    try {
      const grid = page.getByRole('grid', { name: 'Participation matrix' });
      const [rows, cols] = [Number(await grid.getAttribute('aria-rowcount')), Number(await grid.getAttribute('aria-colcount'))];
      assert.ok(rows > 900 && cols > 9000, `${rows} x ${cols}`);
      const measure = () => page.evaluate(() => {
        const g = document.querySelector('[role=grid]');
        return { nodes: g.querySelectorAll('*').length, col: g.querySelector('.matrix-colhead').getBoundingClientRect().width, angled: g.classList.contains('angled') };
      });
      const first = await measure();
      assert.ok(first.nodes > 100 && first.nodes <= 1400, `${first.nodes} elements in the grid`);
      assert.equal(Math.round(first.col), COMPACT_COL, 'many events keep the compact width');
      assert.ok(first.angled, 'many events head their columns at 45°');
      // Scrolled into the middle and moved by keyboard: still within budget.
      await page.evaluate(() => {
        const vp = document.querySelector('.matrix-viewport');
        vp.scrollTop = vp.scrollHeight / 2;
        vp.scrollLeft = vp.scrollWidth / 2;
        vp.dispatchEvent(new Event('scroll'));
      });
      await page.waitForFunction(() => Number(document.querySelector('[role=gridcell]')?.closest('[role=row]')?.getAttribute('aria-rowindex')) > 100);
      const middle = await measure();
      assert.ok(middle.nodes > 100 && middle.nodes <= 1400, `${middle.nodes} elements in the grid, scrolled`);
      await screenshot(page, `${E.engine}-reading-large-1366-light`);
    } finally {
      await done();
    }
  });

  test('an actor page lists its first 100 events; "Show more" adds 100 at a time, keeps the focus, then goes to the first event it added', async () => {
    // The actor of the 1,000 x 10,000 dataset with the fewest events above 200
    // (three pages: 100, 200, all).
    const data = await (await fetch(`${E.ctx.large.url}data/seed.json`)).json();
    const eventsOf = new Map();
    for (const p of data.participations) {
      if (!eventsOf.has(p.actor)) eventsOf.set(p.actor, new Set());
      eventsOf.get(p.actor).add(p.event);
    }
    const [actor, n] = [...eventsOf].map(([id, set]) => [id, set.size]).filter(([, k]) => k > 200 && k <= 300)
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [];
    assert.ok(actor, 'the synthetic dataset has an actor in 201 to 300 events');
    const page = await open(`?open=actor:${actor}`, { server: E.ctx.large });
    try {
      await page.locator('main .detail h2').waitFor({ timeout: 30000 });
      const listed = () => page.evaluate(() => [...document.querySelector('main .detail ul.participants').children]
        .map((li) => li.querySelector('a').textContent));
      const first = await listed();
      assert.equal(first.length, 100, 'the first 100 events are listed');
      assert.match(await page.evaluate(() => document.querySelector('main .detail h3').textContent), new RegExp(`\\b${n}\\b`), 'the heading counts them all');
      await page.getByRole('button', { name: `Show more (100 of ${n} shown)`, exact: true }).click();
      await page.waitForFunction(() => document.querySelector('main .detail ul.participants').children.length === 200);
      const second = await listed();
      assert.deepEqual(second.slice(0, 100), first, 'the first 100 stay, in order');
      const focused = () => page.evaluate(() => document.activeElement?.textContent);
      await page.waitForFunction((t) => document.activeElement?.textContent === t, `Show more (200 of ${n} shown)`);
      await page.getByRole('button', { name: `Show more (200 of ${n} shown)`, exact: true }).click();
      await page.waitForFunction((k) => document.querySelector('main .detail ul.participants').children.length === k, n);
      const all = await listed();
      assert.equal(all.length, n, 'every event is listed');
      assert.equal(await page.getByRole('button', { name: /^Show more/ }).count(), 0, 'no Show more once all are listed');
      await page.waitForFunction((t) => document.activeElement?.textContent === t, all[200]);
      assert.equal(await focused(), all[200], 'the focus is on the first event the last click added');
    } finally {
      await done();
    }
  });

  test('screenshots at 360, 1366 and 1920 px, light and dark, with the crosshair on', async () => {
    for (const scheme of ['light', 'dark']) {
      for (const size of [PHONE, LAPTOP, WIDE]) {
        let target;
        if (size === PHONE) {
          target = await onPhone(E, '?view=matrix', { scheme });
          await target.app.getByRole('grid', { name: 'Participation matrix' }).waitFor({ timeout: 30000 });
        } else {
          const page = await open('?view=matrix', { size, scheme });
          target = { app: page, page, shot: (name) => screenshot(page, name) };
        }
        try {
          await assertScheme(target.app, scheme);
          await target.app.getByRole('grid', { name: 'Participation matrix' }).locator('[data-cell="2:3"]').focus();
          await target.app.waitForFunction(() => document.querySelector('.matrix-colhead.cross'));
          await target.app.evaluate(() => window.scrollTo(0, 0));
          await target.shot(`${E.engine}-matrix-${size.width}-${scheme}`);
        } finally {
          await done(target.page);
        }
      }
    }
  });
}, {
  setup: async () => {
    // The bench's synthetic generator (crates/convene-bench, bin synth) writes the
    // 1,000 x 10,000 matrix dataset in seconds; it is made here, never committed.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-synth-'));
    const started = Date.now();
    const run = spawnSync('cargo', ['run', '--quiet', '--release', '-p', 'convene-bench', '--bin', 'synth', '--', dir],
      { cwd: ROOT, encoding: 'utf8', timeout: 15 * 60 * 1000 });
    if (run.status !== 0) throw new Error(`synth failed (${run.status}): ${run.stderr}`);
    const file = path.join(dir, 'matrix-1000x10000.json');
    const large = fs.readFileSync(file);
    console.log(`synth: ${(large.length / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    fs.rmSync(dir, { recursive: true, force: true });
    return {
      app: await serveDist({ intercept: phoneHost }),
      large: await serveDist({
        intercept: (req, res, rel) => {
          if (rel !== 'data/seed.json') return false;
          res.writeHead(200, { 'content-type': 'application/json' }).end(large);
          return true;
        },
      }),
    };
  },
  teardown: async (ctx) => Promise.all(Object.values(ctx).map((s) => s?.close())),
});
