//! Fixtures shared by the core's integration tests: the repository's paths, the
//! seed dataset, synthetic engines and views read from query strings.

use std::path::PathBuf;

use convene_core::engine::Engine;
use convene_core::load::load;
use convene_core::synth::{generate, SynthParams};
use convene_core::view::ViewState;
use convene_core::Dataset;
use serde_json::{json, Value};

/// The repository's root (two levels above this crate).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed dataset (`public/data/seed.json`), loaded; panics naming the file or
/// the load errors.
pub fn seed() -> Dataset {
    let path = repo().join("public/data/seed.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match load(&text) {
        Ok(dataset) => dataset,
        Err(errors) => panic!("seed.json is not valid convene/1:\n{errors}"),
    }
}

/// The engine over a synthetic dataset of `size` participations ([`generate`]).
pub fn synth_engine(size: usize, seed: u64) -> Engine {
    Engine::new(generate(&SynthParams {
        participations: size,
        seed,
    }))
}

/// The view a query string says; panics if the codec has any notice about it.
pub fn view(query: &str) -> ViewState {
    let (v, notices) = ViewState::from_query(query);
    assert!(notices.is_empty(), "{notices:?}");
    v
}

/// A small valid `convene/1` document (one source, a country, an organisation
/// and a person at one congress) as JSON, for tests to load or break.
pub fn valid() -> Value {
    json!({
        "format": "convene/1",
        "title": "Test",
        "sources": [{"id": "s1", "title": "Source one", "published": "2016-12-20", "language": "en"}],
        "actors": [
            {"id": "mar", "name": "Morocco", "kind": "country", "iso3": "MAR", "aliases": ["Maroc"]},
            {"id": "iom", "name": "International Organization for Migration", "kind": "organization", "acronym": "IOM"},
            {"id": "khalid-zerouali", "name": "Khalid Zerouali", "kind": "person", "title": "Wali", "affiliation": "mar"}
        ],
        "events": [
            {"id": "wbsc-2017", "name": "World Border Security Congress", "status": "held",
             "start": "2017-03-21", "end": "2017-03-23", "city": "Casablanca", "country": "MAR",
             "themes": ["border management"], "summary": "A congress.", "sources": ["s1"]}
        ],
        "participations": [
            {"event": "wbsc-2017", "actor": "mar", "role": "host", "source": "s1", "quote": "Morocco to Host"},
            {"event": "wbsc-2017", "actor": "iom", "role": "participant", "source": "s1", "quote": "IOM took part"},
            {"event": "wbsc-2017", "actor": "khalid-zerouali", "role": "speaker", "source": "s1", "quote": "said Zerouali"}
        ]
    })
}
