//! The co-participation network against a brute-force projection, the
//! ForceAtlas2 layout (determinism, stability, no NaN), and the GEXF / GraphML /
//! SVG exports parsed back with a real XML parser (`roxmltree`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use convene_core::engine::{Engine, Selection};
use convene_core::layout::{
    force_atlas2, relative_displacement, Fa2Settings, LayoutInput, BARNES_HUT_FROM,
};
use convene_core::model::{ActorKind, Dataset, Role};
use convene_core::network::{
    build_network, network_gexf, network_graphml, network_svg, two_mode_gexf, two_mode_graphml,
    Network, NetworkOptions,
};
use convene_core::synth::{generate, SynthParams};
use convene_core::view::ViewState;
use proptest::prelude::*;

use crate::fixtures::{synth_engine as engine_for, view};

/// Per actor: the set of events where it has a shown participation, straight
/// from the selection's participations (no index, no matrix).
fn brute_events(engine: &Engine, sel: &Selection) -> BTreeMap<u32, BTreeSet<u32>> {
    let d = engine.dataset();
    let actor_ix: HashMap<&str, u32> = d
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i as u32))
        .collect();
    let event_ix: HashMap<&str, u32> = d
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i as u32))
        .collect();
    let mut out: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
    for &p in sel.participations(engine) {
        let part = &d.participations[p as usize];
        out.entry(actor_ix[part.actor.as_str()])
            .or_default()
            .insert(event_ix[part.event.as_str()]);
    }
    out
}

fn fold(engine: &Engine, actor: u32) -> (String, String) {
    let a = &engine.dataset().actors[actor as usize];
    (convene_core::matrix::fold_key(&a.name), a.id.clone())
}

/// Checks every rule of `network.rs`'s module docs against a brute-force count.
fn check_network(
    engine: &Engine,
    sel: &Selection,
    options: NetworkOptions,
) -> Result<Network, TestCaseError> {
    let net = build_network(engine, sel, options);
    let events = brute_events(engine, sel);
    // Nodes: the `top` actors with most events, ties by name.
    let mut ranked: Vec<(u32, u32)> = events.iter().map(|(&a, e)| (a, e.len() as u32)).collect();
    ranked.sort_by(|x, y| {
        y.1.cmp(&x.1)
            .then_with(|| fold(engine, x.0).cmp(&fold(engine, y.0)))
    });
    let top = options.top.max(1) as usize;
    let kept: Vec<(u32, u32)> = ranked.iter().copied().take(top).collect();
    let got: Vec<(u32, u32)> = net.nodes.iter().map(|n| (n.actor, n.events)).collect();
    prop_assert_eq!(&got, &kept);
    prop_assert_eq!(net.left_out as usize, ranked.len() - kept.len());
    for n in &net.nodes {
        prop_assert_eq!(n.kind, engine.dataset().actors[n.actor as usize].kind);
    }
    // Edges: every pair of kept actors sharing at least `min` events.
    let min = options.min_weight.max(1);
    let mut expected: BTreeMap<(u32, u32), u32> = BTreeMap::new();
    let mut below = 0;
    for (i, &(a, _)) in kept.iter().enumerate() {
        for &(b, _) in &kept[i + 1..] {
            let w = events[&a].intersection(&events[&b]).count() as u32;
            if w >= min {
                expected.insert((a.min(b), a.max(b)), w);
            } else if w > 0 {
                below += 1;
            }
        }
    }
    let mut got: BTreeMap<(u32, u32), u32> = BTreeMap::new();
    for e in &net.edges {
        let (a, b) = (net.nodes[e.a as usize].actor, net.nodes[e.b as usize].actor);
        prop_assert!(
            fold(engine, a) <= fold(engine, b),
            "edge ends in name order"
        );
        prop_assert!(got.insert((a.min(b), a.max(b)), e.weight).is_none());
        // Shared events are exactly the intersection.
        let shared: BTreeSet<u32> = net
            .shared_events(e.a as usize, e.b as usize)
            .into_iter()
            .collect();
        let both: BTreeSet<u32> = events[&a].intersection(&events[&b]).copied().collect();
        prop_assert_eq!(shared, both);
    }
    prop_assert_eq!(&got, &expected);
    prop_assert_eq!(net.below_min, below);
    // Strongest links order.
    for w in net.edges.windows(2) {
        let key = |e: &convene_core::network::NetworkEdge| {
            (
                std::cmp::Reverse(e.weight),
                fold(engine, net.nodes[e.a as usize].actor),
                fold(engine, net.nodes[e.b as usize].actor),
            )
        };
        prop_assert!(key(&w[0]) <= key(&w[1]));
    }
    // Each node's links: its edges, strongest first, then by name.
    for i in 0..net.nodes.len() {
        let links: Vec<_> = net.links(i).collect();
        prop_assert_eq!(links.len(), net.degree(i));
        let mine = net
            .edges
            .iter()
            .filter(|e| e.a as usize == i || e.b as usize == i)
            .count();
        prop_assert_eq!(links.len(), mine);
        for w in links.windows(2) {
            let key = |l: &convene_core::network::Link| {
                (
                    std::cmp::Reverse(l.weight),
                    fold(engine, net.nodes[l.node as usize].actor),
                )
            };
            prop_assert!(key(&w[0]) <= key(&w[1]));
        }
    }
    Ok(net)
}

const QUERIES: [&str; 8] = [
    "",
    "role=host,organizer",
    "kind=country",
    "kind=organization,person&role=participant",
    "years=2010-2016",
    "status=held&role=speaker",
    "mode=all",
    "view=network",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn edge_weights_equal_a_brute_force_count(
        size in 20usize..700,
        seed in 0u64..1000,
        query in 0usize..QUERIES.len(),
        top in prop_oneof![1u32..8, 8u32..200, Just(1000u32)],
        min_weight in prop_oneof![Just(1u32), 1u32..5],
    ) {
        let engine = engine_for(size, seed);
        let sel = engine.query(&view(QUERIES[query]));
        check_network(&engine, &sel, NetworkOptions { top, min_weight })?;
    }

    #[test]
    fn with_an_actor_selection_too(size in 50usize..400, seed in 0u64..1000, pick in 0usize..5) {
        let engine = engine_for(size, seed);
        let all = engine.query(&ViewState::default());
        let ids: Vec<String> = all
            .facet(convene_core::engine::Facet::Actor)
            .into_iter()
            .flat_map(|f| f.values.iter().skip(pick).take(3).map(|v| v.key.to_string()))
            .collect();
        let mut v = ViewState::default();
        v.actors.extend(ids);
        let sel = engine.query(&v);
        check_network(&engine, &sel, NetworkOptions::default())?;
    }
}

#[test]
fn a_hand_counted_projection() {
    // e1: a b c; e2: a b; e3: c (host) and a (observer).
    let mut d = generate(&SynthParams {
        participations: 60,
        seed: 1,
    });
    d.participations.clear();
    let actors: Vec<String> = d.actors.iter().take(3).map(|a| a.id.clone()).collect();
    let events: Vec<String> = d.events.iter().take(3).map(|e| e.id.clone()).collect();
    let source = d.sources[0].id.clone();
    let mut add = |e: usize, a: usize, role: Role| {
        d.participations.push(convene_core::model::Participation {
            event: events[e].clone(),
            actor: actors[a].clone(),
            role,
            source: source.clone(),
            quote: Some(format!("{} at {}", actors[a], events[e])),
            extra: Default::default(),
        })
    };
    add(0, 0, Role::Host);
    add(0, 0, Role::Speaker); // two roles at one event count once
    add(0, 1, Role::Participant);
    add(0, 2, Role::Participant);
    add(1, 0, Role::Participant);
    add(1, 1, Role::Participant);
    add(2, 2, Role::Host);
    add(2, 0, Role::Observer);
    let engine = Engine::new(d);
    let weight = |net: &Network, x: usize, y: usize| {
        let (ax, ay) = (x as u32, y as u32);
        net.edges
            .iter()
            .find(|e| {
                let pair = (net.nodes[e.a as usize].actor, net.nodes[e.b as usize].actor);
                pair == (ax, ay) || pair == (ay, ax)
            })
            .map(|e| e.weight)
    };
    let sel = engine.query(&ViewState::default());
    let net = build_network(&engine, &sel, NetworkOptions::default());
    assert_eq!(net.nodes.len(), 3);
    assert_eq!(weight(&net, 0, 1), Some(2));
    assert_eq!(weight(&net, 0, 2), Some(2));
    assert_eq!(weight(&net, 1, 2), Some(1));
    assert_eq!(net.nodes[0].actor, 0);
    assert_eq!(net.nodes[0].events, 3);
    // Under a role filter, only the participants' shared events count.
    let sel = engine.query(&view("role=participant"));
    let net = build_network(&engine, &sel, NetworkOptions::default());
    assert_eq!(weight(&net, 0, 1), Some(1));
    assert_eq!(weight(&net, 1, 2), Some(1));
    assert_eq!(weight(&net, 0, 2), None);
    // min=2 keeps only the strong links; nodes stay.
    let sel = engine.query(&ViewState::default());
    let net = build_network(
        &engine,
        &sel,
        NetworkOptions {
            top: 150,
            min_weight: 2,
        },
    );
    assert_eq!(net.edges.len(), 2);
    assert_eq!(net.below_min, 1);
    assert_eq!(net.nodes.len(), 3);
    // top=1 keeps the actor with most events and reports the others.
    let net = build_network(
        &engine,
        &sel,
        NetworkOptions {
            top: 1,
            min_weight: 1,
        },
    );
    assert_eq!(net.nodes.len(), 1);
    assert_eq!(net.left_out, 2);
    assert!(net.edges.is_empty());
    assert_eq!(
        net.left_out_note().as_deref(),
        Some("Showing the 1 actor with most events; 2 more are left out.")
    );
}

// ---------------------------------------------------------------- layout

fn graph_of(net: &Network, engine: &Engine) -> (Vec<String>, Vec<(u32, u32, f64)>) {
    let input = net.layout_input(engine);
    (
        input.ids.iter().map(|id| id.to_string()).collect(),
        input.edges,
    )
}

fn lay_out(
    ids: &[String],
    edges: &[(u32, u32, f64)],
    previous: &dyn Fn(&str) -> Option<[f64; 2]>,
    settings: &Fa2Settings,
) -> Vec<[f64; 2]> {
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    force_atlas2(
        &LayoutInput {
            ids,
            edges: edges.to_vec(),
        },
        previous,
        settings,
    )
}

fn none(_: &str) -> Option<[f64; 2]> {
    None
}

fn assert_finite(pos: &[[f64; 2]]) {
    for p in pos {
        assert!(p[0].is_finite() && p[1].is_finite(), "{pos:?}");
    }
}

#[test]
fn layout_is_deterministic() {
    for (size, top) in [(8000, 150), (40_000, 400)] {
        let engine = engine_for(size, 7);
        let sel = engine.query(&ViewState::default());
        let net = build_network(&engine, &sel, NetworkOptions { top, min_weight: 1 });
        let (ids, edges) = graph_of(&net, &engine);
        let settings = Fa2Settings::for_nodes(ids.len());
        let a = lay_out(&ids, &edges, &none, &settings);
        let b = lay_out(&ids, &edges, &none, &settings);
        let bits = |p: &[[f64; 2]]| -> Vec<(u64, u64)> {
            p.iter().map(|q| (q[0].to_bits(), q[1].to_bits())).collect()
        };
        assert_eq!(bits(&a), bits(&b));
        assert_finite(&a);
        // Shuffling nothing but the edge list's order changes the sums' order, so
        // determinism is for the same input, which the network always gives.
    }
}

#[test]
fn one_more_edge_does_not_make_the_picture_jump() {
    // Synthetic data has one actor per 100 participations: 24, 80 and 350 nodes
    // (the last above BARNES_HUT_FROM).
    for (size, top) in [(1500, 120), (8000, 350), (40_000, 350)] {
        let engine = engine_for(size, 11);
        let sel = engine.query(&ViewState::default());
        let net = build_network(&engine, &sel, NetworkOptions { top, min_weight: 1 });
        let (ids, mut edges) = graph_of(&net, &engine);
        // The picture without one link (the weakest, between two small nodes),
        // then with it: one extra edge.
        let extra = edges.pop().expect("an edge");
        let settings = Fa2Settings::for_nodes(ids.len());
        let before = lay_out(&ids, &edges, &none, &settings);
        edges.push(extra);
        let previous: HashMap<&str, [f64; 2]> = ids
            .iter()
            .map(String::as_str)
            .zip(before.iter().copied())
            .collect();
        let prev = |id: &str| previous.get(id).copied();
        let after = lay_out(&ids, &edges, &prev, &settings.continued());
        assert_finite(&after);
        let moved = relative_displacement(&before, &after);
        // A fresh layout of the changed graph, for comparison: it lands elsewhere.
        let fresh = lay_out(&ids, &edges, &none, &settings);
        let fresh_moved = relative_displacement(&before, &fresh);
        eprintln!(
            "{} nodes: continued {moved:.4}, fresh {fresh_moved:.4}",
            ids.len()
        );
        assert!(moved < 0.05, "mean displacement {moved} of the extent");
        assert!(
            moved < fresh_moved,
            "continuing moved more than starting afresh"
        );
    }
}

#[test]
fn no_nan_for_degenerate_graphs() {
    let settings = Fa2Settings::for_nodes(3);
    // No nodes, one node, isolated nodes, a self-loop, an out-of-range edge.
    assert!(lay_out(&[], &[], &none, &settings).is_empty());
    assert_finite(&lay_out(&["a".into()], &[], &none, &settings));
    let ids: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
    assert_finite(&lay_out(
        &ids,
        &[(0, 0, 1.0), (1, 9, 1.0)],
        &none,
        &settings,
    ));
    // Every node starting at the same previous position, connected or not.
    let same = |_: &str| Some([5.0, 5.0]);
    let pos = lay_out(&ids, &[(0, 1, 3.0)], &same, &settings);
    assert_finite(&pos);
    for i in 0..4 {
        for j in i + 1..4 {
            assert!(pos[i] != pos[j], "{pos:?}");
        }
    }
    // Previous positions that are not numbers are ignored.
    let bad = |_: &str| Some([f64::NAN, f64::INFINITY]);
    assert_finite(&lay_out(&ids, &[], &bad, &settings));
    // Barnes–Hut with many coinciding bodies.
    let many: Vec<String> = (0..BARNES_HUT_FROM + 50).map(|i| format!("n{i}")).collect();
    let edges: Vec<(u32, u32, f64)> = (1..many.len() as u32).map(|i| (0, i, 1.0)).collect();
    let pos = lay_out(
        &many,
        &edges,
        &|id: &str| id.len().is_multiple_of(2).then_some([1.0, 1.0]),
        &Fa2Settings::for_nodes(many.len()),
    );
    assert_finite(&pos);
}

#[test]
fn barnes_hut_pulls_communities_apart() {
    // Two cliques joined by one edge: each clique's members end nearer each
    // other than the other clique's (exact and approximate repulsion alike).
    for k in [20usize, 200] {
        let ids: Vec<String> = (0..2 * k).map(|i| format!("actor-{i}")).collect();
        let mut edges = Vec::new();
        for c in 0..2 {
            for i in 0..k {
                for j in i + 1..k.min(i + 8) {
                    edges.push(((c * k + i) as u32, (c * k + j) as u32, 1.0));
                }
            }
        }
        edges.push((0, k as u32, 1.0));
        let pos = lay_out(&ids, &edges, &none, &Fa2Settings::for_nodes(2 * k));
        assert_finite(&pos);
        let centre = |c: usize| {
            let s = pos[c * k..(c + 1) * k]
                .iter()
                .fold([0.0, 0.0], |a, p| [a[0] + p[0], a[1] + p[1]]);
            [s[0] / k as f64, s[1] / k as f64]
        };
        let (c0, c1) = (centre(0), centre(1));
        let dist =
            |p: [f64; 2], q: [f64; 2]| ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt();
        let own = (0..k)
            .filter(|&i| dist(pos[i], c0) < dist(pos[i], c1))
            .count();
        assert!(
            own * 10 >= k * 9,
            "{k}: {own} of {k} nearer their own clique"
        );
    }
}

// ---------------------------------------------------------------- exports

fn parse(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"))
}

fn elements<'a>(
    doc: &'a roxmltree::Document<'a>,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'a>> + 'a {
    doc.descendants()
        .filter(move |n| n.is_element() && n.tag_name().name() == name)
}

fn attvalue(node: roxmltree::Node<'_, '_>, key: &str) -> Option<String> {
    node.descendants()
        .find(|n| n.tag_name().name() == "attvalue" && n.attribute("for") == Some(key))
        .and_then(|n| n.attribute("value").map(str::to_string))
}

fn data(node: roxmltree::Node<'_, '_>, key: &str) -> Option<String> {
    node.children()
        .find(|n| n.tag_name().name() == "data" && n.attribute("key") == Some(key))
        .map(|n| n.text().unwrap_or("").to_string())
}

/// XML 1.0 drops nothing but the characters it forbids.
fn xml_clean(text: &str) -> String {
    text.chars()
        .filter(|&c| convene_core::xml::is_xml_char(c))
        .collect()
}

fn check_exports(engine: &Engine, sel: &Selection, net: &Network) {
    let d = engine.dataset();
    let id_of = |n: u32| {
        format!(
            "actor:{}",
            d.actors[net.nodes[n as usize].actor as usize].id
        )
    };
    let expected_edges: BTreeMap<(String, String), u32> = net
        .edges
        .iter()
        .map(|e| ((id_of(e.a), id_of(e.b)), e.weight))
        .collect();
    let positions: Vec<[f64; 2]> = (0..net.nodes.len())
        .map(|i| [i as f64, -(i as f64)])
        .collect();
    // GEXF 1.3.
    let gexf = network_gexf(engine, net, Some(&positions));
    let doc = parse(&gexf);
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://gexf.net/1.3")
    );
    assert_eq!(doc.root_element().attribute("version"), Some("1.3"));
    let graph = elements(&doc, "graph").next().expect("graph");
    assert_eq!(graph.attribute("defaultedgetype"), Some("undirected"));
    let nodes: Vec<_> = elements(&doc, "node").collect();
    assert_eq!(nodes.len(), net.nodes.len());
    for (node, n) in nodes.iter().zip(&net.nodes) {
        let actor = &d.actors[n.actor as usize];
        assert_eq!(
            node.attribute("id"),
            Some(format!("actor:{}", xml_clean(&actor.id)).as_str())
        );
        assert_eq!(
            node.attribute("label"),
            Some(xml_clean(&actor.name).as_str())
        );
        assert_eq!(attvalue(*node, "kind").as_deref(), Some(n.kind.as_str()));
        assert_eq!(attvalue(*node, "events"), Some(n.events.to_string()));
    }
    let got: BTreeMap<(String, String), u32> = elements(&doc, "edge")
        .map(|e| {
            (
                (
                    e.attribute("source").unwrap_or("").to_string(),
                    e.attribute("target").unwrap_or("").to_string(),
                ),
                e.attribute("weight")
                    .and_then(|w| w.parse().ok())
                    .unwrap_or(0),
            )
        })
        .collect();
    let clean_keys = |m: &BTreeMap<(String, String), u32>| -> BTreeMap<(String, String), u32> {
        m.iter()
            .map(|((a, b), w)| ((xml_clean(a), xml_clean(b)), *w))
            .collect()
    };
    assert_eq!(got, clean_keys(&expected_edges));
    assert_eq!(elements(&doc, "position").count(), net.nodes.len());
    // GraphML.
    let graphml = network_graphml(engine, net);
    let doc = parse(&graphml);
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://graphml.graphdrawing.org/xmlns")
    );
    let nodes: Vec<_> = elements(&doc, "node").collect();
    assert_eq!(nodes.len(), net.nodes.len());
    for (node, n) in nodes.iter().zip(&net.nodes) {
        let actor = &d.actors[n.actor as usize];
        assert_eq!(data(*node, "label"), Some(xml_clean(&actor.name)));
        assert_eq!(data(*node, "kind").as_deref(), Some(n.kind.as_str()));
    }
    let got: BTreeMap<(String, String), u32> = elements(&doc, "edge")
        .map(|e| {
            (
                (
                    e.attribute("source").unwrap_or("").to_string(),
                    e.attribute("target").unwrap_or("").to_string(),
                ),
                data(e, "weight").and_then(|w| w.parse().ok()).unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(got, clean_keys(&expected_edges));
    // Two-mode: a node per actor and event of the selection, an edge per participation.
    let actors: BTreeSet<&str> = sel
        .participations(engine)
        .iter()
        .map(|&p| d.participations[p as usize].actor.as_str())
        .collect();
    let events: BTreeSet<&str> = sel
        .participations(engine)
        .iter()
        .map(|&p| d.participations[p as usize].event.as_str())
        .collect();
    let expected: Vec<(String, String, String, String, String)> = sel
        .participations(engine)
        .iter()
        .map(|&p| {
            let part = &d.participations[p as usize];
            (
                xml_clean(&format!("actor:{}", part.actor)),
                xml_clean(&format!("event:{}", part.event)),
                part.role.as_str().to_string(),
                xml_clean(&part.source),
                xml_clean(part.quote.as_deref().unwrap_or_default()),
            )
        })
        .collect();
    for (xml, gexf) in [
        (two_mode_gexf(engine, sel), true),
        (two_mode_graphml(engine, sel), false),
    ] {
        let doc = parse(&xml);
        let get = |n: roxmltree::Node<'_, '_>, key: &str| {
            if gexf {
                attvalue(n, key)
            } else {
                data(n, key)
            }
        };
        let nodes: Vec<_> = elements(&doc, "node").collect();
        assert_eq!(nodes.len(), actors.len() + events.len());
        let event_nodes = nodes
            .iter()
            .filter(|n| get(**n, "kind").as_deref() == Some("event"))
            .count();
        assert_eq!(event_nodes, events.len());
        for n in &nodes {
            let kind = get(*n, "kind").unwrap_or_default();
            assert!(
                kind == "event" || ActorKind::parse(&kind).is_some(),
                "kind {kind}"
            );
        }
        let got: Vec<(String, String, String, String, String)> = elements(&doc, "edge")
            .map(|e| {
                (
                    e.attribute("source").unwrap_or("").to_string(),
                    e.attribute("target").unwrap_or("").to_string(),
                    get(e, "role").unwrap_or_default(),
                    get(e, "source").unwrap_or_default(),
                    get(e, "quote").unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(got, expected);
    }
    // The picture.
    let svg = network_svg(engine, net, &positions, &d.title, 900.0, 700.0);
    let doc = parse(&svg);
    let titles = elements(&doc, "path")
        .filter(|p| p.children().any(|c| c.tag_name().name() == "title"))
        .count();
    assert_eq!(titles, net.nodes.len());
    assert_eq!(elements(&doc, "line").count(), net.drawn_edges().len());
}

#[test]
fn exports_parse_back_and_match_the_selection() {
    for (size, query) in [
        (0, ""),
        (300, ""),
        (900, "role=host,participant&kind=country,organization"),
    ] {
        let engine = engine_for(size, 5);
        let sel = engine.query(&view(query));
        let net = build_network(
            &engine,
            &sel,
            NetworkOptions {
                top: 40,
                min_weight: 1,
            },
        );
        check_exports(&engine, &sel, &net);
    }
}

fn with_names(mut d: Dataset, names: &[String]) -> Dataset {
    let k = names.len();
    for (i, a) in d.actors.iter_mut().enumerate() {
        a.name = names[i % k].clone();
    }
    for (i, e) in d.events.iter_mut().enumerate() {
        e.name = names[(i + 1) % k].clone();
    }
    for (i, p) in d.participations.iter_mut().enumerate() {
        p.quote = Some(names[(i + 2) % k].clone());
    }
    // An actor id and an event id that need escaping, and the same slug for both.
    if let (Some(a), Some(e)) = (d.actors.first().map(|a| a.id.clone()), d.events.first_mut()) {
        let old = std::mem::replace(&mut e.id, a);
        let new = e.id.clone();
        for p in d.participations.iter_mut().filter(|p| p.event == old) {
            p.event = new.clone();
        }
    }
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn exports_survive_any_unicode_text(
        names in proptest::collection::vec(
            prop_oneof![any::<String>(), "[<>&\"' \t\r\n\u{0}-\u{1f}é😀\u{fffe}\u{ffff}]{0,12}"],
            1..6,
        ),
        seed in 0u64..100,
    ) {
        let d = with_names(generate(&SynthParams { participations: 120, seed }), &names);
        let engine = Engine::new(d);
        let sel = engine.query(&ViewState::default());
        let net = build_network(&engine, &sel, NetworkOptions { top: 30, min_weight: 1 });
        check_exports(&engine, &sel, &net);
    }
}

#[test]
fn the_matrix_of_a_pair_shows_their_shared_events() {
    let engine = engine_for(3000, 9);
    for query in [
        "",
        "role=participant",
        "kind=country,organization&years=2005-2020",
    ] {
        let v = view(query);
        let sel = engine.query(&v);
        let net = build_network(&engine, &sel, NetworkOptions::default());
        for e in net.edges.iter().take(10) {
            let id = |n: u32| {
                engine.dataset().actors[net.nodes[n as usize].actor as usize]
                    .id
                    .clone()
            };
            let pair = convene_core::network::matrix_of_pair(&v, &id(e.a), &id(e.b));
            assert_eq!(pair.view, convene_core::view::ViewKind::Matrix);
            let both = engine.query(&pair);
            let matrix = convene_core::matrix::build_matrix(&engine, &both, Default::default());
            assert_eq!(matrix.columns.len() as u32, e.weight, "{query}");
            let mut shared = net.shared_events(e.a as usize, e.b as usize);
            let mut columns = matrix.columns.clone();
            shared.sort_unstable();
            columns.sort_unstable();
            assert_eq!(shared, columns);
        }
    }
}

#[test]
fn arrow_keys_move_to_the_neighbour_that_way() {
    use convene_core::network::Direction;
    let engine = engine_for(2000, 4);
    let sel = engine.query(&ViewState::default());
    let net = build_network(&engine, &sel, NetworkOptions::default());
    let (ids, edges) = graph_of(&net, &engine);
    let pos = lay_out(&ids, &edges, &none, &Fa2Settings::for_nodes(ids.len()));
    for node in 0..net.nodes.len() {
        for dir in [
            Direction::Up,
            Direction::Down,
            Direction::Left,
            Direction::Right,
        ] {
            let Some(next) = net.neighbour_towards(&pos, node, dir) else {
                // No neighbour lies that way.
                let any = net.links(node).any(|l| {
                    let (p, q) = (pos[node], pos[l.node as usize]);
                    match dir {
                        Direction::Up => q[1] < p[1],
                        Direction::Down => q[1] > p[1],
                        Direction::Left => q[0] < p[0],
                        Direction::Right => q[0] > p[0],
                    }
                });
                assert!(!any, "{node} {dir:?}");
                continue;
            };
            assert!(
                net.links(node).any(|l| l.node as usize == next),
                "a neighbour"
            );
            let (p, q) = (pos[node], pos[next]);
            match dir {
                Direction::Up => assert!(q[1] < p[1]),
                Direction::Down => assert!(q[1] > p[1]),
                Direction::Left => assert!(q[0] < p[0]),
                Direction::Right => assert!(q[0] > p[0]),
            }
        }
    }
    // Key names, and the words a screen reader hears.
    assert_eq!(Direction::of_key("ArrowLeft"), Some(Direction::Left));
    assert_eq!(Direction::of_key("Enter"), None);
    let text = net.describe_node(&engine, 0, 2);
    assert!(
        text.contains("events") && text.contains("strongest: "),
        "{text}"
    );
}

// ---------------------------------------------------------------- pointing and labels

/// Issue 14: "an edge shows the shared events". Pointing at a drawn edge finds it
/// (the nearest within the tolerance), and its shared events are those of its two
/// actors in the selection.
#[test]
fn pointing_at_an_edge_finds_it_and_its_shared_events() {
    let engine = engine_for(2000, 5);
    let sel = engine.query(&ViewState::default());
    let net = build_network(
        &engine,
        &sel,
        NetworkOptions {
            top: 40,
            min_weight: 1,
        },
    );
    let input = net.layout_input(&engine);
    let pos = force_atlas2(&input, &none, &Fa2Settings::for_nodes(input.ids.len()));
    let events = brute_events(&engine, &sel);
    let mut found = 0;
    for (k, e) in net.drawn_edges().iter().enumerate().take(60) {
        let (p, q) = (pos[e.a as usize], pos[e.b as usize]);
        let mid = [(p[0] + q[0]) / 2.0, (p[1] + q[1]) / 2.0];
        // The midpoint of an edge is on it: the found edge passes at distance 0
        // (another edge may cross there too; then it is at distance 0 as well).
        let hit = net
            .edge_at(&pos, mid, 1e-6)
            .expect("an edge at its own midpoint");
        let h = net.edges[hit];
        let (hp, hq) = (pos[h.a as usize], pos[h.b as usize]);
        let cross = (hq[0] - hp[0]) * (mid[1] - hp[1]) - (hq[1] - hp[1]) * (mid[0] - hp[0]);
        let len = ((hq[0] - hp[0]).powi(2) + (hq[1] - hp[1]).powi(2)).sqrt();
        assert!(
            (cross / len).abs() < 1e-6,
            "edge {hit} passes through the point"
        );
        if hit == k {
            found += 1;
        }
        assert_eq!(net.edge_between(e.b as usize, e.a as usize), Some(k));
        let shared: BTreeSet<u32> = net
            .shared_events(e.a as usize, e.b as usize)
            .into_iter()
            .collect();
        let (x, y) = (net.nodes[e.a as usize].actor, net.nodes[e.b as usize].actor);
        let both: BTreeSet<u32> = events[&x].intersection(&events[&y]).copied().collect();
        assert_eq!(shared, both);
        assert_eq!(shared.len() as u32, e.weight);
    }
    assert!(found > 30, "most midpoints find their own edge ({found})");
    // Far from every edge: nothing.
    assert_eq!(net.edge_at(&pos, [1e9, 1e9], 5.0), None);
}

#[test]
fn edge_at_prefers_the_nearest_then_the_stronger() {
    let engine = engine_for(500, 2);
    let sel = engine.query(&ViewState::default());
    let net = build_network(
        &engine,
        &sel,
        NetworkOptions {
            top: 3,
            min_weight: 1,
        },
    );
    assert_eq!(net.edges.len(), 3, "three actors, all linked");
    // A triangle: (0,0), (100,0), (0,100).
    let pos = vec![[0.0, 0.0], [100.0, 0.0], [0.0, 100.0]];
    let e01 = net.edge_between(0, 1).unwrap();
    let e02 = net.edge_between(0, 2).unwrap();
    assert_eq!(net.edge_at(&pos, [50.0, 3.0], 5.0), Some(e01));
    assert_eq!(net.edge_at(&pos, [3.0, 50.0], 5.0), Some(e02));
    assert_eq!(
        net.edge_at(&pos, [50.0, 8.0], 5.0),
        None,
        "beyond the tolerance"
    );
    // At the shared corner both edges are at distance 0: the stronger (first) wins.
    assert_eq!(net.edge_at(&pos, [0.0, 0.0], 1.0), Some(e01.min(e02)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Issue 14: "labels must not overlap near the centre". Greedy placement keeps
    /// no two intersecting boxes, always keeps the largest node's label, and skips a
    /// label only when it hits one already placed.
    #[test]
    fn placed_labels_never_overlap(
        points in proptest::collection::vec((0.0f64..400.0, 0.0f64..300.0, 4.0f64..18.0, "[A-Za-zé ]{1,24}"), 1..80),
    ) {
        let candidates: Vec<_> = points
            .iter()
            .enumerate()
            .map(|(i, (x, y, r, name))| convene_core::network::label_box(i, [*x, *y], *r, name))
            .collect();
        let placed = convene_core::network::place_greedily(candidates.clone());
        prop_assert_eq!(placed.first().map(|l| l.node), Some(0));
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                prop_assert!(!a.intersects(b), "{:?} and {:?} overlap", a, b);
            }
        }
        let kept: BTreeSet<usize> = placed.iter().map(|l| l.node).collect();
        for c in &candidates {
            if !kept.contains(&c.node) {
                prop_assert!(placed.iter().any(|p| p.node < c.node && p.intersects(c)), "{} skipped without a reason", c.node);
            }
        }
    }
}

#[test]
fn labels_of_a_laid_out_network_do_not_overlap() {
    let engine = engine_for(5000, 8);
    let sel = engine.query(&ViewState::default());
    let net = build_network(&engine, &sel, NetworkOptions::default());
    let input = net.layout_input(&engine);
    let pos = force_atlas2(&input, &none, &Fa2Settings::for_nodes(input.ids.len()));
    let fit = convene_core::network::Fit::new(&pos, 18.0, 18.0, 964.0, 604.0);
    let screen: Vec<[f64; 2]> = pos
        .iter()
        .map(|&p| {
            let (x, y) = fit.map(p);
            [x, y]
        })
        .collect();
    let labels = net.place_labels(&engine, &screen, 4.0, 18.0, 60);
    assert!(
        labels.len() >= 5 && labels.len() <= 60,
        "{} labels",
        labels.len()
    );
    assert_eq!(labels[0].node, 0);
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            assert!(!a.intersects(b));
        }
    }
    // The box bounds the text: wider for a longer name.
    let short = convene_core::network::label_box(0, [0.0, 0.0], 5.0, "IOM");
    let long = convene_core::network::label_box(
        0,
        [0.0, 0.0],
        5.0,
        "International Organization for Migration",
    );
    assert!(long.rect[2] > 5.0 * short.rect[2]);
}

/// Pan and zoom (the rule moved from the app, docs/ARCHITECTURE.md): zooming keeps
/// the point under the pointer, the scale stays within its bounds, and a pinch keeps
/// the drawn point under the fingers' midpoint under it.
#[test]
fn zoom_keeps_the_point_under_the_pointer_and_a_pinch_the_point_under_the_fingers() {
    use convene_core::network::Zoom;
    let screen = |z: Zoom, p: [f64; 2]| [z.k * p[0] + z.x, z.k * p[1] + z.y];
    let drawn = |z: Zoom, s: [f64; 2]| [(s[0] - z.x) / z.k, (s[1] - z.y) / z.k];
    let close = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).abs() < 1e-9 && (a[1] - b[1]).abs() < 1e-9;
    let z0 = Zoom {
        x: 30.0,
        y: -12.0,
        k: 1.5,
    };
    for factor in [1.25, 0.8, 100.0, 0.001] {
        let z = z0.around(factor, 400.0, 250.0);
        assert!((Zoom::MIN_SCALE..=Zoom::MAX_SCALE).contains(&z.k), "{z:?}");
        assert!(close(drawn(z, [400.0, 250.0]), drawn(z0, [400.0, 250.0])));
    }
    assert_eq!(
        Zoom::IDENTITY.transform(),
        "translate(0.00 0.00) scale(1.0000)"
    );
    // Fingers spread from 60 to 240 apart and move right by 50: scale x4, the
    // point under the old midpoint is under the new one.
    let from = [[470.0, 300.0], [530.0, 300.0]];
    let to = [[430.0, 300.0], [670.0, 300.0]];
    let z = z0.pinch(from, to);
    assert!((z.k - z0.k * 4.0).abs() < 1e-9);
    let under = drawn(z0, [500.0, 300.0]);
    assert!(
        close(screen(z, under), [550.0, 300.0]),
        "{:?}",
        screen(z, under)
    );
    // Each finger keeps its drawn point when the scale is not clamped.
    assert!(close(screen(z, drawn(z0, from[0])), to[0]));
    assert!(close(screen(z, drawn(z0, from[1])), to[1]));
    // Fingers together: nothing changes.
    assert_eq!(z0.pinch([[1.0, 1.0], [1.0, 1.0]], to), z0);
}
