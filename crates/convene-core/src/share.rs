//! Sharing a view: the iframe snippet of an embed, the `postMessage` protocol an
//! embedded page speaks with its host, and "Cite this view" (plain text and BibTeX).
//!
//! ## The embed protocol
//!
//! Messages are JSON objects with a `type` namespaced `convene:`.
//!
//! Who may talk is [`Messaging::for_origin`]'s answer to the `origin` parameter:
//! without it, any host page (messages out go to target origin `*`); with an
//! origin, only that origin (compared as an origin: [`Origin::parse`]); with a
//! value that is not an origin, nobody: messaging is off (fail closed) and the
//! page shows a notice. It never falls back to `*` for a value it cannot read.
//!
//! Out, from an embedded Convene to `window.parent`:
//! - `{"type": "convene:resize", "height": 812}`: the content's height in CSS
//!   pixels, whenever it changes ([`resize_message`]);
//! - `{"type": "convene:view", "query": "country=EGY&embed=1"}`: the view's query
//!   string, whenever the view changes ([`view_message`]).
//!
//! In, from the host: `{"type": "convene:set-view", "query": "country=EGY"}` shows
//! that view ([`parse_incoming`], then [`set_view`]). Anything else (not JSON text
//! of an object, over [`MAX_MESSAGE_BYTES`], a `type` outside the namespace or not
//! known, a missing, non-string or over-long `query`) is rejected with a
//! [`Rejection`] that names why; the app ignores it and counts it.

use std::fmt;

use crate::enum_set::EnumSet;
use crate::view::{EmbedPart, Notice, ViewState};

/// The largest incoming message accepted: its JSON text, in bytes.
pub const MAX_MESSAGE_BYTES: usize = 8 * 1024;
/// The longest `query` a `convene:set-view` may carry, in bytes.
pub const MAX_QUERY_BYTES: usize = 4 * 1024;
/// The namespace of every message's `type`.
pub const NAMESPACE: &str = "convene:";
/// Type of the outgoing height message.
pub const RESIZE: &str = "convene:resize";
/// Type of the outgoing view message.
pub const VIEW: &str = "convene:view";
/// Type of the incoming view change.
pub const SET_VIEW: &str = "convene:set-view";

/// The embed height the dialog proposes, in CSS pixels.
pub const DEFAULT_HEIGHT: u32 = 600;
/// The smallest embed height offered.
pub const MIN_HEIGHT: u32 = 200;
/// The largest embed height offered.
pub const MAX_HEIGHT: u32 = 4000;

/// Escapes text for an HTML or XML attribute value or text node: `& < > " '`.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A height within [`MIN_HEIGHT`]..=[`MAX_HEIGHT`]; [`DEFAULT_HEIGHT`] for text
/// that is not a number.
pub fn parse_height(text: &str) -> u32 {
    match text.trim().parse::<i64>() {
        Ok(h) => h.clamp(MIN_HEIGHT as i64, MAX_HEIGHT as i64) as u32,
        Err(_) => DEFAULT_HEIGHT,
    }
}

/// The view an embed of `view` shows: the same view, embedded, keeping `parts`
/// of the chrome, with no `origin` (the host adds its own if it wants messages
/// checked).
pub fn embed_view(view: &ViewState, parts: &EnumSet<EmbedPart>) -> ViewState {
    ViewState {
        embed: true,
        embed_parts: *parts,
        origin: None,
        ..view.clone()
    }
}

/// The inverse of [`embed_view`]: the same view as a full page, for "Open in
/// Convene" links, the share menu and the printed footer: not embedded, no kept
/// chrome (`show=`), no host `origin`. Everything else (filters, view, open
/// panel, language) stays.
pub fn full_view(view: &ViewState) -> ViewState {
    ViewState {
        embed: false,
        embed_parts: EnumSet::new(),
        origin: None,
        ..view.clone()
    }
}

/// The iframe snippet for an embed: `src` is the embedded view's full URL.
/// Every attribute value is escaped; the height is clamped to the offered range.
pub fn iframe_snippet(src: &str, title: &str, height: u32) -> String {
    let height = height.clamp(MIN_HEIGHT, MAX_HEIGHT);
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height}\" \
         loading=\"lazy\" data-convene></iframe>",
        escape_html(src),
        escape_html(title)
    )
}

/// The outgoing height message, as JSON text.
pub fn resize_message(height: u32) -> String {
    serde_json::json!({ "type": RESIZE, "height": height }).to_string()
}

/// The outgoing view message, as JSON text.
pub fn view_message(query: &str) -> String {
    serde_json::json!({ "type": VIEW, "query": query }).to_string()
}

/// A valid incoming message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// Show the view of this query string.
    SetView {
        /// The query string (with or without a leading `?`).
        query: String,
    },
}

/// Why an incoming message was ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// The message data could not be serialised to JSON (a function, a cycle, `undefined`).
    NotJson,
    /// Over [`MAX_MESSAGE_BYTES`].
    TooLarge(usize),
    /// The data is not a JSON object.
    NotAnObject,
    /// No string `type` field.
    NoType,
    /// A `type` outside the `convene:` namespace (other tools' messages).
    ForeignType(String),
    /// A `convene:` type this version does not accept.
    UnknownType(String),
    /// `query` missing or not a string.
    BadQuery,
    /// `query` over [`MAX_QUERY_BYTES`].
    QueryTooLong(usize),
    /// Not sent by the embedding page (`event.source` is not `window.parent`).
    NotFromParent,
    /// Sent from an origin other than the `origin` parameter.
    WrongOrigin(String),
    /// Messaging is off: the `origin` parameter is not an origin.
    MessagingOff,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::NotJson => write!(f, "the data is not JSON-serialisable"),
            Rejection::TooLarge(n) => {
                write!(f, "the message is {n} bytes, over {MAX_MESSAGE_BYTES}")
            }
            Rejection::NotAnObject => write!(f, "the data is not an object"),
            Rejection::NoType => write!(f, "no string \"type\" field"),
            Rejection::ForeignType(t) => write!(f, "type {t:?} is not in the convene: namespace"),
            Rejection::UnknownType(t) => write!(f, "unknown type {t:?}"),
            Rejection::BadQuery => write!(f, "\"query\" is missing or not a string"),
            Rejection::QueryTooLong(n) => {
                write!(f, "the query is {n} bytes, over {MAX_QUERY_BYTES}")
            }
            Rejection::NotFromParent => write!(f, "not sent by the embedding page"),
            Rejection::WrongOrigin(o) => write!(f, "origin {o:?} is not the allowed origin"),
            Rejection::MessagingOff => {
                write!(f, "messaging is off: the origin parameter is not an origin")
            }
        }
    }
}

/// Checks an incoming message given as the JSON text of its data
/// (`JSON.stringify(event.data)`; `None` when that failed).
pub fn parse_incoming(json: Option<&str>) -> Result<Incoming, Rejection> {
    let json = json.ok_or(Rejection::NotJson)?;
    if json.len() > MAX_MESSAGE_BYTES {
        return Err(Rejection::TooLarge(json.len()));
    }
    let value: serde_json::Value = serde_json::from_str(json).map_err(|_| Rejection::NotJson)?;
    let object = value.as_object().ok_or(Rejection::NotAnObject)?;
    let kind = object
        .get("type")
        .and_then(|t| t.as_str())
        .ok_or(Rejection::NoType)?;
    if !kind.starts_with(NAMESPACE) {
        return Err(Rejection::ForeignType(truncate(kind, 64)));
    }
    match kind {
        SET_VIEW => {
            let query = object
                .get("query")
                .and_then(|q| q.as_str())
                .ok_or(Rejection::BadQuery)?;
            if query.len() > MAX_QUERY_BYTES {
                return Err(Rejection::QueryTooLong(query.len()));
            }
            Ok(Incoming::SetView {
                query: query.to_owned(),
            })
        }
        other => Err(Rejection::UnknownType(truncate(other, 64))),
    }
}

/// Checks where a message came from: it must come from the embedding page, and
/// be allowed by `messaging` (from the `origin` parameter): any sender when no
/// origin is named, only that origin (compared as origins) when one is, and none
/// when messaging is off.
pub fn check_sender(
    from_parent: bool,
    sender_origin: &str,
    messaging: &Messaging,
) -> Result<(), Rejection> {
    if let Messaging::Off { .. } = messaging {
        return Err(Rejection::MessagingOff);
    }
    if !from_parent {
        return Err(Rejection::NotFromParent);
    }
    match messaging {
        Messaging::Only(allowed) => match Origin::parse(sender_origin) {
            Ok(sender) if &sender == allowed => Ok(()),
            _ => Err(Rejection::WrongOrigin(truncate(sender_origin, 200))),
        },
        _ => Ok(()),
    }
}

/// A web origin of an `http` or `https` page, in its serialised form
/// (`https://example.org`, `http://localhost:8080`): scheme and host in lower
/// case, the port only when it is not the scheme's default (80 for `http`, 443
/// for `https`). Two origins are the same when these strings are equal, as the
/// WHATWG HTML Standard's "same origin" (scheme, host, port) says.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin(String);

/// Why a text is not an [`Origin`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginError {
    /// Empty text.
    Empty,
    /// The scheme is not `http://` or `https://` (`javascript:`, `file:`, none).
    Scheme,
    /// A user name or password (`https://user@host`).
    Userinfo,
    /// A path after the host (`https://a.org/page`); a lone trailing `/` is fine.
    Path,
    /// A query (`?…`) or fragment (`#…`).
    QueryOrFragment,
    /// The host is empty or not a host name (ASCII letters, digits, `-`, `_` in
    /// dot-separated labels), a dotted-quad IPv4 address or a bracketed IPv6 address.
    Host,
    /// The port is not a number from 0 to 65535.
    Port,
}

impl fmt::Display for OriginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OriginError::Empty => "it is empty",
            OriginError::Scheme => "it does not start with http:// or https://",
            OriginError::Userinfo => "it has a user name or password",
            OriginError::Path => "it has a path after the host",
            OriginError::QueryOrFragment => "it has a query or a fragment",
            OriginError::Host => {
                "the host is not a host name (ASCII letters, digits and hyphens;                  international names in their xn-- form) or an IP address"
            }
            OriginError::Port => "the port is not a number from 0 to 65535",
        })
    }
}

impl Origin {
    /// Parses an origin as written in a URL: `scheme://host[:port]` with an
    /// optional trailing `/`. The scheme (`http` or `https`) and host are
    /// compared without case; a default port (80 for http, 443 for https) is
    /// dropped; an empty port (`http://a.org:`) is no port, and leading zeros are
    /// read as the number (`:0080` is 80), as the WHATWG URL Standard reads them.
    ///
    /// Stricter than the URL Standard, so the answer is never a guess: anything
    /// more (a path, query, fragment, user name), other schemes, whitespace or
    /// control characters, non-ASCII or percent-encoded hosts (write them in their
    /// `xn--` form), empty labels (`a..org`, a trailing dot), and numeric hosts
    /// other than a plain dotted quad (`127.1`, `0x7f.0.0.1`, `010.0.0.1`, which
    /// the URL Standard rewrites) are errors. IPv6 addresses (`[::1]`) are
    /// serialised as the URL Standard does (lower-case hex, the first longest run
    /// of two or more zero groups as `::`).
    pub fn parse(text: &str) -> Result<Origin, OriginError> {
        if text.is_empty() {
            return Err(OriginError::Empty);
        }
        let lower = text.to_ascii_lowercase();
        let (scheme, rest, default_port) = if let Some(rest) = lower.strip_prefix("https://") {
            ("https", rest, 443)
        } else if let Some(rest) = lower.strip_prefix("http://") {
            ("http", rest, 80)
        } else {
            return Err(OriginError::Scheme);
        };
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        if authority.contains(['?', '#']) {
            return Err(OriginError::QueryOrFragment);
        }
        if authority.contains(['/', '\\']) {
            return Err(OriginError::Path);
        }
        if authority.contains('@') {
            return Err(OriginError::Userinfo);
        }
        let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
            let (inside, after) = v6.split_once(']').ok_or(OriginError::Host)?;
            let host = format!("[{}]", ipv6(inside).ok_or(OriginError::Host)?);
            match after {
                "" => (host, None),
                _ => (
                    host,
                    Some(after.strip_prefix(':').ok_or(OriginError::Host)?),
                ),
            }
        } else {
            let (host, port) = match authority.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (authority, None),
            };
            if !is_host_name(host) {
                return Err(OriginError::Host);
            }
            (host.to_owned(), port)
        };
        let port = match port {
            None | Some("") => None,
            Some(p) if p.bytes().all(|b| b.is_ascii_digit()) => {
                let digits = p.trim_start_matches('0');
                if digits.len() > 5 {
                    return Err(OriginError::Port);
                }
                let n: u32 = if digits.is_empty() {
                    0
                } else {
                    digits.parse().map_err(|_| OriginError::Port)?
                };
                if n > 65535 {
                    return Err(OriginError::Port);
                }
                (n != default_port).then_some(n)
            }
            Some(_) => return Err(OriginError::Port),
        };
        Ok(Origin(match port {
            Some(p) => format!("{scheme}://{host}:{p}"),
            None => format!("{scheme}://{host}"),
        }))
    }

    /// The serialised origin (`http://localhost:8080`): the target origin of
    /// `postMessage` and what a sender's `event.origin` is compared with.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A lower-cased host name or dotted-quad IPv4 address (see [`Origin::parse`]).
fn is_host_name(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_'))
    };
    if !labels.iter().all(label_ok) {
        return false;
    }
    // The URL Standard reads a host whose last label is numeric as an IPv4
    // address (in decimal, octal or hex, with 1 to 4 parts); accept only the
    // dotted quad it would not rewrite.
    let last = labels.last().copied().unwrap_or("");
    if last.starts_with(|c: char| c.is_ascii_digit()) {
        return labels.len() == 4
            && labels.iter().all(|l| {
                l.len() <= 3
                    && l.bytes().all(|b| b.is_ascii_digit())
                    && (l.len() == 1 || !l.starts_with('0'))
                    && l.parse::<u16>().is_ok_and(|n| n <= 255)
            });
    }
    true
}

/// An IPv6 address (without brackets) serialised as the URL Standard does, or
/// `None` when it is not one (embedded IPv4 forms and zone ids are refused).
fn ipv6(text: &str) -> Option<String> {
    if text.contains(['.', '%']) {
        return None;
    }
    let groups = text.parse::<std::net::Ipv6Addr>().ok()?.segments();
    // The first longest run of two or more zero groups becomes "::".
    let (mut best, mut best_len, mut i) = (usize::MAX, 1, 0);
    while i < 8 {
        let run = groups[i..].iter().take_while(|&&g| g == 0).count();
        if run > best_len {
            (best, best_len) = (i, run);
        }
        i += run.max(1);
    }
    let mut out = String::new();
    let mut i = 0;
    while i < 8 {
        if i == best {
            out.push_str(if i == 0 { "::" } else { ":" });
            i += best_len;
            continue;
        }
        out.push_str(&format!("{:x}", groups[i]));
        if i < 7 {
            out.push(':');
        }
        i += 1;
    }
    Some(out)
}

/// Whether and with whom an embed exchanges `postMessage`s, from its `origin`
/// parameter ([`Messaging::for_origin`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Messaging {
    /// No `origin` parameter: any host page; messages out go to target `*`.
    Any,
    /// Only this origin: messages out go to it, messages in must come from it.
    Only(Origin),
    /// The `origin` parameter is not an origin: no message out, every message in
    /// ignored (fail closed), and the page shows [`Messaging::notice`].
    Off {
        /// The parameter as written.
        value: String,
        /// Why it is not an origin.
        error: OriginError,
    },
}

impl Messaging {
    /// The messaging an `origin` parameter (`ViewState::origin`) allows.
    pub fn for_origin(origin: Option<&str>) -> Messaging {
        match origin {
            None => Messaging::Any,
            Some(text) => match Origin::parse(text) {
                Ok(origin) => Messaging::Only(origin),
                Err(error) => Messaging::Off {
                    value: text.to_owned(),
                    error,
                },
            },
        }
    }

    /// The target origin for `postMessage`: `*`, the origin, or `None` when
    /// messaging is off (never `*` for an `origin` that could not be read).
    pub fn target(&self) -> Option<&str> {
        match self {
            Messaging::Any => Some("*"),
            Messaging::Only(origin) => Some(origin.as_str()),
            Messaging::Off { .. } => None,
        }
    }

    /// What the page says when messaging is off:
    /// `Ignored origin=…: not an origin (…); messages with the host page are off`.
    pub fn notice(&self) -> Option<Notice> {
        match self {
            Messaging::Off { value, error } => Some(Notice {
                param: "origin".to_owned(),
                value: truncate(value, 200),
                message: format!(
                    "not an origin like https://example.org ({error}); \
                     messages with the host page are off"
                ),
                adjusted: false,
            }),
            _ => None,
        }
    }
}

/// The view a `convene:set-view` asks for, read like any URL (malformed values
/// become notices), keeping the embed settings of `current`: a host can change
/// what the frame shows, not whether it is embedded, its chrome, its origin or its
/// language (which the frame sets once, when it loads).
pub fn set_view(current: &ViewState, query: &str) -> (ViewState, Vec<Notice>) {
    let (asked, notices) = ViewState::from_query(query);
    let view = ViewState {
        embed: current.embed,
        embed_parts: current.embed_parts,
        origin: current.origin.clone(),
        lang: current.lang,
        ..asked
    };
    (view, notices)
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// What "Cite this view" cites: the view's permalink, the dataset, and the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The permalink of the view.
    pub url: String,
    /// The dataset's title.
    pub title: String,
    /// The dataset's version (may be empty).
    pub version: String,
    /// The day the view was consulted: (year, month 1-12, day 1-31).
    pub accessed: (i32, u32, u32),
}

impl Citation {
    fn date(&self) -> String {
        let (y, m, d) = self.accessed;
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// One line of plain text:
    /// `Security cooperation meetings (seed), version 1.0.0. Convene. https://… (accessed 2024-05-01).`
    pub fn plain_text(&self) -> String {
        let version = if self.version.trim().is_empty() {
            String::new()
        } else {
            format!(", version {}", self.version.trim())
        };
        format!(
            "{}{version}. Convene. {} (accessed {}).",
            self.title.trim(),
            self.url,
            self.date()
        )
    }

    /// A BibTeX `@misc` entry. Text fields are escaped for (La)TeX; the URL keeps
    /// its characters except braces and backslashes, which are percent-encoded, so
    /// the entry always balances.
    pub fn bibtex(&self) -> String {
        let (y, m, d) = self.accessed;
        let key = format!("convene-{y:04}{m:02}{d:02}");
        let url = bibtex_url(&self.url);
        let mut out = format!(
            "@misc{{{key},\n  title = {{{{{}}}}},\n",
            escape_bibtex(self.title.trim())
        );
        if !self.version.trim().is_empty() {
            out.push_str(&format!(
                "  version = {{{}}},\n",
                escape_bibtex(self.version.trim())
            ));
        }
        out.push_str(&format!(
            "  howpublished = {{Convene}},\n  url = {{{url}}},\n  year = {{{y:04}}},\n  urldate = {{{}}},\n  note = {{Accessed {}}}\n}}\n",
            self.date(),
            self.date()
        ));
        out
    }
}

/// A URL for a BibTeX `url` field: braces and backslashes percent-encoded, so the
/// entry always balances; every other character kept.
fn bibtex_url(url: &str) -> String {
    url.chars()
        .map(|c| match c {
            '{' => "%7B".to_owned(),
            '}' => "%7D".to_owned(),
            '\\' => "%5C".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

/// What "Cite" on one participation cites: the fact in words, its quote, its
/// source (title, publisher, date, URL) and the permalink that shows the quote in
/// its source. Built with [`ParticipationCitation::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipationCitation {
    /// The fact in words, one sentence without the final period:
    /// `Morocco took part as host in World Border Security Congress 2017 (2017-03-21 to 2017-03-23)`.
    pub fact: String,
    /// The quote, verbatim; `None` for imported rows that give none (never invented).
    pub quote: Option<String>,
    /// The source's title.
    pub source_title: String,
    /// The source's publisher, when known.
    pub source_publisher: Option<String>,
    /// The source's publication date (ISO 8601 at its precision), when known.
    pub source_published: Option<String>,
    /// The source's own URL, when known.
    pub source_url: Option<String>,
    /// Key for BibTeX: `convene-EVENT-ACTOR-ROLE`, slug characters only.
    pub key: String,
    /// The permalink (the app's URL showing the quote in its source).
    pub permalink: String,
    /// The day of consultation: (year, month 1-12, day 1-31).
    pub accessed: (i32, u32, u32),
}

impl ParticipationCitation {
    /// The citation of participation `participation` (index in
    /// `Dataset::participations`); names fall back to ids when the actor, event
    /// or source is missing from the dataset. `None` for an index out of range.
    pub fn new(
        dataset: &crate::model::Dataset,
        participation: usize,
        permalink: &str,
        accessed: (i32, u32, u32),
    ) -> Option<ParticipationCitation> {
        let p = dataset.participations.get(participation)?;
        let actor = dataset
            .actors
            .iter()
            .find(|a| a.id == p.actor)
            .map_or(p.actor.as_str(), |a| a.name.as_str());
        let event = dataset.events.iter().find(|e| e.id == p.event);
        let event_name = event.map_or(p.event.as_str(), |e| e.name.as_str());
        let when = match event.map(|e| (e.start, e.end)) {
            Some((Some(start), Some(end))) if end != start => format!(" ({start} to {end})"),
            Some((Some(start), _)) => format!(" ({start})"),
            _ => " (undated)".to_owned(),
        };
        let source = dataset.sources.iter().find(|s| s.id == p.source);
        let slug = |t: &str| -> String {
            t.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect()
        };
        Some(ParticipationCitation {
            fact: format!(
                "{actor} took part as {} in {event_name}{when}",
                p.role.as_str()
            ),
            quote: p.quote.as_deref().map(|q| q.trim().to_owned()),
            source_title: source.map_or(p.source.clone(), |s| s.title.clone()),
            source_publisher: source.and_then(|s| s.publisher.clone()),
            source_published: source.and_then(|s| s.published.map(|d| d.to_string())),
            source_url: source.and_then(|s| s.url.clone()),
            key: format!(
                "convene-{}-{}-{}",
                slug(&p.event),
                slug(&p.actor),
                p.role.as_str()
            ),
            permalink: permalink.to_owned(),
            accessed,
        })
    }

    fn accessed_date(&self) -> String {
        let (y, m, d) = self.accessed;
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// The source in words: `Title. Publisher, 2016-12-20. https://…` (parts
    /// absent from the dataset left out).
    fn source_words(&self) -> String {
        let mut out = self.source_title.trim().trim_end_matches('.').to_owned();
        out.push('.');
        let by: Vec<&str> = [
            self.source_publisher.as_deref(),
            self.source_published.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !by.is_empty() {
            out.push_str(&format!(" {}.", by.join(", ")));
        }
        if let Some(url) = &self.source_url {
            out.push_str(&format!(" {url}"));
        }
        out
    }

    /// The quote in curly quotes, or "none given" for a row without one.
    fn quote_words(&self) -> String {
        match &self.quote {
            Some(q) => format!("“{q}”"),
            None => "none given".to_owned(),
        }
    }

    /// Plain text, four lines: the fact, the quote, the source, the permalink.
    ///
    /// ```text
    /// Morocco took part as host in World Border Security Congress 2017 (2017-03-21 to 2017-03-23).
    /// Quote: “Morocco will host …”
    /// Source: Morocco to Host World Border Security Congress. 2016-12-20.
    /// Convene: https://…?open=source:…&quote=… (accessed 2026-11-30).
    /// ```
    pub fn plain_text(&self) -> String {
        format!(
            "{}.\nQuote: {}\nSource: {}\nConvene: {} (accessed {}).",
            self.fact,
            self.quote_words(),
            self.source_words(),
            self.permalink,
            self.accessed_date()
        )
    }

    /// A BibTeX `@misc` entry: the fact as title, the quote and source in `note`,
    /// the permalink as `url` (escaped as in [`Citation::bibtex`]).
    pub fn bibtex(&self) -> String {
        let (y, _, _) = self.accessed;
        let date = self.accessed_date();
        format!(
            "@misc{{{},\n  title = {{{{{}}}}},\n  howpublished = {{Convene}},\n  note = {{Quote: {}. Source: {}}},\n  url = {{{}}},\n  year = {{{y:04}}},\n  urldate = {{{date}}}\n}}\n",
            self.key,
            escape_bibtex(&self.fact),
            match &self.quote {
                Some(q) => format!("``{}''", escape_bibtex(q)),
                None => "none given".to_owned(),
            },
            escape_bibtex(&self.source_words()),
            bibtex_url(&self.permalink),
        )
    }
}

/// Escapes text for a BibTeX field: TeX's special characters become their
/// commands, so braces always balance and nothing is read as markup.
pub fn escape_bibtex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '%' => out.push_str("\\%"),
            '&' => out.push_str("\\&"),
            '$' => out.push_str("\\$"),
            '#' => out.push_str("\\#"),
            '_' => out.push_str("\\_"),
            '^' => out.push_str("\\^{}"),
            '~' => out.push_str("\\~{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_escapes_url_and_title_in_attributes() {
        let s = iframe_snippet(
            "https://x.org/c/?q=a%20b&embed=1\"><script>",
            "Convene: \"A\" & <B> 'c'",
            600,
        );
        assert!(s.starts_with(
            "<iframe src=\"https://x.org/c/?q=a%20b&amp;embed=1&quot;&gt;&lt;script&gt;\""
        ));
        assert!(s.contains("title=\"Convene: &quot;A&quot; &amp; &lt;B&gt; &#39;c&#39;\""));
        assert!(s.contains("width=\"100%\""));
        assert!(s.contains("height=\"600\""));
        assert!(s.contains("loading=\"lazy\""));
        assert!(!s.contains("<script"));
    }

    #[test]
    fn heights_are_bounded() {
        assert_eq!(parse_height("800"), 800);
        assert_eq!(parse_height(" 10 "), MIN_HEIGHT);
        assert_eq!(parse_height("-5"), MIN_HEIGHT);
        assert_eq!(parse_height("999999999999"), MAX_HEIGHT);
        assert_eq!(parse_height("tall"), DEFAULT_HEIGHT);
        assert_eq!(parse_height(""), DEFAULT_HEIGHT);
        assert!(iframe_snippet("u", "t", 1).contains(&format!("height=\"{MIN_HEIGHT}\"")));
        assert!(iframe_snippet("u", "t", 100_000).contains(&format!("height=\"{MAX_HEIGHT}\"")));
    }

    #[test]
    fn embed_view_keeps_the_view_and_sets_the_parts() {
        let (view, _) = ViewState::from_query("country=EGY&view=matrix&origin=https%3A%2F%2Fa.org");
        let parts: EnumSet<_> = [EmbedPart::Search, EmbedPart::Views].into();
        let e = embed_view(&view, &parts);
        assert_eq!(
            e.to_query(),
            "country=EGY&view=matrix&embed=1&show=search,views"
        );
        assert_eq!(
            embed_view(&view, &EnumSet::new()).to_query(),
            "country=EGY&view=matrix&embed=1"
        );
    }

    #[test]
    fn outgoing_messages_are_json_objects() {
        let r: serde_json::Value = serde_json::from_str(&resize_message(812)).unwrap();
        assert_eq!(
            r,
            serde_json::json!({"type": "convene:resize", "height": 812})
        );
        let v: serde_json::Value = serde_json::from_str(&view_message("q=\"x\"&embed=1")).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"type": "convene:view", "query": "q=\"x\"&embed=1"})
        );
    }

    #[test]
    fn a_set_view_message_is_accepted() {
        assert_eq!(
            parse_incoming(Some(
                r#"{"type":"convene:set-view","query":"country=EGY","extra":1}"#
            )),
            Ok(Incoming::SetView {
                query: "country=EGY".into()
            })
        );
    }

    #[test]
    fn malformed_messages_are_rejected_with_a_reason() {
        assert_eq!(parse_incoming(None), Err(Rejection::NotJson));
        assert_eq!(parse_incoming(Some("{nope")), Err(Rejection::NotJson));
        assert_eq!(
            parse_incoming(Some("\"convene:set-view\"")),
            Err(Rejection::NotAnObject)
        );
        assert_eq!(parse_incoming(Some("[1,2]")), Err(Rejection::NotAnObject));
        assert_eq!(parse_incoming(Some("null")), Err(Rejection::NotAnObject));
        assert_eq!(parse_incoming(Some("{}")), Err(Rejection::NoType));
        assert_eq!(
            parse_incoming(Some(r#"{"type":3}"#)),
            Err(Rejection::NoType)
        );
        assert_eq!(
            parse_incoming(Some(r#"{"type":"setView","query":""}"#)),
            Err(Rejection::ForeignType("setView".into()))
        );
        assert_eq!(
            parse_incoming(Some(r#"{"type":"convene:explode"}"#)),
            Err(Rejection::UnknownType("convene:explode".into()))
        );
        assert_eq!(
            parse_incoming(Some(r#"{"type":"convene:set-view"}"#)),
            Err(Rejection::BadQuery)
        );
        assert_eq!(
            parse_incoming(Some(r#"{"type":"convene:set-view","query":["a"]}"#)),
            Err(Rejection::BadQuery)
        );
        // Outgoing types are not accepted back in.
        assert!(matches!(
            parse_incoming(Some(&resize_message(3))),
            Err(Rejection::UnknownType(_))
        ));
    }

    #[test]
    fn size_limits_hold() {
        let long = "q=".to_owned() + &"a".repeat(MAX_QUERY_BYTES);
        let msg = serde_json::json!({"type": SET_VIEW, "query": long}).to_string();
        assert_eq!(
            parse_incoming(Some(&msg)),
            Err(Rejection::QueryTooLong(long.len()))
        );
        let exact = "a".repeat(MAX_QUERY_BYTES);
        let msg = serde_json::json!({"type": SET_VIEW, "query": exact}).to_string();
        assert!(parse_incoming(Some(&msg)).is_ok());
        let huge = serde_json::json!({"type": SET_VIEW, "query": "", "pad": "x".repeat(MAX_MESSAGE_BYTES)}).to_string();
        assert_eq!(
            parse_incoming(Some(&huge)),
            Err(Rejection::TooLarge(huge.len()))
        );
    }

    #[test]
    fn senders_are_checked() {
        let any = Messaging::for_origin(None);
        let only = Messaging::for_origin(Some("https://a.org"));
        assert_eq!(check_sender(true, "https://a.org", &any), Ok(()));
        assert_eq!(check_sender(true, "https://a.org", &only), Ok(()));
        assert_eq!(
            check_sender(false, "https://a.org", &any),
            Err(Rejection::NotFromParent)
        );
        assert_eq!(
            check_sender(true, "https://b.org", &only),
            Err(Rejection::WrongOrigin("https://b.org".into()))
        );
        assert_eq!(
            check_sender(true, "null", &only),
            Err(Rejection::WrongOrigin("null".into()))
        );
        let off = Messaging::for_origin(Some("https://a.org/path"));
        assert_eq!(
            check_sender(true, "https://a.org", &off),
            Err(Rejection::MessagingOff)
        );
    }

    /// Issue 17: `origin=http://LOCALHOST:8080` ignored the host at
    /// `http://localhost:8080`: origins were compared as strings.
    #[test]
    fn origin_is_compared_as_an_origin_not_a_string() {
        let only = Messaging::for_origin(Some("http://LOCALHOST:8080"));
        assert_eq!(only.target(), Some("http://localhost:8080"));
        assert_eq!(check_sender(true, "http://localhost:8080", &only), Ok(()));
        for (written, serialised) in [
            ("HTTPS://Example.ORG", "https://example.org"),
            ("https://example.org/", "https://example.org"),
            ("https://example.org:443", "https://example.org"),
            ("https://example.org:443/", "https://example.org"),
            ("http://example.org:80", "http://example.org"),
            ("http://example.org:0080", "http://example.org"),
            ("http://example.org:", "http://example.org"),
            ("http://example.org:443", "http://example.org:443"),
            ("https://example.org:80", "https://example.org:80"),
            ("https://example.org:8443", "https://example.org:8443"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("http://[::1]:8080", "http://[::1]:8080"),
            ("http://[0:0:0:0:0:0:0:1]", "http://[::1]"),
            (
                "http://[2001:DB8:0:0:1:0:0:1]",
                "http://[2001:db8::1:0:0:1]",
            ),
            (
                "http://[2001:db8:0:1:1:1:1:1]",
                "http://[2001:db8:0:1:1:1:1:1]",
            ),
            ("http://[::]", "http://[::]"),
            ("http://[1::]", "http://[1::]"),
            (
                "https://xn--bcher-kva.example",
                "https://xn--bcher-kva.example",
            ),
            ("http://my_host.local", "http://my_host.local"),
            ("http://a.org:65535", "http://a.org:65535"),
        ] {
            assert_eq!(
                Origin::parse(written).map(|o| o.as_str().to_owned()),
                Ok(serialised.to_owned()),
                "{written}"
            );
        }
    }

    #[test]
    fn what_is_not_an_origin_turns_messaging_off() {
        for (written, error) in [
            ("", OriginError::Empty),
            ("example.org", OriginError::Scheme),
            ("javascript:alert(1)", OriginError::Scheme),
            ("ftp://example.org", OriginError::Scheme),
            ("http:example.org", OriginError::Scheme),
            ("*", OriginError::Scheme),
            ("null", OriginError::Scheme),
            (" https://a.org", OriginError::Scheme),
            ("https://a.org/path", OriginError::Path),
            ("https://a.org//", OriginError::Path),
            ("https://a.org\\", OriginError::Path),
            ("https://a.org/?x=1", OriginError::QueryOrFragment),
            ("https://a.org#top", OriginError::QueryOrFragment),
            ("https://user:pw@a.org", OriginError::Userinfo),
            ("https://", OriginError::Host),
            ("https://:443", OriginError::Host),
            ("https://a..org", OriginError::Host),
            ("https://a.org.", OriginError::Host),
            ("https://bücher.example", OriginError::Host),
            ("https://a%2Eorg", OriginError::Host),
            ("https://a.org ", OriginError::Host),
            ("https://a.org: 80", OriginError::Port),
            ("https://a b.org", OriginError::Host),
            ("http://127.1", OriginError::Host),
            ("http://0x7f.0.0.1", OriginError::Host),
            ("http://010.0.0.1", OriginError::Host),
            ("http://1.2.3.256", OriginError::Host),
            ("http://123", OriginError::Host),
            ("http://[::1", OriginError::Host),
            ("http://[::ffff:1.2.3.4]", OriginError::Host),
            ("http://[fe80::1%25eth0]", OriginError::Host),
            ("http://[::1]x", OriginError::Host),
            ("http://a.org:65536", OriginError::Port),
            ("http://a.org:8o", OriginError::Port),
            ("http://a.org:-1", OriginError::Port),
        ] {
            assert_eq!(Origin::parse(written), Err(error), "{written:?}");
            let messaging = Messaging::for_origin(Some(written));
            assert_eq!(messaging.target(), None, "{written:?}: never *");
            let notice = messaging.notice().unwrap_or_else(|| panic!("{written:?}"));
            assert_eq!(notice.param, "origin");
            assert!(notice
                .to_string()
                .contains("messages with the host page are off"));
        }
        assert_eq!(Messaging::for_origin(None).target(), Some("*"));
        assert_eq!(Messaging::for_origin(None).notice(), None);
    }

    #[test]
    fn set_view_keeps_the_embed_settings_and_reports_bad_values() {
        let (current, _) = ViewState::from_query("embed=1&show=search&origin=https%3A%2F%2Fa.org");
        let (view, notices) = set_view(
            &current,
            "?country=EGY&view=matrix&embed=0&show=header&years=zz",
        );
        assert!(view.embed);
        assert_eq!(view.embed_parts, [EmbedPart::Search].into());
        assert_eq!(view.origin.as_deref(), Some("https://a.org"));
        assert_eq!(view.countries, ["EGY".to_owned()].into());
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].param, "years");
    }

    fn citation() -> Citation {
        Citation {
            url: "https://x.org/c/?q=50%25{x}&country=EGY".into(),
            title: "Meetings & {friends} 100% #1 $x_y^2~\\".into(),
            version: "1.0.0".into(),
            accessed: (2024, 5, 7),
        }
    }

    #[test]
    fn plain_citation_names_title_version_url_and_date() {
        assert_eq!(
            Citation { title: "Seed".into(), ..citation() }.plain_text(),
            "Seed, version 1.0.0. Convene. https://x.org/c/?q=50%25{x}&country=EGY (accessed 2024-05-07)."
        );
        let unversioned = Citation {
            title: "Seed".into(),
            version: " ".into(),
            ..citation()
        };
        assert!(unversioned.plain_text().starts_with("Seed. Convene."));
    }

    #[test]
    fn bibtex_escapes_specials_and_balances_braces() {
        let b = citation().bibtex();
        assert!(b.starts_with("@misc{convene-20240507,\n"));
        assert!(b.contains(
            "title = {{Meetings \\& \\{friends\\} 100\\% \\#1 \\$x\\_y\\^{}2\\~{}\\textbackslash{}}}"
        ));
        assert!(b.contains("version = {1.0.0}"));
        assert!(b.contains("url = {https://x.org/c/?q=50%25%7Bx%7D&country=EGY}"));
        assert!(b.contains("urldate = {2024-05-07}"));
        assert!(b.contains("year = {2024}"));
        // Braces balance (escaped ones excepted), and never go negative.
        let mut depth = 0i32;
        let mut prev = ' ';
        for c in b.chars() {
            if prev != '\\' {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            assert!(depth >= 0);
            prev = c;
        }
        assert_eq!(depth, 0);
        assert!(b.trim_end().ends_with('}'));
    }
}
