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
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::history;
use crate::nav::{Nav, NavLink};
use crate::share::{close_modal, copy_text, open_modal, today};
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

async fn fetch_text(url: &str) -> Result<String, String> {
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
    let count = move || texts.warnings.with(Vec::len);
    view! {
        <Show when=move || { count() > 0 }>
            <details class="notices quote-warnings" role="status">
                <summary>{move || {
                    let n = count();
                    i18n::plural(Key::QuotesUnchecked, n, &[])
                }}</summary>
                <ul>{move || texts.warnings.get().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            </details>
        </Show>
    }
}

/// "Show in source": opens the participation's source page at its quote.
pub fn show_in_source(engine: &Engine, participation: usize) -> impl IntoView {
    let part = &engine.dataset().participations[participation];
    let source = part.source.clone();
    let quote = QuoteRef::of(part);
    engine.source_index(&source).map(|_| {
        view! {
            <NavLink class="show-in-source" to=move |v| {
                v.open = Some(Open::Source(source.clone()));
                v.quote = Some(quote.clone());
            }>{t(Key::ShowInSource)}</NavLink>
        }
    })
}

/// The one "Cite this participation" dialog, and which participation it cites.
#[derive(Clone, Copy)]
pub struct CiteTarget {
    participation: RwSignal<Option<usize>>,
    dialog: NodeRef<html::Dialog>,
}

impl CiteTarget {
    /// No participation chosen yet; provide it as context above every "Cite" button
    /// and the dialog.
    pub fn new() -> CiteTarget {
        CiteTarget {
            participation: RwSignal::new(None),
            dialog: NodeRef::new(),
        }
    }
}

/// "Cite": opens the participation citation dialog for `participation`. Its
/// accessible name says which fact ("Cite Morocco, host at …"), so a page of
/// them reads apart, and never equals the header's "Cite" (this view).
#[component]
pub fn CiteParticipationButton(participation: usize) -> impl IntoView {
    let target = expect_context::<CiteTarget>();
    let engine = expect_context::<Arc<Engine>>();
    let label = tf(
        Key::CiteWhat,
        &[("what", &describe(&engine, participation))],
    );
    view! {
        <button class="link-button" aria-haspopup="dialog" aria-label=label on:click=move |_| {
            target.participation.set(Some(participation));
            open_modal(target.dialog);
        }>{t(Key::Cite)}</button>
    }
}

/// The dialog citing one participation as plain text and BibTeX; mounted once.
#[component]
pub fn CiteParticipationDialog() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let engine = expect_context::<Arc<Engine>>();
    let target = expect_context::<CiteTarget>();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let said = RwSignal::new(String::new());
    let citation = Memo::new(move |_| {
        let p = target.participation.get()?;
        let part = engine.dataset().participations.get(p)?;
        let link = ViewState {
            open: Some(Open::Source(part.source.clone())),
            quote: Some(QuoteRef::of(part)),
            ..ViewState::default()
        };
        let permalink = history::url_with_query(&nav.query_of(&link));
        ParticipationCitation::new(engine.dataset(), p, &permalink, today())
    });
    let text = move || citation.with(|c| c.as_ref().map(ParticipationCitation::plain_text));
    let bibtex = move || citation.with(|c| c.as_ref().map(ParticipationCitation::bibtex));
    // Remember the opener, to give it focus back on close.
    Effect::new(move |_| {
        if target.participation.get().is_some() {
            said.set(String::new());
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            opener.set_value(active);
        }
    });
    view! {
        <dialog node_ref=target.dialog class="share-dialog" aria-labelledby="cite-part-title"
            on:close=move |_| {
                if let Some(el) = opener.get_value() {
                    let _ = el.focus();
                }
            }>
            <h2 id="cite-part-title">{t(Key::CiteParticipation)}</h2>
            <label for="cite-part-text">{t(Key::Citation)}</label>
            <textarea id="cite-part-text" readonly rows="5" prop:value=move || text().unwrap_or_default()></textarea>
            <label for="cite-part-bibtex">"BibTeX"</label>
            <textarea id="cite-part-bibtex" readonly rows="9" prop:value=move || bibtex().unwrap_or_default()></textarea>
            <div class="dialog-actions">
                <button on:click=move |_| copy_text(text().unwrap_or_default(), said, Key::Citation)>{t(Key::CopyCitation)}</button>
                <button on:click=move |_| copy_text(bibtex().unwrap_or_default(), said, Key::BibTex)>{t(Key::CopyBibTex)}</button>
                <button on:click=move |_| close_modal(target.dialog)>{t(Key::Close)}</button>
                <span class="copied" role="status">{move || said.get()}</span>
            </div>
        </dialog>
    }
}

/// A source's page: title, publisher, date, language, URL, the events it reports,
/// every participation it supports, and its full text with each quote marked.
#[component]
pub fn SourcePage(id: String) -> impl IntoView {
    let engine = expect_context::<Arc<Engine>>();
    let texts = expect_context::<Texts>();
    let nav = expect_context::<Nav>();
    let Some(s) = engine.source_index(&id) else {
        return view! {
            <section class="detail" role="alert">
                <h2>{tf(Key::NoSourceWithId, &[("id", &id)])}</h2>
                <p>{t(Key::OtherVersion)}</p>
                <p><NavLink to=|v| v.open = None>{t(Key::BackToResults)}</NavLink></p>
            </section>
        }
        .into_any();
    };
    texts.ensure(engine.clone());
    let page = {
        let engine = engine.clone();
        Memo::new(move |_| {
            texts.version.track();
            engine.source_page(s)
        })
    };
    // The participation the URL's `quote=` names, if it cites this source.
    let current = {
        let engine = engine.clone();
        Memo::new(move |_| {
            let quote = nav.view.with(|v| v.quote.clone())?;
            let parts = &engine.dataset().participations;
            parts
                .iter()
                .position(|p| quote.names(p) && p.source == engine.dataset().sources[s].id)
        })
    };
    // Scroll to the current quote and focus it once it is on the page.
    Effect::new(move |_| {
        let _ = page.with(|p| p.as_ref().map(|p| p.has_text));
        if current.get().is_some() {
            request_animation_frame(focus_current_quote);
        }
    });

    let dataset = engine.dataset();
    let source = &dataset.sources[s];
    let field = |label: &'static str, value: Option<String>| {
        value
            .filter(|v| !v.is_empty())
            .map(|v| view! { <dt>{label}</dt> <dd>{v}</dd> })
    };
    let text_view = {
        let engine = engine.clone();
        move || {
            let page = page.get()?;
            if !page.has_text {
                let said = if dataset_has_text(&engine, s) {
                    t(Key::LoadingText)
                } else {
                    t(Key::NoText)
                };
                return Some(view! { <p role="status">{said}</p> }.into_any());
            }
            let text = engine.sources().text(s)?;
            Some(
                view! {
                    <div class="source-text" lang=engine.dataset().sources[s].language.clone()>
                        {source_text(&engine, &text, &page, current.get())}
                    </div>
                }
                .into_any(),
            )
        }
    };
    let events = {
        let engine = engine.clone();
        move || {
            page.with(|p| p.as_ref().map(|p| p.events.clone()))
                .unwrap_or_default()
                .into_iter()
                .map(|e| {
                    let event = &engine.dataset().events[e as usize];
                    let (id, name) = (event.id.clone(), event.name.clone());
                    view! { <li><NavLink to=move |v| v.open = Some(Open::Event(id.clone()))>{name}</NavLink></li> }
                })
                .collect_view()
        }
    };
    let participations = {
        let engine = engine.clone();
        move || {
            let rows = page
                .with(|p| {
                    p.as_ref().map(|p| {
                        p.participations
                            .iter()
                            .zip(&p.quote_ranges)
                            .map(|(&i, r)| (i as usize, r.is_some()))
                            .collect::<Vec<_>>()
                    })
                })
                .unwrap_or_default();
            let current = current.get();
            rows.into_iter()
                .map(|(p, located)| participation_item(&engine, p, located, current == Some(p)))
                .collect_view()
        }
    };
    view! {
        <article class="detail source-page" aria-labelledby="detail-title">
            <p><NavLink to=|v| { v.open = None; v.quote = None; }>{t(Key::BackToResults)}</NavLink></p>
            <h2 id="detail-title">{source.title.clone()}</h2>
            <dl>
                {field(t(Key::Publisher), source.publisher.clone())}
                {field(t(Key::Published), source.published.as_ref().map(date_in_words))}
                {field(t(Key::SourceLanguage), source.language.clone())}
                {source.url.clone().map(|url| view! { <dt>"URL"</dt> <dd><a href=url.clone() rel="noopener">{url.clone()}</a></dd> })}
            </dl>
            <h3>{t(Key::EventsItReports)}</h3>
            <ul class="participants">{events}</ul>
            <h3>{t(Key::ParticipationsItSupports)}</h3>
            <ul class="participants">{participations}</ul>
            <h3>{t(Key::Text)}</h3>
            {text_view}
        </article>
    }
    .into_any()
}

/// Whether the dataset gives source `s` a text (inline or by URL).
fn dataset_has_text(engine: &Engine, s: usize) -> bool {
    let source = &engine.dataset().sources[s];
    source.text.is_some() || source.text_url.is_some()
}

/// One participation on the source page: who, in which role, at which event, the
/// quote; "Show in source" and "Cite".
fn participation_item(engine: &Engine, p: usize, located: bool, current: bool) -> impl IntoView {
    let dataset = engine.dataset();
    let part = &dataset.participations[p];
    let actor = engine
        .actor_index(&part.actor)
        .map_or_else(|| part.actor.clone(), |a| dataset.actors[a].name.clone());
    let event = engine
        .event_index(&part.event)
        .map_or_else(|| part.event.clone(), |e| dataset.events[e].name.clone());
    let (actor_id, event_id) = (part.actor.clone(), part.event.clone());
    view! {
        <li id=format!("participation-{p}") class:current=current>
            <NavLink to=move |v| v.open = Some(Open::Actor(actor_id.clone()))>{actor}</NavLink>
            {tf(Key::RoleAt, &[("role", t(Key::role(part.role)))])}
            <NavLink to=move |v| v.open = Some(Open::Event(event_id.clone()))>{event}</NavLink>
            <blockquote class="quote">"“" {part.quote.clone()} "”"</blockquote>
            <p class="quote-actions">
                {located.then(|| show_in_source(engine, p))}
                {(!located).then(|| view! { <span class="not-located">{t(Key::NotFoundInText)}</span> })}
                " " <CiteParticipationButton participation=p/>
            </p>
        </li>
    }
}

/// The text, split at quote boundaries; each quoted stretch is a `<mark>` linking
/// to the participation(s) it supports, listed on this page (the most specific
/// ones: [`SourcePage::links`]); its title names every participation it supports.
/// The first stretch of the current quote is the focus target.
fn source_text(
    engine: &Engine,
    text: &str,
    page: &SourcePage,
    current: Option<usize>,
) -> Vec<AnyView> {
    let mut focus_placed = false;
    page.segments
        .iter()
        .filter_map(|seg| {
            let piece = text.get(seg.range.clone())?.to_owned();
            if seg.supports.is_empty() {
                return Some(piece.into_any());
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
            // One link per further participation with the same quote, named for
            // screen readers.
            let more = (links.len() > 1).then(|| {
                let links = links[1..]
                    .iter()
                    .enumerate()
                    .map(|(i, &p)| {
                        let n = (i + 2).to_string();
                        let about = describe(engine, p as usize);
                        // The visible number starts the accessible name (WCAG "label in name").
                        let name = format!("{n}: {about}");
                        view! {
                            {(i > 0).then_some(",")}
                            <a href=format!("#participation-{p}") title=about aria-label=name>{n}</a>
                        }
                    })
                    .collect_view();
                view! { <sup class="also-supports">{links}</sup> }
            });
            Some(
                view! {
                    <mark class="quote-mark" class:current=is_current>
                        <a href=format!("#participation-{first}")
                           id=focus_here.then_some(CURRENT_QUOTE_ID)
                           title=tf(Key::Supports, &[("what", &label)])>{piece}</a>
                        {more}
                    </mark>
                }
                .into_any(),
            )
        })
        .collect()
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
