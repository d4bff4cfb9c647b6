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
//! | `q`       | free text | empty |
//! | `years`   | `2016`, `2013-2017`, `2013-` (from), `-2017` (until); years 0 to 9999: events whose period overlaps the range (see [`crate::engine`]) | all years |
//! | `undated` | `1`: with a year filter, also show events without a date (which a year filter otherwise hides) | off |
//! | `country` | ISO 3166-1 alpha-3 codes, comma-separated | none |
//! | `series`  | series names, comma-separated | none |
//! | `theme`   | themes, comma-separated | none |
//! | `status`  | `held`, `mentioned`, `planned`, comma-separated | none |
//! | `kind`    | `country`, `organization`, `person`, comma-separated | none |
//! | `actor`   | actor ids, comma-separated | none |
//! | `role`    | `host`, `organizer`, `supporter`, `chair`, `speaker`, `participant`, `observer`, comma-separated | none |
//! | `mode`    | `any` or `all`: how selected actors combine | `any` |
//! | `view`    | `events`, `matrix` or `network` | `events` |
//! | `sort`    | `relevance`, `date`, `date-desc`, `name` | `relevance` (which is date order when there is no query) |
//! | `order`   | matrix rows: `events`, `name`, `first`, `similarity` | `events` |
//! | `group`   | matrix rows grouped: `kind` (countries, organisations, persons, each in `order`) or `none` | `none` |
//! | `open`    | `event:ID`, `actor:ID` or `source:ID`: the detail panel | closed |
//! | `quote`   | `EVENT.ACTOR.ROLE`: on a source page, the participation whose quote is highlighted, scrolled to and focused | none |
//! | `min`     | network: the minimum number of shared events an edge needs, 1 to 4294967295 | `1` |
//! | `top`     | network: how many actors to draw (those with most events in the view), 1 to 1000; larger values are read as 1000 with a notice | `150` |
//! | `lang`    | interface language: `en`, `fr` or `ar` | the browser's (first of en, fr, ar in `navigator.languages`), else `en` |
//! | `embed`   | `1`: embedded, without page chrome | off |
//! | `show`    | in embeds, chrome to keep: `header`, `search`, `filters`, `views`, `export`, comma-separated | none |
//! | `origin`  | in embeds, the host page origin allowed to exchange messages (`https://example.org`); kept as written, see [`crate::share::Messaging`] (a value that is not an origin turns messaging off) | none |
//!
//! Decoding: the query string is read as `application/x-www-form-urlencoded`,
//! exactly as `URLSearchParams` reads it (the WHATWG URL Standard), through one
//! function, [`decode_form`], for every name and value: `+` is a space in every
//! parameter (`theme=border+management`), `%XX` a UTF-8 byte, a `%` not followed
//! by two hex digits is kept literally (`q=100%` is `100%`), and bytes that are not
//! UTF-8 become U+FFFD. Decoding never fails, so it yields no notice. The one
//! addition: multi-valued parameters are split on their literal commas before
//! each value is decoded.
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
//!   order or group word, a `min` or `top` that is not a whole number from 1, a
//!   malformed `open` or `lang`) is dropped with a notice; in a multi-valued parameter only the bad value is
//!   dropped, the others are kept;
//! - a reversed year range (`years=2017-2013`) is read as the range it names
//!   (2013 to 2017), with a notice;
//! - values that are well formed but absent from the dataset (`actor=zzz`) are
//!   kept: the engine lists them with a count of 0, and
//!   [`crate::engine::Engine::unknown_values`] names them for the app to show.
//!
//! The codec round-trips: `ViewState::from_query(&v.to_query()) == (v, vec![])`
//! for every state whose sets hold no empty string, whose years lie in 0 to 9999,
//! whose `min_weight` is at least 1 and whose `top` lies in 1 to [`MAX_TOP`].

use std::fmt;

use crate::enum_set::{EnumSet, Member};
use crate::i18n::Lang;
use crate::model::{ActorKind, EventStatus, Role};
pub use crate::query::Query;
pub use crate::vocab::{ActorMode, EventSort, ViewKind};
use crate::vocab::{RowGrouping, RowOrder};

/// Chrome kept in an embed (`show=`); without any, an embed shows only the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EmbedPart {
    /// The page header (title, dataset name).
    Header,
    /// The search field.
    Search,
    /// The facet panel.
    Filters,
    /// The Events / Matrix / Network switch.
    Views,
    /// The copy-link and download buttons.
    Export,
}

// The parts an embed keeps (`ViewState::embed_parts`).
crate::enum_set_members!(EmbedPart);

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
    /// A source, by id: its page with its full text.
    Source(String),
}

/// A participation named by its (event, actor, role), which the loader keeps
/// unique: the `quote` parameter, written `EVENT.ACTOR.ROLE` (ids are slugs, so
/// they hold no `.`). Stable across dataset versions, unlike a row number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuoteRef {
    /// Event id.
    pub event: String,
    /// Actor id.
    pub actor: String,
    /// The role.
    pub role: Role,
}

impl QuoteRef {
    /// `EVENT.ACTOR.ROLE`.
    pub fn to_param(&self) -> String {
        format!("{}.{}.{}", self.event, self.actor, self.role.as_str())
    }

    /// Reads `EVENT.ACTOR.ROLE`; `None` when malformed (not three non-empty parts,
    /// or an unknown role).
    pub fn parse(text: &str) -> Option<QuoteRef> {
        let mut parts = text.split('.');
        let (event, actor, role) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || event.is_empty() || actor.is_empty() {
            return None;
        }
        Some(QuoteRef {
            event: event.to_owned(),
            actor: actor.to_owned(),
            role: Role::parse(role)?,
        })
    }

    /// The participation it names, for `participation` = (event, actor, role).
    pub fn of(p: &crate::model::Participation) -> QuoteRef {
        QuoteRef {
            event: p.event.clone(),
            actor: p.actor.clone(),
            role: p.role,
        }
    }

    /// Whether `p` is the participation it names.
    pub fn names(&self, p: &crate::model::Participation) -> bool {
        p.event == self.event && p.actor == self.actor && p.role == self.role
    }
}

/// Default for `top=`: the network draws the 150 actors with most events.
pub const DEFAULT_TOP: u32 = 150;
/// Largest `top=`: beyond 1,000 nodes a force layout is neither readable nor fast
/// enough for an interaction (issue 14's budget: 250 ms at 1M participations).
pub const MAX_TOP: u32 = 1000;

/// Everything a user sees, as the URL says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewState {
    /// The filters, search, actor mode and event order: what the engine is asked
    /// ([`crate::engine::Engine::query`]). The view dereferences to it, so
    /// `view.countries` is `view.query.countries`.
    pub query: Query,
    /// Events list, matrix or network.
    pub view: ViewKind,
    /// Order of the matrix rows.
    pub order: RowOrder,
    /// Grouping of the matrix rows.
    pub group: RowGrouping,
    /// Network: the minimum number of shared events an edge needs (`min=`), at least 1.
    pub min_weight: u32,
    /// Network: how many actors are drawn (`top=`), 1 to [`MAX_TOP`]; see
    /// [`crate::network::NetworkOptions`].
    pub top: u32,
    /// The open detail panel.
    pub open: Option<Open>,
    /// The interface language the URL names; `None` lets the browser's
    /// preferences choose (see [`Lang::from_browser`]).
    pub lang: Option<Lang>,
    /// On a source page, the participation whose quote is highlighted.
    pub quote: Option<QuoteRef>,
    /// Embedded (no page chrome).
    pub embed: bool,
    /// In an embed, which chrome to keep.
    pub embed_parts: EnumSet<EmbedPart>,
    /// In an embed, the host origin allowed to exchange `postMessage`s, as written
    /// in the URL (decoded, not checked): [`crate::share::Messaging::for_origin`]
    /// parses it, and a value that is not an origin turns messaging off.
    pub origin: Option<String>,
}

impl Default for ViewState {
    /// No search, no filter, the event list, `min=1`, `top=150`.
    fn default() -> ViewState {
        ViewState {
            query: Query::default(),
            view: ViewKind::default(),
            order: RowOrder::default(),
            group: RowGrouping::default(),
            min_weight: 1,
            top: DEFAULT_TOP,
            open: None,
            quote: None,
            lang: None,
            embed: false,
            embed_parts: EnumSet::new(),
            origin: None,
        }
    }
}

/// A view is a [`Query`] plus presentation: reading `view.q` or passing `&view`
/// where a `&Query` is expected reads the view's query.
impl std::ops::Deref for ViewState {
    type Target = Query;
    fn deref(&self) -> &Query {
        &self.query
    }
}

impl std::ops::DerefMut for ViewState {
    fn deref_mut(&mut self) -> &mut Query {
        &mut self.query
    }
}

/// Something in a URL that was ignored, for the app to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The parameter's name (`years`).
    pub param: String,
    /// The offending value, as written in the URL.
    pub value: String,
    /// Why it was ignored or how it was changed (`expected a year or a range
    /// like 2013-2017`; `at most 1000 actors are drawn; showing 1000`).
    pub message: String,
    /// The value was used after a change (a reversed range swapped, a count
    /// clamped), not ignored: the page says "Adjusted", not "Ignored".
    pub adjusted: bool,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.adjusted { "Adjusted" } else { "Ignored" };
        write!(f, "{verb} {}={}: {}", self.param, self.value, self.message)
    }
}

impl Notice {
    pub(crate) fn new(param: &str, value: &str, message: impl Into<String>) -> Notice {
        Notice {
            param: param.to_string(),
            value: value.to_string(),
            message: message.into(),
            adjusted: false,
        }
    }
}

/// Percent-encodes every byte except RFC 3986 unreserved characters.
///
/// A dozen lines, so no dependency: `form_urlencoded` would write a space as `+`,
/// and this codec's own output never needs `+` (every value decodes the same under
/// [`decode_form`] either way). `decode_form(&encode_component(s)) == s` for every
/// string (a property test pins it).
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

/// Decodes one name or value of an `application/x-www-form-urlencoded` string
/// exactly as the WHATWG URL Standard's parser does (what `URLSearchParams`
/// reads): `+` is a space; `%XX` (two hex digits, either case) is the byte `XX`; a
/// `%` not followed by two hex digits is kept as it is; then the bytes are read as
/// UTF-8 with each invalid sequence replaced by U+FFFD (the Encoding Standard's
/// "UTF-8 decode without BOM", which `String::from_utf8_lossy` implements: one
/// U+FFFD per maximal invalid subpart, no BOM stripped). Never fails.
///
/// Every URL parameter goes through this one function (names too). Hand-written
/// for wasm size (the app already decodes with it; `form_urlencoded` would add its
/// `percent-encoding` dependency); `tests/view_codec.rs` checks that it agrees with
/// the `form_urlencoded` crate, the WHATWG implementation, on arbitrary input.
pub fn decode_form(text: &str) -> String {
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
                if let (Some(h), Some(l)) = (hi, lo) {
                    out.push(h << 4 | l);
                    i += 3;
                } else {
                    out.push(b'%');
                    i += 1;
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The raw `(name, value)` pairs of a query string, not decoded: a leading `?`
/// and a fragment (`#…`) are left out, pairs split on `&` (empty ones skipped) and
/// each at its first `=` (a pair without `=` has an empty value). This is the
/// WHATWG `application/x-www-form-urlencoded` parser before decoding; decode each
/// part with [`decode_form`].
pub fn query_pairs(query: &str) -> impl Iterator<Item = (&str, &str)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let query = query.split('#').next().unwrap_or("");
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
}

/// The first value of parameter `name` in `query`, decoded (`URLSearchParams.get`):
/// how the app reads parameters that are not view state (`data=`).
pub fn query_param(query: &str, name: &str) -> Option<String> {
    query_pairs(query)
        .find(|(n, _)| decode_form(n) == name)
        .map(|(_, v)| decode_form(v))
}

/// The dataset a page's query string names (`data=URL`, decoded; the first one):
/// `None` when absent or blank, and the app then loads its bundled dataset.
/// Whether the URL may be fetched is [`crate::import::check_data_url`]'s rule.
pub fn dataset_param(query: &str) -> Option<String> {
    query_param(query, "data").filter(|url| !url.trim().is_empty())
}

/// The parameters of `query` that are not view state but every link must keep,
/// as written and joined with `&`: `data=` (a dataset brought by the user), so
/// that navigating never drops back to the bundled dataset.
pub fn kept_params(query: &str) -> String {
    raw_pairs_named(query, "data").collect::<Vec<_>>().join("&")
}

/// A link's query string: `view_query` (from [`ViewState::to_query`]) followed by
/// the kept parameters `kept` (from [`kept_params`]), joined by `&`; either may
/// be empty.
pub fn with_kept(view_query: String, kept: &str) -> String {
    match (view_query.is_empty(), kept.is_empty()) {
        (_, true) => view_query,
        (true, false) => kept.to_owned(),
        (false, false) => format!("{view_query}&{kept}"),
    }
}

/// The pairs of `query` named `name` (after decoding the name), as written
/// (`name=value`, not decoded): what a link must carry over unchanged.
pub fn raw_pairs_named<'a>(query: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let query = query.strip_prefix('?').unwrap_or(query);
    let query = query.split('#').next().unwrap_or("");
    query.split('&').filter(move |pair| {
        !pair.is_empty() && decode_form(pair.split('=').next().unwrap_or("")) == name
    })
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

/// A whole number from 1 written in ASCII digits (`12`, `007`); zero or anything
/// else is `None`. Numbers past `u32::MAX` saturate at `u32::MAX`, so that
/// `top=99999999999` is read as "too many", not as junk.
fn parse_count(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = text.bytes().fold(0u64, |n, b| {
        (n * 10 + u64::from(b - b'0')).min(u64::from(u32::MAX))
    });
    (n >= 1).then_some(n as u32)
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
        if self.undated {
            push("undated", "1".to_string());
        }
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
        if self.min_weight != 1 {
            push("min", self.min_weight.to_string());
        }
        if self.top != DEFAULT_TOP {
            push("top", self.top.to_string());
        }
        match &self.open {
            Some(Open::Event(id)) => push("open", format!("event:{}", encode_component(id))),
            Some(Open::Actor(id)) => push("open", format!("actor:{}", encode_component(id))),
            Some(Open::Source(id)) => push("open", format!("source:{}", encode_component(id))),
            None => {}
        }
        if let Some(quote) = &self.quote {
            push("quote", encode_component(&quote.to_param()));
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
        match self.origin.as_deref() {
            // An empty origin is kept (it turns messaging off), so it is written.
            Some("") => parts.push("origin=".to_owned()),
            Some(origin) => parts.push(format!("origin={}", encode_component(origin))),
            None => {}
        }
        parts.join("&")
    }

    /// Reads a query string (with or without a leading `?`). Never fails: what it
    /// cannot read falls back to the default and is reported as a [`Notice`].
    pub fn from_query(query: &str) -> (ViewState, Vec<Notice>) {
        let mut v = ViewState::default();
        let mut notices = Vec::new();
        for (raw_name, raw) in query_pairs(query) {
            let name = decode_form(raw_name);
            let mut p = Param {
                name: &name,
                raw,
                notices: &mut notices,
            };
            match p.name {
                "q" => v.q = p.single(),
                "years" => (v.year_from, v.year_to) = p.years(),
                "undated" => p.flag(&mut v.undated),
                "country" => v.query.countries.extend(p.multi()),
                "series" => v.query.series.extend(p.multi()),
                "theme" => v.query.themes.extend(p.multi()),
                "actor" => v.query.actors.extend(p.multi()),
                "status" => p.word_set(
                    &mut v.query.statuses,
                    EventStatus::parse,
                    &EventStatus::ALL,
                    EventStatus::as_str,
                ),
                "kind" => p.word_set(
                    &mut v.query.kinds,
                    ActorKind::parse,
                    &ActorKind::ALL,
                    ActorKind::as_str,
                ),
                "role" => p.word_set(&mut v.query.roles, Role::parse, &Role::ALL, Role::as_str),
                "show" => p.word_set(
                    &mut v.embed_parts,
                    EmbedPart::parse,
                    &EmbedPart::ALL,
                    EmbedPart::as_str,
                ),
                "mode" => p.word(
                    &mut v.query.actor_mode,
                    ActorMode::parse,
                    &ActorMode::ALL,
                    ActorMode::as_str,
                ),
                "view" => p.word(
                    &mut v.view,
                    ViewKind::parse,
                    &ViewKind::ALL,
                    ViewKind::as_str,
                ),
                "sort" => p.word(
                    &mut v.query.sort,
                    EventSort::parse,
                    &EventSort::ALL,
                    EventSort::as_str,
                ),
                "order" => p.word(
                    &mut v.order,
                    RowOrder::parse,
                    &RowOrder::ALL,
                    RowOrder::as_str,
                ),
                "group" => p.word(
                    &mut v.group,
                    RowGrouping::parse,
                    &RowGrouping::ALL,
                    RowGrouping::as_str,
                ),
                "min" => v.min_weight = p.min_weight(),
                "top" => v.top = p.top(),
                "open" => p.open(&mut v.open),
                "lang" => p.lang(&mut v.lang),
                "quote" => p.quote(&mut v.quote),
                "embed" => p.flag(&mut v.embed),
                // Kept as written: `share::Messaging::for_origin` decides whether it
                // is an origin, and turns messaging off when it is not (fail closed).
                "origin" => v.origin = Some(p.single()),
                _ => {}
            }
        }
        (v, notices)
    }
}

/// One `name=value` pair of a query string being decoded by
/// [`ViewState::from_query`]: each parameter's reader is a method, and a value it
/// cannot read becomes a [`Notice`] naming the parameter (the raw value for
/// single values, the decoded one for an entry of a list).
struct Param<'a> {
    /// The decoded parameter name.
    name: &'a str,
    /// The value as written in the URL (still percent-encoded).
    raw: &'a str,
    notices: &'a mut Vec<Notice>,
}

impl Param<'_> {
    /// The decoded value.
    fn single(&self) -> String {
        decode_form(self.raw)
    }

    /// Splits on the literal commas, then decodes each value (so `%2C` is a
    /// comma inside a value); empty values are dropped.
    fn multi(&self) -> Vec<String> {
        self.raw
            .split(',')
            .map(decode_form)
            .filter(|d| !d.is_empty())
            .collect()
    }

    fn notice(&mut self, message: impl Into<String>) {
        self.notices.push(Notice::new(self.name, self.raw, message));
    }

    /// A notice for a value used after a change (swapped, clamped), not ignored.
    fn adjusted(&mut self, message: impl Into<String>) {
        let mut notice = Notice::new(self.name, self.raw, message);
        notice.adjusted = true;
        self.notices.push(notice);
    }

    /// `years=`: a year or a range; a reversed range is swapped (with a notice);
    /// an unreadable one clears the range (with a notice).
    fn years(&mut self) -> (Option<i32>, Option<i32>) {
        match parse_years(&self.single()) {
            Some((Some(a), Some(b))) if a > b => {
                self.adjusted(format!("the range is reversed; showing {b}-{a}"));
                (Some(b), Some(a))
            }
            Some(range) => range,
            None => {
                self.notice(YEARS_HELP);
                (None, None)
            }
        }
    }

    /// `undated=`, `embed=`: `1`, `true` or empty set the flag, `0` or `false`
    /// clear it; anything else leaves it (with a notice).
    fn flag(&mut self, flag: &mut bool) {
        match self.single().as_str() {
            "1" | "true" | "" => *flag = true,
            "0" | "false" => *flag = false,
            _ => self.notice("expected 1"),
        }
    }

    /// One word of a fixed list (`mode=`, `view=`, `sort=`, `order=`, `group=`);
    /// an unknown word leaves `slot` as it was (with a notice listing the words).
    fn word<T: Copy>(
        &mut self,
        slot: &mut T,
        parse: fn(&str) -> Option<T>,
        all: &[T],
        as_str: fn(T) -> &'static str,
    ) {
        match parse(&self.single()) {
            Some(t) => *slot = t,
            None => self.notice(format!("expected one of {}", words(all, as_str))),
        }
    }

    /// A comma-separated list of words of a fixed list (`status=`, `kind=`,
    /// `role=`, `show=`): each known word is added, each unknown one is a notice.
    fn word_set<T: Member>(
        &mut self,
        set: &mut EnumSet<T>,
        parse: fn(&str) -> Option<T>,
        all: &[T],
        as_str: fn(T) -> &'static str,
    ) {
        for value in self.multi() {
            match parse(&value) {
                Some(t) => {
                    set.insert(t);
                }
                None => self.notices.push(Notice::new(
                    self.name,
                    &value,
                    format!("expected one of {}", words(all, as_str)),
                )),
            }
        }
    }

    /// `min=`: a whole number from 1; anything else is 1 (with a notice).
    fn min_weight(&mut self) -> u32 {
        parse_count(&self.single()).unwrap_or_else(|| {
            self.notice("expected a whole number of shared events, 1 or more");
            1
        })
    }

    /// `top=`: 1 to [`MAX_TOP`]; more is [`MAX_TOP`] and anything else
    /// [`DEFAULT_TOP`] (each with a notice).
    fn top(&mut self) -> u32 {
        match parse_count(&self.single()) {
            Some(n) if n > MAX_TOP => {
                self.adjusted(format!(
                    "at most {MAX_TOP} actors are drawn; showing {MAX_TOP}"
                ));
                MAX_TOP
            }
            Some(n) => n,
            None => {
                self.notice(format!(
                    "expected a whole number of actors from 1 to {MAX_TOP}"
                ));
                DEFAULT_TOP
            }
        }
    }

    /// `open=event:ID`, `actor:ID` or `source:ID`; anything else leaves the open
    /// panel as it was (with a notice).
    fn open(&mut self, open: &mut Option<Open>) {
        match self.single().split_once(':') {
            Some(("event", id)) if !id.is_empty() => *open = Some(Open::Event(id.to_string())),
            Some(("actor", id)) if !id.is_empty() => *open = Some(Open::Actor(id.to_string())),
            Some(("source", id)) if !id.is_empty() => *open = Some(Open::Source(id.to_string())),
            _ => self.notice("expected event:ID, actor:ID or source:ID"),
        }
    }

    /// `lang=`: one of the interface's languages.
    fn lang(&mut self, lang: &mut Option<Lang>) {
        match Lang::parse(&self.single()) {
            Some(l) => *lang = Some(l),
            None => self.notice(format!(
                "expected one of {}",
                words(&Lang::ALL, Lang::as_str)
            )),
        }
    }

    /// `quote=EVENT.ACTOR.ROLE`.
    fn quote(&mut self, quote: &mut Option<QuoteRef>) {
        match QuoteRef::parse(&self.single()) {
            Some(q) => *quote = Some(q),
            None => self.notice("expected EVENT.ACTOR.ROLE, like wbsc-2017.mar.host"),
        }
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
        assert_eq!(decode_form("a%20b%2Cc"), "a b,c");
        assert_eq!(decode_form("a+b"), "a b");
        assert_eq!(decode_form("%zz"), "%zz");
        assert_eq!(decode_form("%C3"), "\u{FFFD}");
    }
}
