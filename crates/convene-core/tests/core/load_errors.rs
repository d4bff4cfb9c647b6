//! One test per class of error `load` reports, each pinning the path, the
//! offending value and the kind of problem; plus "report everything at once",
//! unknown fields kept, `validate`, and never-panic property tests.

use convene_core::load::{load, validate, LoadError, Problem};
use convene_core::{ActorKind, Role};
use proptest::prelude::*;
use serde_json::{json, Value};

use crate::fixtures::valid;

/// The smallest document that uses every kind of reference.
/// Loads `doc`, expecting failure, and returns the errors.
fn errors(doc: &Value) -> Vec<LoadError> {
    match load(&doc.to_string()) {
        Ok(_) => panic!("expected errors for {doc}"),
        Err(e) => {
            assert!(!e.0.is_empty(), "LoadErrors must never be empty");
            e.0
        }
    }
}

/// Loads `doc`, expecting exactly one error, and returns it.
fn one_error(doc: &Value) -> LoadError {
    let mut all = errors(doc);
    assert_eq!(all.len(), 1, "expected one error, got: {all:#?}");
    all.remove(0)
}

fn assert_error(e: &LoadError, path: &str, value: Option<&str>, problem: Problem) {
    assert_eq!(e.path, path, "path of {e}");
    assert_eq!(e.value.as_deref(), value, "value of {e}");
    assert_eq!(e.problem, problem, "problem of {e}");
}

#[test]
fn the_valid_fixture_loads() {
    let dataset = load(&valid().to_string()).expect("valid");
    assert_eq!(dataset.participations.len(), 3);
    assert_eq!(dataset.actors[2].affiliation.as_deref(), Some("mar"));
    assert_eq!(
        dataset.events[0].start.map(|d| d.to_string()).as_deref(),
        Some("2017-03-21")
    );
}

#[test]
fn malformed_json_gives_one_error_with_line_and_column() {
    let e = one_error_text("{\n  \"format\": \"convene/1\",\n  \"title\": oops\n}");
    assert_eq!(e.path, "");
    assert!(matches!(e.problem, Problem::Syntax(_)), "{e:?}");
    assert_eq!((e.line, e.column), (Some(3), Some(12)));
    assert!(
        e.to_string()
            .starts_with("line 3, column 12: invalid JSON: "),
        "{e}"
    );
}

fn one_error_text(text: &str) -> LoadError {
    let mut all = load(text).expect_err("should fail").0;
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

#[test]
fn wrong_format_is_reported() {
    let mut doc = valid();
    doc["format"] = json!("convene/2");
    let e = one_error(&doc);
    assert_error(&e, "format", Some("convene/2"), Problem::Format);
    assert_eq!(
        e.to_string(),
        r#"format: unsupported format "convene/2", expected "convene/1""#
    );
}

#[test]
fn missing_required_fields_are_reported() {
    let mut doc = valid();
    doc["participations"][1]
        .as_object_mut()
        .unwrap()
        .remove("source");
    doc["events"][0].as_object_mut().unwrap().remove("status");
    doc.as_object_mut().unwrap().remove("title");
    let all = errors(&doc);
    assert_eq!(all.len(), 3, "{all:#?}");
    assert_error(&all[0], "title", None, Problem::Missing);
    assert_error(&all[1], "events[0].status", None, Problem::Missing);
    assert_error(&all[2], "participations[1].source", None, Problem::Missing);
    assert_eq!(
        all[2].to_string(),
        "participations[1].source: missing required field"
    );
}

/// Issue 13: imported spreadsheets may give no quote. An absent or null quote
/// loads as `None` (shown as "no quote"), and exports without one.
#[test]
fn a_missing_or_null_quote_loads_as_no_quote() {
    let mut doc = valid();
    doc["participations"][1]
        .as_object_mut()
        .unwrap()
        .remove("quote");
    doc["participations"][2]["quote"] = serde_json::Value::Null;
    let d = load(&doc.to_string()).expect("a missing quote is allowed");
    assert_eq!(d.participations[1].quote, None);
    assert_eq!(d.participations[2].quote, None);
    let back = serde_json::to_value(&d).unwrap();
    assert!(back["participations"][1].get("quote").is_none());
}

#[test]
fn wrong_types_are_reported() {
    let mut doc = valid();
    doc["actors"][0]["name"] = json!(12);
    doc["events"][0]["themes"] = json!("border management");
    doc["events"][0]["summary"] = Value::Null;
    doc["sources"][0]["seed"] = json!(["x"]);
    doc["participations"][2] = json!("not an object");
    let all = errors(&doc);
    let found: Vec<(&str, Option<&str>)> = all
        .iter()
        .map(|e| (e.path.as_str(), e.value.as_deref()))
        .collect();
    assert_eq!(
        found,
        vec![
            ("sources[0].seed", Some(r#"["x"]"#)),
            ("actors[0].name", Some("12")),
            ("events[0].themes", Some("border management")),
            ("events[0].summary", Some("null")),
            ("participations[2]", Some("not an object")),
        ]
    );
    assert_eq!(
        all[1].problem,
        Problem::WrongType {
            expected: "a string",
            found: "a number"
        }
    );
    assert_eq!(
        all[1].to_string(),
        "actors[0].name: expected a string, found a number: 12"
    );
    assert_eq!(
        all[2].to_string(),
        r#"events[0].themes: expected an array of strings, found a string: "border management""#
    );
    assert_eq!(
        all[3].to_string(),
        "events[0].summary: expected a string, found null"
    );
}

#[test]
fn a_document_that_is_not_an_object_is_a_wrong_type() {
    let e = one_error_text("[1, 2]");
    assert_error(
        &e,
        "",
        Some("[1,2]"),
        Problem::WrongType {
            expected: "an object",
            found: "an array",
        },
    );
    assert_eq!(
        e.to_string(),
        "document: expected an object, found an array: [1,2]"
    );
}

#[test]
fn duplicate_ids_are_reported_within_their_list() {
    let mut doc = valid();
    let copy = doc["actors"][1].clone();
    doc["actors"].as_array_mut().unwrap().push(copy);
    // The same id in another list is fine.
    doc["sources"][0]["id"] = json!("mar");
    for p in doc["participations"].as_array_mut().unwrap() {
        p["source"] = json!("mar");
    }
    doc["events"][0]["sources"] = json!(["mar"]);
    let e = one_error(&doc);
    assert_error(
        &e,
        "actors[3].id",
        Some("iom"),
        Problem::DuplicateId {
            first: "actors[1]".into(),
        },
    );
    assert_eq!(
        e.to_string(),
        r#"actors[3].id: duplicate id "iom" (first used at actors[1])"#
    );
}

#[test]
fn duplicate_participation_rows_are_reported() {
    let mut doc = valid();
    let mut copy = doc["participations"][0].clone();
    copy["quote"] = json!("another quote");
    doc["participations"].as_array_mut().unwrap().push(copy);
    let e = one_error(&doc);
    assert_error(
        &e,
        "participations[3]",
        Some("wbsc-2017 / mar / host"),
        Problem::DuplicateParticipation {
            first: "participations[0]".into(),
        },
    );
}

#[test]
fn dangling_ids_are_reported_everywhere_they_can_occur() {
    let mut doc = valid();
    doc["participations"][0]["event"] = json!("wbsc-2018");
    doc["participations"][1]["actor"] = json!("xyz");
    doc["participations"][2]["source"] = json!("s9");
    doc["events"][0]["sources"] = json!(["s1", "s2"]);
    doc["actors"][2]["affiliation"] = json!("dmsf");
    let all = errors(&doc);
    let expect = [
        ("actors[2].affiliation", "dmsf", "actor"),
        ("events[0].sources[1]", "s2", "source"),
        ("participations[0].event", "wbsc-2018", "event"),
        ("participations[1].actor", "xyz", "actor"),
        ("participations[2].source", "s9", "source"),
    ];
    assert_eq!(all.len(), expect.len(), "{all:#?}");
    for (e, (path, value, list)) in all.iter().zip(expect) {
        assert_error(e, path, Some(value), Problem::UnknownId { list });
    }
    assert_eq!(
        all[3].to_string(),
        r#"participations[1].actor: unknown actor id "xyz""#
    );
}

#[test]
fn a_reference_to_a_later_record_is_not_dangling() {
    let mut doc = valid();
    // Affiliation points forward in the list.
    doc["actors"][0]["affiliation"] = json!("khalid-zerouali");
    load(&doc.to_string()).expect("forward references are fine");
}

#[test]
fn malformed_dates_are_reported() {
    let mut doc = valid();
    doc["events"][0]["start"] = json!("21/03/2017");
    doc["sources"][0]["published"] = json!("2016-12-20T10:00");
    let all = errors(&doc);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_error(
        &all[0],
        "sources[0].published",
        Some("2016-12-20T10:00"),
        Problem::MalformedDate,
    );
    assert_error(
        &all[1],
        "events[0].start",
        Some("21/03/2017"),
        Problem::MalformedDate,
    );
    assert_eq!(
        all[1].to_string(),
        r#"events[0].start: malformed date "21/03/2017", expected YYYY, YYYY-MM or YYYY-MM-DD"#
    );
}

#[test]
fn impossible_dates_are_told_apart_from_malformed_ones() {
    let mut doc = valid();
    doc["events"][0]["start"] = json!("2013-02-30");
    doc["events"][0]["end"] = json!("2013-13");
    let all = errors(&doc);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_error(
        &all[0],
        "events[0].start",
        Some("2013-02-30"),
        Problem::ImpossibleDate,
    );
    assert_error(
        &all[1],
        "events[0].end",
        Some("2013-13"),
        Problem::ImpossibleDate,
    );
}

#[test]
fn an_end_before_the_start_is_reported() {
    let mut doc = valid();
    doc["events"][0]["end"] = json!("2017-03-20");
    let e = one_error(&doc);
    assert_error(
        &e,
        "events[0].end",
        Some("2017-03-20"),
        Problem::EndBeforeStart {
            start: "2017-03-21".into(),
        },
    );
    assert_eq!(
        e.to_string(),
        r#"events[0].end: end "2017-03-20" is before start "2017-03-21""#
    );
}

#[test]
fn dates_at_different_precisions_overlap_rather_than_conflict() {
    let mut doc = valid();
    doc["events"][0]["start"] = json!("2017-03-21");
    doc["events"][0]["end"] = json!("2017-03");
    load(&doc.to_string()).expect("2017-03 covers 2017-03-21");
    doc["events"][0]["end"] = json!("2016");
    let e = one_error(&doc);
    assert!(matches!(e.problem, Problem::EndBeforeStart { .. }));
}

#[test]
fn null_dates_are_allowed() {
    let mut doc = valid();
    doc["events"][0]["start"] = Value::Null;
    doc["events"][0]["end"] = Value::Null;
    doc["sources"][0]["published"] = Value::Null;
    let dataset = load(&doc.to_string()).expect("null dates");
    assert_eq!(dataset.events[0].start, None);
}

#[test]
fn unknown_kind_role_and_status_are_reported() {
    let mut doc = valid();
    doc["actors"][1]["kind"] = json!("agency");
    doc["events"][0]["status"] = json!("cancelled");
    doc["participations"][0]["role"] = json!("Host");
    let all = errors(&doc);
    assert_eq!(all.len(), 3, "{all:#?}");
    assert_error(
        &all[0],
        "actors[1].kind",
        Some("agency"),
        Problem::UnknownKind,
    );
    assert_error(
        &all[1],
        "events[0].status",
        Some("cancelled"),
        Problem::UnknownStatus,
    );
    assert_error(
        &all[2],
        "participations[0].role",
        Some("Host"),
        Problem::UnknownRole,
    );
    assert_eq!(
        all[0].to_string(),
        r#"actors[1].kind: unknown kind "agency", expected country, organization or person"#
    );
    let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
    assert!(
        all[2].to_string().contains(&roles.join(", ")[..20]),
        "{}",
        all[2]
    );
    assert_eq!(ActorKind::ALL.len(), 3);
}

#[test]
fn ids_must_be_lowercase_slugs() {
    let mut doc = valid();
    doc["sources"][0]["id"] = json!("Source 1");
    let all = errors(&doc);
    // The bad id itself, and the references that no longer match it.
    assert_error(
        &all[0],
        "sources[0].id",
        Some("Source 1"),
        Problem::NotASlug,
    );
    assert!(
        all[1..]
            .iter()
            .all(|e| e.problem == Problem::UnknownId { list: "source" }),
        "{all:#?}"
    );
    for bad in ["", "a--b", "-a", "ab_c", "MAR", "café"] {
        let mut doc = valid();
        doc["events"][0]["id"] = json!(bad);
        for p in doc["participations"].as_array_mut().unwrap() {
            p["event"] = json!(bad);
        }
        let e = one_error(&doc);
        assert_error(&e, "events[0].id", Some(bad), Problem::NotASlug);
    }
}

#[test]
fn country_codes_must_be_three_uppercase_letters() {
    let mut doc = valid();
    doc["events"][0]["country"] = json!("Morocco");
    doc["actors"][0]["iso3"] = json!("ma");
    let all = errors(&doc);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_error(
        &all[0],
        "actors[0].iso3",
        Some("ma"),
        Problem::NotACountryCode,
    );
    assert_error(
        &all[1],
        "events[0].country",
        Some("Morocco"),
        Problem::NotACountryCode,
    );
}

#[test]
fn empty_quotes_and_names_are_reported() {
    let mut doc = valid();
    doc["participations"][2]["quote"] = json!("  ");
    doc["actors"][0]["name"] = json!("");
    let all = errors(&doc);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_error(&all[0], "actors[0].name", Some(""), Problem::Empty);
    assert_error(
        &all[1],
        "participations[2].quote",
        Some("  "),
        Problem::Empty,
    );
    assert_eq!(
        all[1].to_string(),
        "participations[2].quote: must not be empty"
    );
}

#[test]
fn unknown_fields_are_kept_and_ignored() {
    let mut doc = valid();
    doc["generator"] = json!({"name": "hand"});
    doc["actors"][0]["wikidata"] = json!("Q1028");
    doc["participations"][0]["confidence"] = json!(0.9);
    let dataset = load(&doc.to_string()).expect("unknown fields are fine");
    assert_eq!(dataset.extra["generator"], json!({"name": "hand"}));
    assert_eq!(dataset.actors[0].extra["wikidata"], json!("Q1028"));
    assert_eq!(dataset.participations[0].extra["confidence"], json!(0.9));
    // And they survive a round trip.
    let again = load(&serde_json::to_string(&dataset).unwrap()).unwrap();
    assert_eq!(again, dataset);
}

/// The loader moves values into the model by hand (smaller wasm than serde's
/// derive); the derive, still on the model for other users, is the reference.
#[test]
fn the_hand_built_model_equals_serdes_for_seed_and_synthetic_data() {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/seed.json"
    ))
    .expect("seed dataset");
    let synth = serde_json::to_string(&convene_core::synth::generate(
        &convene_core::synth::SynthParams {
            participations: 2_000,
            seed: 5,
        },
    ))
    .unwrap();
    let mut with_extras = valid();
    with_extras["generator"] = json!({"name": "hand", "n": [1, 2]});
    with_extras["sources"][0]["note"] = json!(null);
    with_extras["events"][0]["rank"] = json!(3);
    with_extras["events"][0]["end"] = json!(null);
    for (name, text) in [
        ("seed", seed),
        ("synth", synth),
        ("extras", with_extras.to_string()),
    ] {
        let by_hand = load(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let by_serde: convene_core::Dataset = serde_json::from_str(&text).unwrap();
        assert_eq!(by_hand, by_serde, "{name}");
    }
}

#[test]
fn every_error_in_a_document_is_reported_not_just_the_first() {
    let mut doc = valid();
    doc["format"] = json!("convene/0");
    doc["sources"][0]["published"] = json!("2016-02-30");
    doc["actors"][1]["kind"] = json!("state");
    doc["actors"][2]["affiliation"] = json!("nobody");
    doc["events"][0]["country"] = json!("mar");
    doc["participations"][0]["role"] = json!("sponsor");
    doc["participations"][1]["quote"] = json!("");
    doc["participations"][2]["actor"] = json!("ghost");
    let errs = load(&doc.to_string()).expect_err("eight problems");
    let paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "format",
            "sources[0].published",
            "actors[1].kind",
            "actors[2].affiliation",
            "events[0].country",
            "participations[0].role",
            "participations[1].quote",
            "participations[2].actor",
        ]
    );
    // Display: one line per error, each naming its path.
    let text = errs.to_string();
    assert_eq!(text.lines().count(), 8, "{text}");
    for (line, path) in text.lines().zip(&paths) {
        assert!(line.starts_with(&format!("{path}: ")), "{line}");
    }
    let boxed: Box<dyn std::error::Error> = Box::new(errs);
    assert!(boxed.to_string().contains(r#"unknown actor id "ghost""#));
}

#[test]
fn validate_checks_datasets_built_in_code() {
    let mut dataset = load(&valid().to_string()).unwrap();
    validate(&dataset).expect("valid");
    dataset.participations[0].actor = "nobody".into();
    dataset.events[0].country = Some("Maroc".into());
    let errs = validate(&dataset).expect_err("two problems");
    let paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["events[0].country", "participations[0].actor"]);
}

#[test]
fn long_values_are_shortened_in_errors() {
    let mut doc = valid();
    let long = "x".repeat(500);
    doc["participations"][0]["actor"] = json!(long);
    let e = one_error(&doc);
    assert!(e.value.as_deref().unwrap().chars().count() <= 81);
}

/// Every path inside `v` (object keys and array indices), for mutation.
fn all_pointers(v: &Value, here: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let p = format!("{here}/{k}");
                out.push(p.clone());
                all_pointers(child, p, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let p = format!("{here}/{i}");
                out.push(p.clone());
                all_pointers(child, p, out);
            }
        }
        _ => {}
    }
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        prop_oneof![
            Just("2013-02-30"),
            Just("2013"),
            Just("host"),
            Just("mar"),
            Just("MAR"),
            Just("convene/1"),
            Just(""),
            Just("wbsc-2017"),
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn load_never_panics_on_arbitrary_text(text in ".{0,200}") {
        let _ = load(&text);
    }

    #[test]
    fn load_never_panics_on_byte_edits_of_a_valid_document(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = valid().to_string().into_bytes();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if truncate {
            let n = cut.index(bytes.len());
            bytes.truncate(n);
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Err(errs) = load(&text) {
            prop_assert!(!errs.0.is_empty());
            let _ = errs.to_string();
        }
    }

    #[test]
    fn load_never_panics_on_structural_mutations(
        at in any::<prop::sample::Index>(),
        replacement in arb_json(),
        delete in any::<bool>(),
    ) {
        let mut doc = valid();
        let mut pointers = Vec::new();
        all_pointers(&doc, String::new(), &mut pointers);
        let pointer = pointers[at.index(pointers.len())].clone();
        if delete {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            match doc.pointer_mut(parent) {
                Some(Value::Object(map)) => { map.remove(key); }
                Some(Value::Array(items)) => {
                    let i: usize = key.parse().unwrap();
                    items.remove(i);
                }
                _ => {}
            }
        } else if let Some(slot) = doc.pointer_mut(&pointer) {
            *slot = replacement;
        }
        match load(&doc.to_string()) {
            // Whatever loads must also pass `validate` (the two agree).
            Ok(dataset) => prop_assert!(validate(&dataset).is_ok()),
            Err(errs) => {
                prop_assert!(!errs.0.is_empty());
                // No error slips past the walk into serde's derive.
                prop_assert!(errs.iter().all(|e| !matches!(e.problem, Problem::Model(_))), "{}", errs);
                for e in &errs { prop_assert!(!e.to_string().is_empty()); }
            }
        }
    }
}
