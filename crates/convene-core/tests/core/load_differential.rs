//! The single-pass loader against the old one (issue 13, "Loading speed"): for
//! documents with random faults (wrong types, missing fields, unknown words,
//! bad slugs, dates and codes, duplicate keys and ids, unknown fields, integers
//! past 64 bits, dangling references, lists in any order), `load` gives the
//! same dataset or the same errors (paths, values, problems, order, line and
//! column) as the oracle, the old `Value` walk kept in [`super::load_oracle`].
//!
//! The generator reads its choices from a tape of bytes (0 is always the
//! plain, valid choice), so proptest's shrinking of the tape shrinks the
//! document towards a valid one and the failure shown is small.

use convene_core::load::load;
use proptest::prelude::*;

use super::load_oracle;

/// Choices read from the tape; past its end every choice is 0.
struct Tape<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Tape<'_> {
    fn pick(&mut self, n: usize) -> usize {
        let b = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b as usize % n
    }

    /// True with probability about 1 in `n` (never on a zero byte).
    fn one_in(&mut self, n: usize) -> bool {
        let b = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b != 0 && (b as usize).is_multiple_of(n)
    }
}

/// A JSON string literal.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Some value that is not a string (or a string where the field wants
/// something else), written as JSON.
fn odd_value(t: &mut Tape) -> String {
    const ODD: [&str; 12] = [
        "null",
        "true",
        "42",
        "-1.5e3",
        "123456789012345678901234567890",
        "[]",
        "[\"a\", 1]",
        "{}",
        "{\"k\": [1, {\"z\": null}]}",
        "\"\"",
        "\"   \"",
        "\"x\\u00e9\\n\"",
    ];
    ODD[t.pick(ODD.len())].to_string()
}

/// A string field's value: usually one of `good`, else a fault.
fn text(t: &mut Tape, good: &[&str]) -> String {
    if t.one_in(5) {
        return odd_value(t);
    }
    q(good[t.pick(good.len())])
}

const IDS: [&str; 6] = ["a", "b", "c-1", "A b", "d--e", "x\u{e9}"];
const WORDS_KIND: [&str; 4] = ["country", "organization", "person", "state"];
const WORDS_STATUS: [&str; 4] = ["held", "mentioned", "planned", "cancelled"];
const WORDS_ROLE: [&str; 5] = ["host", "participant", "observer", "sponsor", "chair"];
const DATES: [&str; 7] = [
    "2017",
    "2017-03",
    "2017-03-21",
    "2016-12",
    "2017-02-30",
    "17/03/2017",
    "",
];
const CODES: [&str; 4] = ["MAR", "FRA", "mar", "MA"];
const TEXTS: [&str; 4] = ["Name", "Autre nom", " ", "\u{627}\u{633}\u{645}"];
const URLS: [&str; 4] = ["sources/x.txt", "./y.txt", "../z.txt", "https://e.org/a"];

/// An object: `fields` (key, value) in an order from the tape, some left out,
/// an unknown field or a repeated key now and then.
fn object(t: &mut Tape, fields: Vec<(&str, String)>, required: usize) -> String {
    let mut kept: Vec<(String, String)> = Vec::new();
    for (i, (k, v)) in fields.into_iter().enumerate() {
        let drop = if i < required {
            t.one_in(9)
        } else {
            t.one_in(2)
        };
        if !drop {
            kept.push((k.to_string(), v));
        }
    }
    if t.one_in(6) {
        let v = odd_value(t);
        let key = ["extra", "notes", "x_big", "$serde_json::private::Number"][t.pick(4)];
        kept.push((key.to_string(), v));
    }
    // Shuffle by the tape.
    for i in (1..kept.len()).rev() {
        let j = t.pick(i + 1);
        kept.swap(i, j);
    }
    if !kept.is_empty() && t.one_in(40) {
        let k = kept[t.pick(kept.len())].0.clone();
        kept.push((k, "1".into()));
    }
    let body: Vec<String> = kept.iter().map(|(k, v)| format!("{}:{v}", q(k))).collect();
    format!("{{{}}}", body.join(","))
}

fn strings(t: &mut Tape, good: &[&str]) -> String {
    if t.one_in(7) {
        return odd_value(t);
    }
    let n = t.pick(3);
    let items: Vec<String> = (0..n).map(|_| text(t, good)).collect();
    format!("[{}]", items.join(","))
}

fn source(t: &mut Tape) -> String {
    let fields = vec![
        ("id", text(t, &IDS)),
        ("title", text(t, &TEXTS)),
        ("publisher", text(t, &TEXTS)),
        ("published", text(t, &DATES)),
        ("language", text(t, &["en", "fr"])),
        ("url", text(t, &URLS)),
        ("seed", text(t, &["s.txt"])),
        ("text", text(t, &TEXTS)),
        ("text_url", text(t, &URLS)),
    ];
    object(t, fields, 2)
}

fn actor(t: &mut Tape) -> String {
    let fields = vec![
        ("id", text(t, &IDS)),
        ("name", text(t, &TEXTS)),
        ("kind", text(t, &WORDS_KIND)),
        ("iso3", text(t, &CODES)),
        ("acronym", text(t, &TEXTS)),
        ("aliases", strings(t, &TEXTS)),
        ("title", text(t, &TEXTS)),
        ("affiliation", text(t, &IDS)),
    ];
    object(t, fields, 3)
}

fn event(t: &mut Tape) -> String {
    let fields = vec![
        ("id", text(t, &IDS)),
        ("name", text(t, &TEXTS)),
        ("status", text(t, &WORDS_STATUS)),
        ("start", text(t, &DATES)),
        ("end", text(t, &DATES)),
        ("city", text(t, &TEXTS)),
        ("country", text(t, &CODES)),
        ("venue", text(t, &TEXTS)),
        ("series", text(t, &TEXTS)),
        ("edition", text(t, &TEXTS)),
        ("themes", strings(t, &TEXTS)),
        ("summary", text(t, &TEXTS)),
        ("sources", strings(t, &IDS)),
    ];
    object(t, fields, 3)
}

fn participation(t: &mut Tape) -> String {
    let fields = vec![
        ("event", text(t, &IDS)),
        ("actor", text(t, &IDS)),
        ("role", text(t, &WORDS_ROLE)),
        ("source", text(t, &IDS)),
        ("quote", text(t, &TEXTS)),
    ];
    object(t, fields, 4)
}

fn list(t: &mut Tape, item: fn(&mut Tape) -> String) -> String {
    if t.one_in(15) {
        return odd_value(t);
    }
    let n = t.pick(5);
    let items: Vec<String> = (0..n)
        .map(|_| if t.one_in(20) { odd_value(t) } else { item(t) })
        .collect();
    format!("[{}]", items.join(",\n"))
}

/// A whole document from the tape.
fn document(t: &mut Tape) -> String {
    if t.one_in(60) {
        return odd_value(t);
    }
    let fields = vec![
        ("format", text(t, &["convene/1", "convene/2"])),
        ("title", text(t, &TEXTS)),
        ("sources", list(t, source)),
        ("actors", list(t, actor)),
        ("events", list(t, event)),
        ("participations", list(t, participation)),
        ("description", text(t, &TEXTS)),
        ("version", text(t, &["1"])),
        ("license", text(t, &["CC0-1.0"])),
    ];
    object(t, fields, 6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn single_pass_loader_matches_the_value_walk(tape in prop::collection::vec(any::<u8>(), 0..600)) {
        let doc = document(&mut Tape { bytes: &tape, pos: 0 });
        let new = load(&doc);
        let old = load_oracle::load(&doc);
        prop_assert_eq!(&new, &old, "document:\n{}", doc);
        // Every dataset that loads crosses the worker's hand-off unchanged
        // (unknown fields, big integers and all).
        if let Ok(d) = new {
            let back = convene_core::load::handoff::decode(&convene_core::load::handoff::encode(&d));
            prop_assert_eq!(back.as_ref(), Ok(&d), "document:\n{}", doc);
        }
    }
}

/// Documents the property test's shapes do not reach by chance: the lists in
/// reverse order, references forward, and the same faults in every record.
#[test]
fn fixed_documents_match_the_value_walk() {
    let docs = [
        r#"{"participations":[{"event":"e","actor":"a","role":"host","source":"s","quote":"q"},{"event":"e","actor":"a","role":"host","source":"s","quote":"q"},{"event":"zz","actor":"zz","role":"sponsor","source":"zz"},{"event":"zz","actor":"zz","role":"sponsor","source":"zz"}],
            "events":[{"id":"e","name":"E","status":"held","start":"2018","end":"2017","sources":["s",1,"t"]}],
            "actors":[{"id":"a","name":"A","kind":"person","affiliation":"b"},{"id":"b","name":" ","kind":"country","iso3":"MAR","aliases":["x",null]}],
            "sources":[{"id":"s","title":"S","text":"t","text_url":"../x"},{"id":"s","title":"T"}],
            "title":"T","format":"convene/1","big":123456789012345678901234567890}"#,
        r#"{"format":"convene/1","title":"T","sources":[],"actors":[],"events":[],"participations":[],"x":{"a":1,"a":2}}"#,
        r#"{"format":"convene/1","title":"T","sources":[],"actors":[{"id":"a","name":"n","kind":"person","id":"b"}],"events":[],"participations":[]}"#,
        r#"{"format":"convene/1","title":"T","sources":{"a":1,"a":2},"actors":[],"events":[],"participations":[]}"#,
        r#"{"format":"convene/1","title":"T","sources":[],"actors":[],"events":[[{"a":1,"a":2}]],"participations":[]}"#,
        r#"{"format":"convene/1","title":"T","sources":[],"actors":[],"events":[{"id":"e","themes":[{"a":1,"a":2}]}],"participations":[]}"#,
        r#"{"format":"convene/1","title":"T","sources":[],"actors":[],"events":[],"participations":[],"participations":[]}"#,
        r#"{"format":"convene/1","title":"T","sources":[],"actors":[],"events":[],"participations":[{"event":"e",}]}"#,
        r#"[1, 2, {"a": 1, "a": 2}]"#,
        r#"12345678901234567890123"#,
        r#""#,
        "\u{feff}{}",
        r#"{"format":"convene/1","title":"T","sources":[],"actors":[],"events":[],"participations":[]}   x"#,
    ];
    for doc in docs {
        assert_eq!(load(doc), load_oracle::load(doc), "document:\n{doc}");
    }
}
