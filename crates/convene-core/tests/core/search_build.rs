//! Issue 13 ("the page stays responsive"): the search index built in slices
//! ([`SearchBuild::step`], as the app builds it between tasks) is the index
//! built in one go, whatever the slice sizes; and an engine whose build was left
//! half done finishes it on its first text query.

use convene_core::engine::Engine;
use convene_core::model::Dataset;
use convene_core::search::{tokenize, SearchBuild, SearchIndex};
use convene_core::synth::{generate, SynthParams};
use proptest::prelude::*;

/// Prefixes of the dataset's words (every one, from the first character) and
/// queries of two and three of them: what a user types, keystroke by keystroke.
fn queries(ds: &Dataset) -> Vec<String> {
    let mut text: Vec<&str> = Vec::new();
    for e in ds.events.iter().take(6) {
        text.extend([e.name.as_str(), e.summary.as_str()]);
        text.extend(e.city.as_deref());
    }
    for a in ds.actors.iter().take(6) {
        text.push(&a.name);
        text.extend(a.acronym.as_deref());
    }
    text.extend(
        ds.participations
            .iter()
            .take(4)
            .filter_map(|p| p.quote.as_deref()),
    );
    let mut terms: Vec<String> = text
        .iter()
        .flat_map(|t| tokenize(t))
        .map(|t| t.term)
        .collect();
    terms.sort();
    terms.dedup();
    let mut queries: Vec<String> = Vec::new();
    for term in &terms {
        for (i, c) in term.char_indices() {
            queries.push(term[..i + c.len_utf8()].to_string());
        }
    }
    for w in terms.windows(3) {
        queries.push(format!("{} {}", w[0], w[2]));
        let short: String = w[1].chars().take(3).collect();
        queries.push(format!("{} {short} {}", w[0], w[2]));
    }
    queries
}

/// Builds the index in steps whose clock says "out of time" on every `k`-th
/// look; returns it with the number of steps and of looks.
fn stepped(ds: &Dataset, k: usize) -> (SearchIndex, usize, usize) {
    let mut build = SearchBuild::new();
    let (mut steps, mut looks) = (0, 0);
    loop {
        steps += 1;
        let done = build.step(ds, &mut || {
            looks += 1;
            looks % k == 0
        });
        if done {
            break;
        }
    }
    (build.finish(ds), steps, looks)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn stepped_build_equals_one_shot_build(
        participations in 0usize..2_500,
        seed in any::<u64>(),
        k in prop_oneof![Just(1usize), 1usize..6, 1usize..400],
    ) {
        let ds = generate(&SynthParams { participations, seed });
        let whole = SearchIndex::build(&ds);
        let (sliced, steps, looks) = stepped(&ds, k);
        // Sizes, capacities included (before any query grows the scratch arrays).
        prop_assert_eq!(format!("{sliced:?}"), format!("{whole:?}"));
        prop_assert_eq!(sliced.term_count(), whole.term_count());
        prop_assert_eq!(sliced.heap_bytes(), whole.heap_bytes());
        // The build was sliced as asked: each look that said stop ended a step.
        prop_assert!(steps >= looks / k, "{} steps, {} looks, k {}", steps, looks, k);
        if participations >= 200 {
            prop_assert!(looks > 0 && (k > 1 || steps > 3), "{} steps, {} looks", steps, looks);
        }
        for q in queries(&ds) {
            prop_assert_eq!(sliced.search(&q), whole.search(&q), "query {:?}", q);
        }
    }
}

/// The app steps the build after the first paint; a text query typed before the
/// last step finishes the pending build (not a fresh one), with the same answers
/// as an engine whose index was built in one go.
#[test]
fn search_index_finishes_a_pending_stepped_build() {
    let ds = generate(&SynthParams {
        participations: 3_000,
        seed: 5,
    });
    let queries = queries(&ds);
    let whole = Engine::new(ds.clone());
    whole.prepare_search();
    // Sizes, before any query grows the index's scratch arrays.
    let want = format!("{:?}", whole.search_index());
    for steps in [1, 3, 40] {
        let engine = Engine::new(ds.clone());
        for _ in 0..steps {
            assert!(
                !engine.prepare_search_step(&mut || true),
                "done in {steps} short steps"
            );
        }
        assert!(!engine.search_ready());
        let index = engine.search_index();
        assert!(engine.search_ready());
        assert_eq!(format!("{index:?}"), want);
        for q in &queries {
            assert_eq!(index.search(q), whole.search_index().search(q), "{q:?}");
        }
        // Complete: a further step has nothing to do.
        assert!(engine.prepare_search_step(&mut || true));
    }
    // Stepped to the end, the engine holds the same index.
    let engine = Engine::new(ds);
    let mut steps = 0;
    while !engine.prepare_search_step(&mut || true) {
        steps += 1;
    }
    assert!(steps > 40, "{steps} steps");
    assert!(engine.search_ready());
    assert_eq!(format!("{:?}", engine.search_index()), want);
}
