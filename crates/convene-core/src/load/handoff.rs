//! A loaded [`Dataset`] as bytes, for the hand-off from the Web Worker that
//! opens data to the page (issue 13: "parsing and indexing run off the main
//! thread").
//!
//! The worker reads, parses and validates the user's file; the page only
//! needs the model back. Sending convene/1 JSON made the page parse it again
//! (1.1-1.7 s of main thread at 1M participations); this format is read with
//! no parsing: length-prefixed UTF-8 strings and fixed-width numbers in the
//! model's own field order.
//!
//! Why not a serde binary format (`postcard`, `bincode`): the model's
//! `Deserialize` derives are not in the app today (the loader is a visitor of
//! its own), and linking them costs ~34 KB brotli of wasm; and the unknown
//! fields (`extra`, `serde_json::Value`) need `deserialize_any`, which those
//! formats do not support. Here an unknown field crosses as its JSON text
//! (`arbitrary_precision`: integers longer than 53 bits are kept exactly).
//! The tests check `decode(encode(d)) == d` and that the JSON export of the
//! decoded dataset is byte-identical to the original's.
//!
//! The bytes are for the same build of the same app only (both ends run one
//! wasm module): there is no versioning beyond a magic prefix, and they are not
//! a file format. [`decode`] still never panics on any input: it returns a
//! [`HandoffError`] naming the byte offset where the input stopped making sense.
//!
//! Layout (all integers little-endian): `CVH1`; the dataset's five strings
//! (format, title, description, version, license); its extra fields; then the
//! sources, actors, events and participations lists, each a `u32` count and its
//! records. A string is a `u32` byte length and its bytes; an absent optional
//! string is the length `u32::MAX`; a list of strings is a count and its
//! strings; a date is a flag byte (0 absent), an `i32` year, then month and day
//! bytes (0 absent); an enum is its index in the type's `ALL` list; extra
//! fields are a count and (name, JSON text) pairs.

use std::collections::BTreeMap;
use std::fmt;

use crate::model::{
    Actor, ActorKind, Dataset, Event, EventStatus, PartialDate, Participation, Role, Source,
};

/// The first four bytes of every hand-off.
const MAGIC: &[u8; 4] = b"CVH1";
/// The length that stands for an absent optional string.
const ABSENT: u32 = u32::MAX;

/// Why [`decode`] could not read the bytes: they were not written by
/// [`encode`] of this build (cut short, or another program's bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoffError {
    /// Byte offset where reading stopped.
    pub at: usize,
    /// What was expected there.
    pub expected: &'static str,
}

impl fmt::Display for HandoffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the dataset's hand-off bytes are damaged at byte {}: expected {}",
            self.at, self.expected
        )
    }
}

impl std::error::Error for HandoffError {}

/// The dataset as hand-off bytes (see the module's layout). The output's
/// length is about the sum of the dataset's string lengths plus 4 bytes per
/// string.
pub fn encode(d: &Dataset) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(64 + 96 * d.participations.len()));
    w.0.extend_from_slice(MAGIC);
    for s in [&d.format, &d.title, &d.description, &d.version, &d.license] {
        w.str(s);
    }
    w.extra(&d.extra);
    w.count(d.sources.len());
    for s in &d.sources {
        w.str(&s.id);
        w.str(&s.title);
        w.opt(&s.publisher);
        w.date(s.published);
        w.opt(&s.language);
        w.opt(&s.url);
        w.opt(&s.seed);
        w.opt(&s.text);
        w.opt(&s.text_url);
        w.extra(&s.extra);
    }
    w.count(d.actors.len());
    for a in &d.actors {
        w.str(&a.id);
        w.str(&a.name);
        w.tag(ActorKind::ALL.iter().position(|k| *k == a.kind));
        w.opt(&a.iso3);
        w.opt(&a.acronym);
        w.strs(&a.aliases);
        w.opt(&a.title);
        w.opt(&a.affiliation);
        w.extra(&a.extra);
    }
    w.count(d.events.len());
    for e in &d.events {
        w.str(&e.id);
        w.str(&e.name);
        w.tag(EventStatus::ALL.iter().position(|s| *s == e.status));
        w.date(e.start);
        w.date(e.end);
        for s in [&e.city, &e.country, &e.venue, &e.series, &e.edition] {
            w.opt(s);
        }
        w.strs(&e.themes);
        w.str(&e.summary);
        w.strs(&e.sources);
        w.extra(&e.extra);
    }
    w.count(d.participations.len());
    for p in &d.participations {
        w.str(&p.event);
        w.str(&p.actor);
        w.tag(Role::ALL.iter().position(|r| *r == p.role));
        w.str(&p.source);
        w.opt(&p.quote);
        w.extra(&p.extra);
    }
    w.0
}

/// Reads bytes written by [`encode`] back into the dataset. The dataset is not
/// validated again (the worker's loader or import did it); an error means the
/// bytes are not an [`encode`] output.
pub fn decode(bytes: &[u8]) -> Result<Dataset, HandoffError> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4, "the prefix CVH1")? != MAGIC {
        return Err(r.error_at(0, "the prefix CVH1"));
    }
    let format = r.str()?;
    let title = r.str()?;
    let description = r.str()?;
    let version = r.str()?;
    let license = r.str()?;
    let extra = r.extra()?;
    let sources = r.list(|r| {
        Ok(Source {
            id: r.str()?,
            title: r.str()?,
            publisher: r.opt()?,
            published: r.date()?,
            language: r.opt()?,
            url: r.opt()?,
            seed: r.opt()?,
            text: r.opt()?,
            text_url: r.opt()?,
            extra: r.extra()?,
        })
    })?;
    let actors = r.list(|r| {
        Ok(Actor {
            id: r.str()?,
            name: r.str()?,
            kind: r.tag(&ActorKind::ALL, "an actor kind")?,
            iso3: r.opt()?,
            acronym: r.opt()?,
            aliases: r.strs()?,
            title: r.opt()?,
            affiliation: r.opt()?,
            extra: r.extra()?,
        })
    })?;
    let events = r.list(|r| {
        Ok(Event {
            id: r.str()?,
            name: r.str()?,
            status: r.tag(&EventStatus::ALL, "an event status")?,
            start: r.date()?,
            end: r.date()?,
            city: r.opt()?,
            country: r.opt()?,
            venue: r.opt()?,
            series: r.opt()?,
            edition: r.opt()?,
            themes: r.strs()?,
            summary: r.str()?,
            sources: r.strs()?,
            extra: r.extra()?,
        })
    })?;
    let participations = r.list(|r| {
        Ok(Participation {
            event: r.str()?,
            actor: r.str()?,
            role: r.tag(&Role::ALL, "a role")?,
            source: r.str()?,
            quote: r.opt()?,
            extra: r.extra()?,
        })
    })?;
    if r.at != bytes.len() {
        return Err(r.error("the end of the bytes"));
    }
    Ok(Dataset {
        format,
        title,
        description,
        version,
        license,
        sources,
        actors,
        events,
        participations,
        extra,
    })
}

struct Writer(Vec<u8>);

impl Writer {
    fn count(&mut self, n: usize) {
        // Lengths fit: a wasm32 page's strings and lists are under 4 GiB.
        self.0.extend_from_slice(&(n as u32).to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.count(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt(&mut self, s: &Option<String>) {
        match s {
            Some(s) => self.str(s),
            None => self.0.extend_from_slice(&ABSENT.to_le_bytes()),
        }
    }
    fn strs(&mut self, list: &[String]) {
        self.count(list.len());
        for s in list {
            self.str(s);
        }
    }
    fn tag(&mut self, index: Option<usize>) {
        // Every variant is in its type's ALL list (the model's tests check it).
        self.0.push(index.unwrap_or(0) as u8);
    }
    fn date(&mut self, d: Option<PartialDate>) {
        match d {
            None => self.0.push(0),
            Some(d) => {
                self.0.push(1);
                self.0.extend_from_slice(&d.year.to_le_bytes());
                self.0.push(d.month.unwrap_or(0));
                self.0.push(d.day.unwrap_or(0));
            }
        }
    }
    fn extra(&mut self, extra: &BTreeMap<String, serde_json::Value>) {
        self.count(extra.len());
        for (name, value) in extra {
            self.str(name);
            self.str(&value.to_string());
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn error(&self, expected: &'static str) -> HandoffError {
        self.error_at(self.at, expected)
    }
    fn error_at(&self, at: usize, expected: &'static str) -> HandoffError {
        HandoffError { at, expected }
    }
    fn take(&mut self, n: usize, expected: &'static str) -> Result<&'a [u8], HandoffError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| self.error(expected))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn u32(&mut self) -> Result<u32, HandoffError> {
        let b = self.take(4, "a 4-byte length")?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn byte(&mut self, expected: &'static str) -> Result<u8, HandoffError> {
        Ok(self.take(1, expected)?[0])
    }
    fn text(&mut self, n: u32) -> Result<String, HandoffError> {
        let start = self.at;
        let b = self.take(n as usize, "a string's bytes")?;
        match std::str::from_utf8(b) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => Err(self.error_at(start, "UTF-8 text")),
        }
    }
    fn str(&mut self) -> Result<String, HandoffError> {
        let n = self.u32()?;
        self.text(n)
    }
    fn opt(&mut self) -> Result<Option<String>, HandoffError> {
        match self.u32()? {
            ABSENT => Ok(None),
            n => self.text(n).map(Some),
        }
    }
    /// A count, checked against the bytes left (each item takes at least
    /// one byte), so a damaged count cannot reserve gigabytes.
    fn count(&mut self) -> Result<usize, HandoffError> {
        let n = self.u32()? as usize;
        if n > self.bytes.len() - self.at {
            return Err(self.error_at(self.at - 4, "a count no larger than the bytes left"));
        }
        Ok(n)
    }
    fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<T, HandoffError>,
    ) -> Result<Vec<T>, HandoffError> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(item(self)?);
        }
        Ok(out)
    }
    fn strs(&mut self) -> Result<Vec<String>, HandoffError> {
        self.list(Self::str)
    }
    fn tag<T: Copy>(&mut self, all: &[T], expected: &'static str) -> Result<T, HandoffError> {
        let at = self.at;
        let i = self.byte(expected)?;
        all.get(i as usize)
            .copied()
            .ok_or_else(|| self.error_at(at, expected))
    }
    fn date(&mut self) -> Result<Option<PartialDate>, HandoffError> {
        if self.byte("a date flag")? == 0 {
            return Ok(None);
        }
        let b = self.take(4, "a year")?;
        let year = i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let part = |v: u8| (v != 0).then_some(v);
        let month = part(self.byte("a month")?);
        let day = part(self.byte("a day")?);
        Ok(Some(PartialDate { year, month, day }))
    }
    fn extra(&mut self) -> Result<BTreeMap<String, serde_json::Value>, HandoffError> {
        let n = self.count()?;
        let mut out = BTreeMap::new();
        for _ in 0..n {
            let name = self.str()?;
            let at = self.at;
            let json = self.str()?;
            let value = serde_json::from_str(&json)
                .map_err(|_| self.error_at(at, "an unknown field's JSON text"))?;
            out.insert(name, value);
        }
        Ok(out)
    }
}
