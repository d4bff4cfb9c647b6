//! The inverted index: a sorted term dictionary (a prefix is a contiguous range,
//! found by binary search) with two posting lists per term:
//! - event postings: events whose own fields or quotes hold the term, with the
//!   term's BM25F-normalised weighted frequency, precomputed at build time;
//! - actor postings: actors whose name, acronym, aliases or ISO3 hold the term.
//!   An actor is tokenised once and reaches its events through `actor_events` at
//!   query time, instead of copying its words into each of its participations.
//!
//! A query accumulates into dense per-event arrays stamped with a generation
//! number, so nothing is cleared between queries and a prefix that expands to
//! thousands of terms costs one pass over their postings.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;

use super::text;
use crate::model::Dataset;

/// BM25 saturation.
const K1: f32 = 1.2;
/// BM25 length normalisation, applied per field.
const B: f32 = 0.75;
/// Fixed-point scale of stored weights (u16): 1/256 resolution, saturating at 255.
const SCALE: f32 = 256.0;
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

/// The answer to a non-blank query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResult {
    /// Matching events, best first (ties by event index).
    pub hits: Vec<SearchHit>,
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
    /// Best score of the current query term over its expansions.
    best: Vec<f32>,
    /// Weighted frequency of the current dictionary term; always left at zero.
    freq: Vec<u32>,
    touched: Vec<u32>,
    candidates: Vec<u32>,
    next: Vec<u32>,
}

impl Scratch {
    fn prepare(&mut self, events: usize) {
        if self.stamp.len() != events {
            *self = Scratch::default();
            self.stamp = vec![0; events];
            self.matched = vec![0; events];
            self.total = vec![0.0; events];
            self.best = vec![0.0; events];
            self.freq = vec![0; events];
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
            + (self.total.capacity() + self.best.capacity()) * 4
            + self.freq.capacity() * 4
            + (self.touched.capacity() + self.candidates.capacity() + self.next.capacity()) * 4
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
    /// Inverse document frequency of each term, over events (an actor's words
    /// count for each of its events).
    idf: Vec<f32>,
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
            idf: self.idf.clone(),
            ev_end: self.ev_end.clone(),
            ev_doc: self.ev_doc.clone(),
            ev_weight: self.ev_weight.clone(),
            ac_end: self.ac_end.clone(),
            ac_actor: self.ac_actor.clone(),
            ac_weight: self.ac_weight.clone(),
            actor_end: self.actor_end.clone(),
            actor_events: self.actor_events.clone(),
            scratch: Mutex::default(),
        }
    }
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("events", &self.events)
            .field("terms", &self.term_count())
            .field("event_postings", &self.ev_doc.len())
            .field("actor_postings", &self.ac_actor.len())
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
        text::for_each_token(text, &mut buf, |term, _| tokens.push(self.intern(term)));
        self.buf = buf;
        self.tokens = tokens;
    }

    /// Records the tokens gathered for one field of document `doc` (event or
    /// actor), clears them and returns the field's length in tokens.
    fn flush(&mut self, doc: u32, field: usize, actor: bool) -> u32 {
        let len = self.tokens.len() as u32;
        self.tokens.sort_unstable();
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
    /// Builds the index over every event of `dataset`. Participations naming an
    /// unknown event or actor are skipped (the loader reports them); duplicate
    /// ids resolve to the first.
    pub fn build(dataset: &Dataset) -> SearchIndex {
        let n_events = dataset.events.len().min(u32::MAX as usize - 1);
        let n_actors = dataset.actors.len().min(u32::MAX as usize - 1);
        let mut event_ix: FxMap<&str, u32> = FxMap::default();
        for (i, e) in dataset.events.iter().take(n_events).enumerate() {
            event_ix.entry(e.id.as_str()).or_insert(i as u32);
        }
        let mut actor_ix: FxMap<&str, u32> = FxMap::default();
        for (i, a) in dataset.actors.iter().take(n_actors).enumerate() {
            actor_ix.entry(a.id.as_str()).or_insert(i as u32);
        }

        // Participations grouped by event (counting sort), and actor→events pairs.
        let mut per_event = vec![0u32; n_events + 1];
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(dataset.participations.len());
        let mut resolved: Vec<(u32, u32)> = Vec::with_capacity(dataset.participations.len());
        for (pi, p) in dataset.participations.iter().enumerate() {
            let Some(&e) = event_ix.get(p.event.as_str()) else {
                continue;
            };
            per_event[e as usize + 1] += 1;
            resolved.push((e, pi as u32));
            if let Some(&a) = actor_ix.get(p.actor.as_str()) {
                pairs.push((a, e));
            }
        }
        for i in 0..n_events {
            per_event[i + 1] += per_event[i];
        }
        let mut fill = per_event.clone();
        let mut quotes_of = vec![0u32; resolved.len()];
        for &(e, pi) in &resolved {
            quotes_of[fill[e as usize] as usize] = pi;
            fill[e as usize] += 1;
        }
        drop(resolved);
        drop(fill);

        pairs.sort_unstable();
        pairs.dedup();
        let mut actor_end = vec![0u32; n_actors];
        let mut actor_events = Vec::with_capacity(pairs.len());
        for &(a, e) in &pairs {
            actor_end[a as usize] += 1;
            actor_events.push(e);
        }
        for a in 1..n_actors {
            actor_end[a] += actor_end[a - 1];
        }
        drop(pairs);

        // Event fields. Quotes: each distinct quote of an event counts once (the
        // same sentence often supports several participations).
        let mut b = Builder::default();
        let mut ev_lens = vec![[0u32; EVENT_FIELDS]; n_events];
        let mut quotes: Vec<(u64, &str)> = Vec::new();
        for (ei, e) in dataset.events.iter().take(n_events).enumerate() {
            let doc = ei as u32;
            let lens = &mut ev_lens[ei];
            b.tokenise(&e.name);
            lens[F_NAME] = b.flush(doc, F_NAME, false);
            for (field, value) in [
                (F_SERIES, &e.series),
                (F_CITY, &e.city),
                (F_COUNTRY, &e.country),
                (F_VENUE, &e.venue),
                (F_EDITION, &e.edition),
            ] {
                if let Some(v) = value {
                    b.tokenise(v);
                    lens[field] = b.flush(doc, field, false);
                }
            }
            for theme in &e.themes {
                b.tokenise(theme);
            }
            lens[F_THEMES] = b.flush(doc, F_THEMES, false);
            b.tokenise(&e.summary);
            lens[F_SUMMARY] = b.flush(doc, F_SUMMARY, false);
            quotes.clear();
            let range = per_event[ei] as usize..per_event[ei + 1] as usize;
            // Dedup by (hash, text): sorting the texts themselves compared long
            // shared prefixes and cost a fifth of the build.
            quotes.extend(quotes_of[range].iter().map(|&pi| {
                let q = dataset.participations[pi as usize].quote.as_str();
                let mut h = FxHasher::default();
                h.write(q.as_bytes());
                (h.finish(), q)
            }));
            quotes.sort_unstable();
            quotes.dedup();
            for &(_, q) in &quotes {
                b.tokenise(q);
            }
            lens[F_QUOTES] = b.flush(doc, F_QUOTES, false);
        }
        drop(quotes_of);
        drop(per_event);

        let mut ac_lens = vec![[0u32; ACTOR_FIELDS]; n_actors];
        for (ai, a) in dataset.actors.iter().take(n_actors).enumerate() {
            let doc = ai as u32;
            let lens = &mut ac_lens[ai];
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
        }

        // Sort the dictionary and lay postings out in that order.
        let ev_avg = averages(&ev_lens);
        let ac_avg = averages(&ac_lens);
        let mut order: Vec<u32> = (0..b.names.len() as u32).collect();
        order.sort_unstable_by(|&x, &y| b.names[x as usize].cmp(&b.names[y as usize]));

        let n_terms = order.len();
        let mut index = SearchIndex {
            events: n_events as u32,
            terms: String::with_capacity(b.names.iter().map(|n| n.len()).sum()),
            term_end: Vec::with_capacity(n_terms),
            idf: Vec::with_capacity(n_terms),
            ev_end: Vec::with_capacity(n_terms),
            ev_doc: Vec::with_capacity(b.event_raw.iter().map(Vec::len).sum()),
            ev_weight: Vec::new(),
            ac_end: Vec::with_capacity(n_terms),
            ac_actor: Vec::new(),
            ac_weight: Vec::new(),
            actor_end,
            actor_events,
            scratch: Mutex::default(),
        };
        index.ev_weight.reserve(index.ev_doc.capacity());
        let mut seen = vec![u32::MAX; n_events];
        let n = n_events as f32;
        for (rank, &t) in order.iter().enumerate() {
            let t = t as usize;
            index.terms.push_str(&b.names[t]);
            index.term_end.push(index.terms.len() as u32);
            let ev_start = index.ev_doc.len();
            let event_raw = std::mem::take(&mut b.event_raw[t]);
            finish_postings(
                &event_raw,
                &ev_lens,
                &ev_avg,
                &EVENT_WEIGHTS,
                &mut index.ev_doc,
                &mut index.ev_weight,
            );
            index.ev_end.push(index.ev_doc.len() as u32);
            let ac_start = index.ac_actor.len();
            let actor_raw = std::mem::take(&mut b.actor_raw[t]);
            finish_postings(
                &actor_raw,
                &ac_lens,
                &ac_avg,
                &ACTOR_WEIGHTS,
                &mut index.ac_actor,
                &mut index.ac_weight,
            );
            index.ac_end.push(index.ac_actor.len() as u32);

            // Document frequency: distinct events reached either way.
            let mark = rank as u32;
            let mut df = 0u32;
            for &e in &index.ev_doc[ev_start..] {
                seen[e as usize] = mark;
                df += 1;
            }
            for &a in &index.ac_actor[ac_start..] {
                for &e in &index.actor_events[span(&index.actor_end, a as usize)] {
                    if seen[e as usize] != mark {
                        seen[e as usize] = mark;
                        df += 1;
                    }
                }
            }
            let df = df as f32;
            index.idf.push((1.0 + (n - df + 0.5) / (df + 0.5)).ln());
        }
        index
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
    fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
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

    /// Rough work a term's expansion costs, to process cheap terms first.
    fn cost(&self, range: &std::ops::Range<usize>) -> usize {
        if range.is_empty() {
            return 0;
        }
        let ev = self.ev_end[range.end - 1] as usize - span(&self.ev_end, range.start).start;
        let ac = self.ac_end[range.end - 1] as usize - span(&self.ac_end, range.start).start;
        ev + ac * 8
    }

    /// Approximate heap memory held by the index, in bytes (for memory reports).
    pub fn heap_bytes(&self) -> usize {
        let scratch = self.scratch.try_lock().map(|s| s.heap_bytes()).unwrap_or(0);
        self.terms.capacity()
            + 4 * (self.term_end.capacity()
                + self.idf.capacity()
                + self.ev_end.capacity()
                + self.ev_doc.capacity()
                + self.ac_end.capacity()
                + self.ac_actor.capacity()
                + self.actor_end.capacity()
                + self.actor_events.capacity())
            + 2 * (self.ev_weight.capacity() + self.ac_weight.capacity())
            + scratch
    }

    /// Runs `query`; `None` when the query holds no searchable term (no text filter).
    ///
    /// Every query term matches as a prefix of a word; all terms must match (AND).
    /// Hits come best first, ties by ascending event index.
    pub fn search(&self, query: &str) -> Option<SearchResult> {
        let mut terms = text::query_terms(query);
        if terms.is_empty() {
            return None;
        }
        terms.truncate(MAX_QUERY_TERMS);
        let mut planned: Vec<(usize, String, std::ops::Range<usize>)> =
            Vec::with_capacity(terms.len());
        for term in terms {
            let range = self.prefix_range(&term);
            if range.is_empty() {
                return Some(SearchResult::default());
            }
            planned.push((self.cost(&range), term, range));
        }
        // Cheapest first: later terms then mostly hit events already ruled out.
        planned.sort_by_key(|p| p.0);

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
        let hits = self.run(&planned, scratch);
        Some(SearchResult { hits })
    }

    fn run(
        &self,
        planned: &[(usize, String, std::ops::Range<usize>)],
        s: &mut Scratch,
    ) -> Vec<SearchHit> {
        let generation = s.generation;
        s.candidates.clear();
        for (j, (_, term, range)) in planned.iter().enumerate() {
            let j = j as u16;
            s.next.clear();
            for t in range.clone() {
                let word = self.term(t);
                let factor = if word.len() == term.len() {
                    1.0
                } else {
                    0.3 + 0.3 * term.len() as f32 / word.len().max(1) as f32
                };
                let idf = self.idf[t] * factor;
                s.touched.clear();
                // Accumulate this word's weighted frequency over the events still in play.
                let add = |e: u32, w: u16, s: &mut Scratch| {
                    let ei = e as usize;
                    let alive = if s.stamp[ei] == generation {
                        s.matched[ei] == j || s.matched[ei] == j + 1
                    } else {
                        j == 0
                    };
                    if alive {
                        if s.freq[ei] == 0 {
                            s.touched.push(e);
                        }
                        s.freq[ei] += w as u32;
                    }
                };
                let ev = span(&self.ev_end, t);
                for (&e, &w) in self.ev_doc[ev.clone()].iter().zip(&self.ev_weight[ev]) {
                    add(e, w, s);
                }
                let ac = span(&self.ac_end, t);
                for (&a, &w) in self.ac_actor[ac.clone()].iter().zip(&self.ac_weight[ac]) {
                    for &e in &self.actor_events[span(&self.actor_end, a as usize)] {
                        add(e, w, s);
                    }
                }
                for k in 0..s.touched.len() {
                    let ei = s.touched[k] as usize;
                    let tf = s.freq[ei] as f32 / SCALE;
                    s.freq[ei] = 0;
                    let score = idf * tf * (K1 + 1.0) / (tf + K1);
                    if s.stamp[ei] != generation {
                        s.stamp[ei] = generation;
                        s.matched[ei] = 0;
                        s.total[ei] = 0.0;
                    }
                    if s.matched[ei] == j {
                        s.matched[ei] = j + 1;
                        s.best[ei] = score;
                        s.next.push(ei as u32);
                    } else if score > s.best[ei] {
                        s.best[ei] = score;
                    }
                }
            }
            for &e in &s.next {
                s.total[e as usize] += s.best[e as usize];
            }
            std::mem::swap(&mut s.candidates, &mut s.next);
            if s.candidates.is_empty() {
                break;
            }
        }
        // Sort on one integer key: scores are positive and finite, so their bit
        // patterns order like the numbers; inverted for "best first", with the
        // event index below for ties. Twice as fast as comparing (f32, u32) pairs,
        // and sorting is most of the cost of a query with tens of thousands of hits.
        let mut keys: Vec<u64> = s
            .candidates
            .iter()
            .map(|&e| (u64::from(!s.total[e as usize].to_bits()) << 32) | u64::from(e))
            .collect();
        keys.sort_unstable();
        let hits: Vec<SearchHit> = keys
            .into_iter()
            .map(|k| SearchHit {
                event: k as u32,
                score: f32::from_bits(!((k >> 32) as u32)),
            })
            .collect();
        hits
    }
}
