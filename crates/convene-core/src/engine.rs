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
//!   them, unless the view asks for them (`undated=1`, [`Query::undated`]).
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

use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::model::{ActorKind, Dataset, EventStatus, Role};
use crate::query::Query;
use crate::search::{fold_key, SearchBuild, SearchIndex};
use crate::sort::{order_by_cmp, sort_by_cmp, sort_by_u64_key, sort_u32};
use crate::sources::SourceLibrary;
pub use crate::vocab::Facet;
use crate::vocab::{ActorMode, EventSort};

const NONE: u32 = u32::MAX;
/// Year of an undated event in the dense year column.
const NO_YEAR: i32 = i32::MIN;

mod build;
mod facets;
mod notices;
mod pages;
mod query;
mod sources;

pub use pages::MainActors;

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
    /// The participations shown: read them with [`Selection::participations`].
    pub parts: ShownParts,
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
    /// How the participations were chosen from `events`: the matrix reads its cells
    /// from the index with it, without listing them (`matrix::build_matrix`).
    pub shown: Shown,
}

/// The participations a selection shows, listed on first use: the events view
/// and the facets need only the events and counts, and listing them is most of a
/// keystroke's query at 1M participations (a copy of up to the whole index, then
/// the memo's comparison of the old list with the new: about 7 ms of the 26 ms of
/// script per key; BENCHMARKS.md, session 22). Two are equal when they were made
/// with the same participation filter: the list follows from it and the events.
#[derive(Debug, Clone, Default)]
pub struct ShownParts {
    filter: query::PartFilter,
    list: std::sync::OnceLock<Vec<u32>>,
}

impl ShownParts {
    /// Whether `shown` is what the participations were chosen with, so that
    /// reading the index with it gives exactly them (false for a selection whose
    /// `shown` was changed by hand).
    pub(crate) fn chosen_with(&self, shown: &Shown) -> bool {
        self.filter.shown() == *shown
    }
}

impl PartialEq for ShownParts {
    fn eq(&self, other: &Self) -> bool {
        self.filter == other.filter
    }
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
    /// The participations shown (indices into `Dataset::participations`), grouped by
    /// event in the order of `events`, in dataset order within one. Listed on the
    /// first call and kept; `engine` is the one whose [`Engine::query`] made this
    /// selection (another engine's would list other participations).
    pub fn participations(&self, engine: &Engine) -> &[u32] {
        self.parts
            .list
            .get_or_init(|| engine.shown_participations(&self.parts.filter, &self.events))
    }

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

/// `map[key]`: one copy of the lookup for every id map (each inlined copy cost
/// 300 bytes of the app's wasm).
#[inline(never)]
fn id_of(map: &HashMap<String, u32>, key: &str) -> Option<u32> {
    map.get(key).copied()
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
        id_of(&self.ids, value)
    }

    fn heap_bytes(&self) -> usize {
        self.values.iter().map(|v| 2 * v.len() + 16 + 24 + 32).sum()
    }
}

/// Number of roles ([`Role::ALL`]): role indices are `0..ROLES`.
const ROLES: usize = 7;

/// Columns derived from the index for the query pass alone (issue 18: a facet
/// toggle at 1M participations within a quarter of crossfilter2's time). See
/// `engine/query.rs` for where each one is read.
#[derive(Debug, Default)]
struct QueryColumns {
    /// Actors in name order (the inverse of `actor_name_rank`): the actor facet's
    /// order is a counting sort by count over this one.
    actor_by_name: Vec<u32>,
    /// The interned countries, series and themes by folded label, then value:
    /// the facet list's tie order, so the list is a counting sort on the count.
    value_orders: [Vec<u32>; 3],
    /// Per event: the roles some participation has (RoleSet bits).
    event_roles: Vec<u8>,
    /// Participations by role then event: row `role * n_events + date rank` holds
    /// the event's participations in that role, in dataset order; rows
    /// `ROLES * n_events + date rank` hold all of the event's participations.
    /// With no participation filter, or one role selected, the participations
    /// shown are one block's rows of the matching events: in date order, runs of
    /// consecutive rows are one slice copy (all of them for the whole dataset).
    role_parts: Csr,
}

impl QueryColumns {
    fn heap_bytes(&self) -> usize {
        self.actor_by_name.capacity() * 4
            + self
                .value_orders
                .iter()
                .map(|r| r.capacity() * 4)
                .sum::<usize>()
            + self.event_roles.capacity()
            + self.role_parts.heap_bytes()
    }
}

/// The index over one dataset, built once; answers [`Engine::query`].
#[derive(Debug)]
pub struct Engine {
    /// Columns for the query pass alone.
    fast: QueryColumns,
    dataset: Dataset,
    /// The full-text index, built on first use ([`Engine::search_index`]), by
    /// [`Engine::prepare_search`] or in slices by [`Engine::prepare_search_step`]:
    /// the first view does not need it.
    search: std::sync::OnceLock<SearchIndex>,
    /// The sliced build under way ([`Engine::prepare_search_step`]): `None`
    /// before its first step and once the index is in `search`.
    pending_search: Mutex<Option<SearchBuild>>,
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

impl Engine {
    /// The dataset the engine was built over.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The full-text index, built on the first call (see
    /// [`Engine::prepare_search`]); every text query goes through here, so a
    /// query never sees an index that is not built yet. A build left half done
    /// by [`Engine::prepare_search_step`] is finished, not started over.
    pub fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| {
            let pending = self.pending_search().take();
            pending.unwrap_or_default().finish(&self.dataset)
        })
    }

    /// Builds the full-text index now if it is not built yet (else does
    /// nothing). [`Engine::new`] leaves it out, since the first view (no text
    /// query) does not need it: it is the largest part of indexing, about as
    /// long as the rest of [`Engine::new`] together (1.2 s of 2.2 s at 1M
    /// participations in the browser, `bench/open.mjs`). A text query before it
    /// is ready builds it itself ([`Engine::search_index`]), so waits for the
    /// rest of it once. The app builds it in slices instead
    /// ([`Engine::prepare_search_step`]).
    pub fn prepare_search(&self) {
        self.search_index();
    }

    /// Does a slice of the full-text index's build ([`Engine::prepare_search`]
    /// in pieces) and returns whether the index is ready: `true` once the last
    /// piece is done (and from then on, at once), `false` when `out_of_time`
    /// said to stop first. Built in one task, the index froze the page for
    /// seconds at 1M participations, just after the data appeared (2.5 s to
    /// 4.9 s in Chromium, by machine; issue 13); in slices of 8 ms, the page
    /// answers between them.
    ///
    /// Shapes: the build goes through its phases (ids and participations
    /// resolved and grouped, events' fields, actors' fields, the sorted
    /// dictionary's postings, each term's ranked list, each prefix range's
    /// list; see [`SearchBuild`]), and a slice asks `out_of_time` every few
    /// dozen units of work (an id, a block of participations, an event, an
    /// actor, a term, a range; sooner after heavy ones) and after each whole
    /// step between phases (the two sorts, of terms and of ranges). The core
    /// has no clock (wasm32 has no `Instant`): the caller brings one, for
    /// instance "8 ms since this slice began". Each call does at least one unit,
    /// so calling until it returns `true` always ends. A text query between
    /// slices finishes the build at once ([`Engine::search_index`]).
    pub fn prepare_search_step(&self, out_of_time: &mut dyn FnMut() -> bool) -> bool {
        if self.search.get().is_some() {
            return true;
        }
        {
            let mut pending = self.pending_search();
            let build = pending.get_or_insert_with(SearchBuild::new);
            if !build.step(&self.dataset, out_of_time) {
                return false;
            }
        }
        // Complete: `search_index` takes it from `pending` (outside the lock: it
        // locks `pending` inside the `OnceLock`'s initialisation, and a caller
        // already in there would wait for this lock while this call waited for it).
        self.search_index();
        true
    }

    /// The sliced build under way. A step that panicked (natively; the app
    /// aborts) may have left it half-changed: it starts over.
    fn pending_search(&self) -> MutexGuard<'_, Option<SearchBuild>> {
        self.pending_search.lock().unwrap_or_else(|poisoned| {
            self.pending_search.clear_poison();
            let mut pending = poisoned.into_inner();
            *pending = None;
            pending
        })
    }

    /// Whether the full-text index is built yet ([`Engine::prepare_search`]).
    pub fn search_ready(&self) -> bool {
        self.search.get().is_some()
    }

    /// The source texts known so far, quote positions and warnings (see
    /// [`crate::sources`]).
    pub fn sources(&self) -> &SourceLibrary {
        &self.sources
    }

    /// Index of the event with this id.
    pub fn event_index(&self, id: &str) -> Option<usize> {
        id_of(&self.event_ids, id).map(|i| i as usize)
    }

    /// Index of the actor with this id.
    pub fn actor_index(&self, id: &str) -> Option<usize> {
        id_of(&self.actor_ids, id).map(|i| i as usize)
    }

    /// Index of the source with this id.
    pub fn source_index(&self, id: &str) -> Option<usize> {
        id_of(&self.source_ids, id).map(|i| i as usize)
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
            + self.fast.heap_bytes()
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
}

pub(super) fn kind_index(kind: ActorKind) -> u8 {
    match kind {
        ActorKind::Country => 0,
        ActorKind::Organization => 1,
        ActorKind::Person => 2,
    }
}
