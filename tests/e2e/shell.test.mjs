// The app shell: the built dist/, served from a sub-path under the strict CSP, renders
// the Leptos app from the wasm; and the page carries the strict policy itself, in a
// <meta http-equiv="Content-Security-Policy">, so a host that sends no headers still
// runs it under the policy.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { forEachEngine, serveDist, DIST, findCspMeta } from './harness.mjs';
import { STRICT_CSP } from './server.mjs';

/** The policy in dist/index.html's CSP meta tag (one source of truth: the built page). */
function metaPolicy() {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const meta = findCspMeta(html);
  assert.ok(meta, 'dist/index.html has a CSP meta tag');
  assert.equal(findCspMeta(html.replace(meta, '')), null, 'dist/index.html has exactly one CSP meta tag');
  // content="..." or content='...' (Trunk's minifier keeps the quotes a value with spaces needs).
  const content = meta.match(/\scontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i);
  assert.ok(content, `the CSP meta tag has a quoted content attribute: ${meta}`);
  return (content[1] ?? content[2]).replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"');
}

/** A policy as a map of directive -> sorted sources (order-insensitive comparison). */
const directives = (policy) => Object.fromEntries(
  policy.split(';').map((d) => d.trim()).filter(Boolean)
    .map((d) => d.split(/\s+/)).map(([name, ...sources]) => [name.toLowerCase(), sources.sort()]),
);

forEachEngine((E) => {
  E.test('the app renders from the wasm when served from a sub-path under the strict CSP', async () => {
    const { app } = E.ctx;
    const page = E.page;
    const res = await fetch(app.url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy'), /script-src 'self' 'wasm-unsafe-eval'/);
    await page.goto(app.url);
    // index.html holds no <main>: finding one proves the wasm ran and Leptos rendered.
    await page.getByRole('main').waitFor({ timeout: 20000 });
    await page.getByRole('heading', { name: 'Convene', level: 1 }).waitFor();
    await page.flush();
    assert.deepEqual(app.problems(), [], 'no console errors, page errors or CSP violations');
  });

  E.test('the page carries the strict CSP in a meta tag: served with no CSP header, it refuses an injected inline script', async () => {
    const { bare } = E.ctx;
    // The meta's policy is the server's header policy minus frame-ancestors (which a
    // meta tag cannot hold).
    const expected = directives(STRICT_CSP);
    delete expected['frame-ancestors'];
    assert.deepEqual(directives(metaPolicy()), expected);
    const res = await fetch(bare.url);
    assert.equal(res.headers.get('content-security-policy'), null, 'this server sends no CSP header');

    const page = E.page;
    await page.goto(bare.url);
    await page.getByRole('searchbox', { name: 'Search' }).waitFor({ timeout: 20000 });
    await page.flush();
    assert.deepEqual(bare.problems(), [], 'the app itself runs under its own policy without a violation');
    // A script smuggled into the document (as an XSS would) is refused by the policy.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = 1;';
      document.body.append(s);
    });
    await page.waitForFunction(() => window.__e2eProblems.some((p) => p.kind === 'csp'), undefined, { timeout: 5000 });
    assert.equal(await page.evaluate(() => typeof window.__injected), 'undefined', 'the inline script did not run');
    const csp = await page.evaluate(() => window.__e2eProblems.filter((p) => p.kind === 'csp').map((p) => p.text));
    assert.ok(csp.length >= 1 && csp.every((t) => /^script-src(-elem)? blocked inline/.test(t)), `violations: ${csp}`);
    // The harness's problem probe reported it to the server, and reports page errors
    // too: so the suite's "no problems" assertions can fail in this engine. (An error
    // thrown by WebDriver's own script is muted or unseen by the page, so the probe is
    // sent the ErrorEvent an uncaught exception fires.)
    await page.evaluate(() => { window.dispatchEvent(new ErrorEvent('error', { message: 'probe check' })); });
    await page.waitForFunction(() => window.__e2eProblems.some((p) => p.kind === 'pageerror'), undefined, { timeout: 5000 });
    await page.flush();
    assert.ok(bare.problems('csp').length >= 1, 'the violation reached the server');
    assert.ok(bare.problems('pageerror').some((t) => t.includes('probe check')), `${bare.problems()}`);
  });
}, {
  setup: async () => ({ app: await serveDist(), bare: await serveDist({ csp: null }) }),
  teardown: async ({ app, bare }) => Promise.all([app?.close(), bare?.close()]),
});
