// Network layout rows of Convene's browser benchmark (issue 14), called by
// bench/run.mjs: convene-core's ForceAtlas2 (wasm) against graphology's
// ForceAtlas2 (npm graphology-layout-forceatlas2) on the same co-participation
// graph, from the same starting positions, for the same iteration count, in one
// headless Chromium page (bench/page/layout.html). Goal: ours at most half
// graphology's time. Kept apart from run.mjs so that other rows can be added there
// without touching these.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/server.mjs';
import { writeBenchmarksSection } from './markdown.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');

// The app's settings for n nodes (convene_core::layout::Fa2Settings::for_nodes):
// kr 2 from 100 nodes on, kg 1, θ 1.2, 200 steps up to 300 nodes and 120 above,
// Barnes–Hut from 300 nodes (BARNES_HUT_FROM).
const CASES = [
  { top: 100, iterations: 200, barnesHut: false },
  { top: 300, iterations: 200, barnesHut: true },
  { top: 1000, iterations: 120, barnesHut: true },
];
const SETTINGS = { scaling: 2, gravity: 1, theta: 1.2 };
export const LAYOUT_GOAL = 0.5;

/**
 * Runs the layout rows. `row` adds a result row (run.mjs's), `watchProblems`
 * records page errors, `log` prints. A smoke run lays out the 10k dataset's top
 * 100 actors for 50 steps, 3 runs.
 */
export async function benchLayout(browser, { smoke, row, log, watchProblems, meta }) {
  const variants = (smoke ? [['z', 'pkg-z']] : [['o3', 'pkg'], ['z', 'pkg-z']])
    .filter(([, dir]) => fs.existsSync(path.join(BENCH, dir, 'convene_bench_wasm_bg.wasm')));
  if (variants.length === 0) throw new Error('layout: bench/pkg (or bench/pkg-z) is missing: run scripts/bench.sh');
  const data = smoke ? 'synth-10k.json' : 'synth-100k.json';
  const label = smoke ? '10k' : '100k';
  const cases = smoke ? [{ top: 100, iterations: 50, barnesHut: false }] : CASES;
  const timing = smoke ? { warmup: 2, runs: 3 } : { warmup: 2, runs: 11 };
  const server = await startServer({
    root: BENCH, prefix: '/', csp: null,
    headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    watchProblems(page, 'layout');
    await page.goto(`${server.url}page/layout.html`);
    await page.waitForFunction(() => window.L !== undefined, null, { timeout: 30_000 });
    const env = await page.evaluate((v) => window.L.init({ variants: v }), variants);
    if (!env.graphology || !env.fa2) throw new Error(`layout: graphology did not load: ${JSON.stringify(env)}`);
    await page.evaluate((f) => window.L.loadData(`../data/${f}`), data);
    const P = env.variants[0];
    for (const c of cases) {
      const g = await page.evaluate((top) => window.L.graph(top), c.top);
      const r = await page.evaluate((a) => window.L.run(a), { ...SETTINGS, ...c, ...timing });
      if (!r.check.oursFinite || !r.check.peerFinite) throw new Error(`layout/${c.top}: a layout returned NaN or infinite positions`);
      const o = r.ours[P];
      const ratio = o.median / r.peer.median;
      row({
        name: `layout/${label}/top${c.top}`, group: 'layout', size: label, top: c.top,
        nodes: g.nodes, edges: g.edges, iterations: c.iterations, barnes_hut: c.barnesHut,
        ours_ms: o.median, ours_p95_ms: o.p95, ours_variant: P, ours_z_ms: P === 'z' ? null : r.ours.z?.median ?? null,
        peer: 'graphology-layout-forceatlas2', peer_ms: r.peer.median, peer_p95_ms: r.peer.p95, n: o.n,
        goal_ratio: LAYOUT_GOAL, pass: ratio <= LAYOUT_GOAL, spread: r.check,
        note: `kr ${SETTINGS.scaling}, kg ${SETTINGS.gravity}, Barnes–Hut ${c.barnesHut ? `on (θ ${SETTINGS.theta} ours, ${2 * SETTINGS.theta} graphology: the same test)` : 'off (exact)'}; same graph and start`,
      });
      log(`layout ${label} top ${c.top} (${g.nodes} nodes, ${g.edges} edges, ${c.iterations} steps, Barnes–Hut ${c.barnesHut ? 'on' : 'off'}): ` +
        `ours ${o.median.toFixed(1)} ms, graphology ${r.peer.median.toFixed(1)} ms, ratio ${ratio.toFixed(2)}x, ` +
        `goal <= ${LAYOUT_GOAL}x: ${ratio <= LAYOUT_GOAL ? 'PASS' : 'FAIL'}`);
    }
    meta.layoutVersions = Object.fromEntries(['graphology', 'graphology-layout-forceatlas2'].map((p) => [p,
      JSON.parse(fs.readFileSync(path.join(BENCH, 'node_modules', p, 'package.json'), 'utf8')).version]));
    await context.close();
  } finally {
    await server.close();
  }
}

const ms = (x) => (x == null ? '' : x < 1 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(0));

/** The "Network layout (headless Chromium)" section of BENCHMARKS.md. */
export function layoutMarkdown(rows, meta) {
  const out = ['## Network layout (headless Chromium)', ''];
  const v = meta.layoutVersions ?? {};
  out.push(`Command: \`scripts/bench.sh\` (or \`node bench/run.mjs --layout-only\` once bench/pkg is built; bench/README.md). Date: ${meta.started.slice(0, 10)}. ` +
    `Ours: convene-core's ForceAtlas2 (\`layout::run\`, Gephi's adaptive speed) in the bench wasm module; the "ours z" column is the opt-level "z" build the app ships. ` +
    `Peer: graphology ${v.graphology ?? ''} with graphology-layout-forceatlas2 ${v['graphology-layout-forceatlas2'] ?? ''} (synchronous, in the page's main thread). ` +
    'Both lay out the same graph: the co-participation network of the synthetic 100k dataset (seed 2024, 1,000 actors) cut to the top N actors, edge weights in shared events, ' +
    'from the same starting positions (the app\'s, hashed from the actor ids), for the same iteration count (the app\'s: 200 steps up to 300 nodes, 120 above). ' +
    'Settings: scaling (kr) 2, gravity 1 (not strong), linLog off, edge weight influence 1, no outbound attraction distribution, no size adjustment; ' +
    'Barnes–Hut as the app does (off below 300 nodes, on from 300), with θ 1.2 for ours (cell side / distance) and 2.4 for graphology (its test is 2 × side / distance: the same cells open). ' +
    'Masses differ as the two implementations define them (ours: degree + 1, Gephi\'s; graphology: weighted degree + 1) and so do the speeds (ours: Gephi\'s global adaptive speed; graphology: per-node convergence). ' +
    'Timed: one full layout call, including copying the graph in and the positions out (graphology: building its byte arrays from the graph and collecting positions). ' +
    `Medians (p95) over ${rows[0]?.n ?? ''} runs after warm-ups. Goal (issue 14): ours at most ${LAYOUT_GOAL}x graphology's time.`, '');
  out.push('| nodes | edges | steps | Barnes–Hut | ours ms | ours z ms | graphology ms | ratio | goal <= 0.5x |');
  out.push('| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows.filter((x) => x.group === 'layout')) {
    out.push(`| ${r.nodes} | ${r.edges.toLocaleString('en')} | ${r.iterations} | ${r.barnes_hut ? 'on' : 'off'} | ${ms(r.ours_ms)} (${ms(r.ours_p95_ms)}) | ${ms(r.ours_z_ms)} | ${ms(r.peer_ms)} (${ms(r.peer_p95_ms)}) | ${r.ratio?.toFixed(2)}x | ${r.pass ? 'PASS' : 'FAIL'} |`);
  }
  out.push('');
  return out.join('\n');
}

/** Writes (or replaces) the "Network layout (headless Chromium)" section of BENCHMARKS.md. */
export function writeLayoutSection(md) {
  writeBenchmarksSection('## Network layout (headless Chromium)', md);
}
