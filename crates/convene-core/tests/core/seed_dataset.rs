//! Provenance of the bundled dataset (`public/data/seed.json`): it loads, every
//! source record points at a stored article, every quote is copied verbatim from
//! that article, and nothing in it floats free of the evidence.

use std::collections::{BTreeSet, HashMap, HashSet};

use convene_core::load::load;

use crate::fixtures::{repo, seed};
use convene_core::{ActorKind, Dataset, EventStatus};

/// The stored text of each source, by source id.
fn texts(dataset: &Dataset) -> HashMap<String, String> {
    dataset
        .sources
        .iter()
        .map(|s| {
            let file = s
                .seed
                .as_deref()
                .unwrap_or_else(|| panic!("source {} has no seed file", s.id));
            let path = repo().join("data/sources").join(file);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("source {}: {}: {e}", s.id, path.display()));
            (s.id.clone(), text)
        })
        .collect()
}

#[test]
fn the_seed_dataset_is_valid() {
    let d = seed();
    assert_eq!(d.format, "convene/1");
    assert!(!d.sources.is_empty() && !d.actors.is_empty() && !d.events.is_empty());
    assert!(!d.participations.is_empty());
}

#[test]
fn every_source_names_a_stored_article() {
    let d = seed();
    let texts = texts(&d);
    assert_eq!(texts.len(), d.sources.len());
    for s in &d.sources {
        assert!(
            matches!(s.language.as_deref(), Some("en" | "fr")),
            "source {} language",
            s.id
        );
    }
}

#[test]
fn every_quote_is_verbatim_from_its_source() {
    let d = seed();
    let texts = texts(&d);
    for (i, p) in d.participations.iter().enumerate() {
        let text = &texts[&p.source];
        assert!(
            p.quote.as_deref().is_some_and(|q| text.contains(q)),
            "participations[{i}] ({} / {} / {}): quote not found verbatim in {}: {:?}",
            p.event,
            p.actor,
            p.role.as_str(),
            p.source,
            p.quote
        );
    }
}

#[test]
fn every_participation_cites_a_source_of_its_event() {
    let d = seed();
    let sources: HashMap<&str, &Vec<String>> = d
        .events
        .iter()
        .map(|e| (e.id.as_str(), &e.sources))
        .collect();
    for (i, p) in d.participations.iter().enumerate() {
        assert!(
            sources[p.event.as_str()].contains(&p.source),
            "participations[{i}] cites {} which event {} does not list",
            p.source,
            p.event
        );
    }
}

/// Events the sources refer to or announce without tying any actor to them (the
/// rules forbid inventing a host from the place alone). Pinned so that a new
/// event without participations is a deliberate decision, not an oversight.
const EVENTS_WITHOUT_ACTORS: [&str; 3] =
    ["rmcbs-2012", "tripoli-secretariat-meeting", "rmcbs-2014"];

#[test]
fn every_event_cites_sources_and_has_participations() {
    let d = seed();
    let source_ids: HashSet<&str> = d.sources.iter().map(|s| s.id.as_str()).collect();
    let with_rows: HashSet<&str> = d.participations.iter().map(|p| p.event.as_str()).collect();
    let mut without = BTreeSet::new();
    for e in &d.events {
        assert!(!e.sources.is_empty(), "event {} cites no source", e.id);
        for s in &e.sources {
            assert!(
                source_ids.contains(s.as_str()),
                "event {} cites unknown source {s}",
                e.id
            );
        }
        if !with_rows.contains(e.id.as_str()) {
            assert_ne!(
                e.status,
                EventStatus::Held,
                "held event {} has no participations",
                e.id
            );
            without.insert(e.id.as_str());
        }
    }
    assert_eq!(without, EVENTS_WITHOUT_ACTORS.into_iter().collect());
}

#[test]
fn every_actor_is_used() {
    let d = seed();
    let mut used: HashSet<&str> = d.participations.iter().map(|p| p.actor.as_str()).collect();
    used.extend(d.actors.iter().filter_map(|a| a.affiliation.as_deref()));
    for a in &d.actors {
        assert!(
            used.contains(a.id.as_str()),
            "actor {} is in no participation and no affiliation",
            a.id
        );
    }
}

#[test]
fn actors_carry_the_fields_of_their_kind() {
    let d = seed();
    for a in &d.actors {
        match a.kind {
            ActorKind::Country => {
                assert_eq!(
                    a.iso3.as_deref(),
                    Some(a.id.to_uppercase().as_str()),
                    "country {}",
                    a.id
                );
            }
            ActorKind::Person => {
                assert!(a.title.is_some(), "person {} has no title", a.id);
                assert!(
                    a.affiliation.is_some(),
                    "person {} has no affiliation",
                    a.id
                );
            }
            ActorKind::Organization => {}
        }
    }
}

#[test]
fn the_seed_dataset_round_trips() {
    let d = seed();
    let again = load(&serde_json::to_string(&d).expect("serialises")).expect("reloads");
    assert_eq!(again, d);
}
