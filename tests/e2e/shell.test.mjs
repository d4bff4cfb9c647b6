// The app shell: the built dist/, served from a sub-path under the strict CSP, renders
// the Leptos app from the wasm.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serveDist, openPage } from './harness.mjs';

let browser, server;
before(async () => {
  browser = await launchBrowser();
  server = await serveDist();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the app renders from the wasm when served from a sub-path under the strict CSP', async () => {
  const context = await browser.newContext();
  const { page, problems } = await openPage(context);
  const response = await page.goto(server.url);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  // index.html holds no <main>: finding one proves the wasm ran and Leptos rendered.
  const main = page.getByRole('main');
  await main.waitFor({ timeout: 20000 });
  await assert.doesNotReject(page.getByRole('heading', { name: 'Convene', level: 1 }).waitFor());
  assert.deepEqual(problems, [], 'no console errors, page errors or CSP violations');
  await context.close();
});
