//! Search benchmarks: index build at 10k, 100k and 1M participations, in one go
//! and in 8 ms slices (what the app does, so the cost of slicing shows), and a
//! fixed list of as-you-type queries at 100k and 1M. Run with
//! `cargo bench -p convene-core --bench search`; figures go to BENCHMARKS.md.

#![allow(clippy::disallowed_methods)] // a benchmark, not shipped: may sort directly

use std::hint::black_box;
use std::time::{Duration, Instant};

use convene_core::search::{SearchBuild, SearchIndex};
use convene_core::synth::{generate, SynthParams};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

/// What a user types, keystroke by keystroke, plus a surname, folded accents and a
/// three-word AND.
const QUERIES: &[&str] = &[
    "b",
    "bo",
    "bor",
    "border",
    "border sec",
    "zerouali",
    "securite",
    "senegal",
    "border security migration",
    "khalid zer",
];

fn dataset(participations: usize) -> convene_core::Dataset {
    generate(&SynthParams {
        participations,
        seed: 7,
    })
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("search_build");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500));
    for &n in &[10_000usize, 100_000, 1_000_000] {
        let ds = dataset(n);
        let index = SearchIndex::build(&ds);
        eprintln!(
            "search_build/{n}: {} events, {} actors, {} terms, heap {:.1} MB",
            ds.events.len(),
            ds.actors.len(),
            index.term_count(),
            index.heap_bytes() as f64 / 1e6
        );
        group.measurement_time(Duration::from_secs(if n >= 1_000_000 { 12 } else { 3 }));
        group.bench_with_input(BenchmarkId::from_parameter(n), &ds, |b, ds| {
            b.iter(|| SearchIndex::build(black_box(ds)))
        });
    }
    group.finish();
}

/// The app's slice: each step stops at the first look at the clock past this.
const SLICE: Duration = Duration::from_millis(8);

/// Builds the index in steps of [`SLICE`], as the app does between tasks;
/// `watch` sees the build before each step and how long the step took.
fn build_stepped(
    ds: &convene_core::Dataset,
    mut watch: impl FnMut(&SearchBuild, Duration),
) -> SearchIndex {
    let mut build = SearchBuild::new();
    loop {
        let start = Instant::now();
        let done = build.step(ds, &mut || start.elapsed() >= SLICE);
        watch(&build, start.elapsed());
        if done {
            return build.finish(ds);
        }
    }
}

fn build_stepped_bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("search_build_stepped");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500));
    for &n in &[10_000usize, 100_000, 1_000_000] {
        let ds = dataset(n);
        // The longest steps, and the phase each ended in.
        let mut steps: Vec<(Duration, String)> = Vec::new();
        build_stepped(&ds, |build, took| steps.push((took, format!("{build:?}"))));
        let count = steps.len();
        steps.sort_by_key(|s| std::cmp::Reverse(s.0));
        eprintln!("search_build_stepped/{n}: {count} steps of {SLICE:?}; longest:");
        for (took, after) in steps.iter().take(4) {
            eprintln!("  {took:.1?}, ending at {after}");
        }
        group.measurement_time(Duration::from_secs(if n >= 1_000_000 { 12 } else { 3 }));
        group.bench_with_input(BenchmarkId::from_parameter(n), &ds, |b, ds| {
            b.iter(|| build_stepped(black_box(ds), |_, _| {}))
        });
    }
    group.finish();
}

fn queries(c: &mut Criterion) {
    for &n in &[100_000usize, 1_000_000] {
        let ds = dataset(n);
        let index = SearchIndex::build(&ds);
        let mut group = c.benchmark_group(format!("search_query/{n}"));
        group
            .sample_size(20)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(1));
        for &q in QUERIES {
            let hits = index.search(q).map_or(0, |r| r.hits.len());
            eprintln!(
                "search_query/{n}/{q:?}: {hits} hits of {} events",
                ds.events.len()
            );
            group.bench_with_input(BenchmarkId::from_parameter(q), &q, |b, q| {
                b.iter(|| index.search(black_box(q)))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, build, build_stepped_bench, queries);
criterion_main!(benches);
