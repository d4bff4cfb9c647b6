//! CSV and JSON export of a selection's participations: one row per
//! participation, with its event, actor, role and evidence (source and quote),
//! so a reader can check every fact offline.
//!
//! Both formats carry the same fields, in this order:
//! `event_id, event_name, event_start, event_end, event_city, event_country,
//! event_status, actor_id, actor_name, actor_kind, role, source_id, source_title,
//! quote`. Missing values are empty in CSV and `null` in JSON. Participation
//! indices out of range are skipped.

use serde::Serialize;

use crate::engine::Engine;

/// The column names, in order.
pub const FIELDS: [&str; 14] = [
    "event_id",
    "event_name",
    "event_start",
    "event_end",
    "event_city",
    "event_country",
    "event_status",
    "actor_id",
    "actor_name",
    "actor_kind",
    "role",
    "source_id",
    "source_title",
    "quote",
];

/// One exported row; borrowed from the dataset so export allocates little.
#[derive(Serialize)]
struct Row<'a> {
    event_id: &'a str,
    event_name: &'a str,
    event_start: Option<String>,
    event_end: Option<String>,
    event_city: Option<&'a str>,
    event_country: Option<&'a str>,
    event_status: &'a str,
    actor_id: &'a str,
    actor_name: &'a str,
    actor_kind: &'a str,
    role: &'a str,
    source_id: &'a str,
    source_title: Option<&'a str>,
    quote: &'a str,
}

impl<'a> Row<'a> {
    fn fields(&self) -> [&str; 14] {
        [
            self.event_id,
            self.event_name,
            self.event_start.as_deref().unwrap_or(""),
            self.event_end.as_deref().unwrap_or(""),
            self.event_city.unwrap_or(""),
            self.event_country.unwrap_or(""),
            self.event_status,
            self.actor_id,
            self.actor_name,
            self.actor_kind,
            self.role,
            self.source_id,
            self.source_title.unwrap_or(""),
            self.quote,
        ]
    }
}

fn rows<'a>(engine: &'a Engine, participations: &'a [u32]) -> impl Iterator<Item = Row<'a>> + 'a {
    let d = engine.dataset();
    participations.iter().filter_map(move |&p| {
        let (e, a, _) = engine.participation_keys(p as usize)?;
        let part = &d.participations[p as usize];
        let event = &d.events[e as usize];
        let actor = &d.actors[a as usize];
        let source = engine.source_index(&part.source).map(|s| &d.sources[s]);
        Some(Row {
            event_id: &event.id,
            event_name: &event.name,
            event_start: event.start.map(|s| s.to_string()),
            event_end: event.end.map(|s| s.to_string()),
            event_city: event.city.as_deref(),
            event_country: event.country.as_deref(),
            event_status: event.status.as_str(),
            actor_id: &actor.id,
            actor_name: &actor.name,
            actor_kind: actor.kind.as_str(),
            role: part.role.as_str(),
            source_id: &part.source,
            source_title: source.map(|s| s.title.as_str()),
            quote: &part.quote,
        })
    })
}

fn push_csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a
/// comma, a quote, CR or LF, with quotes doubled; UTF-8, no byte-order mark.
pub fn to_csv(engine: &Engine, participations: &[u32]) -> String {
    let mut out = String::with_capacity(64 + participations.len() * 200);
    out.push_str(&FIELDS.join(","));
    out.push_str("\r\n");
    for row in rows(engine, participations) {
        for (i, field) in row.fields().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_csv_field(&mut out, field);
        }
        out.push_str("\r\n");
    }
    out
}

/// A JSON array of objects with the CSV's fields (one object per line).
pub fn to_json(engine: &Engine, participations: &[u32]) -> String {
    let mut out = String::with_capacity(2 + participations.len() * 300);
    out.push('[');
    for (i, row) in rows(engine, participations).enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        // Serialising plain strings and options cannot fail.
        out.push_str(&serde_json::to_string(&row).unwrap_or_default());
    }
    out.push_str("\n]\n");
    out
}
