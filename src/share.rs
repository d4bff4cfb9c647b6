//! Sharing: the "Embed" and "Cite" dialogs, and the `postMessage` protocol an
//! embedded Convene speaks with its host page. Every rule (snippet, citation,
//! message validation) is in `convene_core::share`; this is the browser glue.

use convene_core::enum_set::EnumSet;
use std::cell::Cell;
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

use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

use crate::dom::{self, attr, child, child_text, template, text};
use crate::history::{self, HistoryMode};
use crate::i18n::{t, tf};
use crate::nav::Nav;

/// Copies `text` to the clipboard and says so in `said` (a status element);
/// without clipboard permission, asks the reader to copy it by hand (the text
/// stays selectable).
fn copy_text(text: String, said: Element, what: Key) {
    leptos::task::spawn_local(async move {
        let ok = match web_sys::window().map(|w| w.navigator().clipboard()) {
            Some(clipboard) => wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text))
                .await
                .is_ok(),
            None => false,
        };
        said.set_text_content(Some(&if ok {
            tf(Key::Copied, &[("what", t(what))])
        } else {
            t(Key::SelectAndCopy).to_owned()
        }));
    });
}

/// A text a share dialog offers to copy: a read-only `<textarea>` with its
/// `<label>`, and its Copy button among the dialog's actions.
pub(crate) struct CopyField {
    /// The `<textarea>`'s id, which its label's `for` names.
    pub id: &'static str,
    /// The label's words.
    pub label: &'static str,
    /// The `<textarea>`'s height in lines.
    pub rows: &'static str,
    /// The Copy button's words.
    pub copy: &'static str,
    /// The Copy button's class: `"primary"` or `""`.
    pub class: &'static str,
    /// What "Copied" names once it is copied.
    pub what: Key,
}

/// A share dialog's texts and actions, written by hand (see [`crate::dom`] for
/// why): a `<textarea>` per field, then a Copy button per field, Close, and the
/// status that says what was copied.
pub(crate) struct CopyDialog {
    texts: Vec<(HtmlTextAreaElement, Key)>,
    copies: Vec<Element>,
    close: Element,
    said: Element,
}

impl CopyDialog {
    /// Appends `fields` and the actions to `dialog`, after what the caller wrote.
    pub fn write(doc: &Document, dialog: &Element, fields: &[CopyField]) -> CopyDialog {
        let mut texts = Vec::new();
        for field in fields {
            attr(
                &child_text(doc, dialog, "label", "", field.label),
                "for",
                field.id,
            );
            let text = child(doc, dialog, "textarea", "");
            text.set_id(field.id);
            let _ = text.toggle_attribute_with_force("readonly", true);
            attr(&text, "rows", field.rows);
            texts.push((text.unchecked_into(), field.what));
        }
        let actions = child(doc, dialog, "div", "dialog-actions");
        let copies = fields
            .iter()
            .map(|f| child_text(doc, &actions, "button", f.class, f.copy))
            .collect();
        let close = child_text(doc, &actions, "button", "", t(Key::Close));
        let said = child(doc, &actions, "span", "copied");
        attr(&said, "role", "status");
        CopyDialog {
            texts,
            copies,
            close,
            said,
        }
    }

    /// Shows `texts`, one per field (a field whose text did not change is left
    /// alone, so a selection in it stays).
    fn show(&self, texts: &[String]) {
        for ((area, _), text) in self.texts.iter().zip(texts) {
            if area.value() != *text {
                area.set_value(text);
            }
        }
    }
}

/// A modal share dialog written by hand, opened by one or more buttons: while
/// it is open its texts follow the view; closed, it costs a click nothing.
#[derive(Clone, Copy)]
pub(crate) struct ShareDialog {
    dialog: NodeRef<html::Dialog>,
    open: RwSignal<bool>,
    parts: StoredValue<Option<CopyDialog>, LocalStorage>,
    /// The dialog's texts now, one per field (reads signals: called in an effect).
    texts: StoredValue<Rc<dyn Fn() -> Vec<String>>, LocalStorage>,
    /// The button that opened it, given the focus back on close.
    opener: StoredValue<Option<HtmlElement>, LocalStorage>,
}

impl ShareDialog {
    /// A dialog whose fields show `texts()`.
    pub fn new(texts: impl Fn() -> Vec<String> + 'static) -> ShareDialog {
        ShareDialog {
            dialog: NodeRef::new(),
            open: RwSignal::new(false),
            parts: StoredValue::new_local(None),
            texts: StoredValue::new_local(Rc::new(texts)),
            opener: StoredValue::new_local(None),
        }
    }

    /// Opens it as a modal (focus moves into it; Escape closes it), with its
    /// texts written and its status empty; `opener` gets the focus back on close.
    pub fn open(self, opener: Option<HtmlElement>) {
        self.opener.set_value(opener);
        self.open.set(true);
        let texts = self.texts.with_value(|f| untrack(|| f()));
        self.parts.with_value(|p| {
            if let Some(p) = p {
                p.said.set_text_content(None);
                p.show(&texts);
            }
        });
        if let Some(dialog) = self.dialog.get_untracked() {
            if let Err(err) = dialog.show_modal() {
                leptos::logging::warn!("could not open the dialog: {err:?}");
            }
        }
    }

    /// The `<dialog class="share-dialog">` titled by `#title_id`: `write` fills it
    /// once mounted (its title and what comes before the fields) and returns its
    /// texts and actions; `on_change` hears its controls' changes.
    pub fn view(
        self,
        title_id: &'static str,
        write: impl Fn(&Document, &Element) -> CopyDialog + 'static,
        on_change: impl Fn(ev::Event) + 'static,
    ) -> impl IntoView {
        let ShareDialog { dialog, open, .. } = self;
        crate::dom::on_mount(dialog, move |d| {
            self.parts.set_value(Some(write(&document(), d)));
        });
        // Open: the texts follow what they are made of (the view, the dialog's
        // own controls).
        dom::effect(move || {
            if open.get() {
                let texts = self.texts.with_value(|f| f());
                self.parts
                    .with_value(|p| p.as_ref().map(|p| p.show(&texts)));
            }
        });
        let on_click = move |event: ev::MouseEvent| {
            let Some(button) = crate::dom::target_in(&event, "button") else {
                return;
            };
            let is = |el: &Element| el.is_same_node(Some(&button));
            self.parts.with_value(|p| {
                let Some(p) = p else {
                    return;
                };
                if let Some(i) = p.copies.iter().position(is) {
                    let (area, what) = &p.texts[i];
                    copy_text(area.value(), p.said.clone(), *what);
                } else if is(&p.close) {
                    if let Some(d) = dialog.get_untracked() {
                        d.close();
                    }
                }
            });
        };
        let on_close = move |_| {
            open.set(false);
            if let Some(el) = self.opener.get_value() {
                let _ = el.focus();
            }
        };
        view! {
            <dialog node_ref=dialog class="share-dialog" aria-labelledby=title_id
                on:click=on_click on:change=on_change on:close=on_close></dialog>
        }
    }
}

/// The element an event (a click on an opener) was heard on.
fn current(event: &ev::MouseEvent) -> Option<HtmlElement> {
    event.current_target().and_then(|t| t.dyn_into().ok())
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

/// The Embed and Cite dialogs, each mounted once for the buttons in the header
/// and in the share menu (context for [`EmbedButton`] and [`CiteButton`]).
#[derive(Clone, Copy)]
pub struct ShareDialogs {
    embed: ShareDialog,
    cite: ShareDialog,
    /// The parts an embed keeps, and its height in CSS pixels.
    parts: RwSignal<EnumSet<EmbedPart>>,
    height: RwSignal<u32>,
    /// The day the view is cited as accessed: today, when Cite opens.
    accessed: RwSignal<(i32, u32, u32)>,
}

impl ShareDialogs {
    /// The dialogs' state, for the current view and dataset (from context).
    pub fn new() -> ShareDialogs {
        let nav = expect_context::<Nav>();
        let engine = expect_context::<Arc<Engine>>();
        let parts = RwSignal::new(EnumSet::<EmbedPart>::new());
        let height = RwSignal::new(share::DEFAULT_HEIGHT);
        let accessed = RwSignal::new(today());
        let title = format!("Convene: {}", engine.dataset().title);
        let embed = ShareDialog::new(move || {
            let embedded = nav.view.with(|v| parts.with(|p| share::embed_view(v, p)));
            let src = history::url_with_query(&nav.query_of(&embedded));
            vec![share::iframe_snippet(&src, &title, height.get())]
        });
        let cite = ShareDialog::new(move || {
            let citation = Citation {
                url: nav.view.with(|v| permalink(&nav, v)),
                title: engine.dataset().title.clone(),
                version: engine.dataset().version.clone(),
                accessed: accessed.get(),
            };
            vec![citation.plain_text(), citation.bibtex()]
        });
        ShareDialogs {
            embed,
            cite,
            parts,
            height,
            accessed,
        }
    }
}

/// "Embed" and "Cite" dialogs, mounted once (below the explorer).
#[component]
pub fn ShareDialogViews() -> impl IntoView {
    let dialogs = expect_context::<ShareDialogs>();
    let ShareDialogs { parts, height, .. } = dialogs;
    let write_embed = move |doc: &Document, dialog: &Element| {
        child_text(doc, dialog, "h2", "", t(Key::EmbedTitle)).set_id("embed-title");
        let p = child(doc, dialog, "p", "");
        text(&p, t(Key::EmbedIntro));
        text(&p, " ");
        template(doc, &p, Key::EmbedScript, &[("file", "embed.js", "code")]);
        let fieldset = child(doc, dialog, "fieldset", "embed-parts");
        child_text(doc, &fieldset, "legend", "", t(Key::Keep));
        for part in EmbedPart::ALL {
            let label = child(doc, &fieldset, "label", "");
            attr(&child(doc, &label, "input", ""), "type", "checkbox");
            text(&label, " ");
            text(&label, part_label(part));
        }
        let label = child(doc, dialog, "label", "embed-height");
        text(&label, t(Key::Height));
        text(&label, " ");
        let input = child(doc, &label, "input", "");
        attr(&input, "type", "number");
        attr(&input, "min", &share::MIN_HEIGHT.to_string());
        attr(&input, "max", &share::MAX_HEIGHT.to_string());
        attr(&input, "step", "50");
        input
            .unchecked_ref::<HtmlInputElement>()
            .set_value(&height.get_untracked().to_string());
        CopyDialog::write(
            doc,
            dialog,
            &[CopyField {
                id: "embed-code",
                label: t(Key::EmbedCode),
                rows: "4",
                copy: t(Key::CopyCode),
                class: "primary",
                what: Key::Code,
            }],
        )
    };
    // A part's checkbox, or the height (read back as it was clamped).
    let embed_change = move |event: ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        if input.type_() == "number" {
            height.set(share::parse_height(&input.value()));
            input.set_value(&height.get_untracked().to_string());
            return;
        }
        let boxes = input
            .closest("fieldset")
            .ok()
            .flatten()
            .and_then(|f| f.query_selector_all("input").ok());
        let Some(boxes) = boxes else {
            return;
        };
        let index = (0..boxes.length())
            .find(|&i| boxes.item(i).is_some_and(|b| b.is_same_node(Some(&input))));
        if let Some(&part) = index.and_then(|i| EmbedPart::ALL.get(i as usize)) {
            let on = input.checked();
            parts.update(|p| {
                if on {
                    p.insert(part);
                } else {
                    p.remove(&part);
                }
            });
        }
    };
    let write_cite = |doc: &Document, dialog: &Element| {
        write_citation(
            doc,
            dialog,
            Key::CiteTitle,
            ["cite-title", "cite-text", "cite-bibtex"],
            "3",
        )
    };
    view! {
        {dialogs.embed.view("embed-title", write_embed, embed_change)}
        {dialogs.cite.view("cite-title", write_cite, |_| {})}
    }
}

/// A Cite dialog's content (the view's, or one participation's): its title
/// `<h2>` with `t(title)`, then the citation as plain text (`rows` lines high)
/// and as BibTeX (9 lines), each with its Copy button. `ids`: the title's, the
/// plain text's and the BibTeX's element ids.
pub(crate) fn write_citation(
    doc: &Document,
    dialog: &Element,
    title: Key,
    ids: [&'static str; 3],
    rows: &'static str,
) -> CopyDialog {
    child_text(doc, dialog, "h2", "", t(title)).set_id(ids[0]);
    CopyDialog::write(
        doc,
        dialog,
        &[
            CopyField {
                id: ids[1],
                label: t(Key::Citation),
                rows,
                copy: t(Key::CopyCitation),
                class: "",
                what: Key::Citation,
            },
            CopyField {
                id: ids[2],
                label: "BibTeX",
                rows: "9",
                copy: t(Key::CopyBibTex),
                class: "",
                what: Key::BibTex,
            },
        ],
    )
}

/// "Embed": opens the dialog with a ready iframe snippet for the current view.
#[component]
pub fn EmbedButton() -> impl IntoView {
    let dialogs = expect_context::<ShareDialogs>();
    let open = move |event: ev::MouseEvent| dialogs.embed.open(current(&event));
    view! { <button aria-haspopup="dialog" on:click=open>{t(Key::Embed)}</button> }
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

/// "Cite": opens the dialog citing the current view (permalink, dataset,
/// version, today's date) as plain text and as BibTeX.
#[component]
pub fn CiteButton() -> impl IntoView {
    let dialogs = expect_context::<ShareDialogs>();
    let open = move |event: ev::MouseEvent| {
        dialogs.accessed.set(today());
        dialogs.cite.open(current(&event));
    };
    view! { <button aria-haspopup="dialog" on:click=open>{t(Key::Cite)}</button> }
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
        dom::effect(move || {
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
