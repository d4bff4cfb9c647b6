//! Convene's web app: a thin Leptos layer over `convene-core`.
//!
//! The app fetches the dataset, builds the core's `Engine` once, and from then on
//! every view is a function of one `ViewState` that mirrors the page's query
//! string: components read the core's answers through memos and change the view
//! only through [`Nav`], which also writes the browser history.

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
/// Public for tests/web.rs, which checks it against Rust's own case mapping.
pub use i18n::capitalised;
pub use nav::Nav;

/// Mounts the app on the page body. Called once by `main`.
pub fn start() {
    console_error_panic_hook::set_once();
    // In the Web Worker that opens data (public/open-worker.js runs this same
    // module), there is no page to mount.
    if web_sys::window().is_none() {
        return;
    }
    let (view, _) = convene_core::view::ViewState::from_query(&history::current_query());
    i18n::init(view.lang);
    leptos::mount::mount_to_body(App);
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
    let dataset = {
        let url = url.clone();
        LocalResource::new(move || {
            let url = url.clone();
            let refused = refused.clone();
            async move {
                match refused {
                    Some(refusal) => Err(LoadFailure {
                        summary: convene_core::i18n::link_refusal(i18n::lang(), &refusal),
                        details: Vec::new(),
                    }),
                    None => fetch_dataset(url).await,
                }
            }
        })
    };
    // Data the user opened (issue 13) replaces the fetched dataset.
    let opened = open::OpenedData(RwSignal::new(None));
    provide_context(opened);
    move || {
        if let Some((engine, origin)) = opened.0.get() {
            return view! {
                <p class="data-origin" role="note">{origin}</p>
                <Explorer engine=engine/>
            }
            .into_any();
        }
        match dataset.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Ok(engine)) => view! {
                {banner.clone().map(|b| view! { <p class="data-origin" role="note">{b}</p> })}
                <Explorer engine=engine/>
            }
            .into_any(),
            Some(Err(failure)) => {
                view! { <LoadError failure=failure retry=move || dataset.refetch()/> }.into_any()
            }
        }
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
#[component]
fn LoadError(failure: LoadFailure, retry: impl Fn() + 'static) -> impl IntoView {
    let shown = failure.details.len().min(50);
    let more = failure.details.len() - shown;
    let details = failure.details[..shown].join("\n");
    view! {
        <header class="app-header">
            <Brand/>
        </header>
        <main id="main">
            <section class="error-view" role="alert" aria-labelledby="load-error-title">
                <h2 id="load-error-title">{t(Key::LoadErrorTitle)}</h2>
                <p>{failure.summary}</p>
                {(!details.is_empty()).then(|| view! { <pre>{details}</pre> })}
                {(more > 0).then(|| view! { <p>{tf(Key::AndMore, &[("n", &i18n::num(more))])}</p> })}
                <button class="primary" on:click=move |_| retry()>{t(Key::Retry)}</button>
                <open::OpenData/>
            </section>
        </main>
    }
}
