// Opens data off the main thread (issue 13): reads the user's files, then
// decodes, parses (CSV or convene/1 JSON), validates, guesses the mapping and
// imports, in this module worker, so the page stays responsive and a Cancel
// button can stop it (the page calls worker.terminate()).
//
// It runs its own wasm module, convene-open (src/bin/convene-open.rs: the
// importer, the loader and the hand-off, which the page's module leaves out),
// fetched on the first 'open' under the page's version, so that a cached module
// of another build is never paired with this page. Every rule is in Rust
// (src/open_worker.rs, convene_core::import); this file only moves bytes.
//
// Messages from the page:
//   { type: 'open', version, files: [{ name, file } | { name, bytes: ArrayBuffer }] }
//     (version: the page's own module's hashed file name)
//   { type: 'import', mappings: [[field label | null, ...], ...], skip: boolean }
// Messages to the page:
//   { type: 'progress', read, total, rows }   bytes read of total, rows parsed
//   { type: 'opened', kind: 'dataset', data: ArrayBuffer, rows }   (the loaded dataset as load::handoff bytes, transferred)
//   { type: 'opened', kind: 'sheets', sheets: [sheet heads], rows }
//   { type: 'imported', data: ArrayBuffer | null, problems: [text], mappingProblems, problemRows, counts: [SUMMARY_LEN numbers: Report::summary_counts] }
//     (mappingProblems: how many of problems, first, are the mapping's rather than a row's;
//     problemRows: how many rows the others are in)
//   { type: 'error', message }
let app = null;
let last = 0;

function progress(read, total, rows, force) {
  const t = performance.now();
  if (!force && t - last < 50) return; // at most 20 messages a second
  last = t;
  self.postMessage({ type: 'progress', read, total, rows });
}

async function readAll(files) {
  const total = files.reduce((n, f) => n + (f.bytes ? f.bytes.byteLength : f.file.size), 0);
  let read = 0;
  const names = [];
  const bytes = [];
  progress(0, total, 0, true);
  for (const f of files) {
    names.push(f.name);
    if (f.bytes) {
      read += f.bytes.byteLength;
      bytes.push(new Uint8Array(f.bytes));
      progress(read, total, 0, false);
      continue;
    }
    // A File streams in chunks: the bar moves as they arrive.
    const buf = new Uint8Array(f.file.size);
    const reader = f.file.stream().getReader();
    let at = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (at + value.length > buf.length) throw new Error(`${f.name} changed while it was read`);
      buf.set(value, at);
      at += value.length;
      read += value.length;
      progress(read, total, 0, false);
    }
    bytes.push(buf.subarray(0, at));
  }
  progress(read, total, 0, true);
  return { names, bytes, total };
}

self.onmessage = async (event) => {
  const m = event.data;
  try {
    if (m.type === 'open') {
      if (!app) {
        const v = `?v=${encodeURIComponent(m.version)}`;
        try {
          const glue = await import(new URL(`convene-open.js${v}`, self.location.href).href);
          await glue.default({ module_or_path: new URL(`convene-open_bg.wasm${v}`, self.location.href) });
          app = glue;
        } catch (e) {
          // A host that left these files out, or serves the wasm under another type.
          throw new Error('The data could not be read: the reading worker could not load its module ' +
            `(convene-open.js and convene-open_bg.wasm, beside open-worker.js): ${(e && e.message) || e}`);
        }
      }
      const { names, bytes, total } = await readAll(m.files);
      const report = (rows) => progress(total, total, rows, true);
      const r = app.convene_open(names, bytes, report);
      if (r.kind === 'dataset') {
        // The loaded dataset's hand-off bytes: moved (transferred), not copied.
        self.postMessage({ type: 'opened', kind: 'dataset', data: r.data.buffer, rows: r.rows }, [r.data.buffer]);
      } else {
        self.postMessage({ type: 'opened', kind: 'sheets', sheets: r.sheets, rows: r.rows });
      }
    } else if (m.type === 'import') {
      const r = app.convene_import(m.mappings, m.skip);
      const data = r.data ? r.data.buffer : null;
      self.postMessage({ type: 'imported', data, problems: r.problems, mappingProblems: r.mappingProblems, problemRows: r.problemRows, counts: r.counts }, data ? [data] : []);
    }
  } catch (e) {
    self.postMessage({ type: 'error', message: typeof e === 'string' ? e : (e && e.message) || String(e) });
  }
};
