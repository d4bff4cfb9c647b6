//! The spreadsheet import on arbitrary bytes (issue 17: "the CSV import when it
//! lands"): `open` must answer (a dataset, sheets or an error naming the problem),
//! never panic; `import` must account for every row it read (imported, or listed
//! as skipped with its problem; blank rows are counted apart), and what it produces
//! must pass the convene/1 validator and survive the "Download as convene/1" round
//! trip through the loader.
#![no_main]

use convene_core::import::{import, open, to_convene_json, Input, Opened, Options};
use convene_core::load::{load, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file name (so the TSV and JSON paths are reached).
    let (name, bytes) = match data.split_first() {
        Some((b, rest)) if b % 3 == 0 => ("data.tsv", rest),
        Some((b, rest)) if b % 3 == 1 => ("data.json", rest),
        Some((_, rest)) => ("data.csv", rest),
        None => return,
    };
    let sheets = match open(&[Input { name, bytes }]) {
        Ok(Opened::Dataset(d)) => {
            assert!(validate(&d).is_ok(), "open accepted JSON that validate rejects");
            return;
        }
        Ok(Opened::Sheets(sheets)) => sheets,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    for skip in [false, true] {
        let options = Options { skip_problem_rows: skip, title: None };
        let result = import(&sheets, &options);
        let r = &result.report;
        for p in &r.problems {
            let _ = p.to_string();
        }
        // `rows_skipped` lists each skipped row as (file, row number).
        let skipped = r.rows_skipped.len();
        // Blank rows are counted apart from `rows_read`. Nothing is dropped
        // silently: once rows with problems are skipped, every row read is either
        // imported or listed as skipped.
        assert!(
            r.rows_imported + skipped <= r.rows_read,
            "more rows accounted for than read: {r:?}"
        );
        if skip && r.mapping_problems.is_empty() {
            assert_eq!(
                r.rows_imported + skipped,
                r.rows_read,
                "rows neither imported nor listed as skipped: {r:?}"
            );
        }
        if let Some(dataset) = result.dataset {
            assert!(validate(&dataset).is_ok(), "import produced an invalid dataset");
            let json = to_convene_json(&dataset);
            if let Err(e) = load(&json) {
                panic!("Download as convene/1 does not load back: {e}");
            }
        }
    }
});
