//! The query vocabulary: the words a view and a query are made of (facets, the
//! actor mode, the event sorts, the views, the matrix orders and groupings), each
//! with the word the URL uses ([`crate::view`]) and its English label.
//!
//! These are plain enums with no behaviour beyond naming, so every layer above the
//! model can use them: the view state and its URL codec ([`crate::view`]), the
//! interface languages ([`crate::i18n`]), the engine ([`crate::engine`]) and the
//! views over a selection ([`crate::matrix`]). They were defined in `engine`,
//! `view` and `matrix`, which made those modules import each other (issue 12); those
//! modules re-export them, so `convene_core::engine::Facet` and the like still work.

/// A facet: one group of filter values in the side panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// The years an event runs in (a range in the URL; see the module docs).
    Year,
    /// The event's host country.
    Country,
    /// The series the event belongs to.
    Series,
    /// The event's themes.
    Theme,
    /// Held, mentioned, planned.
    Status,
    /// The kind of a participating actor.
    Kind,
    /// A participating actor.
    Actor,
    /// The role of a participation.
    Role,
}

impl Facet {
    /// Every facet, in the order of [`crate::engine::Selection::facets`].
    pub const ALL: [Facet; 8] = [
        Facet::Year,
        Facet::Country,
        Facet::Series,
        Facet::Theme,
        Facet::Status,
        Facet::Kind,
        Facet::Actor,
        Facet::Role,
    ];

    /// The URL parameter that holds this facet's selection.
    pub fn as_str(self) -> &'static str {
        match self {
            Facet::Year => "years",
            Facet::Country => "country",
            Facet::Series => "series",
            Facet::Theme => "theme",
            Facet::Status => "status",
            Facet::Kind => "kind",
            Facet::Actor => "actor",
            Facet::Role => "role",
        }
    }

    /// The facet's name as shown (the fieldset's legend).
    pub fn label(self) -> &'static str {
        match self {
            Facet::Year => "Year",
            Facet::Country => "Country",
            Facet::Series => "Series",
            Facet::Theme => "Theme",
            Facet::Status => "Status",
            Facet::Kind => "Actor kind",
            Facet::Actor => "Actor",
            Facet::Role => "Role",
        }
    }

    /// Whether this facet filters participations (rather than events).
    pub fn is_participation_facet(self) -> bool {
        matches!(self, Facet::Kind | Facet::Actor | Facet::Role)
    }
}

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
    /// The co-participation network (actors linked by shared events).
    Network,
}

impl ViewKind {
    /// Every view, in display order.
    pub const ALL: [ViewKind; 3] = [ViewKind::Events, ViewKind::Matrix, ViewKind::Network];

    /// The word used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            ViewKind::Events => "events",
            ViewKind::Matrix => "matrix",
            ViewKind::Network => "network",
        }
    }

    /// The tab's name.
    pub fn label(self) -> &'static str {
        match self {
            ViewKind::Events => "Events",
            ViewKind::Matrix => "Matrix",
            ViewKind::Network => "Network",
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

/// How the matrix rows are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum RowOrder {
    /// Most events first, then by name: the regulars on top.
    #[default]
    Events,
    /// Alphabetical, case- and accent-insensitive.
    Name,
    /// By the column of the actor's first event, then by name.
    FirstAppearance,
    /// Actors that attend the same events next to each other (a seriation).
    Similarity,
}

impl RowOrder {
    /// Every order, in the order of the "Order rows" select.
    pub const ALL: [RowOrder; 4] = [
        RowOrder::Name,
        RowOrder::Events,
        RowOrder::FirstAppearance,
        RowOrder::Similarity,
    ];

    /// The word used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            RowOrder::Name => "name",
            RowOrder::Events => "events",
            RowOrder::FirstAppearance => "first",
            RowOrder::Similarity => "similarity",
        }
    }

    /// The option's label.
    pub fn label(self) -> &'static str {
        match self {
            RowOrder::Name => "Name",
            RowOrder::Events => "Events",
            RowOrder::FirstAppearance => "First appearance",
            RowOrder::Similarity => "Similarity",
        }
    }

    /// Parses the word used in URLs.
    pub fn parse(word: &str) -> Option<RowOrder> {
        RowOrder::ALL.into_iter().find(|o| o.as_str() == word)
    }
}

/// How the matrix rows are grouped (`group=` in the URL).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum RowGrouping {
    /// One list of rows in the chosen [`RowOrder`].
    #[default]
    None,
    /// Rows grouped by actor kind (countries, then organisations, then persons,
    /// the order of [`crate::model::ActorKind::ALL`]), each group in the chosen [`RowOrder`] and
    /// introduced by a group header.
    Kind,
}

impl RowGrouping {
    /// Every grouping, in the order of the "Group rows" select.
    pub const ALL: [RowGrouping; 2] = [RowGrouping::None, RowGrouping::Kind];

    /// The word used in URLs (`none` is the default and is not written).
    pub fn as_str(self) -> &'static str {
        match self {
            RowGrouping::None => "none",
            RowGrouping::Kind => "kind",
        }
    }

    /// The option's label.
    pub fn label(self) -> &'static str {
        match self {
            RowGrouping::None => "None",
            RowGrouping::Kind => "Actor kind",
        }
    }

    /// Parses the word used in URLs.
    pub fn parse(word: &str) -> Option<RowGrouping> {
        RowGrouping::ALL.into_iter().find(|g| g.as_str() == word)
    }
}
