// Readable sources (issue 16), as a reader follows a fact back to its source: from a
// matrix cell to the highlighted quote in its source page and back; search reaching
// an event through its source's text only; citing one participation; no quote
// warnings on the seed; an accessibility scan of a source page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { useBrowserAndDist, openPage, screenshot, ROOT } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SEED = JSON.parse(fs.readFileSync(`${ROOT}/public/data/seed.json`, 'utf8'));

const env = useBrowserAndDist();

async function open(query = '') {
  const context = await env.browser.newContext();
  const { page, problems } = await openPage(context);
  await page.goto(env.server.url + query);
  await page.getByRole('searchbox', { name: 'Search' }).waitFor({ timeout: 20000 });
  return { context, page, problems };
}

async function search(page, text) {
  await page.getByRole('searchbox', { name: 'Search' }).fill(text);
  await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, text);
}

const norm = (s) => s.replace(/[’‘ʼ′]/g, "'").replace(/[«»“”„]/g, '"').replace(/\s+/g, ' ').trim();

test('from a matrix cell to the highlighted quote in its source, and back', async () => {
  const part = SEED.participations.find((p) => p.actor === 'osce' && p.event === 'wbsc-2017');
  const source = SEED.sources.find((s) => s.id === part.source);
  const { context, page, problems } = await open('?view=matrix&actor=osce');
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
  await screenshot(page, 'source-page-quote');
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
  assert.deepEqual(problems, []);
  await context.close();
});

test('search reaches an event through its source text only, with a highlighted snippet', async () => {
  const { context, page, problems } = await open();
  // "sécurité" is in the French article, in no field of any event, actor or quote.
  await search(page, 'sécurité');
  const card = page.locator('.event-card', { hasText: 'World Border Security Congress 2017' });
  await card.waitFor({ timeout: 10000 });
  const snippet = card.locator('.source-snippet');
  assert.match(await snippet.innerText(), /Found in/);
  assert.ok((await snippet.locator('mark').allInnerTexts()).some((m) => /^sécurité$/i.test(m)));
  // Its link opens the source page.
  await snippet.getByRole('link').click();
  const lereporter = SEED.sources.find((s) => s.id === 'lereporter-wbsc');
  await page.getByRole('heading', { level: 2, name: lereporter.title }).waitFor();
  await page.goBack();
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
  assert.deepEqual(problems, []);
  await context.close();
});

test('Cite gives one participation as text and BibTeX', async () => {
  const { context, page } = await open('?open=event:wbsc-2017');
  // Each participation's button names its fact; the header's "Cite" cites the view.
  await page.getByRole('button', { name: /^Cite .+, host at World Border Security Congress 2017$/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Cite this participation' });
  await dialog.waitFor();
  const text = await dialog.getByRole('textbox', { name: 'Citation' }).inputValue();
  assert.match(text, /took part as \w+ in World Border Security Congress 2017/);
  assert.match(text, /open=source%3A|open=source:/);
  const bibtex = await dialog.getByRole('textbox', { name: 'BibTeX' }).inputValue();
  assert.match(bibtex, /^@misc\{convene-wbsc-2017-/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await context.close();
});

test('the seed has no quote warning, and a source page passes axe-core, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const context = await env.browser.newContext({ colorScheme });
    const { page, problems } = await openPage(context);
    await page.goto(`${env.server.url}?open=source:embassy-rabat-conference&quote=rmcbs-2013.dza.participant`);
    await page.locator('.source-text mark').first().waitFor({ timeout: 20000 });
    assert.equal(await page.locator('.quote-warnings').count(), 0);
    await page.evaluate(AXE);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
    assert.deepEqual(summary, [], `axe-core violations on a source page (${colorScheme})`);
    await screenshot(page, `source-page-${colorScheme}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
