//! # convene-core
//!
//! The pure core of Convene, an explorer of who meets whom in international
//! security cooperation. Everything a user could argue about lives here, where a
//! native test can pin it; the Leptos app only asks this crate questions.
//!
//! - [`model`]: the `convene/1` data model.
//! - [`load`]: parsing and validation of `convene/1`, with errors that name the
//!   JSON path and the offending value.
//! - [`search`]: text folding, tokenising and the ranked full-text index.
//! - [`engine`]: the index built once per dataset, faceted filtering and counts.
//! - [`matrix`]: the participation matrix, its orderings and co-participation.
//! - [`network`]: the co-participation network (one-mode projection), its
//!   strongest links, and its GEXF, GraphML and SVG exports.
//! - [`layout`]: the ForceAtlas2 layout, deterministic and stable.
//! - [`query`]: what the engine is asked (filters, search, actor mode, order),
//!   apart from presentation.
//! - [`view`]: the view state and its query-string codec (the URL is the state).
//! - [`vocab`]: the query vocabulary (facets, actor mode, sorts, views, matrix
//!   orders and groupings) that the layers above share.
//! - [`view_edit`]: the edits a click makes to a view (toggle, chips, clear).
//! - [`i18n`]: the interface's languages (English, French, Arabic): catalogues,
//!   plural forms, templates.
//! - [`import`]: opening people's own data: CSV/TSV spreadsheets and convene/1
//!   JSON, with column mapping, located problems and encoding checks.
//! - [`export`]: CSV and JSON export of a selection, and the matrix as SVG.
//! - [`share`]: embed snippets, the embed `postMessage` protocol, citations.
//! - [`sources`]: source texts, the quote check, the source page, source-text search.
//! - [`text_bytes`]: which text encoding a file is in (UTF-8 or a named refusal),
//!   shared by the loader and the importers.
//! - [`sort`]: sorting helpers that keep the wasm small.
//! - [`xml`]: the XML text escaping every XML export shares.
//! - [`synth`]: a deterministic synthetic dataset generator for tests and benchmarks.
#![deny(missing_docs)]
// Tests may sort directly: clippy.toml disallows the slice sorts for the wasm's
// sake (crate::sort), which unit tests do not ship in.
#![cfg_attr(test, allow(clippy::disallowed_methods))]

pub mod countries;
pub mod decimal;
pub mod engine;
pub mod enum_set;
pub mod export;
pub mod i18n;
pub mod import;
pub mod layout;
pub mod load;
pub mod matrix;
pub mod model;
pub mod network;
pub mod query;
pub mod search;
pub mod share;
pub mod sort;
pub mod sources;
pub mod synth;
pub mod text_bytes;
pub mod view;
pub mod view_edit;
pub mod vocab;
pub mod xml;

pub use model::*;
