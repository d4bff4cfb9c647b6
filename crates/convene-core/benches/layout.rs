//! ForceAtlas2 layout time at 100, 300 and 1,000 nodes: the co-participation
//! network of synthetic data (fixed seed), cut to the top N actors, laid out from
//! scratch (the settings the app uses for N nodes) and continued from its own
//! result (what a small filter change costs). Also the projection itself at the
//! issue's 1M-participation size, top 150.
//!
//! `cargo bench -p convene-core --bench layout`

use std::hint::black_box;
use std::time::Duration;

use convene_core::engine::Engine;
use convene_core::layout::{force_atlas2, Fa2Settings};
use convene_core::network::{build_network, NetworkOptions};
use convene_core::synth::{generate, SynthParams};
use convene_core::view::ViewState;
use criterion::{criterion_group, criterion_main, Criterion};

fn benches(c: &mut Criterion) {
    // One actor per 100 participations: 200k participations give 2,000 actors.
    let engine = Engine::new(generate(&SynthParams {
        participations: 200_000,
        seed: 2024,
    }));
    let sel = engine.query(&ViewState::default());
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for n in [100u32, 300, 1000] {
        let net = build_network(
            &engine,
            &sel,
            NetworkOptions {
                top: n,
                min_weight: 1,
            },
        );
        let input = net.layout_input(&engine);
        let (ids, edges) = (&input.ids, &input.edges);
        let settings = Fa2Settings::for_nodes(ids.len());
        eprintln!(
            "layout/{n}: {} nodes, {} edges, {} iterations",
            ids.len(),
            edges.len(),
            settings.iterations
        );
        group.bench_function(format!("fa2/{n}"), |b| {
            b.iter(|| black_box(force_atlas2(&input, &|_| None, &settings)))
        });
        let first = force_atlas2(&input, &|_| None, &settings);
        let previous = |id: &str| ids.iter().position(|&x| x == id).map(|i| first[i]);
        group.bench_function(format!("fa2-continued/{n}"), |b| {
            b.iter(|| black_box(force_atlas2(&input, &previous, &settings.continued())))
        });
        group.bench_function(format!("network/{n}"), |b| {
            b.iter(|| {
                black_box(build_network(
                    &engine,
                    &sel,
                    NetworkOptions {
                        top: n,
                        min_weight: 1,
                    },
                ))
            })
        });
    }
    group.finish();

    let big = Engine::new(generate(&SynthParams {
        participations: 1_000_000,
        seed: 2024,
    }));
    let sel = big.query(&ViewState::default());
    let mut group = c.benchmark_group("network/1M");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(4));
    group.bench_function("top150", |b| {
        b.iter(|| black_box(build_network(&big, &sel, NetworkOptions::default())))
    });
    group.finish();
}

criterion_group!(layout, benches);
criterion_main!(layout);
