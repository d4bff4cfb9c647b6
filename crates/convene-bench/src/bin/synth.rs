//! Writes the synthetic `convene/1` datasets that the browser benchmark loads
//! (`scripts/bench.sh`), with convene-core's deterministic generator.
//!
//! ```text
//! synth OUT_DIR [--smoke]
//! ```
//!
//! Writes, into `OUT_DIR` (skipping files that already exist, since the generator is
//! deterministic):
//! - `synth-10k.json`, `synth-100k.json`, `synth-1m.json`: `synth::generate` at
//!   10,000, 100,000 and 1,000,000 participations, seed 2024 (the seed of the native
//!   engine benchmarks);
//! - `matrix-100x1000.json`, `matrix-1000x10000.json`: datasets shaped for the
//!   matrix DOM-size check, about 100 actors x 1,000 events and 1,000 x 10,000
//!   (see [`matrix_shape`]).
//!
//! - `synth-10k.csv`, `synth-100k.csv`: the same 10k and 100k datasets as a
//!   spreadsheet in the one-row-per-participation layout (issue 13), for the CSV
//!   import row of the benchmark (see [`participation_csv`]).
//!
//! `--smoke` writes only the 10k dataset (JSON and CSV) and the small matrix shape.
//! Every dataset is checked with `convene_core::load::validate` before it is written.
//!
//! Files are kept between runs, but not across changes to the generator: `OUT_DIR/
//! FINGERPRINT` holds a hash of a small generated dataset, and when the generator's
//! output changes every kept file is removed and written again.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use convene_core::load::validate;
use convene_core::synth::{generate, SynthParams};
use convene_core::Dataset;

/// The seed shared with the native benchmarks (`benches/engine.rs`).
const SEED: u64 = 2024;

/// A dataset with about `actors` actors and `events` events.
///
/// The generator ties its shape to the participation count (one event per 20
/// participations, one actor per 100), so 20 x `events` participations give the
/// events and twice the wanted actors; the `actors` most active ones are kept with
/// their participations, and affiliations to dropped actors are cleared. Events
/// left without a participation stay (they are columns with no cell).
fn matrix_shape(actors: usize, events: usize) -> Dataset {
    let mut d = generate(&SynthParams {
        participations: events * 20,
        seed: SEED,
    });
    let mut count: HashMap<&str, usize> = HashMap::new();
    for p in &d.participations {
        *count.entry(p.actor.as_str()).or_default() += 1;
    }
    let mut activity: Vec<(usize, &str)> = d
        .actors
        .iter()
        .map(|a| {
            (
                count.get(a.id.as_str()).copied().unwrap_or(0),
                a.id.as_str(),
            )
        })
        .collect();
    // Most active first; ties by id so the choice is deterministic.
    activity.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(y.1)));
    let keep: HashSet<String> = activity
        .iter()
        .take(actors)
        .map(|(_, id)| id.to_string())
        .collect();
    d.actors.retain(|a| keep.contains(&a.id));
    for a in &mut d.actors {
        if a.affiliation.as_ref().is_some_and(|id| !keep.contains(id)) {
            a.affiliation = None;
        }
    }
    d.participations.retain(|p| keep.contains(&p.actor));
    d.title = format!("Synthetic matrix, {actors} actors x {events} events");
    d
}

fn write(dir: &Path, name: &str, make: impl FnOnce() -> Dataset) -> Result<(), String> {
    let path: PathBuf = dir.join(name);
    if path.exists() {
        eprintln!("synth: {} exists, kept", path.display());
        return Ok(());
    }
    let dataset = make();
    if let Err(errors) = validate(&dataset) {
        let first: Vec<String> = errors.iter().take(5).map(|e| e.to_string()).collect();
        return Err(format!(
            "{name}: generated dataset does not validate: {}",
            first.join("; ")
        ));
    }
    // Write to a temporary name first: an interrupted run never leaves a truncated
    // file that a later run would keep.
    let tmp = dir.join(format!("{name}.tmp"));
    let file = File::create(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    let mut out = BufWriter::new(file);
    serde_json::to_writer(&mut out, &dataset).map_err(|e| format!("{name}: {e}"))?;
    out.flush().map_err(|e| format!("{name}: {e}"))?;
    drop(out);
    std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!(
        "synth: wrote {} ({} events, {} actors, {} participations)",
        path.display(),
        dataset.events.len(),
        dataset.actors.len(),
        dataset.participations.len()
    );
    Ok(())
}

/// The headers of [`participation_csv`], as a spreadsheet names them (the
/// import maps them by header: `convene_core::import::mapping`).
const CSV_HEADERS: [&str; 14] = [
    "event id",
    "event",
    "start",
    "end",
    "city",
    "country",
    "series",
    "themes",
    "actor id",
    "actor",
    "actor kind",
    "role",
    "source",
    "quote",
];

/// One CSV field, RFC 4180: quoted when it holds a comma, a quote or a line
/// break, quotes doubled.
fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// A dataset as one CSV row per participation, the layout people keep their
/// records in: event id and name, start and end dates (as convene/1 writes them,
/// at their precision), city, ISO3 country, series, themes (`;`-separated),
/// actor id, name and kind, role, the source's title (or URL, or id), and the
/// quote. UTF-8, no byte-order mark, LF line ends.
fn participation_csv(d: &Dataset) -> String {
    let events: HashMap<&str, &convene_core::Event> =
        d.events.iter().map(|e| (e.id.as_str(), e)).collect();
    let actors: HashMap<&str, &convene_core::Actor> =
        d.actors.iter().map(|a| (a.id.as_str(), a)).collect();
    let sources: HashMap<&str, &str> = d
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str()))
        .collect();
    // The import merges events and actors by folded name, and the generator
    // reuses names ("Khartoum Process 2021" twice): a repeated name gets its id
    // in brackets, as a person would write to tell two records apart.
    let unique = |names: Vec<(&str, &str)>| -> HashMap<String, String> {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (_, n) in &names {
            *seen.entry(convene_core::search::fold(n)).or_default() += 1;
        }
        names
            .into_iter()
            .map(|(id, n)| {
                let shown = if seen[&convene_core::search::fold(n)] > 1 {
                    format!("{n} [{id}]")
                } else {
                    n.to_string()
                };
                (id.to_string(), shown)
            })
            .collect()
    };
    let event_names = unique(
        d.events
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect(),
    );
    let actor_names = unique(
        d.actors
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str()))
            .collect(),
    );
    // The generator makes up states ("Republic of Diop Police Cooperation",
    // code `XAA`); the import reads a country as a real one (ISO 3166-1) and
    // reports any other, so a made-up state is written as an organization.
    let countries = convene_core::import::vocab::Countries::new();
    let kind = |a: &convene_core::Actor| -> String {
        if a.kind == convene_core::ActorKind::Country && countries.find(&a.name).is_none() {
            "organization".to_string()
        } else {
            a.kind.as_str().to_string()
        }
    };
    let mut out = String::with_capacity(d.participations.len() * 220);
    out.push_str(&CSV_HEADERS.join(","));
    out.push('\n');
    for p in &d.participations {
        let (Some(e), Some(a)) = (events.get(p.event.as_str()), actors.get(p.actor.as_str()))
        else {
            continue;
        };
        let date =
            |d: &Option<convene_core::PartialDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let cells = [
            e.id.clone(),
            event_names[&e.id].clone(),
            date(&e.start),
            date(&e.end),
            e.city.clone().unwrap_or_default(),
            // Made-up codes (`XAA`) are no ISO 3166-1 country: left blank.
            e.country
                .clone()
                .filter(|c| countries.find(c).is_some())
                .unwrap_or_default(),
            e.series.clone().unwrap_or_default(),
            e.themes.join("; "),
            a.id.clone(),
            actor_names[&a.id].clone(),
            kind(a),
            p.role.as_str().to_string(),
            sources
                .get(p.source.as_str())
                .copied()
                .unwrap_or(p.source.as_str())
                .to_string(),
            p.quote.clone().unwrap_or_default(),
        ];
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_field(&mut out, c);
        }
        out.push('\n');
    }
    out
}

/// Writes `name` as [`participation_csv`] of a dataset, unless it exists.
fn write_csv(dir: &Path, name: &str, make: impl FnOnce() -> Dataset) -> Result<(), String> {
    let path: PathBuf = dir.join(name);
    if path.exists() {
        eprintln!("synth: {} exists, kept", path.display());
        return Ok(());
    }
    let dataset = make();
    let text = participation_csv(&dataset);
    let tmp = dir.join(format!("{name}.tmp"));
    std::fs::write(&tmp, text.as_bytes()).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!(
        "synth: wrote {} ({} rows, {:.1} MB)",
        path.display(),
        dataset.participations.len(),
        text.len() as f64 / 1e6
    );
    Ok(())
}

/// FNV-1a over the JSON of a small dataset: changes whenever the generator does.
fn fingerprint() -> Result<String, String> {
    let small = generate(&SynthParams {
        participations: 2_000,
        seed: SEED,
    });
    let json = serde_json::to_vec(&small).map_err(|e| e.to_string())?;
    let hash = json.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    Ok(format!("{hash:016x}\n"))
}

/// Removes the kept datasets when they came from another version of the generator.
fn drop_stale(dir: &Path) -> Result<(), String> {
    let stamp = dir.join("FINGERPRINT");
    let now = fingerprint()?;
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(now.as_str()) {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "json" || x == "csv") {
            eprintln!("synth: the generator changed: removing {}", path.display());
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    std::fs::write(&stamp, now).map_err(|e| format!("{}: {e}", stamp.display()))
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let smoke = args.iter().any(|a| a == "--smoke");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .ok_or("usage: synth OUT_DIR [--smoke]")?;
    let dir = Path::new(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    drop_stale(dir)?;

    let sizes: &[(usize, &str)] = if smoke {
        &[(10_000, "10k")]
    } else {
        &[(10_000, "10k"), (100_000, "100k"), (1_000_000, "1m")]
    };
    for &(participations, label) in sizes {
        write(dir, &format!("synth-{label}.json"), || {
            generate(&SynthParams {
                participations,
                seed: SEED,
            })
        })?;
    }
    let csv_sizes: &[(usize, &str)] = if smoke {
        &[(10_000, "10k")]
    } else {
        &[(10_000, "10k"), (100_000, "100k")]
    };
    for &(participations, label) in csv_sizes {
        write_csv(dir, &format!("synth-{label}.csv"), || {
            generate(&SynthParams {
                participations,
                seed: SEED,
            })
        })?;
    }
    write(dir, "matrix-100x1000.json", || matrix_shape(100, 1_000))?;
    if !smoke {
        write(dir, "matrix-1000x10000.json", || {
            matrix_shape(1_000, 10_000)
        })?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("synth: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use convene_core::import::{import, open, Input, Opened, Options};

    /// The benchmark's CSV imports with no problem and gives back the dataset's
    /// events, actors and participations (so the timed import is a clean one).
    #[test]
    fn participation_csv_imports_back_without_problems() {
        let d = generate(&SynthParams {
            participations: 30_000,
            seed: SEED,
        });
        let text = participation_csv(&d);
        let Ok(Opened::Sheets(sheets)) = open(&[Input {
            name: "synth.csv",
            bytes: text.as_bytes(),
        }]) else {
            panic!("opens as a sheet");
        };
        let result = import(&sheets, &Options::default());
        let r = &result.report;
        assert!(r.mapping_problems.is_empty(), "{:?}", r.mapping_problems);
        let first: Vec<String> = r.problems.iter().take(5).map(ToString::to_string).collect();
        assert!(
            r.problems.is_empty(),
            "{} problems: {first:#?}",
            r.problems.len()
        );
        let got = result.dataset.expect("a dataset");
        // A row per participation: events and actors with none have no row.
        let events: HashSet<&str> = d.participations.iter().map(|p| p.event.as_str()).collect();
        let actors: HashSet<&str> = d.participations.iter().map(|p| p.actor.as_str()).collect();
        assert_eq!(got.events.len(), events.len());
        assert_eq!(got.actors.len(), actors.len());
        assert_eq!(got.participations.len(), d.participations.len());
    }
}
