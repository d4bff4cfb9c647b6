//! The quote check: does each participation's quote occur in its source's text?
//!
//! - **Matching rule** ([`locate_quote`]): the quote must occur in the text after
//!   both are normalised the same way: apostrophes `'` `’` `‘` `ʼ` `′` are one
//!   character; double quotation marks `"` `“` `”` `„` `«` `»` are one character;
//!   every run of whitespace (spaces, newlines, no-break spaces) is one space, and
//!   whitespace just inside French guillemets (`« mot »`) is dropped; the quote's
//!   leading and trailing whitespace is ignored. Case, accents and all
//!   other punctuation must match: a quote is verbatim evidence.
//! - A quote not found is a [`QuoteWarning`], not an error: the dataset still
//!   loads, and the app lists the warnings
//!   (`participations[12].quote: not found in the text of source "ID"`).
//!
//! Loading checks the inline texts ([`check_quotes`]); texts fetched later are
//! checked when they arrive ([`crate::sources::SourceLibrary::attach`], with the
//! same [`QuoteFinder`]). This module sits in the loading layer so that `load`
//! does not depend on the source library above it (issue 12); `crate::sources`
//! re-exports it.

use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::ops::Range;

use crate::model::Dataset;

/// A quote that its source's text does not hold (after normalisation).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuoteWarning {
    /// Index of the participation in `Dataset::participations`.
    pub participation: usize,
    /// The id of the source whose text was searched.
    pub source: String,
}

impl QuoteWarning {
    /// JSON path of the quote: `participations[12].quote`.
    pub fn path(&self) -> String {
        format!("participations[{}].quote", self.participation)
    }
}

impl fmt::Display for QuoteWarning {
    /// `participations[12].quote: not found in the text of source "ID"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: not found in the text of source {}",
            self.path(),
            serde_json::to_string(&self.source).unwrap_or_else(|_| self.source.clone())
        )
    }
}

/// The normalised form of a character for quote matching, or `None` for
/// whitespace (see the module's matching rule).
fn normal_char(c: char) -> Option<char> {
    match c {
        c if c.is_whitespace() => None,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' => Some('\''),
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => Some('"'),
        c => Some(c),
    }
}

/// A text in normalised form, with the original byte position of each byte.
struct Normalised {
    text: String,
    /// `origin[i]`: byte offset in the original of the character that produced
    /// byte `i` of `text`.
    origin: Vec<u32>,
}

fn normalise(original: &str) -> Normalised {
    let mut text = String::with_capacity(original.len());
    let mut origin = Vec::with_capacity(original.len());
    let mut space: Option<usize> = None;
    // French typography spaces guillemets (`« mot »`); an English-style quote
    // of the same words has none: the spaces inside them are dropped.
    let mut after_open = false;
    for (i, c) in original.char_indices() {
        match normal_char(c) {
            None => {
                if !text.is_empty() && space.is_none() && !after_open {
                    space = Some(i);
                }
            }
            Some(n) => {
                after_open = c == '\u{00AB}';
                if let Some(at) = space.take() {
                    if c != '\u{00BB}' {
                        text.push(' ');
                        origin.push(at as u32);
                    }
                }
                text.push(n);
                origin.extend(std::iter::repeat_n(i as u32, n.len_utf8()));
            }
        }
    }
    Normalised { text, origin }
}

/// A source's text, normalised once for looking up many quotes.
pub struct QuoteFinder<'t> {
    original: &'t str,
    normal: Normalised,
}

impl<'t> QuoteFinder<'t> {
    /// Prepares `text` for lookups.
    pub fn new(text: &'t str) -> QuoteFinder<'t> {
        QuoteFinder {
            original: text,
            normal: normalise(text),
        }
    }

    /// Byte range in the original text of the first occurrence of `quote`, by
    /// the module's matching rule; `None` when absent or when the quote is blank.
    pub fn find(&self, quote: &str) -> Option<Range<usize>> {
        let q = normalise(quote).text;
        if q.is_empty() {
            return None;
        }
        let at = self.normal.text.find(&q)?;
        let last = at + q.len() - 1;
        let start = *self.normal.origin.get(at)? as usize;
        let last_char = *self.normal.origin.get(last)? as usize;
        let end = last_char + self.original[last_char..].chars().next()?.len_utf8();
        Some(start..end)
    }
}

/// Where `quote` occurs in `text`, by the module's matching rule: the byte range
/// of its first occurrence in `text`, or `None`.
///
/// ```
/// use convene_core::load::quotes::locate_quote;
/// let text = "It said:\n“the Kingdom’s  commitment”.";
/// let at = locate_quote(text, "the Kingdom's commitment").unwrap();
/// assert_eq!(&text[at], "the Kingdom’s  commitment");
/// ```
pub fn locate_quote(text: &str, quote: &str) -> Option<Range<usize>> {
    QuoteFinder::new(text).find(quote)
}

/// Checks every quote whose source has an **inline** `text` (a `text_url` text is
/// checked when it arrives, by [`crate::sources::SourceLibrary::attach`]).
/// Warnings in participation order; a participation without a quote, or whose
/// source has no inline text, has nothing to check.
pub fn check_quotes(dataset: &Dataset) -> Vec<QuoteWarning> {
    let mut finders: HashMap<&str, QuoteFinder<'_>> = HashMap::default();
    for s in &dataset.sources {
        if let Some(text) = s.text.as_deref() {
            finders.insert(s.id.as_str(), QuoteFinder::new(text));
        }
    }
    let mut warnings = Vec::new();
    for (pi, p) in dataset.participations.iter().enumerate() {
        let (Some(finder), Some(quote)) = (finders.get(p.source.as_str()), p.quote.as_deref())
        else {
            continue;
        };
        if finder.find(quote).is_none() {
            warnings.push(QuoteWarning {
                participation: pi,
                source: p.source.clone(),
            });
        }
    }
    warnings
}
