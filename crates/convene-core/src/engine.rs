//! The index built once per dataset, faceted filtering and facet counts.
//!
//! # The rules (the product's semantics)
//!
//! - The result of a query is a set of **events**.
//! - **Event facets**: year range, country, series, theme (an event matches when
//!   any of its themes is selected), status.
//! - **Dates are periods.** An event runs from its start to its end, each at its
//!   precision (`2016-12` is the whole of December 2016, `2016` the whole year); an
//!   event without an end runs over its start's period; one with only an end over
//!   the end's. At the year facet's granularity an event runs in every year from
//!   its first year to its last. The year range `[year_from, year_to]` keeps the
//!   events whose period overlaps it (first year <= `year_to` and last year >=
//!   `year_from`): with `years=2017`, an event from 2016-12-30 to 2017-01-02 and one
//!   from 2016-12 to 2017-02 both match.
//! - **Undated events** (no start and no end) have no period: a year filter hides
//!   them, unless the view asks for them (`undated=1`, [`ViewState::undated`]).
//!   [`Selection::undated_hidden`] says how many a year filter hides (those that
//!   match every other filter), so the page can say so and offer to show them;
//!   [`Selection::undated_included`] how many it shows with `undated=1`.
//! - **Participation facets**: actor kind, actor, role.
//! - Within a facet, selected values combine with OR; across facets, with AND.
//! - Participation facets apply to the **same participation**: an event matches
//!   when it has one participation whose actor is selected (if any actor is),
//!   whose role is selected (if any role is) and whose actor's kind is selected
//!   (if any kind is). In actor mode **All**, the event must have, for *every*
//!   selected actor, a participation by that actor satisfying the role and kind
//!   selections.
//! - Text search (a non-blank `q` for which the search index finds terms) is one
//!   more AND-ed filter; a query whose hits are empty gives no events. It matches
//!   an event's own fields and, ranked below those, the text of a source that
//!   reports the event ([`crate::sources::SourceLibrary::search`]).
//! - [`Selection::participations`]: the participations of the matching events that
//!   satisfy the participation facets (each on its own: actor, role and kind
//!   selected; all of them when no participation facet is set), grouped by event
//!   in the order of [`Selection::events`]. These are the matrix cells and the
//!   export rows.
//! - **Facet counts**: the count of value `v` of facet `F` is the number of events
//!   that match the view with `F`'s selection replaced by `{v}` (for the year
//!   facet: the range replaced by the single year `v`, so an event counts in every
//!   year it runs, and undated events count in none). So counts never depend on
//!   the facet's own selection; participation facets are still combined with the
//!   other participation facets on the same participation; and in mode All the
//!   actor counts are those of the single actor `v` (which is the same as Any).
//! - Listed values: every value present in the dataset (every actor of the dataset;
//!   every country, series, theme and year that an event runs in), every value
//!   of the fixed lists (status, kind, role), and every selected value even when
//!   the dataset does not hold it (count 0). Year values are the years some event
//!   runs in.
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
use std::sync::Arc;

use crate::matrix::fold_key;
use crate::model::{ActorKind, Dataset, EventStatus, Role};
use crate::search::SearchIndex;
use crate::sort::{order_by_u64_key, sort_by_cmp, sort_by_u64_key};
use crate::sources::SourceLibrary;
use crate::view::{ActorMode, EventSort, ViewState};

const NONE: u32 = u32::MAX;
/// Year of an undated event in the dense year column.
const NO_YEAR: i32 = i32::MIN;

/// Every year covered by some period `[first[i], last[i]]` (undated ones, marked
/// [`NO_YEAR`], left out), ascending: a sweep over the sorted periods, so the cost
/// is the number of periods plus the number of years covered (at most 10,000:
/// `load` keeps years to four digits).
fn covered_years(first: &[i32], last: &[i32]) -> Vec<i32> {
    let mut spans: Vec<(i32, i32)> = first
        .iter()
        .zip(last)
        .filter(|(&f, _)| f != NO_YEAR)
        .map(|(&f, &l)| (f, l.max(f)))
        .collect();
    spans.sort_unstable();
    let mut years = Vec::new();
    let mut next = i32::MIN; // first year not yet pushed
    for (f, l) in spans {
        let from = f.max(next);
        if from <= l {
            years.extend(from..=l);
            next = l.saturating_add(1);
        }
    }
    years
}

/// A facet: one group of filter values in the side panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// The years an event runs in (a range in the URL; see the module docs).
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
    ///
    /// Shared (`Arc<str>`) with the engine: every query lists every actor, and at
    /// 10,000 actors copying two strings each was a tenth of a facet toggle.
    pub key: Arc<str>,
    /// The value as shown: a country code becomes the name of the country actor
    /// with that ISO code, an actor id the actor's name, a word capitalised.
    pub label: Arc<str>,
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
    /// The first and last year any event runs in, over the whole dataset (for the
    /// year slider).
    pub year_domain: Option<(i32, i32)>,
    /// With a year filter (and without `undated=1`): the undated events it hides
    /// that match every other filter. 0 otherwise.
    pub undated_hidden: u32,
    /// With a year filter and `undated=1`: the undated events shown (they match
    /// every other filter). 0 otherwise.
    pub undated_included: u32,
    /// How `participations` were chosen from `events`: the matrix reads its cells
    /// from the index with it (and checks them against `participations`).
    pub shown: Shown,
}

/// The participation filter a selection was made with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shown {
    /// Selected actors that the dataset holds (ascending indices); `None` when no
    /// actor is selected (every actor shown).
    pub actors: Option<Vec<u32>>,
    /// Roles shown, as [`crate::model::RoleSet`] bits.
    pub roles: u8,
    /// Actor kinds shown: bit 0 country, 1 organization, 2 person.
    pub kinds: u8,
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
    values: Vec<Arc<str>>,
    ids: HashMap<String, u32>,
}

impl Interner {
    fn intern(&mut self, value: &str) -> u32 {
        if let Some(&id) = self.ids.get(value) {
            return id;
        }
        let id = self.values.len() as u32;
        self.values.push(Arc::from(value));
        self.ids.insert(value.to_string(), id);
        id
    }

    fn get(&self, value: &str) -> Option<u32> {
        self.ids.get(value).copied()
    }

    fn heap_bytes(&self) -> usize {
        self.values.iter().map(|v| 2 * v.len() + 16 + 24 + 32).sum()
    }
}

/// The index over one dataset, built once; answers [`Engine::query`].
#[derive(Debug)]
pub struct Engine {
    dataset: Dataset,
    search: SearchIndex,
    /// Source texts, quote positions and the source-text search tier.
    sources: SourceLibrary,
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
    /// Actor -> the distinct events it takes part in, in chronological order.
    actor_events: Csr,
    /// Parallel to `actor_events.items`: the actor's roles there (RoleSet bits).
    actor_event_roles: Vec<u8>,
    /// Actor -> (role set, number of events where the actor had exactly those
    /// roles): lets actor counts under a role filter start from totals.
    actor_role_sets: Vec<Vec<(u8, u32)>>,
    /// Event -> the distinct actors taking part, ascending.
    event_actors: Csr,
    /// Parallel to `event_actors.items`: the actor's roles there (RoleSet bits).
    event_actor_roles: Vec<u8>,
    /// Per event: bit `role * 3 + kind` is set when some participation has that
    /// role and an actor of that kind. Role and kind filters read only this.
    event_combo: Vec<u32>,
    actor_kind: Vec<u8>,
    /// Rank of each actor by folded name (then id): the "name" order.
    actor_name_rank: Vec<u32>,
    /// Per event: the first and the last year it runs in ([`NO_YEAR`] when undated).
    event_year_first: Vec<i32>,
    event_year_last: Vec<i32>,
    event_country: Vec<u32>,
    event_series: Vec<u32>,
    event_status: Vec<u8>,
    event_themes: Csr,
    countries: Interner,
    /// Display label per interned country code.
    country_labels: Vec<Arc<str>>,
    /// Actor ids and names, shared with every query's actor facet values.
    actor_keys: Vec<Arc<str>>,
    actor_labels: Vec<Arc<str>>,
    series: Interner,
    themes: Interner,
    /// Every year some event runs in, ascending. Periods are contiguous, so an
    /// event's years are consecutive entries.
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
    /// Known selected actors, ascending.
    actors: Vec<u32>,
    actor_active: bool,
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
        let sources = SourceLibrary::new(&dataset);
        let n_events = dataset.events.len();
        let n_actors = dataset.actors.len();

        let event_ids: HashMap<String, u32> = dataset
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i as u32))
            .collect();
        let actor_ids: HashMap<String, u32> = dataset
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i as u32))
            .collect();
        let source_ids: HashMap<String, u32> = dataset
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i as u32))
            .collect();

        let actor_kind: Vec<u8> = dataset.actors.iter().map(|a| kind_index(a.kind)).collect();

        // (event, actor, participation) for every participation with known ids.
        let resolved: Vec<(u32, u32, u32)> = dataset
            .participations
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                Some((
                    *event_ids.get(&p.event)?,
                    *actor_ids.get(&p.actor)?,
                    i as u32,
                ))
            })
            .collect();
        let event_parts = Csr::build(n_events, resolved.iter().map(|&(e, _, p)| (e, p)));
        let mut part_event = vec![NONE; dataset.participations.len()];
        let mut part_actor = vec![NONE; dataset.participations.len()];
        for &(e, a, p) in &resolved {
            part_event[p as usize] = e;
            part_actor[p as usize] = a;
        }
        let part_role: Vec<u8> = dataset
            .participations
            .iter()
            .map(|p| p.role as u8)
            .collect();
        let actor_parts = Csr::build(n_actors, resolved.iter().map(|&(_, a, p)| (a, p)));
        let mut ep_actor = Vec::with_capacity(event_parts.items.len());
        let mut ep_role_kind = Vec::with_capacity(event_parts.items.len());
        for &p in &event_parts.items {
            let part = &dataset.participations[p as usize];
            let a = actor_ids.get(&part.actor).copied().unwrap_or(0);
            ep_actor.push(a);
            ep_role_kind.push(part.role as u8 | actor_kind[a as usize] << 3);
        }
        let mut event_actors = Csr {
            offsets: vec![0],
            items: Vec::new(),
        };
        let mut event_actor_roles: Vec<u8> = Vec::new();
        let mut pair_event: Vec<u32> = Vec::new();
        let mut event_combo = vec![0u32; n_events];
        let mut pairs: Vec<(u32, u8)> = Vec::new();
        for (e, combo) in event_combo.iter_mut().enumerate() {
            pairs.clear();
            for i in event_parts.range(e) {
                let x = ep_role_kind[i];
                pairs.push((ep_actor[i], 1u8 << (x & 7)));
                *combo |= 1 << ((x & 7) * 3 + (x >> 3));
            }
            sort_by_u64_key(&mut pairs, |p| u64::from(p.0));
            let start = event_actors.items.len();
            for &(a, bit) in &pairs {
                match event_actor_roles.last_mut() {
                    Some(roles)
                        if event_actors.items.len() > start
                            && event_actors.items.last() == Some(&a) =>
                    {
                        *roles |= bit
                    }
                    _ => {
                        event_actors.items.push(a);
                        event_actor_roles.push(bit);
                        pair_event.push(e as u32);
                    }
                }
            }
            event_actors.offsets.push(event_actors.items.len() as u32);
        }
        let mut actor_by_name: Vec<u32> = (0..n_actors as u32).collect();
        let name_keys: Vec<String> = dataset.actors.iter().map(|a| fold_key(&a.name)).collect();
        sort_by_cmp(&mut actor_by_name, &|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            name_keys[a]
                .cmp(&name_keys[b])
                .then_with(|| dataset.actors[a].id.cmp(&dataset.actors[b].id))
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
        let mut event_year_first = Vec::with_capacity(n_events);
        let mut event_year_last = Vec::with_capacity(n_events);
        let mut event_status = Vec::with_capacity(n_events);
        let mut theme_pairs = Vec::new();
        for (i, e) in dataset.events.iter().enumerate() {
            event_country.push(e.country.as_deref().map_or(NONE, |c| countries.intern(c)));
            event_series.push(e.series.as_deref().map_or(NONE, |s| series.intern(s)));
            let (first, last) = match (e.start, e.end) {
                (Some(s), Some(t)) => (s.year, t.year.max(s.year)),
                (Some(d), None) | (None, Some(d)) => (d.year, d.year),
                (None, None) => (NO_YEAR, NO_YEAR),
            };
            event_year_first.push(first);
            event_year_last.push(last);
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
        let iso_names = dataset.country_names();
        let actor_keys = dataset
            .actors
            .iter()
            .map(|a| Arc::from(a.id.as_str()))
            .collect();
        let actor_labels = dataset
            .actors
            .iter()
            .map(|a| Arc::from(a.name.as_str()))
            .collect();
        let country_labels = countries
            .values
            .iter()
            .map(|c| {
                iso_names
                    .get(&**c)
                    .map_or_else(|| c.clone(), |&n| Arc::from(n))
            })
            .collect();
        let years = covered_years(&event_year_first, &event_year_last);

        let event_keys: Vec<String> = dataset.events.iter().map(|e| fold_key(&e.name)).collect();
        let by_name = |a: &u32, b: &u32| {
            let (a, b) = (*a as usize, *b as usize);
            event_keys[a].cmp(&event_keys[b]).then_with(|| a.cmp(&b))
        };
        let mut order_name: Vec<u32> = (0..n_events as u32).collect();
        sort_by_cmp(&mut order_name, &by_name);
        let mut name_rank = vec![0u32; n_events];
        for (rank, &e) in order_name.iter().enumerate() {
            name_rank[e as usize] = rank as u32;
        }
        let start = |e: u32| dataset.events[e as usize].start;
        let by_date = |a: &u32, b: &u32, newest_first: bool| match (start(*a), start(*b)) {
            (Some(x), Some(y)) => if newest_first { y.cmp(&x) } else { x.cmp(&y) }
                .then(name_rank[*a as usize].cmp(&name_rank[*b as usize])),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => name_rank[*a as usize].cmp(&name_rank[*b as usize]),
        };
        let mut order_date: Vec<u32> = (0..n_events as u32).collect();
        sort_by_cmp(&mut order_date, &|a, b| by_date(a, b, false));
        let mut order_date_desc: Vec<u32> = (0..n_events as u32).collect();
        sort_by_cmp(&mut order_date_desc, &|a, b| by_date(a, b, true));
        let mut date_rank = vec![0u32; n_events];
        for (rank, &e) in order_date.iter().enumerate() {
            date_rank[e as usize] = rank as u32;
        }

        // Actor -> events in chronological order, so a matrix row comes out sorted.
        let by_date = Csr::build(
            n_actors,
            order_date.iter().flat_map(|&e| {
                event_actors
                    .range(e as usize)
                    .map(|i| (event_actors.items[i], i as u32))
            }),
        );
        let actor_event_roles = by_date
            .items
            .iter()
            .map(|&i| event_actor_roles[i as usize])
            .collect();
        let actor_role_sets: Vec<Vec<(u8, u32)>> = (0..n_actors)
            .map(|a| {
                let mut sets: Vec<(u8, u32)> = Vec::new();
                for i in by_date.range(a) {
                    let roles = event_actor_roles[by_date.items[i] as usize];
                    match sets.iter_mut().find(|(r, _)| *r == roles) {
                        Some((_, n)) => *n += 1,
                        None => sets.push((roles, 1)),
                    }
                }
                sets
            })
            .collect();
        let actor_events = Csr {
            offsets: by_date.offsets,
            items: by_date
                .items
                .iter()
                .map(|&i| pair_event[i as usize])
                .collect(),
        };

        Engine {
            dataset,
            search,
            sources,
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
            actor_event_roles,
            actor_role_sets,
            event_actors,
            event_actor_roles,
            event_combo,
            actor_kind,
            actor_name_rank,
            event_year_first,
            event_year_last,
            event_country,
            event_series,
            event_status,
            event_themes,
            countries,
            country_labels,
            actor_keys,
            actor_labels,
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

    /// The source texts known so far, quote positions and warnings (see
    /// [`crate::sources`]).
    pub fn sources(&self) -> &SourceLibrary {
        &self.sources
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

    /// The distinct events an actor takes part in, in chronological order
    /// (undated last).
    pub fn actor_events(&self, actor: usize) -> &[u32] {
        self.actor_events.row(actor)
    }

    /// Parallel to [`Engine::actor_events`]: the actor's roles at each of those events.
    pub fn actor_event_roles(&self, actor: usize) -> &[u8] {
        match (
            self.actor_events.offsets.get(actor),
            self.actor_events.offsets.get(actor + 1),
        ) {
            (Some(&a), Some(&b)) => &self.actor_event_roles[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The kind of an actor, as a bit index (0 country, 1 organization, 2 person).
    pub(crate) fn actor_kind_index(&self, actor: usize) -> u8 {
        self.actor_kind[actor]
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

    /// A host country as the country facet shows it: the name of the country
    /// actor with that ISO3 code (`MAR` -> `Morocco`), else its ISO 3166-1 name
    /// (`Dataset::country_names`), else the code itself.
    pub fn country_label<'a>(&'a self, code: &'a str) -> &'a str {
        self.countries
            .get(code)
            .and_then(|i| self.country_labels.get(i as usize))
            .map_or(code, |label| label)
    }

    /// The first and last year any event runs in, over the dataset.
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
            + self.actor_event_roles.capacity()
            + self
                .actor_role_sets
                .iter()
                .map(|s| 24 + s.capacity() * 8)
                .sum::<usize>()
            + self.event_actors.heap_bytes()
            + self.event_actor_roles.capacity()
            + self.event_combo.capacity() * 4
            + self.actor_kind.capacity()
            + self.actor_name_rank.capacity() * 4
            + (self.event_year_first.capacity() + self.event_year_last.capacity()) * 4
            + self.event_country.capacity() * 4
            + self.event_series.capacity() * 4
            + self.event_status.capacity()
            + self.event_themes.heap_bytes()
            + self.countries.heap_bytes()
            + self
                .country_labels
                .iter()
                .map(|l| l.len() + 16 + 16)
                .sum::<usize>()
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
            actors: Vec::new(),
            actor_active: !view.actors.is_empty(),
            unknown_actor: false,
            role_mask: 0x7f,
            kind_mask: 0x07,
            all_mode: view.actor_mode == ActorMode::All,
        };
        for id in &view.actors {
            match self.actor_ids.get(id) {
                Some(&a) => f.actors.push(a),
                None => f.unknown_actor = true,
            }
        }
        f.actors.sort_unstable();
        if !view.roles.is_empty() {
            f.role_mask = view.roles.iter().fold(0, |m, r| m | r.bit());
        }
        if !view.kinds.is_empty() {
            f.kind_mask = view.kinds.iter().fold(0, |m, k| m | 1 << kind_index(*k));
        }
        f
    }

    /// Per event, for the selected actors: (passes the participation filter, role
    /// bits for the role counts, kind bits for the kind counts). Linear in the
    /// selected actors' events, not in the dataset.
    fn actor_filter_bits(&self, f: &PartFilter) -> (Vec<bool>, Vec<u8>, Vec<u8>) {
        let n_events = self.dataset.events.len();
        let mut pass = vec![false; n_events];
        let mut role_bits = vec![0u8; n_events];
        let mut kind_bits = vec![0u8; n_events];
        // Per actor at one event: roles in a selected kind; kinds with a selected role.
        let bits = |a: u32, roles: u8| {
            let kind = self.actor_kind[a as usize];
            let kind_ok = f.kind_mask & 1 << kind != 0;
            let role_ok = roles & f.role_mask != 0;
            (
                if kind_ok { roles } else { 0 },
                if role_ok { 1u8 << kind } else { 0 },
                kind_ok && role_ok,
            )
        };
        if !f.all_mode {
            for &a in &f.actors {
                let range = self.actor_events.range(a as usize);
                for (&e, &roles) in self.actor_events.items[range.clone()]
                    .iter()
                    .zip(&self.actor_event_roles[range])
                {
                    let (r, k, ok) = bits(a, roles);
                    role_bits[e as usize] |= r;
                    kind_bits[e as usize] |= k;
                    pass[e as usize] |= ok;
                }
            }
        } else if !f.unknown_actor {
            // Every selected actor must be present: AND the per-actor bits, and
            // count the actors seen so far at each event.
            let mut present = vec![0u32; n_events];
            let mut ok_count = vec![0u32; n_events];
            for (slot, &a) in f.actors.iter().enumerate() {
                let slot = slot as u32;
                let range = self.actor_events.range(a as usize);
                for (&e, &roles) in self.actor_events.items[range.clone()]
                    .iter()
                    .zip(&self.actor_event_roles[range])
                {
                    let e = e as usize;
                    if present[e] != slot {
                        continue;
                    }
                    let (r, k, ok) = bits(a, roles);
                    if slot == 0 {
                        role_bits[e] = r;
                        kind_bits[e] = k;
                    } else {
                        role_bits[e] &= r;
                        kind_bits[e] &= k;
                    }
                    present[e] = slot + 1;
                    ok_count[e] += u32::from(ok);
                }
            }
            let m = f.actors.len() as u32;
            for e in 0..n_events {
                if present[e] == m {
                    pass[e] = ok_count[e] == m;
                } else {
                    role_bits[e] = 0;
                    kind_bits[e] = 0;
                }
            }
        }
        (pass, role_bits, kind_bits)
    }

    /// Runs a query: matching events, the participations shown, every facet's counts.
    ///
    /// Cost at 1M participations: one pass over the events (dense columns), plus the
    /// events of the selected actors, plus the actor counts over the smaller of the
    /// counted and the uncounted events.
    pub fn query(&self, view: &ViewState) -> Selection {
        let n_events = self.dataset.events.len();
        let n_actors = self.dataset.actors.len();

        // Event-filter selections, as dense lookups.
        let year_active = view.year_from.is_some() || view.year_to.is_some();
        let (y_from, y_to) = (
            view.year_from.unwrap_or(i32::MIN + 1),
            view.year_to.unwrap_or(i32::MAX),
        );
        let select =
            |interner: &Interner, chosen: &std::collections::BTreeSet<String>| -> Vec<bool> {
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
        // Text search: None = no text filter.
        let hits = if view.q.trim().is_empty() {
            None
        } else {
            // Events' own fields first, then events found through a source's text.
            self.sources.search(&self.search, &view.q)
        };
        let text_pass: Option<Vec<bool>> = hits.as_ref().map(|r| {
            let mut pass = vec![false; n_events];
            for h in r.hits.iter() {
                if let Some(p) = pass.get_mut(h.event as usize) {
                    *p = true;
                }
            }
            pass
        });

        let pf = self.part_filter(view);
        let parts_active = pf.active();
        let actor_bits = pf.actor_active.then(|| self.actor_filter_bits(&pf));
        // Without an actor selection, role and kind filters read the per-event
        // (role, kind) combination bits: which roles occur with a selected kind,
        // which kinds with a selected role, whether a participation has both.
        let kind_spread = |mask: u8| -> u32 { (0..7).fold(0, |m, r| m | (mask as u32) << (r * 3)) };
        let kinds_ok = kind_spread(pf.kind_mask);
        let roles_ok: u32 = (0..7)
            .filter(|r| pf.role_mask >> r & 1 != 0)
            .fold(0, |m, r| m | 7 << (r * 3));
        let combo_bits = |combo: u32| -> (bool, u8, u8) {
            let with_kind = combo & kinds_ok;
            let with_role = combo & roles_ok;
            let mut role_bits = 0u8;
            let mut kind_bits = 0u8;
            for r in 0..7 {
                role_bits |= u8::from(with_kind >> (r * 3) & 7 != 0) << r;
                kind_bits |= (with_role >> (r * 3) & 7) as u8;
            }
            (with_kind & with_role != 0, role_bits, kind_bits)
        };

        // Year counts as differences over `years` indices: an event adds 1 at its
        // first year and -1 after its last, summed once at the end.
        let mut year_diff = vec![0i64; self.years.len() + 1];
        let mut undated_hidden = 0u32;
        let mut undated_included = 0u32;
        let mut country_counts = vec![0u32; self.countries.values.len()];
        let mut series_counts = vec![0u32; self.series.values.len()];
        let mut theme_counts = vec![0u32; self.themes.values.len()];
        let mut status_counts = [0u32; 3];
        let mut kind_counts = [0u32; 3];
        let mut role_counts = [0u32; 7];
        // Events that pass every event filter (and text): those the actor,
        // role and kind counts are taken over.
        let mut counted = vec![false; n_events];
        let mut n_counted = 0usize;
        let mut pass_event = vec![false; n_events];

        for e in 0..n_events {
            let mut fails = 0u8;
            let (first, last) = (self.event_year_first[e], self.event_year_last[e]);
            let undated = first == NO_YEAR;
            if year_active
                && (if undated {
                    !view.undated
                } else {
                    last < y_from || first > y_to
                })
            {
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
                && !self
                    .event_themes
                    .row(e)
                    .iter()
                    .any(|&t| theme_sel[t as usize])
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
            let (pass_parts, role_bits, kind_bits) = match &actor_bits {
                Some((pass, roles, kinds)) => (pass[e], roles[e], kinds[e]),
                None => combo_bits(self.event_combo[e]),
            };
            let pass_parts = pass_parts || !parts_active;
            if fails == 0 {
                counted[e] = true;
                n_counted += 1;
                for (r, count) in role_counts.iter_mut().enumerate() {
                    *count += u32::from(role_bits >> r & 1);
                }
                for (k, count) in kind_counts.iter_mut().enumerate() {
                    *count += u32::from(kind_bits >> k & 1);
                }
            }
            if !pass_parts {
                continue;
            }
            // Event-facet counts: all of them when the event passes, else only the
            // facet it fails.
            let counts_for = |flag: u8| fails == 0 || fails == flag;
            if year_active && undated {
                if fails == F_YEAR {
                    undated_hidden += 1;
                } else if fails == 0 {
                    undated_included += 1;
                }
            }
            if counts_for(F_YEAR) && !undated {
                if let Ok(i) = self.years.binary_search(&first) {
                    year_diff[i] += 1;
                    year_diff[i + (last - first) as usize + 1] -= 1;
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

        // Actor counts (actor selection left out): events counted where the actor
        // took part in a selected role and its kind is selected.
        let mut actor_counts = vec![0u32; n_actors];
        let kind_ok = |a: u32| pf.kind_mask & 1 << self.actor_kind[a as usize] != 0;
        if n_counted * 2 > n_events {
            // Most events count: start from each actor's total under the role
            // filter and take away the events that do not count (half the work at
            // worst, none when no event filter is set).
            for (a, count) in actor_counts.iter_mut().enumerate() {
                *count = self.actor_role_sets[a]
                    .iter()
                    .filter(|(roles, _)| roles & pf.role_mask != 0)
                    .map(|(_, n)| n)
                    .sum();
            }
            for e in (0..n_events).filter(|&e| !counted[e]) {
                let range = self.event_actors.range(e);
                for (&a, &roles) in self.event_actors.items[range.clone()]
                    .iter()
                    .zip(&self.event_actor_roles[range])
                {
                    if roles & pf.role_mask != 0 {
                        actor_counts[a as usize] -= 1;
                    }
                }
            }
            for (a, count) in actor_counts.iter_mut().enumerate() {
                if !kind_ok(a as u32) {
                    *count = 0;
                }
            }
        } else {
            for e in (0..n_events).filter(|&e| counted[e]) {
                let range = self.event_actors.range(e);
                for (&a, &roles) in self.event_actors.items[range.clone()]
                    .iter()
                    .zip(&self.event_actor_roles[range])
                {
                    if roles & pf.role_mask != 0 && kind_ok(a) {
                        actor_counts[a as usize] += 1;
                    }
                }
            }
        }

        // Order the matching events.
        let by_order = |order: &[u32]| -> Vec<u32> {
            order
                .iter()
                .copied()
                .filter(|&e| pass_event[e as usize])
                .collect()
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

        let mut running = 0i64;
        let year_counts: Vec<u32> = year_diff[..self.years.len()]
            .iter()
            .map(|d| {
                running += d;
                running as u32
            })
            .collect();
        let participations = self.shown_participations(&pf, &events);
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
        let shown = Shown {
            actors: pf.actor_active.then(|| pf.actors.clone()),
            roles: pf.role_mask,
            kinds: pf.kind_mask,
        };
        Selection {
            events,
            participations,
            facets,
            year_domain: self.year_domain(),
            undated_hidden,
            undated_included,
            shown,
        }
    }

    /// The participations of `events` that satisfy the participation facets,
    /// grouped by event in the order of `events`, in dataset order within one.
    fn shown_participations(&self, pf: &PartFilter, events: &[u32]) -> Vec<u32> {
        let ok = |i: usize| {
            let x = self.ep_role_kind[i];
            pf.role_mask & 1 << (x & 7) != 0 && pf.kind_mask & 1 << (x >> 3) != 0
        };
        let mut out = Vec::new();
        if !pf.actor_active && !pf.active() {
            let total = events
                .iter()
                .map(|&e| self.event_parts.range(e as usize).len())
                .sum();
            out.reserve_exact(total);
        }
        if !pf.actor_active {
            for &e in events {
                let range = self.event_parts.range(e as usize);
                if pf.active() {
                    out.extend(range.filter(|&i| ok(i)).map(|i| self.event_parts.items[i]));
                } else {
                    out.extend_from_slice(&self.event_parts.items[range]);
                }
            }
            return out;
        }
        // With an actor selection, read the selected actors' participations only,
        // then bucket them by the event's position in `events`.
        let mut position = vec![NONE; self.dataset.events.len()];
        for (i, &e) in events.iter().enumerate() {
            position[e as usize] = i as u32;
        }
        let mut picked: Vec<(u32, u32)> = Vec::new();
        for &a in &pf.actors {
            if pf.kind_mask & 1 << self.actor_kind[a as usize] == 0 {
                continue;
            }
            for &p in self.actor_parts.row(a as usize) {
                let e = self.part_event[p as usize];
                if e != NONE
                    && position[e as usize] != NONE
                    && pf.role_mask & 1 << self.part_role[p as usize] != 0
                {
                    picked.push((position[e as usize], p));
                }
            }
        }
        let mut start = vec![0u32; events.len() + 1];
        for &(pos, _) in &picked {
            start[pos as usize + 1] += 1;
        }
        for i in 0..events.len() {
            start[i + 1] += start[i];
        }
        out.resize(picked.len(), 0);
        let mut fill = start.clone();
        for &(pos, p) in &picked {
            out[fill[pos as usize] as usize] = p;
            fill[pos as usize] += 1;
        }
        // Several selected actors at one event: restore dataset order there.
        if pf.actors.len() > 1 {
            for i in 0..events.len() {
                out[start[i] as usize..start[i + 1] as usize].sort_unstable();
            }
        }
        out
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
                .map(|(y, &count)| {
                    let key: Arc<str> = Arc::from(y.to_string());
                    FacetValue {
                        label: key.clone(),
                        key,
                        count,
                        selected: year_selected(*y),
                    }
                })
                .collect(),
        };
        // Interned values plus selected values the dataset lacks; count desc, label.
        let strings = |facet: Facet,
                       interner: &Interner,
                       labels: Option<&[Arc<str>]>,
                       counts: &[u32],
                       chosen: &std::collections::BTreeSet<String>| {
            let mut values: Vec<(FacetValue, String)> = interner
                .values
                .iter()
                .enumerate()
                .map(|(i, key)| {
                    let label = labels.map_or_else(|| key.clone(), |l| l[i].clone());
                    let fold = fold_key(&label);
                    (
                        FacetValue {
                            key: key.clone(),
                            label,
                            count: counts[i],
                            selected: chosen.contains(&**key),
                        },
                        fold,
                    )
                })
                .collect();
            for key in chosen {
                if interner.get(key).is_none() {
                    let key: Arc<str> = Arc::from(key.as_str());
                    values.push((
                        FacetValue {
                            key: key.clone(),
                            label: key.clone(),
                            count: 0,
                            selected: true,
                        },
                        fold_key(&key),
                    ));
                }
            }
            sort_by_cmp(&mut values, &|(a, fa), (b, fb)| {
                b.count
                    .cmp(&a.count)
                    .then_with(|| fa.cmp(fb))
                    .then_with(|| a.key.cmp(&b.key))
            });
            FacetCounts {
                facet,
                values: values.into_iter().map(|(v, _)| v).collect(),
            }
        };
        let countries = strings(
            Facet::Country,
            &self.countries,
            Some(&self.country_labels),
            country_counts,
            &view.countries,
        );
        let series = strings(
            Facet::Series,
            &self.series,
            None,
            series_counts,
            &view.series,
        );
        let themes = strings(Facet::Theme, &self.themes, None, theme_counts, &view.themes);
        let statuses = FacetCounts {
            facet: Facet::Status,
            values: EventStatus::ALL
                .iter()
                .map(|s| FacetValue {
                    key: Arc::from(s.as_str()),
                    label: Arc::from(capitalise(s.as_str())),
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
                    key: Arc::from(k.as_str()),
                    label: Arc::from(capitalise(k.as_str())),
                    count: kind_counts[kind_index(*k) as usize],
                    selected: view.kinds.contains(k),
                })
                .collect(),
        };
        // Actors: sorted by (count desc, name rank) on integers, then materialised.
        let order = order_by_u64_key(actor_counts.len(), |a| {
            u64::from(!actor_counts[a]) << 32 | u64::from(self.actor_name_rank[a])
        });
        let mut actor_values: Vec<FacetValue> = order
            .iter()
            .map(|&a| {
                let a = a as usize;
                let key = self.actor_keys[a].clone();
                FacetValue {
                    selected: !view.actors.is_empty() && view.actors.contains(&*key),
                    key,
                    label: self.actor_labels[a].clone(),
                    count: actor_counts[a],
                }
            })
            .collect();
        let mut unknown: Vec<FacetValue> = view
            .actors
            .iter()
            .filter(|id| !self.actor_ids.contains_key(*id))
            .map(|id| {
                let key: Arc<str> = Arc::from(id.as_str());
                FacetValue {
                    label: key.clone(),
                    key,
                    count: 0,
                    selected: true,
                }
            })
            .collect();
        if !unknown.is_empty() {
            // Zero-count unknown ids go among the zero counts, by label.
            let first_zero = actor_values
                .iter()
                .position(|v| v.count == 0)
                .unwrap_or(actor_values.len());
            let zeros: Vec<FacetValue> = actor_values.split_off(first_zero);
            let mut zeros: Vec<(FacetValue, String)> = zeros
                .into_iter()
                .chain(unknown.drain(..))
                .map(|v| {
                    let fold = fold_key(&v.label);
                    (v, fold)
                })
                .collect();
            sort_by_cmp(&mut zeros, &|(a, fa), (b, fb)| {
                fa.cmp(fb).then_with(|| a.key.cmp(&b.key))
            });
            actor_values.extend(zeros.into_iter().map(|(v, _)| v));
        }
        let actors = FacetCounts {
            facet: Facet::Actor,
            values: actor_values,
        };
        let roles = FacetCounts {
            facet: Facet::Role,
            values: Role::ALL
                .iter()
                .map(|r| FacetValue {
                    key: Arc::from(r.as_str()),
                    label: Arc::from(capitalise(r.as_str())),
                    count: role_counts[*r as usize],
                    selected: view.roles.contains(r),
                })
                .collect(),
        };
        vec![
            years, countries, series, themes, statuses, kinds, actors, roles,
        ]
    }
}

fn kind_index(kind: ActorKind) -> u8 {
    match kind {
        ActorKind::Country => 0,
        ActorKind::Organization => 1,
        ActorKind::Person => 2,
    }
}
