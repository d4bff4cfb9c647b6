// In-page half of Convene's browser benchmark (driven by bench/run.mjs).
//
// Everything runs in this one page, on the same data: our engine (wasm, from
// bench/pkg and, when built, the size-optimised bench/pkg-z) and the JavaScript peers
// (crossfilter2, itemsjs, MiniSearch, FlexSearch, loaded as UMD globals by
// index.html). Timing is done here with performance.now(); the page is served
// cross-origin isolated (COOP/COEP), so the clock has 5 µs resolution, not 100 µs.
// The runner measures the JS heap between steps through the DevTools protocol.

const now = () => performance.now();
const state = { variants: {}, json: null, data: null, ours: {}, peers: {} };

/** Median, p95, min, mean of a list of milliseconds. */
export function stats(times) {
  const s = [...times].sort((a, b) => a - b);
  const n = s.length;
  const q = (p) => s[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))];
  return {
    median: n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2,
    p95: q(0.95),
    min: s[0],
    mean: s.reduce((a, b) => a + b, 0) / n,
    n,
  };
}

/**
 * Times `fn` over `runs` samples after `warmup` calls. A call faster than the
 * clock can tell apart (under 0.2 ms in the warm-up) is repeated `batch` times per
 * sample (doubled until a sample takes 0.5 ms; even, so on/off toggles stay
 * paired), and the sample is the mean of those calls; `batch` is reported.
 */
function timeRuns(fn, { warmup, runs }) {
  let sink = 0;
  let slowest = 0;
  let call = 0; // on/off toggles alternate across warm-up and timed calls alike
  const rounds = 2 * Math.ceil(Math.max(warmup, 2) / 2);
  for (let i = 0; i < rounds; i++) {
    const t0 = now();
    sink += fn(call++) || 0;
    slowest = Math.max(slowest, now() - t0);
  }
  let batch = 1;
  if (slowest < 0.2) {
    // Double the batch until one sample takes at least 0.5 ms (these calls warm up too).
    batch = 2;
    for (;;) {
      const t0 = now();
      for (let k = 0; k < batch; k++) sink += fn(call++) || 0;
      if (now() - t0 >= 0.5 || batch >= 1 << 16) break;
      batch *= 2;
    }
  }
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    for (let k = 0; k < batch; k++) sink += fn(call++) || 0;
    times.push((now() - t0) / batch);
  }
  return { ...stats(times), batch, sink };
}

// ---------------------------------------------------------------------------
// Set-up: our wasm module(s) and the dataset.

async function loadVariant(name, dir) {
  const mod = await import(`../${dir}/convene_bench_wasm.js`);
  const exports = await mod.default({ module_or_path: `../${dir}/convene_bench_wasm_bg.wasm` });
  state.variants[name] = { Bench: mod.Bench, memory: exports.memory };
}

/**
 * Loads our module's variants, `[[name, dir], ...]`: `o3` from bench/pkg (opt-level
 * 3), `z` from bench/pkg-z (opt-level "z"). The first is the primary one, used for
 * the count and recall checks.
 */
async function init({ variants }) {
  for (const [name, dir] of variants) await loadVariant(name, dir);
  state.primary = variants[0][0];
  return {
    crossfilter: typeof crossfilter === 'function',
    itemsjs: typeof itemsjs === 'function',
    minisearch: typeof MiniSearch === 'function',
    flexsearch: typeof FlexSearch === 'object' || typeof FlexSearch === 'function',
    crossOriginIsolated: self.crossOriginIsolated,
    variants: Object.keys(state.variants),
  };
}

/** Fetches a dataset's text (not timed) and keeps it for the builds. */
async function fetchData(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  state.json = await res.text();
  return state.json.length;
}

// ---------------------------------------------------------------------------
// Ours.

/**
 * Parses (load: JSON + validation into the model) and builds (Engine::new, with
 * the search index) `runs` times; keeps the last engine. Memory: wasm linear
 * memory growth over the first run (an upper bound: it never shrinks and holds
 * the parser's temporary JSON tree), and the engine's own heap estimate.
 */
function oursBuild(variant, runs) {
  const v = state.variants[variant];
  const mem0 = v.memory.buffer.byteLength;
  const parse = [], build = [];
  let memGrowth = 0;
  for (let i = 0; i < runs; i++) {
    if (state.ours[variant]) { state.ours[variant].free(); state.ours[variant] = null; }
    const b = new v.Bench();
    const t0 = now();
    b.parse(state.json);
    const t1 = now();
    b.build();
    const t2 = now();
    parse.push(t1 - t0);
    build.push(t2 - t1);
    if (i === 0) memGrowth = v.memory.buffer.byteLength - mem0;
    state.ours[variant] = b;
  }
  const b = state.ours[variant];
  const searchBuild = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    b.build_search_only();
    searchBuild.push(now() - t0);
  }
  return {
    parse: stats(parse), build: stats(build), searchBuild: stats(searchBuild),
    wasmMemoryGrowth: memGrowth, wasmMemory: v.memory.buffer.byteLength,
    heapBytes: b.heap_bytes(), searchHeapBytes: b.search_heap_bytes(),
  };
}

/** Our facet counts for a view, for choosing toggles and checking peers (not timed). */
function oursFacets(query) {
  const counts = JSON.parse(state.ours[state.primary].facets_json(query));
  counts.year = counts.years; // our URL name of the year facet
  delete counts.years;
  return counts;
}

// ---------------------------------------------------------------------------
// The peers' data model, from the same JSON.

function fold(term) {
  return term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * JSON.parse, then the rows the facet peers index and the documents the search
 * peers index. Event facets: year (start year; -1 when undated), country, series,
 * themes (several), status. Participation facets: kind, actor, role.
 */
function prepare() {
  const t0 = now();
  const D = JSON.parse(state.json);
  const t1 = now();
  const actorIndex = new Map(D.actors.map((a, i) => [a.id, i]));
  const events = D.events.map((e, i) => ({
    id: i,
    year: e.start ? Number(e.start.slice(0, 4)) : -1,
    country: e.country ?? '',
    series: e.series ?? '',
    themes: e.themes ?? [],
    status: e.status,
    kinds: [], actors: [], roles: [],
  }));
  const eventIndex = new Map(D.events.map((e, i) => [e.id, i]));
  const parts = new Array(D.participations.length);
  const quotes = D.events.map(() => new Set());
  const eventActors = D.events.map(() => new Set());
  D.participations.forEach((p, i) => {
    const ei = eventIndex.get(p.event);
    const a = D.actors[actorIndex.get(p.actor)];
    const e = events[ei];
    parts[i] = {
      event: ei, year: e.year, country: e.country, series: e.series, themes: e.themes,
      status: e.status, kind: a.kind, actor: a.id, role: p.role,
    };
    quotes[ei].add(p.quote);
    eventActors[ei].add(a);
  });
  // Event rows: the participation facets become arrays of distinct values.
  const roles = D.events.map(() => new Set());
  for (const p of parts) roles[p.event].add(p.role);
  D.events.forEach((_, ei) => {
    const e = events[ei];
    const kinds = new Set();
    for (const a of eventActors[ei]) kinds.add(a.kind);
    e.actors = [...eventActors[ei]].map((a) => a.id);
    e.kinds = [...kinds];
    e.roles = [...roles[ei]];
  });
  // Search documents: the fields our index reads (see convene-core search.rs).
  const docs = D.events.map((e, ei) => {
    const actors = [...eventActors[ei]]
      .map((a) => [a.name, a.acronym ?? '', ...(a.aliases ?? []), a.iso3 ?? ''].join(' '))
      .join(' ');
    return {
      id: ei,
      name: e.name,
      meta: [e.summary ?? '', ...(e.themes ?? []), e.city ?? '', e.country ?? '', e.venue ?? '',
        e.series ?? '', e.edition ?? ''].join(' '),
      actors,
      quotes: [...quotes[ei]].join(' '),
    };
  });
  const t2 = now();
  state.data = { events, parts, docs, nEvents: D.events.length, nParts: parts.length };
  state.json = null; // the text is no longer needed: free it before the builds
  return { jsonParse: t1 - t0, model: t2 - t1, events: events.length, parts: parts.length };
}

// ---------------------------------------------------------------------------
// Facet peers.

const PART_FACETS = ['year', 'country', 'series', 'theme', 'status', 'kind', 'actor', 'role'];

/** crossfilter2 over participation rows; plus an event dimension for the result count. */
function buildCfParts() {
  const cf = crossfilter(state.data.parts);
  const dims = {
    year: cf.dimension((r) => r.year),
    country: cf.dimension((r) => r.country),
    series: cf.dimension((r) => r.series),
    theme: cf.dimension((r) => r.themes, true),
    status: cf.dimension((r) => r.status),
    kind: cf.dimension((r) => r.kind),
    actor: cf.dimension((r) => r.actor),
    role: cf.dimension((r) => r.role),
    event: cf.dimension((r) => r.event),
  };
  const groups = {};
  for (const f of Object.keys(dims)) groups[f] = dims[f].group().reduceCount();
  return { cf, dims, groups, all: cf.groupAll().reduceCount() };
}

/** crossfilter2 over event rows, participation facets as array dimensions. */
function buildCfEvents() {
  const cf = crossfilter(state.data.events);
  const dims = {
    year: cf.dimension((r) => r.year),
    country: cf.dimension((r) => r.country),
    series: cf.dimension((r) => r.series),
    theme: cf.dimension((r) => r.themes, true),
    status: cf.dimension((r) => r.status),
    kind: cf.dimension((r) => r.kinds, true),
    actor: cf.dimension((r) => r.actors, true),
    role: cf.dimension((r) => r.roles, true),
  };
  const groups = {};
  for (const f of Object.keys(dims)) groups[f] = dims[f].group().reduceCount();
  return { cf, dims, groups, all: cf.groupAll().reduceCount() };
}

/** itemsjs over event rows, every facet disjunctive (OR within a facet), all buckets. */
function buildItemsjs() {
  const items = state.data.events.map((e) => {
    const item = {
      id: e.id, country: e.country || undefined, series: e.series || undefined,
      theme: e.themes, status: e.status, kind: e.kinds, actor: e.actors, role: e.roles,
    };
    if (e.year >= 0) item.year = String(e.year);
    return item;
  });
  const aggregations = {};
  for (const f of PART_FACETS) {
    aggregations[f] = { title: f, size: 1e6, conjunction: false, chosen_filters_on_top: false };
  }
  return itemsjs(items, { aggregations, native_search_enabled: false });
}

/** MiniSearch, every field, accents folded (else `securite` finds nothing). */
function buildMiniSearch() {
  const ms = new MiniSearch({
    fields: ['name', 'meta', 'actors', 'quotes'],
    storeFields: [],
    processTerm: fold,
    searchOptions: { prefix: true, combineWith: 'AND' },
  });
  ms.addAll(state.data.docs);
  return ms;
}

/** FlexSearch Index over each event's text, forward (prefix) tokenizer, default encoder. */
function buildFlexSearch() {
  const index = new FlexSearch.Index({ tokenize: 'forward' });
  for (const d of state.data.docs) {
    index.add(d.id, `${d.name} ${d.meta} ${d.actors} ${d.quotes}`);
  }
  return index;
}

const BUILDERS = {
  'crossfilter2 (participation rows)': buildCfParts,
  'crossfilter2 (event rows)': buildCfEvents,
  itemsjs: buildItemsjs,
  MiniSearch: buildMiniSearch,
  FlexSearch: buildFlexSearch,
};

/** Builds a peer `runs` times; keeps the first (its heap is what the runner measured). */
function peerBuild(name, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const built = BUILDERS[name]();
    times.push(now() - t0);
    if (i === 0) state.peers[name] = built;
  }
  return stats(times);
}

// ---------------------------------------------------------------------------
// Facet toggles: switch one value on, then off, alternately; every run recomputes
// the result count and every facet's counts and reads them all.

function cfToggle(p, facet, value, on) {
  const dim = p.dims[facet];
  if (on) dim.filterExact(value); else dim.filterAll();
  let sum = 0;
  for (const f of PART_FACETS) for (const g of p.groups[f].all()) sum += g.value;
  return sum + p.all.value();
}

/** Result in events for the participation-row crossfilter: distinct events with a row. */
function cfPartsEvents(p) {
  let n = 0;
  for (const g of p.groups.event.all()) if (g.value > 0) n++;
  return n;
}

function itemsjsToggle(ij, facet, value, on) {
  const r = ij.search({ per_page: 1, filters: on ? { [facet]: [String(value)] } : {} });
  let sum = r.pagination.total;
  for (const f of PART_FACETS) for (const b of r.data.aggregations[f].buckets) sum += b.doc_count;
  return sum;
}

/** Our URL parameter for a facet toggle. */
function viewQuery(facet, key) {
  const param = { year: 'years', country: 'country', series: 'series', theme: 'theme', status: 'status', kind: 'kind', actor: 'actor', role: 'role' }[facet];
  return `${param}=${encodeURIComponent(key)}`;
}

/**
 * Times one toggle for ours (each variant) and each facet peer. `key` is our URL
 * key; for the peers the year is a number.
 */
function toggle(facet, key, { warmup, runs }) {
  const q = viewQuery(facet, key);
  const value = facet === 'year' ? Number(key) : key;
  const out = { facet, key, query: q, ours: {}, peers: {} };
  for (const [variant, b] of Object.entries(state.ours)) {
    if (!b) continue;
    out.ours[variant] = timeRuns((i) => {
      const r = b.query(i % 2 === 0 ? q : '');
      return r[0];
    }, { warmup, runs });
  }
  const cfp = state.peers['crossfilter2 (participation rows)'];
  out.peers['crossfilter2 (participation rows)'] = timeRuns((i) => {
    const s = cfToggle(cfp, facet, value, i % 2 === 0);
    return s + cfPartsEvents(cfp);
  }, { warmup, runs });
  cfToggle(cfp, facet, value, false);
  const cfe = state.peers['crossfilter2 (event rows)'];
  out.peers['crossfilter2 (event rows)'] = timeRuns((i) => cfToggle(cfe, facet, value, i % 2 === 0), { warmup, runs });
  cfToggle(cfe, facet, value, false);
  const ij = state.peers.itemsjs;
  out.peers.itemsjs = timeRuns((i) => itemsjsToggle(ij, facet, value, i % 2 === 0), { warmup, runs });
  return out;
}

/** Nonzero counts per facet, keys as strings, for comparing engines. */
function nonzero(map) {
  const out = {};
  for (const [k, v] of Object.entries(map)) if (v > 0 && k !== '' && k !== '-1') out[k] = v;
  return out;
}

function diffCounts(a, b) {
  let mismatches = 0;
  const examples = [];
  for (const f of PART_FACETS) {
    const x = nonzero(a[f] ?? {}), y = nonzero(b[f] ?? {});
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (x[k] !== y[k]) {
        mismatches++;
        if (examples.length < 4) examples.push(`${f}=${k}: ours ${x[k] ?? 0}, peer ${y[k] ?? 0}`);
      }
    }
  }
  return { mismatches, examples };
}

/**
 * With the toggle on, compares every facet's counts and the result count between
 * ours and the event-row peers (whose semantics match ours when a single facet is
 * selected), and reports what the participation-row crossfilter counts instead.
 */
function checkToggle(facet, key) {
  const q = viewQuery(facet, key);
  const value = facet === 'year' ? Number(key) : key;
  const ours = oursFacets(q);
  const read = (groups) => {
    const out = {};
    for (const f of PART_FACETS) {
      out[f] = {};
      for (const g of groups[f].all()) out[f][String(g.key)] = g.value;
    }
    return out;
  };
  const cfe = state.peers['crossfilter2 (event rows)'];
  cfToggle(cfe, facet, value, true);
  const cfeCounts = read(cfe.groups);
  const cfeEvents = cfe.all.value();
  cfToggle(cfe, facet, value, false);
  const cfp = state.peers['crossfilter2 (participation rows)'];
  cfToggle(cfp, facet, value, true);
  const cfpEvents = cfPartsEvents(cfp);
  const cfpRows = cfp.all.value();
  cfToggle(cfp, facet, value, false);
  const r = state.peers.itemsjs.search({ per_page: 1, filters: { [facet]: [String(value)] } });
  const ijCounts = {};
  for (const f of PART_FACETS) {
    ijCounts[f] = {};
    for (const b of r.data.aggregations[f].buckets) ijCounts[f][String(b.key)] = b.doc_count;
  }
  return {
    oursEvents: ours._events,
    cfEventRows: { events: cfeEvents, ...diffCounts(ours, cfeCounts) },
    itemsjs: { events: r.pagination.total, ...diffCounts(ours, ijCounts) },
    cfParticipationRows: { events: cfpEvents, rows: cfpRows },
  };
}

// ---------------------------------------------------------------------------
// Search: hits and time per query, ours against MiniSearch and FlexSearch.

function search(queries, { warmup, runs }) {
  const ms = state.peers.MiniSearch;
  const fx = state.peers.FlexSearch;
  const limit = state.data.nEvents + 1;
  const rows = [];
  for (const q of queries) {
    const row = { query: q, ours: {}, peers: {} };
    for (const [variant, b] of Object.entries(state.ours)) {
      if (b) row.ours[variant] = timeRuns(() => b.search(q), { warmup, runs });
    }
    row.peers.MiniSearch = timeRuns(() => ms.search(q).length, { warmup, runs });
    row.peers.FlexSearch = timeRuns(() => fx.search(q, { limit }).length, { warmup, runs });
    // Hits and recall (not timed).
    const ours = new Set(state.ours[state.primary].search_ids(q));
    const msIds = ms.search(q).map((r) => r.id);
    const fxIds = fx.search(q, { limit });
    const missing = (ids) => ids.filter((id) => !ours.has(id)).length;
    row.hits = { ours: ours.size, MiniSearch: msIds.length, FlexSearch: fxIds.length };
    row.missingFromOurs = { MiniSearch: missing(msIds), FlexSearch: missing(fxIds) };
    rows.push(row);
  }
  return rows;
}

window.B = { init, fetchData, oursBuild, oursFacets, prepare, peerBuild, toggle, checkToggle, search, stats };
document.getElementById('status').textContent = 'ready';
