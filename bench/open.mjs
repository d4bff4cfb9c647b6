// The "opening data" rows of Convene's browser benchmark (issue 13), kept apart
// from bench/run.mjs, which calls benchOpen() and openMarkdown().
//
// - open/csv/SIZE: a participation-layout CSV (bench/data/synth-SIZE.csv, written
//   by crates/convene-bench's synth from the same synthetic data as the JSON
//   files) through our import (wasm: convene-bench-wasm's Bench.import_csv, the
//   app's code path from bytes to a convene/1 Dataset) against Papa Parse
//   (npm papaparse, header: true) parsing the same bytes alone, in the same page.
//   Goals: under 1 s, and within 1.5x Papa Parse.
// - open/json/SIZE: JSON bytes to the first interactive view, the path of the
//   app's "Open data" dialog:
//   our load from the file's bytes (convene_core::import::open: the encoding
//   check, then convene_core::load::load; until session 9 the bench passed a JS
//   string, which added a UTF-8 transcoding of the whole file the app never
//   does) and the hand-off's encoding
//   (load::handoff::encode), which the app runs in its Web Worker, then the
//   hand-off's decoding and the first view's index (Engine::new), which it runs
//   on the main thread; against the browser's JSON.parse of the same text.
//   Goal: under 2.5x JSON.parse. The main thread's part is printed apart (what
//   freezes the page), and so is the search index, which the app builds in
//   slices after the first paint (Engine::prepare_search), not in the ratio.
//
// Full run: the 100k-row CSV and the 1M-participation JSON; --smoke: 10k of each.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = path.dirname(fileURLToPath(import.meta.url));

/** The goals, as issue 13 states them. */
export const OPEN_GOALS = { csvMs: 1000, csvRatio: 1.5, jsonRatio: 2.5 };

/**
 * Runs the rows in one page of `server` (bench/ served cross-origin isolated).
 * `row` adds a result row, `log` prints, `watchProblems` records page errors.
 */
export async function benchOpen(browser, { server, smoke, variants, row, log, watchProblems }) {
  const csv = smoke ? { label: '10k', file: 'synth-10k.csv', runs: 3 } : { label: '100k', file: 'synth-100k.csv', runs: 7 };
  const json = smoke ? { label: '10k', file: 'synth-10k.json', runs: 3 } : { label: '1M', file: 'synth-1m.json', runs: 3 };
  const [P] = variants[0];
  const Z = variants.some(([v]) => v === 'z') && P !== 'z' ? 'z' : null;
  const context = await browser.newContext();
  const page = await context.newPage();
  watchProblems(page, 'open');
  try {
    await page.goto(`${server.url}page/open.html`);
    await page.waitForFunction(() => window.O !== undefined, null, { timeout: 30_000 });
    const env = await page.evaluate((v) => window.O.init({ variants: v }), variants);
    if (!env.papa) throw new Error('open: Papa Parse did not load');
    const pass = (ok) => (ok ? 'PASS' : 'FAIL');

    // CSV.
    const csvBytes = await page.evaluate((f) => window.O.fetchFile('csv', `../data/${f}`), csv.file);
    const c = await page.evaluate(([v, n]) => window.O.csv(v, n), [P, csv.runs]);
    const cz = Z ? await page.evaluate(([v, n]) => window.O.csv(v, n), [Z, csv.runs]) : null;
    if (c.problems !== 0) throw new Error(`open/csv/${csv.label}: our import reported ${c.problems} problems`);
    if (c.papaRows !== c.rows) throw new Error(`open/csv/${csv.label}: Papa Parse read ${c.papaRows} rows, ours ${c.rows}`);
    const csvRatio = c.ours.median / c.papa.median;
    const csvPass = c.ours.median < OPEN_GOALS.csvMs && csvRatio <= OPEN_GOALS.csvRatio;
    row({
      name: `open/csv/${csv.label}`, group: 'open', size: csv.label, what: 'csv',
      ours_ms: c.ours.median, ours_p95_ms: c.ours.p95, ours_variant: P, ours_z_ms: cz?.ours.median ?? null,
      peer: 'Papa Parse', peer_ms: c.papa.median, peer_p95_ms: c.papa.p95, n: c.ours.n,
      bytes: csvBytes, rows: c.rows, events: c.events, actors: c.actors, participations: c.participations,
      goal: `< ${OPEN_GOALS.csvMs} ms and <= ${OPEN_GOALS.csvRatio}x Papa Parse`, pass: csvPass,
      note: 'ours: Bench.import_csv (import::open + import::import: UTF-8 check, delimiter sniff, csv-core parse, mapping guess, merge into a convene/1 Dataset); peer: TextDecoder + Papa.parse(header: true) alone',
    });
    log(`open/csv/${csv.label} (${(csvBytes / 1e6).toFixed(1)} MB, ${c.rows} rows): ours ${c.ours.median.toFixed(0)} ms` +
      `${cz ? ` (z ${cz.ours.median.toFixed(0)} ms)` : ''}, Papa Parse ${c.papa.median.toFixed(0)} ms, ratio ${csvRatio.toFixed(2)}x; ` +
      `goal < ${OPEN_GOALS.csvMs} ms and <= ${OPEN_GOALS.csvRatio}x: ${pass(csvPass)}`);

    // JSON, 1M participations.
    const jsonBytes = await page.evaluate((f) => window.O.fetchFile('json', `../data/${f}`), json.file);
    const j = await page.evaluate(([v, n]) => window.O.json(v, n), [P, json.runs]);
    const jz = Z ? await page.evaluate(([v, n]) => window.O.json(v, n), [Z, json.runs]) : null;
    const jsonRatio = j.total.median / j.jsonParse.median;
    // The shipped build (opt-level "z") against its own run's JSON.parse: the
    // goal holds only when both builds meet it.
    const jsonRatioZ = jz ? jz.total.median / jz.jsonParse.median : null;
    const jsonPass = jsonRatio <= OPEN_GOALS.jsonRatio && (jsonRatioZ === null || jsonRatioZ <= OPEN_GOALS.jsonRatio);
    row({
      name: `open/json/${json.label}`, group: 'open', size: json.label, what: 'json',
      ours_ms: j.total.median, ours_p95_ms: j.total.p95, ours_variant: P, ours_z_ms: jz?.total.median ?? null,
      ours_load_ms: j.load.median, ours_index_ms: j.index.median, ours_search_ms: j.search.median,
      ours_encode_ms: j.encode.median, ours_drop_ms: j.dropped.median, ours_decode_ms: j.decode.median, ours_main_ms: j.main.median,
      ours_z_load_ms: jz?.load.median ?? null, ours_z_index_ms: jz?.index.median ?? null,
      ours_z_search_ms: jz?.search.median ?? null, ratio_z: jsonRatioZ, peer_z_ms: jz?.jsonParse.median ?? null,
      peer: 'JSON.parse', peer_ms: j.jsonParse.median, n: j.total.n, bytes: jsonBytes, participations: j.participations,
      goal: `<= ${OPEN_GOALS.jsonRatio}x JSON.parse`, pass: jsonPass,
      note: 'ours: bytes to the first interactive view, as the app\'s Open data dialog: in the worker, from the file\'s bytes (one copy into wasm memory, as the worker\'s Uint8Array::to_vec), convene_core::import::open (encoding check + load::load) + load::handoff::encode (the dataset is then freed, timed apart in ours_drop_ms and not counted: the app\'s worker skips it, being terminated once the hand-off arrives), on the page handoff::decode + Engine::new (that part alone in ours_main_ms; the search index after it, Engine::prepare_search, in ours_search_ms); peer: JSON.parse of the same text',
    });
    const f = (x) => x.median.toFixed(0);
    log(`open/json/${json.label} (${(jsonBytes / 1e6).toFixed(1)} MB): ours in the worker load ${f(j.load)} + hand-off encode ${f(j.encode)} (then freeing the dataset, ${f(j.dropped)} ms, not counted: the app's worker is terminated instead), ` +
      `on the page hand-off decode ${f(j.decode)} + first-view index ${f(j.index)} (main thread ${f(j.main)} ms) = ${f(j.total)} ms` +
      `${jz ? ` (z ${f(jz.total)} ms, main thread ${f(jz.main)} ms)` : ''}, ` +
      `then the search index ${j.search.median.toFixed(0)} ms${jz ? ` (z ${jz.search.median.toFixed(0)} ms)` : ''} after the first view; ` +
      `JSON.parse ${j.jsonParse.median.toFixed(0)} ms, ratio (all of it) / JSON.parse ${jsonRatio.toFixed(2)}x${jz ? ` (z ${jsonRatioZ.toFixed(2)}x against its own run's JSON.parse ${jz.jsonParse.median.toFixed(0)} ms)` : ''}, main thread alone ${(j.main.median / j.jsonParse.median).toFixed(2)}x; goal <= ${OPEN_GOALS.jsonRatio}x: ${pass(jsonPass)}`);
  } finally {
    await context.close();
  }
}

/** The subsection's heading in BENCHMARKS.md. */
export const OPEN_HEAD = '### Opening data (issue 13): bytes to a dataset, bytes to the first interactive view';

/**
 * The BENCHMARKS.md table of the rows `benchOpen` added; `stamp` (a "Measured …"
 * line) when the table is written alone (`run.mjs --open-only`), not under a full
 * run's dated section.
 */
export function openMarkdown(rows, { ms, ratio }, stamp = null) {
  const open = rows.filter((r) => r.group === 'open');
  if (open.length === 0) return [];
  const out = [OPEN_HEAD, ''];
  if (stamp) out.push(stamp, '');
  out.push('| row | file | ours ms | ours z ms | peer | peer ms | ratio | goal | result |');
  out.push('| --- | --- | ---: | ---: | --- | ---: | ---: | --- | --- |');
  for (const r of open) {
    const file = r.what === 'csv'
      ? `CSV, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.rows.toLocaleString('en')} rows`
      : `convene/1 JSON, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.participations.toLocaleString('en')} participations (worker: load ${ms(r.ours_load_ms)} + hand-off encode ${ms(r.ours_encode_ms)} ms, then freeing the dataset ${ms(r.ours_drop_ms)} ms, not counted, as the app terminates the worker instead; main thread: hand-off decode ${ms(r.ours_decode_ms)} + first-view index ${ms(r.ours_index_ms)} = ${ms(r.ours_main_ms)} ms; search index after the first view, in slices, ${ms(r.ours_search_ms)} ms${r.ratio_z != null ? `; shipped build (z): ${ratio(r.ratio_z)} against its own run's JSON.parse, ${ms(r.peer_z_ms)} ms` : ''})`;
    out.push(`| ${r.name} | ${file} | ${ms(r.ours_ms)} (${ms(r.ours_p95_ms)}) | ${ms(r.ours_z_ms)} | ${r.peer} | ${ms(r.peer_ms)} | ${ratio(r.ratio)} | ${r.goal} | ${r.pass ? 'PASS' : 'FAIL'} |`);
  }
  out.push('');
  return out;
}

export const OPEN_PAGE = path.join(BENCH, 'page', 'open.html');
