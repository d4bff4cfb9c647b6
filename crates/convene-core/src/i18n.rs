//! The interface's languages: English, French and Arabic, one catalogue each.
//!
//! Every string the app shows is a [`Key`]; [`Lang::text`] gives its words in a
//! language. The English catalogue is written next to each key (it is also the
//! key's documentation); the French and Arabic ones list `Key => "text"` in the same
//! order. Each catalogue is one string (entries separated by U+001F), which costs the
//! wasm far less than a table of string pointers. The tests fail on a key missing
//! from, out of order in or added to any catalogue, on an empty entry, and on a
//! translation that does not keep the English placeholders.
//!
//! The app builds in English only: French and Arabic reach it as files
//! ([`catalogue_file`], written to `public/i18n/` by the test
//! `catalogue_files_are_current`, read back by [`parse_catalogue`], which refuses
//! a file made for another version of the catalogue).
//!
//! Templates name their values in braces: `"{n} events"`, `"Data from {host}"`.
//! [`segments`] splits a template so the app can wrap each value in `<bdi>` (a
//! Latin name or a number inside Arabic text must not reorder its neighbours);
//! [`fill`] makes plain text (for attributes).
//!
//! Plurals: an entry holding `|` lists its forms in the order of the CLDR plural
//! categories it needs: two forms are `one|other` (English, French), six are
//! `zero|one|two|few|many|other` (Arabic). The browser's `Intl.PluralRules` picks
//! the category ([`PluralCategory::parse`] reads its answer) and [`plural_form`]
//! picks the form; numbers and dates are formatted by the browser's `Intl`, not by
//! tables here (the wasm stays small and the browser knows every locale's rules).
//!
//! The English names of the accessible-name contract (`shared/DESIGN.md`) are the
//! catalogue's English entries; a test pins them to the words the core's enums
//! have always shown.

use crate::model::{ActorKind, EventStatus, Role, RoleSet};
use crate::vocab::{ActorMode, EventSort, Facet, RowGrouping, RowOrder, ViewKind};

/// An interface language (`lang=` in the URL).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// French.
    Fr,
    /// Arabic, written right to left.
    Ar,
}

impl Lang {
    /// Every language, in the order of the language switch.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Ar];

    /// The BCP 47 tag used in URLs, in `<html lang>` and given to `Intl`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ar => "ar",
        }
    }

    /// Parses the URL word (`en`, `fr`, `ar`; exact, lower case).
    pub fn parse(word: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.as_str() == word)
    }

    /// The writing direction for `<html dir>`: `"rtl"` for Arabic, else `"ltr"`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            _ => "ltr",
        }
    }

    /// The language's name in English (`"French"`), for messages about it.
    pub fn english_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "French",
            Lang::Ar => "Arabic",
        }
    }

    /// The language's name in itself, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Ar => "العربية",
        }
    }

    /// The default language from the browser's preferences (`navigator.languages`,
    /// most preferred first): the first whose primary subtag is `en`, `fr` or `ar`
    /// (case-insensitive: `fr-CA`, `AR-ma`), else English.
    pub fn from_browser<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        preferred
            .into_iter()
            .find_map(|tag| {
                let primary = tag.split(['-', '_']).next().unwrap_or("");
                Lang::parse(&primary.to_ascii_lowercase())
            })
            .unwrap_or_default()
    }

    /// The words for `key` in this language (a template when it holds `{name}`s,
    /// plural forms when it holds `|`).
    ///
    /// Scans the catalogue (a few microseconds). The app does not call this: it
    /// holds English ([`english_entries`]) or a fetched file's entries
    /// ([`parse_catalogue`]), split once, so the French and Arabic catalogues stay
    /// out of its wasm.
    pub fn text(self, key: Key) -> &'static str {
        self.catalogue().split(SEP).nth(key as usize).unwrap_or("")
    }

    /// Every entry of this language's catalogue, indexed by `key as usize`.
    pub fn entries(self) -> Vec<&'static str> {
        self.catalogue().split(SEP).collect()
    }

    fn catalogue(self) -> &'static str {
        match self {
            Lang::En => EN,
            Lang::Fr => FR,
            Lang::Ar => AR,
        }
    }

    /// The separator of a list in running text: `", "`, or the Arabic comma `"، "`.
    pub fn list_separator(self) -> &'static str {
        match self {
            Lang::Ar => "، ",
            _ => ", ",
        }
    }

    /// A set of roles in words, in the core's role order: `"host, speaker"`,
    /// `"hôte, intervenant"`, `"مضيف، متحدث"`. The matrix cells' accessible names.
    pub fn describe_roles(self, roles: RoleSet) -> String {
        roles
            .iter()
            .map(|r| self.text(Key::role(r)))
            .collect::<Vec<_>>()
            .join(self.list_separator())
    }
}

/// The English entries, indexed by `key as usize` (the app's built-in
/// catalogue: the French and Arabic ones are files it fetches, see
/// [`catalogue_file`]).
pub fn english_entries() -> Vec<&'static str> {
    EN.split(SEP).collect()
}

/// The first word of a catalogue file, with the format's version.
const FILE_TAG: &str = "convene-i18n/1";

/// The fingerprint of the English catalogue a translation was written against:
/// FNV-1a (32 bits) of its text. A file made for other English (a key added,
/// removed or reworded since) has another, so an old copy left in a cache is
/// refused instead of shifting every entry after a new key.
pub fn english_fingerprint() -> u32 {
    EN.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// A translation as the app loads it: `i18n/fr.txt`, `i18n/ar.txt` in the built
/// app (written from the catalogues in this file by the test
/// `catalogue_files_are_current`). One header line, `convene-i18n/1 <lang>
/// <entries> <fingerprint, 8 hex digits>`, then every entry in [`Key::ALL`] order,
/// each followed by U+001F. English is built into the app and has no file.
pub fn catalogue_file(lang: Lang) -> String {
    format!(
        "{FILE_TAG} {} {} {:08x}\n{}",
        lang.as_str(),
        Key::ALL.len(),
        english_fingerprint(),
        lang.catalogue()
    )
}

/// Why a catalogue file was refused ([`parse_catalogue`]). Each names what is
/// wrong; the app shows it and stays in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogueError {
    /// The first line is not a `convene-i18n/1` header (an error page, another
    /// file): what it starts with, at most 40 characters.
    NotACatalogue(String),
    /// The header names another language than the one asked for.
    OtherLanguage(String),
    /// The header's entry count or fingerprint is not this app's: a file for
    /// another version of Convene (`(count, fingerprint)` as written).
    OtherVersion(String, String),
    /// The file holds another number of entries than its header says.
    Count {
        /// Entries the header promises (the app's key count).
        expected: usize,
        /// Entries found.
        found: usize,
    },
    /// Entry `n` (from 1) is empty or only spaces.
    EmptyEntry(usize),
}

impl std::fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CatalogueError::NotACatalogue(start) => write!(
                f,
                "line 1 is not a {FILE_TAG} header; the file starts with {start:?}"
            ),
            CatalogueError::OtherLanguage(found) => {
                write!(f, "line 1 names the language {found:?}")
            }
            CatalogueError::OtherVersion(count, print) => write!(
                f,
                "line 1 is for another version of Convene ({count} entries, fingerprint {print}; this one has {} entries, fingerprint {:08x})",
                Key::ALL.len(),
                english_fingerprint()
            ),
            CatalogueError::Count { expected, found } => {
                write!(f, "it holds {found} entries, not {expected}")
            }
            CatalogueError::EmptyEntry(n) => write!(f, "entry {n} is empty"),
        }
    }
}

/// Reads a catalogue file for `lang` ([`catalogue_file`]'s format) into its
/// entries, indexed by `key as usize`.
///
/// # Errors
/// A [`CatalogueError`] when the header is missing or is for another language or
/// another version, when the entry count differs, or when an entry is empty.
pub fn parse_catalogue(lang: Lang, file: &str) -> Result<Vec<&str>, CatalogueError> {
    let (header, body) = file.split_once('\n').unwrap_or((file, ""));
    let mut words = header.trim_end_matches('\r').split(' ');
    if words.next() != Some(FILE_TAG) {
        return Err(CatalogueError::NotACatalogue(
            file.chars().take(40).collect(),
        ));
    }
    let (found, count, print) = (
        words.next().unwrap_or(""),
        words.next().unwrap_or(""),
        words.next().unwrap_or(""),
    );
    if found != lang.as_str() {
        return Err(CatalogueError::OtherLanguage(found.to_owned()));
    }
    if count != Key::ALL.len().to_string()
        || print != format!("{:08x}", english_fingerprint())
        || words.next().is_some()
    {
        return Err(CatalogueError::OtherVersion(
            count.to_owned(),
            print.to_owned(),
        ));
    }
    // Every entry ends with the separator: a file cut short does not.
    let Some(body) = body.strip_suffix(SEP) else {
        return Err(CatalogueError::Count {
            expected: Key::ALL.len(),
            found: body.matches(SEP).count(),
        });
    };
    let entries: Vec<&str> = body.split(SEP).collect();
    if entries.len() != Key::ALL.len() {
        return Err(CatalogueError::Count {
            expected: Key::ALL.len(),
            found: entries.len(),
        });
    }
    if let Some(n) = entries.iter().position(|e| e.trim().is_empty()) {
        return Err(CatalogueError::EmptyEntry(n + 1));
    }
    Ok(entries)
}

/// A CLDR plural category, as `Intl.PluralRules.prototype.select` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PluralCategory {
    /// `zero` (Arabic 0).
    Zero,
    /// `one`.
    One,
    /// `two` (Arabic 2).
    Two,
    /// `few` (Arabic 3-10, and so on).
    Few,
    /// `many` (Arabic 11-99; French 1,000,000).
    Many,
    /// `other`: every language has it.
    Other,
}

impl PluralCategory {
    /// Every category, in the order of a six-form catalogue entry.
    pub const ALL: [PluralCategory; 6] = [
        PluralCategory::Zero,
        PluralCategory::One,
        PluralCategory::Two,
        PluralCategory::Few,
        PluralCategory::Many,
        PluralCategory::Other,
    ];

    /// Reads `Intl.PluralRules`' answer (`"one"`); anything else is `Other`.
    pub fn parse(word: &str) -> PluralCategory {
        match word {
            "zero" => PluralCategory::Zero,
            "one" => PluralCategory::One,
            "two" => PluralCategory::Two,
            "few" => PluralCategory::Few,
            "many" => PluralCategory::Many,
            _ => PluralCategory::Other,
        }
    }
}

/// The form of a plural entry for `category`. Two forms are `one|other` (every
/// category but `one` takes `other`); six are `zero|one|two|few|many|other`; an
/// entry without `|` is its only form.
pub fn plural_form(entry: &str, category: PluralCategory) -> &str {
    let forms: Vec<&str> = entry.split('|').collect();
    let at = match (forms.len(), category) {
        (6, c) => PluralCategory::ALL
            .iter()
            .position(|&x| x == c)
            .unwrap_or(5),
        (2, PluralCategory::One) => 0,
        (n, _) => n - 1,
    };
    forms.get(at).copied().unwrap_or(entry)
}

/// A piece of a template: literal text, or the name of a value to put there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Text shown as written.
    Text(&'a str),
    /// The name inside `{…}`: a value the app fills in (and isolates with `<bdi>`).
    Arg(&'a str),
}

/// Splits a template at its `{name}` placeholders. A `{` without a closing `}`
/// is text.
pub fn segments(template: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        if open > 0 {
            out.push(Segment::Text(&rest[..open]));
        }
        out.push(Segment::Arg(&rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest));
    }
    out
}

/// The placeholder names of a template, sorted, each once.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = segments(template)
        .into_iter()
        .filter_map(|s| match s {
            Segment::Arg(name) => Some(name),
            Segment::Text(_) => None,
        })
        .collect();
    crate::sort::sort_by_cmp(&mut names, &|a, b| a.cmp(b));
    names.dedup();
    names
}

/// Fills a template's placeholders by name; a name without a value stays as
/// `{name}` (visible, so a forgotten value is noticed, never a panic).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    segments(template)
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => t.to_owned(),
            Segment::Arg(name) => values
                .iter()
                .find(|(n, _)| *n == name)
                .map_or_else(|| format!("{{{name}}}"), |(_, v)| (*v).to_owned()),
        })
        .collect()
}

/// Why a link is refused ([`crate::import::LinkRefusal`]), in the language whose
/// words `text` gives (`|k| lang.text(k)`; the app passes its loaded catalogue):
/// the link quoted as the English message quotes it, the scheme as written there.
/// English words give exactly the refusal's `Display` text.
pub fn link_refusal<'a>(
    text: impl Fn(Key) -> &'a str,
    refusal: &crate::import::LinkRefusal,
) -> String {
    use crate::import::LinkRefusal as R;
    let (key, url, scheme) = match refusal {
        R::Http(url) => (Key::LinkHttp, url, ""),
        R::Refused(url, scheme) => (Key::LinkRefused, url, scheme.as_str()),
        R::Unsupported(url, scheme) => (Key::LinkUnsupported, url, scheme.as_str()),
        R::NotALink(url) => (Key::LinkNotALink, url, ""),
        R::NoHost(url) => (Key::LinkNoHost, url, ""),
    };
    let url = format!("{url:?}");
    fill(text(key), &[("url", &url), ("scheme", scheme)])
}

impl Key {
    /// A spreadsheet field's name as the mapping editor's "read as" options
    /// show it, lower case (`event id`; the English text is
    /// [`crate::import::mapping::Field::label`]).
    pub fn field(field: crate::import::mapping::Field) -> Key {
        use crate::import::mapping::Field;
        match field {
            Field::EventId => Key::FieldEventId,
            Field::Event => Key::FieldEvent,
            Field::Date => Key::FieldDate,
            Field::Start => Key::FieldStart,
            Field::End => Key::FieldEnd,
            Field::City => Key::FieldCity,
            Field::Country => Key::FieldCountry,
            Field::Venue => Key::FieldVenue,
            Field::Series => Key::FieldSeries,
            Field::Themes => Key::FieldThemes,
            Field::Status => Key::FieldStatus,
            Field::Summary => Key::FieldSummary,
            Field::ActorId => Key::FieldActorId,
            Field::Actor => Key::FieldActor,
            Field::ActorKind => Key::FieldActorKind,
            Field::Acronym => Key::FieldAcronym,
            Field::Role => Key::FieldRole,
            Field::Source => Key::FieldSource,
            Field::SourceUrl => Key::FieldSourceUrl,
            Field::Quote => Key::FieldQuote,
        }
    }

    /// A role's name, lower case as in running text (`host`).
    pub fn role(role: Role) -> Key {
        match role {
            Role::Host => Key::RoleHost,
            Role::Organizer => Key::RoleOrganizer,
            Role::Supporter => Key::RoleSupporter,
            Role::Chair => Key::RoleChair,
            Role::Speaker => Key::RoleSpeaker,
            Role::Participant => Key::RoleParticipant,
            Role::Observer => Key::RoleObserver,
        }
    }

    /// An actor kind's name, lower case (`country`).
    pub fn kind(kind: ActorKind) -> Key {
        match kind {
            ActorKind::Country => Key::KindCountry,
            ActorKind::Organization => Key::KindOrganization,
            ActorKind::Person => Key::KindPerson,
        }
    }

    /// An event status, lower case (`held`).
    pub fn status(status: EventStatus) -> Key {
        match status {
            EventStatus::Held => Key::StatusHeld,
            EventStatus::Mentioned => Key::StatusMentioned,
            EventStatus::Planned => Key::StatusPlanned,
        }
    }

    /// A facet's legend.
    pub fn facet(facet: Facet) -> Key {
        match facet {
            Facet::Year => Key::FacetYear,
            Facet::Country => Key::FacetCountry,
            Facet::Series => Key::FacetSeries,
            Facet::Theme => Key::FacetTheme,
            Facet::Status => Key::FacetStatus,
            Facet::Kind => Key::FacetKind,
            Facet::Actor => Key::FacetActor,
            Facet::Role => Key::FacetRole,
        }
    }

    /// An event-list sort's option label.
    pub fn sort(sort: EventSort) -> Key {
        match sort {
            EventSort::Relevance => Key::SortRelevance,
            EventSort::Date => Key::SortDate,
            EventSort::DateDesc => Key::SortDateDesc,
            EventSort::Name => Key::SortName,
        }
    }

    /// A matrix row order's option label ("Order rows").
    pub fn order(order: RowOrder) -> Key {
        match order {
            RowOrder::Name => Key::OrderName,
            RowOrder::Events => Key::OrderEvents,
            RowOrder::FirstAppearance => Key::OrderFirst,
            RowOrder::Similarity => Key::OrderSimilarity,
        }
    }

    /// A matrix row grouping's option label ("Group rows").
    pub fn grouping(grouping: RowGrouping) -> Key {
        match grouping {
            RowGrouping::None => Key::GroupNone,
            RowGrouping::Kind => Key::GroupKind,
        }
    }

    /// The actor facet's mode radio button ("Any", "All").
    pub fn mode(mode: ActorMode) -> Key {
        match mode {
            ActorMode::Any => Key::ModeAny,
            ActorMode::All => Key::ModeAll,
        }
    }

    /// A view link's name ("Events", "Matrix").
    pub fn view(view: ViewKind) -> Key {
        match view {
            ViewKind::Events => Key::ViewEvents,
            ViewKind::Matrix => Key::ViewMatrix,
            ViewKind::Network => Key::ViewNetwork,
        }
    }
}

/// The separator between a catalogue's entries (U+001F, the unit separator: no
/// entry holds it).
const SEP: char = '\u{1f}';

/// Declares a translation: its entries joined into one string (one string, not a
/// table of `&str`, whose pointers would cost the wasm about 5 KB), and, for the
/// tests, the keys in the order written, which must be [`Key::ALL`].
macro_rules! translation {
    ($name:ident, $keys:ident, $($key:ident => $text:literal,)*) => {
        const $name: &str = concat!($($text, "\u{1f}",)*);
        #[cfg(test)]
        const $keys: &[Key] = &[$(Key::$key),*];
    };
}

/// Declares [`Key`] with its English text as documentation and the English catalogue.
macro_rules! catalogue {
    ($($key:ident = $en:literal,)*) => {
        /// One string of the interface. Each variant's documentation is its English text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key {
            $(
                #[doc = $en]
                $key,
            )*
        }

        impl Key {
            /// Every key, in declaration order.
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
        }

        /// The English catalogue: every entry in [`Key::ALL`] order, each followed
        /// by [`SEP`].
        const EN: &str = concat!($($en, "\u{1f}",)*);
    };
}

catalogue! {
    // Page frame.
    LoadingDataset = "Loading the dataset…",
    LoadErrorTitle = "The dataset could not be loaded",
    AndMore = "…and {n} more.",
    Retry = "Retry",
    DatasetVersion = "{title} · version {version}",
    DatasetVersionComma = "{title}, version {version}",
    Language = "Language",
    FiltersRegion = "Filters",
    OpenInConvene = "Open in Convene",
    // Search and notices.
    Search = "Search",
    SearchPlaceholder = "Search events, places, actors, quotes…",
    NoticesTitle = "Some of the link could not be used:",
    NoticeIgnored = "Ignored {param}={value}: {message}",
    NoticeAdjusted = "Adjusted {param}={value}: {message}",
    Dismiss = "Dismiss",
    // Toolbar.
    EventCount = "{n} event|{n} events",
    ActiveFilters = "Active filters",
    RemoveFilter = "Remove filter {label}",
    ChipLabel = "{facet}: {value}",
    ClearAll = "Clear all",
    Views = "Views",
    ViewEvents = "Events",
    ViewMatrix = "Matrix",
    ViewNetwork = "Network",
    // Sharing and downloads.
    CopyLink = "Copy link",
    LinkCopied = "Link copied.",
    CopyThisLink = "Copy this link: {url}",
    DownloadCsv = "Download CSV",
    DownloadJson = "Download JSON",
    DownloadSvg = "Download SVG",
    MatrixSvgTitle = "{title}: participation matrix",
    Embed = "Embed",
    EmbedIntro = "Paste this code into a web page to show the current view there.",
    EmbedScript = "Add {file} to let the frame fit its content.",
    Keep = "Keep",
    Height = "Height (pixels)",
    EmbedCode = "Embed code",
    PartHeader = "Header",
    PartSearch = "Search box",
    PartFilters = "Filters",
    PartViews = "View switch",
    PartExport = "Downloads",
    Cite = "Cite",
    CiteTitle = "Cite this view",
    EmbedTitle = "Embed this view",
    Code = "Code",
    CopyCode = "Copy code",
    Citation = "Citation",
    BibTex = "BibTeX",
    CopyCitation = "Copy citation",
    CopyBibTex = "Copy BibTeX",
    Copied = "{what} copied.",
    SelectAndCopy = "Select the text above and copy it.",
    Close = "Close",
    ShareAndDownload = "Share and download",
    // Filters.
    Filters = "Filters",
    FiltersCount = "Filters ({n})",
    ShowEvents = "Show {n} event|Show {n} events",
    FilterTheList = "Filter the {facet} list",
    FilterPlaceholder = "Filter {facet}…",
    ShowFewer = "Show fewer",
    ShowAllMore = "Show all ({n} more)",
    ActorsMustMatch = "Actors must match",
    ModeAny = "Any",
    ModeAll = "All",
    YearFrom = "From",
    YearTo = "To",
    FacetYear = "Year",
    FacetCountry = "Country",
    FacetSeries = "Series",
    FacetTheme = "Theme",
    FacetStatus = "Status",
    FacetKind = "Actor kind",
    FacetActor = "Actor",
    FacetRole = "Role",
    // Roles, kinds, statuses (lower case, as in running text).
    RoleHost = "host",
    RoleOrganizer = "organizer",
    RoleSupporter = "supporter",
    RoleChair = "chair",
    RoleSpeaker = "speaker",
    RoleParticipant = "participant",
    RoleObserver = "observer",
    KindCountry = "country",
    KindOrganization = "organization",
    KindPerson = "person",
    StatusHeld = "held",
    StatusMentioned = "mentioned",
    StatusPlanned = "planned",
    // Event list.
    SortBy = "Sort by",
    SortRelevance = "Relevance",
    SortDate = "Oldest first",
    SortDateDesc = "Newest first",
    SortName = "Name",
    NoEventMatches = "No event matches. Remove a filter or change the search.",
    ShowMore = "Show more ({shown} of {total} shown)",
    Themes = "Themes",
    ActorWithRole = "{name} ({role})",
    MoreActors = "{n} more",
    DateUnknown = "date unknown",
    // Detail pages.
    BackToResults = "← Back to results",
    NoEventWithId = "No event with id “{id}”",
    NoActorWithId = "No actor with id “{id}”",
    OtherVersion = "The link may come from another version of the dataset.",
    Dates = "Dates",
    Place = "Place",
    Status = "Status",
    Series = "Series",
    Edition = "Edition",
    Participants = "Participants",
    Sources = "Sources",
    SourceLink = "source",
    Kind = "Kind",
    AlsoKnownAs = "Also known as",
    IsoCode = "ISO code",
    Title = "Title",
    Affiliation = "Affiliation",
    EventsOfActor = "Events ({n})",
    MeetsMostOften = "Meets most often",
    NoCoParticipant = "No other actor shares an event with this one.",
    SharedEvents = "{n} shared event|{n} shared events",
    MatrixOfTwo = "(matrix of the two)",
    // Matrix.
    ParticipationMatrix = "Participation matrix",
    OrderRows = "Order rows",
    OrderName = "Name",
    OrderEvents = "Events",
    OrderFirst = "First appearance",
    OrderSimilarity = "Similarity",
    GroupRows = "Group rows",
    GroupNone = "None",
    GroupKind = "Actor kind",
    GroupCountries = "Countries",
    GroupOrganizations = "Organisations",
    GroupPersons = "Persons",
    GroupHeader = "{group} ({n})",
    ColumnTitle = "{name} ({year}): {n} actor|{name} ({year}): {n} actors",
    RowTitle = "{name} ({kind}): {n} event|{name} ({kind}): {n} events",
    NoRole = "none",
    NotRecordedAt = "{actor} is not recorded at {event}.",
    ActorAtEvent = "{actor} at {event}: {roles}",
    CellHint = "Point at or focus a cell to see the role, the source and the quote.",
    Legend = "Legend",
    NoMatrix = "No participation matches. Remove a filter or change the search.",
    MatrixSize = "{actors} actors × {events} events",
    TotalsNote = "Totals: actors per event under each event; events per actor after each name.",
    ReadoutEvent = "{name} · {year} · {n} actor|{name} · {year} · {n} actors",
    ReadoutActor = "{name} · {kind} · {n} event|{name} · {kind} · {n} events",
    CellDetails = "Cell details",
    Undated = "undated",
    PrintNote = "Printed: the first {rows} of {all_rows} actors and {cols} of {all_cols} events. Filter the view to print the rest.",
    PrintCaption = "Participation matrix: events {from}–{to} of {all} (actors per event under each name; events per actor in the last column)",
    // Later views (network, sources, open data): names of the contract.
    StrongestLinks = "Strongest links",
    SharedEventsColumn = "Shared events",
    ActorColumn = "Actor",
    ShowInSource = "Show in source",
    OpenData = "Open data",
    ChooseFile = "Choose file",
    PasteData = "Paste data",
    LinkToData = "Link to data",
    Problems = "Problems",
    ShowMoreProblems = "Show {n} more problem ({left} not shown)|Show {n} more problems ({left} not shown)",
    DownloadAsConvene = "Download as convene/1",
    DataFrom = "Data from {host}",
    UndatedHidden = "{n} undated event hidden by the year filter.|{n} undated events hidden by the year filter.",
    ShowUndated = "Show undated event|Show undated events",
    IncludingUndated = "Including {n} undated event.|Including {n} undated events.",
    HideUndated = "Hide undated event|Hide undated events",
    NetworkSvgTitle = "{title}: co-participation network",
    NetworkSummary = "{actors}, {links} (at least {n} shared event)|{actors}, {links} (at least {n} shared events)",
    NetworkActors = "{n} actor|{n} actors",
    NetworkLinks = "{n} link|{n} links",
    NetworkLeftOut = "Showing the {actors} with most events; {n} more is left out.|Showing the {actors} with most events; {n} more are left out.",
    NoActorMatches = "No actor matches. Remove a filter or change the search.",
    NetworkLegendNote = "Area: events in the view. Line: shared events.",
    DownloadGexf = "Download GEXF",
    DownloadGraphml = "Download GraphML",
    DownloadTwoModeGexf = "Download two-mode GEXF",
    DownloadTwoModeGraphml = "Download two-mode GraphML",
    Zoom = "Zoom",
    ZoomIn = "Zoom in",
    ZoomOut = "Zoom out",
    ResetView = "Reset view",
    CoParticipationNetwork = "Co-participation network",
    NetworkKeys = "Arrow keys: neighbour that way · Page Up/Down: next by size · Enter: open · + / − / 0: zoom · Shift + arrows: pan",
    LinkShared = "{n} shared event: {names}|{n} shared events: {names}",
    AndMoreShort = " and {n} more",
    NodeAbout = "({kind}, {n} event in the view). Strongest links:|({kind}, {n} events in the view). Strongest links:",
    NodeDetails = "Node details",
    NodeHint = "Point at or focus a node to see its strongest links.",
    LinkDetails = "Link details",
    LinkAbout = "{a} and {b} share {n} event in the view:|{a} and {b} share {n} events in the view:",
    ShowLink = "{n} shared event: {a} and {b}|{n} shared events: {a} and {b}",
    StrongestNote = "The {rows} strongest of {n} links; every link is in the GEXF and GraphML downloads.",
    QuotesUnchecked = "{n} quote could not be checked against its source|{n} quotes could not be checked against their source",
    CiteWhat = "Cite {what}",
    CiteParticipation = "Cite this participation",
    NoSourceWithId = "No source with id “{id}”",
    LoadingText = "Loading the text…",
    NoText = "The dataset does not hold this document's text.",
    Publisher = "Publisher",
    Published = "Published",
    SourceLanguage = "Language",
    EventsItReports = "Events it reports",
    ParticipationsItSupports = "Participations it supports",
    Text = "Text",
    RoleAt = " — {role} at ",
    NotFoundInText = "Not found in the text",
    Supports = "Supports: {what}",
    Describe = "{actor}, {role} at {event}",
    FoundIn = "Found in",
    DataFromFile = "Data from your file {names} (read in this browser, not uploaded); this page's link works only with the same file",
    DataPasted = "Data you pasted (kept in this browser); this page's link does not include it",
    ColumnReadAs = "Column {header} is read as",
    IgnoredColumn = "(ignored)",
    FieldEventId = "event id",
    FieldEvent = "event",
    FieldDate = "date",
    FieldStart = "start",
    FieldEnd = "end",
    FieldCity = "city",
    FieldCountry = "country",
    FieldVenue = "venue",
    FieldSeries = "series",
    FieldThemes = "themes",
    FieldStatus = "status",
    FieldSummary = "summary",
    FieldActorId = "actor id",
    FieldActor = "actor",
    FieldActorKind = "actor kind",
    FieldAcronym = "acronym",
    FieldRole = "role",
    FieldSource = "source",
    FieldSourceUrl = "source url",
    FieldQuote = "quote",
    PreviewCaption = "{name} ({n} row, {kind})|{name} ({n} rows, {kind})",
    Row = "Row",
    OpenDataIntro = "Files are read in this browser; nothing is uploaded. CSV, TSV (UTF-8) or convene/1 JSON.",
    ReadPasted = "Read pasted data",
    FetchLink = "Fetch link",
    SkipProblems = "Skip rows with problems",
    Import = "Import",
    ShowTheData = "Show the data",
    DatasetRead = "A convene/1 dataset: {events} events, {actors} actors, {participations} participations. Show the data to explore it.",
    ImportPreview = "Preview",
    ImportSummary = "Rows read: {read}; imported: {imported}; skipped: {skipped}; blank: {blank}. Events: {events}; actors: {actors}; participations: {participations}, of which without a role (read as participant): {roles}, without a quote: {quotes}. Events without a status (read as held): {statuses}. Actors without a kind (read as countries by name, else as organizations): {kinds}.",
    ImportStoppedRows = "Nothing was imported: {n} row has a problem (listed below). Correct it in the file and open it again, or tick \"Skip rows with problems\" and import again to leave it out.|Nothing was imported: {n} rows have problems (listed below). Correct them in the file and open it again, or tick \"Skip rows with problems\" and import again to leave them out.",
    ImportStoppedMapping = "Nothing was imported: the data cannot be read with its columns as they are set (the problems are listed below). Change what a column holds in the preview above, or correct the file, and import again.",
    ImportAllSkipped = "Nothing was imported: every row has a problem (listed below). Correct them in the file and open it again.",
    ImportNoRows = "Nothing was imported: there are no data rows under the header (see below). Correct the file and open it again.",
    CancelReading = "Cancel",
    ReadingData = "Reading the data",
    ReadingProgress = "{read} of {total} read · {n} row parsed|{read} of {total} read · {n} rows parsed",
    ReadingBytes = "{read} of {total} read",
    ReadingParsing = "{read} read · parsing",
    ReadingCancelled = "Cancelled: nothing was loaded.",
    OrganisationIcon = "Organisation",
    // Why a dataset could not be shown (the error view) or a link is refused.
    FetchFailed = "Could not fetch {url}: the browser got no answer it may read ({error}). The site may be down or unreachable, may not allow other sites to read the file (CORS), or its certificate may not be trusted.",
    FetchAnswered = "Could not fetch the dataset {url}: the server answered {status}",
    ReadFailed = "Could not read the dataset {url}: {error}",
    DatasetInvalid = "The dataset {url} is not valid convene/1 ({n} problem):|The dataset {url} is not valid convene/1 ({n} problems):",
    SheetProblems = "The spreadsheet {url} has {n} problem (open it with \"Open data\" to skip that row):|The spreadsheet {url} has {n} problems (open it with \"Open data\" to skip those rows):",
    SheetUnreadable = "The spreadsheet {url} cannot be imported:",
    SheetEveryRow = "The spreadsheet {url} cannot be imported: every row has a problem:",
    LinkHttp = "{url}: plain http links are refused; use an https:// link",
    LinkRefused = "{url}: {scheme}: links are refused; use an https:// link to a file on a web site",
    LinkUnsupported = "{url}: {scheme}: links are not supported; use an https:// link to a file on a web site",
    LinkNotALink = "{url} is not a link; use an https:// link to a file on a web site",
    LinkNoHost = "{url} names no host",
}

// The French catalogue.
translation! {
    FR,
    FR_KEYS,
    LoadingDataset => "Chargement des données…",
    LoadErrorTitle => "Les données n’ont pas pu être chargées",
    AndMore => "…et {n} de plus.",
    Retry => "Réessayer",
    DatasetVersion => "{title} · version {version}",
    DatasetVersionComma => "{title}, version {version}",
    Language => "Langue",
    FiltersRegion => "Filtres",
    OpenInConvene => "Ouvrir dans Convene",
    Search => "Rechercher",
    SearchPlaceholder => "Rechercher événements, lieux, acteurs, citations…",
    NoticesTitle => "Une partie du lien n’a pas pu être utilisée :",
    NoticeIgnored => "{param}={value} ignoré : {message}",
    NoticeAdjusted => "{param}={value} corrigé : {message}",
    Dismiss => "Fermer",
    EventCount => "{n} événement|{n} événements",
    ActiveFilters => "Filtres actifs",
    RemoveFilter => "Retirer le filtre {label}",
    ChipLabel => "{facet} : {value}",
    ClearAll => "Tout effacer",
    Views => "Vues",
    ViewEvents => "Événements",
    ViewMatrix => "Matrice",
    ViewNetwork => "Réseau",
    CopyLink => "Copier le lien",
    LinkCopied => "Lien copié.",
    CopyThisLink => "Copiez ce lien : {url}",
    DownloadCsv => "Télécharger CSV",
    DownloadJson => "Télécharger JSON",
    DownloadSvg => "Télécharger SVG",
    MatrixSvgTitle => "{title} : matrice de participation",
    Embed => "Intégrer",
    EmbedIntro => "Collez ce code dans une page web pour y montrer la vue actuelle.",
    EmbedScript => "Ajoutez {file} pour que le cadre s’ajuste à son contenu.",
    Keep => "Garder",
    Height => "Hauteur (pixels)",
    EmbedCode => "Code d’intégration",
    PartHeader => "En-tête",
    PartSearch => "Champ de recherche",
    PartFilters => "Filtres",
    PartViews => "Choix de la vue",
    PartExport => "Téléchargements",
    Cite => "Citer",
    CiteTitle => "Citer cette vue",
    EmbedTitle => "Intégrer cette vue",
    Code => "Code",
    CopyCode => "Copier le code",
    Citation => "Citation",
    BibTex => "BibTeX",
    CopyCitation => "Copier la citation",
    CopyBibTex => "Copier le BibTeX",
    Copied => "{what} copié.",
    SelectAndCopy => "Sélectionnez le texte ci-dessus et copiez-le.",
    Close => "Fermer",
    ShareAndDownload => "Partager et télécharger",
    Filters => "Filtres",
    FiltersCount => "Filtres ({n})",
    ShowEvents => "Voir {n} événement|Voir {n} événements",
    FilterTheList => "Filtrer la liste : {facet}",
    FilterPlaceholder => "Filtrer : {facet}…",
    ShowFewer => "Afficher moins",
    ShowAllMore => "Tout afficher ({n} de plus)",
    ActorsMustMatch => "Les acteurs doivent correspondre",
    ModeAny => "Au moins un",
    ModeAll => "Tous",
    YearFrom => "De",
    YearTo => "À",
    FacetYear => "Année",
    FacetCountry => "Pays",
    FacetSeries => "Série",
    FacetTheme => "Thème",
    FacetStatus => "Statut",
    FacetKind => "Type d’acteur",
    FacetActor => "Acteur",
    FacetRole => "Rôle",
    RoleHost => "hôte",
    RoleOrganizer => "organisateur",
    RoleSupporter => "soutien",
    RoleChair => "président",
    RoleSpeaker => "intervenant",
    RoleParticipant => "participant",
    RoleObserver => "observateur",
    KindCountry => "pays",
    KindOrganization => "organisation",
    KindPerson => "personne",
    StatusHeld => "tenu",
    StatusMentioned => "mentionné",
    StatusPlanned => "prévu",
    SortBy => "Trier par",
    SortRelevance => "Pertinence",
    SortDate => "Plus anciens d’abord",
    SortDateDesc => "Plus récents d’abord",
    SortName => "Nom",
    NoEventMatches => "Aucun événement ne correspond. Retirez un filtre ou modifiez la recherche.",
    ShowMore => "Afficher plus ({shown} sur {total} affichés)",
    Themes => "Thèmes",
    ActorWithRole => "{name} ({role})",
    MoreActors => "{n} de plus",
    DateUnknown => "date inconnue",
    BackToResults => "← Retour aux résultats",
    NoEventWithId => "Aucun événement avec l’identifiant « {id} »",
    NoActorWithId => "Aucun acteur avec l’identifiant « {id} »",
    OtherVersion => "Le lien vient peut-être d’une autre version des données.",
    Dates => "Dates",
    Place => "Lieu",
    Status => "Statut",
    Series => "Série",
    Edition => "Édition",
    Participants => "Participants",
    Sources => "Sources",
    SourceLink => "source",
    Kind => "Type",
    AlsoKnownAs => "Aussi appelé",
    IsoCode => "Code ISO",
    Title => "Titre",
    Affiliation => "Affiliation",
    EventsOfActor => "Événements ({n})",
    MeetsMostOften => "Rencontre le plus souvent",
    NoCoParticipant => "Aucun autre acteur ne partage un événement avec celui-ci.",
    SharedEvents => "{n} événement partagé|{n} événements partagés",
    MatrixOfTwo => "(matrice des deux)",
    ParticipationMatrix => "Matrice de participation",
    OrderRows => "Ordre des lignes",
    OrderName => "Nom",
    OrderEvents => "Événements",
    OrderFirst => "Première apparition",
    OrderSimilarity => "Similarité",
    GroupRows => "Grouper les lignes",
    GroupNone => "Aucun",
    GroupKind => "Type d’acteur",
    GroupCountries => "Pays",
    GroupOrganizations => "Organisations",
    GroupPersons => "Personnes",
    GroupHeader => "{group} ({n})",
    ColumnTitle => "{name} ({year}) : {n} acteur|{name} ({year}) : {n} acteurs",
    RowTitle => "{name} ({kind}) : {n} événement|{name} ({kind}) : {n} événements",
    NoRole => "aucun",
    NotRecordedAt => "{actor} n’est pas enregistré à {event}.",
    ActorAtEvent => "{actor} à {event} : {roles}",
    CellHint => "Survolez ou sélectionnez une case pour voir le rôle, la source et la citation.",
    Legend => "Légende",
    NoMatrix => "Aucune participation ne correspond. Retirez un filtre ou modifiez la recherche.",
    MatrixSize => "{actors} acteurs × {events} événements",
    TotalsNote => "Totaux : acteurs par événement sous chaque événement ; événements par acteur après chaque nom.",
    ReadoutEvent => "{name} · {year} · {n} acteur|{name} · {year} · {n} acteurs",
    ReadoutActor => "{name} · {kind} · {n} événement|{name} · {kind} · {n} événements",
    CellDetails => "Détails de la case",
    Undated => "non daté",
    PrintNote => "Imprimé : les {rows} premiers des {all_rows} acteurs et {cols} des {all_cols} événements. Filtrez la vue pour imprimer le reste.",
    PrintCaption => "Matrice de participation : événements {from} à {to} sur {all} (acteurs par événement sous chaque nom ; événements par acteur dans la dernière colonne)",
    StrongestLinks => "Liens les plus forts",
    SharedEventsColumn => "Événements partagés",
    ActorColumn => "Acteur",
    ShowInSource => "Voir dans la source",
    OpenData => "Ouvrir des données",
    ChooseFile => "Choisir un fichier",
    PasteData => "Coller des données",
    LinkToData => "Lien vers les données",
    Problems => "Problèmes",
    ShowMoreProblems => "Afficher {n} problème de plus ({left} non affichés)|Afficher {n} problèmes de plus ({left} non affichés)",
    DownloadAsConvene => "Télécharger en convene/1",
    DataFrom => "Données de {host}",
    UndatedHidden => "{n} événement non daté masqué par le filtre des années.|{n} événements non datés masqués par le filtre des années.",
    ShowUndated => "Afficher l’événement non daté|Afficher les événements non datés",
    IncludingUndated => "Dont {n} événement non daté.|Dont {n} événements non datés.",
    HideUndated => "Masquer l’événement non daté|Masquer les événements non datés",
    NetworkSvgTitle => "{title} : réseau de co-participation",
    NetworkSummary => "{actors}, {links} (au moins {n} événement partagé)|{actors}, {links} (au moins {n} événements partagés)",
    NetworkActors => "{n} acteur|{n} acteurs",
    NetworkLinks => "{n} lien|{n} liens",
    NetworkLeftOut => "Affichés : les {actors} ayant le plus d’événements ; {n} autre est laissé de côté.|Affichés : les {actors} ayant le plus d’événements ; {n} autres sont laissés de côté.",
    NoActorMatches => "Aucun acteur ne correspond. Retirez un filtre ou modifiez la recherche.",
    NetworkLegendNote => "Surface : événements dans la vue. Trait : événements partagés.",
    DownloadGexf => "Télécharger GEXF",
    DownloadGraphml => "Télécharger GraphML",
    DownloadTwoModeGexf => "Télécharger GEXF biparti",
    DownloadTwoModeGraphml => "Télécharger GraphML biparti",
    Zoom => "Zoom",
    ZoomIn => "Zoom avant",
    ZoomOut => "Zoom arrière",
    ResetView => "Réinitialiser la vue",
    CoParticipationNetwork => "Réseau de co-participation",
    NetworkKeys => "Flèches : voisin dans cette direction · Page préc./suiv. : suivant par taille · Entrée : ouvrir · + / − / 0 : zoom · Maj + flèches : déplacer",
    LinkShared => "{n} événement partagé : {names}|{n} événements partagés : {names}",
    AndMoreShort => " et {n} de plus",
    NodeAbout => "({kind}, {n} événement dans la vue). Liens les plus forts :|({kind}, {n} événements dans la vue). Liens les plus forts :",
    NodeDetails => "Détails du nœud",
    NodeHint => "Survolez ou sélectionnez un nœud pour voir ses liens les plus forts.",
    LinkDetails => "Détails du lien",
    LinkAbout => "{a} et {b} partagent {n} événement dans la vue :|{a} et {b} partagent {n} événements dans la vue :",
    ShowLink => "{n} événement partagé : {a} et {b}|{n} événements partagés : {a} et {b}",
    StrongestNote => "Les {rows} liens les plus forts sur {n} ; tous les liens sont dans les téléchargements GEXF et GraphML.",
    QuotesUnchecked => "{n} citation n’a pas pu être vérifiée dans sa source|{n} citations n’ont pas pu être vérifiées dans leur source",
    CiteWhat => "Citer {what}",
    CiteParticipation => "Citer cette participation",
    NoSourceWithId => "Aucune source avec l’identifiant « {id} »",
    LoadingText => "Chargement du texte…",
    NoText => "Les données ne contiennent pas le texte de ce document.",
    Publisher => "Éditeur",
    Published => "Publié",
    SourceLanguage => "Langue",
    EventsItReports => "Événements rapportés",
    ParticipationsItSupports => "Participations attestées",
    Text => "Texte",
    RoleAt => " — {role} à ",
    NotFoundInText => "Introuvable dans le texte",
    Supports => "Atteste : {what}",
    Describe => "{actor}, {role} à {event}",
    FoundIn => "Trouvé dans",
    DataFromFile => "Données de votre fichier {names} (lu dans ce navigateur, non envoyé) ; le lien de cette page ne marche qu’avec le même fichier",
    DataPasted => "Données collées (gardées dans ce navigateur) ; le lien de cette page ne les contient pas",
    ColumnReadAs => "La colonne {header} est lue comme",
    IgnoredColumn => "(ignorée)",
    FieldEventId => "identifiant d’événement",
    FieldEvent => "événement",
    FieldDate => "date",
    FieldStart => "début",
    FieldEnd => "fin",
    FieldCity => "ville",
    FieldCountry => "pays",
    FieldVenue => "lieu",
    FieldSeries => "série",
    FieldThemes => "thèmes",
    FieldStatus => "statut",
    FieldSummary => "résumé",
    FieldActorId => "identifiant d’acteur",
    FieldActor => "acteur",
    FieldActorKind => "type d’acteur",
    FieldAcronym => "sigle",
    FieldRole => "rôle",
    FieldSource => "source",
    FieldSourceUrl => "URL de la source",
    FieldQuote => "citation",
    PreviewCaption => "{name} ({n} ligne, {kind})|{name} ({n} lignes, {kind})",
    Row => "Ligne",
    OpenDataIntro => "Les fichiers sont lus dans ce navigateur ; rien n’est envoyé. CSV, TSV (UTF-8) ou JSON convene/1.",
    ReadPasted => "Lire les données collées",
    FetchLink => "Charger le lien",
    SkipProblems => "Ignorer les lignes à problèmes",
    Import => "Importer",
    ShowTheData => "Afficher les données",
    DatasetRead => "Un jeu de données convene/1 : {events} événements, {actors} acteurs, {participations} participations. Affichez les données pour l’explorer.",
    ImportPreview => "Aperçu",
    ImportSummary => "Lignes lues : {read} ; importées : {imported} ; ignorées : {skipped} ; vides : {blank}. Événements : {events} ; acteurs : {actors} ; participations : {participations}, dont sans rôle (lues comme participant) : {roles}, sans citation : {quotes}. Événements sans statut (lus comme tenus) : {statuses}. Acteurs sans type (lus comme pays d'après leur nom, sinon comme organisations) : {kinds}.",
    ImportStoppedRows => "Rien n'a été importé : {n} ligne a un problème (voir ci-dessous). Corrigez-la dans le fichier et ouvrez-le de nouveau, ou cochez « Ignorer les lignes à problèmes » et importez de nouveau pour la laisser de côté.|Rien n'a été importé : {n} lignes ont des problèmes (voir ci-dessous). Corrigez-les dans le fichier et ouvrez-le de nouveau, ou cochez « Ignorer les lignes à problèmes » et importez de nouveau pour les laisser de côté.",
    ImportStoppedMapping => "Rien n'a été importé : les données ne peuvent pas être lues avec les colonnes telles qu'elles sont réglées (les problèmes sont listés ci-dessous). Changez ce que contient une colonne dans l'aperçu ci-dessus, ou corrigez le fichier, puis importez de nouveau.",
    ImportAllSkipped => "Rien n'a été importé : chaque ligne a un problème (voir ci-dessous). Corrigez-les dans le fichier et ouvrez-le de nouveau.",
    ImportNoRows => "Rien n'a été importé : il n'y a aucune ligne de données sous l'en-tête (voir ci-dessous). Corrigez le fichier et ouvrez-le de nouveau.",
    CancelReading => "Annuler",
    ReadingData => "Lecture des données",
    ReadingProgress => "{read} sur {total} lus · {n} ligne lue|{read} sur {total} lus · {n} lignes lues",
    ReadingBytes => "{read} sur {total} lus",
    ReadingParsing => "{read} lus · analyse en cours",
    ReadingCancelled => "Annulé : rien n’a été chargé.",
    OrganisationIcon => "Organisation",
    FetchFailed => "Impossible de récupérer {url} : le navigateur n’a reçu aucune réponse lisible ({error}). Le site est peut-être hors ligne ou injoignable, n’autorise peut-être pas les autres sites à lire le fichier (CORS), ou son certificat n’est pas reconnu.",
    FetchAnswered => "Impossible de récupérer les données {url} : le serveur a répondu {status}",
    ReadFailed => "Impossible de lire les données {url} : {error}",
    DatasetInvalid => "Les données {url} ne sont pas du convene/1 valide ({n} problème) :|Les données {url} ne sont pas du convene/1 valide ({n} problèmes) :",
    SheetProblems => "Le tableau {url} a {n} problème (ouvrez-le avec « Ouvrir des données » pour ignorer cette ligne) :|Le tableau {url} a {n} problèmes (ouvrez-le avec « Ouvrir des données » pour ignorer ces lignes) :",
    SheetUnreadable => "Le tableau {url} ne peut pas être importé :",
    SheetEveryRow => "Le tableau {url} ne peut pas être importé : chaque ligne a un problème :",
    LinkHttp => "{url} : les liens http simples sont refusés ; utilisez un lien https://",
    LinkRefused => "{url} : les liens {scheme}: sont refusés ; utilisez un lien https:// vers un fichier d’un site web",
    LinkUnsupported => "{url} : les liens {scheme}: ne sont pas pris en charge ; utilisez un lien https:// vers un fichier d’un site web",
    LinkNotALink => "{url} n’est pas un lien ; utilisez un lien https:// vers un fichier d’un site web",
    LinkNoHost => "{url} ne nomme aucun hôte",
}

// The Arabic catalogue. Plural entries give the six CLDR forms
// (zero|one|two|few|many|other).
translation! {
    AR,
    AR_KEYS,
    LoadingDataset => "جارٍ تحميل البيانات…",
    LoadErrorTitle => "تعذّر تحميل البيانات",
    AndMore => "…و{n} أخرى.",
    Retry => "إعادة المحاولة",
    DatasetVersion => "{title} · الإصدار {version}",
    DatasetVersionComma => "{title}، الإصدار {version}",
    Language => "اللغة",
    FiltersRegion => "عوامل التصفية",
    OpenInConvene => "فتح في Convene",
    Search => "بحث",
    SearchPlaceholder => "ابحث في الفعاليات والأماكن والفاعلين والاقتباسات…",
    NoticesTitle => "تعذّر استخدام جزء من الرابط:",
    NoticeIgnored => "تم تجاهل {param}={value}: {message}",
    NoticeAdjusted => "تم تعديل {param}={value}: {message}",
    Dismiss => "إغلاق",
    EventCount => "لا فعاليات|فعالية واحدة|فعاليتان|{n} فعاليات|{n} فعالية|{n} فعالية",
    ActiveFilters => "عوامل التصفية النشطة",
    RemoveFilter => "إزالة عامل التصفية {label}",
    ChipLabel => "{facet}: {value}",
    ClearAll => "مسح الكل",
    Views => "طرق العرض",
    ViewEvents => "الفعاليات",
    ViewMatrix => "المصفوفة",
    ViewNetwork => "الشبكة",
    CopyLink => "نسخ الرابط",
    LinkCopied => "تم نسخ الرابط.",
    CopyThisLink => "انسخ هذا الرابط: {url}",
    DownloadCsv => "تنزيل CSV",
    DownloadJson => "تنزيل JSON",
    DownloadSvg => "تنزيل SVG",
    MatrixSvgTitle => "{title}: مصفوفة المشاركة",
    Embed => "تضمين",
    EmbedIntro => "الصق هذه الشيفرة في صفحة ويب لعرض طريقة العرض الحالية فيها.",
    EmbedScript => "أضف {file} ليتكيّف الإطار مع محتواه.",
    Keep => "إبقاء",
    Height => "الارتفاع (بكسل)",
    EmbedCode => "شيفرة التضمين",
    PartHeader => "الترويسة",
    PartSearch => "مربع البحث",
    PartFilters => "عوامل التصفية",
    PartViews => "مبدّل طرق العرض",
    PartExport => "التنزيلات",
    Cite => "استشهاد",
    CiteTitle => "الاستشهاد بطريقة العرض هذه",
    EmbedTitle => "تضمين طريقة العرض هذه",
    Code => "الشيفرة",
    CopyCode => "نسخ الشيفرة",
    Citation => "الاستشهاد",
    BibTex => "BibTeX",
    CopyCitation => "نسخ الاستشهاد",
    CopyBibTex => "نسخ BibTeX",
    Copied => "تم نسخ {what}.",
    SelectAndCopy => "حدّد النص أعلاه وانسخه.",
    Close => "إغلاق",
    ShareAndDownload => "مشاركة وتنزيل",
    Filters => "عوامل التصفية",
    FiltersCount => "عوامل التصفية ({n})",
    ShowEvents => "لا فعاليات للعرض|عرض فعالية واحدة|عرض فعاليتين|عرض {n} فعاليات|عرض {n} فعالية|عرض {n} فعالية",
    FilterTheList => "تصفية القائمة: {facet}",
    FilterPlaceholder => "تصفية {facet}…",
    ShowFewer => "عرض أقل",
    ShowAllMore => "عرض الكل ({n} أخرى)",
    ActorsMustMatch => "مطابقة الفاعلين",
    ModeAny => "أيٌّ منهم",
    ModeAll => "جميعهم",
    YearFrom => "من",
    YearTo => "إلى",
    FacetYear => "السنة",
    FacetCountry => "البلد",
    FacetSeries => "السلسلة",
    FacetTheme => "الموضوع",
    FacetStatus => "الحالة",
    FacetKind => "نوع الفاعل",
    FacetActor => "الفاعل",
    FacetRole => "الدور",
    RoleHost => "مضيف",
    RoleOrganizer => "منظِّم",
    RoleSupporter => "داعم",
    RoleChair => "رئيس",
    RoleSpeaker => "متحدث",
    RoleParticipant => "مشارك",
    RoleObserver => "مراقب",
    KindCountry => "بلد",
    KindOrganization => "منظمة",
    KindPerson => "شخص",
    StatusHeld => "انعقدت",
    StatusMentioned => "مذكورة",
    StatusPlanned => "مقررة",
    SortBy => "الترتيب حسب",
    SortRelevance => "الصلة",
    SortDate => "الأقدم أولاً",
    SortDateDesc => "الأحدث أولاً",
    SortName => "الاسم",
    NoEventMatches => "لا توجد فعالية مطابقة. أزل عامل تصفية أو غيّر البحث.",
    ShowMore => "عرض المزيد (معروض {shown} من {total})",
    Themes => "المواضيع",
    ActorWithRole => "{name} ({role})",
    MoreActors => "{n} آخرون",
    DateUnknown => "تاريخ غير معروف",
    BackToResults => "→ العودة إلى النتائج",
    NoEventWithId => "لا توجد فعالية بالمعرّف «{id}»",
    NoActorWithId => "لا يوجد فاعل بالمعرّف «{id}»",
    OtherVersion => "ربما يأتي الرابط من إصدار آخر من البيانات.",
    Dates => "التواريخ",
    Place => "المكان",
    Status => "الحالة",
    Series => "السلسلة",
    Edition => "الدورة",
    Participants => "المشاركون",
    Sources => "المصادر",
    SourceLink => "المصدر",
    Kind => "النوع",
    AlsoKnownAs => "يُعرف أيضاً باسم",
    IsoCode => "رمز ISO",
    Title => "المنصب",
    Affiliation => "الانتماء",
    EventsOfActor => "الفعاليات ({n})",
    MeetsMostOften => "يلتقي أكثر مع",
    NoCoParticipant => "لا يشارك أي فاعل آخر في فعالية مع هذا الفاعل.",
    SharedEvents => "لا فعاليات مشتركة|فعالية مشتركة واحدة|فعاليتان مشتركتان|{n} فعاليات مشتركة|{n} فعالية مشتركة|{n} فعالية مشتركة",
    MatrixOfTwo => "(مصفوفة الاثنين)",
    ParticipationMatrix => "مصفوفة المشاركة",
    OrderRows => "ترتيب الصفوف",
    OrderName => "الاسم",
    OrderEvents => "الفعاليات",
    OrderFirst => "أول ظهور",
    OrderSimilarity => "التشابه",
    GroupRows => "تجميع الصفوف",
    GroupNone => "بلا تجميع",
    GroupKind => "نوع الفاعل",
    GroupCountries => "البلدان",
    GroupOrganizations => "المنظمات",
    GroupPersons => "الأشخاص",
    GroupHeader => "{group} ({n})",
    ColumnTitle => "{name} ({year}): لا فاعلين|{name} ({year}): فاعل واحد|{name} ({year}): فاعلان|{name} ({year}): {n} فاعلين|{name} ({year}): {n} فاعلاً|{name} ({year}): {n} فاعل",
    RowTitle => "{name} ({kind}): لا فعاليات|{name} ({kind}): فعالية واحدة|{name} ({kind}): فعاليتان|{name} ({kind}): {n} فعاليات|{name} ({kind}): {n} فعالية|{name} ({kind}): {n} فعالية",
    NoRole => "لا شيء",
    NotRecordedAt => "لم يُسجَّل {actor} في {event}.",
    ActorAtEvent => "{actor} في {event}: {roles}",
    CellHint => "أشر إلى خلية أو ركّز عليها لترى الدور والمصدر والاقتباس.",
    Legend => "مفتاح الرموز",
    NoMatrix => "لا توجد مشاركة مطابقة. أزل عامل تصفية أو غيّر البحث.",
    MatrixSize => "الفاعلون: {actors} × الفعاليات: {events}",
    TotalsNote => "المجاميع: عدد الفاعلين في كل فعالية تحت اسمها، وعدد فعاليات كل فاعل بعد اسمه.",
    ReadoutEvent => "{name} · {year} · لا فاعلين|{name} · {year} · فاعل واحد|{name} · {year} · فاعلان|{name} · {year} · {n} فاعلين|{name} · {year} · {n} فاعلاً|{name} · {year} · {n} فاعل",
    ReadoutActor => "{name} · {kind} · لا فعاليات|{name} · {kind} · فعالية واحدة|{name} · {kind} · فعاليتان|{name} · {kind} · {n} فعاليات|{name} · {kind} · {n} فعالية|{name} · {kind} · {n} فعالية",
    CellDetails => "تفاصيل الخلية",
    Undated => "بلا تاريخ",
    PrintNote => "طُبع: أول {rows} من {all_rows} فاعلاً و{cols} من {all_cols} فعالية. صفِّ طريقة العرض لطباعة الباقي.",
    PrintCaption => "مصفوفة المشاركة: الفعاليات {from}–{to} من {all} (عدد الفاعلين في كل فعالية تحت اسمها؛ وعدد فعاليات كل فاعل في العمود الأخير)",
    StrongestLinks => "أقوى الروابط",
    SharedEventsColumn => "الفعاليات المشتركة",
    ActorColumn => "الفاعل",
    ShowInSource => "عرض في المصدر",
    OpenData => "فتح بيانات",
    ChooseFile => "اختيار ملف",
    PasteData => "لصق البيانات",
    LinkToData => "رابط البيانات",
    Problems => "المشكلات",
    ShowMoreProblems => "عرض {n} مشكلة أخرى ({left} غير معروضة)|عرض مشكلة أخرى ({left} غير معروضة)|عرض مشكلتين أخريين ({left} غير معروضة)|عرض {n} مشكلات أخرى ({left} غير معروضة)|عرض {n} مشكلة أخرى ({left} غير معروضة)|عرض {n} مشكلة أخرى ({left} غير معروضة)",
    DownloadAsConvene => "تنزيل بصيغة convene/1",
    DataFrom => "بيانات من {host}",
    UndatedHidden => "لا فعاليات بلا تاريخ مخفية|فعالية واحدة بلا تاريخ أخفاها مرشح السنوات.|فعاليتان بلا تاريخ أخفاهما مرشح السنوات.|{n} فعاليات بلا تاريخ أخفاها مرشح السنوات.|{n} فعالية بلا تاريخ أخفاها مرشح السنوات.|{n} فعالية بلا تاريخ أخفاها مرشح السنوات.",
    ShowUndated => "عرض الفعاليات بلا تاريخ|عرض الفعالية بلا تاريخ|عرض الفعاليتين بلا تاريخ|عرض الفعاليات بلا تاريخ|عرض الفعاليات بلا تاريخ|عرض الفعاليات بلا تاريخ",
    IncludingUndated => "لا فعاليات بلا تاريخ.|منها فعالية واحدة بلا تاريخ.|منها فعاليتان بلا تاريخ.|منها {n} فعاليات بلا تاريخ.|منها {n} فعالية بلا تاريخ.|منها {n} فعالية بلا تاريخ.",
    HideUndated => "إخفاء الفعاليات بلا تاريخ|إخفاء الفعالية بلا تاريخ|إخفاء الفعاليتين بلا تاريخ|إخفاء الفعاليات بلا تاريخ|إخفاء الفعاليات بلا تاريخ|إخفاء الفعاليات بلا تاريخ",
    NetworkSvgTitle => "{title}: شبكة المشاركة المشتركة",
    NetworkSummary => "{actors}، {links} (على الأقل {n} فعالية مشتركة)|{actors}، {links} (فعالية مشتركة واحدة على الأقل)|{actors}، {links} (فعاليتان مشتركتان على الأقل)|{actors}، {links} (على الأقل {n} فعاليات مشتركة)|{actors}، {links} (على الأقل {n} فعالية مشتركة)|{actors}، {links} (على الأقل {n} فعالية مشتركة)",
    NetworkActors => "{n} فاعل|{n} فاعل|{n} فاعلان|{n} فاعلين|{n} فاعلاً|{n} فاعل",
    NetworkLinks => "{n} رابط|{n} رابط|{n} رابطان|{n} روابط|{n} رابطاً|{n} رابط",
    NetworkLeftOut => "عرض {actors} الأكثر مشاركة في الفعاليات؛ استُبعد {n} آخرون.|عرض {actors} الأكثر مشاركة في الفعاليات؛ استُبعد فاعل واحد آخر.|عرض {actors} الأكثر مشاركة في الفعاليات؛ استُبعد فاعلان آخران.|عرض {actors} الأكثر مشاركة في الفعاليات؛ استُبعد {n} آخرون.|عرض {actors} الأكثر مشاركة في الفعاليات؛ استُبعد {n} آخرين.|عرض {actors} الأكثر مشاركة في الفعاليات؛ استُبعد {n} آخرون.",
    NoActorMatches => "لا يوجد فاعل مطابق. أزل عامل تصفية أو غيّر البحث.",
    NetworkLegendNote => "المساحة: الفعاليات في طريقة العرض. الخط: الفعاليات المشتركة.",
    DownloadGexf => "تنزيل GEXF",
    DownloadGraphml => "تنزيل GraphML",
    DownloadTwoModeGexf => "تنزيل GEXF ثنائي النمط",
    DownloadTwoModeGraphml => "تنزيل GraphML ثنائي النمط",
    Zoom => "التكبير",
    ZoomIn => "تكبير",
    ZoomOut => "تصغير",
    ResetView => "إعادة ضبط العرض",
    CoParticipationNetwork => "شبكة المشاركة المشتركة",
    NetworkKeys => "مفاتيح الأسهم: الجار في ذلك الاتجاه · Page Up/Down: التالي حسب الحجم · Enter: فتح · + / − / 0: تكبير · Shift + الأسهم: تحريك",
    LinkShared => "لا فعاليات مشتركة: {names}|فعالية مشتركة واحدة: {names}|فعاليتان مشتركتان: {names}|{n} فعاليات مشتركة: {names}|{n} فعالية مشتركة: {names}|{n} فعالية مشتركة: {names}",
    AndMoreShort => " و{n} أخرى",
    NodeAbout => "({kind}، لا فعاليات في طريقة العرض). أقوى الروابط:|({kind}، فعالية واحدة في طريقة العرض). أقوى الروابط:|({kind}، فعاليتان في طريقة العرض). أقوى الروابط:|({kind}، {n} فعاليات في طريقة العرض). أقوى الروابط:|({kind}، {n} فعالية في طريقة العرض). أقوى الروابط:|({kind}، {n} فعالية في طريقة العرض). أقوى الروابط:",
    NodeDetails => "تفاصيل العقدة",
    NodeHint => "أشر إلى عقدة أو ركّز عليها لترى أقوى روابطها.",
    LinkDetails => "تفاصيل الرابط",
    LinkAbout => "لا يتشارك {a} و{b} أي فعالية في طريقة العرض:|يتشارك {a} و{b} فعالية واحدة في طريقة العرض:|يتشارك {a} و{b} فعاليتين في طريقة العرض:|يتشارك {a} و{b} {n} فعاليات في طريقة العرض:|يتشارك {a} و{b} {n} فعالية في طريقة العرض:|يتشارك {a} و{b} {n} فعالية في طريقة العرض:",
    ShowLink => "{n} فعاليات مشتركة: {a} و{b}|{n} فعالية مشتركة: {a} و{b}|{n} فعاليتان مشتركتان: {a} و{b}|{n} فعاليات مشتركة: {a} و{b}|{n} فعالية مشتركة: {a} و{b}|{n} فعالية مشتركة: {a} و{b}",
    StrongestNote => "أقوى {rows} من {n} رابطاً؛ كل الروابط موجودة في تنزيلات GEXF وGraphML.",
    QuotesUnchecked => "لا اقتباسات|تعذّر التحقق من اقتباس واحد في مصدره|تعذّر التحقق من اقتباسين في مصدرهما|تعذّر التحقق من {n} اقتباسات في مصادرها|تعذّر التحقق من {n} اقتباساً في مصادرها|تعذّر التحقق من {n} اقتباس في مصادرها",
    CiteWhat => "استشهاد: {what}",
    CiteParticipation => "الاستشهاد بهذه المشاركة",
    NoSourceWithId => "لا يوجد مصدر بالمعرّف «{id}»",
    LoadingText => "جارٍ تحميل النص…",
    NoText => "لا تتضمن البيانات نص هذه الوثيقة.",
    Publisher => "الناشر",
    Published => "تاريخ النشر",
    SourceLanguage => "اللغة",
    EventsItReports => "الفعاليات التي يغطيها",
    ParticipationsItSupports => "المشاركات التي يثبتها",
    Text => "النص",
    RoleAt => " — {role} في ",
    NotFoundInText => "غير موجود في النص",
    Supports => "يثبت: {what}",
    Describe => "{actor}، {role} في {event}",
    FoundIn => "وُجد في",
    DataFromFile => "بيانات من ملفك {names} (قُرئ في هذا المتصفح ولم يُرفع)؛ رابط هذه الصفحة لا يعمل إلا مع الملف نفسه",
    DataPasted => "بيانات لصقتها (محفوظة في هذا المتصفح)؛ رابط هذه الصفحة لا يتضمنها",
    ColumnReadAs => "يُقرأ العمود {header} على أنه",
    IgnoredColumn => "(مُتجاهَل)",
    FieldEventId => "معرّف الحدث",
    FieldEvent => "الحدث",
    FieldDate => "التاريخ",
    FieldStart => "البداية",
    FieldEnd => "النهاية",
    FieldCity => "المدينة",
    FieldCountry => "البلد",
    FieldVenue => "المكان",
    FieldSeries => "السلسلة",
    FieldThemes => "المواضيع",
    FieldStatus => "الحالة",
    FieldSummary => "الملخص",
    FieldActorId => "معرّف الفاعل",
    FieldActor => "الفاعل",
    FieldActorKind => "نوع الفاعل",
    FieldAcronym => "الاختصار",
    FieldRole => "الدور",
    FieldSource => "المصدر",
    FieldSourceUrl => "رابط المصدر",
    FieldQuote => "الاقتباس",
    PreviewCaption => "{name} ({n} صف، {kind})|{name} (صف واحد، {kind})|{name} (صفان، {kind})|{name} ({n} صفوف، {kind})|{name} ({n} صفًا، {kind})|{name} ({n} صف، {kind})",
    Row => "الصف",
    OpenDataIntro => "تُقرأ الملفات في هذا المتصفح ولا يُرفع شيء. CSV أو TSV (UTF-8) أو JSON بصيغة convene/1.",
    ReadPasted => "قراءة البيانات الملصقة",
    FetchLink => "جلب الرابط",
    SkipProblems => "تخطي الصفوف التي فيها مشكلات",
    Import => "استيراد",
    ShowTheData => "عرض البيانات",
    DatasetRead => "مجموعة بيانات convene/1: {events} فعالية، {actors} فاعلاً، {participations} مشاركة. اعرض البيانات لاستكشافها.",
    ImportPreview => "معاينة",
    ImportSummary => "الصفوف المقروءة: {read}؛ المستوردة: {imported}؛ المتخطّاة: {skipped}؛ الفارغة: {blank}. الفعاليات: {events}؛ الفاعلون: {actors}؛ المشاركات: {participations}، منها بلا دور (قُرئت كمشارك): {roles}، وبلا اقتباس: {quotes}. فعاليات بلا حالة (قُرئت كمنعقدة): {statuses}. فاعلون بلا نوع (قُرئوا كدول من أسمائهم، وإلا كمنظمات): {kinds}.",
    ImportStoppedRows => "لم يُستورد شيء: لا صف فيه مشكلة (مذكورة أدناه). صحّحها في الملف وافتحه من جديد، أو اختر «تخطي الصفوف التي فيها مشكلات» واستورد من جديد لتركها.|لم يُستورد شيء: صف واحد فيه مشكلة (مذكورة أدناه). صحّحها في الملف وافتحه من جديد، أو اختر «تخطي الصفوف التي فيها مشكلات» واستورد من جديد لتركها.|لم يُستورد شيء: صفان فيهما مشكلات (مذكورة أدناه). صحّحها في الملف وافتحه من جديد، أو اختر «تخطي الصفوف التي فيها مشكلات» واستورد من جديد لتركها.|لم يُستورد شيء: {n} صفوف فيها مشكلات (مذكورة أدناه). صحّحها في الملف وافتحه من جديد، أو اختر «تخطي الصفوف التي فيها مشكلات» واستورد من جديد لتركها.|لم يُستورد شيء: {n} صفًا فيها مشكلات (مذكورة أدناه). صحّحها في الملف وافتحه من جديد، أو اختر «تخطي الصفوف التي فيها مشكلات» واستورد من جديد لتركها.|لم يُستورد شيء: {n} صف فيها مشكلات (مذكورة أدناه). صحّحها في الملف وافتحه من جديد، أو اختر «تخطي الصفوف التي فيها مشكلات» واستورد من جديد لتركها.",
    ImportStoppedMapping => "لم يُستورد شيء: لا يمكن قراءة البيانات بإعداد الأعمدة الحالي (المشكلات مذكورة أدناه). غيّر ما يحمله العمود في المعاينة أعلاه، أو صحّح الملف، ثم استورد من جديد.",
    ImportAllSkipped => "لم يُستورد شيء: في كل صف مشكلة (مذكورة أدناه). صحّحها في الملف وافتحه من جديد.",
    ImportNoRows => "لم يُستورد شيء: لا صفوف بيانات تحت صف العناوين (انظر أدناه). صحّح الملف وافتحه من جديد.",
    CancelReading => "إلغاء",
    ReadingData => "قراءة البيانات",
    ReadingProgress => "قُرئ {read} من {total} · {n} صف|قُرئ {read} من {total} · صف واحد|قُرئ {read} من {total} · صفان|قُرئ {read} من {total} · {n} صفوف|قُرئ {read} من {total} · {n} صفًا|قُرئ {read} من {total} · {n} صف",
    ReadingBytes => "قُرئ {read} من {total}",
    ReadingParsing => "قُرئ {read} · جارٍ التحليل",
    ReadingCancelled => "أُلغي: لم يُحمَّل شيء.",
    OrganisationIcon => "منظمة",
    FetchFailed => "تعذّر جلب {url}: لم يتلقَّ المتصفح ردًّا يمكنه قراءته ({error}). ربما الموقع متوقف أو لا يمكن الوصول إليه، أو لا يسمح للمواقع الأخرى بقراءة الملف (CORS)، أو شهادته غير موثوقة.",
    FetchAnswered => "تعذّر جلب البيانات {url}: أجاب الخادم {status}",
    ReadFailed => "تعذّرت قراءة البيانات {url}: {error}",
    DatasetInvalid => "البيانات {url} ليست بصيغة convene/1 صالحة (لا مشكلات):|البيانات {url} ليست بصيغة convene/1 صالحة (مشكلة واحدة):|البيانات {url} ليست بصيغة convene/1 صالحة (مشكلتان):|البيانات {url} ليست بصيغة convene/1 صالحة ({n} مشكلات):|البيانات {url} ليست بصيغة convene/1 صالحة ({n} مشكلة):|البيانات {url} ليست بصيغة convene/1 صالحة ({n} مشكلة):",
    SheetProblems => "في الجدول {url} لا مشكلات:|في الجدول {url} مشكلة واحدة (افتحه عبر «فتح بيانات» لتخطي ذلك الصف):|في الجدول {url} مشكلتان (افتحه عبر «فتح بيانات» لتخطي تلك الصفوف):|في الجدول {url} {n} مشكلات (افتحه عبر «فتح بيانات» لتخطي تلك الصفوف):|في الجدول {url} {n} مشكلة (افتحه عبر «فتح بيانات» لتخطي تلك الصفوف):|في الجدول {url} {n} مشكلة (افتحه عبر «فتح بيانات» لتخطي تلك الصفوف):",
    SheetUnreadable => "لا يمكن استيراد الجدول {url}:",
    SheetEveryRow => "لا يمكن استيراد الجدول {url}: في كل صف مشكلة:",
    LinkHttp => "{url}: روابط http العادية مرفوضة؛ استخدم رابط https://",
    LinkRefused => "{url}: روابط {scheme}: مرفوضة؛ استخدم رابط https:// لملف على موقع ويب",
    LinkUnsupported => "{url}: روابط {scheme}: غير مدعومة؛ استخدم رابط https:// لملف على موقع ويب",
    LinkNotALink => "{url} ليس رابطًا؛ استخدم رابط https:// لملف على موقع ويب",
    LinkNoHost => "{url} لا يسمّي أي مضيف",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_refusals_in_english_are_their_display_text_and_translated_elsewhere() {
        use crate::import::check_data_url;
        for link in [
            "http://example.org/a.csv",
            "data:text/csv,a",
            "javascript:alert(1)",
            "blob:https://example.org/x",
            "ftp://example.org/a.csv",
            "my data.csv",
            "https:///a.csv",
        ] {
            let refusal = check_data_url(link).unwrap_err();
            assert_eq!(
                link_refusal(|k| Lang::En.text(k), &refusal),
                refusal.to_string()
            );
            for lang in [Lang::Fr, Lang::Ar] {
                let words = link_refusal(|k| lang.text(k), &refusal);
                assert!(words.contains(&format!("{link:?}")), "{lang:?}: {words}");
                assert!(!words.contains('{'), "{lang:?}: {words}");
                assert_ne!(words, refusal.to_string(), "{lang:?}");
            }
        }
    }

    /// The catalogue files the app fetches (`public/i18n/`) are written from the
    /// catalogues here; `CONVENE_WRITE_I18N=1 cargo test -p convene-core
    /// catalogue_files` writes them again after a change.
    #[test]
    fn catalogue_files_are_current() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/i18n");
        for lang in [Lang::Fr, Lang::Ar] {
            let path = dir.join(format!("{}.txt", lang.as_str()));
            let want = catalogue_file(lang);
            if std::env::var_os("CONVENE_WRITE_I18N").is_some() {
                std::fs::write(&path, &want).unwrap();
            }
            let have = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                have == want,
                "{} is not the catalogue in crates/convene-core/src/i18n.rs: run CONVENE_WRITE_I18N=1 cargo test -p convene-core catalogue_files",
                path.display()
            );
            let entries = parse_catalogue(lang, &have).unwrap();
            assert_eq!(entries, lang.entries()[..Key::ALL.len()]);
        }
    }

    #[test]
    fn catalogue_file_problems_are_named() {
        let fr = catalogue_file(Lang::Fr);
        let refuse = |file: &str| parse_catalogue(Lang::Fr, file).unwrap_err();
        let html = "<!doctype html><title>Not found</title>";
        assert_eq!(
            refuse(html),
            CatalogueError::NotACatalogue(html.chars().take(40).collect())
        );
        assert!(refuse(html)
            .to_string()
            .contains("line 1 is not a convene-i18n/1 header"));
        assert_eq!(refuse(""), CatalogueError::NotACatalogue(String::new()));
        assert_eq!(
            parse_catalogue(Lang::Ar, &fr).unwrap_err(),
            CatalogueError::OtherLanguage("fr".into())
        );
        // A file for another version: a key more, or other English.
        let (header, body) = fr.split_once('\n').unwrap();
        let print = format!("{:08x}", english_fingerprint());
        let more = header.replace(
            &format!(" {} ", Key::ALL.len()),
            &format!(" {} ", Key::ALL.len() + 1),
        );
        let err = refuse(&format!("{more}\n{body}"));
        assert!(matches!(err, CatalogueError::OtherVersion(..)), "{err:?}");
        assert!(
            err.to_string().contains("another version of Convene"),
            "{err}"
        );
        let other = header.replace(&print, "00000000");
        assert!(matches!(
            refuse(&format!("{other}\n{body}")),
            CatalogueError::OtherVersion(..)
        ));
        // Cut short, in the middle of an entry or after one.
        let cut = &fr[..fr.len() / 2];
        let cut = &cut[..cut.rfind(SEP).unwrap()];
        assert!(
            matches!(refuse(cut), CatalogueError::Count { expected, .. } if expected == Key::ALL.len())
        );
        assert_eq!(
            refuse(&format!("{header}\n")),
            CatalogueError::Count {
                expected: Key::ALL.len(),
                found: 0
            }
        );
        let fewer = &fr[..fr[..fr.len() - 1].rfind(SEP).unwrap() + 1];
        assert_eq!(
            refuse(fewer),
            CatalogueError::Count {
                expected: Key::ALL.len(),
                found: Key::ALL.len() - 1
            }
        );
        // An empty entry: the fifth.
        let mut entries = Lang::Fr.entries();
        entries[4] = " ";
        let blank = format!("{header}\n{}", entries.join("\u{1f}"));
        assert_eq!(refuse(&blank), CatalogueError::EmptyEntry(5));
        assert_eq!(refuse(&blank).to_string(), "entry 5 is empty");
        // Windows line ends in the header are read.
        assert!(parse_catalogue(Lang::Fr, &fr.replacen('\n', "\r\n", 1)).is_ok());
    }

    fn is_plural(text: &str) -> bool {
        text.contains('|')
    }

    /// A key missing, repeated or out of order in a translation would shift every
    /// entry after it: the keys as written must be exactly `Key::ALL`.
    /// Issue 13's trial: the mapping editor's "read as" options were English
    /// field names on French and Arabic pages.
    #[test]
    fn field_names_are_translated_and_english_matches_the_label() {
        use crate::import::mapping::Field;
        for f in Field::ALL {
            assert_eq!(Lang::En.text(Key::field(f)), f.label());
            assert_ne!(Lang::Ar.text(Key::field(f)), f.label(), "{f:?}");
        }
        assert_eq!(Lang::Fr.text(Key::field(Field::Start)), "début");
    }

    #[test]
    fn every_catalogue_lists_every_key_in_order() {
        assert_eq!(FR_KEYS, Key::ALL, "French catalogue keys");
        assert_eq!(AR_KEYS, Key::ALL, "Arabic catalogue keys");
        for lang in Lang::ALL {
            assert_eq!(
                lang.entries().len(),
                Key::ALL.len() + 1,
                "{lang:?}: one entry per key, then the empty rest after the last separator"
            );
        }
        for (i, key) in Key::ALL.iter().enumerate() {
            assert_eq!(*key as usize, i);
        }
        assert_eq!(Lang::Fr.text(Key::Language), "Langue");
        assert_eq!(Lang::En.text(Key::ShowTheData), "Show the data");
    }

    #[test]
    fn no_entry_is_empty_in_any_catalogue() {
        for &key in Key::ALL {
            for lang in Lang::ALL {
                let text = lang.text(key);
                assert!(!text.trim().is_empty(), "{lang:?} {key:?} is empty");
                for form in text.split('|') {
                    assert!(
                        !form.trim().is_empty(),
                        "{lang:?} {key:?} has an empty form"
                    );
                }
            }
        }
    }

    #[test]
    fn placeholders_match_english_in_every_language() {
        for &key in Key::ALL {
            let english = Lang::En.text(key);
            let expected = placeholders(plural_form(english, PluralCategory::Other));
            for lang in [Lang::Fr, Lang::Ar] {
                let text = lang.text(key);
                assert_eq!(
                    is_plural(english),
                    is_plural(text),
                    "{lang:?} {key:?}: plural in one catalogue, not the other"
                );
                // The `other` form names every value; the others may leave the
                // number out ("فعاليتان", two events) but name nothing new.
                let other = plural_form(text, PluralCategory::Other);
                assert_eq!(placeholders(other), expected, "{lang:?} {key:?}: {text}");
                for form in text.split('|') {
                    for name in placeholders(form) {
                        assert!(
                            expected.contains(&name),
                            "{lang:?} {key:?}: unknown placeholder {{{name}}}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn plural_entries_have_two_or_six_forms_and_arabic_six() {
        for &key in Key::ALL {
            for lang in Lang::ALL {
                let text = lang.text(key);
                if !is_plural(text) {
                    continue;
                }
                let forms = text.split('|').count();
                let want: &[usize] = if lang == Lang::Ar { &[6] } else { &[2] };
                assert!(want.contains(&forms), "{lang:?} {key:?} has {forms} forms");
            }
        }
    }

    #[test]
    fn plural_forms_are_chosen_by_category() {
        let en = Lang::En.text(Key::EventCount);
        assert_eq!(plural_form(en, PluralCategory::One), "{n} event");
        assert_eq!(plural_form(en, PluralCategory::Other), "{n} events");
        assert_eq!(plural_form(en, PluralCategory::Many), "{n} events");
        let ar = Lang::Ar.text(Key::EventCount);
        assert_eq!(plural_form(ar, PluralCategory::Two), "فعاليتان");
        assert_eq!(plural_form(ar, PluralCategory::Few), "{n} فعاليات");
        assert_eq!(plural_form("only", PluralCategory::Two), "only");
        assert_eq!(PluralCategory::parse("few"), PluralCategory::Few);
        assert_eq!(PluralCategory::parse("bogus"), PluralCategory::Other);
    }

    #[test]
    fn templates_split_and_fill() {
        assert_eq!(
            segments("{name} at {event}."),
            vec![
                Segment::Arg("name"),
                Segment::Text(" at "),
                Segment::Arg("event"),
                Segment::Text(".")
            ]
        );
        assert_eq!(segments("a { b"), vec![Segment::Text("a { b")]);
        assert_eq!(fill("{n} more", &[("n", "3")]), "3 more");
        assert_eq!(fill("{n} and {m}", &[("n", "3")]), "3 and {m}");
        assert_eq!(placeholders("{b}{a}{b}"), vec!["a", "b"]);
    }

    /// The English entries are the accessible-name contract of `shared/DESIGN.md`
    /// and the words the core's enums show: a translation must not change them.
    #[test]
    fn english_keeps_the_contract_names() {
        for facet in Facet::ALL {
            assert_eq!(Lang::En.text(Key::facet(facet)), facet.label());
        }
        for sort in EventSort::ALL {
            assert_eq!(Lang::En.text(Key::sort(sort)), sort.label());
        }
        for order in RowOrder::ALL {
            assert_eq!(Lang::En.text(Key::order(order)), order.label());
        }
        for grouping in RowGrouping::ALL {
            assert_eq!(Lang::En.text(Key::grouping(grouping)), grouping.label());
        }
        for mode in ActorMode::ALL {
            assert_eq!(Lang::En.text(Key::mode(mode)), mode.label());
        }
        for view in ViewKind::ALL {
            assert_eq!(Lang::En.text(Key::view(view)), view.label());
        }
        for role in Role::ALL {
            assert_eq!(Lang::En.text(Key::role(role)), role.as_str());
        }
        for kind in ActorKind::ALL {
            assert_eq!(Lang::En.text(Key::kind(kind)), kind.as_str());
        }
        for status in EventStatus::ALL {
            assert_eq!(Lang::En.text(Key::status(status)), status.as_str());
        }
        let contract = [
            (Key::Search, "Search"),
            (Key::ParticipationMatrix, "Participation matrix"),
            (Key::OrderRows, "Order rows"),
            (Key::CopyLink, "Copy link"),
            (Key::Embed, "Embed"),
            (Key::DownloadCsv, "Download CSV"),
            (Key::DownloadJson, "Download JSON"),
            (Key::OpenData, "Open data"),
            (Key::ChooseFile, "Choose file"),
            (Key::PasteData, "Paste data"),
            (Key::LinkToData, "Link to data"),
            (Key::Problems, "Problems"),
            (Key::DownloadAsConvene, "Download as convene/1"),
            (Key::DataFrom, "Data from {host}"),
            (Key::ViewNetwork, "Network"),
            (Key::StrongestLinks, "Strongest links"),
            (Key::ShowInSource, "Show in source"),
            (Key::Language, "Language"),
        ];
        for (key, name) in contract {
            assert_eq!(Lang::En.text(key), name);
        }
        let mut roles = RoleSet::EMPTY;
        roles.insert(Role::Host);
        roles.insert(Role::Speaker);
        assert_eq!(Lang::En.describe_roles(roles), roles.describe());
        assert_eq!(Lang::Ar.describe_roles(roles), "مضيف، متحدث");
    }

    #[test]
    fn the_language_switch_is_named_in_each_language() {
        assert_eq!(Lang::Fr.text(Key::Language), "Langue");
        assert_eq!(Lang::Ar.text(Key::Language), "اللغة");
    }

    #[test]
    fn browser_languages_choose_the_first_supported() {
        assert_eq!(Lang::from_browser(["de-DE", "fr-CA", "en"]), Lang::Fr);
        assert_eq!(Lang::from_browser(["AR-ma"]), Lang::Ar);
        assert_eq!(Lang::from_browser(["ar_EG"]), Lang::Ar);
        assert_eq!(Lang::from_browser(["de", "es"]), Lang::En);
        assert_eq!(Lang::from_browser([]), Lang::En);
        assert_eq!(Lang::from_browser(["", "fr"]), Lang::Fr);
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.as_str()), Some(lang));
        }
        assert_eq!(Lang::parse("EN"), None);
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::Fr.dir(), "ltr");
    }
}
