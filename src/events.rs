//! The events view: the matching events as a list of cards, sortable.

use std::sync::Arc;

use convene_core::engine::{Engine, Selection};
use convene_core::i18n::Key;
use convene_core::view::{EventSort, Open};
use leptos::prelude::*;

use crate::history::HistoryMode;
use crate::i18n::{self as i18n, t, tf};
use crate::nav::{Nav, NavLink};
use crate::text::{event_dates, event_place, highlighted};

/// How many cards the list shows at first, and adds per "Show more": a long list is
/// read page by page, and a million-participation dataset must not build 50,000 cards.
/// 20 fill two screens; at 50, building and laying out the cards a facet click
/// replaces took 52 ms per click at 100k participations (34 ms at 20; the benchmark's
/// `--app-only` run measures it).
const PAGE: usize = 20;
/// How many participants a card names.
const MAIN_ACTORS: usize = 6;

/// The list of matching events.
#[component]
pub fn EventList(selection: Memo<Selection>) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let engine = expect_context::<Arc<Engine>>();
    let limit = RwSignal::new(PAGE);
    // Cards are keyed by event and query, so a new filter reuses the cards that
    // stay instead of rebuilding the whole list.
    let shown = move || {
        let q = nav.view.with(|v| v.q.clone());
        selection.with(|s| {
            s.events
                .iter()
                .take(limit.get())
                .map(|&e| (e, q.clone()))
                .collect::<Vec<_>>()
        })
    };
    let card = move |(event, q): (u32, String)| event_card(&engine, event as usize, &q);
    let total = move || selection.with(|s| s.events.len());
    view! {
        <section class="events" aria-labelledby="events-title">
            <div class="toolbar">
                <h2 id="events-title" class="visually-hidden">{t(Key::ViewEvents)}</h2>
                <label class="sort">
                    {t(Key::SortBy)} " "
                    <select on:change=move |e| {
                        let chosen = EventSort::parse(&event_target_value(&e)).unwrap_or_default();
                        nav.go(HistoryMode::Push, |v| v.sort = chosen);
                    }>
                        {EventSort::ALL
                            .into_iter()
                            .map(|sort| view! {
                                <option value=sort.as_str() selected=move || nav.view.with(|v| v.sort == sort)>
                                    {t(Key::sort(sort))}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
            <Show when=move || total() == 0>
                <p class="empty">{t(Key::NoEventMatches)}</p>
            </Show>
            <ul class="event-list">
                <For each=shown key=|shown: &(u32, String)| shown.clone() children=card/>
            </ul>
            <Show when=move || { total() > limit.get() }>
                <button on:click=move |_| limit.update(|l| *l += PAGE)>
                    {move || tf(Key::ShowMore, &[("shown", &i18n::num(limit.get().min(total()))), ("total", &i18n::num(total()))])}
                </button>
            </Show>
        </section>
    }
}

/// One event's card: name (a link to its page), dates, place, status, themes, main
/// actors, summary; search matches highlighted.
fn event_card(engine: &Engine, event_ix: usize, q: &str) -> impl IntoView {
    let event = &engine.dataset().events[event_ix];
    let id = event.id.clone();
    let main_actors = main_actors(engine, event_ix);
    let meta_place = event_place(engine, event);
    let name = highlighted(&event.name, q);
    // Matched only through a source's text: show where, highlighted.
    let from_source = if q.trim().is_empty() {
        None
    } else {
        engine.source_snippet(event_ix, q)
    };
    let from_source = from_source.map(|(s, snippet)| {
        let source = &engine.dataset().sources[s];
        let (source_id, title) = (source.id.clone(), source.title.clone());
        view! {
            <p class="source-snippet">
                {t(Key::FoundIn)} " "
                <NavLink to=move |v| v.open = Some(Open::Source(source_id.clone()))><cite>{title}</cite></NavLink>
                ": " {highlighted(&snippet.text, q)}
            </p>
        }
    });
    view! {
        <li class="event-card">
            <article>
                <h3>
                    <NavLink to=move |v| v.open = Some(Open::Event(id.clone()))>
                        {name}
                    </NavLink>
                </h3>
                <p class="meta">
                    <span>{event_dates(event)}</span>
                    {(!meta_place.is_empty()).then(|| view! { <span>{highlighted(&meta_place, q)}</span> })}
                    <span class="status">{t(Key::status(event.status))}</span>
                    {event.series.clone().map(|s| view! { <span>{highlighted(&s, q)}</span> })}
                </p>
                {(!main_actors.is_empty()).then(|| view! {
                    <p class="actors">{highlighted(&main_actors, q)}</p>
                })}
                <p>{highlighted(&event.summary, q)}</p>
                {from_source}
                <ul class="tags" aria-label=t(Key::Themes)>
                    {event.themes.iter().map(|t| view! { <li class="tag">{highlighted(t, q)}</li> }).collect_view()}
                </ul>
            </article>
        </li>
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
