// The app shell: the built dist/, served from a sub-path under the strict CSP, renders
// the Leptos app from the wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserAndDist, openPage } from './harness.mjs';

const env = useBrowserAndDist();

test('the app renders from the wasm when served from a sub-path under the strict CSP', async () => {
  const context = await env.browser.newContext();
  const { page, problems } = await openPage(context);
  const response = await page.goto(env.server.url);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  // index.html holds no <main>: finding one proves the wasm ran and Leptos rendered.
  const main = page.getByRole('main');
  await main.waitFor({ timeout: 20000 });
  await assert.doesNotReject(page.getByRole('heading', { name: 'Convene', level: 1 }).waitFor());
  assert.deepEqual(problems, [], 'no console errors, page errors or CSP violations');
  await context.close();
});
