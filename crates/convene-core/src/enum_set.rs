//! A set of a small enum's values (a view's statuses, actor kinds, roles and
//! embed parts), kept as the bits of one word.
//!
//! It reads like the `BTreeSet` it replaces (insert, remove, contains, values in
//! the enum's order) but is a `Copy` word: no allocation, and no B-tree code
//! compiled for one-byte keys (issue 18: wasm size). The engine's filters read the
//! word as their bit mask ([`EnumSet::bits`]).

use std::fmt;
use std::marker::PhantomData;

/// An enum with at most 32 fieldless variants that an [`EnumSet`] can hold.
pub trait Member: Copy + Ord + 'static {
    /// Every variant, in declaration order (the enum's `Ord`).
    const ALL: &'static [Self];
    /// The variant's place in [`Member::ALL`] (its declaration order, 0-based).
    fn index(self) -> u32;
}

/// A set of `T`'s variants; iterates in `T`'s order, as a `BTreeSet<T>` would.
pub struct EnumSet<T> {
    bits: u32,
    member: PhantomData<T>,
}

impl<T: Member> EnumSet<T> {
    /// The empty set.
    pub const fn new() -> Self {
        EnumSet {
            bits: 0,
            member: PhantomData,
        }
    }

    /// Adds `value`; whether it was not in the set before.
    pub fn insert(&mut self, value: T) -> bool {
        let bit = 1 << value.index();
        let new = self.bits & bit == 0;
        self.bits |= bit;
        new
    }

    /// Takes `value` out; whether it was in the set.
    pub fn remove(&mut self, value: &T) -> bool {
        let bit = 1 << value.index();
        let was = self.bits & bit != 0;
        self.bits &= !bit;
        was
    }

    /// Whether `value` is in the set.
    pub fn contains(&self, value: &T) -> bool {
        self.bits & 1 << value.index() != 0
    }

    /// Whether the set holds no value.
    pub fn is_empty(&self) -> bool {
        self.bits == 0
    }

    /// How many values the set holds.
    pub fn len(&self) -> usize {
        self.bits.count_ones() as usize
    }

    /// Takes `value` out if it is in the set, else adds it (a facet value's
    /// checkbox).
    pub fn toggle(&mut self, value: T) {
        self.bits ^= 1 << value.index();
    }

    /// The set as a bit mask: bit `i` stands for `T::ALL[i]` (the declaration
    /// order, so for a fieldless enum the bit of `v as u32`). The engine's
    /// filters test these masks directly.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// The values, in `T`'s order.
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        let bits = self.bits;
        T::ALL
            .iter()
            .copied()
            .filter(move |v| bits & 1 << v.index() != 0)
    }
}

impl<T> Clone for EnumSet<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for EnumSet<T> {}

impl<T: Member> Default for EnumSet<T> {
    fn default() -> Self {
        EnumSet::new()
    }
}

impl<T> PartialEq for EnumSet<T> {
    fn eq(&self, other: &Self) -> bool {
        self.bits == other.bits
    }
}

impl<T> Eq for EnumSet<T> {}

impl<T: Member + fmt::Debug> fmt::Debug for EnumSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: Member> FromIterator<T> for EnumSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(values: I) -> Self {
        let mut set = EnumSet::new();
        set.extend(values);
        set
    }
}

impl<T: Member> Extend<T> for EnumSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, values: I) {
        for value in values {
            self.insert(value);
        }
    }
}

impl<T: Member, const N: usize> From<[T; N]> for EnumSet<T> {
    fn from(values: [T; N]) -> Self {
        values.into_iter().collect()
    }
}

/// Implements [`Member`] for fieldless enums whose `ALL` constant lists every
/// variant in declaration order (tests/core/view_codec.rs checks each).
#[macro_export]
macro_rules! enum_set_members {
    ($($t:ty),*) => {$(
        impl $crate::enum_set::Member for $t {
            const ALL: &'static [Self] = &<$t>::ALL;
            fn index(self) -> u32 {
                self as u32
            }
        }
    )*};
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    enum Day {
        Mon,
        Tue,
        Wed,
        Thu,
        Fri,
    }

    impl Day {
        const ALL: [Day; 5] = [Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri];
    }

    enum_set_members!(Day);

    /// Every subset, built and edited in every order, reads as the same
    /// `BTreeSet` would (the type it replaces).
    #[test]
    fn agrees_with_btree_set() {
        let all = Day::ALL;
        for mask in 0u32..1 << all.len() {
            let values: Vec<Day> = (0..all.len())
                .filter(|i| mask & 1 << i != 0)
                .map(|i| all[i])
                .collect();
            let mut ours: EnumSet<Day> = values.iter().rev().copied().collect();
            let mut theirs: BTreeSet<Day> = values.iter().copied().collect();
            assert_eq!(
                ours.iter().collect::<Vec<_>>(),
                theirs.iter().copied().collect::<Vec<_>>()
            );
            assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
            assert_eq!(ours.len(), theirs.len());
            assert_eq!(ours.is_empty(), theirs.is_empty());
            let mask: u32 = theirs.iter().map(|&d| 1 << d as u32).sum();
            assert_eq!(ours.bits(), mask);
            for d in all {
                assert_eq!(ours.contains(&d), theirs.contains(&d));
                let mut toggled = ours;
                toggled.toggle(d);
                assert_eq!(toggled.contains(&d), !ours.contains(&d));
                assert_eq!(ours.insert(d), theirs.insert(d));
                assert_eq!(ours.remove(&d), theirs.remove(&d));
                assert_eq!(ours.remove(&d), theirs.remove(&d));
            }
            assert!(ours.is_empty() && theirs.is_empty());
        }
        assert_eq!(EnumSet::from([Day::Fri, Day::Mon]).len(), 2);
    }
}
