//! The query pass: one sweep over the events with a bitmask of the filters each
//! fails, the participation facets on the same participation, the event order.

use super::*;

/// Per-query participation filter: which actors, roles and kinds are selected.
struct PartFilter {
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
        f.actors.sort_unstable();
        if !query.roles.is_empty() {
            f.role_mask = query.roles.iter().fold(0, |m, r| m | r.bit());
        }
        if !query.kinds.is_empty() {
            f.kind_mask = query.kinds.iter().fold(0, |m, k| m | 1 << kind_index(*k));
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
    pub fn query(&self, query: &Query) -> Selection {
        let n_events = self.dataset.events.len();
        let n_actors = self.dataset.actors.len();

        // Event-filter selections, as dense lookups.
        let year_active = query.year_from.is_some() || query.year_to.is_some();
        let (y_from, y_to) = (
            query.year_from.unwrap_or(i32::MIN + 1),
            query.year_to.unwrap_or(i32::MAX),
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
        let country_sel = select(&self.countries, &query.countries);
        let series_sel = select(&self.series, &query.series);
        let theme_sel = select(&self.themes, &query.themes);
        let status_mask: u8 = if query.statuses.is_empty() {
            0xff
        } else {
            query.statuses.iter().fold(0, |m, s| m | 1 << (*s as u8))
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
                    !query.undated
                } else {
                    last < y_from || first > y_to
                })
            {
                fails |= F_YEAR;
            }
            if !query.countries.is_empty() {
                let c = self.event_country[e];
                if c == NONE || !country_sel[c as usize] {
                    fails |= F_COUNTRY;
                }
            }
            if !query.series.is_empty() {
                let s = self.event_series[e];
                if s == NONE || !series_sel[s as usize] {
                    fails |= F_SERIES;
                }
            }
            if !query.themes.is_empty()
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
}
