//! Every XML export is well-formed XML whatever the names hold (issue 17: the SVG
//! export stopped an XML parser at `&`, `<`, quotes, U+FFFE, U+FFFF and C0 controls).
//!
//! Arbitrary Unicode names, titles and quotes go through each export of
//! [`EXPORTS`]; a real XML parser (`roxmltree`) must read the result, and every
//! name must come back exactly, minus the characters XML 1.0 forbids.

use convene_core::engine::Engine;
use convene_core::export::matrix_svg;
use convene_core::matrix::{build_matrix, RowOrder};
use convene_core::model::Dataset;
use convene_core::synth::{generate, SynthParams};
use convene_core::view::ViewState;
use convene_core::xml::is_xml_char;
use proptest::prelude::*;

/// The SVG matrix of the whole dataset, titled `title`.
fn svg(engine: &Engine, title: &str) -> String {
    let selection = engine.query(&ViewState::default());
    let matrix = build_matrix(engine, &selection, RowOrder::Name);
    matrix_svg(engine, &matrix, title)
}

/// Writes one XML export of a dataset, with a title.
type WriteXml = fn(&Engine, &str) -> String;

/// Every XML export: its name, and the function that writes it for a dataset and
/// a title. A new XML export (GEXF, GraphML) is one more line here.
const EXPORTS: &[(&str, WriteXml)] = &[
    ("svg", svg),
    // ("gexf", |engine, _title| convene_core::network::to_gexf(engine, ...)),
    // ("graphml", |engine, _title| convene_core::network::to_graphml(engine, ...)),
];

/// Strings heavy in what breaks XML writers, and arbitrary Unicode. Short enough
/// (at most 30 characters) that no export shortens them.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[&<>\"' \t\r\n\u{0}-\u{1f}\u{7f}-\u{9f}\u{FFFE}\u{FFFF}\u{FFFD}\u{D7FF}\u{E000}a-zé😀\u{10FFFF}]{1,30}",
        proptest::collection::vec(any::<char>(), 1..30).prop_map(|v| v.into_iter().collect()),
    ]
}

/// Names with the characters XML 1.0 forbids removed: what a parser must read back.
fn clean(text: &str) -> String {
    text.chars().filter(|&c| is_xml_char(c)).collect()
}

/// A small dataset whose first participation's event and actor, and its quote,
/// carry the given texts.
fn dataset(actor: &str, event: &str, quote: &str) -> Dataset {
    let mut d = generate(&SynthParams {
        participations: 30,
        seed: 5,
    });
    let p = &mut d.participations[0];
    p.quote = quote.to_owned();
    let (e, a) = (p.event.clone(), p.actor.clone());
    for x in d.events.iter_mut().filter(|x| x.id == e) {
        x.name = event.to_owned();
    }
    for x in d.actors.iter_mut().filter(|x| x.id == a) {
        x.name = actor.to_owned();
    }
    d
}

/// Parses `xml` and returns every text node's text and every attribute value.
fn texts(xml: &str) -> Result<Vec<String>, String> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for node in doc.descendants() {
        if let Some(t) = node.text().filter(|_| node.is_text()) {
            out.push(t.to_owned());
        }
        out.extend(node.attributes().map(|a| a.value().to_owned()));
    }
    Ok(out)
}

fn check(actor: &str, event: &str, title: &str) -> Result<(), TestCaseError> {
    let engine = Engine::new(dataset(actor, event, "q &<>\"' \u{0}\u{FFFE}\u{FFFF}"));
    for (export, write) in EXPORTS {
        let xml = write(&engine, title);
        let found = texts(&xml)
            .map_err(|e| TestCaseError::fail(format!("{export}: not XML: {e}\n{xml}")))?;
        for (what, text) in [("actor", actor), ("event", event), ("title", title)] {
            let expected = clean(text);
            if expected.trim().is_empty() {
                continue;
            }
            prop_assert!(
                found.contains(&expected),
                "{}: the {} name {:?} did not survive",
                export,
                what,
                expected
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_xml_export_parses_and_keeps_the_names(
        actor in name(),
        event in name(),
        title in name(),
    ) {
        check(&actor, &event, &title)?;
    }
}

/// Issue 17's case: the names that stopped a parser at line 7.
#[test]
fn svg_export_is_well_formed_with_xml_special_and_forbidden_characters() {
    let nasty = "A & B <C> \"D\" 'E' \u{FFFE}\u{FFFF}\u{1}\u{8}\u{b}\u{c}\u{1f}\ttab\r\nend";
    check(nasty, nasty, nasty).unwrap_or_else(|e| panic!("{e}"));
}
