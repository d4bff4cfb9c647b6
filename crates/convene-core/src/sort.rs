//! Sorting that compiles to few copies of the standard library's sort.
//!
//! Each `sort_by_key` or `sort_by` call with its own closure is a new copy of the
//! sort in the wasm (3 to 8 KB each before compression): the app carried about 40,
//! 138 KB raw. These helpers funnel the keyed sorts into one copy (a sort of
//! `(u64, u32)` pairs) and the comparator sorts into one copy per element type (the
//! comparator is called through `&dyn`). Both are stable. The hot sorts here are
//! over at most a few tens of thousands of items (facet values, matrix rows), where
//! the extra key array costs far less than a frame.

use std::cmp::Ordering;

/// Sorts `items` ascending by `key`; items with equal keys keep their order.
///
/// Pack compound keys into the `u64` (`(high as u64) << 32 | low as u64`) and
/// invert a part (`!count`) to sort it descending.
pub fn sort_by_u64_key<T: Copy>(items: &mut [T], key: impl Fn(&T) -> u64) {
    let order = order_by_u64_key(items.len(), |i| key(&items[i]));
    let sorted: Vec<T> = order.iter().map(|&i| items[i as usize]).collect();
    items.copy_from_slice(&sorted);
}

/// The positions `0..len` sorted ascending by `key(position)`; equal keys keep
/// ascending positions. For sorting what is not `Copy` (apply the order).
pub fn order_by_u64_key(len: usize, key: impl Fn(usize) -> u64) -> Vec<u32> {
    let mut keyed: Vec<(u64, u32)> = (0..len).map(|i| (key(i), i as u32)).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Sorts `items` with `compare`, stably. The comparator is a `&dyn`, so every
/// caller sorting the same element type shares one copy of the sort.
pub fn sort_by_cmp<T>(items: &mut [T], compare: &dyn Fn(&T, &T) -> Ordering) {
    items.sort_by(|a, b| compare(a, b));
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
        let mut seed = 0x2545_f491_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for n in [1usize, 2, 7, 30, 200] {
            for _ in 0..20 {
                let mut old: Vec<Option<u32>> = (0..n as u32).map(Some).collect();
                for i in (1..n).rev() {
                    old.swap(i, (next() % (i as u64 + 1)) as usize);
                }
                for slot in old.iter_mut() {
                    if next() % 5 == 0 {
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
