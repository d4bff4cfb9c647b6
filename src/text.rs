//! Small text helpers for display: search highlighting and dates in words.

use std::ops::Range;

use convene_core::engine::Engine;
use convene_core::i18n::Key;
use convene_core::model::{Event, PartialDate};
use convene_core::search::highlight;

/// `text` cut into pieces, each marked when it matches `query` (the core's
/// [`highlight`] spans), in order and covering the whole text.
fn pieces(text: &str, query: &str) -> Vec<(Range<usize>, bool)> {
    let spans = if query.trim().is_empty() {
        Vec::new()
    } else {
        highlight(text, query)
    };
    let mut pieces = Vec::with_capacity(spans.len() * 2 + 1);
    let mut at = 0;
    for span in spans {
        // The core promises sorted, non-overlapping spans on char boundaries; check
        // anyway, since a bad span must never panic the page.
        if span.start < at
            || span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            continue;
        }
        if span.start > at {
            pieces.push((at..span.start, false));
        }
        at = span.end;
        pieces.push((span, true));
    }
    if at < text.len() {
        pieces.push((at..text.len(), false));
    }
    pieces
}

/// Appends `text`, cut into `pieces`, to `el`: the marked ones in `<mark>` elements.
fn write_pieces(
    doc: &web_sys::Document,
    el: &web_sys::Element,
    text: &str,
    pieces: &[(Range<usize>, bool)],
) {
    for (range, marked) in pieces {
        let piece = &text[range.clone()];
        if *marked {
            if let Ok(mark) = doc.create_element("mark") {
                mark.set_text_content(Some(piece));
                let _ = el.append_child(&mark);
            }
        } else {
            let _ = el.append_with_str_1(piece);
        }
    }
}

/// An element showing a text with its search matches marked, kept so that a new
/// search text rewrites it only when the marks move: while typing, most of a
/// card's texts match neither the old text nor the new one, or match them alike.
pub struct Marked {
    el: web_sys::Element,
    text: String,
    pieces: Vec<(Range<usize>, bool)>,
}

impl Marked {
    /// Appends `text` to `el` with the parts that match `query` in `<mark>` elements.
    pub fn new(doc: &web_sys::Document, el: web_sys::Element, text: String, query: &str) -> Self {
        let pieces = pieces(&text, query);
        write_pieces(doc, &el, &text, &pieces);
        Marked { el, text, pieces }
    }

    /// Marks the text for `query` instead; the element is written again only when
    /// the marks differ.
    pub fn set_query(&mut self, doc: &web_sys::Document, query: &str) {
        let pieces = pieces(&self.text, query);
        if pieces != self.pieces {
            self.el.set_text_content(None);
            write_pieces(doc, &self.el, &self.text, &pieces);
            self.pieces = pieces;
        }
    }
}

/// A date at its precision, in the page's language: "2017", "March 2017",
/// "21 March 2017" (formatted by the browser's `Intl.DateTimeFormat`).
pub fn date_in_words(date: &PartialDate) -> String {
    crate::i18n::date(date)
}

/// An event's dates in words: "21–23 March 2017", "2013", or "date unknown".
pub fn event_dates(event: &Event) -> String {
    match (&event.start, &event.end) {
        (None, _) => crate::i18n::t(Key::DateUnknown).to_owned(),
        (Some(start), None) => date_in_words(start),
        (Some(start), Some(end)) if start == end => date_in_words(start),
        (Some(start), Some(end)) => crate::i18n::date_range(start, end),
    }
}

/// An event's place: "Sheraton Casablanca Hotel, Casablanca, Morocco" (the host
/// country named as its facet names it).
pub fn event_place(engine: &Engine, event: &Event) -> String {
    let country = event.country.as_deref().map(|c| engine.country_label(c));
    [event.venue.as_deref(), event.city.as_deref(), country]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}
