//! Building the index: dense per-event columns, interned facet values, posting
//! lists (compressed sparse rows) and the name and date ranks, once per dataset.

use super::*;

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
    // Ascending by (first, last): i32s ordered as u32s by flipping the sign bit.
    let ordered = |y: i32| u64::from(y as u32 ^ 0x8000_0000);
    sort_by_u64_key(&mut spans, |&(f, l)| ordered(f) << 32 | ordered(l));
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
impl Engine {
    /// Builds the index over `dataset`: everything the first view needs
    /// (facets, posting lists, ranks, source library); the full-text index
    /// waits for its first use, [`Engine::prepare_search`] or the slices of
    /// [`Engine::prepare_search_step`].
    ///
    /// The dataset is expected to be valid (see [`crate::load`]); a participation
    /// whose event or actor id is unknown is left out of the index rather than
    /// causing a panic.
    pub fn new(dataset: Dataset) -> Engine {
        let search = std::sync::OnceLock::new();
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
            // Resolved above: every participation in a posting list has an actor.
            let a = part_actor[p as usize];
            ep_actor.push(a);
            ep_role_kind.push(part_role[p as usize] | actor_kind[a as usize] << 3);
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
        let name_keys: Vec<String> = dataset.actors.iter().map(|a| fold_key(&a.name)).collect();
        let actor_by_name = order_by_cmp(n_actors, &|a, b| {
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
        let by_name = |a: usize, b: usize| event_keys[a].cmp(&event_keys[b]);
        let order_name = order_by_cmp(n_events, &by_name);
        let mut name_rank = vec![0u32; n_events];
        for (rank, &e) in order_name.iter().enumerate() {
            name_rank[e as usize] = rank as u32;
        }
        let start = |e: usize| dataset.events[e].start;
        let by_date = |a: usize, b: usize, newest_first: bool| match (start(a), start(b)) {
            (Some(x), Some(y)) => if newest_first { y.cmp(&x) } else { x.cmp(&y) }
                .then(name_rank[a].cmp(&name_rank[b])),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => name_rank[a].cmp(&name_rank[b]),
        };
        let order_date = order_by_cmp(n_events, &|a, b| by_date(a, b, false));
        let order_date_desc = order_by_cmp(n_events, &|a, b| by_date(a, b, true));
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

        let mut fast = QueryColumns::build(
            &event_parts,
            &ep_role_kind,
            &event_combo,
            &order_date,
            &date_rank,
        );
        fast.actor_by_name = actor_by_name;
        fast.value_orders = [
            label_order(&countries.values, Some(Vec::as_slice(&country_labels))),
            label_order(&series.values, None),
            label_order(&themes.values, None),
        ];

        Engine {
            fast,
            dataset,
            search,
            pending_search: Mutex::new(None),
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
}

/// The interned values in the facet list's tie order: folded label (the value
/// itself without `labels`), then the value.
fn label_order(values: &[Arc<str>], labels: Option<&[Arc<str>]>) -> Vec<u32> {
    let folds: Vec<String> = (0..values.len())
        .map(|i| fold_key(labels.map_or(&values[i], |l| &l[i])))
        .collect();
    order_by_cmp(values.len(), &|a, b| {
        folds[a]
            .cmp(&folds[b])
            .then_with(|| values[a].cmp(&values[b]))
    })
}

impl QueryColumns {
    /// Derives the query pass's columns from the index: linear in events plus
    /// participations (one counting sort for `role_parts`). Reads only columns
    /// already built, each passed by name.
    #[allow(clippy::too_many_arguments)]
    fn build(
        event_parts: &Csr,
        ep_role_kind: &[u8],
        event_combo: &[u32],
        order_date: &[u32],
        date_rank: &[u32],
    ) -> QueryColumns {
        let n_events = event_combo.len();
        // Bit `role * 3 + kind` of a combo -> role bit, and kind bit.
        let event_roles = event_combo
            .iter()
            .map(|&combo| (0..7).fold(0u8, |m, r| m | u8::from(combo >> (r * 3) & 7 != 0) << r))
            .collect();
        // Row `block * n_events + date rank`: one block per role, then one of
        // every participation (block `ROLES`), events in date order.
        // (Collected first: `Csr::build` over a slice of pairs is the copy the
        // other posting lists already use, where a new iterator type would add
        // another to the app's wasm.)
        let n = n_events as u32;
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(2 * event_parts.items.len());
        for &e in order_date {
            let rank = date_rank[e as usize];
            for i in event_parts.range(e as usize) {
                let p = event_parts.items[i];
                let role = u32::from(ep_role_kind[i] & 7);
                pairs.push((role * n + rank, p));
                pairs.push((ROLES as u32 * n + rank, p));
            }
        }
        let role_parts = Csr::build((ROLES + 1) * n_events, pairs.iter().copied());
        drop(pairs);
        QueryColumns {
            actor_by_name: Vec::new(),
            value_orders: Default::default(),
            event_roles,
            role_parts,
        }
    }
}
