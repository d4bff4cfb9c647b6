// The network view (issue 14) as a person uses it, on the bundled seed dataset: the
// view switch, the legend, the "Strongest links" table against a co-participation
// count computed here by brute force from public/data/seed.json, the top-N cut and the
// minimum weight, the keyboard path (roving tab stop, arrow keys to neighbours, +
// zoom, Enter opens the actor), the node details on focus and hover, the SVG, GEXF
// and GraphML downloads read back by a real XML parser (fast-xml-parser) and checked
// against the same projection, the embed, and an accessibility scan, light and dark;
// a link's details (chosen in the table by keyboard, and pointed at in the picture:
// its shared events against a brute-force list, the matrix of the two), pinch zoom
// with two touch pointers, and labels that never overlap (getBoundingClientRect).
// Each test runs in every engine (harness.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Pointer } from 'selenium-webdriver/lib/input.js';
import { forEachEngine, serveDist, screenshot, ROOT } from './harness.mjs';
import { assertScheme, axeScan } from './checks.mjs';

const SEED = JSON.parse(fs.readFileSync(`${ROOT}/public/data/seed.json`, 'utf8'));
const ACTOR = new Map(SEED.actors.map((a) => [a.id, a]));
const ID_OF_NAME = new Map(SEED.actors.map((a) => [a.name, a.id]));
/** Rows of the "Strongest links" table (src/network.rs, core STRONGEST_LINKS_ROWS). */
const TABLE_ROWS = 100;

const pairKey = (a, b) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * The co-participation network of the seed, by brute force: with `roles` (a list) only
 * the participations in those roles count. Nodes are the actors with a counted
 * participation, `events` the distinct events they take part in; an edge joins two
 * actors for every event both take part in (several roles at one event count once).
 */
function projection(roles = null) {
  const eventsOf = new Map();
  for (const p of SEED.participations) {
    if (roles && !roles.includes(p.role)) continue;
    if (!eventsOf.has(p.actor)) eventsOf.set(p.actor, new Set());
    eventsOf.get(p.actor).add(p.event);
  }
  const ids = [...eventsOf.keys()];
  const edges = new Map();
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      let w = 0;
      for (const e of eventsOf.get(ids[i])) if (eventsOf.get(ids[j]).has(e)) w++;
      if (w > 0) edges.set(pairKey(ids[i], ids[j]), w);
    }
  }
  const events = new Map(ids.map((id) => [id, eventsOf.get(id).size]));
  return { events, edges };
}

const FULL = projection();

/** The seed events (ids) where both actors take part, by brute force. */
function sharedEvents(a, b) {
  const of = (id) => new Set(SEED.participations.filter((p) => p.actor === id).map((p) => p.event));
  const eb = of(b);
  return [...of(a)].filter((e) => eb.has(e)).sort();
}

/** The event id an `open=event:ID` link points to. */
const eventOfHref = (href) => {
  const open = new URL(href, 'http://x/').searchParams.get('open');
  assert.match(open ?? '', /^event:/, `${href} opens an event`);
  return open.slice('event:'.length);
};

/** The actor id an `open=actor:ID` link points to. */
const actorOfHref = (href) => {
  const open = new URL(href, 'http://x/').searchParams.get('open');
  assert.match(open ?? '', /^actor:/, `${href} opens an actor`);
  return open.slice('actor:'.length);
};

/** The actor id of a node, from its accessible name ("Name, kind, N events, ..."). */
function nodeActor(label) {
  const name = [...ID_OF_NAME.keys()].filter((n) => label.startsWith(`${n}, `)).sort((a, b) => b.length - a.length)[0];
  assert.ok(name, `node "${label}" names an actor of the seed`);
  return ID_OF_NAME.get(name);
}

/** The events count a node's accessible name gives. */
function nodeEvents(label) {
  const m = label.match(/, (\d+) events?, \d+ links?/);
  assert.ok(m, `node "${label}" gives its events`);
  return Number(m[1]);
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true, // character references (&#10; in quotes) decoded
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => ['node', 'edge', 'attvalue', 'data', 'key', 'attribute', 'attributes'].includes(name),
});

/** Parses `text` as XML with fast-xml-parser, after its validator accepts it. */
function parseXml(text, what) {
  const valid = XMLValidator.validate(text);
  assert.equal(valid, true, `${what} is well-formed XML: ${JSON.stringify(valid.err ?? valid)}`);
  return xml.parse(text);
}

const attvalues = (el) => Object.fromEntries((el.attvalues?.attvalue ?? []).map((a) => [a.for, a.value]));
const graphmlData = (el) => Object.fromEntries((el.data ?? []).map((d) => [d.key, d['#text'] ?? '']));

/** A one-mode network file's nodes ({actor id: events}) and edges ({pair: weight}). */
function assertProjection(nodes, edges, proj, what) {
  assert.deepEqual(new Map([...nodes].sort()), new Map([...proj.events].sort()), `${what}: nodes and their events`);
  assert.deepEqual(new Map([...edges].sort()), new Map([...proj.edges].sort()), `${what}: edges and their weights`);
}

forEachEngine((E) => {
  const test = E.test;
  const shotName = (name) => `${E.engine === 'chromium' ? '' : `${E.engine}-`}${name}`;

  /** Opens the app at `query` in `page`; waits until the network is drawn. */
  async function open(query, page = E.page) {
    const app = E.ctx.app;
    await page.goto(app.url + query);
    await page.getByRole('group', { name: 'Co-participation network' }).waitFor({ timeout: 20000 });
    await page.locator('.net-node').first().waitFor();
    return { page, problems: async () => { await page.flush(); return app.problems(); } };
  }

  const network = (page) => page.getByRole('group', { name: 'Co-participation network' });
  const table = (page) => page.getByRole('table', { name: 'Strongest links' });

  /** The table's rows as [actor id, actor id, shared events], read from its links. */
  async function tableRows(page) {
    const rows = await table(page).evaluate((t) => [...t.tBodies[0].rows].map((tr) => {
      const cells = [...tr.cells];
      return [cells[0].querySelector('a').href, cells[1].querySelector('a').href, cells[2].innerText.trim()];
    }));
    return rows.map(([a, b, w]) => [actorOfHref(a), actorOfHref(b), Number(w)]);
  }

  /** The table holds the strongest links of `proj` with weight >= `min`, strongest first. */
  async function assertTable(page, proj, min = 1) {
    const header = await table(page).getByRole('columnheader').allInnerTexts();
    assert.deepEqual(header.map((h) => h.trim()), ['Actor', 'Actor', 'Shared events']);
    const rows = await tableRows(page);
    const expected = [...proj.edges].filter(([, w]) => w >= min);
    const weights = rows.map((r) => r[2]);
    assert.deepEqual(weights, [...weights].sort((a, b) => b - a), 'sorted by shared events, descending');
    assert.equal(rows.length, Math.min(TABLE_ROWS, expected.length), 'one row per link, up to the table size');
    const seen = new Set();
    for (const [a, b, w] of rows) {
      const key = pairKey(a, b);
      assert.ok(!seen.has(key), `${key} listed once`);
      seen.add(key);
      assert.equal(w, proj.edges.get(key), `${ACTOR.get(a).name} – ${ACTOR.get(b).name}: shared events`);
    }
    // The rows are the strongest links: their weights are the top of the brute-force list.
    const top = expected.map(([, w]) => w).sort((x, y) => y - x).slice(0, rows.length);
    assert.deepEqual(weights, top, 'the strongest links');
    if (expected.length > TABLE_ROWS) {
      assert.equal(await page.locator('.network-note', { hasText: `The ${TABLE_ROWS} strongest of ${expected.length} links` }).count(), 1);
    }
    const summary = await page.locator('.network-tools > span').first().innerText();
    assert.ok(summary.startsWith(`${proj.events.size} actors, ${expected.length} links (at least ${min} shared event`), summary);
  }

  /** Accessible names of the drawn nodes, in DOM order (largest first). */
  const nodeLabels = (page) => page.evaluate(() => [...document.querySelectorAll('.net-node')].map((n) => n.getAttribute('aria-label')));

  test('the view link "Network" switches to view=network; a legend shows the kinds', async () => {
    const app = E.ctx.app;
    const page = E.page;
    await page.goto(app.url);
    await page.getByRole('searchbox', { name: 'Search' }).waitFor({ timeout: 20000 });
    await page.getByRole('link', { name: 'Network', exact: true }).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('view') === 'network');
    await network(page).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Network', exact: true }).getAttribute('aria-current'), 'page');
    const legend = page.getByRole('list', { name: 'Legend' });
    const items = (await legend.getByRole('listitem').allInnerTexts()).map((t) => t.trim());
    for (const kind of ['Country', 'Organization', 'Person']) assert.ok(items.includes(kind), `legend names ${kind}: ${items}`);
    // Each kind has its own shape and colour in the legend.
    const swatches = await legend.evaluate((ul) => [...ul.querySelectorAll('li svg path')].map((p) => `${p.getAttribute('d').replace(/[\d.\s-]/g, '')}|${p.getAttribute('fill')}`));
    assert.equal(swatches.length, 3);
    assert.equal(new Set(swatches.map((s) => s.split('|')[1])).size, 3, `three colours: ${swatches}`);
    assert.equal(new Set(swatches.map((s) => s.split('|')[0])).size, 3, `three shapes: ${swatches}`);
    // Every actor of the seed is a node.
    assert.equal(await page.locator('.net-node').count(), FULL.events.size);
    await page.flush();
    assert.deepEqual(app.problems(), []);
  });

  test('"Strongest links" agrees with a brute-force co-participation count, with and without a role filter', async () => {
    const { page, problems } = await open('?view=network');
    await assertTable(page, FULL);
    const roles = ['host', 'organizer'];
    await open(`?view=network&role=${roles.join(',')}`);
    const proj = projection(roles);
    assert.ok(proj.edges.size > 0 && proj.edges.size < FULL.edges.size);
    await assertTable(page, proj);
    assert.equal(await page.locator('.net-node').count(), proj.events.size);
    assert.deepEqual(await problems(), []);
  });

  test('top=5 draws the 5 actors with most events and says how many are left out; min=2 drops links of weight 1', async () => {
    const { page, problems } = await open('?view=network&top=5');
    const left = FULL.events.size - 5;
    const note = page.getByRole('status').filter({ hasText: 'left out' });
    assert.equal((await note.innerText()).trim(), `Showing the 5 actors with most events; ${left} more are left out.`);
    assert.equal(await page.locator('.net-node').count(), 5);
    const labels = await nodeLabels(page);
    const drawn = labels.map(nodeActor);
    for (const [i, id] of drawn.entries()) assert.equal(nodeEvents(labels[i]), FULL.events.get(id), `${id}'s events`);
    const leastDrawn = Math.min(...drawn.map((id) => FULL.events.get(id)));
    const mostLeft = Math.max(...[...FULL.events].filter(([id]) => !drawn.includes(id)).map(([, n]) => n));
    assert.ok(leastDrawn >= mostLeft, `the drawn actors have the most events (${leastDrawn} >= ${mostLeft})`);
    // The table covers the drawn actors only.
    for (const [a, b] of await tableRows(page)) assert.ok(drawn.includes(a) && drawn.includes(b));

    await open('?view=network&min=2');
    assert.equal(await page.getByRole('status').filter({ hasText: 'left out' }).count(), 0, 'nobody left out at top=150');
    await assertTable(page, FULL, 2);
    assert.ok(!(await tableRows(page)).some((r) => r[2] < 2), 'no link of weight 1');
    assert.deepEqual(await problems(), []);
  });

  test('keyboard: one tab stop on the largest node, arrows to a neighbour, + zooms, Enter opens the actor; focus and hover name the strongest links', async () => {
    const { page, problems } = await open('?view=network');
    const stops = page.locator('.net-node[tabindex="0"]');
    assert.equal(await stops.count(), 1, 'one tab stop');
    const first = stops.first();
    const firstLabel = await first.getAttribute('aria-label');
    const firstId = nodeActor(firstLabel);
    assert.equal(FULL.events.get(firstId), Math.max(...FULL.events.values()), 'the tab stop is a largest node');
    // Tab from the last zoom button lands on that node: the picture itself is no
    // tab stop (Chromium made the <svg> one, so Tab needed pressing twice).
    await page.getByRole('button', { name: 'Reset view' }).focus();
    await page.keyboard.press('Tab');
    assert.equal(await first.evaluate((el) => el === document.activeElement), true, 'one Tab from "Reset view" reaches the node');
    await first.focus();
    assert.equal(await first.evaluate((el) => el === document.activeElement), true);
    // Focus names its strongest links, in the node's name and in the details below.
    const strongest = Math.max(...[...FULL.edges].filter(([k]) => k.split('|').includes(firstId)).map(([, w]) => w));
    const named = firstLabel.match(/; strongest: (.+?) \((\d+) shared events?\)/);
    assert.ok(named, `the node's name gives its strongest links: ${firstLabel}`);
    assert.equal(Number(named[2]), strongest);
    assert.equal(FULL.edges.get(pairKey(firstId, ID_OF_NAME.get(named[1]))), strongest);
    const details = page.getByRole('region', { name: 'Node details' });
    await details.getByRole('link', { name: ACTOR.get(firstId).name, exact: true }).waitFor();
    assert.match(await details.innerText(), /Strongest links:/);
    const firstItem = await details.getByRole('listitem').first().innerText();
    assert.ok(firstItem.startsWith(`${named[1]} — ${strongest} shared event`), firstItem);
    assert.equal(await details.getByRole('link', { name: '(matrix of the two)' }).first().count(), 1);

    // Arrow keys move focus to a linked neighbour (the one that lies that way).
    const activeLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
    let moved = null;
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
      await page.keyboard.press(key);
      await page.waitForFunction((l) => document.activeElement?.getAttribute('aria-label') !== l, firstLabel, { timeout: 2000 }).catch(() => {});
      const now = await activeLabel();
      if (now && now !== firstLabel) { moved = now; break; }
    }
    assert.ok(moved, 'an arrow key moved the focus');
    const nextId = nodeActor(moved);
    assert.ok(FULL.edges.has(pairKey(firstId, nextId)), `${nextId} is a neighbour of ${firstId}`);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('tabindex')), '0', 'the tab stop moved with the focus');
    assert.equal(await page.locator('.net-node[tabindex="0"]').count(), 1);
    await details.getByRole('link', { name: ACTOR.get(nextId).name, exact: true }).waitFor();

    // + zooms: the drawing's transform changes.
    const transform = () => network(page).evaluate((svg) => svg.querySelector(':scope > g').getAttribute('transform'));
    const before = await transform();
    await page.keyboard.press('+');
    await page.waitForFunction((t) => document.querySelector('.network-svg > g').getAttribute('transform') !== t, before, { timeout: 5000 });
    const after = await transform();
    const scale = (t) => Number(t.match(/scale\(([\d.]+)\)/)[1]);
    assert.ok(scale(after) > scale(before), `zoomed in: ${before} -> ${after}`);

    // Pointing at another node names its strongest links too.
    const other = page.locator('.net-node[data-node="2"]');
    const otherId = nodeActor(await other.getAttribute('aria-label'));
    assert.notEqual(otherId, nextId);
    await page.driver.actions({ async: true }).move({ origin: await other.element() }).perform();
    await details.getByRole('link', { name: ACTOR.get(otherId).name, exact: true }).waitFor();
    const otherStrongest = Math.max(...[...FULL.edges].filter(([k]) => k.split('|').includes(otherId)).map(([, w]) => w));
    assert.match(await details.getByRole('listitem').first().innerText(), new RegExp(` — ${otherStrongest} shared events?`));

    // Enter opens the focused node's actor.
    await page.evaluate(() => document.querySelector('.net-node[tabindex="0"]').focus());
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => new URLSearchParams(location.search).get('open') === `actor:${id}`, nextId);
    await page.getByRole('heading', { level: 2, name: ACTOR.get(nextId).name }).waitFor();
    assert.deepEqual(await problems(), []);
  });

  /** Client-pixel centres of the drawn nodes, by actor id. */
  const nodeCentres = (page) => page.evaluate(() => [...document.querySelectorAll('.net-node')].map((n) => {
    const r = n.getBoundingClientRect();
    return [n.getAttribute('aria-label'), r.left + r.width / 2, r.top + r.height / 2];
  })).then((list) => new Map(list.map(([label, x, y]) => [nodeActor(label), [x, y]])));

  /** The "Link details" region shows the link of `a` and `b`: its sentence, one link per shared event, the matrix of the two. */
  async function assertLinkDetails(page, a, b) {
    const region = page.getByRole('region', { name: 'Link details' });
    await region.waitFor();
    const shared = sharedEvents(a, b);
    const text = (await region.innerText()).replace(/\s+/g, ' ');
    const [first, second] = [ACTOR.get(a).name, ACTOR.get(b).name];
    const sentence = (x, y) => `${x} and ${y} share ${shared.length} event${shared.length === 1 ? '' : 's'} in the view:`;
    assert.ok(text.includes(sentence(first, second)) || text.includes(sentence(second, first)), text);
    const hrefs = await region.evaluate((r) => [...r.querySelectorAll('li a')].map((l) => [l.href, l.textContent.trim()]));
    assert.deepEqual(hrefs.map(([h]) => eventOfHref(h)).sort(), shared, 'one link per shared event');
    for (const [h, name] of hrefs) assert.equal(name, SEED.events.find((e) => e.id === eventOfHref(h)).name);
    return region;
  }

  test('a link shows its shared events and the matrix of the two: chosen in "Strongest links" by keyboard, and pointed at in the picture', async () => {
    const { page, problems } = await open('?view=network');
    assert.equal(await page.getByRole('region', { name: 'Link details' }).count(), 0, 'no link chosen yet');
    // The table's strongest link, chosen with the keyboard: its button names the link.
    const [a, b, w] = (await tableRows(page))[0];
    const button = table(page).getByRole('button', { name: `${w} shared events: ${ACTOR.get(a).name} and ${ACTOR.get(b).name}`, exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    const region = await assertLinkDetails(page, a, b);
    assert.equal(sharedEvents(a, b).length, w, 'the brute-force count agrees with the table');
    // Focus moved to the details, so a keyboard user reads them next.
    await page.waitForFunction(() => document.activeElement?.classList.contains('network-link-details'));
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    // An event link opens the event.
    const firstEvent = await region.evaluate((r) => r.querySelector('li a').href);
    // The matrix of the two: the same filters, the two actors, the matrix view.
    await region.getByRole('link', { name: '(matrix of the two)' }).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('view') === 'matrix');
    const params = new URLSearchParams(new URL(await page.url()).search);
    assert.deepEqual((params.get('actor') ?? '').split(',').sort(), [a, b].sort());
    await page.getByRole('grid').waitFor();
    await page.goto(firstEvent);
    await page.getByRole('heading', { level: 2, name: SEED.events.find((e) => e.id === eventOfHref(firstEvent)).name }).waitFor();

    // Pointing: the mouse on the middle of a drawn link (away from every node)
    // shows that link, highlighted, with its shared events.
    await open('?view=network');
    await page.evaluate(() => document.querySelector('.network-frame').scrollIntoView({ block: 'start' }));
    const centres = await nodeCentres(page);
    const rows = await tableRows(page);
    let pointed = null;
    for (const [x, y] of rows.slice(0, 40)) {
      const [p, q] = [centres.get(x), centres.get(y)];
      const mid = [Math.round((p[0] + q[0]) / 2), Math.round((p[1] + q[1]) / 2)];
      if (Math.hypot(q[0] - p[0], q[1] - p[1]) < 60) continue;
      const free = await page.evaluate(([mx, my]) => {
        const el = document.elementFromPoint(mx, my);
        return el?.classList.contains('network-svg') || el?.closest('.net-edges') !== null && el?.closest('.network-svg') !== null;
      }, mid);
      if (free) { pointed = mid; break; }
    }
    assert.ok(pointed, 'a link with its middle away from the nodes');
    await page.driver.actions({ async: true }).move({ x: pointed[0], y: pointed[1] }).perform();
    const shown = page.getByRole('region', { name: 'Link details' });
    await shown.waitFor();
    await page.locator('.net-link-on').waitFor();
    // The link shown passes within the pointing tolerance (6 px) of the pointer.
    const names = await shown.evaluate((r) => r.querySelector('p').textContent);
    const pair = [...FULL.edges.keys()].map((k) => k.split('|')).find(([x, y]) =>
      names.startsWith(`${ACTOR.get(x).name} and ${ACTOR.get(y).name} share`) || names.startsWith(`${ACTOR.get(y).name} and ${ACTOR.get(x).name} share`));
    assert.ok(pair, `the details name a link: ${names}`);
    const [p, q] = [centres.get(pair[0]), centres.get(pair[1])];
    const t = Math.max(0, Math.min(1, ((pointed[0] - p[0]) * (q[0] - p[0]) + (pointed[1] - p[1]) * (q[1] - p[1])) / ((q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2)));
    const dist = Math.hypot(p[0] + t * (q[0] - p[0]) - pointed[0], p[1] + t * (q[1] - p[1]) - pointed[1]);
    // Tolerance: 6 px, plus up to 6 px because node centres are read from each
    // shape's bounding box (a triangle's box centre is not its anchor).
    assert.ok(dist <= 12, `the pointed link passes ${dist.toFixed(1)} px from the pointer`);
    await assertLinkDetails(page, pair[0], pair[1]);
    assert.deepEqual(await problems(), []);
  });

  test('pinch: two touch pointers spread apart zoom in, brought together zoom out', async () => {
    const { page, problems } = await open('?view=network');
    await page.evaluate(() => document.querySelector('.network-frame').scrollIntoView({ block: 'start' }));
    const scale = () => network(page).evaluate((svg) => Number(svg.querySelector(':scope > g').getAttribute('transform').match(/scale\(([\d.]+)\)/)[1]));
    const box = await network(page).evaluate((svg) => { const r = svg.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; });
    const [cx, cy] = [Math.round(box[0] + box[2] / 2), Math.round(box[1] + Math.min(box[3], 400) / 2)];
    async function pinch(from, to) {
      if (E.engine === 'webkit') {
        // WebKitWebDriver takes W3C actions with two "touch" pointers but the page
        // receives no touch pointer events from them (tried: the zoom stays at 1),
        // so for WebKit alone the two fingers are PointerEvents dispatched in the
        // page, with the ids, type and coordinates a touch screen sends. Chromium
        // and Firefox get real WebDriver touch actions.
        await page.evaluate(([x, y, f, t]) => {
          const svg = document.querySelector('.network-svg');
          const ev = (type, id, px) => svg.dispatchEvent(new PointerEvent(type, {
            pointerId: id, pointerType: 'touch', isPrimary: id === 11, clientX: px, clientY: y, bubbles: true, cancelable: true, button: 0, buttons: 1,
          }));
          ev('pointerdown', 11, x - f); ev('pointerdown', 12, x + f);
          for (let k = 1; k <= 5; k++) { const d = f + (t - f) * k / 5; ev('pointermove', 11, x - d); ev('pointermove', 12, x + d); }
          ev('pointerup', 11, x - t); ev('pointerup', 12, x + t);
        }, [cx, cy, from, to]);
        return;
      }
      const actions = page.driver.actions({ async: true });
      const f1 = new Pointer('finger1', Pointer.Type.TOUCH);
      const f2 = new Pointer('finger2', Pointer.Type.TOUCH);
      const steps = [0, 1, 2, 3, 4, 5].map((k) => Math.round(from + (to - from) * k / 5));
      actions.insert(f1, f1.move({ x: cx - from, y: cy, duration: 0 }), f1.press(), ...steps.map((d) => f1.move({ x: cx - d, y: cy, duration: 50 })), f1.release());
      actions.insert(f2, f2.move({ x: cx + from, y: cy, duration: 0 }), f2.press(), ...steps.map((d) => f2.move({ x: cx + d, y: cy, duration: 50 })), f2.release());
      await actions.perform();
    }
    const before = await scale();
    await pinch(30, 120);
    await page.waitForFunction((b) => Number(document.querySelector('.network-svg > g').getAttribute('transform').match(/scale\(([\d.]+)\)/)[1]) > b * 1.5, before, { timeout: 5000 });
    const zoomed = await scale();
    assert.ok(zoomed > before * 1.5, `spread fingers zoom in: ${before} -> ${zoomed}`);
    await pinch(120, 40);
    await page.waitForFunction((z) => Number(document.querySelector('.network-svg > g').getAttribute('transform').match(/scale\(([\d.]+)\)/)[1]) < z / 1.5, zoomed, { timeout: 5000 });
    assert.ok((await scale()) < zoomed / 1.5, 'fingers brought together zoom out');
    // A pinch is not a tap: no actor page opened.
    assert.equal(new URLSearchParams(new URL(await page.url()).search).get('open'), null);
    assert.deepEqual(await problems(), []);
  });

  test('labels: no two drawn label boxes intersect; a node whose label was left out shows its name when focused', async () => {
    const { page, problems } = await open('?view=network');
    const boxes = await page.evaluate(() => [...document.querySelectorAll('.net-labels:not(.net-label-on) text')].map((t) => {
      const r = t.getBoundingClientRect();
      return { text: t.textContent, x: r.left, y: r.top, w: r.width, h: r.height };
    }));
    assert.ok(boxes.length >= 5, `${boxes.length} labels drawn`);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [u, v] = [boxes[i], boxes[j]];
        const overlap = u.x < v.x + v.w && v.x < u.x + u.w && u.y < v.y + v.h && v.y < u.y + u.h;
        assert.ok(!overlap, `labels "${u.text}" and "${v.text}" overlap: ${JSON.stringify([u, v])}`);
      }
    }
    // The largest node is labelled.
    const labels = await nodeLabels(page);
    const largest = ACTOR.get(nodeActor(labels[0])).name;
    assert.ok(boxes.some((b) => b.text === largest), `the largest node (${largest}) is labelled`);
    // A node without a label (73 actors, at most 60 candidates): focused, its name shows.
    const drawn = new Set(boxes.map((b) => b.text));
    const i = labels.findIndex((l) => !drawn.has(ACTOR.get(nodeActor(l)).name));
    assert.ok(i > 0, 'some node has no label');
    const name = ACTOR.get(nodeActor(labels[i])).name;
    await page.locator(`.net-node[data-node="${i}"]`).focus();
    await page.waitForFunction((n) => document.querySelector('.net-label-on text')?.textContent === n, name);
    assert.deepEqual(await problems(), []);
  });

  test('the SVG, GEXF, GraphML and two-mode downloads parse as XML and hold the projection', async () => {
    const { page, problems } = await open('?view=network');
    const next = await page.captureDownloads();
    const download = (name) => next(() => page.getByRole('button', { name, exact: true }).click());

    const svg = await download('Download SVG');
    assert.equal(svg.name, 'convene-network.svg');
    const svgDoc = parseXml(svg.text, 'the SVG');
    assert.equal(svgDoc.svg.xmlns, 'http://www.w3.org/2000/svg');

    const gexf = await download('Download GEXF');
    assert.equal(gexf.name, 'convene-network.gexf');
    const g = parseXml(gexf.text, 'the GEXF').gexf;
    assert.equal(g.xmlns, 'http://gexf.net/1.3');
    assert.equal(g.version, '1.3');
    assert.equal(g.graph.defaultedgetype, 'undirected');
    const gNodes = g.graph.nodes.node;
    for (const n of gNodes) {
      const id = n.id.replace(/^actor:/, '');
      assert.equal(n.label, ACTOR.get(id).name);
      assert.equal(attvalues(n).kind, ACTOR.get(id).kind);
    }
    assertProjection(
      new Map(gNodes.map((n) => [n.id.replace(/^actor:/, ''), Number(attvalues(n).events)])),
      new Map(g.graph.edges.edge.map((e) => [pairKey(e.source.replace(/^actor:/, ''), e.target.replace(/^actor:/, '')), Number(e.weight)])),
      FULL, 'the GEXF',
    );
    assert.equal(g.graph.edges.edge.length, FULL.edges.size, 'one edge per pair');
    // The table's rows are edges of the file with the same weights.
    const gexfEdges = new Map(g.graph.edges.edge.map((e) => [pairKey(e.source.slice(6), e.target.slice(6)), Number(e.weight)]));
    for (const [a, b, w] of await tableRows(page)) assert.equal(gexfEdges.get(pairKey(a, b)), w);

    const graphml = await download('Download GraphML');
    assert.equal(graphml.name, 'convene-network.graphml');
    const gm = parseXml(graphml.text, 'the GraphML').graphml;
    assert.equal(gm.graph.edgedefault, 'undirected');
    assertProjection(
      new Map(gm.graph.node.map((n) => [n.id.replace(/^actor:/, ''), Number(graphmlData(n).events)])),
      new Map(gm.graph.edge.map((e) => [pairKey(e.source.replace(/^actor:/, ''), e.target.replace(/^actor:/, '')), Number(graphmlData(e).weight)])),
      FULL, 'the GraphML',
    );

    // Two-mode: a node per actor and per event that take part in the selection (three
    // seed events list no participant: they are not in it), an edge per participation
    // with its role, source and quote.
    const partEvents = new Set(SEED.participations.map((p) => p.event));
    assert.ok(partEvents.size < SEED.events.length);
    const parts = SEED.participations.map((p) => `actor:${p.actor}|event:${p.event}|${p.role}|${p.source}|${p.quote ?? ''}`).sort();
    const two = await download('Download two-mode GEXF');
    assert.equal(two.name, 'convene-actors-events.gexf');
    const t = parseXml(two.text, 'the two-mode GEXF').gexf;
    const tNodes = new Map(t.graph.nodes.node.map((n) => [n.id, attvalues(n).kind]));
    assert.equal(tNodes.size, FULL.events.size + partEvents.size);
    for (const a of FULL.events.keys()) assert.equal(tNodes.get(`actor:${a}`), ACTOR.get(a).kind);
    for (const e of partEvents) assert.equal(tNodes.get(`event:${e}`), 'event');
    assert.deepEqual(t.graph.edges.edge.map((e) => {
      const v = attvalues(e);
      assert.equal(e.kind, v.role, 'the edge kind is its role');
      return `${e.source}|${e.target}|${v.role}|${v.source}|${v.quote}`;
    }).sort(), parts);

    const twoMl = await download('Download two-mode GraphML');
    assert.equal(twoMl.name, 'convene-actors-events.graphml');
    const tm = parseXml(twoMl.text, 'the two-mode GraphML').graphml;
    assert.deepEqual(new Map(tm.graph.node.map((n) => [n.id, graphmlData(n).kind])), tNodes, 'the same nodes as the GEXF');
    assert.deepEqual(tm.graph.edge.map((e) => `${e.source}|${e.target}`).sort(),
      SEED.participations.map((p) => `actor:${p.actor}|event:${p.event}`).sort());
    assert.deepEqual(await problems(), []);
  });

  test('view=network&embed=1 draws the network without the page chrome', async () => {
    const { page, problems } = await open('?view=network&embed=1');
    assert.equal(await page.locator('.net-node').count(), FULL.events.size);
    assert.equal(await page.getByRole('searchbox', { name: 'Search' }).count(), 0, 'no search box');
    assert.equal(await page.getByRole('button', { name: 'Embed' }).count(), 0, 'no header');
    assert.equal(await page.getByRole('group', { name: 'Country' }).count(), 0, 'no filters');
    assert.equal(await page.getByRole('button', { name: 'Download GEXF' }).count(), 0, 'no downloads without show=export');
    assert.equal(await page.getByRole('link', { name: 'Open in Convene' }).count(), 1);
    await table(page).waitFor();
    assert.deepEqual(await problems(), []);
  });

  test('axe-core finds no violations on the network view, light and dark; screenshots', async () => {
    for (const colorScheme of ['light', 'dark']) {
      // Chromium emulates the scheme; Firefox and WebKit take it at start-up.
      const page = colorScheme === 'dark' ? await E.darkPage() : E.page;
      if (E.engine === 'chromium') await page.emulate({ colorScheme });
      try {
        const { problems } = await open('?view=network', page);
        await assertScheme(page, colorScheme);
        // The picture in the window, for the screenshot.
        await page.evaluate(() => document.querySelector('.network-frame').scrollIntoView({ block: 'start' }));
        await screenshot(page, shotName(`network-${colorScheme}`));
        await axeScan(page, `the network view (${colorScheme})`);
        // With a node focused (highlight and details shown), too.
        await page.locator('.net-node[tabindex="0"]').focus();
        await page.getByRole('region', { name: 'Node details' }).getByRole('listitem').first().waitFor();
        await axeScan(page, `the network view with a node focused (${colorScheme})`);
        assert.deepEqual(await problems(), []);
      } finally {
        if (E.engine === 'chromium') await page.emulate();
      }
    }
  });
}, {
  setup: async () => ({ app: await serveDist() }),
  teardown: async (ctx) => Promise.all(Object.values(ctx).map((s) => s?.close())),
});
