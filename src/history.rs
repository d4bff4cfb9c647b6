//! The browser side of "the URL is the state": reading the query string and writing
//! it back to the history, pushing an entry for a deliberate navigation and
//! replacing the current one while the user types.

use wasm_bindgen::JsValue;

/// How a change of view reaches the browser history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryMode {
    /// A deliberate navigation (open an actor, switch view, toggle a facet): Back undoes it.
    Push,
    /// A refinement in progress (typing in the search box): no new entry.
    Replace,
}

/// The page's query string without its leading `?`.
pub fn current_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map(|s| s.trim_start_matches('?').to_owned())
        .unwrap_or_default()
}

/// The URL of this page (same path, no fragment) with `query` as its query string.
pub fn url_with_query(query: &str) -> String {
    let location = web_sys::window().map(|w| w.location());
    let origin = location
        .as_ref()
        .and_then(|l| l.origin().ok())
        .unwrap_or_default();
    let path = location
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    if query.is_empty() {
        format!("{origin}{path}")
    } else {
        format!("{origin}{path}?{query}")
    }
}

thread_local! {
    /// The last history write handed out by [`next_write`], and the last one
    /// done by [`write_query_in_order`].
    static WRITES: std::cell::Cell<(u64, u64)> = const { std::cell::Cell::new((0, 0)) };
}

/// A number for a history write that will be done later: writes are done in
/// the order of their numbers ([`write_query_in_order`]).
pub fn next_write() -> u64 {
    WRITES.with(|w| {
        let (handed, done) = w.get();
        w.set((handed + 1, done));
        handed + 1
    })
}

/// Whether `seq` is the last write handed out by [`next_write`].
pub fn is_latest(seq: u64) -> bool {
    WRITES.with(|w| w.get().0 == seq)
}

/// [`write_query`] for the write numbered `seq`, unless it or a later one was
/// done already (a write scheduled twice, or overtaken by a newer one).
pub fn write_query_in_order(seq: u64, query: &str, mode: HistoryMode) {
    let done = WRITES.with(|w| w.get().1);
    if seq <= done {
        return;
    }
    WRITES.with(|w| w.set((w.get().0, seq)));
    write_query(query, mode);
}

/// Writes `query` to the address bar, pushing or replacing the history entry.
/// Does nothing when the address already shows it (so re-renders add no entries).
pub fn write_query(query: &str, mode: HistoryMode) {
    if current_query() == query {
        return;
    }
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    let url = url_with_query(query);
    let result = match mode {
        HistoryMode::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&url)),
        HistoryMode::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
    };
    if let Err(err) = result {
        leptos::logging::warn!("could not update the address bar: {err:?}");
    }
}
