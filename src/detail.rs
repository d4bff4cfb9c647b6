//! Detail pages: an event with its participants and sources, an actor with its
//! events and co-participants. Both are written by hand ([`crate::dom::page`]):
//! as views they were most of the app's largest wasm function, and 6.4 KB brotli
//! more (BENCHMARKS.md, session 13).

use std::collections::BTreeMap;
use std::sync::Arc;

use convene_core::engine::Engine;
use convene_core::i18n::Key;
use convene_core::matrix::co_participants;
use convene_core::model::{Participation, Role, RoleSet};
use convene_core::view::{ActorMode, Open, ViewKind};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

use crate::dom::{child, child_text, field, heading, not_found, page, text, Links};
use crate::i18n::{self as i18n, t, tf};
use crate::sources::{write_cite_button, write_show_in_source, CiteTarget};
use crate::text::{date_in_words, event_dates, event_place};

/// How many co-participants an actor page lists.
const CO_PARTICIPANTS: usize = 25;

/// How many of an actor's events its page lists at first, and how many more each
/// "Show more" adds. The busiest actor of the 100k-participation benchmark
/// dataset took part in thousands of events; its page, written whole, took 0.75 s
/// to open (median) and up to 3.7 s (BENCHMARKS.md, session 13).
const EVENTS_PAGE: usize = 100;

/// A link to an actor's page, named by the actor's name (its id when unknown).
fn actor_link(doc: &Document, parent: &Element, links: &mut Links, engine: &Engine, id: &str) {
    let name = engine
        .actor_index(id)
        .map_or(id, |a| engine.dataset().actors[a].name.as_str());
    let id = id.to_owned();
    let link = links.add(doc, parent, "", move |v| {
        v.open = Some(Open::Actor(id.clone()))
    });
    link.set_text_content(Some(name));
}

/// A link to a source's page, named by its title (its id when unknown).
fn source_link(doc: &Document, parent: &Element, links: &mut Links, engine: &Engine, id: &str) {
    let title = engine
        .source_index(id)
        .map_or(id, |s| engine.dataset().sources[s].title.as_str());
    let id = id.to_owned();
    let link = links.add(doc, parent, "", move |v| {
        v.open = Some(Open::Source(id.clone()))
    });
    child_text(doc, &link, "cite", "", title);
}

/// Participation `p`'s quote with its source's title, "Show in source" and "Cite".
fn quote(doc: &Document, parent: &Element, links: &mut Links, engine: &Engine, p: usize) {
    let part = &engine.dataset().participations[p];
    let block = child(doc, parent, "blockquote", "quote");
    // Imported data may give no quote: say so, never invent one.
    match &part.quote {
        Some(q) => text(&block, &format!("“{q}”")),
        None => text(&block, "no quote"),
    }
    let footer = child(doc, &block, "footer", "");
    text(&footer, "— ");
    source_link(doc, &footer, links, engine, &part.source);
    text(&footer, " · ");
    write_show_in_source(doc, &footer, links, engine, p);
    text(&footer, " · ");
    write_cite_button(doc, &footer, engine, p);
}

/// An event's page: details, participants grouped by role, every source with its quotes.
#[component]
pub fn EventPage(id: String) -> impl IntoView {
    let engine = expect_context::<Arc<Engine>>();
    let Some(event_ix) = engine.event_index(&id) else {
        return not_found(tf(Key::NoEventWithId, &[("id", &id)]), |v| v.open = None);
    };
    let cite = expect_context::<CiteTarget>();
    let write = move |doc: &Document, article: &Element, links: &mut Links, engine: &Engine| {
        let dataset = engine.dataset();
        let event = &dataset.events[event_ix];
        heading(doc, article, links, &event.name, |v| v.open = None);
        let dl = child(doc, article, "dl", "");
        field(doc, &dl, t(Key::Dates), &event_dates(event));
        field(doc, &dl, t(Key::Place), &event_place(engine, event));
        field(doc, &dl, t(Key::Status), t(Key::status(event.status)));
        field(
            doc,
            &dl,
            t(Key::Series),
            event.series.as_deref().unwrap_or(""),
        );
        field(
            doc,
            &dl,
            t(Key::Edition),
            event.edition.as_deref().unwrap_or(""),
        );
        let themes = event.themes.join(i18n::lang().list_separator());
        field(doc, &dl, t(Key::Themes), &themes);
        child_text(doc, article, "p", "", &event.summary);

        child_text(doc, article, "h3", "", t(Key::Participants));
        let by_role: BTreeMap<Role, Vec<(usize, &Participation)>> = engine
            .event_participations(event_ix)
            .iter()
            .map(|&p| (p as usize, &dataset.participations[p as usize]))
            .fold(BTreeMap::new(), |mut map, (i, p)| {
                map.entry(p.role).or_default().push((i, p));
                map
            });
        for (role, parts) in by_role {
            let group = child(doc, article, "section", "role-group");
            let h4 = child(doc, &group, "h4", "");
            role_glyphs(doc, &h4, role_set(role));
            text(&h4, &format!(" {}", i18n::capitalised(t(Key::role(role)))));
            let ul = child(doc, &group, "ul", "participants");
            for (i, p) in parts {
                let li = child(doc, &ul, "li", "");
                actor_link(doc, &li, links, engine, &p.actor);
                quote(doc, &li, links, engine, i);
            }
        }

        child_text(doc, article, "h3", "", t(Key::Sources));
        let ul = child(doc, article, "ul", "participants");
        for s in engine.event_sources(event_ix) {
            let Some(s) = engine.source_index(s) else {
                continue;
            };
            let source = &dataset.sources[s];
            let li = child(doc, &ul, "li", "");
            source_link(doc, &li, links, engine, &source.id);
            let published = source.published.as_ref().map(date_in_words);
            let details = [source.publisher.clone(), published, source.language.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            if !details.is_empty() {
                text(&li, &format!(" ({details})"));
            }
            if let Some(url) = &source.url {
                text(&li, " ");
                let a = child_text(doc, &li, "a", "", t(Key::SourceLink));
                let _ = a.set_attribute("href", url);
                let _ = a.set_attribute("rel", "noopener");
            }
        }
    };
    page("detail", write, move |event| {
        cite.open_clicked(event);
    })
}

/// An actor's page: kind, names, title and affiliation, events with roles, and
/// co-participants ranked by shared events.
#[component]
pub fn ActorPage(id: String) -> impl IntoView {
    let engine = expect_context::<Arc<Engine>>();
    let Some(actor_ix) = engine.actor_index(&id) else {
        return not_found(tf(Key::NoActorWithId, &[("id", &id)]), |v| v.open = None);
    };
    let cite = expect_context::<CiteTarget>();
    // How many of its events the page lists; "Show more" adds a page of them,
    // and the focus goes back to it (or, once all are listed, to the first
    // event it added) after the page is written again.
    let limit = RwSignal::new(EVENTS_PAGE);
    let refocus = StoredValue::new(false);
    let write = move |doc: &Document, article: &Element, links: &mut Links, engine: &Engine| {
        let dataset = engine.dataset();
        let actor = &dataset.actors[actor_ix];
        let shown = limit.get();
        let mut focus = None;
        heading(doc, article, links, &actor.name, |v| v.open = None);
        let dl = child(doc, article, "dl", "");
        field(doc, &dl, t(Key::Kind), t(Key::kind(actor.kind)));
        let names = actor
            .acronym
            .iter()
            .chain(&actor.aliases)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(i18n::lang().list_separator());
        field(doc, &dl, t(Key::AlsoKnownAs), &names);
        field(
            doc,
            &dl,
            t(Key::IsoCode),
            actor.iso3.as_deref().unwrap_or(""),
        );
        field(
            doc,
            &dl,
            t(Key::Title),
            actor.title.as_deref().unwrap_or(""),
        );
        if let Some(affiliation) = &actor.affiliation {
            child_text(doc, &dl, "dt", "", t(Key::Affiliation));
            actor_link(doc, &child(doc, &dl, "dd", ""), links, engine, affiliation);
        }

        // Roles per event, events in chronological order (the core's index).
        let roles_by_event = engine.actor_roles_by_event(actor_ix);
        let n = i18n::num(roles_by_event.len());
        child_text(
            doc,
            article,
            "h3",
            "",
            &tf(Key::EventsOfActor, &[("n", &n)]),
        );
        let ul = child(doc, article, "ul", "participants");
        let evidence_by_event = engine.actor_participations_by_event(actor_ix);
        let total = roles_by_event.len();
        let listed = roles_by_event
            .into_iter()
            .zip(evidence_by_event)
            .take(shown);
        for (i, ((e, roles), evidence)) in listed.enumerate() {
            let event = &dataset.events[e];
            let li = child(doc, &ul, "li", "");
            let id = event.id.clone();
            let link = links.add(doc, &li, "", move |v| {
                v.open = Some(Open::Event(id.clone()))
            });
            link.set_text_content(Some(&event.name));
            if i + EVENTS_PAGE == shown {
                focus = Some(link);
            }
            text(&li, " — ");
            role_glyphs(doc, &li, roles);
            let words = i18n::describe_roles(roles);
            text(&li, &format!(" {words} ({})", event_dates(event)));
            // Each of the actor's participations there: its role, "Show in
            // source" and "Cite".
            for p in evidence {
                let span = child(doc, &li, "span", "evidence");
                let p = p as usize;
                text(
                    &span,
                    &format!(" · {}: ", dataset.participations[p].role.as_str()),
                );
                write_show_in_source(doc, &span, links, engine, p);
                text(&span, " ");
                write_cite_button(doc, &span, engine, p);
            }
        }
        if total > shown {
            let values = [("shown", i18n::num(shown)), ("total", i18n::num(total))];
            let values = values.each_ref().map(|(k, v)| (*k, v.as_str()));
            let more = child_text(
                doc,
                article,
                "button",
                "show-more",
                &tf(Key::ShowMore, &values),
            );
            focus = Some(more);
        }
        if refocus.get_value() {
            refocus.set_value(false);
            // After the page is written: a link takes the focus only once it has
            // its `href`, which `dom::written` sets after this returns.
            if let Some(el) = focus.and_then(|f| f.dyn_into::<HtmlElement>().ok()) {
                leptos::task::spawn_local(async move {
                    let _ = el.focus();
                });
            }
        }

        child_text(doc, article, "h3", "", t(Key::MeetsMostOften));
        let co = co_participants(engine, actor_ix);
        if co.is_empty() {
            child_text(doc, article, "p", "", t(Key::NoCoParticipant));
        }
        let ol = child(doc, article, "ol", "participants");
        for c in co.into_iter().take(CO_PARTICIPANTS) {
            let other = dataset.actors[c.actor as usize].id.clone();
            let li = child(doc, &ol, "li", "");
            actor_link(doc, &li, links, engine, &other);
            let shared = i18n::plural(Key::SharedEvents, c.shared_events as usize, &[]);
            text(&li, &format!(" — {shared} "));
            let this = actor.id.clone();
            let link = links.add(doc, &li, "", move |v| {
                v.clear_filters();
                // Inserted, not collected (collecting sorts: a copy of the sort).
                v.actors.insert(this.clone());
                v.actors.insert(other.clone());
                v.actor_mode = ActorMode::All;
                v.view = ViewKind::Matrix;
            });
            link.set_text_content(Some(t(Key::MatrixOfTwo)));
        }
    };
    page("detail", write, move |event| {
        let more = crate::dom::target_in(event, "button.show-more");
        if more.is_some() {
            refocus.set_value(true);
            limit.update(|n| *n += EVENTS_PAGE);
        } else {
            cite.open_clicked(event);
        }
    })
}

fn role_set(role: Role) -> RoleSet {
    let mut set = RoleSet::EMPTY;
    set.insert(role);
    set
}

/// The glyphs of a set of roles, each in its role's colour; hidden from screen
/// readers, which read the roles in words next to it.
fn role_glyphs(doc: &Document, parent: &Element, roles: RoleSet) {
    let span = child(doc, parent, "span", "");
    let _ = span.set_attribute("aria-hidden", "true");
    for r in roles.iter() {
        let class = format!("role role-{}", r.as_str());
        child_text(doc, &span, "span", &class, r.glyph());
    }
}
