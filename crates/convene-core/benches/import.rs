//! Spreadsheet import benchmark (issue 13): a 100k-row comma-separated
//! participations CSV (synthetic, fictional), from bytes to a convene/1
//! dataset: decode, sniff, read, map, import; and the read step alone. Run
//! with `cargo bench -p convene-core --bench import`; figures go to
//! BENCHMARKS.md.

#[path = "../tests/core/import_support.rs"]
mod import_support;

use std::hint::black_box;
use std::time::Duration;

use convene_core::import::table::{sniff_delimiter, Table};
use convene_core::import::{import, open, Input, Opened, Options};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let text = import_support::synthetic_en(100_000);
    let mut group = c.benchmark_group("import_csv_100k");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(8));
    group.bench_function("read_table", |b| {
        b.iter(|| {
            let d = sniff_delimiter(&text);
            black_box(Table::read("bench.csv", &text, d))
        })
    });
    group.bench_function("bytes_to_dataset", |b| {
        b.iter(|| {
            let Ok(Opened::Sheets(sheets)) = open(&[Input {
                name: "bench.csv",
                bytes: text.as_bytes(),
            }]) else {
                panic!("opens");
            };
            let result = import(&sheets, &Options::default());
            assert!(result.report.problems.is_empty());
            black_box(result.dataset)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
