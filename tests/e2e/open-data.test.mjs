// Opening your own data (issue 13), end to end, as a user does it: the header's
// "Open data" dialog with a local file (the file picker and drag-and-drop), pasted text
// (TSV and convene/1 JSON) and a link; the column-mapping preview, the "Problems" list
// and skipping problem rows; the explorer (result count, a facet, the matrix) on the
// opened data; "Download as convene/1" read back by the loader; links that are refused
// (http:, data:, javascript:, blob:), and another site's data over https (a second
// server on 127.0.0.1 with a self-signed certificate made at test time and CORS open)
// through the "Link to data" field and `?data=https://…`, with its "Data from HOST"
// banner and the Cite text naming its URL. A UTF-16 file is refused naming the encoding.
// Each test runs in every engine (harness.mjs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { forEachEngine, serve, serveDist, ROOT } from './harness.mjs';

const IMPORT_FIXTURES = path.join(ROOT, 'crates/convene-core/tests/fixtures/import');
const FR500 = path.join(IMPORT_FIXTURES, 'synthetic-fr-500.csv');
const UTF16 = path.join(IMPORT_FIXTURES, 'utf16-synthetic.csv');
const FIXTURES = path.join(ROOT, 'tests/e2e/fixtures');
const PASTED_TSV = fs.readFileSync(path.join(FIXTURES, 'pasted.tsv'), 'utf8');
const LINKED_CSV = fs.readFileSync(path.join(FIXTURES, 'linked.csv'), 'utf8');
const SMALL_JSON = fs.readFileSync(path.join(FIXTURES, 'formulas.convene.json'), 'utf8');

/** The report line the dialog shows after "Import", as numbers (written with the
 *  page's digit grouping: "52,000"). */
const N = '(\\d[\\d,]*)';
const SUMMARY = new RegExp(`Rows read: ${N}; imported: ${N}; skipped: ${N}; blank: ${N}\\. Events: ${N}; actors: ${N}; participations: ${N}, of which without a role \\(read as participant\\): ${N}, without a quote: ${N}\\. Events without a status \\(read as held\\): ${N}\\. Actors without a kind \\(read as countries by name, else as organizations\\): ${N}\\.`);
function summary(text) {
  const m = text.match(SUMMARY);
  assert.ok(m, `the import summary reads "${text}"`);
  const [read, imported, skipped, blank, events, actors, participations, roles, quotes, statuses, kinds] = m.slice(1).map((n) => Number(n.replace(/,/g, '')));
  return { read, imported, skipped, blank, events, actors, participations, roles, quotes, statuses, kinds };
}

/** The number the result count shows ("3 events" -> 3). */
async function resultCount(page) {
  const text = await page.locator('.result-count').innerText();
  const match = text.match(/^(\d+) events?$/);
  assert.ok(match, `result count reads "${text}"`);
  return Number(match[1]);
}

/** A self-signed certificate for 127.0.0.1, made with openssl (Debian's) for this run. */
function selfSignedCert(dir) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

/** Another site: serves the fixtures over https with CORS open to every origin. */
async function startHttpsSite(tls) {
  const server = https.createServer(tls, (req, res) => {
    const name = new URL(req.url, 'https://127.0.0.1').pathname.slice(1);
    const cors = { 'access-control-allow-origin': '*' };
    if (!/^[a-z0-9.-]+$/.test(name) || !fs.existsSync(path.join(FIXTURES, name))) {
      res.writeHead(404, { ...cors, 'content-type': 'text/plain' }).end('no such file');
      return;
    }
    res.writeHead(200, { ...cors, 'content-type': 'text/csv; charset=utf-8' });
    res.end(fs.readFileSync(path.join(FIXTURES, name)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `https://127.0.0.1:${port}/`,
    host: `127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }),
  };
}

/** Spreadsheets the app serves for `?data=` (path -> bytes). */
const LINKED_SHEETS = {
  'e2e-fixtures/problems.csv': 'événement;participant;rôle\nForum fictif;Agence fictive;host\nForum fictif;;sponsor\n',
  'e2e-fixtures/utf16.csv': fs.readFileSync(UTF16),
  'e2e-fixtures/good.tsv': 'event\tactor\trole\nTab Forum\tTab Agency\thost\nTab Forum\tOther Agency\tparticipant\n',
  'e2e-fixtures/header-only.csv': 'event,actor,role\n',
  'e2e-fixtures/no-actor.csv': 'event,place\nForum,Rabat\n',
  'e2e-fixtures/every-row.csv': 'event,actor,role\nForum,Agency,sponsor\nForum,Office,chairman\n',
};

async function setup() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-open-'));
  return {
    // Same-origin spreadsheets for ?data=, which the reading worker imports.
    app: await serveDist({
      intercept: (req, res, rel) => {
        const body = LINKED_SHEETS[rel];
        if (body === undefined) return false;
        res.writeHead(200, { 'content-type': 'text/csv' }).end(body);
        return true;
      },
    }),
    // Another origin over plain http, CORS open: the app must still refuse it.
    plain: await serve({ root: FIXTURES, headers: { 'access-control-allow-origin': '*' } }),
    secure: await startHttpsSite(selfSignedCert(tmp)),
    tmp: { dir: tmp, clearReports() {}, close() { fs.rmSync(tmp, { recursive: true, force: true }); } },
  };
}

forEachEngine((E) => {
  const test = E.test;
  const problems = async (page = E.page) => { await page.flush(); return E.ctx.app.problems(); };

  /** Opens the app (its bundled data) and the "Open data" dialog. */
  async function openDialog(page = E.page, query = '') {
    if (query !== null) {
      await page.goto(E.ctx.app.url + query);
      await page.locator('.result-count').waitFor({ timeout: 20000 });
    }
    await page.getByRole('button', { name: 'Open data', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Open data' });
    await dialog.waitFor();
    return dialog;
  }

  /** Imports the dialog's sheets and returns the summary it shows. */
  async function importSheets(dialog) {
    const status = dialog.getByRole('status');
    const before = (await status.count()) ? await status.innerText() : '';
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.page.waitForFunction(
      (b) => { const s = document.querySelector('dialog.open-data [role=status]'); return s && s.innerText !== b; }, before);
    return summary(await status.innerText());
  }

  const disabled = (locator) => locator.evaluate((el) => el.disabled);

  /** "Show the data", then waits for the explorer on the opened data. */
  async function showData(page, dialog) {
    const button = dialog.getByRole('button', { name: 'Show the data' });
    assert.equal(await disabled(button), false, '"Show the data" is enabled');
    await button.click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.result-count').waitFor({ timeout: 20000 });
  }

  /** Pastes a convene/1 JSON text, reads it, and shows the data once "Show the data" is enabled. */
  async function showPasted(page, dialog, text) {
    await dialog.getByRole('textbox', { name: 'Paste data' }).paste(text);
    await dialog.getByRole('button', { name: 'Read pasted data' }).click();
    await page.waitForFunction(() => {
      const b = [...document.querySelectorAll('dialog.open-data button')].find((x) => x.textContent === 'Show the data');
      return b && !b.disabled;
    });
    await showData(page, dialog);
  }

  const banner = (page) => page.getByRole('note').filter({ hasText: /^Data / }).innerText();

  test('a 500-row French CSV: preview, mapping, located problems, skipping, then the explorer on it', async () => {
    const page = E.page;
    const dialog = await openDialog(page);
    assert.match(await dialog.innerText(), /nothing is uploaded/i, 'the dialog says the file never leaves the browser');
    const picker = dialog.locator('input[type=file]');
    assert.match(await picker.evaluate((el) => window.__e2eAccName.computeAccessibleName(el)), /^Choose file/);
    await picker.setInputFiles(FR500);

    // The preview: the first rows as the file has them, and what each column is read as.
    const preview = dialog.getByRole('table').filter({ hasText: 'synthetic-fr-500.csv' });
    await preview.waitFor({ timeout: 20000 });
    assert.match(await preview.locator('caption').innerText(), /^synthetic-fr-500\.csv \(500 rows, participations\)$/);
    // The preview scrolls sideways inside its own region ("Preview", reachable by
    // keyboard), not the dialog: its 12 columns are wider than the dialog.
    const region = dialog.getByRole('region', { name: 'Preview' });
    assert.equal(await region.count(), 1, 'one preview region for one sheet');
    assert.equal(await region.getAttribute('tabindex'), '0', 'the preview region takes keyboard focus');
    assert.ok(await region.locator('table').count(), 'the preview table is inside the region');
    const widths = await region.evaluate((el) => ({
      region: [el.scrollWidth, el.clientWidth],
      dialog: [el.closest('dialog').scrollWidth, el.closest('dialog').clientWidth],
    }));
    assert.ok(widths.region[0] > widths.region[1], `the table overflows its region, which scrolls: ${JSON.stringify(widths)}`);
    assert.ok(widths.dialog[0] <= widths.dialog[1] + 1, `the dialog itself does not overflow: ${JSON.stringify(widths)}`);
    await region.focus();
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Preview');
    await page.evaluate(() => { document.activeElement.scrollLeft = 0; });
    await region.press('ArrowRight');
    await page.waitForFunction(() => document.activeElement.scrollLeft > 0);
    const previewText = await preview.innerText();
    assert.ok(previewText.includes('Réunion fictive 1 sur la sécurité'), 'the first rows are shown');
    assert.ok(previewText.includes('Organisation fictive Gamma'));
    const mapping = async (header) => dialog.getByRole('combobox', { name: `Column ${header} is read as` })
      .evaluate((el) => el.options[el.selectedIndex].text);
    assert.equal(await mapping('Événement'), 'event');
    assert.equal(await mapping('Date de début'), 'start');
    assert.equal(await mapping('Date de fin'), 'end');
    assert.equal(await mapping('Pays'), 'country');
    assert.equal(await mapping('Participant'), 'actor');
    assert.equal(await mapping('Rôle'), 'role');
    assert.equal(await mapping('Citation'), 'quote');
    assert.equal(await dialog.getByRole('combobox', { name: /is read as/ }).count(), 12, 'every column has a select');

    // "Show the data" waits for an import without problems.
    assert.equal(await disabled(dialog.getByRole('button', { name: 'Show the data' })), true);
    const first = await importSheets(dialog);
    assert.equal(first.read, 500);
    const list = dialog.getByRole('list', { name: 'Problems' });
    const listed = await list.getByRole('listitem').allInnerTexts();
    assert.ok(listed.length > 0, 'problems are listed');
    const role = listed.find((p) => /^row \d+, column "Rôle": unknown role "[^"]+" \(expected host, organizer, [^)]*; did you mean [a-z]+\?\)$/.test(p));
    assert.ok(role, `a located role problem with a suggestion among: ${listed.slice(0, 8).join(' | ')}`);
    assert.ok(listed.some((p) => /^row \d+: no actor$/.test(p)), 'a row without an actor is named');
    assert.ok(listed.every((p) => /^row \d+[,:]/.test(p)), `every problem names its row: ${listed.filter((p) => !/^row \d+/.test(p))}`);
    assert.equal(await disabled(dialog.getByRole('button', { name: 'Show the data' })), true, 'no data while rows have problems');
    const badRows = new Set(listed.map((p) => Number(p.match(/^row (\d+)/)[1])));

    // The mapping can be changed: read "Citation" as nothing, and no row has a quote.
    await dialog.getByRole('combobox', { name: 'Column Citation is read as' }).selectOption('(ignored)');
    assert.equal(await mapping('Citation'), '(ignored)');

    // Skip the problem rows: the count is shown, and the rest is imported.
    await dialog.getByRole('checkbox', { name: 'Skip rows with problems' }).check();
    const noQuotes = await importSheets(dialog);
    assert.equal(noQuotes.skipped, badRows.size, 'every listed row is skipped, and only those');
    assert.equal(noQuotes.imported + noQuotes.skipped + noQuotes.blank, 500, 'nothing is dropped silently');
    assert.equal(noQuotes.quotes, noQuotes.participations, 'with Citation ignored, no participation has a quote');
    await dialog.getByRole('combobox', { name: 'Column Citation is read as' }).selectOption('quote');
    const result = await importSheets(dialog);
    assert.equal(result.skipped, badRows.size);
    assert.ok(result.quotes < result.participations, 'mapped back, the quotes are read');
    assert.ok(result.events > 1 && result.participations > 100, JSON.stringify(result));

    // Download as convene/1: a document the loader accepts, with the same counts.
    const next = await page.captureDownloads();
    const saved = await next(() => dialog.getByRole('button', { name: 'Download as convene/1' }).click());
    assert.equal(saved.name, 'data.convene.json');
    const doc = JSON.parse(saved.text);
    assert.equal(doc.format, 'convene/1');
    assert.equal(doc.events.length, result.events);
    assert.equal(doc.actors.length, result.actors);
    assert.equal(doc.participations.length, result.participations);

    // Show the data: the explorer runs on it.
    await showData(page, dialog);
    assert.match(await banner(page), /^Data from your file synthetic-fr-500\.csv \(read in this browser, not uploaded\)/);
    assert.equal(await resultCount(page), result.events);
    // Morocco ("Maroc" in the file) hosts the most events. The facet names a host
    // country after the dataset's country actor with its ISO3 code (Engine::
    // country_label): here the actor "Maroc", as the file writes it.
    const morocco = page.getByRole('group', { name: 'Country' }).getByRole('checkbox', { name: /^Maroc\b/ });
    // The count's textContent: a value out of its list's view skips rendering.
    const expected = Number(await morocco.evaluate((el) => el.closest('label').querySelector('.count').textContent));
    assert.ok(expected > 0 && expected < result.events, `Morocco's count ${expected} of ${result.events}`);
    await morocco.check();
    await page.locator('.result-count', { hasText: new RegExp(`^${expected} events?$`) }).waitFor();
    await page.getByRole('link', { name: 'Matrix', exact: true }).click();
    const grid = page.getByRole('grid', { name: 'Participation matrix' });
    await grid.waitFor();
    assert.ok((await grid.getByRole('rowheader').count()) > 0, 'the matrix has rows');
    assert.match(await grid.innerText(), /Organisation fictive/);
    assert.match(await banner(page), /^Data from your file synthetic-fr-500\.csv/, 'still the opened data');

    // The downloaded document opens as a file, straight into the explorer.
    const file = path.join(E.ctx.tmp.dir, `${E.engine}-data.convene.json`);
    fs.writeFileSync(file, saved.text);
    const again = await openDialog(page, null);
    await again.locator('input[type=file]').setInputFiles(file);
    await page.waitForFunction(() => {
      const b = [...document.querySelectorAll('dialog.open-data button')].find((x) => x.textContent === 'Show the data');
      return b && !b.disabled;
    });
    assert.equal(await again.getByRole('table').count(), 0, 'convene/1 needs no mapping');
    // It says what it read (a trial user saw nothing but an enabled button).
    const savedDoc = JSON.parse(saved.text);
    assert.equal((await again.getByRole('status').filter({ hasText: 'convene/1 dataset' }).innerText()).trim(),
      `A convene/1 dataset: ${savedDoc.events.length} events, ${savedDoc.actors.length} actors, ${savedDoc.participations.length} participations. Show the data to explore it.`);
    await showData(page, again);
    // The view (country=MAR, the matrix) is kept: the same filter on the same data.
    assert.match(await page.url(), /country=MAR/);
    assert.equal(await resultCount(page), expected);
    await page.getByRole('grid', { name: 'Participation matrix' }).waitFor();
    assert.match(await banner(page), new RegExp(`^Data from your file ${E.engine}-data\\.convene\\.json`));
    assert.deepEqual(await problems(), []);
  });

  test('pasted TSV and pasted convene/1 JSON', async () => {
    const page = E.page;
    let dialog = await openDialog(page);
    await dialog.getByRole('textbox', { name: 'Paste data' }).paste(PASTED_TSV);
    await dialog.getByRole('button', { name: 'Read pasted data' }).click();
    const preview = dialog.getByRole('table');
    await preview.waitFor();
    assert.match(await preview.locator('caption').innerText(), /^pasted data \(3 rows, participations\)$/);
    assert.equal(await dialog.getByRole('combobox', { name: 'Column date is read as' })
      .evaluate((el) => el.options[el.selectedIndex].text), 'date');
    const s = await importSheets(dialog);
    assert.deepEqual([s.read, s.imported, s.skipped, s.events, s.participations], [3, 3, 0, 2, 3]);
    assert.equal(await dialog.getByRole('list', { name: 'Problems' }).getByRole('listitem').count(), 0);
    await showData(page, dialog);
    assert.match(await banner(page), /^Data you pasted/);
    assert.equal(await resultCount(page), 2);
    const names = await page.getByRole('article').getByRole('heading').allInnerTexts();
    assert.deepEqual(names.sort(), ['Pasted Forum', 'Second Pasted Meeting']);
    // "Maroc" and "SN" are recognised as Morocco and Senegal: with no country actor
    // for them in this data, the facet names them from the ISO 3166-1 table, not by
    // their ISO3 codes (the bug: it showed "MAR" and "SEN").
    const country = page.getByRole('group', { name: 'Country' });
    await country.getByRole('checkbox', { name: /^Morocco\b/ }).waitFor();
    await country.getByRole('checkbox', { name: /^Senegal\b/ }).waitFor();
    assert.equal(await country.getByRole('checkbox', { name: /^(MAR|SEN)\b/ }).count(), 0);

    dialog = await openDialog(page, null);
    await showPasted(page, dialog, SMALL_JSON);
    assert.equal(await resultCount(page), 1);
    assert.deepEqual(await page.getByRole('article').getByRole('heading').allInnerTexts(), ['+1 Security Forum']);
    assert.deepEqual(await problems(), []);
  });

  test('opening data again writes each part once: every id in the page once, one toolbar, one set of dialogs', async () => {
    // The bug: the new explorer's views were built over the old one's and took
    // over its elements, and what is written by hand into them (the Embed and
    // Cite dialogs, the toolbar) was written a second time: ids twice, two result
    // counts, two copies of each dialog's fields.
    const page = E.page;
    const parts = () => page.evaluate(() => {
      const ids = {};
      for (const el of document.querySelectorAll('[id]')) ids[el.id] = (ids[el.id] ?? 0) + 1;
      return {
        twice: Object.entries(ids).filter(([, n]) => n > 1).map(([id]) => id),
        counts: document.querySelectorAll('.result-count').length,
        viewLinks: document.querySelectorAll('.view-switch a').length,
        fields: document.querySelectorAll('dialog textarea').length,
        facetRows: document.querySelectorAll('.facet-values li').length,
        cards: document.querySelectorAll('main article').length,
      };
    });
    let dialog = await openDialog(page);
    const before = await parts();
    assert.deepEqual(before.twice, []);
    assert.equal(before.counts, 1);
    assert.equal(before.viewLinks, 3);
    let first = null;
    for (let round = 1; round <= 3; round++) {
      if (round > 1) dialog = await openDialog(page, null);
      await showPasted(page, dialog, SMALL_JSON);
      assert.equal(await resultCount(page), 1);
      const now = await parts();
      // The same page frame as on the seed; the same lists each time on the same data.
      assert.deepEqual([now.twice, now.counts, now.viewLinks, now.fields], [[], 1, 3, before.fields], `after opening data ${round} time(s)`);
      first ??= now;
      assert.deepEqual(now, first, `after opening data ${round} time(s)`);
    }
    assert.deepEqual(await problems(), []);
  });

  test('opening data again in the matrix and network views writes each line and node once', async () => {
    // The matrix's lines and the network's drawing are written by hand into
    // elements the new explorer takes over from the old one (as in the test
    // above): each must be there once after every round.
    const page = E.page;
    for (const view of ['matrix', 'network']) {
      let dialog = await openDialog(page, `?view=${view}`);
      for (let round = 1; round <= 3; round++) {
        if (round > 1) dialog = await openDialog(page, null);
        await showPasted(page, dialog, SMALL_JSON);
        assert.equal(await resultCount(page), 1);
        const now = await page.evaluate(() => ({
          lines: document.querySelectorAll('.matrix-body > [role=row]').length,
          rowHeads: document.querySelectorAll('.matrix-body [role=rowheader]').length,
          cells: document.querySelectorAll('[role=gridcell]').length,
          layers: document.querySelectorAll('svg.network-svg > g').length,
          nodes: document.querySelectorAll('.net-nodes > path').length,
        }));
        // The data: one event, two actors.
        const want = view === 'matrix'
          ? { lines: 2, rowHeads: 2, cells: 2, layers: 0, nodes: 0 }
          : { lines: 0, rowHeads: 0, cells: 0, layers: 1, nodes: 2 };
        assert.deepEqual(now, want, `${view}: after opening data ${round} time(s)`);
      }
    }
    assert.deepEqual(await problems(), []);
  });

  test('a sheet with 1,200 problem rows lists them 500 at a time, and says how many are not shown', async () => {
    const page = E.page;
    const dialog = await openDialog(page);
    const rows = ['event\tactor\trole'];
    for (let i = 1; i <= 1200; i++) rows.push(`Forum ${i % 7}\tActor ${i}\tsponsor`);
    await dialog.getByRole('textbox', { name: 'Paste data' }).paste(rows.join('\n'));
    await dialog.getByRole('button', { name: 'Read pasted data' }).click();
    await dialog.getByRole('table').waitFor();
    const s = await importSheets(dialog);
    assert.deepEqual([s.read, s.imported, s.skipped], [1200, 0, 0]);
    const items = dialog.getByRole('list', { name: 'Problems' }).getByRole('listitem');
    assert.equal(await items.count(), 500);
    assert.match(await items.first().innerText(), /^row 2, column "role": unknown role "sponsor"/);
    await dialog.getByRole('button', { name: 'Show 500 more problems (700 not shown)' }).click();
    assert.equal(await items.count(), 1000);
    await dialog.getByRole('button', { name: 'Show 200 more problems (200 not shown)' }).click();
    assert.equal(await items.count(), 1200);
    assert.match(await items.nth(1199).innerText(), /^row 1201, column "role"/);
    assert.equal(await dialog.getByRole('button', { name: /^Show \d+ more problem/ }).count(), 0);
    assert.deepEqual(await problems(), []);
  });

  /** A participation CSV of about `mb` MB: `events` events, actors cycled so no row repeats another. */
  function bigCsv(file, mb) {
    const countries = ['MAR', 'SEN', 'FRA', 'NER', 'MLI', 'TUN'];
    const lines = ['event,date,city,country,actor,actor kind,role,source,quote'];
    let size = lines[0].length + 1;
    const events = 2000;
    for (let i = 0; size < mb * 1e6; i++) {
      const e = i % events;
      const a = Math.floor(i / events);
      const line = `Big Forum ${e},${2000 + (e % 20)}-0${1 + (e % 9)}-1${e % 10},City ${e % 50},${countries[e % 6]},` +
        `Organisation ${a},organization,participant,Report ${e},Organisation ${a} took part in Big Forum ${e}.`;
      lines.push(line);
      size += line.length + 1;
    }
    fs.writeFileSync(file, lines.join('\n') + '\n');
    return { rows: lines.length - 1, bytes: size, events: Math.min(events, lines.length - 1) };
  }

  /** Watches the dialog's progress bar: every (value, max) it shows, and its text. */
  const WATCH_PROGRESS = () => {
    window.__progress = { seen: [], texts: [], name: null };
    new MutationObserver(() => {
      const bar = document.querySelector('dialog.open-data progress');
      if (!bar) return;
      window.__progress.name = window.__e2eAccName?.computeAccessibleName(bar) ?? bar.getAttribute('aria-label');
      const last = window.__progress.seen.at(-1);
      if (!last || last[0] !== bar.value || last[1] !== bar.max) window.__progress.seen.push([bar.value, bar.max]);
      const text = bar.parentElement.querySelector('.reading-text')?.textContent;
      if (text && window.__progress.texts.at(-1) !== text) window.__progress.texts.push(text);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  };

  test('a 5 MB CSV is read off the main thread: the progress bar (bytes read, rows parsed), then the preview and the explorer', async () => {
    const page = E.page;
    const file = path.join(E.ctx.tmp.dir, `${E.engine}-big.csv`);
    const big = bigCsv(file, 5);
    const dialog = await openDialog(page);
    await page.evaluate(WATCH_PROGRESS);
    await dialog.locator('input[type=file]').setInputFiles(file);
    const preview = dialog.getByRole('table').filter({ hasText: `${E.engine}-big.csv` });
    await preview.waitFor({ timeout: 60000 });
    const caption = (await preview.locator('caption').innerText()).match(/^\S+-big\.csv \(([\d,  ]+) rows, participations\)$/);
    assert.ok(caption, 'the caption names the file, its row count and its layout');
    assert.equal(Number(caption[1].replace(/\D/g, '')), big.rows, 'every row is counted, not just the preview\'s');
    const seen = await page.evaluate(() => window.__progress);
    assert.equal(seen.name, 'Reading the data', 'the progress bar is named');
    assert.ok(seen.seen.length >= 2, `the bar moved: ${JSON.stringify(seen.seen)}`);
    assert.ok(seen.seen.every(([, max]) => max === big.bytes), `its maximum is the file's size, ${big.bytes} bytes: ${JSON.stringify(seen.seen)}`);
    assert.ok(seen.seen.some(([value]) => value === big.bytes), 'it reaches the whole file');
    assert.ok(seen.texts.some((t) => /^5\.\d MB of 5\.\d MB read · [\d,  ]+ rows parsed$/.test(t) && Number(t.match(/· ([\d,  ]+) rows/)[1].replace(/\D/g, '')) === big.rows),
      `it says how much was read and how many rows were parsed: ${JSON.stringify(seen.texts)}`);
    // Before the rows are counted it says what it is doing, never "0 rows parsed".
    assert.ok(seen.texts.every((t) => !/· 0 rows? parsed/.test(t)), `no "0 rows parsed": ${JSON.stringify(seen.texts)}`);
    assert.ok(seen.texts.some((t) => /^[\d.]+ [KM]B of 5\.\d MB read$|^5\.\d MB read · parsing$/.test(t)),
      `while reading or parsing, bytes only: ${JSON.stringify(seen.texts)}`);
    assert.equal(await dialog.locator('progress').count(), 0, 'the bar is gone once read');

    const s = await importSheets(dialog);
    assert.deepEqual([s.read, s.imported, s.skipped, s.events, s.participations], [big.rows, big.rows, 0, big.events, big.rows]);
    await showData(page, dialog);
    assert.equal(await resultCount(page), big.events);
    assert.match(await banner(page), new RegExp(`^Data from your file ${E.engine}-big\\.csv`));
    assert.deepEqual(await problems(), []);
  });

  test('Cancel stops the reading: nothing is loaded, and the dialog says it was cancelled', async () => {
    const page = E.page;
    const file = path.join(E.ctx.tmp.dir, `${E.engine}-cancel.csv`);
    bigCsv(file, 5);
    const dialog = await openDialog(page);
    const before = await resultCount(page);
    // A person clicks Cancel while the bar moves; WebDriver's round trips are too
    // slow to be sure to land in that moment, so the page clicks the button (found
    // by its name) as soon as the worker reports bytes read.
    await page.evaluate(() => {
      window.__cancelled = null;
      const mo = new MutationObserver(() => {
        const bar = document.querySelector('dialog.open-data progress');
        if (!bar || !(bar.value > 0)) return;
        const cancel = [...bar.parentElement.querySelectorAll('button')].find((b) => b.textContent === 'Cancel');
        if (!cancel) return;
        mo.disconnect();
        window.__cancelled = { value: bar.value, max: bar.max };
        cancel.click();
      });
      mo.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await dialog.locator('input[type=file]').setInputFiles(file);
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 60000 });
    assert.equal(await alert.innerText(), 'Cancelled: nothing was loaded.');
    const at = await page.evaluate(() => window.__cancelled);
    assert.ok(at && at.value > 0, `cancelled while reading: ${JSON.stringify(at)}`);
    // The worker is gone: nothing arrives later.
    await page.waitForTimeout(1500);
    assert.equal(await dialog.locator('progress').count(), 0, 'no progress bar');
    assert.equal(await dialog.getByRole('table').count(), 0, 'no preview');
    assert.equal(await alert.innerText(), 'Cancelled: nothing was loaded.');
    assert.equal(await disabled(dialog.getByRole('button', { name: 'Show the data' })), true, 'nothing to show');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await resultCount(page), before, 'the explorer still shows its own data');
    assert.equal(await page.locator('.data-origin').count(), 0, 'no banner: nothing was opened');
    assert.deepEqual(await problems(), []);
  });

  test('drag-and-drop of a file anywhere on the page opens and loads it', async () => {
    const page = E.page;
    await page.goto(E.ctx.app.url);
    await page.locator('.result-count').waitFor({ timeout: 20000 });
    // WebDriver cannot drag from the desktop: the page receives the drop event a
    // person's drag would fire, its DataTransfer holding a File.
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      const target = document.querySelector('main') ?? document.body;
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    }, LINKED_CSV);
    const dialog = page.getByRole('dialog', { name: 'Open data' });
    await dialog.waitFor();
    await dialog.getByRole('table').filter({ hasText: 'dropped.csv' }).waitFor();
    const s = await importSheets(dialog);
    assert.deepEqual([s.read, s.skipped, s.events, s.participations], [3, 0, 2, 3]);
    await showData(page, dialog);
    assert.match(await banner(page), /^Data from your file dropped\.csv/);
    assert.equal(await resultCount(page), 2);
    assert.deepEqual(await problems(), []);
  });

  test('a visit that opens no data never fetches the reading worker\'s module; opening data fetches it under the page module\'s name', async () => {
    // Issue 18: the importer lives in the worker's module (src/bin/convene-open.rs),
    // so the page's first visit is that much smaller; this pins that it stays out.
    const asked = [];
    const logged = await serveDist({ intercept: (req) => { asked.push(req.url); return false; } });
    try {
      const page = E.page;
      await page.goto(logged.url);
      await page.locator('.result-count').waitFor({ timeout: 20000 });
      await page.waitForTimeout(500);
      assert.deepEqual(asked.filter((u) => /convene-open|open-worker/.test(u)), [], 'nothing of the worker on a plain visit');
      const version = await page.evaluate(() => document.querySelector('script[data-convene-wasm]').dataset.conveneWasm);
      const dialog = await openDialog(page, null);
      await dialog.getByRole('textbox', { name: 'Paste data' }).paste(PASTED_TSV);
      await dialog.getByRole('button', { name: 'Read pasted data' }).click();
      await dialog.getByRole('table').waitFor({ timeout: 20000 });
      const wasm = asked.filter((u) => /convene-open_bg\.wasm/.test(u));
      assert.equal(wasm.length, 1, `the worker's module fetched once: ${asked.join(' ')}`);
      assert.equal(new URL(wasm[0], logged.url).searchParams.get('v'), version, 'under the page module\'s name');
    } finally {
      await logged.close();
    }
  });

  test('a host that left out the reading worker\'s module: opening data names the missing files', async () => {
    // The worker runs its own module (src/bin/convene-open.rs), a separate file a
    // host could fail to copy: the dialog must say so, not hang or say nothing.
    const broken = await serveDist({
      intercept: (req, res, rel) => {
        if (rel !== 'convene-open_bg.wasm') return false;
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
        return true;
      },
    });
    try {
      const page = E.page;
      await page.goto(broken.url);
      await page.locator('.result-count').waitFor({ timeout: 20000 });
      const dialog = await openDialog(page, null);
      await dialog.getByRole('textbox', { name: 'Paste data' }).paste(PASTED_TSV);
      await dialog.getByRole('button', { name: 'Read pasted data' }).click();
      const alert = dialog.getByRole('alert');
      await alert.waitFor({ timeout: 20000 });
      assert.match(await alert.innerText(),
        /^The data could not be read: the reading worker could not load its module \(convene-open\.js and convene-open_bg\.wasm, beside open-worker\.js\)/);
      assert.equal(await dialog.getByRole('table').count(), 0);
      assert.equal(await disabled(dialog.getByRole('button', { name: 'Show the data' })), true);
    } finally {
      await broken.close();
    }
  });

  test('a spreadsheet with a 1 MB cell (no space in it) opens, imports and shows without freezing the page', async () => {
    // The search index looked up every prefix of that one word: minutes of a
    // frozen page after "Show the data" (convene_core::search::index,
    // collect_ranges). The cell is an actor's name.
    const page = E.page;
    const file = path.join(E.ctx.tmp.dir, `${E.engine}-long-cell.csv`);
    fs.writeFileSync(file, `event,actor,role\nLong Forum,${'x'.repeat(1 << 20)},host\nShort Meeting,Short Agency,host\n`);
    const dialog = await openDialog(page);
    await dialog.locator('input[type=file]').setInputFiles(file);
    await dialog.getByRole('table').waitFor({ timeout: 20000 });
    const s = await importSheets(dialog);
    assert.deepEqual([s.read, s.imported, s.events], [2, 2, 2]);
    await showData(page, dialog);
    assert.equal(await resultCount(page), 2);
    // The page answers: a search for the short actor narrows the list.
    await page.getByRole('searchbox').fill('short agency');
    await page.waitForFunction(() => /^1\b/.test(document.querySelector('.result-count')?.innerText ?? ''), null, { timeout: 20000 });
    assert.deepEqual(await problems(), []);
  });

  test('a UTF-16 file is refused with the encoding named', async () => {
    const dialog = await openDialog();
    await dialog.locator('input[type=file]').setInputFiles(UTF16);
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 20000 });
    assert.match(await alert.innerText(), /encoded in UTF-16LE, not UTF-8/);
    assert.equal(await dialog.getByRole('table').count(), 0);
    assert.equal(await disabled(dialog.getByRole('button', { name: 'Show the data' })), true);
  });

  test('http:, data:, javascript: and blob: links are refused with a message naming the problem', async () => {
    const page = E.page;
    const dialog = await openDialog(page);
    const plain = `${E.ctx.plain.url}linked.csv`;
    const blob = await page.evaluate(() => URL.createObjectURL(new Blob(['event,actor\nA,B\n'])));
    for (const [url, message] of [
      [plain, /plain http links are refused; use an https:\/\/ link/],
      ['data:text/csv,event%2Cactor%0AA%2CB', /data: links are refused/],
      ['javascript:alert(1)', /javascript: links are refused/],
      [blob, /blob: links are refused/],
    ]) {
      await dialog.getByRole('textbox', { name: 'Link to data' }).fill(url);
      await dialog.getByRole('button', { name: 'Fetch link' }).click();
      const alert = dialog.getByRole('alert').filter({ hasText: message });
      await alert.waitFor();
      assert.ok((await alert.innerText()).includes(url), `the message names the link ${url}`);
      assert.equal(await disabled(dialog.getByRole('button', { name: 'Show the data' })), true);
      await dialog.getByRole('textbox', { name: 'Link to data' }).fill('');
    }
    // The same in the address: ?data=http://… is refused, not fetched.
    await page.goto(`${E.ctx.app.url}?data=${encodeURIComponent(plain)}`);
    const error = page.getByRole('alert');
    await error.waitFor({ timeout: 20000 });
    assert.match(await error.innerText(), /plain http links are refused/);
    // The error view offers "Open data" too.
    await error.getByRole('button', { name: 'Open data', exact: true }).click();
    await page.getByRole('dialog', { name: 'Open data' }).waitFor();
    assert.deepEqual(await problems(), []);
  });

  test('a spreadsheet at ?data= is imported off the page: its rows shown, or its problems and encoding named where they are', async () => {
    // The page's wasm has no importer (issue 18): these go through the reading worker.
    const page = E.page;
    const { app } = E.ctx;
    await page.goto(`${app.url}?data=e2e-fixtures/good.tsv`);
    await page.locator('.result-count').waitFor({ timeout: 20000 });
    assert.equal(await resultCount(page), 1);
    assert.deepEqual(await page.getByRole('article').getByRole('heading').allInnerTexts(), ['Tab Forum']);

    await page.goto(`${app.url}?data=e2e-fixtures/problems.csv`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 20000 });
    const text = await alert.innerText();
    assert.match(text, /The spreadsheet e2e-fixtures\/problems\.csv has 2 problems/);
    assert.match(text, /row 3: no actor/);
    assert.match(text, /row 3, column "rôle": unknown role "sponsor"/);

    await page.goto(`${app.url}?data=e2e-fixtures/utf16.csv`);
    await alert.waitFor({ timeout: 20000 });
    assert.match(await alert.innerText(), /e2e-fixtures\/utf16\.csv.*encoded in UTF-16LE, not UTF-8/s);
    assert.deepEqual(await problems(), []);
  });

  test('a ?data= spreadsheet that cannot be read as its columns are guessed is not advised to skip rows', async () => {
    // A header with no rows under it, or no column for the actor: no row is to
    // blame, so "open it with Open data to skip that row" was wrong advice.
    const page = E.page;
    for (const [file, problem, why] of [
      ['header-only.csv', /header-only\.csv: no data rows under the header/, 'cannot be imported:'],
      ['no-actor.csv', /no-actor\.csv: no column/, 'cannot be imported:'],
      // Skipping every row would leave nothing either.
      ['every-row.csv', /row 2, column "role": unknown role "sponsor"/, 'cannot be imported: every row has a problem:'],
    ]) {
      await page.goto(`${E.ctx.app.url}?data=e2e-fixtures/${file}`);
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 20000 });
      const text = await alert.innerText();
      assert.ok(text.includes(`The spreadsheet e2e-fixtures/${file} ${why}`), text);
      assert.match(text, problem, text);
      assert.doesNotMatch(text, /skip/i, `no advice to skip rows: ${text}`);
    }
    assert.deepEqual(await problems(), []);
  });

  test('an import stopped by problem rows says so and points at "Skip rows with problems"; it counts nothing it did not import', async () => {
    const page = E.page;
    const file = path.join(E.ctx.tmp.dir, `${E.engine}-stopped.csv`);
    // Row 3 has two problems: the headline counts rows.
    fs.writeFileSync(file, 'event,actor,role,date\nForum on borders,Liaison Office,,2024-05-01\nForum on borders,Ministry of the Interior,chairman,31/02/2024\n');
    const dialog = await openDialog(page);
    await dialog.locator('input[type=file]').setInputFiles(file);
    await dialog.getByRole('table').waitFor({ timeout: 20000 });
    const s = await importSheets(dialog);
    const status = await dialog.getByRole('status').innerText();
    assert.match(status, /^Nothing was imported: 1 row has a problem \(listed below\)\. .*tick "Skip rows with problems" and import again/, status);
    assert.deepEqual([s.read, s.imported, s.actors, s.participations, s.roles, s.quotes, s.kinds], [2, 0, 0, 0, 0, 0, 0],
      `nothing made, nothing counted: ${status}`);
    assert.equal(await disabled(dialog.getByRole('button', { name: 'Show the data' })), true);
    assert.equal((await dialog.getByRole('list', { name: 'Problems' }).getByRole('listitem').allInnerTexts()).length, 2, 'two problems, one row');
    // Skipping the row imports the other, and the note goes.
    await dialog.getByRole('checkbox', { name: 'Skip rows with problems' }).check();
    const t = await importSheets(dialog);
    assert.deepEqual([t.imported, t.skipped, t.actors, t.roles, t.kinds], [1, 1, 1, 1, 1]);
    assert.doesNotMatch(await dialog.getByRole('status').innerText(), /Nothing was imported/);
    assert.equal(await disabled(dialog.getByRole('button', { name: 'Show the data' })), false);
    // A change of mapping makes that import stale: its summary goes, and "Show
    // the data" waits for the next Import (it showed the old dataset).
    await dialog.getByRole('combobox', { name: 'Column role is read as' }).selectOption('(ignored)');
    await dialog.page.waitForFunction(() => !document.querySelector('dialog.open-data [role=status]')?.innerText);
    assert.equal(await disabled(dialog.getByRole('button', { name: 'Show the data' })), true, 'stale import not shown');
    await dialog.getByRole('combobox', { name: 'Column role is read as' }).selectOption('role');
    // A sheet whose every row has a problem: skipping is not offered, and does not help.
    const bad = path.join(E.ctx.tmp.dir, `${E.engine}-all-bad.csv`);
    fs.writeFileSync(bad, 'event,actor,role\nForum,Agency,chairman\nForum,Office,sponsor\n');
    await dialog.locator('input[type=file]').setInputFiles(bad);
    await dialog.getByRole('table').filter({ hasText: `${E.engine}-all-bad.csv` }).waitFor({ timeout: 20000 });
    const skip = dialog.getByRole('checkbox', { name: 'Skip rows with problems' });
    if (await skip.isChecked()) await skip.click();
    await importSheets(dialog);
    const first = await dialog.getByRole('status').innerText();
    assert.match(first, /^Nothing was imported: every row has a problem \(listed below\)\./, first);
    assert.doesNotMatch(first, /Skip rows/, 'no advice to skip every row');
    await dialog.getByRole('checkbox', { name: 'Skip rows with problems' }).check();
    const u = await importSheets(dialog);
    assert.deepEqual([u.read, u.imported, u.skipped], [2, 0, 2]);
    assert.match(await dialog.getByRole('status').innerText(), /^Nothing was imported: every row has a problem \(listed below\)\./);
    assert.equal(await disabled(dialog.getByRole('button', { name: 'Show the data' })), true, 'nothing to show');
    assert.deepEqual(await problems(), []);
  });

  test('a file of random bytes, a PDF, an old .xls workbook or a web page is named as such, not as Windows-1252 or a spreadsheet', async () => {
    const page = E.page;
    let seed = 7;
    const noise = Buffer.from(Array.from({ length: 4000 }, () => { seed = (seed * 1103515245 + 12345) % 2147483648; return (seed >> 16) & 255; }));
    noise[0] = 0x61;
    const cases = [
      ['noise.csv', noise, /noise\.csv: the data is not text: it holds bytes no text file holds/],
      ['report.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n%\xE2\xE3\n', 'latin1'), noise]), /report\.pdf: the data is a PDF document, not text/],
      ['old.xls', Buffer.concat([Buffer.from([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), noise]), /old\.xls: the data is an OLE2 compound file \(an \.xls workbook of Excel 97-2003\?\), not text/],
      // What a link to a sign-in or error page gives.
      ['page.csv', Buffer.from('<!DOCTYPE html><html><head><title>404 Not Found</title></head></html>'), /page\.csv is a web page \(HTML\), not data/],
    ];
    const dialog = await openDialog(page);
    for (const [name, bytes, message] of cases) {
      const file = path.join(E.ctx.tmp.dir, `${E.engine}-${name}`);
      fs.writeFileSync(file, bytes);
      await dialog.locator('input[type=file]').setInputFiles(file);
      const alert = dialog.getByRole('alert').filter({ hasText: `${E.engine}-${name}` });
      await alert.waitFor({ timeout: 20000 });
      const text = await alert.innerText();
      assert.match(text.replace(`${E.engine}-`, ''), message, text);
      assert.doesNotMatch(text, /Windows-1252/, text);
    }
    assert.deepEqual(await problems(), []);
  });

  test('the dialog\'s three ways in (a file, pasted data, a link) each start a line of their own', async () => {
    const dialog = await openDialog();
    const box = (locator) => locator.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    const file = await box(dialog.locator('input[type=file]'));
    const paste = await box(dialog.getByText('Paste data', { exact: true }));
    const read = await box(dialog.getByRole('button', { name: 'Read pasted data' }));
    const link = await box(dialog.getByText('Link to data', { exact: true }));
    const fetch = await box(dialog.getByRole('button', { name: 'Fetch link' }));
    assert.ok(paste.y >= file.y + file.height, `"Paste data" under the file input: ${JSON.stringify([file, paste])}`);
    assert.ok(link.y >= read.y + read.height, `"Link to data" under "Read pasted data": ${JSON.stringify([read, link])}`);
    assert.ok(Math.abs((fetch.y + fetch.height / 2) - (link.y + link.height / 2)) < link.height, '"Fetch link" beside its input');
  });

  test('another site\'s data over https: "Link to data", ?data=https://…, the banner and the Cite text', async () => {
    // Its own session: it accepts the test site's self-signed certificate.
    const page = await E.newPage({ acceptInsecureCerts: true });
    try {
      const { secure, app } = E.ctx;
      const link = `${secure.url}linked.csv`;
      const dialog = await openDialog(page);
      await dialog.getByRole('textbox', { name: 'Link to data' }).fill(link);
      await dialog.getByRole('button', { name: 'Fetch link' }).click();
      await dialog.getByRole('table').filter({ hasText: 'linked.csv' }).waitFor({ timeout: 20000 });
      const s = await importSheets(dialog);
      assert.deepEqual([s.read, s.skipped, s.events, s.participations], [3, 0, 2, 3]);
      await showData(page, dialog);
      assert.equal(await banner(page), `Data from ${secure.host}`);
      assert.equal(await resultCount(page), 2);

      // The link in the address: the data loads at once, with the banner.
      await page.goto(`${app.url}?data=${encodeURIComponent(link)}`);
      await page.locator('.result-count').waitFor({ timeout: 20000 });
      assert.equal(await resultCount(page), 2);
      assert.equal(await banner(page), `Data from ${secure.host}`);
      assert.deepEqual((await page.getByRole('article').getByRole('heading').allInnerTexts()).sort(), ['Linked Forum', 'Other Linked Meeting']);
      // The dialog offers the page's link again (to re-read it with the mapping).
      const again = await openDialog(page, null);
      assert.equal(await again.getByRole('textbox', { name: 'Link to data' }).inputValue(), link);
      await page.keyboard.press('Escape');
      // The Cite text carries the data's URL.
      await page.getByRole('button', { name: 'Cite' }).click();
      const cite = page.getByRole('dialog', { name: 'Cite this view' });
      await cite.waitFor();
      const plain = await cite.getByRole('textbox', { name: 'Citation' }).inputValue();
      const urls = plain.match(/https?:\/\/\S+/g) ?? [];
      assert.ok(urls.some((u) => u === link || new URL(u.replace(/[.,;]$/, '')).searchParams.get('data') === link),
        `the citation names ${link}: ${plain}`);
      await page.flush();
      assert.deepEqual(app.problems(), []);
    } finally {
      await page.close();
    }
  });
}, { setup, teardown: async (ctx) => Promise.all(Object.values(ctx).map((s) => s?.close?.())) });
