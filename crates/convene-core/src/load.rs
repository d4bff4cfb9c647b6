//! Parsing and validation of `convene/1` documents.
//!
//! [`load`] reads a JSON text into a [`Dataset`], or reports *every* problem in the
//! document at once, each naming its JSON path (`participations[12].actor`) and the
//! offending value: someone fixing a hand-made dataset should see the whole list,
//! not one error per reload.
//!
//! Why a hand-written serde visitor rather than serde's derive: serde stops at
//! the first error and knows nothing of cross references (dangling ids),
//! duplicate ids or date ranges. The loader (the private `walk` module) reads
//! the text once, building the model's structs as it checks every value
//! (types, required fields, vocabularies, slugs, dates), then checks the rules
//! across lists over the built vectors (issue 13: the earlier
//! `serde_json::Value` tree, its walk and the move into the model took five
//! times the browser's `JSON.parse` at 1M participations).

use std::fmt;

use serde_json::Value;

use crate::model::{ActorKind, Dataset, EventStatus, Role, FORMAT};

pub mod handoff;
pub mod quotes;
mod walk;
pub use quotes::QuoteWarning;

/// What is wrong at one place of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// The text is not JSON at all; serde_json's message (the position is in
    /// [`LoadError::line`] and [`LoadError::column`]).
    Syntax(String),
    /// `format` is not `convene/1`.
    Format,
    /// A required field is absent.
    Missing,
    /// The value has the wrong JSON type; `expected` says what was wanted
    /// ("a string", "an array", ...).
    WrongType {
        /// What the field must hold.
        expected: &'static str,
        /// What it holds: "null", "a number", "an object", ...
        found: &'static str,
    },
    /// The id was already used earlier in the same list.
    DuplicateId {
        /// Path of the first record with this id (`actors[3]`).
        first: String,
    },
    /// A second participation row with the same (event, actor, role).
    DuplicateParticipation {
        /// Path of the first row (`participations[7]`).
        first: String,
    },
    /// A reference to an id that its list does not hold.
    UnknownId {
        /// Which list the id should be in: "event", "actor" or "source".
        list: &'static str,
    },
    /// A date not written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    MalformedDate,
    /// A well-formed date that does not exist (month 13, 30 February).
    ImpossibleDate,
    /// An event's `end` falls before its `start`.
    EndBeforeStart {
        /// The event's start, as written.
        start: String,
    },
    /// An actor `kind` outside [`ActorKind::ALL`].
    UnknownKind,
    /// A participation `role` outside [`Role::ALL`].
    UnknownRole,
    /// An event `status` outside [`EventStatus::ALL`].
    UnknownStatus,
    /// An id that is not a lowercase slug (`a-z`, `0-9`, single inner hyphens).
    NotASlug,
    /// A country code that is not three uppercase ASCII letters.
    NotACountryCode,
    /// A text that must say something (quote, name, title) is empty or blank.
    Empty,
    /// A source has both `text` and `text_url` (reported at `text_url`): one
    /// text, one place.
    TextAndTextUrl,
    /// A `text_url` that is not a relative path staying at or below the
    /// dataset's directory (see [`is_relative_text_url`]).
    NotARelativeUrl,
    /// [`validate`] could not write the dataset as JSON (serde_json's
    /// message); [`load`] never gives it.
    Model(String),
    /// An object holds the same key twice (issue 13: the first value used to be
    /// silently lost). [`LoadError::path`] is the repeated key's path
    /// (`events`, `events[0].name`), [`LoadError::value`] the key, and the line
    /// and column point just after its second occurrence.
    DuplicateKey,
    /// The text is not UTF-8: the encoding found ("UTF-16LE", ...), see
    /// [`crate::import::encoding`].
    Encoding(crate::text_bytes::EncodingError),
}

/// One problem, where it is and what value caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// JSON path of the offending value: `participations[12].actor`; empty for
    /// the document itself.
    pub path: String,
    /// The offending value: a string's text as is, any other value as compact
    /// JSON; shortened when long. `None` when the value is absent.
    pub value: Option<String>,
    /// What is wrong.
    pub problem: Problem,
    /// 1-based line, for JSON syntax errors only.
    pub line: Option<usize>,
    /// 1-based column, for JSON syntax errors only.
    pub column: Option<usize>,
}

/// Every problem found in a document (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadErrors(pub Vec<LoadError>);

/// Longest offending value kept in an error, in characters.
const VALUE_MAX_CHARS: usize = 80;

/// Reads and validates a `convene/1` document.
///
/// A text that is not UTF-8 (a UTF-16 file decoded as UTF-8 shows NULs) gives
/// one [`Problem::Encoding`] error naming the encoding; a leading BOM is
/// dropped. Malformed JSON gives one [`Problem::Syntax`] error with its line and
/// column, and a key repeated in one object one [`Problem::DuplicateKey`]
/// naming its path; otherwise every problem in the document is reported, in
/// document order (sources, actors, events, participations). Unknown fields are
/// kept in the model's `extra` maps, numbers exactly as written (serde_json's
/// `arbitrary_precision`, so a 64-bit-plus integer survives a round trip), and
/// otherwise ignored. Never panics.
pub fn load(json: &str) -> Result<Dataset, LoadErrors> {
    let json = crate::text_bytes::check_text(json).map_err(encoding_error)?;
    walk::load(json).map_err(LoadErrors)
}

/// [`load`], then the quote check of every source with an inline `text` (see
/// [`crate::sources`]): the dataset with its warnings, in participation order
/// (`participations[12].quote: not found in the text of source "x"`). Warnings do
/// not stop the load; texts given by `text_url` are checked when the app attaches
/// them ([`crate::sources::SourceLibrary::attach`]).
pub fn load_with_warnings(json: &str) -> Result<(Dataset, Vec<QuoteWarning>), LoadErrors> {
    let dataset = load(json)?;
    let warnings = quotes::check_quotes(&dataset);
    Ok((dataset, warnings))
}

/// The one error of a document whose bytes or text are not UTF-8 (no path:
/// it is about the whole file).
fn encoding_error(e: crate::text_bytes::EncodingError) -> LoadErrors {
    LoadErrors(vec![LoadError {
        path: String::new(),
        value: None,
        problem: Problem::Encoding(e),
        line: None,
        column: None,
    }])
}

/// [`load`] from bytes: refuses UTF-16, UTF-32 and invalid UTF-8 with a
/// [`Problem::Encoding`] error naming the encoding (and, for invalid UTF-8,
/// the line), then loads the text.
pub fn load_bytes(bytes: &[u8]) -> Result<Dataset, LoadErrors> {
    let text = crate::text_bytes::decode(bytes).map_err(encoding_error)?;
    load(text)
}

/// Duplicate keys: a JSON value read as a [`Value`] (the loader's unknown
/// fields, and values of the wrong type, kept to be named in an error) where a
/// key repeated in one object is an error naming its path (serde_json keeps the
/// last value and drops the first without a word). The check is the map
/// insert's own lookup, and the path is spelled out only on the way up from an
/// error (the loader's own visitors add their steps the same way).
mod strict {
    use std::cell::RefCell;
    use std::fmt;

    use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
    use serde_json::{map::Entry, Map, Number, Value};

    use super::{LoadError, Problem};

    /// One step of a path, innermost first once an error unwinds.
    pub(super) enum Step {
        Key(String),
        Index(usize),
    }

    /// Set when a duplicate key is found: the repeated key, then the steps
    /// that lead to its object, pushed innermost first while unwinding.
    pub(super) type Found = RefCell<Option<(String, Vec<Step>)>>;

    /// serde_json's stand-in key for a number under `arbitrary_precision`.
    pub(super) const NUMBER_TOKEN: &str = "$serde_json::private::Number";

    /// Any JSON value, as a [`Value`], a repeated key an error.
    pub(super) struct Seed<'a>(pub(super) &'a Found);

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

    /// The error that stopped the parse: the duplicate key `found` names, or
    /// else serde_json's syntax error, with line and column.
    pub(super) fn parse_error(
        e: serde_json::Error,
        found: Option<(String, Vec<Step>)>,
    ) -> LoadError {
        match found {
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
        }
    }
}

/// Checks a dataset built in code (a generator, a test) by the same rules as
/// [`load`]: duplicate and dangling ids, slugs, dates, country codes, quotes.
pub fn validate(dataset: &Dataset) -> Result<(), LoadErrors> {
    let text = serde_json::to_string(dataset).map_err(|e| {
        LoadErrors(vec![LoadError {
            path: String::new(),
            value: None,
            problem: Problem::Model(e.to_string()),
            line: None,
            column: None,
        }])
    })?;
    load(&text).map(drop)
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

/// Whether `text` is a lowercase slug: `a-z0-9` runs joined by single hyphens.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Whether `url` is acceptable as a source's `text_url`: a relative URL path
/// (RFC 3986 "relative-path reference") that stays at or below the dataset's
/// directory once resolved against the dataset's URL.
///
/// Rejected: a blank value; a scheme (`https:`, `data:`, `javascript:`); a
/// leading `/` (absolute path) or `//` (another host); a backslash (browsers read
/// it as `/`); a `..` segment (climbing out of the dataset's directory); a query
/// or fragment (`?`, `#`: a text file needs neither); whitespace or control
/// characters. Why so strict: a dataset loaded with `data=` from anywhere must not
/// make the app fetch from another host or another part of the site.
///
/// ```
/// use convene_core::load::is_relative_text_url;
/// assert!(is_relative_text_url("sources/x.txt"));
/// assert!(is_relative_text_url("./x.txt"));
/// assert!(!is_relative_text_url("https://example.org/x.txt"));
/// assert!(!is_relative_text_url("//example.org/x.txt"));
/// assert!(!is_relative_text_url("../x.txt"));
/// ```
pub fn is_relative_text_url(url: &str) -> bool {
    if url.trim().is_empty()
        || url.starts_with('/')
        || url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '\\' | '?' | '#'))
    {
        return false;
    }
    // A scheme is letters, digits, `+ - .` before the first `:` of the first
    // segment; a `:` anywhere before the first `/` would be read as one.
    let first = url.split('/').next().unwrap_or("");
    if first.contains(':') {
        return false;
    }
    // Browsers read `%2e` in a path segment as `.`.
    !url.split('/').any(|seg| {
        matches!(
            seg.to_ascii_lowercase().as_str(),
            ".." | ".%2e" | "%2e." | "%2e%2e"
        )
    })
}

/// Whether `text` has the shape of an ISO 3166-1 alpha-3 code (`MAR`).
pub fn is_country_code(text: &str) -> bool {
    text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase())
}

/// The offending value as kept in an error.
fn render(value: &Value) -> String {
    match value {
        Value::String(s) => render_str(s),
        other => render_str(&other.to_string()),
    }
}

/// A string value as kept in an error: shortened to [`VALUE_MAX_CHARS`].
fn render_str(text: &str) -> String {
    match text.char_indices().nth(VALUE_MAX_CHARS) {
        Some((end, _)) => {
            let mut short = text[..end].to_string();
            short.push('…');
            short
        }
        None => text.to_string(),
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

/// Joins words as "a, b or c".
fn one_of(words: &[&str]) -> String {
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) if self.problem == Problem::DuplicateKey => {
                write!(f, "{}: ", self.path)?;
                let key = self.value.as_deref().unwrap_or_default();
                let key = serde_json::to_string(key).unwrap_or_default();
                return write!(
                    f,
                    "duplicate key {key} (line {line}, column {column}); each key may appear once in an object"
                );
            }
            (Some(line), Some(column)) => write!(f, "line {line}, column {column}: ")?,
            _ if self.path.is_empty() => f.write_str("document: ")?,
            _ => write!(f, "{}: ", self.path)?,
        }
        // Strings are quoted the JSON way so that blanks and odd characters show.
        let quoted = || match &self.value {
            Some(v) => serde_json::to_string(v).unwrap_or_else(|_| v.clone()),
            None => String::new(),
        };
        match &self.problem {
            Problem::Syntax(message) => write!(f, "invalid JSON: {message}"),
            Problem::Format => write!(f, "unsupported format {}, expected \"{FORMAT}\"", quoted()),
            Problem::Missing => f.write_str("missing required field"),
            Problem::WrongType { expected, found } => match self.value.as_deref() {
                // Only a string is quoted: other values are kept as JSON text.
                Some(_) if *found == "a string" => {
                    write!(f, "expected {expected}, found {found}: {}", quoted())
                }
                Some(json) if *found != "null" => {
                    write!(f, "expected {expected}, found {found}: {json}")
                }
                _ => write!(f, "expected {expected}, found {found}"),
            },
            Problem::DuplicateId { first } => {
                write!(f, "duplicate id {} (first used at {first})", quoted())
            }
            Problem::DuplicateParticipation { first } => {
                write!(f, "duplicate participation {} (first at {first})", quoted())
            }
            Problem::UnknownId { list } => write!(f, "unknown {list} id {}", quoted()),
            Problem::MalformedDate => {
                write!(
                    f,
                    "malformed date {}, expected YYYY, YYYY-MM or YYYY-MM-DD",
                    quoted()
                )
            }
            Problem::ImpossibleDate => {
                write!(f, "impossible date {}: no such calendar date", quoted())
            }
            Problem::EndBeforeStart { start } => {
                write!(f, "end {} is before start \"{start}\"", quoted())
            }
            Problem::UnknownKind => {
                let words: Vec<&str> = ActorKind::ALL.iter().map(|k| k.as_str()).collect();
                write!(f, "unknown kind {}, expected {}", quoted(), one_of(&words))
            }
            Problem::UnknownRole => {
                let words: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
                write!(f, "unknown role {}, expected {}", quoted(), one_of(&words))
            }
            Problem::UnknownStatus => {
                let words: Vec<&str> = EventStatus::ALL.iter().map(|s| s.as_str()).collect();
                write!(
                    f,
                    "unknown status {}, expected {}",
                    quoted(),
                    one_of(&words)
                )
            }
            Problem::NotASlug => write!(
                f,
                "id {} is not a lowercase slug (a-z, 0-9 and single hyphens, like \"wbsc-2017\")",
                quoted()
            ),
            Problem::NotACountryCode => write!(
                f,
                "{} is not an ISO 3166-1 alpha-3 code (three uppercase letters, like \"MAR\")",
                quoted()
            ),
            Problem::Empty => f.write_str("must not be empty"),
            Problem::TextAndTextUrl => f.write_str(
                "a source has either \"text\" or \"text_url\", not both",
            ),
            Problem::NotARelativeUrl => write!(
                f,
                "text_url {} is not a relative path below the dataset (like \"sources/x.txt\": no scheme, no leading /, no .., no ? or #)",
                quoted()
            ),
            Problem::Model(message) => write!(f, "rejected by the data model: {message}"),
            Problem::DuplicateKey => write!(f, "duplicate key {}", quoted()),
            Problem::Encoding(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for LoadError {}

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

impl LoadErrors {
    /// The errors, in document order.
    pub fn iter(&self) -> std::slice::Iter<'_, LoadError> {
        self.0.iter()
    }

    /// How many problems were found.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false for errors returned by [`load`] and [`validate`].
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a LoadErrors {
    type Item = &'a LoadError;
    type IntoIter = std::slice::Iter<'a, LoadError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for ok in ["mar", "wbsc-2017", "a1-b2-c3", "x"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["", "Mar", "a--b", "-a", "a-", "a_b", "a b", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn country_codes() {
        assert!(is_country_code("MAR"));
        for bad in ["mar", "MA", "MARO", "M4R", "ÉGY"] {
            assert!(!is_country_code(bad), "{bad}");
        }
    }

    #[test]
    fn long_values_are_shortened_on_a_char_boundary() {
        let long = "é".repeat(200);
        let shown = render(&Value::String(long));
        assert_eq!(shown.chars().count(), VALUE_MAX_CHARS + 1);
        assert!(shown.ends_with('…'));
    }
}
