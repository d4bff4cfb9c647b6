// The interface in English, French and Arabic (issue 15): `lang=` in the URL, the
// "Language" switch, the main flows in French and Arabic found by their translated
// accessible names (the table in NOTES-i18n.md), right-to-left layout and matrix keys,
// Arabic search with and without marks (on a small Arabic fixture, since the seed has
// no Arabic text), no axe violations, and screenshots of every view in Arabic.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { forEachEngine, serveDist, screenshot, ROOT } from './harness.mjs';
import { axeScan } from './checks.mjs';

const SEED = JSON.parse(fs.readFileSync(`${ROOT}/public/data/seed.json`, 'utf8'));
const ARABIC = fs.readFileSync(new URL('./fixtures/arabic.json', import.meta.url), 'utf8');

/** Names of the contract in each language (NOTES-i18n.md lists them all). */
const NAMES = {
  en: { search: 'Search', language: 'Language', country: 'Country', events: 'Events', matrix: 'Matrix', network: 'Network', grid: 'Participation matrix', order: 'Order rows', copy: 'Copy link', embed: 'Embed', any: 'Any', all: 'All' },
  fr: { search: 'Rechercher', language: 'Langue', country: 'Pays', events: 'Événements', matrix: 'Matrice', network: 'Réseau', grid: 'Matrice de participation', order: 'Ordre des lignes', copy: 'Copier le lien', embed: 'Intégrer', any: 'Au moins un', all: 'Tous' },
  ar: { search: 'بحث', language: 'اللغة', country: 'البلد', events: 'الفعاليات', matrix: 'المصفوفة', network: 'الشبكة', grid: 'مصفوفة المشاركة', order: 'ترتيب الصفوف', copy: 'نسخ الرابط', embed: 'تضمين', any: 'أيٌّ منهم', all: 'جميعهم' },
};

/** The event names of the list's headings. */
async function listedEvents(page) {
  return page.getByRole('list').filter({ has: page.getByRole('article') }).getByRole('heading').allInnerTexts();
}

/** Chooses `value` in a select, as a person's choice does (a change event). */
async function choose(locator, value) {
  await locator.evaluate((el, v) => {
    el.value = v;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

forEachEngine((E) => {
  const test = E.test;

  /** Opens `query` on `server` and waits for the search box named in `lang`. */
  async function open(query, lang, server = E.ctx.app, page = E.page) {
    await page.goto(server.url + query);
    await page.getByRole('searchbox', { name: NAMES[lang].search }).waitFor({ timeout: 20000 });
    return page;
  }

  for (const lang of ['en', 'fr', 'ar']) {
    test(`lang=${lang}: <html lang dir>, the names of the contract, and no problems`, async () => {
      const page = await open(`?lang=${lang}`, lang);
      const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
      assert.deepEqual(html, [lang, lang === 'ar' ? 'rtl' : 'ltr']);
      const n = NAMES[lang];
      assert.equal(await page.getByRole('combobox', { name: n.language }).count(), 1, 'the Language switch');
      assert.equal(await page.getByRole('group', { name: n.country }).count(), 1, 'the country facet');
      for (const name of [n.events, n.matrix, n.network]) {
        assert.equal(await page.getByRole('link', { name }).count(), 1, `view link ${name}`);
      }
      assert.ok((await page.getByRole('button', { name: n.copy }).count()) >= 1, n.copy);
      assert.ok((await page.getByRole('button', { name: n.embed }).count()) >= 1, n.embed);
      assert.equal(await page.getByRole('radio', { name: n.any }).count(), 1);
      assert.equal(await page.getByRole('radio', { name: n.all }).count(), 1);
      assert.deepEqual(E.ctx.app.problems(), []);
    });
  }

  test('French: search, a facet and the matrix, with French roles in the cells', async () => {
    const page = await open('?lang=fr', 'fr');
    const count = page.locator('.result-count');
    assert.match(await count.innerText(), /^\d+ événements$/);
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('Casablanca');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'Casablanca');
    assert.ok((await listedEvents(page)).includes('World Border Security Congress 2017'), 'the data stays as written');
    // A facet: its legend translated, its values (data) as the sources wrote them.
    await page.getByRole('group', { name: 'Pays' }).getByRole('checkbox', { name: /^Morocco\b/ }).check();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('country') === 'MAR');
    assert.match(await page.url(), /lang=fr/, 'the language stays in the URL');
    // Statuses and roles are translated.
    assert.equal(await page.getByRole('group', { name: 'Rôle' }).getByRole('checkbox', { name: /^Hôte\b/ }).count(), 1);
    // The matrix.
    await page.getByRole('link', { name: 'Matrice' }).click();
    const grid = page.getByRole('grid', { name: 'Matrice de participation' });
    await grid.waitFor();
    const order = page.getByRole('combobox', { name: 'Ordre des lignes' });
    assert.deepEqual(await order.locator('option').allInnerTexts(), ['Nom', 'Événements', 'Première apparition', 'Similarité']);
    const labels = await page.evaluate(() =>
      [...document.querySelectorAll('[role=gridcell]')].map((c) => c.getAttribute('aria-label')));
    assert.ok(labels.some((l) => /hôte/.test(l)), `French roles in cells: ${labels.slice(0, 8)}`);
    assert.ok(labels.every((l) => !/\bhost\b/.test(l)), 'no English role left');
    // Dates per language by the browser: March is "mars".
    await page.goto(`${E.ctx.app.url}?lang=fr&open=event:wbsc-2017`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    assert.match(await page.locator('dl').innerText(), /mars 2017/);
  });

  test('the Language switch reloads the view in the chosen language and keeps the rest', async () => {
    const page = await open('?q=border&view=matrix', 'en');
    await choose(page.getByRole('combobox', { name: 'Language' }), 'ar');
    await page.getByRole('searchbox', { name: 'بحث' }).waitFor({ timeout: 20000 });
    const params = await page.evaluate(() => Object.fromEntries(new URLSearchParams(location.search)));
    assert.equal(params.lang, 'ar');
    assert.equal(params.q, 'border');
    assert.equal(params.view, 'matrix');
    await page.getByRole('grid', { name: 'مصفوفة المشاركة' }).waitFor();
    // The embed snippet keeps the language.
    await page.getByRole('button', { name: 'تضمين' }).first().click();
    const code = await page.locator('#embed-code').first().inputValue();
    assert.match(code, /lang=ar/);
  });

  test('a malformed lang falls back to English with a notice', async () => {
    const page = await open('?lang=klingon', 'en');
    const notice = page.getByRole('status').filter({ hasText: 'could not be used' });
    await notice.waitFor();
    assert.match(await notice.innerText(), /lang=klingon/);
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
  });

  // French and Arabic are files the app fetches (public/i18n/, src/i18n.rs): one
  // missing, or left from another version of Convene, must not leave a blank page
  // or shifted words.
  test('a catalogue that cannot be loaded leaves the page in English with a notice naming the file and why', async () => {
    const cases = [
      ['fr', 'i18n/fr.txt', /the French texts could not be read from i18n\/fr\.txt \(the server answered 404/],
      ['ar', 'i18n/ar.txt', /the Arabic texts could not be read from i18n\/ar\.txt \(line 1 is for another version of Convene/],
    ];
    for (const [lang, file, why] of cases) {
      const page = await open(`?lang=${lang}&view=matrix`, 'en', E.ctx.catalogues);
      const notice = page.getByRole('status').filter({ hasText: file });
      await notice.waitFor();
      const words = await notice.innerText();
      assert.match(words, new RegExp(`lang=${lang}`));
      assert.match(words, why);
      assert.match(words, /the page is in English/);
      assert.deepEqual(
        await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
        ['en', 'ltr'],
      );
      // The rest of the page works, in English: the matrix with English roles.
      await page.getByRole('grid', { name: NAMES.en.grid }).waitFor();
      assert.equal(await page.getByRole('combobox', { name: NAMES.en.language }).count(), 1);
    }
  });

  test('Arabic: the matrix is mirrored and its arrow keys follow what the reader sees', async () => {
    const page = await open('?lang=ar&view=matrix&order=name&country=MAR', 'ar');
    const grid = page.getByRole('grid', { name: 'مصفوفة المشاركة' });
    await grid.waitFor();
    // Mirrored: row headers on the right, the second column left of the first.
    const boxes = await page.evaluate(() => {
      const x = (sel) => document.querySelector(sel)?.getBoundingClientRect();
      const head = x('[role=rowheader]');
      const c2 = x('[role=gridcell][aria-colindex="2"]');
      const c3 = x('[role=gridcell][aria-colindex="3"]');
      return { head: head.left, c2: c2.left, c3: c3.left };
    });
    assert.ok(boxes.c2 < boxes.head, `first column left of the row headers: ${JSON.stringify(boxes)}`);
    assert.ok(boxes.c3 < boxes.c2, `second column left of the first: ${JSON.stringify(boxes)}`);
    const expectAt = async (want, message) => {
      await page.waitForFunction((w) => {
        const el = document.activeElement;
        return Number(el.closest('[role=row]')?.getAttribute('aria-rowindex')) === w[0]
          && Number(el.getAttribute('aria-colindex')) === w[1];
      }, want, { timeout: 2000 }).catch(() => {});
      const at = await page.evaluate(() => {
        const el = document.activeElement;
        return [el.closest('[role=row]')?.getAttribute('aria-rowindex'), el.getAttribute('aria-colindex')].map(Number);
      });
      assert.deepEqual(at, want, message);
    };
    await grid.getByRole('gridcell').first().focus();
    await expectAt([2, 2]);
    await page.keyboard.press('ArrowLeft');
    await expectAt([2, 3], 'ArrowLeft goes to the next column, on the left');
    await page.keyboard.press('ArrowRight');
    await expectAt([2, 2], 'ArrowRight goes back');
    await page.keyboard.press('ArrowRight');
    await expectAt([2, 2], 'and stops at the edge');
    // Cells name their roles in Arabic.
    const labels = await page.evaluate(() => [...document.querySelectorAll('[role=gridcell]')].map((c) => c.getAttribute('aria-label')));
    assert.ok(labels.some((l) => /مضيف|منظِّم|داعم|رئيس|متحدث|مشارك|مراقب/.test(l)), `Arabic roles: ${labels.slice(0, 6)}`);
    assert.ok(labels.every((l) => !/[a-z]/.test(l)), `no English role left: ${labels}`);
  });

  test('Arabic search finds words with and without marks, and highlights them', async () => {
    const page = await open('?lang=ar', 'ar', E.ctx.arabic);
    const box = page.getByRole('searchbox', { name: 'بحث' });
    // The name is written with harakat and hamza (مُؤْتَمَرُ الأَمْنِ); the query without.
    await box.fill('مؤتمر الامن');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'مؤتمر الامن');
    await page.locator('.result-count', { hasText: 'فعالية واحدة' }).waitFor();
    assert.deepEqual(await listedEvents(page), ['مُؤْتَمَرُ الأَمْنِ الإقليمي']);
    const marked = await page.locator('.event-card h3 mark').allInnerTexts();
    assert.ok(marked.some((m) => m.includes('الأَمْنِ')), `the whole word is marked, marks included: ${marked}`);
    // The name is written without marks (حماية); the query with them.
    await box.fill('حِمَايَة');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'حِمَايَة');
    await page.locator('.result-count', { hasText: 'فعالية واحدة' }).waitFor();
    assert.deepEqual(await listedEvents(page), ['ندوة حماية الحدود 2020']);
    assert.deepEqual(E.ctx.arabic.problems(), []);
  });

  for (const [name, query, ready, server] of [
    ['events', '?lang=ar', (p) => p.getByRole('list').filter({ has: p.getByRole('article') }).waitFor(), 'app'],
    ['matrix', '?lang=ar&view=matrix', (p) => p.getByRole('grid', { name: 'مصفوفة المشاركة' }).waitFor(), 'app'],
    ['network', '?lang=ar&view=network', (p) => p.getByRole('table', { name: 'أقوى الروابط' }).waitFor(), 'app'],
    ['event-page', '?lang=ar&open=event:wbsc-2017', (p) => p.getByRole('heading', { level: 2 }).first().waitFor(), 'app'],
    ['actor-page', '?lang=ar&open=actor:mar', (p) => p.getByRole('heading', { level: 2 }).first().waitFor(), 'app'],
    ['source-page', `?lang=ar&open=source:${SEED.sources[0].id}`, (p) => p.getByRole('heading', { level: 2 }).first().waitFor(), 'app'],
    ['arabic-data', '?lang=ar&q=%D8%A7%D9%84%D8%A7%D9%85%D9%86', (p) => p.getByRole('list').filter({ has: p.getByRole('article') }).waitFor(), 'arabic'],
    ['arabic-matrix', '?lang=ar&view=matrix', (p) => p.getByRole('grid', { name: 'مصفوفة المشاركة' }).waitFor(), 'arabic'],
  ]) {
    test(`Arabic ${name}: no axe violations; screenshot`, async () => {
      const page = await open(query, 'ar', E.ctx[server]);
      await ready(page);
      await screenshot(page, `${E.engine === 'chromium' ? '' : `${E.engine}-`}ar-${name}`);
      await axeScan(page, `${name} in Arabic`);
      assert.deepEqual(E.ctx[server].problems(), []);
    });
  }

  test('Arabic on a phone: the filters drawer opens from the right; screenshot', async () => {
    if (E.engine !== 'chromium') return; // the viewport is emulated through DevTools
    const page = E.page;
    try {
      await page.emulate({ viewport: { width: 360, height: 740 } });
      await open('?lang=ar&country=MAR', 'ar');
      await page.getByRole('button', { name: 'عوامل التصفية (1)', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'عوامل التصفية', exact: true });
      await dialog.waitFor();
      // Anchored at the inline start, which is the right: its right edge meets the
      // page's (less a scrollbar), a gap on the left.
      const box = await dialog.evaluate((d) => {
        const r = d.getBoundingClientRect();
        return { left: r.left, right: r.right, edge: document.documentElement.clientWidth };
      });
      assert.ok(Math.abs(box.right - box.edge) < 2 && box.left > 2, `drawer on the right: ${JSON.stringify(box)}`);
      await screenshot(page, 'ar-drawer-360');
      await axeScan(page, 'the Arabic drawer');
    } finally {
      await page.emulate();
    }
  });

  test('French event page and matrix: no axe violations', async () => {
    for (const query of ['?lang=fr&open=event:wbsc-2017', '?lang=fr&view=matrix']) {
      const page = await open(query, 'fr');
      await page.locator('main').waitFor();
      await axeScan(page, query);
    }
  });
}, {
  setup: async () => ({
    app: await serveDist(),
    // The French catalogue missing, the Arabic one from another version.
    catalogues: await serveDist({
      intercept: (req, res, rel) => {
        if (rel === 'i18n/fr.txt') {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
          return true;
        }
        if (rel !== 'i18n/ar.txt') return false;
        const file = fs.readFileSync(`${ROOT}/public/i18n/ar.txt`, 'utf8');
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
          .end(file.replace(/^(convene-i18n\/1 ar \d+) [0-9a-f]{8}/, '$1 00000000'));
        return true;
      },
    }),
    // The Arabic fixture served in place of the seed (tests/e2e/fixtures/arabic.json).
    arabic: await serveDist({
      intercept: (req, res, rel) => {
        if (rel !== 'data/seed.json') return false;
        res.writeHead(200, { 'content-type': 'application/json' }).end(ARABIC);
        return true;
      },
    }),
  }),
  teardown: async (ctx) => Promise.all(Object.values(ctx).map((s) => s?.close())),
});
