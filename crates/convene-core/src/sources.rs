//! Source texts: the quote check, where each quote sits in its source, the
//! source page's model, and search through source texts.
//!
//! A `convene/1` source may carry its full text inline (`text`) or name a
//! relative URL to fetch it from (`text_url`, fetched by the app when first
//! needed and handed over with [`SourceLibrary::attach`]). Whenever a source's
//! text is known, every participation citing that source has its quote looked up
//! in it:
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
//! - A quote found has a byte range in the source's text (its first occurrence),
//!   which the source page marks ([`SourcePage::segments`]).

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, RwLock};

pub use crate::load::quotes::{check_quotes, locate_quote, QuoteFinder, QuoteWarning};
use crate::model::Dataset;
use crate::search::{snippet, SearchHit, SearchIndex, SearchResult, Snippet, SourceTextIndex};
use crate::sort::{f32_key, order_by_u64_key, sort_by_u64_key, sort_u32};

/// The URL to fetch a `text_url` from: `text_url` resolved against the URL the
/// dataset was loaded from (its query and fragment dropped, then everything after
/// its last `/` replaced), as a browser resolves a relative path. Works for a
/// relative dataset URL too (`data/seed.json` + `sources/a.txt` =
/// `data/sources/a.txt`). `text_url` is expected to have passed
/// [`crate::load::is_relative_text_url`]; a leading `./` is dropped.
///
/// ```
/// use convene_core::sources::resolve_text_url;
/// assert_eq!(resolve_text_url("data/seed.json", "sources/a.txt"), "data/sources/a.txt");
/// assert_eq!(resolve_text_url("https://x.org/d/s.json?v=2", "./a.txt"), "https://x.org/d/a.txt");
/// assert_eq!(resolve_text_url("seed.json", "a.txt"), "a.txt");
/// ```
pub fn resolve_text_url(dataset_url: &str, text_url: &str) -> String {
    let base = dataset_url.split(['?', '#']).next().unwrap_or("");
    let dir = base.rfind('/').map_or("", |i| &base[..=i]);
    let mut rel = text_url;
    while let Some(rest) = rel.strip_prefix("./") {
        rel = rest;
    }
    format!("{dir}{rel}")
}

/// One quote found in its source's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Index of the participation in `Dataset::participations`.
    pub participation: u32,
    /// Byte range of the quote in the source's text.
    pub range: Range<usize>,
}

/// A stretch of a source's text as the source page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the source's text (char boundaries).
    pub range: Range<usize>,
    /// The participations whose quote covers this stretch, ascending; empty for
    /// plain text. Overlapping quotes split the text where they begin and end,
    /// so a stretch covered by two quotes names both.
    pub supports: Vec<u32>,
}

/// What the source page shows about one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePage {
    /// Index of the source in `Dataset::sources`.
    pub source: usize,
    /// The events the source reports (those listing it in `sources`, and those
    /// with a participation citing it), in dataset order.
    pub events: Vec<u32>,
    /// Every participation citing the source, in dataset order.
    pub participations: Vec<u32>,
    /// Parallel to `participations`: where each quote sits in the text; `None`
    /// when the text is not known or does not hold the quote.
    pub quote_ranges: Vec<Option<Range<usize>>>,
    /// The text, when known, split at quote boundaries; covers the whole text in
    /// order. Empty when the text is not (yet) known.
    pub segments: Vec<Segment>,
    /// Whether the text is known (inline, or fetched and attached).
    pub has_text: bool,
}

/// The known source texts of one dataset and what follows from them: quote
/// positions, warnings, the source-text search tier. Built by [`crate::engine::Engine::new`]
/// with the inline texts; texts fetched later are added with [`attach`]
/// (interior mutability, so a shared engine can take them).
///
/// [`attach`]: SourceLibrary::attach
#[derive(Debug, Default)]
pub struct SourceLibrary {
    inner: RwLock<Inner>,
    /// The last query's source-only events, for [`SourceLibrary::snippet`].
    last: Mutex<Option<(String, Arc<SourceHits>)>>,
}

/// An event matched only through a source's text.
#[derive(Debug, Clone, Copy, PartialEq)]
struct SourceHit {
    event: u32,
    source: u32,
    score: f32,
}

/// The events matched only through source texts for one query.
#[derive(Debug, Default)]
struct SourceHits {
    /// Best first.
    ranked: Vec<SourceHit>,
    /// (event, source), ascending by event: a card's lookup is a binary search.
    by_event: Vec<(u32, u32)>,
}

#[derive(Debug, Default)]
struct Inner {
    n_events: usize,
    /// Per source: its text, when known.
    texts: Vec<Option<Arc<str>>>,
    /// Per source: quotes found, ascending by start.
    quotes: Vec<Vec<QuoteSpan>>,
    /// Per source: the events it reports (only filled for sources with text).
    events: Vec<Vec<u32>>,
    /// Every warning so far, ascending by participation.
    warnings: Vec<QuoteWarning>,
    index: SourceTextIndex,
}

/// Reads a lock even if a writer panicked (the data stays usable: every write
/// completes its fields before publishing).
fn read(lock: &RwLock<Inner>) -> std::sync::RwLockReadGuard<'_, Inner> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

impl SourceLibrary {
    /// The library for `dataset`, with its inline texts attached and checked.
    pub fn new(dataset: &Dataset) -> SourceLibrary {
        let library = SourceLibrary::default();
        {
            let mut inner = library.inner.write().unwrap_or_else(|e| e.into_inner());
            inner.n_events = dataset.events.len();
            inner.texts = vec![None; dataset.sources.len()];
            inner.quotes = vec![Vec::new(); dataset.sources.len()];
            inner.events = vec![Vec::new(); dataset.sources.len()];
        }
        let inline: Vec<(usize, String)> = dataset
            .sources
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((i, s.text.clone()?)))
            .collect();
        if !inline.is_empty() {
            library.attach(dataset, inline);
        }
        library
    }

    /// Adds (or replaces) the texts of some sources, by index in
    /// `Dataset::sources`: checks the quotes of every participation citing them,
    /// records where each quote sits, indexes the texts for search. Returns the
    /// warnings for these sources, in participation order. An index out of range
    /// is ignored. One pass over the participations per call, so hand over every
    /// fetched text at once.
    pub fn attach(&self, dataset: &Dataset, texts: Vec<(usize, String)>) -> Vec<QuoteWarning> {
        let n = dataset.sources.len();
        let texts: Vec<(usize, Arc<str>)> = texts
            .into_iter()
            .filter(|(i, _)| *i < n)
            .map(|(i, t)| (i, Arc::from(t)))
            .collect();
        if texts.is_empty() {
            return Vec::new();
        }
        // Dense per-source slots rather than maps keyed by source: fewer generic
        // copies in the wasm (one `HashMap<&str, u32>` serves both id lookups).
        let mut by_id: HashMap<&str, u32> = HashMap::default();
        let mut finders: Vec<Option<QuoteFinder<'_>>> = Vec::new();
        finders.resize_with(n, || None);
        for (i, t) in &texts {
            by_id.insert(dataset.sources[*i].id.as_str(), *i as u32);
            finders[*i] = Some(QuoteFinder::new(t));
        }
        let mut quotes: Vec<Vec<QuoteSpan>> = vec![Vec::new(); n];
        let mut events: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut warnings = Vec::new();
        let mut event_ix: HashMap<&str, u32> = HashMap::default();
        for (e, event) in dataset.events.iter().enumerate().rev() {
            event_ix.insert(event.id.as_str(), e as u32);
            for s in &event.sources {
                if let Some(&si) = by_id.get(s.as_str()) {
                    events[si as usize].push(e as u32);
                }
            }
        }
        for (pi, p) in dataset.participations.iter().enumerate() {
            let Some(&si) = by_id.get(p.source.as_str()) else {
                continue;
            };
            let si = si as usize;
            if let Some(&e) = event_ix.get(p.event.as_str()) {
                events[si].push(e);
            }
            // A row without a quote (imported data may have none) has nothing to check.
            let Some(quote) = p.quote.as_deref() else {
                continue;
            };
            match finders[si].as_ref().and_then(|f| f.find(quote)) {
                Some(range) => quotes[si].push(QuoteSpan {
                    participation: pi as u32,
                    range,
                }),
                None => warnings.push(QuoteWarning {
                    participation: pi,
                    source: p.source.clone(),
                }),
            }
        }
        drop(finders);
        let mut inner = self.inner.write().unwrap_or_else(|e| e.into_inner());
        for (i, text) in texts {
            inner.index.set(i, &text);
            let mut q = std::mem::take(&mut quotes[i]);
            // Participations are visited in order, so equal starts keep it (stable).
            let order = order_by_u64_key(q.len(), |k| q[k].range.start as u64);
            q = order.iter().map(|&k| q[k as usize].clone()).collect();
            let mut ev = std::mem::take(&mut events[i]);
            sort_u32(&mut ev);
            ev.dedup();
            if inner.texts.len() <= i {
                inner.texts.resize(i + 1, None);
                inner.quotes.resize(i + 1, Vec::new());
                inner.events.resize(i + 1, Vec::new());
            }
            inner.texts[i] = Some(text);
            inner.quotes[i] = q;
            inner.events[i] = ev;
            let id = dataset.sources[i].id.as_str();
            inner.warnings.retain(|w| w.source != id);
        }
        inner.warnings.extend(warnings.iter().cloned());
        let all = std::mem::take(&mut inner.warnings);
        let order = order_by_u64_key(all.len(), |k| all[k].participation as u64);
        inner.warnings = order.iter().map(|&k| all[k as usize].clone()).collect();
        drop(inner);
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = None;
        warnings
    }

    /// The sources that name a `text_url` and whose text is not attached yet:
    /// (index in `Dataset::sources`, the URL as written, relative to the
    /// dataset's URL). What the app fetches.
    pub fn missing_texts(&self, dataset: &Dataset) -> Vec<(usize, String)> {
        let inner = read(&self.inner);
        dataset
            .sources
            .iter()
            .enumerate()
            .filter(|(i, _)| inner.texts.get(*i).is_none_or(Option::is_none))
            .filter_map(|(i, s)| Some((i, s.text_url.clone()?)))
            .collect()
    }

    /// The text of source `source`, when known.
    pub fn text(&self, source: usize) -> Option<Arc<str>> {
        read(&self.inner).texts.get(source).cloned().flatten()
    }

    /// Every quote warning so far (inline texts and attached ones), in
    /// participation order.
    pub fn warnings(&self) -> Vec<QuoteWarning> {
        read(&self.inner).warnings.clone()
    }

    /// Where the quote of participation `participation` sits in its source's
    /// text: `None` when the text is not known or the quote was not found.
    /// `source` is the index of the participation's source in `Dataset::sources`.
    pub fn quote_range(&self, source: usize, participation: usize) -> Option<Range<usize>> {
        let inner = read(&self.inner);
        inner
            .quotes
            .get(source)?
            .iter()
            .find(|q| q.participation as usize == participation)
            .map(|q| q.range.clone())
    }

    /// The source page's model for source `source` (index in
    /// `Dataset::sources`); `None` when out of range.
    pub fn page(&self, dataset: &Dataset, source: usize) -> Option<SourcePage> {
        let id = dataset.sources.get(source)?.id.as_str();
        let participations: Vec<u32> = dataset
            .participations
            .iter()
            .enumerate()
            .filter(|(_, p)| p.source == id)
            .map(|(i, _)| i as u32)
            .collect();
        let mut events: Vec<u32> = dataset
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.sources.iter().any(|s| s == id))
            .map(|(i, _)| i as u32)
            .collect();
        let mut ids: HashMap<&str, u32> = HashMap::default();
        for (e, event) in dataset.events.iter().enumerate().rev() {
            ids.insert(event.id.as_str(), e as u32);
        }
        events.extend(
            participations
                .iter()
                .filter_map(|&p| ids.get(dataset.participations[p as usize].event.as_str())),
        );
        sort_u32(&mut events);
        events.dedup();
        let inner = read(&self.inner);
        let text = inner.texts.get(source).cloned().flatten();
        let quotes = inner.quotes.get(source).map_or(&[][..], |q| &q[..]);
        let segments = match &text {
            Some(t) => segments(t.len(), quotes),
            None => Vec::new(),
        };
        let located: Vec<(u32, Range<usize>)> = quotes
            .iter()
            .map(|q| (q.participation, q.range.clone()))
            .collect();
        // `quotes` is in text order; the lookups below want participation order.
        let order = order_by_u64_key(located.len(), |k| u64::from(located[k].0));
        let located: Vec<(u32, Range<usize>)> =
            order.iter().map(|&k| located[k as usize].clone()).collect();
        let quote_ranges = participations
            .iter()
            .map(|p| {
                located
                    .binary_search_by_key(p, |(q, _)| *q)
                    .ok()
                    .map(|i| located[i].1.clone())
            })
            .collect();
        Some(SourcePage {
            source,
            events,
            participations,
            quote_ranges,
            segments,
            has_text: text.is_some(),
        })
    }

    /// Runs `query` on the event index, then appends the events matched only
    /// through a source's text (a source whose text holds every term reports
    /// them), ranked below every event matched in its own fields: ordered by the
    /// source's score, then event index, each scored below the lowest own-field
    /// score so the hits stay best first. `None` for a query without terms.
    pub fn search<'a>(&self, index: &'a SearchIndex, query: &str) -> Option<SearchResult<'a>> {
        let own = index.search(query)?;
        let extra = self.source_hits(&own, query);
        let extra = &extra.ranked;
        if extra.is_empty() {
            return Some(own);
        }
        let floor = own.hits.last().map_or(1.0, |h| h.score);
        let top = extra.iter().map(|h| h.score).fold(0.0f32, f32::max);
        let mut hits = own.hits.into_owned();
        hits.extend(extra.iter().map(|h| SearchHit {
            event: h.event,
            // Strictly below `floor` and positive, order kept.
            score: floor * 0.5 * (h.score / (top + 1e-6)).clamp(0.01, 1.0),
        }));
        Some(SearchResult {
            hits: std::borrow::Cow::Owned(hits),
        })
    }

    /// The events matched only through a source text, best first (cached for the
    /// last query).
    fn source_hits(&self, own: &SearchResult<'_>, query: &str) -> Arc<SourceHits> {
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((q, hits)) = &*last {
            if q == query {
                return hits.clone();
            }
        }
        let inner = read(&self.inner);
        let mut out: Vec<SourceHit> = Vec::new();
        if !inner.index.is_empty() {
            let matched = inner.index.matches(query);
            if !matched.is_empty() {
                let mut taken = vec![false; inner.n_events];
                for h in own.hits.iter() {
                    if let Some(t) = taken.get_mut(h.event as usize) {
                        *t = true;
                    }
                }
                for (source, score) in matched {
                    for &e in inner.events.get(source as usize).map_or(&[][..], |v| v) {
                        if let Some(t) = taken.get_mut(e as usize) {
                            if !*t {
                                *t = true;
                                out.push(SourceHit {
                                    event: e,
                                    source,
                                    score,
                                });
                            }
                        }
                    }
                }
            }
        }
        // `matched` is best first, so `out` is ordered by source score; ties by event.
        sort_by_u64_key(&mut out, |h| {
            u64::from(!f32_key(h.score)) << 32 | u64::from(h.event)
        });
        let mut by_event: Vec<(u32, u32)> = out.iter().map(|h| (h.event, h.source)).collect();
        sort_by_u64_key(&mut by_event, |&(e, s)| u64::from(e) << 32 | u64::from(s));
        let hits = Arc::new(SourceHits {
            ranked: out,
            by_event,
        });
        *last = Some((query.to_owned(), hits.clone()));
        hits
    }

    /// For an event matched by `query` **only** through a source's text: the
    /// source (index in `Dataset::sources`) and a passage of its text around the
    /// match, highlighted. `None` when the event matches in its own fields, or
    /// not at all.
    pub fn snippet(
        &self,
        index: &SearchIndex,
        event: usize,
        query: &str,
    ) -> Option<(usize, Snippet)> {
        let cached = {
            let last = self.last.lock().unwrap_or_else(|e| e.into_inner());
            last.as_ref()
                .filter(|(q, _)| q == query)
                .map(|(_, h)| h.clone())
        };
        let hits = match cached {
            Some(h) => h,
            None => self.source_hits(&index.search(query)?, query),
        };
        let at = hits
            .by_event
            .binary_search_by_key(&event, |&(e, _)| e as usize)
            .ok()?;
        let source = hits.by_event[at].1 as usize;
        let text = self.text(source)?;
        let s = snippet(&text, query, crate::search::SNIPPET_RADIUS)?;
        Some((source, s))
    }
}

impl SourcePage {
    /// The participations a marked stretch links to: among those it supports, the
    /// ones whose quote is the shortest (several only when their quotes are the same
    /// stretch), ascending. Nested quotes (a list of names, each actor's quote ending
    /// at its name) thus link each name to its own actor's participation rather
    /// than to every quote that runs through it. Empty for plain text.
    pub fn links(&self, segment: &Segment) -> Vec<u32> {
        let range_of = |p: u32| -> Option<&Range<usize>> {
            let i = self.participations.binary_search(&p).ok()?;
            self.quote_ranges.get(i)?.as_ref()
        };
        let shortest = segment
            .supports
            .iter()
            .filter_map(|&p| range_of(p).map(|r| r.len()))
            .min();
        segment
            .supports
            .iter()
            .copied()
            .filter(|&p| range_of(p).map(|r| r.len()) == shortest)
            .collect()
    }
}

/// Splits a text of `len` bytes at every quote boundary; adjacent stretches with
/// the same supporting participations are merged.
fn segments(len: usize, quotes: &[QuoteSpan]) -> Vec<Segment> {
    let mut cuts: Vec<usize> = vec![0, len];
    for q in quotes {
        cuts.push(q.range.start.min(len));
        cuts.push(q.range.end.min(len));
    }
    sort_by_u64_key(&mut cuts, |&c| c as u64);
    cuts.dedup();
    let mut out: Vec<Segment> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut supports: Vec<u32> = quotes
            .iter()
            .filter(|q| q.range.start <= a && q.range.end >= b)
            .map(|q| q.participation)
            .collect();
        sort_u32(&mut supports);
        match out.last_mut() {
            Some(last) if last.supports == supports => last.range.end = b,
            _ => out.push(Segment {
                range: a..b,
                supports,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(p: u32, r: Range<usize>) -> QuoteSpan {
        QuoteSpan {
            participation: p,
            range: r,
        }
    }

    #[test]
    fn normalisation_equates_apostrophes_quotes_and_whitespace() {
        let text = "Le Maroc a « réaffirmé\u{a0}l’engagement »\n\n du Royaume.";
        assert!(locate_quote(text, "réaffirmé l'engagement").is_some());
        assert!(locate_quote(text, "\"réaffirmé l'engagement\"").is_some());
        assert!(locate_quote(text, "  engagement »   du Royaume  ").is_some());
        // Case and accents are evidence: they must match.
        assert!(locate_quote(text, "reaffirme").is_none());
        assert!(locate_quote(text, "le maroc").is_none());
        assert!(locate_quote(text, "   ").is_none());
    }

    #[test]
    fn a_located_quote_spans_the_original_bytes() {
        let text = "Start. “Morocco’s   role” end.";
        let at = locate_quote(text, "Morocco's role").expect("found");
        assert_eq!(&text[at], "Morocco’s   role");
        let at = locate_quote(text, "\"Morocco's role\"").expect("found");
        assert_eq!(&text[at], "“Morocco’s   role”");
    }

    #[test]
    fn segments_cover_the_text_and_split_overlaps() {
        let quotes = [span(3, 2..6), span(1, 4..8)];
        let segs = segments(10, &quotes);
        let shape: Vec<(Range<usize>, Vec<u32>)> =
            segs.into_iter().map(|s| (s.range, s.supports)).collect();
        assert_eq!(
            shape,
            [
                (0..2, vec![]),
                (2..4, vec![3]),
                (4..6, vec![1, 3]),
                (6..8, vec![1]),
                (8..10, vec![]),
            ]
        );
        assert_eq!(
            segments(5, &[]),
            [Segment {
                range: 0..5,
                supports: vec![]
            }]
        );
        assert!(segments(0, &[]).is_empty());
    }
}
