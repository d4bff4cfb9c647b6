//! Convene's web app: a thin Leptos layer over `convene-core`.
//!
//! The app fetches the dataset, builds the core's `Engine` once, and from then on
//! every view is a function of one `ViewState` that mirrors the page's query
//! string: components read the core's answers through memos and change the view
//! only through [`Nav`], which also writes the browser history.

use std::sync::Arc;

use convene_core::engine::Engine;
use convene_core::i18n::Key;
use leptos::prelude::*;

use crate::i18n::{t, tf};

mod data;
mod detail;
mod dom;
mod drawer;
mod events;
mod explorer;
mod facets;
mod history;
mod i18n;
mod matrix;
mod nav;
mod network;
mod open;
pub mod open_worker;
mod share;
mod sources;
mod text;

pub use data::{fetch_dataset, LoadFailure, BUNDLED_DATASET};
pub use explorer::Explorer;
pub use history::HistoryMode;
/// Public for tests/web.rs, which checks them against Rust's own case mapping.
pub use i18n::{capitalised, lowered};
pub use nav::Nav;

/// Mounts the app on the page body. Called once by `main`.
pub fn start() {
    console_error_panic_hook::set_once();
    let (view, _) = convene_core::view::ViewState::from_query(&history::current_query());
    match i18n::choose(view.lang) {
        convene_core::i18n::Lang::En => {
            i18n::set_english();
            leptos::mount::mount_to_body(App);
        }
        // Another language: its catalogue is fetched first (public/boot.js
        // preloads it while the wasm loads), so that no English shows meanwhile.
        // wasm-bindgen's spawn: Leptos's executor starts with the mount.
        lang => wasm_bindgen_futures::spawn_local(async move {
            i18n::load(lang).await;
            leptos::mount::mount_to_body(App);
        }),
    }
}

/// The dataset's URL: the `data` parameter when the page names one (bring your own
/// data), else the bundled seed dataset. Both are relative to the page.
pub(crate) fn dataset_url() -> String {
    // The one query decoder (as URLSearchParams reads it), as for every parameter.
    convene_core::view::dataset_param(&history::current_query())
        .unwrap_or_else(|| BUNDLED_DATASET.to_owned())
}

/// The root component: loads the dataset, then shows the explorer (or says what failed).
#[component]
pub fn App() -> impl IntoView {
    let url = dataset_url();
    // Another site's data (`?data=https://…`): only https, and a banner says
    // whose data it is. Relative URLs are this site's own.
    let foreign = url
        .contains(':')
        .then(|| convene_core::import::check_data_url(&url));
    let banner = match &foreign {
        Some(Ok(host)) => Some(tf(Key::DataFrom, &[("host", host)])),
        _ => None,
    };
    let refused = match foreign {
        Some(Err(message)) => Some(message),
        _ => None,
    };
    // The fetched dataset, `None` until the first fetch ends; each Retry fetches
    // again (the failure stays shown meanwhile). A signal set by a task, not a
    // `LocalResource`: the app needs nothing else of Leptos's async machinery
    // (async derived values, suspense, transitions), and leaving it out took
    // 8 KB brotli off the app (issue 18: size).
    let dataset = RwSignal::new(None::<Result<Arc<Engine>, LoadFailure>>);
    let attempt = RwSignal::new(0u32);
    dom::effect(move || {
        let this = attempt.get();
        let url = url.clone();
        let refused = refused.clone();
        leptos::task::spawn_local(async move {
            let result = match refused {
                Some(refusal) => Err(LoadFailure {
                    summary: convene_core::i18n::link_refusal(t, &refusal),
                    details: Vec::new(),
                }),
                None => fetch_dataset(url).await,
            };
            // Only the latest Retry's answer counts: an earlier fetch that ends
            // after it must not replace what it showed.
            if attempt.get_untracked() == this {
                dataset.set(Some(result));
            }
        });
    });
    // Data the user opened (issue 13) replaces the fetched dataset.
    let opened = open::OpenedData(RwSignal::new(None));
    provide_context(opened);
    move || {
        // The explorer with a note on whose data it shows: the data opened, else
        // the fetched dataset with the banner of another site's data.
        let (engine, note) = match (opened.0.get(), dataset.get()) {
            (Some((engine, origin)), _) => (engine, Some(origin)),
            (None, Some(Ok(engine))) => (engine, banner.clone()),
            (None, None) => return view! { <Loading/> }.into_any(),
            (None, Some(Err(failure))) => {
                return view! { <LoadError failure=failure retry=move || attempt.update(|n| *n += 1)/> }
                    .into_any()
            }
        };
        view! {
            {dom::para("data-origin", Some("note"), move || note.clone())}
            <Explorer engine=engine/>
        }
        .into_any()
    }
}

/// The page header's brand, shared by every state of the app.
#[component]
fn Brand() -> impl IntoView {
    view! { <p class="brand">"Convene"</p> }
}

/// Shown while the dataset loads: the same frame as the explorer, so nothing jumps.
#[component]
fn Loading() -> impl IntoView {
    view! {
        <header class="app-header">
            <Brand/>
        </header>
        <main id="main" class="loading" aria-busy="true">
            <p role="status">{t(Key::LoadingDataset)}</p>
        </main>
    }
}

/// Shown when the dataset cannot be fetched or is not valid: what failed, where, and a retry.
/// Its text is written by hand (see `crate::dom` for why), before the "Open data"
/// button and dialog that end the section.
#[component]
fn LoadError(failure: LoadFailure, retry: impl Fn() + 'static) -> impl IntoView {
    let section = NodeRef::<leptos::html::Section>::new();
    dom::effect(move || {
        let Some(section) = section.get() else {
            return;
        };
        // Built over an earlier error's section (Retry failed again: the same view
        // type, so Leptos reuses its elements), the section still holds that
        // error's text: take it out first (see `dom::on_mount`). Leptos's own
        // markers are not elements, so they stay.
        if let Ok(Some(old)) = section.query_selector(":scope > button.primary") {
            while let Some(before) = old.previous_element_sibling() {
                before.remove();
            }
            old.remove();
        }
        let doc = document();
        let open_data = section.first_child();
        let put = |tag: &str, text: &str| {
            let el = dom::element(&doc, tag, "");
            el.set_text_content(Some(text));
            let _ = section.insert_before(&el, open_data.as_ref());
            el
        };
        put("h2", t(Key::LoadErrorTitle)).set_id("load-error-title");
        put("p", &failure.summary);
        let shown = failure.details.len().min(50);
        if shown > 0 {
            put("pre", &failure.details[..shown].join("\n"));
        }
        let more = failure.details.len() - shown;
        if more > 0 {
            put("p", &tf(Key::AndMore, &[("n", &i18n::num(more))]));
        }
        put("button", t(Key::Retry)).set_class_name("primary");
    });
    let on_click = move |event: leptos::ev::MouseEvent| {
        if dom::target_in(&event, ".error-view > button.primary").is_some() {
            retry();
        }
    };
    view! {
        <header class="app-header">
            <Brand/>
        </header>
        <main id="main">
            <section class="error-view" role="alert" aria-labelledby="load-error-title" node_ref=section on:click=on_click>
                <open::OpenData/>
            </section>
        </main>
    }
}
