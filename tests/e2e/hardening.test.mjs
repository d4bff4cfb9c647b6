// Hardening (issue 17), end to end on the built app: an embed settles in at most two
// convene:resize messages at the same height from any starting frame height; `+` is a
// space in every parameter (`theme=border+management`); a year filter says how many
// undated events it hides and can show them; `origin=` is compared as an origin
// (case-insensitive host) and a value that is not one turns messaging off with a notice;
// "Download CSV" neutralises formula cells and starts with a byte-order mark.
// Each test runs in every engine (harness.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forEachEngine, serve, serveDist, ROOT } from './harness.mjs';

const SEED = JSON.parse(fs.readFileSync(`${ROOT}/public/data/seed.json`, 'utf8'));
const ALL = SEED.events.length;
const FORMULAS = path.join(ROOT, 'tests/e2e/fixtures/formulas.convene.json');
const FORMULA_DATA = JSON.parse(fs.readFileSync(FORMULAS, 'utf8'));
const year = (d) => (d ? Number(d.slice(0, 4)) : null);

// The sizing host: frames the app at `src`, `h` px tall and 900 px wide, and applies
// each convene:resize height to the frame as embed.js does, recording when it came.
const SIZING_HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sizing host</title>
<script src="sizing.js" defer></script></head><body><h1>An article</h1></body></html>`;
const SIZING_JS = `
window.__resizes = [];
const p = new URLSearchParams(location.search);
const app = document.createElement('iframe');
app.src = p.get('src');
app.title = 'Convene';
app.style.width = '900px';
app.style.height = p.get('h') + 'px';
app.style.border = '0';
app.setAttribute('data-sizing', '');
window.addEventListener('message', (e) => {
  if (e.source !== app.contentWindow || e.data?.type !== 'convene:resize') return;
  const height = Number(e.data.height);
  window.__resizes.push({ at: performance.now(), height });
  app.style.height = Math.ceil(height) + 'px';
});
document.body.append(app);
`;
// The messaging host: embed.js and a frame; records the messages it receives.
const HOST_HTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Host</title>
<script src="embed.js" defer></script><script src="host.js" defer></script></head>
<body><h1>An article</h1></body></html>`;
const HOST_JS = `
window.__messages = [];
window.addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));
const app = document.createElement('iframe');
app.src = new URLSearchParams(location.search).get('src');
app.title = 'Convene';
app.width = '100%';
app.height = '300';
app.setAttribute('data-convene', '');
document.body.append(app);
`;

const origin = (server) => new URL(server.url).origin;

async function setup() {
  const app = await serveDist({
    // A same-origin dataset for ?data=: the formula-cell fixture.
    intercept: (req, res, rel) => {
      if (rel !== 'e2e-fixtures/formulas.convene.json') return false;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(fs.readFileSync(FORMULAS));
      return true;
    },
  });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-harden-'));
  fs.writeFileSync(path.join(tmp, 'index.html'), HOST_HTML);
  fs.writeFileSync(path.join(tmp, 'host.js'), HOST_JS);
  fs.writeFileSync(path.join(tmp, 'sizing.html'), SIZING_HTML);
  fs.writeFileSync(path.join(tmp, 'sizing.js'), SIZING_JS);
  fs.writeFileSync(path.join(tmp, 'favicon.ico'), '');
  fs.copyFileSync(path.join(ROOT, 'public', 'embed.js'), path.join(tmp, 'embed.js'));
  const host = await serve({
    root: tmp,
    csp: `default-src 'self'; frame-src ${origin(app)}; script-src 'self'`,
  });
  return { app, host, tmp: { clearReports() {}, close() { fs.rmSync(tmp, { recursive: true, force: true }); } } };
}

/** The number the result count shows ("3 events" -> 3). */
async function resultCount(scope) {
  const text = await scope.locator('.result-count').innerText();
  const match = text.match(/^(\d+) events?$/);
  assert.ok(match, `result count reads "${text}"`);
  return Number(match[1]);
}

forEachEngine((E) => {
  const test = E.test;
  const problems = async () => {
    await E.page.flush();
    return [E.ctx.app, E.ctx.host].flatMap((s) => s.problems());
  };

  for (const [name, query, ready] of [
    ['the events view', '', (f) => f.locator('.result-count').waitFor({ timeout: 20000 })],
    ['the matrix', '&view=matrix', (f) => f.getByRole('grid', { name: 'Participation matrix' }).waitFor({ timeout: 20000 })],
    ['an event page', '&open=event:wbsc-2017',
      (f) => f.getByRole('heading', { name: 'World Border Security Congress 2017', level: 2 }).waitFor({ timeout: 20000 })],
  ]) {
    test(`an embed of ${name} settles in at most 2 resizes, at its content's height, from any starting height`, async () => {
      const { app, host } = E.ctx;
      const page = E.page;
      const finals = [];
      for (const start of [300, 705, 2000]) {
        const params = new URLSearchParams({ src: `${app.url}?embed=1${query}`, h: String(start) });
        await page.goto(`${host.url}sizing.html?${params}`);
        const frame = page.frameLocator('iframe[data-sizing]');
        await ready(frame);
        // Settled: a first message, then 1.5 s without another.
        await page.waitForFunction(() => {
          const r = window.__resizes;
          return r.length > 0 && performance.now() - r[r.length - 1].at > 1500;
        }, undefined, { timeout: 30000 });
        const resizes = await page.evaluate(() => window.__resizes.map((r) => r.height));
        const frameHeight = await page.evaluate(() => document.querySelector('iframe[data-sizing]').getBoundingClientRect().height);
        const content = await page.frame('iframe[data-sizing]').evaluate(() => ({
          scroll: document.documentElement.scrollHeight,
          inner: innerHeight,
        }));
        const last = resizes[resizes.length - 1];
        assert.ok(resizes.length <= 2, `from ${start}px: ${resizes.length} resize messages (${resizes.join(', ')})`);
        assert.ok(Math.abs(frameHeight - Math.ceil(last)) < 1, `the frame is ${frameHeight}px after ${last}`);
        assert.ok(Math.abs(content.scroll - Math.ceil(last)) <= 1,
          `from ${start}px: the final height ${last} is the frame document's scrollHeight ${content.scroll}`);
        finals.push(last);
      }
      assert.deepEqual(finals, [finals[0], finals[0], finals[0]], `the same final height from 300, 705 and 2000 px: ${finals}`);
      assert.deepEqual(await problems(), []);
    });
  }

  test('+ is a space in every parameter: ?theme=border+management selects that theme', async () => {
    const page = E.page;
    await page.goto(`${E.ctx.app.url}?theme=border+management`);
    await page.locator('.result-count').waitFor({ timeout: 20000 });
    const expected = SEED.events.filter((e) => (e.themes ?? []).includes('border management')).length;
    assert.ok(expected > 0 && expected < ALL);
    assert.equal(await resultCount(page), expected);
    const theme = page.getByRole('group', { name: 'Theme' });
    if ((await theme.getByRole('checkbox', { name: /^border management\b/ }).count()) === 0) {
      await theme.getByRole('button', { name: 'Theme' }).click(); // a collapsed facet
    }
    assert.equal(await theme.getByRole('checkbox', { name: /^border management\b/ }).isChecked(), true);
    assert.equal(await page.getByRole('status').filter({ hasText: 'could not be used' }).count(), 0, 'no notice: the value is known');
    // The same value written with %20 is the same view.
    await page.goto(`${E.ctx.app.url}?theme=border%20management`);
    await page.locator('.result-count').waitFor({ timeout: 20000 });
    assert.equal(await resultCount(page), expected);
    assert.deepEqual(await problems(), []);
  });

  test('a year filter says how many undated events it hides, and a button shows them (undated=1)', async () => {
    const page = E.page;
    await page.goto(`${E.ctx.app.url}?years=2017`);
    await page.locator('.result-count').waitFor({ timeout: 20000 });
    // Events whose period (start to end) meets 2017.
    const in2017 = SEED.events.filter((e) => e.start && year(e.start) <= 2017 && year(e.end ?? e.start) >= 2017).length;
    const undated = SEED.events.filter((e) => !e.start).length;
    assert.ok(undated > 0 && in2017 > 0);
    assert.equal(await resultCount(page), in2017);
    const note = page.locator('.undated-note');
    assert.match(await note.innerText(), new RegExp(`^${undated} undated events? hidden by the year filter\\.`));
    await note.getByRole('button', { name: /^Show undated events?$/ }).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('undated') === '1');
    await page.locator('.result-count', { hasText: new RegExp(`^${in2017 + undated} events?$`) }).waitFor();
    assert.match(await page.url(), /years=2017/);
    assert.match(await page.locator('.undated-note').innerText(), new RegExp(`^Including ${undated} undated events?\\.`));
    const names = await page.getByRole('article').getByRole('heading').allInnerTexts();
    for (const e of SEED.events.filter((x) => !x.start)) assert.ok(names.includes(e.name), `${e.name} is shown`);
    await page.getByRole('button', { name: /^Hide undated events?$/ }).click();
    await page.locator('.result-count', { hasText: new RegExp(`^${in2017} events?$`) }).waitFor();
    assert.deepEqual(await problems(), []);
  });

  test('origin= is compared as an origin: an uppercase host still accepts the host page\'s set-view', async () => {
    const { app, host } = E.ctx;
    const page = E.page;
    // The host page as http://localhost:PORT; origin= names it in capitals.
    const hostUrl = host.url.replace('127.0.0.1', 'localhost');
    const named = `http://LOCALHOST:${host.port}`;
    await page.goto(`${hostUrl}?${new URLSearchParams({ src: `${app.url}?embed=1&origin=${encodeURIComponent(named)}` })}`);
    const frame = page.frameLocator('iframe[data-convene]');
    await frame.locator('.result-count').waitFor({ timeout: 20000 });
    const appFrame = page.frame('iframe[data-convene]');
    // The frame speaks to its host: resize and view messages arrive.
    await page.waitForFunction(() => window.__messages.some((m) => m.data?.type === 'convene:view'));
    await page.evaluate(() => window.Convene.setView(document.querySelector('iframe[data-convene]'), 'country=EGY'));
    const egypt = SEED.events.filter((e) => e.country === 'EGY').length;
    await frame.locator('.result-count', { hasText: new RegExp(`^${egypt} events?$`) }).waitFor();
    assert.equal(await appFrame.evaluate(() => document.documentElement.getAttribute('data-ignored-messages')), '0');
    assert.equal(await frame.getByRole('status').filter({ hasText: 'could not be used' }).count(), 0, 'no notice');
    assert.deepEqual(await problems(), []);
  });

  test('origin=not-an-origin shows a notice, and the frame neither sends nor accepts messages', async () => {
    const { app, host } = E.ctx;
    const page = E.page;
    await page.goto(`${host.url}?${new URLSearchParams({ src: `${app.url}?embed=1&origin=not-an-origin` })}`);
    const frame = page.frameLocator('iframe[data-convene]');
    await frame.locator('.result-count').waitFor({ timeout: 20000 });
    const notice = frame.getByRole('status').filter({ hasText: 'could not be used' });
    await notice.waitFor();
    assert.match(await notice.innerText(), /origin.*not-an-origin.*not an origin like https:\/\/example\.org.*messages with the host page are off/s);
    const appFrame = page.frame('iframe[data-convene]');
    await page.evaluate(() => window.Convene.setView(document.querySelector('iframe[data-convene]'), 'country=EGY'));
    await appFrame.waitForFunction(() => document.documentElement.getAttribute('data-ignored-messages') === '1');
    await page.waitForTimeout(500);
    assert.equal(await resultCount(frame), ALL, 'the view did not change');
    assert.equal(await page.evaluate(() => window.__messages.filter((m) => /^convene:/.test(m.data?.type)).length), 0,
      'the host heard nothing (fail closed, never *)');
    assert.deepEqual(await problems(), []);
  });

  test('Download CSV prefixes formula cells with \' and starts with a BOM; the JSON keeps them raw', async () => {
    const page = E.page;
    await page.goto(`${E.ctx.app.url}?data=e2e-fixtures/formulas.convene.json`);
    await page.locator('.result-count').waitFor({ timeout: 20000 });
    assert.equal(await resultCount(page), 1);
    const next = await page.captureDownloads();
    const csv = await next(() => page.getByRole('button', { name: 'Download CSV' }).click());
    assert.ok(csv.text.startsWith('\uFEFF'), 'the CSV starts with a UTF-8 byte-order mark');
    const [header, ...rows] = parseCsv(csv.text.slice(1));
    const col = (n) => { const i = header.indexOf(n); assert.ok(i >= 0, `column ${n} in ${header}`); return i; };
    assert.equal(rows.length, FORMULA_DATA.participations.length);
    const formulaActor = FORMULA_DATA.actors.find((a) => a.id === 'formula-actor').name;
    const row = rows.find((r) => r[col('actor_id')] === 'formula-actor');
    assert.equal(row[col('actor_name')], `'${formulaActor}`);
    assert.equal(row[col('event_name')], "'+1 Security Forum");
    assert.equal(row[col('quote')], "'@SUM(1,1) said the fictional report.");
    const plain = rows.find((r) => r[col('actor_id')] === 'plain-actor');
    assert.equal(plain[col('actor_name')], 'Fictional Agency', 'other cells are unchanged');
    for (const r of rows) {
      for (const cell of r) assert.ok(!/^[=+\-@\t\r]/.test(cell), `no cell starts a formula: ${cell}`);
    }
    const json = await next(() => page.getByRole('button', { name: 'Download JSON' }).click());
    const objects = JSON.parse(json.text);
    assert.equal(objects.find((o) => o.actor_id === 'formula-actor').actor_name, formulaActor, 'JSON keeps the value raw');
    assert.deepEqual(await problems(), []);
  });
}, { setup, teardown: async (ctx) => Promise.all(Object.values(ctx).map((s) => s?.close())) });

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
