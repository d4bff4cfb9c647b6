//! Folding and tokenising: the one definition of "a term" that the index, the
//! query parser and [`highlight`](super::highlight) all share, so that a word is
//! found and marked the same way everywhere.
//!
//! Rules:
//! - a token is a maximal run of alphanumeric characters (digits kept: `2017`,
//!   `g7`); combining marks (U+0300..U+036F and the other combining blocks) stay
//!   inside the token and fold away, so decomposed `e\u{301}` reads as `e`;
//! - folding lowercases and strips diacritics; ligatures and special letters of
//!   Latin-1 and Latin Extended-A expand (`œ`→`oe`, `æ`→`ae`, `ß`→`ss`, `ø`→`o`,
//!   `ł`→`l`, `þ`→`th`), plus Romanian `ș`/`ț`; other scripts are lowercased only;
//! - apostrophes (`'`, `’`, `‘`, `ʼ`) split tokens, and a French elided article or
//!   pronoun right before one (`l'`, `d'`, `qu’`, `jusqu'`...) is dropped, so
//!   `l'OIM` indexes as `oim` and `d’une` as `une`.
//!
//! Why a hand-written table and not `unicode-normalization` (NFD, then strip marks):
//! the app's whole budget is 150 KB brotli, NFD's tables cost tens of KB of wasm,
//! and the sources are English and French. The 192-entry table below covers every
//! letter those (and most Latin-script European languages) use, in a few hundred bytes.

use std::ops::Range;

/// Folded forms of U+00C0..=U+017F (Latin-1 letters and Latin Extended-A).
/// An empty entry (`×`, `÷`) means "not a letter: keep as is".
const LATIN: [&str; 192] = [
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", // U+00C0
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss", // U+00D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", // U+00E0
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y", // U+00F0
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d", // U+0100
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g", // U+0110
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i", // U+0120
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l",
    "l", // U+0130
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o", // U+0140
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s",
    "s", // U+0150
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u", // U+0160
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s", // U+0170
];

/// French elided words: dropped when an apostrophe joins them to the next word.
const ELISIONS: [&str; 12] = [
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
];

/// Whether `c` is an apostrophe (straight, typographic, or the modifier letter,
/// which Unicode counts as a letter and would otherwise glue words together).
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// Combining diacritical marks: part of a word, folded to nothing.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Whether `c` belongs inside a token.
pub(crate) fn is_token_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        (c.is_alphanumeric() && !is_apostrophe(c)) || is_combining(c)
    }
}

/// Appends the folded form of `c` to `out`.
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let cp = c as u32;
    if (0xC0..0x180).contains(&cp) {
        let folded = LATIN[(cp - 0xC0) as usize];
        if folded.is_empty() {
            out.push(c);
        } else {
            out.push_str(folded);
        }
        return;
    }
    match c {
        '\u{0218}' | '\u{0219}' => out.push('s'),
        '\u{021A}' | '\u{021B}' => out.push('t'),
        c if is_combining(c) => {}
        // `to_lowercase` can emit a combining mark (`İ` → `i̇`): strip it too.
        c => out.extend(c.to_lowercase().filter(|l| !is_combining(*l))),
    }
}

/// Folds a whole text: lowercase, diacritics stripped, ligatures expanded.
/// Characters that are not letters are kept (lowercased), so this is for display
/// and comparison; [`tokenize`] is what the index uses.
///
/// ```
/// assert_eq!(convene_core::search::fold("Sécurité des Frontières, Œuvre"), "securite des frontieres, oeuvre");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// One searchable word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The folded form, as the index stores it.
    pub term: String,
    /// Where the word sits in the original text (bytes, on char boundaries).
    pub span: Range<usize>,
}

/// Splits `text` into folded tokens with their original byte spans, by the rules
/// of this module (elided French articles dropped).
///
/// ```
/// let terms: Vec<String> = convene_core::search::tokenize("L'OIM d’une Sécurité G7")
///     .into_iter().map(|t| t.term).collect();
/// assert_eq!(terms, ["oim", "une", "securite", "g7"]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for_each_token(text, &mut buf, |term, span| {
        out.push(Token {
            term: term.to_owned(),
            span,
        })
    });
    out
}

/// Calls `f(folded, span)` for each token of `text`, folding into the reused
/// buffer `buf` so the index builder allocates nothing per token.
pub(crate) fn for_each_token(text: &str, buf: &mut String, mut f: impl FnMut(&str, Range<usize>)) {
    // Walks bytes, decoding a char only at non-ASCII bytes: most text is ASCII,
    // and this loop is most of the index build.
    let bytes = text.as_bytes();
    let char_at = |i: usize| -> char {
        match bytes.get(i) {
            Some(&b) if b < 0x80 => b as char,
            Some(_) => text
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or(' '),
            None => ' ',
        }
    };
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let c = char_at(i);
        let next = i + c.len_utf8();
        if is_token_char(c) {
            if start.is_none() {
                start = Some(i);
                buf.clear();
            }
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else {
                fold_char(c, buf);
            }
        } else if let Some(s) = start.take() {
            let elided = is_apostrophe(c)
                && next < bytes.len()
                && is_token_char(char_at(next))
                && is_elision(buf);
            if !elided && !buf.is_empty() {
                f(buf, s..i);
            }
        }
        i = next;
    }
    if let Some(s) = start {
        if !buf.is_empty() {
            f(buf, s..text.len());
        }
    }
}

/// Whether a folded token is a French elided word (checked only before an apostrophe).
fn is_elision(token: &str) -> bool {
    token.len() <= 6 && ELISIONS.contains(&token)
}

/// The distinct folded terms of a query, in order of appearance.
pub(crate) fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut buf = String::new();
    for_each_token(query, &mut buf, |term, _| {
        if !terms.iter().any(|t| t == term) {
            terms.push(term.to_owned());
        }
    });
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn case_and_accents_fold() {
        assert_eq!(
            terms("Sécurité SÉNÉGAL Côte d'Ivoire"),
            ["securite", "senegal", "cote", "ivoire"]
        );
        assert_eq!(
            terms("Ångström Łódź Dvořák Ørsted İstanbul"),
            ["angstrom", "lodz", "dvorak", "orsted", "istanbul"]
        );
        assert_eq!(terms("București Timișoara"), ["bucuresti", "timisoara"]);
    }

    #[test]
    fn ligatures_and_special_letters_expand() {
        assert_eq!(
            terms("Œuvre cœur Æsir Straße Þing"),
            ["oeuvre", "coeur", "aesir", "strasse", "thing"]
        );
    }

    #[test]
    fn decomposed_accents_fold_like_precomposed() {
        assert_eq!(terms("se\u{301}curite\u{301}"), ["securite"]);
        // A stray combining mark alone is no token.
        assert!(terms("\u{301} \u{301}").is_empty());
    }

    #[test]
    fn elisions_drop_with_both_apostrophes() {
        assert_eq!(
            terms("d'une l'OIM qu’il jusqu'à lorsqu’elle s'est"),
            ["une", "oim", "il", "a", "elle", "est"]
        );
        assert_eq!(terms("lʼUnion"), ["union"]);
        // Not an elision: the word before the apostrophe is kept.
        assert_eq!(terms("O'Brien"), ["o", "brien"]);
        // A trailing apostrophe elides nothing.
        assert_eq!(terms("l'"), ["l"]);
    }

    #[test]
    fn punctuation_splits_and_digits_stay() {
        assert_eq!(
            terms("G7/G20-summit, 2017 (5th)"),
            ["g7", "g20", "summit", "2017", "5th"]
        );
        assert_eq!(terms("…!?  --"), Vec::<String>::new());
    }

    #[test]
    fn spans_point_into_the_original_text() {
        let text = "«Sécurité» l'OIM";
        let toks = tokenize(text);
        assert_eq!(&text[toks[0].span.clone()], "Sécurité");
        assert_eq!(&text[toks[1].span.clone()], "OIM");
    }

    #[test]
    fn other_scripts_lowercase() {
        assert_eq!(terms("ΑΘΗΝΑ Москва"), ["αθηνα", "москва"]);
    }

    #[test]
    fn query_terms_are_distinct() {
        assert_eq!(query_terms("Border border BORDÉR sec"), ["border", "sec"]);
    }
}
