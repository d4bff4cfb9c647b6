// In-page half of the "opening data" rows of Convene's browser benchmark
// (issue 13; driven by bench/open.mjs, called from bench/run.mjs).
//
// Two comparisons, each in this one page on the same file:
// - CSV: our import (convene-bench-wasm's Bench.import_csv: decoding, delimiter
//   sniffing, the csv-core parse, the mapping guess and the import into a
//   convene/1 Dataset, the code path of the app's "Open data" dialog) against
//   Papa Parse parsing the same bytes alone (TextDecoder, then Papa.parse with
//   header: true): bytes to rows, nothing more.
// - JSON: our load + first-view index (Bench.open then Bench.build:
//   convene_core::import::open on the file's bytes, which checks the encoding and
//   runs convene_core::load::load, as the app's worker does, and Engine::new, as
//   the page does before its first interactive view) against the browser's
//   JSON.parse of the same file's text (decoded beforehand, untimed); then the
//   search index the app builds after the first paint (Bench.prepare_search:
//   Engine::prepare_search), timed apart and not part of the ratio.
import { stats } from './bench.js';

const now = () => performance.now();
const state = { mods: {}, csv: null, json: null };

window.O = {
  /** Loads our wasm module(s): `variants` is [[name, dir], ...] as for bench.js. */
  async init({ variants }) {
    for (const [name, dir] of variants) {
      const mod = await import(`../${dir}/convene_bench_wasm.js`);
      await mod.default();
      state.mods[name] = mod;
    }
    document.getElementById('status').textContent = 'ready';
    return { papa: typeof Papa !== 'undefined' && typeof Papa.parse === 'function', variants: Object.keys(state.mods) };
  },

  /** Fetches a file's bytes (not timed); returns its size. */
  async fetchFile(kind, url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    const bytes = new Uint8Array(await r.arrayBuffer());
    state[kind] = { bytes, name: url.split('/').pop() };
    if (kind === 'json') state.json.text = new TextDecoder().decode(bytes);
    return bytes.length;
  },

  /** CSV: our import and Papa Parse, alternately, `runs` times each after one warm-up. */
  csv(variant, runs) {
    const { bytes, name } = state.csv;
    const mod = state.mods[variant];
    const ours = [];
    const papa = [];
    let counts = null;
    let papaRows = 0;
    let papaErrors = 0;
    for (let i = 0; i <= runs; i++) {
      const b = new mod.Bench();
      const t0 = now();
      const c = b.import_csv(name, bytes);
      const t1 = now();
      b.free();
      const p0 = now();
      const text = new TextDecoder().decode(bytes);
      const parsed = Papa.parse(text, { header: true, skipEmptyLines: true });
      const p1 = now();
      if (i > 0) { // the first round warms up
        ours.push(t1 - t0);
        papa.push(p1 - p0);
      }
      counts = Array.from(c);
      papaRows = parsed.data.length;
      papaErrors = parsed.errors.length;
    }
    return {
      ours: stats(ours), papa: stats(papa),
      rows: counts[0], events: counts[1], actors: counts[2], participations: counts[3], problems: counts[4],
      papaRows, papaErrors,
    };
  },

  /**
   * JSON: JSON.parse, then the app's path (load and hand-off encode in the worker,
   * hand-off decode and index on the page), `runs` times each after one warm-up.
   */
  json(variant, runs) {
    const { text, bytes, name } = state.json;
    const mod = state.mods[variant];
    const jp = [];
    const load = [];
    const index = [];
    const total = [];
    const search = [];
    const encode = [];
    const decode = [];
    const main = [];
    const dropped = [];
    let participations = 0;
    for (let i = 0; i <= runs; i++) {
      const j0 = now();
      const v = JSON.parse(text);
      const j1 = now();
      participations = v.participations.length;
      const b = new mod.Bench();
      // From the file's bytes, as the app's worker: one copy into wasm
      // memory, the encoding check, then the load (no JS string in between).
      const t0 = now();
      b.open(name, bytes);
      const t1 = now();
      // The app's hand-off from the Web Worker to the page: encoded in the
      // worker, transferred (no copy), decoded on the main thread.
      b.handoff_encode();
      // The worker's dataset freed: timed apart, as the app's worker skips it
      // (the page terminates the worker once the hand-off arrives).
      const d0 = now();
      b.drop_loaded();
      const h1 = now();
      if (i > 0) dropped.push(h1 - d0);
      b.handoff_decode();
      const h2 = now();
      b.build();
      const t2 = now();
      b.prepare_search();
      const t3 = now();
      b.free();
      if (i > 0) { // the first round warms up
        jp.push(j1 - j0);
        load.push(t1 - t0);
        encode.push(d0 - t1);
        decode.push(h2 - h1);
        index.push(t2 - h2);
        total.push(t2 - t0 - (h1 - d0));
        main.push(t2 - h1);
        search.push(t3 - t2);
      }
    }
    return {
      jsonParse: stats(jp), load: stats(load), encode: stats(encode), decode: stats(decode), index: stats(index),
      total: stats(total), main: stats(main), dropped: stats(dropped), search: stats(search), participations,
    };
  },
};
