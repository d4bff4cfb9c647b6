//! CSV and JSON export of a selection's participations: one row per
//! participation, with its event, actor, role and evidence (source and quote),
//! so a reader can check every fact offline.
//!
//! Both formats carry the same fields, in this order:
//! `event_id, event_name, event_start, event_end, event_city, event_country,
//! event_status, actor_id, actor_name, actor_kind, role, source_id, source_title,
//! quote`. Missing values are empty in CSV and `null` in JSON. Participation
//! indices out of range are skipped. The CSV is made for spreadsheets: it starts
//! with a byte-order mark and neutralises formulas (see [`to_csv`]); the JSON keeps
//! every value as the dataset has it.
//!
//! [`matrix_svg`] draws the participation matrix as a standalone SVG picture.

use serde::Serialize;

use crate::engine::Engine;
use crate::matrix::Matrix;
use crate::model::Role;

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
            // No quote: an empty cell, never invented text.
            quote: part.quote.as_deref().unwrap_or(""),
        })
    })
}

/// Whether a spreadsheet program would read a cell starting with `c` as a formula
/// (or, for tab and carriage return, strip the character and then do so): `=`, `+`,
/// `-`, `@`, tab, carriage return, and the full-width `＝ ＋ － ＠` that some
/// spreadsheets fold to their ASCII forms. The list is OWASP's "CSV Injection"
/// advice, plus the full-width forms.
pub fn is_formula_trigger(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\t' | '\r' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}'
    )
}

/// A field as a spreadsheet should show it: prefixed with `'` when its first
/// character is a formula trigger ([`is_formula_trigger`]), so `=1+1` opens as the
/// text `=1+1`; otherwise unchanged. The `'` is what OWASP recommends: spreadsheet
/// programs hide it and show the text.
pub fn neutralize_formula(field: &str) -> std::borrow::Cow<'_, str> {
    match field.chars().next() {
        Some(c) if is_formula_trigger(c) => format!("'{field}").into(),
        _ => field.into(),
    }
}

fn push_csv_field(out: &mut String, field: &str) {
    let field = neutralize_formula(field);
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&field);
    }
}

/// The UTF-8 byte-order mark that starts every CSV export: without it, spreadsheet
/// programs read the file in a legacy code page and garble accents.
pub const CSV_BOM: char = '\u{FEFF}';

/// CSV for spreadsheets: RFC 4180 framing (a header row, CRLF line ends, fields
/// quoted when they hold a comma, a quote, CR or LF, with quotes doubled), UTF-8
/// starting with a byte-order mark ([`CSV_BOM`]), and every field that starts with
/// a formula trigger (`= + - @`, tab, CR, or full-width `＝ ＋ － ＠`) prefixed with
/// `'` ([`neutralize_formula`], OWASP's advice against CSV injection), so opening
/// the file never runs a formula from the data. [`to_json`] keeps values raw.
pub fn to_csv(engine: &Engine, participations: &[u32]) -> String {
    let mut out = String::with_capacity(64 + participations.len() * 200);
    out.push(CSV_BOM);
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

/// A JSON array of objects with the CSV's fields (one object per line). Values
/// are raw: no formula prefix (JSON is read by programs, not spreadsheets).
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

/// The most matrix rows (actors) an SVG export draws; the rest are noted.
pub const SVG_MAX_ROWS: usize = 200;
/// The most matrix columns (events) an SVG export draws; the rest are noted.
pub const SVG_MAX_COLUMNS: usize = 200;

/// Each role's glyph and colour in the SVG export: the core's one table
/// ([`crate::model::ROLE_STYLE`]).
fn role_style(role: Role) -> (&'static str, &'static str) {
    (role.glyph(), role.colour())
}

/// Text for an SVG text node or attribute: without the characters XML 1.0
/// forbids, cut to `max` characters with an ellipsis, then escaped by the one XML
/// rule every XML export shares ([`crate::xml::escape`]).
fn svg_text(text: &str, max: usize) -> String {
    let clean: String = text
        .chars()
        .filter(|&c| crate::xml::is_xml_char(c))
        .collect();
    let cut = match clean.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &clean[..i]),
        None => clean,
    };
    crate::xml::escape(&cut)
}

/// The participation matrix as a standalone SVG document: a title, a column per
/// event (its name, rotated), a row per actor (its name), each non-empty cell a
/// square in the colour of its first role with the glyphs of all its roles (and
/// a `<title>` giving them in words), and a legend. At most [`SVG_MAX_ROWS`] rows
/// and [`SVG_MAX_COLUMNS`] columns are drawn; a note says what was left out.
pub fn matrix_svg(engine: &Engine, matrix: &Matrix, title: &str) -> String {
    use std::fmt::Write;
    const CELL: usize = 22;
    const LABEL_W: usize = 240;
    const HEAD_H: usize = 190;
    const TOP: usize = 40;
    let d = engine.dataset();
    let n_rows = matrix.rows.len().min(SVG_MAX_ROWS);
    let n_cols = matrix.columns.len().min(SVG_MAX_COLUMNS);
    let clipped = n_rows < matrix.rows.len() || n_cols < matrix.columns.len();
    let grid_top = TOP + HEAD_H;
    let grid_h = n_rows * CELL;
    let legend_top = grid_top + grid_h + 30;
    let height = legend_top + 30 + if clipped { 24 } else { 0 };
    let width = (LABEL_W + n_cols * CELL + 20).max(7 * 120 + 20);
    let mut out = String::with_capacity(4096 + n_rows * n_cols * 8);
    // `write!` to a String cannot fail.
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         font-family=\"system-ui, sans-serif\" font-size=\"12\">\n<title>{}</title>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{}</text>\n",
        svg_text(title, 200),
        svg_text(title, 200)
    );
    out.push_str("<g class=\"columns\">\n");
    for (c, &event) in matrix.columns.iter().take(n_cols).enumerate() {
        let x = LABEL_W + c * CELL + CELL / 2 + 4;
        let y = grid_top - 6;
        let _ = writeln!(
            out,
            "<text x=\"{x}\" y=\"{y}\" transform=\"rotate(-60 {x} {y})\">{}</text>",
            svg_text(&d.events[event as usize].name, 32)
        );
    }
    out.push_str("</g>\n<g class=\"rows\">\n");
    for (r, &actor) in matrix.rows.iter().take(n_rows).enumerate() {
        let y = grid_top + r * CELL;
        if r % 2 == 1 {
            let _ = writeln!(
                out,
                "<rect x=\"0\" y=\"{y}\" width=\"{}\" height=\"{CELL}\" fill=\"#f4f5f7\"/>",
                LABEL_W + n_cols * CELL
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL_W - 6,
            y + CELL - 7,
            svg_text(&d.actors[actor as usize].name, 36)
        );
        for c in 0..n_cols {
            let roles = matrix.cell(r, c);
            let Some(first) = roles.iter().next() else {
                continue;
            };
            let x = LABEL_W + c * CELL;
            let glyphs: String = roles.iter().map(|role| role_style(role).0).collect();
            let _ = writeln!(
                out,
                "<g><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" \
                 fill=\"{}\" fill-opacity=\"0.25\" stroke=\"{}\"/><text x=\"{}\" y=\"{}\" \
                 text-anchor=\"middle\" font-size=\"{}\">{}</text></g>",
                svg_text(&roles.describe(), 200),
                x + 1,
                y + 1,
                CELL - 2,
                CELL - 2,
                role_style(first).1,
                role_style(first).1,
                x + CELL / 2,
                y + CELL - 7,
                if roles.iter().count() > 1 { 8 } else { 12 },
                glyphs
            );
        }
    }
    out.push_str("</g>\n<g class=\"legend\">\n");
    for (i, role) in Role::ALL.into_iter().enumerate() {
        let (glyph, colour) = role_style(role);
        let x = 10 + i * 120;
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"{}\" width=\"16\" height=\"16\" rx=\"3\" fill=\"{colour}\" \
             fill-opacity=\"0.25\" stroke=\"{colour}\"/><text x=\"{}\" y=\"{}\" \
             text-anchor=\"middle\">{glyph}</text><text x=\"{}\" y=\"{}\">{}</text>",
            legend_top - 12,
            x + 8,
            legend_top,
            x + 22,
            legend_top,
            role.as_str()
        );
    }
    out.push_str("</g>\n");
    if clipped {
        let _ = writeln!(
            out,
            "<text x=\"10\" y=\"{}\" font-style=\"italic\">Showing the first {n_rows} of {} actors \
             and {n_cols} of {} events.</text>",
            legend_top + 28,
            matrix.rows.len(),
            matrix.columns.len()
        );
    }
    out.push_str("</svg>\n");
    out
}
