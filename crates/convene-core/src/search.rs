//! Full-text search over events.
//!
//! Documents are **events**. An event's text is its name, summary, themes, city,
//! host country (its code and the name of the country actor with that ISO3 code,
//! as the country facet shows it), venue, series and edition, plus, for every
//! actor that took part, the actor's name, acronym, aliases and ISO3 code, plus
//! every participation's quote. So a search for an actor finds the events it took
//! part in, and a search for a country the events held there.
//!
//! # Query semantics
//! - The query is folded and tokenised like the text (see [`tokenize`]; case,
//!   accents and marks in every covered script, ligatures, Arabic letter variants
//!   and Arabic-Indic digits do not matter); a query word with a leading Arabic
//!   article or proclitic is looked up by its stripped form, which the index holds
//!   for every such word (`الأمن`, `أمن` and `والأمن` find one another). A query
//!   with no term (blank, punctuation only) is no filter: [`SearchIndex::search`]
//!   answers `None`.
//! - **Every term matches as a prefix** of a word (from one character on), so
//!   results appear as the user types and `bord sec` finds "Border Security";
//!   this is also MiniSearch's `prefix: true`, so recall is at least its.
//! - Several terms combine with **AND**: each must match somewhere in the event
//!   (not necessarily in the same field).
//!
//! # Ranking
//! BM25F (k1 = 1.2, b = 0.75 per field): each field's term frequency is weighted
//! and normalised by that field's length before saturation. Field weights, highest
//! first: event name; an actor's acronym and name; aliases; series, themes, city,
//! country code; venue; edition and summary; quotes. A query term scores its
//! best-matching word. The word the typed prefix determines scores in full: the
//! longest common prefix of the words it selects, when that is a word itself
//! (`bord`, selecting only `border` and `bordering`, determines `border`); a
//! longer word is discounted ×0.3 to ×0.6, less the more of it is determined.
//! The discount depends on which words the prefix selects, not on how many
//! letters were typed, so each such set has one ranked list, computed when the
//! index is built (see the `index` module). The event score sums its terms'
//! scores; ties go to the lower event index.
//!
//! # Source texts
//! A source's full text (see [`crate::sources`]) is searched as a second tier:
//! [`SourceTextIndex`] indexes each source's text once, and an event that the
//! query does not match in its own fields but whose source's text holds every
//! term is listed **after** every event matched in its own fields, with a
//! [`snippet`] of the source around the match. See
//! [`crate::sources::SourceLibrary::search`].
//!
//! # Highlighting
//! [`highlight`] marks, in the original text, each word that a query term is a
//! prefix of: the whole word, marks included, for a whole-word match; only the
//! typed prefix (rounded to whole characters, with the marks that follow them) for
//! a prefix match. Ranges are in logical order, whatever the text's direction.

mod fold_table;
mod index;
mod lower_table;
mod source_text;
mod text;

use std::ops::Range;

pub use index::{SearchBuild, SearchHit, SearchIndex, SearchResult};
pub use source_text::{snippet, Snippet, SourceTextIndex, SNIPPET_RADIUS};
pub use text::{fold, fold_key, lower, tokenize, Token};

/// Byte ranges of `text` that match the terms of `query`, for `<mark>`: sorted,
/// non-overlapping, on char boundaries of the original (unfolded) text, so query
/// `securite` marks `Sécurité`. Right-to-left text is text like any other: the
/// ranges are in logical (memory) order and the renderer lays them out.
///
/// A word whose folded form (or, for an Arabic word, one of its stripped forms:
/// see [`tokenize`]) equals a query term is marked whole, marks included (an Arabic
/// word with harakat, from its first letter to its last mark). A word that a query
/// term is only a prefix of is marked over the typed prefix, plus the clitics
/// stripped before it, rounded out to whole characters and the marks that follow
/// them (`bor` marks `Bor` in `Border`, `أم` marks `الأَمْ` in `الأَمْنُ`). A word
/// joined by apostrophes is marked across them when the joined form matches
/// (`obrien` marks `O'Brien`). When several terms fit, the whole-word match wins,
/// then the longest.
pub fn highlight(text: &str, query: &str) -> Vec<Range<usize>> {
    let terms = text::query_terms(query);
    let mut out = Vec::new();
    if terms.is_empty() {
        return out;
    }
    let mut word: Option<WordMatch> = None;
    let mut buf = String::new();
    let finish = |word: Option<WordMatch>, out: &mut Vec<Range<usize>>| {
        if let Some(WordMatch {
            span,
            len,
            best: Some((covered, whole)),
        }) = word
        {
            out.push(if whole || covered >= len {
                span
            } else {
                prefix_span(text, span, covered)
            });
        }
    };
    text::for_each_token(text, &mut buf, |folded, span, form| {
        if form != text::Form::Stripped {
            finish(word.take(), &mut out);
            word = Some(WordMatch {
                span,
                len: folded.len(),
                best: None,
            });
        }
        let Some(w) = word.as_mut() else {
            return;
        };
        // A stripped form is a suffix of the word's folded form.
        let skip = w.len - folded.len();
        for t in terms.iter().filter(|t| folded.starts_with(t.as_str())) {
            let cand = (skip + t.len(), t.len() == folded.len());
            if w.best.is_none_or(|b| (cand.1, cand.0) > (b.1, b.0)) {
                w.best = Some(cand);
            }
        }
    });
    finish(word, &mut out);
    // A joined word (`O'Brien`) overlaps its parts: merge what overlaps.
    crate::sort::sort_by_cmp(&mut out, &|a, b| (a.start, a.end).cmp(&(b.start, b.end)));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The word [`highlight`] is reading and its best match so far.
struct WordMatch {
    /// The word in the original text.
    span: Range<usize>,
    /// Bytes of its folded form.
    len: usize,
    /// Folded bytes the best query term covers (clitics stripped before it
    /// included), and whether it matched a form of the word whole.
    best: Option<(usize, bool)>,
}

/// The start of the word at `span` whose folded form covers `covered` bytes, rounded
/// out to whole characters (a character that folds to several letters, `œ`, is
/// marked whole) and to the marks after them.
fn prefix_span(text: &str, span: Range<usize>, covered: usize) -> Range<usize> {
    let word = &text[span.clone()];
    let mut folded_len = 0;
    let mut one = String::new();
    let mut end = None;
    for (i, c) in word.char_indices() {
        one.clear();
        // A separator inside a joined word (its apostrophe) folds to nothing and
        // ends the marks that follow a letter.
        let token = text::fold_token_char(c, &mut one);
        match end {
            Some(_) if !token => break,
            None => {
                folded_len += one.len();
                if folded_len >= covered {
                    end = Some(i + c.len_utf8());
                }
            }
            // A character that folds to nothing (a mark, a tatweel) goes with the
            // letter before it.
            Some(_) if one.is_empty() => end = Some(i + c.len_utf8()),
            Some(_) => break,
        }
    }
    match end {
        Some(e) => span.start..span.start + e,
        None => span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked<'a>(text: &'a str, query: &str) -> Vec<&'a str> {
        highlight(text, query)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn highlight_marks_accented_words_in_the_original() {
        assert_eq!(
            marked("La Sécurité des frontières", "securite"),
            ["Sécurité"]
        );
        assert_eq!(
            marked("Sénégal, SÉNÉGAL", "senegal"),
            ["Sénégal", "SÉNÉGAL"]
        );
    }

    #[test]
    fn highlight_marks_only_the_typed_prefix() {
        assert_eq!(marked("Border security", "bor sec"), ["Bor", "sec"]);
        assert_eq!(marked("Frontières", "frontie"), ["Frontiè"]);
        // `œ` folds to two letters: a prefix ending inside it marks it whole.
        assert_eq!(marked("Œuvre", "o"), ["Œ"]);
        assert_eq!(marked("Œuvre", "oeu"), ["Œu"]);
    }

    #[test]
    fn highlight_prefers_the_longest_term_and_skips_elisions() {
        assert_eq!(marked("l'OIM et l'ONU", "o oim"), ["OIM", "O"]);
        assert_eq!(highlight("", "x"), Vec::<Range<usize>>::new());
        assert_eq!(highlight("anything", "  ;; "), Vec::<Range<usize>>::new());
    }

    #[test]
    fn highlight_covers_an_arabic_word_with_its_marks() {
        let text = "مؤتمر الأَمْنِ الإقليمي";
        // Whole-word match, with or without marks or article: the whole word,
        // its final kasra included.
        for q in ["الأمن", "الامن", "أمن", "امن", "الأَمْنِ", "والأمن"]
        {
            assert_eq!(marked(text, q), ["الأَمْنِ"], "{q:?}");
        }
        // A typed prefix: the letters it covers (clitics included) and the marks
        // that follow them.
        assert_eq!(marked(text, "الأم"), ["الأَمْ"]);
        assert_eq!(marked(text, "ام"), ["الأَمْ"]);
        assert_eq!(marked("بَيْتٌ", "بي"), ["بَيْ"]);
        assert_eq!(marked("مـــحمد", "م"), ["مـــ"]);
    }

    #[test]
    fn highlight_covers_decomposed_and_precomposed_vietnamese() {
        assert_eq!(
            marked("Nguyễn Phú Trọng", "nguyen trong"),
            ["Nguyễn", "Trọng"]
        );
        assert_eq!(marked("Nguyễn", "nguye"), ["Nguyễ"]);
        let nfd = "Vie\u{323}\u{302}t Nam";
        assert_eq!(marked(nfd, "vie"), ["Vie\u{323}\u{302}"]);
        assert_eq!(marked(nfd, "viet"), ["Vie\u{323}\u{302}t"]);
    }

    #[test]
    fn highlight_ranges_are_valid_in_right_to_left_and_mixed_text() {
        let text = "اجتماع منظمة الأمم المتحدة (UN) في 2017 — Straße";
        for q in [
            "منظمة",
            "منظمه",
            "الأمم",
            "امم",
            "un",
            "2017",
            "strasse",
            "المتح",
        ] {
            let spans = highlight(text, q);
            assert!(!spans.is_empty(), "{q:?}");
            for r in &spans {
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
        }
        assert_eq!(marked(text, "منظمه"), ["منظمة"]);
        assert_eq!(marked(text, "المتح"), ["المتح"]);
    }

    #[test]
    fn highlight_spans_are_sorted_and_disjoint_on_multibyte_text() {
        let text = "Réunion ministérielle à Bamako — «sécurité» et ŒUVRE ß";
        let spans = highlight(text, "r m s b e oe ss");
        for w in spans.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        for r in &spans {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        assert_eq!(marked(text, "ss"), ["ß"]);
    }
}
