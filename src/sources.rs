//! Readable sources: the source page (its full text with each quote marked), the
//! "Show in source" link, quote warnings, fetching `text_url` texts when first
//! needed, and "Cite" on one participation. Every rule (quote matching, segments,
//! search through texts, the citation's words) is in `convene_core::sources` and
//! `convene_core::share`; this is the browser glue.

use crate::i18n::{self as i18n, t, tf};
use convene_core::i18n::Key;
use std::sync::Arc;

use convene_core::engine::Engine;
use convene_core::share::ParticipationCitation;
use convene_core::sources::{resolve_text_url, SourcePage};
use convene_core::view::{Open, QuoteRef, ViewState};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use crate::dom::{self, child, child_text, Links};
use crate::history;
use crate::nav::Nav;
use crate::share::{today, write_citation, ShareDialog};
use crate::text::date_in_words;

/// The id of the quote a `quote=` link points at, once rendered: scrolled to and focused.
const CURRENT_QUOTE_ID: &str = "current-quote";

/// Source texts fetched so far: `version` bumps when texts arrive (the selection
/// and the source page depend on it), `warnings` lists quote warnings and fetch
/// failures, in words.
#[derive(Clone, Copy)]
pub struct Texts {
    /// Bumped each time fetched texts are attached to the engine.
    pub version: RwSignal<u32>,
    /// Quote warnings (`participations[12].quote: not found in the text of source "x"`)
    /// and texts that could not be fetched.
    pub warnings: RwSignal<Vec<String>>,
    started: StoredValue<bool>,
}

impl Texts {
    /// The state at load: inline texts are already checked by the engine.
    pub fn new(engine: &Engine) -> Texts {
        Texts {
            version: RwSignal::new(0),
            warnings: RwSignal::new(
                engine
                    .sources()
                    .warnings()
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
            ),
            started: StoredValue::new(false),
        }
    }

    /// Fetches every `text_url` text not yet attached (once per page load), relative
    /// to the dataset's URL, and hands them to the engine in one batch.
    pub fn ensure(&self, engine: Arc<Engine>) {
        if self.started.get_value() {
            return;
        }
        let missing = engine.sources().missing_texts(engine.dataset());
        if missing.is_empty() {
            return;
        }
        self.started.set_value(true);
        let this = *self;
        leptos::task::spawn_local(async move {
            let base = crate::dataset_url();
            let mut texts = Vec::new();
            let mut failures = Vec::new();
            for (i, relative) in missing {
                let url = resolve_text_url(&base, &relative);
                match fetch_text(&url).await {
                    Ok(text) => texts.push((i, text)),
                    Err(why) => failures.push(format!(
                        "sources[{i}].text_url: could not fetch the text from {url}: {why}"
                    )),
                }
            }
            engine.attach_source_texts(texts);
            let mut all: Vec<String> = engine
                .sources()
                .warnings()
                .iter()
                .map(ToString::to_string)
                .collect();
            all.extend(failures);
            this.warnings.set(all);
            this.version.update(|v| *v += 1);
        });
    }
}

/// The body of `url` as text; an error names what failed (the fetch, or the
/// server's status).
pub(crate) async fn fetch_text(url: &str) -> Result<String, String> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!(
            "the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    response.text().await.map_err(|e| e.to_string())
}

/// Quote warnings and texts that could not be fetched: a collapsed list.
#[component]
pub fn QuoteWarnings() -> impl IntoView {
    let texts = expect_context::<Texts>();
    dom::show(
        move || texts.warnings.with(|w| !w.is_empty()),
        move || {
            // Written by hand (see `crate::dom` for why); the `<details>` stays, so
            // it stays open when warnings arrive with more texts.
            let node = NodeRef::<leptos::html::Details>::new();
            dom::on_mount(node, move |el| {
                texts.warnings.with(|w| {
                    let title = i18n::plural(Key::QuotesUnchecked, w.len(), &[]);
                    dom::notice_list(&document(), el, "summary", &title, w);
                });
            });
            view! { <details class="notices quote-warnings" role="status" node_ref=node></details> }
                .into_any()
        },
    )
}

/// The one "Cite this participation" dialog, and which participation it cites.
#[derive(Clone, Copy)]
pub struct CiteTarget {
    participation: RwSignal<Option<usize>>,
    dialog: ShareDialog,
}

impl CiteTarget {
    /// No participation chosen yet; provide it as context above every "Cite" button
    /// and the dialog (it reads the [`Nav`] and the engine from context).
    pub fn new() -> CiteTarget {
        let nav = expect_context::<Nav>();
        let engine = expect_context::<Arc<Engine>>();
        let participation = RwSignal::new(None::<usize>);
        let dialog = ShareDialog::new(move || {
            let citation = participation.get().and_then(|p| {
                let part = engine.dataset().participations.get(p)?;
                let link = ViewState {
                    open: Some(Open::Source(part.source.clone())),
                    quote: Some(QuoteRef::of(part)),
                    ..ViewState::default()
                };
                let permalink = history::url_with_query(&nav.query_of(&link));
                ParticipationCitation::new(engine.dataset(), p, &permalink, today())
            });
            match citation {
                Some(c) => vec![c.plain_text(), c.bibtex()],
                None => vec![String::new(), String::new()],
            }
        });
        CiteTarget {
            participation,
            dialog,
        }
    }

    /// Opens the dialog citing `participation` (an index into the dataset's
    /// participations); `opener` gets the focus back on close.
    pub fn open(&self, participation: usize, opener: Option<web_sys::HtmlElement>) {
        self.participation.set(Some(participation));
        self.dialog.open(opener);
    }

    /// Opens the dialog when `event` (a click) landed on a "Cite" button written
    /// by [`write_cite_button`]; returns whether it did.
    pub fn open_clicked(&self, event: &leptos::ev::MouseEvent) -> bool {
        let Some(button) = crate::dom::target_in(event, "button[data-cite]") else {
            return false;
        };
        let Some(participation) = button
            .get_attribute("data-cite")
            .and_then(|p| p.parse().ok())
        else {
            return false;
        };
        self.open(participation, button.dyn_into().ok());
        true
    }
}

/// Appends "Cite" for one participation to `parent`: a button that opens the
/// participation citation dialog. Its accessible name says which fact ("Cite
/// Morocco, host at …"), so a page of them reads apart, and never equals the
/// header's "Cite" (this view). `data-cite` holds the participation; the click
/// handler of the content written by hand ([`crate::dom::written`]) hands the
/// click to [`CiteTarget::open_clicked`].
pub fn write_cite_button(doc: &Document, parent: &Element, engine: &Engine, participation: usize) {
    let button = child_text(doc, parent, "button", "link-button", t(Key::Cite));
    let _ = button.set_attribute("aria-haspopup", "dialog");
    let label = tf(Key::CiteWhat, &[("what", &describe(engine, participation))]);
    let _ = button.set_attribute("aria-label", &label);
    let _ = button.set_attribute("data-cite", &participation.to_string());
}

/// Appends "Show in source" to `parent`, a link to the participation's source
/// page at its quote, when the source is in the dataset.
pub fn write_show_in_source(
    doc: &Document,
    parent: &Element,
    links: &mut Links,
    engine: &Engine,
    participation: usize,
) {
    let part = &engine.dataset().participations[participation];
    if engine.source_index(&part.source).is_none() {
        return;
    }
    let (source, quote) = (part.source.clone(), QuoteRef::of(part));
    let link = links.add(doc, parent, "show-in-source", move |v| {
        v.open = Some(Open::Source(source.clone()));
        v.quote = Some(quote.clone());
    });
    link.set_text_content(Some(t(Key::ShowInSource)));
}

/// The dialog citing one participation as plain text and BibTeX; mounted once.
#[component]
pub fn CiteParticipationDialog() -> impl IntoView {
    let target = expect_context::<CiteTarget>();
    let write = |doc: &Document, dialog: &Element| {
        write_citation(
            doc,
            dialog,
            Key::CiteParticipation,
            ["cite-part-title", "cite-part-text", "cite-part-bibtex"],
            "5",
        )
    };
    target.dialog.view("cite-part-title", write, |_| {})
}

/// A source's page: title, publisher, date, language, URL, the events it reports,
/// every participation it supports, and its full text with each quote marked.
/// Written by hand ([`crate::dom::page`]; as a view it cost 8.6 KB brotli more),
/// again when its text arrives or `quote=` names another participation.
#[component]
pub fn SourcePage(id: String) -> impl IntoView {
    let engine = expect_context::<Arc<Engine>>();
    let texts = expect_context::<Texts>();
    let nav = expect_context::<Nav>();
    let Some(s) = engine.source_index(&id) else {
        return dom::not_found(tf(Key::NoSourceWithId, &[("id", &id)]), |v| v.open = None);
    };
    texts.ensure(engine.clone());
    let page = {
        let engine = engine.clone();
        dom::memo(move || {
            texts.version.track();
            engine.source_page(s)
        })
    };
    // The participation the URL's `quote=` names, if it cites this source.
    let current = {
        let engine = engine.clone();
        dom::memo(move || {
            let quote = nav.view.with(|v| v.quote.clone())?;
            let parts = &engine.dataset().participations;
            parts
                .iter()
                .position(|p| quote.names(p) && p.source == engine.dataset().sources[s].id)
        })
    };
    // Scroll to the current quote and focus it once it is on the page.
    dom::effect(move || {
        let _ = page.with(|p| p.as_ref().map(|p| p.has_text));
        if current.get().is_some() {
            request_animation_frame(focus_current_quote);
        }
    });

    let write = move |doc: &Document, article: &Element, links: &mut Links, engine: &Engine| {
        let current = current.get();
        page.with(|page| write_source_page(doc, article, links, engine, s, page.as_ref(), current));
    };
    let cite = expect_context::<CiteTarget>();
    dom::page("detail source-page", write, move |event| {
        cite.open_clicked(event);
    })
}

/// Writes source `s`'s page into `article`: title, publisher, date, language,
/// URL; then, from `page` (none until the engine has it), the events it reports,
/// the participations it supports (`current` outlined) and its text.
fn write_source_page(
    doc: &Document,
    article: &Element,
    links: &mut Links,
    engine: &Engine,
    s: usize,
    page: Option<&SourcePage>,
    current: Option<usize>,
) {
    let dataset = engine.dataset();
    let source = &dataset.sources[s];
    dom::heading(doc, article, links, &source.title, |v| {
        v.open = None;
        v.quote = None;
    });
    let dl = child(doc, article, "dl", "");
    dom::field(
        doc,
        &dl,
        t(Key::Publisher),
        source.publisher.as_deref().unwrap_or(""),
    );
    let published = source.published.as_ref().map(date_in_words);
    dom::field(
        doc,
        &dl,
        t(Key::Published),
        published.as_deref().unwrap_or(""),
    );
    dom::field(
        doc,
        &dl,
        t(Key::SourceLanguage),
        source.language.as_deref().unwrap_or(""),
    );
    if let Some(url) = &source.url {
        child_text(doc, &dl, "dt", "", "URL");
        let a = child_text(doc, &child(doc, &dl, "dd", ""), "a", "", url);
        let _ = a.set_attribute("href", url);
        let _ = a.set_attribute("rel", "noopener");
    }

    child_text(doc, article, "h3", "", t(Key::EventsItReports));
    let ul = child(doc, article, "ul", "participants");
    for &e in page.map_or(&[][..], |p| &p.events) {
        let event = &dataset.events[e as usize];
        let id = event.id.clone();
        let li = child(doc, &ul, "li", "");
        let link = links.add(doc, &li, "", move |v| {
            v.open = Some(Open::Event(id.clone()))
        });
        link.set_text_content(Some(&event.name));
    }

    child_text(doc, article, "h3", "", t(Key::ParticipationsItSupports));
    let ul = child(doc, article, "ul", "participants");
    if let Some(page) = page {
        for (&p, range) in page.participations.iter().zip(&page.quote_ranges) {
            let p = p as usize;
            participation_item(
                doc,
                &ul,
                links,
                engine,
                p,
                range.is_some(),
                current == Some(p),
            );
        }
    }

    child_text(doc, article, "h3", "", t(Key::Text));
    let Some(page) = page else {
        return;
    };
    let text = engine.sources().text(s).filter(|_| page.has_text);
    let Some(text) = text else {
        let said = if dataset_has_text(engine, s) {
            t(Key::LoadingText)
        } else {
            t(Key::NoText)
        };
        let _ = child_text(doc, article, "p", "", said).set_attribute("role", "status");
        return;
    };
    let div = child(doc, article, "div", "source-text");
    if let Some(lang) = &source.language {
        let _ = div.set_attribute("lang", lang);
    }
    source_text(doc, &div, engine, &text, page, current);
}

/// Whether the dataset gives source `s` a text (inline or by URL).
fn dataset_has_text(engine: &Engine, s: usize) -> bool {
    let source = &engine.dataset().sources[s];
    source.text.is_some() || source.text_url.is_some()
}

/// One participation on the source page: who, in which role, at which event, the
/// quote; "Show in source" (when `located` in the text) and "Cite"; `current` is
/// the one the URL's `quote=` names.
fn participation_item(
    doc: &Document,
    ul: &Element,
    links: &mut Links,
    engine: &Engine,
    p: usize,
    located: bool,
    current: bool,
) {
    let dataset = engine.dataset();
    let part = &dataset.participations[p];
    let actor = engine
        .actor_index(&part.actor)
        .map_or(part.actor.as_str(), |a| dataset.actors[a].name.as_str());
    let event = engine
        .event_index(&part.event)
        .map_or(part.event.as_str(), |e| dataset.events[e].name.as_str());
    let (actor_id, event_id) = (part.actor.clone(), part.event.clone());
    let li = child(doc, ul, "li", "");
    li.set_id(&format!("participation-{p}"));
    if current {
        li.set_class_name("current");
    }
    let link = links.add(doc, &li, "", move |v| {
        v.open = Some(Open::Actor(actor_id.clone()))
    });
    link.set_text_content(Some(actor));
    dom::text(&li, &tf(Key::RoleAt, &[("role", t(Key::role(part.role)))]));
    let link = links.add(doc, &li, "", move |v| {
        v.open = Some(Open::Event(event_id.clone()))
    });
    link.set_text_content(Some(event));
    let quote = part.quote.as_deref().unwrap_or("");
    child_text(doc, &li, "blockquote", "quote", &format!("“{quote}”"));
    let actions = child(doc, &li, "p", "quote-actions");
    if located {
        write_show_in_source(doc, &actions, links, engine, p);
    } else {
        child_text(doc, &actions, "span", "not-located", t(Key::NotFoundInText));
    }
    dom::text(&actions, " ");
    write_cite_button(doc, &actions, engine, p);
}

/// Appends the text to `div`, split at quote boundaries; each quoted stretch is a
/// `<mark>` linking to the participation(s) it supports, listed on this page (the
/// most specific ones: [`SourcePage::links`]); its title names every
/// participation it supports. The first stretch of the current quote is the
/// focus target.
fn source_text(
    doc: &Document,
    div: &Element,
    engine: &Engine,
    text: &str,
    page: &SourcePage,
    current: Option<usize>,
) {
    let mut focus_placed = false;
    for seg in &page.segments {
        let Some(piece) = text.get(seg.range.clone()) else {
            continue;
        };
        if seg.supports.is_empty() {
            dom::text(div, piece);
            continue;
        }
        let is_current = current.is_some_and(|c| seg.supports.contains(&(c as u32)));
        let focus_here = is_current && !std::mem::replace(&mut focus_placed, true);
        let label = seg
            .supports
            .iter()
            .map(|&p| describe(engine, p as usize))
            .collect::<Vec<_>>()
            .join("; ");
        let links = page.links(seg);
        let first = links.first().copied().unwrap_or(seg.supports[0]);
        let class = if is_current {
            "quote-mark current"
        } else {
            "quote-mark"
        };
        let mark = child(doc, div, "mark", class);
        let a = child_text(doc, &mark, "a", "", piece);
        let _ = a.set_attribute("href", &format!("#participation-{first}"));
        if focus_here {
            a.set_id(CURRENT_QUOTE_ID);
        }
        let _ = a.set_attribute("title", &tf(Key::Supports, &[("what", &label)]));
        // One link per further participation with the same quote, named for
        // screen readers.
        if links.len() > 1 {
            let sup = child(doc, &mark, "sup", "also-supports");
            for (i, &p) in links[1..].iter().enumerate() {
                if i > 0 {
                    dom::text(&sup, ",");
                }
                let n = (i + 2).to_string();
                let about = describe(engine, p as usize);
                let a = child_text(doc, &sup, "a", "", &n);
                let _ = a.set_attribute("href", &format!("#participation-{p}"));
                let _ = a.set_attribute("title", &about);
                // The visible number starts the accessible name (WCAG "label in name").
                let _ = a.set_attribute("aria-label", &format!("{n}: {about}"));
            }
        }
    }
}

/// "Morocco, host at World Border Security Congress 2017".
fn describe(engine: &Engine, p: usize) -> String {
    let dataset = engine.dataset();
    let Some(part) = dataset.participations.get(p) else {
        return String::new();
    };
    let actor = engine
        .actor_index(&part.actor)
        .map_or(part.actor.as_str(), |a| dataset.actors[a].name.as_str());
    let event = engine
        .event_index(&part.event)
        .map_or(part.event.as_str(), |e| dataset.events[e].name.as_str());
    tf(
        Key::Describe,
        &[
            ("actor", actor),
            ("role", t(Key::role(part.role))),
            ("event", event),
        ],
    )
}

fn focus_current_quote() {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(CURRENT_QUOTE_ID))
    else {
        return;
    };
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
    // Then bring it to the middle of the window (focus only brings it into view,
    // often at an edge).
    if let Some(window) = web_sys::window() {
        let top = el.get_bounding_client_rect().top();
        let height = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let y = window.scroll_y().unwrap_or(0.0) + top - height / 3.0;
        window.scroll_to_with_x_and_y(0.0, y.max(0.0));
    }
}
