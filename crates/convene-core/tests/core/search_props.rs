//! Properties of search: the index agrees with a brute-force scan of every event's
//! text, results are ordered, and no input makes it panic.

use crate::search_support::*;
use convene_core::model::*;
use convene_core::search::{highlight, tokenize, SearchIndex};
use proptest::prelude::*;

/// Words with accents, ligatures, elisions, digits and shared prefixes, so that
/// random documents and queries collide often.
const WORDS: &[&str] = &[
    "border",
    "Borders",
    "bordering",
    "sécurité",
    "securite",
    "Sénégal",
    "OIM",
    "l'OIM",
    "d’une",
    "police",
    "policing",
    "G7",
    "2017",
    "Œuvre",
    "Straße",
    "strasse",
    "migration",
    "Maroc",
    "Zerouali",
    "zéro",
    "ÉTÉ",
    "été",
    "qu’il",
    "Łódź",
    "b",
    "Ø",
    "x1",
];

fn words(max: usize) -> impl Strategy<Value = String> {
    phrase(WORDS, max)
}

fn opt_words() -> impl Strategy<Value = Option<String>> {
    prop::option::of(words(3))
}

fn arb_dataset() -> impl Strategy<Value = Dataset> {
    let event_s = (
        words(4),
        words(6),
        prop::collection::vec(words(2), 0..2),
        opt_words(),
        opt_words(),
        opt_words(),
    );
    let actor_s = (
        words(3),
        opt_words(),
        prop::collection::vec(words(2), 0..2),
        opt_words(),
    );
    (
        prop::collection::vec(event_s, 0..8),
        prop::collection::vec(actor_s, 0..6),
        prop::collection::vec((0usize..9, 0usize..7, words(5)), 0..20),
        opt_words(),
    )
        .prop_map(|(events, actors, parts, host_name)| {
            let mut ds = dataset();
            ds.events = events
                .into_iter()
                .enumerate()
                .map(|(i, (name, summary, themes, city, venue, series))| Event {
                    themes,
                    city,
                    venue,
                    series,
                    country: Some("SEN".into()),
                    ..event_with_summary(&format!("e{i}"), &name, &summary)
                })
                .collect();
            ds.actors = actors
                .into_iter()
                .enumerate()
                .map(|(i, (name, acronym, aliases, iso3))| Actor {
                    acronym,
                    aliases,
                    iso3,
                    ..actor(&format!("a{i}"), &name, ActorKind::Organization)
                })
                .collect();
            // The events' host country, named by a country actor that need not
            // take part: its name is searchable through the event's country.
            if let Some(name) = host_name {
                ds.actors.push(Actor {
                    iso3: Some("SEN".into()),
                    ..actor("host", &name, ActorKind::Country)
                });
            }
            // Indices past the end make dangling ids, which the index must skip.
            ds.participations = parts
                .into_iter()
                .map(|(e, a, q)| part(&format!("e{e}"), &format!("a{a}"), &q))
                .collect();
            ds
        })
}

/// The whole searchable text of event `i`, gathered naively.
fn document(ds: &Dataset, i: usize) -> String {
    let e = &ds.events[i];
    let mut text = vec![e.name.clone(), e.summary.clone()];
    text.extend(e.themes.iter().cloned());
    text.extend(
        [&e.city, &e.country, &e.venue, &e.series, &e.edition]
            .into_iter()
            .flatten()
            .cloned(),
    );
    if let Some(host) = ds
        .actors
        .iter()
        .find(|a| a.kind == ActorKind::Country && a.iso3.is_some() && a.iso3 == e.country)
    {
        text.push(host.name.clone());
    } else if let Some(c) = e.country.as_deref().and_then(|code| {
        // No country actor: ISO 3166-1's English name (Dataset::country_names).
        convene_core::import::vocab::all_countries().find(|c| c.iso3 == code)
    }) {
        text.push(c.english.to_string());
    }
    for p in ds.participations.iter().filter(|p| p.event == e.id) {
        text.extend(p.quote.clone());
        if let Some(a) = ds.actors.iter().find(|a| a.id == p.actor) {
            text.push(a.name.clone());
            text.extend([&a.acronym, &a.iso3].into_iter().flatten().cloned());
            text.extend(a.aliases.iter().cloned());
        }
    }
    text.join(" \n ")
}

/// Brute force: events where every query term is a prefix of some word.
fn reference(ds: &Dataset, query: &str) -> Option<Vec<u32>> {
    let mut terms: Vec<String> = Vec::new();
    for t in tokenize(query) {
        if !terms.contains(&t.term) {
            terms.push(t.term);
        }
    }
    if terms.is_empty() {
        return None;
    }
    Some(
        (0..ds.events.len())
            .filter(|&i| {
                let words: Vec<String> = tokenize(&document(ds, i))
                    .into_iter()
                    .map(|t| t.term)
                    .collect();
                terms
                    .iter()
                    .all(|t| words.iter().any(|w| w.starts_with(t.as_str())))
            })
            .map(|i| i as u32)
            .collect(),
    )
}

fn arb_query() -> impl Strategy<Value = String> {
    // Whole words, or the first few characters of one (as typed).
    let term = (prop::sample::select(WORDS), 1usize..8).prop_map(|(w, n)| {
        if n >= 6 {
            w.to_string()
        } else {
            w.chars().take(n).collect()
        }
    });
    prop::collection::vec(term, 0..4).prop_map(|t| t.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn index_matches_brute_force(ds in arb_dataset(), queries in prop::collection::vec(arb_query(), 1..5)) {
        let index = SearchIndex::build(&ds);
        for query in &queries {
            let got = index.search(query);
            let want = reference(&ds, query);
            prop_assert_eq!(got.is_none(), want.is_none(), "query {:?}", query);
            let (Some(got), Some(want)) = (got, want) else { continue };
            let mut ids: Vec<u32> = got.hits.iter().map(|h| h.event).collect();
            for w in got.hits.windows(2) {
                prop_assert!(
                    w[0].score > w[1].score || (w[0].score == w[1].score && w[0].event < w[1].event),
                    "order {:?}", got.hits
                );
            }
            prop_assert!(got.hits.iter().all(|h| h.score.is_finite() && h.score > 0.0));
            ids.sort_unstable();
            prop_assert_eq!(ids, want, "query {:?}", query);
        }
    }

    #[test]
    fn search_never_panics_on_any_text(
        texts in prop::collection::vec(any::<String>(), 0..4),
        query in any::<String>(),
    ) {
        let mut ds = dataset();
        ds.events = texts.iter().enumerate().map(|(i, t)| event_with_summary(&i.to_string(), t, t)).collect();
        ds.actors = vec![actor("a", &query, ActorKind::Person)];
        ds.participations = texts.iter().enumerate().map(|(i, t)| part(&i.to_string(), "a", t)).collect();
        let index = SearchIndex::build(&ds);
        let _ = index.search(&query);
        for t in &texts {
            let _ = index.search(t);
            // A query that is a text's own word finds that text's event.
            if let Some(tok) = tokenize(t).first() {
                let hits = index.search(&tok.term).map(|r| r.hits).unwrap_or_default();
                prop_assert!(!hits.is_empty(), "{:?} not found", tok.term);
            }
        }
    }

    #[test]
    fn highlight_spans_are_sorted_disjoint_and_on_boundaries(text in any::<String>(), query in any::<String>()) {
        let spans = highlight(&text, &query);
        for s in &spans {
            prop_assert!(s.start < s.end && s.end <= text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        for w in spans.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
    }

    #[test]
    fn highlight_marks_every_word_a_query_term_matches(text in words(8), query in arb_query()) {
        // Each marked span starts a word that matches, and each matching word is marked.
        let spans = highlight(&text, &query);
        let terms: Vec<String> = tokenize(&query).into_iter().map(|t| t.term).collect();
        let matching: Vec<usize> = tokenize(&text)
            .into_iter()
            .filter(|w| terms.iter().any(|t| w.term.starts_with(t.as_str())))
            .map(|w| w.span.start)
            .collect();
        prop_assert_eq!(spans.iter().map(|s| s.start).collect::<Vec<_>>(), matching);
    }
}

/// Issue 13 (loading speed): `Engine::new` leaves the search index for later.
/// A text query on a fresh engine builds it itself and gives the same events,
/// in the same order, as on an engine whose index was prepared first; a query
/// without text does not build it.
#[test]
fn search_index_built_on_first_text_query_gives_the_same_results() {
    let lazy = super::fixtures::synth_engine(2_000, 7);
    let ready = super::fixtures::synth_engine(2_000, 7);
    assert!(!lazy.search_ready());
    let plain = super::fixtures::view("country=MAR");
    assert_eq!(
        lazy.query(&plain.query).events,
        ready.query(&plain.query).events
    );
    assert!(!lazy.search_ready(), "a query without text built the index");
    ready.prepare_search();
    assert!(ready.search_ready());
    for q in ["border", "securite", "migration forum", "zzzz"] {
        let view = super::fixtures::view(&format!("q={q}"));
        let a = lazy.query(&view.query);
        let b = ready.query(&view.query);
        assert_eq!(a.events, b.events, "q={q}");
    }
    assert!(lazy.search_ready());
    let view = super::fixtures::view("q=border");
    assert!(
        !lazy.query(&view.query).events.is_empty(),
        "no hits for border"
    );
}
