//! Hand-built datasets for the search tests.
#![allow(dead_code)]

use convene_core::model::*;
use proptest::prelude::*;

/// An empty dataset.
pub fn dataset() -> Dataset {
    Dataset {
        format: FORMAT.into(),
        title: "test".into(),
        description: String::new(),
        version: String::new(),
        license: String::new(),
        sources: vec![],
        actors: vec![],
        events: vec![],
        participations: vec![],
        extra: Default::default(),
    }
}

/// An event with only a name.
pub fn event(id: &str, name: &str) -> Event {
    Event {
        id: id.into(),
        name: name.into(),
        status: EventStatus::Held,
        start: None,
        end: None,
        city: None,
        country: None,
        venue: None,
        series: None,
        edition: None,
        themes: vec![],
        summary: String::new(),
        sources: vec![],
        extra: Default::default(),
    }
}

/// An event with a name and a summary.
pub fn event_with_summary(id: &str, name: &str, summary: &str) -> Event {
    Event {
        summary: summary.into(),
        ..event(id, name)
    }
}

/// An actor with only a name.
pub fn actor(id: &str, name: &str, kind: ActorKind) -> Actor {
    Actor {
        id: id.into(),
        name: name.into(),
        kind,
        iso3: None,
        acronym: None,
        aliases: vec![],
        title: None,
        affiliation: None,
        extra: Default::default(),
    }
}

/// A participation as a participant.
pub fn part(event: &str, actor: &str, quote: &str) -> Participation {
    Participation {
        event: event.into(),
        actor: actor.into(),
        role: Role::Participant,
        source: "s".into(),
        quote: Some(quote.into()),
        extra: Default::default(),
    }
}

/// Ids of the hit events, in result order.
pub fn hit_ids(
    ds: &Dataset,
    index: &convene_core::search::SearchIndex,
    query: &str,
) -> Vec<String> {
    index
        .search(query)
        .map(|r| {
            r.hits
                .iter()
                .map(|h| ds.events[h.event as usize].id.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// Up to `max - 1` words of `pool`, joined by spaces (a query or a text).
pub fn phrase(pool: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pool), 0..max).prop_map(|w| w.join(" "))
}
