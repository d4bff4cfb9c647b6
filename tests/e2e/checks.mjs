// Checks several end-to-end files share: an axe-core scan, the colour scheme a scan
// claims to check, and typing a search that the URL then records.
import assert from 'node:assert/strict';

/** Types `text` in the search box and waits for the debounced query to reach the URL. */
export async function search(page, text) {
  await page.getByRole('searchbox', { name: 'Search' }).fill(text);
  await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, text);
  await settled(page);
}

/**
 * Resolves after the next frame and a task after it: by then the facet panel has
 * followed a search text typed before (it updates in a task after the frame that
 * showed the results: src/facets.rs, `Shown`).
 */
export function settled(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** The page really is in `scheme` (so a scan labelled light or dark checks that). */
export async function assertScheme(page, scheme) {
  const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
  assert.equal(dark ? 'dark' : 'light', scheme, 'prefers-color-scheme');
}

/** Fails with every axe-core violation on the page (`what` names it in the message). */
export async function axeScan(page, what) {
  // Run through WebDriver: an injected <script> would be refused by the CSP. Finding
  // by role installs axe-core in this document, a page's or a frame's alike.
  await page.getByRole('document').count();
  const summary = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
  assert.deepEqual(summary, [], `axe-core violations on ${what}`);
}
