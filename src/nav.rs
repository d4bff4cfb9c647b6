//! Navigation: every view change goes through [`Nav`] (and the history), and
//! every link that changes the view has a real `href` for the view it opens
//! ([`Nav::href`]) and opens it through [`Nav::go`] on a plain click
//! ([`is_plain_click`]; `crate::dom::Links` and [`open_data_link`]). Its own room (issue 12), so
//! components import navigation without importing the explorer page that
//! imports them.

use convene_core::view::{kept_params, with_kept, Open, ViewState};
use leptos::ev;
use leptos::prelude::*;

use crate::history::{self, HistoryMode};

/// How components change the view: every change goes through here, so the address
/// bar always shows the view (push for navigations, replace while typing).
#[derive(Clone, Copy)]
pub struct Nav {
    /// The current view. Read it; change it with [`Nav::go`].
    pub view: RwSignal<ViewState>,
    /// Parameters that are not view state but must survive in links (`data=`).
    kept: StoredValue<String>,
}

impl Nav {
    /// The navigation for a page whose query string is `query`, starting at
    /// `view`; the parameters links must keep (`data=`) are read by the core
    /// ([`convene_core::view::kept_params`]).
    pub fn new(view: ViewState, query: &str) -> Nav {
        Nav {
            view: RwSignal::new(view),
            kept: StoredValue::new(kept_params(query)),
        }
    }

    /// Applies `change` to the view and records it in the history once the
    /// frame showing it has painted: `pushState` took 1.2-2.7 ms of a facet
    /// click in Chromium at 100k participations (`bench/prof-click.mjs --cpu`,
    /// BENCHMARKS.md session 24), work no one sees in that frame. The query is
    /// the one of this change, so two changes within a frame still make two
    /// entries, in order. Copy link, the print footer and the embedding host
    /// read the view, not the address bar.
    ///
    /// A page that draws no frames (a hidden tab, an embed scrolled out of
    /// sight: browsers pause their animation frames) records it after 100 ms
    /// instead; whichever comes first writes, the other finds it written.
    pub fn go(&self, mode: HistoryMode, change: impl FnOnce(&mut ViewState)) {
        self.view.update(|v| {
            change(v);
            v.drop_stale_quote();
        });
        let query = std::rc::Rc::new(self.query_of(&self.view.get_untracked()));
        let seq = history::next_write();
        let write = move |query: std::rc::Rc<String>| {
            move || history::write_query_in_order(seq, &query, mode)
        };
        let after_paint = write(query.clone());
        request_animation_frame(move || set_timeout(after_paint, std::time::Duration::ZERO));
        set_timeout(write(query), std::time::Duration::from_millis(100));
    }

    /// Applies `change` to the view now, and replaces the history entry once the
    /// frame showing it has painted: a refinement in progress (typing in the search
    /// box, which runs its query in an animation frame). `replaceState` took about
    /// 4 ms of every keystroke in Chromium at 100k participations (BENCHMARKS.md,
    /// session 11), so the address bar follows one frame later. The query written is
    /// the view's at that moment: a change in between (a click's push, Back) wins.
    pub fn refine(&self, change: impl FnOnce(&mut ViewState)) {
        // The same update as `go`'s, written out: a shared generic helper was not
        // inlined at opt-level "z" and cost 197 B brotli (a copy per caller of `go`).
        self.view.update(|v| {
            change(v);
            v.drop_stale_quote();
        });
        let nav = *self;
        let seq = history::next_write();
        set_timeout(
            move || {
                // A change since (a click's push, waiting for its frame) writes
                // its own entry: replacing this one with its query first would
                // leave that push nothing to add.
                if !history::is_latest(seq) {
                    return;
                }
                if let Some(query) = nav.view.try_with_untracked(|v| nav.query_of(v)) {
                    history::write_query_in_order(seq, &query, HistoryMode::Replace);
                }
            },
            std::time::Duration::ZERO,
        );
    }

    /// The query string for `view`, with the kept parameters.
    pub fn query_of(&self, view: &ViewState) -> String {
        with_kept(view.to_query(), &self.kept.get_value())
    }

    /// A link target (`?…`) for the current view changed by `change`.
    pub fn href(&self, change: impl FnOnce(&mut ViewState)) -> String {
        let mut target = self.view.get();
        change(&mut target);
        target.drop_stale_quote();
        format!("?{}", self.query_of(&target))
    }
}

/// Whether a click on a link should open it in this page through the history: a
/// primary-button click with no modifier. Ctrl, Cmd, Shift, Alt and other buttons
/// are left to the browser (new tab, new window, download).
pub fn is_plain_click(event: &ev::MouseEvent) -> bool {
    !(event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
        || event.button() != 0)
}

/// A click in a list whose links are written by hand (the matrix's headers, the
/// event cards): a plain click on a link carrying `data-actor`, `data-event` or
/// `data-source` opens that page through the history, as `crate::dom::Links` do;
/// other clicks (modified, elsewhere) are left to the browser. One delegated
/// handler per list, instead of one closure per link.
pub fn open_data_link(nav: Nav, event: &ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    if !is_plain_click(event) {
        return;
    }
    let Some(link) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| {
            t.closest("a[data-actor],a[data-event],a[data-source]")
                .ok()
                .flatten()
        })
    else {
        return;
    };
    let attr = |name: &str| link.get_attribute(name);
    let open = if let Some(id) = attr("data-actor") {
        Open::Actor(id)
    } else if let Some(id) = attr("data-event") {
        Open::Event(id)
    } else if let Some(id) = attr("data-source") {
        Open::Source(id)
    } else {
        return;
    };
    event.prevent_default();
    nav.go(HistoryMode::Push, move |v| v.open = Some(open));
    scroll_to_top();
}

/// Scrolls the window back to the top, as a new page would open.
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
