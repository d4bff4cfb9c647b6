// Shared set-up for the end-to-end tests: the built dist/ served from a sub-path with the
// strict CSP, and three browser engines driven through W3C WebDriver with
// selenium-webdriver (no browser or driver is ever downloaded: the harness starts the
// drivers installed on this machine and connects to them by host and port):
//   chromium - /usr/bin/chromium through /usr/bin/chromedriver, headless;
//   firefox  - /usr/bin/firefox-esr through geckodriver (cargo install), headless;
//   webkit   - WebKitGTK's MiniBrowser through /usr/bin/WebKitWebDriver, which has no
//              headless mode, so it runs on an Xvfb display the harness starts.
// E2E_ENGINES=chromium,firefox,webkit (the default) picks the engines; every test runs
// once per engine, its name prefixed with the engine ("[firefox] ..."). A missing
// browser or driver fails the run: nothing is ever skipped.
// A test that fails by timing out (never one whose assertion saw a wrong value) runs
// once more, and its first failure is printed with "FLAKY" (see `isTimeout`).
//
// Problems (console errors, page errors, CSP violations) are caught the same way in
// every engine: the test server inserts a probe script (tests/e2e/probe.js, served as
// `__e2e/probe.js` from the page's own origin, so `script-src 'self'` allows it) into
// every HTML page right after its CSP meta tag, before any of the app's scripts. It
// listens for `error` (uncaught exceptions and failed resource loads),
// `unhandledrejection` and `securitypolicyviolation`, wraps console.error, and posts
// each problem to its server, which keeps them in `server.reports`. So problems fired
// during load, in frames, or just before a navigation are all caught, in all engines.
// What it cannot see: messages the browser itself writes to its console that fire no
// event (e.g. Chromium's "Failed to load resource" for a failed fetch()).
import { describe, before, after, test } from 'node:test';
import { spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Builder, Capabilities } from 'selenium-webdriver';
import { startServer } from './server.mjs';
import { Page } from './page.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const DIST = path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(here, 'artifacts');
const PROBE = fs.readFileSync(path.join(here, 'probe.js'), 'utf8');

/** Every engine the suite knows, in the order it runs them. */
export const ALL_ENGINES = ['chromium', 'firefox', 'webkit'];

/** The engines to run: E2E_ENGINES (comma-separated), else all three. */
export const ENGINES = (() => {
  const list = (process.env.E2E_ENGINES || ALL_ENGINES.join(','))
    .split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = list.filter((e) => !ALL_ENGINES.includes(e));
  if (unknown.length || list.length === 0) {
    throw new Error(`E2E_ENGINES=${process.env.E2E_ENGINES}: unknown engine(s) ${unknown}; use ${ALL_ENGINES}`);
  }
  return list;
})();

const which = (name) =>
  (process.env.PATH ?? '').split(':').map((d) => path.join(d, name)).find((p) => fs.existsSync(p));

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const CHROMEDRIVER = process.env.CHROMEDRIVER || '/usr/bin/chromedriver';
const FIREFOX = process.env.FIREFOX_BIN || '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER
  || [path.join(os.homedir(), '.cargo/bin/geckodriver')].find((p) => fs.existsSync(p))
  || which('geckodriver') || 'geckodriver';
const MINIBROWSER = process.env.MINIBROWSER_BIN || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const WEBKITDRIVER = process.env.WEBKITWEBDRIVER || '/usr/bin/WebKitWebDriver';
const XVFB = which('Xvfb') ?? '/usr/bin/Xvfb';

// Without the background-networking flags Chromium floods the closed network here.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The desktop window every session starts with (CSS pixels). */
export const DESKTOP = { width: 1280, height: 900 };

function requireFile(file, what) {
  if (!fs.existsSync(file)) throw new Error(`${what} not found at ${file}: run scripts/setup.sh`);
}

// ---------------------------------------------------------------------------
// Child processes: drivers and Xvfb, killed when the tests end (or the process exits).
const children = new Set();
process.on('exit', () => { for (const c of children) c.kill('SIGKILL'); });

function startChild(cmd, args, env = {}, stdio = ['ignore', 'ignore', 'pipe']) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio });
  children.add(child);
  let stderr = '';
  child.stderr?.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  child.on('exit', () => children.delete(child));
  child.tail = () => stderr;
  return child;
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits for a WebDriver server's /status to answer (or for the process to die). */
async function waitForDriver(url, child, what) {
  const deadline = Date.now() + 20000;
  let exited = null;
  child.once('exit', (code) => { exited = code; });
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`${what} exited (${exited}): ${child.tail()}`);
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start within 20 s: ${child.tail()}`);
}

let xvfb = null;
/** Starts one Xvfb for the process (WebKitGTK has no headless mode); returns ":N". */
async function xDisplay() {
  if (process.env.E2E_DISPLAY) return process.env.E2E_DISPLAY;
  if (!xvfb) {
    requireFile(XVFB, 'Xvfb (package xvfb)');
    xvfb = new Promise((resolve, reject) => {
      // -displayfd: Xvfb picks a free display and writes its number on fd 3 when ready.
      const child = startChild(XVFB, ['-displayfd', '3', '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'],
        {}, ['ignore', 'ignore', 'pipe', 'pipe']);
      let out = '';
      child.stdio[3].on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(`:${out.trim()}`);
      });
      child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${child.tail()}`)));
    });
  }
  return xvfb;
}

/**
 * One engine: its driver process, and sessions on it. `variant` "dark" asks for
 * prefers-color-scheme: dark where the engine can only be told at start-up.
 */
const ENGINE_SETUP = {
  async chromium() {
    requireFile(CHROMIUM, 'Chromium');
    requireFile(CHROMEDRIVER, 'chromedriver');
    const port = await freePort();
    const child = startChild(CHROMEDRIVER, [`--port=${port}`, '--allowed-ips=127.0.0.1']);
    return {
      child, port,
      capabilities() {
        const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'convene-chromium-'));
        const caps = new Capabilities({
          browserName: 'chrome',
          'goog:chromeOptions': {
            binary: CHROMIUM,
            args: [...CHROMIUM_ARGS, `--user-data-dir=${profile}`, `--window-size=${DESKTOP.width},${DESKTOP.height}`],
          },
        });
        return { caps, cleanup: () => fs.rmSync(profile, { recursive: true, force: true }) };
      },
    };
  },
  async firefox(variant) {
    requireFile(FIREFOX, 'Firefox ESR');
    if (!fs.existsSync(GECKODRIVER)) throw new Error(`geckodriver not found (${GECKODRIVER}): run scripts/setup.sh`);
    const port = await freePort();
    const child = startChild(GECKODRIVER, ['--port', String(port), '--host', '127.0.0.1']);
    return {
      child, port,
      capabilities() {
        // geckodriver makes a fresh temporary profile for every session.
        const prefs = variant === 'dark'
          ? { 'ui.systemUsesDarkTheme': 1, 'layout.css.prefers-color-scheme.content-override': 0 }
          : { 'layout.css.prefers-color-scheme.content-override': 1 };
        const caps = new Capabilities({
          browserName: 'firefox',
          'moz:firefoxOptions': {
            binary: FIREFOX,
            args: ['-headless', `-width=${DESKTOP.width}`, `-height=${DESKTOP.height}`],
            prefs: { ...prefs, 'browser.shell.checkDefaultBrowser': false, 'app.update.enabled': false },
          },
        });
        return { caps, cleanup() {} };
      },
    };
  },
  async webkit(variant) {
    requireFile(WEBKITDRIVER, 'WebKitWebDriver (package webkit2gtk-driver)');
    requireFile(MINIBROWSER, "WebKitGTK's MiniBrowser");
    const display = await xDisplay();
    const port = await freePort();
    const env = {
      DISPLAY: display,
      // As root, WebKit's bubblewrap sandbox cannot start and the session hangs.
      ...(process.getuid?.() === 0 ? { WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS: '1' } : {}),
      // WebKitGTK follows the GTK theme for prefers-color-scheme.
      ...(variant === 'dark' ? { GTK_THEME: 'Adwaita:dark' } : { GTK_THEME: 'Adwaita' }),
      WEBKIT_DISABLE_COMPOSITING_MODE: '1',
    };
    const child = startChild(WEBKITDRIVER, [`--port=${port}`, '--host=127.0.0.1'], env);
    return {
      child, port,
      capabilities() {
        const caps = new Capabilities({
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
        });
        return { caps, cleanup() {} };
      },
    };
  },
};

/**
 * An engine's driver, started once per test file (and per variant) and shared by the
 * sessions the file opens.
 */
class Engine {
  constructor(name, variant = 'light') {
    this.name = name;
    this.variant = variant;
    this.driverProcess = null;
  }

  async start() {
    if (!this.driverProcess) {
      this.driverProcess = (async () => {
        const d = await ENGINE_SETUP[this.name](this.variant);
        const url = `http://127.0.0.1:${d.port}`;
        await waitForDriver(url, d.child, `${this.name} driver`);
        return { ...d, url };
      })();
    }
    return this.driverProcess;
  }

  /**
   * A new browser session (a fresh profile) as a Page. `acceptInsecureCerts` (the W3C
   * capability) lets the session load https pages and fetches whose certificate is
   * self-signed (a test's own https server).
   */
  async newPage({ acceptInsecureCerts = false } = {}) {
    const d = await this.start();
    const { caps, cleanup } = d.capabilities();
    if (acceptInsecureCerts) caps.set('acceptInsecureCerts', true);
    let driver;
    try {
      driver = await new Builder().usingServer(d.url).withCapabilities(caps).build();
    } catch (err) {
      cleanup();
      throw new Error(`${this.name}: no session: ${err.message}\n${d.child.tail()}`);
    }
    await driver.manage().setTimeouts({ script: 30000, pageLoad: 30000, implicit: 0 });
    if (this.name !== 'chromium') {
      await driver.manage().window().setRect({ x: 0, y: 0, ...DESKTOP }).catch(() => {});
    }
    return new Page(driver, this.name, cleanup);
  }

  async stop() {
    if (!this.driverProcess) return;
    const d = await this.driverProcess.catch(() => null);
    d?.child.kill();
    this.driverProcess = null;
  }
}

// ---------------------------------------------------------------------------
// Servers.

/** The probe script's reports: every server instance collects its own. */
function probeHooks(prefix) {
  const reports = [];
  const intercept = async (req, res, rel) => {
    if (rel === '__e2e/probe.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(PROBE);
      return true;
    }
    if (rel === '__e2e/report' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      try { reports.push(JSON.parse(body)); } catch { reports.push({ kind: 'bad-report', text: body }); }
      res.writeHead(204).end();
      return true;
    }
    return false;
  };
  const tag = `<script src="${prefix}__e2e/probe.js"></script>`;
  // A minified page (Trunk's `minify`, tried in session 10) has attributes in any
  // order, unquoted, and no <head> tag. So: after the CSP meta tag if there is one, else
  // after <head>, else before the first script or stylesheet; a page with none of
  // these is an error, never a page silently left without its probe.
  const transformHtml = (html) => {
    const meta = findCspMeta(html);
    if (meta) return html.replace(meta, meta + tag);
    if (/<head[\s>]/i.test(html)) return html.replace(/<head[^>]*>/i, (m) => m + tag);
    const first = html.search(/<(script|link)[\s>]/i);
    if (first < 0) throw new Error(`no place for the e2e probe in this page: ${html.slice(0, 200)}`);
    return html.slice(0, first) + tag + html.slice(first);
  };
  return { reports, intercept, transformHtml };
}

/**
 * Serves `root` with the probe (see the top of this file). Options as startServer's,
 * plus `intercept` run before the probe's own. The result also has `reports` (every
 * problem a page of this server reported) and `problems()` (waits for reports in
 * flight, then returns them as strings).
 */
export async function serve({ root, prefix = '/', intercept = null, ...options }) {
  const probe = probeHooks(prefix);
  const server = await startServer({
    root, prefix, ...options,
    transformHtml: probe.transformHtml,
    intercept: async (req, res, rel) => (intercept && (await intercept(req, res, rel))) || probe.intercept(req, res, rel),
  });
  server.reports = probe.reports;
  server.problems = (kind = null) =>
    probe.reports.filter((r) => !kind || r.kind === kind).map((r) => `${r.kind}: ${r.text} [${r.page}]`);
  server.clearReports = () => { probe.reports.length = 0; };
  return server;
}

/** Serves dist/ under `prefix` with the probe; throws when dist/ has not been built. */
export async function serveDist(options = {}) {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error('dist/index.html is missing: build with trunk first (scripts/test.sh does)');
  }
  return serve({ root: DIST, prefix: '/a/b/convene/', ...options });
}

// ---------------------------------------------------------------------------
// Running a file's tests once per engine.

/**
 * The `<meta http-equiv="Content-Security-Policy" content=...>` tag of `html` (as
 * written, or minified: attributes in any order, quoted or not), or null.
 */
export function findCspMeta(html) {
  const isCsp = (t) => /\shttp-equiv\s*=\s*(["']?)Content-Security-Policy\1[\s/>]/i.test(t);
  return [...html.matchAll(/<meta\b[^>]*>/gi)].map((m) => m[0]).find(isCsp) ?? null;
}

/**
 * Whether a test failed by waiting too long (the page never showed what it waited
 * for), as opposed to an assertion that saw a wrong value. Such a test is run once
 * more, and its first failure printed with "FLAKY": CI's WebKit run once waited 20 s
 * for an explorer that never came up, after 257 tests had passed, and 60 reloads of
 * the same page here never hung. A test that times out twice fails; an assertion
 * failure is never retried.
 */
function isTimeout(err) {
  return /^(timed out after|waitForFunction timed out after)/.test(err?.message ?? '');
}

/** How long one attempt of a test may take (see the watchdog in `E.test`). */
const TEST_LIMIT_MS = Number(process.env.E2E_TEST_LIMIT_MS ?? 240000);

/** Whether `page`'s browser session still answers (within 15 s). */
async function alive(page) {
  try {
    await Promise.race([
      page.driver.getTitle(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), 15000)),
    ]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `body(E)` once per engine in ENGINES, inside a suite named after the engine.
 * `E.test(name, fn)` declares a test named `[engine] name`; inside it `E.page` is the
 * engine's shared session (one per file and engine: a browser start takes seconds),
 * `E.newPage()` opens a fresh session (a fresh profile) that the caller closes,
 * `E.darkPage()` a shared session whose prefers-color-scheme is dark where that needs
 * its own browser (Firefox, WebKit; Chromium emulates it), and `E.engine` is the
 * engine's name. Every session has its own driver process (WebKitWebDriver serves one
 * session at a time). `setup` (optional) runs once per file before the first engine,
 * e.g. to start servers; its result is `E.ctx`, and every value in it with a
 * `clearReports()` (servers from `serve`) forgets its problem reports before each test.
 */
export function forEachEngine(body, { setup = null, teardown = null } = {}) {
  let ctx = null;
  let ready = null;
  const once = () => (ready ??= (async () => { ctx = setup ? await setup() : {}; })());
  after(async () => {
    if (ready) { await ready.catch(() => {}); await teardown?.(ctx); }
    for (const c of children) c.kill();
    xvfb = null;
  });
  for (const name of ENGINES) {
    describe(name, () => {
      const light = new Engine(name);
      const dark = new Engine(name, 'dark');
      let shared = null;
      let darkShared = null;
      const opened = new Set();
      const E = {
        engine: name,
        get ctx() { return ctx; },
        get page() { return shared; },
        async newPage(options = {}) {
          // Its own driver process: WebKitWebDriver serves one session at a time.
          const engine = new Engine(name);
          const p = await engine.newPage(options);
          const close = p.close.bind(p);
          p.close = async () => { opened.delete(p); try { await close(); } finally { await engine.stop(); } };
          opened.add(p);
          return p;
        },
        async darkPage() {
          if (name === 'chromium') return shared; // Chromium switches scheme by emulation
          if (!darkShared) {
            darkShared = await dark.newPage();
            opened.add(darkShared);
          }
          return darkShared;
        },
        test(title, fn) {
          return test(`[${name}] ${title}`, async (t) => {
            for (let attempt = 1; ; attempt += 1) {
              await shared.reset();
              for (const server of Object.values(ctx ?? {})) server?.clearReports?.();
              let watchdog;
              try {
                // A browser command that never answers (CI's WebKit once hung a
                // test for 17 minutes, its processes idle) fails the test after
                // TEST_LIMIT_MS instead of holding the run to CI's time limit; the
                // longest test takes about 80 s.
                return await Promise.race([
                  fn(t),
                  new Promise((_, reject) => {
                    watchdog = setTimeout(() => reject(new Error(`timed out after ${TEST_LIMIT_MS / 1000} s: a browser command never answered`)), TEST_LIMIT_MS);
                  }),
                ]);
              } catch (err) {
                if (attempt > 1) throw err;
                // The browser itself died (CI's WebKitGTK once segfaulted in
                // JavaScriptCore on a page load, after 250 tests had passed, and every
                // later test of the file failed on the dead session): a new session,
                // and the test once more. Not the app's doing: a page cannot crash
                // its engine; a crash the app could cause would repeat and fail.
                const crashed = !(await alive(shared));
                if (!crashed && !isTimeout(err)) throw err;
                // Said twice, so a retried test can be found in any log: TAP and stderr.
                const note = `${crashed ? 'BROWSER SESSION DIED, new session' : 'FLAKY'}, retried once: [${name}] ${title}: ${err.message}`;
                t.diagnostic(note);
                console.error(note);
                if (crashed) {
                  opened.delete(shared);
                  await Promise.race([shared.close().catch(() => {}), new Promise((r) => setTimeout(r, 15000))]);
                  // A new driver too: a hung session may still hold the old one, and
                  // WebKitWebDriver serves one session at a time.
                  await light.stop();
                  shared = await light.newPage();
                  opened.add(shared);
                }
              } finally {
                clearTimeout(watchdog);
              }
            }
          });
        },
      };
      before(async () => {
        await once();
        shared = await light.newPage();
        opened.add(shared);
      });
      after(async () => {
        await Promise.all([...opened].map((p) => p.close().catch(() => {})));
        await light.stop();
        await dark.stop();
      });
      body(E);
    });
  }
}

/** Saves a screenshot under tests/e2e/artifacts/ (for people to look at). */
export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, `${name}.png`), Buffer.from(await page.driver.takeScreenshot(), 'base64'));
}
