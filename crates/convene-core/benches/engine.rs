//! Engine benchmarks on synthetic data (fixed seed) at 10k, 100k and 1M
//! participations: index build, a facet toggle with every count recomputed, the
//! matrix in each row order, co-participation. Criterion (already the crate's
//! bench harness) gives robust statistics; sample counts are kept small at 1M so
//! the whole run takes a few minutes on 2 cores.
//!
//! `cargo bench -p convene-core --bench engine`

use std::hint::black_box;
use std::time::Duration;

use convene_core::engine::{Engine, Facet};
use convene_core::matrix::{build_matrix, co_participants, RowOrder};
use convene_core::synth::{generate, SynthParams};
use convene_core::view::{ActorMode, Query, ViewState};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

const SIZES: [(usize, &str); 3] = [(10_000, "10k"), (100_000, "100k"), (1_000_000, "1M")];

fn benches(c: &mut Criterion) {
    for (size, label) in SIZES {
        let dataset = generate(&SynthParams {
            participations: size,
            seed: 2024,
        });
        let big = size >= 1_000_000;
        let mut group = c.benchmark_group(format!("engine/{label}"));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(if big { 1500 } else { 500 }));
        group.measurement_time(Duration::from_secs(if big { 4 } else { 2 }));

        group.bench_function("build", |b| {
            b.iter_batched(
                || dataset.clone(),
                |d| black_box(Engine::new(d)),
                BatchSize::LargeInput,
            )
        });
        let engine = Engine::new(dataset.clone());
        let all = engine.query(&ViewState::default());
        // The values a user would click first: the top of each list.
        let top = |facet: Facet| {
            all.facet(facet)
                .and_then(|f| f.values.first())
                .map(|v| v.key.to_string())
        };

        group.bench_function("query/none", |b| {
            b.iter(|| black_box(engine.query(&ViewState::default())))
        });
        let mut country = ViewState::default();
        country.countries.extend(top(Facet::Country));
        group.bench_function("query/country", |b| {
            b.iter(|| black_box(engine.query(&country)))
        });
        let mut theme = ViewState::default();
        theme.themes.extend(top(Facet::Theme));
        group.bench_function("query/theme", |b| {
            b.iter(|| black_box(engine.query(&theme)))
        });
        let mut actor = ViewState::default();
        actor.actors.extend(top(Facet::Actor));
        group.bench_function("query/actor", |b| {
            b.iter(|| black_box(engine.query(&actor)))
        });
        // The browser benchmark's worst toggle against crossfilter2 (issue 18).
        let mut role = ViewState::default();
        role.roles.insert(convene_core::Role::Host);
        group.bench_function("toggle/role=host", |b| {
            b.iter(|| black_box(engine.query(&role)))
        });
        // Two popular actors in mode All with a role: the heaviest participation filter.
        let mut all_mode = ViewState::default();
        all_mode.actors.extend(
            all.facet(Facet::Actor)
                .into_iter()
                .flat_map(|f| f.values.iter().take(2).map(|v| v.key.to_string())),
        );
        all_mode.actor_mode = ActorMode::All;
        all_mode.roles.insert(convene_core::Role::Participant);
        group.bench_function("query/actors-all-role", |b| {
            b.iter(|| black_box(engine.query(&all_mode)))
        });
        let mut text = ViewState {
            query: Query {
                q: "border".into(),
                ..Query::default()
            },
            ..ViewState::default()
        };
        text.themes.extend(top(Facet::Theme));
        group.bench_function("query/q+theme", |b| {
            b.iter(|| black_box(engine.query(&text)))
        });

        // The matrix of the whole dataset: every participation is a cell.
        for order in RowOrder::ALL {
            group.bench_function(format!("matrix/{}", order.as_str()), |b| {
                b.iter(|| black_box(build_matrix(&engine, &all, order)))
            });
        }
        let theme_sel = engine.query(&theme);
        group.bench_function("matrix/similarity-theme", |b| {
            b.iter(|| black_box(build_matrix(&engine, &theme_sel, RowOrder::Similarity)))
        });
        let busiest = top(Facet::Actor)
            .and_then(|id| engine.actor_index(&id))
            .unwrap_or(0);
        group.bench_function("co_participants/top", |b| {
            b.iter(|| black_box(co_participants(&engine, busiest)))
        });
        group.finish();
        eprintln!(
            "engine/{label}: {} events, {} actors, {} participations; index heap {:.1} MB; search heap {:.1} MB",
            engine.dataset().events.len(),
            engine.dataset().actors.len(),
            engine.dataset().participations.len(),
            engine.heap_bytes() as f64 / 1e6,
            engine.search_index().heap_bytes() as f64 / 1e6,
        );
    }
}

criterion_group!(engine_benches, benches);
criterion_main!(engine_benches);
