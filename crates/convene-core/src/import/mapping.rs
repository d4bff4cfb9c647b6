//! Which column holds which field: guessed from the header row (English and
//! French names, case- and accent-insensitive), shown to the user, changeable.

use std::fmt;

use super::table::Table;
use crate::search::fold;

/// A field a spreadsheet column can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The event's id, to join a participations sheet to an events sheet.
    EventId,
    /// The event's name (required in a participations sheet, with or instead of
    /// [`Field::EventId`]).
    Event,
    /// The date of a one-day (or unknown-length) event: read as its start.
    Date,
    /// First day.
    Start,
    /// Last day.
    End,
    /// City.
    City,
    /// Host country: an English or French name or an ISO 3166 code.
    Country,
    /// Building or hotel.
    Venue,
    /// Recurring series.
    Series,
    /// Themes, several in one cell separated by `;`, `,`, `|`, ` / ` or line breaks.
    Themes,
    /// Held, mentioned or planned (English or French words).
    Status,
    /// A summary of the event.
    Summary,
    /// The actor's id, to join a participations sheet to an actors sheet.
    ActorId,
    /// The actor's name (required in a participations sheet, with or instead of
    /// [`Field::ActorId`]).
    Actor,
    /// Country, organisation or person (English or French words).
    ActorKind,
    /// Short form of an organisation.
    Acronym,
    /// The part played (host, organizer, ...); empty reads as participant.
    Role,
    /// The source: a title or a URL.
    Source,
    /// The source's URL, beside its title.
    SourceUrl,
    /// The verbatim quote; may be empty ("no quote").
    Quote,
}

impl Field {
    /// Every field, in the order a mapping editor lists them.
    pub const ALL: [Field; 20] = [
        Field::EventId,
        Field::Event,
        Field::Date,
        Field::Start,
        Field::End,
        Field::City,
        Field::Country,
        Field::Venue,
        Field::Series,
        Field::Themes,
        Field::Status,
        Field::Summary,
        Field::ActorId,
        Field::Actor,
        Field::ActorKind,
        Field::Acronym,
        Field::Role,
        Field::Source,
        Field::SourceUrl,
        Field::Quote,
    ];

    /// The field's name in English, as a mapping editor shows it.
    pub fn label(self) -> &'static str {
        match self {
            Field::EventId => "event id",
            Field::Event => "event",
            Field::Date => "date",
            Field::Start => "start",
            Field::End => "end",
            Field::City => "city",
            Field::Country => "country",
            Field::Venue => "venue",
            Field::Series => "series",
            Field::Themes => "themes",
            Field::Status => "status",
            Field::Summary => "summary",
            Field::ActorId => "actor id",
            Field::Actor => "actor",
            Field::ActorKind => "actor kind",
            Field::Acronym => "acronym",
            Field::Role => "role",
            Field::Source => "source",
            Field::SourceUrl => "source url",
            Field::Quote => "quote",
        }
    }

    /// Whether the field describes an event (rather than an actor or a row).
    pub fn is_event_field(self) -> bool {
        matches!(
            self,
            Field::EventId
                | Field::Event
                | Field::Date
                | Field::Start
                | Field::End
                | Field::City
                | Field::Country
                | Field::Venue
                | Field::Series
                | Field::Themes
                | Field::Status
                | Field::Summary
        )
    }

    /// Whether the field describes an actor.
    pub fn is_actor_field(self) -> bool {
        matches!(
            self,
            Field::ActorId | Field::Actor | Field::ActorKind | Field::Acronym
        )
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Header names, folded (lowercase, no accents, punctuation as single spaces),
/// for each field: English, then French.
const HEADERS: &[(Field, &[&str])] = &[
    (
        Field::EventId,
        &[
            "event id",
            "eventid",
            "id event",
            "event code",
            "event ref",
            "id evenement",
            "identifiant evenement",
            "identifiant de l evenement",
            "code evenement",
            "id reunion",
        ],
    ),
    (
        Field::Event,
        &[
            "event",
            "event name",
            "event title",
            "meeting",
            "meeting name",
            "conference",
            "evenement",
            "nom de l evenement",
            "nom evenement",
            "titre de l evenement",
            "intitule de l evenement",
            "reunion",
            "nom de la reunion",
            "rencontre",
            // Headers of real sheets (session 9's trial: a column named so was
            // left unmapped, and the sheet read as an actors list).
            "meeting title",
            "title of meeting",
            "title of the meeting",
            "name of meeting",
            "name of the meeting",
            "name of event",
            "name of the event",
            "conference name",
            "conference title",
            "workshop",
            "titre de la reunion",
            "intitule de la reunion",
            "intitule de la rencontre",
            "nom de la conference",
            "titre de la conference",
        ],
    ),
    (
        Field::Date,
        &[
            "date",
            "event date",
            "date of event",
            "when",
            "day",
            "date of the event",
            "date de l evenement",
            "jour",
            "quand",
        ],
    ),
    (
        Field::Start,
        &[
            "start",
            "start date",
            "starts",
            "from",
            "begin",
            "date start",
            "debut",
            "date de debut",
            "date debut",
            "du",
        ],
    ),
    (
        Field::End,
        &[
            "end",
            "end date",
            "ends",
            "to",
            "until",
            "date end",
            "fin",
            "date de fin",
            "date fin",
            "au",
            "jusqu au",
        ],
    ),
    (
        Field::City,
        &[
            "city", "cities", "town", "place", "location", "ville", "lieu", "localite",
        ],
    ),
    (
        Field::Country,
        &[
            "country",
            "host country",
            "country of event",
            "countries",
            "pays",
            "pays hote",
            "pays d accueil",
            "pays de l evenement",
        ],
    ),
    (
        Field::Venue,
        &[
            "venue",
            "building",
            "hotel",
            "salle",
            "batiment",
            "lieu exact",
        ],
    ),
    (
        Field::Series,
        &[
            "series",
            "event series",
            "serie",
            "cycle",
            "serie d evenements",
        ],
    ),
    (
        Field::Themes,
        &[
            "theme",
            "themes",
            "topic",
            "topics",
            "tags",
            "subject",
            "subjects",
            "sujet",
            "sujets",
            "thematique",
            "thematiques",
            "mots cles",
        ],
    ),
    (Field::Status, &["status", "event status", "statut", "etat"]),
    (
        Field::Summary,
        &["summary", "description", "resume", "synthese"],
    ),
    (
        Field::ActorId,
        &[
            "actor id",
            "actorid",
            "id actor",
            "actor code",
            "participant id",
            "organisation id",
            "organization id",
            "id acteur",
            "identifiant acteur",
            "identifiant de l acteur",
            "id participant",
            "code acteur",
        ],
    ),
    (
        Field::Actor,
        &[
            "actor",
            "actor name",
            "participant",
            "participant name",
            "participants",
            "organisation",
            "organization",
            "attendee",
            "entity",
            "delegation",
            "acteur",
            "nom de l acteur",
            "nom acteur",
            "nom du participant",
            "entite",
            "organisme",
            "structure",
        ],
    ),
    (
        Field::ActorKind,
        &[
            "actor kind",
            "actor type",
            "kind",
            "type",
            "participant type",
            "category",
            "type d acteur",
            "type acteur",
            "type de participant",
            "nature",
            "categorie",
        ],
    ),
    (
        Field::Acronym,
        &["acronym", "abbreviation", "short name", "acronyme", "sigle"],
    ),
    (
        Field::Role,
        &[
            "role",
            "actor role",
            "part",
            "capacity",
            "role de l acteur",
            "qualite",
            "en qualite de",
        ],
    ),
    (
        Field::Source,
        &[
            "source",
            "source title",
            "reference",
            "document",
            "source document",
            "titre de la source",
            "titre source",
            "document source",
        ],
    ),
    (
        Field::SourceUrl,
        &[
            "url",
            "link",
            "source url",
            "source link",
            "lien",
            "lien source",
            "url de la source",
            "lien de la source",
        ],
    ),
    (
        Field::Quote,
        &[
            "quote", "citation", "excerpt", "extract", "evidence", "passage", "extrait", "preuve",
            "texte",
        ],
    ),
];

/// Headers that name an id or a name without saying of what: resolved by the
/// sheet's [`SheetKind`] (an events sheet's `id` is the event id).
const GENERIC_ID: &[&str] = &[
    "id",
    "identifiant",
    "identifier",
    "code",
    "ref",
    "reference id",
];
const GENERIC_NAME: &[&str] = &[
    "name", "nom", "title", "titre", "intitule", "libelle", "label",
];

/// A header folded for matching: [`fold`]ed, every run of non-alphanumeric
/// characters (apostrophes, `_`, `-`, `(`) one space, trimmed.
pub fn normalize_header(header: &str) -> String {
    let folded = fold(header);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The keys a header is matched by, most specific first: the whole header
/// ([`normalize_header`]); without what it says in parentheses or brackets (a
/// unit, a format or a note: `Start date (YYYY-MM-DD)`, `Country (ISO3)`,
/// `Theme(s)`); then each part of a bilingual or alternative header split on
/// `/` or `|` (`Pays / Country`, `City/Town`). Each key is followed by its
/// singular when its last word ends in `s` (`Actors`, `Rôles`).
///
/// ```
/// use convene_core::import::mapping::header_keys;
/// assert_eq!(header_keys("Date (début)")[..2], ["date debut", "date"]);
/// assert!(header_keys("Pays / Country").contains(&"country".to_string()));
/// ```
pub fn header_keys(header: &str) -> Vec<String> {
    let mut bare = String::with_capacity(header.len());
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    let mut keys: Vec<String> = Vec::new();
    let mut add = |key: String| {
        if key.is_empty() || keys.contains(&key) {
            return;
        }
        let singular =
            (key.len() > 3 && key.ends_with('s')).then(|| key[..key.len() - 1].to_string());
        keys.push(key);
        if let Some(s) = singular {
            if !keys.contains(&s) {
                keys.push(s);
            }
        }
    };
    add(normalize_header(header));
    add(normalize_header(&bare));
    if bare.contains(['/', '|']) {
        for part in bare.split(['/', '|']) {
            add(normalize_header(part));
        }
    }
    keys
}

/// The field a header names, if any (generic `id`/`name` excepted): the
/// first of its [`header_keys`] that is one of the field's names.
///
/// ```
/// use convene_core::import::mapping::{field_for_header, Field};
/// assert_eq!(field_for_header("Date (fin)"), Some(Field::End));
/// assert_eq!(field_for_header("Country (ISO3)"), Some(Field::Country));
/// assert_eq!(field_for_header("Rôle de l'acteur"), Some(Field::Role));
/// ```
pub fn field_for_header(header: &str) -> Option<Field> {
    header_keys(header).iter().find_map(|key| {
        HEADERS
            .iter()
            .find(|(_, names)| names.contains(&key.as_str()))
            .map(|(f, _)| *f)
    })
}

/// What a sheet lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    /// One row per participation (an event and an actor on each row).
    Participations,
    /// One row per event, joined to participation rows by id or name.
    Events,
    /// One row per actor, joined to participation rows by id or name.
    Actors,
}

impl SheetKind {
    /// "participations", "events" or "actors".
    pub fn as_str(self) -> &'static str {
        match self {
            SheetKind::Participations => "participations",
            SheetKind::Events => "events",
            SheetKind::Actors => "actors",
        }
    }
}

/// The column mapping of one table: for each column (by index), the field it
/// feeds, or `None` (ignored, and listed as such in the preview). The UI shows
/// it and may change it with [`Mapping::set`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// What the sheet lists.
    pub kind: SheetKind,
    /// One entry per header column.
    pub columns: Vec<Option<Field>>,
}

impl Mapping {
    /// Guesses the mapping of `table` from its headers, and its kind from its
    /// columns and name:
    /// - a sheet with an event column and an actor column lists participations;
    ///   so does one with an actor column and a role, quote, date, place,
    ///   series, themes or status column but no recognised event column, unless
    ///   its name says actors (its bare "title"/"titre"/"intitulé"
    ///   column is then the event; otherwise [`Mapping::problems`] says that
    ///   the event column is missing);
    /// - otherwise a name holding "event"/"événement"/"réunion"/"meeting", or
    ///   columns that only describe events (date, city, ...), make an events
    ///   sheet; "actor"/"acteur"/"organisation" or an actor-kind column an
    ///   actors sheet;
    /// - generic `id` and `name`/`nom` columns then become the event's or the
    ///   actor's id and name.
    ///
    /// A field named by two columns keeps the first; the second is left
    /// unmapped (and [`Mapping::problems`] does not object, the preview shows it).
    pub fn guess(table: &Table) -> Mapping {
        let mut columns: Vec<Option<Field>> =
            table.headers.iter().map(|h| field_for_header(h)).collect();
        // The first column naming a field wins.
        for i in 0..columns.len() {
            if let Some(f) = columns[i] {
                if columns[..i].contains(&Some(f)) {
                    columns[i] = None;
                }
            }
        }
        let has = |f: Field| columns.contains(&Some(f));
        let has_event = has(Field::Event) || has(Field::EventId);
        let has_actor = has(Field::Actor) || has(Field::ActorId);
        let name = normalize_header(&table.name);
        let named = |words: &[&str]| words.iter().any(|w| name.contains(w));
        // Columns only a participations sheet has (an actors sheet has no role,
        // quote or dates): with an actor column and no event column, the sheet
        // lists participations whose event column was not recognised, and
        // `problems` says so, rather than reading it as a list of actors.
        let rows_of_participations = has_actor
            && columns.iter().flatten().any(|f| {
                matches!(
                    f,
                    Field::Role
                        | Field::Quote
                        | Field::Date
                        | Field::Start
                        | Field::End
                        | Field::City
                        | Field::Venue
                        | Field::Series
                        | Field::Themes
                        | Field::Status
                )
            });
        let named_actors = named(&[
            "actor",
            "acteur",
            "organisation",
            "organization",
            "participant",
        ]);
        let named_events = named(&["event", "evenement", "reunion", "meeting"]);
        let kind = if (has_event && has_actor) || (rows_of_participations && !named_actors) {
            SheetKind::Participations
        } else if named_actors
            || (!has_event && (has_actor || has(Field::ActorKind) || has(Field::Acronym)))
        {
            SheetKind::Actors
        } else if named_events || columns.iter().flatten().any(|f| f.is_event_field()) {
            SheetKind::Events
        } else {
            SheetKind::Participations
        };
        for (i, header) in table.headers.iter().enumerate() {
            if columns[i].is_some() {
                continue;
            }
            let keys = header_keys(header);
            let is = |words: &[&str]| keys.iter().any(|k| words.contains(&k.as_str()));
            let field = if is(GENERIC_ID) {
                match kind {
                    SheetKind::Events => Some(Field::EventId),
                    SheetKind::Actors => Some(Field::ActorId),
                    SheetKind::Participations => None,
                }
            } else if is(GENERIC_NAME) {
                match kind {
                    SheetKind::Events => Some(Field::Event),
                    SheetKind::Actors => Some(Field::Actor),
                    // The actor is named already: a bare "Title" ("Titre",
                    // "Intitulé") is the event's.
                    SheetKind::Participations if has_actor && !has_event => Some(Field::Event),
                    SheetKind::Participations => None,
                }
            } else {
                None
            };
            if field.is_some_and(|f| !columns.contains(&Some(f))) {
                columns[i] = field;
            }
        }
        Mapping { kind, columns }
    }

    /// Maps `column` to `field` (or to nothing). A field can feed from one
    /// column only: another column that held `field` is unmapped. A column
    /// index past the header's is ignored.
    pub fn set(&mut self, column: usize, field: Option<Field>) {
        if column >= self.columns.len() {
            return;
        }
        if let Some(f) = field {
            for c in self.columns.iter_mut() {
                if *c == Some(f) {
                    *c = None;
                }
            }
        }
        self.columns[column] = field;
        self.settle_kind();
    }

    /// Makes the kind follow the columns after they were changed by hand: a
    /// sheet with both an event column and an actor column lists
    /// participations (mapping a column to "event" in an actors sheet makes
    /// it one). [`Mapping::set`] calls it; so must code that assigns
    /// `columns` directly.
    pub fn settle_kind(&mut self) {
        let has = |f: Field| self.columns.contains(&Some(f));
        if (has(Field::Event) || has(Field::EventId)) && (has(Field::Actor) || has(Field::ActorId))
        {
            self.kind = SheetKind::Participations;
        }
    }

    /// The column that feeds `field`, if any.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(field))
    }

    /// Why this mapping cannot be imported: each missing required field, in
    /// words. A participations sheet needs an event (name or id) and an actor
    /// (name or id); an events sheet an event; an actors sheet an actor; `date`
    /// and `start` cannot both be mapped (which is the start?).
    pub fn problems(&self) -> Vec<String> {
        let has = |f: Field| self.column(f).is_some();
        let mut out = Vec::new();
        let needs_event = matches!(self.kind, SheetKind::Participations | SheetKind::Events);
        let needs_actor = matches!(self.kind, SheetKind::Participations | SheetKind::Actors);
        if needs_event && !has(Field::Event) && !has(Field::EventId) {
            out.push(
                "no column for the event (a header like \"event\", \"événement\" or \"event id\")"
                    .to_string(),
            );
        }
        if needs_actor && !has(Field::Actor) && !has(Field::ActorId) {
            out.push("no column for the actor (a header like \"actor\", \"participant\", \"organisation\" or \"actor id\")".to_string());
        }
        if has(Field::Date) && has(Field::Start) {
            out.push(
                "both a \"date\" and a \"start\" column: map only one of them as the start"
                    .to_string(),
            );
        }
        out
    }
}

/// The first rows of a table as the mapping reads them: for the UI's preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// Each header with the field it is mapped to (`None`: ignored).
    pub columns: Vec<(String, Option<Field>)>,
    /// Up to `n` rows: the row number and every cell, trimmed.
    pub rows: Vec<(usize, Vec<String>)>,
}

/// The first `n` rows of `table` under `mapping`.
pub fn preview(table: &Table, mapping: &Mapping, n: usize) -> Preview {
    Preview {
        columns: table
            .headers
            .iter()
            .cloned()
            .zip(mapping.columns.iter().copied())
            .collect(),
        rows: (0..table.len().min(n))
            .map(|i| {
                let row = table.row(i);
                (
                    row.number,
                    (0..table.headers.len())
                        .map(|c| row.get(c).to_string())
                        .collect(),
                )
            })
            .collect(),
    }
}
