//! The index built once per dataset, faceted filtering and facet counts.
//!
//! # The rules (the product's semantics)
//!
//! - The result of a query is a set of **events**.
//! - **Event facets**: year range (the event's start year lies within
//!   `[year_from, year_to]`; an undated event is excluded as soon as either bound is
//!   set), country, series, theme (an event matches when any of its themes is
//!   selected), status.
//! - **Participation facets**: actor kind, actor, role.
//! - Within a facet, selected values combine with OR; across facets, with AND.
//! - Participation facets apply to the **same participation**: an event matches
//!   when it has one participation whose actor is selected (if any actor is),
//!   whose role is selected (if any role is) and whose actor's kind is selected
//!   (if any kind is). In actor mode **All**, the event must have, for *every*
//!   selected actor, a participation by that actor satisfying the role and kind
//!   selections.
//! - Text search (a non-blank `q` for which the search index finds terms) is one
//!   more AND-ed filter; a query whose hits are empty gives no events.
//! - [`Selection::participations`]: the participations of the matching events that
//!   satisfy the participation facets (each on its own: actor, role and kind
//!   selected; all of them when no participation facet is set), grouped by event
//!   in the order of [`Selection::events`]. These are the matrix cells and the
//!   export rows.
//! - **Facet counts**: the count of value `v` of facet `F` is the number of events
//!   that match the view with `F`'s selection replaced by `{v}` (for the year
//!   facet: the range replaced by the single year `v`). So counts never depend on
//!   the facet's own selection; participation facets are still combined with the
//!   other participation facets on the same participation; and in mode All the
//!   actor counts are those of the single actor `v` (which is the same as Any).
//! - Listed values: every value present in the dataset (every actor of the dataset;
//!   every country, series, theme and start year that an event has), every value
//!   of the fixed lists (status, kind, role), and every selected value even when
//!   the dataset does not hold it (count 0). Year values are the years present.
//! - Value order: count descending then label for country, series, theme and
//!   actor; the model's fixed order for status, kind and role; ascending for year.
//! - Sort: `date` oldest first, undated last, ties by name; `date-desc` newest
//!   first, undated last, ties by name; `name`; `relevance` by search score when
//!   there is a text query, otherwise as `date`.
//!
//! # Representation (why)
//!
//! A query is a crossfilter-style pass: for every event, a bitmask of the filters
//! it fails. An event counts for facet `F` when it fails nothing but (possibly)
//! `F`. That pass is O(events) with dense, sequential per-event columns (year,
//! country id, series id, status, theme slices), so it needs no posting sets for
//! event facets at all; roaring bitmaps or bitset intersections would only pay off
//! for intersecting a few values, and every count needs a full pass anyway. Roaring
//! would also cost wasm size (the budget is 150 KB for the whole app).
//! Participation facets are evaluated by scanning the participations of the events
//! that fail at most one event filter, from compact event-ordered columns (actor
//! index `u32`, role and kind packed in one `u8`): about 5 bytes per participation,
//! sequential, so 1M participations scan in a few milliseconds. The actor facet is
//! counted in that scan (a "last event seen" stamp per actor deduplicates), never
//! by intersecting 10k postings. Sorted `u32` posting lists exist only where they
//! are walked: actor -> events (mode All candidates, co-participation) and
//! actor -> participations.

use std::collections::HashMap;

use crate::matrix::fold_key;
use crate::model::{ActorKind, Dataset, EventStatus, Role};
use crate::search::SearchIndex;
use crate::view::{ActorMode, EventSort, ViewState};

const NONE: u32 = u32::MAX;
/// Year of an undated event in the dense year column.
const NO_YEAR: i32 = i32::MIN;

/// A facet: one group of filter values in the side panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// The event's start year (a range in the URL).
    Year,
    /// The event's host country.
    Country,
    /// The series the event belongs to.
    Series,
    /// The event's themes.
    Theme,
    /// Held, mentioned, planned.
    Status,
    /// The kind of a participating actor.
    Kind,
    /// A participating actor.
    Actor,
    /// The role of a participation.
    Role,
}

impl Facet {
    /// Every facet, in the order of [`Selection::facets`].
    pub const ALL: [Facet; 8] = [
        Facet::Year,
        Facet::Country,
        Facet::Series,
        Facet::Theme,
        Facet::Status,
        Facet::Kind,
        Facet::Actor,
        Facet::Role,
    ];

    /// The URL parameter that holds this facet's selection.
    pub fn as_str(self) -> &'static str {
        match self {
            Facet::Year => "years",
            Facet::Country => "country",
            Facet::Series => "series",
            Facet::Theme => "theme",
            Facet::Status => "status",
            Facet::Kind => "kind",
            Facet::Actor => "actor",
            Facet::Role => "role",
        }
    }

    /// The facet's name as shown (the fieldset's legend).
    pub fn label(self) -> &'static str {
        match self {
            Facet::Year => "Year",
            Facet::Country => "Country",
            Facet::Series => "Series",
            Facet::Theme => "Theme",
            Facet::Status => "Status",
            Facet::Kind => "Actor kind",
            Facet::Actor => "Actor",
            Facet::Role => "Role",
        }
    }

    /// Whether this facet filters participations (rather than events).
    pub fn is_participation_facet(self) -> bool {
        matches!(self, Facet::Kind | Facet::Actor | Facet::Role)
    }
}

/// The values of one facet with their counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    /// Which facet.
    pub facet: Facet,
    /// Its values, in display order.
    pub values: Vec<FacetValue>,
}

/// One value of a facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// The value as written in the URL (`MAR`, `2016`, `iom`, `host`).
    pub key: String,
    /// The value as shown: a country code becomes the name of the country actor
    /// with that ISO code, an actor id the actor's name, a word capitalised.
    pub label: String,
    /// Events matching every other filter and this value (see the module docs).
    pub count: u32,
    /// Whether the view selects it (for years: within the selected range).
    pub selected: bool,
}

/// The answer to a query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selection {
    /// Matching event indices, in the view's sort order.
    pub events: Vec<u32>,
    /// The participations shown (indices into `Dataset::participations`), grouped by
    /// event in the order of `events`.
    pub participations: Vec<u32>,
    /// Every facet, in [`Facet::ALL`] order.
    pub facets: Vec<FacetCounts>,
    /// The first and last start year over the whole dataset (for the year slider).
    pub year_domain: Option<(i32, i32)>,
}

impl Selection {
    /// The counts of one facet.
    pub fn facet(&self, facet: Facet) -> Option<&FacetCounts> {
        self.facets.iter().find(|f| f.facet == facet)
    }
}

/// Compressed sparse rows: `items[offsets[i]..offsets[i + 1]]` belong to row `i`.
#[derive(Debug, Clone, Default)]
struct Csr {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Csr {
    /// Builds from (row, item) pairs; items keep their input order within a row.
    fn build(rows: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> Csr {
        let mut offsets = vec![0u32; rows + 1];
        for (r, _) in pairs.clone() {
            offsets[r as usize + 1] += 1;
        }
        for i in 0..rows {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut items = vec![0u32; offsets[rows] as usize];
        for (r, item) in pairs {
            let slot = &mut fill[r as usize];
            items[*slot as usize] = item;
            *slot += 1;
        }
        Csr { offsets, items }
    }

    fn row(&self, i: usize) -> &[u32] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }

    fn range(&self, i: usize) -> std::ops::Range<usize> {
        self.offsets[i] as usize..self.offsets[i + 1] as usize
    }

    fn heap_bytes(&self) -> usize {
        (self.offsets.capacity() + self.items.capacity()) * 4
    }
}

/// Interned string values of one event facet.
#[derive(Debug, Clone, Default)]
struct Interner {
    values: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Interner {
    fn intern(&mut self, value: &str) -> u32 {
        if let Some(&id) = self.ids.get(value) {
            return id;
        }
        let id = self.values.len() as u32;
        self.values.push(value.to_string());
        self.ids.insert(value.to_string(), id);
        id
    }

    fn get(&self, value: &str) -> Option<u32> {
        self.ids.get(value).copied()
    }

    fn heap_bytes(&self) -> usize {
        self.values.iter().map(|v| 2 * v.capacity() + 24 + 32).sum()
    }
}

/// The index over one dataset, built once; answers [`Engine::query`].
#[derive(Debug)]
pub struct Engine {
    dataset: Dataset,
    search: SearchIndex,
    event_ids: HashMap<String, u32>,
    actor_ids: HashMap<String, u32>,
    source_ids: HashMap<String, u32>,
    /// Event -> its participations (indices into the dataset), in dataset order.
    event_parts: Csr,
    /// Parallel to `event_parts.items`: the participation's actor.
    ep_actor: Vec<u32>,
    /// Parallel to `event_parts.items`: role index (low 3 bits) | kind index << 3.
    ep_role_kind: Vec<u8>,
    /// Per participation (dataset order): its event, or `NONE` if dangling.
    part_event: Vec<u32>,
    /// Per participation: its actor, or `NONE` if dangling.
    part_actor: Vec<u32>,
    /// Per participation: its role index.
    part_role: Vec<u8>,
    /// Actor -> its participations, in dataset order.
    actor_parts: Csr,
    /// Actor -> the distinct events it takes part in, ascending.
    actor_events: Csr,
    /// Event -> the distinct actors taking part, ascending.
    event_actors: Csr,
    actor_kind: Vec<u8>,
    /// Rank of each actor by folded name (then id): the "name" order.
    actor_name_rank: Vec<u32>,
    event_year: Vec<i32>,
    event_country: Vec<u32>,
    event_series: Vec<u32>,
    event_status: Vec<u8>,
    event_themes: Csr,
    countries: Interner,
    /// Display label per interned country code.
    country_labels: Vec<String>,
    series: Interner,
    themes: Interner,
    /// Distinct start years, ascending.
    years: Vec<i32>,
    order_date: Vec<u32>,
    order_date_desc: Vec<u32>,
    order_name: Vec<u32>,
    /// Position of each event in `order_date`: the matrix's column order.
    date_rank: Vec<u32>,
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Per-query participation filter: which actors, roles and kinds are selected.
struct PartFilter {
    /// Selected actor -> its slot (0..slots) or `NONE`; empty when no actor is selected.
    actor_slot: Vec<u32>,
    actor_active: bool,
    /// Number of distinct known selected actors.
    slots: usize,
    /// Some selected actor id is not in the dataset.
    unknown_actor: bool,
    role_mask: u8,
    kind_mask: u8,
    all_mode: bool,
}

impl PartFilter {
    fn active(&self) -> bool {
        self.actor_active || self.role_mask != 0x7f || self.kind_mask != 0x07
    }

    #[inline]
    fn actor_ok(&self, actor: u32) -> bool {
        !self.actor_active || self.actor_slot[actor as usize] != NONE
    }
}

const F_YEAR: u8 = 1;
const F_COUNTRY: u8 = 2;
const F_SERIES: u8 = 4;
const F_THEME: u8 = 8;
const F_STATUS: u8 = 16;
const F_TEXT: u8 = 32;

impl Engine {
    /// Builds the index (and the search index) over `dataset`.
    ///
    /// The dataset is expected to be valid (see [`crate::load`]); a participation
    /// whose event or actor id is unknown is left out of the index rather than
    /// causing a panic.
    pub fn new(dataset: Dataset) -> Engine {
        let search = SearchIndex::build(&dataset);
        let n_events = dataset.events.len();
        let n_actors = dataset.actors.len();

        let event_ids: HashMap<String, u32> =
            dataset.events.iter().enumerate().map(|(i, e)| (e.id.clone(), i as u32)).collect();
        let actor_ids: HashMap<String, u32> =
            dataset.actors.iter().enumerate().map(|(i, a)| (a.id.clone(), i as u32)).collect();
        let source_ids: HashMap<String, u32> =
            dataset.sources.iter().enumerate().map(|(i, s)| (s.id.clone(), i as u32)).collect();

        let actor_kind: Vec<u8> = dataset.actors.iter().map(|a| kind_index(a.kind)).collect();

        // (event, actor, participation) for every participation with known ids.
        let resolved: Vec<(u32, u32, u32)> = dataset
            .participations
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                Some((*event_ids.get(&p.event)?, *actor_ids.get(&p.actor)?, i as u32))
            })
            .collect();
        let event_parts = Csr::build(n_events, resolved.iter().map(|&(e, _, p)| (e, p)));
        let mut part_event = vec![NONE; dataset.participations.len()];
        let mut part_actor = vec![NONE; dataset.participations.len()];
        for &(e, a, p) in &resolved {
            part_event[p as usize] = e;
            part_actor[p as usize] = a;
        }
        let part_role: Vec<u8> = dataset.participations.iter().map(|p| p.role as u8).collect();
        let actor_parts = Csr::build(n_actors, resolved.iter().map(|&(_, a, p)| (a, p)));
        let mut ep_actor = Vec::with_capacity(event_parts.items.len());
        let mut ep_role_kind = Vec::with_capacity(event_parts.items.len());
        for &p in &event_parts.items {
            let part = &dataset.participations[p as usize];
            let a = actor_ids.get(&part.actor).copied().unwrap_or(0);
            ep_actor.push(a);
            ep_role_kind.push(part.role as u8 | actor_kind[a as usize] << 3);
        }
        let mut event_actors = Csr { offsets: vec![0], items: Vec::new() };
        for e in 0..n_events {
            let start = event_actors.items.len();
            event_actors.items.extend_from_slice(&ep_actor[event_parts.range(e)]);
            event_actors.items[start..].sort_unstable();
            let mut w = start;
            for r in start..event_actors.items.len() {
                if w == start || event_actors.items[w - 1] != event_actors.items[r] {
                    event_actors.items[w] = event_actors.items[r];
                    w += 1;
                }
            }
            event_actors.items.truncate(w);
            event_actors.offsets.push(w as u32);
        }
        let actor_events = Csr::build(
            n_actors,
            (0..n_events).flat_map(|e| event_actors.row(e).iter().map(move |&a| (a, e as u32))),
        );

        let mut actor_by_name: Vec<u32> = (0..n_actors as u32).collect();
        let actor_keys: Vec<String> = dataset.actors.iter().map(|a| fold_key(&a.name)).collect();
        actor_by_name.sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            actor_keys[a].cmp(&actor_keys[b]).then_with(|| dataset.actors[a].id.cmp(&dataset.actors[b].id))
        });
        let mut actor_name_rank = vec![0u32; n_actors];
        for (rank, &a) in actor_by_name.iter().enumerate() {
            actor_name_rank[a as usize] = rank as u32;
        }

        let mut countries = Interner::default();
        let mut series = Interner::default();
        let mut themes = Interner::default();
        let mut event_country = Vec::with_capacity(n_events);
        let mut event_series = Vec::with_capacity(n_events);
        let mut event_year = Vec::with_capacity(n_events);
        let mut event_status = Vec::with_capacity(n_events);
        let mut theme_pairs = Vec::new();
        for (i, e) in dataset.events.iter().enumerate() {
            event_country.push(e.country.as_deref().map_or(NONE, |c| countries.intern(c)));
            event_series.push(e.series.as_deref().map_or(NONE, |s| series.intern(s)));
            event_year.push(e.start.map_or(NO_YEAR, |d| d.year));
            event_status.push(e.status as u8);
            let first = theme_pairs.len();
            for t in &e.themes {
                let id = themes.intern(t);
                // A theme listed twice counts once.
                if !theme_pairs[first..].iter().any(|&(_, x)| x == id) {
                    theme_pairs.push((i as u32, id));
                }
            }
        }
        let event_themes = Csr::build(n_events, theme_pairs.iter().copied());
        // The first country actor with a code names it (`rev` so the first wins).
        let iso_names: HashMap<&str, &str> = dataset
            .actors
            .iter()
            .rev()
            .filter(|a| a.kind == ActorKind::Country)
            .filter_map(|a| Some((a.iso3.as_deref()?, a.name.as_str())))
            .collect();
        let country_labels = countries
            .values
            .iter()
            .map(|c| iso_names.get(c.as_str()).map_or_else(|| c.clone(), |n| n.to_string()))
            .collect();
        let mut years: Vec<i32> = event_year.iter().copied().filter(|&y| y != NO_YEAR).collect();
        years.sort_unstable();
        years.dedup();

        let event_keys: Vec<String> = dataset.events.iter().map(|e| fold_key(&e.name)).collect();
        let by_name = |a: &u32, b: &u32| {
            let (a, b) = (*a as usize, *b as usize);
            event_keys[a].cmp(&event_keys[b]).then_with(|| a.cmp(&b))
        };
        let mut order_name: Vec<u32> = (0..n_events as u32).collect();
        order_name.sort_by(by_name);
        let mut name_rank = vec![0u32; n_events];
        for (rank, &e) in order_name.iter().enumerate() {
            name_rank[e as usize] = rank as u32;
        }
        let start = |e: u32| dataset.events[e as usize].start;
        let mut order_date: Vec<u32> = (0..n_events as u32).collect();
        order_date.sort_by(|&a, &b| match (start(a), start(b)) {
            (Some(x), Some(y)) => x.cmp(&y).then(name_rank[a as usize].cmp(&name_rank[b as usize])),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => name_rank[a as usize].cmp(&name_rank[b as usize]),
        });
        let mut order_date_desc: Vec<u32> = (0..n_events as u32).collect();
        order_date_desc.sort_by(|&a, &b| match (start(a), start(b)) {
            (Some(x), Some(y)) => y.cmp(&x).then(name_rank[a as usize].cmp(&name_rank[b as usize])),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => name_rank[a as usize].cmp(&name_rank[b as usize]),
        });
        let mut date_rank = vec![0u32; n_events];
        for (rank, &e) in order_date.iter().enumerate() {
            date_rank[e as usize] = rank as u32;
        }

        Engine {
            dataset,
            search,
            event_ids,
            actor_ids,
            source_ids,
            event_parts,
            ep_actor,
            ep_role_kind,
            part_event,
            part_actor,
            part_role,
            actor_parts,
            actor_events,
            event_actors,
            actor_kind,
            actor_name_rank,
            event_year,
            event_country,
            event_series,
            event_status,
            event_themes,
            countries,
            country_labels,
            series,
            themes,
            years,
            order_date,
            order_date_desc,
            order_name,
            date_rank,
        }
    }

    /// The dataset the engine was built over.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The full-text index.
    pub fn search_index(&self) -> &SearchIndex {
        &self.search
    }

    /// Index of the event with this id.
    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.event_ids.get(id).map(|&i| i as usize)
    }

    /// Index of the actor with this id.
    pub fn actor_index(&self, id: &str) -> Option<usize> {
        self.actor_ids.get(id).map(|&i| i as usize)
    }

    /// Index of the source with this id.
    pub fn source_index(&self, id: &str) -> Option<usize> {
        self.source_ids.get(id).map(|&i| i as usize)
    }

    /// The participations of an event (indices into `Dataset::participations`),
    /// in dataset order; empty for an index out of range.
    pub fn event_participations(&self, event: usize) -> &[u32] {
        self.event_parts.row(event)
    }

    /// The participations of an actor, in dataset order; empty for an index out of range.
    pub fn actor_participations(&self, actor: usize) -> &[u32] {
        self.actor_parts.row(actor)
    }

    /// The distinct events an actor takes part in, ascending by index.
    pub fn actor_events(&self, actor: usize) -> &[u32] {
        self.actor_events.row(actor)
    }

    /// The distinct actors taking part in an event, ascending by index.
    pub fn event_actors(&self, event: usize) -> &[u32] {
        self.event_actors.row(event)
    }

    /// Rank of an actor in name order (case- and accent-insensitive, then id).
    pub fn actor_name_rank(&self, actor: usize) -> u32 {
        self.actor_name_rank.get(actor).copied().unwrap_or(u32::MAX)
    }

    /// Rank of an event in chronological order (undated last, ties by name).
    pub fn event_date_rank(&self, event: usize) -> u32 {
        self.date_rank.get(event).copied().unwrap_or(u32::MAX)
    }

    /// The first and last start year over the dataset.
    pub fn year_domain(&self) -> Option<(i32, i32)> {
        Some((*self.years.first()?, *self.years.last()?))
    }

    /// Approximate heap bytes held by the index structures (not the dataset
    /// itself, nor the search index): what the engine adds on top of the data.
    pub fn heap_bytes(&self) -> usize {
        let map = |m: &HashMap<String, u32>| m.keys().map(|k| k.capacity() + 24 + 8).sum::<usize>();
        map(&self.event_ids)
            + map(&self.actor_ids)
            + map(&self.source_ids)
            + self.event_parts.heap_bytes()
            + self.ep_actor.capacity() * 4
            + self.ep_role_kind.capacity()
            + self.part_event.capacity() * 4
            + self.part_actor.capacity() * 4
            + self.part_role.capacity()
            + self.actor_parts.heap_bytes()
            + self.actor_events.heap_bytes()
            + self.event_actors.heap_bytes()
            + self.actor_kind.capacity()
            + self.actor_name_rank.capacity() * 4
            + self.event_year.capacity() * 4
            + self.event_country.capacity() * 4
            + self.event_series.capacity() * 4
            + self.event_status.capacity()
            + self.event_themes.heap_bytes()
            + self.countries.heap_bytes()
            + self.country_labels.iter().map(|l| l.capacity() + 24).sum::<usize>()
            + self.series.heap_bytes()
            + self.themes.heap_bytes()
            + self.years.capacity() * 4
            + (self.order_date.capacity()
                + self.order_date_desc.capacity()
                + self.order_name.capacity()
                + self.date_rank.capacity())
                * 4
    }

    /// Event, actor and role of a participation (`None` if out of range or dangling).
    pub fn participation_keys(&self, participation: usize) -> Option<(u32, u32, Role)> {
        let e = *self.part_event.get(participation)?;
        let a = *self.part_actor.get(participation)?;
        if e == NONE || a == NONE {
            return None;
        }
        Some((e, a, Role::ALL[self.part_role[participation] as usize]))
    }

    /// Role index (`Role as u8`) of a participation; crate-internal fast path.
    pub(crate) fn part_columns(&self) -> (&[u32], &[u32], &[u8]) {
        (&self.part_event, &self.part_actor, &self.part_role)
    }

    fn part_filter(&self, view: &ViewState) -> PartFilter {
        let mut f = PartFilter {
            actor_slot: Vec::new(),
            actor_active: !view.actors.is_empty(),
            slots: 0,
            unknown_actor: false,
            role_mask: 0x7f,
            kind_mask: 0x07,
            all_mode: view.actor_mode == ActorMode::All,
        };
        if f.actor_active {
            f.actor_slot = vec![NONE; self.dataset.actors.len()];
            for id in &view.actors {
                match self.actor_ids.get(id) {
                    Some(&a) => {
                        f.actor_slot[a as usize] = f.slots as u32;
                        f.slots += 1;
                    }
                    None => f.unknown_actor = true,
                }
            }
        }
        if !view.roles.is_empty() {
            f.role_mask = view.roles.iter().fold(0, |m, r| m | 1 << (*r as u8));
        }
        if !view.kinds.is_empty() {
            f.kind_mask = view.kinds.iter().fold(0, |m, k| m | 1 << kind_index(*k));
        }
        f
    }

    /// Whether event `e` passes the participation filter (mode Any or All).
    fn passes_parts(&self, f: &PartFilter, e: usize, scratch: &mut [u8]) -> bool {
        let range = self.event_parts.range(e);
        let actors = &self.ep_actor[range.clone()];
        let rk = &self.ep_role_kind[range];
        if f.all_mode && f.actor_active {
            if f.unknown_actor || f.slots == 0 {
                return false;
            }
            scratch[..f.slots].fill(0);
            let mut found = 0;
            for (&a, &x) in actors.iter().zip(rk) {
                let slot = f.actor_slot[a as usize];
                if slot != NONE
                    && f.role_mask & 1 << (x & 7) != 0
                    && f.kind_mask & 1 << (x >> 3) != 0
                    && scratch[slot as usize] == 0
                {
                    scratch[slot as usize] = 1;
                    found += 1;
                }
            }
            found == f.slots
        } else {
            actors.iter().zip(rk).any(|(&a, &x)| {
                f.actor_ok(a) && f.role_mask & 1 << (x & 7) != 0 && f.kind_mask & 1 << (x >> 3) != 0
            })
        }
    }

    /// Runs a query: matching events, the participations shown, every facet's counts.
    pub fn query(&self, view: &ViewState) -> Selection {
        let n_events = self.dataset.events.len();
        let n_actors = self.dataset.actors.len();

        // Event-filter selections, as dense lookups.
        let year_active = view.year_from.is_some() || view.year_to.is_some();
        let (y_from, y_to) = (view.year_from.unwrap_or(i32::MIN + 1), view.year_to.unwrap_or(i32::MAX));
        let select = |interner: &Interner, chosen: &std::collections::BTreeSet<String>| -> Vec<bool> {
            let mut sel = vec![false; interner.values.len()];
            for v in chosen {
                if let Some(i) = interner.get(v) {
                    sel[i as usize] = true;
                }
            }
            sel
        };
        let country_sel = select(&self.countries, &view.countries);
        let series_sel = select(&self.series, &view.series);
        let theme_sel = select(&self.themes, &view.themes);
        let status_mask: u8 = if view.statuses.is_empty() {
            0xff
        } else {
            view.statuses.iter().fold(0, |m, s| m | 1 << (*s as u8))
        };
        // Text search: None = no text filter; Some(scores by event).
        let hits = if view.q.trim().is_empty() { None } else { self.search.search(&view.q) };
        let text_pass: Option<Vec<bool>> = hits.as_ref().map(|r| {
            let mut pass = vec![false; n_events];
            for h in &r.hits {
                if let Some(p) = pass.get_mut(h.event as usize) {
                    *p = true;
                }
            }
            pass
        });

        let pf = self.part_filter(view);
        let parts_active = pf.active();
        let all_mode = pf.all_mode && pf.actor_active;

        // Counters.
        let mut year_counts = vec![0u32; self.years.len()];
        let mut country_counts = vec![0u32; self.countries.values.len()];
        let mut series_counts = vec![0u32; self.series.values.len()];
        let mut theme_counts = vec![0u32; self.themes.values.len()];
        let mut status_counts = [0u32; 3];
        let mut kind_counts = [0u32; 3];
        let mut role_counts = [0u32; 7];
        let mut actor_counts = vec![0u32; n_actors];
        let mut actor_stamp = vec![NONE; n_actors];
        let mut pass_event = vec![false; n_events];
        // Per selected actor (mode All): roles (with kind ok), kinds (with role ok).
        let mut slot_roles = vec![0u8; pf.slots];
        let mut slot_kinds = vec![0u8; pf.slots];
        let mut scratch = vec![0u8; pf.slots];
        let year_index = |y: i32| self.years.binary_search(&y).ok();

        for e in 0..n_events {
            let mut fails = 0u8;
            let year = self.event_year[e];
            if year_active && (year == NO_YEAR || year < y_from || year > y_to) {
                fails |= F_YEAR;
            }
            if !view.countries.is_empty() {
                let c = self.event_country[e];
                if c == NONE || !country_sel[c as usize] {
                    fails |= F_COUNTRY;
                }
            }
            if !view.series.is_empty() {
                let s = self.event_series[e];
                if s == NONE || !series_sel[s as usize] {
                    fails |= F_SERIES;
                }
            }
            if !view.themes.is_empty()
                && !self.event_themes.row(e).iter().any(|&t| theme_sel[t as usize])
            {
                fails |= F_THEME;
            }
            if status_mask & 1 << self.event_status[e] == 0 {
                fails |= F_STATUS;
            }
            if let Some(pass) = &text_pass {
                if !pass[e] {
                    fails |= F_TEXT;
                }
            }
            if fails.count_ones() > 1 {
                continue;
            }
            let pass_parts;
            if fails == 0 {
                // Scan participations: actor, role, kind counts and the filter itself.
                let range = self.event_parts.range(e);
                let actors = &self.ep_actor[range.clone()];
                let rk = &self.ep_role_kind[range];
                let mut role_bits = 0u8;
                let mut kind_bits = 0u8;
                let mut any_pass = false;
                if all_mode {
                    slot_roles.fill(0);
                    slot_kinds.fill(0);
                }
                for (&a, &x) in actors.iter().zip(rk) {
                    let role_ok = pf.role_mask & 1 << (x & 7) != 0;
                    let kind_ok = pf.kind_mask & 1 << (x >> 3) != 0;
                    if role_ok && kind_ok && actor_stamp[a as usize] != e as u32 {
                        actor_stamp[a as usize] = e as u32;
                        actor_counts[a as usize] += 1;
                    }
                    if all_mode {
                        let slot = pf.actor_slot[a as usize];
                        if slot != NONE {
                            if kind_ok {
                                slot_roles[slot as usize] |= 1 << (x & 7);
                            }
                            if role_ok {
                                slot_kinds[slot as usize] |= 1 << (x >> 3);
                            }
                        }
                    } else if pf.actor_ok(a) {
                        if kind_ok {
                            role_bits |= 1 << (x & 7);
                        }
                        if role_ok {
                            kind_bits |= 1 << (x >> 3);
                        }
                        any_pass |= role_ok && kind_ok;
                    }
                }
                if all_mode {
                    if pf.unknown_actor || pf.slots == 0 {
                        role_bits = 0;
                        kind_bits = 0;
                        any_pass = false;
                    } else {
                        role_bits = slot_roles.iter().fold(0x7f, |m, r| m & r);
                        kind_bits = slot_kinds.iter().fold(0x07, |m, k| m & k);
                        any_pass = slot_roles.iter().all(|r| r & pf.role_mask != 0);
                    }
                }
                for (r, count) in role_counts.iter_mut().enumerate() {
                    *count += u32::from(role_bits >> r & 1);
                }
                for (k, count) in kind_counts.iter_mut().enumerate() {
                    *count += u32::from(kind_bits >> k & 1);
                }
                pass_parts = !parts_active || any_pass;
            } else {
                pass_parts = !parts_active || self.passes_parts(&pf, e, &mut scratch);
            }
            if !pass_parts {
                continue;
            }
            // Event-facet counts: all of them when the event passes, else only the
            // facet it fails.
            let counts_for = |flag: u8| fails == 0 || fails == flag;
            if counts_for(F_YEAR) {
                if let Some(i) = year_index(year) {
                    year_counts[i] += 1;
                }
            }
            if counts_for(F_COUNTRY) && self.event_country[e] != NONE {
                country_counts[self.event_country[e] as usize] += 1;
            }
            if counts_for(F_SERIES) && self.event_series[e] != NONE {
                series_counts[self.event_series[e] as usize] += 1;
            }
            if counts_for(F_THEME) {
                for &t in self.event_themes.row(e) {
                    theme_counts[t as usize] += 1;
                }
            }
            if counts_for(F_STATUS) {
                status_counts[self.event_status[e] as usize] += 1;
            }
            if fails == 0 {
                pass_event[e] = true;
            }
        }

        // Order the matching events.
        let by_order = |order: &[u32]| -> Vec<u32> {
            order.iter().copied().filter(|&e| pass_event[e as usize]).collect()
        };
        let events = match (view.sort, &hits) {
            (EventSort::Relevance, Some(r)) => {
                let mut seen = vec![false; n_events];
                r.hits
                    .iter()
                    .map(|h| h.event)
                    .filter(|&e| {
                        let i = e as usize;
                        i < n_events && pass_event[i] && !std::mem::replace(&mut seen[i], true)
                    })
                    .collect()
            }
            (EventSort::Relevance | EventSort::Date, _) => by_order(&self.order_date),
            (EventSort::DateDesc, _) => by_order(&self.order_date_desc),
            (EventSort::Name, _) => by_order(&self.order_name),
        };

        // The participations shown.
        let mut participations = Vec::new();
        for &e in &events {
            let range = self.event_parts.range(e as usize);
            if !parts_active {
                participations.extend_from_slice(&self.event_parts.items[range]);
                continue;
            }
            for i in range {
                let (a, x) = (self.ep_actor[i], self.ep_role_kind[i]);
                if pf.actor_ok(a) && pf.role_mask & 1 << (x & 7) != 0 && pf.kind_mask & 1 << (x >> 3) != 0 {
                    participations.push(self.event_parts.items[i]);
                }
            }
        }

        let facets = self.facet_lists(
            view,
            &year_counts,
            &country_counts,
            &series_counts,
            &theme_counts,
            &status_counts,
            &kind_counts,
            &actor_counts,
            &role_counts,
        );
        Selection { events, participations, facets, year_domain: self.year_domain() }
    }

    #[allow(clippy::too_many_arguments)]
    fn facet_lists(
        &self,
        view: &ViewState,
        year_counts: &[u32],
        country_counts: &[u32],
        series_counts: &[u32],
        theme_counts: &[u32],
        status_counts: &[u32; 3],
        kind_counts: &[u32; 3],
        actor_counts: &[u32],
        role_counts: &[u32; 7],
    ) -> Vec<FacetCounts> {
        let year_selected = |y: i32| {
            (view.year_from.is_some() || view.year_to.is_some())
                && view.year_from.is_none_or(|f| y >= f)
                && view.year_to.is_none_or(|t| y <= t)
        };
        let years = FacetCounts {
            facet: Facet::Year,
            values: self
                .years
                .iter()
                .zip(year_counts)
                .map(|(y, &count)| FacetValue {
                    key: y.to_string(),
                    label: y.to_string(),
                    count,
                    selected: year_selected(*y),
                })
                .collect(),
        };
        // Interned values plus selected values the dataset lacks; count desc, label.
        let strings = |facet: Facet,
                       interner: &Interner,
                       labels: Option<&[String]>,
                       counts: &[u32],
                       chosen: &std::collections::BTreeSet<String>| {
            let mut values: Vec<(FacetValue, String)> = interner
                .values
                .iter()
                .enumerate()
                .map(|(i, key)| {
                    let label = labels.map_or_else(|| key.clone(), |l| l[i].clone());
                    let fold = fold_key(&label);
                    (FacetValue { key: key.clone(), label, count: counts[i], selected: chosen.contains(key) }, fold)
                })
                .collect();
            for key in chosen {
                if interner.get(key).is_none() {
                    values.push((
                        FacetValue { key: key.clone(), label: key.clone(), count: 0, selected: true },
                        fold_key(key),
                    ));
                }
            }
            values.sort_by(|(a, fa), (b, fb)| {
                b.count.cmp(&a.count).then_with(|| fa.cmp(fb)).then_with(|| a.key.cmp(&b.key))
            });
            FacetCounts { facet, values: values.into_iter().map(|(v, _)| v).collect() }
        };
        let countries = strings(Facet::Country, &self.countries, Some(&self.country_labels), country_counts, &view.countries);
        let series = strings(Facet::Series, &self.series, None, series_counts, &view.series);
        let themes = strings(Facet::Theme, &self.themes, None, theme_counts, &view.themes);
        let statuses = FacetCounts {
            facet: Facet::Status,
            values: EventStatus::ALL
                .iter()
                .map(|s| FacetValue {
                    key: s.as_str().to_string(),
                    label: capitalise(s.as_str()),
                    count: status_counts[*s as usize],
                    selected: view.statuses.contains(s),
                })
                .collect(),
        };
        let kinds = FacetCounts {
            facet: Facet::Kind,
            values: ActorKind::ALL
                .iter()
                .map(|k| FacetValue {
                    key: k.as_str().to_string(),
                    label: capitalise(k.as_str()),
                    count: kind_counts[kind_index(*k) as usize],
                    selected: view.kinds.contains(k),
                })
                .collect(),
        };
        // Actors: sorted by (count desc, name rank) on integers, then materialised.
        let mut order: Vec<u32> = (0..actor_counts.len() as u32).collect();
        order.sort_unstable_by_key(|&a| (std::cmp::Reverse(actor_counts[a as usize]), self.actor_name_rank[a as usize]));
        let mut actor_values: Vec<FacetValue> = order
            .iter()
            .map(|&a| {
                let actor = &self.dataset.actors[a as usize];
                FacetValue {
                    key: actor.id.clone(),
                    label: actor.name.clone(),
                    count: actor_counts[a as usize],
                    selected: view.actors.contains(&actor.id),
                }
            })
            .collect();
        let mut unknown: Vec<FacetValue> = view
            .actors
            .iter()
            .filter(|id| !self.actor_ids.contains_key(*id))
            .map(|id| FacetValue { key: id.clone(), label: id.clone(), count: 0, selected: true })
            .collect();
        if !unknown.is_empty() {
            // Zero-count unknown ids go among the zero counts, by label.
            let first_zero = actor_values.iter().position(|v| v.count == 0).unwrap_or(actor_values.len());
            let zeros: Vec<FacetValue> = actor_values.split_off(first_zero);
            let mut zeros: Vec<(String, FacetValue)> =
                zeros.into_iter().chain(unknown.drain(..)).map(|v| (fold_key(&v.label), v)).collect();
            zeros.sort_by(|(fa, a), (fb, b)| fa.cmp(fb).then_with(|| a.key.cmp(&b.key)));
            actor_values.extend(zeros.into_iter().map(|(_, v)| v));
        }
        let actors = FacetCounts { facet: Facet::Actor, values: actor_values };
        let roles = FacetCounts {
            facet: Facet::Role,
            values: Role::ALL
                .iter()
                .map(|r| FacetValue {
                    key: r.as_str().to_string(),
                    label: capitalise(r.as_str()),
                    count: role_counts[*r as usize],
                    selected: view.roles.contains(r),
                })
                .collect(),
        };
        vec![years, countries, series, themes, statuses, kinds, actors, roles]
    }
}

fn kind_index(kind: ActorKind) -> u8 {
    match kind {
        ActorKind::Country => 0,
        ActorKind::Organization => 1,
        ActorKind::Person => 2,
    }
}
