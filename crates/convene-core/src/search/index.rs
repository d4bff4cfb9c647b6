//! The inverted index: a sorted term dictionary (a typed prefix is a contiguous
//! range of terms, found by binary search) and, for the ranges a typed prefix can
//! select, the ranked answer to that one-term query, computed at build time.
//!
//! Building goes in two steps. First, per term, the events that hold it, with the
//! term's BM25F score in each: an event's own fields and quotes, plus the name,
//! acronym, aliases and ISO3 of every actor that took part in it (an actor is
//! tokenised once and its words reach its events here, not at query time). Second,
//! every distinct range that a prefix of a dictionary term selects (a node of the
//! dictionary's prefix tree) and whose words hold at least `PRECOMPUTE_MIN_HITS`
//! hits gets its union of events, each scored by its best word in the range,
//! sorted best first; a smaller range is merged the same way at query time. This
//! is the idea of FlexSearch's "forward" index (every prefix keeps its result
//! list), keyed by range rather than by prefix so `bor`, `bord` and `borde` share
//! one list when they select the same words.
//!
//! A one-term query is then a binary search plus a map lookup, and its answer is
//! borrowed from the index; several terms AND their lists in dense per-event arrays
//! stamped with a generation number, so nothing is cleared between queries.
//!
//! The build can go in slices ([`SearchBuild`]): at 1M participations it takes
//! seconds in the browser, and in one task it froze the page just after the
//! data appeared (issue 13, "the page stays responsive"). The builder keeps each
//! phase's state (the dictionary so far, a cursor over events, actors, terms or
//! ranges) and does units of work until the caller's clock says the slice is
//! over; the app runs a slice of about 8 ms per task. [`SearchIndex::build`] is
//! the same builder run to the end, so the index is identical however it was
//! sliced.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::Mutex;

use super::text;
use crate::model::Dataset;
use crate::sort::{f32_key, order_by_cmp, order_by_u64_key, sort_by_cmp, sort_u32, sort_u64};

/// BM25 saturation.
const K1: f32 = 1.2;
/// BM25 length normalisation, applied per field.
const B: f32 = 0.75;
/// Fixed-point scale of stored weights (u16): 1/256 resolution, saturating at 255.
const SCALE: f32 = 256.0;
/// A range of several words gets a precomputed list when their lists hold at
/// least this many hits together. Below it, merging them at query time takes a
/// few microseconds, and a rich vocabulary's long tail of rare prefixes would
/// otherwise multiply the index's memory (each list repeats its words' hits).
const PRECOMPUTE_MIN_HITS: usize = 256;
/// Longest prefix, in bytes, whose range gets a ranked list at build time: a
/// longer one's range is merged when it is typed (`range_hits`), with the same
/// answer. Words are rarely longer; the cap keeps a word's build cost bounded
/// however long it is (`collect_ranges`).
const MAX_PRECOMPUTED_PREFIX: usize = 64;
/// At most this many distinct query terms are used; more are ignored (nobody types
/// 32 words in a search box, and it bounds the per-event term counter).
const MAX_QUERY_TERMS: usize = 32;

/// Event-level fields and their weights. Order = index into per-event lengths.
const EVENT_FIELDS: usize = 9;
const F_NAME: usize = 0;
const F_SERIES: usize = 1;
const F_THEMES: usize = 2;
const F_CITY: usize = 3;
const F_COUNTRY: usize = 4;
const F_VENUE: usize = 5;
const F_EDITION: usize = 6;
const F_SUMMARY: usize = 7;
const F_QUOTES: usize = 8;
const EVENT_WEIGHTS: [f32; EVENT_FIELDS] = [4.0, 2.0, 2.0, 2.0, 2.0, 1.5, 1.0, 1.0, 0.5];

/// Actor fields and their weights: an acronym or name hit ranks just below an
/// event-name hit and well above a quote or summary hit.
const ACTOR_FIELDS: usize = 4;
const A_NAME: usize = 0;
const A_ACRONYM: usize = 1;
const A_ALIASES: usize = 2;
const A_ISO3: usize = 3;
const ACTOR_WEIGHTS: [f32; ACTOR_FIELDS] = [3.0, 3.5, 2.5, 2.0];

/// FxHash: the index builder hashes every token of every quote; SipHash's DoS
/// resistance buys nothing here and costs a third of the build time.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }
    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// One event that matches a query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchHit {
    /// Index of the event in `Dataset::events`.
    pub event: u32,
    /// Relevance; higher is better.
    pub score: f32,
}

/// The answer to a non-blank query. A one-term query borrows its ranked list
/// from the index; a query of several terms owns the list it assembled.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResult<'a> {
    /// Matching events, best first (ties by event index).
    pub hits: Cow<'a, [SearchHit]>,
}

/// Per-query work arrays, sized to the event count and reused across queries.
#[derive(Debug, Default)]
struct Scratch {
    /// Generation of the current query; an event's slots are valid only when
    /// `stamp[e] == generation`.
    generation: u32,
    stamp: Vec<u32>,
    /// How many query terms the event has matched so far in this query.
    matched: Vec<u16>,
    total: Vec<f32>,
    candidates: Vec<u32>,
    next: Vec<u32>,
    /// Merges the lists of a range too small to have been precomputed.
    merge: RangeBest,
}

impl Scratch {
    fn prepare(&mut self, events: usize) {
        if self.stamp.len() != events {
            *self = Scratch::default();
            self.stamp = vec![0; events];
            self.matched = vec![0; events];
            self.total = vec![0.0; events];
            self.merge = RangeBest::new(events);
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            // Wrapped after 4 billion queries: old stamps could collide.
            self.stamp.fill(0);
            self.generation = 1;
        }
    }

    fn heap_bytes(&self) -> usize {
        self.stamp.capacity() * 4
            + self.matched.capacity() * 2
            + self.total.capacity() * 4
            + (self.candidates.capacity() + self.next.capacity()) * 4
            + self.merge.heap_bytes()
    }
}

/// The full-text index over a dataset's events, built once.
#[derive(Default)]
pub struct SearchIndex {
    events: u32,
    /// Sorted, distinct folded terms, concatenated; term `t` is
    /// `terms[term_end[t-1]..term_end[t]]`.
    terms: String,
    term_end: Vec<u32>,
    /// Ranked lists, concatenated: list `l` is `hits[list_end[l-1]..list_end[l]]`,
    /// best first. Lists `0..term_count()` are the single terms' (a range of one
    /// term); the lists of ranges of several terms follow.
    hits: Vec<SearchHit>,
    list_end: Vec<u32>,
    /// List of each range of several terms, keyed by `(first term, end)`.
    range_list: FxMap<(u32, u32), u32>,
    /// Behind a mutex so `search` takes `&self` and the index stays `Send + Sync`
    /// (reactive frameworks share it); a busy scratch falls back to a fresh one.
    scratch: Mutex<Scratch>,
}

impl Clone for SearchIndex {
    fn clone(&self) -> Self {
        SearchIndex {
            events: self.events,
            terms: self.terms.clone(),
            term_end: self.term_end.clone(),
            hits: self.hits.clone(),
            list_end: self.list_end.clone(),
            range_list: self.range_list.clone(),
            scratch: Mutex::default(),
        }
    }
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("events", &self.events)
            .field("terms", &self.term_count())
            .field("ranked_lists", &self.list_end.len())
            .field("ranked_hits", &self.hits.len())
            .field("heap_bytes", &self.heap_bytes())
            .finish()
    }
}

/// `end[i-1]..end[i]` with an implicit leading zero.
fn span(end: &[u32], i: usize) -> std::ops::Range<usize> {
    let start = if i == 0 { 0 } else { end[i - 1] as usize };
    start..end[i] as usize
}

/// Quantises a weighted frequency; never zero, so "touched" stays detectable.
fn quantise(w: f32) -> u16 {
    (w * SCALE).round().clamp(1.0, u16::MAX as f32) as u16
}

/// BM25F field normalisation.
fn norm(len: u32, avg: f32) -> f32 {
    1.0 - B + B * len as f32 / avg.max(1e-6)
}

/// A raw posting during the build: (document, field, frequency in field).
type Raw = (u32, u8, u16);

/// Builds per-term raw postings; terms are numbered in order of first sight.
#[derive(Default)]
struct Builder {
    ids: FxMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    event_raw: Vec<Vec<Raw>>,
    actor_raw: Vec<Vec<Raw>>,
    buf: String,
    tokens: Vec<u32>,
    /// How many of `tokens` are other forms of words already counted (Arabic
    /// words' stripped forms, apostrophe-joined words run together): not counted in
    /// the field's length.
    stripped: usize,
}

impl Builder {
    fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(term.into(), id);
        self.names.push(term.into());
        self.event_raw.push(Vec::new());
        self.actor_raw.push(Vec::new());
        id
    }

    /// Appends the term ids of `text` to `self.tokens`.
    fn tokenise(&mut self, text: &str) {
        let mut buf = std::mem::take(&mut self.buf);
        let mut tokens = std::mem::take(&mut self.tokens);
        let mut stripped = 0;
        text::for_each_token(text, &mut buf, |term, _, form| {
            stripped += usize::from(form.is_extra());
            tokens.push(self.intern(term))
        });
        self.stripped += stripped;
        self.buf = buf;
        self.tokens = tokens;
    }

    /// Records the tokens gathered for one field of document `doc` (event or
    /// actor), clears them and returns the field's length in tokens.
    fn flush(&mut self, doc: u32, field: usize, actor: bool) -> u32 {
        // A field's length counts its words, not their other forms.
        let len = (self.tokens.len() - self.stripped) as u32;
        self.stripped = 0;
        sort_u32(&mut self.tokens);
        let raw = if actor {
            &mut self.actor_raw
        } else {
            &mut self.event_raw
        };
        let mut i = 0;
        while i < self.tokens.len() {
            let t = self.tokens[i];
            let mut j = i + 1;
            while j < self.tokens.len() && self.tokens[j] == t {
                j += 1;
            }
            let tf = (j - i).min(u16::MAX as usize) as u16;
            raw[t as usize].push((doc, field as u8, tf));
            i = j;
        }
        self.tokens.clear();
        len
    }
}

/// Averages of nonzero lengths per field (a field absent from a document does
/// not drag the average of the documents that have it down).
fn averages<const N: usize>(lens: &[[u32; N]]) -> [f32; N] {
    let mut sum = [0f64; N];
    let mut count = [0u32; N];
    for l in lens {
        for f in 0..N {
            if l[f] > 0 {
                sum[f] += l[f] as f64;
                count[f] += 1;
            }
        }
    }
    let mut avg = [1f32; N];
    for f in 0..N {
        if count[f] > 0 {
            avg[f] = (sum[f] / count[f] as f64) as f32;
        }
    }
    avg
}

/// Turns raw postings of one term into (document, quantised BM25F frequency),
/// merging the fields of each document. Raw postings are in document order.
fn finish_postings<const N: usize>(
    raw: &[Raw],
    lens: &[[u32; N]],
    avg: &[f32; N],
    weights: &[f32; N],
    docs: &mut Vec<u32>,
    out_weights: &mut Vec<u16>,
) {
    let mut i = 0;
    while i < raw.len() {
        let doc = raw[i].0;
        let mut w = 0.0;
        while i < raw.len() && raw[i].0 == doc {
            let (_, field, tf) = raw[i];
            let f = field as usize;
            w += weights[f] * tf as f32 / norm(lens[doc as usize][f], avg[f]);
            i += 1;
        }
        docs.push(doc);
        out_weights.push(quantise(w));
    }
}

impl SearchIndex {
    /// Builds the index over every event of `dataset` in one go: the same code as
    /// the sliced build, `SearchBuild::new().finish(dataset)` (see [`SearchBuild`]).
    /// Participations naming an unknown event or actor are skipped (the loader
    /// reports them); duplicate ids resolve to the first.
    pub fn build(dataset: &Dataset) -> SearchIndex {
        SearchBuild::new().finish(dataset)
    }

    /// Ranked list of term `t`, the next single term (lists are appended in
    /// dictionary order): the events that hold it, each with the term's BM25F
    /// score there (fields weighted and length-normalised, then saturated once
    /// over the event's own text and its actors' together). `freq` is zero for
    /// every event before and after. Returns how many postings it added up.
    fn rank_term(
        &mut self,
        t: usize,
        p: &Postings,
        freq: &mut [u32],
        touched: &mut Vec<u32>,
    ) -> usize {
        let n = self.events as f32;
        touched.clear();
        let mut added = 0;
        let mut add = |e: u32, w: u16| {
            let slot = &mut freq[e as usize];
            if *slot == 0 {
                touched.push(e);
            }
            *slot += u32::from(w);
            added += 1;
        };
        let ev = span(&p.ev_end, t);
        for (&e, &w) in p.ev_doc[ev.clone()].iter().zip(&p.ev_weight[ev]) {
            add(e, w);
        }
        let ac = span(&p.ac_end, t);
        for (&a, &w) in p.ac_actor[ac.clone()].iter().zip(&p.ac_weight[ac]) {
            for &e in &p.actor_events[span(&p.actor_end, a as usize)] {
                add(e, w);
            }
        }
        // Inverse document frequency over events, an actor's words counting
        // for each of its events.
        let df = touched.len() as f32;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        let start = self.hits.len();
        for &e in touched.iter() {
            let tf = std::mem::take(&mut freq[e as usize]) as f32 / SCALE;
            self.hits.push(SearchHit {
                event: e,
                score: idf * tf * (K1 + 1.0) / (tf + K1),
            });
        }
        sort_best_first(&mut self.hits[start..]);
        self.list_end.push(self.hits.len() as u32);
        added
    }

    /// Adds to `ranges` the ranges of several terms that a prefix of term `t`
    /// selects (every char-boundary prefix of at most [`MAX_PRECOMPUTED_PREFIX`]
    /// bytes) and whose words hold at least [`PRECOMPUTE_MIN_HITS`] hits
    /// together, as (first term, end) packed in one u64 (they sort with the
    /// hits' sort). Every term's ranges, sorted and deduplicated, are the ranges
    /// that get a ranked list ([`Self::rank_range`]). Returns how many prefixes
    /// it looked up.
    ///
    /// A longer prefix selects a sub-range of a shorter one's, so once a range
    /// holds one term or too few hits, every longer prefix's does too: the walk
    /// stops there. With the length cap, a word costs a bounded number of
    /// lookups of bounded length: every prefix of a 100 KB "word" (one cell of
    /// a spreadsheet with no space in it) took 4.7 s, each a binary search
    /// comparing up to the whole prefix, and a 1 MB one minutes.
    fn collect_ranges(&self, t: usize, ranges: &mut Vec<u64>) -> usize {
        let word = self.term(t);
        let mut looked = 0;
        for (i, c) in word.char_indices() {
            let end = i + c.len_utf8();
            if end > MAX_PRECOMPUTED_PREFIX {
                break;
            }
            looked += 1;
            let range = self.prefix_range(&word[..end]);
            if range.len() <= 1 || self.hits_in(range.clone()) < PRECOMPUTE_MIN_HITS {
                break;
            }
            ranges.push((range.start as u64) << 32 | range.end as u64);
        }
        looked
    }

    /// Ranked list of one range of several terms (packed as by
    /// [`Self::collect_ranges`]), appended after the lists so far. Returns how
    /// many hits it merged.
    fn rank_range(&mut self, packed: u64, best: &mut RangeBest) -> usize {
        let (start, end) = ((packed >> 32) as u32, packed as u32);
        let range = start as usize..end as usize;
        let merged = self.hits_in(range.clone());
        let list = best.rank(self, range);
        self.hits.extend_from_slice(&list);
        self.list_end.push(self.hits.len() as u32);
        self.range_list
            .insert((start, end), self.list_end.len() as u32 - 1);
        merged
    }

    /// Number of distinct terms in the dictionary.
    pub fn term_count(&self) -> usize {
        self.term_end.len()
    }

    fn term(&self, t: usize) -> &str {
        let r = span(&self.term_end, t);
        self.terms.get(r).unwrap_or("")
    }

    /// Dictionary terms that start with `prefix`: a contiguous range.
    fn prefix_range(&self, prefix: &str) -> Range<usize> {
        let (mut lo, mut hi) = (0, self.term_count());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.term(mid) < prefix {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let start = lo;
        hi = self.term_count();
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.term(mid).starts_with(prefix) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        start..lo
    }

    fn list(&self, l: usize) -> &[SearchHit] {
        &self.hits[span(&self.list_end, l)]
    }

    /// Hits in the single-term lists of `range`, counted with repeats.
    fn hits_in(&self, range: Range<usize>) -> usize {
        if range.is_empty() {
            return 0;
        }
        self.list_end[range.end - 1] as usize - span(&self.list_end, range.start).start
    }

    /// The ranked answer for a non-empty range of terms: borrowed when it was
    /// precomputed, merged now (with `merge`) for a small range.
    fn range_hits(&self, range: Range<usize>, merge: &mut RangeBest) -> Cow<'_, [SearchHit]> {
        if range.len() == 1 {
            return Cow::Borrowed(self.list(range.start));
        }
        match self.range_list.get(&(range.start as u32, range.end as u32)) {
            Some(&l) => Cow::Borrowed(self.list(l as usize)),
            None => Cow::Owned(merge.rank(self, range)),
        }
    }

    /// Approximate heap memory held by the index, in bytes (for memory reports).
    pub fn heap_bytes(&self) -> usize {
        let scratch = self.scratch.try_lock().map(|s| s.heap_bytes()).unwrap_or(0);
        self.terms.capacity()
            + 4 * (self.term_end.capacity() + self.list_end.capacity())
            + std::mem::size_of::<SearchHit>() * self.hits.capacity()
            + (8 + 4 + 8) * self.range_list.capacity()
            + scratch
    }

    /// Runs `query`; `None` when the query holds no searchable term (no text filter).
    ///
    /// Every query term matches as a prefix of a word; all terms must match (AND).
    /// Hits come best first, ties by ascending event index.
    pub fn search(&self, query: &str) -> Option<SearchResult<'_>> {
        let mut terms = text::query_terms(query);
        if terms.is_empty() {
            return None;
        }
        terms.truncate(MAX_QUERY_TERMS);
        let mut ranges: Vec<Range<usize>> = Vec::with_capacity(terms.len());
        for term in &terms {
            let range = self.prefix_range(term);
            if range.is_empty() {
                return Some(SearchResult::default());
            }
            ranges.push(range);
        }

        let mut own;
        let mut guard = self.scratch.try_lock();
        let scratch: &mut Scratch = match guard.as_deref_mut() {
            Ok(s) => s,
            Err(_) => {
                own = Scratch::default();
                &mut own
            }
        };
        scratch.prepare(self.events as usize);
        let mut lists: Vec<Cow<'_, [SearchHit]>> = ranges
            .into_iter()
            .map(|range| self.range_hits(range, &mut scratch.merge))
            .collect();
        if lists.len() == 1 {
            return lists.pop().map(|hits| SearchResult { hits });
        }
        // Shortest first: later lists then mostly hit events already ruled out.
        let order = order_by_u64_key(lists.len(), |i| lists[i].len() as u64);
        let mut slots: Vec<Option<Cow<'_, [SearchHit]>>> = lists.into_iter().map(Some).collect();
        let lists: Vec<Cow<'_, [SearchHit]>> = order
            .iter()
            .filter_map(|&i| slots[i as usize].take())
            .collect();
        let hits = intersect(&lists, scratch);
        Some(SearchResult {
            hits: Cow::Owned(hits),
        })
    }
}

/// Postings while the index is built: per term, the events whose own text holds
/// it and the actors whose names do, each with a quantised BM25F frequency.
struct Postings {
    /// Event postings of term `t`: `ev_end[t-1]..ev_end[t]` into `ev_doc`/`ev_weight`.
    ev_end: Vec<u32>,
    ev_doc: Vec<u32>,
    ev_weight: Vec<u16>,
    /// Actor postings of term `t`: `ac_end[t-1]..ac_end[t]` into `ac_actor`/`ac_weight`.
    ac_end: Vec<u32>,
    ac_actor: Vec<u32>,
    ac_weight: Vec<u16>,
    /// Distinct events of actor `a`, ascending: `actor_end[a-1]..actor_end[a]`.
    actor_end: Vec<u32>,
    actor_events: Vec<u32>,
}

/// How often a slice looks at the caller's clock: after this much work, counted
/// by [`Clock::spend`].
const CHECK_EVERY: usize = 32;
/// A unit (an id, a block of participations, an event, an actor, a term, a
/// range) counts one, plus one per this many participations, postings, hits or
/// tokens it handled: a common word's list, or an event with a thousand quotes,
/// is worth many small ones, and brings the next look at the clock that much
/// closer.
const ITEMS_PER_UNIT: usize = 64;

/// The caller's clock, asked every [`CHECK_EVERY`] units of work.
struct Clock<'a> {
    out_of_time: &'a mut dyn FnMut() -> bool,
    work: usize,
}

impl Clock<'_> {
    /// Counts one unit that handled `items` things; true when the clock was
    /// asked and said the slice is over.
    fn spend(&mut self, items: usize) -> bool {
        self.work += 1 + items / ITEMS_PER_UNIT;
        if self.work < CHECK_EVERY {
            return false;
        }
        self.work = 0;
        (self.out_of_time)()
    }
}

/// The index built in slices, so that a single thread (the browser's main
/// thread) can build it between other tasks and never freeze for the whole
/// build: [`SearchBuild::step`] does a little of the work and returns;
/// [`SearchBuild::finish`] does the rest in one go. [`SearchIndex::build`] is
/// `SearchBuild::new().finish(dataset)`: there is one build, and where it
/// pauses never changes what it computes, so the index is identical whatever
/// the slicing.
///
/// The work, in order, each phase kept in the builder between steps:
/// (a) preparation: event and actor ids to indices, an id a unit; participations
/// resolved, then grouped by event (for its quotes) and by actor (for its
/// events), a block of 256 (`PART_BLOCK`) a unit; each actor's events sorted, an actor
/// a unit; (b) the events' fields tokenised, an event a unit; (c) the actors'
/// fields, an actor a unit; (d) the dictionary sorted (one unit), then the
/// postings laid out in that order, a term a unit; (e) each term's ranked list, a
/// term a unit; (f) the ranges of several terms that get a list: found a term a
/// unit, sorted (one unit), then ranked a range a unit. What stays whole: the
/// two sorts (of the distinct terms and of the ranges found: a few thousand
/// each at 1M synthetic participations), the moves from phase to phase
/// (allocations, prefix sums), and a single term or range, however common.
///
/// The builder holds no borrow of the dataset between steps (it owns what it
/// carries over: indices, its own copies of terms), so the caller may keep the
/// dataset anywhere; but every step and the finish must be given the **same,
/// unchanged** dataset, since the builder's cursors and tables are positions in
/// it. (A dataset of other sizes makes the build start over, rather than read
/// out of range; one of the same sizes but other contents gives a wrong index.)
#[derive(Default)]
pub struct SearchBuild {
    /// Events, actors and participations of the dataset the build started on.
    shape: [usize; 3],
    stage: Stage,
}

/// Where a [`SearchBuild`] is, with what that phase needs (and no more: each
/// phase drops what the next does not use).
#[derive(Default)]
enum Stage {
    /// Nothing done yet.
    #[default]
    Start,
    /// (a) Mapping id `prep.next` (an event's, then an actor's) to its index.
    Ids(Box<Prep>),
    /// (a) Resolving the participations from `prep.next` on.
    Resolve(Box<Prep>),
    /// (a) Grouping the participations from `prep.next` on.
    Group(Box<Prep>),
    /// (a) Sorting the events of actor `prep.next`.
    ActorEvents(Box<Prep>),
    /// (b) Tokenising event `fields.next`.
    Events { fields: Fields, text: EventText },
    /// (c) Tokenising actor `fields.next`.
    Actors { fields: Fields },
    /// (d) Laying out the postings of the dictionary's next term.
    Layout(Box<Layout>),
    /// (e) Ranking the next term's list.
    Terms(Box<TermLists>),
    /// (f) Finding the ranges that a prefix of term `next` selects.
    FindRanges {
        index: SearchIndex,
        ranges: Vec<u64>,
        next: usize,
    },
    /// (f) Ranking `ranges[next]` (sorted and distinct by now).
    RankRanges {
        index: SearchIndex,
        ranges: Vec<u64>,
        next: usize,
        best: RangeBest,
    },
    /// The index, complete.
    Done(SearchIndex),
}

/// Phases (b) and (c): the documents' words, per term, and each document's
/// field lengths.
struct Fields {
    b: Builder,
    ev_lens: Vec<[u32; EVENT_FIELDS]>,
    ac_lens: Vec<[u32; ACTOR_FIELDS]>,
    /// Distinct events of actor `a`, ascending: `actor_end[a-1]..actor_end[a]`
    /// (kept for [`Postings`]).
    actor_end: Vec<u32>,
    actor_events: Vec<u32>,
    /// The next event (b) or actor (c) to tokenise.
    next: usize,
}

/// What only the events' fields need.
struct EventText {
    /// Participations grouped by event: event `e`'s are
    /// `quotes_of[per_event[e]..per_event[e + 1]]`.
    per_event: Vec<u32>,
    quotes_of: Vec<u32>,
    /// The host country is searchable by its code and by the name the country
    /// facet shows, so `egypt` finds the events held in EGY. Owned:
    /// `Dataset::country_names` borrows the dataset, which a step may not keep.
    country_names: FxMap<Box<str>, Box<str>>,
}

/// Phase (d): the dictionary in sorted order, and the postings laid out term by
/// term; the next term is `order[index.term_count()]`.
struct Layout {
    b: Builder,
    ev_lens: Vec<[u32; EVENT_FIELDS]>,
    ac_lens: Vec<[u32; ACTOR_FIELDS]>,
    ev_avg: [f32; EVENT_FIELDS],
    ac_avg: [f32; ACTOR_FIELDS],
    /// Term ids (in `b`) in dictionary order.
    order: Vec<u32>,
    index: SearchIndex,
    postings: Postings,
}

/// Phase (e): the single terms' lists; the next term is `index.list_end.len()`
/// (the lists of terms come first, in dictionary order).
struct TermLists {
    index: SearchIndex,
    postings: Postings,
    /// Per event: the current term's summed weight (zero between terms).
    freq: Vec<u32>,
    touched: Vec<u32>,
}

impl SearchBuild {
    /// A build with nothing done yet (cheap: no allocation).
    pub fn new() -> SearchBuild {
        SearchBuild::default()
    }

    /// Does some of the work, then returns: `true` once the index is complete
    /// (then [`SearchBuild::finish`] returns it at once), `false` when
    /// `out_of_time` said to stop first. `out_of_time` is asked every few dozen
    /// units of work (ids, blocks of participations, events, actors, terms,
    /// ranges; a heavy unit counts more, and so does a move to the next phase);
    /// the core has no clock (wasm32 has no
    /// `Instant`), so the caller brings one. Every step does at least one unit,
    /// so a build always ends. `dataset` must be the one the build started on
    /// (see [`SearchBuild`]).
    pub fn step(&mut self, dataset: &Dataset, out_of_time: &mut dyn FnMut() -> bool) -> bool {
        let shape = [
            dataset.events.len(),
            dataset.actors.len(),
            dataset.participations.len(),
        ];
        if shape != self.shape {
            // Another dataset: what was done refers to the old one's positions.
            *self = SearchBuild {
                shape,
                stage: Stage::Start,
            };
        }
        let mut clock = Clock {
            out_of_time,
            work: 0,
        };
        loop {
            if let Stage::Done(_) = self.stage {
                return true;
            }
            let items = self.unit(dataset);
            if clock.spend(items) {
                return matches!(self.stage, Stage::Done(_));
            }
        }
    }

    /// Does whatever is left in one go and returns the index.
    pub fn finish(mut self, dataset: &Dataset) -> SearchIndex {
        loop {
            if let Stage::Done(index) = self.stage {
                return index;
            }
            self.step(dataset, &mut || false);
        }
    }

    /// One unit of work, or the move to the next phase; returns how many things
    /// it handled (for [`Clock::spend`]).
    fn unit(&mut self, dataset: &Dataset) -> usize {
        let (n_events, n_actors) = doc_counts(dataset);
        let n_parts = dataset.participations.len();
        match &mut self.stage {
            Stage::Ids(p) if p.next < n_events + n_actors => {
                p.id(dataset);
                1
            }
            Stage::Resolve(p) if p.next < n_parts => p.resolve(dataset),
            Stage::Group(p) if p.next < n_parts => p.group(),
            Stage::ActorEvents(p) if p.next < n_actors => p.actor_events(),
            Stage::Events { fields, text } if fields.next < fields.ev_lens.len() => {
                fields.event(dataset, text)
            }
            Stage::Actors { fields } if fields.next < fields.ac_lens.len() => fields.actor(dataset),
            Stage::Layout(l) if l.index.term_count() < l.order.len() => l.term(),
            Stage::Terms(r) if r.index.list_end.len() < r.index.term_count() => {
                let t = r.index.list_end.len();
                r.index
                    .rank_term(t, &r.postings, &mut r.freq, &mut r.touched)
            }
            Stage::FindRanges {
                index,
                ranges,
                next,
            } if *next < index.term_count() => {
                *next += 1;
                index.collect_ranges(*next - 1, ranges)
            }
            Stage::RankRanges {
                index,
                ranges,
                next,
                best,
            } if *next < ranges.len() => {
                *next += 1;
                index.rank_range(ranges[*next - 1], best)
            }
            _ => self.next_phase(dataset),
        }
    }

    /// Ends the current phase and sets up the next (a unit of its own: the sorts
    /// of terms and of ranges are done here); returns how many things it handled.
    fn next_phase(&mut self, dataset: &Dataset) -> usize {
        let (stage, items) = match std::mem::take(&mut self.stage) {
            Stage::Start => (Stage::Ids(Box::default()), 1),
            Stage::Ids(mut p) => {
                let (n_events, n_actors) = doc_counts(dataset);
                let n_parts = dataset.participations.len();
                p.next = 0;
                p.part_event = Vec::with_capacity(n_parts);
                p.part_actor = Vec::with_capacity(n_parts);
                p.per_event = vec![0; n_events + 1];
                p.per_actor = vec![0; n_actors + 1];
                (Stage::Resolve(p), 1)
            }
            Stage::Resolve(mut p) => {
                p.next = 0;
                p.event_ix = FxMap::default();
                p.actor_ix = FxMap::default();
                offsets_from_counts(&mut p.per_event);
                offsets_from_counts(&mut p.per_actor);
                p.fill_event = p.per_event.clone();
                p.fill_actor = p.per_actor.clone();
                p.quotes_of = vec![0; p.per_event.last().map_or(0, |&n| n as usize)];
                p.actor_bucket = vec![0; p.per_actor.last().map_or(0, |&n| n as usize)];
                let items = p.per_event.len() + p.per_actor.len();
                (Stage::Group(p), items)
            }
            Stage::Group(mut p) => {
                p.next = 0;
                p.part_event = Vec::new();
                p.part_actor = Vec::new();
                p.fill_event = Vec::new();
                p.fill_actor = Vec::new();
                p.actor_end = vec![0; p.per_actor.len() - 1];
                p.actor_events = Vec::with_capacity(p.actor_bucket.len());
                (Stage::ActorEvents(p), 1)
            }
            Stage::ActorEvents(p) => {
                let (n_events, n_actors) = doc_counts(dataset);
                let Prep {
                    per_event,
                    quotes_of,
                    actor_end,
                    actor_events,
                    ..
                } = *p;
                let country_names = dataset
                    .country_names()
                    .into_iter()
                    .map(|(code, name)| (code.into(), name.into()))
                    .collect();
                let fields = Fields {
                    b: Builder::default(),
                    ev_lens: vec![[0; EVENT_FIELDS]; n_events],
                    ac_lens: vec![[0; ACTOR_FIELDS]; n_actors],
                    actor_end,
                    actor_events,
                    next: 0,
                };
                let text = EventText {
                    per_event,
                    quotes_of,
                    country_names,
                };
                let items = dataset.actors.len() + dataset.events.len();
                (Stage::Events { fields, text }, items)
            }
            Stage::Events { mut fields, text } => {
                drop(text);
                fields.next = 0;
                (Stage::Actors { fields }, 1)
            }
            Stage::Actors { fields } => {
                let terms = fields.b.names.len();
                (Stage::Layout(Box::new(Layout::new(fields))), terms)
            }
            Stage::Layout(l) => {
                let Layout {
                    mut index,
                    postings,
                    ..
                } = *l;
                let n_events = index.events as usize;
                index
                    .hits
                    .reserve(postings.ev_doc.len() + postings.ac_actor.len());
                let terms = TermLists {
                    index,
                    postings,
                    freq: vec![0; n_events],
                    touched: Vec::new(),
                };
                (Stage::Terms(Box::new(terms)), 1)
            }
            Stage::Terms(r) => (
                Stage::FindRanges {
                    index: r.index,
                    ranges: Vec::new(),
                    next: 0,
                },
                1,
            ),
            Stage::FindRanges {
                index, mut ranges, ..
            } => {
                sort_u64(&mut ranges);
                ranges.dedup();
                let items = ranges.len();
                let best = RangeBest::new(index.events as usize);
                let stage = Stage::RankRanges {
                    index,
                    ranges,
                    next: 0,
                    best,
                };
                (stage, items)
            }
            Stage::RankRanges { mut index, .. } => {
                // The lists grew by doubling; return the slack (up to half of them).
                index.hits.shrink_to_fit();
                let items = index.hits.len();
                (Stage::Done(index), items)
            }
            done @ Stage::Done(_) => (done, 0),
        };
        self.stage = stage;
        items
    }
}

/// Phase (a) works on participations in blocks of this many (one unit): a
/// participation alone is too little work to be worth a look at the clock.
const PART_BLOCK: usize = 256;

/// Events and actors the index numbers (`u32` document ids, one value spare).
fn doc_counts(dataset: &Dataset) -> (usize, usize) {
    let cap = u32::MAX as usize - 1;
    (dataset.events.len().min(cap), dataset.actors.len().min(cap))
}

/// Phase (a): what the fields' phases need from the participations, in four
/// passes, each with its cursor `next` so that a step can stop anywhere (in one
/// go, the hash lookups of 1M participations' ids took 0.4 s natively): ids to
/// indices (events, then actors); each participation resolved; participations
/// grouped by event (for its quotes) and by actor (for its events), a counting
/// sort; each actor's events sorted, distinct.
#[derive(Default)]
struct Prep {
    next: usize,
    /// Ids to indices, the first of duplicates. Owned keys: a step may not keep
    /// borrows of the dataset.
    event_ix: FxMap<Box<str>, u32>,
    actor_ix: FxMap<Box<str>, u32>,
    /// Per participation: its event ([`NO_DOC`] if unknown) and its actor
    /// ([`NO_DOC`] if unknown, or if the event is).
    part_event: Vec<u32>,
    part_actor: Vec<u32>,
    /// Participations per event: counts at `e + 1`, then offsets: event `e`'s
    /// are `quotes_of[per_event[e]..per_event[e + 1]]`, in dataset order.
    per_event: Vec<u32>,
    quotes_of: Vec<u32>,
    /// Each actor's events, repeated as often as it took part, grouped likewise.
    per_actor: Vec<u32>,
    actor_bucket: Vec<u32>,
    /// While grouping: the next free slot of each event's and actor's group.
    fill_event: Vec<u32>,
    fill_actor: Vec<u32>,
    /// Distinct events of actor `a`, ascending: `actor_end[a-1]..actor_end[a]`.
    actor_end: Vec<u32>,
    actor_events: Vec<u32>,
}

/// An unknown event or actor, in [`Prep`].
const NO_DOC: u32 = u32::MAX;

impl Prep {
    /// Ids pass, one unit: event `next`, or actor `next - n_events`.
    fn id(&mut self, dataset: &Dataset) {
        let (n_events, _) = doc_counts(dataset);
        let i = self.next;
        self.next += 1;
        let (map, id, ix) = if i < n_events {
            (&mut self.event_ix, dataset.events[i].id.as_str(), i)
        } else {
            let a = i - n_events;
            (&mut self.actor_ix, dataset.actors[a].id.as_str(), a)
        };
        if !map.contains_key(id) {
            map.insert(id.into(), ix as u32);
        }
    }

    /// Resolving pass, one unit: the next block of participations, counted per
    /// event and per actor. Returns how many.
    fn resolve(&mut self, dataset: &Dataset) -> usize {
        let block = &dataset.participations[self.next..]
            [..PART_BLOCK.min(dataset.participations.len() - self.next)];
        self.next += block.len();
        for p in block {
            let e = self.event_ix.get(p.event.as_str()).copied();
            let a = e.and(self.actor_ix.get(p.actor.as_str()).copied());
            if let Some(e) = e {
                self.per_event[e as usize + 1] += 1;
            }
            if let Some(a) = a {
                self.per_actor[a as usize + 1] += 1;
            }
            self.part_event.push(e.unwrap_or(NO_DOC));
            self.part_actor.push(a.unwrap_or(NO_DOC));
        }
        block.len()
    }

    /// Grouping pass, one unit: the next block of participations, each into
    /// its event's group and its event into its actor's. Returns how many.
    fn group(&mut self) -> usize {
        let end = self.part_event.len().min(self.next + PART_BLOCK);
        for pi in self.next..end {
            let e = self.part_event[pi];
            if e == NO_DOC {
                continue;
            }
            let slot = &mut self.fill_event[e as usize];
            self.quotes_of[*slot as usize] = pi as u32;
            *slot += 1;
            let a = self.part_actor[pi];
            if a != NO_DOC {
                let slot = &mut self.fill_actor[a as usize];
                self.actor_bucket[*slot as usize] = e;
                *slot += 1;
            }
        }
        let done = end - self.next;
        self.next = end;
        done
    }

    /// Last pass, one unit: actor `next`'s events, ascending and distinct.
    /// Returns how many it sorted.
    fn actor_events(&mut self) -> usize {
        let a = self.next;
        self.next += 1;
        let events =
            &mut self.actor_bucket[self.per_actor[a] as usize..self.per_actor[a + 1] as usize];
        sort_u32(events);
        let mut last = None;
        for &e in events.iter() {
            if last != Some(e) {
                self.actor_events.push(e);
                last = Some(e);
            }
        }
        self.actor_end[a] = self.actor_events.len() as u32;
        events.len()
    }
}

/// `counts[i + 1]` holds the count of `i`: turns them into offsets (group `i`
/// is `offsets[i]..offsets[i + 1]`).
fn offsets_from_counts(counts: &mut [u32]) {
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
}

impl Fields {
    /// Phase (b), one event: its fields, tokenised. Quotes: each distinct quote
    /// of an event counts once (the same sentence often supports several
    /// participations). Returns how many tokens it counted.
    fn event(&mut self, dataset: &Dataset, text: &EventText) -> usize {
        let ei = self.next;
        self.next += 1;
        let e = &dataset.events[ei];
        let doc = ei as u32;
        let b = &mut self.b;
        let lens = &mut self.ev_lens[ei];
        b.tokenise(&e.name);
        lens[F_NAME] = b.flush(doc, F_NAME, false);
        for (field, value) in [
            (F_SERIES, &e.series),
            (F_CITY, &e.city),
            (F_VENUE, &e.venue),
            (F_EDITION, &e.edition),
        ] {
            if let Some(v) = value {
                b.tokenise(v);
                lens[field] = b.flush(doc, field, false);
            }
        }
        if let Some(code) = &e.country {
            b.tokenise(code);
            if let Some(name) = text.country_names.get(code.as_str()) {
                b.tokenise(name);
            }
            lens[F_COUNTRY] = b.flush(doc, F_COUNTRY, false);
        }
        for theme in &e.themes {
            b.tokenise(theme);
        }
        lens[F_THEMES] = b.flush(doc, F_THEMES, false);
        b.tokenise(&e.summary);
        lens[F_SUMMARY] = b.flush(doc, F_SUMMARY, false);
        let range = text.per_event[ei] as usize..text.per_event[ei + 1] as usize;
        // Dedup by (hash, text): sorting the texts themselves compared long
        // shared prefixes and cost a fifth of the build.
        // A participation without a quote (imported data) adds no text.
        let mut quotes: Vec<(u64, &str)> = text.quotes_of[range]
            .iter()
            .filter_map(|&pi| {
                let q = dataset.participations[pi as usize].quote.as_deref()?;
                let mut h = FxHasher::default();
                h.write(q.as_bytes());
                Some((h.finish(), q))
            })
            .collect();
        sort_by_cmp(&mut quotes, &|a, b| a.cmp(b));
        quotes.dedup();
        for &(_, q) in &quotes {
            b.tokenise(q);
        }
        lens[F_QUOTES] = b.flush(doc, F_QUOTES, false);
        lens.iter().map(|&l| l as usize).sum()
    }

    /// Phase (c), one actor: its fields, tokenised. Returns how many tokens it
    /// counted.
    fn actor(&mut self, dataset: &Dataset) -> usize {
        let ai = self.next;
        self.next += 1;
        let a = &dataset.actors[ai];
        let doc = ai as u32;
        let b = &mut self.b;
        let lens = &mut self.ac_lens[ai];
        b.tokenise(&a.name);
        lens[A_NAME] = b.flush(doc, A_NAME, true);
        if let Some(acronym) = &a.acronym {
            b.tokenise(acronym);
            lens[A_ACRONYM] = b.flush(doc, A_ACRONYM, true);
        }
        for alias in &a.aliases {
            b.tokenise(alias);
        }
        lens[A_ALIASES] = b.flush(doc, A_ALIASES, true);
        if let Some(iso3) = &a.iso3 {
            b.tokenise(iso3);
            lens[A_ISO3] = b.flush(doc, A_ISO3, true);
        }
        lens.iter().map(|&l| l as usize).sum()
    }
}

impl Layout {
    /// Phase (d), its whole unit: sort the dictionary, to lay postings out in
    /// that order.
    fn new(fields: Fields) -> Layout {
        let Fields {
            b,
            ev_lens,
            ac_lens,
            actor_end,
            actor_events,
            ..
        } = fields;
        let ev_avg = averages(&ev_lens);
        let ac_avg = averages(&ac_lens);
        let order = order_by_cmp(b.names.len(), &|x, y| b.names[x].cmp(&b.names[y]));

        let n_terms = order.len();
        let index = SearchIndex {
            events: ev_lens.len() as u32,
            terms: String::with_capacity(b.names.iter().map(|n| n.len()).sum()),
            term_end: Vec::with_capacity(n_terms),
            ..SearchIndex::default()
        };
        let mut postings = Postings {
            ev_end: Vec::with_capacity(n_terms),
            ev_doc: Vec::with_capacity(b.event_raw.iter().map(Vec::len).sum()),
            ev_weight: Vec::new(),
            ac_end: Vec::with_capacity(n_terms),
            ac_actor: Vec::new(),
            ac_weight: Vec::new(),
            actor_end,
            actor_events,
        };
        postings.ev_weight.reserve(postings.ev_doc.capacity());
        Layout {
            b,
            ev_lens,
            ac_lens,
            ev_avg,
            ac_avg,
            order,
            index,
            postings,
        }
    }

    /// Phase (d), one term: the next in dictionary order, with its postings.
    /// Returns how many raw postings it finished.
    fn term(&mut self) -> usize {
        let t = self.order[self.index.term_count()] as usize;
        let (index, postings) = (&mut self.index, &mut self.postings);
        index.terms.push_str(&self.b.names[t]);
        index.term_end.push(index.terms.len() as u32);
        let event_raw = std::mem::take(&mut self.b.event_raw[t]);
        finish_postings(
            &event_raw,
            &self.ev_lens,
            &self.ev_avg,
            &EVENT_WEIGHTS,
            &mut postings.ev_doc,
            &mut postings.ev_weight,
        );
        postings.ev_end.push(postings.ev_doc.len() as u32);
        let actor_raw = std::mem::take(&mut self.b.actor_raw[t]);
        finish_postings(
            &actor_raw,
            &self.ac_lens,
            &self.ac_avg,
            &ACTOR_WEIGHTS,
            &mut postings.ac_actor,
            &mut postings.ac_weight,
        );
        postings.ac_end.push(postings.ac_actor.len() as u32);
        event_raw.len() + actor_raw.len()
    }
}

impl fmt::Debug for SearchBuild {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (phase, done, of) = match &self.stage {
            Stage::Start => ("start", 0, 0),
            Stage::Ids(p) => ("ids", p.next, self.shape[0] + self.shape[1]),
            Stage::Resolve(p) => ("resolve", p.next, self.shape[2]),
            Stage::Group(p) => ("group", p.next, p.part_event.len()),
            Stage::ActorEvents(p) => ("actor events", p.next, p.actor_end.len()),
            Stage::Events { fields, .. } => ("events", fields.next, fields.ev_lens.len()),
            Stage::Actors { fields } => ("actors", fields.next, fields.ac_lens.len()),
            Stage::Layout(l) => ("layout", l.index.term_count(), l.order.len()),
            Stage::Terms(r) => ("terms", r.index.list_end.len(), r.index.term_count()),
            Stage::FindRanges { index, next, .. } => ("find ranges", *next, index.term_count()),
            Stage::RankRanges { ranges, next, .. } => ("rank ranges", *next, ranges.len()),
            Stage::Done(index) => ("done", index.list_end.len(), index.list_end.len()),
        };
        f.debug_struct("SearchBuild")
            .field("phase", &phase)
            .field("done", &done)
            .field("of", &of)
            .finish()
    }
}

/// Merges the single-term lists of a range into one, each event scored by its
/// best word: in full for the word the typed prefix determines (the longest
/// common prefix of the range, when it is a word itself: `bord` selecting
/// `border` and `bordering` determines `border`), discounted for a longer word
/// (×0.3 to ×0.6, less the more of it the range pins down). The discount depends
/// on the range, not on the exact text typed, so one list serves every prefix
/// that selects the same words.
#[derive(Debug, Default)]
struct RangeBest {
    /// `stamp[e] == generation` when `best[e]` holds the current range's score.
    stamp: Vec<u32>,
    best: Vec<f32>,
    generation: u32,
    touched: Vec<u32>,
}

impl RangeBest {
    fn new(events: usize) -> RangeBest {
        RangeBest {
            stamp: vec![0; events],
            best: vec![0.0; events],
            generation: 0,
            touched: Vec::new(),
        }
    }

    fn heap_bytes(&self) -> usize {
        (self.stamp.capacity() + self.best.capacity() + self.touched.capacity()) * 4
    }

    fn rank(&mut self, index: &SearchIndex, range: Range<usize>) -> Vec<SearchHit> {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            // Wrapped: old stamps could collide.
            self.stamp.fill(0);
            self.generation = 1;
        }
        let generation = self.generation;
        self.touched.clear();
        let first = index.term(range.start);
        let last = index.term(range.end - 1);
        let common = common_prefix_len(first, last);
        for t in range {
            let word = index.term(t);
            let factor = if word.len() == common {
                1.0
            } else {
                0.3 + 0.3 * common as f32 / word.len().max(1) as f32
            };
            for h in index.list(t) {
                let e = h.event as usize;
                let score = h.score * factor;
                if self.stamp[e] != generation {
                    self.stamp[e] = generation;
                    self.best[e] = score;
                    self.touched.push(h.event);
                } else if score > self.best[e] {
                    self.best[e] = score;
                }
            }
        }
        ranked(&self.touched, &self.best)
    }
}

/// Byte length of the longest common prefix of `a` and `b`, on a char boundary.
fn common_prefix_len(a: &str, b: &str) -> usize {
    let mut len = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(len) {
        len -= 1;
    }
    len
}

/// Events found in every list (shortest list first), scored by the sum of their
/// scores, best first.
fn intersect(lists: &[Cow<'_, [SearchHit]>], s: &mut Scratch) -> Vec<SearchHit> {
    let generation = s.generation;
    s.candidates.clear();
    for (j, list) in lists.iter().enumerate() {
        let j = j as u16;
        s.next.clear();
        for h in list.iter() {
            let e = h.event as usize;
            if j == 0 {
                s.stamp[e] = generation;
                s.matched[e] = 1;
                s.total[e] = h.score;
                s.next.push(h.event);
            } else if s.stamp[e] == generation && s.matched[e] == j {
                s.matched[e] = j + 1;
                s.total[e] += h.score;
                s.next.push(h.event);
            }
        }
        std::mem::swap(&mut s.candidates, &mut s.next);
        if s.candidates.is_empty() {
            break;
        }
    }
    ranked(&s.candidates, &s.total)
}

/// `events`, each with its `score[event]`, best first.
fn ranked(events: &[u32], score: &[f32]) -> Vec<SearchHit> {
    let mut hits: Vec<SearchHit> = events
        .iter()
        .map(|&e| SearchHit {
            event: e,
            score: score[e as usize],
        })
        .collect();
    sort_best_first(&mut hits);
    hits
}

/// Sorts hits best first, ties by ascending event index, on one integer key:
/// scores are positive and finite, so their bit patterns order like the numbers;
/// inverted for "best first", with the event index below for ties. Twice as fast
/// as comparing (f32, u32) pairs.
fn sort_best_first(hits: &mut [SearchHit]) {
    // Keys are unique (the event is in them), so sorting the bare keys and decoding
    // them is exact, and shares the one `[u64]` sort with the rest of the index.
    let mut keys: Vec<u64> = hits
        .iter()
        .map(|h| u64::from(!f32_key(h.score)) << 32 | u64::from(h.event))
        .collect();
    sort_u64(&mut keys);
    for (hit, key) in hits.iter_mut().zip(keys) {
        *hit = SearchHit {
            event: key as u32,
            score: f32::from_bits(!((key >> 32) as u32)),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{generate, SynthParams};

    fn synth_index() -> SearchIndex {
        SearchIndex::build(&generate(&SynthParams {
            participations: 3_000,
            seed: 11,
        }))
    }

    #[test]
    fn every_large_prefix_range_is_precomputed_and_every_answer_equals_a_fresh_merge() {
        let index = synth_index();
        let mut fresh = RangeBest::new(index.events as usize);
        let mut merge = RangeBest::new(index.events as usize);
        let (mut borrowed, mut merged) = (0, 0);
        for t in 0..index.term_count() {
            let word = index.term(t).to_owned();
            for (i, c) in word.char_indices() {
                let range = index.prefix_range(&word[..i + c.len_utf8()]);
                let large = index.hits_in(range.clone()) >= PRECOMPUTE_MIN_HITS;
                let stored = index.range_hits(range.clone(), &mut merge);
                let list = if range.len() == 1 {
                    index.list(range.start).to_vec()
                } else {
                    fresh.rank(&index, range.clone())
                };
                assert_eq!(&*stored, &list[..], "{word:?} at {i}");
                match stored {
                    Cow::Borrowed(_) => borrowed += 1,
                    Cow::Owned(_) => {
                        let capped = i + c.len_utf8() > MAX_PRECOMPUTED_PREFIX;
                        assert!(range.len() > 1 && (!large || capped), "{word:?} at {i}");
                        merged += 1;
                    }
                }
            }
        }
        // The synthetic vocabulary has both kinds.
        assert!(
            borrowed > 100 && merged > 0,
            "{borrowed} borrowed, {merged} merged"
        );
    }

    /// A spreadsheet cell of 1 MB with no space in it froze the page for
    /// minutes after "Show the data": the build looked up every prefix of that
    /// one word, each with a binary search comparing up to the whole prefix.
    /// The kind: any long word, alone or sharing a long prefix with many
    /// others. Counted in lookups, not timed.
    #[test]
    fn a_very_long_word_costs_the_index_build_a_bounded_number_of_prefix_lookups() {
        let mut dataset = generate(&SynthParams {
            participations: 12_000,
            seed: 11,
        });
        let long = "x".repeat(200_000);
        // Many events whose names share a long prefix (with enough hits
        // together to be precomputed at every length), and one alone.
        for (i, event) in dataset.events.iter_mut().enumerate().take(300) {
            event.name = format!("{}{i}", "q".repeat(5_000));
        }
        dataset.events[400].name = long.clone();
        let index = SearchIndex::build(&dataset);
        let mut ranges = Vec::new();
        for t in 0..index.term_count() {
            let looked = index.collect_ranges(t, &mut ranges);
            assert!(
                looked <= MAX_PRECOMPUTED_PREFIX,
                "{looked} lookups for term {t}"
            );
        }
        // Found whole, and by a prefix longer than the precomputed ones.
        for query in [&long[..], &long[..100]] {
            let hits = index.search(query).expect("a term").hits;
            assert_eq!(hits.iter().map(|h| h.event).collect::<Vec<_>>(), [400]);
        }
        let shared = "q".repeat(4_000);
        assert_eq!(index.search(&shared).expect("a term").hits.len(), 300);
    }

    #[test]
    fn one_term_answers_are_borrowed_and_shared_by_prefixes_selecting_the_same_words() {
        let index = synth_index();
        let word = (0..index.term_count())
            .map(|t| index.term(t))
            .find(|w| w.len() >= 6 && index.prefix_range(&w[..4]) == index.prefix_range(w))
            .expect("a word of six letters whose first four select only its range")
            .to_owned();
        let long = index.search(&word).expect("a term");
        let short = index.search(&word[..4]).expect("a term");
        assert!(matches!(long.hits, Cow::Borrowed(_)));
        assert!(!long.hits.is_empty());
        assert!(std::ptr::eq(long.hits.as_ptr(), short.hits.as_ptr()));
        // Several terms assemble an owned list from the borrowed ones.
        let both = index
            .search(&format!("{word} {}", &word[..4]))
            .expect("terms");
        assert!(matches!(both.hits, Cow::Owned(_)));
        assert_eq!(
            both.hits.iter().map(|h| h.event).collect::<Vec<_>>(),
            long.hits.iter().map(|h| h.event).collect::<Vec<_>>()
        );
    }

    /// Every stored array, not only the answers to some queries: the slicing
    /// changes where the build pauses, never what it computes.
    fn assert_same(a: &SearchIndex, b: &SearchIndex) {
        assert_eq!(a.events, b.events);
        assert_eq!(a.terms, b.terms);
        assert_eq!(a.term_end, b.term_end);
        assert_eq!(a.list_end, b.list_end);
        assert_eq!(a.range_list, b.range_list);
        assert!(a.hits.len() == b.hits.len());
        for (x, y) in a.hits.iter().zip(&b.hits) {
            assert!(x.event == y.event && x.score.to_bits() == y.score.to_bits());
        }
    }

    #[test]
    fn a_build_in_slices_stores_exactly_what_the_one_shot_build_stores() {
        let ds = generate(&SynthParams {
            participations: 3_000,
            seed: 11,
        });
        let whole = SearchIndex::build(&ds);
        for k in [1, 2, 7, 50] {
            let mut build = SearchBuild::new();
            let (mut looks, mut steps) = (0, 1);
            while !build.step(&ds, &mut || {
                looks += 1;
                looks % k == 0
            }) {
                steps += 1;
            }
            assert!(steps > 1, "k {k}: one step");
            assert_same(&build.finish(&ds), &whole);
        }
    }

    #[test]
    fn a_build_given_another_dataset_starts_over() {
        let small = generate(&SynthParams {
            participations: 500,
            seed: 3,
        });
        let large = generate(&SynthParams {
            participations: 3_000,
            seed: 3,
        });
        let mut build = SearchBuild::new();
        for _ in 0..20 {
            build.step(&large, &mut || true);
        }
        assert_same(&build.finish(&small), &SearchIndex::build(&small));
    }

    #[test]
    fn common_prefix_stops_on_a_char_boundary() {
        assert_eq!(common_prefix_len("border", "bordering"), 6);
        assert_eq!(common_prefix_len("abc", "xyz"), 0);
        // `é` (c3 a9) and `è` (c3 a8) share their first byte only.
        assert_eq!(common_prefix_len("fé", "fè"), 1);
    }
}
