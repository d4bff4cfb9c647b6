//! Search over source texts: the second tier of [`super::SearchIndex`]'s answers.
//!
//! A source's text is indexed **once per source**, never copied into each event
//! it reports: at a million participations a few hundred sources may report
//! thousands of events each, and each text would otherwise be repeated per event.
//! The events a matching source reports are found at query time from the
//! source -> events lists that [`crate::sources::SourceLibrary`] keeps.
//!
//! Query semantics, like the event index's: the query is folded and tokenised by
//! the shared rules ([`super::tokenize`]), every term matches as a prefix of a
//! word, and a source matches when its text holds **every** term (AND). A query
//! whose terms are split between an event's own fields and its source's text does
//! not match through the source (each tier answers the whole query on its own).

use std::ops::Range;

use super::text;
use crate::sort::{f32_key, sort_by_cmp, sort_by_u64_key};

/// One source's words: its distinct folded terms, sorted, with their counts.
#[derive(Debug, Clone, Default)]
struct SourceDoc {
    /// Distinct folded terms, ascending, each with how often it occurs.
    terms: Vec<(Box<str>, u32)>,
    /// Length of the text in tokens.
    len: u32,
}

impl SourceDoc {
    fn new(text_: &str) -> SourceDoc {
        let mut all: Vec<Box<str>> = Vec::new();
        let mut buf = String::new();
        text::for_each_token(text_, &mut buf, |term, _, _| all.push(term.into()));
        let len = all.len() as u32;
        sort_by_cmp(&mut all, &|a, b| a.cmp(b));
        let mut terms: Vec<(Box<str>, u32)> = Vec::new();
        for term in all {
            match terms.last_mut() {
                Some((last, n)) if *last == term => *n += 1,
                _ => terms.push((term, 1)),
            }
        }
        terms.shrink_to_fit();
        SourceDoc { terms, len }
    }

    /// Occurrences of the words that start with `prefix`; a word equal to the
    /// prefix counts in full, a longer one half (the same preference for the word
    /// typed that the event index gives).
    fn prefix_weight(&self, prefix: &str) -> f32 {
        let start = self.terms.partition_point(|(t, _)| &**t < prefix);
        self.terms[start..]
            .iter()
            .take_while(|(t, _)| t.starts_with(prefix))
            .map(|(t, n)| {
                if t.len() == prefix.len() {
                    *n as f32
                } else {
                    0.5 * *n as f32
                }
            })
            .sum()
    }
}

/// The words of every source that has a text, by source index.
#[derive(Debug, Clone, Default)]
pub struct SourceTextIndex {
    docs: Vec<Option<SourceDoc>>,
}

impl SourceTextIndex {
    /// Indexes (or re-indexes) the text of source `source` (its index in
    /// `Dataset::sources`).
    pub fn set(&mut self, source: usize, text: &str) {
        if self.docs.len() <= source {
            self.docs.resize(source + 1, None);
        }
        self.docs[source] = Some(SourceDoc::new(text));
    }

    /// Whether no source has an indexed text.
    pub fn is_empty(&self) -> bool {
        self.docs.iter().all(Option::is_none)
    }

    /// Approximate heap memory, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.docs
            .iter()
            .flatten()
            .map(|d| d.terms.iter().map(|(t, _)| t.len() + 20).sum::<usize>())
            .sum()
    }

    /// Sources whose text holds every term of `query` (each as a word prefix),
    /// with a relevance score (higher is better: per term, the log of its
    /// occurrences, normalised by the text's length), best first, ties by
    /// ascending source index. Empty for a query without terms.
    pub fn matches(&self, query: &str) -> Vec<(u32, f32)> {
        let terms = text::query_terms(query);
        if terms.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<(u32, f32)> = Vec::new();
        'docs: for (s, doc) in self.docs.iter().enumerate() {
            let Some(doc) = doc else { continue };
            let mut score = 0.0;
            for term in &terms {
                let w = doc.prefix_weight(term);
                if w == 0.0 {
                    continue 'docs;
                }
                score += (1.0 + w).ln();
            }
            // Long texts mention everything once: a mild length normalisation.
            score /= (1.0 + doc.len as f32 / 500.0).sqrt();
            out.push((s as u32, score));
        }
        sort_by_u64_key(&mut out, |&(s, score)| {
            u64::from(!f32_key(score)) << 32 | u64::from(s)
        });
        out
    }
}

/// A short passage of a source's text around a match, for a search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The passage as shown: whitespace runs collapsed to one space, with `…` at
    /// a cut end.
    pub text: String,
    /// Byte ranges of `text` to mark (see [`super::highlight`]).
    pub marks: Vec<Range<usize>>,
    /// Where the passage lies in the source's text (bytes, char boundaries).
    pub range: Range<usize>,
}

/// About how many characters a snippet shows on each side of its match.
pub const SNIPPET_RADIUS: usize = 70;

/// The passage of `text` around the first word that a term of `query` is a
/// prefix of, about `radius` characters on each side, cut at spaces; `None` when
/// no word matches.
///
/// ```
/// use convene_core::search::snippet;
/// let s = snippet("Les travaux sur la sécurité aux frontières.", "securite", 12).unwrap();
/// assert_eq!(s.text, "… sur la sécurité aux …");
/// assert_eq!(&s.text[s.marks[0].clone()], "sécurité");
/// ```
pub fn snippet(text_: &str, query: &str, radius: usize) -> Option<Snippet> {
    let terms = text::query_terms(query);
    if terms.is_empty() {
        return None;
    }
    let mut buf = String::new();
    let mut hit: Option<Range<usize>> = None;
    text::for_each_token(text_, &mut buf, |folded, span, _| {
        if hit.is_none() && terms.iter().any(|t| folded.starts_with(t.as_str())) {
            hit = Some(span);
        }
    });
    let hit = hit?;
    // Walk `radius` chars out from the match, then back in to the nearest space
    // so no word is cut (a single longer word is cut mid-word).
    let before = &text_[..hit.start];
    let mut start = before
        .char_indices()
        .rev()
        .nth(radius.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if start > 0 {
        if let Some(i) = text_[start..hit.start].find(char::is_whitespace) {
            start += i;
        }
    }
    let after = &text_[hit.end..];
    let mut end = after
        .char_indices()
        .nth(radius)
        .map_or(text_.len(), |(i, _)| hit.end + i);
    if end < text_.len() {
        if let Some(i) = text_[hit.end..end].rfind(char::is_whitespace) {
            end = hit.end + i;
        }
    }
    let mut shown = String::new();
    if start > 0 {
        shown.push_str("… ");
    }
    let mut space = false;
    for c in text_[start..end].trim().chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                shown.push(' ');
                space = false;
            }
            shown.push(c);
        }
    }
    if end < text_.len() {
        shown.push_str(" …");
    }
    let marks = super::highlight(&shown, query);
    Some(Snippet {
        text: shown,
        marks,
        range: start..end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_matches_only_when_it_holds_every_term() {
        let mut index = SourceTextIndex::default();
        index.set(0, "La sécurité aux frontières, à Casablanca.");
        index.set(2, "Border security in Cairo.");
        assert_eq!(index.matches("sécu").len(), 2);
        let both = index.matches("securite casa");
        assert_eq!(both.iter().map(|m| m.0).collect::<Vec<_>>(), [0]);
        assert!(index.matches("securite cairo").is_empty());
        assert!(index.matches(" ;; ").is_empty());
    }

    #[test]
    fn snippets_cut_at_spaces_and_mark_the_match() {
        let text = "One two three four five six seven eight nine ten eleven twelve";
        let s = snippet(text, "six", 8).expect("a match");
        assert_eq!(s.text, "… five six seven …");
        assert_eq!(&s.text[s.marks[0].clone()], "six");
        assert_eq!(text[s.range.clone()].trim(), "five six seven");
        // At the start of the text: no leading ellipsis; whitespace collapses.
        let s = snippet("Alpha\n\n  beta gamma", "alp", 40).expect("a match");
        assert_eq!(s.text, "Alpha beta gamma");
        assert_eq!(&s.text[s.marks[0].clone()], "Alp");
        assert!(snippet(text, "zebra", 8).is_none());
    }
}
