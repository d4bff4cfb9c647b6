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
use std::collections::hash_map::Entry;
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

/// Records that are not what the model can hold, by list index (ascending:
/// records come in order), with what is wrong: the cross-list pass must skip
/// those fields (almost always empty). Vectors, not maps: smaller code.
#[derive(Default)]
struct Odd {
    /// (record index, bits of [`BAD_ID`]... for fields that are absent or not
    /// strings; [`NOT_OBJECT`] for an item that is not an object).
    bad: Vec<(usize, u8)>,
    /// (participation index, its role as written) when not a known role.
    roles: Vec<(usize, String)>,
    /// (event index, the positions in `sources` of the strings kept) when
    /// some item was not a string.
    source_positions: Vec<(usize, Vec<usize>)>,
}

/// The entry for record `i` in one of [`Odd`]'s vectors.
fn entry_of<T>(entries: &[(usize, T)], i: usize) -> Option<&T> {
    let k = entries.binary_search_by_key(&i, |(j, _)| *j).ok()?;
    Some(&entries[k].1)
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
        let bad = &mut self.odd(list).bad;
        match bad.last_mut() {
            Some((j, b)) if *j == i => *b |= bits,
            _ => bad.push((i, bits)),
        }
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
    let root = Node {
        walk: &mut walk,
        mode: Mode::Root,
    };
    let result = root.deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    let header = match result {
        Ok(Out::Header(header)) => header,
        Ok(_) => None,
        Err(e) => return Err(vec![super::strict::parse_error(e, found.into_inner())]),
    };
    let Some(header) = header else {
        return Err(walk.errors.into_iter().map(|(_, e)| e).collect());
    };
    let header = *header;
    cross_list(&mut walk);
    if !walk.errors.is_empty() {
        // Stable: errors with the same key keep the order they were found in.
        crate::sort::sort_by_cmp(&mut walk.errors, &|a, b| a.0.cmp(&b.0));
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

/// What a value of the document is read as.
#[derive(Clone, Copy)]
enum Mode {
    /// The document itself.
    Root,
    /// One of the four lists.
    List(List),
    /// Item `i` of a list.
    Record(List, usize),
    /// A field of a record or of the header.
    Raw(Shape),
}

/// What reading a value gave: a field's [`Raw`] value, the header (`None` when
/// the document is not an object), or nothing (a list or a record went into
/// the walk).
enum Out<'de> {
    Raw(Raw<'de>),
    /// Boxed: every value the walk reads returns an `Out`, and the header
    /// (about 150 bytes) made each return a copy of that size (a tenth of the
    /// load's instructions at 100k participations, by callgrind).
    Header(Option<Box<Header>>),
    Done,
}

/// The one seed and visitor of the walk, for every [`Mode`]. One type rather
/// than one per mode: serde_json's `deserialize_any` and its number path are
/// compiled once per visitor type, and each copy cost the app's wasm.
struct Node<'w, 'f> {
    walk: &'w mut Walk<'f>,
    mode: Mode,
}

impl<'de> DeserializeSeed<'de> for Node<'_, '_> {
    type Value = Out<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Node<'_, '_> {
    /// A value that is not an array or object (or one that the mode does not
    /// take apart), as a `Value`: a field's value, else the error of a
    /// document, list or record of the wrong type.
    fn other(self, value: Value) -> Out<'de> {
        let Node { walk, mode } = self;
        let expected = match mode {
            Mode::Raw(_) => return Out::Raw(Raw::Other(value)),
            Mode::Root => "an object",
            Mode::List(_) => "an array",
            Mode::Record(..) => "an object",
        };
        let found = json_type(&value);
        let problem = Problem::WrongType { expected, found };
        let rendered = Some(render(&value));
        match mode {
            Mode::Root => {
                walk.push((List::Header, 0, 0), String::new(), rendered, problem);
                return Out::Header(None);
            }
            Mode::List(list) => {
                walk.push((list, 0, 0), list.name().to_string(), rendered, problem);
            }
            Mode::Record(list, i) => {
                // Before every record's own errors, as the old walk listed
                // them (items that are not objects first, in order).
                walk.push((list, 0, 0), index(list.name(), i), rendered, problem);
                walk.mark(list, i, NOT_OBJECT);
                // A placeholder keeps the indices those of the file (the load
                // fails anyway): the record built from no fields, its errors
                // muted.
                let mut c = check(walk, list, i);
                c.mute = true;
                push_record(&mut c, &mut Slots::default(), BTreeMap::new());
            }
            Mode::Raw(_) => {}
        }
        Out::Done
    }

    fn text(self, text: Cow<'de, str>) -> Out<'de> {
        match self.mode {
            Mode::Raw(_) => Out::Raw(Raw::Str(text)),
            _ => self.other(Value::String(text.into_owned())),
        }
    }
}

impl<'de> Visitor<'de> for Node<'_, '_> {
    type Value = Out<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(self.text(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.text(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(self.text(Cow::Owned(v)))
    }
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
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(self.other(Value::Null))
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(self.other(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let (item, raw) = match self.mode {
            Mode::List(list) => (Some(list), false),
            Mode::Raw(Shape::Strs) => (None, true),
            _ => {
                let v = ValueSeed(self.walk.found).visit_seq(seq)?;
                return Ok(self.other(v));
            }
        };
        let walk = self.walk;
        let mut items = Vec::new();
        let mut i = 0;
        loop {
            let mode = match item {
                Some(list) => Mode::Record(list, i),
                None => Mode::Raw(Shape::Str),
            };
            match seq.next_element_seed(Node {
                walk: &mut *walk,
                mode,
            }) {
                Ok(Some(Out::Raw(v))) if raw => items.push(v),
                Ok(Some(_)) => {}
                Ok(None) if raw => return Ok(Out::Raw(Raw::List(items))),
                Ok(None) => return Ok(Out::Done),
                Err(e) => {
                    unwind(walk.found, || Step::Index(i));
                    return Err(e);
                }
            }
            i += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        if let Mode::Raw(_) | Mode::List(_) = self.mode {
            let v = ValueSeed(self.walk.found).visit_map(map)?;
            return Ok(self.other(v));
        }
        let mut erased = Erased { map, err: None };
        match object(self, &mut erased) {
            Ok(out) => Ok(out),
            Err(()) => Err(erased
                .err
                .unwrap_or_else(|| de::Error::custom("the loader lost an error"))),
        }
    }
}

/// An object being read, behind a trait object: the walk's object code
/// ([`object`]) is compiled once, not once per `MapAccess` type (serde_json
/// hands numbers to `visit_map` too, under `arbitrary_precision`). The error,
/// of the map's own type, waits in [`Erased::err`].
trait Keys<'de> {
    fn key(&mut self) -> Result<Option<Cow<'de, str>>, ()>;
    fn node(&mut self, node: Node<'_, '_>) -> Result<Out<'de>, ()>;
    fn value(&mut self, found: &Found) -> Result<Value, ()>;
    fn text(&mut self) -> Result<String, ()>;
    fn fail(&mut self, message: String);
}

struct Erased<A, E> {
    map: A,
    err: Option<E>,
}

impl<'de, A: MapAccess<'de>> Keys<'de> for Erased<A, A::Error> {
    fn key(&mut self) -> Result<Option<Cow<'de, str>>, ()> {
        let r = self.map.next_key_seed(KeySeed);
        r.map_err(|e| self.err = Some(e))
    }
    fn node(&mut self, node: Node<'_, '_>) -> Result<Out<'de>, ()> {
        let r = self.map.next_value_seed(node);
        r.map_err(|e| self.err = Some(e))
    }
    fn value(&mut self, found: &Found) -> Result<Value, ()> {
        let r = self.map.next_value_seed(ValueSeed(found));
        r.map_err(|e| self.err = Some(e))
    }
    fn text(&mut self) -> Result<String, ()> {
        let r = self.map.next_value::<String>();
        r.map_err(|e| self.err = Some(e))
    }
    fn fail(&mut self, message: String) {
        self.err = Some(de::Error::custom(message));
    }
}

/// The fields of a record (or of the header), in the order of its `KEYS`
/// table; the largest record (an event) has 13.
type Slots<'de> = [Option<Raw<'de>>; 13];

/// An object where the document or a record is expected: reads its fields
/// (the known ones into slots, the lists into the walk, the others into
/// `extra`; a repeated key stops the walk), then checks and builds it. A
/// number (a map under `arbitrary_precision`) is reported as not an object.
fn object<'de>(node: Node<'_, '_>, m: &mut dyn Keys<'de>) -> Result<Out<'de>, ()> {
    let Node { walk, mode } = node;
    let found = walk.found;
    let (keys, lists): (&[(&str, Shape)], bool) = match mode {
        Mode::Root => (&HEADER_KEYS, true),
        Mode::Record(List::Sources, _) => (&SOURCE_KEYS, false),
        Mode::Record(List::Actors, _) => (&ACTOR_KEYS, false),
        Mode::Record(List::Events, _) => (&EVENT_KEYS, false),
        _ => (&PARTICIPATION_KEYS, false),
    };
    let mut slots = Slots::default();
    let mut seen_lists = [false; 4];
    let mut extra = BTreeMap::new();
    let mut first = true;
    while let Some(key) = m.key()? {
        if first && key == NUMBER_TOKEN {
            let text = m.text()?;
            let n = match text.parse::<Number>() {
                Ok(n) => n,
                Err(e) => {
                    m.fail(e.to_string());
                    return Err(());
                }
            };
            return Ok(Node { walk, mode }.other(Value::Number(n)));
        }
        first = false;
        let result = if let Some(i) = keys.iter().position(|(k, _)| *k == key) {
            if slots[i].is_some() {
                return duplicate(m, found, &key);
            }
            m.node(Node {
                walk: &mut *walk,
                mode: Mode::Raw(keys[i].1),
            })
            .map(|v| {
                if let Out::Raw(v) = v {
                    slots[i] = Some(v);
                }
            })
        } else if let Some(i) = LISTS.iter().position(|(k, _)| lists && *k == key) {
            if seen_lists[i] {
                return duplicate(m, found, &key);
            }
            seen_lists[i] = true;
            m.node(Node {
                walk: &mut *walk,
                mode: Mode::List(LISTS[i].1),
            })
            .map(drop)
        } else {
            if extra.contains_key(&*key) {
                return duplicate(m, found, &key);
            }
            m.value(found).map(|v| {
                extra.insert(key.to_string(), v);
            })
        };
        if result.is_err() {
            unwind(found, || Step::Key(key.into_owned()));
            return result.map(|()| Out::Done);
        }
    }
    match mode {
        Mode::Root => Ok(Out::Header(Some(Box::new(header(
            walk, seen_lists, slots, extra,
        ))))),
        Mode::Record(list, i) => {
            push_record(&mut check(walk, list, i), &mut slots, extra);
            Ok(Out::Done)
        }
        _ => Ok(Out::Done),
    }
}

/// Sets the duplicate-key error for `key`: serde_json fills in its position,
/// just after the key.
fn duplicate<'de>(m: &mut dyn Keys<'de>, found: &Found, key: &str) -> Result<Out<'de>, ()> {
    *found.borrow_mut() = Some((key.to_string(), Vec::new()));
    m.fail(format!("duplicate key {key:?}"));
    Err(())
}

/// Checks and builds item `c.i` of `c.list`, and pushes it.
/// `slots` by reference: moving the array (13 values) into each builder was a
/// copy of about 500 bytes per record.
fn push_record(c: &mut Check<'_, '_>, slots: &mut Slots<'_>, extra: BTreeMap<String, Value>) {
    match c.list {
        List::Sources => {
            let r = source(c, slots, extra);
            c.walk.sources.push(r);
        }
        List::Actors => {
            let r = actor(c, slots, extra);
            c.walk.actors.push(r);
        }
        List::Events => {
            let r = event(c, slots, extra);
            c.walk.events.push(r);
        }
        List::Participations | List::Header => {
            let r = participation(c, slots, extra);
            c.walk.participations.push(r);
        }
    }
}

const HEADER_KEYS: [(&str, Shape); 5] = [
    ("format", Shape::Str),
    ("title", Shape::Str),
    ("description", Shape::Str),
    ("version", Shape::Str),
    ("license", Shape::Str),
];
const LISTS: [(&str, List); 4] = [
    ("sources", List::Sources),
    ("actors", List::Actors),
    ("events", List::Events),
    ("participations", List::Participations),
];

/// Checks the document's own fields (and that the four lists are there).
fn header(
    walk: &mut Walk<'_>,
    seen_lists: [bool; 4],
    slots: Slots<'_>,
    extra: BTreeMap<String, Value>,
) -> Header {
    for (i, (name, list)) in LISTS.iter().enumerate() {
        if !seen_lists[i] {
            walk.push((*list, 0, 0), (*name).to_string(), None, Problem::Missing);
        }
    }
    let [format, title, description, version, license, ..] = slots;
    let mut c = check(walk, List::Header, 0);
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
    Header {
        format: format.unwrap_or_default(),
        title: title.unwrap_or_default(),
        description: description.unwrap_or_default(),
        version: version.unwrap_or_default(),
        license: license.unwrap_or_default(),
        extra,
    }
}

fn check<'w, 'f>(walk: &'w mut Walk<'f>, list: List, i: usize) -> Check<'w, 'f> {
    Check {
        walk,
        list,
        i,
        step: 0,
        mute: false,
    }
}

/// The checks of one record (or of the header), each error keyed by the
/// record and the current `step`.
struct Check<'w, 'f> {
    walk: &'w mut Walk<'f>,
    list: List,
    i: usize,
    step: u8,
    /// A placeholder's checks (an item that is not an object): no errors.
    mute: bool,
}

impl Check<'_, '_> {
    fn path(&self, key: &str) -> String {
        match self.list {
            List::Header => key.to_string(),
            list => field(&index(list.name(), self.i), key),
        }
    }

    fn push(&mut self, path: String, value: Option<String>, problem: Problem) {
        if self.mute {
            return;
        }
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

fn source(c: &mut Check<'_, '_>, slots: &mut Slots<'_>, extra: BTreeMap<String, Value>) -> Source {
    let mut slots = slots.iter_mut();
    let mut next = || slots.next().and_then(Option::take);
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

fn actor(c: &mut Check<'_, '_>, slots: &mut Slots<'_>, extra: BTreeMap<String, Value>) -> Actor {
    let mut slots = slots.iter_mut();
    let mut next = || slots.next().and_then(Option::take);
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

fn event(c: &mut Check<'_, '_>, slots: &mut Slots<'_>, extra: BTreeMap<String, Value>) -> Event {
    let mut slots = slots.iter_mut();
    let mut next = || slots.next().and_then(Option::take);
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
            .push((i, positions));
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

fn participation(
    c: &mut Check<'_, '_>,
    slots: &mut Slots<'_>,
    extra: BTreeMap<String, Value>,
) -> Participation {
    let mut slots = slots.iter_mut();
    let mut next = || slots.next().and_then(Option::take);
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
    // Read in place: a known role needs no string of its own (one allocation
    // fewer per participation).
    let role = match role {
        Some(Raw::Str(word)) => match Role::parse(&word) {
            Some(role) => role,
            None => {
                c.push(
                    c.path("role"),
                    Some(render_str(&word)),
                    Problem::UnknownRole,
                );
                let i = c.i;
                c.walk
                    .odd(List::Participations)
                    .roles
                    .push((i, word.into_owned()));
                Role::Participant
            }
        },
        other => {
            c.required_str(other, "role");
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
        if entry_of(&odd.bad, i).is_some_and(|b| b & BAD_ID != 0) {
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
        let positions = entry_of(&odd_events.source_positions, i);
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
        let bad = entry_of(&odd_parts.bad, i).copied().unwrap_or(0);
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
        let r = match entry_of(&odd_parts.roles, i) {
            None => p.role as u32,
            Some(word) => {
                let n = odd_roles.len() as u32;
                Role::ALL.len() as u32 + *odd_roles.entry(word).or_insert(n)
            }
        };
        // One hash per row: the entry, not a lookup and then an insert.
        match rows.entry((e, a, r)) {
            Entry::Occupied(first) => {
                let first = *first.get();
                let role = entry_of(&odd_parts.roles, i).map_or(p.role.as_str(), String::as_str);
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
            Entry::Vacant(slot) => {
                slot.insert(i as u32);
            }
        }
    }
}
