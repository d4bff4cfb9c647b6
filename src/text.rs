//! Small text helpers for display: search highlighting and dates in words.

use convene_core::engine::Engine;
use convene_core::i18n::Key;
use convene_core::model::{Event, PartialDate};
use convene_core::search::highlight;
use leptos::prelude::*;

/// `text` with the parts that match `query` wrapped in `<mark>`.
pub fn highlighted(text: &str, query: &str) -> impl IntoView {
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
            pieces.push(text[at..span.start].to_owned().into_any());
        }
        pieces.push(view! { <mark>{text[span.clone()].to_owned()}</mark> }.into_any());
        at = span.end;
    }
    if at < text.len() {
        pieces.push(text[at..].to_owned().into_any());
    }
    pieces
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
