//! Differential property tests: the engine against a brute-force reference written
//! straight from the rules in `engine.rs`'s module docs (naive loops over the
//! dataset's vectors, no index), on random synthetic datasets and random views.
//! Plus property tests of the matrix orderings and co-participation.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use convene_core::engine::{Engine, Facet, FacetValue, Selection, Shown};
use convene_core::enum_set::EnumSet;
use convene_core::matrix::{build_matrix, co_participants, fold_key, RowOrder};
use convene_core::model::{ActorKind, Dataset, EventStatus, Role, RoleSet};
use convene_core::synth::{generate, SynthParams};
use convene_core::view::{ActorMode, EventSort, ViewState};
use proptest::prelude::*;

use crate::fixtures::view;
use crate::strategies::view_in;

// ---------------------------------------------------------------- reference

/// The set of events the text query lets through; `None` = no text filter.
fn text_filter(engine: &Engine, q: &str) -> Option<(HashSet<u32>, Vec<u32>)> {
    if q.trim().is_empty() {
        return None;
    }
    let r = engine.search_index().search(q)?;
    Some((
        r.hits.iter().map(|h| h.event).collect(),
        r.hits.iter().map(|h| h.event).collect(),
    ))
}

fn kind_of(d: &Dataset, actor: &str) -> Option<ActorKind> {
    d.actors.iter().find(|a| a.id == actor).map(|a| a.kind)
}

/// Does participation `p` satisfy the role and kind selections?
fn role_kind_ok(d: &Dataset, v: &ViewState, p: usize) -> bool {
    let part = &d.participations[p];
    (v.roles.is_empty() || v.roles.contains(&part.role))
        && (v.kinds.is_empty() || kind_of(d, &part.actor).is_some_and(|k| v.kinds.contains(&k)))
}

/// Is participation `p` shown (each participation facet on its own)?
fn part_shown(d: &Dataset, v: &ViewState, p: usize) -> bool {
    role_kind_ok(d, v, p) && (v.actors.is_empty() || v.actors.contains(&d.participations[p].actor))
}

/// The years an event runs in, as the rules say: from its start's year (its end's
/// when it has no start) to its end's year (its start's when it has no end);
/// `None` when it has neither.
fn period_years(ev: &convene_core::model::Event) -> Option<(i32, i32)> {
    let first = ev.start.or(ev.end)?.year;
    let last = ev.end.or(ev.start)?.year;
    Some((first, last))
}

fn matches(d: &Dataset, v: &ViewState, text: &Option<(HashSet<u32>, Vec<u32>)>, e: usize) -> bool {
    let ev = &d.events[e];
    if v.year_from.is_some() || v.year_to.is_some() {
        match period_years(ev) {
            // Undated: hidden by a year filter unless the view asks for them.
            None if !v.undated => return false,
            None => {}
            // The period must overlap the range.
            Some((first, last))
                if v.year_from.is_some_and(|f| last < f)
                    || v.year_to.is_some_and(|t| first > t) =>
            {
                return false;
            }
            Some(_) => {}
        }
    }
    if !v.countries.is_empty() && !ev.country.as_ref().is_some_and(|c| v.countries.contains(c)) {
        return false;
    }
    if !v.series.is_empty() && !ev.series.as_ref().is_some_and(|s| v.series.contains(s)) {
        return false;
    }
    if !v.themes.is_empty() && !ev.themes.iter().any(|t| v.themes.contains(t)) {
        return false;
    }
    if !v.statuses.is_empty() && !v.statuses.contains(&ev.status) {
        return false;
    }
    if let Some((set, _)) = text {
        if !set.contains(&(e as u32)) {
            return false;
        }
    }
    if v.actors.is_empty() && v.roles.is_empty() && v.kinds.is_empty() {
        return true;
    }
    let parts: Vec<usize> = (0..d.participations.len())
        .filter(|&p| d.participations[p].event == ev.id)
        .collect();
    if v.actor_mode == ActorMode::All && !v.actors.is_empty() {
        v.actors.iter().all(|a| {
            parts
                .iter()
                .any(|&p| &d.participations[p].actor == a && role_kind_ok(d, v, p))
        })
    } else {
        parts.iter().any(|&p| part_shown(d, v, p))
    }
}

fn date_key(d: &Dataset, e: u32) -> (bool, Option<convene_core::PartialDate>, String, u32) {
    let ev = &d.events[e as usize];
    (ev.start.is_none(), ev.start, fold_key(&ev.name), e)
}

fn reference_events(engine: &Engine, v: &ViewState) -> Vec<u32> {
    let d = engine.dataset();
    let text = text_filter(engine, &v.q);
    let set: Vec<u32> = (0..d.events.len())
        .filter(|&e| matches(d, v, &text, e))
        .map(|e| e as u32)
        .collect();
    let mut out = set.clone();
    match (v.sort, &text) {
        (EventSort::Relevance, Some((_, order))) => {
            out = order.iter().copied().filter(|e| set.contains(e)).collect();
        }
        (EventSort::Relevance | EventSort::Date, _) => out.sort_by_key(|&e| date_key(d, e)),
        (EventSort::DateDesc, _) => out.sort_by(|&a, &b| {
            let (ka, kb) = (date_key(d, a), date_key(d, b));
            ka.0.cmp(&kb.0)
                .then(kb.1.cmp(&ka.1))
                .then(ka.2.cmp(&kb.2))
                .then(a.cmp(&b))
        }),
        (EventSort::Name, _) => out.sort_by_key(|&e| (fold_key(&d.events[e as usize].name), e)),
    }
    out
}

fn reference_participations(engine: &Engine, v: &ViewState, events: &[u32]) -> Vec<u32> {
    let d = engine.dataset();
    let mut out = Vec::new();
    for &e in events {
        let id = &d.events[e as usize].id;
        for p in 0..d.participations.len() {
            if &d.participations[p].event == id && part_shown(d, v, p) {
                out.push(p as u32);
            }
        }
    }
    out
}

fn count(engine: &Engine, v: &ViewState) -> u32 {
    let d = engine.dataset();
    let text = text_filter(engine, &v.q);
    (0..d.events.len())
        .filter(|&e| matches(d, v, &text, e))
        .count() as u32
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Every facet's values, as the rules define them (count = the view with the
/// facet's selection replaced by the single value).
fn reference_facets(engine: &Engine, v: &ViewState) -> BTreeMap<Facet, Vec<FacetValue>> {
    let d = engine.dataset();
    let mut out = BTreeMap::new();

    let years: BTreeSet<i32> = d
        .events
        .iter()
        .filter_map(period_years)
        .flat_map(|(first, last)| first..=last)
        .collect();
    let bounded = v.year_from.is_some() || v.year_to.is_some();
    out.insert(
        Facet::Year,
        years
            .iter()
            .map(|&y| {
                let mut w = v.clone();
                w.year_from = Some(y);
                w.year_to = Some(y);
                w.undated = false;
                FacetValue {
                    key: y.to_string().into(),
                    label: y.to_string().into(),
                    count: count(engine, &w),
                    selected: bounded
                        && v.year_from.is_none_or(|f| y >= f)
                        && v.year_to.is_none_or(|t| y <= t),
                }
            })
            .collect(),
    );

    let by_count = |mut values: Vec<FacetValue>| {
        values.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(fold_key(&a.label).cmp(&fold_key(&b.label)))
                .then(a.key.cmp(&b.key))
        });
        values
    };
    type Setter = fn(&mut ViewState) -> &mut BTreeSet<String>;
    let string_facets: [(Facet, BTreeSet<String>, Setter); 4] = [
        (
            Facet::Country,
            d.events.iter().filter_map(|e| e.country.clone()).collect(),
            |w| &mut w.countries,
        ),
        (
            Facet::Series,
            d.events.iter().filter_map(|e| e.series.clone()).collect(),
            |w| &mut w.series,
        ),
        (
            Facet::Theme,
            d.events.iter().flat_map(|e| e.themes.clone()).collect(),
            |w| &mut w.themes,
        ),
        (
            Facet::Actor,
            d.actors.iter().map(|a| a.id.clone()).collect(),
            |w| &mut w.actors,
        ),
    ];
    for (facet, present, set) in string_facets {
        let mut chosen = v.clone();
        let selected = set(&mut chosen).clone();
        let keys: BTreeSet<String> = present.union(&selected).cloned().collect();
        let values = keys
            .into_iter()
            .map(|key| {
                let mut w = v.clone();
                *set(&mut w) = BTreeSet::from([key.clone()]);
                let label = match facet {
                    Facet::Country => d
                        .actors
                        .iter()
                        .find(|a| a.kind == ActorKind::Country && a.iso3.as_deref() == Some(&key))
                        .map(|a| a.name.clone())
                        // A host country no actor names: ISO 3166-1's English
                        // name; a selected code no event has: as written.
                        .or_else(|| {
                            present.contains(&key).then(|| {
                                convene_core::import::vocab::all_countries()
                                    .find(|c| c.iso3 == key)
                                    .map(|c| c.english.to_string())
                            })?
                        })
                        .unwrap_or_else(|| key.clone()),
                    Facet::Actor => d
                        .actors
                        .iter()
                        .find(|a| a.id == key)
                        .map_or(key.clone(), |a| a.name.clone()),
                    _ => key.clone(),
                };
                FacetValue {
                    count: count(engine, &w),
                    selected: selected.contains(&key),
                    key: key.into(),
                    label: label.into(),
                }
            })
            .collect();
        out.insert(facet, by_count(values));
    }

    out.insert(
        Facet::Status,
        EventStatus::ALL
            .iter()
            .map(|&s| {
                let mut w = v.clone();
                w.statuses = EnumSet::from([s]);
                FacetValue {
                    key: s.as_str().into(),
                    label: capitalise(s.as_str()).into(),
                    count: count(engine, &w),
                    selected: v.statuses.contains(&s),
                }
            })
            .collect(),
    );
    out.insert(
        Facet::Kind,
        ActorKind::ALL
            .iter()
            .map(|&k| {
                let mut w = v.clone();
                w.kinds = EnumSet::from([k]);
                FacetValue {
                    key: k.as_str().into(),
                    label: capitalise(k.as_str()).into(),
                    count: count(engine, &w),
                    selected: v.kinds.contains(&k),
                }
            })
            .collect(),
    );
    out.insert(
        Facet::Role,
        Role::ALL
            .iter()
            .map(|&r| {
                let mut w = v.clone();
                w.roles = EnumSet::from([r]);
                FacetValue {
                    key: r.as_str().into(),
                    label: capitalise(r.as_str()).into(),
                    count: count(engine, &w),
                    selected: v.roles.contains(&r),
                }
            })
            .collect(),
    );
    out
}

/// A synthetic dataset with dates stretched into periods the generator does not
/// make: events running into the next years (at month and year precision), and
/// events known only by their end.
fn engine_for(size: usize, seed: u64) -> Engine {
    use convene_core::model::PartialDate;
    let mut d = generate(&SynthParams {
        participations: size,
        seed,
    });
    for (i, e) in d.events.iter_mut().enumerate() {
        let Some(start) = e.start else { continue };
        match i % 7 {
            1 => e.end = Some(PartialDate::year(start.year + 1 + (i % 3) as i32)),
            2 => {
                e.end = Some(PartialDate {
                    year: start.year + 1,
                    month: Some(2),
                    day: None,
                })
            }
            3 if i % 2 == 0 => (e.start, e.end) = (None, Some(start)),
            _ => {}
        }
    }
    Engine::new(d)
}

fn facet_map(sel: &Selection) -> BTreeMap<Facet, Vec<FacetValue>> {
    sel.facets
        .iter()
        .map(|f| (f.facet, f.values.clone()))
        .collect()
}

fn check_query(engine: &Engine, v: &ViewState) -> Result<Selection, TestCaseError> {
    let sel = engine.query(v);
    let expected = reference_events(engine, v);
    prop_assert_eq!(&sel.events, &expected, "events for {:?}", v.to_query());
    prop_assert_eq!(
        &sel.participations(engine),
        &reference_participations(engine, v, &expected),
        "participations for {:?}",
        v.to_query()
    );
    let got = facet_map(&sel);
    let want = reference_facets(engine, v);
    for facet in Facet::ALL {
        prop_assert_eq!(
            &got[&facet],
            &want[&facet],
            "facet {:?} for {:?}",
            facet,
            v.to_query()
        );
    }
    let years: Vec<i32> = engine
        .dataset()
        .events
        .iter()
        .filter_map(period_years)
        .flat_map(|(first, last)| [first, last])
        .collect();
    // Undated events a year filter hides, or shows with undated=1.
    let d = engine.dataset();
    let bounded = v.year_from.is_some() || v.year_to.is_some();
    let text = text_filter(engine, &v.q);
    let undated_matching = (0..d.events.len())
        .filter(|&e| period_years(&d.events[e]).is_none())
        .filter(|&e| {
            let mut w = v.clone();
            w.undated = true;
            matches(d, &w, &text, e)
        })
        .count() as u32;
    let (hidden, included) = match (bounded, v.undated) {
        (false, _) => (0, 0),
        (true, false) => (undated_matching, 0),
        (true, true) => (0, undated_matching),
    };
    prop_assert_eq!(
        sel.undated_hidden,
        hidden,
        "undated hidden for {:?}",
        v.to_query()
    );
    prop_assert_eq!(
        sel.undated_included,
        included,
        "undated shown for {:?}",
        v.to_query()
    );
    prop_assert_eq!(
        sel.year_domain,
        years
            .iter()
            .min()
            .zip(years.iter().max())
            .map(|(a, b)| (*a, *b))
    );
    Ok(sel)
}

fn check_matrix(engine: &Engine, sel: &Selection) -> Result<(), TestCaseError> {
    let d = engine.dataset();
    let mut columns = sel.events.clone();
    columns.sort_by_key(|&e| date_key(d, e));
    // Reference cells: (actor, event) -> roles.
    let mut cells: BTreeMap<(u32, u32), RoleSet> = BTreeMap::new();
    for &p in sel.participations(engine) {
        let part = &d.participations[p as usize];
        let a = engine.actor_index(&part.actor).unwrap() as u32;
        let e = engine.event_index(&part.event).unwrap() as u32;
        cells.entry((a, e)).or_default().insert(part.role);
    }
    let actors: BTreeSet<u32> = cells.keys().map(|k| k.0).collect();
    let name_key = |a: u32| {
        (
            fold_key(&d.actors[a as usize].name),
            d.actors[a as usize].id.clone(),
        )
    };
    let mut rows_by_order = Vec::new();
    for order in RowOrder::ALL {
        let m = build_matrix(engine, sel, order);
        // A selection whose filter does not account for its participations is
        // built from the participations themselves: the same matrix.
        let by_hand = Selection {
            shown: Shown::default(),
            ..sel.clone()
        };
        prop_assert_eq!(&build_matrix(engine, &by_hand, order), &m);
        prop_assert_eq!(&m.columns, &columns);
        let rows: BTreeSet<u32> = m.rows.iter().copied().collect();
        prop_assert_eq!(rows.len(), m.rows.len(), "rows are distinct");
        prop_assert_eq!(&rows, &actors, "rows are the actors shown");
        prop_assert_eq!(m.cell_count(), cells.len());
        for (r, &a) in m.rows.iter().enumerate() {
            let mut total = 0;
            for (c, &e) in m.columns.iter().enumerate() {
                let want = cells.get(&(a, e)).copied().unwrap_or_default();
                prop_assert_eq!(m.cell(r, c), want);
                if !want.is_empty() {
                    total += 1;
                    let parts = m.cell_participations(engine, r, c);
                    let mut expected: Vec<u32> = sel
                        .participations(engine)
                        .iter()
                        .copied()
                        .filter(|&p| {
                            let part = &d.participations[p as usize];
                            part.actor == d.actors[a as usize].id
                                && part.event == d.events[e as usize].id
                        })
                        .collect();
                    expected.sort_unstable();
                    prop_assert_eq!(parts, expected);
                }
            }
            prop_assert_eq!(m.row_totals[r], total);
            let drawn: Vec<usize> = m.row_cells(r, 0..m.columns.len()).map(|(c, _)| c).collect();
            prop_assert_eq!(drawn.len() as u32, total);
        }
        for (c, &e) in m.columns.iter().enumerate() {
            let total = actors
                .iter()
                .filter(|&&a| cells.contains_key(&(a, e)))
                .count() as u32;
            prop_assert_eq!(m.column_totals[c], total);
        }
        let mut expected: Vec<u32> = actors.iter().copied().collect();
        let first_col = |a: u32| m.columns.iter().position(|&e| cells.contains_key(&(a, e)));
        let total_of = |a: u32| m.rows.iter().position(|&x| x == a).map(|r| m.row_totals[r]);
        match order {
            RowOrder::Name => expected.sort_by_key(|&a| name_key(a)),
            RowOrder::Events => {
                expected.sort_by_key(|&a| (std::cmp::Reverse(total_of(a)), name_key(a)))
            }
            RowOrder::FirstAppearance => expected.sort_by_key(|&a| (first_col(a), name_key(a))),
            RowOrder::Similarity => expected = m.rows.clone(),
        }
        prop_assert_eq!(&m.rows, &expected, "order {:?}", order);
        if order == RowOrder::Events {
            prop_assert!(m.row_totals.windows(2).all(|w| w[0] >= w[1]));
        }
        rows_by_order.push(m.rows);
    }
    // Similarity is deterministic.
    let again = build_matrix(engine, sel, RowOrder::Similarity);
    prop_assert_eq!(&again.rows, &rows_by_order[3]);
    Ok(())
}

fn check_co_participants(engine: &Engine, actor: usize) -> Result<(), TestCaseError> {
    let d = engine.dataset();
    let id = &d.actors[actor].id;
    let events_of = |a: &str| -> HashSet<&str> {
        d.participations
            .iter()
            .filter(|p| p.actor == a)
            .map(|p| p.event.as_str())
            .collect()
    };
    let mine = events_of(id);
    let mut expected: Vec<(u32, u32)> = d
        .actors
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != actor)
        .map(|(i, a)| {
            (
                i as u32,
                events_of(&a.id).intersection(&mine).count() as u32,
            )
        })
        .filter(|&(_, n)| n > 0)
        .collect();
    expected.sort_by_key(|&(a, n)| {
        (
            std::cmp::Reverse(n),
            fold_key(&d.actors[a as usize].name),
            d.actors[a as usize].id.clone(),
        )
    });
    let got: Vec<(u32, u32)> = co_participants(engine, actor)
        .iter()
        .map(|c| (c.actor, c.shared_events))
        .collect();
    prop_assert_eq!(got, expected);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn engine_matches_reference(
        (size, data_seed, views) in (0usize..300, 0u64..1_000).prop_flat_map(|(size, seed)| {
            let engine = engine_for(size, seed);
            (Just(size), Just(seed), proptest::collection::vec(view_in(engine.dataset()), 3))
        })
    ) {
        let engine = engine_for(size, data_seed);
        for (k, v) in views.iter().enumerate() {
            let sel = check_query(&engine, v)?;
            if k == 0 {
                check_matrix(&engine, &sel)?;
            }
        }
    }

    /// The browser benchmark's toggles (issue 18): one value of one facet on, in
    /// each sort, against the reference, then off again. These take the query
    /// pass's fast paths: one role (participations from the per-role blocks), no
    /// participation facet (the all-participations block), every kind selected
    /// (still no kind filter), theme sets, countries and series without a value.
    #[test]
    fn single_value_toggles_match_reference(
        size in 0usize..400,
        data_seed in 0u64..1_000,
        facet in 0usize..6,
        pick in any::<usize>(),
        sort in 0usize..4,
        every_kind in any::<bool>(),
    ) {
        let engine = engine_for(size, data_seed);
        let d = engine.dataset();
        let sorted = |sort| ViewState {
            query: convene_core::view::Query {
                sort,
                ..Default::default()
            },
            ..ViewState::default()
        };
        let mut v = sorted(EventSort::ALL[sort]);
        match facet {
            0 => v.roles.extend([Role::ALL[pick % Role::ALL.len()]]),
            1 if !d.events.is_empty() => {
                v.themes.extend(d.events[pick % d.events.len()].themes.first().cloned())
            }
            2 if !d.events.is_empty() => {
                v.countries.extend(d.events[pick % d.events.len()].country.clone())
            }
            3 if !d.events.is_empty() => {
                v.series.extend(d.events[pick % d.events.len()].series.clone())
            }
            4 if !d.actors.is_empty() => v.actors.extend([d.actors[pick % d.actors.len()].id.clone()]),
            _ => {}
        }
        if every_kind {
            v.kinds.extend(ActorKind::ALL);
        }
        check_query(&engine, &v)?;
        check_query(&engine, &sorted(v.sort))?;
    }

    #[test]
    fn co_participants_match_reference(size in 1usize..300, data_seed in 0u64..1_000, pick in any::<usize>()) {
        let engine = engine_for(size, data_seed);
        let n = engine.dataset().actors.len();
        check_co_participants(&engine, pick % n)?;
        prop_assert!(co_participants(&engine, n).is_empty());
    }
}

// ---------------------------------------------------------------- hand-built cases

mod fixture {
    use super::*;
    use convene_core::model::{Actor, Event, PartialDate, Participation, Source};

    pub fn actor(id: &str, name: &str, kind: ActorKind, iso3: Option<&str>) -> Actor {
        Actor {
            id: id.into(),
            name: name.into(),
            kind,
            iso3: iso3.map(Into::into),
            acronym: None,
            aliases: vec![],
            title: None,
            affiliation: None,
            extra: Default::default(),
        }
    }

    pub fn event(
        id: &str,
        name: &str,
        start: Option<&str>,
        country: Option<&str>,
        themes: &[&str],
    ) -> Event {
        Event {
            id: id.into(),
            name: name.into(),
            status: EventStatus::Held,
            start: start.map(|s| PartialDate::parse(s).unwrap()),
            end: None,
            city: None,
            country: country.map(Into::into),
            venue: None,
            series: None,
            edition: None,
            themes: themes.iter().map(|t| t.to_string()).collect(),
            summary: String::new(),
            sources: vec!["s".into()],
            extra: Default::default(),
        }
    }

    pub fn part(event: &str, actor: &str, role: Role) -> Participation {
        Participation {
            event: event.into(),
            actor: actor.into(),
            role,
            source: "s".into(),
            quote: Some(format!("{actor} was {} at {event}", role.as_str())),
            extra: Default::default(),
        }
    }

    /// Three events:
    /// - e1 (2016, MAR): mar host, iom speaker, osce participant
    /// - e2 (2017, SEN): mar participant, iom host, iom speaker
    /// - e3 (undated, no country): osce host; jo (person) speaker
    ///
    /// plus an actor (unused) with no participation.
    pub fn dataset() -> Dataset {
        Dataset {
            format: "convene/1".into(),
            title: "fixture".into(),
            description: String::new(),
            version: String::new(),
            license: String::new(),
            sources: vec![Source {
                id: "s".into(),
                title: "Source, \"quoted\"".into(),
                publisher: None,
                published: None,
                language: None,
                url: None,
                seed: None,
                text: None,
                text_url: None,
                extra: Default::default(),
            }],
            actors: vec![
                actor("mar", "Morocco", ActorKind::Country, Some("MAR")),
                actor(
                    "iom",
                    "International Organization for Migration",
                    ActorKind::Organization,
                    None,
                ),
                actor("osce", "OSCE", ActorKind::Organization, None),
                actor("jo", "Jo Ndiaye", ActorKind::Person, None),
                actor("unused", "Ünused", ActorKind::Organization, None),
            ],
            events: vec![
                event(
                    "e1",
                    "Border Forum",
                    Some("2016-05-02"),
                    Some("MAR"),
                    &["migration", "border"],
                ),
                event(
                    "e2",
                    "Sécurité Summit",
                    Some("2017"),
                    Some("SEN"),
                    &["border"],
                ),
                event("e3", "Undated Talk", None, None, &[]),
            ],
            participations: vec![
                part("e1", "mar", Role::Host),
                part("e1", "iom", Role::Speaker),
                part("e1", "osce", Role::Participant),
                part("e2", "mar", Role::Participant),
                part("e2", "iom", Role::Host),
                part("e2", "iom", Role::Speaker),
                part("e3", "osce", Role::Host),
                part("e3", "jo", Role::Speaker),
            ],
            extra: Default::default(),
        }
    }
}

fn fixture_engine() -> Engine {
    Engine::new(fixture::dataset())
}

fn ids(engine: &Engine, events: &[u32]) -> Vec<String> {
    events
        .iter()
        .map(|&e| engine.dataset().events[e as usize].id.clone())
        .collect()
}

fn counts(sel: &Selection, facet: Facet) -> Vec<(String, u32, bool)> {
    sel.facet(facet)
        .unwrap()
        .values
        .iter()
        .map(|v| (v.key.to_string(), v.count, v.selected))
        .collect()
}

fn count_of(sel: &Selection, facet: Facet, key: &str) -> u32 {
    sel.facet(facet)
        .unwrap()
        .values
        .iter()
        .find(|v| &*v.key == key)
        .map(|v| v.count)
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn fixture_agrees_with_reference_on_many_views(v in view_in(&fixture::dataset())) {
        check_query(&fixture_engine(), &v)?;
    }
}

#[test]
fn participation_facets_apply_to_the_same_participation() {
    let engine = fixture_engine();
    // mar hosted e1 and was a participant at e2; iom hosted e2. "mar as host" is e1
    // only, not e2 (where mar participated and someone else hosted).
    let sel = engine.query(&view("actor=mar&role=host"));
    assert_eq!(ids(&engine, &sel.events), ["e1"]);
    // Only mar's host row is shown, not its other participations nor iom's.
    assert_eq!(sel.participations(&engine), [0]);
    // kind=person&role=host: jo spoke, osce hosted; no person hosted anything.
    assert!(engine
        .query(&view("kind=person&role=host"))
        .events
        .is_empty());
}

#[test]
fn all_mode_needs_every_selected_actor() {
    let engine = fixture_engine();
    assert_eq!(
        ids(&engine, &engine.query(&view("actor=mar,osce")).events),
        ["e1", "e2", "e3"]
    );
    assert_eq!(
        ids(
            &engine,
            &engine.query(&view("actor=mar,osce&mode=all")).events
        ),
        ["e1"]
    );
    // Every selected actor in a selected role: mar and iom were both hosts only
    // at different events.
    assert!(engine
        .query(&view("actor=mar,iom&mode=all&role=host"))
        .events
        .is_empty());
    let sel = engine.query(&view("actor=mar,iom&mode=all&role=host,speaker"));
    assert_eq!(ids(&engine, &sel.events), ["e1"]);
    // An actor the dataset lacks can never be present: no events in ALL mode.
    assert!(engine
        .query(&view("actor=mar,zzz&mode=all"))
        .events
        .is_empty());
    // Actor counts in ALL mode are those of each actor alone.
    let sel = engine.query(&view("actor=mar,osce&mode=all"));
    assert_eq!(count_of(&sel, Facet::Actor, "iom"), 2);
    assert_eq!(count_of(&sel, Facet::Actor, "osce"), 2);
    // Role counts: events where every selected actor had that role.
    let sel = engine.query(&view("actor=mar,iom&mode=all"));
    assert_eq!(count_of(&sel, Facet::Role, "host"), 0);
    assert_eq!(count_of(&sel, Facet::Role, "participant"), 0);
    let sel = engine.query(&view("actor=iom&mode=all"));
    assert_eq!(count_of(&sel, Facet::Role, "speaker"), 2);
}

#[test]
fn counts_leave_out_their_own_facet() {
    let engine = fixture_engine();
    let sel = engine.query(&view("country=MAR"));
    assert_eq!(ids(&engine, &sel.events), ["e1"]);
    // Country counts ignore the country selection: SEN still counts its event.
    assert_eq!(
        counts(&sel, Facet::Country),
        [("MAR".into(), 1, true), ("SEN".into(), 1, false)]
    );
    // Other facets are counted within the selection.
    assert_eq!(count_of(&sel, Facet::Theme, "border"), 1);
    assert_eq!(count_of(&sel, Facet::Actor, "iom"), 1);
    // The country label is the country actor's name when one has that code,
    // else ISO 3166-1's English short name (no actor has SEN).
    let labels: Vec<&str> = sel
        .facet(Facet::Country)
        .unwrap()
        .values
        .iter()
        .map(|v| &*v.label)
        .collect();
    assert_eq!(labels, ["Morocco", "Senegal"]);
}

#[test]
fn zero_count_and_absent_selected_values_stay_listed() {
    let engine = fixture_engine();
    let sel = engine.query(&view("country=SEN&actor=zzz"));
    assert!(sel.events.is_empty());
    let actors = counts(&sel, Facet::Actor);
    assert!(actors.contains(&("zzz".into(), 0, true)), "{actors:?}");
    assert!(actors.contains(&("unused".into(), 0, false)), "{actors:?}");
    assert_eq!(actors.len(), engine.dataset().actors.len() + 1);
    assert_eq!(
        counts(&sel, Facet::Status),
        [
            ("held".into(), 0, false),
            ("mentioned".into(), 0, false),
            ("planned".into(), 0, false)
        ]
    );
    assert_eq!(counts(&sel, Facet::Role).len(), 7);
    let sel = engine.query(&view("theme=nothing"));
    assert!(counts(&sel, Facet::Theme).contains(&("nothing".into(), 0, true)));
}

#[test]
fn undated_events_leave_as_soon_as_a_year_bound_is_set() {
    let engine = fixture_engine();
    assert_eq!(engine.query(&view("")).events.len(), 3);
    assert_eq!(
        ids(&engine, &engine.query(&view("years=2000-")).events),
        ["e1", "e2"]
    );
    assert_eq!(
        ids(&engine, &engine.query(&view("years=-2016")).events),
        ["e1"]
    );
    let sel = engine.query(&view("years=2017"));
    assert_eq!(ids(&engine, &sel.events), ["e2"]);
    // Year values are counted with the range left out; undated events count nowhere.
    assert_eq!(
        counts(&sel, Facet::Year),
        [("2016".into(), 1, false), ("2017".into(), 1, true)]
    );
    assert_eq!(sel.year_domain, Some((2016, 2017)));
}

#[test]
fn undated_events_hidden_by_a_year_filter_are_counted_and_can_be_shown() {
    let engine = fixture_engine();
    let sel = engine.query(&view("years=2017"));
    assert_eq!(sel.undated_hidden, 1, "e3 is undated");
    assert_eq!(sel.undated_included, 0);
    let sel = engine.query(&view("years=2017&undated=1"));
    assert_eq!(ids(&engine, &sel.events), ["e2", "e3"]);
    assert_eq!((sel.undated_hidden, sel.undated_included), (0, 1));
    // Undated events still count in no year.
    assert_eq!(
        counts(&sel, Facet::Year),
        [("2016".into(), 1, false), ("2017".into(), 1, true)]
    );
    // Only those matching the other filters are counted as hidden.
    assert_eq!(
        engine.query(&view("years=2017&country=SEN")).undated_hidden,
        0
    );
    // Without a year filter nothing is hidden, and undated=1 changes nothing.
    let all = engine.query(&view(""));
    assert_eq!((all.undated_hidden, all.undated_included), (0, 0));
    assert_eq!(engine.query(&view("undated=1")).events, all.events);
}

/// A dataset of events at the turn of 2016 to 2017, at every precision.
fn new_year_engine() -> Engine {
    use convene_core::model::PartialDate;
    let mut d = fixture::dataset();
    let date = |s: &str| Some(PartialDate::parse(s).unwrap());
    let mut add = |id: &str, start: Option<&str>, end: Option<&str>| {
        let mut e = fixture::event(id, id, None, Some("MAR"), &[]);
        e.start = start.and_then(date);
        e.end = end.and_then(date);
        d.events.push(e);
        d.participations
            .push(fixture::part(id, "mar", Role::Participant));
    };
    add("days", Some("2016-12-30"), Some("2017-01-02"));
    add("months", Some("2016-12"), Some("2017-02"));
    add("years", Some("2015"), Some("2018"));
    add("end-only", None, Some("2017-01-05"));
    add("dec", Some("2016-12"), None);
    Engine::new(d)
}

/// Issue 17: with `years=2017`, events from 2016-12-30 to 2017-01-02 and from
/// 2016-12 to 2017-02 were missing (only the start year was compared).
#[test]
fn years_filter_keeps_events_spanning_new_year() {
    let engine = new_year_engine();
    let mut got = ids(
        &engine,
        &engine.query(&view("years=2017&country=MAR")).events,
    );
    got.sort();
    assert_eq!(got, ["days", "end-only", "months", "years"]);
    let mut got = ids(
        &engine,
        &engine.query(&view("years=2016&country=MAR")).events,
    );
    got.sort();
    assert_eq!(got, ["days", "dec", "e1", "months", "years"]);
    let mut got = ids(
        &engine,
        &engine.query(&view("years=2018-&country=MAR")).events,
    );
    got.sort();
    assert_eq!(got, ["years"]);
    let mut got = ids(
        &engine,
        &engine.query(&view("years=-2015&country=MAR")).events,
    );
    got.sort();
    assert_eq!(got, ["years"]);
}

/// Issue 17: the year facet counted an event only in its start year.
#[test]
fn year_facet_counts_an_event_in_every_year_it_runs() {
    let engine = new_year_engine();
    let sel = engine.query(&view("country=MAR"));
    assert_eq!(
        counts(&sel, Facet::Year),
        [
            ("2015".into(), 1, false),
            ("2016".into(), 5, false),
            ("2017".into(), 4, false),
            ("2018".into(), 1, false)
        ]
    );
    assert_eq!(sel.year_domain, Some((2015, 2018)));
    // A gap year no event runs in is not listed.
    let mut d = fixture::dataset();
    let mut far = fixture::event("far", "far", Some("2020"), None, &[]);
    far.end = Some(convene_core::model::PartialDate::year(2020));
    d.events.push(far);
    let engine = Engine::new(d);
    let years: Vec<String> = counts(&engine.query(&view("")), Facet::Year)
        .into_iter()
        .map(|(y, _, _)| y)
        .collect();
    assert_eq!(years, ["2016", "2017", "2020"]);
}

#[test]
fn sorts_put_undated_last_and_fall_back_to_date() {
    let engine = fixture_engine();
    assert_eq!(
        ids(&engine, &engine.query(&view("sort=date")).events),
        ["e1", "e2", "e3"]
    );
    assert_eq!(
        ids(&engine, &engine.query(&view("sort=date-desc")).events),
        ["e2", "e1", "e3"]
    );
    assert_eq!(
        ids(&engine, &engine.query(&view("sort=name")).events),
        ["e1", "e2", "e3"]
    );
    assert_eq!(
        ids(&engine, &engine.query(&view("sort=relevance")).events),
        ["e1", "e2", "e3"]
    );
}

#[test]
fn text_search_is_one_more_filter() {
    let engine = fixture_engine();
    let sel = engine.query(&view("q=securite"));
    assert_eq!(ids(&engine, &sel.events), ["e2"]);
    // Counts include the text filter.
    assert_eq!(count_of(&sel, Facet::Country, "MAR"), 0);
    assert_eq!(count_of(&sel, Facet::Country, "SEN"), 1);
    // A query with no hits gives no events; a blank one is no filter.
    assert!(engine.query(&view("q=zzqx")).events.is_empty());
    assert_eq!(engine.query(&view("q=%20%20")).events.len(), 3);
}

#[test]
fn matrix_merges_roles_and_co_participants_rank_by_shared_events() {
    let engine = fixture_engine();
    let sel = engine.query(&view(""));
    let m = build_matrix(&engine, &sel, RowOrder::Events);
    let iom = m.rows.iter().position(|&a| a == 1).unwrap();
    let mut both = RoleSet::EMPTY;
    both.insert(Role::Host);
    both.insert(Role::Speaker);
    assert_eq!(m.cell(iom, 1), both);
    assert_eq!(m.cell(iom, 1).describe(), "host, speaker");
    assert_eq!(m.cell_participations(&engine, iom, 1), [4, 5]);
    assert_eq!(m.cell(99, 99), RoleSet::EMPTY);
    let names: Vec<&str> = m
        .rows
        .iter()
        .map(|&a| engine.dataset().actors[a as usize].id.as_str())
        .collect();
    assert_eq!(names, ["iom", "mar", "osce", "jo"]);
    let co: Vec<(u32, u32)> = co_participants(&engine, 0)
        .iter()
        .map(|c| (c.actor, c.shared_events))
        .collect();
    assert_eq!(co, [(1, 2), (2, 1)]);
}

#[test]
fn dangling_ids_do_not_panic() {
    let mut d = fixture::dataset();
    d.participations
        .push(fixture::part("nope", "mar", Role::Host));
    d.participations
        .push(fixture::part("e1", "nobody", Role::Host));
    let engine = Engine::new(d);
    let sel = engine.query(&view("actor=mar"));
    assert_eq!(sel.events.len(), 2);
    let parts = sel.participations(&engine);
    assert!(!parts.contains(&8) && !parts.contains(&9));
    assert!(engine.participation_keys(8).is_none());
    assert!(engine.event_participations(99).is_empty());
}

#[test]
fn synthetic_queries_at_moderate_size() {
    // A size the reference is too slow for: check structural invariants only.
    let engine = engine_for(20_000, 42);
    let all = engine.query(&ViewState::default());
    assert_eq!(all.events.len(), engine.dataset().events.len());
    assert_eq!(all.participations(&engine).len(), 20_000);
    let actors = &all.facet(Facet::Actor).unwrap().values;
    assert!(actors.windows(2).all(|w| w[0].count >= w[1].count));
    let top = actors[0].key.to_string();
    let mut v = ViewState::default();
    v.actors.insert(top.clone());
    let sel = engine.query(&v);
    assert_eq!(sel.events.len() as u32, actors[0].count);
    // The actor filter shows only that actor's participations: a one-row matrix.
    let m = build_matrix(&engine, &sel, RowOrder::Similarity);
    assert_eq!(m.columns.len(), sel.events.len());
    assert_eq!(m.rows, [engine.actor_index(&top).unwrap() as u32]);
    assert_eq!(m.row_totals, [actors[0].count]);
    let whole = build_matrix(&engine, &all, RowOrder::Similarity);
    let mut rows = whole.rows.clone();
    rows.sort_unstable();
    rows.dedup();
    assert_eq!(rows.len(), whole.rows.len());
    let co = co_participants(&engine, engine.actor_index(&top).unwrap());
    let shared: HashMap<u32, u32> = co.iter().map(|c| (c.actor, c.shared_events)).collect();
    assert!(co
        .windows(2)
        .all(|w| w[0].shared_events >= w[1].shared_events));
    assert!(shared.values().all(|&n| n <= actors[0].count));
}

#[test]
fn a_host_country_is_labelled_by_its_country_actor_else_by_its_iso_name_else_by_its_code() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/seed.json"
    ))
    .expect("seed dataset");
    let engine = Engine::new(convene_core::load::load(&text).expect("seed loads"));
    assert_eq!(engine.country_label("EGY"), "Egypt");
    assert_eq!(engine.country_label("MAR"), "Morocco");
    // No event is held in Senegal (not a facet value), and a code that is no
    // ISO 3166-1 country stays as written.
    assert_eq!(engine.country_label("SEN"), "SEN");
    assert_eq!(engine.country_label("XYZ"), "XYZ");
}

#[test]
fn participations_are_listed_on_first_use_and_do_not_change_equality() {
    // The list is made on the first call (the events view never asks for it) and
    // kept; a selection whose list was made equals one whose list was not.
    let engine = engine_for(2_000, 7);
    let d = engine.dataset();
    let (actor, theme) = (&d.actors[3].id, &d.events[0].themes[0]);
    let queries = [
        String::new(),
        "role=host".into(),
        "kind=country".into(),
        format!("actor={actor}&role=participant"),
        format!("theme={theme}"),
    ];
    for q in &queries {
        let v = view(q);
        let (listed, fresh) = (engine.query(&v), engine.query(&v));
        let parts = listed.participations(&engine).to_vec();
        assert_eq!(listed, fresh, "{q}");
        assert_eq!(listed.participations(&engine), parts, "{q}: kept");
        assert_eq!(
            fresh.participations(&engine),
            parts,
            "{q}: listed later, the same"
        );
        assert!(parts
            .iter()
            .all(|&p| (p as usize) < engine.dataset().participations.len()));
    }
    // Another participation filter is another selection, even with the same events.
    assert_ne!(
        engine.query(&view("")),
        engine.query(&view(
            "role=host,participant,organizer,supporter,chair,speaker,observer"
        ))
    );
}
