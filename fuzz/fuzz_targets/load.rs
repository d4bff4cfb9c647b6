//! The dataset loader on arbitrary bytes: `load` must answer (a dataset or errors
//! naming where), never panic; a dataset it accepts must pass `validate`, index,
//! query, and export to CSV, JSON and well-formed SVG, and cross the worker's
//! hand-off (`load::handoff`) unchanged; the hand-off's decoder, given the
//! input's raw bytes, answers without panicking.
#![no_main]

use convene_core::engine::Engine;
use convene_core::export::{matrix_svg, to_csv, to_json};
use convene_core::load::{load, validate};
use convene_core::matrix::{build_matrix, RowOrder};
use convene_core::view::{Query, ViewState};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = convene_core::load::handoff::decode(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let dataset = match load(text) {
        Ok(d) => d,
        Err(errors) => {
            // Every error is reportable.
            let _ = errors.to_string();
            return;
        }
    };
    assert!(
        validate(&dataset).is_ok(),
        "load accepted what validate rejects"
    );
    let crossed =
        convene_core::load::handoff::decode(&convene_core::load::handoff::encode(&dataset));
    assert_eq!(
        crossed.as_ref(),
        Ok(&dataset),
        "the hand-off changed the dataset"
    );
    let engine = Engine::new(dataset);
    let selection = engine.query(&ViewState::default());
    let _ = to_csv(&engine, selection.participations(&engine));
    let _ = to_json(&engine, selection.participations(&engine));
    let matrix = build_matrix(&engine, &selection, RowOrder::Similarity);
    let svg = matrix_svg(&engine, &matrix, &engine.dataset().title);
    if let Err(e) = roxmltree::Document::parse(&svg) {
        panic!("SVG export is not XML: {e}");
    }
    // A year filter over the whole domain keeps every dated event.
    if let Some((first, last)) = selection.year_domain {
        let view = ViewState {
            query: Query {
                year_from: Some(first),
                year_to: Some(last),
                ..Query::default()
            },
            ..ViewState::default()
        };
        let s = engine.query(&view);
        assert_eq!(
            s.events.len() + s.undated_hidden as usize,
            selection.events.len()
        );
    }
});
