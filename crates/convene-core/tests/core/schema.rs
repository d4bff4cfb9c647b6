//! The JSON Schema in `schema/convene-1.schema.json` must not drift from the
//! code: its vocabularies are compared with `Role::ALL`, `ActorKind::ALL` and
//! `EventStatus::ALL`, and its required fields with what the loader requires.

use std::path::PathBuf;

use convene_core::{ActorKind, EventStatus, Role, FORMAT};
use serde_json::Value;

fn read_json(relative: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn schema() -> Value {
    read_json("schema/convene-1.schema.json")
}

fn words(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|w| w.as_str().unwrap_or_else(|| panic!("not a string: {w}")))
        .collect()
}

#[test]
fn the_seed_dataset_and_the_schema_are_json() {
    let seed = read_json("public/data/seed.json");
    assert_eq!(seed["format"], FORMAT);
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["properties"]["format"]["const"], FORMAT);
}

#[test]
fn the_schema_vocabularies_match_the_code() {
    let schema = schema();
    let defs = &schema["$defs"];
    let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
    let kinds: Vec<&str> = ActorKind::ALL.iter().map(|k| k.as_str()).collect();
    let statuses: Vec<&str> = EventStatus::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(words(&defs["role"]["enum"]), roles);
    assert_eq!(words(&defs["kind"]["enum"]), kinds);
    assert_eq!(words(&defs["status"]["enum"]), statuses);
}

#[test]
fn the_schema_requires_what_the_loader_requires() {
    let schema = schema();
    let defs = &schema["$defs"];
    assert_eq!(
        words(&schema["required"]),
        [
            "format",
            "title",
            "sources",
            "actors",
            "events",
            "participations"
        ]
    );
    assert_eq!(words(&defs["source"]["required"]), ["id", "title"]);
    assert_eq!(words(&defs["actor"]["required"]), ["id", "name", "kind"]);
    assert_eq!(words(&defs["event"]["required"]), ["id", "name", "status"]);
    // `quote` is optional since issue 13 (absent or null: "no quote"), in the
    // schema as in the loader; when present it must be non-blank text.
    assert_eq!(
        words(&defs["participation"]["required"]),
        ["event", "actor", "role", "source"]
    );
    let quote = &defs["participation"]["properties"]["quote"]["oneOf"];
    assert_eq!(quote[0]["$ref"], "#/$defs/nonEmptyText");
    assert_eq!(quote[1]["type"], "null");
}

#[test]
fn the_schema_patterns_agree_with_the_loader_on_examples() {
    // No regex crate here: check the patterns are the documented ones, and that
    // the loader agrees with them on the same examples (see load_errors.rs).
    let schema = schema();
    let defs = &schema["$defs"];
    assert_eq!(defs["slug"]["pattern"], "^[a-z0-9]+(-[a-z0-9]+)*$");
    assert_eq!(defs["iso3"]["pattern"], "^[A-Z]{3}$");
    assert_eq!(
        defs["date"]["pattern"],
        "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
    );
    // Checked against Python's `re` on these same examples when written.
    assert_eq!(
        defs["textUrl"]["pattern"],
        r"^(?!/)(?![^/]*:)(?!(.*/)?(\.|%2[eE]){2}(/|$))[^\\?#\s]+$"
    );
    for url in ["x.txt", "sources/x.txt", "./a.txt", "a..b.txt"] {
        assert!(convene_core::load::is_relative_text_url(url), "{url}");
    }
    for url in [
        "https://x.org/a",
        "//x.org/a",
        "/a",
        "../a",
        "b/%2E%2E/a",
        "a?b",
        "",
    ] {
        assert!(!convene_core::load::is_relative_text_url(url), "{url}");
    }
    for slug in ["mar", "wbsc-2017", "a1-b2"] {
        assert!(convene_core::load::is_slug(slug));
    }
    for not in ["Mar", "a--b", "-a", "a_b", ""] {
        assert!(!convene_core::load::is_slug(not));
    }
}
