//! Sharing: the "Embed" and "Cite" dialogs, and the `postMessage` protocol an
//! embedded Convene speaks with its host page. Every rule (snippet, citation,
//! message validation) is in `convene_core::share`; this is the browser glue.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::Arc;

use convene_core::engine::Engine;
use convene_core::i18n::Key;
use convene_core::share::{self, Citation, Incoming, Rejection};
use convene_core::view::{EmbedPart, ViewState};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::history::{self, HistoryMode};
use crate::i18n::{t, tf, tv};
use crate::nav::Nav;

/// Copies `text` to the clipboard and says so in `said`; without clipboard
/// permission, asks the reader to copy it by hand (the text stays selectable).
pub(crate) fn copy_text(text: String, said: RwSignal<String>, what: Key) {
    leptos::task::spawn_local(async move {
        let ok = match web_sys::window().map(|w| w.navigator().clipboard()) {
            Some(clipboard) => wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text))
                .await
                .is_ok(),
            None => false,
        };
        said.set(if ok {
            tf(Key::Copied, &[("what", t(what))])
        } else {
            t(Key::SelectAndCopy).to_owned()
        });
    });
}

/// Opens `dialog` as a modal (focus moves into it; Escape closes it).
pub(crate) fn open_modal(dialog: NodeRef<html::Dialog>) {
    if let Some(dialog) = dialog.get() {
        if let Err(err) = dialog.show_modal() {
            leptos::logging::warn!("could not open the dialog: {err:?}");
        }
    }
}

pub(crate) fn close_modal(dialog: NodeRef<html::Dialog>) {
    if let Some(dialog) = dialog.get() {
        dialog.close();
    }
}

/// Gives focus back to the button that opened a dialog.
fn refocus(button: NodeRef<html::Button>) {
    if let Some(button) = button.get() {
        let _ = button.focus();
    }
}

/// The permalink of `view` as a full page (no embed settings).
fn permalink(nav: &Nav, view: &ViewState) -> String {
    history::url_with_query(&nav.query_of(&share::full_view(view)))
}

fn part_label(part: EmbedPart) -> &'static str {
    match part {
        EmbedPart::Header => t(Key::PartHeader),
        EmbedPart::Search => t(Key::PartSearch),
        EmbedPart::Filters => t(Key::PartFilters),
        EmbedPart::Views => t(Key::PartViews),
        EmbedPart::Export => t(Key::PartExport),
    }
}

/// "Embed": a dialog with a ready iframe snippet for the current view.
#[component]
pub fn EmbedButton() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let engine = expect_context::<Arc<Engine>>();
    let title = format!("Convene: {}", engine.dataset().title);
    let dialog = NodeRef::<html::Dialog>::new();
    let opener = NodeRef::<html::Button>::new();
    let height = RwSignal::new(share::DEFAULT_HEIGHT);
    let parts = RwSignal::new(BTreeSet::<EmbedPart>::new());
    let said = RwSignal::new(String::new());
    let snippet = Memo::new(move |_| {
        let embedded = nav.view.with(|v| parts.with(|p| share::embed_view(v, p)));
        let src = history::url_with_query(&nav.query_of(&embedded));
        share::iframe_snippet(&src, &title, height.get())
    });
    let open = move |_| {
        said.set(String::new());
        open_modal(dialog);
    };
    view! {
        <button node_ref=opener aria-haspopup="dialog" on:click=open>{t(Key::Embed)}</button>
        <dialog node_ref=dialog class="share-dialog" aria-labelledby="embed-title"
            on:close=move |_| refocus(opener)>
            <h2 id="embed-title">{t(Key::EmbedTitle)}</h2>
            <p>{t(Key::EmbedIntro)} " "
               {tv(Key::EmbedScript, vec![("file", view! { <code>"embed.js"</code> }.into_any())])}</p>
            <fieldset class="embed-parts">
                <legend>{t(Key::Keep)}</legend>
                {EmbedPart::ALL.into_iter().map(|part| view! {
                    <label>
                        <input type="checkbox"
                            prop:checked=move || parts.with(|p| p.contains(&part))
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                parts.update(|p| { if on { p.insert(part); } else { p.remove(&part); } });
                            }/>
                        " " {part_label(part)}
                    </label>
                }).collect_view()}
            </fieldset>
            <label class="embed-height">{t(Key::Height)} " "
                <input type="number" min=share::MIN_HEIGHT max=share::MAX_HEIGHT step="50"
                    prop:value=move || height.get().to_string()
                    on:change=move |e| height.set(share::parse_height(&event_target_value(&e)))/>
            </label>
            <label for="embed-code">{t(Key::EmbedCode)}</label>
            <textarea id="embed-code" readonly rows="4" prop:value=move || snippet.get()></textarea>
            <div class="dialog-actions">
                <button class="primary" on:click=move |_| copy_text(snippet.get_untracked(), said, Key::Code)>{t(Key::CopyCode)}</button>
                <button on:click=move |_| close_modal(dialog)>{t(Key::Close)}</button>
                <span class="copied" role="status">{move || said.get()}</span>
            </div>
        </dialog>
    }
}

/// Today's date in the reader's time zone: (year, month 1-12, day).
pub(crate) fn today() -> (i32, u32, u32) {
    let now = js_sys::Date::new_0();
    (
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
}

/// "Cite": a dialog citing the current view (permalink, dataset, version, date)
/// as plain text and as BibTeX.
#[component]
pub fn CiteButton() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let engine = expect_context::<Arc<Engine>>();
    let title = engine.dataset().title.clone();
    let version = engine.dataset().version.clone();
    let dialog = NodeRef::<html::Dialog>::new();
    let opener = NodeRef::<html::Button>::new();
    let said = RwSignal::new(String::new());
    let accessed = RwSignal::new(today());
    let citation = Memo::new(move |_| Citation {
        url: nav.view.with(|v| permalink(&nav, v)),
        title: title.clone(),
        version: version.clone(),
        accessed: accessed.get(),
    });
    let open = move |_| {
        said.set(String::new());
        accessed.set(today());
        open_modal(dialog);
    };
    view! {
        <button node_ref=opener aria-haspopup="dialog" on:click=open>{t(Key::Cite)}</button>
        <dialog node_ref=dialog class="share-dialog" aria-labelledby="cite-title"
            on:close=move |_| refocus(opener)>
            <h2 id="cite-title">{t(Key::CiteTitle)}</h2>
            <label for="cite-text">{t(Key::Citation)}</label>
            <textarea id="cite-text" readonly rows="3" prop:value=move || citation.with(Citation::plain_text)></textarea>
            <label for="cite-bibtex">"BibTeX"</label>
            <textarea id="cite-bibtex" readonly rows="9" prop:value=move || citation.with(Citation::bibtex)></textarea>
            <div class="dialog-actions">
                <button on:click=move |_| copy_text(citation.with_untracked(Citation::plain_text), said, Key::Citation)>{t(Key::CopyCitation)}</button>
                <button on:click=move |_| copy_text(citation.with_untracked(Citation::bibtex), said, Key::BibTex)>{t(Key::CopyBibTex)}</button>
                <button on:click=move |_| close_modal(dialog)>{t(Key::Close)}</button>
                <span class="copied" role="status">{move || said.get()}</span>
            </div>
        </dialog>
    }
}

/// The attribute on `<html>` that counts ignored incoming messages (for tests and
/// for hosts debugging their integration).
const IGNORED_ATTR: &str = "data-ignored-messages";

/// Speaks the embed protocol with the host page (see `convene_core::share`), when
/// the page is embedded (`embed=1`) in a frame: posts `convene:resize` and
/// `convene:view`, and applies `convene:set-view` from the parent. `apply` shows a
/// view read from a query string, with its notices.
pub fn embed_messaging(
    nav: Nav,
    apply: impl Fn(ViewState, Vec<convene_core::view::Notice>) + 'static,
) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    // Top-level: window.parent is the window itself; there is no host to talk to.
    if JsValue::from(&parent) == JsValue::from(&window) {
        return;
    }
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return;
    };
    // Who may talk: any host, only the named origin, or nobody when `origin=` is
    // not an origin (fail closed: no message out or in; the page shows a notice).
    let messaging = nav
        .view
        .with_untracked(|v| share::Messaging::for_origin(v.origin.as_deref()));
    // Off: nothing is posted, and every incoming message is counted as ignored.
    let target = messaging.target().map(str::to_owned);
    let post = {
        let parent = parent.clone();
        move |json: String| {
            let Some(target) = target.as_deref() else {
                return;
            };
            let sent =
                js_sys::JSON::parse(&json).and_then(|data| parent.post_message(&data, target));
            if let Err(err) = sent {
                leptos::logging::warn!("could not post to the host page: {err:?}");
            }
        }
    };
    let post = Rc::new(post);

    // Out: the content's height, whenever it changes.
    let _ = root.set_attribute(IGNORED_ATTR, "0");
    let last_height = Rc::new(Cell::new(0u32));
    let on_resize = {
        let post = post.clone();
        let root = root.clone();
        Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
            let height = root.get_bounding_client_rect().height().ceil().max(0.0) as u32;
            if height != last_height.replace(height) {
                post(share::resize_message(height));
            }
        })
    };
    match web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        Ok(observer) => {
            observer.observe(&root);
            // The observer and its callback live as long as the page.
            let kept = StoredValue::new_local((observer, on_resize));
            on_cleanup(move || kept.with_value(|(observer, _)| observer.disconnect()));
        }
        Err(err) => leptos::logging::warn!("no ResizeObserver: {err:?}"),
    }

    // Out: the view, whenever it changes.
    {
        let post = post.clone();
        Effect::new(move |_| {
            let query = nav.view.with(|v| nav.query_of(v));
            post(share::view_message(&query));
        });
    }

    // In: convene:set-view from the parent (and the allowed origin, if named).
    let ignored = Rc::new(Cell::new(0u32));
    let listener = window_event_listener(ev::message, move |event: web_sys::MessageEvent| {
        let from_parent = event
            .source()
            .is_some_and(|source| JsValue::from(source) == JsValue::from(&parent));
        let checked =
            share::check_sender(from_parent, &event.origin(), &messaging).and_then(|()| {
                let json = js_sys::JSON::stringify(&event.data())
                    .ok()
                    .and_then(|s| JsValue::from(s).as_string());
                share::parse_incoming(json.as_deref())
            });
        match checked {
            Ok(Incoming::SetView { query }) => {
                let (view, notices) = nav.view.with_untracked(|v| share::set_view(v, &query));
                apply(view, notices);
            }
            Err(why) => {
                let count = ignored.get() + 1;
                ignored.set(count);
                let _ = root.set_attribute(IGNORED_ATTR, &count.to_string());
                warn_ignored(&why);
            }
        }
    });
    on_cleanup(move || listener.remove());
}

fn warn_ignored(why: &Rejection) {
    leptos::logging::warn!("Convene ignored a message: {why}");
}

/// Applies a view asked for by the host: replaces the history entry (the host's
/// page, not the reader, navigated).
pub fn apply_host_view(nav: Nav, view: ViewState) {
    nav.go(HistoryMode::Replace, move |v| *v = view);
}
