//! Sorting that compiles to few copies of the standard library's sort.
//!
//! Each `sort_by_key` or `sort_by` call with its own closure, and each element
//! type sorted, is a new copy of the sort in the wasm (1 to 8 KB each before
//! compression): the app carried about 40 (138 KB raw) in session 1 and 18 (75 KB
//! raw, measured with `scripts/size-breakdown.sh`) in session 17. Every sort in
//! the crate goes through the functions here, which compile to four copies:
//!
//! - `[u32]::sort_unstable` ([`sort_u32`]) and `[u64]::sort_unstable`
//!   ([`sort_u64`]) for bare numbers;
//! - `[(u64, u32)]::sort_unstable` for keyed sorts ([`order_by_u64_key`],
//!   [`sort_by_u64_key`]: a compound key packed into a `u64`, ties by position);
//! - one stable `[u32]::sort_by` calling its comparator through `&dyn`
//!   ([`order_by_cmp`], [`sort_by_cmp`]: positions are sorted, then the items are
//!   moved once along the permutation's cycles).
//!
//! `clippy.toml` disallows the slice sorts everywhere else, so a new direct call
//! fails the lint instead of quietly adding a copy. All but the bare-number sorts
//! are stable. The hot sorts here are over at most a few hundred thousand items
//! (facet values, matrix rows, events at start-up), where the extra key or
//! position array costs far less than a frame.

use std::cmp::Ordering;

/// Sorts `items` ascending by `key`; items with equal keys keep their order.
///
/// Pack compound keys into the `u64` (`(high as u64) << 32 | low as u64`) and
/// invert a part (`!count`) to sort it descending.
pub fn sort_by_u64_key<T>(items: &mut [T], key: impl Fn(&T) -> u64) {
    let order = order_by_u64_key(items.len(), |i| key(&items[i]));
    apply_order(items, &order);
}

/// The positions `0..len` sorted ascending by `key(position)`; equal keys keep
/// ascending positions. For sorting what is not `Copy` (apply the order).
#[allow(clippy::disallowed_methods)] // the funnel itself (clippy.toml)
pub fn order_by_u64_key(len: usize, key: impl Fn(usize) -> u64) -> Vec<u32> {
    let mut keyed: Vec<(u64, u32)> = (0..len).map(|i| (key(i), i as u32)).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// The positions `0..len` sorted by `compare(a, b)` over positions, stably (equal
/// items keep ascending positions). The one comparator sort of the crate.
#[allow(clippy::disallowed_methods)] // the funnel itself (clippy.toml)
pub fn order_by_cmp(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..len as u32).collect();
    order.sort_by(|&a, &b| compare(a as usize, b as usize));
    order
}

/// Sorts `items` with `compare`, stably, through [`order_by_cmp`] (so every
/// caller shares its one copy of the sort, whatever the element type).
pub fn sort_by_cmp<T>(items: &mut [T], compare: &dyn Fn(&T, &T) -> Ordering) {
    let order = order_by_cmp(items.len(), &|a, b| compare(&items[a], &items[b]));
    apply_order(items, &order);
}

/// Sorts bare `u32`s ascending (the one `[u32]` sort; not stable, which equal
/// numbers cannot show).
#[allow(clippy::disallowed_methods)] // the funnel itself (clippy.toml)
pub fn sort_u32(items: &mut [u32]) {
    items.sort_unstable();
}

/// Sorts bare `u64`s ascending (the one `[u64]` sort).
#[allow(clippy::disallowed_methods)] // the funnel itself (clippy.toml)
pub fn sort_u64(items: &mut [u64]) {
    items.sort_unstable();
}

/// Moves `items` so that the item now at `order[i]` ends at `i` (`order` is a
/// permutation of `0..items.len()`), following each cycle of the permutation with
/// swaps: no copy of the items, no `Clone`.
fn apply_order<T>(items: &mut [T], order: &[u32]) {
    let mut done = vec![false; items.len()];
    for start in 0..items.len() {
        let mut i = start;
        while !done[i] {
            done[i] = true;
            let from = order[i] as usize;
            if from == start {
                break;
            }
            // `items[from]` still holds its original item: each step moves the
            // item the cycle's start began with one place along.
            items.swap(i, from);
            i = from;
        }
    }
}

/// The bits of a positive `f32` as a `u32` that orders like the number (IEEE 754
/// bit patterns of non-negative floats are monotonic); zero, negatives and NaN
/// give 0.
pub fn f32_key(x: f32) -> u32 {
    if x > 0.0 {
        x.to_bits()
    } else {
        0
    }
}

/// Which items of a reordered list can stay where they are, so that moving only
/// the others gives the new order: a longest strictly increasing run of old
/// positions (patience sorting, O(n log n); the textbook longest increasing
/// subsequence). `old[i]` is where the item now at `i` used to be (`None`: new, so
/// it is inserted anyway). Moving the `false` items costs `n - kept` moves, the
/// fewest possible; moving every item out of place from the front (the obvious
/// loop) moves `n - 1` items when one item goes from the top to the bottom.
///
/// The UI's keyed lists use it to write the DOM (`src/facets.rs`): each moved
/// element is laid out and its text shaped anew, so fewer moves is less layout.
pub fn kept_in_place(old: &[Option<u32>]) -> Vec<bool> {
    // tails[k]: the index (in `old`) of the smallest last old position of an
    // increasing run of length k + 1; prev[i]: the item before i in its run.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; old.len()];
    for (i, pos) in old.iter().enumerate() {
        let Some(pos) = *pos else { continue };
        let k = tails.partition_point(|&t| old[t].is_some_and(|p| p < pos));
        prev[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut kept = vec![false; old.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        kept[i] = true;
        at = prev[i];
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_sort_is_stable_and_ascending() {
        let mut items = [(3u32, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        sort_by_u64_key(&mut items, |&(k, _)| u64::from(k));
        assert_eq!(items, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
        // Descending on the high half, ascending on the low.
        let mut pairs = [(1u32, 5u32), (2, 9), (2, 1), (1, 0)];
        sort_by_u64_key(&mut pairs, |&(a, b)| u64::from(!a) << 32 | u64::from(b));
        assert_eq!(pairs, [(2, 1), (2, 9), (1, 0), (1, 5)]);
    }

    #[test]
    fn order_and_comparator_sorts_agree_with_the_standard_sort() {
        let words = ["pear", "fig", "apple", "fig", "kiwi"];
        let order = order_by_u64_key(words.len(), |i| words[i].len() as u64);
        assert_eq!(order, [1, 3, 0, 4, 2]);
        let mut by_text = words;
        sort_by_cmp(&mut by_text, &|a, b| a.cmp(b));
        let mut want = words;
        want.sort();
        assert_eq!(by_text, want);
        let by_len = order_by_cmp(words.len(), &|a, b| words[b].len().cmp(&words[a].len()));
        assert_eq!(by_len, [2, 0, 4, 1, 3]);
    }

    /// A deterministic xorshift64 generator (Marsaglia 2003) for shuffled inputs.
    fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        }
    }

    /// The funnel against the standard library's stable sort, over items that are
    /// not `Copy`, with many ties (so stability shows) and every length up to 40.
    #[test]
    fn funnelled_sorts_match_the_standard_stable_sort() {
        let mut next = xorshift(0x9e37_79b9);
        for len in 0..40 {
            let items: Vec<(u8, String)> = (0..len)
                .map(|i| ((next() % 5) as u8, format!("item {i}")))
                .collect();
            let mut want = items.clone();
            want.sort_by_key(|(k, _)| *k);
            let mut by_cmp = items.clone();
            sort_by_cmp(&mut by_cmp, &|a, b| a.0.cmp(&b.0));
            assert_eq!(by_cmp, want, "sort_by_cmp, {len} items");
            let mut by_key = items.clone();
            sort_by_u64_key(&mut by_key, |(k, _)| u64::from(*k));
            assert_eq!(by_key, want, "sort_by_u64_key, {len} items");
            let mut numbers: Vec<u32> = items.iter().map(|(k, _)| u32::from(*k)).collect();
            let mut wide: Vec<u64> = numbers.iter().map(|&k| u64::from(k) << 40).collect();
            sort_u32(&mut numbers);
            sort_u64(&mut wide);
            assert!(numbers.windows(2).all(|w| w[0] <= w[1]));
            assert_eq!(
                wide,
                numbers
                    .iter()
                    .map(|&k| u64::from(k) << 40)
                    .collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn float_keys_order_like_the_numbers() {
        let xs = [0.0f32, 1e-30, 0.5, 1.0, 3.5, 1e30];
        assert!(xs.windows(2).all(|w| f32_key(w[0]) < f32_key(w[1])));
        assert_eq!(f32_key(-0.0), f32_key(0.0));
        assert_eq!(f32_key(f32::NAN), 0);
        assert_eq!(f32_key(-1.0), 0);
    }

    /// The old positions of the items `kept` marks, in order (each must have one).
    fn kept_run(old: &[Option<u32>], kept: &[bool]) -> Vec<u32> {
        old.iter()
            .zip(kept)
            .filter(|(_, k)| **k)
            .map(|(p, _)| p.expect("a kept item has an old position"))
            .collect()
    }

    /// Every run of old positions that `kept_in_place` keeps is increasing, and
    /// none longer exists (checked against all subsets for short lists).
    #[test]
    fn kept_in_place_keeps_a_longest_increasing_run() {
        let cases: [&[Option<u32>]; 6] = [
            &[],
            &[Some(0), Some(1), Some(2)],
            &[Some(1), Some(2), Some(3), Some(0)],
            &[Some(3), Some(0), Some(1), Some(2)],
            &[None, Some(2), None, Some(0), Some(1)],
            &[Some(4), Some(3), Some(2), Some(1), Some(0)],
        ];
        for old in cases {
            let kept = kept_in_place(old);
            let run = kept_run(old, &kept);
            assert!(run.windows(2).all(|w| w[0] < w[1]), "{old:?} kept {kept:?}");
            let longest = (0u32..1 << old.len())
                .filter(|mask| {
                    let picked: Vec<Option<u32>> = (0..old.len())
                        .filter(|i| mask >> i & 1 == 1)
                        .map(|i| old[i])
                        .collect();
                    picked.iter().all(Option::is_some) && picked.windows(2).all(|w| w[0] < w[1])
                })
                .map(u32::count_ones)
                .max()
                .unwrap_or(0);
            assert_eq!(run.len() as u32, longest, "{old:?} kept {kept:?}");
        }
        // One value from the top to the bottom: one move, not n - 1.
        let old: Vec<Option<u32>> = (1..50).chain([0]).map(Some).collect();
        assert_eq!(kept_in_place(&old).iter().filter(|k| !**k).count(), 1);
    }

    /// Longer lists: the kept run's length equals the O(n²) textbook dynamic
    /// programme's longest increasing subsequence, over shuffled positions with new
    /// items mixed in.
    #[test]
    fn kept_in_place_matches_the_quadratic_longest_increasing_subsequence() {
        let mut next = xorshift(0x2545_f491);
        for n in [1usize, 2, 7, 30, 200] {
            for _ in 0..20 {
                let mut old: Vec<Option<u32>> = (0..n as u32).map(Some).collect();
                for i in (1..n).rev() {
                    old.swap(i, (next() % (i as u64 + 1)) as usize);
                }
                for slot in old.iter_mut() {
                    if next().is_multiple_of(5) {
                        *slot = None;
                    }
                }
                let mut best = vec![0usize; n];
                for i in 0..n {
                    if let Some(p) = old[i] {
                        best[i] = 1
                            + (0..i)
                                .filter(|&j| old[j].is_some_and(|q| q < p))
                                .map(|j| best[j])
                                .max()
                                .unwrap_or(0);
                    }
                }
                let kept = kept_in_place(&old);
                let run = kept_run(&old, &kept);
                assert!(run.windows(2).all(|w| w[0] < w[1]));
                assert_eq!(
                    run.len(),
                    best.iter().copied().max().unwrap_or(0),
                    "{old:?}"
                );
            }
        }
    }
}
