// Sharing and embedding, end to end: a host page on ANOTHER origin (its own strict
// CSP) embeds the built app with public/embed.js; the frame sizes itself, follows
// `convene:set-view`, echoes `convene:view`, and ignores (and counts) messages it
// must not trust. Also: no CSP violation anywhere, the Embed and Cite dialogs, and
// the CSV / JSON / SVG downloads of a filtered view, checked against the seed data.
// Each test runs in every engine (harness.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forEachEngine, serve, serveDist, ROOT } from './harness.mjs';

const SEED = JSON.parse(fs.readFileSync(`${ROOT}/public/data/seed.json`, 'utf8'));
const ALL = SEED.events.length;
const EGYPT = new Set(SEED.events.filter((e) => e.country === 'EGY').map((e) => e.id));

// The host page: no inline script (its CSP forbids it). host.js builds the frames
// from the page's query string and records every message it receives.
const HOST_HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Host</title>
<script src="embed.js" defer></script><script src="host.js" defer></script></head>
<body><h1>An article</h1></body></html>`;
const HOST_JS = `
window.__messages = [];
window.addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));
const p = new URLSearchParams(location.search);
const app = document.createElement('iframe');
app.src = p.get('src');
app.title = 'Convene';
app.width = '100%';
app.height = '300';
app.setAttribute('data-convene', '');
document.body.append(app);
if (p.get('foreign')) {
  const other = document.createElement('iframe');
  other.src = p.get('foreign');
  other.title = 'Another site';
  other.id = 'foreign';
  document.body.append(other);
}
`;
const FOREIGN_HTML = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Foreign</title></head>
<body><p>Some other site's widget.</p></body></html>`;

const origin = (server) => new URL(server.url).origin;

/** The test servers: the app, the embedding host page, and a foreign site. */
let app, host, foreign;
async function setup() {
  app = await serveDist();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-host-'));
  fs.mkdirSync(path.join(tmp, 'host'));
  fs.mkdirSync(path.join(tmp, 'foreign'));
  fs.writeFileSync(path.join(tmp, 'host', 'index.html'), HOST_HTML);
  fs.writeFileSync(path.join(tmp, 'host', 'host.js'), HOST_JS);
  fs.copyFileSync(path.join(ROOT, 'public', 'embed.js'), path.join(tmp, 'host', 'embed.js'));
  fs.writeFileSync(path.join(tmp, 'foreign', 'index.html'), FOREIGN_HTML);
  // Browsers ask every origin for /favicon.ico; answer it.
  for (const dir of ['host', 'foreign']) fs.writeFileSync(path.join(tmp, dir, 'favicon.ico'), '');
  foreign = await serve({ root: path.join(tmp, 'foreign'), csp: "default-src 'self'" });
  host = await serve({
    root: path.join(tmp, 'host'),
    csp: `default-src 'self'; frame-src ${origin(app)} ${origin(foreign)}; script-src 'self'`,
  });
  return { app, host, foreign, tmp: { clearReports() {}, close() { fs.rmSync(tmp, { recursive: true, force: true }); } } };
}

const frameHeight = (page) =>
  page.evaluate(() => {
    const f = document.querySelector('iframe[data-convene]');
    return { reported: Number(f.getAttribute('data-convene-height') || 0), actual: f.clientHeight };
  });

const ignoredCount = (appFrame) =>
  appFrame.evaluate(() => Number(document.documentElement.getAttribute('data-ignored-messages')));

/** A strict RFC 4180 reader (CRLF records, quoted fields with doubled quotes). */
function parseCsv(text) {
  const records = [];
  let record = [], field = '', quoted = false, i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { record.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i += 2; continue; }
    field += c; i++;
  }
  assert.equal(field + record.join(''), '', 'the last record ends with CRLF');
  return records;
}

forEachEngine((E) => {
  const test = E.test;
  const servers = () => E.ctx;
  /** Every problem any page or frame reported (console errors, page errors, CSP). */
  const problems = async () => {
    await E.page.flush();
    return [servers().app, servers().host, servers().foreign].flatMap((s) => s.problems());
  };

  /** Opens the host page embedding the app at `appQuery`; waits until the frame is up. */
  async function openHost(appQuery, { withForeign = false } = {}) {
    const { app, host, foreign } = servers();
    const page = E.page;
    const params = new URLSearchParams({ src: app.url + appQuery });
    if (withForeign) params.set('foreign', foreign.url);
    await page.goto(`${host.url}?${params}`);
    const frame = page.frameLocator('iframe[data-convene]');
    await frame.locator('.result-count').waitFor({ timeout: 20000 });
    const appFrame = page.frame('iframe[data-convene]');
    assert.ok((await appFrame.url()).startsWith(app.url), 'the app frame is there');
    return { page, frame, appFrame };
  }

  async function count(locator) {
    const text = await locator.locator('.result-count').innerText();
    const match = text.match(/^(\d+) events?$/);
    assert.ok(match, `result count reads "${text}"`);
    return Number(match[1]);
  }

  test('an embedded view sizes its frame, follows convene:set-view and echoes convene:view', async () => {
    const { page, frame, appFrame } = await openHost(
      `?embed=1&origin=${encodeURIComponent(origin(host))}`,
    );
    assert.equal(await count(frame), ALL);
    // No chrome: no search box, no header buttons; the "Open in Convene" link is there.
    assert.equal(await frame.getByRole('searchbox', { name: 'Search' }).count(), 0);
    assert.equal(await frame.getByRole('button', { name: 'Embed' }).count(), 0);
    assert.equal(await frame.getByRole('link', { name: 'Open in Convene' }).count(), 1);
    // The host (embed.js) sets the frame's height from convene:resize.
    await page.waitForFunction(() => Number(document.querySelector('iframe[data-convene]').getAttribute('data-convene-height')) > 0);
    let full;
    await page.waitForFunction(() => {
      const f = document.querySelector('iframe[data-convene]');
      return Math.abs(f.clientHeight - Number(f.getAttribute('data-convene-height'))) < 1;
    });
    full = await frameHeight(page);
    assert.ok(full.reported > 300, `the full list is taller than the initial 300px frame: ${full.reported}`);
    assert.ok(Math.abs(full.actual - full.reported) < 1, `frame height ${full.actual} follows ${full.reported}`);
    // The height is the content's: the frame shows everything without scrolling.
    const scroll = await appFrame.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    assert.ok(scroll <= 1, `no scrolling inside the frame (${scroll}px)`);
    // The first view was echoed.
    await page.waitForFunction(() => window.__messages.some((m) => m.data?.type === 'convene:view'));

    // The host asks for a filtered view: fewer events, a smaller frame, and an echo.
    await page.evaluate(() => window.Convene.setView(document.querySelector('iframe[data-convene]'), 'country=EGY'));
    await frame.locator('.result-count', { hasText: `${EGYPT.size} event` }).waitFor();
    assert.equal(await count(frame), EGYPT.size);
    await page.waitForFunction(
      (h) => Number(document.querySelector('iframe[data-convene]').getAttribute('data-convene-height')) < h,
      full.reported,
    );
    const small = await frameHeight(page);
    assert.ok(small.reported < full.reported, `${small.reported} < ${full.reported}`);
    await page.waitForFunction(() => Math.abs(document.querySelector("iframe[data-convene]").clientHeight - Number(document.querySelector('iframe[data-convene]').getAttribute('data-convene-height'))) < 1);
    const echo = await page.waitForFunction(() =>
      window.__messages.map((m) => m).reverse().find((m) => m.data?.type === 'convene:view' && m.data.query.includes('country=EGY')),
    );
    const echoed = echo;
    assert.equal(echoed.origin, origin(app));
    const query = new URLSearchParams(echoed.data.query);
    assert.equal(query.get('country'), 'EGY');
    assert.equal(query.get('embed'), '1', 'the frame stays embedded');
    assert.equal(query.get('origin'), origin(host), 'and keeps its origin');
    assert.equal(await page.evaluate(() => document.querySelector('iframe[data-convene]').getAttribute('data-convene-query')), echoed.data.query);
    // The frame's address shows the view (replaced, not pushed).
    assert.match(await appFrame.url(), /country=EGY/);
    // "Open in Convene" follows the view: the same view as a full page.
    await frame.locator('.open-in-convene a[href*="country=EGY"]').waitFor();
    const fullPage = new URLSearchParams((await frame.getByRole('link', { name: 'Open in Convene' }).getAttribute('href')).replace(/^\?/, ''));
    assert.equal(fullPage.get('country'), 'EGY');
    assert.ok(!fullPage.has('embed') && !fullPage.has('origin'), `not embedded: ${fullPage}`);
    assert.equal(await frame.getByRole('link', { name: 'Open in Convene' }).getAttribute('target'), '_blank');
    // A matrix view, then a malformed value: the usual notice, no crash.
    await page.evaluate(() => window.Convene.setView(document.querySelector('iframe[data-convene]'), 'view=matrix&years=soon'));
    await frame.getByRole('grid', { name: 'Participation matrix' }).or(frame.getByRole('table', { name: 'Participation matrix' })).waitFor();
    await frame.getByText(/Ignored years=soon/).waitFor();
    assert.equal(await count(frame), ALL);
    // Still interactive: open an event from the frame.
    await page.evaluate(() => window.Convene.setView(document.querySelector('iframe[data-convene]'), 'country=EGY'));
    await frame.locator('.result-count', { hasText: `${EGYPT.size} event` }).waitFor();
    const first = frame.getByRole('article').first().getByRole('link').first();
    const name = await first.innerText();
    await first.click();
    await frame.getByRole('heading', { name, level: 2 }).or(frame.getByRole('heading', { name, level: 1 })).first().waitFor();

    assert.equal(await ignoredCount(appFrame), 0, 'nothing was ignored');
    assert.deepEqual(servers().host.problems('csp'), [], 'no CSP violation on the host');
    assert.deepEqual(servers().app.problems('csp'), [], 'no CSP violation in the frame');
    assert.deepEqual(await problems(), []);
  });

  test('without origin=, the frame talks to any embedding page', async () => {
    const { page, frame, appFrame } = await openHost('?embed=1&show=search');
    // show=search keeps the search box, and it works inside the frame.
    await frame.getByRole('searchbox', { name: 'Search' }).fill('Zerouali');
    await frame.locator('.result-count', { hasText: /^1 event$/ }).waitFor();
    await page.evaluate(() => window.Convene.setView(document.querySelector('iframe[data-convene]'), 'country=EGY'));
    await frame.locator('.result-count', { hasText: `${EGYPT.size} event` }).waitFor();
    await page.waitForFunction(() => window.__messages.some((m) => m.data?.type === 'convene:resize'));
    await page.waitForFunction(() => window.__messages.some((m) => m.data?.type === 'convene:view' && /country=EGY/.test(m.data.query) && /show=search/.test(m.data.query)));
    assert.equal(await ignoredCount(appFrame), 0);
    assert.deepEqual(await problems(), []);
  });

  test('messages the frame must not trust change nothing and are counted', async () => {
    const { page, frame, appFrame } = await openHost(
      `?embed=1&origin=${encodeURIComponent(origin(host))}`,
      { withForeign: true },
    );
    const before = await appFrame.url();
    await page.waitForFunction(() => window.__messages.some((m) => m.data?.type === 'convene:view'));
    const sent = await page.evaluate(() => {
      const target = document.querySelector('iframe[data-convene]').contentWindow;
      const bad = [
        'convene:set-view', // a string, not an object
        { type: 'convene:set-view' }, // no query
        { type: 'convene:set-view', query: 42 }, // query not a string
        { type: 'convene:explode', query: 'country=EGY' }, // unknown type
        { type: 'other-widget:resize', height: 3 }, // another tool's namespace
        { query: 'country=EGY' }, // no type
        { type: 'convene:set-view', query: `country=EGY&q=${'a'.repeat(5000)}` }, // over-long query
        { type: 'convene:set-view', query: 'country=EGY', pad: 'x'.repeat(9000) }, // over-long message
      ];
      for (const m of bad) target.postMessage(m, '*');
      return bad.length;
    });
    // A third origin (another site's frame on the same page) posts a valid message.
    const foreignFrame = page.frame('#foreign');
    assert.ok((await foreignFrame.url()).startsWith(servers().foreign.url));
    await foreignFrame.evaluate(() => parent.frames[0].postMessage({ type: 'convene:set-view', query: 'country=EGY' }, '*'));
    // The frame itself (not its parent) posts one too.
    await appFrame.evaluate(() => window.postMessage({ type: 'convene:set-view', query: 'country=EGY' }, '*'));
    const expected = sent + 2;
    await appFrame.waitForFunction((n) => Number(document.documentElement.getAttribute('data-ignored-messages')) === n, expected);
    // A valid message after them still works, so they were ignored and not queued.
    assert.equal(await count(frame), ALL, 'the view did not change');
    assert.equal(await appFrame.url(), before);
    await page.evaluate(() => window.Convene.setView(document.querySelector('iframe[data-convene]'), 'country=MAR'));
    await frame.locator('.result-count', { hasText: `${SEED.events.filter((e) => e.country === 'MAR').length} event` }).waitFor();
    assert.equal(await ignoredCount(appFrame), expected);
    assert.deepEqual(await problems(), [], 'ignored messages are warnings, not errors');
  });

  test('a host that is not the origin= of the embed cannot change its view', async () => {
    // origin= names the foreign site, but the page embedding it is the host.
    const { app, host, foreign } = servers();
    const page = E.page;
    const params = new URLSearchParams({ src: `${app.url}?embed=1&origin=${encodeURIComponent(origin(foreign))}` });
    await page.goto(`${host.url}?${params}`);
    const frame = page.frameLocator('iframe[data-convene]');
    await frame.locator('.result-count').waitFor({ timeout: 20000 });
    const appFrame = page.frame('iframe[data-convene]');
    await page.evaluate(() => window.Convene.setView(document.querySelector('iframe[data-convene]'), 'country=EGY'));
    await appFrame.waitForFunction(() => document.documentElement.getAttribute('data-ignored-messages') === '1');
    assert.equal(await count(frame), ALL);
    // Its messages were addressed to the foreign origin, so the host heard none of them.
    assert.equal(await page.evaluate(() => window.__messages.filter((m) => /^convene:/.test(m.data?.type)).length), 0);
  });

  test('the built app runs under the strict CSP with no violation in any view or dialog', async () => {
    const { app } = servers();
    const page = E.page;
    const visit = async (query, what) => {
      await page.goto(app.url + query);
      await page.locator('.result-count').waitFor({ timeout: 20000 });
      await page.waitForTimeout(150);
      assert.deepEqual(app.problems('csp'), [], `CSP violations on ${what}`);
    };
    await visit('', 'the events view');
    await visit('?view=matrix', 'the matrix view');
    await page.getByRole('gridcell').first().focus().catch(() => {});
    assert.deepEqual(app.problems('csp'), [], 'CSP violations in the matrix');
    await visit(`?open=event:${SEED.events[0].id}`, 'an event page');
    await visit(`?open=actor:${SEED.actors[0].id}`, 'an actor page');
    await visit('?embed=1', 'an embed');
    await visit('?embed=1&show=header,search,filters,views,export&view=matrix', 'an embed with all its chrome');
    await visit('?country=EGY', 'a filtered view');
    await page.getByRole('button', { name: 'Embed' }).click();
    await page.getByRole('dialog', { name: 'Embed this view' }).waitFor();
    await page.getByRole('checkbox', { name: 'Filters' }).check();
    await page.waitForTimeout(100);
    assert.deepEqual(app.problems('csp'), [], 'CSP violations with the Embed dialog open');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Cite' }).click();
    await page.getByRole('dialog', { name: 'Cite this view' }).waitFor();
    assert.deepEqual(app.problems('csp'), [], 'CSP violations with the Cite dialog open');
    await page.keyboard.press('Escape');
    await page.goto(`${app.url}embed-example.html`);
    await page.frameLocator('iframe').locator('.result-count').waitFor({ timeout: 20000 });
    await page.getByRole('button', { name: 'Events in Egypt' }).click();
    await page.frameLocator('iframe').locator('.result-count', { hasText: `${EGYPT.size} event` }).waitFor();
    await page.locator('#current-view', { hasText: 'country=EGY' }).waitFor();
    // The example page and its frame are both served by the app's server.
    assert.deepEqual(app.problems('csp'), [], 'CSP violations in the example page or its frame');
    assert.deepEqual(await problems(), []);
  });

  test('the Embed dialog writes an iframe snippet for this view, and gives focus back', async () => {
    const { app } = servers();
    const page = E.page;
    await page.goto(`${app.url}?country=EGY&view=matrix`);
    const opener = page.getByRole('button', { name: 'Embed' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Embed this view' });
    await dialog.waitFor();
    await dialog.getByRole('checkbox', { name: 'Search box' }).check();
    await dialog.getByRole('checkbox', { name: 'View switch' }).check();
    await dialog.getByRole('spinbutton', { name: /Height/ }).fill('450');
    await dialog.getByRole('spinbutton', { name: /Height/ }).press('Tab');
    const code = dialog.getByRole('textbox', { name: 'Embed code' });
    await page.waitForFunction(() => document.getElementById('embed-code').value.includes('height="450"'));
    const snippet = await code.inputValue();
    assert.match(snippet, /^<iframe src="[^"]+" title="Convene: [^"]+" width="100%" height="450" loading="lazy" data-convene><\/iframe>$/);
    assert.ok(snippet.includes(`title="Convene: ${SEED.title}"`), snippet);
    const src = snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
    const params = new URL(src).searchParams;
    assert.equal(params.get('embed'), '1');
    assert.equal(params.get('show'), 'search,views');
    assert.equal(params.get('country'), 'EGY');
    assert.equal(params.get('view'), 'matrix');
    assert.ok(src.startsWith(app.url), `${src} is this page`);
    // Out of range heights are clamped.
    await dialog.getByRole('spinbutton', { name: /Height/ }).fill('5');
    await dialog.getByRole('spinbutton', { name: /Height/ }).press('Tab');
    await page.waitForFunction(() => document.getElementById('embed-code').value.includes('height="200"'));
    await dialog.getByRole('button', { name: 'Copy code' }).click();
    await dialog.locator('.copied').filter({ hasText: /./ }).waitFor();
    // Escape closes it and focus returns to the Embed button.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await opener.evaluate((el) => el === document.activeElement), true, 'focus is back on Embed');
    // So does Close.
    await opener.click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await opener.evaluate((el) => el === document.activeElement), true);
    // The snippet's URL opens the embed it describes.
    await page.goto(src);
    await page.getByRole('searchbox', { name: 'Search' }).waitFor({ timeout: 20000 });
    assert.equal(await page.getByRole('button', { name: 'Embed' }).count(), 0, 'no header');
    assert.equal(await page.getByRole('link', { name: 'Events' }).count(), 1, 'the view switch');
    assert.equal(await count(page), EGYPT.size);
    assert.deepEqual(await problems(), []);
  });

  test('the Cite dialog gives the permalink, dataset, version and date as text and BibTeX', async () => {
    const { app } = servers();
    const page = E.page;
    await page.goto(`${app.url}?country=EGY`);
    await page.getByRole('button', { name: 'Cite' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cite this view' });
    await dialog.waitFor();
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    const plain = await dialog.getByRole('textbox', { name: 'Citation' }).inputValue();
    assert.ok(plain.includes(SEED.title) && plain.includes(`version ${SEED.version}`), plain);
    assert.ok(plain.includes(`${app.url}?country=EGY`), plain);
    assert.ok(plain.includes(today), plain);
    const bib = await dialog.getByRole('textbox', { name: 'BibTeX' }).inputValue();
    assert.match(bib, /^@misc\{convene-\d{8},\n/);
    assert.ok(bib.includes(`title = {{${SEED.title}}}`), bib);
    assert.ok(bib.includes(`version = {${SEED.version}}`), bib);
    assert.ok(bib.includes(`url = {${app.url}?country=EGY}`), bib);
    assert.ok(bib.includes(`urldate = {${today}}`), bib);
    assert.equal(await dialog.getByRole('button', { name: 'Copy BibTeX' }).count(), 1);
    assert.equal(await dialog.getByRole('button', { name: 'Copy citation' }).count(), 1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.getByRole('button', { name: 'Cite' }).evaluate((el) => el === document.activeElement), true);
    assert.deepEqual(await problems(), []);
  });

  test('downloads of a filtered view hold exactly its participations (CSV, JSON) and its matrix (SVG)', async () => {
    const { app } = servers();
    const page = E.page;
    await page.goto(`${app.url}?country=EGY`);
    await page.locator('.result-count').waitFor({ timeout: 20000 });
    const expected = SEED.participations
      .filter((p) => EGYPT.has(p.event))
      .map((p) => `${p.event}|${p.actor}|${p.role}`)
      .sort();
    assert.ok(expected.length > 0);

    const next = await page.captureDownloads();
    const download = (name) => next(() => page.getByRole('button', { name }).click());
    const csv = await download('Download CSV');
    assert.equal(csv.name, 'convene-participations.csv');
    // Spreadsheets need the byte-order mark to read UTF-8 (issue 17); it is not a field.
    assert.ok(csv.text.startsWith('\uFEFF'), 'the CSV starts with a UTF-8 byte-order mark');
    const [header, ...rows] = parseCsv(csv.text.slice(1));
    assert.deepEqual(header.slice(0, 3), ['event_id', 'event_name', 'event_start']);
    const col = (n) => header.indexOf(n);
    assert.deepEqual(rows.map((r) => `${r[col('event_id')]}|${r[col('actor_id')]}|${r[col('role')]}`).sort(), expected);
    for (const r of rows) {
      const p = SEED.participations.find((q) => q.event === r[col('event_id')] && q.actor === r[col('actor_id')] && q.role === r[col('role')]);
      assert.equal(r[col('quote')], p.quote, 'quotes survive verbatim');
      assert.equal(r[col('event_country')], 'EGY');
    }

    const json = await download('Download JSON');
    assert.equal(json.name, 'convene-participations.json');
    const objects = JSON.parse(json.text);
    assert.deepEqual(objects.map((o) => `${o.event_id}|${o.actor_id}|${o.role}`).sort(), expected);

    const svg = await download('Download SVG');
    assert.equal(svg.name, 'convene-matrix.svg');
    assert.match(svg.text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(svg.text.trimEnd().endsWith('</svg>'));
    const doc = await page.evaluate((text) => {
      const d = new DOMParser().parseFromString(text, 'image/svg+xml');
      const err = d.querySelector('parsererror');
      return { error: err ? err.textContent : null, texts: [...d.querySelectorAll('text')].map((t) => t.textContent) };
    }, svg.text);
    assert.equal(doc.error, null, 'the SVG parses as XML');
    const actors = new Set(SEED.participations.filter((p) => EGYPT.has(p.event)).map((p) => p.actor));
    for (const id of actors) {
      const name = SEED.actors.find((a) => a.id === id).name;
      assert.ok(doc.texts.some((t) => t === name || (t.endsWith('…') && name.startsWith(t.slice(0, -1)))), `row for ${name}`);
    }
    assert.deepEqual(await problems(), []);
  });
}, { setup, teardown: async (ctx) => Promise.all(Object.values(ctx).map((s) => s?.close())) });
