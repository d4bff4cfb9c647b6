//! What the engine is asked: the filters, the text search, the actor mode and the
//! event order of a view, without its presentation (which view, matrix order,
//! network cuts, open panel, language, embed chrome).
//!
//! A [`crate::view::ViewState`] is a `Query` plus presentation: it holds one in
//! [`crate::view::ViewState::query`] and dereferences to it, so `view.countries`
//! reads the query's field and `engine.query(&view)` passes the view's query
//! (deref coercion). [`crate::engine::Engine::query`] takes only a `Query`, so the
//! engine does not depend on the URL codec (issue 12). The rules each field
//! follows are the engine's (see [`crate::engine`]); the URL words are the codec's
//! (see [`crate::view`]).

use std::collections::BTreeSet;

use crate::enum_set::EnumSet;

use crate::model::{ActorKind, EventStatus, Role};
use crate::vocab::{ActorMode, EventSort};

/// The filters, search and order that select and sort events.
///
/// The default is no search and no filter, actor mode Any, oldest first: every
/// event of the dataset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Text search; blank means no text filter.
    pub q: String,
    /// First year shown (inclusive), if bounded.
    pub year_from: Option<i32>,
    /// Last year shown (inclusive), if bounded.
    pub year_to: Option<i32>,
    /// With a year filter, also show undated events (`undated=1`); without one,
    /// undated events show anyway and this changes nothing.
    pub undated: bool,
    /// Selected host countries (ISO 3166-1 alpha-3 codes).
    pub countries: BTreeSet<String>,
    /// Selected series.
    pub series: BTreeSet<String>,
    /// Selected themes.
    pub themes: BTreeSet<String>,
    /// Selected statuses.
    pub statuses: EnumSet<EventStatus>,
    /// Selected actor kinds.
    pub kinds: EnumSet<ActorKind>,
    /// Selected actors (ids).
    pub actors: BTreeSet<String>,
    /// Selected roles.
    pub roles: EnumSet<Role>,
    /// Whether any or all selected actors must take part.
    pub actor_mode: ActorMode,
    /// Order of the event list ([`crate::engine::Selection::events`]); the engine
    /// sorts, so the order is part of the query.
    pub sort: EventSort,
}
