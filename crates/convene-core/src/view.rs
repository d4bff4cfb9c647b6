//! The view state and its query-string codec: the URL is the state.
//!
//! Everything a user sees is addressed by the query string, so a pasted URL
//! reproduces the view. [`ViewState::to_query`] writes only what differs from the
//! default, in a stable parameter order; [`ViewState::from_query`] never fails: a
//! malformed value falls back to the default for that field and yields a
//! [`Notice`] that the app shows.
//!
//! | parameter | values | default |
//! |-----------|--------|---------|
//! | `q`       | free text (`+` also decodes as a space) | empty |
//! | `years`   | `2016`, `2013-2017`, `2013-` (from), `-2017` (until); years 0 to 9999 | all years |
//! | `country` | ISO 3166-1 alpha-3 codes, comma-separated | none |
//! | `series`  | series names, comma-separated | none |
//! | `theme`   | themes, comma-separated | none |
//! | `status`  | `held`, `mentioned`, `planned`, comma-separated | none |
//! | `kind`    | `country`, `organization`, `person`, comma-separated | none |
//! | `actor`   | actor ids, comma-separated | none |
//! | `role`    | `host`, `organizer`, `supporter`, `chair`, `speaker`, `participant`, `observer`, comma-separated | none |
//! | `mode`    | `any` or `all`: how selected actors combine | `any` |
//! | `view`    | `events` or `matrix` | `events` |
//! | `sort`    | `relevance`, `date`, `date-desc`, `name` | `relevance` (which is date order when there is no query) |
//! | `order`   | matrix rows: `events`, `name`, `first`, `similarity` | `events` |
//! | `group`   | matrix rows grouped: `kind` (countries, organisations, persons, each in `order`) or `none` | `none` |
//! | `open`    | `event:ID` or `actor:ID`: the detail panel | closed |
//! | `lang`    | interface language: `en`, `fr` or `ar` | the browser's (first of en, fr, ar in `navigator.languages`), else `en` |
//! | `embed`   | `1`: embedded, without page chrome | off |
//! | `show`    | in embeds, chrome to keep: `header`, `search`, `filters`, `views`, `export`, comma-separated | none |
//! | `origin`  | in embeds, the host page origin allowed to exchange messages (`https://example.org`) | none |
//!
//! Encoding rules:
//! - every value is percent-encoded: all bytes but RFC 3986 unreserved characters
//!   (`A-Z a-z 0-9 - . _ ~`) become `%XX` of their UTF-8 bytes; so a comma, space,
//!   `&`, `=`, `+` or `%` inside a value survives, and the separating commas of a
//!   multi-valued parameter stay distinct from commas inside values;
//! - multi-valued parameters are sets: written sorted, read in any order; a
//!   parameter given twice adds up (`country=MAR&country=SEN`); empty values are
//!   dropped (`country=MAR,,` is `country=MAR`), so a set never holds `""`;
//! - unknown parameters are ignored silently (other tools add their own);
//! - a malformed value (a bad year, an unknown status, kind, role, mode, view, sort
//!   order or group word, a malformed `open`, `lang` or `origin`, bad percent-encoding or UTF-8)
//!   is dropped with a notice; in a multi-valued parameter only the bad value is
//!   dropped, the others are kept;
//! - a reversed year range (`years=2017-2013`) is read as the range it names
//!   (2013 to 2017), with a notice;
//! - values that are well formed but absent from the dataset (`actor=zzz`) are
//!   kept: the engine lists them with a count of 0, and
//!   [`ViewState::unknown_values`] names them for the app to show.
//!
//! The codec round-trips: `ViewState::from_query(&v.to_query()) == (v, vec![])`
//! for every state whose sets hold no empty string and whose years lie in 0 to 9999.

use std::collections::BTreeSet;
use std::fmt;

use crate::engine::Engine;
use crate::i18n::Lang;
use crate::matrix::{RowGrouping, RowOrder};
use crate::model::{ActorKind, EventStatus, Role};

/// How selected actors combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum ActorMode {
    /// An event matches when any selected actor took part (in a selected role and kind).
    #[default]
    Any,
    /// An event matches when every selected actor took part (each in a selected role and kind).
    All,
}

impl ActorMode {
    /// Every mode, in display order.
    pub const ALL: [ActorMode; 2] = [ActorMode::Any, ActorMode::All];

    /// The word used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorMode::Any => "any",
            ActorMode::All => "all",
        }
    }

    /// The radio button's name.
    pub fn label(self) -> &'static str {
        match self {
            ActorMode::Any => "Any",
            ActorMode::All => "All",
        }
    }

    /// Parses the word used in URLs.
    pub fn parse(word: &str) -> Option<ActorMode> {
        ActorMode::ALL.into_iter().find(|m| m.as_str() == word)
    }
}

/// Which main view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum ViewKind {
    /// The list of matching events.
    #[default]
    Events,
    /// The participation matrix (actors x events).
    Matrix,
}

impl ViewKind {
    /// Every view, in display order.
    pub const ALL: [ViewKind; 2] = [ViewKind::Events, ViewKind::Matrix];

    /// The word used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            ViewKind::Events => "events",
            ViewKind::Matrix => "matrix",
        }
    }

    /// The tab's name.
    pub fn label(self) -> &'static str {
        match self {
            ViewKind::Events => "Events",
            ViewKind::Matrix => "Matrix",
        }
    }

    /// Parses the word used in URLs.
    pub fn parse(word: &str) -> Option<ViewKind> {
        ViewKind::ALL.into_iter().find(|v| v.as_str() == word)
    }
}

/// The order of the event list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum EventSort {
    /// Best text match first when there is a query; otherwise the same as [`EventSort::Date`].
    #[default]
    Relevance,
    /// Oldest first; undated events last; ties by name.
    Date,
    /// Newest first; undated events last; ties by name.
    DateDesc,
    /// By name (case- and accent-insensitive).
    Name,
}

impl EventSort {
    /// Every sort, in display order.
    pub const ALL: [EventSort; 4] = [
        EventSort::Relevance,
        EventSort::Date,
        EventSort::DateDesc,
        EventSort::Name,
    ];

    /// The word used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            EventSort::Relevance => "relevance",
            EventSort::Date => "date",
            EventSort::DateDesc => "date-desc",
            EventSort::Name => "name",
        }
    }

    /// The option's label.
    pub fn label(self) -> &'static str {
        match self {
            EventSort::Relevance => "Relevance",
            EventSort::Date => "Oldest first",
            EventSort::DateDesc => "Newest first",
            EventSort::Name => "Name",
        }
    }

    /// Parses the word used in URLs.
    pub fn parse(word: &str) -> Option<EventSort> {
        EventSort::ALL.into_iter().find(|s| s.as_str() == word)
    }
}

/// Chrome kept in an embed (`show=`); without any, an embed shows only the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EmbedPart {
    /// The page header (title, dataset name).
    Header,
    /// The search field.
    Search,
    /// The facet panel.
    Filters,
    /// The Events / Matrix switch.
    Views,
    /// The copy-link and download buttons.
    Export,
}

impl EmbedPart {
    /// Every part, in display order.
    pub const ALL: [EmbedPart; 5] = [
        EmbedPart::Header,
        EmbedPart::Search,
        EmbedPart::Filters,
        EmbedPart::Views,
        EmbedPart::Export,
    ];

    /// The word used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            EmbedPart::Header => "header",
            EmbedPart::Search => "search",
            EmbedPart::Filters => "filters",
            EmbedPart::Views => "views",
            EmbedPart::Export => "export",
        }
    }

    /// Parses the word used in URLs.
    pub fn parse(word: &str) -> Option<EmbedPart> {
        EmbedPart::ALL.into_iter().find(|p| p.as_str() == word)
    }
}

/// The detail panel, when one is open.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Open {
    /// An event, by id.
    Event(String),
    /// An actor, by id.
    Actor(String),
}

/// Everything a user sees, as the URL says it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ViewState {
    /// Text search; blank means no text filter.
    pub q: String,
    /// First year shown (inclusive), if bounded.
    pub year_from: Option<i32>,
    /// Last year shown (inclusive), if bounded.
    pub year_to: Option<i32>,
    /// Selected host countries (ISO 3166-1 alpha-3 codes).
    pub countries: BTreeSet<String>,
    /// Selected series.
    pub series: BTreeSet<String>,
    /// Selected themes.
    pub themes: BTreeSet<String>,
    /// Selected statuses.
    pub statuses: BTreeSet<EventStatus>,
    /// Selected actor kinds.
    pub kinds: BTreeSet<ActorKind>,
    /// Selected actors (ids).
    pub actors: BTreeSet<String>,
    /// Selected roles.
    pub roles: BTreeSet<Role>,
    /// Whether any or all selected actors must take part.
    pub actor_mode: ActorMode,
    /// Events list or matrix.
    pub view: ViewKind,
    /// Order of the event list.
    pub sort: EventSort,
    /// Order of the matrix rows.
    pub order: RowOrder,
    /// Grouping of the matrix rows.
    pub group: RowGrouping,
    /// The open detail panel.
    pub open: Option<Open>,
    /// The interface language the URL names; `None` lets the browser's
    /// preferences choose (see [`Lang::from_browser`]).
    pub lang: Option<Lang>,
    /// Embedded (no page chrome).
    pub embed: bool,
    /// In an embed, which chrome to keep.
    pub embed_parts: BTreeSet<EmbedPart>,
    /// In an embed, the host origin allowed to exchange `postMessage`s.
    pub origin: Option<String>,
}

/// Something in a URL that was ignored, for the app to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The parameter's name (`years`).
    pub param: String,
    /// The offending value, as written in the URL.
    pub value: String,
    /// Why it was ignored (`expected a year or a range like 2013-2017`).
    pub message: String,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ignored {}={}: {}", self.param, self.value, self.message)
    }
}

impl Notice {
    fn new(param: &str, value: &str, message: impl Into<String>) -> Notice {
        Notice {
            param: param.to_string(),
            value: value.to_string(),
            message: message.into(),
        }
    }
}

/// Percent-encodes every byte except RFC 3986 unreserved characters.
///
/// A dozen lines, so no dependency: the `percent-encoding` crate would do the same
/// with an `AsciiSet`, but its decoder is lenient (a stray `%` passes through)
/// where this codec must notice bad escapes and tell the user.
pub fn encode_component(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
    out
}

/// Why a component could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// A `%` not followed by two hex digits.
    BadEscape,
    /// The decoded bytes are not UTF-8.
    BadUtf8,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::BadEscape => {
                f.write_str("bad percent-encoding (% must be followed by two hex digits)")
            }
            DecodeError::BadUtf8 => f.write_str("the percent-encoded bytes are not UTF-8 text"),
        }
    }
}

/// Decodes a percent-encoded component; with `plus_is_space`, `+` is a space (HTML forms).
pub fn decode_component(text: &str, plus_is_space: bool) -> Result<String, DecodeError> {
    fn hex(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hi = bytes.get(i + 1).copied().and_then(hex);
                let lo = bytes.get(i + 2).copied().and_then(hex);
                match (hi, lo) {
                    (Some(h), Some(l)) => out.push(h << 4 | l),
                    _ => return Err(DecodeError::BadEscape),
                }
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| DecodeError::BadUtf8)
}

fn join_set<'a>(values: impl Iterator<Item = &'a str>) -> String {
    values
        .filter(|v| !v.is_empty())
        .map(encode_component)
        .collect::<Vec<_>>()
        .join(",")
}

const YEARS_HELP: &str = "expected a year or a range like 2013-2017";

fn parse_year(text: &str) -> Option<i32> {
    if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Parses `2016`, `2013-2017`, `2013-`, `-2017`: `Ok((from, to, reversed))`.
fn parse_years(text: &str) -> Option<(Option<i32>, Option<i32>)> {
    match text.split_once('-') {
        None => parse_year(text).map(|y| (Some(y), Some(y))),
        Some((a, b)) => {
            let from = if a.is_empty() {
                None
            } else {
                Some(parse_year(a)?)
            };
            let to = if b.is_empty() {
                None
            } else {
                Some(parse_year(b)?)
            };
            if from.is_none() && to.is_none() {
                return None;
            }
            Some((from, to))
        }
    }
}

/// A well-formed origin: `http(s)://host[:port]`, nothing after.
fn valid_origin(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    match rest {
        Some(host) => {
            !host.is_empty()
                && host.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']')
                })
        }
        None => false,
    }
}

fn words<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> String {
    all.iter()
        .map(|&t| as_str(t))
        .collect::<Vec<_>>()
        .join(", ")
}

impl ViewState {
    /// The query string for this state, without a leading `?`: only parameters
    /// that differ from the default, in the order of the table above.
    pub fn to_query(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut push = |name: &str, value: String| {
            if !value.is_empty() {
                parts.push(format!("{name}={value}"));
            }
        };
        push("q", encode_component(&self.q));
        let years = match (self.year_from, self.year_to) {
            (None, None) => String::new(),
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a}-{b}"),
            (Some(a), None) => format!("{a}-"),
            (None, Some(b)) => format!("-{b}"),
        };
        push("years", years);
        push(
            "country",
            join_set(self.countries.iter().map(String::as_str)),
        );
        push("series", join_set(self.series.iter().map(String::as_str)));
        push("theme", join_set(self.themes.iter().map(String::as_str)));
        push("status", join_set(self.statuses.iter().map(|s| s.as_str())));
        push("kind", join_set(self.kinds.iter().map(|k| k.as_str())));
        push("actor", join_set(self.actors.iter().map(String::as_str)));
        push("role", join_set(self.roles.iter().map(|r| r.as_str())));
        if self.actor_mode != ActorMode::default() {
            push("mode", self.actor_mode.as_str().to_string());
        }
        if self.view != ViewKind::default() {
            push("view", self.view.as_str().to_string());
        }
        if self.sort != EventSort::default() {
            push("sort", self.sort.as_str().to_string());
        }
        if self.order != RowOrder::default() {
            push("order", self.order.as_str().to_string());
        }
        if self.group != RowGrouping::default() {
            push("group", self.group.as_str().to_string());
        }
        match &self.open {
            Some(Open::Event(id)) => push("open", format!("event:{}", encode_component(id))),
            Some(Open::Actor(id)) => push("open", format!("actor:{}", encode_component(id))),
            None => {}
        }
        if let Some(lang) = self.lang {
            push("lang", lang.as_str().to_string());
        }
        if self.embed {
            push("embed", "1".to_string());
        }
        push(
            "show",
            join_set(self.embed_parts.iter().map(|p| p.as_str())),
        );
        if let Some(origin) = &self.origin {
            push("origin", encode_component(origin));
        }
        parts.join("&")
    }

    /// Reads a query string (with or without a leading `?`). Never fails: what it
    /// cannot read falls back to the default and is reported as a [`Notice`].
    pub fn from_query(query: &str) -> (ViewState, Vec<Notice>) {
        let mut v = ViewState::default();
        let mut notices = Vec::new();
        let query = query.strip_prefix('?').unwrap_or(query);
        // A fragment is not part of the query.
        let query = query.split('#').next().unwrap_or("");
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (name, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let single = |notices: &mut Vec<Notice>, plus: bool| -> Option<String> {
                match decode_component(raw, plus) {
                    Ok(s) => Some(s),
                    Err(e) => {
                        notices.push(Notice::new(name, raw, e.to_string()));
                        None
                    }
                }
            };
            // Decodes each comma-separated value; bad ones are reported and dropped.
            let multi = |notices: &mut Vec<Notice>| -> Vec<String> {
                raw.split(',')
                    .filter(|s| !s.is_empty())
                    .filter_map(|s| match decode_component(s, false) {
                        Ok(d) if d.is_empty() => None,
                        Ok(d) => Some(d),
                        Err(e) => {
                            notices.push(Notice::new(name, s, e.to_string()));
                            None
                        }
                    })
                    .collect()
            };
            fn enum_set<T: Ord + Copy>(
                notices: &mut Vec<Notice>,
                name: &str,
                values: Vec<String>,
                set: &mut BTreeSet<T>,
                parse: fn(&str) -> Option<T>,
                all: &[T],
                as_str: fn(T) -> &'static str,
            ) {
                for value in values {
                    match parse(&value) {
                        Some(t) => {
                            set.insert(t);
                        }
                        None => notices.push(Notice::new(
                            name,
                            &value,
                            format!("expected one of {}", words(all, as_str)),
                        )),
                    }
                }
            }
            match name {
                "q" => {
                    if let Some(q) = single(&mut notices, true) {
                        v.q = q;
                    }
                }
                "years" => {
                    let Some(text) = single(&mut notices, false) else {
                        continue;
                    };
                    match parse_years(&text) {
                        Some((Some(a), Some(b))) if a > b => {
                            notices.push(Notice::new(
                                name,
                                raw,
                                format!("the range is reversed; showing {b}-{a}"),
                            ));
                            v.year_from = Some(b);
                            v.year_to = Some(a);
                        }
                        Some((from, to)) => {
                            v.year_from = from;
                            v.year_to = to;
                        }
                        None => {
                            notices.push(Notice::new(name, raw, YEARS_HELP));
                            v.year_from = None;
                            v.year_to = None;
                        }
                    }
                }
                "country" => v.countries.extend(multi(&mut notices)),
                "series" => v.series.extend(multi(&mut notices)),
                "theme" => v.themes.extend(multi(&mut notices)),
                "actor" => v.actors.extend(multi(&mut notices)),
                "status" => {
                    let values = multi(&mut notices);
                    enum_set(
                        &mut notices,
                        name,
                        values,
                        &mut v.statuses,
                        EventStatus::parse,
                        &EventStatus::ALL,
                        EventStatus::as_str,
                    )
                }
                "kind" => {
                    let values = multi(&mut notices);
                    enum_set(
                        &mut notices,
                        name,
                        values,
                        &mut v.kinds,
                        ActorKind::parse,
                        &ActorKind::ALL,
                        ActorKind::as_str,
                    )
                }
                "role" => {
                    let values = multi(&mut notices);
                    enum_set(
                        &mut notices,
                        name,
                        values,
                        &mut v.roles,
                        Role::parse,
                        &Role::ALL,
                        Role::as_str,
                    )
                }
                "show" => {
                    let values = multi(&mut notices);
                    enum_set(
                        &mut notices,
                        name,
                        values,
                        &mut v.embed_parts,
                        EmbedPart::parse,
                        &EmbedPart::ALL,
                        EmbedPart::as_str,
                    )
                }
                "mode" => {
                    let Some(text) = single(&mut notices, false) else {
                        continue;
                    };
                    match ActorMode::parse(&text) {
                        Some(m) => v.actor_mode = m,
                        None => notices.push(Notice::new(
                            name,
                            raw,
                            format!(
                                "expected one of {}",
                                words(&ActorMode::ALL, ActorMode::as_str)
                            ),
                        )),
                    }
                }
                "view" => {
                    let Some(text) = single(&mut notices, false) else {
                        continue;
                    };
                    match ViewKind::parse(&text) {
                        Some(k) => v.view = k,
                        None => notices.push(Notice::new(
                            name,
                            raw,
                            format!(
                                "expected one of {}",
                                words(&ViewKind::ALL, ViewKind::as_str)
                            ),
                        )),
                    }
                }
                "sort" => {
                    let Some(text) = single(&mut notices, false) else {
                        continue;
                    };
                    match EventSort::parse(&text) {
                        Some(s) => v.sort = s,
                        None => notices.push(Notice::new(
                            name,
                            raw,
                            format!(
                                "expected one of {}",
                                words(&EventSort::ALL, EventSort::as_str)
                            ),
                        )),
                    }
                }
                "order" => {
                    let Some(text) = single(&mut notices, false) else {
                        continue;
                    };
                    match RowOrder::parse(&text) {
                        Some(o) => v.order = o,
                        None => notices.push(Notice::new(
                            name,
                            raw,
                            format!(
                                "expected one of {}",
                                words(&RowOrder::ALL, RowOrder::as_str)
                            ),
                        )),
                    }
                }
                "group" => {
                    let Some(text) = single(&mut notices, false) else {
                        continue;
                    };
                    match RowGrouping::parse(&text) {
                        Some(g) => v.group = g,
                        None => notices.push(Notice::new(
                            name,
                            raw,
                            format!(
                                "expected one of {}",
                                words(&RowGrouping::ALL, RowGrouping::as_str)
                            ),
                        )),
                    }
                }
                "open" => {
                    let Some(text) = single(&mut notices, false) else {
                        continue;
                    };
                    match text.split_once(':') {
                        Some(("event", id)) if !id.is_empty() => {
                            v.open = Some(Open::Event(id.to_string()))
                        }
                        Some(("actor", id)) if !id.is_empty() => {
                            v.open = Some(Open::Actor(id.to_string()))
                        }
                        _ => notices.push(Notice::new(name, raw, "expected event:ID or actor:ID")),
                    }
                }
                "lang" => {
                    let Some(text) = single(&mut notices, false) else {
                        continue;
                    };
                    match Lang::parse(&text) {
                        Some(l) => v.lang = Some(l),
                        None => notices.push(Notice::new(
                            name,
                            raw,
                            format!("expected one of {}", words(&Lang::ALL, Lang::as_str)),
                        )),
                    }
                }
                "embed" => match raw {
                    "1" | "true" | "" => v.embed = true,
                    "0" | "false" => v.embed = false,
                    _ => notices.push(Notice::new(name, raw, "expected 1")),
                },
                "origin" => {
                    let Some(text) = single(&mut notices, false) else {
                        continue;
                    };
                    if valid_origin(&text) {
                        v.origin = Some(text);
                    } else {
                        notices.push(Notice::new(
                            name,
                            raw,
                            "expected an origin like https://example.org",
                        ));
                    }
                }
                _ => {}
            }
        }
        (v, notices)
    }

    /// Selected values and the open item that the engine's dataset does not hold
    /// (`actor=zzz`), as notices for the app to show. The filters stay applied.
    pub fn unknown_values(&self, engine: &Engine) -> Vec<Notice> {
        let mut out = Vec::new();
        let d = engine.dataset();
        let missing = "not in this dataset";
        for c in &self.countries {
            if !d
                .events
                .iter()
                .any(|e| e.country.as_deref() == Some(c.as_str()))
            {
                out.push(Notice::new("country", c, missing));
            }
        }
        for s in &self.series {
            if !d
                .events
                .iter()
                .any(|e| e.series.as_deref() == Some(s.as_str()))
            {
                out.push(Notice::new("series", s, missing));
            }
        }
        for t in &self.themes {
            if !d.events.iter().any(|e| e.themes.iter().any(|x| x == t)) {
                out.push(Notice::new("theme", t, missing));
            }
        }
        for a in &self.actors {
            if engine.actor_index(a).is_none() {
                out.push(Notice::new("actor", a, missing));
            }
        }
        match &self.open {
            Some(Open::Event(id)) if engine.event_index(id).is_none() => {
                out.push(Notice::new("open", &format!("event:{id}"), missing))
            }
            Some(Open::Actor(id)) if engine.actor_index(id).is_none() => {
                out.push(Notice::new("open", &format!("actor:{id}"), missing))
            }
            _ => {}
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_keeps_unreserved_only() {
        assert_eq!(
            encode_component("a b,c&d=e+f%g/é~"),
            "a%20b%2Cc%26d%3De%2Bf%25g%2F%C3%A9~"
        );
        assert_eq!(decode_component("a%20b%2Cc", false).as_deref(), Ok("a b,c"));
        assert_eq!(decode_component("a+b", true).as_deref(), Ok("a b"));
        assert_eq!(decode_component("a+b", false).as_deref(), Ok("a+b"));
        assert_eq!(decode_component("%zz", false), Err(DecodeError::BadEscape));
        assert_eq!(decode_component("%C3", false), Err(DecodeError::BadUtf8));
    }
}
