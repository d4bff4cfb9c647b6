//! The explorer page: header, search, facets, active filters, and the open view
//! (event list, matrix, or an event's or actor's page).

use std::sync::Arc;
use std::time::Duration;

use convene_core::engine::{Engine, Facet, Selection};
use convene_core::export;
use convene_core::i18n::{Key, Lang};
use convene_core::matrix::build_matrix;
use convene_core::share::{full_view, Messaging};
use convene_core::view::{EmbedPart, Notice, Open, ViewKind, ViewState};
use convene_core::view_edit::ActiveFilter;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement};

use crate::detail::{ActorPage, EventPage};
use crate::dom::{self, attr, child, child_text, show, text, Links, Slot};
use crate::drawer::{Drawer, FilterDrawer, PrintFooter, ShareMenu};
use crate::events::EventList;
use crate::facets::Facets;
use crate::history::{self, HistoryMode};
use crate::i18n::{self as i18n, t, tf};
use crate::matrix::MatrixView;
use crate::nav::Nav;
use crate::network::{Drawn, NetworkView};
use crate::share::{
    apply_host_view, embed_messaging, CiteButton, EmbedButton, ShareDialogViews, ShareDialogs,
};
use crate::sources::{CiteParticipationDialog, CiteTarget, QuoteWarnings, SourcePage, Texts};

/// Notices about a URL: codec notices, a language whose texts could not be
/// loaded (`i18n::load`), values the dataset does not hold, and in
/// an embed an `origin` that is not an origin (messaging with the host is off).
fn notices_for(view: &ViewState, engine: &Engine, mut notices: Vec<Notice>) -> Vec<String> {
    notices.extend(i18n::catalogue_notice());
    notices.extend(engine.unknown_values(view));
    if view.embed {
        notices.extend(Messaging::for_origin(view.origin.as_deref()).notice());
    }
    notices
        .into_iter()
        .map(|n| {
            tf(
                if n.adjusted {
                    Key::NoticeAdjusted
                } else {
                    Key::NoticeIgnored
                },
                &[
                    ("param", &n.param),
                    ("value", &n.value),
                    ("message", &n.message),
                ],
            )
        })
        .collect()
}

/// The explorer over a loaded dataset.
#[component]
pub fn Explorer(engine: Arc<Engine>) -> impl IntoView {
    let query = history::current_query();
    let (initial, codec_notices) = ViewState::from_query(&query);
    let notices = RwSignal::new(notices_for(&initial, &engine, codec_notices));
    let nav = Nav::new(initial, &query);
    provide_context(nav);
    provide_context(engine.clone());
    provide_context(Drawer::default());
    let texts = Texts::new(&engine);
    provide_context(texts);
    provide_context(CiteTarget::new());
    provide_context(ShareDialogs::new());
    // Source texts given by URL are fetched when first needed: for a search (which
    // also looks through them) or a source page.
    {
        let engine = engine.clone();
        dom::effect(move || {
            let needed = nav
                .view
                .with(|v| !v.q.trim().is_empty() || matches!(v.open, Some(Open::Source(_))));
            if needed {
                texts.ensure(engine.clone());
            }
        });
    }
    provide_context(Drawn::new());

    // Back and Forward: the address bar changed, so the view follows it.
    let popstate = {
        let engine = engine.clone();
        window_event_listener(ev::popstate, move |_| {
            let (view, codec_notices) = ViewState::from_query(&history::current_query());
            // Back across a language switch: the page is drawn in one language,
            // so it loads again in the other.
            if view.lang != nav.view.with_untracked(|v| v.lang) {
                reload();
                return;
            }
            notices.set(notices_for(&view, &engine, codec_notices));
            nav.view.set(view);
        })
    };
    on_cleanup(move || popstate.remove());

    // Embedded in a frame: tell the host our height and view; take views from it.
    if nav.view.with_untracked(|v| v.embed) {
        let engine = engine.clone();
        embed_messaging(nav, move |view, codec_notices| {
            notices.set(notices_for(&view, &engine, codec_notices));
            apply_host_view(nav, view);
        });
    }

    // Only search, filters and sort decide the selection: switching view or opening
    // a page must not recompute it.
    let selection_key = dom::memo(move || nav.view.with(ViewState::selection_key));
    let selection = {
        let engine = engine.clone();
        dom::memo(move || {
            // Texts arriving add matches through sources.
            texts.version.track();
            selection_key.with(|key| engine.query(key))
        })
    };

    let view = nav.view;
    // Which page shows: a memo, so a facet click (which changes the view but not the
    // page) updates the list or matrix in place instead of mounting it anew.
    let page = dom::memo(move || view.with(|v| (v.open.clone(), v.view)));
    let embed = move || view.with(|v| v.embed);
    let shows = move |part: EmbedPart| view.with(|v| !v.embed || v.embed_parts.contains(&part));
    let dataset = engine.dataset();
    let dataset_label = if dataset.version.is_empty() {
        dataset.title.clone()
    } else {
        tf(
            Key::DatasetVersion,
            &[("title", &dataset.title), ("version", &dataset.version)],
        )
    };

    view! {
        {show(move || shows(EmbedPart::Header), move || view! {
            <header class="app-header">
                <h1 class="brand">"Convene"</h1>
                <span class="dataset">{dataset_label.clone()}</span>
                <div class="actions">
                    <LanguageSwitch/>
                    <span class="share-actions">
                        <CopyLink/>
                        <EmbedButton/>
                        <CiteButton/>
                    </span>
                    <crate::open::OpenData/>
                </div>
            </header>
        }.into_any())}
        <div class="layout" class:embedded=embed class:embed=move || embed() && !shows(EmbedPart::Filters)>
            {show(move || shows(EmbedPart::Filters), move || view! {
                <aside class="sidebar" aria-label=t(Key::FiltersRegion)>
                    <FilterDrawer selection=selection>
                        <Facets selection=selection/>
                    </FilterDrawer>
                </aside>
            }.into_any())}
            <main id="main" class="content">
                {show(move || shows(EmbedPart::Search), || view! { <SearchBox/> }.into_any())}
                <Notices notices=notices/>
                <QuoteWarnings/>
                <Toolbar selection=selection/>
                {show(move || shows(EmbedPart::Export), move || view! {
                    <Downloads selection=selection/>
                }.into_any())}
                {show(move || !embed(), move || view! {
                    <ShareMenu>
                        <CopyLink/>
                        <EmbedButton/>
                        <CiteButton/>
                        <Downloads selection=selection/>
                    </ShareMenu>
                }.into_any())}
                {move || match page.get() {
                    (Some(Open::Event(id)), _) => view! { <EventPage id=id/> }.into_any(),
                    (Some(Open::Actor(id)), _) => view! { <ActorPage id=id/> }.into_any(),
                    (Some(Open::Source(id)), _) => view! { <SourcePage id=id/> }.into_any(),
                    (None, ViewKind::Events) => view! { <EventList selection=selection/> }.into_any(),
                    (None, ViewKind::Matrix) => view! { <MatrixView selection=selection/> }.into_any(),
                    (None, ViewKind::Network) => view! { <NetworkView selection=selection/> }.into_any(),
                }}
                {show(embed, move || open_in_convene(nav))}
            </main>
        </div>
        <PrintFooter/>
        <CiteParticipationDialog/>
        <ShareDialogViews/>
    }
}

/// The search field: as you type, one query per frame; typing replaces the
/// history entry.
#[component]
fn SearchBox() -> impl IntoView {
    let nav = expect_context::<Nav>();
    // The text typed since the last frame: the keys typed within a frame give one
    // query, run just before that frame paints (issue 18: a keystroke shows its
    // results in the next frame; the engine answers at 1M in about 1 ms). It used
    // to wait for a 120 ms pause in typing.
    let pending = StoredValue::new(None::<String>);
    let run = move || {
        let Some(text) = pending.try_update_value(Option::take).flatten() else {
            return;
        };
        // Starting a search is a navigation (Back returns to the unsearched view);
        // refining it replaces the entry, so Back does not step through every key.
        let starting = nav.view.with_untracked(|v| v.q.trim().is_empty());
        if starting {
            nav.go(HistoryMode::Push, |v| v.q = text);
        } else {
            nav.refine(|v| v.q = text);
        }
    };
    let on_input = move |event: ev::Event| {
        let text = event_target_value(&event);
        let first = pending
            .try_update_value(|p| p.replace(text).is_none())
            .unwrap_or(false);
        if first {
            request_animation_frame(run);
            // A page that gets no frames (a hidden tab, an offscreen frame).
            set_timeout(run, Duration::from_millis(100));
        }
    };
    // Written by hand (see `crate::dom` for why): the field, once; then its value
    // follows the view's text when that text changes (Back, a chip's "x") and
    // differs from what is typed. Other changes of the view (a facet click) leave
    // the field alone, as Leptos's `prop:value` did, so a key typed in the same
    // frame as a click is not overwritten before its query runs.
    let node = NodeRef::<leptos::html::Div>::new();
    let field = StoredValue::new_local(None::<HtmlInputElement>);
    dom::on_mount(node, move |el| {
        let input = child(&document(), el, "input", "");
        for (name, value) in [
            ("type", "search"),
            ("aria-label", t(Key::Search)),
            ("placeholder", t(Key::SearchPlaceholder)),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
        ] {
            attr(&input, name, value);
        }
        let input: HtmlInputElement = input.unchecked_into();
        input.set_value(&nav.view.with_untracked(|v| v.q.clone()));
        field.set_value(Some(input));
    });
    let mut last: Option<String> = None;
    dom::effect(move || {
        let q = nav.view.with(|v| v.q.clone());
        if last.as_ref() != Some(&q) {
            field.with_value(|f| {
                if let Some(f) = f.as_ref().filter(|f| f.value() != q) {
                    f.set_value(&q);
                }
            });
        }
        last = Some(q);
    });
    view! { <div class="search" role="search" node_ref=node on:input=on_input></div> }
}

/// An embed's link to the same view in Convene itself, in a new tab; its address
/// follows the view. Written by hand (see `crate::dom` for why).
fn open_in_convene(nav: Nav) -> AnyView {
    let node = NodeRef::<leptos::html::P>::new();
    let link = StoredValue::new_local(None::<Element>);
    let href = move || format!("?{}", nav.query_of(&full_view(&nav.view.get())));
    dom::on_mount(node, move |el| {
        let a = child(&document(), el, "a", "");
        attr(&a, "href", &untrack(href));
        attr(&a, "target", "_blank");
        attr(&a, "rel", "noopener");
        text(&a, t(Key::OpenInConvene));
        link.set_value(Some(a));
    });
    dom::effect(move || {
        let href = href();
        link.with_value(|a| a.as_ref().map(|a| attr(a, "href", &href)));
    });
    view! { <p class="open-in-convene" node_ref=node></p> }.into_any()
}

/// Notices about the URL (malformed values, unknown ids), dismissible. Written by
/// hand (see [`crate::dom`] for why).
#[component]
fn Notices(notices: RwSignal<Vec<String>>) -> impl IntoView {
    show(
        move || notices.with(|n| !n.is_empty()),
        move || {
            let node = NodeRef::<leptos::html::Div>::new();
            dom::on_mount(node, move |el| {
                let doc = document();
                notices.with(|n| dom::notice_list(&doc, el, "strong", t(Key::NoticesTitle), n));
                child_text(&doc, el, "button", "", t(Key::Dismiss));
            });
            let dismiss = move |event: ev::MouseEvent| {
                if dom::target_in(&event, "button").is_some() {
                    notices.set(Vec::new());
                }
            };
            view! { <div class="notices" role="status" node_ref=node on:click=dismiss></div> }
                .into_any()
        },
    )
}

/// The toolbar's places, written by hand (see [`crate::dom`] for why): each
/// follows its own signals, and what stays (the count's live region, the view
/// links) is updated in place, so a screen reader hears the count and the focus
/// stays on a view link that was followed.
struct ToolbarParts {
    /// "Filters (N)", where the filters are shown at all (narrow screens only).
    filters: Slot,
    count: Element,
    /// How many undated events a year filter hides, or includes, with a button.
    undated: Slot,
    chips: Element,
    /// What each chip removes, by its index among the chips.
    removes: Vec<ActiveFilter>,
    clear: Slot,
    /// The view switch (when shown): its three links and their views.
    views: Slot,
    view_links: Links,
    kinds: Vec<(Element, ViewKind)>,
}

/// Result count, active-filter chips, "Clear all" and the view switch.
#[component]
fn Toolbar(selection: Memo<Selection>) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let drawer = expect_context::<Drawer>();
    let node = NodeRef::<leptos::html::Div>::new();
    let parts = StoredValue::new_local(None::<ToolbarParts>);
    dom::on_mount(node, move |div| {
        let doc = document();
        let filters = Slot::new(&doc, div);
        let count = child(&doc, div, "span", "result-count");
        attr(&count, "role", "status");
        attr(&count, "aria-live", "polite");
        let undated = Slot::new(&doc, div);
        let chips = child(&doc, div, "ul", "chips");
        attr(&chips, "aria-label", t(Key::ActiveFilters));
        parts.set_value(Some(ToolbarParts {
            filters,
            count,
            undated,
            chips,
            removes: Vec::new(),
            clear: Slot::new(&doc, div),
            views: Slot::new(&doc, div),
            view_links: Links::default(),
            kinds: Vec::new(),
        }));
        follow_toolbar(selection, parts);
    });
    let on_click = move |event: ev::MouseEvent| {
        let link = parts.with_value(|p| p.as_ref()?.view_links.clicked(&event));
        if let Some(change) = link {
            event.prevent_default();
            nav.go(HistoryMode::Push, |v| change(v));
            return;
        }
        let Some(button) = dom::target_in(&event, "button") else {
            return;
        };
        let is = |slot: &Slot| slot.holds(&button);
        let remove = parts.with_value(|p| {
            let p = p.as_ref()?;
            let chip = (0..p.removes.len()).find(|&i| {
                p.chips
                    .children()
                    .item(i as u32)
                    .is_some_and(|li| li.contains(Some(&button)))
            });
            Some((
                chip.map(|i| p.removes[i].clone()),
                is(&p.filters),
                is(&p.undated),
                is(&p.clear),
            ))
        });
        match remove {
            Some((Some(filter), ..)) => nav.go(HistoryMode::Push, |v| v.remove_filter(&filter)),
            Some((_, true, ..)) => drawer.show(button.dyn_into().ok()),
            Some((_, _, true, _)) => {
                let hidden = selection.with_untracked(|s| s.undated_hidden > 0);
                nav.go(HistoryMode::Push, |v| v.undated = hidden);
            }
            Some((.., true)) => nav.go(HistoryMode::Push, ViewState::clear_filters),
            _ => {}
        }
    };
    view! { <div class="toolbar" node_ref=node on:click=on_click></div> }
}

/// Effects that write each of the toolbar's places again when what it shows
/// changes (created once the places exist, so their first run writes them).
fn follow_toolbar(
    selection: Memo<Selection>,
    parts: StoredValue<Option<ToolbarParts>, LocalStorage>,
) {
    let nav = expect_context::<Nav>();
    let engine = expect_context::<Arc<Engine>>();
    let follow = move |write: &dyn Fn(&Document, &mut ToolbarParts)| dom::follow(parts, write);
    // Each memo changes only when its words do, so a click rewrites only what
    // it changed.
    let filters = dom::memo(move || {
        nav.view.with(|v| {
            let shown = !v.embed || v.embed_parts.contains(&EmbedPart::Filters);
            shown.then(|| match v.active_filters().len() {
                0 => t(Key::Filters).to_owned(),
                n => tf(Key::FiltersCount, &[("n", &i18n::num(n))]),
            })
        })
    });
    dom::effect(move || {
        let label = filters.get();
        follow(&|doc, p| {
            if let Some(button) = p.filters.button(doc, label.as_deref(), "filters-button") {
                attr(&button, "aria-haspopup", "dialog");
            }
        });
    });
    dom::effect(move || {
        let n = selection.with(|s| s.events.len());
        let count = i18n::plural(Key::EventCount, n, &[]);
        follow(&|_, p| p.count.set_text_content(Some(&count)));
    });
    let undated = dom::memo(move || selection.with(|s| (s.undated_hidden, s.undated_included)));
    dom::effect(move || {
        let note = match undated.get() {
            (hidden, _) if hidden > 0 => Some((Key::UndatedHidden, Key::ShowUndated, hidden)),
            (_, included) if included > 0 => {
                Some((Key::IncludingUndated, Key::HideUndated, included))
            }
            _ => None,
        };
        // A note that stays (hidden becomes included) is written in place, so the
        // focus stays on its button.
        follow(&|doc, p| match note {
            None => p.undated.clear(),
            Some((says, button, n)) => {
                let says = i18n::plural(says, n as usize, &[]);
                let button = i18n::plural(button, n as usize, &[]);
                if let Some(span) = p.undated.nodes.first() {
                    if let (Some(words), Some(b)) = (span.first_child(), span.last_element_child())
                    {
                        words.set_text_content(Some(&says));
                        b.set_text_content(Some(&button));
                    }
                } else {
                    let span = p.undated.add(doc, "span", "undated-note");
                    text(&span, &says);
                    text(&span, " ");
                    child_text(doc, &span, "button", "", &button);
                }
            }
        });
    });
    let chips = {
        let engine = engine.clone();
        dom::memo(move || {
            nav.view
                .with(|v| v.active_filters())
                .into_iter()
                .map(|filter| {
                    let label = chip_label(&engine, selection, filter.facet, &filter.key);
                    (filter, label)
                })
                .collect::<Vec<_>>()
        })
    };
    dom::effect(move || {
        chips.with(|chips| {
            // Chips are rewritten in place by position (the focus stays on the
            // button at the place of a removed chip); extra ones go.
            follow(&|doc, p| {
                for (i, (_, label)) in chips.iter().enumerate() {
                    let li = dom::nth_child(&p.chips, i, || {
                        let li = dom::element(doc, "li", "");
                        child(doc, &li, "button", "chip");
                        li
                    });
                    let Some(button) = li.first_element_child() else {
                        continue;
                    };
                    button.set_text_content(None);
                    attr(
                        &button,
                        "aria-label",
                        &tf(Key::RemoveFilter, &[("label", label)]),
                    );
                    text(&button, label);
                    attr(
                        &child_text(doc, &button, "span", "chip-x", " ✕"),
                        "aria-hidden",
                        "true",
                    );
                }
                dom::keep_children(&p.chips, chips.len());
                p.removes = chips.iter().map(|(filter, _)| filter.clone()).collect();
            })
        });
    });
    let any_filter = dom::memo(move || {
        nav.view
            .with(|v| !v.active_filters().is_empty() || !v.q.trim().is_empty())
    });
    dom::effect(move || {
        let shown = any_filter.get();
        follow(&|doc, p| {
            if !shown {
                p.clear.clear();
            } else if p.clear.nodes.is_empty() {
                p.clear
                    .add(doc, "button", "")
                    .set_text_content(Some(t(Key::ClearAll)));
            }
        });
    });
    let shows_views = dom::memo(move || {
        nav.view
            .with(|v| !v.embed || v.embed_parts.contains(&EmbedPart::Views))
    });
    dom::effect(move || {
        let shown = shows_views.get();
        follow(&|doc, p| {
            if !shown {
                p.views.clear();
                p.view_links = Links::default();
                p.kinds.clear();
            } else if p.views.nodes.is_empty() {
                let switch = p.views.add(doc, "nav", "view-switch");
                attr(&switch, "aria-label", t(Key::Views));
                for kind in [ViewKind::Events, ViewKind::Matrix, ViewKind::Network] {
                    let link = p.view_links.add(doc, &switch, "", move |v| {
                        v.view = kind;
                        v.open = None;
                    });
                    link.set_text_content(Some(t(Key::view(kind))));
                    p.kinds.push((link, kind));
                }
            }
        });
    });
    // The links' addresses and which one is the current page follow the view.
    dom::effect(move || {
        shows_views.track();
        let (view, open) = nav.view.with(|v| (v.view, v.open.is_some()));
        parts.update_value(|p| {
            let Some(p) = p else {
                return;
            };
            p.view_links.refresh(nav);
            for (link, kind) in &p.kinds {
                if *kind == view && !open {
                    attr(link, "aria-current", "page");
                } else {
                    let _ = link.remove_attribute("aria-current");
                }
            }
        });
    });
}

/// A chip's words: "Country: Morocco", "Year: 2013-2017".
fn chip_label(engine: &Engine, selection: Memo<Selection>, facet: Facet, key: &str) -> String {
    let label = match facet {
        Facet::Actor => engine
            .actor_index(key)
            .map(|a| engine.dataset().actors[a].name.clone()),
        Facet::Year => None,
        Facet::Status | Facet::Kind | Facet::Role => crate::facets::translated_value(facet, key),
        _ => selection.with_untracked(|s| {
            s.facet(facet).and_then(|f| {
                f.values
                    .iter()
                    .find(|v| &*v.key == key)
                    .map(|v| v.label.to_string())
            })
        }),
    };
    tf(
        Key::ChipLabel,
        &[
            ("facet", t(Key::facet(facet))),
            ("value", &label.unwrap_or_else(|| key.to_owned())),
        ],
    )
}

/// "Copy link": copies the address of this view, and says so (the status is
/// written by hand, not a reactive text: issue 18, size).
#[component]
fn CopyLink() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let status = NodeRef::<leptos::html::Span>::new();
    let copy = move |_| {
        let url = history::url_with_query(&nav.query_of(&nav.view.get_untracked()));
        leptos::task::spawn_local(async move {
            let ok = match web_sys::window().map(|w| w.navigator().clipboard()) {
                Some(clipboard) => wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&url))
                    .await
                    .is_ok(),
                None => false,
            };
            // Without clipboard permission, show the link so it can be copied by hand.
            let said = if ok {
                t(Key::LinkCopied).to_owned()
            } else {
                tf(Key::CopyThisLink, &[("url", &url)])
            };
            if let Some(span) = status.get_untracked() {
                span.set_text_content(Some(&said));
            }
        });
    };
    view! {
        <button on:click=copy>{t(Key::CopyLink)}</button>
        <span class="copied" role="status" node_ref=status></span>
    }
}

/// "Download CSV" and "Download JSON" of the participations in the current
/// selection, and "Download SVG" of the picture: the network as drawn in the
/// network view, else the participation matrix.
#[component]
fn Downloads(selection: Memo<Selection>) -> impl IntoView {
    let engine = expect_context::<Arc<Engine>>();
    let nav = expect_context::<Nav>();
    let drawn = expect_context::<Drawn>();
    let node = NodeRef::<leptos::html::Div>::new();
    dom::on_mount(node, |div| {
        let doc = document();
        for key in [Key::DownloadCsv, Key::DownloadJson, Key::DownloadSvg] {
            child_text(&doc, div, "button", "", t(key));
        }
    });
    // Which download: the button's place among the three.
    let on_click = move |event: ev::MouseEvent| {
        let Some(button) = dom::target_in(&event, "button") else {
            return;
        };
        match dom::place(&button) {
            0 => {
                let text = selection
                    .with_untracked(|s| export::to_csv(&engine, s.participations(&engine)));
                download(
                    "convene-participations.csv",
                    "text/csv;charset=utf-8",
                    &text,
                );
            }
            1 => {
                let text = selection
                    .with_untracked(|s| export::to_json(&engine, s.participations(&engine)));
                download("convene-participations.json", "application/json", &text);
            }
            _ => {
                let network = nav
                    .view
                    .with_untracked(|v| v.view == ViewKind::Network && v.open.is_none());
                if let Some(text) = network.then(|| drawn.svg(&engine)).flatten() {
                    download("convene-network.svg", "image/svg+xml", &text);
                    return;
                }
                let order = nav.view.with_untracked(|v| v.order);
                let matrix = selection.with_untracked(|s| build_matrix(&engine, s, order));
                let title = tf(Key::MatrixSvgTitle, &[("title", &engine.dataset().title)]);
                let text = export::matrix_svg(&engine, &matrix, &title);
                download("convene-matrix.svg", "image/svg+xml", &text);
            }
        }
    };
    view! { <div class="toolbar downloads" node_ref=node on:click=on_click></div> }
}

/// Saves `text` as a file through a temporary object URL.
pub fn download(file_name: &str, mime: &str, text: &str) {
    let result = (|| -> Result<(), wasm_bindgen::JsValue> {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
        // Revoking at once can cancel the download before the browser has read
        // the blob; a minute later it is long done.
        set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            Duration::from_secs(60),
        );
        Ok(())
    })();
    if let Err(err) = result {
        leptos::logging::error!("download of {file_name} failed: {err:?}");
    }
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// "Language": a select of English, Français, العربية. Choosing one loads this
/// view again with `lang=` (each option names its language in itself, marked
/// with its own `lang` and `dir` for screen readers).
#[component]
fn LanguageSwitch() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let current = i18n::lang();
    let on_change = move |event: ev::Event| {
        let Some(lang) = Lang::parse(&event_target_value(&event)) else {
            return;
        };
        if lang == current {
            return;
        }
        let mut target = nav.view.get_untracked();
        target.lang = Some(lang);
        let url = history::url_with_query(&nav.query_of(&target));
        if let Some(window) = web_sys::window() {
            let _ = window.location().assign(&url);
        }
    };
    let node = NodeRef::<leptos::html::Label>::new();
    dom::on_mount(node, move |label| {
        let doc = document();
        child_text(&doc, label, "span", "", t(Key::Language));
        text(label, " ");
        let select = child(&doc, label, "select", "");
        for lang in Lang::ALL {
            let option = child_text(&doc, &select, "option", "", lang.native_name());
            attr(&option, "value", lang.as_str());
            attr(&option, "lang", lang.as_str());
            attr(&option, "dir", lang.dir());
            if lang == current {
                attr(&option, "selected", "");
            }
        }
    });
    view! { <label class="language" node_ref=node on:change=on_change></label> }
}
