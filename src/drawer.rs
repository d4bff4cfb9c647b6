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
use web_sys::Element;

use crate::dom;
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
/// ones, with a "Show N events" button that closes it. The bar above the facets
/// and the foot below them are written by hand (issue 18: size).
#[component]
pub fn FilterDrawer(selection: Memo<Selection>, children: Children) -> impl IntoView {
    let drawer = expect_context::<Drawer>();
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
    dom::effect(move || {
        let Some(dialog) = drawer.dialog.get() else {
            return;
        };
        let dialog: &Element = &dialog;
        // Built over an earlier drawer (data opened again: Leptos reuses the
        // elements of the same view), its bar and foot go first.
        for old in [":scope > .drawer-bar", ":scope > .drawer-foot"] {
            if let Ok(Some(el)) = dialog.query_selector(old) {
                el.remove();
            }
        }
        let doc = document();
        let bar = dom::element(&doc, "div", "drawer-bar");
        dom::child_text(&doc, &bar, "h2", "", t(Key::Filters)).set_id("filters-title");
        dom::child_text(&doc, &bar, "button", "", t(Key::Close));
        let _ = dialog.insert_before(&bar, dialog.first_child().as_ref());
        let foot = dom::child(&doc, dialog, "div", "drawer-foot");
        let show = dom::child(&doc, &foot, "button", "primary");
        dom::effect(move || {
            let n = selection.with(|s| s.events.len());
            show.set_text_content(Some(&i18n::plural(Key::ShowEvents, n, &[])));
        });
    });
    let on_click = move |event: ev::MouseEvent| {
        if dom::target_in(&event, ".drawer-bar > button, .drawer-foot > button").is_some() {
            drawer.hide();
        }
    };
    let on_close = move |_| {
        drawer.open.set(false);
        if let Some(button) = drawer.opener.get_value() {
            let _ = button.focus();
        }
    };
    view! {
        <dialog node_ref=drawer.dialog class="filters-drawer" aria-labelledby="filters-title"
                on:close=on_close on:click=on_click>
            {children()}
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
    // Written by hand (issue 18: size); the permalink follows the view.
    let node = NodeRef::<html::Footer>::new();
    crate::dom::on_mount(node, move |footer| {
        let doc = document();
        crate::dom::child_text(&doc, footer, "span", "", &format!("{source} · Convene"));
        let link = crate::dom::child(&doc, footer, "span", "print-link");
        dom::effect(move || {
            let url = history::url_with_query(&nav.query_of(&full_view(&nav.view.get())));
            link.set_text_content(Some(&url));
        });
    });
    view! { <footer class="print-only print-footer" node_ref=node></footer> }
}
