//! Opening people's own data (issue 13): convene/1 JSON, or spreadsheets
//! exported as CSV/TSV, turned into a convene/1 [`Dataset`] with a report of
//! every problem, located by row and column.
//!
//! The steps, each usable on its own by the UI:
//! 1. [`open`]: bytes (one or several files, or pasted text) → text
//!    ([`encoding`]: UTF-8 only, other encodings named), then JSON (loaded by
//!    [`crate::load`]) or [`table::Table`]s with a sniffed delimiter;
//! 2. [`mapping::Mapping::guess`]: which column is which field, and whether a
//!    sheet lists participations, events or actors; [`mapping::preview`];
//! 3. [`import`]: rows → dataset. Actors and events are merged by folded name
//!    ([`crate::search::fold`]) or by id; countries get their ISO 3166-1
//!    alpha-3 code ([`vocab::Countries`]); ids are generated as unique slugs.
//!    Every row with a problem is reported ([`RowProblem`]); the import either
//!    stops there or, with [`Options::skip_problem_rows`], leaves those rows out
//!    and counts them. Nothing is dropped silently;
//! 4. [`to_convene_json`]: the dataset as a convene/1 document.
//!
//! # What imported data may lack, and what it then says
//! - no role: read as `participant` (counted in [`Report::roles_defaulted`]);
//! - no quote: `None`, shown as "no quote", never invented;
//! - no source: the participation cites the file itself (a source titled with
//!   the file's name): the spreadsheet is the claim's only provenance;
//! - no actor kind: `country` when the name is a country's (by name, not by a
//!   two-letter code: `AU` may be the African Union), else `organization`
//!   (counted in [`Report::kinds_defaulted`]);
//! - no status: `held` (a row naming who took part in what role reports the
//!   event as having happened; counted in [`Report::statuses_defaulted`]).

pub mod dates;
pub use crate::text_bytes as encoding;
pub mod mapping;
pub mod table;
pub mod vocab;

use rustc_hash::FxHashMap as HashMap;
use std::fmt;

use crate::load::{LoadError, LoadErrors, Problem};
use crate::model::{
    Actor, ActorKind, Dataset, Event, EventStatus, PartialDate, Participation, Role, Source, FORMAT,
};
use dates::{parse_date, parse_date_range, DateProblem};
use encoding::EncodingError;
use mapping::{Field, Mapping, SheetKind};
use table::Table;
use vocab::{Countries, Country};

/// One file (or pasted text) to open.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The file's name (`meetings.csv`), or "pasted data": used to pick JSON or
    /// TSV by extension, to guess a sheet's kind, and in messages.
    pub name: &'a str,
    /// The file's bytes, as read.
    pub bytes: &'a [u8],
}

/// A spreadsheet table with its guessed mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The cells.
    pub table: Table,
    /// Which column is which field (the UI may change it).
    pub mapping: Mapping,
    /// Rows with only blank cells, left out (counted, not silent).
    pub blank_rows: usize,
}

/// What [`open`] found.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Opened {
    /// A convene/1 document, loaded and validated.
    Dataset(Dataset),
    /// Spreadsheet tables, to map and [`import`].
    Sheets(Vec<Sheet>),
}

/// Why [`open`] could not read the inputs.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenError {
    /// A file is not UTF-8.
    Encoding {
        /// The file's name.
        file: String,
        /// What it is instead.
        error: EncodingError,
    },
    /// A JSON file is not valid convene/1 (every problem, with its path).
    Json {
        /// The file's name.
        file: String,
        /// The loader's errors.
        errors: LoadErrors,
    },
    /// A JSON document opened together with other files: a convene/1 document
    /// is a whole dataset and cannot be joined to spreadsheets.
    JsonWithOthers {
        /// The JSON file's name.
        file: String,
    },
    /// A web page (HTML), not a table: what a link to a login, an error or a
    /// file's preview page returns.
    Html {
        /// The file's name.
        file: String,
    },
    /// A file with no header row.
    Empty {
        /// The file's name.
        file: String,
    },
    /// No input at all.
    Nothing,
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Encoding { file, error } => write!(f, "{file}: {error}"),
            OpenError::Json { file, errors } => {
                write!(f, "{file} is not valid convene/1 ({} problem{}):", errors.len(), if errors.len() == 1 { "" } else { "s" })?;
                for e in errors {
                    write!(f, "\n{e}")?;
                }
                // A JSON list of records (an export of rows) is a spreadsheet
                // in another form: say which form Convene reads it in.
                let is_list = |e: &LoadError| {
                    e.path.is_empty()
                        && matches!(e.problem, Problem::WrongType { found: "an array", .. })
                };
                if errors.iter().any(is_list) {
                    f.write_str("\na list of records is not a convene/1 document: save the rows as CSV (one row per participation, a header row naming the columns) and open that")?;
                }
                Ok(())
            }
            OpenError::JsonWithOthers { file } => write!(
                f,
                "{file} is a convene/1 document, a whole dataset: open it alone, not with spreadsheets"
            ),
            OpenError::Html { file } => write!(f, "{file} is a web page (HTML), not data: a link that gives one leads to a page (a sign-in, an error or a preview of the file), not to the file itself"),
            OpenError::Empty { file } => write!(f, "{file} is empty: expected a header row, then data rows"),
            OpenError::Nothing => f.write_str("no data to open"),
        }
    }
}

impl std::error::Error for OpenError {}

/// Whether a text is JSON: its first non-blank character is `{` or `[`, or
/// its name ends in `.json`.
pub fn is_json(name: &str, text: &str) -> bool {
    let first = text.trim_start().chars().next();
    matches!(first, Some('{') | Some('['))
        || (first.is_none() && name.to_ascii_lowercase().ends_with(".json"))
}

/// Reads the inputs: one convene/1 JSON document, or one or more CSV/TSV
/// tables (a first line `sep=;`, as Excel writes it, names the delimiter and
/// is skipped, see [`table::split_sep_line`]; else a `.tsv` name reads as
/// tab-separated; otherwise the delimiter is sniffed, see
/// [`table::sniff_delimiter`]), each with its guessed mapping.
pub fn open(inputs: &[Input<'_>]) -> Result<Opened, OpenError> {
    if inputs.is_empty() {
        return Err(OpenError::Nothing);
    }
    let mut sheets = Vec::new();
    for input in inputs {
        let text = encoding::decode(input.bytes).map_err(|error| OpenError::Encoding {
            file: input.name.to_string(),
            error,
        })?;
        if is_json(input.name, text) {
            if inputs.len() > 1 {
                return Err(OpenError::JsonWithOthers {
                    file: input.name.to_string(),
                });
            }
            return crate::load::load(text)
                .map(Opened::Dataset)
                .map_err(|errors| OpenError::Json {
                    file: input.name.to_string(),
                    errors,
                });
        }
        if is_html(text) {
            return Err(OpenError::Html {
                file: input.name.to_string(),
            });
        }
        // Excel's `sep=;` line names the delimiter (and is not data). A `.tsv`
        // whose first line has no tab is read by what it holds (a CSV renamed).
        let first_line = text.lines().next().unwrap_or("");
        let (delimiter, text) = match table::split_sep_line(text) {
            Some((delimiter, rest)) => (delimiter, rest),
            None if input.name.to_ascii_lowercase().ends_with(".tsv")
                && first_line.contains('\t') =>
            {
                (b'\t', text)
            }
            None => (table::sniff_delimiter(text), text),
        };
        let (table, blank_rows) = Table::read(input.name, text, delimiter);
        if table.headers.iter().all(|h| h.is_empty()) {
            return Err(OpenError::Empty {
                file: input.name.to_string(),
            });
        }
        let mapping = Mapping::guess(&table);
        sheets.push(Sheet {
            table,
            mapping,
            blank_rows,
        });
    }
    Ok(Opened::Sheets(sheets))
}

/// Whether `text` is a web page: it starts (after blanks) with `<!DOCTYPE
/// html` or `<html`, in any case, as the HTML standard's MIME sniffing reads
/// a page's first tag.
fn is_html(text: &str) -> bool {
    let start = text.trim_start().as_bytes();
    let starts =
        |tag: &[u8]| start.len() >= tag.len() && start[..tag.len()].eq_ignore_ascii_case(tag);
    starts(b"<!doctype html") || starts(b"<html")
}

/// Why a "Link to data" URL is refused ([`check_data_url`]). `Display` gives the
/// English message; the app words it in the page's language
/// (`i18n::Key::link_refusal`). Each variant carries the link as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkRefusal {
    /// A plain `http:` link: nothing guards the data on the way.
    Http(String),
    /// A `data:`, `javascript:` or `blob:` link (second field: the scheme): its
    /// content comes from no site the "Data from HOST" banner could name.
    Refused(String, String),
    /// Another scheme (`ftp:`, `file:`…; second field: the scheme): a link, but
    /// not one the app fetches.
    Unsupported(String, String),
    /// Not a link at all (`my data.csv`, `C:\data\a.csv`).
    NotALink(String),
    /// An `https:` link without a host (`https:///a.csv`).
    NoHost(String),
}

impl fmt::Display for LinkRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkRefusal::Http(url) => {
                write!(f, "{url:?}: plain http links are refused; use an https:// link")
            }
            LinkRefusal::Refused(url, scheme) => write!(
                f,
                "{url:?}: {scheme}: links are refused; use an https:// link to a file on a web site"
            ),
            LinkRefusal::Unsupported(url, scheme) => write!(
                f,
                "{url:?}: {scheme}: links are not supported; use an https:// link to a file on a web site"
            ),
            LinkRefusal::NotALink(url) => write!(
                f,
                "{url:?} is not a link; use an https:// link to a file on a web site"
            ),
            LinkRefusal::NoHost(url) => write!(f, "{url:?} names no host"),
        }
    }
}

/// Checks a "Link to data" URL (and `?data=` pointing at another site):
/// only `https:` links to another host are fetched; `http:` (no integrity on
/// the way), `data:`, `javascript:` and `blob:` (content not from a site the
/// banner could name) and anything else are refused ([`LinkRefusal`]). Returns
/// the host, lower-cased, for the "Data from HOST" banner.
///
/// ```
/// use convene_core::import::{check_data_url, LinkRefusal};
/// assert_eq!(check_data_url("https://example.org/a.csv"), Ok("example.org".to_string()));
/// assert!(check_data_url("http://example.org/a.csv").unwrap_err().to_string().contains("https"));
/// assert!(matches!(check_data_url("javascript:alert(1)"), Err(LinkRefusal::Refused(..))));
/// ```
pub fn check_data_url(url: &str) -> Result<String, LinkRefusal> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let scheme = lower.split_once(':').map_or("", |(s, _)| s);
    let link = url.to_string();
    match scheme {
        "https" => {}
        "http" => return Err(LinkRefusal::Http(link)),
        "data" | "javascript" | "blob" => return Err(LinkRefusal::Refused(link, scheme.into())),
        // A scheme (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`)
        // that is not one of the above: a link, but not one the app fetches.
        s if s.len() > 1
            && s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            return Err(LinkRefusal::Unsupported(link, scheme.into()))
        }
        _ => return Err(LinkRefusal::NotALink(link)),
    }
    let rest = &url[scheme.len() + 1..];
    let host = rest
        .strip_prefix("//")
        .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""))
        .map(|h| h.rsplit('@').next().unwrap_or(h))
        .unwrap_or("");
    if host.is_empty() {
        return Err(LinkRefusal::NoHost(link));
    }
    Ok(host.to_ascii_lowercase())
}

/// How to import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Leave out the rows that have problems (they are listed and counted in
    /// the report); when false, any problem means no dataset.
    pub skip_problem_rows: bool,
    /// The dataset's title; by default "Data from " and the file names.
    pub title: Option<String>,
}

/// What is wrong with one row.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// No event name or id on a row that needs one.
    NoEvent,
    /// No actor name or id on a row that needs one.
    NoActor,
    /// No event on a row whose event cells are all empty, below a row that
    /// gives one: a sheet that writes each event on its first row only,
    /// "filled down" by the eye. Not filled in (the import does not guess
    /// what an empty cell means); the message names the row above.
    NoEventBelow {
        /// The last row above that gives an event.
        above: usize,
    },
    /// A role outside [`Role::ALL`]; a suggestion when one is near.
    UnknownRole(Option<Role>),
    /// An actor kind that is not a known word; a suggestion when one is near.
    UnknownKind(Option<ActorKind>),
    /// An event status that is not a known word; a suggestion when one is near.
    UnknownStatus(Option<EventStatus>),
    /// A country not recognised (by English or French name or ISO code).
    UnknownCountry(Option<&'static str>),
    /// A date that cannot be read.
    Date(DateProblem),
    /// The end date differs from the end of the range the start cell gives
    /// (`21-23 March 2017` beside an end of `2017-03-24`).
    EndNotRangeEnd {
        /// The range's end, as read.
        range_end: String,
    },
    /// The end date is before the start date.
    EndBeforeStart {
        /// The start, as read.
        start: String,
    },
    /// The same event (or actor) was given another value on an earlier row.
    Conflict {
        /// The event's or actor's name.
        record: String,
        /// The row that gave the first value.
        first_row: usize,
        /// The first value.
        first: String,
    },
    /// The same (event, actor, role) as an earlier row.
    DuplicateParticipation {
        /// The earlier row.
        first_row: usize,
    },
    /// An event name that the events sheet does not list (opened with one):
    /// a misspelt join would otherwise make a second event; the closest name
    /// listed, when one is near.
    UnknownEvent(Option<String>),
    /// Several countries named in one actor cell (`Maroc, Espagne`): how many.
    SeveralActors(usize),
    /// An actor name that the actors sheet does not list (opened with one),
    /// and that is not a country's; the closest name listed, when one is near.
    UnknownActor(Option<String>),
    /// An event id that no events-sheet row (or earlier row) defines.
    UnknownEventId,
    /// An actor id that no actors-sheet row (or earlier row) defines.
    UnknownActorId,
    /// An event or actor id whose own row, in the events or actors sheet, has
    /// problems (so it defines nothing): names that row, not "unknown id".
    IdOnProblemRow {
        /// `"event"` or `"actor"`.
        record: &'static str,
        /// The defining sheet's file name, when several files were imported.
        file: Option<String>,
        /// The defining row's number (header = 1).
        row: usize,
    },
    /// A quote opens the cell and is never closed: the cell runs to the end of
    /// the file, swallowing the rows below.
    UnclosedQuote {
        /// The line breaks inside the cell (the lines it swallowed).
        lines: usize,
    },
    /// More cells than the header has columns (an unquoted delimiter?).
    ExtraCells {
        /// Cells on the row.
        cells: usize,
        /// Columns in the header.
        columns: usize,
    },
}

/// One problem, located: the file (when several were opened), the row as a
/// spreadsheet numbers it (the header is row 1), and the column's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The file's name, when several files were imported together.
    pub file: Option<String>,
    /// The row's number (header = 1).
    pub row: usize,
    /// The column's header, as written in the file.
    pub column: Option<String>,
    /// The offending cell, trimmed.
    pub value: Option<String>,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}, ")?;
        }
        write!(f, "row {}", self.row)?;
        if let Some(column) = &self.column {
            write!(f, ", column {column:?}")?;
        }
        f.write_str(": ")?;
        let value = self.value.as_deref().unwrap_or("");
        let mean = |f: &mut fmt::Formatter<'_>, word: Option<&str>| match word {
            Some(w) => write!(f, "; did you mean {w}?)"),
            None => f.write_str(")"),
        };
        match &self.kind {
            ProblemKind::NoEvent => f.write_str("no event"),
            ProblemKind::NoActor => f.write_str("no actor"),
            ProblemKind::SeveralActors(n) => write!(
                f,
                "{n} countries in one cell ({value:?}): write one actor per row, each with its role"
            ),
            ProblemKind::NoEventBelow { above } => write!(
                f,
                "no event (if it is the event of row {above} above, write it on every row: empty cells are not filled in)"
            ),
            ProblemKind::UnknownRole(s) => {
                let words: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
                write!(f, "unknown role {value:?} (expected {}", words.join(", "))?;
                mean(f, s.map(Role::as_str))
            }
            ProblemKind::UnknownKind(s) => {
                write!(f, "unknown actor kind {value:?} (expected country, organization or person")?;
                mean(f, s.map(ActorKind::as_str))
            }
            ProblemKind::UnknownStatus(s) => {
                write!(f, "unknown status {value:?} (expected held, mentioned or planned")?;
                mean(f, s.map(EventStatus::as_str))
            }
            ProblemKind::UnknownCountry(s) => {
                write!(f, "unknown country {value:?} (expected an English or French name, or an ISO 3166 code")?;
                mean(f, *s)
            }
            ProblemKind::Date(p) => write!(f, "date {value:?}: {p}"),
            ProblemKind::EndNotRangeEnd { range_end } => write!(
                f,
                "end {value:?} is not the end of the range in the start's cell ({range_end})"
            ),
            ProblemKind::EndBeforeStart { start } => {
                write!(f, "end {value:?} is before the start {start}")
            }
            ProblemKind::Conflict {
                record,
                first_row,
                first,
            } => write!(
                f,
                "{record:?} is given {value:?} here but {first:?} on row {first_row}"
            ),
            ProblemKind::DuplicateParticipation { first_row } => write!(
                f,
                "same event, actor and role as row {first_row}"
            ),
            ProblemKind::UnknownEvent(near) | ProblemKind::UnknownActor(near) => {
                let (record, sheet) = match self.kind {
                    ProblemKind::UnknownEvent(_) => ("event", "events"),
                    _ => ("actor", "actors"),
                };
                write!(f, "unknown {record} {value:?} (not in the {sheet} sheet")?;
                match near {
                    Some(name) => write!(f, "; did you mean {name:?}?)"),
                    None => f.write_str(")"),
                }
            }
            ProblemKind::UnknownEventId => write!(f, "unknown event id {value:?} (not in the events sheet)"),
            ProblemKind::UnknownActorId => write!(f, "unknown actor id {value:?} (not in the actors sheet)"),
            ProblemKind::IdOnProblemRow { record, file, row } => {
                write!(f, "{record} id {value:?} is defined on a row with problems (")?;
                if let Some(file) = file {
                    write!(f, "{file}, ")?;
                }
                write!(f, "row {row}); fix that row, or skip both")
            }
            ProblemKind::UnclosedQuote { lines } => write!(
                f,
                "a quote (\") opens this cell and is never closed, so the cell runs to the end of the file ({lines} more line{}); close the quote, or double it (\"\") if it is part of the text",
                if *lines == 1 { "" } else { "s" }
            ),
            ProblemKind::ExtraCells { cells, columns } => write!(
                f,
                "{cells} cells but the header has {columns} columns (a delimiter inside a cell that is not quoted?)"
            ),
        }
    }
}

/// What an import did: every problem, what was skipped, what was made, and
/// what was read by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Why a sheet cannot be imported ("no column for the actor", "no data
    /// rows under the header"); when not empty, nothing was imported.
    pub mapping_problems: Vec<String>,
    /// Every row problem, in file and row order.
    pub problems: Vec<RowProblem>,
    /// Data rows read, over all sheets.
    pub rows_read: usize,
    /// Rows imported.
    pub rows_imported: usize,
    /// Rows left out for their problems: (file, row number). Empty when the
    /// import stopped instead ([`Options::skip_problem_rows`] false).
    pub rows_skipped: Vec<(String, usize)>,
    /// Rows of blank cells, left out.
    pub blank_rows: usize,
    /// Events, actors, sources and participations made.
    pub events: usize,
    /// See [`Report::events`].
    pub actors: usize,
    /// See [`Report::events`].
    pub sources: usize,
    /// See [`Report::events`].
    pub participations: usize,
    /// Participations with no role given, read as participant.
    pub roles_defaulted: usize,
    /// Actors with no kind given (country by name, else organization).
    pub kinds_defaulted: usize,
    /// Events with no status given, read as held.
    pub statuses_defaulted: usize,
    /// Participations without a quote.
    pub quotes_missing: usize,
}

impl Report {
    /// How many rows have a problem: [`Report::problems`] counted once per
    /// row (a row may have several).
    pub fn problem_rows(&self) -> usize {
        let mut last = None;
        let mut rows = 0;
        for p in &self.problems {
            let at = (p.file.as_deref(), p.row);
            if last != Some(at) {
                rows += 1;
                last = Some(at);
            }
        }
        rows
    }

    /// The summary's counts, in [`SUMMARY_COUNTS`]' order: rows read, imported,
    /// skipped, blank; events, actors, participations; participations whose role
    /// was read as `participant`; participations without a quote; events whose
    /// status was read as `held`; actors with no kind given (read as a
    /// country by name, else as an organization). The page words
    /// them in its language (`i18n::Key::ImportSummary`); they cross from the
    /// worker as these numbers.
    pub fn summary_counts(&self) -> [usize; SUMMARY_LEN] {
        [
            self.rows_read,
            self.rows_imported,
            self.rows_skipped.len(),
            self.blank_rows,
            self.events,
            self.actors,
            self.participations,
            self.roles_defaulted,
            self.quotes_missing,
            self.statuses_defaulted,
            self.kinds_defaulted,
        ]
    }
}

/// How many counts [`Report::summary_counts`] gives.
pub const SUMMARY_LEN: usize = 11;

/// The placeholders of `i18n::Key::ImportSummary`, in [`Report::summary_counts`]' order.
pub const SUMMARY_COUNTS: [&str; SUMMARY_LEN] = [
    "read",
    "imported",
    "skipped",
    "blank",
    "events",
    "actors",
    "participations",
    "roles",
    "quotes",
    "statuses",
    "kinds",
];

/// The result of [`import`].
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The dataset, valid convene/1; `None` when the mapping or (unless
    /// skipped) a row has a problem, or when every row was skipped.
    pub dataset: Option<Dataset>,
    /// What happened.
    pub report: Report,
}

/// A cell's country: (by name or code, by name only).
type CountryHits = (Option<Country>, Option<Country>);

/// A value with the row that first gave it.
type Slot<T> = Option<(T, usize)>;

#[derive(Default)]
struct EventDraft {
    name: String,
    given_id: Option<String>,
    status: Slot<EventStatus>,
    start: Slot<PartialDate>,
    end: Slot<PartialDate>,
    city: Slot<String>,
    country: Slot<&'static str>,
    venue: Slot<String>,
    series: Slot<String>,
    summary: Slot<String>,
    themes: Vec<String>,
    sources: Vec<usize>,
}

struct ActorDraft {
    name: String,
    /// The name is the country table's, the rows so far naming it by code
    /// (`USA`): the first row that writes a name gives it instead.
    name_from_code: bool,
    given_id: Option<String>,
    kind: Slot<ActorKind>,
    iso3: Option<&'static str>,
    acronym: Slot<String>,
}

struct SourceDraft {
    title: String,
    url: Option<String>,
}

/// One row's reading, before it is committed (nothing of a row with a problem
/// reaches the dataset).
#[derive(Default)]
struct RowEvent {
    existing: Option<usize>,
    name: String,
    id: Option<String>,
    status: Option<EventStatus>,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    city: Option<String>,
    country: Option<&'static str>,
    venue: Option<String>,
    series: Option<String>,
    summary: Option<String>,
    themes: Vec<String>,
}

struct RowActor {
    existing: Option<usize>,
    name: String,
    /// `name` is the country table's, the cell being a code.
    name_from_code: bool,
    id: Option<String>,
    kind: Option<ActorKind>,
    iso3: Option<&'static str>,
    acronym: Option<String>,
}

struct Builder<'c> {
    countries: &'c Countries,
    events: Vec<EventDraft>,
    event_by_id: HashMap<String, usize>,
    event_by_name: HashMap<String, usize>,
    /// The same as `event_by_name`, by the cell's text as written: most rows
    /// repeat a name exactly, and this spares folding it (a third of the time
    /// of a 100k-row import went to folding).
    event_by_raw: HashMap<String, usize>,
    actors: Vec<ActorDraft>,
    actor_by_id: HashMap<String, usize>,
    actor_by_key: HashMap<String, usize>,
    /// `actor_by_key`'s name entries by the cell's text as written.
    actor_by_raw: HashMap<String, usize>,
    /// Actors by their acronym, folded: a participation may name an actor by
    /// the acronym its actors-sheet row (or an earlier row) gives.
    actor_by_acronym: HashMap<String, usize>,
    /// Country lookups by cell text: (any name or code, names only).
    country_cache: std::cell::RefCell<HashMap<String, CountryHits>>,
    sources: Vec<SourceDraft>,
    source_by_key: HashMap<String, usize>,
    parts: Vec<(usize, usize, Role, usize, Option<String>)>,
    triples: HashMap<(usize, usize, Role), usize>,
    has_events_sheet: bool,
    has_actors_sheet: bool,
    /// How many more "did you mean" searches over the joined sheet's names
    /// may run ([`NEAR_NAME_SEARCHES`]).
    near_name_searches: std::cell::Cell<usize>,
    /// Ids given on events- or actors-sheet rows that had problems, with the
    /// (file, row) of the first such row: a participation naming one is told
    /// where the id's own row is, instead of "unknown id".
    rejected_event_ids: HashMap<String, (Option<String>, usize)>,
    rejected_actor_ids: HashMap<String, (Option<String>, usize)>,
    report: Report,
}

/// The cells of one row under a mapping, with the problems found so far.
struct Cells<'r> {
    row: table::Row<'r>,
    mapping: &'r Mapping,
    headers: &'r [String],
    file: Option<&'r str>,
    problems: Vec<RowProblem>,
}

impl<'r> Cells<'r> {
    /// The cell as written.
    fn raw(&self, field: Field) -> &'r str {
        self.mapping.column(field).map_or("", |c| self.row.get(c))
    }

    /// The cell as the spreadsheet shows it: a link formula exported as its
    /// formula (`=HYPERLINK("https://…","Title")`) reads as its shown text.
    fn get(&self, field: Field) -> &'r str {
        let cell = self.raw(field);
        match table::hyperlink(cell) {
            Some((link, text)) => text.unwrap_or(link).trim(),
            None => cell,
        }
    }

    /// The link a cell gives: a link formula's target, else the cell.
    fn link(&self, field: Field) -> &'r str {
        let cell = self.raw(field);
        table::hyperlink(cell).map_or(cell, |(link, _)| link.trim())
    }

    fn problem(&mut self, field: Option<Field>, kind: ProblemKind) {
        let column = field.and_then(|f| self.mapping.column(f));
        self.problems.push(RowProblem {
            file: self.file.map(str::to_string),
            row: self.row.number,
            column: column.map(|c| self.headers[c].clone()),
            value: column.map(|c| self.row.get(c).to_string()),
            kind,
        });
    }

    fn opt(&self, field: Field) -> Option<String> {
        let v = self.get(field);
        (!v.is_empty()).then(|| v.to_string())
    }

    /// A date cell that may hold a range (`21-23 March 2017`): its start, and
    /// its end when it is a range.
    fn date_range(&mut self, field: Field) -> (Option<PartialDate>, Option<PartialDate>) {
        let text = self.get(field);
        if text.is_empty() {
            return (None, None);
        }
        match parse_date_range(text) {
            Ok((start, end)) => (Some(start), end),
            Err(p) => {
                self.problem(Some(field), ProblemKind::Date(p));
                (None, None)
            }
        }
    }

    fn date(&mut self, field: Field) -> Option<PartialDate> {
        let text = self.get(field);
        if text.is_empty() {
            return None;
        }
        match parse_date(text) {
            Ok(d) => Some(d),
            Err(p) => {
                self.problem(Some(field), ProblemKind::Date(p));
                None
            }
        }
    }
}

/// Compares a new value with the one an earlier row gave.
fn check_slot<T: PartialEq + fmt::Display>(
    cells: &mut Cells<'_>,
    field: Field,
    record: &str,
    slot: &Slot<T>,
    new: Option<&T>,
) {
    if let (Some((old, first_row)), Some(new)) = (slot, new) {
        if old != new {
            cells.problem(
                Some(field),
                ProblemKind::Conflict {
                    record: record.to_string(),
                    first_row: *first_row,
                    first: old.to_string(),
                },
            );
        }
    }
}

/// [`check_slot`] for a text: the same words in other capitals, accents,
/// spacing or dashes (`marrakech`, `Marrakech`) are no conflict, and the first
/// row's spelling stays.
fn check_text_slot(
    cells: &mut Cells<'_>,
    field: Field,
    record: &str,
    slot: &Slot<String>,
    new: Option<&String>,
) {
    let same =
        matches!((slot, new), (Some((old, _)), Some(new)) if vocab::key(old) == vocab::key(new));
    if !same {
        check_slot(cells, field, record, slot, new);
    }
}

fn set_slot<T>(slot: &mut Slot<T>, value: Option<T>, row: usize) {
    if slot.is_none() {
        if let Some(v) = value {
            *slot = Some((v, row));
        }
    }
}

/// A title line above the table (`Counter-terrorism meetings 2015-2020`, as
/// report exports write one) makes that line the header: one named cell over
/// rows of several cells. When the mapping then fails, this says why and what
/// to do; the import does not guess which later line holds the column names.
/// `None` when the header has more than one named cell, or no row below has
/// more cells than it.
fn title_above_header(t: &Table) -> Option<String> {
    let named = t.headers.iter().filter(|h| !h.is_empty()).count();
    if named != 1 {
        return None;
    }
    let widest = (0..t.len().min(20))
        .map(|i| t.row(i))
        .map(|r| {
            (0..r.len())
                .filter(|&c| !r.get(c).trim().is_empty())
                .count()
        })
        .max()?;
    (widest > 1).then(|| {
        let title = t.headers.iter().find(|h| !h.is_empty()).map_or("", String::as_str);
        format!(
            "{}: row 1 holds one cell ({title:?}) and the rows below hold up to {widest}: if the column names are on a later line (a title above the table), delete the lines above them and open the file again",
            t.name
        )
    })
}

/// How many unknown names in a join get a "did you mean" (each compares the
/// name with every name of the joined sheet: a file whose joins all miss, 100k
/// rows against 5k names, would take minutes); later ones are reported
/// without a suggestion.
const NEAR_NAME_SEARCHES: usize = 500;

/// The name among `names` closest to `name` (folded, a few edits), for a
/// "did you mean" on a join that found nothing.
fn closest_name<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Option<String> {
    let names: Vec<(&str, String)> = names.map(|n| (n, vocab::key(n))).collect();
    let near = vocab::closest(&vocab::key(name), names.iter().map(|(_, k)| k.as_str()))?;
    names
        .iter()
        .find(|(_, k)| k == near)
        .map(|(n, _)| n.to_string())
}

/// Themes in one cell: split on `;`, `,`, `|`, a ` / ` between spaces and line
/// breaks (a list typed with Alt+Enter in a spreadsheet cell).
fn split_themes(text: &str) -> Vec<String> {
    text.split([';', ',', '|', '\n', '\r'])
        // A slash between spaces separates too (`migration / mobility`); one
        // inside a word does not (`counter-terrorism/CVE`, `9/11`).
        .flat_map(|t| t.split(" / "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

impl Builder<'_> {
    /// Whether one more "did you mean" search may run (and counts it).
    fn near_name_search(&self) -> bool {
        let left = self.near_name_searches.get();
        self.near_name_searches.set(left.saturating_sub(1));
        left > 0
    }

    /// The country a cell names: (by name or code, by name only), cached.
    fn country(&self, text: &str) -> CountryHits {
        if let Some(found) = self.country_cache.borrow().get(text) {
            return *found;
        }
        let found = (self.countries.find(text), self.countries.find_by_name(text));
        self.country_cache
            .borrow_mut()
            .insert(text.to_string(), found);
        found
    }

    fn read_event(&self, cells: &mut Cells<'_>, required: bool) -> Option<RowEvent> {
        let id = cells.opt(Field::EventId);
        let name = cells.opt(Field::Event);
        let mut existing = None;
        if let Some(id) = &id {
            existing = self.event_by_id.get(id).copied();
            if existing.is_none() && name.is_none() && self.has_events_sheet && required {
                let kind = match self.rejected_event_ids.get(id) {
                    Some((file, row)) => ProblemKind::IdOnProblemRow {
                        record: "event",
                        file: file.clone(),
                        row: *row,
                    },
                    None => ProblemKind::UnknownEventId,
                };
                cells.problem(Some(Field::EventId), kind);
                return None;
            }
        }
        if existing.is_none() {
            if let Some(n) = &name {
                // An event column may hold the events sheet's ids, as the
                // actor column may hold the actors sheet's.
                existing = self
                    .event_by_raw
                    .get(n.as_str())
                    .or_else(|| self.event_by_name.get(&vocab::key(n)))
                    .or_else(|| self.event_by_id.get(n.as_str()))
                    .copied();
            }
        }
        if let (None, Some(n), None) = (existing, &name, &id) {
            if self.has_events_sheet && cells.mapping.kind == SheetKind::Participations {
                let near = self
                    .near_name_search()
                    .then(|| closest_name(n, self.events.iter().map(|e| e.name.as_str())));
                let near = near.flatten();
                cells.problem(Some(Field::Event), ProblemKind::UnknownEvent(near));
                return None;
            }
        }
        let Some(name) = name.or_else(|| id.clone()) else {
            if required {
                cells.problem(None, ProblemKind::NoEvent);
            }
            return None;
        };
        let mut ev = RowEvent {
            existing,
            name,
            id,
            ..RowEvent::default()
        };
        let status = cells.get(Field::Status);
        if !status.is_empty() {
            match vocab::parse_status(status) {
                Ok(s) => ev.status = Some(s),
                Err(s) => cells.problem(Some(Field::Status), ProblemKind::UnknownStatus(s)),
            }
        }
        let start_field = if cells.mapping.column(Field::Start).is_some() {
            Field::Start
        } else {
            Field::Date
        };
        // The start cell may hold a whole range (`21-23 March 2017`).
        let (start, range_end) = cells.date_range(start_field);
        ev.start = start;
        ev.end = cells.date(Field::End);
        let mut end_field = Field::End;
        match (ev.end, range_end) {
            (Some(end), Some(range_end)) if end != range_end => cells.problem(
                Some(Field::End),
                ProblemKind::EndNotRangeEnd {
                    range_end: range_end.to_string(),
                },
            ),
            (None, Some(range_end)) => {
                ev.end = Some(range_end);
                end_field = start_field;
            }
            _ => {}
        }
        if let (Some(s), Some(e)) = (ev.start, ev.end) {
            if e.cmp_overlapping(&s).is_lt() {
                cells.problem(
                    Some(end_field),
                    ProblemKind::EndBeforeStart {
                        start: s.to_string(),
                    },
                );
            }
        }
        let country = cells.get(Field::Country);
        if !country.is_empty() {
            match self.country(country).0 {
                Some(c) => ev.country = Some(c.iso3),
                None => {
                    let s = self.countries.suggest(country).map(|c| c.english);
                    cells.problem(Some(Field::Country), ProblemKind::UnknownCountry(s));
                }
            }
        }
        ev.city = cells.opt(Field::City);
        ev.venue = cells.opt(Field::Venue);
        ev.series = cells.opt(Field::Series);
        ev.summary = cells.opt(Field::Summary);
        ev.themes = split_themes(cells.get(Field::Themes));
        if let Some(i) = existing {
            let d = &self.events[i];
            let name = d.name.clone();
            if let (Some(given), Some(id)) = (&d.given_id, &ev.id) {
                if given != id {
                    let first = d.start.map_or(0, |s| s.1);
                    cells.problem(
                        Some(Field::EventId),
                        ProblemKind::Conflict {
                            record: name.clone(),
                            first_row: first,
                            first: given.clone(),
                        },
                    );
                }
            }
            let old = d.status.map(|(s, r)| (s.as_str(), r));
            check_slot(
                cells,
                Field::Status,
                &name,
                &old,
                ev.status.map(EventStatus::as_str).as_ref(),
            );
            check_slot(cells, start_field, &name, &d.start, ev.start.as_ref());
            check_slot(cells, end_field, &name, &d.end, ev.end.as_ref());
            check_text_slot(cells, Field::City, &name, &d.city, ev.city.as_ref());
            check_slot(
                cells,
                Field::Country,
                &name,
                &d.country,
                ev.country.as_ref(),
            );
            check_text_slot(cells, Field::Venue, &name, &d.venue, ev.venue.as_ref());
            check_text_slot(cells, Field::Series, &name, &d.series, ev.series.as_ref());
            check_text_slot(
                cells,
                Field::Summary,
                &name,
                &d.summary,
                ev.summary.as_ref(),
            );
        }
        Some(ev)
    }

    fn commit_event(&mut self, ev: RowEvent, row: usize) -> usize {
        let i = match ev.existing {
            Some(i) => i,
            None => {
                self.events.push(EventDraft {
                    name: ev.name.clone(),
                    ..EventDraft::default()
                });
                let i = self.events.len() - 1;
                self.event_by_name.entry(vocab::key(&ev.name)).or_insert(i);
                self.event_by_raw.entry(ev.name.clone()).or_insert(i);
                i
            }
        };
        let d = &mut self.events[i];
        if let Some(id) = ev.id {
            if d.given_id.is_none() {
                d.given_id = Some(id.clone());
            }
            self.event_by_id.entry(id).or_insert(i);
        }
        let d = &mut self.events[i];
        set_slot(&mut d.status, ev.status, row);
        set_slot(&mut d.start, ev.start, row);
        set_slot(&mut d.end, ev.end, row);
        set_slot(&mut d.city, ev.city, row);
        set_slot(&mut d.country, ev.country, row);
        set_slot(&mut d.venue, ev.venue, row);
        set_slot(&mut d.series, ev.series, row);
        set_slot(&mut d.summary, ev.summary, row);
        for t in ev.themes {
            // Exact text first: rows repeat their event's themes as written.
            if !d.themes.contains(&t) && !d.themes.iter().any(|x| vocab::key(x) == vocab::key(&t)) {
                d.themes.push(t);
            }
        }
        i
    }

    fn read_actor(&self, cells: &mut Cells<'_>, required: bool) -> Option<RowActor> {
        let id = cells.opt(Field::ActorId);
        let name = cells.opt(Field::Actor);
        let mut existing = None;
        if let Some(id) = &id {
            existing = self.actor_by_id.get(id).copied();
            if existing.is_none() && name.is_none() && self.has_actors_sheet && required {
                let kind = match self.rejected_actor_ids.get(id) {
                    Some((file, row)) => ProblemKind::IdOnProblemRow {
                        record: "actor",
                        file: file.clone(),
                        row: *row,
                    },
                    None => ProblemKind::UnknownActorId,
                };
                cells.problem(Some(Field::ActorId), kind);
                return None;
            }
        }
        let Some(name) = name.or_else(|| id.clone()) else {
            if required {
                cells.problem(None, ProblemKind::NoActor);
            }
            return None;
        };
        // "Maroc, Espagne": several countries in one cell would become one
        // actor of that name. Only when every part is a country's name: an
        // organisation's name may hold a comma ("Ministry of Interior, Morocco").
        const SEPARATORS: [char; 3] = [',', ';', '/'];
        if existing.is_none() && name.contains(SEPARATORS) && self.country(&name).1.is_none() {
            let parts: Vec<&str> = name.split(SEPARATORS).map(str::trim).collect();
            if parts.iter().all(|p| self.country(p).1.is_some()) {
                cells.problem(Some(Field::Actor), ProblemKind::SeveralActors(parts.len()));
                return None;
            }
        }
        let kind_text = cells.get(Field::ActorKind);
        let mut kind = None;
        if !kind_text.is_empty() {
            match vocab::parse_kind(kind_text) {
                Ok(k) => kind = Some(k),
                Err(s) => {
                    cells.problem(Some(Field::ActorKind), ProblemKind::UnknownKind(s));
                    return None;
                }
            }
        }
        let country: Option<Country> = match kind {
            Some(ActorKind::Country) => {
                let c = self.country(&name).0;
                if c.is_none() {
                    let s = self.countries.suggest(&name).map(|c| c.english);
                    cells.problem(Some(Field::Actor), ProblemKind::UnknownCountry(s));
                    return None;
                }
                c
            }
            None => self.country(&name).1,
            Some(_) => None,
        };
        // A name that is only a code ("FRA") is shown as the country's name
        // (until a row writes one: see `commit_actor`).
        let name_from_code = country.is_some_and(|c| {
            name.eq_ignore_ascii_case(c.iso3) || name.eq_ignore_ascii_case(c.alpha2)
        });
        let name = match country {
            Some(c) if name_from_code => c.english.to_string(),
            _ => name,
        };
        if existing.is_none() {
            existing = country
                .and_then(|c| self.actor_by_key.get(&format!("iso:{}", c.iso3)))
                .or_else(|| {
                    self.actor_by_raw
                        .get(name.as_str())
                        .or_else(|| self.actor_by_key.get(&vocab::key(&name)))
                })
                .or_else(|| self.actor_by_acronym.get(&vocab::key(&name)))
                .or_else(|| self.actor_by_id.get(name.as_str()))
                .copied();
            if existing.is_none()
                && country.is_none()
                && id.is_none()
                && self.has_actors_sheet
                && cells.mapping.kind == SheetKind::Participations
            {
                let near = self
                    .near_name_search()
                    .then(|| closest_name(&name, self.actors.iter().map(|a| a.name.as_str())));
                let near = near.flatten();
                cells.problem(Some(Field::Actor), ProblemKind::UnknownActor(near));
                return None;
            }
        }
        let actor = RowActor {
            existing,
            name,
            name_from_code,
            id,
            kind: kind.or(country.map(|_| ActorKind::Country)),
            iso3: country.map(|c| c.iso3),
            acronym: cells.opt(Field::Acronym),
        };
        if let Some(i) = existing {
            let d = &self.actors[i];
            let record = d.name.clone();
            let kind = kind.or(country.map(|_| ActorKind::Country));
            let old = d.kind.map(|(k, r)| (k.as_str(), r));
            check_slot(
                cells,
                Field::ActorKind,
                &record,
                &old,
                kind.map(ActorKind::as_str).as_ref(),
            );
            check_slot(
                cells,
                Field::Acronym,
                &record,
                &d.acronym,
                actor.acronym.as_ref(),
            );
        }
        Some(actor)
    }

    fn commit_actor(&mut self, a: RowActor, row: usize, kind_given: bool) -> usize {
        let i = match a.existing {
            Some(i) => i,
            None => {
                self.actors.push(ActorDraft {
                    name: a.name.clone(),
                    name_from_code: a.name_from_code,
                    given_id: None,
                    kind: None,
                    iso3: a.iso3,
                    acronym: None,
                });
                let i = self.actors.len() - 1;
                self.actor_by_key.entry(vocab::key(&a.name)).or_insert(i);
                self.actor_by_raw.entry(a.name.clone()).or_insert(i);
                if let Some(iso3) = a.iso3 {
                    self.actor_by_key.entry(format!("iso:{iso3}")).or_insert(i);
                }
                i
            }
        };
        if let Some(id) = a.id {
            if self.actors[i].given_id.is_none() {
                self.actors[i].given_id = Some(id.clone());
            }
            self.actor_by_id.entry(id).or_insert(i);
        }
        // (Only a row that names the country: a participations row may give
        // an actors sheet's id in the actor column.)
        if self.actors[i].name_from_code && !a.name_from_code && a.iso3.is_some() {
            // `USA` on an earlier row, `United States of America` on this one:
            // the name as the sheet writes it.
            self.actors[i].name = a.name.clone();
            self.actors[i].name_from_code = false;
            self.actor_by_key.entry(vocab::key(&a.name)).or_insert(i);
            self.actor_by_raw.entry(a.name).or_insert(i);
        }
        let d = &mut self.actors[i];
        if kind_given || d.kind.is_none() {
            set_slot(&mut d.kind, a.kind, row);
        }
        set_slot(&mut d.acronym, a.acronym, row);
        if let Some((acronym, _)) = &d.acronym {
            self.actor_by_acronym
                .entry(vocab::key(acronym))
                .or_insert(i);
        }
        i
    }

    fn source_for(&mut self, cells: &Cells<'_>, file: &str) -> usize {
        let text = cells.get(Field::Source);
        let mut url = cells.link(Field::SourceUrl);
        // A titled link in the source column gives the source's link too.
        if let (true, Some((link, Some(_)))) =
            (url.is_empty(), table::hyperlink(cells.raw(Field::Source)))
        {
            url = link.trim();
        }
        // The cells as written, to spare folding a title that repeats exactly.
        let raw = format!("raw:{text}\u{0}{url}");
        if let Some(&i) = self.source_by_key.get(&raw) {
            return i;
        }
        let is_url = |s: &str| s.starts_with("https://") || s.starts_with("http://");
        let (key, title, url) = if text.is_empty() && url.is_empty() {
            (format!("file:{file}"), file.to_string(), None)
        } else if text.is_empty() || is_url(text) {
            let u = if text.is_empty() { url } else { text };
            (format!("url:{u}"), u.to_string(), Some(u.to_string()))
        } else {
            let url = (!url.is_empty()).then(|| url.to_string());
            (
                format!(
                    "title:{}|{}",
                    vocab::key(text),
                    url.as_deref().unwrap_or("")
                ),
                text.to_string(),
                url,
            )
        };
        if let Some(&i) = self.source_by_key.get(&key) {
            self.source_by_key.insert(raw, i);
            return i;
        }
        // One document under its link alone and under a title with that link
        // (a row that left the title out): one source, titled. A link-only row
        // after the titled one finds it above, under the `url:` key that the
        // titled source registers below; a titled row after a link-only one
        // gives that source its title here.
        let url_key = url.as_ref().map(|u| format!("url:{u}"));
        if let Some(&i) = url_key.as_ref().and_then(|k| self.source_by_key.get(k)) {
            let source = &mut self.sources[i];
            if source.url.as_deref() == Some(source.title.as_str()) {
                source.title = title;
                self.source_by_key.insert(key, i);
                self.source_by_key.insert(raw, i);
                return i;
            }
        }
        self.sources.push(SourceDraft { title, url });
        let i = self.sources.len() - 1;
        self.source_by_key.insert(key, i);
        self.source_by_key.insert(raw, i);
        if let Some(k) = url_key {
            self.source_by_key.entry(k).or_insert(i);
        }
        i
    }
}

/// Imports spreadsheet sheets into a convene/1 dataset.
///
/// Sheets are read events sheets first, then actors sheets, then
/// participations sheets, so that participation rows can name an event or an
/// actor by the id an events or actors sheet gives it. Within a sheet, rows are
/// read in order; a row with any problem contributes nothing. See the module
/// docs for defaults. The dataset, when made, passes [`crate::load::validate`].
pub fn import(sheets: &[Sheet], options: &Options) -> Import {
    let countries = Countries::new();
    let mut b = Builder {
        countries: &countries,
        events: Vec::new(),
        event_by_id: HashMap::default(),
        event_by_name: HashMap::default(),
        event_by_raw: HashMap::default(),
        actors: Vec::new(),
        actor_by_id: HashMap::default(),
        actor_by_key: HashMap::default(),
        actor_by_raw: HashMap::default(),
        actor_by_acronym: HashMap::default(),
        country_cache: Default::default(),
        sources: Vec::new(),
        source_by_key: HashMap::default(),
        parts: Vec::new(),
        triples: HashMap::default(),
        has_events_sheet: sheets.iter().any(|s| s.mapping.kind == SheetKind::Events),
        has_actors_sheet: sheets.iter().any(|s| s.mapping.kind == SheetKind::Actors),
        near_name_searches: std::cell::Cell::new(NEAR_NAME_SEARCHES),
        rejected_event_ids: HashMap::default(),
        rejected_actor_ids: HashMap::default(),
        report: Report::default(),
    };
    for sheet in sheets {
        let problems = sheet.mapping.problems();
        // This sheet's mapping failing is when a title line is the likely
        // cause; said first, as the columns' problems follow from it.
        if !problems.is_empty() {
            b.report
                .mapping_problems
                .extend(title_above_header(&sheet.table));
        }
        for p in problems {
            b.report
                .mapping_problems
                .push(format!("{}: {p}", sheet.table.name));
        }
        if sheet.table.is_empty() {
            // A header alone (or over rows of empty cells) would import as an
            // empty dataset, with nothing to say why.
            let blank = match sheet.blank_rows {
                0 => String::new(),
                1 => " (1 row of empty cells)".to_string(),
                n => format!(" ({n} rows of empty cells)"),
            };
            b.report.mapping_problems.push(format!(
                "{}: no data rows under the header{blank}",
                sheet.table.name
            ));
        }
        b.report.blank_rows += sheet.blank_rows;
        b.report.rows_read += sheet.table.len();
    }
    if !b.report.mapping_problems.is_empty() {
        return Import {
            dataset: None,
            report: b.report,
        };
    }
    let several = sheets.len() > 1;
    let mut order: Vec<&Sheet> = sheets.iter().collect();
    crate::sort::sort_by_u64_key(&mut order, |s| match s.mapping.kind {
        SheetKind::Events => 0,
        SheetKind::Actors => 1,
        SheetKind::Participations => 2,
    });
    let mut problem_rows: Vec<(String, usize)> = Vec::new();
    for sheet in order {
        let t = &sheet.table;
        // The last row that gave an event, for NoEventBelow.
        let mut event_above = None;
        for r in 0..t.len() {
            let row = t.row(r);
            let number = row.number;
            let mut cells = Cells {
                row,
                mapping: &sheet.mapping,
                headers: &t.headers,
                file: several.then_some(t.name.as_str()),
                problems: Vec::new(),
            };
            if let Some(q) = t.unclosed_quote.filter(|q| q.row == number) {
                cells.problems.push(RowProblem {
                    file: cells.file.map(str::to_string),
                    row: number,
                    column: t.headers.get(q.column).cloned(),
                    value: None,
                    kind: ProblemKind::UnclosedQuote { lines: q.lines },
                });
            }
            let cell_count = (0..cells.row.len())
                .rev()
                .find(|&c| !cells.row.get(c).is_empty())
                .map_or(0, |c| c + 1);
            if cell_count > t.headers.len() {
                cells.problem(
                    None,
                    ProblemKind::ExtraCells {
                        cells: cell_count,
                        columns: t.headers.len(),
                    },
                );
            }
            match sheet.mapping.kind {
                SheetKind::Events => {
                    let ev = b.read_event(&mut cells, true);
                    if cells.problems.is_empty() {
                        if let Some(ev) = ev {
                            b.commit_event(ev, number);
                        }
                    } else if let Some(id) = cells.opt(Field::EventId) {
                        let file = cells.file.map(str::to_string);
                        b.rejected_event_ids.entry(id).or_insert((file, number));
                    }
                }
                SheetKind::Actors => {
                    let a = b.read_actor(&mut cells, true);
                    if cells.problems.is_empty() {
                        if let Some(a) = a {
                            let given = !cells.get(Field::ActorKind).is_empty();
                            if !given && a.existing.is_none() && a.iso3.is_none() {
                                b.report.kinds_defaulted += 1;
                            }
                            b.commit_actor(a, number, given);
                        }
                    } else if let Some(id) = cells.opt(Field::ActorId) {
                        let file = cells.file.map(str::to_string);
                        b.rejected_actor_ids.entry(id).or_insert((file, number));
                    }
                }
                SheetKind::Participations => {
                    let ev = b.read_event(&mut cells, true);
                    let actor = b.read_actor(&mut cells, true);
                    let no_event_cells = sheet.mapping.columns.iter().enumerate().all(|(c, f)| {
                        !f.is_some_and(Field::is_event_field) || cells.row.get(c).is_empty()
                    });
                    if let (Some(above), true) = (event_above, no_event_cells) {
                        for p in cells.problems.iter_mut() {
                            if p.kind == ProblemKind::NoEvent {
                                p.kind = ProblemKind::NoEventBelow { above };
                            }
                        }
                    }
                    if !no_event_cells {
                        event_above = Some(number);
                    }
                    let role_text = cells.get(Field::Role);
                    let role = if role_text.is_empty() {
                        Some(Role::Participant)
                    } else {
                        match vocab::parse_role(role_text) {
                            Ok(r) => Some(r),
                            Err(s) => {
                                cells.problem(Some(Field::Role), ProblemKind::UnknownRole(s));
                                None
                            }
                        }
                    };
                    if let (Some(ev), Some(actor), Some(role)) = (&ev, &actor, role) {
                        if let (Some(e), Some(a)) = (ev.existing, actor.existing) {
                            if let Some(&first_row) = b.triples.get(&(e, a, role)) {
                                cells.problem(
                                    None,
                                    ProblemKind::DuplicateParticipation { first_row },
                                );
                            }
                        }
                    }
                    if cells.problems.is_empty() {
                        if let (Some(ev), Some(actor), Some(role)) = (ev, actor, role) {
                            let given = !cells.get(Field::ActorKind).is_empty();
                            if !given && actor.existing.is_none() && actor.iso3.is_none() {
                                b.report.kinds_defaulted += 1;
                            }
                            if role_text.is_empty() {
                                b.report.roles_defaulted += 1;
                            }
                            let e = b.commit_event(ev, number);
                            let a = b.commit_actor(actor, number, given);
                            let s = b.source_for(&cells, &t.name);
                            if !b.events[e].sources.contains(&s) {
                                b.events[e].sources.push(s);
                            }
                            let quote = cells.opt(Field::Quote);
                            if quote.is_none() {
                                b.report.quotes_missing += 1;
                            }
                            b.triples.insert((e, a, role), number);
                            b.parts.push((e, a, role, s, quote));
                        }
                    }
                }
            }
            if cells.problems.is_empty() {
                b.report.rows_imported += 1;
            } else {
                problem_rows.push((t.name.clone(), number));
                b.report.problems.append(&mut cells.problems);
            }
        }
    }
    let mut report = b.report;
    if !report.problems.is_empty() && !options.skip_problem_rows {
        // Nothing is made: the counts of what rows would have given (roles,
        // kinds, quotes read as defaults) go too, or the summary would say
        // "actors: 0" beside "actors without a kind: 1".
        report.rows_imported = 0;
        report.roles_defaulted = 0;
        report.kinds_defaulted = 0;
        report.quotes_missing = 0;
        report.statuses_defaulted = 0;
        return Import {
            dataset: None,
            report,
        };
    }
    report.rows_skipped = problem_rows;
    if report.rows_imported == 0 {
        // Every row had a problem and was skipped: an empty dataset would
        // enable "Show the data" on an explorer with nothing in it.
        return Import {
            dataset: None,
            report,
        };
    }
    let dataset = assemble(
        b.events,
        b.actors,
        b.sources,
        b.parts,
        sheets,
        options,
        &mut report,
    );
    Import {
        dataset: Some(dataset),
        report,
    }
}

/// A slug of `text`: folded, every run of characters other than `a-z0-9` one
/// hyphen, trimmed; `fallback` when nothing is left.
pub fn slug(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in crate::search::fold(text).chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

/// Unique slugs for `bases`, in order: a repeated slug gets `-2`, `-3`, ...
pub fn unique_slugs(bases: impl IntoIterator<Item = String>) -> Vec<String> {
    let bases: Vec<String> = bases.into_iter().collect();
    let mut used = rustc_hash::FxHashSet::<String>::default();
    let mut out = Vec::with_capacity(bases.len());
    for base in bases {
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.insert(id.clone());
        out.push(id);
    }
    out
}

fn assemble(
    events: Vec<EventDraft>,
    actors: Vec<ActorDraft>,
    sources: Vec<SourceDraft>,
    parts: Vec<(usize, usize, Role, usize, Option<String>)>,
    sheets: &[Sheet],
    options: &Options,
    report: &mut Report,
) -> Dataset {
    let source_ids = unique_slugs(sources.iter().map(|s| slug(&s.title, "source")));
    let actor_ids = unique_slugs(
        actors
            .iter()
            .map(|a| slug(a.given_id.as_deref().unwrap_or(&a.name), "actor")),
    );
    let event_ids = unique_slugs(
        events
            .iter()
            .map(|e| slug(e.given_id.as_deref().unwrap_or(&e.name), "event")),
    );
    let names: Vec<&str> = sheets.iter().map(|s| s.table.name.as_str()).collect();
    let mut dataset = Dataset {
        format: FORMAT.to_string(),
        title: options
            .title
            .clone()
            .unwrap_or_else(|| format!("Data from {}", names.join(", "))),
        description: format!("Imported from {}.", names.join(", ")),
        version: String::new(),
        license: String::new(),
        sources: sources
            .into_iter()
            .zip(&source_ids)
            .map(|(s, id)| Source {
                id: id.clone(),
                title: s.title,
                publisher: None,
                published: None,
                language: None,
                url: s.url,
                seed: None,
                text: None,
                text_url: None,
                extra: Default::default(),
            })
            .collect(),
        actors: actors
            .into_iter()
            .zip(&actor_ids)
            .map(|(a, id)| Actor {
                id: id.clone(),
                name: a.name,
                kind: a.kind.map_or(ActorKind::Organization, |k| k.0),
                iso3: a.iso3.map(str::to_string),
                acronym: a.acronym.map(|x| x.0),
                aliases: Vec::new(),
                title: None,
                affiliation: None,
                extra: Default::default(),
            })
            .collect(),
        events: Vec::with_capacity(events.len()),
        participations: parts
            .into_iter()
            .map(|(e, a, role, s, quote)| Participation {
                event: event_ids[e].clone(),
                actor: actor_ids[a].clone(),
                role,
                source: source_ids[s].clone(),
                quote,
                extra: Default::default(),
            })
            .collect(),
        extra: Default::default(),
    };
    for (e, id) in events.into_iter().zip(&event_ids) {
        if e.status.is_none() {
            report.statuses_defaulted += 1;
        }
        dataset.events.push(Event {
            id: id.clone(),
            name: e.name,
            status: e.status.map_or(EventStatus::Held, |s| s.0),
            start: e.start.map(|s| s.0),
            end: e.end.map(|s| s.0),
            city: e.city.map(|s| s.0),
            country: e.country.map(|s| s.0.to_string()),
            venue: e.venue.map(|s| s.0),
            series: e.series.map(|s| s.0),
            edition: None,
            themes: e.themes,
            summary: e.summary.map(|s| s.0).unwrap_or_default(),
            sources: e.sources.iter().map(|&s| source_ids[s].clone()).collect(),
            extra: Default::default(),
        });
    }
    report.events = dataset.events.len();
    report.actors = dataset.actors.len();
    report.sources = dataset.sources.len();
    report.participations = dataset.participations.len();
    dataset
}

/// The dataset as a convene/1 JSON document (pretty-printed, two-space
/// indent, a final newline): what "Download as convene/1" saves. Unknown fields
/// and their numbers are written back exactly as loaded.
pub fn to_convene_json(dataset: &Dataset) -> String {
    // Serialising strings, options and serde_json values cannot fail; should it
    // ever, the error text is better than a panic.
    let mut text = serde_json::to_string_pretty(dataset).unwrap_or_else(|e| e.to_string());
    text.push('\n');
    text
}
