//! The events view: the matching events as a list of cards, sortable.

use std::sync::Arc;

use convene_core::engine::{Engine, Selection};
use convene_core::i18n::Key;
use convene_core::search::Snippet;
use convene_core::view::{EventSort, Open};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom::{self, child, child_text};
use crate::history::HistoryMode;
use crate::i18n::{self as i18n, t, tf};
use crate::nav::Nav;
use crate::text::{event_dates, event_place, Marked};

/// How many cards the list shows at first, and adds per "Show more": a long list is
/// read page by page, and a million-participation dataset must not build 50,000 cards.
/// 20 fill two screens; at 50, building and laying out the cards a facet click
/// replaces took 52 ms per click at 100k participations (34 ms at 20; the benchmark's
/// `--app-only` run measures it).
const PAGE: usize = 20;
/// How many participants a card names.
const MAIN_ACTORS: usize = 6;

/// The list of matching events.
///
/// The cards are elements written by hand and kept by position (as the matrix's
/// headers are): a card whose event and search text are unchanged is left alone
/// (its link's address is rewritten if the view's changed), another card's
/// content is written anew. Built as views, every card a facet click replaced cost
/// reactive owners, closures and a keyed list's diff: written by hand, an
/// events-view click at 100k participations spends about a sixth less in script
/// and half as long recalculating style (`bench/prof-click.mjs events`, five A/B
/// pairs on one machine, 2026-12-01),
/// and the view code's wasm bytes are gone.
#[component]
pub fn EventList(selection: Memo<Selection>) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let engine = expect_context::<Arc<Engine>>();
    let limit = RwSignal::new(PAGE);
    let total = move || selection.with(|s| s.events.len());
    let node = NodeRef::<leptos::html::Section>::new();
    let cards = StoredValue::new_local(Vec::<Card>::new());
    // Each event's dates in words, formatted once: the browser's `Intl` formatting
    // took 2-3 ms of every keystroke at 100k participations (twenty cards, written
    // again for each new search text; BENCHMARKS.md, session 11).
    let dates = StoredValue::new_local(Vec::<Option<String>>::new());
    // The section's frame is written by hand too (issue 18: size): the sort
    // select, the note for no matches, the list and "Show more".
    dom::on_mount(node, move |section| {
        let doc = document();
        let bar = child(&doc, section, "div", "toolbar");
        child_text(&doc, &bar, "h2", "visually-hidden", t(Key::ViewEvents)).set_id("events-title");
        let sorts = EventSort::ALL.map(|sort| (sort.as_str(), t(Key::sort(sort))));
        let select = dom::write_select(&doc, &bar, "sort", t(Key::SortBy), &sorts);
        let empty = dom::element(&doc, "p", "empty");
        empty.set_text_content(Some(t(Key::NoEventMatches)));
        let ul = child(&doc, section, "ul", "event-list");
        let more = dom::element(&doc, "button", "");
        dom::effect(move || dom::mark_selected(&select, nav.view.with(|v| v.sort).as_str()));
        {
            let (section, ul) = (section.clone(), ul.clone());
            dom::effect(move || {
                if total() == 0 {
                    if !empty.is_connected() {
                        let _ = section.insert_before(&empty, Some(&ul));
                    }
                } else {
                    empty.remove();
                }
            });
        }
        {
            let section = section.clone();
            dom::effect(move || {
                let (total, limit) = (total(), limit.get());
                if total > limit {
                    let shown = (i18n::num(limit), i18n::num(total));
                    let words = tf(Key::ShowMore, &[("shown", &shown.0), ("total", &shown.1)]);
                    more.set_text_content(Some(&words));
                    // Appended once: moving it again would take its focus away.
                    if !more.is_connected() {
                        let _ = section.append_child(&more);
                    }
                } else {
                    more.remove();
                }
            });
        }
        let engine = engine.clone();
        dom::effect(move || {
            let q = nav.view.with(|v| v.q.clone());
            let limit = limit.get();
            selection.with(|s| {
                let shown = &s.events[..s.events.len().min(limit)];
                cards.update_value(|cards| {
                    dates.update_value(|dates| {
                        write_cards(&ul, cards, dates, &engine, nav, shown, &q);
                    });
                });
            });
        });
    });
    // One delegated handler: the sort select, "Show more", and the links written
    // by hand (`nav::open_data_link`).
    let on_change = move |event: ev::Event| {
        if let Some(select) = dom::target_in(&event, "select") {
            let value = select
                .dyn_ref::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            let chosen = EventSort::parse(&value).unwrap_or_default();
            nav.go(HistoryMode::Push, |v| v.sort = chosen);
        }
    };
    let on_click = move |event: ev::MouseEvent| {
        if dom::target_in(&event, "section.events > button").is_some() {
            limit.update(|l| *l += PAGE);
        } else {
            crate::nav::open_data_link(nav, &event);
        }
    };
    view! {
        <section class="events" aria-labelledby="events-title" node_ref=node
            on:change=on_change on:click=on_click></section>
    }
}

/// A card in the list, at one position: its element and what it shows.
struct Card {
    li: web_sys::Element,
    /// The event (index in the dataset) and the search text the card was written for.
    shows: (u32, String),
    /// Its links (the event's page, the source a snippet comes from): the element,
    /// the page it opens and the address it holds, rewritten when the view changes.
    links: Vec<(web_sys::Element, Open, String)>,
    /// Its texts marked for the search: name, place, series, actors, summary, themes.
    marked: Vec<Marked>,
    /// Whether it quotes a source's passage that matched the search.
    snippet: bool,
}

/// Makes `ul` list a card for each of `shown` (event indices, in order), written
/// for the search text `q`: cards already showing the same event stay; for a new
/// search text only their texts whose marks moved are written again (a new
/// keystroke re-wrote all twenty cards, 15 ms of a keystroke's 45 at 100k
/// participations: BENCHMARKS.md, session 11), or the whole card when a source's
/// passage is or was quoted; their links' addresses follow the view. Other cards
/// are written anew; extra cards go.
fn write_cards(
    ul: &web_sys::Element,
    cards: &mut Vec<Card>,
    dates: &mut Vec<Option<String>>,
    engine: &Engine,
    nav: Nav,
    shown: &[u32],
    q: &str,
) {
    let doc = document();
    for card in cards.drain(shown.len().min(cards.len())..) {
        card.li.remove();
    }
    for (i, &event) in shown.iter().enumerate() {
        if i == cards.len() {
            let li = doc.create_element("li").expect("a document makes elements");
            li.set_class_name("event-card");
            let _ = ul.append_child(&li);
            let snippet = source_snippet(engine, event, q);
            cards.push(write_card(&doc, li, engine, event, dates, q, snippet));
        } else if cards[i].shows.0 != event || cards[i].shows.1 != q {
            let card = &mut cards[i];
            let snippet = source_snippet(engine, event, q);
            if card.shows.0 == event && !card.snippet && snippet.is_none() {
                for marked in &mut card.marked {
                    marked.set_query(&doc, q);
                }
                card.shows.1 = q.to_owned();
            } else {
                let li = card.li.clone();
                li.set_text_content(None);
                *card = write_card(&doc, li, engine, event, dates, q, snippet);
            }
        }
        for (link, open, href) in &mut cards[i].links {
            let now = nav.href(|v| v.open = Some(open.clone()));
            if *href != now {
                let _ = link.set_attribute("href", &now);
                *href = now;
            }
        }
    }
}

/// The passage of one of `event`'s sources that matched `q` when the event matched
/// only through a source's text (none for an empty search).
fn source_snippet(engine: &Engine, event: u32, q: &str) -> Option<(usize, Snippet)> {
    if q.trim().is_empty() {
        None
    } else {
        engine.source_snippet(event as usize, q)
    }
}

/// Writes one event's card into `li`: name (a link to its page), dates, place,
/// status, series, main actors, summary, the source passage `from_source` that
/// matched, themes; search matches highlighted; the dates come from `dates` (by
/// event index), formatted on first use. The card's links' addresses are written
/// by the caller.
fn write_card(
    doc: &web_sys::Document,
    li: web_sys::Element,
    engine: &Engine,
    event_ix: u32,
    dates: &mut Vec<Option<String>>,
    q: &str,
    from_source: Option<(usize, Snippet)>,
) -> Card {
    let shows = (event_ix, q.to_owned());
    let event_ix = event_ix as usize;
    let event = &engine.dataset().events[event_ix];
    let mut marked = Vec::new();
    let mut mark =
        |el: web_sys::Element, text: &str| marked.push(Marked::new(doc, el, text.to_owned(), q));
    let article = child(doc, &li, "article", "");
    let link = child(doc, &child(doc, &article, "h3", ""), "a", "");
    let _ = link.set_attribute("data-event", &event.id);
    mark(link.clone(), &event.name);
    let mut links = vec![(link, Open::Event(event.id.clone()), String::new())];

    let meta = child(doc, &article, "p", "meta");
    if dates.len() <= event_ix {
        dates.resize(engine.dataset().events.len(), None);
    }
    let when = dates[event_ix].get_or_insert_with(|| event_dates(event));
    child(doc, &meta, "span", "").set_text_content(Some(when));
    let place = event_place(engine, event);
    if !place.is_empty() {
        mark(child(doc, &meta, "span", ""), &place);
    }
    child(doc, &meta, "span", "status").set_text_content(Some(t(Key::status(event.status))));
    if let Some(series) = &event.series {
        mark(child(doc, &meta, "span", ""), series);
    }
    let main_actors = main_actors(engine, event_ix);
    if !main_actors.is_empty() {
        mark(child(doc, &article, "p", "actors"), &main_actors);
    }
    mark(child(doc, &article, "p", ""), &event.summary);
    // Matched only through a source's text: show where, highlighted.
    let snippet = from_source.is_some();
    if let Some((s, snippet)) = from_source {
        let source = &engine.dataset().sources[s];
        let p = child(doc, &article, "p", "source-snippet");
        let _ = p.append_with_str_1(&format!("{} ", t(Key::FoundIn)));
        let link = child(doc, &p, "a", "");
        let _ = link.set_attribute("data-source", &source.id);
        child(doc, &link, "cite", "").set_text_content(Some(&source.title));
        let _ = p.append_with_str_1(": ");
        // Appended after the source's name; never rewritten in place (the card is).
        Marked::new(doc, p, snippet.text, q);
        links.push((link, Open::Source(source.id.clone()), String::new()));
    }
    let tags = child(doc, &article, "ul", "tags");
    let _ = tags.set_attribute("aria-label", t(Key::Themes));
    for theme in &event.themes {
        mark(child(doc, &tags, "li", "tag"), theme);
    }
    Card {
        li,
        shows,
        links,
        marked,
        snippet,
    }
}

/// The first few participants, hosts and organisers first: "Morocco (host), OSCE
/// (supporter), …". Which actors, in which order, is the core's rule
/// ([`Engine::main_actors`]); this only words it.
fn main_actors(engine: &Engine, event_ix: usize) -> String {
    let main = engine.main_actors(event_ix, MAIN_ACTORS);
    let mut words: Vec<String> = main
        .shown
        .iter()
        .map(|(role, name)| {
            i18n::tf_isolated(
                Key::ActorWithRole,
                &[("name", name), ("role", t(Key::role(*role)))],
            )
        })
        .collect();
    if main.more > 0 {
        words.push(tf(Key::MoreActors, &[("n", &i18n::num(main.more))]));
    }
    words.join(i18n::lang().list_separator())
}
