//! The query pass: one sweep over the events with a bitmask of the filters each
//! fails, the participation facets on the same participation, the event order.

use super::*;

/// Per-query participation filter: which actors, roles and kinds are selected.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PartFilter {
    /// Known selected actors, ascending.
    actors: Vec<u32>,
    actor_active: bool,
    /// Some selected actor id is not in the dataset.
    unknown_actor: bool,
    role_mask: u8,
    kind_mask: u8,
    /// Some role is selected. Not `role_mask != 0x7f`: selecting every role still
    /// asks for a participation, which an event without any does not have.
    role_active: bool,
    /// Some kind is selected (see `role_active`).
    kind_active: bool,
    all_mode: bool,
}

impl PartFilter {
    fn active(&self) -> bool {
        self.actor_active || self.role_active || self.kind_active
    }

    /// What the selection tells its readers of this filter.
    pub(crate) fn shown(&self) -> Shown {
        Shown {
            actors: self.actor_active.then(|| self.actors.clone()),
            roles: self.role_mask,
            kinds: self.kind_mask,
        }
    }
}

const F_YEAR: u8 = 1;
const F_COUNTRY: u8 = 2;
const F_SERIES: u8 = 4;
const F_THEME: u8 = 8;
const F_STATUS: u8 = 16;
const F_TEXT: u8 = 32;

impl Engine {
    fn part_filter(&self, query: &Query) -> PartFilter {
        let mut f = PartFilter {
            actors: Vec::new(),
            actor_active: !query.actors.is_empty(),
            unknown_actor: false,
            role_mask: 0x7f,
            kind_mask: 0x07,
            role_active: !query.roles.is_empty(),
            kind_active: !query.kinds.is_empty(),
            all_mode: query.actor_mode == ActorMode::All,
        };
        for id in &query.actors {
            match self.actor_ids.get(id) {
                Some(&a) => f.actors.push(a),
                None => f.unknown_actor = true,
            }
        }
        sort_u32(&mut f.actors);
        if !query.roles.is_empty() {
            f.role_mask = query.roles.bits() as u8;
        }
        if !query.kinds.is_empty() {
            f.kind_mask = query.kinds.bits() as u8;
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

    /// Runs a query: matching events, every facet's counts, and the participation
    /// filter that [`Selection::participations`] lists the participations shown with.
    ///
    /// Cost at 1M participations: one pass over the events (dense columns), plus the
    /// events of the selected actors, plus the actor counts over the smaller of the
    /// counted and the uncounted events.
    pub fn query(&self, query: &Query) -> Selection {
        let n_events = self.dataset.events.len();
        let n_actors = self.dataset.actors.len();

        // Event-filter selections, as dense lookups.
        let year_active = query.year_from.is_some() || query.year_to.is_some();
        let (y_from, y_to) = (
            query.year_from.unwrap_or(i32::MIN + 1),
            query.year_to.unwrap_or(i32::MAX),
        );
        // One slot more than values, never selected: where `NONE` (no value) lands.
        let select =
            |interner: &Interner, chosen: &std::collections::BTreeSet<String>| -> Vec<bool> {
                let mut sel = vec![false; interner.values.len() + 1];
                for v in chosen {
                    if let Some(i) = interner.get(v) {
                        sel[i as usize] = true;
                    }
                }
                sel
            };
        let country_sel = select(&self.countries, &query.countries);
        let series_sel = select(&self.series, &query.series);
        let theme_sel = select(&self.themes, &query.themes);
        let status_mask: u8 = if query.statuses.is_empty() {
            0xff
        } else {
            query.statuses.bits() as u8
        };
        // Text search: None = no text filter.
        let hits = if query.q.trim().is_empty() {
            None
        } else {
            // Events' own fields first, then events found through a source's text.
            self.sources.search(self.search_index(), &query.q)
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

        let pf = self.part_filter(query);
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
        // The kinds in a combo's 3-bit groups, ORed (no loop: seven shifts).
        let kinds_of = |x: u32| -> u8 {
            ((x | x >> 3 | x >> 6 | x >> 9 | x >> 12 | x >> 15 | x >> 18) & 7) as u8
        };
        let combo_bits = |combo: u32| -> (bool, u8, u8) {
            let with_kind = combo & kinds_ok;
            let with_role = combo & roles_ok;
            let mut role_bits = 0u8;
            for r in 0..7 {
                role_bits |= u8::from(with_kind >> (r * 3) & 7 != 0) << r;
            }
            (with_kind & with_role != 0, role_bits, kinds_of(with_role))
        };
        let fast = &self.fast;
        // Per event: (a participation passes, roles counted, kinds counted). Without
        // a kind filter every participation's kind is selected, so the roles counted
        // are the event's roles (precomputed), and so are the kinds without a role
        // filter.
        let part_bits = |e: usize| -> (bool, u8, u8) {
            if let Some((pass, roles, kinds)) = &actor_bits {
                (pass[e], roles[e], kinds[e])
            } else if !pf.kind_active {
                let roles = fast.event_roles[e];
                let kinds = kinds_of(self.event_combo[e] & roles_ok);
                (roles & pf.role_mask != 0, roles, kinds)
            } else {
                combo_bits(self.event_combo[e])
            }
        };

        // Year counts as differences over `years` indices: an event adds 1 at its
        // first year and -1 after its last, summed once at the end. Two spare
        // slots past the end take an undated event's (zero) additions.
        let n_years = self.years.len();
        let mut year_diff = vec![0i64; n_years + 3];
        let mut undated_hidden = 0u32;
        let mut undated_included = 0u32;
        // One slot more than values: events without a country (series) count
        // there, so the count is a store, not a branch; the slot is cut off below.
        let mut country_counts = vec![0u32; self.countries.values.len() + 1];
        let mut series_counts = vec![0u32; self.series.values.len() + 1];
        let no_country = self.countries.values.len() as u32;
        let no_series = self.series.values.len() as u32;
        let mut theme_counts = vec![0u32; self.themes.values.len()];
        let mut status_counts = [0u32; 3];
        // Counted events per set of roles (kinds) counted: one increment per event,
        // spread over the roles (kinds) at the end.
        let mut role_sets = [0u32; 128];
        let mut kind_sets = [0u32; 8];
        // Events that pass every event filter (and text): those the actor,
        // role and kind counts are taken over.
        let mut counted = vec![false; n_events];
        let mut n_counted = 0usize;
        let mut pass_event = vec![false; n_events];
        let mut n_pass = 0usize;

        // Branch-free over the data: whether an event counts for a facet is a 0 or
        // 1 weight added to that facet's count, so the cost per event does not
        // depend on how unpredictable the filters make it (at 1M participations a
        // mispredicted branch per event was a third of the pass).
        let any_event_filter = year_active
            || !query.countries.is_empty()
            || !query.series.is_empty()
            || !query.themes.is_empty()
            || !query.statuses.is_empty()
            || text_pass.is_some();
        for e in 0..n_events {
            let (first, last) = (self.event_year_first[e], self.event_year_last[e]);
            let undated = first == NO_YEAR;
            let country = self.event_country[e].min(no_country);
            let series = self.event_series[e].min(no_series);
            let status = self.event_status[e];
            let mut fails = 0u8;
            if any_event_filter {
                if year_active {
                    let out = if undated {
                        !query.undated
                    } else {
                        last < y_from || first > y_to
                    };
                    fails |= F_YEAR * u8::from(out);
                }
                if !query.countries.is_empty() {
                    fails |= F_COUNTRY * u8::from(!country_sel[country as usize]);
                }
                if !query.series.is_empty() {
                    fails |= F_SERIES * u8::from(!series_sel[series as usize]);
                }
                if !query.themes.is_empty() {
                    let any = self
                        .event_themes
                        .row(e)
                        .iter()
                        .any(|&t| theme_sel[t as usize]);
                    fails |= F_THEME * u8::from(!any);
                }
                fails |= F_STATUS * u8::from(status_mask & 1 << status == 0);
                if let Some(pass) = &text_pass {
                    fails |= F_TEXT * u8::from(!pass[e]);
                }
            }
            let (pass_parts, role_bits, kind_bits) = part_bits(e);
            let pass_parts = pass_parts || !parts_active;
            let all = fails == 0;
            counted[e] = all;
            n_counted += usize::from(all);
            role_sets[usize::from(role_bits & 0x7f)] += u32::from(all);
            kind_sets[usize::from(kind_bits & 7)] += u32::from(all);
            // Event-facet counts: all of them when the event passes, else only the
            // facet it fails (weight 0 when it fails two or more, or the
            // participation filter).
            let w = |flag: u8| u32::from(pass_parts && (all || fails == flag));
            let w_year = w(F_YEAR);
            if year_active {
                let und = u32::from(undated);
                undated_hidden += und * u32::from(pass_parts && fails == F_YEAR);
                undated_included += und * u32::from(pass_parts && all);
            }
            let (i, span) = match self.years.binary_search(&first) {
                Ok(y) => (y, (last - first) as usize),
                Err(_) => (n_years + 1, 0), // undated
            };
            year_diff[i] += i64::from(w_year);
            year_diff[i + span + 1] -= i64::from(w_year);
            country_counts[country as usize] += w(F_COUNTRY);
            series_counts[series as usize] += w(F_SERIES);
            let w_theme = w(F_THEME);
            for &t in self.event_themes.row(e) {
                theme_counts[t as usize] += w_theme;
            }
            status_counts[usize::from(status)] += w(F_STATUS);
            let shown = pass_parts && all;
            pass_event[e] = shown;
            n_pass += usize::from(shown);
        }
        country_counts.pop();
        series_counts.pop();
        let mut role_counts = [0u32; 7];
        for (set, &n) in role_sets.iter().enumerate() {
            for (r, count) in role_counts.iter_mut().enumerate() {
                *count += n * (set >> r & 1) as u32;
            }
        }
        let mut kind_counts = [0u32; 3];
        for (set, &n) in kind_sets.iter().enumerate() {
            for (k, count) in kind_counts.iter_mut().enumerate() {
                *count += n * (set >> k & 1) as u32;
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
        // Branch-free: write every event, advance over the matching ones (one
        // spare slot at the end takes the last write).
        let by_order = |order: &[u32]| -> Vec<u32> {
            let mut out = vec![0u32; n_pass + 1];
            let mut k = 0;
            for &e in order {
                out[k] = e;
                k += usize::from(pass_event[e as usize]);
            }
            out.truncate(k);
            out
        };
        let events = match (query.sort, &hits) {
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
            (sort, _) => by_order(match sort {
                EventSort::DateDesc => &self.order_date_desc,
                EventSort::Name => &self.order_name,
                EventSort::Relevance | EventSort::Date => &self.order_date,
            }),
        };

        let mut running = 0i64;
        let year_counts: Vec<u32> = year_diff[..self.years.len()]
            .iter()
            .map(|d| {
                running += d;
                running as u32
            })
            .collect();
        let facets = self.facet_lists(
            query,
            &year_counts,
            &country_counts,
            &series_counts,
            &theme_counts,
            &status_counts,
            &kind_counts,
            &actor_counts,
            &role_counts,
        );
        let shown = pf.shown();
        Selection {
            events,
            parts: ShownParts {
                filter: pf,
                list: Default::default(),
            },
            facets,
            year_domain: self.year_domain(),
            undated_hidden,
            undated_included,
            shown,
        }
    }

    /// The participations of `events` that satisfy the participation facets,
    /// grouped by event in the order of `events`, in dataset order within one.
    pub(crate) fn shown_participations(&self, pf: &PartFilter, events: &[u32]) -> Vec<u32> {
        let one_role = pf.role_active && pf.role_mask.count_ones() == 1;
        let every_kind = !pf.kind_active || pf.kind_mask & 7 == 7;
        let block = if pf.actor_active || !every_kind {
            None
        } else if one_role {
            Some(pf.role_mask.trailing_zeros() as usize)
        } else if !pf.role_active {
            Some(ROLES)
        } else {
            None
        };
        if let Some(block) = block {
            // That block's rows of `fast.role_parts`, in date order, so consecutive
            // matching events are one slice when the events are sorted by date.
            let block = block * self.dataset.events.len();
            let offsets = &self.fast.role_parts.offsets;
            let items = &self.fast.role_parts.items;
            let mut out = Vec::new();
            let (mut from, mut to) = (0usize, 0usize);
            for &e in events {
                let row = block + self.date_rank[e as usize] as usize;
                let (a, b) = (offsets[row] as usize, offsets[row + 1] as usize);
                if a != to {
                    out.extend_from_slice(&items[from..to]);
                    from = a;
                }
                to = b;
            }
            out.extend_from_slice(&items[from..to]);
            return out;
        }
        if !pf.actor_active {
            // A role or kind filter (no participation filter at all took a block
            // above): each event's participations, filtered.
            let ok = |i: usize| {
                let x = self.ep_role_kind[i];
                pf.role_mask & 1 << (x & 7) != 0 && pf.kind_mask & 1 << (x >> 3) != 0
            };
            let mut out = Vec::new();
            for &e in events {
                let range = self.event_parts.range(e as usize);
                out.extend(range.filter(|&i| ok(i)).map(|i| self.event_parts.items[i]));
            }
            return out;
        }
        // With an actor selection, read the selected actors' participations only,
        // then bucket them by the event's position in `events`.
        let mut out = Vec::new();
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
                sort_u32(&mut out[start[i] as usize..start[i + 1] as usize]);
            }
        }
        out
    }
}
