//! The edits the app makes to a [`ViewState`] when a person clicks: toggle a facet
//! value, list the active filters as removable chips, clear them. Kept here, not in
//! the UI, so that the rules are tested natively.

use std::collections::BTreeSet;

use crate::model::{ActorKind, EventStatus, Role};
use crate::query::Query;
use crate::view::{Open, ViewState};
use crate::vocab::Facet;

/// One active filter, as a chip shows it: which facet and which value (its URL key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveFilter {
    /// The facet.
    pub facet: Facet,
    /// The value's key as in the URL (`MAR`, `host`); for the year facet, the range
    /// as written in the URL (`2013-2017`).
    pub key: String,
}

fn toggle_in(set: &mut BTreeSet<String>, value: String) {
    if !set.remove(&value) {
        set.insert(value);
    }
}

impl ViewState {
    /// Whether the facet value `key` is selected.
    pub fn is_selected(&self, facet: Facet, key: &str) -> bool {
        match facet {
            Facet::Year => {
                key.parse::<i32>().is_ok_and(|year| {
                    self.year_from.is_none_or(|from| year >= from)
                        && self.year_to.is_none_or(|to| year <= to)
                }) && (self.year_from.is_some() || self.year_to.is_some())
            }
            Facet::Country => self.countries.contains(key),
            Facet::Series => self.series.contains(key),
            Facet::Theme => self.themes.contains(key),
            Facet::Status => EventStatus::parse(key).is_some_and(|s| self.statuses.contains(&s)),
            Facet::Kind => ActorKind::parse(key).is_some_and(|k| self.kinds.contains(&k)),
            Facet::Actor => self.actors.contains(key),
            Facet::Role => Role::parse(key).is_some_and(|r| self.roles.contains(&r)),
        }
    }

    /// Selects the facet value `key` if it is not selected, and deselects it if it
    /// is. For the year facet, selects exactly that year, or clears the range when
    /// it was exactly that year. Keys a facet cannot hold (an unknown role) are ignored.
    pub fn toggle(&mut self, facet: Facet, key: &str) {
        match facet {
            Facet::Year => {
                if let Ok(year) = key.parse::<i32>() {
                    if self.year_from == Some(year) && self.year_to == Some(year) {
                        self.year_from = None;
                        self.year_to = None;
                    } else {
                        self.year_from = Some(year);
                        self.year_to = Some(year);
                    }
                }
            }
            Facet::Country => toggle_in(&mut self.countries, key.to_owned()),
            Facet::Series => toggle_in(&mut self.series, key.to_owned()),
            Facet::Theme => toggle_in(&mut self.themes, key.to_owned()),
            Facet::Status => {
                if let Some(status) = EventStatus::parse(key) {
                    self.statuses.toggle(status);
                }
            }
            Facet::Kind => {
                if let Some(kind) = ActorKind::parse(key) {
                    self.kinds.toggle(kind);
                }
            }
            Facet::Actor => toggle_in(&mut self.actors, key.to_owned()),
            Facet::Role => {
                if let Some(role) = Role::parse(key) {
                    self.roles.toggle(role);
                }
            }
        }
    }

    /// Every active filter, in facet order, for chips. The search text is not a
    /// filter chip (the search box shows it).
    pub fn active_filters(&self) -> Vec<ActiveFilter> {
        let mut out = Vec::new();
        let mut add = |facet: Facet, key: String| out.push(ActiveFilter { facet, key });
        match (self.year_from, self.year_to) {
            (None, None) => {}
            (Some(a), Some(b)) if a == b => add(Facet::Year, a.to_string()),
            (a, b) => add(
                Facet::Year,
                format!(
                    "{}-{}",
                    a.map(|y| y.to_string()).unwrap_or_default(),
                    b.map(|y| y.to_string()).unwrap_or_default()
                ),
            ),
        }
        self.countries
            .iter()
            .for_each(|k| add(Facet::Country, k.clone()));
        self.series
            .iter()
            .for_each(|k| add(Facet::Series, k.clone()));
        self.themes
            .iter()
            .for_each(|k| add(Facet::Theme, k.clone()));
        self.statuses
            .iter()
            .for_each(|s| add(Facet::Status, s.as_str().to_owned()));
        self.kinds
            .iter()
            .for_each(|k| add(Facet::Kind, k.as_str().to_owned()));
        self.actors
            .iter()
            .for_each(|k| add(Facet::Actor, k.clone()));
        self.roles
            .iter()
            .for_each(|r| add(Facet::Role, r.as_str().to_owned()));
        out
    }

    /// Removes one active filter (as listed by [`ViewState::active_filters`]).
    pub fn remove_filter(&mut self, filter: &ActiveFilter) {
        if filter.facet == Facet::Year {
            self.year_from = None;
            self.year_to = None;
            self.undated = false;
        } else if self.is_selected(filter.facet, &filter.key) {
            self.toggle(filter.facet, &filter.key);
        }
    }

    /// Drops `quote=` unless a source page is open: the highlighted quote belongs
    /// to a source page, so leaving the page drops it. Every navigation applies it.
    pub fn drop_stale_quote(&mut self) {
        if !matches!(self.open, Some(Open::Source(_))) {
            self.quote = None;
        }
    }

    /// Clears the search text and every filter; keeps the view, orderings, the
    /// network's `min`/`top` and embed settings.
    pub fn clear_filters(&mut self) {
        *self = ViewState {
            query: Query {
                sort: self.sort,
                ..Query::default()
            },
            view: self.view,
            order: self.order,
            min_weight: self.min_weight,
            top: self.top,
            embed: self.embed,
            embed_parts: std::mem::take(&mut self.embed_parts),
            origin: self.origin.take(),
            ..ViewState::default()
        };
    }

    /// This state with only what decides the selection (search, filters, sort): the
    /// key the app's selection memo depends on, so that switching view or opening a
    /// detail page does not recompute it.
    pub fn selection_key(&self) -> ViewState {
        ViewState {
            query: self.query.clone(),
            ..ViewState::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::{Open, ViewKind};

    #[test]
    fn toggling_twice_restores_the_view() {
        let mut view = ViewState::default();
        for (facet, key) in [
            (Facet::Country, "MAR"),
            (Facet::Role, "host"),
            (Facet::Kind, "person"),
            (Facet::Year, "2016"),
        ] {
            view.toggle(facet, key);
            assert!(view.is_selected(facet, key), "{facet:?} {key}");
            view.toggle(facet, key);
            assert!(!view.is_selected(facet, key), "{facet:?} {key}");
        }
        assert_eq!(view, ViewState::default());
    }

    #[test]
    fn unknown_words_for_fixed_vocabularies_are_ignored() {
        let mut view = ViewState::default();
        view.toggle(Facet::Role, "emperor");
        view.toggle(Facet::Year, "soon");
        assert_eq!(view, ViewState::default());
    }

    #[test]
    fn chips_list_every_filter_and_removing_one_keeps_the_others() {
        let (mut view, notices) =
            ViewState::from_query("q=x&years=2013-2017&country=MAR,FRA&role=host&view=matrix");
        assert!(notices.is_empty());
        let chips = view.active_filters();
        let keys: Vec<_> = chips.iter().map(|c| (c.facet, c.key.as_str())).collect();
        assert_eq!(
            keys,
            [
                (Facet::Year, "2013-2017"),
                (Facet::Country, "FRA"),
                (Facet::Country, "MAR"),
                (Facet::Role, "host")
            ]
        );
        view.remove_filter(&chips[1]);
        view.remove_filter(&chips[0]);
        assert_eq!(view.to_query(), "q=x&country=MAR&role=host&view=matrix");
    }

    #[test]
    fn clearing_keeps_the_view_but_drops_search_filters_and_detail() {
        let (mut view, _) = ViewState::from_query(
            "q=x&country=MAR&view=matrix&order=similarity&open=event:a&embed=1",
        );
        view.clear_filters();
        assert_eq!(view.to_query(), "view=matrix&order=similarity&embed=1");
    }

    #[test]
    fn the_selection_key_ignores_view_and_detail() {
        let (a, _) = ViewState::from_query("q=x&country=MAR&view=matrix&open=actor:b");
        let (b, _) = ViewState::from_query("q=x&country=MAR");
        assert_eq!(a.selection_key(), b.selection_key());
        assert_eq!(a.view, ViewKind::Matrix);
        assert_eq!(a.open, Some(Open::Actor("b".into())));
    }
}
