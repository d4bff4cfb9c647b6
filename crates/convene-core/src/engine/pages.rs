//! What an event card and the event and actor pages show, as data: the app only
//! formats it (issue 12: these rules were written in the app's components).

use crate::model::{Role, RoleSet};
use crate::sort::sort_by_cmp;

use super::{Engine, NONE};

/// An event card's main actors ([`Engine::main_actors`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MainActors<'a> {
    /// The first actors to name, each with its first role: `(role, name)`.
    pub shown: Vec<(Role, &'a str)>,
    /// How many more distinct actors took part ("and 3 more").
    pub more: usize,
}

impl Engine {
    /// The actors an event card names first: the event's participations ordered
    /// by role ([`Role::ALL`]'s order: hosts, then organisers, supporters…), then
    /// by name (byte order); each name once, with its first role in that order;
    /// at most `max` of them, and the count of the distinct names left out.
    ///
    /// A participation whose actor id is not in the dataset names the id. An
    /// event index out of range has no actors.
    pub fn main_actors(&self, event: usize, max: usize) -> MainActors<'_> {
        let dataset = self.dataset();
        let mut parts: Vec<(Role, &str)> = self
            .event_participations(event)
            .iter()
            .map(|&p| {
                let part = &dataset.participations[p as usize];
                let name = self
                    .actor_index(&part.actor)
                    .map_or(part.actor.as_str(), |a| dataset.actors[a].name.as_str());
                (part.role, name)
            })
            .collect();
        sort_by_cmp(&mut parts, &|a, b| a.cmp(b));
        let mut seen: Vec<&str> = Vec::new();
        let mut shown = Vec::new();
        for (role, name) in parts {
            if seen.contains(&name) {
                continue;
            }
            seen.push(name);
            if shown.len() < max {
                shown.push((role, name));
            }
        }
        MainActors {
            more: seen.len() - shown.len(),
            shown,
        }
    }

    /// An actor's events with the actor's roles at each (several participations
    /// at one event merge into one set), in chronological order (undated last),
    /// as the actor page lists them: `(event index, roles)`. Read from the index
    /// ([`Engine::actor_events`], [`Engine::actor_event_roles`]), not rebuilt from
    /// the participations. An actor index out of range has no events.
    pub fn actor_roles_by_event(&self, actor: usize) -> Vec<(usize, RoleSet)> {
        self.actor_events(actor)
            .iter()
            .zip(self.actor_event_roles(actor))
            .map(|(&e, &roles)| (e as usize, RoleSet(roles)))
            .collect()
    }

    /// An actor's participations at each of its events, in the order of
    /// [`Engine::actor_roles_by_event`]: for each event, the indices of the
    /// actor's participations there (the evidence the actor page lists), in
    /// [`Engine::actor_participations`] order. One pass over the actor's
    /// participations: the page used to scan all of them for each event; at 100k
    /// participations (the busiest actor has 8,950), the slowest actor page
    /// opened 1.2-1.7 s sooner without that scan (BENCHMARKS.md, session 13). A
    /// participation whose event id is not in the dataset is in no list, as it
    /// is in no event.
    pub fn actor_participations_by_event(&self, actor: usize) -> Vec<Vec<u32>> {
        let events = self.actor_events(actor);
        // Event index -> position in `events` (sorted by date, not by index); a
        // dense column, as the engine's others (4 bytes per event of the dataset).
        let mut at = vec![NONE; self.dataset().events.len()];
        for (i, &e) in events.iter().enumerate() {
            at[e as usize] = i as u32;
        }
        let mut out = vec![Vec::new(); events.len()];
        let (part_event, _, _) = self.part_columns();
        for &p in self.actor_participations(actor) {
            let slot = part_event.get(p as usize).and_then(|&e| at.get(e as usize));
            if let Some(&i) = slot.filter(|&&i| i != NONE) {
                out[i as usize].push(p);
            }
        }
        out
    }

    /// The sources an event page cites: the event's own `sources`, then the
    /// source of each of its participations (in [`Engine::event_participations`]
    /// order), each id once, in first-seen order. Ids as written (a dangling id
    /// is listed; the page says it is unknown).
    pub fn event_sources(&self, event: usize) -> Vec<&str> {
        let dataset = self.dataset();
        let mut out: Vec<&str> = Vec::new();
        let own = dataset
            .events
            .get(event)
            .map_or(&[][..], |e| &e.sources[..]);
        let cited = self
            .event_participations(event)
            .iter()
            .map(|&p| &dataset.participations[p as usize].source);
        for s in own.iter().chain(cited) {
            if !out.contains(&s.as_str()) {
                out.push(s);
            }
        }
        out
    }
}
