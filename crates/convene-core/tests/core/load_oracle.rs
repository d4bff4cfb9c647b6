//! The loader as it was before the single-pass rewrite (issue 13, "Loading
//! speed"): parse to `serde_json::Value` with duplicate-key detection, check the
//! Value, then move it into the model. Kept here, test-only, as the oracle of
//! the differential property test in `load_differential`: the shipped loader
//! must give the same dataset or the same `LoadErrors` for every document.
//! Copied from `crates/convene-core/src/load.rs` at 736b461, with the crate
//! paths turned into `convene_core::` paths and the public types imported.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use convene_core::load::{
    is_country_code, is_relative_text_url, is_slug, LoadError, LoadErrors, Problem,
};
use convene_core::model::{ActorKind, Dataset, DateError, EventStatus, PartialDate, Role, FORMAT};

const VALUE_MAX_CHARS: usize = 80;

pub fn load(json: &str) -> Result<Dataset, LoadErrors> {
    let json = convene_core::text_bytes::check_text(json).map_err(encoding_error)?;
    let value = strict::parse(json).map_err(|e| LoadErrors(vec![e]))?;
    let errors = check_document(&value);
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    build::dataset(value).map_err(|(path, message)| {
        LoadErrors(vec![LoadError {
            path,
            value: None,
            problem: Problem::Model(message),
            line: None,
            column: None,
        }])
    })
}

/// Moves a checked document's values into the model.
///
/// By hand rather than with serde's derive: the derive's code for the model
/// (five structs that keep unknown fields through `#[serde(flatten)]`, which
/// buffers every field) was the largest piece of serde in the app's wasm, and
/// the walk above has already checked every type. Strings are moved, not copied.
/// A shape the checks let through by mistake is an error naming its path.
mod build {
    use std::collections::BTreeMap;

    use serde_json::{Map, Value};

    use convene_core::model::{
        Actor, ActorKind, Dataset, Event, EventStatus, PartialDate, Participation, Role, Source,
    };

    /// A path and what was expected there.
    type Fault = (String, String);

    /// One JSON object being taken apart; what is left at the end is `extra`.
    /// Its path (`participations[12]`) is spelled out only for an error.
    struct Fields {
        map: Map<String, Value>,
        list: &'static str,
        /// Position in `list`; `None` for the document itself.
        index: Option<usize>,
    }

    impl Fields {
        fn new(value: Value, list: &'static str, index: Option<usize>) -> Result<Fields, Fault> {
            match value {
                Value::Object(map) => Ok(Fields { map, list, index }),
                _ => Err(fault(&path(list, index), "", "an object")),
            }
        }

        fn fault(&self, key: &str, expected: &str) -> Fault {
            fault(&path(self.list, self.index), key, expected)
        }

        fn opt_string(&mut self, key: &str) -> Result<Option<String>, Fault> {
            match self.map.remove(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(_) => Err(self.fault(key, "a string")),
            }
        }

        fn string(&mut self, key: &str) -> Result<String, Fault> {
            self.opt_string(key)?
                .ok_or_else(|| self.fault(key, "a string"))
        }

        fn strings(&mut self, key: &str) -> Result<Vec<String>, Fault> {
            match self.map.remove(key) {
                None | Some(Value::Null) => Ok(Vec::new()),
                Some(Value::Array(items)) => items
                    .into_iter()
                    .map(|v| match v {
                        Value::String(s) => Ok(s),
                        _ => Err(self.fault(key, "a list of strings")),
                    })
                    .collect(),
                Some(_) => Err(self.fault(key, "a list of strings")),
            }
        }

        fn date(&mut self, key: &str) -> Result<Option<PartialDate>, Fault> {
            self.opt_string(key)?
                .map(|text| PartialDate::parse(&text).map_err(|e| self.fault(key, &e.to_string())))
                .transpose()
        }

        fn word<T>(&mut self, key: &str, parse: fn(&str) -> Option<T>) -> Result<T, Fault> {
            let text = self.string(key)?;
            parse(&text).ok_or_else(|| self.fault(key, "a known word"))
        }

        fn list(&mut self, key: &str) -> Result<Vec<Value>, Fault> {
            match self.map.remove(key) {
                Some(Value::Array(items)) => Ok(items),
                _ => Err(self.fault(key, "a list")),
            }
        }

        fn extra(self) -> BTreeMap<String, Value> {
            self.map.into_iter().collect()
        }
    }

    fn path(list: &str, index: Option<usize>) -> String {
        index.map_or_else(String::new, |i| format!("{list}[{i}]"))
    }

    fn fault(path: &str, key: &str, expected: &str) -> Fault {
        let path = match (path.is_empty(), key.is_empty()) {
            (_, true) => path.to_string(),
            (true, false) => key.to_string(),
            (false, false) => format!("{path}.{key}"),
        };
        (path, format!("expected {expected}"))
    }

    /// Converts each item of a top-level list with `one`, naming `list[i]`.
    fn each<T>(
        items: Vec<Value>,
        list: &'static str,
        one: fn(Fields) -> Result<T, Fault>,
    ) -> Result<Vec<T>, Fault> {
        items
            .into_iter()
            .enumerate()
            .map(|(i, v)| one(Fields::new(v, list, Some(i))?))
            .collect()
    }

    pub(super) fn dataset(value: Value) -> Result<Dataset, Fault> {
        let mut f = Fields::new(value, "", None)?;
        let format = f.string("format")?;
        let title = f.string("title")?;
        let description = f.opt_string("description")?.unwrap_or_default();
        let version = f.opt_string("version")?.unwrap_or_default();
        let license = f.opt_string("license")?.unwrap_or_default();
        let sources = each(f.list("sources")?, "sources", source)?;
        let actors = each(f.list("actors")?, "actors", actor)?;
        let events = each(f.list("events")?, "events", event)?;
        let participations = each(f.list("participations")?, "participations", participation)?;
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
            extra: f.extra(),
        })
    }

    fn source(mut f: Fields) -> Result<Source, Fault> {
        Ok(Source {
            id: f.string("id")?,
            title: f.string("title")?,
            publisher: f.opt_string("publisher")?,
            published: f.date("published")?,
            language: f.opt_string("language")?,
            url: f.opt_string("url")?,
            seed: f.opt_string("seed")?,
            text: f.opt_string("text")?,
            text_url: f.opt_string("text_url")?,
            extra: f.extra(),
        })
    }

    fn actor(mut f: Fields) -> Result<Actor, Fault> {
        Ok(Actor {
            id: f.string("id")?,
            name: f.string("name")?,
            kind: f.word("kind", ActorKind::parse)?,
            iso3: f.opt_string("iso3")?,
            acronym: f.opt_string("acronym")?,
            aliases: f.strings("aliases")?,
            title: f.opt_string("title")?,
            affiliation: f.opt_string("affiliation")?,
            extra: f.extra(),
        })
    }

    fn event(mut f: Fields) -> Result<Event, Fault> {
        Ok(Event {
            id: f.string("id")?,
            name: f.string("name")?,
            status: f.word("status", EventStatus::parse)?,
            start: f.date("start")?,
            end: f.date("end")?,
            city: f.opt_string("city")?,
            country: f.opt_string("country")?,
            venue: f.opt_string("venue")?,
            series: f.opt_string("series")?,
            edition: f.opt_string("edition")?,
            themes: f.strings("themes")?,
            summary: f.opt_string("summary")?.unwrap_or_default(),
            sources: f.strings("sources")?,
            extra: f.extra(),
        })
    }

    fn participation(mut f: Fields) -> Result<Participation, Fault> {
        Ok(Participation {
            event: f.string("event")?,
            actor: f.string("actor")?,
            role: f.word("role", Role::parse)?,
            source: f.string("source")?,
            quote: f.opt_string("quote")?,
            extra: f.extra(),
        })
    }
}

/// The one error of a document whose bytes or text are not UTF-8 (no path:
/// it is about the whole file).
fn encoding_error(e: convene_core::text_bytes::EncodingError) -> LoadErrors {
    LoadErrors(vec![LoadError {
        path: String::new(),
        value: None,
        problem: Problem::Encoding(e),
        line: None,
        column: None,
    }])
}

/// JSON to [`Value`] like `serde_json::from_str`, but a key repeated in one
/// object is an error naming its path (serde_json keeps the last value and
/// drops the first without a word). One pass: the check is the map insert's
/// own lookup, and the path is spelled out only on the way up from an error.
mod strict {
    use std::cell::RefCell;
    use std::fmt;

    use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
    use serde_json::{map::Entry, Map, Number, Value};

    use super::{LoadError, Problem};

    /// One step of a path, innermost first once an error unwinds.
    enum Step {
        Key(String),
        Index(usize),
    }

    /// Set when a duplicate key is found: the repeated key, then the steps
    /// that lead to its object, pushed innermost first while unwinding.
    type Found = RefCell<Option<(String, Vec<Step>)>>;

    /// serde_json's stand-in key for a number under `arbitrary_precision`.
    const NUMBER_TOKEN: &str = "$serde_json::private::Number";

    struct Seed<'a>(&'a Found);

    impl<'de> DeserializeSeed<'de> for Seed<'_> {
        type Value = Value;
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Seed<'_> {
        type Value = Value;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
            Ok(Value::Bool(v))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
            Ok(Value::from(v))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
            Ok(Value::from(v))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
            Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
        }
        fn visit_str<E>(self, v: &str) -> Result<Value, E> {
            Ok(Value::String(v.to_owned()))
        }
        fn visit_string<E>(self, v: String) -> Result<Value, E> {
            Ok(Value::String(v))
        }
        fn visit_unit<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_none<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            loop {
                match seq.next_element_seed(Seed(self.0)) {
                    Ok(Some(v)) => out.push(v),
                    Ok(None) => return Ok(Value::Array(out)),
                    Err(e) => {
                        if let Some((_, steps)) = self.0.borrow_mut().as_mut() {
                            steps.push(Step::Index(out.len()));
                        }
                        return Err(e);
                    }
                }
            }
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
            let mut out = Map::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.is_empty() && key == NUMBER_TOKEN {
                    // A number, its text kept exactly (arbitrary_precision).
                    let text: String = map.next_value()?;
                    return text
                        .parse::<Number>()
                        .map(Value::Number)
                        .map_err(de::Error::custom);
                }
                match out.entry(key) {
                    Entry::Occupied(e) => {
                        let key = e.key().clone();
                        let message = format!("duplicate key {key:?}");
                        *self.0.borrow_mut() = Some((key, Vec::new()));
                        return Err(de::Error::custom(message));
                    }
                    Entry::Vacant(slot) => match map.next_value_seed(Seed(self.0)) {
                        Ok(v) => {
                            slot.insert(v);
                        }
                        Err(e) => {
                            if let Some((_, steps)) = self.0.borrow_mut().as_mut() {
                                steps.push(Step::Key(slot.key().clone()));
                            }
                            return Err(e);
                        }
                    },
                }
            }
            Ok(Value::Object(out))
        }
    }

    /// Parses a whole JSON text; errors as [`LoadError`]s with line and column.
    pub(super) fn parse(json: &str) -> Result<Value, LoadError> {
        let found: Found = RefCell::new(None);
        let mut de = serde_json::Deserializer::from_str(json);
        let result = Seed(&found)
            .deserialize(&mut de)
            .and_then(|v| de.end().map(|()| v));
        result.map_err(|e| match found.into_inner() {
            Some((key, steps)) => {
                let mut path = String::new();
                for step in steps.iter().rev() {
                    match step {
                        Step::Key(k) if path.is_empty() => path.push_str(k),
                        Step::Key(k) => {
                            path.push('.');
                            path.push_str(k);
                        }
                        Step::Index(i) => path.push_str(&format!("[{i}]")),
                    }
                }
                path = super::field(&path, &key);
                LoadError {
                    path,
                    value: Some(key),
                    problem: Problem::DuplicateKey,
                    line: Some(e.line()),
                    column: Some(e.column()),
                }
            }
            None => LoadError {
                path: String::new(),
                value: None,
                problem: Problem::Syntax(super::syntax_message(&e)),
                line: Some(e.line()),
                column: Some(e.column()),
            },
        })
    }
}

/// serde_json's message without its trailing " at line L column C" (the
/// position has its own fields).
fn syntax_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// The offending value as kept in an error.
fn render(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > VALUE_MAX_CHARS {
        let mut short: String = text.chars().take(VALUE_MAX_CHARS).collect();
        short.push('…');
        short
    } else {
        text
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn field(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// The ids present in each list, collected before items are checked so that a
/// reference to a later record is not reported as dangling.
#[derive(Default)]
struct Ids<'a> {
    sources: HashSet<&'a str>,
    actors: HashSet<&'a str>,
    events: HashSet<&'a str>,
}

fn collect_ids<'a>(root: &'a Map<String, Value>, list: &str) -> HashSet<&'a str> {
    root.get(list)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.get("id").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default()
}

/// Accumulates errors during one walk.
struct Checker {
    errors: Vec<LoadError>,
}

impl Checker {
    fn push(&mut self, path: String, value: Option<&Value>, problem: Problem) {
        self.errors.push(LoadError {
            path,
            value: value.map(render),
            problem,
            line: None,
            column: None,
        });
    }

    /// A required field of any type.
    fn required<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'v Value> {
        let found = obj.get(key);
        if found.is_none() {
            self.push(field(path, key), None, Problem::Missing);
        }
        found
    }

    /// A required string.
    fn required_str<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'v str> {
        let value = self.required(obj, path, key)?;
        self.string(value, || field(path, key))
    }

    /// A value that must be a string. Paths are spelled out only for an error:
    /// building one per field cost most of the check of a large dataset.
    fn string<'v>(&mut self, value: &'v Value, path: impl FnOnce() -> String) -> Option<&'v str> {
        match value {
            Value::String(s) => Some(s),
            other => {
                self.push(
                    path(),
                    Some(other),
                    Problem::WrongType {
                        expected: "a string",
                        found: json_type(other),
                    },
                );
                None
            }
        }
    }

    /// An optional field that, when present, must be a string, or null when
    /// `nullable` (the model's `Option` fields accept null; its defaulted
    /// `String` and `Vec` fields do not).
    fn optional_str<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        path: &str,
        key: &str,
        nullable: bool,
    ) -> Option<&'v str> {
        match obj.get(key) {
            None => None,
            Some(Value::Null) if nullable => None,
            Some(Value::String(s)) => Some(s),
            Some(other) => {
                let expected = if nullable {
                    "a string or null"
                } else {
                    "a string"
                };
                self.push(
                    field(path, key),
                    Some(other),
                    Problem::WrongType {
                        expected,
                        found: json_type(other),
                    },
                );
                None
            }
        }
    }

    /// An optional array of strings (not null), with each element's path.
    fn optional_strings<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Vec<(String, &'v str)> {
        let here = field(path, key);
        match obj.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let at = index(&here, i);
                    self.string(item, || at.clone()).map(|s| (at, s))
                })
                .collect(),
            Some(other) => {
                self.push(
                    here,
                    Some(other),
                    Problem::WrongType {
                        expected: "an array of strings",
                        found: json_type(other),
                    },
                );
                Vec::new()
            }
        }
    }

    /// A required array of objects, with each object's path.
    fn required_records<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        key: &str,
    ) -> Vec<(String, &'v Map<String, Value>)> {
        match self.required(obj, "", key) {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let at = index(key, i);
                    match item {
                        Value::Object(o) => Some((at, o)),
                        other => {
                            self.push(
                                at,
                                Some(other),
                                Problem::WrongType {
                                    expected: "an object",
                                    found: json_type(other),
                                },
                            );
                            None
                        }
                    }
                })
                .collect(),
            Some(other) => {
                self.push(
                    key.to_string(),
                    Some(other),
                    Problem::WrongType {
                        expected: "an array",
                        found: json_type(other),
                    },
                );
                Vec::new()
            }
        }
    }

    /// A record's `id`: present, a string, a slug, not seen before in its list.
    fn id<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        path: &str,
        seen: &mut HashMap<&'v str, String>,
    ) -> Option<&'v str> {
        let id = self.required_str(obj, path, "id")?;
        let value = obj.get("id");
        if !is_slug(id) {
            self.push(field(path, "id"), value, Problem::NotASlug);
        }
        match seen.get(id) {
            Some(first) => {
                let first = first.clone();
                self.push(field(path, "id"), value, Problem::DuplicateId { first });
            }
            None => {
                seen.insert(id, path.to_string());
            }
        }
        Some(id)
    }

    /// A required text that must not be blank.
    fn required_text(&mut self, obj: &Map<String, Value>, path: &str, key: &str) {
        if let Some(text) = self.required_str(obj, path, key) {
            if text.trim().is_empty() {
                self.push(field(path, key), obj.get(key), Problem::Empty);
            }
        }
    }

    /// A reference to an id of `list`.
    fn reference(
        &mut self,
        at: impl FnOnce() -> String,
        id: &str,
        known: &HashSet<&str>,
        list: &'static str,
    ) {
        if !known.contains(id) {
            self.push(
                at(),
                Some(&Value::String(id.to_string())),
                Problem::UnknownId { list },
            );
        }
    }

    /// An optional, nullable date.
    fn date(&mut self, obj: &Map<String, Value>, path: &str, key: &str) -> Option<PartialDate> {
        let text = self.optional_str(obj, path, key, true)?;
        match PartialDate::parse(text) {
            Ok(date) => Some(date),
            Err(e) => {
                let problem = match e {
                    DateError::Malformed => Problem::MalformedDate,
                    DateError::Impossible => Problem::ImpossibleDate,
                };
                self.push(field(path, key), obj.get(key), problem);
                None
            }
        }
    }

    /// An optional, nullable country code.
    fn country_code(&mut self, obj: &Map<String, Value>, path: &str, key: &str) {
        if let Some(code) = self.optional_str(obj, path, key, true) {
            if !is_country_code(code) {
                self.push(field(path, key), obj.get(key), Problem::NotACountryCode);
            }
        }
    }
}

/// Every problem in a parsed document, in document order.
fn check_document(root: &Value) -> Vec<LoadError> {
    let mut c = Checker { errors: Vec::new() };
    let Some(doc) = root.as_object() else {
        c.push(
            String::new(),
            Some(root),
            Problem::WrongType {
                expected: "an object",
                found: json_type(root),
            },
        );
        return c.errors;
    };

    if let Some(format) = c.required_str(doc, "", "format") {
        if format != FORMAT {
            c.push("format".into(), doc.get("format"), Problem::Format);
        }
    }
    c.required_str(doc, "", "title");
    for key in ["description", "version", "license"] {
        c.optional_str(doc, "", key, false);
    }

    let ids = Ids {
        sources: collect_ids(doc, "sources"),
        actors: collect_ids(doc, "actors"),
        events: collect_ids(doc, "events"),
    };

    let mut seen = HashMap::new();
    for (path, source) in c.required_records(doc, "sources") {
        c.id(source, &path, &mut seen);
        c.required_text(source, &path, "title");
        for key in ["publisher", "language", "url", "seed"] {
            c.optional_str(source, &path, key, true);
        }
        c.date(source, &path, "published");
        let text = c.optional_str(source, &path, "text", true);
        if let Some(url) = c.optional_str(source, &path, "text_url", true) {
            if text.is_some() {
                c.push(
                    field(&path, "text_url"),
                    source.get("text_url"),
                    Problem::TextAndTextUrl,
                );
            } else if !is_relative_text_url(url) {
                c.push(
                    field(&path, "text_url"),
                    source.get("text_url"),
                    Problem::NotARelativeUrl,
                );
            }
        }
    }

    let mut seen = HashMap::new();
    for (path, actor) in c.required_records(doc, "actors") {
        c.id(actor, &path, &mut seen);
        c.required_text(actor, &path, "name");
        if let Some(kind) = c.required_str(actor, &path, "kind") {
            if ActorKind::parse(kind).is_none() {
                c.push(
                    field(&path, "kind"),
                    actor.get("kind"),
                    Problem::UnknownKind,
                );
            }
        }
        c.country_code(actor, &path, "iso3");
        for key in ["acronym", "title"] {
            c.optional_str(actor, &path, key, true);
        }
        c.optional_strings(actor, &path, "aliases");
        if let Some(affiliation) = c.optional_str(actor, &path, "affiliation", true) {
            c.reference(
                || field(&path, "affiliation"),
                affiliation,
                &ids.actors,
                "actor",
            );
        }
    }

    let mut seen = HashMap::new();
    for (path, event) in c.required_records(doc, "events") {
        c.id(event, &path, &mut seen);
        c.required_text(event, &path, "name");
        if let Some(status) = c.required_str(event, &path, "status") {
            if EventStatus::parse(status).is_none() {
                c.push(
                    field(&path, "status"),
                    event.get("status"),
                    Problem::UnknownStatus,
                );
            }
        }
        let start = c.date(event, &path, "start");
        let end = c.date(event, &path, "end");
        if let (Some(start), Some(end)) = (start, end) {
            if end.cmp_overlapping(&start).is_lt() {
                c.push(
                    field(&path, "end"),
                    event.get("end"),
                    Problem::EndBeforeStart {
                        start: start.to_string(),
                    },
                );
            }
        }
        for key in ["city", "venue", "series", "edition"] {
            c.optional_str(event, &path, key, true);
        }
        c.country_code(event, &path, "country");
        c.optional_strings(event, &path, "themes");
        c.optional_str(event, &path, "summary", false);
        for (at, source) in c.optional_strings(event, &path, "sources") {
            c.reference(|| at, source, &ids.sources, "source");
        }
    }

    let mut rows: HashMap<(&str, &str, &str), String> = HashMap::new();
    for (path, row) in c.required_records(doc, "participations") {
        let event = c.required_str(row, &path, "event");
        if let Some(event) = event {
            c.reference(|| field(&path, "event"), event, &ids.events, "event");
        }
        let actor = c.required_str(row, &path, "actor");
        if let Some(actor) = actor {
            c.reference(|| field(&path, "actor"), actor, &ids.actors, "actor");
        }
        let role = c.required_str(row, &path, "role");
        if let Some(role) = role {
            if Role::parse(role).is_none() {
                c.push(field(&path, "role"), row.get("role"), Problem::UnknownRole);
            }
        }
        if let Some(source) = c.required_str(row, &path, "source") {
            c.reference(|| field(&path, "source"), source, &ids.sources, "source");
        }
        // Optional since issue 13 (imported spreadsheets): absent or null is
        // "no quote"; a quote that is present must still say something.
        if let Some(quote) = c.optional_str(row, &path, "quote", true) {
            if quote.trim().is_empty() {
                c.push(field(&path, "quote"), row.get("quote"), Problem::Empty);
            }
        }
        if let (Some(event), Some(actor), Some(role)) = (event, actor, role) {
            match rows.get(&(event, actor, role)) {
                Some(first) => {
                    let first = first.clone();
                    let value = Value::String(format!("{event} / {actor} / {role}"));
                    c.push(
                        path,
                        Some(&value),
                        Problem::DuplicateParticipation { first },
                    );
                }
                None => {
                    rows.insert((event, actor, role), path);
                }
            }
        }
    }
    c.errors
}
