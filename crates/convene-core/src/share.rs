//! Sharing a view: the iframe snippet of an embed, the `postMessage` protocol an
//! embedded page speaks with its host, and "Cite this view" (plain text and BibTeX).
//!
//! ## The embed protocol
//!
//! Messages are JSON objects with a `type` namespaced `convene:`.
//!
//! Out, from an embedded Convene to `window.parent` (target origin: the `origin`
//! parameter when given, else `*`):
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

use std::collections::BTreeSet;
use std::fmt;

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
pub fn embed_view(view: &ViewState, parts: &BTreeSet<EmbedPart>) -> ViewState {
    ViewState {
        embed: true,
        embed_parts: parts.clone(),
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
/// from `allowed` when the view names an origin.
pub fn check_sender(
    from_parent: bool,
    sender_origin: &str,
    allowed: Option<&str>,
) -> Result<(), Rejection> {
    if !from_parent {
        return Err(Rejection::NotFromParent);
    }
    match allowed {
        Some(allowed) if allowed != sender_origin => {
            Err(Rejection::WrongOrigin(truncate(sender_origin, 200)))
        }
        _ => Ok(()),
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
        embed_parts: current.embed_parts.clone(),
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
        let url: String = self
            .url
            .chars()
            .map(|c| match c {
                '{' => "%7B".to_owned(),
                '}' => "%7D".to_owned(),
                '\\' => "%5C".to_owned(),
                c => c.to_string(),
            })
            .collect();
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
        let parts: BTreeSet<_> = [EmbedPart::Search, EmbedPart::Views].into();
        let e = embed_view(&view, &parts);
        assert_eq!(
            e.to_query(),
            "country=EGY&view=matrix&embed=1&show=search,views"
        );
        assert_eq!(
            embed_view(&view, &BTreeSet::new()).to_query(),
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
        assert_eq!(check_sender(true, "https://a.org", None), Ok(()));
        assert_eq!(
            check_sender(true, "https://a.org", Some("https://a.org")),
            Ok(())
        );
        assert_eq!(
            check_sender(false, "https://a.org", None),
            Err(Rejection::NotFromParent)
        );
        assert_eq!(
            check_sender(true, "https://b.org", Some("https://a.org")),
            Err(Rejection::WrongOrigin("https://b.org".into()))
        );
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
