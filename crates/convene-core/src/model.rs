//! The `convene/1` data model: what a dataset holds once it has been loaded and
//! validated (see [`crate::load`]). These types are plain data; every rule about
//! what a valid dataset is lives in the loader.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The value of the `format` field that this crate reads and writes.
pub const FORMAT: &str = "convene/1";

/// A whole dataset: sources, actors, events and the participations that tie
/// actors to events, each citing a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// Always [`FORMAT`].
    pub format: String,
    /// Human title of the dataset, shown in the app's header.
    pub title: String,
    /// What the dataset covers.
    #[serde(default)]
    pub description: String,
    /// The dataset's own version (free text, for citations).
    #[serde(default)]
    pub version: String,
    /// The licence under which the dataset is published.
    #[serde(default)]
    pub license: String,
    /// The articles and documents the facts come from.
    pub sources: Vec<Source>,
    /// Countries, organisations and persons.
    pub actors: Vec<Actor>,
    /// Conferences, meetings, workshops.
    pub events: Vec<Event>,
    /// One row per (event, actor, role), each with its source and quote.
    pub participations: Vec<Participation>,
    /// Fields this version does not know: kept so that a round trip loses nothing.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl Dataset {
    /// Country names by ISO3 code: the name of the first country actor with each
    /// code, else the short name of ISO 3166-1 (the import's countries table,
    /// Debian iso-codes: `SEN` -> `Senegal`), in French when more of the
    /// dataset's country actors bear their French name than their English one
    /// (`Sénégal`), so that one facet does not mix the two; a code in neither
    /// has no name. The country facet, event places and the search index all
    /// name a host country this way.
    pub fn country_names(&self) -> rustc_hash::FxHashMap<&str, &str> {
        // `rev` so that the first actor with a code is the one kept.
        let mut names: rustc_hash::FxHashMap<&str, &str> = self
            .actors
            .iter()
            .rev()
            .filter(|a| a.kind == ActorKind::Country)
            .filter_map(|a| Some((a.iso3.as_deref()?, a.name.as_str())))
            .collect();
        // Imported host countries often have no country actor (issue 13: the
        // facet showed `SEN`); the table is read only when one lacks a name.
        let unnamed = |c: &Option<String>| c.as_deref().is_some_and(|c| !names.contains_key(c));
        if self.events.iter().any(|e| unnamed(&e.country)) {
            // Votes: +1 for an actor named as the table's French name, -1 for
            // its English one (a name both languages share counts for neither).
            let mut french = 0i64;
            for c in crate::countries::all_countries() {
                if let Some(&name) = names.get(c.iso3) {
                    french += i64::from(name == c.french) - i64::from(name == c.english);
                }
            }
            for c in crate::countries::all_countries() {
                names
                    .entry(c.iso3)
                    .or_insert(if french > 0 { c.french } else { c.english });
            }
        }
        names
    }
}

/// A source document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Unique slug.
    pub id: String,
    /// The document's title.
    pub title: String,
    /// Who published it, where the document names them.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Publication date, at the precision known.
    #[serde(default)]
    pub published: Option<PartialDate>,
    /// BCP 47 language tag of the text (`en`, `fr`).
    #[serde(default)]
    pub language: Option<String>,
    /// Where the document can be read, if known.
    #[serde(default)]
    pub url: Option<String>,
    /// File name of the stored copy of the text (under `data/sources/`).
    #[serde(default)]
    pub seed: Option<String>,
    /// The document's full text, inline. At most one of `text` and `text_url`
    /// is set (the loader rejects both). Quotes are checked against it
    /// ([`crate::sources`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Where the document's full text can be fetched, as a URL relative to the
    /// dataset's own URL (`sources/x.txt`), fetched when first needed. The
    /// loader accepts only a relative path that stays at or below the dataset's
    /// directory (see [`crate::load::is_relative_text_url`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_url: Option<String>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// What sort of actor this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A state.
    Country,
    /// An international or regional organisation, ministry, agency or company.
    Organization,
    /// A named person.
    Person,
}

impl ActorKind {
    /// Every kind, in display order.
    pub const ALL: [ActorKind; 3] = [
        ActorKind::Country,
        ActorKind::Organization,
        ActorKind::Person,
    ];

    /// The word used in the dataset and in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Country => "country",
            ActorKind::Organization => "organization",
            ActorKind::Person => "person",
        }
    }

    /// Parses the word used in the dataset and in URLs.
    pub fn parse(word: &str) -> Option<ActorKind> {
        ActorKind::ALL.into_iter().find(|k| k.as_str() == word)
    }
}

/// A country, organisation or person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Unique slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Country, organisation or person.
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-3 code, for countries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso3: Option<String>,
    /// Short form, for organisations (`IOM`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    /// Other names the sources use (other languages, other acronyms).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// A person's title or function, as the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// For persons: the id of the actor they belong to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Whether an event took place, according to its sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    /// A source reports it as having taken place.
    Held,
    /// A source refers to it without reporting it.
    Mentioned,
    /// A source announces it.
    Planned,
}

impl EventStatus {
    /// Every status, in display order.
    pub const ALL: [EventStatus; 3] = [
        EventStatus::Held,
        EventStatus::Mentioned,
        EventStatus::Planned,
    ];

    /// The word used in the dataset and in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Held => "held",
            EventStatus::Mentioned => "mentioned",
            EventStatus::Planned => "planned",
        }
    }

    /// Parses the word used in the dataset and in URLs.
    pub fn parse(word: &str) -> Option<EventStatus> {
        EventStatus::ALL.into_iter().find(|s| s.as_str() == word)
    }
}

/// A conference, meeting or workshop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Unique slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Held, mentioned or planned.
    pub status: EventStatus,
    /// First day, at the precision the sources support; `None` when they give no date.
    #[serde(default)]
    pub start: Option<PartialDate>,
    /// Last day, when it differs from `start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// City, as the sources name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-3 code of the host country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Building or hotel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// The recurring series this event belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// Which edition of the series ("5th", "2017"), as the sources say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Short topic tags.
    #[serde(default)]
    pub themes: Vec<String>,
    /// A summary in the dataset authors' words.
    #[serde(default)]
    pub summary: String,
    /// Ids of the sources that report the event.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// The part an actor played at an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Hosted the event (usually the host country or city's government).
    Host,
    /// Organised it.
    Organizer,
    /// Supported, sponsored or backed it.
    Supporter,
    /// Chaired or co-chaired it.
    Chair,
    /// Spoke or presented.
    Speaker,
    /// Took part.
    Participant,
    /// Attended as an observer.
    Observer,
}

impl Role {
    /// Every role, in the order used for display and for [`RoleSet`] bits.
    pub const ALL: [Role; 7] = [
        Role::Host,
        Role::Organizer,
        Role::Supporter,
        Role::Chair,
        Role::Speaker,
        Role::Participant,
        Role::Observer,
    ];

    /// The word used in the dataset and in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Host => "host",
            Role::Organizer => "organizer",
            Role::Supporter => "supporter",
            Role::Chair => "chair",
            Role::Speaker => "speaker",
            Role::Participant => "participant",
            Role::Observer => "observer",
        }
    }

    /// Parses the word used in the dataset and in URLs.
    pub fn parse(word: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == word)
    }

    /// This role's bit in a [`RoleSet`].
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The role's glyph, so that colour is never the only cue: "★" host, "◆"
    /// organiser, "▲" supporter, "■" chair, "●" speaker, "○" participant, "◌"
    /// observer. One table ([`ROLE_STYLE`]) for the app's legend, matrix and
    /// detail pages and the SVG export.
    pub fn glyph(self) -> &'static str {
        ROLE_STYLE[self as usize].1
    }

    /// The role's colour in the light theme, as `#rrggbb` (mostly the Okabe-Ito palette,
    /// safe for the common colour-vision deficiencies); the SVG export draws with
    /// it. The app's stylesheet holds the same colours (and the dark theme's) as
    /// `--role-*` custom properties, which name this table.
    pub fn colour(self) -> &'static str {
        ROLE_STYLE[self as usize].2
    }
}

/// Each role's glyph and light-theme colour, in [`Role::ALL`] order: the one
/// table behind [`Role::glyph`] and [`Role::colour`] (issue 12: it was written in
/// the app's detail page and again in the SVG export).
pub const ROLE_STYLE: [(Role, &str, &str); 7] = [
    (Role::Host, "★", "#d55e00"),
    (Role::Organizer, "◆", "#0072b2"),
    (Role::Supporter, "▲", "#009e73"),
    (Role::Chair, "■", "#cc79a7"),
    (Role::Speaker, "●", "#e69f00"),
    (Role::Participant, "○", "#56687a"),
    (Role::Observer, "◌", "#8c7b3d"),
];

/// A small set of roles (one bit per [`Role`]), as held in a matrix cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct RoleSet(pub u8);

impl RoleSet {
    /// The empty set.
    pub const EMPTY: RoleSet = RoleSet(0);

    /// Adds a role.
    pub fn insert(&mut self, role: Role) {
        self.0 |= role.bit();
    }

    /// Whether the set holds `role`.
    pub fn contains(self, role: Role) -> bool {
        self.0 & role.bit() != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The roles in the set, in [`Role::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL.into_iter().filter(move |r| self.contains(*r))
    }

    /// The roles in words, comma-separated ("host, speaker"): what a screen reader
    /// announces for a matrix cell.
    pub fn describe(self) -> String {
        self.iter().map(Role::as_str).collect::<Vec<_>>().join(", ")
    }
}

/// One actor's part in one event, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participation {
    /// Event id.
    pub event: String,
    /// Actor id.
    pub actor: String,
    /// The part played.
    pub role: Role,
    /// Id of the source that states it.
    pub source: String,
    /// The sentence or clause of the source that supports it, verbatim; `None`
    /// when the data gives no quote (allowed since spreadsheet import, issue 13:
    /// a missing quote is shown as "no quote", never invented). In JSON: absent
    /// or `null`; a present quote must not be blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Unknown fields, kept.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// An ISO 8601 calendar date at the precision known: a year, a month or a day.
///
/// Ordering compares year, then month, then day, with a missing part sorting
/// before any present one (so "2013" sorts before "2013-01").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    /// The year (four digits in the text form).
    pub year: i32,
    /// 1 to 12, when known.
    pub month: Option<u8>,
    /// 1 to the month's length, when known (only with a month).
    pub day: Option<u8>,
}

/// Why a date string is not a valid [`PartialDate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Malformed,
    /// Well formed, but no such day exists (month 13, 30 February).
    Impossible,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Malformed => f.write_str("expected a date as YYYY, YYYY-MM or YYYY-MM-DD"),
            DateError::Impossible => f.write_str("no such calendar date"),
        }
    }
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking the calendar
    /// (leap years included).
    pub fn parse(text: &str) -> Result<PartialDate, DateError> {
        let parts: Vec<&str> = text.split('-').collect();
        let widths_ok = match parts.as_slice() {
            [y] => y.len() == 4,
            [y, m] => y.len() == 4 && m.len() == 2,
            [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
            _ => false,
        };
        if !widths_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(DateError::Malformed);
        }
        let number = |s: &str| s.parse::<u32>().map_err(|_| DateError::Malformed);
        let year = number(parts[0])? as i32;
        let month = parts.get(1).map(|m| number(m)).transpose()?;
        let day = parts.get(2).map(|d| number(d)).transpose()?;
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::Impossible);
            }
            if let Some(d) = day {
                if d < 1 || d > days_in_month(year, m as u8) as u32 {
                    return Err(DateError::Impossible);
                }
            }
        }
        Ok(PartialDate {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    /// A date known to the year only.
    pub fn year(year: i32) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// Compares two dates where one may be less precise than the other, treating
    /// the less precise one as covering its whole period: `2017` and `2017-03-21`
    /// are not in order either way, so this answers `Equal`. Used to check that an
    /// event does not end before it starts.
    pub fn cmp_overlapping(&self, other: &PartialDate) -> Ordering {
        let a = (self.year, self.month, self.day);
        let b = (other.year, other.month, other.day);
        match a.0.cmp(&b.0) {
            Ordering::Equal => {}
            o => return o,
        }
        match (a.1, b.1) {
            (Some(x), Some(y)) if x != y => return x.cmp(&y),
            (Some(_), Some(_)) => {}
            _ => return Ordering::Equal,
        }
        match (a.2, b.2) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => Ordering::Equal,
        }
    }
}

/// Days in `month` (1 to 12) of `year`, by the Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PartialDate::parse(&text).map_err(|e| serde::de::Error::custom(format!("{text:?}: {e}")))
    }
}

// Statuses, kinds and roles as filter selections (`crate::query::Query`).
crate::enum_set_members!(ActorKind, EventStatus, Role);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_at_each_precision_and_print_back() {
        for text in ["2013", "2013-11", "2013-11-14", "2016-02-29"] {
            assert_eq!(PartialDate::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn malformed_and_impossible_dates_are_told_apart() {
        for text in [
            "13",
            "2013-1",
            "2013/11/14",
            "2013-11-14T00",
            "",
            "abcd",
            "2013-",
        ] {
            assert_eq!(
                PartialDate::parse(text),
                Err(DateError::Malformed),
                "{text}"
            );
        }
        for text in [
            "2013-13",
            "2013-00",
            "2013-02-29",
            "2013-04-31",
            "1900-02-29",
        ] {
            assert_eq!(
                PartialDate::parse(text),
                Err(DateError::Impossible),
                "{text}"
            );
        }
    }

    #[test]
    fn a_less_precise_date_overlaps_the_days_it_covers() {
        let year = PartialDate::parse("2017").unwrap();
        let day = PartialDate::parse("2017-03-21").unwrap();
        assert_eq!(year.cmp_overlapping(&day), Ordering::Equal);
        let earlier = PartialDate::parse("2017-03-20").unwrap();
        assert_eq!(earlier.cmp_overlapping(&day), Ordering::Less);
        assert!(year < day, "total order puts the coarser date first");
    }

    #[test]
    fn role_sets_describe_roles_in_words() {
        let mut set = RoleSet::EMPTY;
        set.insert(Role::Speaker);
        set.insert(Role::Host);
        assert_eq!(set.describe(), "host, speaker");
    }
}
