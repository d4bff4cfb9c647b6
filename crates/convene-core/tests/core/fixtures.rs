//! Fixtures shared by the core's integration tests: the repository's paths, the
//! seed dataset, synthetic engines and views read from query strings.

use std::path::PathBuf;

use convene_core::engine::Engine;
use convene_core::load::load;
use convene_core::synth::{generate, SynthParams};
use convene_core::view::ViewState;
use convene_core::Dataset;

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
