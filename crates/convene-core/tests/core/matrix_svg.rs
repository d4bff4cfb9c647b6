//! The matrix as SVG: well-formed XML (checked by a small independent tag
//! reader), names escaped, every non-empty cell drawn with its roles, and the
//! size capped with a note.

use convene_core::engine::Engine;
use convene_core::export::{matrix_svg, SVG_MAX_COLUMNS, SVG_MAX_ROWS};
use convene_core::matrix::{build_matrix, RowOrder};
use convene_core::view::ViewState;

/// Checks that tags nest and close, attribute values are quoted, and `&` only
/// starts a known entity. Returns the element names in document order.
fn check_xml(text: &str) -> Result<Vec<String>, String> {
    let body = text
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .ok_or("no XML declaration")?;
    let mut stack: Vec<String> = Vec::new();
    let mut names = Vec::new();
    let mut rest = body;
    while let Some(i) = rest.find(['<', '&']) {
        let (before, after) = rest.split_at(i);
        if before.contains('>') {
            return Err(format!("stray > in text: {before:?}"));
        }
        if after.starts_with('&') {
            let end = after.find(';').ok_or("unterminated entity")?;
            let entity = &after[..=end];
            if ![
                "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#9;", "&#10;", "&#13;",
            ]
            .contains(&entity)
            {
                return Err(format!("unknown entity {entity}"));
            }
            rest = &after[end + 1..];
            continue;
        }
        let end = after.find('>').ok_or("unterminated tag")?;
        let tag = &after[1..end];
        if tag.contains('<') {
            return Err(format!("< inside a tag: {tag:?}"));
        }
        if tag.matches('"').count() % 2 != 0 {
            return Err(format!("unbalanced quotes in {tag:?}"));
        }
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        } else {
            let self_closing = tag.ends_with('/');
            let name = tag
                .trim_end_matches('/')
                .split_whitespace()
                .next()
                .ok_or("empty tag")?
                .to_owned();
            names.push(name.clone());
            if !self_closing {
                stack.push(name);
            }
        }
        rest = &after[end + 1..];
    }
    if !stack.is_empty() {
        return Err(format!("unclosed {stack:?}"));
    }
    if rest.trim().contains('>') {
        return Err("stray > at the end".into());
    }
    Ok(names)
}

const TRICKY: &str = r#"{
  "format": "convene/1", "title": "T",
  "sources": [{"id": "s", "title": "S"}],
  "actors": [
    {"id": "a", "name": "A <b> & \"c\" 'd'", "kind": "country"},
    {"id": "b", "name": "Plain", "kind": "organization"}
  ],
  "events": [
    {"id": "e", "name": "Summit </svg><script>alert(1)</script>", "status": "held", "start": "2016"},
    {"id": "f", "name": "Forum", "status": "held", "start": "2017"}
  ],
  "participations": [
    {"event": "e", "actor": "a", "role": "host", "source": "s", "quote": "q"},
    {"event": "e", "actor": "a", "role": "speaker", "source": "s", "quote": "q"},
    {"event": "f", "actor": "b", "role": "participant", "source": "s", "quote": "q"}
  ]
}"#;

#[test]
fn svg_is_well_formed_and_escapes_names() {
    let engine = Engine::new(convene_core::load::load(TRICKY).expect("valid"));
    let selection = engine.query(&ViewState::default());
    let matrix = build_matrix(&engine, &selection, RowOrder::Name);
    let svg = matrix_svg(&engine, &matrix, "Who meets whom & <why>");
    let names = check_xml(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    assert_eq!(names[0], "svg");
    assert!(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(!svg.contains("<script"));
    assert!(svg.contains("A &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;"));
    assert!(svg.contains("Who meets whom &amp; &lt;why&gt;"));
    // The two-role cell names both roles, and shows both glyphs.
    assert!(svg.contains("<title>host, speaker</title>"));
    assert!(svg.contains("★●"));
    assert!(svg.contains("<title>participant</title>"));
    // A legend entry per role.
    for role in convene_core::model::Role::ALL {
        assert!(
            svg.contains(&format!(">{}</text>", role.as_str())),
            "legend has {role:?}"
        );
    }
    assert!(!svg.contains("Showing the first"));
}

#[test]
fn svg_of_a_large_matrix_is_capped_with_a_note() {
    let engine = crate::fixtures::synth_engine(60_000, 7);
    let selection = engine.query(&ViewState::default());
    let matrix = build_matrix(&engine, &selection, RowOrder::Events);
    assert!(
        matrix.rows.len() > SVG_MAX_ROWS && matrix.columns.len() > SVG_MAX_COLUMNS,
        "{} x {}",
        matrix.rows.len(),
        matrix.columns.len()
    );
    let svg = matrix_svg(&engine, &matrix, "Big");
    check_xml(&svg).unwrap_or_else(|e| panic!("{e}"));
    let row_labels = svg.matches("text-anchor=\"end\"").count();
    assert_eq!(row_labels, SVG_MAX_ROWS);
    assert!(svg.contains(&format!(
        "Showing the first {SVG_MAX_ROWS} of {} actors and {SVG_MAX_COLUMNS} of {} events.",
        matrix.rows.len(),
        matrix.columns.len()
    )));
}
