//! Search across the region's scripts, end to end in the core: an index built over
//! events and actors written in Arabic (with and without harakat, hamza forms,
//! articles and proclitics), Vietnamese, German and French, queried each way round.

use crate::search_support::*;
use convene_core::model::*;
use convene_core::search::{highlight, tokenize, SearchIndex};
use proptest::prelude::*;

/// A small world. Invented test data: names and places only, no claim about who met.
fn world() -> Dataset {
    let mut ds = dataset();
    ds.events = vec![
        Event {
            city: Some("الرباط".into()),
            ..event_with_summary(
                "ar-marks",
                "مُؤْتَمَرُ الأَمْنِ الإِقْلِيمِيِّ",
                "اجتماع وزراء الداخلية سنة ٢٠١٧.",
            )
        },
        event_with_summary(
            "ar-bare",
            "ندوة حول امن الحدود",
            "بمشاركة منظمه الهجره الدوليه والمصطفي.",
        ),
        event_with_summary(
            "vi",
            "Hội nghị an ninh khu vực tại Đà Nẵng",
            "Phái đoàn Việt Nam.",
        ),
        event_with_summary(
            "de",
            "Konferenz über Grenzsicherheit",
            "Treffen in der Friedrichstraße, Berlin.",
        ),
        event_with_summary(
            "fr",
            "Atelier sur la sécurité des frontières",
            "Œuvre commune avec l’OIM à Tanger.",
        ),
        event_with_summary(
            "latin-plain",
            "Nguyen and Friedrichstrasse: a plain-ASCII report",
            "oeuvre securite 2017",
        ),
        event("hawaii-mark", "Honolulu, Hawaiʻi"),
        event("hawaii-plain", "Honolulu, Hawaii"),
        event("obrien", "Talks chaired by O'Brien"),
    ];
    ds.actors = vec![
        actor("mustafa", "مصطفى بن علي", ActorKind::Person),
        actor("nguyen", "Nguyễn Thị Phương", ActorKind::Person),
        actor(
            "oim",
            "Organisation internationale pour les migrations",
            ActorKind::Organization,
        ),
        actor("iom-ar", "المنظمة الدولية للهجرة", ActorKind::Organization),
    ];
    ds.participations = vec![
        part("ar-marks", "mustafa", ""),
        part("ar-marks", "iom-ar", ""),
        part("vi", "nguyen", ""),
        part("fr", "oim", ""),
    ];
    ds
}

fn ids(index: &SearchIndex, ds: &Dataset, query: &str) -> Vec<String> {
    let mut v = hit_ids(ds, index, query);
    v.sort();
    v
}

#[track_caller]
fn finds(index: &SearchIndex, ds: &Dataset, query: &str, want: &[&str]) {
    let got = ids(index, ds, query);
    assert_eq!(got, want, "query {query:?}");
}

#[test]
fn arabic_with_and_without_marks_meet() {
    let ds = world();
    let index = SearchIndex::build(&ds);
    // Marked text, bare query; bare text, marked query; either way the article.
    for q in ["الأمن", "الامن", "أمن", "امن", "الأَمْنِ", "والأمن", "بالأمن"]
    {
        finds(&index, &ds, q, &["ar-bare", "ar-marks"]);
    }
    // Hamza forms against bare alef, and typing letter by letter.
    finds(&index, &ds, "الاقليمي", &["ar-marks"]);
    finds(&index, &ds, "إقليمي", &["ar-marks"]);
    for typed in ["ا", "ال", "الإ", "الإق", "الإقل"] {
        assert!(
            ids(&index, &ds, typed).contains(&"ar-marks".to_string()),
            "typing {typed:?}"
        );
    }
    // Ta marbuta and alef maqsura, both ways.
    finds(&index, &ds, "منظمة الهجرة", &["ar-bare", "ar-marks"]);
    finds(&index, &ds, "منظمه الهجره", &["ar-bare", "ar-marks"]);
    finds(&index, &ds, "مصطفي", &["ar-bare", "ar-marks"]);
    finds(&index, &ds, "المصطفى", &["ar-bare", "ar-marks"]);
    // Arabic-Indic digits against ASCII ones.
    finds(&index, &ds, "2017", &["ar-marks", "latin-plain"]);
    finds(&index, &ds, "٢٠١٧", &["ar-marks", "latin-plain"]);
    // A city with its article, found without it.
    finds(&index, &ds, "رباط", &["ar-marks"]);
}

#[test]
fn vietnamese_german_and_french_meet_their_plain_spellings() {
    let ds = world();
    let index = SearchIndex::build(&ds);
    finds(&index, &ds, "nguyen", &["latin-plain", "vi"]);
    finds(&index, &ds, "Nguyễn", &["latin-plain", "vi"]);
    finds(&index, &ds, "phuong", &["vi"]);
    finds(&index, &ds, "viet nam", &["vi"]);
    finds(&index, &ds, "Việt", &["vi"]);
    finds(&index, &ds, "da nang", &["vi"]);
    finds(&index, &ds, "friedrichstrasse", &["de", "latin-plain"]);
    finds(&index, &ds, "Friedrichstraße", &["de", "latin-plain"]);
    finds(&index, &ds, "FRIEDRICHSTRAẞE", &["de", "latin-plain"]);
    finds(&index, &ds, "uber", &["de"]);
    finds(&index, &ds, "oeuvre", &["fr", "latin-plain"]);
    finds(&index, &ds, "Œuvre", &["fr", "latin-plain"]);
    finds(&index, &ds, "securite", &["fr", "latin-plain"]);
    finds(&index, &ds, "sécurité", &["fr", "latin-plain"]);
    finds(&index, &ds, "lʼOIM", &["fr"]);
    finds(&index, &ds, "lʻoim", &["fr"]);
    finds(&index, &ds, "l′OIM", &["fr"]);
    // Apostrophe-joined words: any apostrophe, or none, either way round.
    for q in ["Hawaiʻi", "Hawai'i", "hawaii", "HAWAIʼI"] {
        finds(&index, &ds, q, &["hawaii-mark", "hawaii-plain"]);
    }
    finds(&index, &ds, "obrien", &["obrien"]);
    finds(&index, &ds, "O′Brien", &["obrien"]);
    finds(&index, &ds, "brien", &["obrien"]);
}

#[test]
fn highlights_cover_the_matched_words_in_every_script() {
    let ds = world();
    let name = &ds.events[0].name;
    let marked: Vec<&str> = highlight(name, "امن اقليمي")
        .into_iter()
        .map(|r| &name[r])
        .collect();
    assert_eq!(marked, ["الأَمْنِ", "الإِقْلِيمِيِّ"]);
    let vi = &ds.events[2].name;
    let marked: Vec<&str> = highlight(vi, "hoi da nang")
        .into_iter()
        .map(|r| &vi[r])
        .collect();
    assert_eq!(marked, ["Hội", "Đà", "Nẵng"]);
    let text = "Honolulu, Hawaiʻi, with O'Brien";
    let marked: Vec<&str> = highlight(text, "hawaii ob")
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(marked, ["Hawaiʻi", "O'B"]);
    let marked: Vec<&str> = highlight(text, "brien")
        .into_iter()
        .map(|r| &text[r])
        .collect();
    assert_eq!(marked, ["Brien"]);
}

/// Words in several scripts, with clitics, marks and shared prefixes.
const WORDS: &[&str] = &[
    "الأمن",
    "الأَمْنِ",
    "أمن",
    "والأمن",
    "بالأمن",
    "للأمن",
    "امن",
    "الأمم",
    "وزارة",
    "وزير",
    "زيارة",
    "منظمة",
    "منظمه",
    "مصطفى",
    "الله",
    "ال",
    "Nguyễn",
    "Nguyen",
    "Việt",
    "Straße",
    "strasse",
    "Œuvre",
    "l'OIM",
    "lʼOIM",
    "Hawaiʻi",
    "Hawaii",
    "O'Brien",
    "٢٠١٧",
    "2017",
];

fn words(max: usize) -> impl Strategy<Value = String> {
    phrase(WORDS, max)
}

/// A query as typed: whole words or their first characters.
fn typed_query() -> impl Strategy<Value = String> {
    let term = (prop::sample::select(WORDS), 1usize..8).prop_map(|(w, n)| {
        if n >= 6 {
            w.to_string()
        } else {
            w.chars().take(n).collect()
        }
    });
    prop::collection::vec(term, 0..3).prop_map(|t| t.join(" "))
}

/// A query's terms by the documented rule: each word's last (most stripped) form,
/// and for apostrophe-joined words (whose joined form's span holds its parts'),
/// only the joined form.
fn query_terms(query: &str) -> Vec<String> {
    let toks = tokenize(query);
    let mut terms: Vec<String> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let last_of_word = toks.get(i + 1).is_none_or(|n| n.span != t.span);
        let inside_joined = toks
            .iter()
            .any(|o| o.span != t.span && o.span.start <= t.span.start && t.span.end <= o.span.end);
        if last_of_word && !inside_joined && !terms.contains(&t.term) {
            terms.push(t.term.clone());
        }
    }
    terms
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The index agrees with a brute-force scan: every query term (a word's most
    /// stripped form) is a prefix of some form of some word of the event.
    #[test]
    fn index_matches_brute_force_across_scripts(
        names in prop::collection::vec(words(4), 0..6),
        queries in prop::collection::vec(typed_query(), 1..4),
    ) {
        let mut ds = dataset();
        ds.events = names.iter().enumerate().map(|(i, n)| event(&i.to_string(), n)).collect();
        let index = SearchIndex::build(&ds);
        for query in &queries {
            let terms = query_terms(query);
            let got = index.search(query);
            prop_assert_eq!(got.is_none(), terms.is_empty());
            let Some(got) = got else { continue };
            let mut got: Vec<u32> = got.hits.iter().map(|h| h.event).collect();
            got.sort_unstable();
            let want: Vec<u32> = (0..names.len() as u32)
                .filter(|&e| {
                    let forms: Vec<String> = tokenize(&names[e as usize]).into_iter().map(|t| t.term).collect();
                    terms.iter().all(|t| forms.iter().any(|f| f.starts_with(t.as_str())))
                })
                .collect();
            prop_assert_eq!(got, want, "query {:?}", query);
        }
    }

    /// Whatever the text, a query of one of its words finds it and highlights
    /// at least that word; highlight ranges stay on char boundaries.
    #[test]
    fn a_word_of_the_text_finds_and_marks_it(text in words(6), pick in 0usize..6) {
        let toks = tokenize(&text);
        prop_assume!(!toks.is_empty());
        let tok = &toks[pick % toks.len()];
        let word = &text[tok.span.clone()];
        let mut ds = dataset();
        ds.events = vec![event("e", &text)];
        let index = SearchIndex::build(&ds);
        prop_assert_eq!(hit_ids(&ds, &index, word), vec!["e".to_string()], "word {:?}", word);
        let spans = highlight(&text, word);
        prop_assert!(spans.iter().any(|s| s.start == tok.span.start), "{:?} not marked in {:?}", word, text);
        for s in &spans {
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
}
