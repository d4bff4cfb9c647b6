//! Convene's engine and search index as a bare wasm module, for the browser
//! benchmark (`scripts/bench.sh`, `bench/README.md`).
//!
//! The page times every call on the JavaScript side with `performance.now()`, so
//! each export does one thing: parse, build, query, search. Results cross the
//! boundary as numbers (a `Uint32Array`), the way the app's components read them, so
//! the timings include handing every facet count to JavaScript but no JSON
//! encoding. [`Bench::facets_json`] is the one slow, untimed export: it lets the
//! page check our counts against a peer's.
//!
//! Built with `wasm-bindgen --target web`; see `scripts/bench.sh` for the profile.
#![deny(missing_docs)]

use convene_core::engine::{Engine, Facet};
use convene_core::layout::{initial_positions, run, Fa2Settings};
use convene_core::load::load;
use convene_core::network::{build_network, NetworkOptions};
use convene_core::search::SearchIndex;
use convene_core::view::ViewState;
use convene_core::Dataset;
use wasm_bindgen::prelude::*;

/// One dataset, loaded then indexed, with the queries the benchmark runs on it.
#[wasm_bindgen]
#[derive(Default)]
pub struct Bench {
    /// Parsed and validated, not yet indexed (between [`Bench::parse`] and [`Bench::build`]).
    dataset: Option<Dataset>,
    engine: Option<Engine>,
    /// Hand-off bytes, between [`Bench::handoff_encode`] and [`Bench::handoff_decode`].
    handoff: Vec<u8>,
}

#[wasm_bindgen]
impl Bench {
    /// An empty bench: call [`Bench::parse`], then [`Bench::build`].
    #[wasm_bindgen(constructor)]
    pub fn new() -> Bench {
        Bench::default()
    }

    /// Opens a file's bytes as the app's "Open data" worker does
    /// (`convene_core::import::open`: the encoding check, then, for a JSON
    /// document, `load::load`). The bytes cross into wasm memory as one copy,
    /// as the worker's `Uint8Array::to_vec` does, not through a JS string.
    /// Throws when the bytes are not a loadable `convene/1` document.
    pub fn open(&mut self, name: &str, bytes: &[u8]) -> Result<(), JsError> {
        use convene_core::import::{open, Input, Opened};
        match open(&[Input { name, bytes }]) {
            Ok(Opened::Dataset(dataset)) => {
                self.dataset = Some(dataset);
                self.engine = None;
                Ok(())
            }
            Ok(Opened::Sheets(_)) => Err(JsError::new(
                "open: a spreadsheet, not a convene/1 document",
            )),
            Err(e) => Err(JsError::new(&e.to_string())),
        }
    }

    /// Parses and validates a `convene/1` document with `convene_core::load::load`,
    /// as the app does. Throws with the loader's first problems when it is invalid.
    pub fn parse(&mut self, json: &str) -> Result<(), JsError> {
        match load(json) {
            Ok(dataset) => {
                self.dataset = Some(dataset);
                self.engine = None;
                Ok(())
            }
            Err(errors) => {
                let first: Vec<String> = errors.iter().take(3).map(|e| e.to_string()).collect();
                Err(JsError::new(&first.join("\n")))
            }
        }
    }

    /// Opens a spreadsheet's bytes and imports it as the app's "Open data" dialog
    /// does (`convene_core::import::open`: decoding, delimiter sniffing, CSV
    /// parse, mapping guess; then `import::import` with the guessed mapping and
    /// problem rows not skipped), keeping the dataset for [`Bench::build`].
    /// Returns `[rows read, events, actors, participations, problems]`. Throws
    /// when the bytes are not a spreadsheet or nothing could be imported.
    pub fn import_csv(&mut self, name: &str, bytes: &[u8]) -> Result<Vec<u32>, JsError> {
        use convene_core::import::{import, open, Input, Opened, Options};
        let sheets = match open(&[Input { name, bytes }]) {
            Ok(Opened::Sheets(sheets)) => sheets,
            Ok(Opened::Dataset(_)) => {
                return Err(JsError::new(
                    "import_csv: a JSON document, not a spreadsheet",
                ))
            }
            Err(e) => return Err(JsError::new(&e.to_string())),
        };
        let result = import(&sheets, &Options::default());
        let r = &result.report;
        let counts = vec![
            r.rows_read as u32,
            r.events as u32,
            r.actors as u32,
            r.participations as u32,
            (r.problems.len() + r.mapping_problems.len()) as u32,
        ];
        match result.dataset {
            Some(dataset) => {
                self.dataset = Some(dataset);
                self.engine = None;
                Ok(counts)
            }
            None => {
                let first: Vec<String> = r
                    .mapping_problems
                    .iter()
                    .cloned()
                    .chain(r.problems.iter().take(3).map(ToString::to_string))
                    .collect();
                Err(JsError::new(&format!(
                    "import_csv: nothing imported: {}",
                    first.join("; ")
                )))
            }
        }
    }

    /// The worker's side of the app's hand-off (`load::handoff::encode` of the
    /// parsed dataset, kept for [`Bench::handoff_decode`]); returns its length
    /// in bytes. Throws when nothing was parsed.
    pub fn handoff_encode(&mut self) -> Result<u32, JsError> {
        let dataset = self
            .dataset
            .as_ref()
            .ok_or_else(|| JsError::new("handoff_encode: parse a dataset first"))?;
        let bytes = convene_core::load::handoff::encode(dataset);
        let n = bytes.len() as u32;
        self.handoff = bytes;
        Ok(n)
    }

    /// Frees the parsed dataset once [`Bench::handoff_encode`] has encoded
    /// it. The bench times this apart: the app's worker skips it (the page
    /// terminates the worker when the hand-off arrives), so it is not part of
    /// the path from bytes to the first view.
    pub fn drop_loaded(&mut self) {
        self.dataset = None;
    }

    /// The page's side of the hand-off: `load::handoff::decode` of the bytes
    /// [`Bench::handoff_encode`] kept, which replaces the parsed dataset (so
    /// [`Bench::build`] indexes what crossed). Throws when the bytes do not
    /// decode.
    pub fn handoff_decode(&mut self) -> Result<(), JsError> {
        let bytes = std::mem::take(&mut self.handoff);
        let dataset = convene_core::load::handoff::decode(&bytes)
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.dataset = Some(dataset);
        Ok(())
    }

    /// Builds the engine over the parsed dataset: `Engine::new`, what the first
    /// view needs (facet columns, postings, ranks; the search index waits for
    /// [`Bench::prepare_search`] or the first text query). Throws when nothing
    /// was parsed.
    pub fn build(&mut self) -> Result<(), JsError> {
        let dataset = self
            .dataset
            .take()
            .ok_or_else(|| JsError::new("build: parse a dataset first"))?;
        self.engine = Some(Engine::new(dataset));
        Ok(())
    }

    /// Builds the engine's search index now (`Engine::prepare_search`, what the
    /// app does after the first paint); nothing when it is already built.
    pub fn prepare_search(&self) -> Result<(), JsError> {
        self.engine()?.prepare_search();
        Ok(())
    }

    /// Builds the search index alone over the loaded dataset, as `Engine::new`
    /// does, and drops it: the search-only build time. Returns its term count.
    pub fn build_search_only(&self) -> Result<u32, JsError> {
        let engine = self.engine()?;
        let index = SearchIndex::build(engine.dataset());
        Ok(index.term_count() as u32)
    }

    /// The engine's own estimate of its index structures' heap (`Engine::heap_bytes`:
    /// neither the dataset nor the search index), in bytes.
    pub fn heap_bytes(&self) -> Result<f64, JsError> {
        Ok(self.engine()?.heap_bytes() as f64)
    }

    /// The search index's own estimate of its heap, in bytes.
    pub fn search_heap_bytes(&self) -> Result<f64, JsError> {
        Ok(self.engine()?.search_index().heap_bytes() as f64)
    }

    /// Runs the view given as a URL query string (`country=MAR&role=host`) with
    /// `Engine::query` and returns `[events, participations, values, c0, c1, ...]`:
    /// the result count, the participations shown, the number of facet values, then
    /// every facet value's count in `Facet::ALL` order.
    pub fn query(&self, view_query: &str) -> Result<Vec<u32>, JsError> {
        let engine = self.engine()?;
        let (view, _notices) = ViewState::from_query(view_query);
        let selection = engine.query(&view);
        let values: usize = selection.facets.iter().map(|f| f.values.len()).sum();
        let mut out = Vec::with_capacity(3 + values);
        out.push(selection.events.len() as u32);
        out.push(selection.participations(engine).len() as u32);
        out.push(values as u32);
        for facet in &selection.facets {
            out.extend(facet.values.iter().map(|v| v.count));
        }
        Ok(out)
    }

    /// Every facet's counts for a view as JSON, `{"country": {"MAR": 12, ...}, ...}`
    /// (keys as in the URL), plus `"_events"`: the result count. Slow; not timed.
    pub fn facets_json(&self, view_query: &str) -> Result<String, JsError> {
        let engine = self.engine()?;
        let (view, _notices) = ViewState::from_query(view_query);
        let selection = engine.query(&view);
        let mut out = format!("{{\"_events\":{}", selection.events.len());
        for facet in Facet::ALL {
            let Some(counts) = selection.facet(facet) else {
                continue;
            };
            out.push_str(&format!(",{}:{{", json_string(facet.as_str())));
            for (i, v) in counts.values.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&format!("{}:{}", json_string(&v.key), v.count));
            }
            out.push('}');
        }
        out.push('}');
        Ok(out)
    }

    /// Number of events a text query finds (`SearchIndex::search`, every term a
    /// prefix, terms ANDed, all hits ranked and sorted); 0 for a query with no term.
    pub fn search(&self, query: &str) -> Result<u32, JsError> {
        let engine = self.engine()?;
        Ok(engine
            .search_index()
            .search(query)
            .map_or(0, |r| r.hits.len() as u32))
    }

    /// The event indices a text query finds, best first (for recall checks; not timed).
    pub fn search_ids(&self, query: &str) -> Result<Vec<u32>, JsError> {
        let engine = self.engine()?;
        Ok(engine
            .search_index()
            .search(query)
            .map(|r| r.hits.iter().map(|h| h.event).collect())
            .unwrap_or_default())
    }
}

#[wasm_bindgen]
impl Bench {
    /// The co-participation network of the view given as a URL query string, cut
    /// to the `top` actors with most events (`convene_core::network::build_network`,
    /// minimum weight 1), as the graph the layout runs on: `[n, m, a0, b0, w0, a1,
    /// b1, w1, ...]` (node count, edge count, then each edge's two node indices and
    /// its weight in shared events). Not timed: both layouts get this same graph.
    pub fn network_graph(&self, view_query: &str, top: u32) -> Result<Vec<u32>, JsError> {
        let engine = self.engine()?;
        let (view, _notices) = ViewState::from_query(view_query);
        let selection = engine.query(&view);
        let net = build_network(engine, &selection, NetworkOptions { top, min_weight: 1 });
        let mut out = Vec::with_capacity(2 + 3 * net.edges.len());
        out.push(net.nodes.len() as u32);
        out.push(net.edges.len() as u32);
        for e in &net.edges {
            out.extend([e.a, e.b, e.weight]);
        }
        Ok(out)
    }

    /// The starting positions the app would use for that network (no previous
    /// picture: hashed from the actor ids, `convene_core::layout::initial_positions`),
    /// flat `[x0, y0, x1, y1, ...]`. Not timed: both layouts start from these.
    pub fn network_start(&self, view_query: &str, top: u32) -> Result<Vec<f64>, JsError> {
        let engine = self.engine()?;
        let (view, _notices) = ViewState::from_query(view_query);
        let selection = engine.query(&view);
        let net = build_network(engine, &selection, NetworkOptions { top, min_weight: 1 });
        let start = initial_positions(&net.layout_input(engine), &|_| None);
        Ok(start.into_iter().flatten().collect())
    }
}

/// Runs convene-core's ForceAtlas2 (`convene_core::layout::run`) for `iterations`
/// steps from the flat positions `start` (`[x0, y0, ...]`) on the flat edges
/// `[a0, b0, w0, ...]`, and returns the final positions, flat. This is the timed
/// call: it includes copying the graph in and the positions out. `scaling` is
/// `kr`, `gravity` `kg`, `theta` the Barnes–Hut opening criterion, and
/// `barnes_hut` chooses the quadtree (true) or the exact O(n²) repulsion.
#[wasm_bindgen]
pub fn layout_fa2(
    start: &[f64],
    edges: &[u32],
    iterations: u32,
    scaling: f64,
    gravity: f64,
    theta: f64,
    barnes_hut: bool,
) -> Vec<f64> {
    let mut pos: Vec<[f64; 2]> = start.chunks_exact(2).map(|p| [p[0], p[1]]).collect();
    let edges: Vec<(u32, u32, f64)> = edges
        .chunks_exact(3)
        .map(|e| (e[0], e[1], f64::from(e[2])))
        .collect();
    let settings = Fa2Settings {
        iterations,
        scaling,
        gravity,
        theta,
        barnes_hut_from: if barnes_hut { 0 } else { usize::MAX },
        ..Fa2Settings::for_nodes(pos.len())
    };
    run(&mut pos, &edges, &settings);
    pos.into_iter().flatten().collect()
}

impl Bench {
    fn engine(&self) -> Result<&Engine, JsError> {
        self.engine
            .as_ref()
            .ok_or_else(|| JsError::new("build the engine first"))
    }
}

/// A JSON string literal (keys here are slugs, codes, years and theme words, but
/// quote and backslash are escaped all the same).
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
