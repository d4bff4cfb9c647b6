//! Fetching and validating the dataset at start-up.

use std::sync::Arc;

use convene_core::engine::Engine;
use convene_core::i18n::Key;
use convene_core::import;

use crate::open_worker::{open_in_worker, LinkFailure};

use crate::i18n::{plural, tf};

/// Where the bundled dataset lives, relative to the page (so any sub-path works).
pub const BUNDLED_DATASET: &str = "data/seed.json";

/// Why the dataset could not be shown: a message for the page, naming what failed,
/// in the page's language (the details are the loader's own located messages,
/// in English: paths and field names as the file writes them).
#[derive(Clone, Debug, PartialEq)]
pub struct LoadFailure {
    /// One line: what failed and where.
    pub summary: String,
    /// Details, one per line (validation errors with their JSON paths).
    pub details: Vec<String>,
}

/// Fetches the dataset at `url` (convene/1 JSON, or a CSV/TSV spreadsheet),
/// validates it and builds the engine's index.
pub async fn fetch_dataset(url: String) -> Result<Arc<Engine>, LoadFailure> {
    let failure = |summary: String| LoadFailure {
        summary,
        details: Vec::new(),
    };
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|err| failure(fetch_failed(&url, &err.to_string())))?;
    if !response.ok() {
        let status = format!("{} {}", response.status(), response.status_text());
        return Err(failure(tf(
            Key::FetchAnswered,
            &[("url", &url), ("status", status.trim_end())],
        )));
    }
    // Bytes, not text: the core names a file's encoding when it is not UTF-8.
    let bytes = response.binary().await.map_err(|err| {
        failure(tf(
            Key::ReadFailed,
            &[("url", &url), ("error", &err.to_string())],
        ))
    })?;
    // A convene/1 document loads here; a spreadsheet (CSV/TSV), or bytes that
    // are no UTF-8 text (the worker's reader names their encoding), is
    // imported with its guessed mapping in the worker that opens data, whose
    // module holds the importer (the page's does not: issue 18).
    let dataset = match import::encoding::decode(&bytes) {
        Ok(text) if import::is_json(&url, text) => {
            convene_core::load::load(text).map_err(|errors| LoadFailure {
                summary: plural(Key::DatasetInvalid, errors.0.len(), &[("url", &url)]),
                details: errors.0.iter().map(ToString::to_string).collect(),
            })?
        }
        _ => match open_in_worker(url.clone(), bytes).await {
            Ok(dataset) => dataset,
            Err(LinkFailure::Problems(details, mapping, every_row)) => {
                // Skipping rows helps only when rows are to blame and some are
                // not: a sheet with no data rows, or no column for the actor,
                // or a problem in every row, is not imported whatever is skipped.
                let summary = if mapping > 0 {
                    tf(Key::SheetUnreadable, &[("url", &url)])
                } else if every_row {
                    tf(Key::SheetEveryRow, &[("url", &url)])
                } else {
                    plural(Key::SheetProblems, details.len(), &[("url", &url)])
                };
                return Err(LoadFailure { summary, details });
            }
            Err(LinkFailure::Error(error)) => return Err(failure(error)),
        },
    };
    Ok(engine(dataset))
}

/// What to say when the browser could not fetch `url` at all (`fetch` rejected:
/// no HTTP answer the page may read). Browsers do not tell a page why, on
/// purpose (the Fetch Standard's "network error"), so the message names the
/// usual causes; `error` is the browser's own words (`TypeError: Failed to
/// fetch`).
pub fn fetch_failed(url: &str, error: &str) -> String {
    tf(Key::FetchFailed, &[("url", url), ("error", error)])
}

/// The engine over a loaded dataset, as the first view needs it (facets,
/// posting lists, ranks: `Engine::new`), and its search index built just after
/// the first paint, so that the data shows that much sooner. The index is built
/// in slices of about 8 ms (`SEARCH_SLICE_MS`), one per task (`Engine::prepare_search_step`):
/// in one task it froze the page for seconds at 1M participations (issue 13);
/// between slices the page paints and answers clicks and keys. A text query
/// typed before the last slice finishes the build then (never an empty result).
///
/// Scheduling: a frame callback runs before the next paint (the first view is
/// rendered by then: the caller sets its signal in the same task), and the
/// timeout it sets runs after that paint. A second frame lets views that draw
/// in a frame callback of their own (the matrix) paint first. Each slice then
/// sets a timeout for the next until the index is ready (the browser spaces
/// chained timeouts by at least 4 ms after a few, which is idle time for input
/// and painting).
pub fn engine(dataset: convene_core::model::Dataset) -> Arc<Engine> {
    use leptos::prelude::request_animation_frame;
    let engine = Arc::new(Engine::new(dataset));
    let later = Arc::clone(&engine);
    request_animation_frame(move || {
        request_animation_frame(move || build_search_in_slices(later));
    });
    engine
}

/// How long one slice of the search index's build runs: half a frame at 60 Hz,
/// so a click or a key waits about that long at most (a slice ends after the
/// unit of work in hand: 8-17 ms at 1M participations in Chromium).
const SEARCH_SLICE_MS: f64 = 8.0;
/// A slice's length while the page is hidden (another tab in front): browsers
/// then run a page's timeouts about once a second, so 8 ms slices would take
/// minutes at 1M participations; nobody is typing or clicking in a hidden page.
const HIDDEN_SLICE_MS: f64 = 250.0;

/// Runs one slice of the search index's build in a timeout, and schedules the
/// next until the index is ready.
fn build_search_in_slices(engine: Arc<Engine>) {
    use leptos::prelude::set_timeout;
    set_timeout(
        move || {
            let start = js_sys::Date::now();
            let slice = if leptos::prelude::document().hidden() {
                HIDDEN_SLICE_MS
            } else {
                SEARCH_SLICE_MS
            };
            let mut out_of_time = || js_sys::Date::now() - start >= slice;
            if !engine.prepare_search_step(&mut out_of_time) {
                build_search_in_slices(engine);
            }
        },
        std::time::Duration::ZERO,
    );
}
