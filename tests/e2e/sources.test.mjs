// Readable sources (issue 16), as a reader follows a fact back to its source: from a
// matrix cell to the highlighted quote in its source page and back; search reaching
// an event through its source's text only; citing one participation; no quote
// warnings on the seed; an accessibility scan of a source page, light and dark.
// Each test runs in every engine (harness.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { forEachEngine, serveDist, screenshot, ROOT } from './harness.mjs';
import { assertScheme, axeScan, search } from './checks.mjs';

const SEED = JSON.parse(fs.readFileSync(`${ROOT}/public/data/seed.json`, 'utf8'));

// A participation whose source has a text to check its quote against.
const MISQUOTED = SEED.participations.findIndex((p) => SEED.sources.find((s) => s.id === p.source)?.text_url);

const norm = (s) => s.replace(/[’‘ʼ′]/g, "'").replace(/[«»“”„]/g, '"').replace(/\s+/g, ' ').trim();

forEachEngine((E) => {
  const test = E.test;
  const shotName = (name) => `${E.engine === 'chromium' ? '' : `${E.engine}-`}${name}`;

  /** Opens the app at `query` in `page`; waits until the explorer is up. */
  async function open(query = '', page = E.page) {
    const app = E.ctx.app;
    await page.goto(app.url + query);
    await page.getByRole('searchbox', { name: 'Search' }).waitFor({ timeout: 20000 });
    return { page, problems: async () => { await page.flush(); return app.problems(); } };
  }

  test('from a matrix cell to the highlighted quote in its source, and back', async () => {
    const part = SEED.participations.find((p) => p.actor === 'osce' && p.event === 'wbsc-2017');
    const source = SEED.sources.find((s) => s.id === part.source);
    const { page, problems } = await open('?view=matrix&actor=osce');
    const grid = page.getByRole('grid', { name: 'Participation matrix' });
    await grid.waitFor();
    const wbsc = SEED.events.find((e) => e.id === 'wbsc-2017');
    const col = await grid.getByRole('columnheader', { name: wbsc.name }).getAttribute('aria-colindex');
    await grid.locator(`[role=gridcell][aria-colindex="${col}"]`).focus();
    const details = page.getByRole('region', { name: 'Cell details' });
    await details.getByRole('link', { name: 'Show in source' }).first().click();
    // The URL names the source and the participation.
    await page.waitForFunction(() => new URLSearchParams(location.search).get('open')?.startsWith('source:'));
    const params = await page.evaluate(() => Object.fromEntries(new URLSearchParams(location.search)));
    assert.equal(params.open, `source:${source.id}`);
    assert.equal(params.quote, `${part.event}.${part.actor}.${part.role}`);
    await page.getByRole('heading', { level: 2, name: source.title }).waitFor();
    // The quote is marked in the full text, outlined and focused.
    await page.waitForFunction(() => document.activeElement?.closest('mark.current'), null, { timeout: 5000 });
    const focused = await page.evaluate(() => document.activeElement.closest('mark.current').innerText);
    assert.ok(norm(part.quote).includes(norm(focused)) || norm(focused).includes(norm(part.quote)), `${focused} vs ${part.quote}`);
    await screenshot(page, shotName('source-page-quote'));
    // The mark links to the participation it supports, listed on the page, which links
    // to its event.
    await page.locator('mark.current a').first().click();
    const item = page.locator('li.current[id^="participation-"]');
    assert.match(await item.innerText(), new RegExp(wbsc.name));
    await item.getByRole('link', { name: wbsc.name }).click();
    await page.getByRole('heading', { level: 2, name: wbsc.name }).waitFor();
    // Back returns to the source page, then to the matrix.
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: source.title }).waitFor();
    assert.deepEqual(await problems(), []);
  });

  test('search reaches an event through its source text only, with a highlighted snippet', async () => {
    const { page, problems } = await open();
    // "sécurité" is in the French article, in no field of any event, actor or quote.
    await search(page, 'sécurité');
    const card = page.locator('.event-card', { hasText: 'World Border Security Congress 2017' });
    await card.waitFor({ timeout: 10000 });
    // It finds that event only.
    assert.deepEqual(await page.locator('.event-card h3').allInnerTexts(), ['World Border Security Congress 2017']);
    const snippet = card.locator('.source-snippet');
    assert.match(await snippet.innerText(), /Found in/);
    assert.ok((await snippet.locator('mark').allInnerTexts()).some((m) => /^sécurité$/i.test(m)));
    // Its link opens the source page.
    await snippet.getByRole('link').click();
    const lereporter = SEED.sources.find((s) => s.id === 'lereporter-wbsc');
    await page.getByRole('heading', { level: 2, name: lereporter.title }).waitFor();
    await page.goBack();
    await page.getByRole('searchbox', { name: 'Search' }).waitFor();
    await search(page, 'transfrontalière');
    await card.waitFor();
    // An event matched in its own fields ranks above one found only through a
    // source: "AFRIPOL" is a participant of the Arab police conference, and only the
    // Tangier article's text names it next to the Interpol General Assembly.
    await search(page, 'afripol');
    const names = (id) => SEED.events.find((e) => e.id === id).name;
    const headings = page.locator('.event-card h3');
    await page.waitForFunction(() => document.querySelectorAll('.event-card').length === 2, null, { timeout: 10000 });
    assert.deepEqual(await headings.allInnerTexts(), [names('apslc-47'), names('interpol-ga-93')]);
    assert.equal(await page.locator('.event-card').nth(0).locator('.source-snippet').count(), 0);
    assert.equal(await page.locator('.event-card').nth(1).locator('.source-snippet').count(), 1);
    assert.deepEqual(await problems(), []);
  });

  test('Cite gives one participation as text and BibTeX', async () => {
    const { page, problems } = await open('?open=event:wbsc-2017');
    // Each participation's button names its fact; the header's "Cite" cites the view.
    const opener = page.getByRole('button', { name: /^Cite .+, host at World Border Security Congress 2017$/ }).first();
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Cite this participation' });
    await dialog.waitFor();
    const text = await dialog.getByRole('textbox', { name: 'Citation' }).inputValue();
    assert.match(text, /took part as \w+ in World Border Security Congress 2017/);
    assert.match(text, /open=source%3A|open=source:/);
    // The fact's quote and source are in the citation, with the permalink.
    const hosts = SEED.participations.filter((p) => p.event === 'wbsc-2017' && p.role === 'host');
    assert.ok(hosts.some((p) => norm(text).includes(norm(p.quote))), `a host's quote in: ${text}`);
    assert.ok(hosts.some((p) => text.includes(SEED.sources.find((s) => s.id === p.source).title)), `its source in: ${text}`);
    assert.ok(text.includes(E.ctx.app.url), `the permalink in: ${text}`);
    const bibtex = await dialog.getByRole('textbox', { name: 'BibTeX' }).inputValue();
    assert.match(bibtex, /^@misc\{convene-wbsc-2017-/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(await problems(), []);
  });

  test('the seed has no quote warning, and a source page passes axe-core, light and dark', async () => {
    for (const colorScheme of ['light', 'dark']) {
      // Chromium emulates the scheme; Firefox and WebKit take it at start-up.
      const page = colorScheme === 'dark' ? await E.darkPage() : E.page;
      if (E.engine === 'chromium') await page.emulate({ colorScheme });
      try {
        const { problems } = await open('?open=source:embassy-rabat-conference&quote=rmcbs-2013.dza.participant', page);
        await page.locator('.source-text mark').first().waitFor({ timeout: 20000 });
        await assertScheme(page, colorScheme);
        assert.equal(await page.locator('.quote-warnings').count(), 0);
        await axeScan(page, `a source page (${colorScheme})`);
        await screenshot(page, shotName(`source-page-${colorScheme}`));
        assert.deepEqual(await problems(), []);
      } finally {
        if (E.engine === 'chromium') await page.emulate();
      }
    }
  });

  test('a quote its source text does not hold is listed under a collapsed warning', async () => {
    // Texts are fetched when first needed: a source page (or a search) needs them.
    const page = E.page;
    const source = SEED.participations[MISQUOTED].source;
    await page.goto(`${E.ctx.misquoted.url}?open=source:${source}`);
    await page.getByRole('searchbox', { name: 'Search' }).waitFor({ timeout: 20000 });
    const box = page.locator('details.quote-warnings');
    await box.waitFor({ timeout: 20000 });
    assert.equal(await box.getAttribute('role'), 'status');
    const summary = box.locator('summary');
    assert.equal((await summary.innerText()).trim(), '1 quote could not be checked against its source');
    await summary.click();
    const items = box.locator('li');
    await items.first().waitFor();
    assert.equal(await items.count(), 1);
    const item = await items.first().innerText();
    assert.ok(item.includes(`participations[${MISQUOTED}].quote`), `the participation's path in: ${item}`);
    assert.ok(item.includes(source), `its source in: ${item}`);
  });
}, {
  setup: async () => ({
    app: await serveDist(),
    // The seed with one quote its source's text does not hold.
    misquoted: await serveDist({
      intercept: (req, res, rel) => {
        if (rel !== 'data/seed.json') return false;
        const data = structuredClone(SEED);
        data.participations[MISQUOTED].quote = 'A sentence that no source of this dataset contains.';
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(data));
        return true;
      },
    }),
  }),
  teardown: async (ctx) => Promise.all(Object.values(ctx).map((s) => s?.close())),
});
