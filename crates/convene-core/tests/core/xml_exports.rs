//! Every XML export is well-formed XML whatever the names hold (issue 17: the SVG
//! export stopped an XML parser at `&`, `<`, quotes, U+FFFE, U+FFFF and C0 controls).
//!
//! Arbitrary Unicode names, titles and quotes go through each export of
//! [`EXPORTS`]; a real XML parser (`roxmltree`) must read the result, and every
//! name must come back exactly, minus the characters XML 1.0 forbids.

use convene_core::engine::Engine;
use convene_core::export::matrix_svg;
use convene_core::layout::{force_atlas2, Fa2Settings};
use convene_core::matrix::{build_matrix, RowOrder};
use convene_core::model::Dataset;
use convene_core::network::{
    build_network, network_gexf, network_graphml, network_svg, two_mode_gexf, two_mode_graphml,
    Network, NetworkOptions,
};
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

/// Which of the texts an export writes: actor names, event names, the title, quotes.
const ALL: &[&str] = &["actor", "event", "title"];
const ACTOR_TITLE: &[&str] = &["actor", "title"];
const ACTOR: &[&str] = &["actor"];
const TWO_MODE: &[&str] = &["actor", "event", "quote"];

/// Every XML export: its name, the function that writes it for a dataset and a
/// title, and which texts it carries. A new XML export is one more line here.
const EXPORTS: &[(&str, WriteXml, &[&str])] = &[
    ("svg", svg, ALL),
    ("network svg", net_svg, ACTOR_TITLE),
    ("network gexf", net_gexf, ACTOR),
    ("network graphml", net_graphml, ACTOR),
    ("two-mode gexf", two_gexf, TWO_MODE),
    ("two-mode graphml", two_graphml, TWO_MODE),
];

fn net_svg(engine: &Engine, title: &str) -> String {
    let n = network(engine);
    let input = n.layout_input(engine);
    let positions = force_atlas2(&input, &|_| None, &Fa2Settings::for_nodes(input.ids.len()));
    network_svg(engine, &n, &positions, title, 800.0, 600.0)
}

fn net_gexf(engine: &Engine, _: &str) -> String {
    network_gexf(engine, &network(engine), None)
}

fn net_graphml(engine: &Engine, _: &str) -> String {
    network_graphml(engine, &network(engine))
}

fn two_gexf(engine: &Engine, _: &str) -> String {
    two_mode_gexf(engine, &engine.query(&ViewState::default()))
}

fn two_graphml(engine: &Engine, _: &str) -> String {
    two_mode_graphml(engine, &engine.query(&ViewState::default()))
}

/// The co-participation network of the whole dataset.
fn network(engine: &Engine) -> Network {
    let options = NetworkOptions {
        top: 1000,
        min_weight: 1,
    };
    build_network(engine, &engine.query(&ViewState::default()), options)
}

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
    p.quote = Some(quote.to_owned());
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
    let quote = "q &<>\"' \u{0}\u{FFFE}\u{FFFF}";
    let engine = Engine::new(dataset(actor, event, quote));
    for (export, write, carries) in EXPORTS {
        let xml = write(&engine, title);
        let found = texts(&xml)
            .map_err(|e| TestCaseError::fail(format!("{export}: not XML: {e}\n{xml}")))?;
        let all = [
            ("actor", actor),
            ("event", event),
            ("title", title),
            ("quote", quote),
        ];
        for (what, text) in all.into_iter().filter(|(w, _)| carries.contains(w)) {
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
