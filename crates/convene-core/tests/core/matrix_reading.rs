//! Reading the matrix (issue 19): labels fitted between words, rows grouped by
//! actor kind with group headers, and the lines a virtualised body draws.

use convene_core::engine::Engine;
use convene_core::matrix::{build_matrix, fit_words, RowGrouping, RowOrder, Slot};
use convene_core::model::ActorKind;
use convene_core::view::ViewState;
use proptest::prelude::*;

#[test]
fn a_name_that_fits_is_kept_whole_on_as_many_lines_as_it_needs() {
    let f = fit_words("World Border Security Congress 2017", 20, 3);
    assert_eq!(f.lines, ["World Border", "Security Congress", "2017"]);
    assert!(!f.cut);
    let one = fit_words("  93rd   Interpol General Assembly ", 40, 1);
    assert_eq!(one.lines, ["93rd Interpol General Assembly"]);
    assert!(!one.cut);
}

#[test]
fn a_cut_falls_between_words_with_an_ellipsis() {
    // issue 19: the matrix headed events "1st Regional Minis…", cut inside a word.
    let f = fit_words(
        "1st Regional Ministerial Conference on Border Security",
        25,
        1,
    );
    assert_eq!(f.lines, ["1st Regional Ministerial…"]);
    assert!(f.cut);
    let two = fit_words("Naif Arab University for Security Sciences", 16, 2);
    assert_eq!(two.lines, ["Naif Arab", "University for…"]);
    assert!(two.cut);
}

#[test]
fn dangling_punctuation_is_dropped_at_the_cut() {
    let f = fit_words("Workshop on Border Management (Cairo 2021)", 31, 1);
    assert_eq!(f.lines, ["Workshop on Border Management…"]);
    let g = fit_words("Security, Defence and Aviation", 10, 1);
    assert_eq!(g.lines, ["Security…"]);
    let h = fit_words("Border Security - Regional Cooperation", 17, 1);
    assert_eq!(h.lines, ["Border Security…"]);
}

#[test]
fn only_a_word_longer_than_a_line_is_cut_inside() {
    let f = fit_words("Interkommunalverwaltungsbehörde Nord", 10, 2);
    assert_eq!(f.lines, ["Interkomm…", "Nord"]);
    assert!(f.cut);
    let g = fit_words("", 10, 2);
    assert!(g.lines.is_empty() && !g.cut);
    let zero = fit_words("ab", 0, 0);
    assert_eq!(zero.lines, ["…"]);
}

#[test]
fn arabic_names_are_counted_in_characters_not_bytes() {
    let name = "جامعة نايف العربية للعلوم الأمنية";
    let f = fit_words(name, 40, 1);
    assert_eq!(f.lines, [name]);
    assert!(!f.cut);
}

proptest! {
    #[test]
    fn fitted_labels_respect_the_box_and_cut_only_between_words(
        words in proptest::collection::vec("[a-zA-Zé]{1,12}", 0..14),
        line_chars in 1usize..40,
        max_lines in 1usize..4,
    ) {
        let text = words.join(" ");
        let f = fit_words(&text, line_chars, max_lines);
        prop_assert!(f.lines.len() <= max_lines);
        for line in &f.lines {
            prop_assert!(line.chars().count() <= line_chars.max(1), "{line:?} in {line_chars}");
        }
        let shown = f.text().replace('\n', " ");
        if !f.cut {
            prop_assert_eq!(&shown, &text);
        } else {
            prop_assert!(shown.contains('…'));
            // Every whole word shown is a word of the text, in order: the cut
            // is between words unless one word is longer than a line.
            let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
            if longest < line_chars {
                prop_assert!(shown.ends_with('…'));
                let kept = shown.trim_end_matches('…');
                prop_assert!(text.starts_with(kept), "{kept:?} from {text:?}");
                let next = text[kept.len()..].chars().next();
                prop_assert!(next == Some(' ') || next.is_none(), "cut inside a word: {kept:?}");
            }
        }
    }
}

fn engine() -> Engine {
    crate::fixtures::synth_engine(3_000, 19)
}

#[test]
fn grouping_by_kind_keeps_the_chosen_order_within_each_group() {
    let engine = engine();
    let selection = engine.query(&ViewState::default());
    for order in RowOrder::ALL {
        let plain = build_matrix(&engine, &selection, order);
        let mut grouped = plain.clone();
        grouped.group_by_kind(&engine);
        assert_eq!(grouped.rows.len(), plain.rows.len());
        let kind = |a: u32| engine.dataset().actors[a as usize].kind;
        // Groups in the order countries, organisations, persons; non-empty; covering.
        let kinds: Vec<ActorKind> = grouped.groups.iter().map(|g| g.kind).collect();
        let mut sorted = kinds.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(kinds, sorted, "{order:?}");
        let mut next = 0;
        for g in &grouped.groups {
            assert_eq!(g.start, next);
            assert!(g.len > 0);
            for r in g.start..g.start + g.len {
                assert_eq!(kind(grouped.rows[r as usize]), g.kind);
            }
            // Within the group: the same relative order as the ungrouped rows.
            let within: Vec<u32> = plain
                .rows
                .iter()
                .copied()
                .filter(|&a| kind(a) == g.kind)
                .collect();
            assert_eq!(
                &grouped.rows[g.start as usize..(g.start + g.len) as usize],
                &within[..]
            );
            next += g.len;
        }
        assert_eq!(next as usize, grouped.rows.len());
        // Cells and totals travel with their rows.
        for (r, &actor) in grouped.rows.iter().enumerate() {
            let p = plain
                .rows
                .iter()
                .position(|&a| a == actor)
                .expect("same actors");
            assert_eq!(grouped.row_totals[r], plain.row_totals[p]);
            for c in 0..plain.columns.len().min(50) {
                assert_eq!(grouped.cell(r, c), plain.cell(p, c));
            }
        }
        assert_eq!(grouped.column_totals, plain.column_totals);
    }
}

#[test]
fn slots_put_a_header_before_each_group_and_map_back_to_rows() {
    let engine = engine();
    let selection = engine.query(&ViewState::default());
    let mut m = build_matrix(&engine, &selection, RowOrder::Name);
    assert!(m.groups.is_empty());
    assert_eq!(m.slot_count(), m.rows.len());
    assert_eq!(m.slot(3), Some(Slot::Row(3)));
    assert_eq!(m.slot(m.rows.len()), None);
    m.group_by_kind(&engine);
    assert!(m.groups.len() >= 2, "the synthetic data has several kinds");
    assert_eq!(m.slot_count(), m.rows.len() + m.groups.len());
    assert_eq!(m.slot(0), Some(Slot::Group(0)));
    let mut rows_seen = 0;
    let mut groups_seen = 0;
    for i in 0..m.slot_count() {
        match m.slot(i).expect("in range") {
            Slot::Group(g) => {
                assert_eq!(g, groups_seen);
                assert_eq!(m.groups[g].start as usize, rows_seen);
                groups_seen += 1;
            }
            Slot::Row(r) => {
                assert_eq!(r, rows_seen);
                assert_eq!(m.slot_of_row(r), i);
                rows_seen += 1;
            }
        }
    }
    assert_eq!((rows_seen, groups_seen), (m.rows.len(), m.groups.len()));
    assert_eq!(m.slot(m.slot_count()), None);
}

#[test]
fn grouping_words_round_trip() {
    for g in RowGrouping::ALL {
        assert_eq!(RowGrouping::parse(g.as_str()), Some(g));
    }
    assert_eq!(RowGrouping::parse("kinds"), None);
}
