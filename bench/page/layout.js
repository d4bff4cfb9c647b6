// In-page half of the network layout benchmark (driven by bench/layout.mjs, which
// bench/run.mjs calls): convene-core's ForceAtlas2 (wasm, crates/convene-bench-wasm)
// against graphology-layout-forceatlas2 on the same graph, from the same starting
// positions, for the same number of iterations, in this one page.
//
// The graph is the co-participation network of a synthetic dataset cut to the top
// N actors, built by our core (Bench::network_graph) and handed to both layouts;
// the starting positions are the app's (Bench::network_start: hashed from the ids).

const now = () => performance.now();
const state = { variants: {}, graph: null, start: null };

// graphology-layout-forceatlas2 ships CommonJS only: evaluate its files with a
// tiny require (none of them touches anything but its own modules).
async function loadFa2() {
  const files = {
    'graphology-utils/is-graph': '../node_modules/graphology-utils/is-graph.js',
    'graphology-utils/getters': '../node_modules/graphology-utils/getters.js',
    './iterate.js': '../node_modules/graphology-layout-forceatlas2/iterate.js',
    './helpers.js': '../node_modules/graphology-layout-forceatlas2/helpers.js',
    './defaults.js': '../node_modules/graphology-layout-forceatlas2/defaults.js',
    index: '../node_modules/graphology-layout-forceatlas2/index.js',
  };
  const source = {};
  for (const [name, url] of Object.entries(files)) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    source[name] = await res.text();
  }
  const cache = {};
  const require = (name) => {
    if (!(name in cache)) {
      const module = { exports: {} };
      cache[name] = module;
      // eslint-disable-next-line no-new-func
      new Function('module', 'exports', 'require', source[name])(module, module.exports, require);
    }
    return cache[name].exports;
  };
  return require('index');
}

async function init({ variants }) {
  for (const [name, dir] of variants) {
    const mod = await import(`../${dir}/convene_bench_wasm.js`);
    await mod.default({ module_or_path: `../${dir}/convene_bench_wasm_bg.wasm` });
    state.variants[name] = mod;
  }
  state.primary = variants[0][0];
  state.fa2 = await loadFa2();
  return { graphology: typeof graphology === 'object' || typeof graphology === 'function', fa2: typeof state.fa2 === 'function', variants: Object.keys(state.variants) };
}

/** Loads a dataset into our engine (not timed). */
async function loadData(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const json = await res.text();
  const mod = state.variants[state.primary];
  state.bench = new mod.Bench();
  state.bench.parse(json);
  state.bench.build();
  return json.length;
}

/** The top-N network and the starting positions (not timed). */
function graph(top) {
  const flat = state.bench.network_graph('', top);
  state.graph = flat.slice(2);
  state.start = state.bench.network_start('', top);
  return { nodes: flat[0], edges: flat[1], weightSum: state.graph.filter((_, i) => i % 3 === 2).reduce((a, b) => a + b, 0) };
}

/** Median, p95, min, mean of a list of milliseconds (as bench.js's). */
function stats(times) {
  const s = [...times].sort((a, b) => a - b);
  const n = s.length;
  const q = (p) => s[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))];
  return { median: n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2, p95: q(0.95), min: s[0], mean: s.reduce((a, b) => a + b, 0) / n, n };
}

/** A graphology graph of the current network, at the starting positions. */
function graphologyGraph() {
  const g = new graphology.Graph({ type: 'undirected' });
  const n = state.start.length / 2;
  for (let i = 0; i < n; i++) g.addNode(i, { x: state.start[2 * i], y: state.start[2 * i + 1] });
  const e = state.graph;
  for (let k = 0; k < e.length; k += 3) g.addUndirectedEdge(e[k], e[k + 1], { weight: e[k + 2] });
  return g;
}

/** Spread of a layout: the mean distance from the centroid (a sanity check that both moved). */
function spread(xy) {
  const n = xy.length / 2;
  let cx = 0, cy = 0;
  for (let i = 0; i < n; i++) { cx += xy[2 * i]; cy += xy[2 * i + 1]; }
  cx /= n; cy /= n;
  let d = 0;
  for (let i = 0; i < n; i++) d += Math.hypot(xy[2 * i] - cx, xy[2 * i + 1] - cy);
  return d / n;
}

/**
 * Times both layouts on the current graph: `runs` samples after `warmup`, each a
 * full layout of `iterations` steps from the same start. Settings: ours is
 * Fa2Settings (Gephi's adaptive speed) with `scaling`, `gravity`, `theta`;
 * graphology gets scalingRatio = scaling, gravity, barnesHutTheta = 2 * theta (its
 * test is 2·side/distance < θ where ours is side/distance < θ: the same cells open),
 * linLog, outbound attraction distribution, adjustSizes and strong gravity off,
 * edgeWeightInfluence 1, slowDown 1. Barnes–Hut on or off for both.
 */
function run({ iterations, scaling, gravity, theta, barnesHut, warmup, runs }) {
  const start = state.start;
  const edges = new Uint32Array(state.graph);
  const ours = {};
  let oursOut = null;
  for (const [variant, mod] of Object.entries(state.variants)) {
    const times = [];
    for (let i = 0; i < warmup + runs; i++) {
      const t0 = now();
      const out = mod.layout_fa2(start, edges, iterations, scaling, gravity, theta, barnesHut);
      const t = now() - t0;
      if (i >= warmup) times.push(t);
      if (variant === state.primary) oursOut = out;
    }
    ours[variant] = stats(times);
  }
  const settings = {
    scalingRatio: scaling, gravity, barnesHutOptimize: barnesHut, barnesHutTheta: 2 * theta,
    linLogMode: false, outboundAttractionDistribution: false, adjustSizes: false,
    strongGravityMode: false, edgeWeightInfluence: 1, slowDown: 1,
  };
  const times = [];
  let peerOut = null;
  for (let i = 0; i < warmup + runs; i++) {
    // A fresh graph each run (not timed), so every run starts from the same positions.
    const g = graphologyGraph();
    const t0 = now();
    const pos = state.fa2(g, { iterations, settings, getEdgeWeight: 'weight' });
    const t = now() - t0;
    if (i >= warmup) times.push(t);
    peerOut = pos;
  }
  const n = start.length / 2;
  const peerXY = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) { peerXY[2 * i] = peerOut[i].x; peerXY[2 * i + 1] = peerOut[i].y; }
  const finite = (xy) => xy.every(Number.isFinite);
  return {
    ours, peer: stats(times),
    check: { startSpread: spread(start), oursSpread: spread(oursOut), peerSpread: spread(peerXY), oursFinite: finite(oursOut), peerFinite: finite(peerXY) },
  };
}

window.L = { init, loadData, graph, run };
document.getElementById('status').textContent = 'ready';
