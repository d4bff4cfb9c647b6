//! Reading on a phone and on paper (issue 19): on narrow screens the filters live
//! in a drawer (a modal `<dialog>` opened by the toolbar's "Filters (N)" button,
//! [`Drawer::show`]) and sharing
//! and downloads fold into one "Share and download" menu; and the footer that only
//! printing shows (permalink, dataset title and version).
//!
//! The drawer is the same `<dialog>` element on every screen: on wide screens the
//! style sheet shows it, closed, as the sidebar (so the facets are mounted once);
//! on narrow ones it is hidden until "Filters" opens it with `showModal()`, which
//! keeps focus inside and closes on Escape.

use std::sync::Arc;

use convene_core::engine::{Engine, Selection};
use convene_core::i18n::Key;
use convene_core::share::full_view;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use crate::history;
use crate::i18n::{self as i18n, t, tf};
use crate::nav::Nav;

/// The widest screen, in CSS pixels, that gets the drawer and the folded menu
/// (the style sheet's `max-width: 45rem`).
const NARROW_PX: f64 = 720.0;

/// The drawer's dialog and the button that opens it, shared by both.
#[derive(Clone, Copy)]
pub struct Drawer {
    dialog: NodeRef<html::Dialog>,
    /// The button that opened it ("Filters"), given the focus back on close.
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    open: RwSignal<bool>,
}

impl Default for Drawer {
    fn default() -> Self {
        Drawer {
            dialog: NodeRef::new(),
            opener: StoredValue::new_local(None),
            open: RwSignal::new(false),
        }
    }
}

impl Drawer {
    /// Opens the drawer as a modal; `opener` gets the focus back on close.
    pub fn show(self, opener: Option<web_sys::HtmlElement>) {
        self.opener.set_value(opener);
        if let Some(dialog) = self.dialog.get_untracked() {
            self.open.set(true);
            if let Err(err) = dialog.show_modal() {
                self.open.set(false);
                leptos::logging::warn!("could not open the filters: {err:?}");
            }
        }
    }

    fn hide(self) {
        if let Some(dialog) = self.dialog.get_untracked() {
            dialog.close();
        }
    }
}

/// The facets' container: the sidebar on wide screens, a modal drawer on narrow
/// ones, with a "Show N events" button that closes it.
#[component]
pub fn FilterDrawer(selection: Memo<Selection>, children: Children) -> impl IntoView {
    let drawer = expect_context::<Drawer>();
    let show_label = move || {
        let n = selection.with(|s| s.events.len());
        i18n::plural(Key::ShowEvents, n, &[])
    };
    // Back to a wide screen with the drawer open: it becomes the sidebar again.
    let resize = window_event_listener(ev::resize, move |_| {
        let wide = web_sys::window()
            .and_then(|w| w.inner_width().ok())
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w > NARROW_PX);
        if wide && drawer.open.get_untracked() {
            drawer.hide();
        }
    });
    on_cleanup(move || resize.remove());
    let on_close = move |_| {
        drawer.open.set(false);
        if let Some(button) = drawer.opener.get_value() {
            let _ = button.focus();
        }
    };
    view! {
        <dialog node_ref=drawer.dialog class="filters-drawer" aria-labelledby="filters-title"
                on:close=on_close>
            <div class="drawer-bar">
                <h2 id="filters-title">{t(Key::Filters)}</h2>
                <button on:click=move |_| drawer.hide()>{t(Key::Close)}</button>
            </div>
            {children()}
            <div class="drawer-foot">
                <button class="primary" on:click=move |_| drawer.hide()>{show_label}</button>
            </div>
        </dialog>
    }
}

/// "Share and download": on narrow screens, one menu holding the copy-link,
/// embed, cite and download buttons (with their usual names); hidden on wide
/// screens, where those buttons sit in the header and above the results.
#[component]
pub fn ShareMenu(children: Children) -> impl IntoView {
    view! {
        <details class="share-menu">
            <summary>{t(Key::ShareAndDownload)}</summary>
            <div class="share-menu-items">{children()}</div>
        </details>
    }
}

/// The footer that only printing shows: the dataset's title and version and the
/// view's permalink, so a page on paper says where it came from.
#[component]
pub fn PrintFooter() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let engine = expect_context::<Arc<Engine>>();
    let d = engine.dataset();
    let source = if d.version.is_empty() {
        d.title.clone()
    } else {
        tf(
            Key::DatasetVersionComma,
            &[("title", &d.title), ("version", &d.version)],
        )
    };
    let link = move || history::url_with_query(&nav.query_of(&full_view(&nav.view.get())));
    view! {
        <footer class="print-only print-footer">
            <span>{source} " · Convene"</span>
            <span class="print-link">{link}</span>
        </footer>
    }
}
