//! The core's integration tests, as one binary (issue 12): one link instead of
//! sixteen on a 2-core machine. Each module was a file of its own under `tests/`
//! (moved with `git mv`, content kept); run one with
//! `cargo test -p convene-core --test core view_codec::`.
//!
//! - [`fixtures`]: the datasets, engines and views several modules share.
//! - [`strategies`]: proptest strategies for a [`convene_core::query::Query`]
//!   and a [`convene_core::view::ViewState`] (they shrink to the smallest failing
//!   view).
//! - [`regression`]: tests named after the bug they pin.
//! - [`module_graph`]: the core's modules point down the layers, without cycles.
//! - [`ui_rules`]: the rules the app's components used to hold (issue 12).
//!
//! `tests/search_fold_table.rs` stays a binary of its own: its regeneration
//! command (`CONVENE_WRITE_FOLD_TABLE=1 cargo test -p convene-core --test
//! search_fold_table`) is written into the generated file.

// Tests may sort directly: clippy.toml disallows the slice sorts only for the
// shipped wasm's sake (convene_core::sort).
#![allow(clippy::disallowed_methods)]

mod fixtures;
mod import_support;
mod search_support;
mod strategies;

mod decimal;
mod engine_props;
mod export;
mod handoff;
mod import;
mod load_differential;
mod load_errors;
mod load_oracle;
mod matrix_reading;
mod matrix_svg;
mod module_graph;
mod network;
mod regression;
mod schema;
mod search_build;
mod search_props;
mod search_rank;
mod search_scripts;
mod seed_dataset;
mod sources;
mod ui_rules;
mod view_codec;
mod xml_exports;
