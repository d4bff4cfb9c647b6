//! Tests named after the bug they pin: each says what went wrong before the fix
//! (README: "a regression test named after the bug"). Moved here from the
//! files that found them (`load_errors`, `view_codec`, `import`); a new one goes here too,
//! including a crash found by fuzzing (scripts/fuzz.sh).

use convene_core::load::{load, Problem};
use convene_core::view::{ViewKind, ViewState};
use serde_json::json;

use crate::fixtures::valid;

// ---------------------------------------------------------------- issue 13: JSON strictness (load_errors)

/// Regression: `"events"` twice at the top level was accepted and the first
/// list silently lost. Now an error naming the path, with line and column.
#[test]
fn duplicate_top_level_key_is_an_error_not_a_silent_loss() {
    let text = "{\"format\":\"convene/1\",\"title\":\"T\",\"sources\":[],\"actors\":[],\n\"events\":[],\"participations\":[],\n\"events\":[]}";
    let errs = load(text).expect_err("duplicate key");
    assert_eq!(errs.len(), 1);
    let e = &errs.0[0];
    assert_eq!(e.path, "events");
    assert_eq!(e.problem, Problem::DuplicateKey);
    assert_eq!(e.line, Some(3));
    assert_eq!(
        e.to_string(),
        "events: duplicate key \"events\" (line 3, column 8); each key may appear once in an object"
    );
}

/// Regression: a key repeated inside a record names the record's path.
#[test]
fn duplicate_key_inside_an_event_names_its_path() {
    let mut doc = valid();
    doc["events"][0]["name"] = json!("FIRST_NAME");
    let text = doc.to_string().replacen(
        "\"name\":\"FIRST_NAME\"",
        "\"name\":\"FIRST_NAME\",\"name\":\"second\"",
        1,
    );
    let errs = load(&text).expect_err("duplicate key");
    assert_eq!(errs.0[0].path, "events[0].name");
    assert_eq!(errs.0[0].problem, Problem::DuplicateKey);
}

/// Regression: unknown fields keep their numbers exactly through a load and
/// export, integers past 2^53 and past 2^64 included, and floats as written
/// (serde_json only adds an exponent's sign: `1e400` comes back `1e+400`).
#[test]
fn unknown_fields_round_trip_exactly_including_big_integers() {
    let mut doc = valid();
    let text = doc.to_string();
    let text = text.replacen(
        "{",
        "{\"x_big\":9007199254740993,\"x_huger\":123456789012345678901234567890,\"x_neg\":-9223372036854775809,\"x_float\":0.1,\"x_exp\":1e400,\"x_nested\":{\"n\":[18446744073709551617]},",
        1,
    );
    let d = load(&text).expect("loads");
    let out = convene_core::import::to_convene_json(&d);
    for number in [
        "9007199254740993",
        "123456789012345678901234567890",
        "-9223372036854775809",
        "0.1",
        "1e+400", // serde_json writes the exponent's sign: the same number
        "18446744073709551617",
    ] {
        assert!(out.contains(number), "{number} lost in {out}");
    }
    let again = load(&out).expect("loads again");
    assert_eq!(again, d);
    doc["x"] = json!(1);
    let _ = doc;
}

/// Regression: a UTF-16 JSON file said "line 1, column 1: expected value".
/// Decoded as UTF-8 by a browser it shows NULs (or U+FFFD U+FFFD for its BOM);
/// as bytes it has a BOM. Either way the error names the encoding.
#[test]
fn utf16_json_gets_an_error_naming_the_encoding() {
    let text = valid().to_string();
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    let errs = convene_core::load::load_bytes(&le).expect_err("utf-16");
    assert_eq!(
        errs.to_string(),
        "document: the data is encoded in UTF-16LE, not UTF-8. Save or export the file as UTF-8 (\"CSV UTF-8\" in a spreadsheet)"
    );
    let errs = convene_core::load::load_bytes(&be).expect_err("utf-16");
    assert!(errs.to_string().contains("UTF-16BE"), "{errs}");
    // What `Response.text()` makes of the bytes: lossy UTF-8.
    let lossy = String::from_utf8_lossy(&le).into_owned();
    let errs = load(&lossy).expect_err("utf-16 decoded as utf-8");
    assert!(errs.to_string().contains("UTF-16LE"), "{errs}");
    let no_bom = String::from_utf8_lossy(&le[2..]).into_owned();
    let errs = load(&no_bom).expect_err("utf-16 without BOM");
    assert!(errs.to_string().contains("UTF-16LE"), "{errs}");
    // A UTF-8 BOM is fine.
    load(&format!("\u{FEFF}{text}")).expect("UTF-8 with BOM loads");
}

// ---------------------------------------------------------------- issue 15: languages (view_codec)

/// A malformed `lang` falls back to the browser's choice with a notice naming it.
#[test]
fn regression_malformed_lang_gives_a_notice_not_a_language() {
    let (v, notices) = ViewState::from_query("lang=arabic&view=matrix");
    assert_eq!(v.lang, None);
    assert_eq!(v.view, ViewKind::Matrix);
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].param, "lang");
    assert!(
        notices[0].message.contains("en, fr, ar"),
        "{}",
        notices[0].message
    );
}

// ---------------------------------------------------------------- issue 12: found by the view strategies

/// Regression: selecting every actor kind (or every role) was read as no kind
/// filter at all (the engine compared the kind mask with "all kinds"), so events
/// without any participation matched `kind=country,organization,person`. The
/// rule is "an event matches when it has one participation whose actor's kind is
/// selected": an event without participations has none. Found by
/// `engine_props::engine_matches_reference` once its views came from a proptest
/// strategy (shrunk to 121 synthetic participations, seed 606).
#[test]
fn selecting_every_kind_or_role_still_needs_a_participation() {
    let engine = crate::fixtures::synth_engine(121, 606);
    let d = engine.dataset();
    let with_parts: Vec<u32> = (0..d.events.len() as u32)
        .filter(|&e| !engine.event_participations(e as usize).is_empty())
        .collect();
    assert!(
        with_parts.len() < d.events.len(),
        "the fixture needs an event without participations"
    );
    for query in [
        "kind=country,organization,person",
        "role=host,organizer,supporter,chair,speaker,participant,observer",
    ] {
        let mut events = engine.query(&crate::fixtures::view(query)).events;
        events.sort_unstable();
        assert_eq!(events, with_parts, "{query}");
    }
}

// ---------------------------------------------------------------- issue 13: imported host countries

/// Regression (issue 13, "imported host countries show their ISO code in the
/// Country facet"): a host country named in a spreadsheet (`Maroc`, `SN`) with
/// no country actor of its own was labelled `MAR`/`SEN`; the facet label is
/// now the country's name from the ISO 3166-1 table, as for the search index.
#[test]
fn imported_host_country_without_a_country_actor_is_labelled_by_name_not_iso_code() {
    use convene_core::engine::{Engine, Facet};
    use convene_core::view::ViewState;
    let result = crate::import::run(
        &[(
            "pasted data",
            "event,date,country,actor\nForum,2017,Maroc,IOM\nMeeting,2018,SN,IOM\nTalks,2019,Côte d'Ivoire,OSCE\n",
        )],
        false,
    );
    let d = result.dataset.expect("imports");
    assert!(
        d.actors
            .iter()
            .all(|a| a.kind != convene_core::ActorKind::Country),
        "no country actor"
    );
    let engine = Engine::new(d);
    let (view, _) = ViewState::from_query("");
    let sel = engine.query(&view);
    let mut labels: Vec<(String, String)> = sel
        .facet(Facet::Country)
        .expect("country facet")
        .values
        .iter()
        .map(|v| (v.key.to_string(), v.label.to_string()))
        .collect();
    labels.sort();
    assert_eq!(
        labels,
        [
            ("CIV".to_string(), "Côte d'Ivoire".to_string()),
            ("MAR".to_string(), "Morocco".to_string()),
            ("SEN".to_string(), "Senegal".to_string()),
        ]
    );
    assert_eq!(engine.country_label("SEN"), "Senegal");
    assert_eq!(
        engine.country_label("XYZ"),
        "XYZ",
        "not a country: as written"
    );
}

// ---------------------------------------------------------------- URL notices that contradicted themselves

/// Regression (found by a trial user): `top=5000` read "Ignored top=5000: at most
/// 1000 actors are drawn; showing 1000", and a reversed `years=` "Ignored …;
/// showing 2013-2017", though both values were used after a change. A value used
/// after a change is now "Adjusted"; one not used at all stays "Ignored".
#[test]
fn a_clamped_or_swapped_url_value_is_adjusted_not_ignored() {
    let (view, notices) = ViewState::from_query("top=5000&years=2017-2013&min=-1");
    assert_eq!(view.top, convene_core::view::MAX_TOP);
    let lines: Vec<String> = notices.iter().map(ToString::to_string).collect();
    assert!(
        lines.contains(
            &"Adjusted top=5000: at most 1000 actors are drawn; showing 1000".to_string()
        ),
        "{lines:?}"
    );
    assert!(
        lines.contains(
            &"Adjusted years=2017-2013: the range is reversed; showing 2013-2017".to_string()
        ),
        "{lines:?}"
    );
    let min = notices
        .iter()
        .find(|n| n.param == "min")
        .expect("min notice");
    assert!(!min.adjusted, "min=-1 falls back to the default: ignored");
    assert!(min.to_string().starts_with("Ignored min=-1: "));
}

/// Regression (found by a trial user): the network's summary read "2 actors, 1
/// links" and "1 actors, 0 links": one plural entry, chosen by the minimum
/// weight, held all three counts. Each count now has its own plural entry, and
/// the summary's template takes the phrases.
#[test]
fn network_counts_take_their_own_plural_forms() {
    use convene_core::i18n::{fill, plural_form, Key, Lang, PluralCategory};
    let phrase = |lang: Lang, key: Key, n: &str, category: PluralCategory| {
        fill(plural_form(lang.text(key), category), &[("n", n)])
    };
    let one = PluralCategory::One;
    let other = PluralCategory::Other;
    assert_eq!(phrase(Lang::En, Key::NetworkLinks, "1", one), "1 link");
    assert_eq!(phrase(Lang::En, Key::NetworkActors, "2", other), "2 actors");
    assert_eq!(phrase(Lang::Fr, Key::NetworkActors, "1", one), "1 acteur");
    let summary = fill(
        plural_form(Lang::En.text(Key::NetworkSummary), one),
        &[("actors", "2 actors"), ("links", "1 link"), ("n", "1")],
    );
    assert_eq!(summary, "2 actors, 1 link (at least 1 shared event)");
}

/// Regression (found by a trial user): with separate sheets, an events-sheet row
/// with a problem (an ambiguous date) made every participation naming its id say
/// `unknown event id "ev1" (not in the events sheet)`, though the id is there.
/// They now name the id's own row; the same for actors. Nothing else changes:
/// those participations are still problems and skipped with it.
#[test]
fn a_participation_naming_an_id_whose_row_has_problems_names_that_row() {
    let events = "id,event,date\nev1,Forum,12/06/2019\nev2,Summit,2019\n";
    let actors = "id,actor,kind\na1,Senegal,country\na2,IOM,orgnisation\n";
    let parts = "event id,actor id,role\nev1,a1,host\nev2,a2,participant\nev2,a1,host\n";
    let result = crate::import::run(
        &[
            ("evenements.csv", events),
            ("acteurs.csv", actors),
            ("participations.csv", parts),
        ],
        true,
    );
    let messages: Vec<String> = result
        .report
        .problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(messages.contains(&"participations.csv, row 2, column \"event id\": event id \"ev1\" is defined on a row with problems (evenements.csv, row 2); fix that row, or skip both".to_string()), "{messages:#?}");
    assert!(messages.contains(&"participations.csv, row 3, column \"actor id\": actor id \"a2\" is defined on a row with problems (acteurs.csv, row 3); fix that row, or skip both".to_string()), "{messages:#?}");
    assert!(
        !messages
            .iter()
            .any(|m| m.contains("unknown event id") || m.contains("unknown actor id")),
        "{messages:#?}"
    );
    let d = result.dataset.expect("the rest imports");
    assert_eq!(d.participations.len(), 1, "ev2 / a1 only");
}

/// Regression (found by a trial user): `ftp://x/y.csv` was refused as "is not a
/// link", which it is. A link of a scheme the app does not fetch now says so;
/// text with no scheme is still "not a link".
#[test]
fn a_link_of_another_scheme_is_named_not_called_not_a_link() {
    use convene_core::import::check_data_url;
    let ftp = check_data_url("ftp://x/y.csv").unwrap_err().to_string();
    assert_eq!(
        ftp,
        "\"ftp://x/y.csv\": ftp: links are not supported; use an https:// link to a file on a web site"
    );
    let words = check_data_url("my data.csv").unwrap_err().to_string();
    assert!(words.contains("is not a link"), "{words}");
    let drive = check_data_url("C:\\data\\a.csv").unwrap_err().to_string();
    assert!(drive.contains("is not a link"), "{drive}");
    assert_eq!(
        check_data_url("https://example.org/a.csv"),
        Ok("example.org".into())
    );
}
