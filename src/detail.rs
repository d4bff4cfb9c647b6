//! Detail pages: an event with its participants and sources, an actor with its
//! events and co-participants.

use std::collections::BTreeMap;
use std::sync::Arc;

use convene_core::engine::Engine;
use convene_core::i18n::Key;
use convene_core::matrix::co_participants;
use convene_core::model::{Participation, Role, RoleSet};
use convene_core::view::{ActorMode, Open, ViewKind};
use leptos::prelude::*;

use crate::i18n::{self as i18n, t, tf};
use crate::nav::NavLink;
use crate::sources::{show_in_source, CiteParticipationButton};
use crate::text::{date_in_words, event_dates, event_place};

/// How many co-participants an actor page lists.
const CO_PARTICIPANTS: usize = 25;

/// "← Back to results": closes the page (Back works too).
#[component]
fn BackLink() -> impl IntoView {
    view! {
        <p><NavLink to=|v| v.open = None>{t(Key::BackToResults)}</NavLink></p>
    }
}

/// Shown for an `open=` id the dataset does not hold.
#[component]
fn NotFound(what: Key, id: String) -> impl IntoView {
    view! {
        <section class="detail" role="alert">
            <h2>{tf(what, &[("id", &id)])}</h2>
            <p>{t(Key::OtherVersion)}</p>
            <BackLink/>
        </section>
    }
}

/// A link to an actor's page.
fn actor_link(engine: &Engine, actor_id: &str) -> impl IntoView {
    let name = engine.actor_index(actor_id).map_or_else(
        || actor_id.to_owned(),
        |a| engine.dataset().actors[a].name.clone(),
    );
    let id = actor_id.to_owned();
    view! { <NavLink to=move |v| v.open = Some(Open::Actor(id.clone()))>{name}</NavLink> }
}

/// A link to an event's page.
fn event_link(engine: &Engine, event_ix: usize) -> impl IntoView {
    let event = &engine.dataset().events[event_ix];
    let (id, name) = (event.id.clone(), event.name.clone());
    view! { <NavLink to=move |v| v.open = Some(Open::Event(id.clone()))>{name}</NavLink> }
}

/// A link to a source's page, named by its title.
fn source_link(engine: &Engine, source_id: &str) -> impl IntoView {
    let title = engine.source_index(source_id).map_or_else(
        || source_id.to_owned(),
        |s| engine.dataset().sources[s].title.clone(),
    );
    let id = source_id.to_owned();
    view! { <NavLink to=move |v| v.open = Some(Open::Source(id.clone()))><cite>{title}</cite></NavLink> }
}

/// Participation `p`'s quote with its source's title, "Show in source" and "Cite".
fn quote(engine: &Engine, p: usize) -> impl IntoView {
    let part = &engine.dataset().participations[p];
    // Imported data may give no quote: say so, never invent one.
    let text = match &part.quote {
        Some(q) => format!("“{q}”"),
        None => "no quote".to_string(),
    };
    view! {
        <blockquote class="quote">
            {text}
            <footer>
                "— " {source_link(engine, &part.source)} " · "
                {show_in_source(engine, p)} " · "
                <CiteParticipationButton participation=p/>
            </footer>
        </blockquote>
    }
}

/// An event's page: details, participants grouped by role, every source with its quotes.
#[component]
pub fn EventPage(id: String) -> impl IntoView {
    let engine = expect_context::<Arc<Engine>>();
    let Some(event_ix) = engine.event_index(&id) else {
        return view! { <NotFound what=Key::NoEventWithId id=id/> }.into_any();
    };
    let dataset = engine.dataset();
    let event = &dataset.events[event_ix];
    let parts: Vec<(usize, &Participation)> = engine
        .event_participations(event_ix)
        .iter()
        .map(|&p| (p as usize, &dataset.participations[p as usize]))
        .collect();
    let by_role: BTreeMap<Role, Vec<(usize, &Participation)>> =
        parts.iter().fold(BTreeMap::new(), |mut map, &(i, p)| {
            map.entry(p.role).or_insert_with(Vec::new).push((i, p));
            map
        });
    let place = event_place(&engine, event);
    let field = |label: &'static str, value: Option<String>| {
        value
            .filter(|v| !v.is_empty())
            .map(|v| view! { <dt>{label}</dt> <dd>{v}</dd> })
    };
    let sources = engine.event_sources(event_ix);
    view! {
        <article class="detail" aria-labelledby="detail-title">
            <BackLink/>
            <h2 id="detail-title">{event.name.clone()}</h2>
            <dl>
                {field(t(Key::Dates), Some(event_dates(event)))}
                {field(t(Key::Place), Some(place))}
                {field(t(Key::Status), Some(t(Key::status(event.status)).to_owned()))}
                {field(t(Key::Series), event.series.clone())}
                {field(t(Key::Edition), event.edition.clone())}
                {field(t(Key::Themes), Some(event.themes.join(i18n::lang().list_separator())))}
            </dl>
            <p>{event.summary.clone()}</p>
            <h3>{t(Key::Participants)}</h3>
            {by_role.into_iter().map(|(role, parts)| view! {
                <section class="role-group">
                    <h4><RoleGlyph roles=role_set(role)/> " " {i18n::capitalised(t(Key::role(role)))}</h4>
                    <ul class="participants">
                        {parts.into_iter().map(|(i, p)| view! {
                            <li>{actor_link(&engine, &p.actor)} {quote(&engine, i)}</li>
                        }).collect_view()}
                    </ul>
                </section>
            }).collect_view()}
            <h3>{t(Key::Sources)}</h3>
            <ul class="participants">
                {sources.into_iter().filter_map(|s| engine.source_index(s)).map(|s| {
                    let source = &dataset.sources[s];
                    let published = source.published.as_ref().map(date_in_words);
                    let details = [source.publisher.clone(), published, source.language.clone()]
                        .into_iter().flatten().collect::<Vec<_>>().join(", ");
                    view! {
                        <li>
                            {source_link(&engine, &source.id)}
                            {(!details.is_empty()).then(|| format!(" ({details})"))}
                            {source.url.clone().map(|url| view! { " " <a href=url rel="noopener">{t(Key::SourceLink)}</a> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </article>
    }
    .into_any()
}

/// An actor's page: kind, names, title and affiliation, events with roles, and
/// co-participants ranked by shared events.
#[component]
pub fn ActorPage(id: String) -> impl IntoView {
    let engine = expect_context::<Arc<Engine>>();
    let Some(actor_ix) = engine.actor_index(&id) else {
        return view! { <NotFound what=Key::NoActorWithId id=id/> }.into_any();
    };
    let dataset = engine.dataset();
    let actor = &dataset.actors[actor_ix];
    // Roles per event, events in chronological order (the core's index).
    let roles_by_event = engine.actor_roles_by_event(actor_ix);
    let co = co_participants(&engine, actor_ix);
    let names = [actor.acronym.clone()]
        .into_iter()
        .flatten()
        .chain(actor.aliases.iter().cloned())
        .collect::<Vec<_>>();
    let field = |label: &'static str, value: Option<String>| {
        value
            .filter(|v| !v.is_empty())
            .map(|v| view! { <dt>{label}</dt> <dd>{v}</dd> })
    };
    let affiliation = actor.affiliation.clone();
    view! {
        <article class="detail" aria-labelledby="detail-title">
            <BackLink/>
            <h2 id="detail-title">{actor.name.clone()}</h2>
            <dl>
                {field(t(Key::Kind), Some(t(Key::kind(actor.kind)).to_owned()))}
                {field(t(Key::AlsoKnownAs), Some(names.join(i18n::lang().list_separator())))}
                {field(t(Key::IsoCode), actor.iso3.clone())}
                {field(t(Key::Title), actor.title.clone())}
                {affiliation.map(|a| view! { <dt>{t(Key::Affiliation)}</dt> <dd>{actor_link(&engine, &a)}</dd> })}
            </dl>
            <h3>{tf(Key::EventsOfActor, &[("n", &i18n::num(roles_by_event.len()))])}</h3>
            <ul class="participants">
                {roles_by_event.into_iter().map(|(e, roles)| view! {
                    <li>
                        {event_link(&engine, e)} " — "
                        <RoleGlyph roles=roles/> " " {i18n::describe_roles(roles)}
                        " (" {event_dates(&dataset.events[e])} ")"
                        {evidence(&engine, actor_ix, e)}
                    </li>
                }).collect_view()}
            </ul>
            <h3>{t(Key::MeetsMostOften)}</h3>
            {co.is_empty().then(|| view! { <p>{t(Key::NoCoParticipant)}</p> })}
            <ol class="participants">
                {co.into_iter().take(CO_PARTICIPANTS).map(|c| {
                    let other = dataset.actors[c.actor as usize].id.clone();
                    let this = actor.id.clone();
                    let shared = c.shared_events;
                    view! {
                        <li>
                            {actor_link(&engine, &other)}
                            {format!(" — {} ", i18n::plural(Key::SharedEvents, shared as usize, &[]))}
                            <NavLink to=move |v| {
                                v.clear_filters();
                                v.actors = [this.clone(), other.clone()].into_iter().collect();
                                v.actor_mode = ActorMode::All;
                                v.view = ViewKind::Matrix;
                            }>{t(Key::MatrixOfTwo)}</NavLink>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </article>
    }
    .into_any()
}

/// For each of the actor's participations at event `e`: its role, "Show in
/// source" and "Cite".
fn evidence(engine: &Engine, actor_ix: usize, e: usize) -> impl IntoView {
    let dataset = engine.dataset();
    let event_id = &dataset.events[e].id;
    engine
        .actor_participations(actor_ix)
        .iter()
        .map(|&p| p as usize)
        .filter(|&p| &dataset.participations[p].event == event_id)
        .map(|p| {
            view! {
                <span class="evidence">
                    {format!(" · {}: ", dataset.participations[p].role.as_str())}
                    {show_in_source(engine, p)} " "
                    <CiteParticipationButton participation=p/>
                </span>
            }
        })
        .collect_view()
}

fn role_set(role: Role) -> RoleSet {
    let mut set = RoleSet::EMPTY;
    set.insert(role);
    set
}

/// The glyphs of a set of roles, each in its role's colour; hidden from screen
/// readers, which read the roles in words next to it.
#[component]
pub fn RoleGlyph(roles: RoleSet) -> impl IntoView {
    view! {
        <span aria-hidden="true">
            {roles.iter().map(|r| view! { <span class=format!("role role-{}", r.as_str())>{r.glyph()}</span> }).collect_view()}
        </span>
    }
}
