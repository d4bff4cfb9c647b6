//! Rules the app's components used to hold (issue 12), now in the core: an event
//! card's main actors, an actor's roles per event, the sources an event page
//! cites, the un-embed rule, the stale-quote rule, the `data=` parameter, and the
//! role glyph and colour table (checked against the stylesheet).

use std::collections::BTreeSet;

use convene_core::engine::{Engine, MainActors};
use convene_core::enum_set::EnumSet;
use convene_core::load::load;
use convene_core::model::{Role, RoleSet, ROLE_STYLE};
use convene_core::share::{embed_view, full_view};
use convene_core::view::{
    dataset_param, kept_params, with_kept, EmbedPart, Open, QuoteRef, ViewState,
};
use proptest::prelude::*;
use serde_json::json;

use crate::fixtures::{repo, synth_engine, valid};
use crate::strategies::view_in;

/// The fixture with more people at the congress: two participations by Morocco,
/// and a participation whose source the event itself does not list.
fn congress() -> Engine {
    let mut doc = valid();
    doc["sources"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "s2", "title": "Source two"}));
    let parts = doc["participations"].as_array_mut().unwrap();
    parts.push(json!({"event": "wbsc-2017", "actor": "mar", "role": "participant", "source": "s2", "quote": "Morocco too"}));
    parts.push(json!({"event": "wbsc-2017", "actor": "iom", "role": "organizer", "source": "s1", "quote": "IOM organised"}));
    Engine::new(load(&doc.to_string()).expect("fixture loads"))
}

#[test]
fn main_actors_put_hosts_first_name_each_actor_once_and_count_the_rest() {
    let engine = congress();
    let all = engine.main_actors(0, 6);
    assert_eq!(
        all,
        MainActors {
            shown: vec![
                (Role::Host, "Morocco"),
                (Role::Organizer, "International Organization for Migration"),
                (Role::Speaker, "Khalid Zerouali"),
            ],
            more: 0,
        }
    );
    let two = engine.main_actors(0, 2);
    assert_eq!(two.shown, all.shown[..2]);
    assert_eq!(two.more, 1);
    assert_eq!(engine.main_actors(99, 6).shown, []);
}

#[test]
fn an_event_page_cites_its_own_sources_then_those_of_its_participations_once() {
    let engine = congress();
    assert_eq!(engine.event_sources(0), ["s1", "s2"]);
    assert!(engine.event_sources(99).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// The actor page's roles per event, read from the index, equal what the
    /// page used to rebuild from the participations (a linear search per
    /// participation, then a sort by date).
    #[test]
    fn roles_per_event_match_the_participations(size in 0usize..400, seed in 0u64..500) {
        let engine = synth_engine(size, seed);
        let d = engine.dataset();
        for actor in 0..d.actors.len() {
            let mut expected: Vec<(usize, RoleSet)> = Vec::new();
            for &p in engine.actor_participations(actor) {
                let part = &d.participations[p as usize];
                let Some(e) = engine.event_index(&part.event) else { continue };
                match expected.iter_mut().find(|(event, _)| *event == e) {
                    Some((_, roles)) => roles.insert(part.role),
                    None => {
                        let mut roles = RoleSet::EMPTY;
                        roles.insert(part.role);
                        expected.push((e, roles));
                    }
                }
            }
            expected.sort_by_key(|(e, _)| engine.event_date_rank(*e));
            prop_assert_eq!(engine.actor_roles_by_event(actor), expected, "actor {}", actor);
        }
    }

    /// The actor page's evidence per event, grouped in one pass, equals what the
    /// page used to find by scanning the actor's participations for each event
    /// (comparing event ids).
    #[test]
    fn participations_per_event_match_a_scan_per_event(size in 0usize..400, seed in 0u64..500) {
        let engine = synth_engine(size, seed);
        let d = engine.dataset();
        for actor in 0..d.actors.len() {
            let expected: Vec<Vec<u32>> = engine
                .actor_roles_by_event(actor)
                .into_iter()
                .map(|(e, _)| {
                    engine
                        .actor_participations(actor)
                        .iter()
                        .copied()
                        .filter(|&p| d.participations[p as usize].event == d.events[e].id)
                        .collect()
                })
                .collect();
            prop_assert_eq!(engine.actor_participations_by_event(actor), expected, "actor {}", actor);
        }
    }

    /// Main actors: distinct names in (role, name) order, at most `max`, and the
    /// rest counted.
    #[test]
    fn main_actors_are_distinct_ordered_and_counted(size in 1usize..400, seed in 0u64..500, max in 0usize..8) {
        let engine = synth_engine(size, seed);
        let d = engine.dataset();
        for event in 0..d.events.len() {
            let m = engine.main_actors(event, max);
            let names: BTreeSet<&str> = engine
                .event_participations(event)
                .iter()
                .map(|&p| {
                    let a = &d.participations[p as usize].actor;
                    engine.actor_index(a).map_or(a.as_str(), |i| d.actors[i].name.as_str())
                })
                .collect();
            prop_assert!(m.shown.len() <= max);
            prop_assert_eq!(m.shown.len() + m.more, names.len());
            prop_assert!(m.shown.windows(2).all(|w| w[0] < w[1]));
            let shown: BTreeSet<&str> = m.shown.iter().map(|(_, n)| *n).collect();
            prop_assert_eq!(shown.len(), m.shown.len());
        }
    }

    /// Un-embedding drops exactly the embed settings, and embedding then
    /// un-embedding gives the full view back.
    #[test]
    fn full_view_drops_only_the_embed_settings(v in view_in(&synth_engine(200, 3).dataset().clone())) {
        let parts = EnumSet::from([EmbedPart::Header, EmbedPart::Views]);
        let full = full_view(&v);
        prop_assert!(!full.embed);
        prop_assert!(full.embed_parts.is_empty());
        prop_assert_eq!(full.origin.as_deref(), None);
        prop_assert_eq!(&full.query, &v.query);
        prop_assert_eq!((full.view, full.order, full.group), (v.view, v.order, v.group));
        prop_assert_eq!(full_view(&embed_view(&v, &parts)), full.clone());
        prop_assert_eq!(full_view(&full), full);
    }
}

#[test]
fn leaving_a_source_page_drops_its_quote() {
    let quote = QuoteRef::parse("wbsc-2017.mar.host").expect("a quote reference");
    let mut on_source = ViewState {
        open: Some(Open::Source("s1".into())),
        quote: Some(quote.clone()),
        ..ViewState::default()
    };
    on_source.drop_stale_quote();
    assert_eq!(on_source.quote, Some(quote.clone()));
    let mut elsewhere = ViewState {
        open: Some(Open::Event("wbsc-2017".into())),
        quote: Some(quote),
        ..ViewState::default()
    };
    elsewhere.drop_stale_quote();
    assert_eq!(elsewhere.quote, None);
}

#[test]
fn the_data_parameter_is_read_by_the_codec_and_kept_in_links() {
    assert_eq!(dataset_param("view=matrix"), None);
    assert_eq!(dataset_param("data=%20&view=matrix"), None);
    assert_eq!(
        dataset_param("data=https%3A%2F%2Fx.org%2Fd.json&data=second"),
        Some("https://x.org/d.json".into())
    );
    assert_eq!(dataset_param("d%61ta=mine.json"), Some("mine.json".into()));
    assert_eq!(
        kept_params("q=x&data=https%3A%2F%2Fx.org%2Fd.json&view=matrix"),
        "data=https%3A%2F%2Fx.org%2Fd.json"
    );
    assert_eq!(kept_params("q=x"), "");
    assert_eq!(
        with_kept("view=matrix".into(), "data=d.json"),
        "view=matrix&data=d.json"
    );
    assert_eq!(with_kept(String::new(), "data=d.json"), "data=d.json");
    assert_eq!(with_kept("view=matrix".into(), ""), "view=matrix");
    assert_eq!(with_kept(String::new(), ""), "");
}

/// One glyph and colour table, in `Role::ALL` order, each glyph and colour
/// distinct; and the stylesheet's light-theme `--role-*` colours are the table's.
#[test]
fn the_role_table_is_complete_distinct_and_matches_the_stylesheet() {
    let roles: Vec<Role> = ROLE_STYLE.iter().map(|r| r.0).collect();
    assert_eq!(roles, Role::ALL);
    let glyphs: BTreeSet<&str> = Role::ALL.iter().map(|r| r.glyph()).collect();
    let colours: BTreeSet<&str> = Role::ALL.iter().map(|r| r.colour()).collect();
    assert_eq!((glyphs.len(), colours.len()), (7, 7));
    assert_eq!(Role::Host.glyph(), "★");
    let css = std::fs::read_to_string(repo().join("style/main.css")).expect("style/main.css");
    for role in Role::ALL {
        let property = format!("--role-{}:", role.as_str());
        // The first declaration is the light theme's (`:root`).
        let at = css
            .find(&property)
            .unwrap_or_else(|| panic!("{property} not in style/main.css"));
        let value = css[at + property.len()..]
            .split(';')
            .next()
            .unwrap_or("")
            .trim();
        assert_eq!(value, role.colour(), "{property}");
    }
}
