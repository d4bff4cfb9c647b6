// Shared set-up for the end-to-end tests: Debian's headless Chromium driven by
// playwright-core (never `playwright install`: it downloads a browser), and the built
// dist/ served from a sub-path with the strict CSP.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const DIST = path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(here, 'artifacts');

/** Chromium's path: CHROMIUM_BIN, else Debian's. A missing browser fails the test. */
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium floods the closed network here.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Launches headless Chromium. Throws (fails the test) when the browser is missing. */
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/setup.sh`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Serves dist/ under `prefix`; throws when dist/ has not been built. */
export async function serveDist(options = {}) {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error('dist/index.html is missing: build with trunk first (scripts/test.sh does)');
  }
  return startServer({ root: DIST, prefix: '/a/b/convene/', ...options });
}

/**
 * Starts Chromium and serves dist/ for the test file that calls it (node:test
 * `before` / `after` hooks). The returned object's `browser` and `server` are set
 * before the file's first test runs.
 */
export function useBrowserAndDist() {
  const env = {};
  before(async () => {
    env.browser = await launchBrowser();
    env.server = await serveDist();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Opens a new page that records console errors, page errors and CSP violations, so a
 * test can assert there were none. Returns { page, problems }.
 */
export async function openPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return { page, problems };
}

/** Saves a screenshot under tests/e2e/artifacts/ (for people to look at). */
export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}
