// A small page-and-locator layer over a W3C WebDriver session (selenium-webdriver), so
// the flows read the same in every engine. Elements are found the way a screen reader
// finds them (DESIGN.md: "Accessible names are the test contract"): by ARIA role and
// accessible name, computed in the page by the same code in every engine (WebKit's
// driver has no computed-role/label endpoint):
//   role and "hidden from assistive technology" - axe-core's ARIA implementation
//     (axe.commons.aria.getRole, axe.commons.dom.isVisibleToScreenReaders);
//   accessible name - dom-accessibility-api's computeAccessibleName (accname 1.2, with
//     CSS display taken into account as browsers do: "Morocco 4", not "Morocco4", for
//     <label><input><span>Morocco</span><span>4</span></label> in a flex label).
// The browsers' own computation is cross-checked where the driver has it (Chromium,
// Firefox: explorer.test.mjs, first test).
//
// Semantics follow Playwright's locators, which the tests were first written for: a
// string name matches case-insensitively as a substring (whitespace collapsed), a RegExp
// is tested; hidden elements (display:none, aria-hidden, closed dialogs) are not found;
// actions and single-value reads wait (up to 10 s by default) for exactly one match and
// fail on several (strictness); `count()` and `allInnerTexts()` do not wait.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Key, By, error as WebDriverError } from 'selenium-webdriver';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ACCNAME = bundleCommonJs(path.dirname(require.resolve('dom-accessibility-api')), 'index', '__e2eAccName');

/**
 * dom-accessibility-api ships CommonJS modules only; this wraps its files into one
 * script (a tiny module loader) so WebDriver can run it in the page. Sets
 * `window[globalName]` to the module `main`'s exports.
 */
function bundleCommonJs(dir, main, globalName) {
  const files = [];
  const walk = (d) => {
    for (const f of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, f.name);
      if (f.isDirectory()) walk(p);
      else if (f.name.endsWith('.js')) files.push(p);
    }
  };
  walk(dir);
  const defs = files.map((f) => {
    const id = path.relative(dir, f).slice(0, -3);
    const src = fs.readFileSync(f, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '');
    return `${JSON.stringify(id)}: function (module, exports, require) {\n${src}\n}`;
  });
  return `(() => {
  const defs = {${defs.join(',\n')}};
  const cache = {};
  const norm = (p) => {
    const out = [];
    for (const seg of p.split('/')) {
      if (seg === '..') out.pop(); else if (seg && seg !== '.') out.push(seg);
    }
    return out.join('/');
  };
  const load = (id) => {
    if (cache[id]) return cache[id].exports;
    if (!defs[id]) throw new Error('no module ' + id);
    const module = (cache[id] = { exports: {} });
    const dir = id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : '';
    defs[id](module, module.exports, (spec) => load(norm(dir + '/' + spec.replace(/\\.js$/, ''))));
    return module.exports;
  };
  window[${JSON.stringify(globalName)}] = load(${JSON.stringify(main)});
})();`;
}
const DEFAULT_TIMEOUT = 10000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The in-page query engine, installed with axe-core into each document on first use.
// It must not use eval or new Function: the page's CSP forbids them.
function installQueryEngine() {
  const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
  const matches = (text, m) => {
    if (m == null) return true;
    const t = norm(text);
    if (m.re !== undefined) return new RegExp(m.re, m.flags).test(t);
    return m.exact ? t === norm(m.s) : t.toLowerCase().includes(norm(m.s).toLowerCase());
  };
  const visible = (el) => {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 || r.height > 0 || el.getClientRects().length > 0;
  };
  const order = (els) => [...new Set(els)].sort((a, b) => {
    if (a === b) return 0;
    return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  const level = (el) => Number(el.getAttribute('aria-level') || (/^h[1-6]$/i.test(el.localName) ? el.localName[1] : 0));
  const byRole = (roots, step) => {
    const out = [];
    for (const root of roots) {
      const scope = root.nodeType === 9 ? root.documentElement : root;
      for (const el of scope.querySelectorAll('*')) {
        const vNode = axe.utils.getNodeFromTree(el);
        if (!vNode || axe.commons.aria.getRole(vNode) !== step.role) continue;
        if (!axe.commons.dom.isVisibleToScreenReaders(vNode)) continue;
        if (step.level && level(el) !== step.level) continue;
        if (step.name && !matches(window.__e2eAccName.computeAccessibleName(el), step.name)) continue;
        out.push(el);
      }
    }
    return out;
  };
  const byText = (roots, m) => {
    const out = [];
    for (const root of roots) {
      const scope = root.nodeType === 9 ? root.body : root;
      for (const el of scope.querySelectorAll('*')) {
        if (!visible(el) || !matches(el.innerText, m)) continue;
        if ([...el.children].some((c) => visible(c) && matches(c.innerText, m))) continue;
        out.push(el);
      }
    }
    return out;
  };
  const run = (steps, roots) => {
    let set = roots;
    for (const step of steps) {
      if (step.role) set = byRole(set, step);
      else if (step.css) set = set.flatMap((r) => [...r.querySelectorAll(step.css)]);
      else if (step.text) set = byText(set, step.text);
      else if (step.nth !== undefined) set = step.nth < 0 ? set.slice(step.nth).slice(0, 1) : set.slice(step.nth, step.nth + 1);
      else if (step.or) set = set.concat(run(step.or, [document]));
      if (step.hasText) set = set.filter((el) => matches(el.innerText, step.hasText));
      if (step.has) set = set.filter((el) => run(step.has, [el]).length > 0);
      set = order(set);
    }
    return set;
  };
  window.__e2eQuery = (steps) => {
    try { axe.teardown(); } catch { /* not set up */ }
    axe.setup(document);
    try {
      return run(steps, [document]);
    } finally {
      axe.teardown();
    }
  };
}

// Reads a query's elements in one round trip. Returns '__e2e_missing__' when the
// document has no query engine yet (a new page).
function readQuery(steps, op, arg) {
  if (!window.__e2eQuery || !window.axe || !window.__e2eAccName) return '__e2e_missing__';
  const els = window.__e2eQuery(steps);
  switch (op) {
    case 'count': return els.length;
    case 'elements': return els;
    case 'allInnerTexts': return els.map((el) => el.innerText.trimEnd());
    case 'allTextContents': return els.map((el) => el.textContent);
    default: {
      if (els.length !== 1) return { found: els.length };
      const el = els[0];
      // innerText without trailing whitespace: WebKit ends it with a newline when the
      // last child is a block, Chromium does not.
      const value = op === 'innerText' ? el.innerText.trimEnd()
        : op === 'inputValue' ? el.value
        : op === 'checked' ? el.checked
        : op === 'attr' ? el.getAttribute(arg)
        : op === 'visible' ? el.getClientRects().length > 0
        : op === 'element' ? el
        : undefined;
      return { found: 1, value };
    }
  }
}

const KEYS = {
  ArrowRight: Key.ARROW_RIGHT, ArrowLeft: Key.ARROW_LEFT, ArrowUp: Key.ARROW_UP, ArrowDown: Key.ARROW_DOWN,
  Home: Key.HOME, End: Key.END, Escape: Key.ESCAPE, Tab: Key.TAB, Enter: Key.ENTER, Space: Key.SPACE,
  Backspace: Key.BACK_SPACE,
};
const key = (name) => KEYS[name] ?? name;

const nameMatcher = (name, exact) =>
  name === undefined ? undefined
    : name instanceof RegExp ? { re: name.source, flags: name.flags }
      : { s: String(name), exact: !!exact };

const describeSteps = (steps) => steps.map((s) => (s.role ? `role=${s.role}${s.name ? `[name=${s.name.s ?? `/${s.name.re}/`}]` : ''}`
  : s.css ? `css=${s.css}` : s.text ? `text=${s.text.s ?? `/${s.text.re}/`}` : s.nth !== undefined ? `nth=${s.nth}` : s.or ? 'or(...)' : '')
  + (s.hasText ? `[hasText=${s.hasText.s ?? `/${s.hasText.re}/`}]` : '') + (s.has ? '[has ...]' : '')).join(' >> ');

/** Something locators can be made from: a page or a frame within it. */
class Scope {
  constructor(page, frames) {
    this.page = page;
    this.frames = frames; // CSS selectors of nested iframes, outermost first
  }

  getByRole(role, { name, exact, level } = {}) {
    return new Locator(this, [{ role, name: nameMatcher(name, exact), level }]);
  }

  locator(css, { hasText, has } = {}) {
    return new Locator(this, [{ css, hasText: nameMatcher(hasText), has: has?.steps }]);
  }

  getByText(text, { exact } = {}) {
    return new Locator(this, [{ text: nameMatcher(text, exact) }]);
  }

  frameLocator(css) {
    return new Scope(this.page, [...this.frames, css]);
  }

  /** Runs `fn(...args)` in this scope's document (an async fn's promise is awaited). */
  async evaluate(fn, ...args) {
    await this.page.enter(this.frames);
    return this.page.driver.executeScript(fn, ...args);
  }

  /**
   * What this scope's document shows, for a timeout's message: its URL, readyState,
   * the start of its text and the files it has finished loading (Resource Timing
   * lists a fetch only once it has answered, so a missing `seed.json` means the
   * dataset never arrived). A WebKit run once timed out on a page nobody could see;
   * this says which of "still loading", "error view" or "blank" it was. Never
   * throws: a dead or navigating page is described as such, within 5 s.
   */
  async describe() {
    const look = this.evaluate(() => {
      const files = performance.getEntriesByType('resource').map((e) => e.name.split('/').pop().split('?')[0]);
      const text = (document.body?.innerText ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
      return `${location.href} (readyState ${document.readyState}) shows "${text}"; loaded: ${files.join(', ') || 'nothing'}`;
    });
    const late = sleep(5000).then(() => 'no answer from the page within 5 s');
    try { return await Promise.race([look, late]); } catch (err) { return `the page could not be read: ${err.message}`; }
  }

  /** Polls `fn(arg)` in this scope's document until it returns something truthy. */
  async waitForFunction(fn, arg, { timeout = DEFAULT_TIMEOUT } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.evaluate(fn, arg);
        if (last) return last;
      } catch (err) {
        if (!(err instanceof WebDriverError.StaleElementReferenceError
          || err instanceof WebDriverError.NoSuchFrameError
          || err instanceof WebDriverError.JavascriptError)) throw err;
        last = err;
      }
      if (Date.now() > deadline) {
        throw new Error(`waitForFunction timed out after ${timeout} ms: ${fn.toString().slice(0, 200)} (last: ${last}); page: ${await this.describe()}`);
      }
      await sleep(100);
    }
  }

  /**
   * Waits for the frame after the last change, and the task after it: the app
   * records a change in the history once the frame showing it has painted
   * (src/nav.rs, `Nav::go`), as no person can read the address bar, copy it or
   * press Back within that frame; a WebDriver can.
   */
  async settle() {
    // A frame that draws nothing (an off-screen or foreign iframe) may never
    // run an animation frame: the app then writes after 100 ms, so wait that long.
    await this.evaluate(() => new Promise((resolve) => {
      requestAnimationFrame(() => setTimeout(resolve, 0));
      setTimeout(resolve, 150);
    }));
  }

  /** The scope's document address, once the last change is in the history. */
  async url() {
    await this.settle();
    return this.evaluate(() => location.href);
  }

  /** The scope's query string (`?…`), once the last change is in the history. */
  async search() {
    await this.settle();
    return this.evaluate(() => location.search);
  }
}

export class Locator {
  constructor(scope, steps) {
    this.scope = scope;
    this.steps = steps;
  }

  get page() { return this.scope.page; }

  toString() { return describeSteps(this.steps); }

  #with(step) { return new Locator(this.scope, [...this.steps, step]); }

  getByRole(role, { name, exact, level } = {}) { return this.#with({ role, name: nameMatcher(name, exact), level }); }

  locator(css, { hasText, has } = {}) { return this.#with({ css, hasText: nameMatcher(hasText), has: has?.steps }); }

  getByText(text, { exact } = {}) { return this.#with({ text: nameMatcher(text, exact) }); }

  filter({ has, hasText } = {}) { return this.#with({ nth: undefined, has: has?.steps, hasText: nameMatcher(hasText) }); }

  first() { return this.#with({ nth: 0 }); }

  nth(n) { return this.#with({ nth: n }); }

  or(other) { return this.#with({ or: other.steps }); }

  async #read(op, arg) {
    const page = this.scope.page;
    await page.enter(this.scope.frames);
    let result = await page.driver.executeScript(readQuery, this.steps, op, arg);
    if (result === '__e2e_missing__') {
      await page.driver.executeScript(`${AXE};\n${ACCNAME}\n(${installQueryEngine})();`);
      result = await page.driver.executeScript(readQuery, this.steps, op, arg);
    }
    return result;
  }

  /** Reads `op` of exactly one element, waiting for it. */
  async #one(op, arg, { timeout = DEFAULT_TIMEOUT } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.#read(op, arg);
        if (last.found === 1) return last.value;
        if (last.found > 1) throw new Error(`strict mode violation: ${this} matches ${last.found} elements`);
      } catch (err) {
        if (!(err instanceof WebDriverError.StaleElementReferenceError || err instanceof WebDriverError.NoSuchFrameError
          || err instanceof WebDriverError.NoSuchElementError)) throw err;
      }
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${this}`);
      await sleep(100);
    }
  }

  count() { return this.#read('count'); }

  async allInnerTexts() { return this.#read('allInnerTexts'); }

  /** Every match's `textContent`, as Playwright's: unlike `innerText`, it holds the
   * text of content the browser skips rendering (`content-visibility: auto` on the
   * event cards below the fold), which `innerText` gives as '' in Firefox and WebKit. */
  async allTextContents() { return this.#read('allTextContents'); }

  innerText(o) { return this.#one('innerText', undefined, o); }

  inputValue(o) { return this.#one('inputValue', undefined, o); }

  isChecked(o) { return this.#one('checked', undefined, o); }

  getAttribute(name, o) { return this.#one('attr', name, o); }

  async isVisible() { return (await this.count()) === 1 && this.#one('visible'); }

  /** The WebDriver element (waits for exactly one). */
  element(o) { return this.#one('element', undefined, o); }

  /** Waits until the locator matches something (`visible`, the default) or nothing (`hidden`). */
  async waitFor({ state = 'visible', timeout = DEFAULT_TIMEOUT } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      let n = -1;
      try { n = await this.count(); } catch (err) {
        if (!(err instanceof WebDriverError.StaleElementReferenceError || err instanceof WebDriverError.NoSuchFrameError)) throw err;
      }
      if (state === 'hidden' ? n === 0 : n > 0) return;
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeout} ms waiting for ${this} to be ${state} (found ${n}); page: ${await this.scope.describe()}`);
      }
      await sleep(100);
    }
  }

  /** Runs `fn(element, arg)` in the page. */
  async evaluate(fn, arg) {
    const el = await this.element();
    return this.scope.page.driver.executeScript(fn, el, arg);
  }

  /** Clicks the element through WebDriver, waiting until it can be clicked. */
  async click({ timeout = DEFAULT_TIMEOUT } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        const el = await this.element({ timeout });
        await el.click();
        return;
      } catch (err) {
        const retry = err instanceof WebDriverError.ElementClickInterceptedError
          || err instanceof WebDriverError.ElementNotInteractableError
          || err instanceof WebDriverError.StaleElementReferenceError;
        if (!retry || Date.now() > deadline) throw err;
        // WebKitGTK's driver does not scroll an element into view inside a scrolled
        // modal <dialog> (the Open data dialog with a wide preview); a person scrolls
        // to it, so scroll it to the middle before the next try.
        if (err instanceof WebDriverError.ElementNotInteractableError) {
          await this.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'center' })).catch(() => {});
        }
        await sleep(100);
      }
    }
  }

  /** Ticks a checkbox or radio (clicking its label when the input itself is hidden). */
  async check() {
    if (await this.isChecked()) return;
    const el = await this.element();
    // Waits until the box can be clicked, as Playwright's check() does. A facet
    // value out of its list's view skips rendering (content-visibility) and has no
    // box until scrolled to; WebKit's driver calls it not interactable instead of
    // scrolling to it, so scroll it into view, as a person would, and try again.
    const clickable = Date.now() + DEFAULT_TIMEOUT;
    for (;;) {
      try {
        await el.click();
        break;
      } catch (err) {
        if (!(err instanceof WebDriverError.ElementClickInterceptedError
          || err instanceof WebDriverError.ElementNotInteractableError)) throw err;
        const label = await this.scope.page.driver.executeScript((e) => e.closest('label') ?? e.labels?.[0], el);
        try {
          if (!label) throw err;
          await label.click();
          break;
        } catch (again) {
          if (!(again instanceof WebDriverError.ElementClickInterceptedError
            || again instanceof WebDriverError.ElementNotInteractableError) || Date.now() > clickable) throw again;
        }
        await this.scope.page.driver.executeScript((e) => e.scrollIntoView({ block: 'center' }), el).catch(() => {});
        await sleep(100);
      }
    }
    const deadline = Date.now() + DEFAULT_TIMEOUT;
    while (!(await this.isChecked())) {
      if (Date.now() > deadline) throw new Error(`${this} did not become checked`);
      await sleep(50);
    }
  }

  /**
   * Replaces the field's value by typing `text` (real key events, so the app sees
   * input events as from a person). The old value is emptied first without an event:
   * WebDriver's clear() would fire a change event with an empty value, which a number
   * field clamps, and WebKitGTK's driver drops keys sent after a Ctrl+A chord.
   */
  async fill(text) {
    const el = await this.element();
    const driver = this.page.driver;
    await driver.executeScript((e) => { e.focus(); e.value = ''; }, el);
    if (text !== '') {
      try {
        await el.sendKeys(text);
      } catch (err) {
        // WebKitGTK's driver refuses to type into a field in a cross-origin frame
        // until the frame has focus ("Element is not focusable"): click into the
        // field first, as a person would, then type through the keyboard source.
        if (!(err instanceof WebDriverError.WebDriverError)) throw err;
        await el.click();
        await driver.executeScript((e) => { e.focus(); e.value = ''; }, el);
        await driver.actions({ async: true }).sendKeys(text).perform();
      }
    } else await driver.executeScript((e) => e.dispatchEvent(new Event('input', { bubbles: true })), el);
    const value = await driver.executeScript((e) => e.value, el);
    if (value !== text) throw new Error(`fill: ${this} holds "${value}", not "${text}"`);
  }

  /**
   * Chooses files in an `<input type=file>` as the file picker would: WebDriver types
   * the absolute paths (one a line) into the input, which fires its change event.
   */
  async setInputFiles(paths) {
    const el = await this.element();
    await el.sendKeys([].concat(paths).join('\n'));
  }

  /**
   * Pastes `text` into a text field: its value is replaced and an `input` event of
   * type insertFromPaste fires, as a paste from the clipboard does (typing it would
   * turn tabs into focus moves).
   */
  async paste(text) {
    await this.evaluate((el, t) => {
      el.focus();
      el.value = t;
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: t }));
    }, text);
  }

  /**
   * Picks the option whose text is `label` in a `<select>`, firing input and change
   * as a person's choice does (WebKitGTK's driver cannot click options of a closed select).
   */
  async selectOption(label) {
    const ok = await this.evaluate((el, l) => {
      const option = [...el.options].find((o) => o.text.trim() === l);
      if (!option) return false;
      el.value = option.value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    }, label);
    if (!ok) throw new Error(`selectOption: ${this} has no option "${label}"`);
  }

  /** Sends one key (Playwright names: "Tab", "ArrowRight", ...) to the element. */
  async press(name) {
    const el = await this.element();
    await el.sendKeys(key(name));
  }

  async focus() {
    await this.evaluate((el) => el.focus());
  }
}

/** One browser session: the top-level page, its frames, its keyboard. */
export class Page extends Scope {
  constructor(driver, engine, cleanup = () => {}) {
    super(null, []);
    this.page = this;
    this.driver = driver;
    this.engine = engine;
    this.cleanup = cleanup;
    this.current = null; // the frames the driver is switched into (null: the top document)
    this.keyboard = {
      press: async (name) => {
        await this.driver.actions({ async: true }).sendKeys(key(name)).perform();
      },
    };
  }

  /** Switches the driver into the document `frames` names (outermost first). */
  async enter(frames) {
    const want = frames.join('\u0000') || null;
    if (want === this.current) return;
    await this.driver.switchTo().defaultContent();
    this.current = null;
    for (const css of frames) {
      const frame = await this.driver.findElement(By.css(css));
      await this.driver.switchTo().frame(frame);
    }
    this.current = want;
  }

  /** A handle on an iframe of the top document (by CSS), for evaluate/url/waitForFunction. */
  frame(css) {
    return new Scope(this, [css]);
  }

  async goto(url) {
    this.current = 'navigating';
    await this.driver.get(url);
    await this.enter([]);
  }

  // Each settles first (Scope#settle): the last change reaches the history a
  // frame after it shows.
  async url() {
    await this.settle();
    await this.enter([]);
    return this.driver.getCurrentUrl();
  }

  async goBack() {
    await this.settle();
    await this.enter([]);
    await this.driver.navigate().back();
  }

  async goForward() {
    await this.settle();
    await this.enter([]);
    await this.driver.navigate().forward();
  }

  waitForTimeout(ms) {
    return sleep(ms);
  }

  /** Waits until the top document's problem reports (probe.js) have reached the server. */
  async flush() {
    await this.evaluate(() => (window.__e2eFlush ? window.__e2eFlush() : 0)).catch(() => {});
    await sleep(50);
  }

  /** Makes sure this document has axe-core (for `axe.run`). */
  async ensureAxe() {
    await this.getByRole('document').count();
  }

  /** Back to the top document between tests. */
  async reset() {
    this.current = 'reset';
    await this.enter([]);
  }

  /**
   * Chromium only: emulates prefers-color-scheme and a viewport through the DevTools
   * protocol (other engines take the scheme at start-up: see harness.mjs).
   */
  async emulate({ colorScheme = null, viewport = null } = {}) {
    if (this.engine !== 'chromium') throw new Error(`emulate() needs Chromium, not ${this.engine}`);
    await this.driver.sendDevToolsCommand('Emulation.setEmulatedMedia', {
      features: colorScheme ? [{ name: 'prefers-color-scheme', value: colorScheme }] : [],
    });
    if (viewport) {
      await this.driver.sendDevToolsCommand('Emulation.setDeviceMetricsOverride', {
        width: viewport.width, height: viewport.height, deviceScaleFactor: 1, mobile: false,
      });
    } else {
      await this.driver.sendDevToolsCommand('Emulation.clearDeviceMetricsOverride', {});
    }
  }

  /**
   * Captures the downloads the page starts from now on, without saving files: the
   * page's `URL.createObjectURL` and `HTMLAnchorElement.prototype.click` are wrapped so
   * a click on an `<a download>` whose href is an object URL records the Blob instead.
   * (The app saves files exactly this way: src/explorer.rs `download`.) Returns
   * `next(trigger)`, which runs `trigger` and resolves to the file's `{ name, type, text }`.
   */
  async captureDownloads() {
    await this.evaluate(() => {
      if (window.__e2eDownloads) return;
      window.__e2eDownloads = [];
      const blobs = new Map();
      const create = URL.createObjectURL;
      URL.createObjectURL = function (obj) {
        const url = create.call(URL, obj);
        blobs.set(url, obj);
        return url;
      };
      const click = HTMLElement.prototype.click;
      HTMLAnchorElement.prototype.click = function () {
        if (this.hasAttribute('download') && blobs.has(this.href)) {
          window.__e2eDownloads.push({ name: this.download, blob: blobs.get(this.href) });
          return undefined;
        }
        return click.call(this);
      };
    });
    return async (trigger) => {
      const before = await this.evaluate(() => window.__e2eDownloads.length);
      await trigger();
      await this.waitForFunction((n) => window.__e2eDownloads.length > n, before);
      return this.evaluate(async (i) => {
        const { name, blob } = window.__e2eDownloads[i];
        // ignoreBOM keeps a byte-order mark in the text (Blob.text() would drop it).
        const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());
        return { name, type: blob.type, text };
      }, before);
    };
  }

  async close() {
    try {
      await this.driver.quit();
    } finally {
      this.cleanup();
    }
  }
}
