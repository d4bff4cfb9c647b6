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
//! - The query is folded and tokenised like the text (see [`tokenize`]); a query
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
//! prefix of: the whole word for a whole-word match, only the typed prefix (rounded
//! to whole characters) for a prefix match.

mod index;
mod source_text;
mod text;

use std::ops::Range;

pub use index::{SearchHit, SearchIndex, SearchResult};
pub use source_text::{snippet, Snippet, SourceTextIndex, SNIPPET_RADIUS};
pub use text::{fold, tokenize, Token};

/// Byte ranges of `text` that match the terms of `query`, for `<mark>`: sorted,
/// non-overlapping, on char boundaries of the original (unfolded) text, so query
/// `securite` marks `Sécurité`.
///
/// A word whose folded form equals a query term is marked whole; a word that a
/// query term is only a prefix of is marked over the typed prefix (`bor` marks
/// `Bor` in `Border`). When several terms fit, the longest wins.
pub fn highlight(text: &str, query: &str) -> Vec<Range<usize>> {
    let terms = text::query_terms(query);
    let mut out = Vec::new();
    if terms.is_empty() {
        return out;
    }
    let mut buf = String::new();
    text::for_each_token(text, &mut buf, |folded, span| {
        let Some(best) = terms
            .iter()
            .filter(|t| folded.starts_with(t.as_str()))
            .map(|t| t.len())
            .max()
        else {
            return;
        };
        if best == folded.len() {
            out.push(span);
            return;
        }
        // Walk the original characters until their folded forms cover the prefix;
        // a character that folds to several letters (`œ`) is marked whole.
        let word = &text[span.clone()];
        let mut folded_len = 0;
        let mut one = String::new();
        for (i, c) in word.char_indices() {
            one.clear();
            text::fold_char(c, &mut one);
            folded_len += one.len();
            if folded_len >= best {
                out.push(span.start..span.start + i + c.len_utf8());
                return;
            }
        }
        out.push(span);
    });
    out
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
