//! Source texts (issue 16): the quote check, text loading, search through source
//! texts (ranked below events' own fields, with a snippet), and citations of a
//! single participation.

use convene_core::engine::Engine;
use convene_core::load::{is_relative_text_url, load, load_with_warnings, Problem};
use convene_core::share::ParticipationCitation;
use convene_core::sources::{check_quotes, resolve_text_url, QuoteWarning};
use convene_core::view::ViewState;

use crate::fixtures::repo;

/// A small dataset: source `s` (with the given text fields), two events it
/// reports, one participation per event.
fn fixture(text_fields: &str, quote_a: &str) -> String {
    format!(
        r#"{{"format": "convene/1", "title": "t",
        "sources": [{{"id": "s", "title": "Source"{text_fields}}}, {{"id": "other", "title": "Other"}}],
        "actors": [{{"id": "mar", "name": "Morocco", "kind": "country", "iso3": "MAR"}}],
        "events": [
          {{"id": "a", "name": "Zebra summit", "status": "held", "start": "2017-03-21", "sources": ["s"]}},
          {{"id": "b", "name": "Quiet meeting", "status": "held", "start": "2018", "sources": ["s"]}},
          {{"id": "c", "name": "Unrelated", "status": "held", "sources": ["other"]}}
        ],
        "participations": [
          {{"event": "a", "actor": "mar", "role": "host", "source": "s", "quote": {quote_a}}},
          {{"event": "b", "actor": "mar", "role": "participant", "source": "s", "quote": "the quiet meeting"}},
          {{"event": "c", "actor": "mar", "role": "participant", "source": "other", "quote": "anything"}}
        ]}}"#
    )
}

const TEXT: &str = r#", "text": "Morocco’s  delegation hosted the Zebra summit.\nLater, the quiet meeting took place, on zebras and «sécurité».""#;

#[test]
fn a_quote_found_after_normalisation_gives_no_warning() {
    let (_, warnings) =
        load_with_warnings(&fixture(TEXT, r#""Morocco's delegation hosted""#)).expect("valid");
    assert_eq!(warnings, []);
}

#[test]
fn a_quote_not_in_its_source_is_a_warning_with_its_path() {
    let (dataset, warnings) =
        load_with_warnings(&fixture(TEXT, r#""Morocco hosted nothing""#)).expect("valid");
    assert_eq!(
        warnings,
        [QuoteWarning {
            participation: 0,
            source: "s".into()
        }]
    );
    assert_eq!(
        warnings[0].to_string(),
        r#"participations[0].quote: not found in the text of source "s""#
    );
    assert_eq!(check_quotes(&dataset), warnings);
}

#[test]
fn sources_without_text_are_not_checked() {
    let (_, warnings) = load_with_warnings(&fixture("", r#""not there at all""#)).expect("valid");
    assert_eq!(warnings, []);
}

#[test]
fn text_and_text_url_together_are_an_error_at_text_url() {
    let json = fixture(r#", "text": "x", "text_url": "sources/x.txt""#, r#""x""#);
    let errors = load(&json).expect_err("both");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors.0[0].path, "sources[0].text_url");
    assert_eq!(errors.0[0].problem, Problem::TextAndTextUrl);
}

#[test]
fn text_url_must_be_a_relative_path_below_the_dataset() {
    for bad in [
        "https://example.org/x.txt",
        "//example.org/x.txt",
        "/x.txt",
        "../x.txt",
        "sources/../../x.txt",
        "sources/%2E%2E/x.txt",
        "javascript:alert(1)",
        "a\\b.txt",
        "x.txt?y=1",
        "",
        " ",
    ] {
        assert!(!is_relative_text_url(bad), "{bad:?}");
        let json = fixture(&format!(r#", "text_url": {bad:?}"#), r#""x""#);
        let errors = load(&json).expect_err(bad);
        assert_eq!(errors.0[0].path, "sources[0].text_url", "{bad:?}");
        assert_eq!(errors.0[0].problem, Problem::NotARelativeUrl, "{bad:?}");
        assert!(
            errors.to_string().contains("not a relative path"),
            "{errors}"
        );
    }
    for good in ["x.txt", "sources/x.txt", "./sources/a-b_c.txt", "a..b.txt"] {
        assert!(is_relative_text_url(good), "{good:?}");
    }
}

#[test]
fn text_url_resolves_against_the_dataset_url() {
    assert_eq!(
        resolve_text_url("data/seed.json", "sources/000.txt"),
        "data/sources/000.txt"
    );
    assert_eq!(
        resolve_text_url("https://x.org/a/b/d.json?v=1#top", "t/x.txt"),
        "https://x.org/a/b/t/x.txt"
    );
    assert_eq!(resolve_text_url("d.json", "./x.txt"), "x.txt");
}

#[test]
fn a_text_url_text_is_checked_and_located_when_attached() {
    let json = fixture(r#", "text_url": "s.txt""#, r#""hosted the Zebra  summit""#);
    let engine = Engine::new(load(&json).expect("valid"));
    assert_eq!(
        engine.sources().missing_texts(engine.dataset()),
        [(0, "s.txt".to_owned())]
    );
    assert_eq!(engine.quote_range(0), None);
    let text = "Morocco hosted the Zebra summit. Nothing on the rest.";
    let warnings = engine.attach_source_texts(vec![(0, text.to_owned())]);
    assert_eq!(
        warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [r#"participations[1].quote: not found in the text of source "s""#]
    );
    assert_eq!(engine.sources().warnings(), warnings);
    assert!(engine.sources().missing_texts(engine.dataset()).is_empty());
    let at = engine.quote_range(0).expect("located");
    assert_eq!(&text[at], "hosted the Zebra summit");
    // The page marks it, linked to participation 0.
    let page = engine.source_page(0).expect("page");
    assert!(page.has_text);
    assert_eq!(page.events, [0, 1]);
    assert_eq!(page.participations, [0, 1]);
    assert_eq!(page.quote_ranges, [Some(8..31), None]);
    let marked: Vec<(&str, Vec<u32>)> = page
        .segments
        .iter()
        .filter(|s| !s.supports.is_empty())
        .map(|s| (&text[s.range.clone()], s.supports.clone()))
        .collect();
    assert_eq!(marked, [("hosted the Zebra summit", vec![0])]);
    assert_eq!(page.segments.first().map(|s| s.range.start), Some(0));
    for seg in &page.segments {
        assert_eq!(page.links(seg), seg.supports, "one quote each");
    }
    assert_eq!(page.segments.last().map(|s| s.range.end), Some(text.len()));
}

/// Nested quotes ("attended by A", "attended by A, B"): each stretch links to the
/// participation with the shortest quote covering it; identical quotes link to all.
#[test]
fn marked_stretches_link_to_their_most_specific_participations() {
    let json = r#"{"format": "convene/1", "title": "t",
      "sources": [{"id": "s", "title": "S", "text": "It was attended by Algeria, Tunisia and Libya."}],
      "actors": [{"id": "dza", "name": "Algeria", "kind": "country"},
                 {"id": "tun", "name": "Tunisia", "kind": "country"},
                 {"id": "lby", "name": "Libya", "kind": "country"}],
      "events": [{"id": "e", "name": "E", "status": "held", "sources": ["s"]}],
      "participations": [
        {"event": "e", "actor": "dza", "role": "participant", "source": "s", "quote": "attended by Algeria"},
        {"event": "e", "actor": "tun", "role": "participant", "source": "s", "quote": "attended by Algeria, Tunisia"},
        {"event": "e", "actor": "lby", "role": "participant", "source": "s", "quote": "attended by Algeria, Tunisia and Libya"},
        {"event": "e", "actor": "lby", "role": "observer", "source": "s", "quote": "attended by Algeria, Tunisia and Libya"}
      ]}"#;
    let engine = Engine::new(load(json).expect("valid"));
    let page = engine.source_page(0).expect("page");
    let text = engine.sources().text(0).expect("inline text");
    let links: Vec<(&str, Vec<u32>)> = page
        .segments
        .iter()
        .filter(|s| !s.supports.is_empty())
        .map(|s| (&text[s.range.clone()], page.links(s)))
        .collect();
    assert_eq!(
        links,
        [
            ("attended by Algeria", vec![0]),
            (", Tunisia", vec![1]),
            (" and Libya", vec![2, 3]),
        ]
    );
}

#[test]
fn an_event_matched_in_its_own_fields_ranks_above_one_matched_through_its_source() {
    let engine = Engine::new(load(&fixture(TEXT, r#""hosted the Zebra summit""#)).expect("valid"));
    let (view, _) = ViewState::from_query("q=zebra");
    let selection = engine.query(&view);
    // `a` is named "Zebra summit"; `b` only reported by a source that says "zebras".
    assert_eq!(selection.events, [0, 1]);
    assert!(
        engine.source_snippet(0, "zebra").is_none(),
        "own-field match"
    );
    let (source, snippet) = engine
        .source_snippet(1, "zebra")
        .expect("source-only match");
    assert_eq!(source, 0);
    assert!(snippet
        .marks
        .iter()
        .any(|m| snippet.text[m.clone()].eq_ignore_ascii_case("zebra")));
    // A query only the source holds, folded: both events, through the source.
    let (view, _) = ViewState::from_query("q=securite");
    assert_eq!(engine.query(&view).events, [0, 1]);
    let (_, snippet) = engine.source_snippet(0, "securite").expect("snippet");
    assert_eq!(
        snippet
            .marks
            .iter()
            .map(|m| &snippet.text[m.clone()])
            .collect::<Vec<_>>(),
        ["sécurité"]
    );
    // Scores stay best first.
    let hits = engine
        .sources()
        .search(engine.search_index(), "zebra")
        .expect("terms");
    assert!(hits.hits.windows(2).all(|w| w[0].score >= w[1].score));
    // Without texts, nothing is found through sources.
    let plain = Engine::new(load(&fixture("", r#""x""#)).expect("valid"));
    assert!(plain
        .query(&ViewState::from_query("q=securite").0)
        .events
        .is_empty());
}

#[test]
fn citing_a_participation_gives_the_fact_quote_source_and_permalink() {
    let json = fixture(
        r##", "text": "We #1 & 100% {braces} hosted_it", "publisher": "Le Reporter", "published": "2017-03", "url": "https://ex.org/a""##,
        r##""#1 & 100% {braces} hosted_it""##,
    );
    let dataset = load(&json).expect("valid");
    let c = ParticipationCitation::new(
        &dataset,
        0,
        "https://app.org/?open=source:s&quote=a.mar.host",
        (2026, 11, 30),
    )
    .expect("cited");
    assert_eq!(
        c.plain_text(),
        "Morocco took part as host in Zebra summit (2017-03-21).\n\
         Quote: “#1 & 100% {braces} hosted_it”\n\
         Source: Source. Le Reporter, 2017-03. https://ex.org/a\n\
         Convene: https://app.org/?open=source:s&quote=a.mar.host (accessed 2026-11-30)."
    );
    let b = c.bibtex();
    assert!(b.starts_with("@misc{convene-a-mar-host,\n"), "{b}");
    assert!(
        b.contains(r"note = {Quote: ``\#1 \& 100\% \{braces\} hosted\_it''. Source: Source. Le Reporter, 2017-03. https://ex.org/a}"),
        "{b}"
    );
    assert!(
        b.contains("url = {https://app.org/?open=source:s&quote=a.mar.host}"),
        "{b}"
    );
    assert_eq!(b.matches('{').count(), b.matches('}').count(), "{b}");
    // Undated events say so.
    let c = ParticipationCitation::new(&dataset, 2, "u", (2026, 1, 2)).expect("cited");
    assert!(c.fact.ends_with("in Unrelated (undated)"), "{}", c.fact);
    assert!(ParticipationCitation::new(&dataset, 99, "u", (2026, 1, 2)).is_none());
}

/// The seed's texts: each `text_url` names a copy under `public/data/` of the
/// stored article, and every quote is found in its source's text.
#[test]
fn the_seed_texts_load_and_every_quote_is_found() {
    let seed = std::fs::read_to_string(repo().join("public/data/seed.json")).expect("seed");
    let engine = Engine::new(load(&seed).expect("valid"));
    let missing = engine.sources().missing_texts(engine.dataset());
    assert_eq!(missing.len(), engine.dataset().sources.len());
    let texts: Vec<(usize, String)> = missing
        .iter()
        .map(|(i, url)| {
            let path = repo().join(resolve_text_url("public/data/seed.json", url));
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let stored = engine.dataset().sources[*i]
                .seed
                .as_deref()
                .expect("seed file");
            let original = std::fs::read_to_string(repo().join("data/sources").join(stored))
                .expect("stored article");
            assert_eq!(text, original, "{url} is a copy of {stored}");
            (*i, text)
        })
        .collect();
    let warnings = engine.attach_source_texts(texts);
    assert_eq!(warnings, [], "{warnings:?}");
    for p in 0..engine.dataset().participations.len() {
        assert!(engine.quote_range(p).is_some(), "participation {p}");
    }
    // The French article speaks of "la sécurité aux frontières": a French reader
    // finds its event.
    let selection = engine.query(&ViewState::from_query("q=s%C3%A9curit%C3%A9").0);
    let wbsc = engine.event_index("wbsc-2017").expect("wbsc-2017");
    assert!(selection.events.contains(&(wbsc as u32)), "{selection:?}");
}

#[test]
fn the_source_page_and_its_quote_round_trip_in_the_url() {
    use convene_core::view::{Open, QuoteRef};
    let (view, notices) =
        ViewState::from_query("open=source:lereporter-wbsc&quote=wbsc-2017.mar.host");
    assert_eq!(notices, []);
    assert_eq!(view.open, Some(Open::Source("lereporter-wbsc".into())));
    assert_eq!(QuoteRef::parse("wbsc-2017.mar.host"), view.quote);
    assert_eq!(
        view.to_query(),
        "open=source:lereporter-wbsc&quote=wbsc-2017.mar.host"
    );
    for bad in ["a.b", "a.b.boss", "a..host", "a.b.host.x"] {
        let (view, notices) = ViewState::from_query(&format!("quote={bad}"));
        assert_eq!(view.quote, None, "{bad}");
        assert_eq!(notices.len(), 1, "{bad}");
    }
}

/// Words that only the seed's source texts hold (not in any event's own fields,
/// actors or quotes) reach their events once the texts are attached, with a
/// snippet: the end-to-end tests search for these (`sécurité`, `transfrontalière`).
#[test]
fn seed_words_only_in_source_texts_find_their_events() {
    let seed = std::fs::read_to_string(repo().join("public/data/seed.json")).expect("seed");
    let engine = Engine::new(load(&seed).expect("valid"));
    let queries = ["sécurité", "transfrontalière"];
    let query = |q: &str| {
        let view =
            ViewState::from_query(&format!("q={}", convene_core::view::encode_component(q))).0;
        engine.query(&view).events
    };
    for q in queries {
        assert!(query(q).is_empty(), "{q} before the texts arrive");
    }
    let texts = engine
        .sources()
        .missing_texts(engine.dataset())
        .into_iter()
        .map(|(i, url)| {
            let path = repo().join(resolve_text_url("public/data/seed.json", &url));
            (i, std::fs::read_to_string(path).expect("text"))
        })
        .collect();
    engine.attach_source_texts(texts);
    let wbsc = engine.event_index("wbsc-2017").expect("wbsc-2017") as u32;
    // Own fields first: AFRIPOL took part in the Arab police conference; only the
    // Tangier article's text names it next to the Interpol General Assembly.
    let apslc = engine.event_index("apslc-47").expect("apslc-47") as u32;
    let interpol = engine
        .event_index("interpol-ga-93")
        .expect("interpol-ga-93") as u32;
    assert_eq!(query("afripol"), [apslc, interpol]);
    assert!(engine.source_snippet(apslc as usize, "afripol").is_none());
    assert!(engine
        .source_snippet(interpol as usize, "afripol")
        .is_some());
    for q in queries {
        assert_eq!(query(q), [wbsc], "{q}");
        let (source, snippet) = engine.source_snippet(wbsc as usize, q).expect("snippet");
        assert_eq!(engine.dataset().sources[source].id, "lereporter-wbsc");
        assert!(!snippet.marks.is_empty(), "{q}: {snippet:?}");
    }
}

mod normalisation {
    use convene_core::sources::locate_quote;
    use proptest::prelude::*;

    /// Text from a small alphabet rich in what normalisation touches.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec![
                "a", "é", "Z", "’", "'", "‘", "«", "»", "“", "”", "\"", " ", "  ", "\n", "\u{a0}",
                ".", "mot",
            ]),
            1..40,
        )
        .prop_map(|parts| parts.concat())
    }

    /// The same words, written another way: apostrophes and quotation marks
    /// swapped for their straight forms, whitespace runs for one space.
    fn respell(s: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in s.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.push(match c {
                '’' | '‘' => '\'',
                '“' | '”' => '"',
                c => c,
            });
        }
        out
    }

    proptest! {
        #[test]
        fn any_stretch_of_a_text_respelt_is_found_and_located_on_itself(
            t in text(),
            a in 0usize..200,
            b in 0usize..200,
        ) {
            let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
            let (mut i, mut j) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            if i > j {
                std::mem::swap(&mut i, &mut j);
            }
            let quote = respell(&t[i..j]);
            prop_assume!(!quote.trim().is_empty());
            let at = locate_quote(&t, &quote);
            prop_assert!(at.is_some(), "{:?} not found in {:?}", quote, t);
            let at = at.unwrap_or(0..0);
            prop_assert!(t.is_char_boundary(at.start) && t.is_char_boundary(at.end));
            // The located stretch holds the quote, whole.
            let located = &t[at];
            prop_assert_eq!(locate_quote(located, &quote), Some(0..located.len()), "{:?}", located);
        }
    }
}
