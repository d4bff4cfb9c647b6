//! The single pass behind [`super::load`]: a serde [`Visitor`] over
//! `serde_json::Deserializer` that builds the model structs directly while it
//! checks each value, then one pass over the built vectors for the rules that
//! span lists (duplicate ids, unknown ids, duplicate participations).
//!
//! Why not serde's derive: it stops at the first error, and its code for the
//! model (five structs keeping unknown fields through `#[serde(flatten)]`, which
//! buffers every field as a `Value`) was the largest piece of serde in the
//! app's wasm. Why not a `serde_json::Value` first (the loader until issue 13's
//! speed work): at 1M participations the Value, a `BTreeMap` per object, the
//! walk over it and the move into the model were three passes, five times the
//! browser's `JSON.parse`.
//!
//! Order of the errors: each object's fields are collected as they come (in any
//! order), then checked in a fixed order once the object ends; every error
//! carries a sort key (list, record, step) so that the list is in document
//! order (header, sources, actors, events, participations, each record in turn,
//! each record's fields in the order of its checks) whatever order the file
//! lists them in; the cross-list rules slot in by the same keys.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

use super::strict::{Found, Seed as ValueSeed, Step, NUMBER_TOKEN};
use super::{
    field, index, is_country_code, is_relative_text_url, is_slug, json_type, render, render_str,
    LoadError, Problem,
};
use crate::model::{
    Actor, ActorKind, Dataset, DateError, Event, EventStatus, PartialDate, Participation, Role,
    Source, FORMAT,
};

/// The lists of a document, in the order their errors are reported; `Header`
/// is the document's own fields.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum List {
    Header,
    Sources,
    Actors,
    Events,
    Participations,
}

impl List {
    fn name(self) -> &'static str {
        match self {
            List::Header => "",
            List::Sources => "sources",
            List::Actors => "actors",
            List::Events => "events",
            List::Participations => "participations",
        }
    }
}

/// Where an error sorts: list, then record (0 for the list itself, `i + 1` for
/// item `i`), then the step of the record's checks.
type Key = (List, usize, u8);

/// A field's value as read: a string (borrowed from the text when it has no
/// escapes), a list of such values for the list fields, or any other JSON value
/// (kept to be named in an error).
enum Raw<'de> {
    Str(Cow<'de, str>),
    List(Vec<Raw<'de>>),
    Other(Value),
}

/// What a field of a record holds: a string or a list of strings.
#[derive(Clone, Copy)]
enum Shape {
    Str,
    Strs,
}

/// Records that are not what the model can hold, by list index, with what is
/// wrong: the cross-list pass must skip those fields (almost always empty).
#[derive(Default)]
struct Odd {
    /// Record index -> bits of [`BAD_ID`]... for fields that are absent or not
    /// strings ([`NOT_OBJECT`] for an item that is not an object).
    bad: BTreeMap<usize, u8>,
    /// Participation index -> its role as written, when not a known role.
    roles: BTreeMap<usize, String>,
    /// Event index -> the positions in `sources` of the strings kept, when some
    /// item was not a string.
    source_positions: BTreeMap<usize, Vec<usize>>,
}

const BAD_ID: u8 = 1;
const BAD_EVENT: u8 = 1;
const BAD_ACTOR: u8 = 2;
const BAD_SOURCE: u8 = 4;
const BAD_ROLE: u8 = 8;
const NOT_OBJECT: u8 = 0xff;

/// Everything the walk accumulates.
struct Walk<'f> {
    found: &'f Found,
    errors: Vec<(Key, LoadError)>,
    sources: Vec<Source>,
    actors: Vec<Actor>,
    events: Vec<Event>,
    participations: Vec<Participation>,
    odd: [Odd; 4],
}

impl Walk<'_> {
    fn push(&mut self, key: Key, path: String, value: Option<String>, problem: Problem) {
        self.errors.push((
            key,
            LoadError {
                path,
                value,
                problem,
                line: None,
                column: None,
            },
        ));
    }

    fn odd(&mut self, list: List) -> &mut Odd {
        &mut self.odd[list as usize - 1]
    }

    fn mark(&mut self, list: List, i: usize, bits: u8) {
        *self.odd(list).bad.entry(i).or_default() |= bits;
    }
}

/// Reads and checks a whole document (the text is already known to be UTF-8).
/// `Err` holds either the one syntax or duplicate-key error, or every problem.
pub(super) fn load(json: &str) -> Result<Dataset, Vec<LoadError>> {
    let found: Found = Found::new(None);
    let mut walk = Walk {
        found: &found,
        errors: Vec::new(),
        sources: Vec::new(),
        actors: Vec::new(),
        events: Vec::new(),
        participations: Vec::new(),
        odd: Default::default(),
    };
    let mut de = serde_json::Deserializer::from_str(json);
    let result = RootSeed(&mut walk)
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v));
    let header = match result {
        Ok(header) => header,
        Err(e) => return Err(vec![super::strict::parse_error(e, found.into_inner())]),
    };
    let Some(header) = header else {
        return Err(walk.errors.into_iter().map(|(_, e)| e).collect());
    };
    cross_list(&mut walk);
    if !walk.errors.is_empty() {
        // Stable: errors with the same key keep the order they were found in.
        walk.errors.sort_by_key(|(key, _)| *key);
        return Err(walk.errors.into_iter().map(|(_, e)| e).collect());
    }
    Ok(Dataset {
        format: header.format,
        title: header.title,
        description: header.description,
        version: header.version,
        license: header.license,
        sources: walk.sources,
        actors: walk.actors,
        events: walk.events,
        participations: walk.participations,
        extra: header.extra,
    })
}

/// The document's own fields.
struct Header {
    format: String,
    title: String,
    description: String,
    version: String,
    license: String,
    extra: BTreeMap<String, Value>,
}

/// Sets the duplicate-key error for `key` and returns serde's error (its
/// position is filled in by serde_json: just after the key).
fn duplicate<E: de::Error>(found: &Found, key: &str) -> E {
    *found.borrow_mut() = Some((key.to_string(), Vec::new()));
    E::custom(format_args!("duplicate key {key:?}"))
}

/// Adds a step to the path of a duplicate key found below.
fn unwind(found: &Found, step: impl FnOnce() -> Step) {
    if let Some((_, steps)) = found.borrow_mut().as_mut() {
        steps.push(step());
    }
}

/// An object's key, borrowed when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// Any value, as [`Raw`]: strings kept as text, lists (when `shape` is
/// [`Shape::Strs`]) item by item, anything else as a `Value` (through the
/// duplicate-key-checking seed).
struct RawSeed<'f> {
    found: &'f Found,
    shape: Shape,
}

impl<'de> DeserializeSeed<'de> for RawSeed<'_> {
    type Value = Raw<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RawSeed<'_> {
    type Value = Raw<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Raw::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Raw::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Raw::Str(Cow::Owned(v)))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Raw::Other(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Raw::Other(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Raw::Other(Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Raw::Other(
            Number::from_f64(v).map_or(Value::Null, Value::Number),
        ))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Raw::Other(Value::Null))
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Raw::Other(Value::Null))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        ValueSeed(self.found).visit_map(map).map(Raw::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        if let Shape::Str = self.shape {
            return ValueSeed(self.found).visit_seq(seq).map(Raw::Other);
        }
        let mut items = Vec::new();
        loop {
            let item = RawSeed {
                found: self.found,
                shape: Shape::Str,
            };
            match seq.next_element_seed(item) {
                Ok(Some(v)) => items.push(v),
                Ok(None) => return Ok(Raw::List(items)),
                Err(e) => {
                    unwind(self.found, || Step::Index(items.len()));
                    return Err(e);
                }
            }
        }
    }
}

/// Reads an object's fields: the known ones into `slots` (by `keys`), the
/// others into `extra`, a repeated key an error. Returns `Err(value)` for a
/// value that is not an object (a number arrives as a map under
/// `arbitrary_precision`).
#[allow(clippy::type_complexity)]
fn read_object<'de, A: MapAccess<'de>, const N: usize>(
    found: &Found,
    mut map: A,
    keys: &[(&str, Shape); N],
) -> Result<Result<([Option<Raw<'de>>; N], BTreeMap<String, Value>), Value>, A::Error> {
    let mut slots: [Option<Raw<'de>>; N] = std::array::from_fn(|_| None);
    let mut extra = BTreeMap::new();
    let mut first = true;
    while let Some(key) = map.next_key_seed(KeySeed)? {
        if first && key == NUMBER_TOKEN {
            let text: String = map.next_value()?;
            return text
                .parse::<Number>()
                .map(|n| Err(Value::Number(n)))
                .map_err(de::Error::custom);
        }
        first = false;
        match keys.iter().position(|(k, _)| *k == key) {
            Some(i) => {
                if slots[i].is_some() {
                    return Err(duplicate(found, &key));
                }
                let seed = RawSeed {
                    found,
                    shape: keys[i].1,
                };
                match map.next_value_seed(seed) {
                    Ok(v) => slots[i] = Some(v),
                    Err(e) => {
                        unwind(found, || Step::Key(key.into_owned()));
                        return Err(e);
                    }
                }
            }
            None => {
                if extra.contains_key(&*key) {
                    return Err(duplicate(found, &key));
                }
                match map.next_value_seed(ValueSeed(found)) {
                    Ok(v) => {
                        extra.insert(key.into_owned(), v);
                    }
                    Err(e) => {
                        unwind(found, || Step::Key(key.into_owned()));
                        return Err(e);
                    }
                }
            }
        }
    }
    Ok(Ok((slots, extra)))
}

/// The visits of a seed for a value other than a string (a list or a record)
/// that a scalar cannot be: each gives the value to `self.other`, which
/// reports it.
macro_rules! scalar_visits {
    () => {
        fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
            Ok(self.other(Value::Bool(v)))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
            Ok(self.other(Value::from(v)))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
            Ok(self.other(Value::from(v)))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
            Ok(self.other(Number::from_f64(v).map_or(Value::Null, Value::Number)))
        }
        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok(self.other(Value::String(v.to_owned())))
        }
        fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
            Ok(self.other(Value::String(v)))
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(self.other(Value::Null))
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(self.other(Value::Null))
        }
    };
}

/// The document: reads the header fields and the four lists, then checks the
/// header. `Ok(None)` when the document is not an object (its one error is in
/// the walk).
struct RootSeed<'w, 'f>(&'w mut Walk<'f>);

impl RootSeed<'_, '_> {
    fn found(&self) -> &Found {
        self.0.found
    }
    fn other(self, value: Value) -> Option<Header> {
        let found = json_type(&value);
        self.0.push(
            (List::Header, 0, 0),
            String::new(),
            Some(render(&value)),
            Problem::WrongType {
                expected: "an object",
                found,
            },
        );
        None
    }
}

impl<'de> DeserializeSeed<'de> for RootSeed<'_, '_> {
    type Value = Option<Header>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

const HEADER_KEYS: [&str; 5] = ["format", "title", "description", "version", "license"];
const LISTS: [(&str, List); 4] = [
    ("sources", List::Sources),
    ("actors", List::Actors),
    ("events", List::Events),
    ("participations", List::Participations),
];

impl<'de> Visitor<'de> for RootSeed<'_, '_> {
    type Value = Option<Header>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a convene/1 document")
    }
    scalar_visits!();
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let v = ValueSeed(self.found()).visit_seq(seq)?;
        Ok(self.other(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let walk = self.0;
        let found = walk.found;
        let mut slots: [Option<Raw<'de>>; 5] = Default::default();
        let mut lists = [false; 4];
        let mut extra = BTreeMap::new();
        let mut first = true;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if first && key == NUMBER_TOKEN {
                let text: String = map.next_value()?;
                let n = text.parse::<Number>().map_err(de::Error::custom)?;
                return Ok(RootSeed(walk).other(Value::Number(n)));
            }
            first = false;
            let result = if let Some(i) = HEADER_KEYS.iter().position(|k| *k == key) {
                if slots[i].is_some() {
                    return Err(duplicate(found, &key));
                }
                let seed = RawSeed {
                    found,
                    shape: Shape::Str,
                };
                map.next_value_seed(seed).map(|v| slots[i] = Some(v))
            } else if let Some(i) = LISTS.iter().position(|(k, _)| *k == key) {
                if lists[i] {
                    return Err(duplicate(found, &key));
                }
                lists[i] = true;
                map.next_value_seed(ListSeed {
                    walk: &mut *walk,
                    list: LISTS[i].1,
                })
            } else {
                if extra.contains_key(&*key) {
                    return Err(duplicate(found, &key));
                }
                map.next_value_seed(ValueSeed(found)).map(|v| {
                    extra.insert(key.to_string(), v);
                })
            };
            if let Err(e) = result {
                unwind(found, || Step::Key(key.into_owned()));
                return Err(e);
            }
        }
        for (i, (name, list)) in LISTS.iter().enumerate() {
            if !lists[i] {
                walk.push((*list, 0, 0), (*name).to_string(), None, Problem::Missing);
            }
        }
        let [format, title, description, version, license] = slots;
        let mut c = Check {
            walk,
            list: List::Header,
            i: 0,
            step: 0,
        };
        let format = c.required_str(format, "format");
        if let Some(f) = &format {
            if f != FORMAT {
                let value = Some(render_str(f));
                c.push("format".into(), value, Problem::Format);
            }
        }
        c.step = 1;
        let title = c.required_str(title, "title");
        c.step = 2;
        let description = c.optional_str(description, "description", false);
        c.step = 3;
        let version = c.optional_str(version, "version", false);
        c.step = 4;
        let license = c.optional_str(license, "license", false);
        Ok(Some(Header {
            format: format.unwrap_or_default(),
            title: title.unwrap_or_default(),
            description: description.unwrap_or_default(),
            version: version.unwrap_or_default(),
            license: license.unwrap_or_default(),
            extra,
        }))
    }
}

/// One of the four lists: an array of records.
struct ListSeed<'w, 'f> {
    walk: &'w mut Walk<'f>,
    list: List,
}

impl ListSeed<'_, '_> {
    fn other(self, value: Value) {
        let found = json_type(&value);
        self.walk.push(
            (self.list, 0, 0),
            self.list.name().to_string(),
            Some(render(&value)),
            Problem::WrongType {
                expected: "an array",
                found,
            },
        );
    }
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of records")
    }
    scalar_visits!();
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let v = ValueSeed(self.walk.found).visit_map(map)?;
        self.other(v);
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let walk = self.walk;
        let list = self.list;
        let mut i = 0;
        loop {
            let seed = RecordSeed {
                walk: &mut *walk,
                list,
                i,
            };
            match seq.next_element_seed(seed) {
                Ok(Some(())) => i += 1,
                Ok(None) => return Ok(()),
                Err(e) => {
                    unwind(walk.found, || Step::Index(i));
                    return Err(e);
                }
            }
        }
    }
}

/// Item `i` of a list: an object, checked and moved into the model.
struct RecordSeed<'w, 'f> {
    walk: &'w mut Walk<'f>,
    list: List,
    i: usize,
}

impl RecordSeed<'_, '_> {
    fn found(&self) -> &Found {
        self.walk.found
    }
    /// An item that is not an object: its error, and a placeholder in the
    /// model so that indices stay those of the file (the load fails anyway).
    fn other(self, value: Value) {
        let found = json_type(&value);
        let (walk, list, i) = (self.walk, self.list, self.i);
        // Before every record's own errors, as the old walk listed them
        // (items that are not objects first, in order).
        walk.push(
            (list, 0, 0),
            index(list.name(), i),
            Some(render(&value)),
            Problem::WrongType {
                expected: "an object",
                found,
            },
        );
        walk.mark(list, i, NOT_OBJECT);
        let text = String::new;
        match list {
            List::Sources => walk.sources.push(Source {
                id: text(),
                title: text(),
                publisher: None,
                published: None,
                language: None,
                url: None,
                seed: None,
                text: None,
                text_url: None,
                extra: BTreeMap::new(),
            }),
            List::Actors => walk.actors.push(Actor {
                id: text(),
                name: text(),
                kind: ActorKind::Country,
                iso3: None,
                acronym: None,
                aliases: Vec::new(),
                title: None,
                affiliation: None,
                extra: BTreeMap::new(),
            }),
            List::Events => walk.events.push(Event {
                id: text(),
                name: text(),
                status: EventStatus::Held,
                start: None,
                end: None,
                city: None,
                country: None,
                venue: None,
                series: None,
                edition: None,
                themes: Vec::new(),
                summary: text(),
                sources: Vec::new(),
                extra: BTreeMap::new(),
            }),
            List::Participations | List::Header => walk.participations.push(Participation {
                event: text(),
                actor: text(),
                role: Role::Participant,
                source: text(),
                quote: None,
                extra: BTreeMap::new(),
            }),
        }
    }
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record")
    }
    scalar_visits!();
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        let v = ValueSeed(self.found()).visit_seq(seq)?;
        self.other(v);
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let (walk, list, i) = (self.walk, self.list, self.i);
        let found = walk.found;
        macro_rules! read {
            ($keys:expr, $build:ident, $into:ident) => {
                match read_object(found, map, &$keys)? {
                    Ok((slots, extra)) => {
                        let record = $build(&mut check(walk, list, i), slots, extra);
                        walk.$into.push(record);
                    }
                    Err(value) => RecordSeed { walk, list, i }.other(value),
                }
            };
        }
        match list {
            List::Sources => read!(SOURCE_KEYS, source, sources),
            List::Actors => read!(ACTOR_KEYS, actor, actors),
            List::Events => read!(EVENT_KEYS, event, events),
            List::Participations | List::Header => {
                read!(PARTICIPATION_KEYS, participation, participations)
            }
        }
        Ok(())
    }
}

fn check<'w, 'f>(walk: &'w mut Walk<'f>, list: List, i: usize) -> Check<'w, 'f> {
    Check {
        walk,
        list,
        i,
        step: 0,
    }
}

/// The checks of one record (or of the header), each error keyed by the
/// record and the current `step`.
struct Check<'w, 'f> {
    walk: &'w mut Walk<'f>,
    list: List,
    i: usize,
    step: u8,
}

impl Check<'_, '_> {
    fn path(&self, key: &str) -> String {
        match self.list {
            List::Header => key.to_string(),
            list => field(&index(list.name(), self.i), key),
        }
    }

    fn push(&mut self, path: String, value: Option<String>, problem: Problem) {
        let key = match self.list {
            List::Header => (List::Header, 0, self.step),
            list => (list, self.i + 1, self.step),
        };
        self.walk.push(key, path, value, problem);
    }

    fn mark(&mut self, bits: u8) {
        self.walk.mark(self.list, self.i, bits);
    }

    fn wrong(&mut self, path: String, value: &Value, expected: &'static str) {
        let found = json_type(value);
        self.push(
            path,
            Some(render(value)),
            Problem::WrongType { expected, found },
        );
    }

    /// A required string (`Missing`, or `WrongType` naming what it holds).
    fn required_str(&mut self, raw: Option<Raw<'_>>, key: &str) -> Option<String> {
        match raw {
            None => {
                self.push(self.path(key), None, Problem::Missing);
                None
            }
            Some(Raw::Str(s)) => Some(s.into_owned()),
            Some(Raw::Other(v)) => {
                self.wrong(self.path(key), &v, "a string");
                None
            }
            Some(Raw::List(_)) => None,
        }
    }

    /// A required text that must not be blank.
    fn required_text(&mut self, raw: Option<Raw<'_>>, key: &str) -> String {
        let Some(text) = self.required_str(raw, key) else {
            return String::new();
        };
        if text.trim().is_empty() {
            self.push(self.path(key), Some(render_str(&text)), Problem::Empty);
        }
        text
    }

    /// An optional field that, when present, must be a string, or null when
    /// `nullable` (the model's `Option` fields accept null; its defaulted
    /// `String` fields do not).
    fn optional_str(&mut self, raw: Option<Raw<'_>>, key: &str, nullable: bool) -> Option<String> {
        match raw {
            None => None,
            Some(Raw::Other(Value::Null)) if nullable => None,
            Some(Raw::Str(s)) => Some(s.into_owned()),
            Some(Raw::Other(v)) => {
                let expected = if nullable {
                    "a string or null"
                } else {
                    "a string"
                };
                self.wrong(self.path(key), &v, expected);
                None
            }
            Some(Raw::List(_)) => None,
        }
    }

    /// An optional array of strings (not null); the strings kept, with their
    /// positions when some item was not a string.
    fn optional_strings(
        &mut self,
        raw: Option<Raw<'_>>,
        key: &str,
    ) -> (Vec<String>, Option<Vec<usize>>) {
        match raw {
            None => (Vec::new(), None),
            Some(Raw::Str(s)) => {
                let v = Value::String(s.into_owned());
                self.wrong(self.path(key), &v, "an array of strings");
                (Vec::new(), None)
            }
            Some(Raw::List(items)) => {
                let mut out = Vec::with_capacity(items.len());
                let mut positions: Option<Vec<usize>> = None;
                for (j, item) in items.into_iter().enumerate() {
                    match item {
                        Raw::Str(s) => {
                            out.push(s.into_owned());
                            if let Some(p) = &mut positions {
                                p.push(j);
                            }
                        }
                        Raw::Other(v) => {
                            let at = index(&self.path(key), j);
                            self.wrong(at, &v, "a string");
                            positions.get_or_insert_with(|| (0..j).collect());
                        }
                        Raw::List(_) => {}
                    }
                }
                (out, positions)
            }
            Some(Raw::Other(v)) => {
                self.wrong(self.path(key), &v, "an array of strings");
                (Vec::new(), None)
            }
        }
    }

    /// A record's `id`: required string, a slug. (Duplicates are found by the
    /// cross-list pass, at the same step.)
    fn id(&mut self, raw: Option<Raw<'_>>) -> String {
        match self.required_str(raw, "id") {
            Some(id) => {
                if !is_slug(&id) {
                    self.push(self.path("id"), Some(render_str(&id)), Problem::NotASlug);
                }
                id
            }
            None => {
                self.mark(BAD_ID);
                String::new()
            }
        }
    }

    /// An optional, nullable date.
    fn date(&mut self, raw: Option<Raw<'_>>, key: &str) -> (Option<PartialDate>, Option<String>) {
        let Some(text) = self.optional_str(raw, key, true) else {
            return (None, None);
        };
        match PartialDate::parse(&text) {
            Ok(date) => (Some(date), Some(text)),
            Err(e) => {
                let problem = match e {
                    DateError::Malformed => Problem::MalformedDate,
                    DateError::Impossible => Problem::ImpossibleDate,
                };
                self.push(self.path(key), Some(render_str(&text)), problem);
                (None, Some(text))
            }
        }
    }

    /// An optional, nullable country code.
    fn country_code(&mut self, raw: Option<Raw<'_>>, key: &str) -> Option<String> {
        let code = self.optional_str(raw, key, true)?;
        if !is_country_code(&code) {
            self.push(
                self.path(key),
                Some(render_str(&code)),
                Problem::NotACountryCode,
            );
        }
        Some(code)
    }
}

const SOURCE_KEYS: [(&str, Shape); 9] = [
    ("id", Shape::Str),
    ("title", Shape::Str),
    ("publisher", Shape::Str),
    ("published", Shape::Str),
    ("language", Shape::Str),
    ("url", Shape::Str),
    ("seed", Shape::Str),
    ("text", Shape::Str),
    ("text_url", Shape::Str),
];

fn source<const N: usize>(
    c: &mut Check<'_, '_>,
    slots: [Option<Raw<'_>>; N],
    extra: BTreeMap<String, Value>,
) -> Source {
    let mut slots = slots.into_iter();
    let mut next = || slots.next().flatten();
    let [id, title, publisher, published, language, url, seed, text, text_url] =
        std::array::from_fn(|_| next());
    let id = c.id(id);
    c.step = 1;
    let title = c.required_text(title, "title");
    let publisher = c.optional_str(publisher, "publisher", true);
    let language = c.optional_str(language, "language", true);
    let url = c.optional_str(url, "url", true);
    let seed = c.optional_str(seed, "seed", true);
    let (published, _) = c.date(published, "published");
    let text = c.optional_str(text, "text", true);
    let text_url = c.optional_str(text_url, "text_url", true);
    if let Some(url) = &text_url {
        if text.is_some() {
            c.push(
                c.path("text_url"),
                Some(render_str(url)),
                Problem::TextAndTextUrl,
            );
        } else if !is_relative_text_url(url) {
            c.push(
                c.path("text_url"),
                Some(render_str(url)),
                Problem::NotARelativeUrl,
            );
        }
    }
    Source {
        id,
        title,
        publisher,
        published,
        language,
        url,
        seed,
        text,
        text_url,
        extra,
    }
}

const ACTOR_KEYS: [(&str, Shape); 8] = [
    ("id", Shape::Str),
    ("name", Shape::Str),
    ("kind", Shape::Str),
    ("iso3", Shape::Str),
    ("acronym", Shape::Str),
    ("aliases", Shape::Strs),
    ("title", Shape::Str),
    ("affiliation", Shape::Str),
];

fn actor<const N: usize>(
    c: &mut Check<'_, '_>,
    slots: [Option<Raw<'_>>; N],
    extra: BTreeMap<String, Value>,
) -> Actor {
    let mut slots = slots.into_iter();
    let mut next = || slots.next().flatten();
    let [id, name, kind, iso3, acronym, aliases, title, affiliation] =
        std::array::from_fn(|_| next());
    let id = c.id(id);
    c.step = 1;
    let name = c.required_text(name, "name");
    let kind = c.required_str(kind, "kind").and_then(|k| {
        let parsed = ActorKind::parse(&k);
        if parsed.is_none() {
            c.push(c.path("kind"), Some(render_str(&k)), Problem::UnknownKind);
        }
        parsed
    });
    let iso3 = c.country_code(iso3, "iso3");
    let acronym = c.optional_str(acronym, "acronym", true);
    let title = c.optional_str(title, "title", true);
    let (aliases, _) = c.optional_strings(aliases, "aliases");
    let affiliation = c.optional_str(affiliation, "affiliation", true);
    Actor {
        id,
        name,
        kind: kind.unwrap_or(ActorKind::Country),
        iso3,
        acronym,
        aliases,
        title,
        affiliation,
        extra,
    }
}

const EVENT_KEYS: [(&str, Shape); 13] = [
    ("id", Shape::Str),
    ("name", Shape::Str),
    ("status", Shape::Str),
    ("start", Shape::Str),
    ("end", Shape::Str),
    ("city", Shape::Str),
    ("country", Shape::Str),
    ("venue", Shape::Str),
    ("series", Shape::Str),
    ("edition", Shape::Str),
    ("themes", Shape::Strs),
    ("summary", Shape::Str),
    ("sources", Shape::Strs),
];

fn event<const N: usize>(
    c: &mut Check<'_, '_>,
    slots: [Option<Raw<'_>>; N],
    extra: BTreeMap<String, Value>,
) -> Event {
    let mut slots = slots.into_iter();
    let mut next = || slots.next().flatten();
    let [id, name, status, start, end, city, country, venue, series, edition, themes, summary, sources] =
        std::array::from_fn(|_| next());
    let id = c.id(id);
    c.step = 1;
    let name = c.required_text(name, "name");
    let status = c.required_str(status, "status").and_then(|s| {
        let parsed = EventStatus::parse(&s);
        if parsed.is_none() {
            c.push(
                c.path("status"),
                Some(render_str(&s)),
                Problem::UnknownStatus,
            );
        }
        parsed
    });
    let (start, _) = c.date(start, "start");
    let (end, end_text) = c.date(end, "end");
    if let (Some(s), Some(e), Some(text)) = (start, end, &end_text) {
        if e.cmp_overlapping(&s).is_lt() {
            c.push(
                c.path("end"),
                Some(render_str(text)),
                Problem::EndBeforeStart {
                    start: s.to_string(),
                },
            );
        }
    }
    let city = c.optional_str(city, "city", true);
    let venue = c.optional_str(venue, "venue", true);
    let series = c.optional_str(series, "series", true);
    let edition = c.optional_str(edition, "edition", true);
    let country = c.country_code(country, "country");
    let (themes, _) = c.optional_strings(themes, "themes");
    let summary = c.optional_str(summary, "summary", false);
    let (sources, positions) = c.optional_strings(sources, "sources");
    if let Some(positions) = positions {
        let i = c.i;
        c.walk
            .odd(List::Events)
            .source_positions
            .insert(i, positions);
    }
    Event {
        id,
        name,
        status: status.unwrap_or(EventStatus::Held),
        start,
        end,
        city,
        country,
        venue,
        series,
        edition,
        themes,
        summary: summary.unwrap_or_default(),
        sources,
        extra,
    }
}

const PARTICIPATION_KEYS: [(&str, Shape); 5] = [
    ("event", Shape::Str),
    ("actor", Shape::Str),
    ("role", Shape::Str),
    ("source", Shape::Str),
    ("quote", Shape::Str),
];

/// Steps of a participation's checks; the odd ones are the cross-list pass's.
const P_EVENT: u8 = 0;
const P_ACTOR: u8 = 2;
const P_ROLE: u8 = 4;
const P_SOURCE: u8 = 5;
const P_QUOTE: u8 = 7;

fn participation<const N: usize>(
    c: &mut Check<'_, '_>,
    slots: [Option<Raw<'_>>; N],
    extra: BTreeMap<String, Value>,
) -> Participation {
    let mut slots = slots.into_iter();
    let mut next = || slots.next().flatten();
    let [event, actor, role, source, quote] = std::array::from_fn(|_| next());
    let mut bad = 0;
    c.step = P_EVENT;
    let event = c.required_str(event, "event").unwrap_or_else(|| {
        bad |= BAD_EVENT;
        String::new()
    });
    c.step = P_ACTOR;
    let actor = c.required_str(actor, "actor").unwrap_or_else(|| {
        bad |= BAD_ACTOR;
        String::new()
    });
    c.step = P_ROLE;
    let role = match c.required_str(role, "role") {
        Some(word) => match Role::parse(&word) {
            Some(role) => role,
            None => {
                c.push(
                    c.path("role"),
                    Some(render_str(&word)),
                    Problem::UnknownRole,
                );
                let i = c.i;
                c.walk.odd(List::Participations).roles.insert(i, word);
                Role::Participant
            }
        },
        None => {
            bad |= BAD_ROLE;
            Role::Participant
        }
    };
    c.step = P_SOURCE;
    let source = c.required_str(source, "source").unwrap_or_else(|| {
        bad |= BAD_SOURCE;
        String::new()
    });
    c.step = P_QUOTE;
    // Optional since issue 13 (imported spreadsheets): absent or null is
    // "no quote"; a quote that is present must still say something.
    let quote = c.optional_str(quote, "quote", true);
    if let Some(q) = &quote {
        if q.trim().is_empty() {
            c.push(c.path("quote"), Some(render_str(q)), Problem::Empty);
        }
    }
    if bad != 0 {
        c.mark(bad);
    }
    Participation {
        event,
        actor,
        role,
        source,
        quote,
        extra,
    }
}

/// The ids of one list: id -> index of its first record; a later record with
/// the same id is a `DuplicateId` error at the id's step.
fn ids<'a, T>(
    walk_errors: &mut Vec<(Key, LoadError)>,
    odd: &Odd,
    list: List,
    items: &'a [T],
    id: fn(&T) -> &str,
) -> HashMap<&'a str, u32> {
    let mut map: HashMap<&'a str, u32> = HashMap::default();
    map.reserve(items.len());
    for (i, item) in items.iter().enumerate() {
        if odd.bad.get(&i).is_some_and(|b| b & BAD_ID != 0) {
            continue;
        }
        let id = id(item);
        match map.get(id) {
            Some(&first) => walk_errors.push((
                (list, i + 1, 0),
                LoadError {
                    path: field(&index(list.name(), i), "id"),
                    value: Some(render_str(id)),
                    problem: Problem::DuplicateId {
                        first: index(list.name(), first as usize),
                    },
                    line: None,
                    column: None,
                },
            )),
            None => {
                map.insert(id, i as u32);
            }
        }
    }
    map
}

fn unknown(key: Key, path: String, id: &str, list: &'static str) -> (Key, LoadError) {
    (
        key,
        LoadError {
            path,
            value: Some(render_str(id)),
            problem: Problem::UnknownId { list },
            line: None,
            column: None,
        },
    )
}

/// The rules across lists, over the built vectors: duplicate ids, references
/// to ids that their list does not hold, duplicate (event, actor, role) rows.
fn cross_list(walk: &mut Walk<'_>) {
    let errors = &mut walk.errors;
    let [odd_sources, odd_actors, odd_events, odd_parts] = &walk.odd;
    let sources = ids(errors, odd_sources, List::Sources, &walk.sources, |s| {
        s.id.as_str()
    });
    let actors = ids(errors, odd_actors, List::Actors, &walk.actors, |a| {
        a.id.as_str()
    });
    let events = ids(errors, odd_events, List::Events, &walk.events, |e| {
        e.id.as_str()
    });

    for (i, a) in walk.actors.iter().enumerate() {
        if let Some(aff) = &a.affiliation {
            if !actors.contains_key(aff.as_str()) {
                let path = field(&index("actors", i), "affiliation");
                errors.push(unknown((List::Actors, i + 1, 2), path, aff, "actor"));
            }
        }
    }
    for (i, e) in walk.events.iter().enumerate() {
        let positions = odd_events.source_positions.get(&i);
        for (k, s) in e.sources.iter().enumerate() {
            if !sources.contains_key(s.as_str()) {
                let j = positions.map_or(k, |p| p[k]);
                let path = index(&field(&index("events", i), "sources"), j);
                errors.push(unknown((List::Events, i + 1, 2), path, s, "source"));
            }
        }
    }

    // Unknown event and actor ids and unknown roles get numbers past the
    // known ones, so that rows repeating them are still found as duplicates.
    let mut odd_ids: HashMap<&str, u32> = HashMap::default();
    let mut rows: HashMap<(u32, u32, u32), u32> = HashMap::default();
    rows.reserve(walk.participations.len());
    let base_e = walk.events.len() + walk.actors.len();
    let mut odd_roles: HashMap<&str, u32> = HashMap::default();
    for (i, p) in walk.participations.iter().enumerate() {
        let bad = odd_parts.bad.get(&i).copied().unwrap_or(0);
        if bad == NOT_OBJECT {
            continue;
        }
        let rec = |s: u8| (List::Participations, i + 1, s);
        let at = |f: &str| field(&index("participations", i), f);
        let e = if bad & BAD_EVENT == 0 {
            let e = events.get(p.event.as_str()).copied();
            if e.is_none() {
                errors.push(unknown(rec(P_EVENT + 1), at("event"), &p.event, "event"));
            }
            Some(e)
        } else {
            None
        };
        let a = if bad & BAD_ACTOR == 0 {
            let a = actors.get(p.actor.as_str()).copied();
            if a.is_none() {
                errors.push(unknown(rec(P_ACTOR + 1), at("actor"), &p.actor, "actor"));
            }
            Some(a)
        } else {
            None
        };
        if bad & BAD_SOURCE == 0 && !sources.contains_key(p.source.as_str()) {
            errors.push(unknown(
                rec(P_SOURCE + 1),
                at("source"),
                &p.source,
                "source",
            ));
        }
        let (Some(e), Some(a)) = (e, a) else {
            continue;
        };
        if bad & BAD_ROLE != 0 {
            continue;
        }
        let e = e.unwrap_or_else(|| {
            let n = odd_ids.len() as u32;
            base_e as u32 + *odd_ids.entry(&p.event).or_insert(n)
        });
        let a = a.unwrap_or_else(|| {
            let n = odd_ids.len() as u32;
            base_e as u32 + *odd_ids.entry(&p.actor).or_insert(n)
        });
        let r = match odd_parts.roles.get(&i) {
            None => p.role as u32,
            Some(word) => {
                let n = odd_roles.len() as u32;
                Role::ALL.len() as u32 + *odd_roles.entry(word).or_insert(n)
            }
        };
        match rows.get(&(e, a, r)) {
            Some(&first) => {
                let role = odd_parts
                    .roles
                    .get(&i)
                    .map_or(p.role.as_str(), String::as_str);
                let value = format!("{} / {} / {}", p.event, p.actor, role);
                errors.push((
                    rec(P_QUOTE + 1),
                    LoadError {
                        path: index("participations", i),
                        value: Some(render_str(&value)),
                        problem: Problem::DuplicateParticipation {
                            first: index("participations", first as usize),
                        },
                        line: None,
                        column: None,
                    },
                ));
            }
            None => {
                rows.insert((e, a, r), i as u32);
            }
        }
    }
}
