//! CSV and JSON export: RFC 4180 framing checked by a small independent parser,
//! and both formats carrying the same rows.

use convene_core::engine::Engine;
use convene_core::export::{to_csv, to_json, FIELDS};
use convene_core::model::Role;
use convene_core::synth::{generate, SynthParams};
use convene_core::view::ViewState;
use proptest::prelude::*;

/// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes.
fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
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
    assert!(csv.starts_with("event_id,event_name,event_start,event_end,event_city,event_country,event_status,actor_id,actor_name,actor_kind,role,source_id,source_title,quote\r\n"));
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
    let csv = parse_csv(&to_csv(&engine, &sel.participations)).unwrap();
    let json: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(&to_json(&engine, &sel.participations)).unwrap();
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
            assert_eq!(&expected, value, "{name}");
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
        prop_assert_eq!(&records[1][13], &quote);
    }
}
